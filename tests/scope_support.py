"""Shared by the scope, schedule, readiness and workbook tests: a small inventory with a `port` column."""

from __future__ import annotations

from org_support import inventory_of, org_settings

HEADER = ["number", "provider", "street1", "city", "postal_code", "country", "location", "port"]
HQ = ["100 Monument Circle", "Indianapolis", "46204", "US", "HQ"]
DENVER = ["1701 Wynkoop Street", "Denver", "80202", "US", "Denver Warehouse"]
BERLIN = ["Friedrichstraße 123", "Berlin", "10117", "DE", "Berlin"]


def settings(**overrides):
    return org_settings(**overrides)


def inventory(rows: list[list[str]], header: list[str] = HEADER):
    return inventory_of(header, rows)


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
