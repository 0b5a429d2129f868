"""Build the canonical inventory from a live Genesys Cloud organisation (issue 6).

`fetch_inventory` reads everything first and builds the table only when every call succeeded: a
fetch that cannot get every page raises `GenesysError`, never returns a partial inventory.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pandas as pd
import phonenumbers

from portout.errors import InventoryError, Text, read_source
from portout.export.csv_text import to_csv
from portout.genesys.client import DEFAULT_DEADLINE, DEFAULT_TIMEOUT, GenesysClient, GenesysError, json_kind
from portout.genesys.numbers_export import NumbersExport, read_numbers_export
from portout.genesys.regions import check_loopback_base, resolve_region
from portout.i18n import N_, Translator
from portout.inventory.countries import country_code
from portout.inventory.reader import CANONICAL_COLUMNS
from portout.settings import Address

EDGES = "/api/v2/telephony/providers/edges"

# The reader's columns, in its order, all text; a fetched inventory makes no scope choice (no `port`).
INVENTORY_COLUMNS = [c for c in CANONICAL_COLUMNS if c != "port"]
SOURCE_EXPORT = "number_management_export"
SOURCE_APPROX = "approximate_owner_site_location"
BYOC = "PURE_CLOUD"


@dataclass(frozen=True)
class OrgInfo:
    id: str
    name: str
    default_country: str

    @property
    def account_number(self) -> str:
        """Last eight letters/digits of the Organization ID (the LOA account number, domain.md §1)."""
        return re.sub(r"[^0-9A-Za-z]", "", self.id)[-8:]


@dataclass(frozen=True)
class ShipTo:
    name: str
    address: Address


@dataclass
class FetchResult:
    inventory: pd.DataFrame  # INVENTORY_COLUMNS, one row per number, all text
    org: OrgInfo
    ship_to: ShipTo | None  # None when the invoice API is not permitted or has no invoice
    currency: str  # the latest invoice's currency, "" when unknown
    # English text; each is an errors.Text, so `warning_texts` writes them in the reader's language
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def warning_texts(self, _: Translator) -> list[str]:
        """The warnings in `_`'s language."""
        return [w.render(_) if isinstance(w, Text) and _.lang != "en" else w for w in self.warnings]

    def to_csv_bytes(self) -> bytes:
        """The inventory as UTF-8 CSV (numbers stay text): what `portout fetch -o` writes."""
        # Location names and streets come from the org's admins: neutralised like every other CSV we write.
        frame = self.inventory.astype(object).where(self.inventory.notna(), "")
        return to_csv([str(c) for c in frame.columns], frame.itertuples(index=False, name=None)).encode("utf-8")


def _text(value: Any, what: str = Text(N_("a text field"))) -> str:
    """A scalar JSON value as text. A list or object where text belongs (an `id` or `number` that is a
    list) is a broken answer: refused with its field named, never stringified into the inventory."""
    if isinstance(value, (dict, list)):
        raise GenesysError(
            N_("Genesys Cloud sent {kind} as {what}, where the API defines text; nothing was written"),
            status=200,
            kind=json_kind(value),
            what=what,
        )
    return "" if value is None else str(value).strip()


def _field(obj: dict[str, Any], key: str) -> str:
    return _text(obj.get(key), f"{key!r}")


def _list(obj: dict[str, Any], key: str) -> list[Any]:
    """A JSON array field ([] when absent); a number or text there is a broken answer, refused."""
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise GenesysError(
            N_("Genesys Cloud sent {kind} as {key!r}, where the API defines a list; nothing was written"),
            status=200,
            kind=type(value).__name__,  # the JSON value's Python type (str, int), as a developer reads it
            key=key,
        )
    return value


def _obj(value: Any) -> dict[str, Any]:
    """A JSON object field, or an empty one when the API left it out or sent something else."""
    return value if isinstance(value, dict) else {}


def _id(ref: Any) -> str:
    return _field(ref, "id") if isinstance(ref, dict) else ""


