"""Readiness items for a person (issue 14): title, message and fix in German under German, English under
English, plural forms by count; the plan JSON keeps the code, the English text and the parameters."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from org_support import inventory_of
from paths import SAMPLES
from portout.i18n import Nn_, translator
from portout.inventory.reader import read_inventory
from portout.plan.messages import warning_text
from portout.plan.model import PlanWarning
from portout.plan.planner import build_plan
from portout.plan.readiness_texts import (
    READINESS_FIXES,
    READINESS_MESSAGES,
    READINESS_TITLES,
    item,
    readiness_badge,
    readiness_lines,
)
from portout.plan.schedule import Schedule
from portout.settings import load_settings

FRIDAY = date(2026, 11, 27)
SATURDAY = date(2026, 11, 28)
HEADER = ["number", "street1", "city", "postal_code", "country", "owner"]
HQ = ["100 Monument Circle", "Indianapolis", "46204", "US"]

# English words that must not be left in a German readiness text (codes and org.toml keys may stay).
ENGLISH = [
    "still the bundled",
    "put your",
    "is still assigned",
    "are still assigned",
    "reassign",
    "requested port date",
    "business day",
    "choose a date",
    "Saturday",
    "the carrier requires",
    "fill in",
    "Sample values",
    "Port date",
    "Numbers still",
]


def _plan(owners: int):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(HEADER)
    w.writerows([[f"+1317555{i:04d}", *HQ, "Jane Doe" if i < owners else ""] for i in range(3)])
    settings = load_settings(SAMPLES / "org.toml")  # sample values: an item on every request
    return build_plan(
        read_inventory(buf.getvalue().encode()),
        settings,
        schedule=Schedule(today=FRIDAY, port_date=SATURDAY),
    )


def _items(plan):
    return [i for r in plan.requests for i in r.readiness["items"]]


def test_readiness_items_in_german():
    items = _items(_plan(owners=2))
    codes = {i["code"] for i in items}
    assert {"sample_org_value", "numbers_still_assigned", "port_date_too_soon", "port_date_weekend"} <= codes
    de, en = translator("de"), translator("en")
    for it in items:
        title, message, fix = readiness_lines(it, de)
        text = f"{title} {message} {fix}"
        assert not [w for w in ENGLISH if w in text], text
        assert (title, message, fix) != readiness_lines(it, en)
        assert it["code"] not in text
    weekend = next(i for i in items if i["code"] == "port_date_weekend")
    assert readiness_lines(weekend, de)[1] == (
        "der gewünschte Portierungstermin 28.11.2026 ist ein Samstag: Carrier portieren an Werktagen"
    )
    assert "30.11.2026" in readiness_lines(weekend, de)[2]  # the next business day, German date format
    assert (
        readiness_lines(weekend, en)[1]
        == "requested port date 2026-11-28 is a Saturday: carriers port on business days"
    )


def test_json_keeps_code_english_message_and_params():
    plan = _plan(owners=2)
    data = json.loads(json.dumps(plan.to_dict(), default=str))
    it = next(i for r in data["requests"] for i in r["readiness"]["items"] if i["code"] == "numbers_still_assigned")
    assert it["message"] == "2 numbers are still assigned to users, phones, IVRs or groups"
    assert it["params"]["count"] == 2 and it["fix"]


@pytest.mark.parametrize(
    ("count", "german", "english"),
    [
        (1, "1 Nummer ist noch einem Benutzer", "1 number is still assigned to a user"),
        (2, "2 Nummern sind noch Benutzern", "2 numbers are still assigned to users"),
    ],
)
def test_singular_and_plural_by_count(count, german, english):
    it = next(i for i in _items(_plan(owners=count)) if i["code"] == "numbers_still_assigned")
    assert readiness_lines(it, translator("de"))[1].startswith(german)
    assert it["message"].startswith(english) and readiness_lines(it, translator("en"))[1].startswith(english)
    # the planner's warning for the same numbers: English message and German rendering follow the count
    w = next(w for w in _plan(owners=count).warnings if w.code == "still_assigned")
    assert w.message.startswith(english.replace(" a user", "").replace(" users", "").strip())
    assert warning_text(w, translator("de")).startswith(german.split(" noch")[0])


def test_translator_plural_forms():
    de, en = translator("de"), translator("en")
    pair = Nn_("{count} number", "{count} numbers")
    assert [en.plural(pair, n) for n in (1, 2, 1000)] == ["1 number", "2 numbers", "1,000 numbers"]
    assert [de.plural(pair, n) for n in (1, 2, 1000)] == ["1 Nummer", "2 Nummern", "1.000 Nummern"]
    assert de.ngettext("{count} row read", "{count} rows read", 1) == "1 Zeile gelesen"
    w = PlanWarning("mobile_number", "", ["+4915112345678"], params={"count": 1})
    assert warning_text(w, de).startswith("1 Mobilfunknummer:")


def test_badge_in_both_languages():
    req = _plan(owners=1).requests[0]
    n = len(req.readiness["items"])
    assert readiness_badge(req, translator("de")) == f"⚠️ braucht Aufmerksamkeit ({n} Punkte)"
    assert readiness_badge(req, translator("en")) == f"⚠️ needs attention ({n} items)"


def test_every_code_has_title_message_and_fix():
    assert set(READINESS_MESSAGES) == set(READINESS_TITLES)
    assert set(READINESS_MESSAGES) <= set(READINESS_FIXES)
    assert item("missing_field", field="signer_email")["message"] == (
        "the carrier requires the signer's e-mail address, which is empty"
    )
    assert readiness_lines(item("missing_field", field="signer_email"), translator("de"))[1] == (
        "der Carrier verlangt das Feld E-Mail-Adresse der unterzeichnenden Person, das leer ist"
    )


def test_an_item_of_an_older_plan_shows_its_english_text():
    old = {"code": "sample_org_value", "message": "old text", "fix": "old fix"}
    assert readiness_lines(old, translator("de"))[1:] == ("old text", "old fix")
    assert readiness_lines(old, translator("de"))[0] == "Beispielwerte in den Einstellungen"


def test_organisation_items_without_params_are_german_too() -> None:
    """No Organization ID and no signer carry no params; their message and fix still come from the catalogue."""
    from portout.i18n import translator
    from portout.plan.readiness_texts import readiness_lines

    plan = build_plan(
        inventory_of(
            ["number", "street1", "city", "postal_code", "country"],
            [["+4930901850", "Friedrichstraße 123", "Berlin", "10117", "DE"]],
        ),
        load_settings(b""),
    )
    items = plan.requests[0].readiness["items"]
    by_code = {i["code"]: readiness_lines(i, translator("de")) for i in items}
    for code in ("unset_org_value", "missing_signer"):
        title, message, fix = by_code[code]
        assert "organization.id is not set" not in message and "no authorized signer" not in message, message
        assert not fix.startswith("set "), fix
