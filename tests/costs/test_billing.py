"""billing.py: billing days, cycles, days charged and rounding, against the worked examples of domain.md §2
and against brute-force definitions (walking the calendar day by day)."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portout.costs import billing as bl

UTC = UTC


# --------------------------------------------------------------------------- worked examples (domain.md §2)


def test_worked_example_actual_14_of_31():
    assert bl.prorate(Decimal("100.00"), 14, 31, "USD") == Decimal("45.16")


def test_worked_example_30day_14_days():
    assert bl.prorate(Decimal("100.00"), 14, 30, "USD") == Decimal("46.67")


def test_worked_example_17_of_31_is_0_548_of_a_month():
    assert round(17 / 31, 3) == 0.548
    assert bl.prorate(Decimal("1000"), 17, 31, "BHD") == Decimal("548.387")


def test_worked_example_through_cycle_days():
    # A 31-day cycle (anchor 15, 15 Jan .. 14 Feb), removal on its 14th day.
    cycle = bl.cycle_of(date(2026, 1, 28), 15)
    assert (cycle.start, cycle.end, cycle.days) == (date(2026, 1, 15), date(2026, 2, 14), 31)
    assert bl.days_charged(date(2026, 1, 28), cycle, "actual", True) == (14, 31)
    assert bl.days_charged(date(2026, 1, 28), cycle, "30day", True) == (14, 30)


# --------------------------------------------------------------------------- billing days (07:00 UTC)


def test_date_is_its_own_billing_day():
    assert bl.billing_day(date(2026, 12, 15)) == date(2026, 12, 15)


@pytest.mark.parametrize(
    "moment, day",
    [
        (datetime(2026, 12, 15, 6, 30, tzinfo=UTC), date(2026, 12, 14)),
        (datetime(2026, 12, 15, 6, 59, 59, 999999, tzinfo=UTC), date(2026, 12, 14)),
        (datetime(2026, 12, 15, 7, 0, tzinfo=UTC), date(2026, 12, 15)),
        (datetime(2026, 12, 15, 7, 0, 1, tzinfo=UTC), date(2026, 12, 15)),
        (datetime(2026, 12, 15, 6, 59), date(2026, 12, 14)),  # naive = UTC
        (datetime(2026, 12, 15, 7, 0), date(2026, 12, 15)),
        (datetime(2026, 12, 15, 8, 30, tzinfo=timezone(timedelta(hours=2))), date(2026, 12, 14)),  # 06:30Z
        (datetime(2026, 12, 15, 9, 0, tzinfo=timezone(timedelta(hours=2))), date(2026, 12, 15)),  # 07:00Z
        (datetime(2026, 12, 15, 1, 59, tzinfo=timezone(timedelta(hours=-5))), date(2026, 12, 14)),  # 06:59Z
        (datetime(2027, 1, 1, 6, 0, tzinfo=UTC), date(2026, 12, 31)),
    ],
)
def test_datetime_billing_day(moment, day):
    assert bl.billing_day(moment) == day


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-12-15", date(2026, 12, 15)),
        ("15.12.2026", date(2026, 12, 15)),
        ("2026-12-15T06:30Z", datetime(2026, 12, 15, 6, 30, tzinfo=UTC)),
        ("2026-12-15 00:00:00", datetime(2026, 12, 15)),
        ("2026-12-15T08:30+02:00", datetime(2026, 12, 15, 8, 30, tzinfo=timezone(timedelta(hours=2)))),
    ],
)
def test_parse_when(text, expected):
    assert bl.parse_when(text) == expected


@pytest.mark.parametrize("text", ["12/15/2026", "tomorrow", "2026-13-01", "2026-02-30", ""])
def test_parse_when_refuses(text):
    with pytest.raises(ValueError):
        bl.parse_when(text)


# --------------------------------------------------------------------------- cycles and clamping


def _brute_cycle_start(day: date, anchor: int) -> date:
    """Walk back until a day that is the (clamped) anchor day of its month: the definition itself."""
    d = day
    while d.day != min(anchor, calendar.monthrange(d.year, d.month)[1]):
        d -= timedelta(days=1)
    return d


def _brute_next_start(day: date, anchor: int) -> date:
    d = day + timedelta(days=1)
    while d.day != min(anchor, calendar.monthrange(d.year, d.month)[1]):
        d += timedelta(days=1)
    return d


@settings(max_examples=400, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)), st.integers(1, 31))
def test_cycle_matches_brute_force(day, anchor):
    cycle = bl.cycle_of(day, anchor)
    start = _brute_cycle_start(day, anchor)
    assert cycle.start == start
    assert cycle.end == _brute_next_start(start, anchor) - timedelta(days=1)
    assert cycle.start <= day <= cycle.end
    assert cycle.days == (cycle.end - cycle.start).days + 1
    # Consecutive cycles have consecutive indices.
    assert bl.cycle_of(cycle.end + timedelta(days=1), anchor).index == cycle.index + 1


@pytest.mark.parametrize(
    "anchor, day, start, end",
    [
        (31, date(2026, 2, 10), date(2026, 1, 31), date(2026, 2, 27)),  # Feb 2026 clamps to the 28th
        (31, date(2026, 2, 28), date(2026, 2, 28), date(2026, 3, 30)),
        (31, date(2026, 4, 30), date(2026, 4, 30), date(2026, 5, 30)),  # 30-day month clamps to the 30th
        (30, date(2026, 3, 1), date(2026, 2, 28), date(2026, 3, 29)),
        (29, date(2026, 2, 28), date(2026, 2, 28), date(2026, 3, 28)),
        (29, date(2028, 2, 28), date(2028, 1, 29), date(2028, 2, 28)),  # leap year: Feb 29 exists
        (29, date(2028, 2, 29), date(2028, 2, 29), date(2028, 3, 28)),
        (31, date(2028, 2, 29), date(2028, 2, 29), date(2028, 3, 30)),
        (30, date(2028, 2, 29), date(2028, 2, 29), date(2028, 3, 29)),
        (1, date(2026, 3, 31), date(2026, 3, 1), date(2026, 3, 31)),
        (15, date(2026, 1, 14), date(2025, 12, 15), date(2026, 1, 14)),  # across the year end
    ],
)
def test_short_months_and_leap_years(anchor, day, start, end):
    cycle = bl.cycle_of(day, anchor)
    assert (cycle.start, cycle.end) == (start, end)


def test_leap_february_cycle_lengths():
    assert bl.cycle_of(date(2028, 2, 10), 1).days == 29
    assert bl.cycle_of(date(2026, 2, 10), 1).days == 28
    assert bl.cycle_of(date(2026, 2, 10), 31).days == 28  # 31 Jan .. 27 Feb


def test_first_and_last_day_of_cycle():
    cycle = bl.cycle_of(date(2026, 1, 15), 15)
    assert bl.days_charged(cycle.start, cycle, "actual", True) == (1, 31)
    assert bl.days_charged(cycle.end, cycle, "actual", True) == (31, 31)
    assert bl.days_charged(cycle.start, cycle, "actual", False) == (0, 31)
    assert bl.days_charged(cycle.end, cycle, "actual", False) == (30, 31)


def test_30day_caps_and_full_cycles():
    long_cycle = bl.cycle_of(date(2026, 1, 15), 15)  # 31 days
    assert bl.days_charged(date(2026, 2, 13), long_cycle, "30day", True) == (30, 30)
    assert bl.days_charged(date(2026, 2, 14), long_cycle, "30day", True) == (30, 30)
    feb = bl.cycle_of(date(2026, 2, 1), 1)  # 28 days: used to the end = the full MRC
    assert bl.days_charged(date(2026, 2, 27), feb, "30day", True) == (27, 30)
    assert bl.days_charged(date(2026, 2, 28), feb, "30day", True) == (30, 30)


def test_days_charged_refuses_a_day_outside_the_cycle():
    cycle = bl.cycle_of(date(2026, 1, 15), 15)
    with pytest.raises(ValueError):
        bl.days_charged(date(2026, 2, 15), cycle, "actual", True)


# --------------------------------------------------------------------------- money


def test_minor_digits_come_from_iso_4217():
    assert (bl.minor_digits("USD"), bl.minor_digits("EUR"), bl.minor_digits("JPY"), bl.minor_digits("BHD")) == (
        2,
        2,
        0,
        3,
    )


def test_jpy_has_no_decimals_and_bhd_three():
    assert bl.prorate(Decimal("1000"), 14, 31, "JPY") == Decimal("452")
    assert str(bl.prorate(Decimal("1000"), 14, 31, "JPY")) == "452"
    assert str(bl.prorate(Decimal("10.000"), 14, 31, "BHD")) == "4.516"
    assert bl.format_money(Decimal("2.5"), 3) == "2.500"
    assert bl.format_money(Decimal("7"), 0) == "7"
    assert bl.format_money(Decimal("1.355375"), 2) == "1.355375"  # an input price keeps its digits


@pytest.mark.parametrize(
    "amount, half_up, half_even",
    [
        ("0.125", "0.13", "0.12"),
        ("0.135", "0.14", "0.14"),
        ("0.124999", "0.12", "0.12"),
        ("2.5", "2.50", "2.50"),
    ],
)
def test_rounding_modes(amount, half_up, half_even):
    assert bl.round_money(Decimal(amount), "USD", "half_up") == Decimal(half_up)
    assert bl.round_money(Decimal(amount), "USD", "half_even") == Decimal(half_even)


def test_rounding_ties_in_jpy():
    assert bl.round_money(Fraction(5, 2), "JPY", "half_up") == 3
    assert bl.round_money(Fraction(5, 2), "JPY", "half_even") == 2
    assert bl.round_money(Fraction(7, 2), "JPY", "half_even") == 4


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(min_value=0, max_value=100000, places=4, allow_nan=False, allow_infinity=False),
    st.integers(1, 31),
    st.integers(28, 31),
)
def test_prorate_matches_decimal_quantize(mrc, days, in_cycle):
    from decimal import ROUND_HALF_UP, localcontext

    days = min(days, in_cycle)
    with localcontext() as ctx:
        ctx.prec = 100
        expected = (mrc * days / in_cycle).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert bl.prorate(mrc, days, in_cycle, "USD") == expected
