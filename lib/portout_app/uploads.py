"""Header listing for the column-mapping step (when the reader finds no number column)."""

from __future__ import annotations

import csv
import io

from portout.inventory.reader import CANONICAL_COLUMNS

# What each canonical column means, for the mapping step's labels.
COLUMN_HELP = {
    "number": "phone number (required)",
    "number_type": "type as the export writes it (local, toll-free…)",
    "provider": "pool provider (PURE_CLOUD_VOICE = Genesys Cloud Voice, PURE_CLOUD = BYOC)",
    "location": "Number Management location name",
    "street1": "street",
    "street2": "street line 2",
    "city": "city",
    "state": "state / region",
    "postal_code": "postal code",
    "country": "country",
    "address": "one-line address",
    "owner": "assigned to (user, IVR…)",
    "owner_type": "owner type",
    "monthly_charge": "monthly charge (MRC)",
    "currency": "currency",
    "removal_date": "planned removal date",
    "address_source": "address source",
    "port": "port now? yes/no (ja/nein): the others stay with Genesys",
}
assert set(COLUMN_HELP) == set(CANONICAL_COLUMNS)


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeError:
            continue
    return raw.decode("latin-1")


def file_headers(raw: bytes, sheet: str | None = None) -> list[str]:
    """The first non-empty row of the file (CSV or XLSX); [] when the file cannot be read at all.

    Deliberately simple and independent of the reader's internals: it only feeds the mapping step's choices,
    and the reader then validates the mapping against the real header.
    """
    try:
        if raw[:4] == b"PK\x03\x04":
            import openpyxl

            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            try:
                ws = book[sheet] if sheet else book.worksheets[0]
                rows = [
                    [("" if v is None else str(v)).strip() for v in row]
                    for _, row in zip(range(20), ws.iter_rows(values_only=True))
                ]
            finally:
                book.close()
        else:
            text = _decode(raw[:65536])
            lines = text.splitlines()[:20]
            try:
                dialect = csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t|")
                delimiter = dialect.delimiter
            except csv.Error:
                delimiter = max(",;\t|", key=lambda d: sum(line.count(d) for line in lines))
            rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)]
    except Exception:
        return []
    for row in rows:
        if any(row):
            return [h for h in row if h]
    return []


def needs_mapping(message: str) -> bool:
    return "no phone number column" in message
