"""The porting rules of domain.md §1 and §3 applied by build_plan."""

from __future__ import annotations

from dataclasses import replace

import phonenumbers
import pytest

from org_support import inventory_of, org_settings
from paths import ROOT
from portout.inventory.reader import read_inventory
from portout.plan.addresses import address_key
from portout.plan.planner import account_numbers, build_plan
from portout.settings import Address, CarrierOptions, load_settings

SAMPLE = ROOT / "data" / "samples"

HEADER = [
    "number",
    "provider",
    "street1",
    "street2",
    "city",
    "state",
    "postal_code",
    "country",
    "owner",
    "owner_type",
    "location",
]
HQ = ["100 Monument Circle", "Suite 400", "Indianapolis", "IN", "46204", "US"]
BERLIN = ["Friedrichstraße 123", "", "Berlin", "", "10117", "DE"]


def settings(**overrides):
    return org_settings(**overrides)


def inventory(rows: list[list[str]]):
    return inventory_of(HEADER, rows)


def row(number: str, address=HQ, provider="", owner="", owner_type="", location="") -> list[str]:
    return [number, provider, *address, owner, owner_type, location]


def planned(plan) -> dict[str, str]:
    return dict(zip(plan.numbers["number"], plan.numbers["request_id"]))


def test_account_number_rules_from_the_article() -> None:
    assert account_numbers("2f6c3a1e-8b7d-4c5e-9a10-1234abcd5678") == ("abcd5678", "12345678")
    letters, digits = account_numbers("aaaa-bbbb-cccc-dd12-ef34gh56")
    assert letters == "dd12ef34gh56"[-8:] and digits == "123456"


def test_every_row_is_planned_or_excluded_with_a_reason() -> None:
    inv = read_inventory(SAMPLE / "inventory.csv")
    plan = build_plan(inv, load_settings(SAMPLE / "org.toml"))
    s = plan.summary
    assert s["input_rows"] == inv.rows == s["rows_planned"] + s["excluded_rows"]
    assert s["input_numbers"] == s["planned_numbers"] + s["excluded_numbers"]
    excluded_rows = {e.row for e in plan.excluded}
    planned_rows = set(plan.numbers["row"])
    assert planned_rows.isdisjoint(excluded_rows - planned_rows) and len(planned_rows | excluded_rows) == inv.rows
    assert all(e.reason and e.message for e in plan.excluded)
    # Each planned number is in exactly one request, and the requests hold exactly the planned numbers.
    in_requests = [n for r in plan.requests for n in r.numbers]
    assert sorted(in_requests) == sorted(plan.numbers["number"]) and len(set(in_requests)) == len(in_requests)


def test_sample_meets_its_description() -> None:
    plan = build_plan(read_inventory(SAMPLE / "inventory.csv"), load_settings(SAMPLE / "org.toml"))
    assert plan.summary["planned_numbers"] >= 2000
    assert len({r.service_address for r in plan.requests}) >= 8
    assert {"US", "DE", "GB"} <= set(plan.numbers["country"])
    assert {"geographic", "toll_free", "non_geographic"} <= set(plan.numbers["category"])
    reasons = {e.reason for e in plan.excluded}
    assert {"not_genesys_voice", "duplicate", "invalid_number", "no_address", "empty_row"} <= reasons


def test_category_is_what_libphonenumber_says() -> None:
    numbers = [
        "+13175550100",
        "+18005550100",
        "+18125550100",
        "+18505550100",
        "+18335550100",
        "+442079460000",
        "+448081570000",
        "+443069990000",
        "+4918012345678",
        "+4915112345678",
    ]
    plan = build_plan(inventory([row(n) for n in numbers]), settings())
    got = dict(zip(plan.numbers["number"], plan.numbers["category"]))
    expected_type = {
        n: phonenumbers.PhoneNumberType.to_string(phonenumbers.number_type(phonenumbers.parse(n))) for n in numbers
    }
    assert got["+18005550100"] == got["+18335550100"] == "toll_free"
    assert got["+18125550100"] == got["+18505550100"] == "geographic"  # 812 and 850 are not toll-free
    assert got["+443069990000"] == "non_geographic" and got["+4918012345678"] == "non_geographic"
    assert got["+4915112345678"] == "mobile"
    assert dict(zip(plan.numbers["number"], plan.numbers["number_type"])) == expected_type
    assert any(w.code == "mobile_number" for w in plan.warnings)


