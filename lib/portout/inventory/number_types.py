"""Vectorised E.164 classification that gives exactly phonenumbers' answers.

`classify_e164` reproduces, for '+digits' strings, what
``parse(n)`` + ``is_valid_number`` + ``region_code_for_number`` + ``number_type`` return, but runs
each of libphonenumber's own metadata regexes once over a whole calling-code group with pandas'
vectorised string ops instead of once per number. Nothing here is a hand-written prefix list: all
patterns, lengths and region orders come from ``phonenumbers.PhoneMetadata`` at run time, so a
``pip install -U phonenumbers`` changes the answers exactly as it changes the library's.

The steps mirror phonenumberutil.py (phonenumbers 9.x):
  parse()                     -> shape/length checks, country code split, national-prefix stripping
  region_code_for_number()    -> first region of the calling code whose leading_digits match or
                                 whose _number_type_helper is not UNKNOWN
  _number_type_helper()       -> ordered desc checks (premium ... voicemail, fixed line, mobile)
  is_valid_number()           -> type != UNKNOWN for that region
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import numpy as np
import pandas as pd
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc
from phonenumbers import PhoneMetadata, PhoneNumberType

# Limits from phonenumberutil (_MIN_LENGTH_FOR_NSN, _MAX_LENGTH_FOR_NSN, _MAX_INPUT_STRING_LENGTH).
_MIN_NSN = 2
_MAX_NSN = 17
_MAX_INPUT = 250
_UNKNOWN = PhoneNumberType.UNKNOWN
# parse() needs >2 digits after '+' (TOO_SHORT_AFTER_IDD otherwise); longer than 250 chars is TOO_LONG.
_SHAPE = rf"\+[0-9]{{3,{_MAX_INPUT - 1}}}"

# The order _number_type_helper tests the special-rate descs in; the first hit wins.
_SPECIAL_ORDER: tuple[tuple[str, int], ...] = (
    ("premium_rate", PhoneNumberType.PREMIUM_RATE),
    ("toll_free", PhoneNumberType.TOLL_FREE),
    ("shared_cost", PhoneNumberType.SHARED_COST),
    ("voip", PhoneNumberType.VOIP),
    ("personal_number", PhoneNumberType.PERSONAL_NUMBER),
    ("pager", PhoneNumberType.PAGER),
    ("uan", PhoneNumberType.UAN),
    ("voicemail", PhoneNumberType.VOICEMAIL),
)
_TYPE_CODES = (*range(11), _UNKNOWN)
_TYPE_NAMES = {t: PhoneNumberType.to_string(t) for t in _TYPE_CODES}


@dataclass(frozen=True)
class _Desc:
    """One PhoneNumberDesc reduced to what _is_number_matching_desc looks at."""

    pattern: str
    lengths: tuple[int, ...]  # empty: no length filter (inherits the general desc)


@dataclass(frozen=True)
class _Region:
    code: str
    missing: bool  # no metadata: skipped in region search, UNKNOWN type
    leading_digits: str | None
    general: _Desc | None
    specials: tuple[tuple[_Desc, int], ...]
    fixed: _Desc | None
    mobile: _Desc | None
    same_mobile_fixed: bool


@dataclass(frozen=True)
class _CallingCode:
    cc: int
    cc_len: int
    regions: tuple[_Region, ...]
    # National-prefix stripping uses the metadata of the calling code's main region.
    prefix: str | None
    transform: str | None
    prefix_groups: int
    general_pattern: str | None
    possible: tuple[int, ...]
    local_only: tuple[int, ...]


def _desc(desc: Any) -> _Desc | None:
    # _match_national_number never matches a missing or empty pattern.
    if desc is None or not desc.national_number_pattern:
        return None
    return _Desc(desc.national_number_pattern, tuple(desc.possible_length))


def _region(code: str, metadata: Any) -> _Region:
    if metadata is None:
        return _Region(code, True, None, None, (), None, None, False)
    specials = tuple((d, t) for name, t in _SPECIAL_ORDER if (d := _desc(getattr(metadata, name))) is not None)
    return _Region(
        code=code,
        missing=False,
        leading_digits=metadata.leading_digits,
        general=_desc(metadata.general_desc),
        specials=specials,
        fixed=_desc(metadata.fixed_line),
        mobile=_desc(metadata.mobile),
        same_mobile_fixed=bool(metadata.same_mobile_and_fixed_line_pattern),
    )


def _metadata(cc: int, region: str) -> Any:
    return PhoneMetadata.metadata_for_region_or_calling_code(cc, region)


@cache
def _calling_code(cc: int) -> _CallingCode:
    codes = phonenumbers.COUNTRY_CODE_TO_REGION_CODE[cc]
    main = _metadata(cc, codes[0])  # parse() strips prefixes with region_code_for_country_code's region
    prefix = main.national_prefix_for_parsing or None
    transform = main.national_prefix_transform_rule or None
    groups = _count_groups(prefix) if prefix else 0
    if prefix and transform and groups == 0:
        # parse() itself would raise IndexError here; no shipped metadata does this.
        raise ValueError(f"calling code {cc}: transform rule without capturing groups")
    general = main.general_desc
    return _CallingCode(
        cc=cc,
        cc_len=len(str(cc)),
        regions=tuple(_region(r, _metadata(cc, r)) for r in codes),
        prefix=prefix,
        transform=transform,
        prefix_groups=groups,
        general_pattern=general.national_number_pattern or None,
        possible=tuple(general.possible_length),
        local_only=tuple(general.possible_length_local_only),
    )


def _count_groups(pattern: str) -> int:
    return re.compile(pattern).groups


@lru_cache(maxsize=1)
def _cc_table() -> np.ndarray:
    """Calling code (0 = none) for every 3-digit start, as _extract_country_code finds it."""
    known = phonenumbers.COUNTRY_CODE_TO_REGION_CODE
    cc = np.zeros(1000, np.int32)
    for i in range(1000):
        start = f"{i:03d}"
        if start[0] == "0":
            continue  # calling codes never start with 0
        for n in (1, 2, 3):
            if int(start[:n]) in known:
                cc[i] = int(start[:n])
                break
    return cc


# ---------------------------------------------------------------- vectorised regex helpers


def _fullmatch(s: pd.Series, pattern: str) -> np.ndarray:
    return s.str.fullmatch(pattern).to_numpy(dtype=bool, na_value=False)


def _prefix_match(s: pd.Series, pattern: str) -> np.ndarray:
    return s.str.match(pattern).to_numpy(dtype=bool, na_value=False)


def _desc_hits(nsn: pd.Series, lens: np.ndarray, desc: _Desc | None, rows: np.ndarray) -> np.ndarray:
    """_is_number_matching_desc for the flagged rows; the regex only runs on length-compatible ones."""
    out = np.zeros(len(nsn), bool)
    if desc is None:
        return out
    cand = rows & np.isin(lens, desc.lengths) if desc.lengths else rows
    idx = np.flatnonzero(cand)
    if idx.size:
        out[idx] = _fullmatch(nsn.iloc[idx], desc.pattern)
    return out


def _number_types(nsn: pd.Series, lens: np.ndarray, region: _Region, rows: np.ndarray) -> np.ndarray:
    """_number_type_helper over the flagged rows (others UNKNOWN)."""
    types = np.full(len(nsn), _UNKNOWN, np.int16)
    todo = _desc_hits(nsn, lens, region.general, rows)
    for desc, code in region.specials:
        if not todo.any():
            return types
        hit = _desc_hits(nsn, lens, desc, todo)
        types[hit] = code
        todo &= ~hit
    if not todo.any():
        return types
    fixed = _desc_hits(nsn, lens, region.fixed, todo)
    if region.same_mobile_fixed:
        types[fixed] = PhoneNumberType.FIXED_LINE_OR_MOBILE
        return types
    mobile = _desc_hits(nsn, lens, region.mobile, todo)
    types[fixed & mobile] = PhoneNumberType.FIXED_LINE_OR_MOBILE
    types[fixed & ~mobile] = PhoneNumberType.FIXED_LINE
    types[~fixed & mobile] = PhoneNumberType.MOBILE
    return types


# ---------------------------------------------------------------- parse(): national prefix


def _strip_national_prefix(nn: pd.Series, plan: _CallingCode) -> pd.Series:
    """parse()'s _maybe_strip_national_prefix_carrier_code + _test_number_length acceptance."""
    if plan.prefix is None:
        return nn
    idx = np.flatnonzero(_prefix_match(nn, plan.prefix))
    if idx.size == 0:
        return nn
    sub = nn.iloc[idx].reset_index(drop=True)
    candidate = _prefix_candidate(sub, plan)
    if plan.general_pattern is None:
        viable_orig = viable_new = np.zeros(len(sub), bool)
    else:
        viable_orig = _fullmatch(sub, plan.general_pattern)
        viable_new = _fullmatch(candidate, plan.general_pattern)
    # Keep the original when stripping would turn a viable number into a non-viable one.
    stripped = candidate.to_numpy(dtype=object)
    stripped[viable_orig & ~viable_new] = sub.to_numpy(dtype=object)[viable_orig & ~viable_new]
    lens = np.fromiter((len(x) for x in stripped), np.int32, len(stripped))
    # _test_number_length: only TOO_SHORT, IS_POSSIBLE_LOCAL_ONLY and INVALID_LENGTH reject stripping.
    accept = ~np.isin(lens, plan.local_only) & (np.isin(lens, plan.possible) | (lens > max(plan.possible)))
    changed = accept & (stripped != sub.to_numpy(dtype=object))
    if not changed.any():
        return nn
    out = nn.copy()
    out.iloc[idx[changed]] = stripped[changed]
    return out


