"""Turn phone numbers as people and Excel write them into E.164, and expand ranges.

Fast path: cells that are already `+digits` after removing spaces and punctuation are taken as they are
(a vectorised string operation; validity is decided by the classifier). Everything else goes through
`phonenumbers.parse` once per unique cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pandas as pd
import phonenumbers

RANGE_CAP = 10_000  # a typo like +1317555-+1318555 must not expand into a million numbers

_PUNCT = re.compile(r"[\s().\-/\u00a0\u2010-\u2015]")
_TRUNK_ZERO = re.compile(r"\(0\)")
_EXCEL_FLOAT = re.compile(r"^(\d+)\.0+$")
_EXCEL_SCI = re.compile(r"^\d(?:[.,]\d+)?[eE]\+?\d{1,2}$")
_RANGE_SEP = re.compile(r"\s*(?:\u2013|\u2014|\s-\s|-(?=\+)|\bto\b|\bbis\b|-)\s*", re.IGNORECASE)


@dataclass
class Parsed:
    """What one cell became: numbers (E.164 strings) or an error, plus notes for the user."""

    numbers: list[str] = field(default_factory=list)
    error: str = ""  # exclusion reason code when nothing usable came out
    message: str = ""
    notes: list[tuple[str, str]] = field(default_factory=list)  # (warning code, message)


def fast_e164(cells: pd.Series) -> pd.Series:
    """'+1 (317) 555-0100' -> '+13175550100'; '' where the cell is not a plain international number."""
    already = cells.str.fullmatch(r"\+\d{2,17}", na=False)
    if already.all():  # the usual export: nothing to clean
        return cells
    cleaned = cells.copy()
    rest = ~already
    cleaned[rest] = cells[rest].str.replace(_TRUNK_ZERO, "", regex=True).str.replace(_PUNCT, "", regex=True)
    plain = cleaned.str.fullmatch(r"\+\d{2,17}", na=False)
    return cleaned.where(plain, "")


def _parse_one(text: str, region: str) -> tuple[phonenumbers.PhoneNumber | None, str]:
    try:
        return phonenumbers.parse(text, region or None), ""
    except phonenumbers.NumberParseException as err:
        return None, str(err.args[0] if err.args else err)


def _e164(num: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)


def _excel_digits(text: str) -> tuple[str | None, str]:
    """Undo what Excel does to numbers stored as numbers. Returns (digits or None, problem)."""
    compact = text.replace(" ", "")
    m = _EXCEL_FLOAT.match(compact)
    if m:
        return m.group(1), ""
    if _EXCEL_SCI.match(compact):
        try:
            value = Decimal(compact.replace(",", "."))
        except InvalidOperation:
            return None, "unreadable"
        mantissa_digits = len(compact.split("e")[0].split("E")[0].replace(".", "").replace(",", ""))
        exponent = int(value.adjusted())
        if mantissa_digits < exponent + 1:
            return None, f"Excel wrote {text!r} in scientific notation and the last digits are lost"
        return str(int(value)), ""
    return None, ""


def _single(text: str, region: str, lost_plus: bool = True) -> Parsed:
    out = Parsed()
    digits, problem = _excel_digits(text)
    if problem:
        out.error, out.message = "invalid_number", problem
        return out
    if digits is None and re.fullmatch(r"\d[\d ]{5,24}", text) and 6 <= len(text.replace(" ", "")) <= 17:
        digits = text.replace(" ", "")
    if digits is not None and not digits.startswith("0"):
        # Bare digits (as Excel stores a number cell, or spaced out): either a national number, or an
        # international one whose '+' was dropped. Brackets and hyphens mean a national format: read as written.
        national, _ = _parse_one(digits, region)
        intl = _parse_one("+" + digits, "")[0] if lost_plus else None
        good = [n for n in (intl, national) if n is not None and phonenumbers.is_valid_number(n)]
        if not good:
            out.error, out.message = "invalid_number", f"{text!r} is not a valid number for {region or 'any country'}"
            return out
        chosen = good[0]
        if len(good) == 2 and _e164(good[0]) != _e164(good[1]):
            # Prefer the reading in the row's country; the lost-'+' reading when both are there.
            in_region = [n for n in good if phonenumbers.region_code_for_number(n) == region]
            chosen = in_region[0] if in_region else good[0]
            other = good[1] if chosen is good[0] else good[0]
            out.notes.append(("ambiguous_number", f"{text!r} read as {_e164(chosen)} (could also be {_e164(other)})"))
        out.numbers = [_e164(chosen)]
        return out
    if digits is not None:
        text = digits
    if text.startswith("00"):
        text = "+" + text[2:]
    num, err = _parse_one(text, region)
    if num is None:
        out.error, out.message = "invalid_number", f"{text!r} cannot be read as a phone number ({err})"
        return out
    if num.extension:
        out.notes.append(("extension_stripped", f"extension {num.extension} dropped from {text!r}"))
        num.extension = None
    out.numbers = [_e164(num)]
    if not phonenumbers.is_valid_number(num):
        out.numbers = []
        out.error, out.message = "invalid_number", f"{text!r} is not a valid number ({_e164(num)})"
    return out


def _range(text: str, region: str, cap: int) -> Parsed | None:
    """'+13175550100-+13175550149' or '+1 317 555 0100-0149' -> the numbers; None when not a range."""
    for m in reversed(list(_RANGE_SEP.finditer(text))):
        left, right = text[: m.start()].strip(), text[m.end() :].strip()
        if not left or not right or not re.fullmatch(r"\+?[\d\s]+", right):
            continue
        start = _single(left, region, lost_plus=False)
        if len(start.numbers) != 1:
            continue
        first = start.numbers[0]
        right_digits = right.replace(" ", "")
        if right_digits.startswith("+") or len(right_digits) >= len(first) - 1:
            end = _single(right, region, lost_plus=False)
            if len(end.numbers) != 1:
                continue
            last = end.numbers[0]
        else:
            if len(right_digits) < 2:
                continue
            last = first[: len(first) - len(right_digits)] + right_digits
            # German numbers write a direct-dial suffix the same way ("030 1234567-89"): when the
            # joined digits are a valid number by themselves, it is one number, not a range.
            joined = _single(first + right_digits, "")
            if joined.numbers:
                return None
        if len(last) != len(first) or last[:4] != first[:4] or int(last[1:]) < int(first[1:]):
            continue
        count = int(last[1:]) - int(first[1:]) + 1
        out = Parsed()
        if count > cap:
            out.error = "range_too_large"
            out.message = f"range {text!r} has {count:,} numbers, more than the cap of {cap:,}"
            return out
        width = len(first) - 1
        out.numbers = [f"+{n:0{width}d}" for n in range(int(first[1:]), int(last[1:]) + 1)]
        out.notes.append(("range_expanded", f"{text!r} expanded to {count} numbers"))
        return out
    return None


def parse_cell(text: str, region: str, cap: int = RANGE_CAP) -> Parsed:
    """One inventory cell -> numbers. `region` is the row's country or the default country."""
    text = text.strip()
    if not text:
        return Parsed(error="empty_row", message="no phone number in this row")
    if _RANGE_SEP.search(text):
        ranged = _range(text, region, cap)
        if ranged is not None:
            return ranged
    return _single(_TRUNK_ZERO.sub("", text), region)
