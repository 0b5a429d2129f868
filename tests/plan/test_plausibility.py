"""Address plausibility on real places of DE, GB and US: country, area (geocoder vs city/state, fuzzy)
and local addresses for toll-free numbers, each reported on the request that holds the numbers."""

from __future__ import annotations

import io

import pytest

from org_support import inventory_of, org_settings
from portout.plan.planner import build_plan
from portout.plan.plausibility import area_check

HEADER = ["number", "street1", "city", "state", "postal_code", "country"]
BERLIN = ["Friedrichstraße 123", "Berlin", "", "10117", "DE"]
MUNICH = ["Marienplatz 8", "München", "", "80331", "DE"]
MUNICH_ASCII = ["Marienplatz 8", "Muenchen", "", "80331", "DE"]
MUNICH_EN = ["Marienplatz 8", "Munich", "", "80331", "DE"]
COLOGNE = ["Domkloster 4", "Cologne", "", "50667", "DE"]
LONDON = ["10 Downing Street", "London", "", "SW1A 2AA", "GB"]
MANCHESTER = ["1 Piccadilly Gardens", "Manchester", "", "M1 1RG", "GB"]
CHICAGO = ["233 S Wacker Dr", "Chicago", "IL", "60606", "US"]
INDY = ["100 Monument Circle", "Indianapolis", "IN", "46204", "US"]
NEW_YORK = ["350 Fifth Avenue", "New York", "NY", "10118", "US"]


def plan_of(rows: list[tuple[str, list[str]]], **invoice):
    ship_to = {
        "name": "Acme",
        "street1": "100 Monument Circle",
        "city": "Indianapolis",
        "state": "IN",
        "postal_code": "46204",
        "country": "US",
    }
    settings = org_settings("DE", invoice={"ship_to": ship_to, **invoice})
    return build_plan(inventory_of(HEADER, [[n, *a] for n, a in rows], name="t.csv"), settings)


def warnings_of(plan, code: str):
    return [w for w in plan.warnings if w.code == code]


def request_of(plan, number: str) -> str:
    return plan.numbers.set_index("number").loc[number, "request_id"]


@pytest.mark.parametrize(
    "number, address",
    [
        ("+49 89 1234567", MUNICH),
        ("+49 89 1234567", MUNICH_ASCII),
        ("+49 89 1234567", MUNICH_EN),
        ("+49 221 1234567", COLOGNE),
        ("+49 30 9018500", BERLIN),
        ("+44 20 7946 0000", LONDON),
        ("+44 161 496 0000", MANCHESTER),
        ("+1 312 555 0100", CHICAGO),
        ("+1 317 555 0100", INDY),  # the geocoder knows only the state for 317-555
        ("+1 212 555 0100", NEW_YORK),
    ],
)
def test_numbers_at_their_own_place_raise_nothing(number: str, address: list[str]) -> None:
    plan = plan_of([(number, address)])
    assert plan.numbers["number"].tolist(), plan.excluded
    codes = {w.code for w in plan.warnings}
    assert not codes & {"address_area_mismatch", "address_country_mismatch", "non_local_address"}, plan.warnings


@pytest.mark.parametrize(
    "number, address, place",
    [
        ("+49 30 9018500", MUNICH, "Berlin"),  # a Berlin (030) number at a Munich address
        ("+49 89 1234567", BERLIN, "Munich / München"),
        ("+44 20 7946 0000", MANCHESTER, "London"),
        ("+1 312 555 0100", INDY, "Chicago, IL"),
        ("+1 317 555 0100", CHICAGO, "Indiana"),
    ],
)
def test_a_number_outside_its_area_is_a_warning_on_its_request(number: str, address: list[str], place: str) -> None:
    plan = plan_of([(number, address), ("+49 30 9018599", BERLIN)])
    found = warnings_of(plan, "address_area_mismatch")
    assert len(found) == 1
    w = found[0]
    e164 = plan.numbers["number"].iloc[0]
    assert w.numbers == [e164] and w.request_ids == [request_of(plan, e164)]
    assert place in w.message and "match" in w.message and "%" in w.message and "LOCATION_MISMATCH" in w.message


def test_german_area_mismatch_names_the_ortsnetz_rule() -> None:
    plan = plan_of([("030 9018500", MUNICH)])
    (w,) = warnings_of(plan, "address_area_mismatch")
    assert "Ortsnetz" in w.message and "very likely another place" in w.message


