"""Port-Out Planner dashboard: `streamlit run app.py`.

The entry only routes. Trap (measured): with a `pages/` folder, a deep link opened before any session has
run this script runs the page through the old auto-discovery, without this file. So every page calls
`portout_app.state.page_setup()` first (sample on first visit, same state), and the menu is drawn by
`page_setup` with `st.page_link` (the automatic one is hidden in .streamlit/config.toml), so both paths
look and behave the same.
"""

from __future__ import annotations

import streamlit as st

from portout_app.navigation import navigation_pages

st.navigation(navigation_pages(), position="hidden").run()
