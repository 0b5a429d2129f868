"""Readiness (issue 12): `ready`, or `needs_attention` with items exactly where a problem was planted."""

from __future__ import annotations

import csv
import io
from datetime import date

from paths import SAMPLES
from portout.inventory.reader import read_inventory
from portout.plan.planner import build_plan
from portout.plan.schedule import Schedule
from portout.settings import load_settings
from scope_support import settings

FRIDAY = date(2026, 11, 27)
HEADER = ["number", "street1", "city", "postal_code", "country", "owner"]
HQ = ["100 Monument Circle", "Indianapolis", "46204", "US"]
DENVER = ["1701 Wynkoop Street", "Denver", "80202", "US"]
AUSTIN = ["500 W 2nd Street", "Austin", "78701", "US"]
BERLIN = ["Friedrichstraße 123", "Berlin", "10117", "DE"]


def inventory(rows):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(HEADER)
    w.writerows(rows)
    return read_inventory(buf.getvalue().encode())


def clean_rows():
    return (
        [[f"+1317555{i:04d}", *HQ, ""] for i in range(3)]
        + [[f"+1303555{i:04d}", *DENVER, ""] for i in range(3)]
        + [[f"+1512555{i:04d}", *AUSTIN, ""] for i in range(3)]
    )


def plan_of(rows, s=None, **kw):
    return build_plan(inventory(rows), s or settings(), schedule=Schedule(today=FRIDAY, **kw.pop("sched", {})), **kw)


def status(plan) -> dict[str, tuple[str, list[str]]]:
    return {
        r.service_address.city: (r.readiness["status"], [i["code"] for i in r.readiness["items"]])
        for r in plan.requests
    }


def test_every_request_has_readiness_and_a_clean_plan_is_ready() -> None:
    plan = plan_of(clean_rows())
    assert {c: s for c, (s, _) in status(plan).items()} == dict.fromkeys(["Indianapolis", "Denver", "Austin"], "ready")
    data = plan.to_dict()
    assert all(r["readiness"] == {"status": "ready", "items": []} for r in data["requests"])
    assert data["readiness"] == {"ready": 3, "needs_attention": 0}


def test_a_number_still_assigned_flags_its_request_only() -> None:
    rows = clean_rows()
    rows[4][-1] = "Alex Agent"  # Denver
    got = status(plan_of(rows))
    assert got["Denver"] == ("needs_attention", ["numbers_still_assigned"])
    assert got["Indianapolis"][0] == got["Austin"][0] == "ready"


def test_items_have_code_message_and_fix() -> None:
    rows = clean_rows()
    rows[0][-1] = "IVR main"
    plan = plan_of(rows)
    item = next(r for r in plan.requests if r.readiness["items"]).readiness["items"][0]
    assert set(item) == {"code", "message", "fix", "params"} and item["code"] and item["message"] and item["fix"]
    assert item["message"] == "1 number is still assigned to a user, phone, IVR or group"


def test_organisation_problems_flag_every_request() -> None:
    no_signer = settings(signer={})
    assert {s for s, _ in status(plan_of(clean_rows(), no_signer)).values()} == {"needs_attention"}
    assert all("missing_signer" in c for _, c in status(plan_of(clean_rows(), no_signer)).values())
    sample = load_settings(SAMPLES / "org.toml")
    assert all("sample_org_value" in c for _, c in status(plan_of(clean_rows(), sample)).values())
    partner = settings(invoice={"invoiced_by": "partner", "partner": {"name": "Reseller GmbH"}})
    assert all("partner_values_to_confirm" in c for _, c in status(plan_of(clean_rows(), partner)).values())
    unset = settings(organization={"default_country": "US"})
    assert all("unset_org_value" in c for _, c in status(plan_of(clean_rows(), unset)).values())


def test_required_fields_follow_the_profile() -> None:
    twilio = settings(carrier={"profile": "twilio"})  # wants the signer's e-mail
    assert all(c == ["missing_field"] for _, c in status(plan_of(clean_rows(), twilio)).values())
    given = settings(carrier={"profile": "twilio"}, signer={"name": "Dana Admin", "email": "dana@acme-corp.com"})
    assert {s for s, _ in status(plan_of(clean_rows(), given)).values()} == {"ready"}


def test_mixed_categories_and_address_country() -> None:
    rows = clean_rows() + [["+18005550100", *HQ, ""]]
    mixed = settings(
        carrier={"toll_free_separate": False}, invoice={"has_invoice": False, "ship_to": {"name": "Acme Inc."}}
    )
    got = status(plan_of(rows, mixed))
    assert got["Indianapolis"] == ("needs_attention", ["mixed_categories"])
    assert got["Denver"][0] == "ready"
    # a German number at a US address: only a carrier that wants the address in the number's country objects
    rows = clean_rows() + [["+4930901820000", *HQ, ""]]
    generic = plan_of(rows)
    telnyx = plan_of(rows, settings(carrier={"profile": "telnyx"}))
    de = next(r for r in telnyx.requests if r.country == "DE")
    assert "address_country_mismatch" in [i["code"] for i in de.readiness["items"]]
    assert all(r.readiness["status"] == "ready" for r in telnyx.requests if r.country == "US")
    # the plausibility warning is an address doubt for every carrier; never two items for one problem
    de_generic = next(r for r in generic.requests if r.country == "DE")
    assert [i["code"] for i in de_generic.readiness["items"]].count("address_country_mismatch") == 1
    assert [i["code"] for i in de.readiness["items"]].count("address_country_mismatch") == 1


def test_warnings_that_name_a_request_become_its_items() -> None:
    rows = clean_rows()
    first = plan_of(rows)
    denver = next(r for r in first.requests if r.service_address.city == "Denver")
    plan = plan_of(rows, btn_overrides={denver.id: "+13175550000"})  # a BTN from another request
    got = status(plan)
    assert "btn_not_in_request" in got["Denver"][1]
    assert got["Indianapolis"][0] == got["Austin"][0] == "ready"
