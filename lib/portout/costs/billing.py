"""Pure date and money arithmetic of Genesys Cloud Voice billing (domain.md §2).

Nothing here knows about plans or DataFrames: `costs.py` calls these once per *distinct* date or amount
and maps the results back onto a million numbers, so they can afford to be plain, readable and exact.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from babel.numbers import get_currency_precision

from portout.dates import check_date
from portout.errors import N_, PortoutError, Text

# Genesys' billing cycle starts and ends at 07:00 UTC, so a "billing day" runs 07:00 -> 07:00 UTC.
_BOUNDARY = timedelta(hours=7)
EPOCH = date(1970, 1, 1)


# --------------------------------------------------------------------------- billing days


def billing_day(value: date | datetime) -> date:
    """The billing day a removal belongs to.

    A date alone *is* that billing day. A date-time belongs to the 07:00-UTC-to-07:00-UTC day it falls in:
    2026-12-15T06:30Z is billing day 2026-12-14, 07:00Z exactly starts billing day 2026-12-15. Naive
    date-times are taken as UTC; aware ones are converted to UTC first.
    """
    if isinstance(value, datetime):  # check first: datetime is a subclass of date
        utc = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return (utc - _BOUNDARY).date()
    if isinstance(value, date):
        return value
    raise TypeError(f"expected a date or datetime, got {type(value).__name__}")


def today() -> date:
    """Today's billing day (UTC, starting 07:00): the default "as of" of costs, the tracker and the CLI."""
    return billing_day(datetime.now(UTC))


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


class NotADateError(PortoutError, ValueError):
    """Text that is no date in any form `parse_when` reads. Still a ValueError: callers that name the
    cell or option ("row 3: removal_date ...") catch it as before."""


def parse_when(text: str, what: str = Text(N_("date"))) -> date | datetime:
    """A removal date as written: ISO date, ISO date-time (optionally with Z or an offset), or the German
    DD.MM.YYYY [HH:MM]. Slashed forms are refused: 03/04/2026 means different days in different countries.
    NotADateError (a ValueError) when it is not a date; DateRangeError (named `what`) when outside 1990..2100."""
    try:
        when = _parse_when(text)
    except ValueError:  # Python's own words ("day is out of range for month") are English: ours instead
        raise NotADateError(
            N_("{text!r} is not a date (use YYYY-MM-DD, YYYY-MM-DDTHH:MM[Z|+hh:mm] or DD.MM.YYYY)"), text=text
        ) from None
    return check_date(when, what)


def _parse_when(text: str) -> date | datetime:
    s = text.strip()
    if not s:
        raise ValueError("empty date")
    if _ISO_DATE.match(s):
        return date.fromisoformat(s)
    m = _DOTTED.match(s)
    if m:
        d, mo, y, hh, mm, ss = m.groups()
        if hh is None:
            return date(int(y), int(mo), int(d))
        return datetime(int(y), int(mo), int(d), int(hh), int(mm), int(ss or 0))
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d", s):
        # Python 3.11+ reads "Z" and offsets; Excel cells arrive as "2026-12-15 00:00:00".
        return datetime.fromisoformat(s.replace("z", "Z"))
    raise ValueError(s)


def to_day_number(day: date) -> int:
    """Days since 1970-01-01: the integer form the vectorised code works on."""
    return (day - EPOCH).days


def from_day_number(n: int) -> date:
    return EPOCH + timedelta(days=int(n))


# --------------------------------------------------------------------------- cycles


def _anchor_in(year: int, month: int, anchor_day: int) -> date:
    """The anchor day in a month, clamped to the month's last day (anchor 31 -> 30 Apr, 28/29 Feb)."""
    return date(year, month, min(anchor_day, calendar.monthrange(year, month)[1]))


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def cycle_index(day: date, anchor_day: int) -> int:
    """A month counter (year*12 + month-1) naming the cycle `day` is in; consecutive cycles differ by 1."""
    start = _anchor_in(day.year, day.month, anchor_day)
    year, month = (day.year, day.month) if day >= start else _shift_month(day.year, day.month, -1)
    return year * 12 + month - 1


