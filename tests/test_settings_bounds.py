"""Settings values at the edges: absurd amounts, non-currency ISO codes, an empty default country. Each is
refused with its field and the value given; the same rules hold for inventory charges."""

from __future__ import annotations

from decimal import Decimal

import pytest

from costs_helpers import inventory_bytes, row
from portout.errors import PortoutError, SettingsError
from portout.inventory.reader import read_inventory
from portout.plan.planner import build_plan
from portout.settings import parse_settings


def _settings(**billing: object) -> dict[str, object]:
    return {"organization": {"default_country": "US"}, "billing": {"currency": "USD", **billing}}


@pytest.mark.parametrize("amount", ["1e309", "9" * 5000, "1000000.01", 1e300, "0.0000001"])
def test_absurd_price_amounts_are_refused(amount: object) -> None:
    with pytest.raises(SettingsError) as caught:
        parse_settings(_settings(prices={"US": {"geographic": amount}}))
    assert caught.value.field == "billing.prices.US.geographic"
    assert len(str(caught.value)) < 200  # 5,000 digits are not echoed back


def test_plausible_prices_and_rates_still_pass() -> None:
    s = parse_settings(_settings(prices={"US": {"geographic": "999999.99"}}, exchange_rates={"EUR": "1.0843219"}))
    assert s.billing.prices["US"]["geographic"] == Decimal("999999.99")
    assert s.billing.exchange_rates["EUR"] == Decimal("1.0843219")
    with pytest.raises(SettingsError, match="exchange_rates.EUR"):
        parse_settings(_settings(exchange_rates={"EUR": "1e400"}))


@pytest.mark.parametrize("code", ["XXX", "XTS", "XAU", "XDR", "xag", "CHE"])
def test_non_currencies_are_refused_as_invoice_currency(code: str) -> None:
    with pytest.raises(SettingsError, match="not a currency invoices are paid in") as caught:
        parse_settings(_settings(currency=code))
    assert caught.value.field == "billing.currency"
    with pytest.raises(SettingsError, match="not a currency invoices are paid in"):
        parse_settings(_settings(exchange_rates={code: "1.0"}))


def test_real_x_currencies_still_pass() -> None:
    for code in ("XOF", "XAF", "XCD", "XPF"):
        assert parse_settings(_settings(currency=code)).billing.currency == code


def test_inventory_charge_in_a_non_currency_is_refused() -> None:
    settings = parse_settings(_settings(prices={"US": {"geographic": "1.00"}}))
    plan = build_plan(read_inventory(inventory_bytes([row(0, mrc="1.00", currency="XAU")])), settings)
    from portout.costs.report import compute_costs

    with pytest.raises(PortoutError, match="row 1: currency 'XAU'"):
        compute_costs(plan, settings.billing)


@pytest.mark.parametrize("value", ["", "   "])
def test_empty_default_country_names_the_value(value: str) -> None:
    with pytest.raises(SettingsError, match="organization.default_country: '' is empty; give an ISO code"):
        parse_settings({"organization": {"default_country": value}})
