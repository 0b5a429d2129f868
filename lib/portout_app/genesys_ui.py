"""The "Connect to Genesys Cloud" section of the load page (filled in when portout.genesys lands)."""

from __future__ import annotations

import streamlit as st


def connect_section() -> None:
    pass
