"""Tracker access for the dashboard: one `Tracker` per database path and process."""

from __future__ import annotations

import streamlit as st

from portout.tracker import Tracker
from portout_app.config import get_setting


@st.cache_resource(show_spinner=False)
def _tracker(path: str) -> Tracker:
    # cache_resource: the Tracker holds no connection (one per call), so sharing it between sessions is safe.
    return Tracker(path or None)


def tracker() -> Tracker:
    """The database from secrets / $PORTOUT_DB, else the user's data directory (the library's default)."""
    return _tracker(str(get_setting("PORTOUT_DB", "") or ""))
