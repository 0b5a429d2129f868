"""Shared helpers for the tracker tests: a small inventory and org settings written to tmp_path, and the
worker functions the multi-process tests run (they must be importable by a spawned child)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

ORG_TOML = """
[organization]
id = "2f6c3a1e-8b7d-4c5e-9a10-1234abcd5678"
name = "Test Org"
default_country = "US"

[invoice]
has_invoice = true
invoiced_by = "genesys"

[invoice.ship_to]
name = "=Test Org Inc."
street1 = "100 Monument Circle"
street2 = "Suite 400"
city = "Indianapolis"
state = "IN"
postal_code = "46204"
country = "US"

[signer]
name = "Dana Whitfield"
title = "Director"
email = "dana@example.com"

[carrier]
name = "Northwind Telecom"
max_numbers_per_request = 1000

[billing]
currency = "USD"
cycle_anchor_day = 1

[billing.prices.US]
geographic = "1.50"
toll_free = "3.00"
"""

HEADER = "Phone Number,Provider,Location,Street,Street 2,City,State,Postal Code,Country,MRC,Currency\n"
AUSTIN = "PURE_CLOUD_VOICE,Austin,500 W 2nd Street,-Suite 1900,Austin,TX,78701,US,1.50,USD\n"
DENVER = "PURE_CLOUD_VOICE,Denver,1701 Wynkoop Street,,Denver,CO,80202,US,2.00,USD\n"


def write_inputs(tmp_path: Path) -> tuple[Path, Path]:
    """7 Austin numbers (street 2 starts with '-', a formula trigger) and 3 Denver numbers: 2 requests."""
    lines = [f"+1512555{3100 + i},{AUSTIN}" for i in range(7)]
    lines += [f"+1720555{4100 + i},{DENVER}" for i in range(3)]
    inventory = tmp_path / "inventory.csv"
    inventory.write_text(HEADER + "".join(lines), encoding="utf-8")
    org = tmp_path / "org.toml"
    org.write_text(ORG_TOML, encoding="utf-8")
    return inventory, org


def make_plan(tmp_path: Path):
    from portout.inventory.reader import read_inventory
    from portout.plan.planner import build_plan
    from portout.settings import load_settings

    inventory, org = write_inputs(tmp_path)
    return build_plan(read_inventory(inventory), load_settings(org))


def austin_id(plan) -> str:
    return next(r.id for r in plan.requests if r.size == 7)


# ------------------------------------------------------------------ multi-process workers


def race_worker(db: str, plan_id: int, request_id: str, version: int, state: str, barrier, results) -> None:
    """Both workers read the same version, wait for each other, then write: one must be refused."""
    from portout.tracker import StaleWriteError, Tracker

    tracker = Tracker(db)
    barrier.wait(timeout=30)
    try:
        kwargs = {"reason_text": "worker says no"} if state == "rejected" else {}
        tracker.transition(
            plan_id, request_id, state, date=dt.date(2026, 3, 2), expected_version=version, actor=state, **kwargs
        )
        results.put(("ok", state))
    except StaleWriteError as err:
        results.put(("stale", str(err)))
    except Exception as err:  # reported to the parent, which fails the test with it
        results.put(("error", f"{type(err).__name__}: {err}"))
