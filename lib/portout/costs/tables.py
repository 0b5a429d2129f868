"""The cost report as CSV text."""

from __future__ import annotations

from datetime import date
from typing import Any

from portout.costs.report import LINE_COLUMNS, CostReport, lines_records
from portout.export.csv_text import to_csv

_MONEY = ("mrc", "prorated", "cost_through_removal")
_DATES = ("removal_date", "billing_day", "cycle_start", "cycle_end")


def _german(column: str, value: Any) -> Any:
    """German spreadsheet conventions: decimal comma in amounts, dates as 27.11.2026."""
    if value in (None, ""):
        return ""
    if column in _MONEY:
        return str(value).replace(".", ",")
    if column in _DATES:
        try:
            return date.fromisoformat(str(value)[:10]).strftime("%d.%m.%Y")
        except ValueError:
            return value
    return value


def costs_csv(report: CostReport, lang: str = "en") -> str:
    """One row per number; money with the currency's minor digits, '' where unpriced. German: ';',
    decimal comma, dd.mm.yyyy dates and a UTF-8 BOM (what German Excel opens correctly)."""
    records = lines_records(report.lines, report.minor_digits)
    if lang == "de":
        rows = ([_german(c, r[c]) for c in LINE_COLUMNS] for r in records)
    else:
        rows = ([("" if r[c] is None else r[c]) for c in LINE_COLUMNS] for r in records)
    return to_csv(LINE_COLUMNS, rows, lang)
