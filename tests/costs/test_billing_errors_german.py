"""Billing inputs a person gets wrong, in German: a removal or as-of date that is no date (31 February included,
which Python itself refuses in English words), a --max-mrc that is no amount, and an invoice currency that is
an ISO code but no money. English stays as before without --lang."""

from __future__ import annotations

from pathlib import Path

import pytest

from paths import SAMPLES
from portout.cli.main import main
from portout.costs import billing as bl
from portout.errors import SettingsError
from portout.i18n import translator
from portout.settings import load_settings

DE = translator("de")
INVENTORY, ORG = str(SAMPLES / "inventory.csv"), str(SAMPLES / "org.toml")


def test_impossible_day_is_refused_in_our_words_and_stays_a_value_error():
    with pytest.raises(ValueError) as caught:  # callers that name the cell catch ValueError, as before
        bl.parse_when("31.02.2026")
    err = caught.value
    assert isinstance(err, bl.NotADateError)
    assert str(err) == "'31.02.2026' is not a date (use YYYY-MM-DD, YYYY-MM-DDTHH:MM[Z|+hh:mm] or DD.MM.YYYY)"
    assert err.render(DE) == (
        "'31.02.2026' ist kein Datum (verwenden Sie YYYY-MM-DD, YYYY-MM-DDTHH:MM[Z|+hh:mm] oder TT.MM.JJJJ)"
    )
    with pytest.raises(bl.NotADateError):
        bl.parse_when("  ")
    with pytest.raises(bl.NotADateError):
        bl.parse_when("2026-12-15T25:00")


@pytest.mark.parametrize(
    ("argv", "english", "german"),
    [
        (
            ["costs", INVENTORY, "--org", ORG, "--as-of", "31.02.2026"],
            "--as-of '31.02.2026' is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM[Z])",
            "--as-of '31.02.2026' ist kein Datum (verwenden Sie YYYY-MM-DD oder YYYY-MM-DDTHH:MM[Z])",
        ),
        (
            ["costs", INVENTORY, "--org", ORG, "--removal-date", "soon"],
            "--removal-date 'soon' is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM[Z])",
            "--removal-date 'soon' ist kein Datum (verwenden Sie YYYY-MM-DD oder YYYY-MM-DDTHH:MM[Z])",
        ),
        (
            ["costs", INVENTORY, "--org", ORG, "--max-mrc", "viel"],
            "--max-mrc 'viel' is not an amount",
            "--max-mrc 'viel' ist kein Betrag",
        ),
    ],
)
def test_costs_options_in_german(capsys, argv, english, german):
    assert main([*argv, "--lang", "de"]) == 2
    assert capsys.readouterr().err.strip() == f"portout: Fehler: {german}"
    assert main(argv) == 2
    assert capsys.readouterr().err.strip() == f"portout: error: {english}"


@pytest.mark.parametrize(
    ("code", "english", "german"),
    [
        (
            "XTS",
            "settings: billing.currency: 'XTS' is an ISO 4217 code but not a currency invoices are paid in",
            "Einstellungen: billing.currency: 'XTS' ist ein ISO-4217-Code, aber keine Währung, in der Rechnungen "
            "bezahlt werden",
        ),
        (
            "EURO",
            "settings: billing.currency: unknown ISO 4217 currency 'EURO'",
            "Einstellungen: billing.currency: unbekannte ISO-4217-Währung 'EURO'",
        ),
    ],
)
def test_invoice_currency_in_german(tmp_path: Path, capsys, code, english, german):
    with pytest.raises(SettingsError) as caught:
        load_settings(f'[billing]\ncurrency = "{code}"\n'.encode())
    assert caught.value.field == "billing.currency"
    assert str(caught.value) == english and caught.value.render(DE) == german
    org = tmp_path / "org.toml"
    org.write_text(Path(ORG).read_text(encoding="utf-8").replace('currency = "USD"', f'currency = "{code}"'))
    assert f'currency = "{code}"' in org.read_text(encoding="utf-8")
    assert main(["costs", INVENTORY, "--org", str(org), "--lang", "de"]) == 2
    assert capsys.readouterr().err.strip() == f"portout: Fehler: {german}"
