"""Port-Out Planner dashboard: `streamlit run app.py`.

The entry only routes. Trap (measured): with a `pages/` folder, a deep link opened before any session has
run this script runs the page through the old auto-discovery, without this file. So every page calls
`portout_app.state.page_setup()` first (sample on first visit, same state), and the menu is drawn by
`page_setup` with `st.page_link` (the automatic one is hidden in .streamlit/config.toml), so both paths
look and behave the same.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from portout_app.language import gettext

HERE = Path(__file__).resolve().parent

_ = gettext()
PAGES = [
    st.Page(HERE / "pages" / "load.py", title=_("Load"), icon=":material/upload_file:", url_path="load", default=True),
    st.Page(HERE / "pages" / "inventory.py", title=_("Inventory"), icon=":material/table_view:", url_path="inventory"),
    st.Page(
        HERE / "pages" / "port_plan.py", title=_("Port plan"), icon=":material/account_tree:", url_path="port_plan"
    ),
    st.Page(
        HERE / "pages" / "cost_impact.py", title=_("Cost impact"), icon=":material/payments:", url_path="cost_impact"
    ),
    st.Page(
        HERE / "pages" / "loa_export.py", title=_("LOA export"), icon=":material/description:", url_path="loa_export"
    ),
    st.Page(HERE / "pages" / "tracker.py", title=_("Tracker"), icon=":material/timeline:", url_path="tracker"),
]

st.navigation(PAGES, position="hidden").run()
