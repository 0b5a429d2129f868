"""The tracker file: where it lives, WAL and foreign keys, damaged / foreign / newer files refused with one
clear line, and a SIGKILL in the middle of a write leaving the previous state intact."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from paths import ROOT
from portout.tracker import Tracker, TrackerDatabaseError, resolve_db_path, store
from tracker_support import austin_id, make_plan, write_inputs


def test_new_database_uses_wal_foreign_keys_and_our_ids(tmp_path: Path) -> None:
    db = tmp_path / "sub" / "dir" / "t.db"  # missing folders are created
    Tracker(db)
    conn = store.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == store.BUSY_TIMEOUT_MS
    assert conn.execute("PRAGMA application_id").fetchone()[0] == store.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    with pytest.raises(sqlite3.IntegrityError):  # foreign keys are enforced
        conn.execute("INSERT INTO requests (plan_id, request_id, position, updated_at) VALUES (99, 'x', 0, '')")
    conn.close()


def test_empty_file_is_initialised(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.write_bytes(b"")
    assert Tracker(db).list_plans() == []


def test_damaged_file_gets_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "damaged.db"
    db.write_bytes(os.urandom(8192))
    with pytest.raises(TrackerDatabaseError, match="damaged or not a SQLite database"):
        Tracker(db)


def test_truncated_tracker_file_gets_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    tracker = Tracker(db)
    tracker.save_plan(make_plan(tmp_path))
    conn = store.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = db.read_bytes()
    db.write_bytes(data[:100] + os.urandom(len(data) - 100))  # header intact, pages garbage
    with pytest.raises(TrackerDatabaseError):
        Tracker(db).list_plans()


def test_foreign_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "other.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total TEXT)")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(TrackerDatabaseError, match="another application"):
        Tracker(db)
    assert db.read_bytes() == before


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    Tracker(db)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(TrackerDatabaseError, match="newer Port-Out Planner"):
        Tracker(db)


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(TrackerDatabaseError, match="is a directory"):
        Tracker(tmp_path)


def test_db_path_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, org = write_inputs(tmp_path)
    monkeypatch.delenv(store.ENV_DB, raising=False)
    default = resolve_db_path()
    assert default.name == "tracker.sqlite3" and "portout" in str(default)
    monkeypatch.setenv(store.ENV_DB, str(tmp_path / "env.db"))
    assert resolve_db_path() == tmp_path / "env.db"
    assert resolve_db_path(settings_file=org) == tmp_path / "env.db"  # no [tracker] table in it
    org.write_text(org.read_text() + '\n[tracker]\ndb = "data/tracker.db"\n')
    assert resolve_db_path(settings_file=org) == tmp_path / "data" / "tracker.db"
    assert resolve_db_path(tmp_path / "arg.db", org) == tmp_path / "arg.db"


# ------------------------------------------------------------------ kill in the middle of a write

_CHILD = """
from pathlib import Path
from tracker_support import make_plan
from portout.tracker import Tracker
tracker = Tracker({db!r})
if {mode!r} == "save":
    tracker.save_plan(make_plan(Path({tmp!r})), name="never committed")
else:
    s = tracker.request({pid}, {rid!r})
    tracker.transition({pid}, {rid!r}, "cancelled", date="2026-03-03", expected_version=s.version)
print("finished", flush=True)
"""


def _write_lock_held(db: Path) -> bool:
    conn = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as err:
        return "locked" in str(err)
    finally:
        conn.close()


def _kill_mid_write(tmp_path: Path, db: Path, mode: str, pid: int = 0, rid: str = "") -> None:
    code = _CHILD.format(db=str(db), tmp=str(tmp_path), mode=mode, pid=pid, rid=rid)
    # the child imports tests/tracker_support.py, like pytest's pythonpath setting does for the tests
    pythonpath = os.pathsep.join(p for p in (str(ROOT / "tests"), os.environ.get("PYTHONPATH", "")) if p)
    env = os.environ | {store.ENV_TEST_SLEEP: "60", "PYTHONPATH": pythonpath}
    child = subprocess.Popen(
        [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        # The child holds the write lock only inside the transaction, where the hook makes it sleep.
        while not _write_lock_held(db):
            assert child.poll() is None, child.stderr.read()
            assert time.monotonic() < deadline, "the child never started its write"
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    assert "finished" not in child.stdout.read()
    child.stdout.close()
    child.stderr.close()


def test_kill_during_save_leaves_the_previous_state(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    tracker = Tracker(db)
    plan = make_plan(tmp_path)
    pid = tracker.save_plan(plan, name="committed")
    _kill_mid_write(tmp_path, db, "save")
    after = Tracker(db)  # reopening recovers from the WAL: the half-written plan is gone
    assert [(p.id, p.name) for p in after.list_plans()] == [(pid, "committed")]
    conn = store.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM requests").fetchone()[0] == len(plan.requests)
    conn.close()
    assert after.save_plan(plan, name="after the crash") == pid + 1  # the file is writable again


def test_kill_during_status_change_leaves_the_previous_state(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    tracker = Tracker(db)
    plan = make_plan(tmp_path)
    pid = tracker.save_plan(plan)
    rid = austin_id(plan)
    tracker.transition(pid, rid, "submitted", date="2026-03-02", expected_version=1)
    _kill_mid_write(tmp_path, db, "transition", pid, rid)
    after = Tracker(db)
    status = after.request(pid, rid)
    assert (status.state, status.version, status.cancelled_date) == ("submitted", 2, None)
    assert [h.to_state for h in after.history(pid, rid)] == ["draft", "submitted"]
