"""Removal dates per request as the dashboard edits them: a default, per-request overrides, a shift."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from portout.dates import check_date


def effective_request_dates(
    request_ids: list[str], default: date, overrides: dict[str, str], shift_days: int
) -> dict[str, date]:
    """Removal day per request: its override (ISO text) or the default, then all shifted by N days."""
    shift = timedelta(days=shift_days)
    out = {}
    for rid in request_ids:
        text = overrides.get(rid)
        out[rid] = check_date((date.fromisoformat(text) if text else default) + shift, f"removal date of {rid}")
    return out


def overrides_from_editor(edited: pd.DataFrame, default: date) -> dict[str, str]:
    """Per-request overrides from the removal-date editor: only dates that differ from the default."""
    out = {}
    for rid, value in zip(edited["request"], edited["removal date"]):
        if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
            continue
        day = pd.Timestamp(value).date()
        if day != default:
            out[str(rid)] = day.isoformat()
    return out
