"""`classify_inventory` + `build_plan(classified=...)` (what the dashboard does on a settings change) gives
the plan `build_plan` alone gives, on the sample and on a generated messy inventory, under other settings."""

from __future__ import annotations

import dataclasses

import pytest

from messy_support import messy_inventory, messy_settings
from paths import SAMPLES
from portout.inventory.reader import read_inventory
from portout.plan.model import Plan
from portout.plan.planner import build_plan, classify_inventory
from portout.settings import load_settings


def _same(a: Plan, b: Plan) -> None:
    assert a.to_dict() == b.to_dict()
    assert a.numbers.equals(b.numbers)
    assert a.staying.equals(b.staying)


def _cases():
    sample = read_inventory(SAMPLES / "inventory.csv")
    org = load_settings(SAMPLES / "org.toml")
    yield (
        "sample",
        sample,
        [org, dataclasses.replace(org, carrier=dataclasses.replace(org.carrier, max_numbers_per_request=3))],
    )
    messy = read_inventory(messy_inventory(2000, seed=5), name="messy.csv")
    yield (
        "messy",
        messy,
        [
            messy_settings(),
            messy_settings(max_numbers_per_request=7, split_by_country=False, toll_free_separate=False),
            dataclasses.replace(messy_settings(), locations={}),
        ],
    )


@pytest.mark.parametrize("name, inventory, variants", list(_cases()), ids=["sample", "messy"])
def test_a_kept_classification_plans_exactly_like_a_fresh_one(name, inventory, variants) -> None:
    classified = classify_inventory(inventory, variants[0].default_country)
    before = classified.items.copy()
    for settings in variants:  # one classification reused under every settings variant
        _same(build_plan(inventory, settings, classified=classified), build_plan(inventory, settings))
    assert classified.items.equals(before), "build_plan must not change the kept stage"


def test_a_classification_for_another_default_country_is_refused() -> None:
    inventory = read_inventory(messy_inventory(50), name="messy.csv")
    classified = classify_inventory(inventory, "US")
    with pytest.raises(ValueError, match="default country"):
        build_plan(inventory, messy_settings(), classified=classified)  # the messy settings say DE


def test_integer_keys_find_the_same_distinct_numbers_as_the_strings() -> None:
    import pandas as pd
    import pyarrow as pa

    from portout.inventory.number_types import classify_e164
    from portout.plan.planner import _as_int, _exact_keys

    sample = read_inventory(SAMPLES / "inventory.csv").frame["number"].tolist()
    tricky = ["+13175550100", "+013175550100", "+0013175550100", "+0", "+00", "+000", "+10", "+100", "+1"]
    tricky += ["+999999999999999", "+375801234567", "+4930901820", "+04930901820", "+13175550100"]
    numbers = pd.Series([n for n in sample + tricky if n.startswith("+") and n[1:].isdigit()] * 2, dtype="str")
    keys = _exact_keys(numbers, _as_int(pa.array(numbers)))
    assert len(set(keys.tolist())) == numbers.nunique()
    assert pd.Series(keys).duplicated().tolist() == numbers.duplicated().tolist()
    pd.testing.assert_frame_equal(classify_e164(numbers, keys=keys), classify_e164(numbers))


@pytest.mark.parametrize("settings", [messy_settings(), dataclasses.replace(messy_settings(), locations={})])
def test_addresses_per_distinct_source_equal_addresses_per_row(settings) -> None:
    from portout.plan.planner import _address_ids, _factorize_rows, _row_addresses

    frame = read_inventory(messy_inventory(3000, seed=9), name="messy.csv").frame
    ids, table = _address_ids(frame, settings)
    direct_ids, direct_table = _factorize_rows(_row_addresses(frame, settings))
    assert ids.tolist() == direct_ids.tolist()
    assert table.astype(object).values.tolist() == direct_table.astype(object).values.tolist()
    assert len(table) > 10  # places, missing countries, one-line and location addresses, none


def test_fast_e164_on_the_dirty_cells_only_equals_cleaning_every_cell() -> None:
    import pandas as pd

    from portout.inventory import numbers as nm

    def every_cell(cells: pd.Series) -> pd.Series:  # the straightforward form: clean and check every cell
        cleaned = cells.str.replace(nm._TRUNK_ZERO, "", regex=True).str.replace(nm._PUNCT, "", regex=True)
        plain = cleaned.str.fullmatch(nm._FAST, na=False)
        tail = cells.str.extract(nm._BLOCK_TAIL)
        block = (tail[0].str.len() == tail[1].str.len()) & (cells.str.count(r"[-\u2010-\u2012\u2212]") == 1)
        risky = block.fillna(False).astype(bool) | cells.str.contains("..", regex=False).fillna(False)
        return cleaned.where(plain & ~risky, "").fillna("")

    columns = [read_inventory(messy_inventory(3000, seed=s), name="m.csv").frame["number"] for s in (1, 2)]
    columns.append(read_inventory(SAMPLES / "inventory_de.csv").frame["number"])
    columns.append(
        pd.Series(["+1 (317) 555-0100", "+49 30 901850 10-19", "+4930..5", "+49 (0)30 1234", ""], dtype="str")
    )
    for cells in columns:
        assert nm.fast_e164(cells).fillna("").tolist() == every_cell(cells).tolist()
