"""Turn phone numbers as people and Excel write them into E.164, and expand ranges and blocks.

Fast path: cells that are already `+digits` after removing spaces and punctuation are taken as they are
(a vectorised string operation; validity is decided by the classifier). Everything else goes through
`parse_cell` once per unique cell: single numbers (single_numbers.py), ranges and blocks (notations.py),
vanity numbers, and an exclusion with a reason for anything else.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from portout.inventory.notations import EXPLICIT_SEP, parse_hyphen, parse_range
from portout.inventory.single_numbers import (
    E164_MAX_DIGITS,
    EXTENSION,
    Parsed,
    failed,
    is_excel_number,
    is_vanity,
    parse_single,
    parse_vanity,
)

__all__ = ["E164_MAX_DIGITS", "RANGE_CAP", "Parsed", "fast_e164", "parse_cell"]

RANGE_CAP = 10_000  # a typo like +1317555-+1318555 must not expand into a million numbers
MAX_CELL = 250  # phonenumbers' own input limit; longer text is no phone number

# Hyphen look-alikes read as "-" (en and em dashes are range separators: notations.EXPLICIT_SEP).
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-"})
_PUNCT = re.compile(r"[\s().\-/\u00a0\u2010-\u2012\u2212]")
_TRUNK_ZERO = re.compile(r"\(0\)")
_FAST = rf"\+[0-9]{{2,{E164_MAX_DIGITS}}}"
# A lone hyphen between equal-width groups ("+49 30 901850 10-19") is a block: never the fast path's.
_BLOCK_TAIL = r"\s([0-9]+)[-\u2010-\u2012\u2212]([0-9]+)\s*$"


def fast_e164(cells: pd.Series) -> pd.Series:
    """'+1 (317) 555-0100' -> '+13175550100'; '' where the cell is not a plain international number."""
    already = cells.str.fullmatch(_FAST, na=False)
    if already.all():  # the usual export: nothing to clean
        return cells
    # Only the other cells are cleaned and checked (a few in a million, usually): the rest stay as they are.
    rest = ~already
    raw = cells[rest]
    cleaned = raw.str.replace(_TRUNK_ZERO, "", regex=True).str.replace(_PUNCT, "", regex=True)
    plain = cleaned.str.fullmatch(_FAST, na=False)
    # Cells a range reading could claim go to parse_cell: ".." and the block form above.
    tail = raw.str.extract(_BLOCK_TAIL)
    block = (tail[0].str.len() == tail[1].str.len()) & (raw.str.count(r"[-\u2010-\u2012\u2212]") == 1)
    risky = block.fillna(False).astype(bool) | raw.str.contains("..", regex=False)
    # Arrow puts the few cleaned cells in place: pandas' masked assignment into a million strings costs ~3x more.
    text = pa.array(cells, type=pa.string())
    fixed = pa.array(cleaned.where(plain & ~risky, ""), type=pa.string())
    out = pc.replace_with_mask(text, pa.array(rest.to_numpy(dtype=bool)), fixed)
    return pd.Series(out, index=cells.index, dtype="str", name=cells.name)


def _normalise(text: str) -> str:
    """Full-width digits, no-break spaces and hyphen look-alikes as plain characters; no `tel:` scheme."""
    text = unicodedata.normalize("NFKC", text).translate(_HYPHENS).strip()
    if text[:4].casefold() == "tel:":
        text = text[4:].strip()
    return _TRUNK_ZERO.sub("", text)


def parse_cell(text: str, region: str, cap: int = RANGE_CAP) -> Parsed:
    """One inventory cell -> numbers. `region` is the row's country or the default country."""
    text = _normalise(text)
    if not text:
        return failed("empty_row", "no phone number in this row")
    if len(text) > MAX_CELL:
        return failed("invalid_number", f"the cell has {len(text)} characters: no phone number is that long")
    seps = list(EXPLICIT_SEP.finditer(text))
    if seps:
        ranged = parse_range(text, seps, region, cap)
        if ranged is not None:
            return ranged
    if any(ch.isalpha() for ch in text) and not is_excel_number(text):
        if not any(ch.isdigit() for ch in text):
            return failed("invalid_number", f"{text!r} has no digits: not a phone number")
        if EXTENSION.match(text):
            return parse_single(text, region)
        if is_vanity(text):
            return parse_vanity(text, region)
        letters = "".join(sorted({ch for ch in text if ch.isalpha()}))
        return failed(
            "letters_in_number",
            f"{text!r} has letters ({letters}) that are neither an extension nor a vanity number: "
            "write the number in digits",
        )
    if "-" in text:
        ranged = parse_hyphen(text, region, cap)
        if ranged is not None:
            return ranged
    return parse_single(text, region)
