"""A tracker save stores exactly what the straightforward code stored: the numbers blob, the plan JSON and
one request, snapshot and history row per request, each history row pointing at its own snapshot."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import zlib

import numpy as np
import pandas as pd
import pytest

from messy_support import messy_inventory, messy_settings
from paths import SAMPLES
from portout.inventory.reader import read_inventory
from portout.plan.model import Plan
from portout.plan.planner import build_plan
from portout.settings import load_settings
from portout.tracker import Tracker
from portout.tracker import snapshot as snap


def _reference_pack(frame: pd.DataFrame) -> bytes:
    """pandas' to_dict(orient='split') path, as pack_numbers was first written."""
    records = frame.astype(object).where(frame.notna(), None).to_dict(orient="split", index=False)
    return zlib.compress(snap.dumps(records).encode("utf-8"), 6)


def _reference_request_dict(request) -> dict:
    data = dataclasses.asdict(request)
    data["service_address"] = dataclasses.asdict(request.service_address)
    data["service_address_line"] = request.service_address.one_line()
    data["size"] = request.size
    return data


@pytest.fixture(scope="module", params=["sample", "messy"])
def plan(request) -> Plan:
    if request.param == "sample":
        return build_plan(read_inventory(SAMPLES / "inventory.csv"), load_settings(SAMPLES / "org.toml"))
    return build_plan(read_inventory(messy_inventory(), name="messy.csv"), messy_settings())


def test_numbers_blob_is_byte_for_byte_the_straightforward_one(plan: Plan) -> None:
    assert len(plan.numbers) > 100
    assert snap.pack_numbers(plan.numbers) == _reference_pack(plan.numbers)
    back = snap.unpack_numbers(snap.pack_numbers(plan.numbers))
    assert back["number"].tolist() == plan.numbers["number"].tolist()
    assert back["row"].tolist() == plan.numbers["row"].tolist()


def test_numbers_blob_keeps_missing_values_and_numpy_types() -> None:
    frame = pd.DataFrame(
        {
            "number": pd.Series(["+13175550100", None, "+4930901850"], dtype="str"),
            "row": np.array([1, 2, 3], dtype=np.int64),
            "flag": [True, False, True],
            "charge": [1.5, np.nan, 2.0],
            "obj": pd.Series(["a", pd.NA, "c"], dtype=object),
        }
    )
    assert snap.pack_numbers(frame) == _reference_pack(frame)
    assert snap.pack_numbers(frame.iloc[:0]) == _reference_pack(frame.iloc[:0])


def test_request_and_warning_dicts_equal_dataclasses_asdict(plan: Plan) -> None:
    assert plan.requests
    for request in plan.requests:
        fast = request.to_dict()
        assert fast == _reference_request_dict(request)
        assert fast["numbers"] is not request.numbers  # a copy: editing the dict leaves the plan alone
    assert plan.warnings
    for warning in plan.warnings:
        assert warning.to_dict() == dataclasses.asdict(warning)


def test_saved_rows_point_at_their_own_snapshots(plan: Plan, tmp_path) -> None:
    tracker = Tracker(tmp_path / "t.sqlite3")
    first = tracker.save_plan(plan, name="one", actor="dana")
    second = tracker.save_plan(plan, name="two", actor="dana")
    conn = sqlite3.connect(tmp_path / "t.sqlite3")
    for plan_id in (first, second):
        positions = conn.execute(
            "SELECT request_id, position FROM requests WHERE plan_id = ? ORDER BY position", (plan_id,)
        ).fetchall()
        assert [r for r, _ in positions] == [r.id for r in plan.requests]
        rows = conn.execute(
            "SELECT h.request_id, s.request_id, s.data_json, h.actor, h.to_state FROM history h "
            "JOIN snapshots s ON s.id = h.snapshot_id WHERE h.plan_id = ? ORDER BY h.id",
            (plan_id,),
        ).fetchall()
        assert [r[0] for r in rows] == [r.id for r in plan.requests]
        by_id = {r.id: r for r in plan.requests}
        settings = plan.to_dict()["settings"]
        for hist_rid, snap_rid, data_json, actor, to_state in rows:
            assert hist_rid == snap_rid and actor == "dana" and to_state == "draft"
            assert json.loads(data_json) == snap.loa_values(by_id[snap_rid].to_dict(), settings)
    statuses = tracker.requests(second)
    assert [s.numbers for s in statuses] == [r.size for r in plan.requests]
