"""Export benchmark (issue 4): LOA workbook of 100k numbers vs a bare openpyxl write-only dump.

    .venv/bin/python bench/bench_export.py [NUMBERS] [ADDRESSES]

The baseline writes exactly the cells of our workbook (read back with python-calamine, untimed) as plain
values with `ws.append`, no styles, one write-only sheet each: what openpyxl costs at the least for the
same output. Reported: median of 3 for each, their ratio, and tracemalloc peaks of the export with few
and with many requests (memory must not grow with the number of requests).
"""

from __future__ import annotations

import csv
import gc
import io
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from portout.export.workbook import build_workbook
from portout.inventory.reader import read_inventory
from portout.plan.model import Plan
from portout.plan.planner import build_plan
from portout.settings import parse_settings

_CITIES = [
    ("US", "+1317", "Indianapolis", "46204"),
    ("US", "+1312", "Chicago", "60606"),
    ("US", "+1303", "Denver", "80202"),
    ("DE", "+4930", "Berlin", "10117"),
    ("GB", "+44207", "London", "WC2E 9LH"),
]
_WIDTH = {"+1317": 7, "+1312": 7, "+1303": 7, "+4930": 8, "+44207": 7}


def inventory_csv(numbers: int, addresses: int, seed: int = 7) -> bytes:
    """Blocks of consecutive DIDs (10-100, with gaps) spread over `addresses` service addresses."""
    rng = random.Random(seed)
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(
        [
            "Phone Number",
            "Provider",
            "Location",
            "Street",
            "City",
            "Postal Code",
            "Country",
            "Assigned To",
            "Owner Type",
        ]
    )
    made = 0
    cursor = {prefix: 5550000 if _WIDTH[prefix] == 7 else 55500000 for _, prefix, _, _ in _CITIES}
    while made < numbers:
        a = rng.randrange(addresses)
        country, prefix, city, postcode = _CITIES[a % len(_CITIES)]
        block = min(rng.randint(10, 100), numbers - made)
        start = cursor[prefix]
        cursor[prefix] += block + rng.randint(0, 5)  # gaps break ranges now and then
        for i in range(block):
            owner = f"Agent {rng.randrange(5000)}" if rng.random() < 0.3 else ""
            w.writerow(
                [
                    f"{prefix}{start + i:0{_WIDTH[prefix]}d}",
                    "PURE_CLOUD_VOICE",
                    f"Site {a}",
                    f"{100 + a} Main Street",
                    city,
                    postcode,
                    country,
                    owner,
                    "USER" if owner else "",
                ]
            )
        made += block
    return out.getvalue().encode()


def make_plan(numbers: int, addresses: int) -> Plan:
    settings = parse_settings(
        {
            "organization": {"id": "2f6c3a1e-8b7d-4c5e-9a10-1234abcd5678", "name": "Bench Org"},
            "invoice": {
                "ship_to": {
                    "name": "Bench Org Inc.",
                    "street1": "1 Main St",
                    "city": "Indianapolis",
                    "postal_code": "46204",
                    "country": "US",
                }
            },
            "signer": {"name": "Dana Admin"},
            "carrier": {"max_numbers_per_request": 100_000},
        }
    )
    return build_plan(read_inventory(inventory_csv(numbers, addresses)), settings)


def same_cells(xlsx: bytes) -> list[tuple[str, list[list[object]]]]:
    """Every sheet's values as plain Python values ('' -> None, whole floats -> int)."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(xlsx))
    sheets = []
    for name in book.sheet_names:
        rows = []
        for row in book.get_sheet_by_name(name).to_python(skip_empty_area=False):
            cells = [None if v == "" else (int(v) if isinstance(v, float) and v.is_integer() else v) for v in row]
            while cells and cells[-1] is None:
                cells.pop()
            rows.append(cells)
        sheets.append((name, rows))
    return sheets


def bare_dump(sheets: list[tuple[str, list[list[object]]]]) -> bytes:
    wb = Workbook(write_only=True)
    for name, rows in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def median_time(fn: Callable[[], object], runs: int = 3) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times


def peak_mib(fn: Callable[[], object]) -> float:
    gc.collect()
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    numbers = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    addresses = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    t0 = time.perf_counter()
    plan = make_plan(numbers, addresses)
    print(f"plan: {len(plan.numbers)} numbers, {len(plan.requests)} requests ({time.perf_counter() - t0:.1f} s)")
    if "national" not in plan.numbers.columns and hasattr(plan, "national"):
        t0 = time.perf_counter()
        plan.national()
        print(
            f"national format of all numbers (part of the export: the plan computes it on demand): "
            f"{time.perf_counter() - t0:.2f} s"
        )

    xlsx = build_workbook(plan)
    sheets = same_cells(xlsx)
    cells = sum(sum(v is not None for v in row) for _, rows in sheets for row in rows)
    print(f"workbook: {len(sheets)} sheets, {cells} non-empty cells, {len(xlsx) / 2**20:.1f} MiB")

    export_med, export_all = median_time(lambda: build_workbook(plan))
    base_med, base_all = median_time(lambda: bare_dump(sheets))
    print(f"export:    median {export_med:.2f} s  runs {', '.join(f'{t:.2f}' for t in export_all)}")
    print(f"bare dump: median {base_med:.2f} s  runs {', '.join(f'{t:.2f}' for t in base_all)}")
    print(f"ratio export / bare dump: {export_med / base_med:.2f} (target <= 1.5)")

    print(
        f"peak traced memory, export, {len(plan.requests)} requests: {peak_mib(lambda: build_workbook(plan)):.1f} MiB"
    )
    print(f"peak traced memory, bare dump:                 {peak_mib(lambda: bare_dump(sheets)):.1f} MiB")
    for n_addr in (20, 1500):
        other = make_plan(numbers, n_addr)
        print(
            f"peak traced memory, export, {len(other.requests)} requests: "
            f"{peak_mib(lambda plan=other: build_workbook(plan)):.1f} MiB"
        )


if __name__ == "__main__":
    main()
