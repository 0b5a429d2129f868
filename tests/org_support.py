"""One organisation and one way to turn rows into an inventory, shared by the planner, scope, block,
plausibility, notation and workbook tests (each used to carry its own copy)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from portout.inventory.reader import Inventory, read_inventory
from portout.settings import OrgSettings, parse_settings

# Not the bundled sample's id: readiness rightly flags that one as a sample value.
ORG_ID = "0a1b2c3d-1111-4222-8333-00000000beef"
SHIP_TO = {
    "US": {
        "name": "Acme Inc.",
        "street1": "1 Main Street",
        "city": "Indianapolis",
        "postal_code": "46204",
        "country": "US",
    },
    "DE": {
        "name": "Acme GmbH",
        "street1": "Friedrichstraße 123",
        "city": "Berlin",
        "postal_code": "10117",
        "country": "DE",
    },
}


def settings_data(country: str = "US", **sections: Any) -> dict[str, Any]:
    """org.toml as a dict: an organisation in `country` with its Ship To and a signer; a keyword replaces
    that whole section (organization=…, invoice=…, carrier=…)."""
    data: dict[str, Any] = {
        "organization": {"id": ORG_ID, "default_country": country},
        "invoice": {"ship_to": dict(SHIP_TO[country])},
        "signer": {"name": "Dana Admin"},
    }
    data.update(sections)
    return data


def org_settings(country: str = "US", **sections: Any) -> OrgSettings:
    return parse_settings(settings_data(country, **sections))


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """The rows as a CSV file; short rows are padded with empty cells to the header's width."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    for row in rows:
        writer.writerow([*row, *[""] * (len(header) - len(row))])
    return buf.getvalue().encode()


def inventory_of(header: Sequence[str], rows: Sequence[Sequence[str]], name: str = "test.csv") -> Inventory:
    return read_inventory(csv_bytes(header, rows), name=name)
