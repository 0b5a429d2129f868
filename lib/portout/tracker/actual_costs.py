"""Where the tracker meets the cost engine (`portout.costs.report.compute_costs`).

Definitions used here (the outputs state them too):
- **cost accrued so far** for a request ported but not removed = what removing it *today* costs minus
  what removing it on its port day would have cost, i.e. the prorated charge paid only because the
  numbers are still on the account. Both are the engine's `cost_through_removal`, computed from the port
  day, with the plan's saved billing convention.
- **planned vs actual**: planned = the engine's cost through removal with the removal dates of the estimate
  saved with the plan; actual = the same with each request's recorded removal date (or today, marked
  estimated, for a request ported but not yet removed); both counted from the same start day.
Without prices for the numbers these columns are empty, never invented.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from decimal import Decimal  # noqa: F401  (money values in frames are Decimal)
from typing import TYPE_CHECKING, Any

import pandas as pd

from portout.costs import billing
from portout.costs.inputs import invoice_currency
from portout.costs.report import CostReport, compute_costs
from portout.errors import PortoutError
from portout.plan.model import Plan

if TYPE_CHECKING:
    from portout.tracker.saved_plans import RequestStatus, Tracker

ACCRUED_DEFINITION = (
    "cost accrued = prorated charge if removed today minus the charge if removed on the "
    "port day (the cost of every day the numbers stayed after porting)"
)

CHECKLIST_COLUMNS = [
    "plan_id",
    "plan_name",
    "request_id",
    "numbers",
    "ported_date",
    "days_since_port",
    "cost_accrued",
    "delay_cost_per_day",
    "currency",
    "carrier",
    "reference",
    "version",
]


def estimate(plan: Plan) -> CostReport | None:
    """The plan's cost report at save time, or None when it lacks prices."""
    try:
        return compute_costs(plan, plan.settings.billing)
    except PortoutError:
        return None  # e.g. no price configured: the plan is still worth saving


def _with_tracked_dates(plan: Plan) -> Plan:
    """A copy of `plan` without the inventory's planned removal dates: the engine lets those win over
    `request_dates`, but for actual costs the recorded dates must decide."""
    if "removal_date" not in plan.numbers.columns:
        return plan
    return dataclasses.replace(plan, numbers=plan.numbers.assign(removal_date=""))


def _per_request(report: CostReport, column: str) -> dict[str, Any]:
    frame = report.requests
    if column not in frame.columns:
        return {}
    return dict(zip(frame["id"].astype(str), frame[column]))