def _prefix_candidate(sub: pd.Series, plan: _CallingCode) -> pd.Series:
    """The number after removing (or transforming) the national prefix match at its start."""
    anchored = f"^(?:{plan.prefix})"
    plain = sub.str.replace(anchored, "", n=1, regex=True)
    if plan.transform is None:
        return plain
    # The transform applies only when the prefix pattern's last group took part in the match.
    last = sub.str.extract(f"^(?:{plan.prefix})", expand=True)[plan.prefix_groups - 1]
    use = last.notna().to_numpy()
    if not use.any():
        return plain
    transformed = sub.str.replace(anchored, plan.transform, n=1, regex=True)
    return transformed.where(use, plain)


# ---------------------------------------------------------------- per calling code


def _classify_group(nn: pd.Series, plan: _CallingCode) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(ok, region index into plan.regions or -1, type, national prefix stripped) for national numbers
    of one calling code."""
    n = len(nn)
    region_ix = np.full(n, -1, np.int16)
    types = np.full(n, _UNKNOWN, np.int16)
    ok = nn.str.len().to_numpy() >= _MIN_NSN  # TOO_SHORT_NSN
    nsn = _strip_national_prefix(nn, plan)
    stripped = (nsn != nn).to_numpy(dtype=bool)
    lens = nsn.str.len().to_numpy()
    ok &= (lens >= _MIN_NSN) & (lens <= _MAX_NSN)  # TOO_LONG after stripping
    if len(plan.regions) == 1:
        region_ix[ok] = 0
        if not plan.regions[0].missing:
            types = _number_types(nsn, lens, plan.regions[0], ok)
        return ok, region_ix, types, stripped
    _region_from_list(nsn, lens, plan, ok, region_ix, types)
    return ok, region_ix, types, stripped


def _region_from_list(
    nsn: pd.Series, lens: np.ndarray, plan: _CallingCode, ok: np.ndarray, region_ix: np.ndarray, types: np.ndarray
) -> None:
    """_region_code_for_number_from_list, then the type for the region found (fills arrays in place)."""
    remaining = ok.copy()
    by_leading: list[tuple[int, np.ndarray]] = []
    for k, region in enumerate(plan.regions):
        if not remaining.any():
            break
        if region.missing:
            continue
        if region.leading_digits is not None:
            hit = np.zeros(len(nsn), bool)
            idx = np.flatnonzero(remaining)
            hit[idx] = _prefix_match(nsn.iloc[idx], region.leading_digits)
            by_leading.append((k, hit))
        else:
            found = _number_types(nsn, lens, region, remaining)
            hit = found != _UNKNOWN
            types[hit] = found[hit]
        region_ix[hit] = k
        remaining &= ~hit
    # Regions picked by leading digits still need their own type check.
    for k, hit in by_leading:
        found = _number_types(nsn, lens, plan.regions[k], hit)
        types[hit] = found[hit]


# ---------------------------------------------------------------- public API


def classify_e164(numbers: pd.Series, keys: np.ndarray | None = None) -> pd.DataFrame:
    """numbers: strings of the form '+' followed by digits (E.164 candidates), any index.
    keys: optional integers equal exactly where the strings are equal (the planner has them): distinct
    numbers are then found by hashing integers instead of a million strings; the result is the same.

    Returns a DataFrame with the same index and columns:
      valid (bool)        == phonenumbers.is_valid_number(parse(n))
      region (str)        == phonenumbers.region_code_for_number(parse(n)) or "" when None
      number_type (str)   == PhoneNumberType.to_string(number_type(parse(n))), e.g. "FIXED_LINE"
      canonical (bool)    == (format_number(parse(n), E164) == n) for valid numbers: False when parse()
                             stripped a national prefix written after the country code
    identical to the installed phonenumbers for every '+' + ASCII-digit string. Anything else
    (None, '', '+abc', spaces, non-ASCII digits, > 250 chars) and anything parse() rejects gives
    valid False, region "", number_type "UNKNOWN". Note phonenumbers itself would normalise
    punctuation and non-ASCII digits; this function deliberately treats those as not E.164.
    """
    valid, region, number_type, canonical = classify_e164_arrays(numbers, keys)
    return pd.DataFrame(
        {
            "valid": valid,
            "region": pd.Series(region, dtype="str", index=numbers.index),
            "number_type": pd.Series(number_type, dtype="str", index=numbers.index),
            "canonical": canonical,
        },
        index=numbers.index,
    )


def classify_e164_arrays(
    numbers: pd.Series, keys: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """`classify_e164` as numpy arrays (valid, region, number_type, canonical; the texts as objects), for a
    caller that works on arrays: no round trip through pandas' string columns for a million rows."""
    text = numbers if isinstance(numbers.dtype, pd.StringDtype) else numbers.astype("str")
    if keys is not None and len(keys) == len(text) and not text.isna().any():
        codes, _ = pd.factorize(keys)
        first = np.empty(int(codes.max()) + 1 if len(codes) else 0, dtype=np.int64)
        first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)  # first position of each distinct key
        unique_text = text.iloc[first].reset_index(drop=True)
    else:
        codes, uniques = pd.factorize(text, use_na_sentinel=True)
        unique_text = pd.Series(uniques.astype("str"))
    valid, region_names, type_codes, stripped = _classify_unique(unique_text)
    # Code -1 (missing input) and rejected strings both land on the junk row appended last.
    junk = len(valid)
    codes = np.where(codes < 0, junk, codes)
    valid = np.append(valid, False)
    region_names = np.append(region_names, "")
    type_codes = np.append(type_codes, _UNKNOWN)
    stripped = np.append(stripped, False)
    type_names = np.array([_TYPE_NAMES.get(t, "UNKNOWN") for t in range(100)], dtype=object)
    return valid[codes], region_names[codes], type_names[type_codes[codes]], ~stripped[codes]


