"""The tracker's SQLite file: where it lives, its schema and migrations, and safe connections.

Why these choices:
- WAL mode lets the dashboard read while another session writes; `busy_timeout` makes a second writer
  wait for the first instead of failing at once.
- Every write runs inside `BEGIN IMMEDIATE ... COMMIT` (see `transaction`): a crash or SIGKILL before the
  commit leaves the previous committed state, because SQLite's journal discards the partial transaction.
- `PRAGMA application_id` marks the file as ours, so a foreign SQLite database is refused rather than
  having our tables added to it; `PRAGMA user_version` is the schema version the migrations step through.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from portout.errors import N_, PortoutError

APPLICATION_ID = 0x504F5254  # "PORT"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 10_000
ENV_DB = "PORTOUT_DB"
# Test hook: seconds to sleep inside a save's transaction, after the first statement. Lets the tests
# SIGKILL a process mid-save and prove the previous state survives. Unset in normal use.
ENV_TEST_SLEEP = "PORTOUT_TEST_SLEEP_IN_SAVE"


class TrackerDatabaseError(PortoutError):
    """The tracker database cannot be used (damaged, foreign, newer, unwritable)."""


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("portout", appauthor=False)) / "tracker.sqlite3"


def resolve_db_path(
    path: str | os.PathLike[str] | None = None, settings_file: str | os.PathLike[str] | None = None
) -> Path:
    """Where the tracker lives: the explicit path, else `[tracker] db` in the org settings TOML (relative to
    that file), else $PORTOUT_DB, else the user's data directory."""
    if path:
        return Path(path).expanduser()
    if settings_file:
        configured = _db_from_settings(Path(settings_file))
        if configured is not None:
            return configured
    env = os.environ.get(ENV_DB, "").strip()
    if env:
        return Path(env).expanduser()
    return default_db_path()


def _db_from_settings(settings_file: Path) -> Path | None:
    import tomllib

    try:
        data = tomllib.loads(settings_file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeError, tomllib.TOMLDecodeError, RecursionError):
        return None  # load_settings reports a broken settings file with a better message
    table = data.get("tracker")
    value = table.get("db") if isinstance(table, dict) else None
    if not isinstance(value, str) or not value.strip():
        return None
    target = Path(value.strip()).expanduser()
    return target if target.is_absolute() else settings_file.parent / target


