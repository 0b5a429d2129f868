"""Layouts that stay usable at 800 px (issue 13), where the sidebar leaves the page about 470 px.

`st.columns` squeezes its columns side by side down to 640 px of window: four money figures in a row read
"$1,3…", two charts become 230-px strips with cut titles, checkbox labels end in "…". Horizontal
containers wrap instead: what does not fit moves to the next row, so nothing is cut off.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

# Measured: the wide layout leaves 820 px beside the sidebar in a 1,280-px window, 940 px at 1,400, 468 at 800.
CHART_WIDTH = 400  # two side by side from a 1,280-px window up, else one per row
FIELD_WIDTH = 190  # an input: four in a row from 1,280 px, two at 800 px


def metrics_row() -> DeltaGenerator:
    """A row of st.metric that wraps: each figure keeps at least its own width, never truncated."""
    return st.container(horizontal=True, gap="medium")


def wrap_row() -> DeltaGenerator:
    """A row of content-wide items (checkboxes, buttons) that wraps where the page is narrow."""
    return st.container(horizontal=True, gap="medium", vertical_alignment="center")


def side_by_side(n: int, width: int = CHART_WIDTH) -> list[DeltaGenerator]:
    """`n` blocks of `width` px next to each other where they fit, else one under another (each then as
    wide as the page, at most `width`)."""
    row = st.container(horizontal=True, gap="small")  # 1 rem: the widths above count with it
    return [row.container(width=width) for _ in range(n)]


__all__ = ["CHART_WIDTH", "FIELD_WIDTH", "metrics_row", "side_by_side", "wrap_row"]
