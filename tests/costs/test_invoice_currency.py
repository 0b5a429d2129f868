"""The invoice currency: the user's billing.currency, else derived from the inventory's priced rows, never an
invented USD (a German inventory priced in EUR was blocked by a default "USD" invoice currency)."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from python_calamine import CalamineWorkbook

from paths import SAMPLES
from portout.costs.inputs import invoice_currency
from portout.costs.report import compute_costs
from portout.costs.tables import costs_csv
from portout.errors import PortoutError, SettingsError
from portout.export.workbook import build_workbook
from portout.i18n import error_text, translator
from portout.inventory.reader import read_inventory
from portout.plan.model import Plan
from portout.plan.planner import build_plan
from portout.settings import OrgSettings, load_settings, parse_settings

UNSET = load_settings(b"")  # what an upload starts from


def german_eur_inventory() -> bytes:
    """The bundled German export (cp1252, ';', decimal commas) with its charges in EUR."""
    raw = (SAMPLES / "inventory_de.csv").read_bytes()
    assert b";USD" in raw
    return raw.replace(b";USD", b";EUR")


def plan_of(raw: bytes, settings: OrgSettings = UNSET) -> Plan:
    return build_plan(read_inventory(raw, name="export.csv"), settings)


def test_unset_settings_have_no_currency_and_the_sample_keeps_its_own() -> None:
    assert UNSET.billing.currency == ""
    assert load_settings(SAMPLES / "org.toml").billing.currency == "USD"  # the sample sets it


def test_german_eur_inventory_is_costed_in_eur_to_the_cent() -> None:
    plan = plan_of(german_eur_inventory())
    assert invoice_currency(plan.numbers, UNSET.billing) == "EUR"
    report = compute_costs(plan, UNSET.billing, as_of=date(2026, 3, 1), removal_date=date(2026, 3, 10))
    assert report.currency == "EUR" and report.minor_digits == 2
    assert set(report.lines["currency"]) == {"EUR"}
    # By hand: March 2026 has 31 days; removed on the 10th (removal day included) = 10 days charged;
    # each number rounded half up to the cent; all in the as-of cycle, so cost through removal = prorated.
    charges = [Decimal(c.replace(",", ".")) for c in plan.numbers["monthly_charge"].fillna("") if c]
    assert len(charges) == report.totals["priced_numbers"] > 50
    per_number = [(c * 10 / 31).quantize(Decimal("0.01"), ROUND_HALF_UP) for c in charges]
    assert report.totals["prorated_total"] == sum(per_number)
    assert report.totals["cost_through_removal"] == sum(per_number)
    assert report.totals["monthly_saving"] == sum(charges)
    # the rows without a charge are unpriced (no price table): said, not counted as zero
    assert report.totals["unpriced_numbers"] == len(plan.numbers) - len(charges)
    assert report.to_dict(include_lines=False)["currency"] == "EUR"
    assert not any("converted" in n for n in report.notes)  # no rate was needed or invented


def test_a_set_currency_wins_and_asks_for_the_rate_in_german() -> None:
    plan = plan_of(german_eur_inventory())
    usd = parse_settings({"billing": {"currency": "USD"}}).billing
    assert invoice_currency(plan.numbers, usd) == "USD"
    with pytest.raises(PortoutError) as err:
        compute_costs(plan, usd, as_of=date(2026, 3, 1))
    assert "billing.exchange_rates" in str(err.value) and "EUR" in str(err.value)
    german = error_text(err.value, translator("de"))
    assert german != str(err.value) and "Wechselkurs" in german and "billing.exchange_rates" in german


def test_mixed_currencies_without_a_set_currency_say_what_to_set() -> None:
    raw = german_eur_inventory()
    first = raw.index(b";EUR")
    mixed = raw[:first] + b";USD" + raw[first + 4 :]  # the first priced row in USD, the others in EUR
    plan = plan_of(mixed)
    with pytest.raises(PortoutError) as err:
        compute_costs(plan, UNSET.billing, as_of=date(2026, 3, 1))
    text = str(err.value)
    assert "EUR, USD" in text and "billing.currency" in text and "billing.exchange_rates" in text
    assert "\n" not in text
    german = error_text(err.value, translator("de"))
    assert "EUR, USD" in german and "billing.currency" in german and "Rechnungswährung" in german
    # with the invoice currency and a rate set, the same rows are costed
    eur = parse_settings({"billing": {"currency": "EUR", "exchange_rates": {"USD": "0.9"}}}).billing
    assert compute_costs(plan, eur, as_of=date(2026, 3, 1)).currency == "EUR"


def test_priced_rows_without_a_currency_and_none_set_ask_for_billing_currency() -> None:
    raw = "number,street1,city,postal_code,country,monthly_charge\n+4930123456,Hauptstraße 12,Berlin,10115,DE,1.60\n"
    plan = plan_of(raw.encode())
    with pytest.raises(PortoutError, match=r"row 1: monthly_charge has no currency .* set billing\.currency"):
        compute_costs(plan, UNSET.billing)
    # the user's currency prices it
    report = compute_costs(plan, parse_settings({"billing": {"currency": "EUR"}}).billing)
    assert report.currency == "EUR" and report.totals["complete"]


@pytest.mark.parametrize("table", ["prices", "exchange_rates"])
def test_a_price_table_without_its_currency_is_a_settings_error(table: str) -> None:
    data = {"prices": {"DE": {"geographic": "1.60"}}} if table == "prices" else {"exchange_rates": {"USD": "0.9"}}
    with pytest.raises(SettingsError) as err:
        parse_settings({"billing": data})
    assert err.value.field == "billing.currency" and f"[billing.{table}]" in str(err.value)
    assert "Einstellungen: billing.currency:" in error_text(err.value, translator("de"))
    assert parse_settings({"billing": {"currency": "EUR", **data}}).billing.currency == "EUR"


def test_nothing_priced_shows_no_currency_anywhere() -> None:
    raw = "number,street1,city,postal_code,country\n+4930123456,Hauptstraße 12,Berlin,10115,DE\n"
    plan = plan_of(raw.encode())
    report = compute_costs(plan, UNSET.billing, as_of=date(2026, 3, 1))
    assert report.currency == "" and report.unpriced and not report.totals["complete"]
    data = report.to_dict()
    assert data["currency"] == "" and all(line["currency"] == "" for line in data["lines"])
    for lang in ("en", "de"):
        text = costs_csv(report, lang)
        text = text.decode("utf-8-sig") if isinstance(text, bytes) else text
        blob = text + json.dumps(data, ensure_ascii=False)
        for symbol in ("$", "€", "USD", "EUR", "US$"):
            assert symbol not in blob, (lang, symbol)
        assert translator(lang).money(Decimal("0"), report.currency) == "—"  # what pages show for an amount
        # the workbook: no "()" after the charge header, no amount where nothing is priced
        xlsx = build_workbook(plan, report, lang=lang)
        book = CalamineWorkbook.from_filelike(io.BytesIO(xlsx))
        cells = " ".join(str(v) for n in book.sheet_names for r in book.get_sheet_by_name(n).to_python() for v in r)
        with zipfile.ZipFile(io.BytesIO(xlsx)) as zf:
            formats = zf.read("xl/styles.xml").decode("utf-8").replace("&quot;", '"')  # money number formats
        assert "()" not in cells and not any(c in cells for c in ("$", "€", "USD", "EUR")), lang
        assert not any(f'"{c}' in formats for c in ("$", "€", "US$")), lang  # no quoted symbol ([$-407] is a locale)