def test_service_address_rules() -> None:
    plan = build_plan(inventory([row("+13175550100"), row("+18005550100"), row("+443069990000")]), settings())
    by_number = {n: r for r in plan.requests for n in r.numbers}
    assert by_number["+13175550100"].address_source == "assigned"
    assert by_number["+13175550100"].service_address.street1 == "100 Monument Circle"
    assert by_number["+18005550100"].address_source == "ship_to"
    assert by_number["+18005550100"].service_address.street1 == "1 Main Street"
    assert by_number["+443069990000"].address_source == "ship_to"


def test_no_invoice_uses_the_assigned_address_for_every_number() -> None:
    s = settings(invoice={"has_invoice": False})
    plan = build_plan(inventory([row("+13175550100"), row("+18005550100"), row("+18005550101", address=[""] * 6)]), s)
    by_number = {n: r for r in plan.requests for n in r.numbers}
    assert by_number["+18005550100"].address_source == "assigned"
    assert by_number["+18005550100"].service_address.street1 == "100 Monument Circle"
    assert [(e.number, e.reason) for e in plan.excluded] == [("+18005550101", "no_address")]


def test_partner_name_goes_on_the_loa_with_a_partner_note() -> None:
    s = settings(
        invoice={
            "invoiced_by": "partner",
            "partner": {
                "name": "Contoso Partner GmbH",
                "street1": "Partnerweg 1",
                "city": "Köln",
                "postal_code": "50667",
                "country": "DE",
            },
        }
    )
    plan = build_plan(inventory([row("+13175550100"), row("+18005550100")]), s)
    assert {r.loa_name for r in plan.requests} == {"Contoso Partner GmbH"}
    tf = next(r for r in plan.requests if r.category == "toll_free")
    assert tf.address_source == "partner" and tf.service_address.city == "Köln"
    assert "partner" in plan.guidance


def test_byoc_and_other_carriers_are_excluded() -> None:
    rows = [
        row("+13175550100", provider="PURE_CLOUD"),
        row("+13175550101", provider="BYOC Twilio"),
        row("+13175550102", provider="PURE_CLOUD_VOICE"),
        row("+13175550103", provider="Genesys Cloud Voice"),
        row("+13175550104"),
    ]
    plan = build_plan(inventory(rows), settings())
    assert sorted(planned(plan)) == ["+13175550102", "+13175550103", "+13175550104"]
    assert {e.number: e.reason for e in plan.excluded} == {
        "+13175550100": "not_genesys_voice",
        "+13175550101": "not_genesys_voice",
    }


def test_duplicates_keep_the_first_occurrence() -> None:
    plan = build_plan(inventory([row("+13175550100"), row("+1 317 555 0100", address=BERLIN)]), settings())
    assert plan.numbers["row"].tolist() == [1]
    assert [(e.row, e.reason) for e in plan.excluded] == [(2, "duplicate")]


def test_exclusion_reasons_cover_bad_rows() -> None:
    rows = [[""] * len(HEADER), row("not a number"), row("+13175550100", address=[""] * 6), row("+1317555")]
    plan = build_plan(inventory(rows), settings())
    assert [(e.row, e.reason) for e in plan.excluded] == [
        (1, "empty_row"),
        (2, "invalid_number"),
        (3, "no_address"),
        (4, "invalid_number"),
    ]
    assert plan.requests == []
    assert any(w.code == "geographic_without_address" for w in plan.warnings)


