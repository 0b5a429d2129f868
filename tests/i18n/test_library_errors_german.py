"""The library's refusals in German, module by module: costs inputs, settings, dates, the tracker's lifecycle.

Each case triggers the real error (no hand-built exception), checks the English `str` is the line the CLI
and the JSON always showed, and that the German rendering has the German words and keeps the values
(row number, field path, dates as German dates).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from costs_helpers import make_plan, row, settings_for
from portout.costs.inputs import parse_mrc
from portout.costs.notes import note_text
from portout.costs.report import compute_costs
from portout.dates import check_date, parse_iso_date
from portout.errors import PortoutError, SettingsError
from portout.i18n import translator
from portout.settings import load_settings
from portout.tracker import lifecycle as lc

DE = translator("de")


def test_unreadable_monthly_charge_names_the_row_in_german(tmp_path):
    # The cost report leaves such a number unpriced with a note (tests/costs/test_unreadable_charges.py);
    # parse_mrc, which reads one cell, still refuses it with the row.
    with pytest.raises(PortoutError) as info:
        parse_mrc("abc", 2)
    err = info.value
    assert str(err) == "row 2: monthly_charge 'abc' is not an amount (write a plain number such as 1.25)"
    assert err.render(DE) == "Zeile 2: monthly_charge 'abc' ist kein Betrag (schreiben Sie eine einfache Zahl wie 1,25)"
    plan = make_plan(tmp_path, [row(0, mrc="1.25"), row(1, mrc="abc")])
    notes = compute_costs(plan, settings_for().billing, as_of=date(2026, 11, 27)).notes
    assert any(note_text(n, DE).endswith(f"Zeile 2 ({row(1)['number']}): 'abc'") for n in notes)


def test_monthly_charge_limits_in_german():
    with pytest.raises(PortoutError) as too_large:
        parse_mrc("2000000", 1234, currency="EUR")
    assert "more than 1000000 EUR" in str(too_large.value)
    assert too_large.value.render(DE) == (
        "Zeile 1.234: monthly_charge '2000000' ist keine plausible monatliche Gebühr für eine Nummer "
        "(mehr als 1.000.000 EUR); korrigieren Sie die Zeile oder erhöhen Sie die Grenze (--max-mrc)"
    )
    with pytest.raises(PortoutError) as negative:
        parse_mrc("-1", 3)
    assert negative.value.render(DE).startswith("Zeile 3: monthly_charge '-1' ist negativ")
    with pytest.raises(PortoutError) as decimals:
        parse_mrc("0.1234567", 4, max_mrc=Decimal(10))
    assert "hat 7 Nachkommastellen" in decimals.value.render(DE)


@pytest.mark.parametrize(
    ("toml", "field", "english", "german"),
    [
        (
            b'[signer]\nemail = "not-an-email"\n',
            "signer.email",
            "settings: signer.email: 'not-an-email' is not an e-mail address",
            "Einstellungen: signer.email: 'not-an-email' ist keine E-Mail-Adresse",
        ),
        (
            b"[billing]\ncycle_anchor_day = 40\n",
            "billing.cycle_anchor_day",
            "settings: billing.cycle_anchor_day: must be between 1 and 31, got 40",
            "Einstellungen: billing.cycle_anchor_day: muss zwischen 1 und 31 liegen, erhalten: 40",
        ),
        (
            b'[billing.prices.DE]\ngeographic = "2000000"\n',
            "billing.prices.DE.geographic",
            "settings: billing.prices.DE.geographic: 2000000 is not a plausible amount (more than 1,000,000)",
            "Einstellungen: billing.prices.DE.geographic: 2000000 ist kein plausibler Betrag (mehr als 1.000.000)",
        ),
        (
            b'[organization]\ndefault_country = "Atlantis"\n',
            "organization.default_country",
            "settings: organization.default_country: unknown country 'Atlantis' (use an ISO code such as US, DE, GB)",
            "Einstellungen: organization.default_country: unbekanntes Land 'Atlantis' (verwenden Sie einen ISO-Code "
            "wie US, DE, GB)",
        ),
        (
            b"[billing\ncurrency=",
            "file",
            "settings: file: uploaded settings is not valid TOML",
            "Einstellungen: file: die hochgeladenen Einstellungen ist kein gültiges TOML",
        ),
    ],
)
def test_settings_errors_in_german_keep_the_field(toml, field, english, german):
    with pytest.raises(SettingsError) as info:
        load_settings(toml)
    err = info.value
    assert err.field == field
    assert str(err).startswith(english)
    assert err.render(DE).startswith(german)


def test_dates_in_german():
    with pytest.raises(PortoutError) as outside:
        check_date(date(1900, 1, 1))
    assert str(outside.value) == "date 1900-01-01 is outside the dates accepted (1990-01-01 to 2100-12-31)"
    assert outside.value.render(DE) == (
        "Datum 1900-01-01 liegt außerhalb der akzeptierten Daten (01.01.1990 bis 31.12.2100)"
    )
    with pytest.raises(PortoutError) as typo:
        parse_iso_date("27.13.2026", "--today")
    assert typo.value.render(DE) == "--today '27.13.2026' ist kein Datum (schreiben Sie YYYY-MM-DD)"


def test_lifecycle_refusals_in_german():
    with pytest.raises(lc.TransitionError) as move:
        lc.validate("removed", "submitted", date=date(2026, 11, 2), dates={})
    assert str(move.value).endswith("allowed from removed: none: removed is final")
    assert move.value.render(DE) == (
        "ein Auftrag im Status removed kann nicht nach submitted wechseln; erlaubt ab removed: keiner: removed ist endgültig"
    )
    with pytest.raises(lc.TransitionError) as fields:
        lc.validate("submitted", "ported", date=date(2026, 11, 2), dates={}, carrier="N", reference="R")
    assert str(fields.value) == (
        "ported does not take a gaining carrier or a carrier reference (ported takes: no extra fields); "
        "nothing was saved"
    )
    assert fields.value.render(DE) == (
        "ported nimmt einen aufnehmenden Carrier oder eine Referenz des Carriers nicht an "
        "(ported nimmt: keine weiteren Felder); nichts wurde gespeichert"
    )
    with pytest.raises(lc.TransitionError) as order:
        lc.validate("submitted", "ported", date=date(2026, 11, 2), dates={"submitted_date": date(2026, 11, 20)})
    assert order.value.render(DE) == ("das Datum für ported (02.11.2026) liegt vor dem Einreichungsdatum 20.11.2026")
    with pytest.raises(lc.TransitionError) as out_of_range:
        lc.parse_date("1800-01-01")
    assert out_of_range.value.render(DE).startswith("Datum 1800-01-01 liegt außerhalb")
