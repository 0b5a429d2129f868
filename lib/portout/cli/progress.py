"""A progress line on stderr for long CLI work (a 100k-number export runs for many seconds), only when
stderr is a terminal: piped or redirected output gets nothing extra, so scripts and logs stay clean."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from portout.i18n import Translator
from portout.progress import Step, step_text

WIDTH = 24  # characters of the bar


class Progress:
    """Stages of known count; `step(label)` starts the next one, `advance(done, total)` moves inside it."""

    def __init__(
        self, stages: int, stream: TextIO | None = None, enabled: bool | None = None, t: Translator | None = None
    ) -> None:
        self.t = t  # the library's stage texts in --lang (English without one)
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.stages = max(stages, 1)
        self.stage = 0
        self.label = ""
        self.start = time.monotonic()
        self._last = 0.0

    def step(self, label: str) -> None:
        self.stage += 1
        self.label = label
        self._draw(0.0, force=True)

    def advance(self, done: int, total: int) -> None:
        self._draw(done / total if total else 1.0, suffix=f" {done:,}/{total:,}")

    def on_step(self, step: Step) -> None:
        """The library's progress callback (portout.progress): moves the bar inside the current stage and
        names what the library is doing ("Writing request 12 of 480")."""
        # A new library stage is drawn at once; counts inside a stage at most ten times a second.
        self._draw(step.fraction, suffix=f": {step_text(step, self.t)}", force=step.done == 0)

    def _draw(self, fraction: float, suffix: str = "", force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.1:  # at most ten redraws a second
            return
        self._last = now
        overall = (self.stage - 1 + min(max(fraction, 0.0), 1.0)) / self.stages
        filled = int(overall * WIDTH)
        bar = "#" * filled + "-" * (WIDTH - filled)
        line = f"[{bar}] {self.stage}/{self.stages} {self.label}{suffix} ({now - self.start:.0f} s)"
        self.stream.write("\r\x1b[K" + line)
        self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
