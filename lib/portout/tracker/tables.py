"""The tracker's tables as a person reads them: labelled states, plain dates, headers in words.

The machine forms (`to_dict()`, `portout track … --format json/csv`) keep the codes; these frames are for
the dashboard only, in the language of the `Translator` passed (English without one). Pure pandas, no
streamlit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import pandas as pd

from portout.i18n import N_, Translator, translator
from portout.tracker.lifecycle import REASON_CODES, STATE_LABELS, STATES


def _t(_: Translator | None) -> Translator:
    return _ or translator("en")


def state_label(state: str, _: Translator | None = None) -> str:
    """A state in words, in `_`'s language (English without one)."""
    _ = _t(_)
    return _(STATE_LABELS[state]) if state in STATE_LABELS else state.replace("_", " ").capitalize()


def _when(value: str, _: Translator | None = None) -> str:
    """'2026-03-02T09:14:00+00:00' -> '2026-03-02 09:14 UTC' / '02.03.2026 09:14 UTC' (recorded times are UTC)."""
    try:
        return _t(_).datetime(dt.datetime.fromisoformat(value)) + " UTC"
    except (TypeError, ValueError):
        return value or ""


def states_summary(states: dict[str, int], _: Translator | None = None) -> str:
    """{"draft": 4, "ported": 1} -> "4 Draft, 1 Ported …", in lifecycle order."""
    order = {s: i for i, s in enumerate(STATES)}
    return ", ".join(f"{n} {state_label(s, _)}" for s, n in sorted(states.items(), key=lambda kv: order.get(kv[0], 99)))


def reason_label(code: str, text: str, _: Translator | None = None) -> str:
    _ = _t(_)
    parts = [_(REASON_CODES[code]) if code in REASON_CODES else code, text]
    return ": ".join(p for p in parts if p)


def plans_table(plans: Iterable[Any], _: Translator | None = None) -> pd.DataFrame:
    """Saved plans (PlanInfo), newest first as given."""
    _ = _t(_)
    return pd.DataFrame(
        [
            {
                _("Plan"): p.id,
                _("Name"): p.name,
                _("Saved"): _when(p.created_at, _),
                _("Inventory file"): p.source_name,
                _("Requests"): p.requests,
                _("Numbers"): p.numbers,
                _("Where the requests stand"): states_summary(p.states, _),
                _("Cost estimate saved"): _("yes") if p.has_costs else _("no (unpriced)"),
            }
            for p in plans
        ]
    )


def _date(value: dt.date | None, _: Translator | None = None) -> str:
    return _t(_).date(value) if value else ""


def requests_table(statuses: Iterable[Any], _: Translator | None = None) -> pd.DataFrame:
    _ = _t(_)
    return pd.DataFrame(
        [
            {
                _("Request"): s.request_id,
                _("Status"): state_label(s.state, _),
                _("Numbers"): s.numbers,
                _("Service address"): s.service_address,
                _("Gaining carrier"): s.carrier,
                _("Carrier reference"): s.reference,
                _("Submitted"): _date(s.submitted_date, _),
                _("FOC date"): _date(s.foc_date, _),
                _("Ported"): _date(s.ported_date, _),
                _("Removed"): _date(s.removed_date, _),
                _("Rejected"): _date(s.rejected_date, _),
                _("Cancelled"): _date(s.cancelled_date, _),
                _("Rejection reason"): reason_label(s.reason_code, s.reason_text, _) if s.state == "rejected" else "",
                _("Last change"): _when(s.updated_at, _),
            }
            for s in statuses
        ]
    )


# Comments the tracker itself writes into the history (saved_plans.save_plan's first event), shown translated.
SYSTEM_COMMENTS = {"plan saved": N_("plan saved")}


def history_table(history: Iterable[Any], _: Translator | None = None) -> pd.DataFrame:
    _ = _t(_)
    return pd.DataFrame(
        [
            {
                _("Recorded"): _when(h.at, _),
                _("By"): h.actor,
                _("From"): state_label(h.from_state, _) if h.from_state else "",
                _("To"): state_label(h.to_state, _),
                _("Date"): _date(h.event_date, _),
                _("Gaining carrier"): h.carrier,
                _("Carrier reference"): h.reference,
                _("Rejection reason"): reason_label(h.reason_code, h.reason_text, _),
                _("Comment"): _(SYSTEM_COMMENTS[h.comment]) if h.comment in SYSTEM_COMMENTS else h.comment,
                _("Version"): h.version,
            }
            for h in history
        ]
    )


# The removal checklist's columns as a person reads them (the frame keeps its codes for the CLI).
CHECKLIST_HEADERS = {
    "plan_id": N_("Plan"),
    "plan_name": N_("Plan name"),
    "request_id": N_("Request"),
    "numbers": N_("Numbers"),
    "ported_date": N_("Ported"),
    "days_since_port": N_("Days since the port"),
    "cost_accrued": N_("Cost accrued since the port"),
    "delay_cost_per_day": N_("Each further day costs"),
    "carrier": N_("Gaining carrier"),
    "reference": N_("Carrier reference"),
    "version": N_("Version"),
}

ACCRUED_DEFINITION = N_(
    "Cost accrued = the prorated charge if removed today minus the charge if removed on the port day "
    "(the cost of every day the numbers stayed after porting)."
)


def saved_day(created_at: str, _: Translator | None = None) -> str:
    """The day a plan was saved ('2026-03-02T09:14:00+00:00'), as the locale writes dates."""
    try:
        return _t(_).date(dt.datetime.fromisoformat(created_at).date())
    except (TypeError, ValueError):
        return created_at[:10]