def test_one_request_per_service_address_and_spellings_merge() -> None:
    variants = [
        ["100 Monument Circle", "Suite 400", "Indianapolis", "IN", "46204", "US"],
        ["100 monument circle", "Ste. 400", "INDIANAPOLIS", "in", "46204", "USA"],
        ["100  Monument Cir", "Ste 400", "Indianapolis", "IN", "46204", "United States"],
    ]
    rows = [row(f"+1317555010{i}", address=a) for i, a in enumerate(variants)]
    rows.append(row("+13175550200", address=["100 Monument Circle", "Suite 401", "Indianapolis", "IN", "46204", "US"]))
    rows.append(row("+13175550201", address=["101 Monument Circle", "Suite 400", "Indianapolis", "IN", "46204", "US"]))
    rows.append(row("+13175550202", address=["100 Monument Circle", "Suite 400", "Indianapolis", "IN", "46205", "US"]))
    plan = build_plan(inventory(rows), settings())
    req = planned(plan)
    assert req["+13175550100"] == req["+13175550101"] == req["+13175550102"]
    assert len({req["+13175550100"], req["+13175550200"], req["+13175550201"], req["+13175550202"]}) == 4
    spelled = [w for w in plan.warnings if w.code == "address_spellings"]
    assert len(spelled) == 1 and "100 Monument Circle" in spelled[0].message


def test_german_street_spellings_merge_but_house_numbers_do_not() -> None:
    addrs = [
        ["Hauptstraße 12", "", "Berlin", "", "10115", "DE"],
        ["Hauptstr. 12", "", "Berlin", "", "10115", "DE"],
        ["Hauptstrasse 12", "", "berlin", "", "10115", "Deutschland"],
        ["Hauptstraße 21", "", "Berlin", "", "10115", "DE"],
    ]
    plan = build_plan(inventory([row(f"+4930901820{i}", address=a) for i, a in enumerate(addrs)]), settings())
    req = planned(plan)
    assert req["+49309018200"] == req["+49309018201"] == req["+49309018202"] != req["+49309018203"]


def test_likely_duplicates_are_reported_never_merged() -> None:
    a = ["200 E Washington St", "", "Indianapolis", "IN", "46204", "US"]
    b = ["200 East Washington Street Building", "", "Indianapolis", "Indiana", "46204", "US"]
    plan = build_plan(inventory([row("+13175550100", address=a), row("+13175550101", address=b)]), settings())
    assert len(plan.requests) == 2
    dup = [w for w in plan.warnings if w.code == "possible_duplicate_address"]
    assert len(dup) == 1 and set(dup[0].request_ids) == {r.id for r in plan.requests}
    # A person's decision merges them.
    merged = build_plan(
        inventory([row("+13175550100", address=a), row("+13175550101", address=b)]),
        settings(),
        address_merges={address_key(Address(*b)): address_key(Address(*a))},
    )
    assert len(merged.requests) == 1 and merged.requests[0].service_address.street1 == "200 E Washington St"


def test_carrier_splits_country_toll_free_and_size() -> None:
    rows = [row(f"+131755501{i:02d}") for i in range(25)] + [row("+18005550100"), row("+442079460000")]
    s = settings(carrier={"max_numbers_per_request": 10})
    plan = build_plan(inventory(rows), s)
    sizes = sorted((r.category, r.country, r.size) for r in plan.requests)
    assert sizes == [
        ("geographic", "GB", 1),
        ("geographic", "US", 5),
        ("geographic", "US", 10),
        ("geographic", "US", 10),
        ("toll_free", "US", 1),
    ]
    parts = [r for r in plan.requests if r.parts == 3]
    assert sorted(r.part for r in parts) == [1, 2, 3] and len({r.id for r in parts}) == 3
    # Without the splits: one request per address, whatever the country and category.
    s2 = replace(
        s, carrier=CarrierOptions(split_by_country=False, toll_free_separate=False, max_numbers_per_request=1000)
    )
    plan2 = build_plan(inventory(rows), s2)
    assert len(plan2.requests) == 2  # HQ (US + GB geographic) and Ship To (toll-free)


