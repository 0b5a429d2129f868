"""Dates at the ends of the calendar: every place a user gives a date refuses those outside 1990..2100
with one line naming the option or row, instead of "year 10000 is out of range" tracebacks later."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from costs_helpers import inventory_bytes, row
from portout.cli.main import main
from portout.dates import EARLIEST, LATEST, DateRangeError, check_date, parse_iso_date
from tracker_support import write_inputs

FAR = ["9999-12-31", "0001-01-01", "2101-01-01", "1989-12-31"]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    err = capsys.readouterr().err
    return code, err


def _one_clear_line(code: int, err: str, *words: str) -> None:
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "outside the dates accepted (1990-01-01 to 2100-12-31)" in err
    for word in words:
        assert word in err, err


def test_bounds_are_inclusive() -> None:
    assert check_date(EARLIEST) == EARLIEST and check_date(LATEST) == LATEST
    assert parse_iso_date(" 2026-03-01 ") == dt.date(2026, 3, 1)
    with pytest.raises(DateRangeError, match="--today 2101-01-01"):
        parse_iso_date("2101-01-01", "--today")
    with pytest.raises(DateRangeError):
        check_date(dt.datetime(1989, 12, 31, 23, 59))


@pytest.mark.parametrize("far", FAR)
def test_costs_options_refuse_far_dates(tmp_path: Path, capsys: pytest.CaptureFixture[str], far: str) -> None:
    inv, org = write_inputs(tmp_path)
    _one_clear_line(*_run(capsys, "costs", str(inv), "--org", str(org), "--removal-date", far), "--removal-date", far)
    _one_clear_line(*_run(capsys, "costs", str(inv), "--org", str(org), "--as-of", far), "--as-of", far)
    _one_clear_line(*_run(capsys, "export", str(inv), "--org", str(org), "--removal-date", far, "-o", "x.xlsx"))


def test_far_dates_in_inventory_and_dates_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, org = write_inputs(tmp_path)
    inv = tmp_path / "far.csv"
    inv.write_bytes(inventory_bytes([row(0, removal="2026-05-01"), row(1, removal="31.12.9999")]))
    _one_clear_line(*_run(capsys, "costs", str(inv), "--org", str(org)), "row 2", "removal_date")
    dates = tmp_path / "dates.csv"
    dates.write_text("request,date\nR-1,0001-01-01\n", encoding="utf-8")
    inv.write_bytes(inventory_bytes([row(0)]))
    _one_clear_line(*_run(capsys, "costs", str(inv), "--org", str(org), "--dates", str(dates)), "0001-01-01")


def test_tracker_dates_are_bounded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inv, org = write_inputs(tmp_path)
    db = str(tmp_path / "t.db")
    assert main(["track", "save", str(inv), "--org", str(org), "--db", db]) == 0
    capsys.readouterr()
    from portout.tracker import Tracker

    rid = Tracker(db).requests(1)[0].request_id
    _one_clear_line(*_run(capsys, "track", "set", "1", rid, "submitted", "--date", "9999-12-31", "--db", db))
    _one_clear_line(*_run(capsys, "track", "checklist", "--today", "9999-12-31", "--db", db), "--today")
    _one_clear_line(*_run(capsys, "track", "compare", "1", "--today", "0001-01-01", "--db", db), "--today")
    # Nothing was stored by the refused change.
    assert Tracker(db).requests(1)[0].state == "draft"


def test_library_callers_get_the_same_bound(tmp_path: Path) -> None:
    from portout.costs.removal_dates import effective_request_dates
    from portout.costs.report import compute_costs
    from tracker_support import make_plan

    plan = make_plan(tmp_path)
    with pytest.raises(DateRangeError, match="as-of day"):
        compute_costs(plan, plan.settings.billing, as_of=dt.date(1, 1, 1))
    with pytest.raises(DateRangeError, match="removal date"):
        compute_costs(plan, plan.settings.billing, removal_date=dt.date(9999, 12, 31))
    # The dashboard's shift slider cannot push a date past the bound either.
    with pytest.raises(DateRangeError):
        effective_request_dates(["R"], LATEST, {}, 1)
