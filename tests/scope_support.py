"""Shared by the scope, schedule, readiness and workbook tests: a small inventory with a `port` column."""

from __future__ import annotations

import csv
import io

from portout.inventory.reader import read_inventory
from portout.settings import parse_settings

HEADER = ["number", "provider", "street1", "city", "postal_code", "country", "location", "port"]
HQ = ["100 Monument Circle", "Indianapolis", "46204", "US", "HQ"]
DENVER = ["1701 Wynkoop Street", "Denver", "80202", "US", "Denver Warehouse"]
BERLIN = ["Friedrichstraße 123", "Berlin", "10117", "DE", "Berlin"]


def settings(**overrides):
    data = {
        "organization": {"id": "0a1b2c3d-1111-4222-8333-00000000beef", "default_country": "US"},
        "invoice": {
            "ship_to": {
                "name": "Acme Inc.",
                "street1": "1 Main Street",
                "city": "Indianapolis",
                "postal_code": "46204",
                "country": "US",
            }
        },
        "signer": {"name": "Dana Admin"},
        **overrides,
    }
    return parse_settings(data)


def inventory(rows: list[list[str]], header: list[str] = HEADER):
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    return read_inventory(buf.getvalue().encode())


def mixed_rows(port: list[str] | None = None) -> list[list[str]]:
    rows = (
        [[f"+1317555{i:04d}", "", *HQ] for i in range(10)]
        + [[f"+1303555{i:04d}", "", *DENVER] for i in range(5)]
        + [[f"+49309018{i:04d}", "", *BERLIN] for i in range(6)]
        + [["+18005550100", "", *HQ]]  # toll-free: Ship To address
        + [["+13125550000", "PURE_CLOUD", *HQ]]  # BYOC: excluded
        + [["not a number", "", *HQ]]  # excluded
    )
    marks = port or ["yes"] * len(rows)
    return [r + [m] for r, m in zip(rows, marks)]