def test_btn_is_a_member_default_lowest_and_overridable() -> None:
    rows = [row("+13175550105"), row("+13175550101"), row("+13175550103")]
    plan = build_plan(inventory(rows), settings())
    (req,) = plan.requests
    assert req.btn == "+13175550101" and req.numbers == sorted(req.numbers)
    plan2 = build_plan(inventory(rows), settings(), btn_overrides={req.id: "+13175550103"})
    assert plan2.requests[0].btn == "+13175550103"
    plan3 = build_plan(inventory(rows), settings(), btn_overrides={req.id: "+19995550000"})
    assert plan3.requests[0].btn == "+13175550101"
    assert any(w.code == "btn_not_in_request" for w in plan3.warnings)


def test_request_ids_are_stable_across_runs_and_row_order() -> None:
    rows = [row("+13175550100"), row("+493090182000", address=BERLIN), row("+18005550100")]
    a = build_plan(inventory(rows), settings())
    b = build_plan(inventory(list(reversed(rows))), settings())
    assert sorted(r.id for r in a.requests) == sorted(r.id for r in b.requests)


def test_loa_values_per_request() -> None:
    s = settings(
        organization={"id": "2f6c3a1e-8b7d-4c5e-9a10-1234abcd5678", "default_country": "US"},
        carrier={"accepts_letters_in_account_number": False},
    )
    plan = build_plan(inventory([row("+13175550100")]), s)
    (req,) = plan.requests
    assert (req.loa_name, req.carrier_name) == ("Acme Inc.", "Genesys")
    assert (req.account_number, req.account_number_letters, req.account_number_digits) == (
        "12345678",
        "abcd5678",
        "12345678",
    )
    for key in ("pin", "proof_of_ownership", "signer", "csr"):
        assert plan.guidance[key]


def test_warnings_for_assigned_numbers_and_short_digit_account() -> None:
    rows = [
        row("+13175550100", owner="Jane Doe", owner_type="USER"),
        row("+13175550101", owner_type="IVR_CONFIG"),
        row("+13175550102"),
    ]
    plan = build_plan(inventory(rows), settings(organization={"id": "abcdefab-cdef-abcd-efab-cdefab12cd3e"}))
    assigned = next(w for w in plan.warnings if w.code == "still_assigned")
    assert sorted(assigned.numbers) == ["+13175550100", "+13175550101"]
    assert plan.requests[0].assigned_numbers == 2
    short = next(w for w in plan.warnings if w.code == "short_digit_account_number")
    assert "account number 123 is shorter" in short.message


def test_location_name_resolves_through_settings() -> None:
    s = settings(
        locations={
            "Denver": {"street1": "1701 Wynkoop Street", "city": "Denver", "postal_code": "80202", "country": "US"}
        }
    )
    plan = build_plan(inventory([row("+13035550100", address=[""] * 6, location="Denver")]), s)
    assert plan.requests[0].service_address.street1 == "1701 Wynkoop Street"


def test_hostile_text_is_carried_as_data() -> None:
    evil = ['=HYPERLINK("http://evil")', "@SUM(A1)", "Berlin\r\n=1+1", "", "10117", "DE"]
    plan = build_plan(inventory([row("+493090182000", address=evil, owner="+cmd|' /C calc'!A0")]), settings())
    assert plan.requests[0].service_address.street1 == evil[0]
    assert plan.numbers["owner"].tolist() == ["+cmd|' /C calc'!A0"]


def test_json_shape_of_the_issue() -> None:
    plan = build_plan(inventory([row("+13175550100"), row("bad")]), settings())
    data = plan.to_dict()
    assert set(data["summary"]) >= {"input_rows", "rows_planned", "excluded_rows", "planned_numbers", "requests"}
    req = data["requests"][0]
    assert set(req) >= {
        "id",
        "numbers",
        "btn",
        "category",
        "country",
        "address_source",
        "service_address",
        "loa_name",
        "account_number",
        "account_number_digits",
    }
    assert data["excluded"] == [
        {
            "row": 2,
            "input": "bad",
            "reason": "invalid_number",
            "message": data["excluded"][0]["message"],
            "number": "",
            "params": {},  # what a translated detail names (plan.messages); codes stay the same in every language
        }
    ]


