"""Long library work reports its stages through one plain callback (portout.progress): in order, never
back, with counts that only grow inside a stage, and ending with "done" once the result exists."""

from __future__ import annotations

import io
import zipfile

import pytest

from paths import SAMPLES
from portout import build_per_request_zip, build_plan, build_workbook, compute_costs, load_settings, read_inventory
from portout.costs.scenarios import delay_cost, finance_xlsx
from portout.i18n import translator
from portout.progress import FINANCE_STAGES, PLAN_STAGES, WORKBOOK_STAGES, ZIP_STAGES, Step, step_text


@pytest.fixture(scope="module")
def plan():
    settings = load_settings(SAMPLES / "org.toml")
    return build_plan(read_inventory(SAMPLES / "inventory.csv"), settings)


def _check_monotonic(steps: list[Step], stages: tuple[str, ...]) -> None:
    assert steps, "the callback was never called"
    assert steps[-1].stage == "done" and steps[-1].index == steps[-1].stages == len(stages)
    assert [s.stage for s in steps].count("done") == 1
    for before, after in zip(steps, steps[1:]):
        assert after.index >= before.index, (before, after)
        if after.index == before.index:
            assert after.stage == before.stage and after.done >= before.done, (before, after)
    for s in steps:
        assert stages[s.index - 1] == s.stage and s.stages == len(stages)
        assert 0 <= s.done <= max(s.total, 0) or s.total == 0
    fractions = [s.fraction for s in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_workbook_reports_every_stage_and_each_request(plan):
    steps: list[Step] = []
    data = build_workbook(plan, on_progress=steps.append)
    _check_monotonic(steps, WORKBOOK_STAGES)
    seen = [s.stage for s in steps]
    for stage in ("reading", "summary", "requests", "all_numbers", "excluded", "warnings", "compressing"):
        assert stage in seen
    per_request = [s.done for s in steps if s.stage == "requests"]
    assert per_request == list(range(len(plan.requests) + 1))  # 0 at the start, then one per request
    assert data[:2] == b"PK"  # a real workbook came out


def test_zip_reports_each_request_then_done(plan):
    steps: list[Step] = []
    data = build_per_request_zip(plan, on_progress=steps.append)
    _check_monotonic(steps, ZIP_STAGES)
    assert max(s.done for s in steps if s.stage == "requests") == len(plan.requests)
    assert len(zipfile.ZipFile(io.BytesIO(data)).namelist()) == len(plan.requests)
    # "done" comes after the archive is complete: its steps' last count is every request
    assert steps[-2].stage == "compressing"


def test_plan_reports_its_stages():
    steps: list[Step] = []
    settings = load_settings(SAMPLES / "org.toml")
    result = build_plan(read_inventory(SAMPLES / "inventory.csv"), settings, on_progress=steps.append)
    _check_monotonic(steps, PLAN_STAGES)
    assert [s.stage for s in steps] == list(PLAN_STAGES[1:])  # "inventory" is the caller's (read_inventory)
    assert result.requests


def test_finance_export_reports_its_stages(plan):
    settings = load_settings(SAMPLES / "org.toml")
    report = compute_costs(plan, settings.billing)
    dates = {r: d for r, d in zip(report.requests["id"], report.requests["removal_date"]) if d is not None}
    cmp = delay_cost(plan, settings.billing, report.as_of, dates, 10)
    steps: list[Step] = []
    finance_xlsx(cmp, "en", on_progress=steps.append)
    _check_monotonic(steps, FINANCE_STAGES)


def test_stage_words_in_english_and_german():
    step = Step("requests", 3, 9, 12, 480)
    assert step_text(step) == "Writing request 12 of 480"
    assert step_text(step, translator("de")) == "Schreibe Auftrag 12 von 480"
    assert step_text(Step("requests", 3, 9, 0, 480)) == "Writing the requests"  # before anything is counted
    assert step_text(Step("all_numbers", 4, 9, 10_000, 100_000)).endswith("(10,000 of 100,000 numbers)")
