"""Country names and codes, from babel's CLDR data (English and German names), never a hand-typed list."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from babel import Locale

# CLDR has no entry for these everyday spellings; they are aliases of real codes, not new countries.
_EXTRA = {
    "uk": "GB",
    "england": "GB",
    "great britain": "GB",
    "usa": "US",
    "u.s.a.": "US",
    "u.s.": "US",
    "brd": "DE",
    "america": "US",
    "deu": "DE",
    "gbr": "GB",
    "can": "CA",
    "aut": "AT",
    "che": "CH",
    "fra": "FR",
}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for lang in ("en", "de", "fr", "es", "it", "nl"):
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                names.setdefault(_fold(name), code)
    names.update(_EXTRA)
    return names


@lru_cache(maxsize=4096)
def country_code(value: str) -> str | None:
    """'de', 'Germany', 'Deutschland', 'United States' -> 'DE'/'US'; None when unknown."""
    text = value.strip()
    if not text:
        return None
    if len(text) == 2 and text.isalpha() and text.upper() in Locale.parse("en").territories:
        return text.upper()
    return _names().get(_fold(text))


def country_name(code: str, locale: str = "en") -> str:
    return str(Locale.parse(locale).territories.get(code, code))