def cycle_start_of_index(index: int, anchor_day: int) -> date:
    return _anchor_in(index // 12, index % 12 + 1, anchor_day)


@dataclass(frozen=True)
class Cycle:
    index: int
    start: date  # first billing day of the cycle
    end: date  # last billing day of the cycle (the day before the next cycle starts)

    @property
    def days(self) -> int:
        """Days from this cycle's start to the next cycle's start."""
        return (self.end - self.start).days + 1


def cycle_of(day: date, anchor_day: int) -> Cycle:
    """The billing cycle a billing day belongs to (cycles start on the clamped anchor day of each month)."""
    if not 1 <= anchor_day <= 31:
        raise ValueError(f"anchor day must be 1..31, got {anchor_day}")
    idx = cycle_index(day, anchor_day)
    nxt = cycle_start_of_index(idx + 1, anchor_day)
    return Cycle(idx, cycle_start_of_index(idx, anchor_day), nxt - timedelta(days=1))


def days_charged(removal: date, cycle: Cycle, convention: str, include_removal_day: bool) -> tuple[int, int]:
    """(days_charged, days_in_cycle) for a removal on billing day `removal` inside `cycle`.

    actual: days from the cycle start to the removal day (+1 when the removal day counts) over the
    cycle's real length. 30day (Zuora's "30-day month"): the same days over 30, capped at 30, and a
    cycle used to its last day counts as the full 30 so a whole cycle is always the whole MRC.
    """
    if not cycle.start <= removal <= cycle.end:
        raise ValueError(f"{removal} is not in the cycle {cycle.start}..{cycle.end}")
    days = (removal - cycle.start).days + (1 if include_removal_day else 0)
    if convention == "actual":
        return days, cycle.days
    if convention == "30day":
        if days == cycle.days:
            return 30, 30
        return min(days, 30), 30
    raise ValueError(f"unknown convention {convention!r}")


# --------------------------------------------------------------------------- money


def minor_digits(currency: str) -> int:
    """ISO 4217 minor unit from babel's CLDR data (USD 2, JPY 0, BHD 3), never a hand-typed table."""
    return int(get_currency_precision(currency.upper()))


def round_units(value: Fraction, rounding: str) -> int:
    """Round an exact amount already expressed in minor units (cents) to a whole number of them."""
    floor = value.numerator // value.denominator
    rest = value - floor
    if rest > Fraction(1, 2):
        return floor + 1
    if rest < Fraction(1, 2):
        return floor
    if rounding == "half_up":  # amounts are never negative here, so "up" is "away from zero"
        return floor + 1
    if rounding == "half_even":
        return floor if floor % 2 == 0 else floor + 1
    raise ValueError(f"unknown rounding {rounding!r}")


def round_money(amount: Decimal | Fraction, currency: str, rounding: str = "half_up") -> Decimal:
    """Exact amount -> Decimal with exactly the currency's minor digits."""
    digits = minor_digits(currency)
    units = round_units(Fraction(amount) * 10**digits, rounding)
    return units_to_decimal(units, digits)


def units_to_decimal(units: int, digits: int) -> Decimal:
    """Whole minor units -> Decimal with exactly `digits` decimals (JPY 5 -> Decimal('5'), BHD -> '0.005')."""
    return Decimal(int(units)).scaleb(-digits) if digits else Decimal(int(units))


def format_money(amount: Decimal, digits: int) -> str:
    """Decimal string with at least the currency's minor digits (an input price may carry more)."""
    exponent = amount.as_tuple().exponent  # an int, or 'n'/'N'/'F' for NaN and infinity
    places = max(digits, -exponent if isinstance(exponent, int) else 0)
    return f"{amount:.{places}f}"


def prorate(mrc: Decimal, charged: int, in_cycle: int, currency: str, rounding: str = "half_up") -> Decimal:
    """`MRC x days_charged / days_in_cycle`, exact, rounded once to the minor unit (domain.md §2)."""
    if in_cycle <= 0:
        raise ValueError("days_in_cycle must be positive")
    return round_money(Fraction(mrc) * charged / in_cycle, currency, rounding)
