"""Progress of long library work as a plain callback: the LOA workbook of 100k numbers, the per-request ZIP,
a plan of 100k rows, the finance export.

The library only calls `on_progress(Step)`; it draws nothing. The CLI turns the steps into a bar on stderr
(`portout.cli.progress`), the dashboard into a status box with the stage named. Stages are codes (the
library stays language-neutral); `STAGE_TEXT` holds their English wording for catalogue extraction, and
each front end words them in its own language.

Every job has a fixed, ordered tuple of stages ending in "done"; a Step carries the stage's position in
that tuple, so a consumer sees a monotonic sequence (stages that do not apply are skipped, never revisited).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from portout.i18n import N_, Translator

__all__ = [
    "FINANCE_STAGES",
    "PLAN_STAGES",
    "STAGE_TEXT",
    "WORKBOOK_STAGES",
    "ZIP_STAGES",
    "OnProgress",
    "Reporter",
    "Step",
    "step_text",
]

WORKBOOK_STAGES = (
    "reading",
    "summary",
    "requests",
    "all_numbers",
    "excluded",
    "warnings",
    "staying",
    "compressing",
    "done",
)
ZIP_STAGES = ("reading", "requests", "compressing", "done")
PLAN_STAGES = ("inventory", "classifying", "excluding", "grouping", "addresses", "readiness", "done")
FINANCE_STAGES = ("requests", "convention", "compressing", "done")

# English wording of each stage; {done} and {total} are filled in when the stage counts its items.
STAGE_TEXT = {
    "reading": N_("Reading the plan"),
    "summary": N_("Writing the summary sheet"),
    "requests": N_("Writing request {done} of {total}"),
    "all_numbers": N_("Writing the numbers sheet ({done} of {total} numbers)"),
    "excluded": N_("Writing the excluded sheet"),
    "warnings": N_("Writing the warnings sheet"),
    "staying": N_("Writing the sheet of numbers that stay"),
    "compressing": N_("Compressing"),
    "inventory": N_("Reading the inventory"),
    "classifying": N_("Classifying the numbers"),
    "excluding": N_("Checking providers, duplicates and addresses"),
    "grouping": N_("Grouping into port requests"),
    "addresses": N_("Checking addresses and number blocks"),
    "readiness": N_("Checking each request's readiness"),
    "convention": N_("Writing the convention sheet"),
    "done": N_("Done"),
}
# Before the first item is counted (or when a stage counts none) a counted stage reads like this.
_UNCOUNTED = {
    "requests": N_("Writing the requests"),
    "all_numbers": N_("Writing the numbers sheet"),
}


@dataclass(frozen=True)
class Step:
    """One report: the stage (a code of the job's stages), its position, and the items done in it."""

    stage: str
    index: int  # 1-based position of `stage` in the job's stages
    stages: int  # how many stages the job has ("done" included)
    done: int = 0
    total: int = 0  # items in this stage; 0 when the stage does not count items

    @property
    def fraction(self) -> float:
        """How far the whole job is, 0..1 (each stage weighs the same; inside a stage, by items)."""
        inside = self.done / self.total if self.total else 0.0
        return min(1.0, (self.index - 1 + min(inside, 1.0)) / max(self.stages - 1, 1))


OnProgress = Callable[[Step], None]


def step_text(step: Step, t: Translator | None = None) -> str:
    """The stage in words, translated by `t` when given (English otherwise), with its count."""
    message = STAGE_TEXT.get(step.stage, step.stage)
    if "{done}" in message and not step.done:  # "Writing request 0 of 480" reads oddly: name the stage
        message = _UNCOUNTED.get(step.stage, message)
    if t is None:
        return message.format(done=f"{step.done:,}", total=f"{step.total:,}")
    return t(message, done=t.number(step.done), total=t.number(step.total))


class Reporter:
    """Emits one job's stages in order to `on_progress` (nothing at all when it is None)."""

    def __init__(self, stages: Sequence[str], on_progress: OnProgress | None) -> None:
        self.stages = tuple(stages)
        self.on_progress = on_progress
        self.stage = ""
        self.total = 0

    def start(self, stage: str, total: int = 0) -> None:
        """Begin `stage` (one of the job's stages, later than the current one)."""
        self.stage, self.total = stage, total
        self._emit(0)

    def advance(self, done: int) -> None:
        self._emit(done)

    def done(self) -> None:
        self.start("done")

    def _emit(self, done: int) -> None:
        if self.on_progress is not None:
            index = self.stages.index(self.stage) + 1
            self.on_progress(Step(self.stage, index, len(self.stages), done, self.total))
