"""The cost report as CSV text."""

from __future__ import annotations

from portout.costs.report import LINE_COLUMNS, CostReport, lines_records
from portout.export.csv_text import to_csv


def costs_csv(report: CostReport) -> str:
    """One row per number; money with the currency's minor digits, '' where unpriced."""
    records = lines_records(report.lines, report.minor_digits)
    return to_csv(LINE_COLUMNS, ([("" if r[c] is None else r[c]) for c in LINE_COLUMNS] for r in records))
