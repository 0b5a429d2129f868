"""CSV text from untrusted values: cells that a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from portout.export.safe_cells import needs_quote


def csv_safe(value: Any) -> Any:
    """Spreadsheet apps run CSV cells starting with = + - @ as formulas and read #N/A, #REF!... as error
    values: prefix such untrusted text with '. Phone numbers keep their '+' (a '+' followed only by
    digits is not a formula)."""
    if isinstance(value, str) and needs_quote(value):
        if value.startswith("+") and value[1:].replace(" ", "").isdigit():
            return value
        return "'" + value
    return value


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_safe(v) for v in row])
    return buf.getvalue()
