"""Is each request's service address where its numbers live?

Carriers reject a service address that is not where the number is (Telnyx LOCATION_MISMATCH); German
geographic numbers must stay in their local network area (Ortsnetz, BNetzA rules); several carriers want
a local address for toll-free and national numbers. Checked per number, reported per request:
- `address_country_mismatch`: the address is in another country than the number;
- `address_area_mismatch`: a geographic number's area (libphonenumber's geocoder, in English and German)
  is not the address's city (US: not its state), fuzzy so München/Muenchen/Munich match, with how sure;
- `non_local_address`: toll-free/non-geographic numbers of one country on another country's Ship To.
Postcodes are not compared: no postcode-to-area table ships with the libraries we use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc
import pycountry
from babel import Locale
from rapidfuzz import fuzz

from portout.plan.addresses import fold_text
from portout.plan.model import PlanWarning, PortRequest

AREA_MATCH = 80  # similarity (0-100) from which a geocoder place and an address city count as one place
_SAMPLE = 3


@dataclass(frozen=True)
class AreaCheck:
    place: str  # the number's area as the geocoder names it ("Munich / München"); "" when unknown
    score: int  # 0-100: how well the address matches it
    level: str  # "city" or "state": what was compared


def _one(numbers: list[str], singular: str, plural: str) -> str:
    """English agreement with the count in the planner's own (English) message; other languages render the
    warning from its plural-aware catalogue template (plan.messages)."""
    return singular if len(numbers) == 1 else plural


def _sample(numbers: list[str]) -> str:
    shown = ", ".join(numbers[:_SAMPLE])
    return f"{len(numbers)} number{'s' if len(numbers) != 1 else ''} ({shown}{', …' if len(numbers) > _SAMPLE else ''})"


_MOBILE_TOKEN_CODES = ("+52", "+54")  # countries whose geocoding first strips a mobile token


@cache
def _places(representative: str) -> tuple[str, ...]:
    """The geocoder's names for a number's area, English and German, without the bare country name
    (phonenumbers itself: the reference `_area_names` is checked against)."""
    from phonenumbers import geocoder  # its data takes ~0.3 s to import: only when a number needs it

    num = phonenumbers.parse(representative, None)
    region = phonenumbers.region_code_for_number(num) or ""
    names: list[str] = []
    for lang in ("en", "de"):
        text = geocoder.description_for_number(num, lang)
        if text and text not in names and text != _country_name(region, lang):
            names.append(text)
    return tuple(names)


@cache
def _geodata() -> tuple[dict[str, dict[str, str]], int]:
    """phonenumbers' geocoding table (prefix -> names by language) and its longest prefix, imported on
    first use: the import costs ~0.3 s, which a plan without geographic numbers need not pay."""
    from phonenumbers.geodata import GEOCODE_DATA, GEOCODE_LONGEST_PREFIX

    return GEOCODE_DATA, GEOCODE_LONGEST_PREFIX


@cache
def _keys_by_length() -> dict[int, pa.Array]:
    """phonenumbers' geocoding prefixes by length."""
    data, longest = _geodata()
    keys = pa.array(list(data), type=pa.string())
    lengths = pc.utf8_length(keys)
    return {n: keys.filter(pc.equal(lengths, n)) for n in range(1, longest + 1)}


_TOKEN = "+"  # stands for "a mobile-token country": no geocoding key is written with a '+'


