"""Ranges and number blocks as people write them -> every number, or an exclusion that says why.

The forms (docs/number-notations.md): two full ends (`+13175550100 to +13175550149`,
`030 9018500 bis 030 9018509`); a full start and the end's last digits (`+13175550100-0149`,
`+493090185000-5999`); a German base number with direct-dial extensions (`030 901850-10 bis 19`,
`+49 30 901850-00 bis -99`, `030 901850 10-19`). Between the ends: "to", "bis", "through", "until", an
en or em dash, "..", a spaced hyphen, or a hyphen where nothing else fits. Never a guess: ends of
different widths, ends in different areas, an end smaller than the start are exclusions that say so.
"""

from __future__ import annotations

import re

import phonenumbers

from portout.inventory.single_numbers import Parsed, failed, parse_single, too_long

# Separators that always mean "from ... to ...". A hyphen alone is also the German direct-dial mark and
# the US digit-group separator, so it is handled apart (parse_hyphen).
EXPLICIT_SEP = re.compile(
    r"\s*[\u2013\u2014\u2015]\s*|\s*\.{2,}\s*|\s+-\s+|-(?=\s*\+)|\s+(?:to|bis|through|thru|until|till)\s+",
    re.IGNORECASE,
)
_DASH = re.compile(r"[\u2013\u2014\u2015]")
_END = re.compile(r"\+?[\d\s().\-/]+")


def _last_group(left: str) -> tuple[str, str]:
    """The last run of digits of `left` and the character before it ('' when `left` is one run)."""
    m = re.search(r"(\D?)(\d+)\D*$", left)
    if m is None:
        return "", ""
    return m.group(2), m.group(1)


def parse_range(text: str, seps: list[re.Match[str]], region: str, cap: int) -> Parsed | None:
    """A cell with an explicit separator. None when it is no range after all (a spaced hyphen inside a
    single number, `030 - 1234567`)."""
    if len(seps) > 1:
        return failed("range_ambiguous", f"{text!r} has more than one range separator: write one range per row")
    sep = seps[0]
    left, right = text[: sep.start()].strip(), text[sep.end() :].strip()
    spaced_hyphen = sep.group().strip() == "-"
    if any(ch.isalpha() for ch in left + right):
        return failed("range_ambiguous", f"{text!r}: both ends of a range must be numbers, without letters")
    start = parse_single(left, region, lost_plus=False) if left else Parsed(error="invalid_number")
    if not start.numbers:
        if spaced_hyphen:
            return None
        if start.error == "number_too_long":
            return failed("number_too_long", f"{text!r}: {start.message}")
        return failed("invalid_number", f"{text!r}: the range's first number {left!r} is not a valid number")
    # An en dash is what word processors make of a typed hyphen: "030 1234567–89" may be one number with a
    # direct-dial suffix as much as a range.
    dw_doubt = bool(_DASH.fullmatch(sep.group().strip()))
    return _ends(text, left, right, start.numbers[0], region, cap, dw_doubt=dw_doubt)


def parse_hyphen(text: str, region: str, cap: int) -> Parsed | None:
    """A cell whose last hyphen may separate a range's ends. None when the cell is one number (the hyphen
    is punctuation, `+1 317-555-0100`, or a German direct-dial mark, `030 1234567-89`)."""
    cut = text.rfind("-")
    left, right = text[:cut].rstrip(), text[cut + 1 :].strip()
    if not right.isdigit() or not any(ch.isdigit() for ch in left):
        return None
    group, before = _last_group(left)
    # "030 901850 10-19", "+1 317 555 0100-0149": a hyphen between two equal-width groups, the first set
    # apart by a space, is a block even when the digits joined would also be a valid number.
    block = text.count("-") == 1 and before.isspace() and len(group) == len(right)
    if not block and parse_single(text, region).numbers:
        return None
    start = parse_single(left, region, lost_plus=False)
    if not start.numbers:
        return None
    return _ends(text, left, right, start.numbers[0], region, cap, dw_doubt=False)


