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
from phonenumbers import geocoder
from phonenumbers.geodata import GEOCODE_DATA, GEOCODE_LONGEST_PREFIX
from phonenumbers.prefix import _find_lang
from rapidfuzz import fuzz

from portout.plan.addresses import fold_text
from portout.plan.model import PlanWarning, PortRequest
from portout.settings import Address

AREA_MATCH = 80  # similarity (0-100) from which a geocoder place and an address city count as one place
_SAMPLE = 3


@dataclass(frozen=True)
class AreaCheck:
    place: str  # the number's area as the geocoder names it ("Munich / München"); "" when unknown
    score: int  # 0-100: how well the address matches it
    level: str  # "city" or "state": what was compared


def _sample(numbers: list[str]) -> str:
    shown = ", ".join(numbers[:_SAMPLE])
    return f"{len(numbers)} number{'s' if len(numbers) != 1 else ''} ({shown}{', …' if len(numbers) > _SAMPLE else ''})"


_MOBILE_TOKEN_CODES = ("+52", "+54")  # countries whose geocoding first strips a mobile token


@cache
def _places(representative: str) -> tuple[str, ...]:
    """The geocoder's names for a number's area, English and German, without the bare country name
    (phonenumbers itself: the reference `_area_names` is checked against)."""
    num = phonenumbers.parse(representative, None)
    region = phonenumbers.region_code_for_number(num) or ""
    names: list[str] = []
    for lang in ("en", "de"):
        text = geocoder.description_for_number(num, lang)
        if text and text not in names and text != _country_name(region, lang):
            names.append(text)
    return tuple(names)


@cache
def _keys_by_length() -> dict[int, pa.Array]:
    """phonenumbers' geocoding prefixes by length."""
    keys = pa.array(list(GEOCODE_DATA), type=pa.string())
    lengths = pc.utf8_length(keys)
    return {n: keys.filter(pc.equal(lengths, n)) for n in range(1, GEOCODE_LONGEST_PREFIX + 1)}


def _area_names(unique: np.ndarray, regions: np.ndarray) -> list[tuple[str, ...]]:
    """`_places` for many geographic numbers at once: the same longest-prefix look-up phonenumbers'
    geocoder makes, as one vectorised pass per prefix length instead of a parse per number."""
    arr = pa.array(unique.tolist(), type=pa.string())
    keys = np.full(len(unique), "", dtype=object)
    for length in range(GEOCODE_LONGEST_PREFIX, 0, -1):
        table = _keys_by_length().get(length)
        if table is None:
            continue
        prefix = pc.utf8_slice_codeunits(arr, 1, 1 + length)
        hit = pc.is_in(prefix, value_set=table).to_numpy(zero_copy_only=False) & (keys == "")
        if hit.any():
            keys[hit] = prefix.to_numpy(zero_copy_only=False)[hit]
    # Names once per distinct (key, region): a handful, however many numbers.
    combined = np.zeros(len(unique), dtype=np.int64)
    for column in (keys, regions):
        codes, values = pd.factorize(column)
        combined = combined * (len(values) + 1) + codes
    _, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
    names_of: list[tuple[str, ...] | None] = []
    for i in first.tolist():
        entry = GEOCODE_DATA.get(keys[i]) if keys[i] else {}
        names: list[str] = []
        exact = True
        for lang in ("en", "de"):
            text = _find_lang(entry, lang, None, None) if entry else ""
            if text is None:  # no name in this language at this prefix: phonenumbers tries shorter ones
                exact = False
                break
            if text and text not in names and text != _country_name(str(regions[i]), lang):
                names.append(text)
        names_of.append(tuple(names) if exact else None)
    out: list[tuple[str, ...]] = []
    for i, g in enumerate(inverse.tolist()):
        found = names_of[g]
        out.append(found if found is not None else _places(str(unique[i])))
    token = pc.starts_with(arr, _MOBILE_TOKEN_CODES[0]).to_numpy(zero_copy_only=False)
    for code in _MOBILE_TOKEN_CODES[1:]:
        token |= pc.starts_with(arr, code).to_numpy(zero_copy_only=False)
    for i in np.flatnonzero(token).tolist():
        out[i] = _places(str(unique[i]))
    return out


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


