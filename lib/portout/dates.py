"""The calendar a user may give dates in: 1990-01-01 to 2100-12-31.

Every date typed or read (CLI options, inventory cells, the --dates file, tracker events, dashboard
pickers) passes `check_date`: days near the ends of Python's calendar (9999-12-31, 0001-01-01) are legal
`date`s but overflow the first `+ timedelta` in billing arithmetic ("year 10000 is out of range"), and
no port-out happens before telephony number portability or after this century's contracts.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TypeVar

from portout.errors import N_, PortoutError, Text

EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)

_Day = TypeVar("_Day", date, datetime)


class DateRangeError(PortoutError):
    """A well-formed date outside EARLIEST..LATEST. Deliberately not a ValueError: parsers' callers turn
    ValueError into "is not a date", while this message (what is allowed) must reach the user."""


def check_date(value: _Day, what: str = Text(N_("date"))) -> _Day:
    """`value` itself when its day lies in EARLIEST..LATEST, else a DateRangeError naming `what`."""
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise DateRangeError(
            N_("{what} {value} is outside the dates accepted ({earliest} to {latest})"),
            what=what,
            value=value.isoformat(),
            earliest=EARLIEST,
            latest=LATEST,
        )
    return value


def parse_iso_date(text: str, what: str = Text(N_("date"))) -> date:
    """A YYYY-MM-DD date within the accepted range; one clear PortoutError line otherwise."""
    try:
        day = date.fromisoformat(str(text).strip())
    except ValueError:
        raise PortoutError(N_("{what} {text!r} is not a date (write YYYY-MM-DD)"), what=what, text=text) from None
    return check_date(day, what)
