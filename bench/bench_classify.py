"""Benchmark: portout.inventory.number_types.classify_e164 vs the plain per-number phonenumbers path.

    .venv/bin/python bench/bench_classify.py [--n 1000000] [--sample 20000] [--seed 7]

Numbers are built from libphonenumber's own example numbers (fixed line, mobile, toll free) with the
trailing digits randomised, in a planner-like country mix, plus ~2% junk/invalid strings.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd
import phonenumbers
from phonenumbers import PhoneNumberType

from portout.inventory.number_types import classify_e164

# Share of numbers per region; a Genesys Cloud port-out is NANP-heavy with a European tail.
MIX = {
    "US": 0.45,
    "CA": 0.10,
    "DE": 0.10,
    "GB": 0.10,
    "FR": 0.06,
    "NL": 0.03,
    "IT": 0.03,
    "ES": 0.03,
    "AU": 0.03,
    "CH": 0.02,
    "AT": 0.02,
    "BR": 0.01,
    "MX": 0.01,
    "JP": 0.01,
}
INVALID_SHARE = 0.02
TYPES = (PhoneNumberType.FIXED_LINE, PhoneNumberType.MOBILE, PhoneNumberType.TOLL_FREE)


def _templates(region: str) -> list[str]:
    """E.164 example numbers of the region, one per type that has one."""
    out = []
    for t in TYPES:
        ex = phonenumbers.example_number_for_type(region, t)
        if ex is not None:
            out.append(phonenumbers.format_number(ex, phonenumbers.PhoneNumberFormat.E164))
    return out


def _randomise_tail(templates: list[str], count: int, rng: np.random.Generator, keep: int) -> np.ndarray:
    """Keep the first `keep` digits of a template (country code + area), draw the rest."""
    picks = rng.integers(0, len(templates), count)
    out = np.empty(count, dtype=object)
    for i, tpl in enumerate(templates):
        rows = np.flatnonzero(picks == i)
        tail = len(tpl) - 1 - keep
        draws = rng.integers(0, 10**tail, rows.size)
        out[rows] = [tpl[: keep + 1] + str(d).zfill(tail) for d in draws]
    return out


def make_numbers(n: int, seed: int = 7) -> pd.Series:
    rng = np.random.default_rng(seed)
    parts = []
    for region, share in MIX.items():
        cc_len = len(str(phonenumbers.country_code_for_region(region)))
        parts.append(_randomise_tail(_templates(region), int(n * share), rng, keep=cc_len + 3))
    valid_count = sum(len(p) for p in parts)
    junk = rng.integers(10**9, 10**13, n - valid_count)
    parts.append(np.array(["+" + str(j) for j in junk], dtype=object))
    numbers = np.concatenate(parts)
    rng.shuffle(numbers)
    return pd.Series(numbers, dtype="str")


def plain_path(numbers: pd.Series) -> list[tuple[bool, str, str]]:
    """What the planner did before: parse + is_valid_number + region + type, one number at a time."""
    out = []
    for text in numbers:
        try:
            num = phonenumbers.parse(text, None)
        except phonenumbers.NumberParseException:
            out.append((False, "", "UNKNOWN"))
            continue
        out.append(
            (
                phonenumbers.is_valid_number(num),
                phonenumbers.region_code_for_number(num) or "",
                PhoneNumberType.to_string(phonenumbers.number_type(num)),
            )
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--sample", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    numbers = make_numbers(args.n, args.seed)
    print(f"{len(numbers):,} numbers, {numbers.nunique():,} unique")
    classify_e164(numbers.head(1000))  # metadata loading and regex compilation, once per process

    runs = []
    for _ in range(3):
        start = time.perf_counter()
        result = classify_e164(numbers)
        runs.append(time.perf_counter() - start)
    fast = statistics.median(runs)
    print(
        f"classify_e164: median {fast:.3f} s of 3 runs ({', '.join(f'{r:.3f}' for r in runs)}), "
        f"{fast / len(numbers) * 1e6:.2f} us/number, {result['valid'].mean():.1%} valid"
    )

    sample = numbers.sample(min(args.sample, len(numbers)), random_state=args.seed)
    start = time.perf_counter()
    expected = plain_path(sample)
    per_number = (time.perf_counter() - start) / len(sample)
    plain_total = per_number * len(numbers)
    print(
        f"plain phonenumbers: {per_number * 1e6:.2f} us/number on {len(sample):,}, "
        f"extrapolated {plain_total:.1f} s for {len(numbers):,}"
    )
    print(f"speed-up: {plain_total / fast:.1f}x")

    got = list(result.loc[sample.index, ["valid", "region", "number_type"]].itertuples(index=False, name=None))
    mismatches = sum(g != e for g, e in zip(got, expected))
    print(f"sample agreement with phonenumbers: {len(sample) - mismatches:,}/{len(sample):,}")


if __name__ == "__main__":
    main()
