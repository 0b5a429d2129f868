"""A re-plan (after a settings change, an edit, an upload) shows its stages in a status box instead of a bare
spinner: at 100k rows it takes a second or two, and the user should see what is happening.

The planner reports its stages through its progress callback (portout.progress). The callback runs inside
a `st.cache_data` function, where new elements would be recorded for replay; it therefore only relabels a
status box created outside (`update` sends no recorded element), which is always safe.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from portout.plan.model import Plan
from portout.progress import OnProgress, Step, step_text
from portout_app import language


def status_slot() -> DeltaGenerator:
    """The place of the status box, made on every run whether or not it is used: an element that comes and
    goes would shift the page's later elements, and Streamlit would then reset them (an open expander
    closes)."""
    return st.empty()


def with_stages(slot: DeltaGenerator, work: Callable[[OnProgress], Plan]) -> Plan:
    """Run `work(on_progress)` (reading and planning) with its stages in a status box in `slot`. The box is
    removed when nothing was really planned (a cache hit), else left collapsed with the time it took."""
    _ = language.gettext()
    title = _("Planning the port requests")
    box = slot.status(title + "…", expanded=False)
    reported: list[Step] = []
    started = time.monotonic()

    def on_progress(step: Step) -> None:
        reported.append(step)  # only the planner calls it: a cache hit reports nothing
        label = f"{title}: {step_text(step, _)} ({step.index}/{step.stages})"
        box.update(label=label, state="running")

    try:
        result = work(on_progress)
    except BaseException:
        slot.empty()
        raise
    if not reported:
        slot.empty()
    else:
        seconds = _.number(time.monotonic() - started, 1)
        rows = _.number(result.input_rows)
        box.update(label=_("Planned {rows} rows in {seconds} s", rows=rows, seconds=seconds), state="complete")
    return result


__all__ = ["status_slot", "with_stages"]
