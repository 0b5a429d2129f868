"""Tracker and cost engine: the estimate stored with the plan, the removal checklist's accrued cost and
the planned-vs-actual charges, checked against hand-computed prorations (March 2026 has 31 days)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from portout.tracker import Tracker
from tracker_support import austin_id, make_plan

pytest.importorskip("portout.costs.report")


def _ported(tmp_path: Path) -> tuple[Tracker, int, str, str]:
    plan = make_plan(tmp_path)
    tracker = Tracker(tmp_path / "t.db")
    pid = tracker.save_plan(plan, name="march")
    austin = austin_id(plan)
    denver = next(r.id for r in plan.requests if r.id != austin)
    for rid, sub, port in ((austin, "2026-03-01", "2026-03-10"), (denver, "2026-02-20", "2026-03-01")):
        s = tracker.transition(pid, rid, "submitted", date=sub, expected_version=1)
        tracker.transition(pid, rid, "ported", date=port, expected_version=s.version)
    return tracker, pid, austin, denver


def test_saved_plan_keeps_the_cost_estimate(tmp_path: Path) -> None:
    tracker, pid, austin, _ = _ported(tmp_path)
    saved = tracker.get_plan(pid)
    assert saved.info.has_costs and saved.costs["currency"] == "USD"
    assert {r["id"] for r in saved.costs["requests"]} == {r.id for r in saved.plan.requests}
    assert "lines" not in saved.costs  # per-number lines are recomputable, not stored


def test_removal_checklist_accrued_cost_most_expensive_first(tmp_path: Path) -> None:
    tracker, pid, austin, denver = _ported(tmp_path)
    frame = tracker.removal_checklist(dt.date(2026, 3, 15))
    assert list(frame["request_id"]) == [denver, austin]
    by_id = frame.set_index("request_id")
    # Denver, 3 x 2.00: removal on 15 Mar = 15/31 x 2 = 0.97, on the port day 1/31 x 2 = 0.06 -> 0.91 each.
    assert by_id.loc[denver, "cost_accrued"] == Decimal("2.73")
    assert by_id.loc[denver, "days_since_port"] == 14
    # Austin, 7 x 1.50: 15/31 -> 0.73, 10/31 -> 0.48: 0.25 each; one more day: 16/31 -> 0.77 (+0.04 each).
    assert by_id.loc[austin, "cost_accrued"] == Decimal("1.75")
    assert by_id.loc[austin, "delay_cost_per_day"] == Decimal("0.28")
    assert set(frame["currency"]) == {"USD"} and "port day" in frame.attrs["definition"]
    # Removed requests leave the checklist.
    s = tracker.request(pid, denver)
    tracker.transition(pid, denver, "removed", date="2026-03-15", expected_version=s.version)
    assert list(tracker.removal_checklist(dt.date(2026, 3, 15))["request_id"]) == [austin]


def test_accrued_cost_across_a_cycle_boundary(tmp_path: Path) -> None:
    plan = make_plan(tmp_path)
    tracker = Tracker(tmp_path / "t.db")
    pid = tracker.save_plan(plan)
    rid = austin_id(plan)
    s = tracker.transition(pid, rid, "submitted", date="2026-02-01", expected_version=1)
    tracker.transition(pid, rid, "ported", date="2026-02-25", expected_version=s.version)
    row = tracker.removal_checklist(dt.date(2026, 3, 3)).iloc[0]
    # Removal on 3 Mar: all of February's cycle (1.50) + 3/31 x 1.50 = 1.65; on 25 Feb: 25/28 x 1.50 = 1.34.
    assert row["cost_accrued"] == Decimal("0.31") * 7 and row["days_since_port"] == 6


def test_planned_vs_actual_compares_cost_through_removal(tmp_path: Path) -> None:
    """Austin removed later than planned (across a cycle), Denver earlier: the cost through removal counts
    the full cycles, so the later removal costs more even though its last prorated part is smaller."""
    from portout.costs.report import compute_costs

    plan = make_plan(tmp_path)
    austin = austin_id(plan)
    denver = next(r.id for r in plan.requests if r.id != austin)
    planned_day = dt.date(2026, 3, 20)
    estimate = compute_costs(
        plan,
        plan.settings.billing,
        as_of=dt.date(2026, 2, 20),
        request_dates={austin: planned_day, denver: planned_day},
    )
    tracker = Tracker(tmp_path / "t.db")
    pid = tracker.save_plan(plan, estimate, name="march")
    for rid, port, removed in ((austin, "2026-03-01", "2026-04-02"), (denver, "2026-02-25", "2026-02-27")):
        s = tracker.transition(pid, rid, "submitted", date="2026-02-20", expected_version=1)
        s = tracker.transition(pid, rid, "ported", date=port, expected_version=s.version)
        tracker.transition(pid, rid, "removed", date=removed, expected_version=s.version)
    frame = tracker.planned_vs_actual(pid, dt.date(2026, 4, 10)).set_index("request_id")
    # Counted from 20 Feb (the earliest submission). Austin 7 x 1.50: planned Feb cycle 1.50 + 20/31 x 1.50
    # (0.97) = 2.47 each; actual Feb + Mar 3.00 + 2/30 x 1.50 (0.10) = 3.10 each.
    assert frame.loc[austin, "planned_cost"] == Decimal("2.47") * 7
    assert frame.loc[austin, "actual_cost"] == Decimal("3.10") * 7
    assert frame.loc[austin, "difference"] == Decimal("0.63") * 7
    assert "13 days later than planned" in frame.loc[austin, "explanation"]
    # Denver 3 x 2.00: planned 2.00 + 20/31 x 2.00 (1.29) = 3.29 each; actual 27/28 x 2.00 = 1.93 each.
    assert frame.loc[denver, "planned_cost"] == Decimal("3.29") * 3
    assert frame.loc[denver, "actual_cost"] == Decimal("1.93") * 3
    assert frame.loc[denver, "difference"] == Decimal("-1.36") * 3
    assert "21 days earlier" in frame.loc[denver, "explanation"]
    assert "2026-02-20" in frame.attrs["definition"]


def test_planned_vs_actual_estimates_removal_today(tmp_path: Path) -> None:
    tracker, pid, austin, denver = _ported(tmp_path)
    frame = tracker.planned_vs_actual(pid, dt.date(2026, 3, 15)).set_index("request_id")
    assert frame.loc[austin, "removal_estimated"] and frame.loc[austin, "removal_date"] == dt.date(2026, 3, 15)
    assert "assumed today" in frame.loc[austin, "explanation"]
    # From 20 Feb (Denver's submission): Feb cycle 1.50 + 15/31 x 1.50 (0.73) for each Austin number.
    assert frame.loc[austin, "actual_cost"] == Decimal("2.23") * 7


def test_requests_ported_the_same_day_share_the_engine_runs(tmp_path: Path) -> None:
    plan = make_plan(tmp_path)
    tracker = Tracker(tmp_path / "t.db")
    pid = tracker.save_plan(plan)
    for req in plan.requests:
        s = tracker.transition(pid, req.id, "submitted", date="2026-03-01", expected_version=1)
        tracker.transition(pid, req.id, "ported", date="2026-03-10", expected_version=s.version)
    frame = tracker.removal_checklist(dt.date(2026, 3, 15)).set_index("request_id")
    austin = austin_id(plan)
    denver = next(r.id for r in plan.requests if r.id != austin)
    assert frame.loc[austin, "cost_accrued"] == Decimal("1.75")
    assert frame.loc[denver, "cost_accrued"] == Decimal("0.32") * 3  # 15/31 -> 0.97, 10/31 -> 0.65
    assert list(frame.index) == [austin, denver]