@pytest.mark.parametrize("region", ["FR", "IT", "ES", "NL", "AU", "JP", "BR", "IN", "CH", "AT"])
def test_national_numbers_of_many_countries_plan_with_the_default_country(region: str) -> None:
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.FIXED_LINE)
    national = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)
    s = settings(organization={"id": "2f6c3a1e-8b7d-4c5e-9a10-1234abcd5678", "default_country": region})
    plan = build_plan(inventory([row(national, address=["Rue 1", "", "X", "", "1000", region])]), s)
    assert plan.numbers["number"].tolist() == [phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)]


def test_national_prefix_written_after_the_country_code_is_canonicalised() -> None:
    # '+44 0 20 7946 0000' is a common misspelling; libphonenumber strips the 0 and so must the plan.
    rows = [
        row("+4402079460000", address=["1 Long Acre", "", "London", "", "WC2E 9LH", "GB"]),
        row("+442079460000", address=["1 Long Acre", "", "London", "", "WC2E 9LH", "GB"]),
    ]
    plan = build_plan(inventory(rows), settings())
    assert plan.numbers["number"].tolist() == ["+442079460000"]
    assert [(e.row, e.reason) for e in plan.excluded] == [(2, "duplicate")]


def test_every_libphonenumber_example_in_every_written_form_plans() -> None:
    """Each region's example numbers, written as E.164, international, national (with the row's country)
    or as the bare digits an Excel number cell leaves: every one is read back to its own E.164."""
    forms = [
        phonenumbers.PhoneNumberFormat.E164,
        phonenumbers.PhoneNumberFormat.INTERNATIONAL,
        phonenumbers.PhoneNumberFormat.NATIONAL,
        None,
    ]
    rows, expected = [], set()
    for i, region in enumerate(sorted(phonenumbers.SUPPORTED_REGIONS)):
        for kind in (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.TOLL_FREE):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
            form = forms[(i + kind) % len(forms)]
            written = e164[1:] if form is None else phonenumbers.format_number(example, form)
            if form is None and phonenumbers.parse(written, region) != example:
                written = e164  # the bare digits also read as a national number there: not a fair case
            rows.append(row(written, address=["1 Main Street", "", "City", "", "12345", region]))
            expected.add(e164)
    plan = build_plan(inventory(rows), settings())
    assert {e.reason for e in plan.excluded} <= {"duplicate"}
    assert set(plan.numbers["number"]) == expected and len(expected) > 300


def test_hyphenated_national_formats_are_not_ranges() -> None:
    plan = build_plan(
        inventory(
            [row("8 (808) 123-45-67", address=["Tverskaya 1", "", "Moskva", "", "125009", "RU"]), row("(317) 555-0100")]
        ),
        settings(),
    )
    assert sorted(plan.numbers["number"]) == ["+13175550100", "+78081234567"]
    assert not any(w.code == "range_expanded" for w in plan.warnings)


def test_an_address_column_beside_city_and_postcode_is_the_street_line() -> None:
    """Exports often call the street "Address" and the second line "Address 2": neither is dropped."""
    header = ["Phone Number", "Address", "Address 2", "City", "State", "Zip", "Country"]
    rows = [
        ["+13175550100", "100 Monument Circle", "Suite 400", "Indianapolis", "IN", "46204", "US"],
        ["+13175550101", "100 Monument Circle", "Suite 400", "Indianapolis", "IN", "46204", "US"],
        ["+442079460000", "10 Downing Street", "", "London", "", "SW1A 2AA", "GB"],
    ]
    plan = build_plan(inventory_of(header, rows), settings())
    addresses = {r.service_address.one_line() for r in plan.requests}
    assert addresses == {
        "100 Monument Circle, Suite 400, 46204 Indianapolis, IN, US",
        "10 Downing Street, SW1A 2AA London, GB",
    }
    assert len(plan.requests) == 2


def test_a_one_line_address_alone_is_still_the_whole_address() -> None:
    plan = build_plan(inventory_of(["number", "address"], [["+13175550100", "100 Monument Circle"]]), settings())
    assert plan.requests[0].service_address.street1 == "100 Monument Circle"