def _money_or(value: Any, currency: str, money: Callable[[Any, str], str], missing: str) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return missing
    return money(value, currency)


def _default_money(_: Translator) -> Callable[[Any, str], str]:
    return lambda v, c: _.money(Decimal(str(v)), c)


def checklist_table(
    frame: pd.DataFrame, money: Callable[[Any, str], str] | None = None, _: Translator | None = None
) -> pd.DataFrame:
    """`removal_checklist` for reading: headers in words, dates in the locale, amounts through
    `money(value, currency)` (default: the translator's locale; currency on every amount)."""
    _ = _t(_)
    fmt_money = money or _default_money(_)
    out = pd.DataFrame(index=frame.index)
    for col, header in CHECKLIST_HEADERS.items():
        series = frame[col]
        if col == "ported_date":
            out[_(header)] = [_.date(d) if isinstance(d, dt.date) else "" for d in series]
        elif col in ("cost_accrued", "delay_cost_per_day"):
            out[_(header)] = [_money_or(v, c, fmt_money, _("unpriced")) for v, c in zip(series, frame["currency"])]
        else:
            out[_(header)] = series.tolist()
    return out


COMPARE_HEADERS = {
    "request_id": N_("Request"),
    "state": N_("Status"),
    "ported_date": N_("Ported"),
    "planned_removal_date": N_("Planned removal"),
    "removal_date": N_("Actual removal"),
    "planned_cost": N_("Planned cost through removal"),
    "actual_cost": N_("Actual cost through removal"),
    "difference": N_("Difference (actual − planned)"),
    "explanation": N_("Why"),
}

COMPARE_DEFINITION = N_(
    "Planned and actual are the cost through removal (every full cycle billed before the removal cycle plus "
    "the prorated charge of the removal cycle), both counted from the same start day ({start}): planned with "
    "the removal dates of the estimate saved with the plan, actual with the recorded removal date (or today, "
    "estimated, for a request ported but not removed); difference = actual − planned."
)


def compare_definition(frame: pd.DataFrame, _: Translator | None = None) -> str:
    """What `planned_vs_actual` compares, in `_`'s language (its start day in the locale)."""
    _ = _t(_)
    start = frame.attrs.get("start")
    return _(COMPARE_DEFINITION, start=_.date(start) if isinstance(start, dt.date) else "")


def explain(planned: Any, actual: Any, estimated: bool, p: Any, a: Any, _: Translator | None = None) -> str:
    """Why actual and planned differ, in words (the library's `explanation` column is its English form)."""
    _ = _t(_)
    if not isinstance(actual, dt.date):
        return _("not ported yet: no actual cost")
    if p is None or a is None or (isinstance(p, float) and pd.isna(p)) or (isinstance(a, float) and pd.isna(a)):
        return _("no price for these numbers: unpriced, no cost computed")
    if not isinstance(planned, dt.date):
        return _("no planned removal date saved")
    days = (actual - planned).days
    n = abs(days)
    when = _.date(planned)
    if estimated:
        if days == 0:
            return _("removal assumed today (ported, not removed yet), on the planned day")
        if days > 0:
            return _.ngettext(
                "removal assumed today (ported, not removed yet), {count} day later than planned ({planned})",
                "removal assumed today (ported, not removed yet), {count} days later than planned ({planned})",
                n,
                planned=when,
            )
        return _.ngettext(
            "removal assumed today (ported, not removed yet), {count} day earlier than planned ({planned})",
            "removal assumed today (ported, not removed yet), {count} days earlier than planned ({planned})",
            n,
            planned=when,
        )
    if days == 0:
        return _("removed on the planned day")
    if days > 0:
        return _.ngettext(
            "removed {count} day later than planned ({planned})",
            "removed {count} days later than planned ({planned})",
            n,
            planned=when,
        )
    return _.ngettext(
        "removed {count} day earlier than planned ({planned})",
        "removed {count} days earlier than planned ({planned})",
        n,
        planned=when,
    )


def compare_table(
    frame: pd.DataFrame, money: Callable[[Any, str], str] | None = None, _: Translator | None = None
) -> pd.DataFrame:
    """`planned_vs_actual` for reading, in `_`'s language; amounts through `money(value, currency)` (default:
    the translator's locale, currency on every amount)."""
    _ = _t(_)
    fmt_money = money or _default_money(_)
    out = pd.DataFrame(index=frame.index)
    for col, header in COMPARE_HEADERS.items():
        series = frame[col]
        values: list[Any]
        if col == "state":
            values = [state_label(s, _) for s in series]
        elif col in ("planned_cost", "actual_cost", "difference"):
            # Blank where there is nothing to compare yet (not ported); "unpriced" only where a price is missing.
            values = [
                ""
                if col != "planned_cost" and when is None
                else (fmt_money(v, c) if v is not None and not pd.isna(v) else _("unpriced"))
                for v, c, when in zip(series, frame["currency"], frame["removal_date"])
            ]
        elif col in ("ported_date", "planned_removal_date", "removal_date"):
            values = [_.date(d) if isinstance(d, dt.date) else "" for d in series]
            if col == "removal_date":
                values = [
                    _("{date} (today, estimated)", date=d) if d and e else d
                    for d, e in zip(values, frame["removal_estimated"])
                ]
        elif col == "explanation":
            values = [
                explain(pl, ac, bool(e), p, a, _)
                for pl, ac, e, p, a in zip(
                    frame["planned_removal_date"],
                    frame["removal_date"],
                    frame["removal_estimated"],
                    frame["planned_cost"],
                    frame["actual_cost"],
                )
            ]
        else:
            values = series.tolist()
        out[_(header)] = values
    return out
