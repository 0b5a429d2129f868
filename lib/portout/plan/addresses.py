"""Service addresses: an exact normalised key decides which numbers share a port request.

Two spellings are the same address only when they differ in letter case, whitespace, punctuation, umlaut
spelling or the common abbreviations below. House numbers, units, postcodes and countries must match
exactly: a fuzzy score would happily merge `Hauptstraße 12` and `Hauptstraße 21`. Fuzzy matching
(rapidfuzz) only *suggests* merges of addresses in the same postcode with the same house numbers.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from rapidfuzz import fuzz

from portout.settings import Address

# Abbreviation -> the word every spelling is reduced to (English and German street vocabulary).
_WORDS = {
    "st": "street",
    "str": "strasse",
    "strasse": "strasse",
    "rd": "road",
    "ave": "avenue",
    "av": "avenue",
    "ste": "suite",
    "blvd": "boulevard",
    "dr": "drive",
    "ln": "lane",
    "ct": "court",
    "pl": "place",
    "cir": "circle",
    "ter": "terrace",
    "trl": "trail",
    "pkwy": "parkway",
    "hwy": "highway",
    "sq": "square",
    "fl": "floor",
    "flr": "floor",
    "apt": "apartment",
    "bldg": "building",
    "n": "north",
    "s": "south",
    "e": "east",
    "w": "west",
    "ne": "northeast",
    "nw": "northwest",
    "se": "southeast",
    "sw": "southwest",
    "no": "number",
    "nr": "number",
}
_UMLAUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_HOUSE = re.compile(r"\d+[a-z]?")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().translate(_UMLAUT)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def normalise_street(text: str) -> str:
    tokens = re.split(r"[^0-9a-z]+", _fold(text))
    out = []
    for tok in tokens:
        if not tok:
            continue
        if tok.endswith("strasse") and tok != "strasse":
            tok = tok[: -len("strasse")] + "str"  # Hauptstraße == Hauptstr. == Hauptstrasse
        out.append(_WORDS.get(tok, tok))
    return " ".join(out)


def _plain(text: str) -> str:
    return " ".join(re.split(r"[^0-9a-z]+", _fold(text))).strip()


@lru_cache(maxsize=65536)  # the plausibility checks fold the same few addresses and places many times
def fold_text(text: str) -> str:
    """Case, accents, umlaut spellings and punctuation folded: 'München' and 'Muenchen' -> 'muenchen'."""
    return _plain(text)


def address_key(address: Address) -> str:
    """Exact grouping key: equal keys are the same service address."""
    parts = [
        normalise_street(address.street1),
        normalise_street(address.street2),
        _plain(address.city),
        _plain(address.state),
        re.sub(r"\s+", "", address.postal_code.upper()),
        address.country.upper(),
    ]
    return "|".join(parts)


def short_hash(key: str) -> str:
    return hashlib.sha1(key.encode()).hexdigest()[:6].upper()


def house_numbers(address: Address) -> tuple[str, ...]:
    return tuple(_HOUSE.findall(_fold(f"{address.street1} {address.street2}")))


@dataclass(frozen=True)
class DuplicateSuggestion:
    key_a: str
    key_b: str
    address_a: Address
    address_b: Address
    score: float


def pick_spelling(spellings: Counter[Address]) -> Address:
    """The spelling used most often (the first seen on ties): the one most likely in Genesys' records."""
    return max(spellings.items(), key=lambda kv: kv[1])[0]


def suggest_duplicates(addresses: dict[str, Address], threshold: float = 70.0) -> list[DuplicateSuggestion]:
    """Likely duplicates among distinct keys: same country, postcode and house numbers, similar text."""
    buckets: dict[tuple[str, str, tuple[str, ...]], list[str]] = defaultdict(list)
    for key, addr in addresses.items():
        postcode = re.sub(r"\s+", "", addr.postal_code.upper())
        if postcode:
            buckets[(addr.country.upper(), postcode, house_numbers(addr))].append(key)
    out = []
    for keys in buckets.values():
        for a, b in combinations(sorted(keys), 2):
            score = fuzz.token_sort_ratio(a.replace("|", " "), b.replace("|", " "))
            if score >= threshold:
                out.append(DuplicateSuggestion(a, b, addresses[a], addresses[b], round(score, 1)))
    return sorted(out, key=lambda s: -s.score)
