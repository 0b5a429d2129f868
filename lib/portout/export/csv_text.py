"""CSV text from untrusted values: cells that a spreadsheet would run as formulas are neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
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


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]], lang: str = "en") -> str:
    """CSV as the reader's spreadsheet opens it: German Excel expects ';' between cells, a decimal comma
    and a UTF-8 BOM (without it, umlauts come out garbled); English gets ',' and '.' without BOM."""
    german = lang == "de"
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if german else ",", lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_decimal_comma(v) if german else csv_safe(v) for v in row])
    return ("\ufeff" if german else "") + buf.getvalue()


def _decimal_comma(value: Any) -> Any:
    # Amounts and fractions only: integers and text (phone numbers) are written as they are.
    if isinstance(value, (float, Decimal)) and not isinstance(value, bool):
        return str(value).replace(".", ",")
    return csv_safe(value)
