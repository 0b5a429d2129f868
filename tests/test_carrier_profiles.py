"""Carrier profiles: each profile's values, every value overridable in org.toml, errors name the field."""

from __future__ import annotations

import dataclasses

import pytest

from paths import SAMPLES
from portout.errors import SettingsError
from portout.settings import (
    CARRIER_PROFILES,
    REQUIRED_FIELDS,
    CarrierOptions,
    dump_settings,
    load_settings,
    parse_settings,
    sample_fields,
)


def test_generic_is_the_behaviour_before_profiles() -> None:
    assert parse_settings({}).carrier == CarrierOptions()
    generic = CARRIER_PROFILES["generic"]
    c = parse_settings({"carrier": {"profile": "generic"}}).carrier
    assert c.max_numbers_per_request == generic["max_numbers_per_request"] == 1000
    assert c.split_by_country and c.toll_free_separate and c.loa_validity_days == 0


@pytest.mark.parametrize("profile", sorted(CARRIER_PROFILES))
def test_every_profile_loads_with_its_values(profile: str) -> None:
    c = parse_settings({"carrier": {"profile": profile.upper()}}).carrier
    assert c.profile == profile
    for key, value in CARRIER_PROFILES[profile].items():
        got = getattr(c, key)
        assert (list(got) if isinstance(got, tuple) else got) == value
    assert set(c.required_fields) <= set(REQUIRED_FIELDS)


def test_profiles_differ_where_the_carriers_do() -> None:
    telnyx = parse_settings({"carrier": {"profile": "telnyx"}}).carrier
    bandwidth = parse_settings({"carrier": {"profile": "bandwidth"}}).carrier
    assert telnyx.loa_validity_days == 90 and telnyx.local_area_rule
    assert bandwidth.max_numbers_per_request == 5000


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("accepts_letters_in_account_number", False),
        ("split_by_country", False),
        ("toll_free_separate", False),
        ("max_numbers_per_request", 17),
        ("lead_time_business_days", 12),
        ("loa_validity_days", 30),
        ("address_in_number_country", False),
        ("local_area_rule", False),
        ("required_fields", ["signer_title"]),
    ],
)
def test_every_profile_value_can_be_overridden(key: str, value: object) -> None:
    c = parse_settings({"carrier": {"profile": "telnyx", key: value}}).carrier
    got = getattr(c, key)
    assert (list(got) if isinstance(got, tuple) else got) == value
    # the others keep the profile's values
    for other, default in CARRIER_PROFILES["telnyx"].items():
        if other != key:
            got = getattr(c, other)
            assert (list(got) if isinstance(got, tuple) else got) == default


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"carrier": {"profile": "acme"}}, "carrier.profile"),
        ({"carrier": {"lead_time_business_days": -1}}, "carrier.lead_time_business_days"),
        ({"carrier": {"loa_validity_days": "90"}}, "carrier.loa_validity_days"),
        ({"carrier": {"required_fields": ["pin"]}}, "carrier.required_fields"),
        ({"scope": {"countries": ["Atlantis"]}}, "scope.countries"),
        ({"scope": {"categories": ["premium"]}}, "scope.categories"),
        ({"scope": {"requests": "PR-1"}}, None),
        ({"schedule": {"port_date": "next week"}}, "schedule.port_date"),
        ({"schedule": {"removal_lag_days": 400}}, "schedule.removal_lag_days"),
    ],
)
def test_bad_values_name_their_field(data: dict, field: str | None) -> None:
    if field is None:
        assert parse_settings(data).scope.requests == ("PR-1",)  # one text is a list of one
        return
    with pytest.raises(SettingsError, match=field.replace(".", r"\.")):
        parse_settings(data)


def test_scope_and_schedule_round_trip() -> None:
    s = parse_settings(
        {
            "carrier": {"profile": "twilio", "loa_validity_days": 45},
            "scope": {"countries": ["Deutschland"], "categories": ["toll-free"], "use_port_column": False},
            "schedule": {"port_date": "2026-12-07", "removal_lag_days": 2},
        }
    )
    assert s.scope.countries == ("DE",) and s.scope.categories == ("toll_free",)
    assert s.schedule.port_date == "2026-12-07"
    assert load_settings(dump_settings(s).encode()) == s
    assert dataclasses.asdict(s.carrier)["loa_validity_days"] == 45


def test_sample_values_are_recognised() -> None:
    assert "organization.id" in sample_fields(load_settings(SAMPLES / "org.toml"))
    mine = parse_settings(
        {"organization": {"id": "0a1b2c3d-0000-4000-8000-00000000beef"}, "signer": {"email": "a@corp.de"}}
    )
    assert sample_fields(mine) == []