def _classify_unique(u: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """valid, region name, type code, national-prefix-stripped for each (distinct) string."""
    n = len(u)
    valid = np.zeros(n, bool)
    stripped_all = np.zeros(n, bool)
    regions = np.full(n, "", dtype=object)
    types = np.full(n, _UNKNOWN, np.int16)
    shaped = np.flatnonzero(_fullmatch(u, _SHAPE))
    if shaped.size == 0:
        return valid, regions, types, stripped_all
    # Arrow's take, slice and cast: far faster than pandas' .iloc, .str.slice and astype on a million strings.
    shaped_text = pc.take(pa.array(u, type=pa.string()), pa.array(shaped))
    cc_of = _cc_table()
    first3 = pc.cast(pc.utf8_slice_codeunits(shaped_text, 1, 4), pa.int64()).to_numpy()  # after the '+'
    cc = cc_of[first3]  # 0: INVALID_COUNTRY_CODE, stays junk
    order = np.argsort(cc, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(cc[order]) != 0])
    for start, end in zip(starts, np.r_[starts[1:], len(order)]):
        code = int(cc[order[start]])
        if code == 0:
            continue
        rows = order[start:end]
        plan = _calling_code(code)
        # The national number: the text after '+' and the calling code, as pandas text for the regexes.
        nn = pd.Series(pc.utf8_slice_codeunits(pc.take(shaped_text, pa.array(rows)), 1 + plan.cc_len), dtype="str")
        ok, region_ix, group_types, group_stripped = _classify_group(nn, plan)
        target = shaped[rows]
        names = np.array([r.code for r in plan.regions] + [""], dtype=object)
        regions[target] = names[region_ix]  # -1 picks the trailing ""
        types[target] = group_types
        valid[target] = ok & (region_ix >= 0) & (group_types != _UNKNOWN)
        stripped_all[target] = group_stripped
    return valid, regions, types, stripped_all
