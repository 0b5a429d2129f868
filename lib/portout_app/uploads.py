"""Header listing for the column-mapping step (when the reader finds no number column)."""

from __future__ import annotations

from portout.errors import PortoutError
from portout.inventory import CANONICAL_COLUMNS, _decode, _read_csv, _read_xlsx  # noqa: PLC2701 (same project)

# What each canonical column means, for the mapping step's labels.
COLUMN_HELP = {
    "number": "phone number (required)",
    "number_type": "type as the export writes it (local, toll-free…)",
    "provider": "pool provider (PURE_CLOUD_VOICE = Genesys Cloud Voice, PURE_CLOUD = BYOC)",
    "location": "Number Management location name",
    "street1": "street", "street2": "street line 2", "city": "city", "state": "state / region",
    "postal_code": "postal code", "country": "country", "address": "one-line address",
    "owner": "assigned to (user, IVR…)", "owner_type": "owner type", "monthly_charge": "monthly charge (MRC)",
    "currency": "currency", "removal_date": "planned removal date", "address_source": "address source",
}
assert set(COLUMN_HELP) == set(CANONICAL_COLUMNS)


def file_headers(raw: bytes, sheet: str | None = None) -> list[str]:
    """The header row as the reader sees it; [] when the file cannot be read at all."""
    try:
        if raw[:4] == b"PK\x03\x04":
            frame, _ = _read_xlsx(raw, sheet, None)
        else:
            text, _ = _decode(raw)
            frame, _ = _read_csv(text)
    except (PortoutError, ValueError, UnicodeError):
        return []
    return [str(c) for c in frame.columns]


def needs_mapping(message: str) -> bool:
    return "no phone number column" in message
