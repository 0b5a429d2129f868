"""Shared builders for the cost tests: small inventories written as CSV and plans built from them, plus an
independent, deliberately plain per-number reference calculation (no code shared with billing.py)."""

from __future__ import annotations

import calendar
import csv
import io
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from portout.inventory.reader import read_inventory
from portout.plan.model import Plan
from portout.plan.planner import build_plan
from portout.settings import OrgSettings, parse_settings

HEADER = ["number", "street1", "city", "state", "postal_code", "country", "monthly_charge", "currency", "removal_date"]
ADDRESSES = [
    ("1 Monument Circle", "Indianapolis", "IN", "46204"),
    ("200 S Wacker Drive", "Chicago", "IL", "60606"),
    ("350 5th Avenue", "New York", "NY", "10118"),
]


def settings_for(**billing: Any) -> OrgSettings:
    data = {
        "organization": {"id": "2f6c3a1e-8b7d-4c5e-9a10-1234abcd5678", "name": "Acme"},
        "invoice": {
            "ship_to": {
                "name": "Acme Inc",
                "street1": "1 Monument Circle",
                "city": "Indianapolis",
                "state": "IN",
                "postal_code": "46204",
                "country": "US",
            }
        },
        "billing": {"currency": "USD", "cycle_anchor_day": 15, **billing},
    }
    return parse_settings(data)


def number(i: int) -> str:
    """Distinct valid US geographic numbers: +1 317 555 xxxx, then +1 312 555 xxxx."""
    area = ("317", "312", "212")[i // 10000]
    return f"+1{area}555{i % 10000:04d}"


def inventory_bytes(rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(HEADER)
    for r in rows:
        writer.writerow([r.get(h, "") for h in HEADER])
    return buf.getvalue().encode()


def row(
    i: int, mrc: str = "", removal: str = "", currency: str = "", address: int = 0, num: str | None = None
) -> dict[str, str]:
    street, city, state, postcode = ADDRESSES[address]
    return {
        "number": num or number(i),
        "street1": street,
        "city": city,
        "state": state,
        "postal_code": postcode,
        "country": "US",
        "monthly_charge": mrc,
        "currency": currency,
        "removal_date": removal,
    }


def make_plan(tmp_path, rows: list[dict[str, str]], settings: OrgSettings | None = None) -> Plan:
    path = tmp_path / "inventory.csv"
    path.write_bytes(inventory_bytes(rows))
    return build_plan(read_inventory(path), settings or settings_for())


# --------------------------------------------------------------------------- reference calculation


def ref_billing_day(value: date | datetime) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        utc = value.astimezone(UTC)
        return utc.date() if utc.hour >= 7 else utc.date() - timedelta(days=1)
    return value


def _is_anchor(d: date, anchor: int) -> bool:
    return d.day == min(anchor, calendar.monthrange(d.year, d.month)[1])


def ref_cycle(day: date, anchor: int) -> tuple[date, date]:
    start = day
    while not _is_anchor(start, anchor):
        start -= timedelta(days=1)
    nxt = start + timedelta(days=1)
    while not _is_anchor(nxt, anchor):
        nxt += timedelta(days=1)
    return start, nxt - timedelta(days=1)


def ref_cycles_between(a: date, b: date, anchor: int) -> int:
    """How many cycle starts lie in (a_cycle_start, b]: walk day by day."""
    count, d = 0, ref_cycle(a, anchor)[0] + timedelta(days=1)
    while d <= b:
        count += _is_anchor(d, anchor)
        d += timedelta(days=1)
    return count


def ref_line(
    mrc: Decimal,
    removal: date | datetime,
    as_of: date,
    anchor: int,
    convention: str = "actual",
    include: bool = True,
    rounding: str = "half_up",
    digits: int = 2,
) -> dict[str, Any]:
    day = ref_billing_day(removal)
    start, end = ref_cycle(day, anchor)
    length = (end - start).days + 1
    charged = (day - start).days + (1 if include else 0)
    if convention == "30day":
        charged = 30 if charged == length else min(charged, 30)
        length = 30
    quantum = Decimal(1).scaleb(-digits)
    mode = ROUND_HALF_UP if rounding == "half_up" else ROUND_HALF_EVEN
    with localcontext() as ctx:
        ctx.prec = 200
        prorated = (mrc * charged / length).quantize(quantum, rounding=mode)
        if day < as_of:
            full, cost = 0, Decimal(0).quantize(quantum)
        else:
            full = ref_cycles_between(as_of, day, anchor)
            cost = (mrc * full + mrc * charged / length).quantize(quantum, rounding=mode)
    return {
        "billing_day": day,
        "cycle_start": start,
        "cycle_end": end,
        "days_charged": charged,
        "days_in_cycle": length,
        "prorated": prorated,
        "full_cycles_before": full,
        "cost_through_removal": cost,
    }