def _longest_keys(heads: pa.Array) -> np.ndarray:
    """The longest geocoding prefix of each of `heads` (distinct leading digits), "" when none: the look-up
    phonenumbers' geocoder makes, as one vectorised pass per prefix length. A head of a country whose
    geocoding first strips a mobile token gets `_TOKEN` (only the whole number tells)."""
    _, longest = _geodata()
    keys = np.full(len(heads), "", dtype=object)
    todo = np.arange(len(heads))  # heads without a key yet: a shorter prefix is looked up for these only
    for length in range(longest, 0, -1):
        table = _keys_by_length().get(length)
        if table is None or not len(table):
            continue
        if not len(todo):
            break
        rest = heads if len(todo) == len(heads) else heads.take(pa.array(todo))
        prefix = pc.utf8_slice_codeunits(rest, 0, length)
        hit = pc.is_in(prefix, value_set=table).to_numpy(zero_copy_only=False)
        if hit.any():
            keys[todo[hit]] = prefix.filter(pa.array(hit)).to_numpy(zero_copy_only=False)
            todo = todo[~hit]
    token = np.zeros(len(heads), dtype=bool)
    for code in _MOBILE_TOKEN_CODES:
        token |= pc.starts_with(heads, code[1:]).to_numpy(zero_copy_only=False)
    keys[token] = _TOKEN
    return keys


def _key_names(key: str, region: str) -> tuple[str, ...] | None:
    """The geocoder's names (English, German) at geocoding prefix `key`; None when it would look further
    (no name in a language at that prefix) or strip a mobile token first: then only the whole number tells."""
    if key == _TOKEN:
        return None
    from phonenumbers.prefix import _find_lang

    entry = _geodata()[0].get(key) if key else None
    names: list[str] = []
    for lang in ("en", "de"):
        text = _find_lang(entry, lang, None, None) if entry else ""
        if text is None:  # no name in this language at this prefix: phonenumbers tries shorter ones
            return None
        if text and text not in names and text != _country_name(region, lang):
            names.append(text)
    return tuple(names)


_POW10 = 10 ** np.arange(19, dtype=np.int64)


