"""Organisation settings: the sample loads, invalid values name their field, TOML round-trips."""

from __future__ import annotations

from decimal import Decimal

import pytest

from paths import SAMPLES
from portout.errors import SettingsError
from portout.settings import dump_settings, load_settings, parse_settings

SAMPLE = SAMPLES / "org.toml"


def test_sample_settings_load() -> None:
    s = load_settings(SAMPLE)
    assert s.org_id.endswith("1234abcd5678")
    assert s.ship_to.country == "US" and s.signer.name
    assert s.billing.currency == "USD" and s.billing.cycle_anchor_day == 15
    assert s.billing.price_for("DE", "toll_free") == Decimal("4.00")
    assert s.billing.price_for("FR", "geographic") is None
    assert "Denver Warehouse" in s.locations


def test_round_trip_through_toml_text() -> None:
    s = load_settings(SAMPLE)
    assert load_settings(dump_settings(s).encode()) == s


@pytest.mark.parametrize(
    "data, field",
    [
        ({"organization": {"id": "not an id!"}}, "organization.id"),
        ({"organization": {"default_country": "Atlantis"}}, "organization.default_country"),
        ({"carrier": {"max_numbers_per_request": 0}}, "carrier.max_numbers_per_request"),
        ({"carrier": {"split_by_country": "yes"}}, "carrier.split_by_country"),
        ({"billing": {"currency": "EURO"}}, "billing.currency"),
        ({"billing": {"cycle_anchor_day": 32}}, "billing.cycle_anchor_day"),
        ({"billing": {"convention": "weekly"}}, "billing.convention"),
        ({"billing": {"prices": {"US": {"geographic": "-1"}}}}, "billing.prices.US.geographic"),
        ({"billing": {"prices": {"US": {"landline": "1"}}}}, "billing.prices.US.landline"),
        ({"invoice": {"invoiced_by": "partner"}}, "invoice.partner.name"),
        ({"invoice": {"ship_to": {"country": "Narnia"}}}, "invoice.ship_to.country"),
        ({"signer": {"email": "nobody"}}, "signer.email"),
        ({"signer": "Dana"}, "signer"),
    ],
)
def test_invalid_settings_name_the_field(data: dict, field: str) -> None:
    with pytest.raises(SettingsError) as err:
        parse_settings(data)
    assert err.value.field == field
    assert field in str(err.value)


def test_broken_toml_and_binary_files() -> None:
    with pytest.raises(SettingsError, match="not valid TOML"):
        load_settings(b"[organization\nid = 1")
    with pytest.raises(SettingsError, match="not UTF-8"):
        load_settings(b"\xff\xfe\x00garbage")


def test_defaults_when_sections_are_missing() -> None:
    s = parse_settings({})
    assert s.carrier.max_numbers_per_request == 1000 and s.billing.convention == "actual"
    assert s.has_invoice and s.invoiced_by == "genesys"
