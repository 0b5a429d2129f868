"""Costs benchmark: `compute_costs` on a synthetic 1M-number plan against the plan itself.

    .venv/bin/python bench/bench_costs.py                 # 1M numbers, median of 3
    .venv/bin/python bench/bench_costs.py --numbers 100000 --repeat 5

The inventory is generated in memory (US numbers +1AAAEEExxxx over 10 area codes x 10 exchanges, 40
service addresses per area code), with a realistic mix: inventory MRCs in two spellings, numbers priced
from the settings' table, removal dates as dates and as 07:00-UTC-straddling date-times, and numbers left
to the --removal-date default. "plan" = read_inventory + build_plan (what `portout plan` does);
"costs" = compute_costs on that plan. Target (issue 3): costs within 2x of the plan.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from datetime import date

from portout.costs.report import compute_costs
from portout.inventory.reader import read_inventory
from portout.plan.planner import build_plan
from portout.settings import parse_settings

AREAS = ["317", "312", "212", "415", "512", "303", "206", "617", "404", "713"]
EXCHANGES = ["555", "222", "333", "444", "666", "777", "888", "234", "345", "456"]
REMOVALS = ["2026-12-14", "2026-12-31", "2027-01-15T06:30Z", "2027-01-15T07:00Z", "", "2027-03-01"]
MRCS = ["1.50", '"1,50"', "2.25", "", "", "0.99"]

SETTINGS = {
    "organization": {"id": "2f6c3a1e-8b7d-4c5e-9a10-1234abcd5678", "name": "Bench Inc"},
    "invoice": {
        "ship_to": {
            "name": "Bench Inc",
            "street1": "1 Monument Circle",
            "city": "Indianapolis",
            "state": "IN",
            "postal_code": "46204",
            "country": "US",
        }
    },
    "carrier": {"max_numbers_per_request": 20000},
    "billing": {"currency": "USD", "cycle_anchor_day": 15, "prices": {"US": {"geographic": "1.25"}}},
}


def inventory_csv(n: int) -> bytes:
    """n valid, distinct US numbers as CSV bytes."""
    out = io.StringIO()
    out.write("number,street1,city,state,postal_code,country,monthly_charge,removal_date\n")
    made = 0
    for a, area in enumerate(AREAS):
        for exchange in EXCHANGES:
            for line in range(10_000):
                if made >= n:
                    return out.getvalue().encode()
                house = 1 + line % 40
                out.write(
                    f"+1{area}{exchange}{line:04d},{house} Main Street,City {a},IN,46{a:03d},US,"
                    f"{MRCS[line % len(MRCS)]},{REMOVALS[(line // 7) % len(REMOVALS)]}\n"
                )
                made += 1
    if made < n:
        raise SystemExit(f"this generator makes at most {made} numbers")
    return out.getvalue().encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--numbers", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    settings = parse_settings(SETTINGS)
    raw = inventory_csv(args.numbers)
    plan_s, costs_s, build_s = [], [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        inventory = read_inventory(raw, name="bench.csv")
        t1 = time.perf_counter()
        plan = build_plan(inventory, settings)
        t2 = time.perf_counter()
        report = compute_costs(plan, settings.billing, as_of=date(2026, 12, 1), removal_date=date(2026, 12, 20))
        t3 = time.perf_counter()
        plan_s.append(t2 - t0)
        build_s.append(t2 - t1)
        costs_s.append(t3 - t2)
    plan_m, build_m, costs_m = (statistics.median(x) for x in (plan_s, build_s, costs_s))
    print(
        f"numbers planned: {len(plan.numbers):,} in {len(plan.requests)} requests; "
        f"priced {report.totals['priced_numbers']:,}; total through removal "
        f"{report.totals['cost_through_removal']} {report.currency}"
    )
    print(f"plan  (read_inventory + build_plan): median {plan_m:.2f} s  runs {', '.join(f'{s:.2f}' for s in plan_s)}")
    print(f"build_plan alone:                    median {build_m:.2f} s")
    print(f"costs (compute_costs):               median {costs_m:.2f} s  runs {', '.join(f'{s:.2f}' for s in costs_s)}")
    print(f"ratio costs/plan: {costs_m / plan_m:.2f}   costs/build_plan: {costs_m / build_m:.2f}   (target <= 2)")


if __name__ == "__main__":
    main()
