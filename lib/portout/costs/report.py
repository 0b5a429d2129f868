"""Prorated cost impact of a port plan: per number, per request and in total (domain.md §2, issue 3).

How it stays exact *and* fast on a million numbers: dates become integers (days since 1970), the billing
arithmetic runs once per distinct removal day (billing.py), the money arithmetic once per distinct
(MRC, removal day) pair with `Fraction`, and the results are mapped back to numbers with integer codes.
Sums are sums of whole minor units (integers), so lines add up to request totals and request totals to
the grand total exactly. The JSON shape is documented in docs/costs-json.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from portout.costs import billing as bl
from portout.costs.chart_data import cost_by_removal_date, monthly_savings  # re-exported API
from portout.costs.combinations import count_combinations
from portout.costs.inputs import (
    DEFAULT_MAX_MRC,
    SOURCE_AS_OF,
    Prices,
    Removals,
    invoice_currency,
    resolve_prices,
    resolve_removals,
    unreadable_note,
)
from portout.costs.notes import Note
from portout.dates import check_date
from portout.errors import N_, Text
from portout.plan.model import Plan
from portout.settings import BillingSettings

__all__ = [
    "CostReport",
    "compute_costs",
    "cost_by_removal_date",
    "monthly_savings",
    "LINE_COLUMNS",
    "REQUEST_COLUMNS",
]

LINE_COLUMNS = [
    "number",
    "request_id",
    "mrc",
    "currency",
    "removal_date",
    "billing_day",
    "cycle_start",
    "cycle_end",
    "days_charged",
    "days_in_cycle",
    "prorated",
    "full_cycles_before",
    "cost_through_removal",
    "priced",
    "note",
    "mrc_source",
    "removal_source",
]
REQUEST_COLUMNS = [
    "id",
    "numbers",
    "priced_numbers",
    "prorated_total",
    "cost_through_removal",
    "monthly_saving",
    "delay_cost_per_day",
    "removal_date",
    "complete",
    "service_address",
]
MONEY_TOTALS = ["prorated_total", "cost_through_removal", "monthly_saving", "delay_cost_per_day"]

NOTE_UNPRICED = "unpriced: no monthly_charge and no billing.prices entry for its country and category"
NOTE_UNREADABLE = "unpriced: its monthly_charge is not an amount (no billing.prices price is used instead)"
NOTE_REMOVED = "already removed before the as-of day: nothing more is billed"
NOTE_ASSUMED = "no removal date: assumed removed on the as-of day"


@dataclass
class CostReport:
    lines: pd.DataFrame  # LINE_COLUMNS, one row per planned number; money as Decimal (None if unpriced)
    requests: pd.DataFrame  # REQUEST_COLUMNS, one row per port request, in plan order
    totals: dict[str, Any]  # money as Decimal
    currency: str
    convention: dict[str, Any]  # every convention used, stated
    notes: list[str]
    unpriced: list[str]  # numbers with no price
    as_of: date
    billing: BillingSettings
    minor_digits: int
    # request id -> the plan's requested port date (ISO), so a reader sees the removal follow it
    port_dates: dict[str, str] = field(default_factory=dict)

    def to_dict(self, include_lines: bool = True) -> dict[str, Any]:
        """The documented JSON (docs/costs-json.md): money as strings with the currency's minor digits."""
        d = self.minor_digits
        out: dict[str, Any] = {
            "currency": self.currency,
            "minor_digits": d,
            "as_of": self.as_of.isoformat(),
            "convention": self.convention,
            "totals": {k: (bl.format_money(v, d) if k in MONEY_TOTALS else v) for k, v in self.totals.items()},
            "requests": [
                {
                    **{k: rec[k] for k in ("id", "numbers", "priced_numbers", "complete", "service_address")},
                    **{k: bl.format_money(rec[k], d) for k in MONEY_TOTALS},
                    "removal_date": rec["removal_date"].isoformat(),
                    "port_date": self.port_dates.get(rec["id"], ""),
                }
                for rec in self.requests.to_dict("records")
            ],
            "unpriced": list(self.unpriced),
            "notes": list(self.notes),
        }
        if include_lines:
            out["lines"] = lines_records(self.lines, d)
        return out