def _decimal_or_none(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def removal_checklist(tracker: Tracker, today: dt.date | None = None) -> pd.DataFrame:
    """Ported-not-removed requests of every saved plan, most expensive first (then longest waiting)."""
    today = today or billing.today()
    pending = tracker.ported_not_removed()
    rows: list[dict[str, Any]] = []
    by_plan: dict[int, list[RequestStatus]] = {}
    for status in pending:
        by_plan.setdefault(status.plan_id, []).append(status)
    for plan_id, statuses in by_plan.items():
        saved = tracker.get_plan(plan_id)
        accrued: dict[str, Any] = {}
        per_day: dict[str, Any] = {}
        currency = _plan_currency(saved.plan)
        with contextlib.suppress(PortoutError):  # no prices: show days only
            accrued, per_day, currency = _accrued(_with_tracked_dates(saved.plan), statuses, today)
        for s in statuses:
            rows.append(
                {
                    "plan_id": plan_id,
                    "plan_name": saved.info.name,
                    "request_id": s.request_id,
                    "numbers": s.numbers,
                    "ported_date": s.ported_date,
                    "days_since_port": (today - s.ported_date).days if s.ported_date else None,
                    "cost_accrued": _decimal_or_none(accrued.get(s.request_id)),
                    "delay_cost_per_day": _decimal_or_none(per_day.get(s.request_id)),
                    "currency": currency,
                    "carrier": s.carrier,
                    "reference": s.reference,
                    "version": s.version,
                }
            )
    frame = pd.DataFrame(rows, columns=CHECKLIST_COLUMNS)
    if len(frame):
        # Sort on a float copy: the money columns stay exact Decimals for display.
        key = frame["cost_accrued"].map(lambda v: float(v) if v is not None else -1.0)
        frame = (
            frame.assign(_k=key)
            .sort_values(["_k", "days_since_port"], ascending=False, kind="stable")
            .drop(columns="_k")
            .reset_index(drop=True)
        )
    frame.attrs["definition"] = ACCRUED_DEFINITION
    return frame


def _plan_currency(plan: Plan) -> str:
    """The plan's invoice currency (set, else derived from its priced rows), "" when it cannot be told:
    shown next to days only, never an invented one."""
    try:
        return invoice_currency(plan.numbers, plan.settings.billing)
    except PortoutError:
        return ""


def _accrued(plan: Plan, statuses: list[RequestStatus], today: dt.date) -> tuple[dict[str, Any], dict[str, Any], str]:
    """Two engine runs per distinct port day (not per request): the port day is the engine's as_of, so
    requests ported the same day share the runs and a big plan is not recomputed request by request."""
    accrued: dict[str, Any] = {}
    per_day: dict[str, Any] = {}
    currency = _plan_currency(plan)
    by_port_day: dict[dt.date, list[str]] = {}
    for s in statuses:
        if s.ported_date is not None:
            by_port_day.setdefault(s.ported_date, []).append(s.request_id)
    for port_day, ids in by_port_day.items():
        removed_today = compute_costs(
            plan, plan.settings.billing, as_of=port_day, request_dates={rid: max(today, port_day) for rid in ids}
        )
        removed_on_port = compute_costs(
            plan, plan.settings.billing, as_of=port_day, request_dates={rid: port_day for rid in ids}
        )
        late = _per_request(removed_today, "cost_through_removal")
        early = _per_request(removed_on_port, "cost_through_removal")
        delay = _per_request(removed_today, "delay_cost_per_day")
        for rid in ids:
            if late.get(rid) is not None and early.get(rid) is not None:
                accrued[rid] = late[rid] - early[rid]
            per_day[rid] = delay.get(rid)
        currency = removed_today.currency
    return accrued, per_day, currency


COMPARE_COLUMNS = [
    "request_id",
    "state",
    "ported_date",
    "planned_removal_date",
    "removal_date",
    "removal_estimated",
    "planned_cost",
    "actual_cost",
    "difference",
    "currency",
    "explanation",
]

COMPARE_DEFINITION = (
    "planned and actual are the cost through removal (every full cycle billed before the removal cycle plus "
    "the prorated charge of the removal cycle), both counted from the same start day ({start}): planned with "
    "the removal dates of the estimate saved with the plan, actual with the recorded removal date (or today, "
    "estimated, for a request ported but not removed); difference = actual - planned"
)


def planned_vs_actual(tracker: Tracker, plan_id: int, today: dt.date | None = None) -> pd.DataFrame:
    """Per request: the cost through removal planned at save time against the one the recorded dates give.

    Why cost through removal and not the prorated charge: the prorated charge is only the removal cycle's
    part, so a removal one cycle earlier could look dearer; the cost through removal adds the full cycles
    billed before it. Both sides start on the same day, so the difference is the cost of the dates alone."""
    today = today or billing.today()
    saved = tracker.get_plan(plan_id)
    statuses = tracker.requests(plan_id)
    planned: dict[str, Any] = {}
    actual: dict[str, Any] = {}
    currency = _plan_currency(saved.plan)
    removal: dict[str, tuple[dt.date, bool]] = {}
    for s in statuses:
        if s.removed_date:
            removal[s.request_id] = (s.removed_date, False)
        elif s.ported_date:
            removal[s.request_id] = (max(today, s.ported_date), True)
    planned_dates = _saved_removal_dates(saved.costs)
    saved_on = dt.date.fromisoformat(saved.info.created_at[:10])
    # One start day for both sides: the save day, or an earlier recorded event (the cost counted from a
    # later day would leave out cycles the numbers were already billed for).
    events = [d for s in statuses for d in (s.submitted_date, s.ported_date) if d is not None]
    start = min([saved_on, *events])
    planned_when: dict[str, Any] = {}
    try:
        plain = _with_tracked_dates(saved.plan)
        planned_report = compute_costs(
            saved.plan if not planned_dates else plain,
            saved.plan.settings.billing,
            as_of=start,
            request_dates=planned_dates or None,
        )
        planned = _per_request(planned_report, "cost_through_removal")
        planned_when = _per_request(planned_report, "removal_date")
        currency = planned_report.currency
        if removal:
            actual_report = compute_costs(
                plain,
                saved.plan.settings.billing,
                as_of=start,
                request_dates={rid: d for rid, (d, _) in removal.items()},
            )
            actual = {
                rid: v for rid, v in _per_request(actual_report, "cost_through_removal").items() if rid in removal
            }
    except PortoutError:  # no prices: the money columns stay empty, never invented
        planned_when = {}
    rows = []
    for s in statuses:
        p, a = _decimal_or_none(planned.get(s.request_id)), _decimal_or_none(actual.get(s.request_id))
        when, estimated = removal.get(s.request_id, (None, False))
        planned_day = planned_when.get(s.request_id)
        rows.append(
            {
                "request_id": s.request_id,
                "state": s.state,
                "ported_date": s.ported_date,
                "planned_removal_date": planned_day,
                "removal_date": when,
                "removal_estimated": estimated,
                "planned_cost": p,
                "actual_cost": a,
                "difference": (a - p) if a is not None and p is not None else None,
                "currency": currency,
                "explanation": _explain(planned_day, when, estimated, p, a),
            }
        )
    frame = pd.DataFrame(rows, columns=COMPARE_COLUMNS)
    frame.attrs["definition"] = COMPARE_DEFINITION.format(start=start.isoformat())
    frame.attrs["start"] = start
    return frame


def _explain(planned: Any, actual: dt.date | None, estimated: bool, p: Any, a: Any) -> str:
    """One sentence on why actual and planned differ (dates, not prices: both use the saved prices)."""
    if actual is None:
        return "not ported yet: no actual cost"
    if p is None or a is None:
        return "no price for these numbers: unpriced, no cost computed"
    if not isinstance(planned, dt.date):
        return "no planned removal date saved"
    days = (actual - planned).days
    what = "removal assumed today (ported, not removed yet)" if estimated else "removed"
    if days == 0:
        return f"{what} on the planned day"
    direction = "later" if days > 0 else "earlier"
    n = abs(days)
    return f"{what} {n} day{'s' if n != 1 else ''} {direction} than planned ({planned.isoformat()})"


def _saved_removal_dates(costs: dict[str, Any] | None) -> dict[str, dt.date]:
    """Per-request removal dates of the estimate stored with the plan (what "planned" meant at save time)."""
    out: dict[str, dt.date] = {}
    for rec in (costs or {}).get("requests", []):
        try:
            out[str(rec["id"])] = dt.date.fromisoformat(str(rec["removal_date"]))
        except (KeyError, ValueError):
            continue
    return out