def address_warnings(requests: list[PortRequest], numbers: pd.DataFrame) -> list[PlanWarning]:
    """Country, area and local-address checks of every planned number against its request's address."""
    if not len(numbers) or not requests:
        return []
    by_id = {r.id: r for r in requests}
    req_ids = numbers["request_id"].to_numpy(dtype=object)
    req_country = pd.Series(req_ids).map({r.id: r.service_address.country.upper() for r in requests}).to_numpy()
    country = numbers["country"].to_numpy(dtype=object)
    category = numbers["category"].to_numpy(dtype=object)
    source = numbers["address_source"].to_numpy(dtype=object)
    other_country = (req_country != "") & (country != req_country)
    on_bill_to = np.isin(source, ["ship_to", "partner"]) & (category != "geographic")
    out: list[PlanWarning] = []
    out += _country_warnings(by_id, numbers, other_country & ~on_bill_to)
    out += _non_local_warnings(by_id, numbers, other_country & on_bill_to)
    out += _area_warnings(by_id, numbers, ~other_country & (category == "geographic"))
    return out


def _groups(numbers: pd.DataFrame, mask: np.ndarray) -> dict[str, list[str]]:
    sub = numbers.loc[mask, ["request_id", "number"]]
    return {str(rid): sorted(g.tolist()) for rid, g in sub.groupby("request_id", sort=True)["number"]}


def _country_warnings(by_id: dict[str, PortRequest], numbers: pd.DataFrame, mask: np.ndarray) -> list[PlanWarning]:
    out = []
    for rid, nums in _groups(numbers, mask).items():
        addr = by_id[rid].service_address
        countries = sorted(set(numbers.loc[numbers["number"].isin(nums[:50]), "country"]))
        out.append(
            PlanWarning(
                "address_country_mismatch",
                f"{rid}: {_sample(nums)} of {'/'.join(countries)} have their service address in {addr.country} "
                f"({addr.one_line()}). Carriers reject a service address outside the number's country "
                "(LOCATION_MISMATCH): give these numbers an address in their own country in Number Management "
                "(or the location's address) and plan again",
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


def _non_local_warnings(by_id: dict[str, PortRequest], numbers: pd.DataFrame, mask: np.ndarray) -> list[PlanWarning]:
    out = []
    for rid, nums in _groups(numbers, mask).items():
        req = by_id[rid]
        sub = numbers[numbers["request_id"] == rid]
        countries = "/".join(sorted(set(sub["country"])))
        kinds = "/".join(sorted(set(sub["category"]))).replace("_", "-")
        source = "partner's" if req.address_source == "partner" else "invoice's Ship To"
        out.append(
            PlanWarning(
                "non_local_address",
                f"{rid}: {_sample(nums)} ({kinds}, {countries}) carry the {source} address in "
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


def _area_warnings(by_id: dict[str, PortRequest], numbers: pd.DataFrame, mask: np.ndarray) -> list[PlanWarning]:
    """Geocode once per (request, 9-digit prefix): the geocoder looks at no more digits than that."""
    pos = np.flatnonzero(mask)
    if not len(pos):
        return []
    nums = numbers["number"].to_numpy(dtype=object)[pos]
    regions = numbers["country"].to_numpy(dtype=object)[pos]
    # Name the area of each distinct number once, then work on (request, area) pairs: few of those.
    num_codes, uniques = pd.factorize(nums)
    first_of = np.zeros(len(uniques), dtype=np.int64)
    first_of[num_codes[::-1]] = np.arange(len(nums))[::-1]
    names = _area_names(np.asarray(uniques, dtype=object), regions[first_of])
    place_codes, place_list = pd.factorize(pd.Series(["\x1f".join(n) for n in names], dtype=object))
    place_of = place_codes[num_codes]
    req_codes, req_names = pd.factorize(numbers["request_id"].to_numpy(dtype=object)[pos])
    combined = req_codes.astype(np.int64) * (len(place_list) + 1) + place_of
    _, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
    bad_checks: dict[int, AreaCheck] = {}
    for g, i in enumerate(first.tolist()):
        addr = by_id[str(req_names[req_codes[i]])].service_address
        places = names[num_codes[i]]
        check = area_check(places, str(regions[i]), addr.city, addr.state, _whole(addr))
        if check.score < AREA_MATCH:
            bad_checks[g] = check
    if not bad_checks:
        return []
    # Members of each group without scanning all numbers once per group; one warning per (request, area).
    order = np.argsort(inverse, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(np.bincount(inverse))])
    found = []
    for g, check in bad_checks.items():
        members = sorted(nums[order[bounds[g] : bounds[g + 1]]].tolist())
        found.append((str(req_names[req_codes[first[g]]]), check, members))
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
                f"{rid}: {_sample(members)} belong to {check.place}, not to the address's {where} "
                f"({_confidence(check.score)}). Carriers reject a service address outside the number's area "
                f"(LOCATION_MISMATCH).{german} Check the address in Number Management, or move these numbers "
                "to an address in their area",
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


def _whole(addr: Address) -> str:
    return addr.one_line()