def _strings(values: pd.Series, fmt: Any) -> np.ndarray:
    """Format each distinct value once (a million lines share a few prices and dates)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    table = np.array([fmt(u) for u in uniques] + [None], dtype=object)
    return table[codes]  # code -1 (None/NaN) picks the trailing None


def lines_records(lines: pd.DataFrame, digits: int) -> list[dict[str, Any]]:
    """Lines as JSON-ready dicts (strings for money and dates, null where unpriced)."""
    money = {
        c: _strings(lines[c], lambda v: bl.format_money(v, digits)) for c in ("mrc", "prorated", "cost_through_removal")
    }
    dates = {c: _strings(lines[c], lambda v: v.isoformat()) for c in ("billing_day", "cycle_start", "cycle_end")}
    cols = {c: lines[c].tolist() for c in LINE_COLUMNS if c not in money and c not in dates}
    cols.update({c: v.tolist() for c, v in money.items()})
    cols.update({c: v.tolist() for c, v in dates.items()})
    return [dict(zip(LINE_COLUMNS, vals)) for vals in zip(*(cols[c] for c in LINE_COLUMNS))]


# --------------------------------------------------------------------------- day table


@dataclass
class _Days:
    """Billing facts per distinct removal day (index = code)."""

    day: np.ndarray  # int day numbers
    cycle_start: list[date]
    cycle_end: list[date]
    charged: np.ndarray
    in_cycle: np.ndarray
    full: np.ndarray  # full cycles billed from the as-of cycle up to the removal cycle
    before: np.ndarray  # removed before the as-of day
    factor: list[Fraction]  # cost through removal / MRC
    factor_next: list[Fraction]  # the same for a removal one day later (delay cost)
    prorate: list[Fraction]  # days_charged / days_in_cycle


def _cost_factor(
    day: date, as_of: date, as_of_index: int, b: BillingSettings
) -> tuple[bl.Cycle, int, int, int, Fraction]:
    cycle = bl.cycle_of(day, b.cycle_anchor_day)
    charged, in_cycle = bl.days_charged(day, cycle, b.convention, b.include_removal_day)
    if day < as_of:
        return cycle, charged, in_cycle, 0, Fraction(0)
    full = cycle.index - as_of_index
    return cycle, charged, in_cycle, full, full + Fraction(charged, in_cycle)


def _day_table(days: np.ndarray, as_of: date, b: BillingSettings) -> _Days:
    as_of_index = bl.cycle_of(as_of, b.cycle_anchor_day).index
    n = len(days)
    t = _Days(
        days, [], [], np.zeros(n, np.int64), np.zeros(n, np.int64), np.zeros(n, np.int64), np.zeros(n, bool), [], [], []
    )
    for i, num in enumerate(days):
        day = bl.from_day_number(int(num))
        cycle, charged, in_cycle, full, factor = _cost_factor(day, as_of, as_of_index, b)
        t.cycle_start.append(cycle.start)
        t.cycle_end.append(cycle.end)
        t.charged[i], t.in_cycle[i], t.full[i], t.before[i] = charged, in_cycle, full, day < as_of
        t.factor.append(factor)
        t.prorate.append(Fraction(charged, in_cycle))
        # A number already gone cannot be removed later: one more day of delay costs it nothing.
        t.factor_next.append(
            factor if day < as_of else _cost_factor(bl.from_day_number(int(num) + 1), as_of, as_of_index, b)[4]
        )
    return t


# --------------------------------------------------------------------------- rounding and sums


def _group_sum(values: np.ndarray, groups: np.ndarray, n_groups: int) -> list[int]:
    """Exact integer sums per group (int64 when it cannot overflow, Python ints otherwise)."""
    if len(values) == 0:
        return [0] * n_groups
    peak = int(np.abs(values).max()) if values.dtype != object else max(abs(int(v)) for v in values)
    dtype = np.int64 if peak * len(values) < 2**62 else object
    sums = pd.Series(values.astype(dtype)).groupby(groups).sum()
    out = [0] * n_groups
    for g, v in zip(sums.index.tolist(), sums.tolist()):
        out[int(g)] = int(v)
    return out


def _round_lines(
    exact: list[Fraction],
    combo: np.ndarray,
    req: np.ndarray,
    n_req: int,
    order: np.ndarray,
    scale: int,
    b: BillingSettings,
) -> tuple[np.ndarray, list[int]]:
    """Exact amounts per combo (in currency units) -> whole minor units per line and per request.

    Per number: each line is rounded, requests sum the lines. Per request: the request's exact sum is
    rounded once and shared out over its lines by largest remainder, so lines still add up exactly.
    """
    scaled = [v * scale for v in exact]
    if b.rounding_scope == "number":
        units = np.array([bl.round_units(v, b.rounding) for v in scaled], dtype=object)
        small = max((abs(int(u)) for u in units), default=0) < 2**62
        line = units[combo].astype(np.int64) if small else units[combo]
        return line, _group_sum(line, req, n_req)
    floors = [v.numerator // v.denominator for v in scaled]
    rests = [v - f for v, f in zip(scaled, floors)]
    # Exact ranking of remainders per combo: larger remainder first gets the spare unit.
    rank_of = {r: i for i, r in enumerate(sorted(set(rests), reverse=True))}
    rest_rank = np.array([rank_of[r] for r in rests], dtype=np.int64)[combo]
    line = np.array(floors, dtype=object)[combo]
    line = line.astype(np.int64) if max((abs(f) for f in floors), default=0) < 2**62 else line
    # Request exact sums: count lines per (request, combo) and add the Fractions once per pair.
    exact_req = [Fraction(0)] * n_req
    for (r, c), count in count_combinations(req, combo).items():
        exact_req[r] += scaled[c] * count
    target = [bl.round_units(v, b.rounding) for v in exact_req]
    floor_sum = _group_sum(line, req, n_req)
    spare = np.array([t - f for t, f in zip(target, floor_sum)], dtype=np.int64)
    ordered = np.lexsort((order, rest_rank, req))
    sorted_req = req[ordered]
    starts = np.searchsorted(sorted_req, sorted_req, side="left")
    position = np.arange(len(ordered)) - starts
    bump = np.zeros(len(req), dtype=np.int64)
    bump[ordered] = (position < spare[sorted_req]).astype(np.int64)
    return line + bump, target


# --------------------------------------------------------------------------- the calculation


def convention_of(b: BillingSettings, digits: int, as_of: date, rates: Mapping[str, Decimal]) -> dict[str, Any]:
    days = (
        "actual: days_in_cycle = days from the cycle's start to the next cycle's start"
        if b.convention == "actual"
        else "30day: days_in_cycle = 30; days_charged capped at 30; a cycle used to its last day counts 30"
    )
    return {
        "billing_day": "07:00 UTC to 07:00 UTC; a date-time belongs to the billing day it falls in, "
        "naive date-times are UTC, a date alone is that billing day",
        "cycle_anchor_day": b.cycle_anchor_day,
        "cycle": f"cycles start on day {b.cycle_anchor_day} of each month, clamped to the month's last day",
        "days": b.convention,
        "days_rule": days,
        "removal_day": "included" if b.include_removal_day else "excluded",
        "prorated": "MRC x days_charged / days_in_cycle, exact, then rounded",
        "rounding": b.rounding,
        "rounding_scope": b.rounding_scope,
        "minor_digits": digits,
        "full_cycles_before": "whole cycles billed at the full MRC from the as-of cycle up to (not including) "
        "the removal cycle",
        "cost_through_removal": "MRC x full_cycles_before + prorated; 0 when removed before the as-of day",
        "delay_cost_per_day": "cost_through_removal with removal one billing day later, minus the cost as planned",
        "as_of": as_of.isoformat(),
        "exchange_rates": {k: str(v) for k, v in sorted(rates.items())},
    }


def compute_costs(
    plan: Plan,
    billing: BillingSettings,
    as_of: date | datetime | None = None,
    removal_date: date | datetime | None = None,
    request_dates: Mapping[str, date | datetime] | None = None,
    max_mrc: Decimal = DEFAULT_MAX_MRC,
    with_lines: bool = True,
) -> CostReport:
    """Prorated charges of a plan. Removal per number: inventory `removal_date`, else `request_dates`
    (request id or service-address line, case-insensitive), else `removal_date`, else the as-of day.
    `with_lines=False`: no per-number lines (an empty frame), for callers that read only the requests and
    totals, as a scenario does (the lines are a third of the run at 100k numbers)."""
    # The invoice currency as set, else derived from the priced rows: everything below uses this one.
    b = replace(billing, currency=invoice_currency(plan.numbers, billing))
    # Library callers (notebooks, pages) pass dates directly: the same bound as typed ones.
    as_of_day = bl.billing_day(check_date(as_of, Text(N_("as-of day")))) if as_of is not None else bl.today()
    if removal_date is not None:
        check_date(removal_date, Text(N_("removal date")))
    for key, when in (request_dates or {}).items():
        check_date(when, Text(N_("removal date of {request}"), request=key))
    digits = bl.minor_digits(b.currency)
    scale = 10**digits
    nums = plan.numbers
    n = len(nums)
    notes: list[str] = []

    prices = resolve_prices(plan, b, max_mrc)
    removals = resolve_removals(plan, as_of_day, removal_date, request_dates)
    notes.extend(removals.notes)

    day_codes, day_uniques = pd.factorize(removals.day)
    days = _day_table(np.asarray(day_uniques, dtype=np.int64), as_of_day, b)

    req_ids = [r.id for r in plan.requests]
    req_index = {rid: i for i, rid in enumerate(req_ids)}
    req = nums["request_id"].map(req_index).to_numpy(dtype=np.int64) if n else np.zeros(0, np.int64)
    priced = prices.code >= 0

    # Distinct (MRC, removal day) pairs: the only place money is multiplied.
    combo_key = prices.code[priced] * max(len(day_uniques), 1) + day_codes[priced]
    combo, combo_uniques = pd.factorize(combo_key)
    combo = combo.astype(np.int64)
    c_mrc = [Fraction(prices.values[k // max(len(day_uniques), 1)]) for k in combo_uniques]
    c_day = [int(k % max(len(day_uniques), 1)) for k in combo_uniques]
    p_req = req[priced]
    order = np.arange(int(priced.sum()))  # plan order: numbers are sorted within requests

    def amounts(per_day: list[Fraction]) -> tuple[np.ndarray, list[int]]:
        exact = [m * per_day[d] for m, d in zip(c_mrc, c_day)]
        return _round_lines(exact, combo, p_req, len(req_ids), order, scale, b)

    prorated_u, prorated_req = amounts(days.prorate)
    cost_u, cost_req = amounts(days.factor)
    _, next_req = amounts(days.factor_next)
    _, saving_req = _round_lines(c_mrc, combo, p_req, len(req_ids), order, scale, b)

    lines = (
        _lines_frame(nums, b, prices, removals, days, day_codes, priced, prorated_u, cost_u, digits)
        if with_lines
        else pd.DataFrame(columns=LINE_COLUMNS)
    )

    count = np.bincount(req, minlength=len(req_ids)) if n else np.zeros(len(req_ids), np.int64)
    priced_count = np.bincount(p_req, minlength=len(req_ids)) if n else np.zeros(len(req_ids), np.int64)
    last_day = pd.Series(removals.day).groupby(req).max() if n else pd.Series(dtype=np.int64)

    def to_dec(units: int) -> Decimal:
        return bl.units_to_decimal(units, digits)

    requests = pd.DataFrame(
        {
            "id": req_ids,
            "numbers": count.astype(int),
            "priced_numbers": priced_count.astype(int),
            "prorated_total": [to_dec(u) for u in prorated_req],
            "cost_through_removal": [to_dec(u) for u in cost_req],
            "monthly_saving": [to_dec(u) for u in saving_req],
            "delay_cost_per_day": [to_dec(nx - c) for nx, c in zip(next_req, cost_req)],
            "removal_date": [
                bl.from_day_number(int(last_day.get(i, bl.to_day_number(as_of_day)))) for i in range(len(req_ids))
            ],
            "complete": (priced_count == count).tolist(),
            "service_address": [r.service_address.one_line() for r in plan.requests],
        },
        columns=REQUEST_COLUMNS,
    )

    unpriced = nums["number"].to_numpy(dtype=object)[~priced].tolist()
    totals: dict[str, Any] = {
        "numbers": n,
        "priced_numbers": int(priced.sum()),
        "unpriced_numbers": len(unpriced),
        # of the unpriced: a monthly charge was given but is no amount (fix the inventory, not the prices)
        "unreadable_charges": int(prices.unreadable.sum()),
        "requests": len(req_ids),
        "prorated_total": to_dec(sum(prorated_req)),
        "cost_through_removal": to_dec(sum(cost_req)),
        "monthly_saving": to_dec(sum(saving_req)),
        "delay_cost_per_day": to_dec(sum(next_req) - sum(cost_req)),
        "complete": not unpriced,
    }
    if prices.unreadable.any():
        notes.append(unreadable_note(nums, prices.unreadable))
    if unpriced:
        notes.append(Note("unpriced", count=len(unpriced), requests=int((~requests["complete"]).sum())))
    before = int(days.before[day_codes].sum()) if n else 0
    if before:
        notes.append(Note("removed_before", count=before, date=as_of_day))
    if b.rounding_scope == "request":
        notes.append(Note("rounding_per_request"))
    for cur, rate in sorted(prices.rates_used.items()):
        notes.append(Note("converted", currency=cur, rate=str(rate), base=b.currency))
    return CostReport(
        lines=lines,
        requests=requests,
        totals=totals,
        currency=b.currency,
        convention=convention_of(b, digits, as_of_day, prices.rates_used),
        notes=notes,
        unpriced=unpriced,
        as_of=as_of_day,
        billing=b,
        minor_digits=digits,
        port_dates={r.id: r.port_date for r in plan.requests if r.port_date},
    )


def _lines_frame(
    nums: pd.DataFrame,
    b: BillingSettings,
    prices: Prices,
    removals: Removals,
    days: _Days,
    day_codes: np.ndarray,
    priced: np.ndarray,
    prorated_u: np.ndarray,
    cost_u: np.ndarray,
    digits: int,
) -> pd.DataFrame:
    n = len(nums)

    def money(units: np.ndarray) -> np.ndarray:
        out = np.full(n, None, dtype=object)
        codes, uniques = pd.factorize(units)
        out[priced] = (
            np.array([bl.units_to_decimal(int(u), digits) for u in uniques], dtype=object)[codes] if len(units) else []
        )
        return out

    mrc = np.full(n, None, dtype=object)
    if len(prices.values):
        mrc[priced] = np.array(prices.values, dtype=object)[prices.code[priced]]
    before = days.before[day_codes] if n else np.zeros(0, bool)
    note = np.full(n, "", dtype=object)
    assumed = removals.source == SOURCE_AS_OF
    no_price = ~priced & ~prices.unreadable
    for mask, text in (
        (no_price, NOTE_UNPRICED),
        (prices.unreadable, NOTE_UNREADABLE),
        (before, NOTE_REMOVED),
        (assumed, NOTE_ASSUMED),
    ):
        note[mask] = np.where(note[mask] == "", text, note[mask] + "; " + text)
    day_dates = np.array([bl.from_day_number(int(d)) for d in days.day], dtype=object)
    return pd.DataFrame(
        {
            "number": nums["number"].to_numpy(dtype=object),
            "request_id": nums["request_id"].to_numpy(dtype=object),
            "mrc": mrc,
            "currency": b.currency,
            "removal_date": removals.text,
            "billing_day": day_dates[day_codes] if n else [],
            "cycle_start": np.array(days.cycle_start, dtype=object)[day_codes] if n else [],
            "cycle_end": np.array(days.cycle_end, dtype=object)[day_codes] if n else [],
            "days_charged": days.charged[day_codes] if n else [],
            "days_in_cycle": days.in_cycle[day_codes] if n else [],
            "prorated": money(prorated_u),
            "full_cycles_before": days.full[day_codes] if n else [],
            "cost_through_removal": money(cost_u),
            "priced": priced,
            "note": note,
            "mrc_source": prices.source,
            "removal_source": removals.source,
        },
        columns=LINE_COLUMNS,
    )
