"""Port-Out Planner dashboard: `streamlit run app.py`.

The entry only routes. Each page calls `portout_app.state.page_setup()` first, so a page opened directly
(a deep link before any session ran this script) still loads the sample and works.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

HERE = Path(__file__).resolve().parent
# Run from a checkout without `pip install -e .` too.
if str(HERE / "lib") not in sys.path:
    sys.path.insert(0, str(HERE / "lib"))

PAGES = [
    st.Page(HERE / "pages" / "load.py", title="Load", icon="📥", url_path="load", default=True),
    st.Page(HERE / "pages" / "inventory.py", title="Inventory", icon="📋", url_path="inventory"),
    st.Page(HERE / "pages" / "port_plan.py", title="Port plan", icon="🗂️", url_path="port_plan"),
    st.Page(HERE / "pages" / "cost_impact.py", title="Cost impact", icon="💶", url_path="cost_impact"),
    st.Page(HERE / "pages" / "loa_export.py", title="LOA export", icon="📄", url_path="loa_export"),
    st.Page(HERE / "pages" / "tracker.py", title="Tracker", icon="🛰️", url_path="tracker"),
]

st.navigation(PAGES).run()
