"""The address checks work on areas and requests, not on numbers: their findings must be the ones a plain
per-number loop over phonenumbers' own geocoder gives, on the sample and on a generated messy inventory."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict

import numpy as np
import phonenumbers
import pytest

from messy_support import messy_inventory, messy_settings
from paths import SAMPLES
from portout.inventory.reader import read_inventory
from portout.plan.model import Plan
from portout.plan.planner import build_plan
from portout.plan.plausibility import AREA_MATCH, _area_names, _places, address_warnings, area_check
from portout.settings import load_settings


def _straightforward(plan: Plan) -> set[tuple]:
    """(code, request, numbers, place, score) of every address finding, number by number."""
    by_id = {r.id: r for r in plan.requests}
    groups: dict[tuple, list[str]] = defaultdict(list)
    first_region: dict[tuple, str] = {}
    n = plan.numbers
    for number, rid, country, category, source in zip(
        n["number"], n["request_id"], n["country"], n["category"], n["address_source"]
    ):
        addr = by_id[rid].service_address
        other_country = bool(addr.country) and addr.country.upper() != country
        on_bill_to = source in ("ship_to", "partner") and category != "geographic"
        if other_country:
            key = ("non_local_address" if on_bill_to else "address_country_mismatch", rid, None)
        elif category == "geographic":
            key = ("address_area_mismatch", rid, _places(number))
        else:
            continue
        groups[key].append(number)
        first_region.setdefault(key, country)
    found = set()
    for (code, rid, places), numbers in groups.items():
        place = score = None
        if code == "address_area_mismatch":
            addr = by_id[rid].service_address
            check = area_check(places, first_region[(code, rid, places)], addr.city, addr.state, addr.one_line())
            if check.score >= AREA_MATCH:
                continue
            place, score = check.place, check.score
        found.add((code, rid, tuple(sorted(numbers)), place, score))
    return found


def _fast(plan: Plan) -> set[tuple]:
    return {
        (w.code, w.request_ids[0], tuple(w.numbers), w.params.get("place"), w.params.get("score"))
        for w in address_warnings(plan.requests, plan.numbers)
    }


@pytest.fixture(scope="module", params=["sample", "sample_de", "messy", "messy_by_country"])
def plan(request) -> Plan:
    if request.param.startswith("sample"):
        name = "inventory.csv" if request.param == "sample" else "inventory_de.csv"
        return build_plan(read_inventory(SAMPLES / name), load_settings(SAMPLES / "org.toml"))
    settings = messy_settings(split_by_country=request.param == "messy_by_country")
    return build_plan(read_inventory(messy_inventory(2500, seed=11), name="messy.csv"), settings)


def test_findings_equal_the_per_number_loop(plan: Plan) -> None:
    fast = _fast(plan)
    assert fast == _straightforward(plan)
    # The planner hands its integer values over (leading digits by division): the same findings.
    codes = {"address_area_mismatch", "address_country_mismatch", "non_local_address"}
    own = {
        (w.code, w.request_ids[0], tuple(w.numbers), w.params.get("place"), w.params.get("score"))
        for w in plan.warnings
        if w.code in codes
    }
    assert own == fast
    if plan.source_name == "messy.csv":  # the messy inventory must exercise every kind of finding
        assert {code for code, *_ in fast} == {
            "address_area_mismatch",
            "address_country_mismatch",
            "non_local_address",
        }


def test_area_names_equal_the_geocoder_for_many_prefixes_and_mobile_token_countries() -> None:
    numbers, regions = [], []
    for region in ("US", "DE", "GB", "AR", "MX", "BR", "IN", "CN"):
        for kind in (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.MOBILE):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            base = int(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)[1:])
            for step in range(0, 40_000_000, 1_234_567):
                text = f"+{base + step}"
                if phonenumbers.is_valid_number(phonenumbers.parse(text)):
                    numbers.append(text)
                    regions.append(phonenumbers.region_code_for_number(phonenumbers.parse(text)))
    assert len(numbers) > 200
    fast = _area_names(np.asarray(numbers, dtype=object), np.asarray(regions, dtype=object))
    assert fast == [_places(n) for n in numbers]


def test_planning_imports_no_geocoding_data_until_a_geographic_number_is_checked() -> None:
    code = "import sys, portout, portout.plan.planner, portout.cli.main\nprint('phonenumbers.geodata' in sys.modules)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