# Each entry moves the schema from version i to i+1. Never edit a released step: append a new one.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE plans (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        name        TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        source_name TEXT NOT NULL DEFAULT '',
        plan_json   TEXT NOT NULL,          -- Plan.to_dict(): requests, LOA values, settings used
        numbers_z   BLOB NOT NULL,          -- zlib(JSON) of Plan.numbers, so costs can be recomputed
        costs_json  TEXT                    -- CostReport.to_dict() at save time, NULL if not computed
    );
    CREATE TABLE requests (
        plan_id        INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        request_id     TEXT NOT NULL,
        position       INTEGER NOT NULL,
        state          TEXT NOT NULL DEFAULT 'draft',
        version        INTEGER NOT NULL DEFAULT 1,
        carrier        TEXT NOT NULL DEFAULT '',
        reference      TEXT NOT NULL DEFAULT '',
        submitted_date TEXT,
        foc_date       TEXT,
        ported_date    TEXT,
        removed_date   TEXT,
        rejected_date  TEXT,
        cancelled_date TEXT,
        reason_code    TEXT NOT NULL DEFAULT '',
        reason_text    TEXT NOT NULL DEFAULT '',
        updated_at     TEXT NOT NULL,
        PRIMARY KEY (plan_id, request_id)
    );
    CREATE TABLE snapshots (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        plan_id    INTEGER NOT NULL,
        request_id TEXT NOT NULL,
        kind       TEXT NOT NULL,           -- planned | submitted | resubmitted
        sent_date  TEXT,
        created_at TEXT NOT NULL,
        data_json  TEXT NOT NULL,
        FOREIGN KEY (plan_id, request_id) REFERENCES requests(plan_id, request_id) ON DELETE CASCADE
    );
    CREATE TABLE history (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        plan_id     INTEGER NOT NULL,
        request_id  TEXT NOT NULL,
        at          TEXT NOT NULL,          -- when the change was recorded (UTC)
        actor       TEXT NOT NULL DEFAULT '',
        from_state  TEXT NOT NULL DEFAULT '',
        to_state    TEXT NOT NULL,
        event_date  TEXT,                   -- the date the change happened (submitted on, ported on...)
        carrier     TEXT NOT NULL DEFAULT '',
        reference   TEXT NOT NULL DEFAULT '',
        reason_code TEXT NOT NULL DEFAULT '',
        reason_text TEXT NOT NULL DEFAULT '',
        comment     TEXT NOT NULL DEFAULT '',
        version     INTEGER NOT NULL,       -- the request's version after this change
        snapshot_id INTEGER REFERENCES snapshots(id),
        FOREIGN KEY (plan_id, request_id) REFERENCES requests(plan_id, request_id) ON DELETE CASCADE
    );
    CREATE INDEX history_by_request ON history(plan_id, request_id, id);
    CREATE INDEX snapshots_by_request ON snapshots(plan_id, request_id, id);
    CREATE INDEX requests_by_state ON requests(state);
    """,
]


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    # NORMAL is durable against crashes of the process (what the tests kill) and fast in WAL mode.
    conn.execute("PRAGMA synchronous = NORMAL")


def connect(path: Path) -> sqlite3.Connection:
    """A configured connection. Autocommit mode (isolation_level=None): we issue BEGIN/COMMIT ourselves."""
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as err:
        raise TrackerDatabaseError(
            N_("cannot open tracker database {path}: {reason}"), path=str(path), reason=str(err)
        ) from None
    conn.row_factory = sqlite3.Row
    try:
        _configure(conn)
    except sqlite3.DatabaseError as err:
        conn.close()
        raise describe(err, path) from None
    return conn


def describe(err: sqlite3.Error, path: Path) -> TrackerDatabaseError:
    """One clear line for an SQLite failure on the tracker file."""
    text = str(err)  # SQLite's own words, English: kept as the detail
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return TrackerDatabaseError(
            N_(
                "{path} is damaged or not a SQLite database ({reason}); restore a backup or point --db / "
                "{variable} at another file"
            ),
            path=str(path),
            reason=text,
            variable=ENV_DB,
        )
    if "locked" in text or "busy" in text:
        return TrackerDatabaseError(
            N_("tracker database {path} is busy (another session is writing); try again"), path=str(path)
        )
    if "readonly" in text or "unable to open" in text:
        return TrackerDatabaseError(N_("cannot write tracker database {path}: {reason}"), path=str(path), reason=text)
    return TrackerDatabaseError(N_("tracker database {path}: {reason}"), path=str(path), reason=text)


@contextmanager
def transaction(conn: sqlite3.Connection, path: Path) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, ROLLBACK on any error. IMMEDIATE takes the write lock up front, so two
    writers serialise at BEGIN (waiting up to the busy timeout) instead of failing at commit."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.DatabaseError as err:
        raise describe(err, path) from None
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        try:
            conn.execute("COMMIT")
        except sqlite3.DatabaseError as err:
            conn.execute("ROLLBACK")
            raise describe(err, path) from None


def test_pause() -> None:
    """The crash-test hook (see ENV_TEST_SLEEP); a no-op unless the variable is set."""
    delay = os.environ.get(ENV_TEST_SLEEP)
    if delay:
        time.sleep(float(delay))


def open_database(path: Path) -> None:
    """Create or migrate the tracker at `path`, refusing damaged, foreign or newer files. Idempotent."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise TrackerDatabaseError(
            N_("cannot create {path}: {reason}"), path=str(path.parent), reason=err.strerror or str(err)
        ) from None
    if path.exists() and path.is_dir():
        raise TrackerDatabaseError(N_("{path} is a directory, not a tracker database file"), path=str(path))
    conn = connect(path)
    try:
        _check_and_migrate(conn, path)
    except sqlite3.DatabaseError as err:
        raise describe(err, path) from None
    finally:
        conn.close()


def _check_and_migrate(conn: sqlite3.Connection, path: Path) -> None:
    # Reading the header first: a file of random bytes fails here with "file is not a database".
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    if app_id != APPLICATION_ID:
        if tables or version:
            raise TrackerDatabaseError(
                N_(
                    "{path} is a SQLite database of another application, not a Port-Out tracker; choose another "
                    "file with --db or {variable}"
                ),
                path=str(path),
                variable=ENV_DB,
            )
    elif version > SCHEMA_VERSION:
        raise TrackerDatabaseError(
            N_(
                "{path} was written by a newer Port-Out Planner (schema {version}, this one knows up to "
                "{known}); upgrade portout"
            ),
            path=str(path),
            version=version,
            known=SCHEMA_VERSION,
        )
    _use_wal(conn)
    if version == SCHEMA_VERSION and app_id == APPLICATION_ID:
        return
    with transaction(conn, path):
        # Re-read under the write lock: another process may have migrated meanwhile.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for step in range(version, SCHEMA_VERSION):
            for statement in _statements(MIGRATIONS[step]):
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _use_wal(conn: sqlite3.Connection) -> None:
    """Readers and one writer at once. Where SQLite refuses WAL (e.g. a network filesystem without shared
    memory) it keeps its rollback journal: still safe, just less concurrent, so the answer is not checked."""
    conn.execute("PRAGMA journal_mode = WAL")


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would COMMIT our transaction)."""
    parts = []
    buf = ""
    for line in script.splitlines(keepends=True):
        code = line.split("--", 1)[0]
        buf += code
        if code.rstrip().endswith(";") and sqlite3.complete_statement(buf):
            parts.append(buf.strip())
            buf = ""
    if buf.strip():
        parts.append(buf.strip())
    return parts
