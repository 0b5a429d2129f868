"""Two processes change the same request from the same version: one wins, the other gets
StaleWriteError, and nothing is silently overwritten."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from portout.tracker import Tracker
from tracker_support import austin_id, make_plan, race_worker


@pytest.mark.parametrize("round_", range(3))
def test_two_processes_same_version_one_is_refused(tmp_path: Path, round_: int) -> None:
    db = tmp_path / "t.db"
    tracker = Tracker(db)
    plan = make_plan(tmp_path)
    pid = tracker.save_plan(plan)
    rid = austin_id(plan)
    version = tracker.transition(pid, rid, "submitted", date="2026-03-02", expected_version=1).version

    ctx = multiprocessing.get_context("spawn")  # a fresh interpreter each, like two dashboard servers
    barrier = ctx.Barrier(2)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=race_worker, args=(str(db), pid, rid, version, state, barrier, results))
        for state in ("rejected", "cancelled")
    ]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0

    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["ok", "stale"], outcomes
    winner = next(detail for kind, detail in outcomes if kind == "ok")
    loser_message = next(detail for kind, detail in outcomes if kind == "stale")
    assert "nothing was saved" in loser_message and f"changed by {winner}" in loser_message
    status = tracker.request(pid, rid)
    assert status.state == winner and status.version == version + 1
    history = tracker.history(pid, rid)
    assert [h.to_state for h in history] == ["draft", "submitted", winner]
    assert history[-1].actor == winner
