"""Synthetic inventories for benchmarks: N valid numbers over many addresses, plus a sprinkle of dirt.

.venv/bin/python bench/generate.py 1000000 bench/out/inv_1m.csv
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

# (country, calling-code prefix, digits after it, city, postcode, street)
_PLANS = [
    ("US", "+13175", 6, "Indianapolis", "46204", "Monument Circle"),
    ("US", "+13125", 6, "Chicago", "60606", "S Wacker Drive"),
    ("US", "+13035", 6, "Denver", "80202", "Wynkoop Street"),
    ("US", "+15125", 6, "Austin", "78701", "W 2nd Street"),
    ("US", "+12125", 6, "New York", "10001", "W 34th Street"),
    ("US", "+14155", 6, "San Francisco", "94105", "Market Street"),
    ("DE", "+4930", 8, "Berlin", "10117", "Friedrichstraße"),
    ("DE", "+4989", 8, "München", "80802", "Leopoldstraße"),
    ("GB", "+44207", 7, "London", "WC2E 9LH", "Long Acre"),
    ("GB", "+44161", 7, "Manchester", "M1 7ED", "Oxford Road"),
]
# The charge says its currency, as a Genesys export does: an upload starts from unset settings, and the
# invoice currency is then the one the priced rows carry.
HEADER = ["number", "provider", "street1", "city", "postal_code", "country", "owner", "monthly_charge", "currency"]


def rows(n: int, seed: int = 1):
    """Yield n rows; numbers unique, ~1% dirty (duplicates, BYOC, blanks, junk)."""
    rng = random.Random(seed)
    per_plan = -(-n // len(_PLANS))
    made = 0
    for country, prefix, width, city, postcode, street in _PLANS:
        capacity = 10**width
        step = max(1, capacity // per_plan)
        for i in range(per_plan):
            if made >= n:
                return
            number = f"{prefix}{(i * step) % capacity:0{width}d}"
            house = 1 + (i % 40)  # 40 addresses per city -> ~400 requests before size splits
            roll = rng.random()
            provider, owner = "PURE_CLOUD_VOICE", ""
            if roll < 0.003:
                number = "not a number"
            elif roll < 0.006:
                provider = "PURE_CLOUD"
            elif roll < 0.25:
                owner = "user"
            yield [number, provider, f"{house} {street}", city, postcode, country, owner, "1.50", "USD"]
            made += 1


def write(n: int, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(rows(n))
    return path


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(f"bench/out/inv_{count}.csv")
    print(write(count, target))
