"""Request lifecycle: allowed and refused transitions, required details, history, snapshots, versions,
and a tracker that reopens after a restart with everything it had."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from portout.errors import PortoutError
from portout.tracker import (
    REASON_CODES,
    STATES,
    TRANSITIONS,
    StaleWriteError,
    Tracker,
    TransitionError,
    UnknownPlanError,
)
from portout.tracker import lifecycle as lc
from tracker_support import austin_id, make_plan

D = dt.date(2026, 3, 2)


@pytest.mark.parametrize(
    "current,new", [(a, b) for a, b in itertools.product(STATES, STATES) if b not in TRANSITIONS[a]]
)
def test_every_impossible_transition_is_refused_naming_the_allowed_ones(current: str, new: str) -> None:
    with pytest.raises(TransitionError) as err:
        lc.validate(current, new, date=D, dates={}, carrier="X", reason_code="OTHER", reason_text="t")
    message = str(err.value)
    assert f"cannot move a {current} request to {new}" in message
    if TRANSITIONS[current]:
        assert all(s in message for s in TRANSITIONS[current])
    else:
        assert "final" in message


def test_required_details_and_date_order() -> None:
    with pytest.raises(TransitionError, match="needs the date"):
        lc.validate("draft", "submitted", date=None, dates={}, carrier="X")
    with pytest.raises(TransitionError, match="gaining carrier"):
        lc.validate("draft", "submitted", date=D, dates={}, carrier="")
    with pytest.raises(TransitionError, match="needs a reason"):
        lc.validate("submitted", "rejected", date=D, dates={})
    with pytest.raises(TransitionError, match="OTHER needs"):
        lc.validate("submitted", "rejected", date=D, dates={}, reason_code="other")
    with pytest.raises(TransitionError, match="unknown rejection reason code"):
        lc.validate("submitted", "rejected", date=D, dates={}, reason_code="BAD_CODE")
    with pytest.raises(TransitionError, match="before the port date"):
        lc.validate("ported", "removed", date=D, dates={"ported_date": D + dt.timedelta(days=1)})
    with pytest.raises(TransitionError, match="not a date"):
        lc.validate("ported", "removed", date="03/02/2026", dates={})
    with pytest.raises(TransitionError, match="unknown status"):
        lc.validate("draft", "sent", date=D, dates={})
    change = lc.validate("submitted", "rejected", date="2026-03-02", dates={}, reason_code="location-mismatch")
    assert change.reason_code == "LOCATION_MISMATCH" and change.date == D
    assert lc.validate("draft", "Canceled", date=D, dates={}).new_state == "cancelled"
    assert set(REASON_CODES) >= {"ACCOUNT_NUMBER_MISMATCH", "FOC_REJECTED", "OTHER"}


@pytest.mark.parametrize(
    "current,new,fields,named",
    [
        ("draft", "submitted", {"reason_code": "LOCATION_MISMATCH"}, "a rejection reason"),
        ("draft", "submitted", {"reason_text": "wrong zip"}, "rejection details"),
        ("submitted", "ported", {"carrier": "Northwind"}, "a gaining carrier"),
        ("submitted", "ported", {"reference": "NW-1"}, "a carrier reference"),
        ("submitted", "rejected", {"reason_code": "OTHER", "reason_text": "x", "carrier": "N"}, "a gaining carrier"),
        ("ported", "removed", {"reason_text": "x"}, "rejection details"),
        ("submitted", "cancelled", {"reference": "NW-1"}, "a carrier reference"),
    ],
)
def test_fields_that_do_not_belong_to_the_change_are_refused(
    current: str, new: str, fields: dict[str, str], named: str
) -> None:
    with pytest.raises(TransitionError) as err:
        lc.validate(current, new, date=D, dates={}, **({"carrier": "X"} if new == "submitted" else {}) | fields)
    assert f"{new} does not take {named}" in str(err.value) and "nothing was saved" in str(err.value)


def test_refused_fields_leave_the_request_and_history_untouched(tmp_path: Path) -> None:
    plan = make_plan(tmp_path)
    tracker = Tracker(tmp_path / "t.db")
    pid = tracker.save_plan(plan)
    rid = austin_id(plan)
    with pytest.raises(TransitionError, match="submitted does not take a rejection reason"):
        tracker.transition(pid, rid, "submitted", date=D, expected_version=1, reason_code="LOCATION_MISMATCH")
    with pytest.raises(TransitionError, match="corrected LOA values"):
        tracker.transition(pid, rid, "submitted", date=D, expected_version=1, changes={"btn": "+15125550000"})
    assert tracker.request(pid, rid).version == 1 and len(tracker.history(pid, rid)) == 1
    # The reference may come with an FOC confirmation, the gaining carrier defaults from the plan's settings.
    s = tracker.transition(pid, rid, "submitted", date=D, expected_version=1)
    assert s.carrier == plan.settings.carrier.name
    s = tracker.transition(pid, rid, "foc_confirmed", date=D, expected_version=s.version, reference="FOC-2")
    assert s.reference == "FOC-2"


def test_two_requests_recorded_in_turn_keep_their_own_values(tmp_path: Path) -> None:
    plan = make_plan(tmp_path)
    tracker = Tracker(tmp_path / "t.db")
    pid = tracker.save_plan(plan)
    first, second = (r.id for r in plan.requests)
    a = tracker.transition(pid, first, "submitted", date=D, expected_version=1, carrier="Acme", reference="A-1")
    tracker.transition(pid, first, "rejected", date=D, expected_version=a.version, reason_code="LOCATION_MISMATCH")
    b = tracker.transition(pid, second, "submitted", date=D, expected_version=1, carrier="Bolt", reference="B-7")
    tracker.transition(pid, second, "ported", date=D, expected_version=b.version, actor="kim")
    h1, h2 = tracker.history(pid, first), tracker.history(pid, second)
    assert [(h.to_state, h.carrier, h.reference, h.reason_code) for h in h1[1:]] == [
        ("submitted", "Acme", "A-1", ""),
        ("rejected", "", "", "LOCATION_MISMATCH"),
    ]
    assert [(h.to_state, h.carrier, h.reference, h.reason_code, h.actor) for h in h2[1:]] == [
        ("submitted", "Bolt", "B-7", "", ""),
        ("ported", "", "", "", "kim"),
    ]


def test_full_path_to_removal_with_history(tmp_path: Path) -> None:
    plan = make_plan(tmp_path)
    tracker = Tracker(tmp_path / "t.db")
    pid = tracker.save_plan(plan, name="spring")
    rid = austin_id(plan)
    s = tracker.request(pid, rid)
    assert (s.state, s.version, s.numbers) == ("draft", 1, 7)
    steps = [
        ("submitted", "2026-03-02", {"reference": "NW-77"}),
        ("foc_confirmed", "2026-03-09", {}),
        ("foc_confirmed", "2026-03-11", {"comment": "FOC moved"}),
        ("ported", "2026-03-11", {}),
        ("removed", "2026-03-12", {"comment": "removed in Number Management"}),
    ]
    for state, day, extra in steps:
        s = tracker.transition(pid, rid, state, date=day, expected_version=s.version, actor="dana", **extra)
    assert s.state == "removed" and s.version == 6 and s.allowed_next == ()
    assert s.carrier == "Northwind Telecom"  # default from the plan's carrier.name
    assert s.reference == "NW-77"
    assert (s.submitted_date, s.foc_date, s.ported_date, s.removed_date) == (
        D,
        dt.date(2026, 3, 11),
        dt.date(2026, 3, 11),
        dt.date(2026, 3, 12),
    )
    hist = tracker.history(pid, rid)
    assert [h.to_state for h in hist] == ["draft", "submitted", "foc_confirmed", "foc_confirmed", "ported", "removed"]
    assert [h.version for h in hist] == [1, 2, 3, 4, 5, 6]
    assert hist[3].comment == "FOC moved" and hist[-1].actor == "dana"
    assert all(h.at.endswith("+00:00") for h in hist)
    with pytest.raises(TransitionError, match="removed is final"):
        tracker.transition(pid, rid, "cancelled", date=D, expected_version=6)
    assert tracker.actual_dates(pid)[rid]["removed"] == dt.date(2026, 3, 12)
    assert tracker.list_plans()[0].states == {"draft": 1, "removed": 1}


def test_rejection_and_resubmission_keep_what_was_sent(tmp_path: Path) -> None:
    plan = make_plan(tmp_path)
    tracker = Tracker(tmp_path / "t.db")
    pid = tracker.save_plan(plan)
    rid = austin_id(plan)
    s = tracker.transition(pid, rid, "submitted", date=D, expected_version=1, carrier="Other Carrier", reference="R1")
    s = tracker.transition(
        pid,
        rid,
        "rejected",
        date="2026-03-04",
        expected_version=s.version,
        reason_code="LOCATION_MISMATCH",
        reason_text="Suite vs Ste",
    )
    assert (s.reason_code, s.reason_text, s.allowed_next) == (
        "LOCATION_MISMATCH",
        "Suite vs Ste",
        ("resubmitted", "cancelled"),
    )
    with pytest.raises(TransitionError, match="unknown field"):
        tracker.transition(
            pid,
            rid,
            "resubmitted",
            date="2026-03-05",
            expected_version=s.version,
            changes={"service_adress.street2": "Ste 1900"},
        )
    s = tracker.transition(
        pid,
        rid,
        "resubmitted",
        date="2026-03-05",
        expected_version=s.version,
        changes={"service_address.street2": "Ste 1900"},
        reference="R2",
    )
    snaps = tracker.snapshots(pid, rid)
    assert [x.kind for x in snaps] == ["planned", "submitted", "resubmitted"]
    assert snaps[1].data["service_address"]["street2"] == "-Suite 1900"
    assert snaps[2].data["service_address"]["street2"] == "Ste 1900"
    assert snaps[1].data["gaining_carrier"] == snaps[2].data["gaining_carrier"] == "Other Carrier"
    assert (snaps[1].data["carrier_reference"], snaps[2].data["carrier_reference"]) == ("R1", "R2")
    assert snaps[2].data["numbers"] == plan.request(rid).numbers
    assert snaps[2].data["account_number"] == "abcd5678" and snaps[2].data["authorized_name"] == "Dana Whitfield"
    assert s.service_address.startswith("500 W 2nd Street, Ste 1900")
    # The planned values never change: the saved plan is the plan as built.
    assert (
        tracker.get_plan(pid).data["requests"][[r.id for r in plan.requests].index(rid)]["service_address"]["street2"]
        == "-Suite 1900"
    )
    with pytest.raises(TransitionError, match="ported does not take corrected LOA values"):
        tracker.transition(
            pid, rid, "ported", date="2026-03-09", expected_version=s.version, changes={"btn": "+15125553101"}
        )


def test_stale_version_is_refused_and_nothing_written(tmp_path: Path) -> None:
    plan = make_plan(tmp_path)
    tracker = Tracker(tmp_path / "t.db")
    pid = tracker.save_plan(plan)
    rid = austin_id(plan)
    seen_by_a = tracker.request(pid, rid)
    seen_by_b = tracker.request(pid, rid)
    tracker.transition(pid, rid, "submitted", date=D, expected_version=seen_by_a.version, actor="alice")
    with pytest.raises(StaleWriteError, match="changed by alice") as err:
        tracker.transition(pid, rid, "cancelled", date=D, expected_version=seen_by_b.version, actor="bob")
    assert isinstance(err.value, PortoutError) and err.value.current.state == "submitted"
    assert tracker.request(pid, rid).state == "submitted"
    assert [h.actor for h in tracker.history(pid, rid)] == ["", "alice"]


def test_unknown_plan_and_request(tmp_path: Path) -> None:
    tracker = Tracker(tmp_path / "t.db")
    with pytest.raises(UnknownPlanError, match="no saved plan 9"):
        tracker.requests(9)
    pid = tracker.save_plan(make_plan(tmp_path))
    with pytest.raises(UnknownPlanError, match="has no request 'PR-NOPE'"):
        tracker.history(pid, "PR-NOPE")


def test_reopening_after_restart_restores_plans_and_states(tmp_path: Path) -> None:
    plan = make_plan(tmp_path)
    db = tmp_path / "t.db"
    first = Tracker(db)
    pid = first.save_plan(plan, name="before restart")
    rid = austin_id(plan)
    first.transition(pid, rid, "submitted", date=D, expected_version=1)
    del first
    again = Tracker(db)  # a new process would do exactly this: open by path, migrations are idempotent
    assert [(p.id, p.name) for p in again.list_plans()] == [(pid, "before restart")]
    assert again.request(pid, rid).state == "submitted"
    saved = again.get_plan(pid)
    assert saved.data == plan.to_dict() | {"settings": saved.data["settings"]}
    assert saved.plan.settings == plan.settings
    assert [r.to_dict() for r in saved.plan.requests] == [r.to_dict() for r in plan.requests]
    assert saved.plan.numbers.astype(str).equals(plan.numbers.astype(str))
    assert saved.plan.summary == plan.summary