def _ends(text: str, left: str, right: str, first: str, region: str, cap: int, dw_doubt: bool) -> Parsed:
    """The range from `first` (the parsed left end) to what `right` says."""
    end = right[1:].strip() if right.startswith("-") else right  # "-00 bis -99": the end is an extension too
    if not end or not _END.fullmatch(end) or not any(ch.isdigit() for ch in end):
        return failed("range_ambiguous", f"{text!r}: the end {right!r} is not a number")
    left_groups = re.findall(r"\d+", left)
    end_groups = re.findall(r"\d+", end)
    end_digits = "".join(end_groups)
    if end.startswith("+") or len(end_digits) >= len("".join(left_groups)):
        last_parsed = parse_single(end, region, lost_plus=False)
        if not last_parsed.numbers:
            return failed("invalid_number", f"{text!r}: the range's last number {end!r} is not a valid number")
        return expand(text, first, last_parsed.numbers[0], cap)
    problem = _suffix_problem(left, left_groups, end_groups)
    if not problem and dw_doubt and len(end_digits) < len(left_groups[-1]):
        joined = parse_single(left + end, region, lost_plus=False)
        if joined.numbers:
            problem = f"it could also be the one number {joined.numbers[0]} (direct-dial suffix {end})"
    if problem:
        return failed("range_ambiguous", f"{text!r} is not a clear range: {problem}. Write both ends in full")
    last = first[: len(first) - len(end_digits)] + end_digits
    if len(last) < len(first):  # the end's digits reach into the country code: no sensible reading
        return failed("range_ambiguous", f"{text!r}: the end {end!r} is longer than the number itself")
    return expand(text, first, last, cap)


def _suffix_problem(left: str, left_groups: list[str], end_groups: list[str]) -> str:
    """Why the end's digits do not clearly replace the start's last digits ('' when they do)."""
    widths = [len(g) for g in end_groups]
    if len(left_groups) == 1:  # "+13175550100-0149": one run of digits, the end replaces its tail
        return ""
    if len(end_groups) > 1:  # "+49 30 9018500 bis 30 9018509": the end's groups line up with the start's
        if [len(g) for g in left_groups[-len(end_groups) :]] == widths:
            return ""
        return "the end's digit groups do not line up with the start's"
    group, before = _last_group(left)
    width = widths[0]
    if width == len(group):
        return ""
    if width > len(group):
        # "-0 bis -99": the operator number (-0) and extensions, or extensions 00 to 99? German forms mean both.
        return (
            f"the end {end_groups[0]!r} has {width} digits and the start's last part {group!r} has {len(group)} "
            "(is the start an operator number or the first extension?)"
        )
    if before == "-" or len(group) < 4:
        # After a direct-dial hyphen both ends are extensions and must be as wide; "10 bis 9" is no range.
        return f"the end {end_groups[0]!r} is narrower than the start's last part {group!r}"
    return ""  # "+1 317 555 0100-49": an abbreviated end of a long subscriber number


def _area_prefix(number: str) -> int:
    """Characters of '+E.164' that name the country and area (national destination code)."""
    num = phonenumbers.parse(number, None)
    return 1 + len(str(num.country_code)) + phonenumbers.length_of_national_destination_code(num)


def expand(text: str, first: str, last: str, cap: int) -> Parsed:
    """Every number from `first` to `last` (E.164, the same length), after the checks a carrier would make."""
    if too_long(first) or too_long(last):
        longest = max(first, last, key=len)
        return failed(
            "number_too_long",
            f"{text!r}: {longest} has {len(longest) - 1} digits; E.164 numbers have at most 15",
        )
    prefix = _area_prefix(first)
    if first[:prefix] != last[:prefix]:
        return failed(
            "range_areas_differ",
            f"{text!r}: the ends {first} and {last} are in different countries or area codes; "
            "a range stays within one area code: write one range per area",
        )
    if len(first) != len(last):
        return failed(
            "range_ambiguous",
            f"{text!r}: the ends {first} and {last} have different lengths, so they are not one block",
        )
    low, high = int(first[1:]), int(last[1:])
    if high < low:
        return failed("range_reversed", f"{text!r}: the end {last} is smaller than the start {first}")
    count = high - low + 1
    if count > cap:
        return failed("range_too_large", f"range {text!r} has {count:,} numbers, more than the cap of {cap:,}")
    width = len(first) - 1
    out = Parsed(numbers=[f"+{n:0{width}d}" for n in range(low, high + 1)])
    out.notes.append(("range_expanded", f"{text!r} expanded to {count} numbers ({first} to {last})"))
    return out
