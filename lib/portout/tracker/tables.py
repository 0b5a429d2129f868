"""The tracker's tables as a person reads them: labelled states, plain dates, headers in words.

The machine forms (`to_dict()`, `portout track … --format json/csv`) keep the codes; these frames are for
the dashboard only. Pure pandas, no streamlit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pandas as pd

from portout.i18n import Translator, translator
from portout.tracker.lifecycle import REASON_CODES, STATE_LABELS, STATES


def state_label(state: str, _: Translator | None = None) -> str:
    """A state in words, in `_`'s language (English without one)."""
    _ = _ or translator("en")
    return _(STATE_LABELS[state]) if state in STATE_LABELS else state.replace("_", " ").capitalize()


def _when(value: str) -> str:
    """'2026-03-02T09:14:00+00:00' -> '2026-03-02 09:14 UTC' (recorded times are UTC)."""
    try:
        return dt.datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M UTC")
    except (TypeError, ValueError):
        return value or ""


def states_summary(states: dict[str, int], _: Translator | None = None) -> str:
    """{"draft": 4, "ported": 1} -> "4 Draft, 1 Ported …", in lifecycle order."""
    order = {s: i for i, s in enumerate(STATES)}
    return ", ".join(f"{n} {state_label(s, _)}" for s, n in sorted(states.items(), key=lambda kv: order.get(kv[0], 99)))


def reason_label(code: str, text: str, _: Translator | None = None) -> str:
    _ = _ or translator("en")
    parts = [_(REASON_CODES[code]) if code in REASON_CODES else code, text]
    return ": ".join(p for p in parts if p)


def plans_table(plans: Iterable[Any]) -> pd.DataFrame:
    """Saved plans (PlanInfo), newest first as given."""
    return pd.DataFrame(
        [
            {
                "Plan": p.id,
                "Name": p.name,
                "Saved": _when(p.created_at),
                "Inventory file": p.source_name,
                "Requests": p.requests,
                "Numbers": p.numbers,
                "Where the requests stand": states_summary(p.states),
                "Cost estimate saved": "yes" if p.has_costs else "no (unpriced)",
            }
            for p in plans
        ]
    )


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def requests_table(statuses: Iterable[Any]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Request": s.request_id,
                "Status": state_label(s.state),
                "Numbers": s.numbers,
                "Service address": s.service_address,
                "Gaining carrier": s.carrier,
                "Carrier reference": s.reference,
                "Submitted": _date(s.submitted_date),
                "FOC date": _date(s.foc_date),
                "Ported": _date(s.ported_date),
                "Removed": _date(s.removed_date),
                "Rejected": _date(s.rejected_date),
                "Cancelled": _date(s.cancelled_date),
                "Rejection reason": reason_label(s.reason_code, s.reason_text) if s.state == "rejected" else "",
                "Last change": _when(s.updated_at),
            }
            for s in statuses
        ]
    )


def history_table(history: Iterable[Any]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Recorded": _when(h.at),
                "By": h.actor,
                "From": state_label(h.from_state) if h.from_state else "",
                "To": state_label(h.to_state),
                "Date": _date(h.event_date),
                "Gaining carrier": h.carrier,
                "Carrier reference": h.reference,
                "Rejection reason": reason_label(h.reason_code, h.reason_text),
                "Comment": h.comment,
                "Version": h.version,
            }
            for h in history
        ]
    )


COMPARE_HEADERS = {
    "request_id": "Request",
    "state": "Status",
    "ported_date": "Ported",
    "planned_removal_date": "Planned removal",
    "removal_date": "Actual removal",
    "planned_cost": "Planned cost through removal",
    "actual_cost": "Actual cost through removal",
    "difference": "Difference (actual − planned)",
    "explanation": "Why",
}


def compare_table(frame: pd.DataFrame, money: Any) -> pd.DataFrame:
    """`planned_vs_actual` for reading; `money(value, currency)` formats amounts (locale chosen by the UI)."""
    out = pd.DataFrame(index=frame.index)
    for col, header in COMPARE_HEADERS.items():
        series = frame[col]
        values: list[Any]
        if col == "state":
            values = series.map(state_label).tolist()
        elif col in ("planned_cost", "actual_cost", "difference"):
            # Blank where there is nothing to compare yet (not ported); "unpriced" only where a price is missing.
            values = [
                ""
                if col != "planned_cost" and when is None
                else (money(v, c) if v is not None and not pd.isna(v) else "unpriced")
                for v, c, when in zip(series, frame["currency"], frame["removal_date"])
            ]
        elif col in ("ported_date", "planned_removal_date", "removal_date"):
            values = series.map(lambda d: d.isoformat() if isinstance(d, dt.date) else "").tolist()
            if col == "removal_date":
                values = [
                    f"{d} (today, estimated)" if d and e else d for d, e in zip(values, frame["removal_estimated"])
                ]
        else:
            values = series.tolist()
        out[header] = values
    return out