def _location_address(location: dict[str, Any]) -> Address:
    raw = _obj(location.get("address"))
    country_text = _field(raw, "country") or _field(raw, "countryName")
    return Address(
        street1=_field(raw, "street1"),
        street2=_field(raw, "street2"),
        city=_field(raw, "city"),
        state=_field(raw, "state"),
        postal_code=_field(raw, "zipcode"),
        country=(country_code(country_text) or country_text) if country_text else "",
    )


_TYPE_NAMES = {getattr(phonenumbers.PhoneNumberType, n): n for n in dir(phonenumbers.PhoneNumberType) if n.isupper()}


def _number_type(number: str) -> tuple[str, str]:
    """(libphonenumber type name, ISO country of the number) or ('', '') when it does not parse."""
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return "", ""
    kind = _TYPE_NAMES.get(phonenumbers.number_type(parsed), "")
    return kind, phonenumbers.region_code_for_number(parsed) or ""


def _ship_to(invoices: list[dict[str, Any]]) -> tuple[ShipTo | None, str]:
    if not invoices:
        return None, ""
    # the latest invoice: ISO dates compare as text; without dates the listing order is kept
    # BillingInvoice.dateInvoiced (yyyy-MM-dd, the SDK model); "invoiceDate" does not exist in the API
    latest = max(enumerate(invoices), key=lambda p: (_field(p[1], "dateInvoiced"), p[0]))[1]
    customer = _obj(latest.get("shipToCustomer"))
    raw = _obj(latest.get("shipToAddress"))
    country_text = _field(raw, "countryCode")
    address = Address(
        street1=_field(raw, "line1"),
        street2=", ".join(p for p in (_field(raw, "line2"), _field(raw, "line3")) if p),
        city=_field(raw, "cityName"),
        state=_field(raw, "stateCode"),
        postal_code=_field(raw, "postalCode"),
        country=(country_code(country_text) or country_text) if country_text else "",
    )
    name = _field(customer, "name")
    ship_to = ShipTo(name, address) if name or not address.is_empty() else None
    return ship_to, _field(latest, "currencyIsoCode").upper()


@dataclass
class _Raw:
    """Everything read from the API, before any of it is used."""

    org: dict[str, Any]
    pools: list[dict[str, Any]]
    pool_numbers: list[dict[str, Any]]
    dids: list[dict[str, Any]]
    locations: list[dict[str, Any]]
    sites: list[dict[str, Any]]
    users: list[dict[str, Any]]
    phones: list[dict[str, Any]]
    invoices: list[dict[str, Any]]
    invoice_warning: str
    optional_warnings: list[str] = field(default_factory=list)


