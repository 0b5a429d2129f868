"""Large downloads prepared on request, with their stages shown as they happen (issue 13).

A download button whose data is a callable builds the file on click behind nothing but the browser's wait
(the 100k-number workbook takes many seconds); an eager one rebuilds it on every rerun. Instead a
"Prepare" button builds it inside `st.status`, which names each stage the library reports through its
progress callback (portout.progress), then offers the bytes. They are kept in session state with the
fingerprint of everything they were built from (plan, settings, dates, language): when any of it changes,
the old file is dropped with a note and never offered.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from portout.i18n import N_, Translator
from portout.progress import OnProgress, Step, step_text
from portout.settings import dump_settings
from portout_app import cache, language
from portout_app.keys import BTN, MEMO, PREPARED
from portout_app.state import Loaded

_REDRAW = 0.1  # seconds between redraws inside one stage: a browser cannot show more anyway
# Units, marked for the catalogue here (they are translated through a Translator passed in).
_SECONDS, _MB, _KB = N_("{seconds} s"), N_("{size} MB"), N_("{size} kB")


@dataclass(frozen=True)
class Download:
    """One prepared file: what the download button shows and sends."""

    label: str
    data: bytes
    file_name: str
    mime: str


@dataclass(frozen=True)
class _Prepared:
    fingerprint: str
    files: tuple[Download, ...]
    seconds: float
    stale: bool = False  # prepared for other inputs: only the note is left


def fingerprint(*parts: object) -> str:
    """A short digest of everything a prepared file depends on (any JSON-able or repr-able values)."""
    return hashlib.sha256(cache.canon_json([repr(p) for p in parts]).encode()).hexdigest()[:16]


def plan_fingerprint(loaded: Loaded, *extra: object) -> str:
    """The fingerprint of the current plan (inventory, planning settings, merges: the plan memo's key), the
    whole settings, the BTN choices, and `extra` (language, dates...)."""
    ss = st.session_state
    plan_key = ss.get(MEMO, {}).get("plan", (None,))[0]
    return fingerprint(plan_key, dump_settings(loaded.settings), cache.canon_json(ss.get(BTN, {})), *extra)


def size_text(size: int, t: Translator) -> str:
    if size >= 1_000_000:
        return t(_MB, size=t.number(round(size / 1_000_000, 1)))
    return t(_KB, size=t.number(max(1, round(size / 1000))))


class _Feed:
    """The library's progress callback drawn into a status box: one line per stage (ticked when the next
    one starts, with its time) and a bar for the whole job."""

    def __init__(self, box: Any, t: Translator) -> None:
        self.t = t
        self.lines = box.container()
        self.bar = box.progress(0.0)
        self.line: Any = None
        self.last: Step | None = None
        self.stage_started = self.drawn = time.monotonic()

    def __call__(self, step: Step) -> None:
        now = time.monotonic()
        new_stage = self.last is None or step.stage != self.last.stage
        if new_stage:
            self._tick(now)
            self.stage_started = now
            self.line = None if step.stage == "done" else self.lines.empty()
        elif now - self.drawn < _REDRAW:
            self.last = step
            return
        self.last, self.drawn = step, now
        if self.line is not None:
            self.line.markdown(f":material/progress_activity: {step_text(step, self.t)}")
        self.bar.progress(step.fraction)

    def _tick(self, now: float) -> None:
        if self.line is not None and self.last is not None:
            seconds = self.t.number(now - self.stage_started, 1)
            self.line.markdown(f":material/check: {step_text(self.last, self.t)} · {self.t(_SECONDS, seconds=seconds)}")


def prepared_downloads(
    kind: str,
    print_: str,
    prepare_label: str,
    build: Callable[[OnProgress], list[Download]],
    key: str,
    primary: bool = False,
) -> None:
    """The Prepare button of `kind`, the status box while it builds, and the download buttons of the files
    prepared for exactly `print_` (a `fingerprint`): a file prepared for other inputs is never offered."""
    _ = language.gettext()
    store: dict[str, _Prepared] = st.session_state.setdefault(PREPARED, {})
    kept = store.get(kind)
    if kept is not None and kept.fingerprint != print_:
        # Built from another plan, settings, dates or language: its bytes are dropped, never offered again;
        # the note stays until the file is prepared anew.
        store[kind] = kept = _Prepared(print_, (), 0.0, stale=True)
    note = st.empty()
    if kept is not None and kept.stale:
        note.info(
            _("The plan or settings changed since this file was prepared: prepare it again."),
            icon=":material/update:",
        )
    # A file prepared for exactly these inputs is offered at once; otherwise the button prepares it.
    slot = st.empty()  # the button goes once clicked: the status box and then the download take its place
    if (kept is None or kept.stale) and slot.button(
        prepare_label, key=key, type="primary" if primary else "secondary", icon=":material/build:", width="stretch"
    ):
        note.empty()
        slot.empty()
        fresh = _run(print_, prepare_label, build, _)
        if fresh is not None:
            store[kind] = kept = fresh
    if kept is None or kept.stale:
        return
    for i, f in enumerate(kept.files):
        st.download_button(
            f.label,
            f.data,
            file_name=f.file_name,
            mime=f.mime,
            type="primary" if primary else "secondary",
            icon=":material/download:",
            key=f"{key}_dl{i}",
            width="stretch",
        )
    size = size_text(sum(len(f.data) for f in kept.files), _)
    st.caption(_("Prepared in {seconds} s, {size}.", seconds=_.number(kept.seconds, 1), size=size))


def _run(print_: str, label: str, build: Callable[[OnProgress], list[Download]], _: Translator) -> _Prepared | None:
    from portout_app.widgets import user_errors

    started = time.monotonic()
    with st.status(label.rstrip("…") + "…", expanded=True) as box:
        feed = _Feed(box, _)
        files: list[Download] | None = None
        with user_errors(_("Not prepared: ")):
            files = build(feed)
        seconds = time.monotonic() - started
        if files is None:
            box.update(label=_("Not prepared"), state="error", expanded=True)
            return None
        feed._tick(time.monotonic())
        size = size_text(sum(len(f.data) for f in files), _)
        box.update(
            label=_("Ready: {size} in {seconds} s", size=size, seconds=_.number(seconds, 1)),
            state="complete",
            expanded=False,
        )
    return _Prepared(print_, tuple(files), seconds)


__all__ = ["Download", "fingerprint", "plan_fingerprint", "prepared_downloads", "size_text"]