@pytest.mark.parametrize(
    "number, address",
    [("+1 312 555 0100", BERLIN), ("+44 20 7946 0000", INDY), ("+44 161 496 0000", CHICAGO)],
)
def test_a_number_at_an_address_in_another_country_is_a_warning(number: str, address: list[str]) -> None:
    plan = plan_of([(number, address)])
    (w,) = warnings_of(plan, "address_country_mismatch")
    e164 = plan.numbers["number"].iloc[0]
    assert w.numbers == [e164] and w.request_ids == [request_of(plan, e164)]
    assert address[-1] in w.message and "own country" in w.message
    assert not warnings_of(plan, "address_area_mismatch")
    # one number: English agrees with the count, and so does the German template (ngettext)
    assert f"1 number ({e164})" in w.message and " has its service address" in w.message
    from portout.i18n import translator
    from portout.plan.messages import warning_text

    assert ": 1 Nummer (" in warning_text(w, translator("de")) and "hat ihre Anschlussadresse" in warning_text(
        w, translator("de")
    )


def test_foreign_toll_free_on_the_ship_to_asks_for_a_local_address() -> None:
    plan = plan_of([("+44 808 157 0000", LONDON), ("+44 808 157 0001", LONDON), ("+1 800 555 0199", INDY)])
    (w,) = warnings_of(plan, "non_local_address")
    assert w.numbers == ["+448081570000", "+448081570001"]
    assert w.request_ids == [request_of(plan, "+448081570000")]
    assert "2 numbers" in w.message and "local (GB)" in w.message and "toll-free" in w.message


def test_a_request_reports_count_and_a_sample_not_every_number_in_its_message() -> None:
    rows = [(f"+49 30 90185{n:02d}", MUNICH) for n in range(20)]
    (w,) = warnings_of(plan_of(rows), "address_area_mismatch")
    assert len(w.numbers) == 20 and "20 numbers (+49309018500, +49309018501, +49309018502, …)" in w.message
    assert " belong to " in w.message and "move these numbers" in w.message


def test_area_check_scores() -> None:
    assert area_check(("Munich", "München"), "DE", "Muenchen", "", "").score == 100
    assert area_check(("Frankfurt am Main",), "DE", "Frankfurt", "", "").score == 100
    assert area_check(("Berlin",), "DE", "München", "", "").score < 50
    assert area_check(("Portland, OR",), "US", "Portland", "ME", "").score <= 40
    # A one-line address: the place is looked for in the whole text.
    assert area_check(("Berlin",), "DE", "", "", "Friedrichstraße 123, 10117 Berlin, DE").score == 100
    assert area_check(("Indiana",), "US", "Indianapolis", "IN", "").level == "state"
    assert area_check(("Indiana",), "US", "Chicago", "IL", "").score == 0


def test_workbook_warnings_sheet_lists_them() -> None:
    from python_calamine import CalamineWorkbook

    from portout.export.workbook import build_workbook

    plan = plan_of([("+49 30 9018500", MUNICH), ("+1 312 555 0100", BERLIN)])
    book = CalamineWorkbook.from_filelike(io.BytesIO(build_workbook(plan)))
    rows = book.get_sheet_by_name("Warnings").to_python()
    by_code = {r[0]: r for r in rows[1:]}
    for code in ("address_area_mismatch", "address_country_mismatch"):
        (w,) = warnings_of(plan, code)
        assert by_code[code][2] == ", ".join(w.request_ids) and w.numbers[0] in by_code[code][4]


def test_port_plan_helpers_put_them_next_to_the_request() -> None:
    from portout.plan.views import request_warnings, requests_table

    plan = plan_of([("+49 30 9018500", MUNICH), ("+49 30 9018501", BERLIN)])
    rid = request_of(plan, "+49309018500")
    assert [w.code for w in request_warnings(plan, rid)] == ["address_area_mismatch"]
    assert request_warnings(plan, request_of(plan, "+49309018501")) == []
    table = requests_table(plan).set_index("request")
    assert table.loc[rid, "warnings"] == "address_area_mismatch"


def test_vectorised_area_names_equal_the_geocoder() -> None:
    import numpy as np
    import phonenumbers

    from portout.plan.plausibility import _area_names, _places

    numbers, regions = [], []
    for region in ("DE", "GB", "US", "FR", "AT", "CH", "CA", "AU", "AR", "MX", "IT", "JP"):
        example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.FIXED_LINE)
        base = int(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)[1:])
        for step in (0, 1, 997, 10_001, 3_333_333):
            num = phonenumbers.parse(f"+{base + step}", None)
            if phonenumbers.is_valid_number(num):
                numbers.append(f"+{base + step}")
                regions.append(region)
    for text in ("+493090185000", "+4989123456", "+13125550100", "+442079460000", "+441615551234"):
        numbers.append(text)
        regions.append(phonenumbers.region_code_for_number(phonenumbers.parse(text)))
    fast = _area_names(np.asarray(numbers, dtype=object), np.asarray(regions, dtype=object))
    assert fast == [_places(n) for n in numbers]
    assert len(numbers) > 40 and sum(bool(f) for f in fast) > 30
