"""When each request leaves (issue 12): the requested port date, the LOA's signature date and how long it
stays valid, and the planned removal from Genesys Cloud Voice (port date + lag, unless a removal date is
given). Dates come from a dates file (per request id, service address or location), one date for all
(`--port-date`, `[schedule] port_date`), or the default: today plus the carrier's lead time in business
days. Problems (too soon, a weekend, an LOA that runs out first) become readiness items, not errors.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from portout.dates import check_date
from portout.errors import N_, PortoutError, Text, read_source
from portout.parsing import load_json
from portout.plan.model import PlanWarning, PortRequest
from portout.settings import OrgSettings

SOURCE_FILE, SOURCE_OPTION, SOURCE_SETTINGS, SOURCE_LEAD_TIME = "dates_file", "option", "settings", "lead_time"
SOURCE_ASSUMED_TODAY, SOURCE_PORT_LAG = "assumed_today", "port_date_plus_lag"


@dataclass(frozen=True)
class DateRow:
    """One line of a dates file: any of the three dates may be missing."""

    port_date: date | None = None
    removal_date: date | None = None
    loa_signed: date | None = None


@dataclass(frozen=True)
class Schedule:
    """What the schedule is built from. `today` defaults to today's billing day (UTC)."""

    dates: Mapping[str, DateRow] = field(default_factory=dict)  # key: request id, address line or location
    port_date: date | None = None  # one port date for every request without its own
    removal_lag_days: int | None = None  # None: the settings' schedule.removal_lag_days
    today: date | None = None


def add_business_days(start: date, days: int) -> date:
    """`days` Mondays-to-Fridays after `start` (public holidays are not known)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def business_days_between(start: date, end: date) -> int:
    """Business days after `start` up to and including `end` (negative when `end` is earlier)."""
    if end < start:
        return -business_days_between(end, start)
    return sum(1 for k in range(1, (end - start).days + 1) if (start + timedelta(days=k)).weekday() < 5)


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def schedule_requests(
    requests: list[PortRequest], settings: OrgSettings, schedule: Schedule | None, warnings: list[PlanWarning]
) -> tuple[list[PortRequest], date]:
    """Every request with its port date, LOA dates and planned removal; returns them and the day used as today."""
    from portout.costs.billing import today as billing_today  # costs sits after plan in the package order

    schedule = schedule or Schedule()
    today = schedule.today or billing_today()
    carrier, cfg = settings.carrier, settings.schedule
    lag = cfg.removal_lag_days if schedule.removal_lag_days is None else schedule.removal_lag_days
    if schedule.port_date is not None:
        default_port, default_source = schedule.port_date, SOURCE_OPTION
    elif cfg.port_date:
        default_port, default_source = date.fromisoformat(cfg.port_date), SOURCE_SETTINGS
    else:
        default_port, default_source = add_business_days(today, carrier.lead_time_business_days), SOURCE_LEAD_TIME
    signed_default = date.fromisoformat(cfg.loa_signed) if cfg.loa_signed else None

    wanted = {_norm(k): (k, v) for k, v in schedule.dates.items()}
    earliest = add_business_days(today, carrier.lead_time_business_days).isoformat()  # the same for every request
    used: set[str] = set()
    out = []
    for r in requests:
        row = None
        base_id = r.id if r.parts == 1 else r.id.rsplit("-", 1)[0]  # a date for the address covers every part
        for key in (r.id, base_id, r.service_address.one_line(), *r.locations) if wanted else ():
            if _norm(key) in wanted:
                used.add(_norm(key))
                row = wanted[_norm(key)][1]
                break
        port, port_source = default_port, default_source
        if row and row.port_date:
            port, port_source = row.port_date, SOURCE_FILE
        if row and row.loa_signed:
            signed, signed_source = row.loa_signed, SOURCE_FILE
        elif signed_default:
            signed, signed_source = signed_default, SOURCE_SETTINGS
        else:
            signed, signed_source = today, SOURCE_ASSUMED_TODAY
        valid_until = signed + timedelta(days=carrier.loa_validity_days) if carrier.loa_validity_days else None
        if row and row.removal_date:
            removal, removal_source = row.removal_date, SOURCE_FILE
        else:
            removal, removal_source = port + timedelta(days=lag), SOURCE_PORT_LAG
        out.append(
            replace(
                r,
                port_date=port.isoformat(),
                port_date_source=port_source,
                earliest_port_date=earliest,
                loa_signed=signed.isoformat(),
                loa_signed_source=signed_source,
                loa_valid_until=valid_until.isoformat() if valid_until else "",
                removal_date=removal.isoformat(),
                removal_date_source=removal_source,
            )
        )
    unmatched = [orig for k, (orig, _) in wanted.items() if k not in used]
    if unmatched:
        names = ", ".join(repr(u) for u in unmatched[:5]) + (
            f" and {len(unmatched) - 5} more" if len(unmatched) > 5 else ""
        )
        warnings.append(
            PlanWarning(
                "dates_unmatched",
                f"dates given for no request (match a request id, service address or location): {names}",
                params={"names": names},
            )
        )
    return out, today


def date_problems(r: PortRequest, today: date, lead_time: int) -> list[tuple[str, dict[str, Any]]]:
    """(code, params) for each problem with a request's dates (texts: plan.readiness_texts)."""
    if not r.port_date:
        return []
    port = date.fromisoformat(r.port_date)
    out: list[tuple[str, dict[str, Any]]] = []
    if port <= today:
        out.append(("port_date_past", {"date": port.isoformat(), "earliest": r.earliest_port_date}))
    elif port < date.fromisoformat(r.earliest_port_date):
        out.append(
            (
                "port_date_too_soon",
                {
                    "date": port.isoformat(),
                    "count": business_days_between(today, port),
                    "lead_time": lead_time,
                    "earliest": r.earliest_port_date,
                },
            )
        )
    if port.weekday() >= 5:
        out.append(
            ("port_date_weekend", {"date": port.isoformat(), "next_day": add_business_days(port, 1).isoformat()})
        )
    if r.loa_valid_until and port > date.fromisoformat(r.loa_valid_until):
        out.append(
            (
                "loa_expires_before_port",
                {"date": port.isoformat(), "signed": r.loa_signed, "valid_until": r.loa_valid_until},
            )
        )
    if r.loa_signed_source != SOURCE_ASSUMED_TODAY and date.fromisoformat(r.loa_signed) > today:
        out.append(("loa_signed_in_future", {"signed": r.loa_signed}))
    return out


