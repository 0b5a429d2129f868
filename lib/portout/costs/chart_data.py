"""Finance's chart data (pure: DataFrames out, no plotting library): what the bill is for each possible
removal day, and the saving per cycle after removal. Re-exported by `portout.costs.report`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from portout.costs import billing as bl
from portout.costs.combinations import count_combinations
from portout.costs.inputs import DEFAULT_MAX_MRC, invoice_currency, resolve_prices
from portout.plan.model import Plan
from portout.settings import BillingSettings

if TYPE_CHECKING:
    from portout.costs.report import CostReport


def _scope_total(
    exact_per_group: dict[tuple[int, ...], int],
    per_price: list[Fraction],
    factor: Fraction,
    scale: int,
    b: BillingSettings,
) -> int:
    """Total minor units when every number is removed on one day. Keys: (request, price code) -> count."""
    if b.rounding_scope == "number":
        by_price: dict[int, int] = {}
        for (_, p), count in exact_per_group.items():
            by_price[p] = by_price.get(p, 0) + count
        return sum(bl.round_units(per_price[p] * factor * scale, b.rounding) * c for p, c in by_price.items())
    by_req: dict[int, Fraction] = {}
    for (r, p), count in exact_per_group.items():
        by_req[r] = by_req.get(r, Fraction(0)) + per_price[p] * factor * count
    return sum(bl.round_units(v * scale, b.rounding) for v in by_req.values())


def cost_by_removal_date(
    plan: Plan,
    billing: BillingSettings,
    as_of: date | datetime,
    start: date | datetime,
    end: date | datetime,
    max_mrc: Decimal = DEFAULT_MAX_MRC,
) -> pd.DataFrame:
    """Total cost through removal if *every* priced number were removed on each day from start to end
    (inventory removal dates are ignored: this is the "what if we remove on day X" curve).

    Columns: removal_date, cycle_start, cycle_boundary (the day starts a new cycle: the bill jumps by a
    full MRC), days_charged, days_in_cycle, full_cycles_before, prorated_total, cost_through_removal
    (Decimal), cost (float, for plotting), complete (False when some numbers are unpriced).
    """
    b = replace(billing, currency=invoice_currency(plan.numbers, billing))  # as compute_costs does
    as_of_day, first, last = bl.billing_day(as_of), bl.billing_day(start), bl.billing_day(end)
    if last < first:
        raise ValueError("end is before start")
    digits = bl.minor_digits(b.currency)
    scale = 10**digits
    prices = resolve_prices(plan, b, max_mrc)
    priced = prices.code >= 0
    req = pd.factorize(plan.numbers["request_id"].to_numpy(dtype=object))[0]
    groups = count_combinations(req[priced], prices.code[priced])
    per_price = [Fraction(v) for v in prices.values]
    as_of_index = bl.cycle_of(as_of_day, b.cycle_anchor_day).index
    rows = []
    day = first
    while day <= last:
        cycle = bl.cycle_of(day, b.cycle_anchor_day)
        charged, in_cycle = bl.days_charged(day, cycle, b.convention, b.include_removal_day)
        gone = day < as_of_day
        full = 0 if gone else cycle.index - as_of_index
        factor = Fraction(0) if gone else full + Fraction(charged, in_cycle)
        prorated = _scope_total(groups, per_price, Fraction(charged, in_cycle), scale, b)
        cost = _scope_total(groups, per_price, factor, scale, b)
        rows.append(
            {
                "removal_date": day,
                "cycle_start": cycle.start,
                "cycle_boundary": day == cycle.start,
                "days_charged": charged,
                "days_in_cycle": in_cycle,
                "full_cycles_before": full,
                "prorated_total": bl.units_to_decimal(prorated, digits),
                "cost_through_removal": bl.units_to_decimal(cost, digits),
                "cost": cost / scale,
                "complete": bool(priced.all()),
            }
        )
        day += timedelta(days=1)
    return pd.DataFrame(
        rows,
        columns=[
            "removal_date",
            "cycle_start",
            "cycle_boundary",
            "days_charged",
            "days_in_cycle",
            "full_cycles_before",
            "prorated_total",
            "cost_through_removal",
            "cost",
            "complete",
        ],
    )


def monthly_savings(report: CostReport, months: int = 12) -> pd.DataFrame:
    """Saving per billing cycle for the `months` cycles after the as-of cycle: the MRC of every priced
    number whose removal cycle ended before that cycle (it is no longer billed), and the running total.

    Columns: cycle_start, cycle_end, numbers_removed, saving, cumulative_saving (Decimal), saving_value
    and cumulative_value (float, for plotting).
    """
    b = report.billing
    digits = report.minor_digits
    scale = 10**digits
    lines = report.lines[report.lines["priced"]]
    start_idx = bl.cycle_of(report.as_of, b.cycle_anchor_day).index
    # Removal cycle index per line, computed once per distinct cycle start.
    c_codes, c_uniques = pd.factorize(lines["cycle_start"])
    cyc = (
        np.array([bl.cycle_index(d, b.cycle_anchor_day) for d in c_uniques], dtype=np.int64)[c_codes]
        if len(lines)
        else np.zeros(0, np.int64)
    )
    m_codes, m_uniques = pd.factorize(lines["mrc"])
    mrc: list[Fraction] = [Fraction(v) for v in m_uniques.tolist()]  # exact Decimal prices
    r_codes = pd.factorize(lines["request_id"])[0]
    counts = count_combinations(r_codes, m_codes, cyc)  # (request, MRC, cycle index) -> numbers
    rows = []
    cumulative = 0
    for i in range(1, months + 1):
        idx = start_idx + i
        gone = {k: v for k, v in counts.items() if k[2] < idx}
        if b.rounding_scope == "number":
            units = sum(bl.round_units(mrc[m] * scale, b.rounding) * c for (_, m, _), c in gone.items())
        else:
            by_req: dict[int, Fraction] = {}
            for (r, m, _), c in gone.items():
                by_req[r] = by_req.get(r, Fraction(0)) + mrc[m] * c
            units = sum(bl.round_units(v * scale, b.rounding) for v in by_req.values())
        cumulative += units
        start = bl.cycle_start_of_index(idx, b.cycle_anchor_day)
        rows.append(
            {
                "cycle_start": start,
                "cycle_end": bl.cycle_start_of_index(idx + 1, b.cycle_anchor_day) - timedelta(days=1),
                "numbers_removed": int(sum(gone.values())),
                "saving": bl.units_to_decimal(units, digits),
                "cumulative_saving": bl.units_to_decimal(cumulative, digits),
                "saving_value": units / scale,
                "cumulative_value": cumulative / scale,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "cycle_start",
            "cycle_end",
            "numbers_removed",
            "saving",
            "cumulative_saving",
            "saving_value",
            "cumulative_value",
        ],
    )
