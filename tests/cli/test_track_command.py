"""`portout track` end to end in subprocesses: save, list, show, set, history, checklist, compare, bundle;
refusals exit 2 with one line and no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from paths import ROOT
from tracker_support import write_inputs


def track(db: Path, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PORTOUT_DB"}
    return subprocess.run(
        [sys.executable, "-m", "portout", "track", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_track_commands_end_to_end(tmp_path: Path) -> None:
    inventory, org = write_inputs(tmp_path)
    db = tmp_path / "cli.db"
    res = track(db, "save", str(inventory), "--org", str(org), "--name", "cli run", "--actor", "ci")
    assert res.returncode == 0, res.stderr
    assert "saved plan 1 (2 requests, 10 numbers" in res.stdout

    plans = json.loads(track(db, "list", "--format", "json").stdout)
    assert [(p["id"], p["name"], p["states"]) for p in plans] == [(1, "cli run", {"draft": 2})]

    reqs = json.loads(track(db, "show", "1", "--format", "json").stdout)
    rid = next(r["request_id"] for r in reqs if r["numbers"] == 7)
    assert reqs[0]["allowed_next"] == ["submitted", "cancelled"]

    # A rejection reason does not belong to a submission: refused, nothing stored.
    res = track(db, "set", "1", rid, "submitted", "--date", "2026-03-01", "--reason", "LOCATION_MISMATCH")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "submitted does not take a rejection reason" in res.stderr and "nothing was saved" in res.stderr
    res = track(db, "set", "1", rid, "submitted", "--date", "2026-03-01", "--reference", "NW-9")
    assert res.returncode == 0 and "submitted (version 2)" in res.stdout, res.stderr
    res = track(
        db,
        "set",
        "1",
        rid,
        "rejected",
        "--date",
        "2026-03-03",
        "--reason",
        "postal_code_mismatch",
        "--comment",
        "zip+4 expected",
        "--actor",
        "alex",
    )
    assert res.returncode == 0, res.stderr

    res = track(db, "set", "1", rid, "ported", "--date", "2026-03-04")
    assert res.returncode == 2 and res.stderr.strip() == (
        "portout: error: cannot move a rejected request to ported; allowed from rejected: resubmitted, cancelled"
    )

    res = track(db, "set", "1", rid, "cancelled", "--expect-version", "2")
    assert res.returncode == 2 and "nothing was saved" in res.stderr and "Traceback" not in res.stderr

    res = track(db, "bundle", "1", rid, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    with zipfile.ZipFile(tmp_path / f"portout-support-{rid}.zip") as zf:
        message = next(zf.read(n).decode() for n in zf.namelist() if n.endswith(".txt"))
    assert "POSTAL_CODE_MISMATCH" in message and "NW-9" in message

    res = track(db, "set", "1", rid, "resubmitted", "--date", "2026-03-05", "--change", "btn=+15125553106")
    assert res.returncode == 0, res.stderr
    for state, day in (("ported", "2026-03-10"),):
        assert track(db, "set", "1", rid, state, "--date", day).returncode == 0

    history = json.loads(track(db, "history", "1", rid, "--format", "json").stdout)
    assert [h["to_state"] for h in history] == ["draft", "submitted", "rejected", "resubmitted", "ported"]
    assert history[2]["actor"] == "alex" and history[2]["comment"] == "zip+4 expected"
    assert history[0]["actor"] == "ci"

    checklist = json.loads(track(db, "checklist", "--today", "2026-03-15", "--format", "json").stdout)
    assert [r["request_id"] for r in checklist["rows"]] == [rid]
    assert checklist["rows"][0]["days_since_port"] == 5 and "port day" in checklist["definition"]
    assert "Days since the port" in track(db, "checklist", "--today", "2026-03-15").stdout

    csv_text = track(db, "compare", "1", "--today", "2026-03-15", "--format", "csv").stdout
    assert csv_text.splitlines()[0].startswith("request_id,state,ported_date,planned_removal_date,removal_date")

    assert track(db, "set", "1", rid, "removed", "--date", "2026-03-15").returncode == 0
    assert "nothing to remove" in track(db, "checklist").stdout


def test_damaged_or_foreign_database_exits_2_without_traceback(tmp_path: Path) -> None:
    db = tmp_path / "junk.db"
    db.write_bytes(os.urandom(4096))
    res = track(db, "list")
    assert res.returncode == 2 and "damaged or not a SQLite database" in res.stderr
    assert "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1


def test_unknown_plan_and_bad_arguments(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    res = track(db, "show", "7")
    assert res.returncode == 2 and "no saved plan 7" in res.stderr
    res = track(db, "show", "abc")
    assert res.returncode == 2 and "plan id must be a number" in res.stderr


def test_db_from_the_environment(tmp_path: Path) -> None:
    inventory, org = write_inputs(tmp_path)
    env = os.environ | {"PORTOUT_DB": str(tmp_path / "env.db")}
    res = subprocess.run(
        [sys.executable, "-m", "portout", "track", "save", str(inventory), "--org", str(org)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert res.returncode == 0 and str(tmp_path / "env.db") in res.stdout, res.stderr