def _first_positions(codes: np.ndarray, count: int) -> np.ndarray:
    """Position of the first element of each code 0..count-1 in `codes`."""
    first = np.empty(count, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
    return first


def _area_groups(
    numbers: pd.Series | np.ndarray, regions: np.ndarray, values: np.ndarray | None = None
) -> tuple[np.ndarray, list[tuple[str, ...]]]:
    """`_places` for many geographic numbers at once, as (an area id per number, the names of each id).

    The geocoder reads no more than its longest prefix (9 digits) of a number: the prefixes are matched
    once per distinct leading digits, and the names looked up once per (geocoding prefix, region), a few
    hundred however many numbers. Only the rare numbers whose names the prefix alone does not settle
    (`_key_names` None) are geocoded one by one. `values`: the numbers' digits as integers when the caller
    has them (E.164 as the planner writes it: '+' and the value's digits), so the leading digits come from
    integer division instead of a million strings."""
    if not len(numbers):
        return np.zeros(0, dtype=np.int64), []
    _, longest = _geodata()
    if values is not None:
        digits = np.searchsorted(_POW10, values, side="right")
        head_codes, head_ints = pd.factorize(values // _POW10[np.maximum(digits - longest, 0)])
        heads = pc.cast(pa.array(np.asarray(head_ints, dtype=np.int64)), pa.string())  # Arrow writes the digits
    else:
        texts = pa.array(numbers, type=pa.string())
        encoded = pc.dictionary_encode(pc.utf8_slice_codeunits(texts, 1, 1 + longest))  # no Python str per number
        head_codes, heads = encoded.indices.to_numpy(zero_copy_only=False), encoded.dictionary
    key_codes, key_values = pd.factorize(_longest_keys(heads))
    per_number = key_codes[head_codes]
    region_codes, region_values = pd.factorize(regions)
    codes, _ = pd.factorize(per_number.astype(np.int64) * (len(region_values) + 1) + region_codes)
    first = _first_positions(codes, int(codes.max()) + 1)
    names: list[tuple[str, ...]] = []
    whole: list[int] = []  # area ids whose numbers need the geocoder each
    for g, i in enumerate(first.tolist()):
        found = _key_names(str(key_values[per_number[i]]), str(region_values[region_codes[i]]))
        if found is None:
            whole.append(g)
        names.append(found or ())
    if whole:
        texts = pa.array(numbers, type=pa.string())  # only for the rare numbers geocoded one by one
        codes = codes.astype(np.int64)
        for i in np.flatnonzero(np.isin(codes, whole)).tolist():
            codes[i] = len(names)
            names.append(_places(str(texts[i].as_py())))
    return codes, names


def _area_names(unique: np.ndarray, regions: np.ndarray) -> list[tuple[str, ...]]:
    """`_places` of each number (the per-number form of `_area_groups`)."""
    codes, names = _area_groups(unique, regions)
    return [names[c] for c in codes.tolist()]


@cache
def _country_name(region: str, lang: str) -> str:
    try:
        return str(Locale(lang).territories.get(region, ""))
    except (ValueError, TypeError):
        return ""


@cache
def _subdivisions(region: str) -> dict[str, str]:
    """Folded subdivision name -> its code's local part ("indiana" -> "in"), from ISO 3166-2."""
    try:
        subs = pycountry.subdivisions.get(country_code=region) or []  # type: ignore[no-untyped-call]
    except (KeyError, LookupError):
        return {}
    return {fold_text(s.name): s.code.split("-", 1)[1].casefold() for s in subs}


@cache
def area_check(places: tuple[str, ...], region: str, city: str, state: str, whole: str) -> AreaCheck:
    """How well an address (its city, state, or the whole one-line text when the city is empty) fits the
    number's area names."""
    if not places:
        return AreaCheck("", 100, "city")
    # Only North American descriptions name a state ("Indiana"); Berlin or Hamburg are cities there too.
    subs = _subdivisions(region) if phonenumbers.country_code_for_region(region) == 1 else {}
    f_city, f_state, f_whole = fold_text(city), fold_text(state), fold_text(whole)
    best, level = -1.0, "city"
    for place in places:
        name, _, st = (fold_text(p) for p in place.partition(","))  # "Chicago, IL" -> chicago, il
        if name in subs:  # a state-level description ("Indiana"): compare states
            wanted = {name, subs[name]}
            # Without a state on the address there is nothing to compare: no warning.
            score = 0.0 if f_state and f_state not in wanted else 100.0
            candidate = (score, "state")
        else:
            target = f_city or f_whole
            score = fuzz.token_set_ratio(name, target) if f_city else fuzz.partial_token_set_ratio(name, target)
            if st and f_state and st != f_state and subs.get(f_state) != st:
                score = min(score, 40.0)  # the same city name in another state (Portland, OR and ME)
            candidate = (score, "city")
        if candidate[0] > best:
            best, level = candidate
    return AreaCheck(" / ".join(places), int(round(best)), level)


def _confidence(score: int) -> str:
    if score < 50:
        return f"match {score}%: very likely another place"
    return f"match {score}%: possibly the same place under another name, or a town inside the number's area"


def address_warnings(
    requests: list[PortRequest], numbers: pd.DataFrame, values: np.ndarray | None = None
) -> list[PlanWarning]:
    """Country, area and local-address checks of every planned number against its request's address.
    `values`: each number's digits as an integer, when the caller has them (the planner does)."""
    if not len(numbers) or not requests:
        return []
    by_id = {r.id: r for r in requests}
    # Integer codes per column (few distinct values each) instead of comparing a million strings.
    req_codes, req_names = pd.factorize(numbers["request_id"], use_na_sentinel=False)
    country_codes, countries = pd.factorize(numbers["country"], use_na_sentinel=False)
    code_of_country = {str(c): i for i, c in enumerate(countries)}
    # Each request's address country as a code of the numbers' countries: -2 blank, -1 none of them.
    req_country = np.array(
        [code_of_country.get(c, -1) if (c := by_id[str(r)].service_address.country.upper()) else -2 for r in req_names],
        dtype=np.int64,
    )[req_codes]
    other_country = (req_country != -2) & (country_codes != req_country)
    geographic = _is_in(numbers["category"], {"geographic"})
    on_bill_to = _is_in(numbers["address_source"], {"ship_to", "partner"}) & ~geographic
    groups = _RequestGroups(numbers, req_codes, req_names)
    out: list[PlanWarning] = []
    out += _country_warnings(by_id, groups, other_country & ~on_bill_to)
    out += _non_local_warnings(by_id, groups, other_country & on_bill_to)
    out += _area_warnings(by_id, numbers, req_codes, req_names, ~other_country & geographic, values)
    return out


def _is_in(column: pd.Series, values: set[str]) -> np.ndarray:
    """Per row: the column's value is one of `values` (compared once per distinct value)."""
    if column.dtype == object:  # Python strings: numpy compares them ~5x faster than pandas hashes them
        cells = column.to_numpy()
        hit = np.zeros(len(cells), dtype=bool)
        for value in values:
            hit |= np.asarray(cells == value, dtype=bool)
        return hit
    codes, uniques = pd.factorize(column, use_na_sentinel=False)
    return np.array([u in values for u in uniques] + [False], dtype=bool)[codes]


class _RequestGroups:
    """The planned numbers by request, for the few requests a warning names."""

    def __init__(self, numbers: pd.DataFrame, req_codes: np.ndarray, req_names: pd.Index) -> None:
        self.numbers, self.req_codes, self.req_names = numbers, req_codes, req_names
        self._grouped: tuple[np.ndarray, np.ndarray, dict[str, int]] | None = None

    def flagged(self, mask: np.ndarray) -> dict[str, list[str]]:
        """Request id -> its numbers where `mask` holds, sorted; requests in id order."""
        pos = np.flatnonzero(mask)
        if not len(pos):
            return {}
        sub = pd.DataFrame(
            {
                "request_id": self.req_names.take(self.req_codes[pos]),
                "number": self.numbers["number"].take(pos).to_numpy(),
            }
        )
        return {str(rid): sorted(g.tolist()) for rid, g in sub.groupby("request_id", sort=True)["number"]}

    def rows(self, request_id: str) -> np.ndarray:
        """Positions of every number of one request (grouped once, on first use)."""
        if self._grouped is None:
            order = np.argsort(self.req_codes, kind="stable")
            bounds = np.concatenate([[0], np.cumsum(np.bincount(self.req_codes, minlength=len(self.req_names)))])
            self._grouped = order, bounds, {str(r): i for i, r in enumerate(self.req_names)}
        order, bounds, code_of = self._grouped
        code = code_of[request_id]
        return order[bounds[code] : bounds[code + 1]]


def _country_warnings(by_id: dict[str, PortRequest], groups: _RequestGroups, mask: np.ndarray) -> list[PlanWarning]:
    pos = np.flatnonzero(mask)
    if not len(pos):
        return []
    numbers = groups.numbers
    country_of = dict(zip(numbers["number"].take(pos).tolist(), numbers["country"].take(pos).tolist()))
    out = []
    for rid, nums in groups.flagged(mask).items():
        addr = by_id[rid].service_address
        countries = sorted({country_of[n] for n in nums[:50]})
        out.append(
            PlanWarning(
                "address_country_mismatch",
                f"{rid}: {_sample(nums)} of {'/'.join(countries)} {_one(nums, 'has its', 'have their')} service "
                f"address in {addr.country} ({addr.one_line()}). Carriers reject a service address outside the "
                f"number's country (LOCATION_MISMATCH): give {_one(nums, 'this number', 'these numbers')} an "
                f"address in {_one(nums, 'its', 'their')} own country in Number Management (or the location's "
                "address) and plan again",
                nums,
                [rid],
                params={
                    "request": rid,
                    "number_country": "/".join(countries),
                    "address_country": addr.country,
                    "address": addr.one_line(),
                },
            )
        )
    return out


def _non_local_warnings(by_id: dict[str, PortRequest], groups: _RequestGroups, mask: np.ndarray) -> list[PlanWarning]:
    out = []
    for rid, nums in groups.flagged(mask).items():
        req = by_id[rid]
        sub = groups.numbers.take(groups.rows(rid))
        countries = "/".join(sorted(set(sub["country"])))
        kinds = "/".join(sorted(set(sub["category"]))).replace("_", "-")
        source = "partner's" if req.address_source == "partner" else "invoice's Ship To"
        out.append(
            PlanWarning(
                "non_local_address",
                f"{rid}: {_sample(nums)} ({kinds}, {countries}) {_one(nums, 'carries', 'carry')} the {source} "
                "address in "
                f"{req.service_address.country} ({req.service_address.one_line()}). Several carriers want a "
                f"local ({countries}) service address for toll-free and non-geographic numbers: ask the gaining "
                "carrier whether it accepts this address, or give a local one",
                nums,
                [rid],
                params={
                    "request": rid,
                    "number_country": countries,
                    "address_country": req.service_address.country,
                    "address": req.service_address.one_line(),
                },
            )
        )
    return out


def _area_warnings(
    by_id: dict[str, PortRequest],
    numbers: pd.DataFrame,
    req_codes: np.ndarray,
    req_names: pd.Index,
    mask: np.ndarray,
    values: np.ndarray | None = None,
) -> list[PlanWarning]:
    """One warning per (request, area) whose area is not the request's address."""
    found = _area_findings(by_id, numbers, req_codes, req_names, mask, values)
    out = []
    for rid, check, members in sorted(found, key=lambda f: (f[0], f[1].score, f[1].place)):
        addr = by_id[rid].service_address
        compared = addr.state if check.level == "state" else (addr.city or addr.one_line())
        where = f"state {compared}" if check.level == "state" else f"city {compared!r}"
        german = (
            " German geographic numbers must stay in their local network area (Ortsnetz)."
            if addr.country == "DE"
            else ""
        )
        out.append(
            PlanWarning(
                "address_area_mismatch",
                f"{rid}: {_sample(members)} {_one(members, 'belongs', 'belong')} to {check.place}, not to the "
                f"address's {where} ({_confidence(check.score)}). Carriers reject a service address outside the "
                f"number's area (LOCATION_MISMATCH).{german} Check the address in Number Management, or move "
                f"{_one(members, 'this number', 'these numbers')} to an address in {_one(members, 'its', 'their')} "
                "area",
                members,
                [rid],
                params={
                    "request": rid,
                    "place": check.place,
                    "compared": compared,
                    "score": check.score,
                    "address": addr.one_line(),
                },
            )
        )
    return out


def _area_findings(
    by_id: dict[str, PortRequest],
    numbers: pd.DataFrame,
    req_codes: np.ndarray,
    req_names: pd.Index,
    mask: np.ndarray,
    values: np.ndarray | None = None,
) -> list[tuple[str, AreaCheck, list[str]]]:
    """(request id, check, its numbers in that area, sorted) for each (request, area) pair that fails.

    One check per pair, not per number: a request has one address and its numbers fall into a few areas
    (`_area_groups`); the members are gathered only for the pairs that fail."""
    pos = np.flatnonzero(mask)
    if not len(pos):
        return []
    nums = numbers["number"].take(pos)
    regions = numbers["country"].take(pos).to_numpy(dtype=object)
    area_codes, names = _area_groups(nums, regions, values[pos] if values is not None else None)
    # Different prefixes with the same names are one area.
    name_codes, name_list = pd.factorize(pd.Series(["\x1f".join(n) for n in names], dtype=object))
    area = name_codes[area_codes]
    codes = req_codes[pos]
    pair, _ = pd.factorize(codes.astype(np.int64) * (len(name_list) + 1) + area)
    first = _first_positions(pair, int(pair.max()) + 1)
    whole: dict[str, str] = {}
    bad: dict[int, tuple[str, AreaCheck]] = {}
    for g, i in enumerate(first.tolist()):
        rid = str(req_names[codes[i]])
        addr = by_id[rid].service_address
        if rid not in whole:
            whole[rid] = addr.one_line()
        check = area_check(names[area_codes[i]], str(regions[i]), addr.city, addr.state, whole[rid])
        if check.score < AREA_MATCH:
            bad[g] = (rid, check)
    if not bad:
        return []
    order = np.argsort(pair, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(np.bincount(pair))])
    texts = nums.to_numpy(dtype=object)
    return [(rid, check, sorted(texts[order[bounds[g] : bounds[g + 1]]].tolist())) for g, (rid, check) in bad.items()]
