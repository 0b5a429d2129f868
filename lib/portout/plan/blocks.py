"""Decimal number blocks (…0–…9, …00–…99, …000–…999): carriers, and German providers above all, port a
block whole, exactly as the losing provider holds it.

- `atom_starts`: where the size cap may cut a request's sorted numbers (never inside a complete block);
- `blocks_in`: the blocks a request carries (`+49 30 901850 10–19`, first, last, count);
- `block_warnings`: blocks only partly in the plan (others stay, are BYOC or excluded) or spread over
  several requests.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import phonenumbers

from portout.plan.model import PlanWarning

BLOCK_LEVELS = (1, 2, 3, 4)  # 10, 100, 1,000 and 10,000 numbers
_SAMPLE = 3


def _runs(prefix: np.ndarray, new_group: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Start index and length of each run of equal values in a sorted array (`new_group`: where a run must
    end anyway, np.diff(groups) != 0)."""
    n = len(prefix)
    differs = np.diff(prefix) != 0
    if new_group is not None:
        differs |= new_group
    change = np.flatnonzero(differs) + 1
    start = np.concatenate([[0], change]).astype(np.int64)
    end = np.concatenate([change, [n]]).astype(np.int64)
    return start, end - start


def atom_starts(values: np.ndarray, cap: int, groups: np.ndarray | None = None) -> np.ndarray:
    """For numbers (as integers) sorted by (group, value), distinct within a group: the index where the
    largest complete block holding each one starts (its own index when it is in none). Blocks larger than
    `cap` cannot stay whole and are not atoms; their sub-blocks are."""
    start = np.arange(len(values), dtype=np.int64)
    # Where the group changes, once for every level (a block never spans two groups).
    new_group = np.diff(groups) != 0 if groups is not None else None
    for level in BLOCK_LEVELS:
        size = 10**level
        if size > cap or size > len(values):
            break
        run_start, run_len = _runs(values // size, new_group)
        # Distinct numbers sharing all but the last `level` digits: complete exactly when there are 10^level.
        full_starts = run_start[run_len == size]
        if not len(full_starts):
            break  # a complete block is made of complete blocks one level down: none further up either
        start[(full_starts[:, None] + np.arange(size)).ravel()] = np.repeat(full_starts, size)
    return start


def cut_points(atoms: np.ndarray, cap: int) -> list[tuple[int, int]]:
    """[lo, hi) chunks of at most `cap` numbers, cut only where no complete block continues."""
    chunks, lo, n = [], 0, len(atoms)
    while lo < n:
        hi = min(n, lo + cap)
        if hi < n and lo < atoms[hi] < hi:  # the cut would fall inside a block: cut where that block starts
            hi = int(atoms[hi])
        chunks.append((lo, hi))
        lo = hi
    return chunks


def block_label(first: str, last: str, level: int) -> str:
    """'+49 30 901850 10–19': the international form of the base number, then the extensions' range
    (at least two digits, as German forms write them)."""
    width = max(level, 2)
    try:
        shown = phonenumbers.format_number(
            phonenumbers.parse(first, None), phonenumbers.PhoneNumberFormat.INTERNATIONAL
        )
    except phonenumbers.NumberParseException:
        shown = first
    # Drop the last `width` digits from the formatted number, whatever spacing it has.
    cut, seen = len(shown), 0
    while cut > 0 and seen < width:
        cut -= 1
        seen += shown[cut].isdigit()
    return f"{shown[:cut].rstrip(' -')} {first[-width:]}–{last[-width:]}"


def blocks_in(numbers: list[str], values: np.ndarray, atoms: np.ndarray) -> list[dict[str, Any]]:
    """The complete blocks (10 numbers or more) among a request's sorted numbers."""
    out = []
    starts, lengths = _runs(atoms)
    for s, n in zip(starts.tolist(), lengths.tolist()):
        if n < 10:
            continue
        level = len(str(n)) - 1
        first, last = numbers[s], numbers[s + n - 1]
        out.append({"first": first, "last": last, "count": n, "label": block_label(first, last, level)})
    return out


def block_warnings(
    planned: np.ndarray,
    request_codes: np.ndarray,
    request_ids: np.ndarray,
    others: np.ndarray,
    others_what: np.ndarray,
) -> list[PlanWarning]:
    """`planned`: every planned number as an integer, with its request as a code into `request_ids`;
    `others`: inventory numbers not planned (staying, BYOC, excluded) as integers, with why. Reports the
    largest blocks only."""
    if not len(planned):
        return []
    order = np.argsort(planned, kind="stable")
    p_sorted, req_codes = planned[order], request_codes[order]
    o_order = np.argsort(others, kind="stable")
    o_sorted, o_what = others[o_order], others_what[o_order]
    reported: list[tuple[int, int]] = []  # (level, prefix) of blocks already reported
    out: list[PlanWarning] = []
    for level in reversed(BLOCK_LEVELS[:3]):
        size = 10**level
        prefix = p_sorted // size
        run_start, run_len = _runs(prefix)
        pre = prefix[run_start]
        lo = np.searchsorted(o_sorted, pre * size)
        hi = np.searchsorted(o_sorted, (pre + 1) * size)
        missing = hi - lo
        several = np.minimum.reduceat(req_codes, run_start) != np.maximum.reduceat(req_codes, run_start)
        candidates = ((run_len == size) & several) | ((missing > 0) & (run_len + missing == size))
        for i in np.flatnonzero(candidates).tolist():
            s, n, block = int(run_start[i]), int(run_len[i]), int(pre[i])
            if any(block // 10 ** (lv - level) == pr for lv, pr in reported):
                continue  # inside a larger block already reported
            reported.append((level, block))
            reqs = sorted({str(request_ids[c]) for c in req_codes[s : s + n].tolist()})
            label = block_label(f"+{block * size}", f"+{(block + 1) * size - 1}", level)
            if n == size:
                out.append(_split_warning(label, size, reqs, [f"+{v}" for v in p_sorted[s : s + n].tolist()]))
            else:
                left = [f"+{v}" for v in o_sorted[lo[i] : hi[i]].tolist()]
                why = sorted(set(o_what[lo[i] : hi[i]].tolist()))
                out.append(_partial_warning(label, size, n, reqs, left, why))
    return out


def _sample(numbers: list[str]) -> str:
    return ", ".join(numbers[:_SAMPLE]) + (", …" if len(numbers) > _SAMPLE else "")


def _partial_warning(label: str, size: int, n: int, reqs: list[str], left: list[str], why: list[str]) -> PlanWarning:
    return PlanWarning(
        "block_partly_planned",
        f"{', '.join(reqs)}: the block {label} ({size:,} numbers) is only partly in the plan: {n:,} leave, "
        f"{len(left):,} do not ({_sample(left)}: {', '.join(why)}). Carriers port a block whole, as the "
        "losing provider holds it: port the whole block, or ask the gaining carrier whether it takes part of it",
        left,
        reqs,
        params={"block": label, "size": size, "leaving": n, "left": len(left), "why": ", ".join(why)},
    )


def _split_warning(label: str, size: int, reqs: list[str], members: list[str]) -> PlanWarning:
    return PlanWarning(
        "block_split_across_requests",
        f"{', '.join(reqs)}: the block {label} ({size:,} numbers) is spread over {len(reqs)} requests "
        "(different service addresses, categories or the size cap). Carriers port a block whole: give its "
        "numbers one service address, or ask the gaining carrier how it wants the block submitted",
        members,
        reqs,
        params={"block": label, "size": size, "requests": ", ".join(reqs)},
    )
