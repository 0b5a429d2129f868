"""Organisation settings (the `org.toml` file): who owns the numbers, who signs, what the carrier accepts,
how Genesys bills. `data/samples/org.toml` documents every field.

Settings are plain frozen dataclasses so a plan records exactly what it was built with; `load_settings`
validates and names the offending field in every error.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import phonenumbers
import tomli_w
from babel.numbers import get_currency_precision, list_currencies

from portout.errors import N_, SettingsError, Text, read_source
from portout.parsing import load_toml

CATEGORIES = ("geographic", "toll_free", "non_geographic", "mobile")
CONVENTIONS = ("actual", "30day")
ROUNDINGS = ("half_up", "half_even")
ROUNDING_SCOPES = ("number", "request")
INVOICED_BY = ("genesys", "partner")


@dataclass(frozen=True)
class Address:
    street1: str = ""
    street2: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    country: str = ""  # ISO 3166-1 alpha-2 where known

    def is_empty(self) -> bool:
        return not any(dataclasses.astuple(self))

    def one_line(self) -> str:
        city_line = " ".join(p for p in (self.postal_code, self.city) if p)
        parts = [self.street1, self.street2, city_line, self.state, self.country]
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Signer:
    name: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Partner:
    name: str = ""
    address: Address = field(default_factory=Address)


# What a gaining carrier's form can ask for; `carrier.required_fields` lists the ones this carrier needs,
# and readiness reports each one the plan cannot fill.
REQUIRED_FIELDS = (
    "loa_name",
    "service_address",
    "account_number",
    "btn",
    "signer_name",
    "signer_title",
    "signer_email",
    "signer_phone",
    "port_date",
)

# Carrier profiles (docs/carrier-profiles.md gives the source of every value). `generic` is the behaviour
# before profiles existed; every value can be overridden in [carrier].
CARRIER_PROFILES: dict[str, dict[str, Any]] = {
    "generic": {
        "accepts_letters_in_account_number": True,
        "split_by_country": True,
        "toll_free_separate": True,
        "max_numbers_per_request": 1000,
        "lead_time_business_days": 5,
        "loa_validity_days": 0,
        "address_in_number_country": False,
        "local_area_rule": False,
        "required_fields": ["loa_name", "service_address", "account_number", "signer_name"],
    },
    "twilio": {
        "accepts_letters_in_account_number": True,
        "split_by_country": True,
        "toll_free_separate": True,
        "max_numbers_per_request": 1000,
        "lead_time_business_days": 5,
        "loa_validity_days": 0,
        "address_in_number_country": True,
        "local_area_rule": False,
        "required_fields": [
            "loa_name",
            "service_address",
            "account_number",
            "btn",
            "signer_name",
            "signer_email",
            "port_date",
        ],
    },
    "telnyx": {
        "accepts_letters_in_account_number": True,
        "split_by_country": True,
        "toll_free_separate": True,
        "max_numbers_per_request": 1000,
        "lead_time_business_days": 5,
        "loa_validity_days": 90,
        "address_in_number_country": True,
        "local_area_rule": True,
        "required_fields": ["loa_name", "service_address", "account_number", "btn", "signer_name", "port_date"],
    },
    "bandwidth": {
        "accepts_letters_in_account_number": True,
        "split_by_country": True,
        "toll_free_separate": True,
        "max_numbers_per_request": 5000,
        "lead_time_business_days": 5,
        "loa_validity_days": 0,
        "address_in_number_country": True,
        "local_area_rule": False,
        "required_fields": ["loa_name", "service_address", "account_number", "btn", "signer_name", "port_date"],
    },
}


@dataclass(frozen=True)
class CarrierOptions:
    name: str = ""  # the gaining carrier, for the documents
    profile: str = "generic"  # a key of CARRIER_PROFILES: the defaults the values below started from
    accepts_letters_in_account_number: bool = True
    split_by_country: bool = True
    toll_free_separate: bool = True
    max_numbers_per_request: int = 1000
    lead_time_business_days: int = 5  # earliest port date: today + this many business days
    loa_validity_days: int = 0  # the LOA must be signed at most this many days before the port; 0 = no limit
    address_in_number_country: bool = False  # the service address must be in the number's country
    local_area_rule: bool = False  # German geographic numbers: the address must be in the number's Ortsnetz
    required_fields: tuple[str, ...] = ("loa_name", "service_address", "account_number", "signer_name")


@dataclass(frozen=True)
class ScopeSettings:
    """Which numbers leave now; everything else stays with Genesys. Empty lists mean "no restriction"."""

    countries: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()  # service-address lines or Number Management location names
    requests: tuple[str, ...] = ()  # request ids as the full plan names them
    use_port_column: bool = True  # honour the inventory's `port` column (yes/no, ja/nein) when it has one

    def is_everything(self) -> bool:
        return not (self.countries or self.categories or self.addresses or self.requests)


@dataclass(frozen=True)
class ScheduleSettings:
    """Port dates: a default requested port date, the LOA signature date, the removal lag."""

    port_date: str = ""  # ISO date for every request without its own; "" = today + the carrier's lead time
    loa_signed: str = ""  # ISO date the LOA was (or will be) signed; "" = assumed signed today
    removal_lag_days: int = 1  # planned removal from Genesys = port date + this many days


@dataclass(frozen=True)
class BillingSettings:
    # The invoice currency (ISO 4217); "" = not set: the cost report derives it from the inventory (the one
    # currency its priced rows carry, portout.costs.inputs.invoice_currency), never an invented default.
    currency: str = ""
    cycle_anchor_day: int = 1
    convention: str = "actual"
    include_removal_day: bool = True
    rounding: str = "half_up"
    rounding_scope: str = "number"
    # country (ISO alpha-2 or "*") -> category -> MRC in `currency`
    prices: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    # currency -> how many units of `currency` one unit of it is worth (for mixed-currency inventories)
    exchange_rates: dict[str, Decimal] = field(default_factory=dict)

    def price_for(self, country: str, category: str) -> Decimal | None:
        for key in (country, "*"):
            table = self.prices.get(key)
            if table and category in table:
                return table[category]
        return None


@dataclass(frozen=True)
class OrgSettings:
    org_id: str = ""
    org_name: str = ""
    default_country: str = "US"
    ship_to_name: str = ""
    ship_to: Address = field(default_factory=Address)
    has_invoice: bool = True
    invoiced_by: str = "genesys"
    partner: Partner = field(default_factory=Partner)
    signer: Signer = field(default_factory=Signer)
    carrier: CarrierOptions = field(default_factory=CarrierOptions)
    scope: ScopeSettings = field(default_factory=ScopeSettings)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    billing: BillingSettings = field(default_factory=BillingSettings)
    # Number Management location name -> address (the names an export carries without the address)
    locations: dict[str, Address] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The TOML-shaped dict (money as strings): what `save_settings` writes."""
        return _settings_to_toml_dict(self)


