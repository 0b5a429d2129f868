"""Scope (issue 12): a chosen subset plans exactly those numbers, the rest stays and is listed, excluded
rows keep their reasons, totals reconcile; port type full/partial with the BTN among the leaving numbers."""

from __future__ import annotations

import random

import pytest

from portout.errors import PortoutError
from portout.plan.planner import build_plan
from portout.plan.scope import Scope
from scope_support import HEADER, inventory, mixed_rows, settings


def reconcile(plan) -> None:
    s = plan.summary
    assert s["input_numbers"] == s["planned_numbers"] + s["staying_numbers"] + s["excluded_numbers"]
    assert s["input_rows"] == s["rows_planned"] + s["rows_staying"] + s["excluded_rows"]
    planned, staying = set(plan.numbers["number"]), set(plan.staying["number"])
    assert not planned & staying
    assert not staying & {e.number for e in plan.excluded if e.number}


def test_everything_in_scope_is_a_full_port() -> None:
    plan = build_plan(inventory(mixed_rows()), settings())
    reconcile(plan)
    assert plan.summary["staying_numbers"] == 0 and plan.to_dict()["staying"] == {
        "count": 0,
        "numbers": [],
        "details": [],
    }
    assert {r.port_type for r in plan.requests} == {"full"}
    assert all(r.numbers_staying == 0 and not r.btn_note for r in plan.requests)
    assert {e.reason for e in plan.excluded} == {"not_genesys_voice", "invalid_number"}


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (Scope.build(countries=["Deutschland"]), lambda n: n.startswith("+49")),
        (Scope.build(categories=["toll-free"]), lambda n: n == "+18005550100"),
        (Scope.build(addresses=["Denver Warehouse"]), lambda n: n.startswith("+1303")),
        (Scope.build(addresses=["1701 WYNKOOP STREET, 80202 Denver, US"]), lambda n: n.startswith("+1303")),
        (Scope.build(countries=["US"], categories=["geographic"]), lambda n: n.startswith(("+1317", "+1303"))),
    ],
)
def test_a_chosen_subset_plans_exactly_those_numbers(scope: Scope, expected) -> None:
    inv = inventory(mixed_rows())
    everything = build_plan(inv, settings(), scope=Scope())
    plan = build_plan(inv, settings(), scope=scope)
    reconcile(plan)
    portable = set(everything.numbers["number"])
    chosen = {n for n in portable if expected(n)}
    assert set(plan.numbers["number"]) == chosen
    assert set(plan.staying["number"]) == portable - chosen
    assert plan.to_dict()["staying"]["count"] == len(portable - chosen)
    assert set(plan.to_dict()["staying"]["numbers"]) == portable - chosen
    # excluded rows keep their reasons, they do not become "staying"
    assert [e.reason for e in plan.excluded] == [e.reason for e in everything.excluded]
    assert {r.port_type for r in plan.requests} == {"partial"}


def test_scope_by_request_uses_the_full_plans_ids() -> None:
    inv = inventory(mixed_rows())
    everything = build_plan(inv, settings(), scope=Scope())
    pick = random.Random(3).sample([r.id for r in everything.requests], 2)
    plan = build_plan(inv, settings(), scope=Scope.build(requests=pick))
    reconcile(plan)
    assert sorted(r.id for r in plan.requests) == sorted(pick)
    want = {n for r in everything.requests if r.id in pick for n in r.numbers}
    assert set(plan.numbers["number"]) == want


def test_port_column_yes_no_with_german_aliases() -> None:
    rows = mixed_rows()
    marks = ["ja", "Nein", "yes", "NO", "x", "n"] * 4
    rows = [r[:-1] + [m] for r, m in zip(rows, marks)]
    header = HEADER[:-1] + ["Portieren"]
    plan = build_plan(inventory(rows, header), settings())
    reconcile(plan)
    leaving = {r[0] for r, m in zip(rows, marks) if m.lower() in ("ja", "yes", "x")}
    staying = {r[0] for r, m in zip(rows, marks) if m.lower() in ("nein", "no", "n")}
    excluded = {"+13125550000", "not a number"}
    assert set(plan.numbers["number"]) == leaving - excluded
    assert set(plan.staying["number"]) == staying - excluded
    assert set(plan.staying["why"]) == {"port column says no"}
    # the column can be ignored
    assert (
        build_plan(inventory(rows, header), settings(scope={"use_port_column": False})).summary["staying_numbers"] == 0
    )


def test_unreadable_port_value_is_an_exclusion_and_blank_stays_with_a_warning() -> None:
    rows = mixed_rows()
    rows[0][-1] = "maybe"
    rows[1][-1] = ""
    plan = build_plan(inventory(rows), settings())
    reconcile(plan)
    bad = [e for e in plan.excluded if e.reason == "unknown_port_value"]
    assert [e.number for e in bad] == [rows[0][0]] and "maybe" in bad[0].message
    assert list(plan.staying["number"]) == [rows[1][0]]
    assert any(w.code == "port_column_blank" and rows[1][0] in w.numbers for w in plan.warnings)


def test_partial_port_says_what_stays_and_that_the_btn_leaves() -> None:
    rows = mixed_rows()
    rows[3][-1] = "no"  # one HQ number stays
    plan = build_plan(inventory(rows), settings())
    hq = next(r for r in plan.requests if r.service_address.city == "Indianapolis" and r.category == "geographic")
    assert hq.port_type == "partial" and hq.numbers_staying == 1
    assert hq.staying_at_address == [rows[3][0]]
    assert hq.btn in hq.numbers and rows[3][0] not in hq.numbers and hq.btn in hq.btn_note
    berlin = next(r for r in plan.requests if r.country == "DE")
    assert berlin.port_type == "partial" and berlin.staying_at_address == []
    data = plan.to_dict()["requests"][0]
    assert {"port_type", "numbers_staying", "staying_at_address", "btn_note"} <= set(data)


def test_unmatched_scope_entries_are_reported() -> None:
    plan = build_plan(inventory(mixed_rows()), settings(), scope=Scope.build(countries=["FR", "DE"]))
    assert any(w.code == "scope_unmatched" and "FR" in w.message for w in plan.warnings)
    with pytest.raises(PortoutError, match="unknown category"):
        Scope.build(categories=["premium"])


def test_settings_scope_is_the_default() -> None:
    plan = build_plan(inventory(mixed_rows()), settings(scope={"countries": ["DE"]}))
    assert set(plan.numbers["country"]) == {"DE"} and plan.scope_dict()["countries"] == ["DE"]
