"""Streamlit-side helpers of the Port-Out Planner dashboard.

The `portout` library never imports streamlit; everything that does lives here, and the pages in
`pages/` stay thin: read widgets, call these helpers and `portout`, render.
"""