# --------------------------------------------------------------------------- parsing helpers

_ORG_ID = re.compile(r"^[0-9A-Za-z-]{8,64}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _table(data: dict[str, Any], key: str, path: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise SettingsError(_join(path, key), N_("must be a table"))
    return value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _str(data: dict[str, Any], key: str, path: str, default: str = "") -> str:
    value = data.get(key, default)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)  # a postcode typed as 46204
    if not isinstance(value, str):
        raise SettingsError(_join(path, key), N_("must be text, got {kind}"), kind=type(value).__name__)
    return value.strip()


def _bool(data: dict[str, Any], key: str, path: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise SettingsError(_join(path, key), N_("must be true or false"))
    return value


def _int(data: dict[str, Any], key: str, path: str, default: int, lo: int, hi: int) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise SettingsError(_join(path, key), N_("must be a whole number"))
    if not lo <= value <= hi:
        raise SettingsError(
            _join(path, key), N_("must be between {lo} and {hi}, got {value}"), lo=lo, hi=hi, value=value
        )
    return value


def _choice(data: dict[str, Any], key: str, path: str, default: str, choices: tuple[str, ...]) -> str:
    value = _str(data, key, path, default).lower().replace("-", "_")
    if value == "30_day":
        value = "30day"
    if value not in choices:
        raise SettingsError(
            _join(path, key), N_("must be one of {choices}, got {value!r}"), choices=", ".join(choices), value=value
        )
    return value


# One number's monthly charge above this is a typo, in settings as in the inventory (where --max-mrc can
# raise it): generous enough for IDR, KRW or VND prices. Exchange rates get more room both ways.
MAX_PRICE = Decimal(1_000_000)
MAX_PRICE_DECIMALS = 6
MAX_RATE = Decimal(1_000_000_000)
MAX_RATE_DECIMALS = 12


def _money(value: Any, path: str, limit: Decimal = MAX_PRICE, max_decimals: int = MAX_PRICE_DECIMALS) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise SettingsError(path, N_('must be an amount such as "1.25"'))
    text = str(value).strip()
    shown = text if len(text) <= 40 else f"{text[:20]}… ({len(text)} characters)"
    try:
        # floats go through str() so 0.1 stays 0.1, not 0.1000000000000000055...
        amount = Decimal(text)
    except InvalidOperation:
        raise SettingsError(path, N_("{value!r} is not an amount"), value=shown) from None
    if not amount.is_finite() or amount < 0:
        raise SettingsError(path, N_("must be a non-negative amount, got {value!r}"), value=shown)
    # Bounded like inventory charges: 1e309 or 5,000 digits is a paste error, and would make every
    # later Decimal operation fail (InvalidOperation) or crawl.
    if amount > limit:
        raise SettingsError(
            path, N_("{value} is not a plausible amount (more than {limit:,})"), value=shown, limit=limit
        )
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > max_decimals:
        raise SettingsError(
            path,
            N_("{value} has {decimals} decimals; at most {most} are accepted"),
            value=shown,
            decimals=-exponent,
            most=max_decimals,
        )
    return amount


def normalise_country(value: str, path: str = "country") -> str:
    """ISO alpha-2 for a country given as code or English/German name; '' stays ''."""
    from portout.inventory.countries import (
        country_code,  # local: keeps the import graph flat
    )

    if not value:
        return ""
    code = country_code(value)
    if code is None:
        raise SettingsError(path, N_("unknown country {value!r} (use an ISO code such as US, DE, GB)"), value=value)
    return code


def _address(data: dict[str, Any], path: str) -> Address:
    return Address(
        street1=_str(data, "street1", path),
        street2=_str(data, "street2", path),
        city=_str(data, "city", path),
        state=_str(data, "state", path),
        postal_code=_str(data, "postal_code", path),
        country=normalise_country(_str(data, "country", path), _join(path, "country")),
    )


# ISO 4217 codes that are not money an invoice is paid in: precious metals (XAU, XAG, XPD, XPT), IMF and
# bond-market units (XDR, XBA..XBD, XSU, XUA, XFU, XFO, XRE, XAD, XEU), testing (XTS), "no currency"
# (XXX), and the fund codes that sit beside a real currency (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW).
NOT_INVOICE_CURRENCIES = frozenset(
    [
        "XAD",
        "XAG",
        "XAU",
        "XBA",
        "XBB",
        "XBC",
        "XBD",
        "XDR",
        "XEU",
        "XFO",
        "XFU",
        "XPD",
        "XPT",
        "XRE",
        "XSU",
        "XTS",
        "XUA",
        "XXX",
        "BOV",
        "CHE",
        "CHW",
        "CLF",
        "COU",
        "MXV",
        "USN",
        "USS",
        "UYI",
        "UYW",
    ]
)


def invoice_currencies() -> frozenset[str]:
    """The ISO 4217 codes a Genesys invoice or an inventory charge may be in."""
    return frozenset(list_currencies()) - NOT_INVOICE_CURRENCIES


def _currency(value: str, path: str) -> str:
    code = value.strip().upper()
    if not code:
        return ""  # not set
    if code in NOT_INVOICE_CURRENCIES:
        raise SettingsError(
            path, N_("{value!r} is an ISO 4217 code but not a currency invoices are paid in"), value=value
        )
    if code not in list_currencies():
        raise SettingsError(path, N_("unknown ISO 4217 currency {value!r}"), value=value)
    get_currency_precision(code)
    return code


CURRENCY_NEEDED = N_("must be set when {table} is given: its amounts are in the invoice currency (e.g. EUR)")


def _prices(data: dict[str, Any], path: str) -> dict[str, dict[str, Decimal]]:
    prices: dict[str, dict[str, Decimal]] = {}
    for country, table in data.items():
        cpath = _join(path, country)
        if not isinstance(table, dict):
            raise SettingsError(cpath, N_("must be a table of category = amount"))
        key = "*" if country == "*" else normalise_country(country, cpath)
        row: dict[str, Decimal] = {}
        for category, amount in table.items():
            if category not in CATEGORIES:
                raise SettingsError(
                    _join(cpath, category),
                    N_("unknown category; use one of {categories}"),
                    categories=", ".join(CATEGORIES),
                )
            row[category] = _money(amount, _join(cpath, category))
        prices[key] = row
    return prices


def _str_list(data: dict[str, Any], key: str, path: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]  # one value written without brackets
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(_join(path, key), N_("must be a list of texts"))
    return tuple(v.strip() for v in value if v.strip())


def _iso_date(data: dict[str, Any], key: str, path: str) -> str:
    """An optional date (TOML date or ISO text) as ISO text; '' when absent."""
    value = data.get(key, "")
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    if not isinstance(value, str):
        raise SettingsError(_join(path, key), N_("must be a date such as 2026-12-01"))
    if not value.strip():
        return ""
    try:
        return datetime.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise SettingsError(_join(path, key), N_("{value!r} is not a date (use YYYY-MM-DD)"), value=value) from None


def _carrier(t: dict[str, Any]) -> CarrierOptions:
    """The profile's values, each overridable by the same key in [carrier]."""
    profile = _choice(t, "profile", "carrier", "generic", tuple(CARRIER_PROFILES))
    d = CARRIER_PROFILES[profile]
    fields_ = _str_list(t, "required_fields", "carrier") if "required_fields" in t else tuple(d["required_fields"])
    unknown = [f for f in fields_ if f not in REQUIRED_FIELDS]
    if unknown:
        raise SettingsError(
            "carrier.required_fields",
            N_("unknown field {value!r}; use any of {fields}"),
            value=unknown[0],
            fields=", ".join(REQUIRED_FIELDS),
        )
    return CarrierOptions(
        name=_str(t, "name", "carrier"),
        profile=profile,
        accepts_letters_in_account_number=_bool(
            t, "accepts_letters_in_account_number", "carrier", d["accepts_letters_in_account_number"]
        ),
        split_by_country=_bool(t, "split_by_country", "carrier", d["split_by_country"]),
        toll_free_separate=_bool(t, "toll_free_separate", "carrier", d["toll_free_separate"]),
        max_numbers_per_request=_int(
            t, "max_numbers_per_request", "carrier", d["max_numbers_per_request"], 1, 1_000_000
        ),
        lead_time_business_days=_int(t, "lead_time_business_days", "carrier", d["lead_time_business_days"], 0, 260),
        loa_validity_days=_int(t, "loa_validity_days", "carrier", d["loa_validity_days"], 0, 3650),
        address_in_number_country=_bool(t, "address_in_number_country", "carrier", d["address_in_number_country"]),
        local_area_rule=_bool(t, "local_area_rule", "carrier", d["local_area_rule"]),
        required_fields=fields_,
    )


def _scope(t: dict[str, Any]) -> ScopeSettings:
    categories = _str_list(t, "categories", "scope")
    for c in categories:
        if c.lower().replace("-", "_") not in CATEGORIES:
            raise SettingsError(
                "scope.categories",
                N_("unknown category {value!r}; use any of {categories}"),
                value=c,
                categories=", ".join(CATEGORIES),
            )
    return ScopeSettings(
        countries=tuple(normalise_country(c, "scope.countries") for c in _str_list(t, "countries", "scope")),
        categories=tuple(c.lower().replace("-", "_") for c in categories),
        addresses=_str_list(t, "addresses", "scope"),
        requests=_str_list(t, "requests", "scope"),
        use_port_column=_bool(t, "use_port_column", "scope", True),
    )


def parse_settings(data: dict[str, Any]) -> OrgSettings:
    """Validate a TOML-shaped dict into `OrgSettings`; every error names its field."""
    org = _table(data, "organization", "")
    org_id = _str(org, "id", "organization")
    if org_id and not _ORG_ID.match(org_id):
        raise SettingsError(
            "organization.id", N_("must be the Genesys Cloud Organization ID (letters, digits, hyphens)")
        )
    given_country = _str(org, "default_country", "organization", "US")
    if not given_country.strip():
        raise SettingsError(
            "organization.default_country",
            N_("{value!r} is empty; give an ISO code such as US, DE, GB"),
            value=given_country,
        )
    default_country = normalise_country(given_country, "organization.default_country")
    if default_country not in phonenumbers.SUPPORTED_REGIONS:
        raise SettingsError(
            "organization.default_country",
            N_("{value!r} ({code}) has no telephone numbering plan"),
            value=given_country,
            code=default_country,
        )

    invoice = _table(data, "invoice", "")
    ship_to = _table(invoice, "ship_to", "invoice")
    partner = _table(invoice, "partner", "invoice")
    invoiced_by = _choice(invoice, "invoiced_by", "invoice", "genesys", INVOICED_BY)
    partner_obj = Partner(name=_str(partner, "name", "invoice.partner"), address=_address(partner, "invoice.partner"))
    if invoiced_by == "partner" and not partner_obj.name:
        raise SettingsError("invoice.partner.name", N_('is required when invoiced_by = "partner"'))

    signer_t = _table(data, "signer", "")
    signer = Signer(
        name=_str(signer_t, "name", "signer"),
        title=_str(signer_t, "title", "signer"),
        email=_str(signer_t, "email", "signer"),
        phone=_str(signer_t, "phone", "signer"),
    )
    if signer.email and not _EMAIL.match(signer.email):
        raise SettingsError("signer.email", N_("{value!r} is not an e-mail address"), value=signer.email)

    carrier = _carrier(_table(data, "carrier", ""))
    scope = _scope(_table(data, "scope", ""))
    schedule_t = _table(data, "schedule", "")
    schedule = ScheduleSettings(
        port_date=_iso_date(schedule_t, "port_date", "schedule"),
        loa_signed=_iso_date(schedule_t, "loa_signed", "schedule"),
        removal_lag_days=_int(schedule_t, "removal_lag_days", "schedule", 1, 0, 365),
    )

    billing_t = _table(data, "billing", "")
    rates_t = _table(billing_t, "exchange_rates", "billing")
    currency = _currency(_str(billing_t, "currency", "billing"), "billing.currency")
    billing = BillingSettings(
        currency=currency,
        cycle_anchor_day=_int(billing_t, "cycle_anchor_day", "billing", 1, 1, 31),
        convention=_choice(billing_t, "convention", "billing", "actual", CONVENTIONS),
        include_removal_day=_bool(billing_t, "include_removal_day", "billing", True),
        rounding=_choice(billing_t, "rounding", "billing", "half_up", ROUNDINGS),
        rounding_scope=_choice(billing_t, "rounding_scope", "billing", "number", ROUNDING_SCOPES),
        prices=_prices(_table(billing_t, "prices", "billing"), "billing.prices"),
        exchange_rates={
            _currency(k, f"billing.exchange_rates.{k}"): _money(
                v, f"billing.exchange_rates.{k}", MAX_RATE, MAX_RATE_DECIMALS
            )
            for k, v in rates_t.items()
        },
    )
    if not currency and (billing.prices or billing.exchange_rates):
        # A price or a rate is an amount of the invoice currency: without it the amount means nothing.
        what = "[billing.prices]" if billing.prices else "[billing.exchange_rates]"
        raise SettingsError("billing.currency", CURRENCY_NEEDED.format(table=what), CURRENCY_NEEDED, table=what)

    locations_t = _table(data, "locations", "")
    locations = {}
    for name, loc in locations_t.items():
        if not isinstance(loc, dict):
            raise SettingsError(f"locations.{name}", N_("must be a table with street1, city, postal_code, country..."))
        locations[name.strip()] = _address(loc, f"locations.{name}")

    return OrgSettings(
        org_id=org_id,
        org_name=_str(org, "name", "organization"),
        default_country=default_country,
        ship_to_name=_str(ship_to, "name", "invoice.ship_to"),
        ship_to=_address(ship_to, "invoice.ship_to"),
        has_invoice=_bool(invoice, "has_invoice", "invoice", True),
        invoiced_by=invoiced_by,
        partner=partner_obj,
        signer=signer,
        carrier=carrier,
        scope=scope,
        schedule=schedule,
        billing=billing,
        locations=locations,
    )


def load_settings(source: str | Path | bytes) -> OrgSettings:
    """Read `org.toml` from a path or from bytes (an upload)."""
    text_name = Text(N_("uploaded settings")) if isinstance(source, bytes) else str(source)
    raw = read_source(source, error=lambda message, **params: SettingsError("file", message, **params))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SettingsError("file", N_("{name} is not UTF-8 text"), name=text_name) from None
    data = load_toml(text, text_name, error=lambda message, **params: SettingsError("file", message, **params))
    return parse_settings(data)


def _address_dict(address: Address) -> dict[str, str]:
    return {k: v for k, v in dataclasses.asdict(address).items() if v}


def _settings_to_toml_dict(s: OrgSettings) -> dict[str, Any]:
    b = s.billing
    return {
        "organization": {"id": s.org_id, "name": s.org_name, "default_country": s.default_country},
        "invoice": {
            "has_invoice": s.has_invoice,
            "invoiced_by": s.invoiced_by,
            "ship_to": {"name": s.ship_to_name, **_address_dict(s.ship_to)},
            "partner": {"name": s.partner.name, **_address_dict(s.partner.address)},
        },
        "signer": {k: v for k, v in dataclasses.asdict(s.signer).items() if v},
        "carrier": {**dataclasses.asdict(s.carrier), "required_fields": list(s.carrier.required_fields)},
        "scope": {k: (list(v) if isinstance(v, tuple) else v) for k, v in dataclasses.asdict(s.scope).items()},
        "schedule": dataclasses.asdict(s.schedule),
        "billing": {
            "currency": b.currency,
            "cycle_anchor_day": b.cycle_anchor_day,
            "convention": b.convention,
            "include_removal_day": b.include_removal_day,
            "rounding": b.rounding,
            "rounding_scope": b.rounding_scope,
            "prices": {c: {k: str(v) for k, v in t.items()} for c, t in b.prices.items()},
            "exchange_rates": {k: str(v) for k, v in b.exchange_rates.items()},
        },
        "locations": {name: _address_dict(a) for name, a in s.locations.items()},
    }


def dump_settings(settings: OrgSettings) -> str:
    """TOML text that `load_settings` reads back to equal settings."""
    return tomli_w.dumps(settings.to_dict())


def settings_from_form(base: OrgSettings, values: dict[str, Any]) -> dict[str, Any]:
    """The TOML dict of `base` with the form's flat values ("section.key" or "section.sub.key") written in.

    `parse_settings` then validates it, so the form reports the same field-named errors as the file.
    """
    data = base.to_dict()
    for dotted, value in values.items():
        node = data
        *parents, leaf = dotted.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = value
    return data


# The bundled sample's values (data/samples/org.toml) and the reserved example domains (RFC 2606): a
# plan built on them is a demonstration, never a request to submit.
SAMPLE_ORG_ID = "2f6c3a1e-8b7d-4c5e-9a10-1234abcd5678"
SAMPLE_NAMES = ("Harbor & Pine Logistics", "Harbor & Pine Logistics Inc.", "Dana Whitfield")
_EXAMPLE_DOMAIN = re.compile(r"@(?:[^@]*\.)?(example|test|invalid)(\.(com|net|org))?$|@example\.(com|net|org)$", re.I)


def sample_fields(settings: OrgSettings) -> list[str]:
    """The settings fields still holding the bundled sample's or placeholder values."""
    out = []
    if settings.org_id.lower() == SAMPLE_ORG_ID:
        out.append("organization.id")
    for path, value in (
        ("organization.name", settings.org_name),
        ("invoice.ship_to.name", settings.ship_to_name),
        ("signer.name", settings.signer.name),
    ):
        if value and value in SAMPLE_NAMES:
            out.append(path)
    if settings.signer.email and _EXAMPLE_DOMAIN.search(settings.signer.email):
        out.append("signer.email")
    return out
