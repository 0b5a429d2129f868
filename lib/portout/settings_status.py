"""Which organisation settings are unset or still the bundled sample's, and removing the sample's.

Why: a plan built on the sample's Ship To, signer, carrier or prices looks complete and is wrong. The
dashboard starts an uploaded inventory from unset values, says on every page what is unset or still the
sample's, and the workbook marks those cells. The sample settings are passed in (the app reads
data/samples/org.toml), so this module invents nothing about them.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd

from portout.errors import PortoutError
from portout.i18n import N_
from portout.settings import Address, OrgSettings

# Field path -> how a person calls it (catalogue messages: translate where shown).
FIELD_LABELS = {
    "organization.id": N_("Organization ID"),
    "organization.name": N_("organisation name"),
    "invoice.ship_to.name": N_("Ship To name (LOA name)"),
    "invoice.ship_to": N_("Ship To address"),
    "signer.name": N_("signer's name"),
    "signer.title": N_("signer's title"),
    "signer.email": N_("signer's e-mail"),
    "signer.phone": N_("signer's phone"),
    "carrier.name": N_("gaining carrier"),
    "billing.currency": N_("invoice currency (the inventory's monthly charges do not give one)"),
    "billing.prices": N_("prices per number (numbers without a price in the inventory are unpriced)"),
    "locations": N_("location addresses"),
}


def label(path: str) -> str:
    return FIELD_LABELS.get(path, path)


def unset_fields(s: OrgSettings, numbers: pd.DataFrame | None = None) -> list[str]:
    """The organisation values a port request needs that are empty. With the plan's `numbers`, the invoice
    currency is listed when it is unset and the inventory does not give it (none, or several currencies)."""
    out = []
    if not s.org_id:
        out.append("organization.id")
    if not s.org_name:
        out.append("organization.name")
    if s.has_invoice and s.invoiced_by == "genesys":
        if not s.ship_to_name:
            out.append("invoice.ship_to.name")
        if s.ship_to.is_empty():
            out.append("invoice.ship_to")
    if not s.signer.name:
        out.append("signer.name")
    if not s.signer.email:
        out.append("signer.email")
    if not s.carrier.name:
        out.append("carrier.name")
    if not s.billing.prices:
        out.append("billing.prices")
    if numbers is not None and not s.billing.currency and not _derived_currency(numbers, s):
        out.append("billing.currency")
    return out


def _derived_currency(numbers: pd.DataFrame, s: OrgSettings) -> str:
    from portout.costs.inputs import invoice_currency  # the costs package imports settings: import late

    try:
        return invoice_currency(numbers, s.billing)
    except PortoutError:
        return ""


def _pairs(s: OrgSettings) -> dict[str, object]:
    return {
        "organization.id": s.org_id.lower(),
        "organization.name": s.org_name,
        "invoice.ship_to.name": s.ship_to_name,
        "invoice.ship_to": s.ship_to,
        "signer.name": s.signer.name,
        "signer.title": s.signer.title,
        "signer.email": s.signer.email.lower(),
        "signer.phone": s.signer.phone,
        "carrier.name": s.carrier.name,
    }


def _empty(value: object) -> bool:
    return value.is_empty() if isinstance(value, Address) else not value


def sample_values(s: OrgSettings, sample: OrgSettings) -> list[str]:
    """The fields holding exactly the sample's (non-empty) value; prices and locations entry by entry."""
    mine, theirs = _pairs(s), _pairs(sample)
    out = [k for k, v in mine.items() if not _empty(v) and v == theirs[k]]
    if any(sample.billing.prices.get(country) == table for country, table in s.billing.prices.items()):
        out.append("billing.prices")
    if any(sample.locations.get(name) == addr for name, addr in s.locations.items()):
        out.append("locations")
    return out


def without_sample_values(s: OrgSettings, sample: OrgSettings) -> tuple[OrgSettings, list[str]]:
    """`s` with every value that is still the sample's emptied (prices and locations entry by entry),
    and the fields emptied."""
    found = sample_values(s, sample)
    if not found:
        return s, []
    signer = s.signer
    for part in ("name", "title", "email", "phone"):
        if f"signer.{part}" in found:
            signer = dataclasses.replace(signer, **{part: ""})
    changes: dict[str, Any] = {"signer": signer}
    if "organization.id" in found:
        changes["org_id"] = ""
    if "organization.name" in found:
        changes["org_name"] = ""
    if "invoice.ship_to.name" in found:
        changes["ship_to_name"] = ""
    if "invoice.ship_to" in found:
        changes["ship_to"] = Address()
    if "carrier.name" in found:
        changes["carrier"] = dataclasses.replace(s.carrier, name="")
    if "billing.prices" in found:
        prices = {c: t for c, t in s.billing.prices.items() if sample.billing.prices.get(c) != t}
        changes["billing"] = dataclasses.replace(s.billing, prices=prices)
    if "locations" in found:
        changes["locations"] = {n: a for n, a in s.locations.items() if sample.locations.get(n) != a}
    return dataclasses.replace(s, **changes), found


def _flat(data: object, prefix: str = "") -> dict[str, object]:
    if isinstance(data, dict):
        out: dict[str, object] = {}
        for key, value in data.items():
            out |= _flat(value, f"{prefix}.{key}" if prefix else str(key))
        return out
    return {prefix: data}


def changed_fields(old: OrgSettings, new: OrgSettings) -> list[tuple[str, object, object]]:
    """(field path, old value, new value) for every setting that differs: the confirmation after Apply."""
    a, b = _flat(old.to_dict()), _flat(new.to_dict())
    return [(k, a.get(k, ""), b.get(k, "")) for k in sorted(a.keys() | b.keys()) if a.get(k, "") != b.get(k, "")]


__all__ = ["FIELD_LABELS", "changed_fields", "label", "sample_values", "unset_fields", "without_sample_values"]
