"""`Tracker`: saved plans and the status of each of their port requests, in one SQLite file.

Every public method opens its own short-lived connection, so one `Tracker` can be shared by the dashboard's
threads and several processes can use the same file; writes are serialised by SQLite and checked by
version (optimistic concurrency), so two sessions never silently overwrite each other.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from portout.costs.report import CostReport
from portout.errors import N_, PortoutError, Text
from portout.plan.model import Plan
from portout.tracker import lifecycle as lc
from portout.tracker import snapshot as snap
from portout.tracker import store


class StaleWriteError(PortoutError):
    """The request changed since the caller read it; reload and decide again."""

    def __init__(self, message: str, current: RequestStatus | None = None, /, **params: Any) -> None:
        super().__init__(message, **params)
        self.current = current


class UnknownPlanError(PortoutError):
    """No saved plan / request with that id."""


@dataclass(frozen=True)
class PlanInfo:
    id: int
    name: str
    created_at: str  # UTC, ISO 8601
    source_name: str
    requests: int
    numbers: int
    states: dict[str, int]  # state -> how many requests are in it
    has_costs: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RequestStatus:
    plan_id: int
    request_id: str
    state: str
    version: int  # pass it back as `expected_version` when changing the request
    numbers: int
    service_address: str
    carrier: str
    reference: str
    submitted_date: dt.date | None
    foc_date: dt.date | None
    ported_date: dt.date | None
    removed_date: dt.date | None
    rejected_date: dt.date | None
    cancelled_date: dt.date | None
    reason_code: str
    reason_text: str
    updated_at: str
    allowed_next: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, dt.date):
                data[key] = value.isoformat()
        data["allowed_next"] = list(self.allowed_next)
        return data


@dataclass(frozen=True)
class HistoryEntry:
    at: str  # when it was recorded (UTC, ISO 8601)
    actor: str
    from_state: str
    to_state: str
    event_date: dt.date | None  # when it happened
    carrier: str
    reference: str
    reason_code: str
    reason_text: str
    comment: str
    version: int

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["event_date"] = self.event_date.isoformat() if self.event_date else None
        return data


@dataclass(frozen=True)
class Snapshot:
    kind: str  # planned | submitted | resubmitted
    sent_date: dt.date | None
    created_at: str
    data: dict[str, Any]  # snapshot.loa_values() shape, plus carrier/reference when sent


@dataclass
class SavedPlan:
    info: PlanInfo
    data: dict[str, Any]  # Plan.to_dict() as saved
    costs: dict[str, Any] | None  # CostReport.to_dict() as saved
    plan: Plan  # rebuilt, for recomputing costs


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _inserted_id(cur: sqlite3.Cursor) -> int:
    """The id SQLite gave the row an INSERT just wrote (sqlite3 types it optional; after an INSERT it is set)."""
    if cur.lastrowid is None:
        raise PortoutError("the tracker database did not return the new row's id")
    return cur.lastrowid


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


class Tracker:
    """The tracker database at `path` (see `store.resolve_db_path` for the default)."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path: Path = store.resolve_db_path(path)
        store.open_database(self.path)

    # ------------------------------------------------------------------ plumbing

    @contextmanager
    def _conn(self) -> Iterator[sqlite3.Connection]:
        conn = store.connect(self.path)
        try:
            yield conn
        except sqlite3.IntegrityError as err:
            raise PortoutError(N_("tracker database {path}: {reason}"), path=str(self.path), reason=str(err)) from None
        except OverflowError:
            # SQLite integers are 64-bit: a plan id of 2**70 can name no stored plan.
            raise PortoutError(
                N_("a plan id or version that large names nothing stored (see `portout track list`)")
            ) from None
        except sqlite3.DatabaseError as err:
            raise store.describe(err, self.path) from None
        finally:
            conn.close()

    # ------------------------------------------------------------------ plans

    def save_plan(
        self, plan: Plan, costs: CostReport | dict[str, Any] | None = None, name: str = "", actor: str = ""
    ) -> int:
        """Store a snapshot of `plan` (requests, LOA values, numbers, settings, cost estimate) with every
        request in draft; returns the new plan id. `costs` is a CostReport (or its dict); when None the
        estimate is computed here (none is stored when the plan has no prices)."""
        from portout.tracker.actual_costs import estimate  # it imports this module

        if costs is None:
            costs = estimate(plan)
        # per-number lines are left out: they can be recomputed from the numbers
        costs_dict = costs.to_dict(include_lines=False) if isinstance(costs, CostReport) else costs
        plan_data = plan.to_dict()
        plan_json = snap.dumps(plan_data)
        numbers_z = snap.pack_numbers(plan.numbers)
        settings = plan_data["settings"]
        now = _now()
        with self._conn() as conn, store.transaction(conn, self.path):
            cur = conn.execute(
                "INSERT INTO plans (name, created_at, source_name, plan_json, numbers_z, costs_json) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    name.strip(),
                    now,
                    plan.source_name,
                    plan_json,
                    numbers_z,
                    snap.dumps(costs_dict) if costs_dict is not None else None,
                ),
            )
            plan_id = _inserted_id(cur)
            store.test_pause()  # crash-test hook: a kill here must leave no half-saved plan
            # One statement per table (executemany), not three round trips per request.
            conn.executemany(
                "INSERT INTO requests (plan_id, request_id, position, state, version, updated_at) "
                "VALUES (?, ?, ?, 'draft', 1, ?)",
                [(plan_id, req["id"], pos, now) for pos, req in enumerate(plan_data["requests"])],
            )
            conn.executemany(
                "INSERT INTO snapshots (plan_id, request_id, kind, created_at, data_json) "
                "VALUES (?, ?, 'planned', ?, ?)",
                [
                    (plan_id, req["id"], now, snap.dumps(snap.loa_values(req, settings)))
                    for req in plan_data["requests"]
                ],
            )
            # Each history row points at its request's snapshot: the ids SQLite just gave them.
            conn.execute(
                "INSERT INTO history (plan_id, request_id, at, actor, from_state, to_state, comment, "
                "version, snapshot_id) SELECT plan_id, request_id, ?, ?, '', 'draft', 'plan saved', 1, id "
                "FROM snapshots WHERE plan_id = ? ORDER BY id",
                (now, actor, plan_id),
            )
        return plan_id

    def list_plans(self) -> list[PlanInfo]:
        with self._conn() as conn:
            rows = conn.execute("SELECT id FROM plans ORDER BY id DESC").fetchall()
            return [self._plan_info(conn, int(r["id"])) for r in rows]

    def _plan_info(self, conn: sqlite3.Connection, plan_id: int) -> PlanInfo:
        row = conn.execute(
            "SELECT id, name, created_at, source_name, costs_json IS NOT NULL AS has_costs, "
            "json_extract(plan_json, '$.summary.planned_numbers') AS numbers FROM plans WHERE id = ?",
            (plan_id,),
        ).fetchone()
        if row is None:
            raise UnknownPlanError(N_("no saved plan {plan} in {path}"), plan=plan_id, path=str(self.path))
        states = {
            r["state"]: int(r["n"])
            for r in conn.execute(
                "SELECT state, count(*) AS n FROM requests WHERE plan_id = ? GROUP BY state", (plan_id,)
            )
        }
        return PlanInfo(
            int(row["id"]),
            row["name"],
            row["created_at"],
            row["source_name"],
            sum(states.values()),
            int(row["numbers"] or 0),
            states,
            bool(row["has_costs"]),
        )

    def get_plan(self, plan_id: int) -> SavedPlan:
        with self._conn() as conn:
            info = self._plan_info(conn, plan_id)
            row = conn.execute("SELECT plan_json, numbers_z, costs_json FROM plans WHERE id = ?", (plan_id,)).fetchone()
        data = json.loads(row["plan_json"])
        costs = json.loads(row["costs_json"]) if row["costs_json"] else None
        plan = snap.plan_from_stored(data, snap.unpack_numbers(row["numbers_z"]), info.source_name)
        return SavedPlan(info, data, costs, plan)

    # ------------------------------------------------------------------ requests

    _REQUEST_SQL = (
        "SELECT r.*, json_extract(s.data_json, '$.numbers') AS numbers_json, "
        "json_extract(s.data_json, '$.service_address') AS address_json "
        "FROM requests r JOIN snapshots s ON s.id = ("
        "  SELECT max(id) FROM snapshots WHERE plan_id = r.plan_id AND request_id = r.request_id) "
    )

    def requests(self, plan_id: int) -> list[RequestStatus]:
        with self._conn() as conn:
            self._plan_info(conn, plan_id)  # clear error for an unknown plan
            rows = conn.execute(self._REQUEST_SQL + "WHERE r.plan_id = ? ORDER BY r.position", (plan_id,)).fetchall()
        return [self._status(r) for r in rows]

    def request(self, plan_id: int, request_id: str) -> RequestStatus:
        with self._conn() as conn:
            return self._request(conn, plan_id, request_id)

    def _request(self, conn: sqlite3.Connection, plan_id: int, request_id: str) -> RequestStatus:
        row = conn.execute(
            self._REQUEST_SQL + "WHERE r.plan_id = ? AND r.request_id = ?", (plan_id, request_id)
        ).fetchone()
        if row is None:
            self._plan_info(conn, plan_id)
            raise UnknownPlanError(N_("plan {plan} has no request {request!r}"), plan=plan_id, request=request_id)
        return self._status(row)

    @staticmethod
    def _status(row: sqlite3.Row) -> RequestStatus:
        from portout.settings import Address

        address = Address(**json.loads(row["address_json"] or "{}"))
        return RequestStatus(
            plan_id=int(row["plan_id"]),
            request_id=row["request_id"],
            state=row["state"],
            version=int(row["version"]),
            numbers=len(json.loads(row["numbers_json"] or "[]")),
            service_address=address.one_line(),
            carrier=row["carrier"],
            reference=row["reference"],
            submitted_date=_date(row["submitted_date"]),
            foc_date=_date(row["foc_date"]),
            ported_date=_date(row["ported_date"]),
            removed_date=_date(row["removed_date"]),
            rejected_date=_date(row["rejected_date"]),
            cancelled_date=_date(row["cancelled_date"]),
            reason_code=row["reason_code"],
            reason_text=row["reason_text"],
            updated_at=row["updated_at"],
            allowed_next=lc.allowed(row["state"]),
        )

    def transition(
        self,
        plan_id: int,
        request_id: str,
        new_state: str,
        *,
        date: dt.date | str | None,
        expected_version: int,
        carrier: str | None = None,
        reference: str | None = None,
        reason_code: str | None = None,
        reason_text: str | None = None,
        changes: dict[str, Any] | None = None,
        comment: str = "",
        actor: str = "",
    ) -> RequestStatus:
        """Move a request to `new_state`. `expected_version` is the version the caller read: if the request
        changed since, StaleWriteError and nothing is written. `changes` (resubmitted only) are the
        corrected LOA values that were sent, e.g. {"service_address.street2": "Ste 400"}."""
        now = _now()
        with self._conn() as conn, store.transaction(conn, self.path):
            current = self._request(conn, plan_id, request_id)
            if current.version != expected_version:
                last = conn.execute(
                    "SELECT at, actor FROM history WHERE plan_id = ? AND request_id = ? ORDER BY id DESC LIMIT 1",
                    (plan_id, request_id),
                ).fetchone()
                who = Text(N_(" by {actor}"), actor=last["actor"]) if last and last["actor"] else ""
                raise StaleWriteError(
                    N_(
                        "request {request} was changed{by} at {at} (now {state}, version {version}; you had version "
                        "{expected}): nothing was saved, reload and try again"
                    ),
                    current,
                    request=request_id,
                    by=who,
                    at=last["at"] if last else "?",
                    state=current.state,
                    version=current.version,
                    expected=expected_version,
                )
            dates = {
                "submitted_date": current.submitted_date,
                "ported_date": current.ported_date,
                "rejected_date": current.rejected_date,
            }
            if carrier is None and new_state in (lc.SUBMITTED, "submitted"):
                carrier = current.carrier or self._default_carrier(conn, plan_id)
            change = lc.validate(
                current.state,
                new_state,
                date=date,
                dates=dates,
                carrier=carrier,
                reference=reference,
                reason_code=reason_code,
                reason_text=reason_text,
            )
            if changes:
                lc.check_fields(change.new_state, ["changes"])
            snapshot_id = self._record_sent(conn, plan_id, request_id, change, current, changes, now)
            sets = {"state": change.new_state, "updated_at": now, lc.DATE_COLUMN[change.new_state]: _iso(change.date)}
            if change.new_state in (lc.SUBMITTED, lc.RESUBMITTED):
                sets["carrier"] = change.carrier or current.carrier
                sets["reference"] = change.reference or current.reference
            elif change.reference:
                sets["reference"] = change.reference  # carriers often issue a new reference with the FOC
            if change.new_state == lc.REJECTED:
                sets["reason_code"], sets["reason_text"] = change.reason_code, change.reason_text
            assignments = ", ".join(f"{col} = ?" for col in sets)
            cur = conn.execute(
                f"UPDATE requests SET {assignments}, version = version + 1 "
                "WHERE plan_id = ? AND request_id = ? AND version = ?",
                (*sets.values(), plan_id, request_id, expected_version),
            )
            if cur.rowcount != 1:  # cannot happen under BEGIN IMMEDIATE; kept as the last line of defence
                raise StaleWriteError(
                    N_("request {request} changed while saving; reload and try again"), request=request_id
                )
            store.test_pause()
            conn.execute(
                "INSERT INTO history (plan_id, request_id, at, actor, from_state, to_state, event_date, "
                "carrier, reference, reason_code, reason_text, comment, version, snapshot_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    plan_id,
                    request_id,
                    now,
                    actor.strip(),
                    current.state,
                    change.new_state,
                    _iso(change.date),
                    sets.get("carrier", change.carrier),
                    sets.get("reference", change.reference),
                    change.reason_code,
                    change.reason_text,
                    comment.strip(),
                    expected_version + 1,
                    snapshot_id,
                ),
            )
            return self._request(conn, plan_id, request_id)

    def plan_carrier(self, plan_id: int) -> str:
        """The gaining carrier named in the plan's saved settings ("" when none): the form's default."""
        with self._conn() as conn:
            return self._default_carrier(conn, plan_id)

    def _default_carrier(self, conn: sqlite3.Connection, plan_id: int) -> str:
        row = conn.execute(
            "SELECT json_extract(plan_json, '$.settings.carrier.name') AS c FROM plans WHERE id = ?", (plan_id,)
        ).fetchone()
        return (row["c"] or "") if row else ""

    def _record_sent(
        self,
        conn: sqlite3.Connection,
        plan_id: int,
        request_id: str,
        change: lc.Change,
        current: RequestStatus,
        changes: dict[str, Any] | None,
        now: str,
    ) -> int | None:
        """Submitting or resubmitting stores what was sent: the latest values plus carrier and reference."""
        if change.new_state not in (lc.SUBMITTED, lc.RESUBMITTED):
            return None
        latest = self._snapshots(conn, plan_id, request_id)[-1].data
        values = snap.apply_changes(latest, changes)
        values["gaining_carrier"] = change.carrier or current.carrier
        values["carrier_reference"] = change.reference or current.reference
        values["sent_date"] = _iso(change.date)
        return _inserted_id(
            conn.execute(
                "INSERT INTO snapshots (plan_id, request_id, kind, sent_date, created_at, data_json) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (plan_id, request_id, change.new_state, _iso(change.date), now, snap.dumps(values)),
            )
        )

    # ------------------------------------------------------------------ history and snapshots

    def history(self, plan_id: int, request_id: str) -> list[HistoryEntry]:
        with self._conn() as conn:
            self._request(conn, plan_id, request_id)
            rows = conn.execute(
                "SELECT * FROM history WHERE plan_id = ? AND request_id = ? ORDER BY id", (plan_id, request_id)
            ).fetchall()
        return [
            HistoryEntry(
                r["at"],
                r["actor"],
                r["from_state"],
                r["to_state"],
                _date(r["event_date"]),
                r["carrier"],
                r["reference"],
                r["reason_code"],
                r["reason_text"],
                r["comment"],
                int(r["version"]),
            )
            for r in rows
        ]

    def snapshots(self, plan_id: int, request_id: str) -> list[Snapshot]:
        """The planned values, then every submission and resubmission, oldest first."""
        with self._conn() as conn:
            self._request(conn, plan_id, request_id)
            return self._snapshots(conn, plan_id, request_id)

    @staticmethod
    def _snapshots(conn: sqlite3.Connection, plan_id: int, request_id: str) -> list[Snapshot]:
        rows = conn.execute(
            "SELECT * FROM snapshots WHERE plan_id = ? AND request_id = ? ORDER BY id", (plan_id, request_id)
        ).fetchall()
        return [Snapshot(r["kind"], _date(r["sent_date"]), r["created_at"], json.loads(r["data_json"])) for r in rows]

    # ------------------------------------------------------------------ dates, costs, bundle

    def actual_dates(self, plan_id: int) -> dict[str, dict[str, dt.date | None]]:
        """request id -> {submitted, foc, ported, removed, rejected, cancelled} dates recorded so far."""
        return {
            s.request_id: {
                "submitted": s.submitted_date,
                "foc": s.foc_date,
                "ported": s.ported_date,
                "removed": s.removed_date,
                "rejected": s.rejected_date,
                "cancelled": s.cancelled_date,
            }
            for s in self.requests(plan_id)
        }

    def ported_not_removed(self) -> list[RequestStatus]:
        with self._conn() as conn:
            rows = conn.execute(
                self._REQUEST_SQL + "WHERE r.state = ? ORDER BY r.ported_date, r.plan_id", (lc.PORTED,)
            ).fetchall()
        return [self._status(r) for r in rows]

    def removal_checklist(self, today: dt.date | None = None) -> pd.DataFrame:
        """Requests ported but not removed, most expensive first (see costs_link.removal_checklist)."""
        from portout.tracker.actual_costs import removal_checklist

        return removal_checklist(self, today)

    def planned_vs_actual(self, plan_id: int, today: dt.date | None = None) -> pd.DataFrame:
        from portout.tracker.actual_costs import planned_vs_actual

        return planned_vs_actual(self, plan_id, today)

    def support_bundle(self, plan_id: int, request_id: str, lang: str = "en") -> bytes:
        """The rejection support bundle (ZIP) for a request that has been rejected at least once; the
        message to Genesys support in `lang`."""
        from portout.tracker.bundle import build_bundle

        return build_bundle(self, plan_id, request_id, lang)
