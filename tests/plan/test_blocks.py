"""Decimal blocks are never cut by the size cap; each request lists the blocks it carries; a block only
partly in the plan, or spread over requests, is a warning on the requests concerned."""

from __future__ import annotations

import numpy as np

from org_support import inventory_of, org_settings
from portout.plan.blocks import atom_starts, block_label, cut_points
from portout.plan.planner import build_plan

HEADER = ["number", "provider", "street1", "city", "postal_code", "country"]
BERLIN = ["Friedrichstraße 123", "Berlin", "10117", "DE"]
BERLIN_2 = ["Unter den Linden 1", "Berlin", "10117", "DE"]


def plan_of(rows: list[list[str]], cap: int):
    settings = org_settings("DE", carrier={"max_numbers_per_request": cap})
    return build_plan(inventory_of(HEADER, rows, name="t.csv"), settings)


def berlin(first: int, last: int, address=BERLIN, provider="") -> list[list[str]]:
    return [[f"+4930901850{n:02d}", provider, *address] for n in range(first, last + 1)]


def test_cut_points_fall_on_block_boundaries() -> None:
    values = np.arange(4930901850000, 4930901850030, dtype=np.int64)
    atoms = atom_starts(values, 15)
    assert cut_points(atoms, 15) == [(0, 10), (10, 20), (20, 30)]
    # Three loose numbers before a block: the block is not cut to fill the first request.
    values = np.concatenate([[4930901849001, 4930901849005, 4930901849007], np.arange(4930901850010, 4930901850020)])
    # A cap below the block size: no atom, the cap fills requests.
    assert cut_points(atom_starts(values, 8), 8) == [(0, 8), (8, 13)]
    assert cut_points(atom_starts(values, 12), 12) == [(0, 3), (3, 13)]


def test_a_block_larger_than_the_cap_is_cut_on_its_sub_blocks() -> None:
    values = np.arange(4930901850000, 4930901851000, dtype=np.int64)  # one 1,000 block
    assert cut_points(atom_starts(values, 250), 250) == [(0, 200), (200, 400), (400, 600), (600, 800), (800, 1000)]


def test_size_cap_never_cuts_a_block_and_each_request_lists_its_blocks() -> None:
    # 5 loose numbers, then the blocks 10–19 and 20–29 of 030 901850: cap 12.
    rows = berlin(1, 5) + berlin(10, 29)
    plan = plan_of(rows, cap=12)
    sizes = [r.size for r in plan.requests]
    assert sizes == [5, 10, 10]
    for r in plan.requests:
        assert r.size <= 12
    labelled = [[(b["label"], b["first"], b["last"], b["count"]) for b in r.blocks] for r in plan.requests]
    assert labelled == [
        [],
        [("+49 30 901850 10–19", "+493090185010", "+493090185019", 10)],
        [("+49 30 901850 20–29", "+493090185020", "+493090185029", 10)],
    ]
    data = plan.to_dict()
    assert data["requests"][1]["blocks"][0]["label"] == "+49 30 901850 10–19"


def test_without_blocks_the_cap_fills_requests() -> None:
    rows = [[f"+49309018{n:04d}", "", *BERLIN] for n in range(1, 40, 2)]  # odd numbers only: no block
    plan = plan_of(rows, cap=7)
    assert [r.size for r in plan.requests] == [7, 7, 6]


def test_block_partly_in_the_plan_is_a_warning() -> None:
    rows = berlin(10, 14) + berlin(15, 15, provider="PURE_CLOUD") + berlin(16, 19) + berlin(40, 45)
    plan = plan_of(rows, cap=100)
    found = [w for w in plan.warnings if w.code == "block_partly_planned"]
    assert len(found) == 1
    w = found[0]
    assert w.numbers == ["+493090185015"] and w.request_ids == [plan.requests[0].id]
    assert "+49 30 901850 10–19" in w.message and "9 leave" in w.message and "not_genesys_voice" in w.message


def test_block_spread_over_two_addresses_is_a_warning_on_both_requests() -> None:
    rows = berlin(10, 14) + berlin(15, 19, address=BERLIN_2)
    plan = plan_of(rows, cap=100)
    (w,) = [w for w in plan.warnings if w.code == "block_split_across_requests"]
    assert sorted(w.request_ids) == sorted(r.id for r in plan.requests) and len(w.request_ids) == 2
    assert len(w.numbers) == 10 and "+49 30 901850 10–19" in w.message


def test_block_label_forms() -> None:
    assert block_label("+493090185000", "+493090185099", 2) == "+49 30 901850 00–99"
    assert block_label("+13175550100", "+13175550109", 1).endswith(" 00–09")
