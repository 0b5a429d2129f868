"""Port dates (issue 12): default today + lead time in business days, a dates file by request id, address or
location, one --port-date, weekends and short lead times flagged, LOA validity, removal = port + lag."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portout.errors import PortoutError
from portout.plan.planner import build_plan
from portout.plan.schedule import (
    DateRow,
    Schedule,
    add_business_days,
    business_days_between,
    read_dates_file,
)
from scope_support import BERLIN, DENVER, HQ, inventory, settings

FRIDAY = date(2026, 11, 27)


def rows() -> list[list[str]]:
    return (
        [[f"+1317555{i:04d}", "", *HQ, ""] for i in range(3)]
        + [[f"+1303555{i:04d}", "", *DENVER, ""] for i in range(2)]
        + [[f"+49309018{i:04d}", "", *BERLIN, ""] for i in range(2)]
    )


def by_city(plan):
    return {r.service_address.city: r for r in plan.requests}


def codes(r) -> list[str]:
    return [i["code"] for i in r.readiness["items"]]


def test_business_days() -> None:
    assert add_business_days(FRIDAY, 1) == date(2026, 11, 30)  # Monday
    assert add_business_days(FRIDAY, 5) == date(2026, 12, 4)
    assert add_business_days(date(2026, 11, 28), 1) == date(2026, 11, 30)  # from a Saturday


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 40))
def test_business_days_round_trip(start: date, n: int) -> None:
    end = add_business_days(start, n)
    assert end.weekday() < 5 or n == 0
    assert business_days_between(start, end) == n
    assert (end - start).days <= n * 7 // 5 + 3


def test_default_port_date_is_today_plus_the_profiles_lead_time() -> None:
    for profile, lead in (("generic", 5), ("telnyx", 5)):
        s = settings(carrier={"profile": profile})
        plan = build_plan(inventory(rows()), s, schedule=Schedule(today=FRIDAY))
        for r in plan.requests:
            assert r.port_date == add_business_days(FRIDAY, lead).isoformat() and r.port_date_source == "lead_time"
            assert r.removal_date == (add_business_days(FRIDAY, lead) + timedelta(days=1)).isoformat()
            assert r.readiness["status"] == "ready", r.readiness
    s = settings(carrier={"lead_time_business_days": 12})
    plan = build_plan(inventory(rows()), s, schedule=Schedule(today=FRIDAY))
    assert {r.port_date for r in plan.requests} == {add_business_days(FRIDAY, 12).isoformat()}


def test_dates_file_by_request_address_and_location(tmp_path) -> None:
    inv = inventory(rows())
    plain = build_plan(inv, settings(), schedule=Schedule(today=FRIDAY))
    hq_id = by_city(plain)["Indianapolis"].id
    f = tmp_path / "dates.csv"
    f.write_text(
        "request_id;port_date;removal_date;loa_signed\n"
        f"{hq_id};2026-12-14;;\n"
        '"1701 Wynkoop Street, 80202 Denver, US";15.12.2026;2026-12-20;2026-11-20\n'
        "Berlin;2026-12-16;;\n"
    )
    dates = read_dates_file(f)
    plan = build_plan(inv, settings(), schedule=Schedule(dates=dates, today=FRIDAY))
    got = by_city(plan)
    assert (got["Indianapolis"].port_date, got["Indianapolis"].removal_date) == ("2026-12-14", "2026-12-15")
    assert (got["Denver"].port_date, got["Denver"].removal_date) == ("2026-12-15", "2026-12-20")
    assert got["Denver"].removal_date_source == "dates_file" and got["Denver"].loa_signed == "2026-11-20"
    assert got["Berlin"].port_date == "2026-12-16" and got["Berlin"].port_date_source == "dates_file"
    assert all(r.readiness["status"] == "ready" for r in plan.requests)


def test_headerless_file_means_port_dates_and_bad_dates_are_one_line_errors() -> None:
    assert read_dates_file(b"PR-1,2026-12-14\n") == {"PR-1": DateRow(port_date=date(2026, 12, 14))}
    assert read_dates_file(b'{"PR-1": "2026-12-14"}') == {"PR-1": DateRow(port_date=date(2026, 12, 14))}
    with pytest.raises(PortoutError, match="line 2"):
        read_dates_file(b"request_id,port_date\nPR-1,soon\n")
    with pytest.raises(PortoutError, match="1990"):
        read_dates_file(b"request_id,port_date\nPR-1,9999-12-31\n")


def test_weekend_and_short_lead_time_flag_only_their_request() -> None:
    inv = inventory(rows())
    ids = {r.service_address.city: r.id for r in build_plan(inv, settings(), schedule=Schedule(today=FRIDAY)).requests}
    dates = {
        ids["Indianapolis"]: DateRow(port_date=date(2026, 12, 12)),  # a Saturday, far enough
        ids["Denver"]: DateRow(port_date=date(2026, 12, 1)),  # Tuesday: 2 business days away, 5 needed
    }
    plan = build_plan(inv, settings(), schedule=Schedule(dates=dates, today=FRIDAY))
    got = by_city(plan)
    assert codes(got["Indianapolis"]) == ["port_date_weekend"]
    assert codes(got["Denver"]) == ["port_date_too_soon"]
    assert got["Berlin"].readiness == {"status": "ready", "items": []}
    past = build_plan(inv, settings(), schedule=Schedule(port_date=date(2026, 11, 2), today=FRIDAY))
    assert all("port_date_past" in codes(r) for r in past.requests)


def test_one_port_date_for_all_and_the_removal_lag() -> None:
    s = settings(schedule={"removal_lag_days": 3})
    plan = build_plan(inventory(rows()), s, schedule=Schedule(port_date=date(2026, 12, 14), today=FRIDAY))
    assert {(r.port_date, r.port_date_source, r.removal_date) for r in plan.requests} == {
        ("2026-12-14", "option", "2026-12-17")
    }
    lag0 = build_plan(inventory(rows()), s, schedule=Schedule(port_date=date(2026, 12, 14), removal_lag_days=0))
    assert {r.removal_date for r in lag0.requests} == {"2026-12-14"}


def test_loa_validity_runs_out_before_the_port_date() -> None:
    s = settings(carrier={"profile": "telnyx"}, schedule={"loa_signed": "2026-09-01"})
    plan = build_plan(inventory(rows()), s, schedule=Schedule(port_date=date(2026, 12, 14), today=FRIDAY))
    for r in plan.requests:
        assert r.loa_valid_until == "2026-11-30"
        assert "loa_expires_before_port" in codes(r)
    ok = build_plan(
        inventory(rows()),
        settings(carrier={"profile": "telnyx", "loa_validity_days": 120}, schedule={"loa_signed": "2026-09-01"}),
        schedule=Schedule(port_date=date(2026, 12, 14), today=FRIDAY),
    )
    assert all(r.readiness["status"] == "ready" for r in ok.requests)


def test_unmatched_dates_are_reported() -> None:
    plan = build_plan(
        inventory(rows()), settings(), schedule=Schedule(dates={"PR-NOPE": DateRow(port_date=date(2026, 12, 14))})
    )
    assert any(w.code == "dates_unmatched" and "PR-NOPE" in w.message for w in plan.warnings)
