"""Removal dates per request as the dashboard edits them: a default, per-request overrides, a shift."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import pandas as pd

from portout.dates import check_date
from portout.errors import N_, Text
from portout.plan.model import Plan


def removal_defaults(plan: Plan, default: date, follow_port: bool) -> dict[str, date]:
    """Each request's removal before any edit: the plan's port date + lag when following the port
    schedule (issue 12), else one date for all."""
    return {
        r.id: date.fromisoformat(r.removal_date) if follow_port and r.removal_date else default for r in plan.requests
    }


def effective_request_dates(
    request_ids: list[str], default: date | Mapping[str, date], overrides: dict[str, str], shift_days: int
) -> dict[str, date]:
    """Removal day per request: its override (ISO text) or its default (one date, or one per request),
    then all shifted by N days."""
    shift = timedelta(days=shift_days)
    out = {}
    for rid in request_ids:
        text = overrides.get(rid)
        base = default if isinstance(default, date) else default[rid]
        out[rid] = check_date(
            (date.fromisoformat(text) if text else base) + shift, Text(N_("removal date of {request}"), request=rid)
        )
    return out


def overrides_from_editor(edited: pd.DataFrame, default: date | Mapping[str, date]) -> dict[str, str]:
    """Per-request overrides from the removal-date editor: only dates that differ from the default."""
    out = {}
    for rid, value in zip(edited["request"], edited["removal date"]):
        if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
            continue
        day = pd.Timestamp(value).date()
        if day != (default if isinstance(default, date) else default.get(str(rid))):
            out[str(rid)] = day.isoformat()
    return out