def _read_all(client: GenesysClient, progress: Callable[[str], None]) -> _Raw:
    progress("organization")
    org = client.get_json("/api/v2/organizations/me")
    if not isinstance(org, dict) or not org.get("id"):
        raise GenesysError(
            N_("Genesys Cloud GET {endpoint}: the answer has no organization id"),
            endpoint="/api/v2/organizations/me",
            status=200,
        )
    progress("DID pools")
    pools = client.get_all(f"{EDGES}/didpools")
    progress("pool numbers")
    pool_numbers = client.get_all(f"{EDGES}/didpools/dids", {"type": "ASSIGNED_AND_UNASSIGNED"}, key="number")
    progress("assigned DIDs")
    dids = client.get_all(f"{EDGES}/dids")
    progress("locations")
    locations = client.get_all("/api/v2/locations")
    progress("sites")
    # expand=location: whether a site carries its location's id without it is not documented.
    sites = client.get_all(f"{EDGES}/sites", {"expand": "location"})
    # Users and phones only improve addresses (owner -> phone/user -> site -> location) for numbers no
    # Number Management export covers; an OAuth client without directory permissions gets 403 for them.
    # Numbers, pools and locations above are required: without them there is no inventory.
    optional_warnings: list[str] = []

    def optional(what: str, consequence: str, read: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
        try:
            return read()
        except GenesysError as err:
            if err.status not in (403, 404):
                raise
            optional_warnings.append(
                Text(
                    N_(
                        "no {what}: GET {endpoint} answered HTTP {status} (the OAuth client lacks the permission, "
                        "or the organisation has none); {consequence}"
                    ),
                    what=Text(what),
                    endpoint=err.endpoint,
                    status=err.status,
                    consequence=Text(consequence),
                )
            )
            return []

    def all_users() -> list[dict[str, Any]]:
        # /api/v2/users lists active users unless told otherwise: numbers owned by inactive users would
        # lose their location. One walk per state, merged by id.
        users: dict[str, dict[str, Any]] = {}
        for state in ("active", "inactive"):
            for user in client.get_all("/api/v2/users", {"expand": "locations", "state": state}):
                users.setdefault(_id(user), user)
        return list(users.values())

    progress("users")
    users = optional(N_("users"), N_("owners' locations are not used for addresses"), all_users)
    progress("phones")
    # sortBy=id: sorted by anything else the listing stops at 10,000 results. Ask for the fields we use:
    # whether webRtcUser comes without `fields` is not documented.
    phones = optional(
        N_("phones"),
        N_("phones' sites are not used for addresses"),
        lambda: client.get_all(f"{EDGES}/phones", {"sortBy": "id", "fields": "id,name,site,webRtcUser"}),
    )
    progress("invoices")
    invoices: list[dict[str, Any]] = []
    invoice_warning = ""
    try:
        # A cursor-paged preview API (before/after, nextUri; at most 200 a page; no page numbers).
        invoices = client.get_all_cursor("/api/v2/billing/contracts/invoices")
    except GenesysError as err:
        if err.status not in (403, 404):
            raise
        # a preview API: not every OAuth client may call it, not every org has it
        invoice_warning = Text(
            N_(
                "no invoice Ship To: GET {endpoint} answered HTTP {status}; set the Ship To name and address in "
                "the settings"
            ),
            endpoint="/api/v2/billing/contracts/invoices",
            status=err.status,
        )
    return _Raw(
        org, pools, pool_numbers, dids, locations, sites, users, phones, invoices, invoice_warning, optional_warnings
    )


class _Approximator:
    """owner -> user's location, or owner -> phone -> site -> location; then the pool's usual location;
    then the organisation's default site when its country matches the number's."""

    def __init__(self, raw: _Raw, locations: dict[str, dict[str, Any]]) -> None:
        self.locations = locations
        self.site_location = {_id(s): _id(s.get("location")) for s in raw.sites}
        self.user_location: dict[str, str] = {}
        for user in raw.users:
            for ul in _list(user, "locations"):
                lid = _id(ul.get("locationDefinition")) if isinstance(ul, dict) else ""
                if lid:
                    self.user_location.setdefault(_id(user), lid)
        self.phone_site = {_id(p): _id(p.get("site")) for p in raw.phones}
        self.user_phone_site: dict[str, str] = {}
        for phone in raw.phones:
            uid = _id(phone.get("webRtcUser"))
            if uid:
                self.user_phone_site.setdefault(uid, _id(phone.get("site")))
        self.default_location = self.site_location.get(_field(raw.org, "defaultSiteId"), "")
        self.pool_location: dict[str, str] = {}

    def by_owner(self, owner_id: str, owner_type: str) -> str:
        if owner_type == "USER":
            return self.user_location.get(owner_id) or self.site_location.get(
                self.user_phone_site.get(owner_id, ""), ""
            )
        if owner_type == "PHONE":
            return self.site_location.get(self.phone_site.get(owner_id, ""), "")
        return ""

    def learn_pools(self, owner_locations: dict[str, list[str]]) -> None:
        for pool_id, lids in owner_locations.items():
            if lids:
                self.pool_location[pool_id] = Counter(lids).most_common(1)[0][0]

    def fallback(self, pool_id: str, number_country: str) -> tuple[str, str]:
        if lid := self.pool_location.get(pool_id):
            return lid, "pool"
        default = self.locations.get(self.default_location)
        if default and number_country and _location_address(default).country == number_country:
            return self.default_location, "default_site"
        return "", ""


def fetch_inventory(
    region: str | None,
    client_id: str,
    client_secret: str,
    numbers_export: str | Path | bytes | None = None,
    api_base: str | None = None,
    login_base: str | None = None,
    *,
    timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
    attempts: int = 6,
    transport: httpx.BaseTransport | None = None,
    progress: Callable[[str], None] | None = None,
    deadline: float | None = DEFAULT_DEADLINE,
    on_retry: Callable[[str], None] | None = None,
) -> FetchResult:
    """Fetch the organisation's numbers and build the canonical inventory.

    `region`: SDK name or host (see regions.py). `api_base`/`login_base` override the region's hosts
    for a local test or demo server and are refused unless they are loopback URLs. `numbers_export`:
    a Number Management export (path or bytes), the authoritative address source. `progress` gets a
    short label before each listing (for a spinner). Raises `GenesysError` / `PortoutError`.
    """
    if api_base or login_base:
        api = check_loopback_base(api_base or login_base or "", "--api-base")
        login = check_loopback_base(login_base or api_base or "", "--login-base")
    else:
        reg = resolve_region(region or "")
        api, login = reg.api_base, reg.login_base
    report = progress or (lambda _step: None)
    if numbers_export is not None:
        # read the file before any network call: a wrong path should not cost a full fetch
        numbers_export = read_source(numbers_export, N_("the numbers export"), InventoryError)
    with GenesysClient(
        client_id,
        client_secret,
        api_base=api,
        login_base=login,
        timeout=timeout,
        attempts=attempts,
        transport=transport,
        deadline=deadline,
        on_retry=on_retry,
    ) as client:
        raw = _read_all(client, report)
    org = OrgInfo(
        id=_field(raw.org, "id"),
        name=_field(raw.org, "name"),
        default_country=_field(raw.org, "defaultCountryCode").upper() or "US",
    )
    export = read_numbers_export(numbers_export, org.default_country) if numbers_export is not None else None
    return _build(raw, org, export)


def _build(raw: _Raw, org: OrgInfo, export: NumbersExport | None) -> FetchResult:
    warnings: list[str] = list(raw.optional_warnings)
    if raw.invoice_warning:
        warnings.append(raw.invoice_warning)
    ship_to, currency = _ship_to(raw.invoices)
    if not raw.invoice_warning and ship_to is None:
        warnings.append(Text(N_("no invoice found: the Ship To name and address must be set in the settings")))

    pools = {_id(p): p for p in raw.pools}
    locations = {_id(loc): loc for loc in raw.locations}
    by_name = {_field(loc, "name").casefold(): loc for loc in raw.locations}
    dids: dict[str, dict[str, Any]] = {}
    for did in raw.dids:
        number = _text(did.get("phoneNumber") or did.get("name"), "'phoneNumber'")
        if number:
            dids.setdefault(number, did)

    # one record per number: the pool listing is the complete list, /dids adds owners and state
    records: dict[str, dict[str, Any]] = {}
    for entry in raw.pool_numbers:
        number = _field(entry, "number")
        if number and number not in records:
            records[number] = {
                "number": number,
                "pool": _id(entry.get("didPool")),
                "owner": entry.get("owner") if isinstance(entry.get("owner"), dict) else {},
                "owner_type": _field(entry, "ownerType"),
            }
    outside_pools = 0
    for number, did in dids.items():
        record = records.get(number)
        if record is None:
            outside_pools += 1
            record = records[number] = {
                "number": number,
                "pool": _id(did.get("didPool")),
                "owner": {},
                "owner_type": "",
            }
        if isinstance(did.get("owner"), dict) and did["owner"]:
            record["owner"] = did["owner"]
            record["owner_type"] = _field(did, "ownerType") or record["owner_type"]
    if outside_pools:
        warnings.append(
            Text(
                N_(
                    "{count} assigned DIDs are in no DID pool listing; their provider comes from the DID's own "
                    "pool reference"
                ),
                count=outside_pools,
            )
        )

    approx = _Approximator(raw, locations)
    owner_loc: dict[str, str] = {}
    per_pool: dict[str, list[str]] = {}
    for number, record in records.items():
        lid = approx.by_owner(_id(record["owner"]), record["owner_type"])
        if lid in locations:
            owner_loc[number] = lid
            per_pool.setdefault(record["pool"], []).append(lid)
    approx.learn_pools(per_pool)

    rows: list[dict[str, str]] = []
    counts: Counter[str] = Counter()
    unknown_provider = 0
    for number in sorted(records):
        record = records[number]
        pool = pools.get(record["pool"], {})
        provider = _field(pool, "provider")
        if not provider:
            unknown_provider += 1
        kind, number_country = _number_type(number)
        row = dict.fromkeys(INVENTORY_COLUMNS, "")
        row.update(
            number=number,
            number_type=kind,
            provider=provider,
            owner=_field(record["owner"], "name"),
            owner_type=record["owner_type"],
            currency=currency,
        )
        address, location_name, source = Address(), "", ""
        found = export.rows.get(number) if export is not None else None
        if found is not None:
            location_name, source = found.location, SOURCE_EXPORT
            address = found.address
            if address.is_empty() and found.location:
                # the export names the location; its address comes from the location definition
                loc = by_name.get(found.location.casefold())
                if loc is not None:
                    address = _location_address(loc)
            if address.is_empty() and found.address_text:
                row["address"] = found.address_text
        else:
            # not in the export (or no export): approximate, and say so in address_source
            lid = owner_loc.get(number, "")
            how = "owner" if lid else ""
            if not lid:
                lid, how = approx.fallback(record["pool"], number_country)
            if lid:
                loc = locations[lid]
                location_name, source = _field(loc, "name"), SOURCE_APPROX
                address = _location_address(loc)
                counts[f"approx_{how}"] += 1
        row.update(
            location=location_name,
            street1=address.street1,
            street2=address.street2,
            city=address.city,
            state=address.state,
            postal_code=address.postal_code,
            country=address.country,
            address_source=source,
        )
        if not row["address"]:
            row["address"] = address.one_line()
        if not row["address"]:
            row["address_source"] = ""
            counts["no_address"] += 1
        counts[f"provider_{provider or 'unknown'}"] += 1
        counts[f"source_{row['address_source'] or 'none'}"] += 1
        rows.append(row)

    counts["numbers"] = len(rows)
    byoc = counts[f"provider_{BYOC}"]
    if byoc:
        warnings.append(
            Text(
                N_(
                    "{count} numbers are BYOC (provider {provider}): they belong to another carrier and are not "
                    "ported out of Genesys Cloud Voice"
                ),
                count=byoc,
                provider=BYOC,
            )
        )
    if unknown_provider:
        warnings.append(Text(N_("{count} numbers have no known DID pool provider"), count=unknown_provider))
    approx_total = counts[f"source_{SOURCE_APPROX}"]
    if approx_total:
        warnings.append(
            Text(
                N_(
                    "{count} addresses are approximate (owner -> site -> location: {owner}; the pool's usual "
                    "location: {pool}; the default site: {site}): check them against Number Management, or fetch "
                    "again with the Number Management export"
                ),
                count=approx_total,
                owner=counts["approx_owner"],
                pool=counts["approx_pool"],
                site=counts["approx_default_site"],
            )
        )
    if counts["no_address"]:
        warnings.append(Text(N_("{count} numbers have no service address"), count=counts["no_address"]))
    if export is not None:
        not_exported = sum(1 for n in records if n not in export.rows)
        if not_exported:
            warnings.append(
                Text(
                    N_("{count} numbers are not in {file}; their addresses were approximated or left empty"),
                    count=not_exported,
                    file=export.name,
                )
            )
        missing = [n for n in export.rows if n not in records]
        if missing:
            warnings.append(
                Text(
                    N_("{count} numbers of {file} are not in Genesys Cloud (e.g. {examples}); they were left out"),
                    count=len(missing),
                    file=export.name,
                    examples=", ".join(missing[:3]),
                )
            )
        if export.unreadable:
            warnings.append(
                Text(
                    N_("{count} rows of {file} have no readable phone number (e.g. {examples})"),
                    count=len(export.unreadable),
                    file=export.name,
                    examples=", ".join(export.unreadable[:3]),
                )
            )
        if export.duplicates:
            warnings.append(
                Text(
                    N_("{count} numbers appear more than once in {file}; the first row was used"),
                    count=export.duplicates,
                    file=export.name,
                )
            )
    frame = pd.DataFrame(rows, columns=INVENTORY_COLUMNS, dtype=object).fillna("")
    return FetchResult(
        inventory=frame, org=org, ship_to=ship_to, currency=currency, warnings=warnings, counts=dict(counts)
    )
