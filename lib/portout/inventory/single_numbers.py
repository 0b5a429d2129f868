"""One written phone number -> E.164: national and international forms, Excel damage, extensions, and
vanity numbers (`1-800-FLOWERS`). Ranges and blocks are in notations.py; parse_cell (numbers.py) decides
which reading a cell gets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import phonenumbers

# E.164 allows at most 15 digits including the country code. libphonenumber accepts longer German
# numbers (its metadata allows 17), so this limit is ours and applies to every reading of every cell.
E164_MAX_DIGITS = 15

_EXCEL_FLOAT = re.compile(r"^(\d+)\.0+$")
_EXCEL_SCI = re.compile(r"^\d(?:[.,]\d+)?[eE]\+?\d{1,2}$")
# Extension markers phonenumbers understands; "x" only before digits ("+1 317 555 0100 x12").
EXTENSION = re.compile(r"^(?P<number>[^A-Za-z]*\d[^A-Za-z]*?)\s*(?:ext\.?|extn\.?|extension|x)\s*\d{1,7}\s*$", re.I)
# A vanity number: digits first, then letters, nothing but separators in between (no nested quantifiers:
# inventory text is untrusted and must not make a regex backtrack).
_VANITY = re.compile(r"^\+?[0-9\s().\-]*[A-Za-z][A-Za-z0-9\s.\-]*$")
# Words that make a cell a notation or a note, never keypad letters ("bis", "to", "Tel", "Fax", ...).
_WORDS = {
    "to",
    "bis",
    "till",
    "until",
    "thru",
    "through",
    "and",
    "und",
    "or",
    "oder",
    "ext",
    "extn",
    "x",
    "tel",
    "fax",
    "dw",
    "durchwahl",
    "nr",
    "no",
    "von",
    "from",
    "ab",
}


@dataclass
class Parsed:
    """What one cell became: numbers (E.164 strings) or an error, plus notes for the user."""

    numbers: list[str] = field(default_factory=list)
    error: str = ""  # exclusion reason code when nothing usable came out
    message: str = ""
    notes: list[tuple[str, str]] = field(default_factory=list)  # (warning code, message)


def failed(reason: str, message: str) -> Parsed:
    return Parsed(error=reason, message=message)


def e164(num: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)


def too_long(number: str) -> bool:
    return len(number) - 1 > E164_MAX_DIGITS


def _too_long_message(text: str, number: str) -> str:
    return f"{text!r} has {len(number) - 1} digits ({number}); E.164 numbers have at most {E164_MAX_DIGITS}"


def _parse_one(text: str, region: str) -> tuple[phonenumbers.PhoneNumber | None, str]:
    try:
        return phonenumbers.parse(text, region or None), ""
    except phonenumbers.NumberParseException as err:
        return None, str(err.args[0] if err.args else err)


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


def _valid(num: phonenumbers.PhoneNumber | None) -> bool:
    return num is not None and phonenumbers.is_valid_number(num) and not too_long(e164(num))


def parse_single(text: str, region: str, lost_plus: bool = True) -> Parsed:
    """One number as written (no letters except an extension marker) -> exactly one E.164 or an error."""
    out = Parsed()
    digits, problem = _excel_digits(text)
    if problem:
        return failed("invalid_number", problem)
    if digits is None and re.fullmatch(r"\d[\d ]{5,24}", text) and 6 <= len(text.replace(" ", "")) <= 17:
        digits = text.replace(" ", "")
    if digits is not None and not digits.startswith("0"):
        # Bare digits (as Excel stores a number cell, or spaced out): either a national number, or an
        # international one whose '+' was dropped. Brackets and hyphens mean a national format: read as written.
        national, _ = _parse_one(digits, region)
        intl = _parse_one("+" + digits, "")[0] if lost_plus else None
        good = [n for n in (intl, national) if n is not None and _valid(n)]
        if not good:
            if len(digits) > E164_MAX_DIGITS:
                return failed("number_too_long", _too_long_message(text, "+" + digits))
            return failed("invalid_number", f"{text!r} is not a valid number for {region or 'any country'}")
        chosen = good[0]
        if len(good) == 2 and e164(good[0]) != e164(good[1]):
            # Prefer the reading in the row's country; the lost-'+' reading when both are there.
            in_region = [n for n in good if phonenumbers.region_code_for_number(n) == region]
            chosen = in_region[0] if in_region else good[0]
            other = good[1] if chosen is good[0] else good[0]
            out.notes.append(("ambiguous_number", f"{text!r} read as {e164(chosen)} (could also be {e164(other)})"))
        out.numbers = [e164(chosen)]
        return out
    if digits is not None:
        text = digits
    if text.startswith("00"):
        text = "+" + text[2:]
    num, err = _parse_one(text, region)
    if num is None:
        return failed("invalid_number", f"{text!r} cannot be read as a phone number ({err})")
    if num.extension:
        out.notes.append(("extension_stripped", f"extension {num.extension} dropped from {text!r}"))
        num.extension = None
    number = e164(num)
    if too_long(number):
        return failed("number_too_long", _too_long_message(text, number))
    if not phonenumbers.is_valid_number(num):
        return failed("invalid_number", f"{text!r} is not a valid number ({number})")
    out.numbers = [number]
    return out


def is_excel_number(text: str) -> bool:
    """`1.3175550100E+10`: Excel's scientific notation, whose E is no letter of the number."""
    return bool(_EXCEL_SCI.match(text.replace(" ", "")))


def is_vanity(text: str) -> bool:
    """The whole cell is digits then keypad letters (`1-800-FLOWERS`, `+1 800 GO FEDEX`), no words of a
    notation (`bis`, `to`, `ext`, `Tel`)."""
    if not _VANITY.match(text) or sum(ch.isalpha() for ch in text) < 3:
        return False
    head = re.split(r"[A-Za-z]", text, maxsplit=1)[0]
    if sum(ch.isdigit() for ch in head) < 3:  # "GO-1800" or "A1 2345": not digits-then-letters
        return False
    words = re.findall(r"[A-Za-z]+", text)
    return not any(w.casefold() in _WORDS for w in words)


def parse_vanity(text: str, region: str) -> Parsed:
    """Letters as keypad digits, with a warning. North American vanity numbers often carry more letters
    than digits are dialled (`1-800-MATTRESS`): those extra letters are not part of the number."""
    converted = phonenumbers.convert_alpha_characters_in_number(text)
    digits = re.sub(r"\D", "", converted)
    plus = text.lstrip().startswith("+")
    candidates: list[tuple[str, str]] = []  # (number text to parse, what was dropped)
    if digits.startswith("1") and (plus or len(digits) >= 11):
        candidates.append(("+" + digits[:11], digits[11:]))
    candidates.append((("+" if plus else "") + digits, ""))
    for candidate, dropped in candidates:
        parsed = parse_single(candidate, region, lost_plus=False)
        if parsed.numbers:
            extra = f"; the last {len(dropped)} letters are not dialled" if dropped else ""
            parsed.notes.append(
                (
                    "vanity_number",
                    f"{text!r} is a vanity number: its letters were read as keypad digits, "
                    f"{parsed.numbers[0]}{extra}; check it against Number Management",
                )
            )
            return parsed
    return failed(
        "letters_in_number",
        f"{text!r} reads as a vanity number but its keypad digits {digits} are not a valid phone number",
    )