# --------------------------------------------------------------------------- the dates file

_KEY = {
    "request",
    "request_id",
    "request id",
    "id",
    "service_address",
    "service address",
    "address",
    "key",
    "location",
    "anfrage",
    "adresse",
    "standort",
}
_PORT = {
    "port_date",
    "port date",
    "requested port date",
    "requested_port_date",
    "foc",
    "foc_date",
    "foc date",
    "date",
    "datum",
    "portierdatum",
    "portierungsdatum",
    "wunschtermin",
    "port",
}
_REMOVAL = {"removal_date", "removal date", "removal", "remove date", "entfernungsdatum"}
_LOA = {
    "loa_signed",
    "loa signed",
    "loa_signature_date",
    "signature date",
    "signed",
    "loa date",
    "unterschrieben",
    "unterschriftsdatum",
}


def _day(value: object, where: str) -> date | None:
    from portout.costs.billing import parse_when

    text = str(value if value is not None else "").strip()
    if not text:
        return None
    try:
        when = parse_when(text, where)
    except ValueError:
        raise PortoutError(
            N_("{where}: {text!r} is not a date (use YYYY-MM-DD or DD.MM.YYYY)"), where=where, text=text
        ) from None
    return check_date(when.date() if isinstance(when, datetime) else when, where)


def read_dates_file(source: str | Path | bytes) -> dict[str, DateRow]:
    """A dates file: CSV (`,` `;` or tab) with a key column (request id, service address or location) and
    any of port_date, removal_date, loa_signed; a header-less two-column file or a plain `date` column
    means port dates. JSON: {key: port date} or a list of objects with the same names."""
    name = Text(N_("dates file")) if isinstance(source, bytes) else str(source)
    raw = read_source(source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PortoutError(N_("{name} is not UTF-8 text"), name=name) from None
    if text.lstrip()[:1] in ("{", "["):
        return _from_json(text, name)
    return _from_csv(text, name)


def _from_json(text: str, name: str) -> dict[str, DateRow]:
    data = load_json(text, name)
    if isinstance(data, dict):
        return {str(k).strip(): DateRow(port_date=_day(v, _at(name, repr(k)))) for k, v in data.items()}
    if not isinstance(data, list):
        raise PortoutError(N_("{name}: expected an object {{request: port date}} or a list of objects"), name=name)
    out = {}
    for i, item in enumerate(data, 1):
        if not isinstance(item, dict):
            raise PortoutError(N_("{name}: item {item} is not an object"), name=name, item=i)
        low = {str(k).strip().casefold().replace("-", "_"): v for k, v in item.items()}
        key = next((str(low[k]) for k in low if k in _KEY), None)
        if key is None:
            raise PortoutError(
                N_("{name}: item {item} needs a request_id, service_address or location"), name=name, item=i
            )
        out[key.strip()] = _row(
            {k: v for k, v in low.items() if k not in _KEY}, Text(N_("{name}: item {item}"), name=name, item=i)
        )
    return out


def _at(where: str, detail: str) -> Text:
    """`where: detail` for an error message; `where` (a file, item or line) is translated when rendered."""
    return Text("{where}: {detail}", where=where, detail=detail)  # punctuation only: no catalogue entry


def _row(values: Mapping[str, object], where: str) -> DateRow:
    found: dict[str, date | None] = {}
    for header, value in values.items():
        h = header.replace("_", " ").strip()
        for target, names in (("port_date", _PORT), ("removal_date", _REMOVAL), ("loa_signed", _LOA)):
            if h in {n.replace("_", " ") for n in names}:
                found[target] = _day(value, _at(where, header))
    return DateRow(**found)


def _from_csv(text: str, name: str) -> dict[str, DateRow]:
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    rows = [r for r in csv.reader(io.StringIO(text), delimiter=delimiter) if any(c.strip() for c in r)]
    if not rows:
        raise PortoutError(N_("{name} is empty"), name=name)
    header = [c.strip().casefold().replace("_", " ") for c in rows[0]]
    known = {n.replace("_", " ") for n in _KEY | _PORT | _REMOVAL | _LOA}
    if any(h in known for h in header):
        key_col = next((i for i, h in enumerate(header) if h in {n.replace("_", " ") for n in _KEY}), 0)
        columns = {i: h for i, h in enumerate(header) if i != key_col}
        body, start = rows[1:], 2
    else:
        key_col, columns, body, start = 0, {1: "port date"}, rows, 1
    out = {}
    for line_no, row in enumerate(body, start):
        if len(row) <= key_col or not row[key_col].strip():
            raise PortoutError(
                N_("{name}: line {line} needs a request id, service address or location"), name=name, line=line_no
            )
        out[row[key_col].strip()] = _row(
            {h: row[i] for i, h in columns.items() if i < len(row)},
            Text(N_("{name}: line {line}"), name=name, line=line_no),
        )
    return out
