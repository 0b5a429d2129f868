"""Plan benchmark: load + classify + group, against pandas.read_csv of the same file.

    .venv/bin/python bench/bench_plan.py            # 100k and 1M numbers, median of 3
    .venv/bin/python bench/bench_plan.py --sizes 100000 --repeat 5

Each measurement runs in a fresh process so peak memory (ru_maxrss) is that run's own; medians of wall
and of CPU seconds are printed.
Target (issue 2): a 1M-number plan within 5x read_csv, peak memory under 2 GB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

from generate import write  # bench/generate.py: a script's own folder is on its path

HERE = Path(__file__).resolve().parent

# phonenumbers' geocoding data (~0.3 s to load) is loaded before the clock starts, as a running dashboard
# has it: the planner imports it on first use, and these figures are the planning, not the module loading.
# CPU seconds are printed beside wall seconds: on a shared machine they move less with the other jobs.
_CHILD = r"""
import json, resource, sys, time
import pandas as pd
import phonenumbers.geodata
from portout.inventory.reader import read_inventory
from portout.plan.planner import build_plan
from portout.settings import load_settings
path, what, org = sys.argv[1], sys.argv[2], sys.argv[3]
t, c = time.perf_counter(), time.process_time()
if what == "read_csv":
    pd.read_csv(path, dtype=str, keep_default_na=False)
    extra = {}
else:
    plan = build_plan(read_inventory(path), load_settings(org))
    extra = {"requests": len(plan.requests), "planned": plan.summary["planned_numbers"]}
elapsed, cpu = time.perf_counter() - t, time.process_time() - c
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "cpu": cpu, "peak_mb": peak, **extra}))
"""


def measure(path: Path, what: str, org: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), what, str(org)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    org = HERE.parent / "data" / "samples" / "org.toml"
    for n in args.sizes:
        path = HERE / "out" / f"inv_{n}.csv"
        if not path.exists():
            write(n, path)
        base = [measure(path, "read_csv", org) for _ in range(args.repeat)]
        plan = [measure(path, "plan", org) for _ in range(args.repeat)]
        t_base = statistics.median(r["seconds"] for r in base)
        t_plan = statistics.median(r["seconds"] for r in plan)
        c_base = statistics.median(r["cpu"] for r in base)
        c_plan = statistics.median(r["cpu"] for r in plan)
        print(
            f"{n:>9,} numbers: read_csv {t_base:6.2f} s | plan {t_plan:6.2f} s | ratio {t_plan / t_base:4.1f}x "
            f"(target 5x; CPU {c_plan:.2f} s / {c_base:.2f} s = {c_plan / c_base:.1f}x) | "
            f"plan peak {max(r['peak_mb'] for r in plan):7.0f} MB (target < 2048) | "
            f"{plan[0]['requests']} requests, {plan[0]['planned']:,} planned"
        )


if __name__ == "__main__":
    main()
