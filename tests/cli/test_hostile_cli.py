"""Hostile command lines: huge ids, list-valued changes, terminal escapes in table output."""

from __future__ import annotations

from pathlib import Path

import pytest

from portout.cli.main import main
from portout.errors import PortoutError
from portout.tracker import Tracker
from tracker_support import make_plan, write_inputs


@pytest.fixture
def saved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    inv, org = write_inputs(tmp_path)
    db = str(tmp_path / "t.db")
    assert main(["track", "save", str(inv), "--org", str(org), "--db", db]) == 0
    capsys.readouterr()
    return db, Tracker(db).requests(1)[0].request_id


def test_huge_plan_id_is_refused_not_overflow(saved: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    db, rid = saved
    huge = str(2**70)
    for argv in (["show", huge], ["set", huge, rid, "submitted", "--date", "2026-03-01", "--carrier", "X"]):
        with pytest.raises(SystemExit) as caught:
            main(["track", *argv, "--db", db])
        err = capsys.readouterr().err
        assert caught.value.code == 2 and f"no saved plan {huge}" in err and "Traceback" not in err
    code = main(["track", "set", "1", rid, "submitted", "--date", "2026-03-01", "--expect-version", huge, "--db", db])
    err = capsys.readouterr().err
    assert code == 2 and "nothing was saved" in err and len(err.strip().splitlines()) == 1


def test_library_huge_plan_id(tmp_path: Path) -> None:
    tracker = Tracker(tmp_path / "t.db")
    tracker.save_plan(make_plan(tmp_path))
    with pytest.raises(PortoutError, match="names nothing stored"):
        tracker.get_plan(2**70)


def test_change_of_numbers_is_parsed_as_a_list(saved: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    db, rid = saved
    tracker = Tracker(db)
    numbers = sorted(tracker.snapshots(1, rid)[0].data["numbers"])[:2]
    for argv in (
        ["submitted", "--date", "2026-03-01", "--carrier", "Northwind"],
        ["rejected", "--date", "2026-03-02", "--reason-text", "too many numbers"],
    ):
        assert main(["track", "set", "1", rid, *argv, "--db", db]) == 0, capsys.readouterr().err
    bad = ["track", "set", "1", rid, "resubmitted", "--date", "2026-03-03", "--db", db, "--change"]
    assert main([*bad, "numbers=+1512,abc"]) == 2
    assert "'abc' is not an E.164 number" in capsys.readouterr().err
    assert main([*bad, "service_address=Main St"]) == 2
    assert "change one of them" in capsys.readouterr().err
    assert main([*bad, f"numbers={numbers[0]}, {numbers[1]}"]) == 0, capsys.readouterr().err
    latest = Tracker(db).snapshots(1, rid)[-1].data
    assert latest["numbers"] == numbers
