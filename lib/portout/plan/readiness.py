"""Is each request ready to submit (issue 12)? `ready`, or `needs_attention` with items (code, message,
fix): organisation values unset or still the sample's, no signer, partner values to confirm, fields the
carrier requires that the plan cannot fill, date problems, numbers still assigned, mixed categories, and
every plan warning that names the request (address doubts, partial blocks, ... from whichever check
raised them). A problem planted in one request shows on that request only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date
from typing import Any

from portout.plan.model import Plan, PortRequest
from portout.plan.schedule import date_problems
from portout.settings import OrgSettings, sample_fields

READY, NEEDS_ATTENTION = "ready", "needs_attention"

# Warnings a check below already reports in its own words.
_COVERED = {"still_assigned", "no_signer", "no_account_number", "no_loa_name", "partner_values_to_confirm"}

# The fix for warnings that name requests; others get a generic one.
_FIXES = {
    "address_spellings": "check the service address against Genesys' record character for character",
    "possible_duplicate_address": "merge the two addresses on the Port plan page, or confirm they differ",
    "approximate_address": "check the address against Number Management before submitting",
    "mobile_number": "confirm these are Genesys Cloud Voice numbers",
    "btn_not_in_request": "choose a BTN among the request's numbers",
    "address_country_mismatch": "give the address where the numbers live (their country), or ask the carrier",
    "address_area_mismatch": "check the address is inside the numbers' area; carriers reject a LOCATION_MISMATCH",
    "non_local_address": "ask the carrier whether it takes this address, or give a local one",
}


def _item(code: str, message: str, fix: str) -> dict[str, str]:
    return {"code": code, "message": message, "fix": fix}


def _organisation_items(settings: OrgSettings) -> list[dict[str, str]]:
    """Problems that hold for every request: the organisation's own values."""
    items = []
    if not settings.org_id:
        items.append(
            _item(
                "unset_org_value",
                "organization.id is not set: no account number",
                "set organization.id to the Genesys Cloud Organization ID",
            )
        )
    sample = sample_fields(settings)
    if sample:
        items.append(
            _item(
                "sample_org_value",
                "still the bundled sample's or a placeholder value: " + ", ".join(sample),
                "put your organisation's values into org.toml",
            )
        )
    if not settings.signer.name:
        items.append(
            _item(
                "missing_signer",
                "no authorized signer",
                "set signer.name to a person with the Genesys Cloud Voice Admin role",
            )
        )
    if settings.invoiced_by == "partner" and settings.partner.address.is_empty():
        items.append(
            _item(
                "partner_values_to_confirm",
                "invoiced by a partner whose address is not given: the LOA values are to be confirmed by the partner",
                "ask the partner for the name and address on record, then set invoice.partner",
            )
        )
    return items


def _missing_fields(r: PortRequest, settings: OrgSettings) -> list[dict[str, str]]:
    signer = settings.signer
    have = {
        "loa_name": r.loa_name,
        "service_address": r.service_address.street1 and (r.service_address.city or r.service_address.postal_code),
        "account_number": r.account_number,
        "btn": r.btn,
        "signer_name": signer.name,
        "signer_title": signer.title,
        "signer_email": signer.email,
        "signer_phone": signer.phone,
        "port_date": r.port_date,
    }
    out = []
    for name in settings.carrier.required_fields:
        if name == "signer_name" or have.get(name):
            continue  # the signer has its own item
        out.append(
            _item(
                "missing_field",
                f"the carrier requires {name.replace('_', ' ')}, which is empty",
                f"fill in {name.replace('_', ' ')} (org.toml or the inventory)",
            )
        )
    return out


def request_items(
    r: PortRequest, settings: OrgSettings, today: date, warnings_for: list[Any], org_items: list[dict[str, str]]
) -> list[dict[str, str]]:
    items = list(org_items) + _missing_fields(r, settings)
    items += [_item(*p) for p in date_problems(r, today, settings.carrier.lead_time_business_days)]
    if r.assigned_numbers:
        items.append(
            _item(
                "numbers_still_assigned",
                f"{r.assigned_numbers} numbers are still assigned to users, phones, IVRs or groups",
                "reassign them or plan the cut-over before the port date",
            )
        )
    if r.category == "mixed":
        items.append(
            _item(
                "mixed_categories",
                "the request mixes number categories (toll-free with local numbers)",
                "keep toll-free apart (carrier.toll_free_separate = true) unless the carrier takes them together",
            )
        )
    addr_country = r.service_address.country
    if (
        settings.carrier.address_in_number_country
        and r.country != "mixed"
        and addr_country
        and addr_country != r.country
    ):
        items.append(
            _item(
                "address_country_mismatch",
                f"{r.country} numbers with a service address in {addr_country}: this carrier wants an address in "
                "the numbers' country",
                "give an address in the numbers' country (a location in Number Management), or ask the carrier",
            )
        )
    seen = {i["code"] for i in items}
    for w in warnings_for:
        if w.code in _COVERED or w.code in seen:
            continue
        seen.add(w.code)
        fix = _FIXES.get(w.code, "check the warning and fix the plan's input")
        if w.code == "address_area_mismatch" and r.country == "DE" and settings.carrier.local_area_rule:
            fix = (
                "this carrier enforces the German local-area rule (Ortsnetz): give an address inside the "
                "numbers' local network area, or leave these numbers out"
            )
        items.append(_item(w.code, w.message, fix))
    return items


def assess_readiness(plan: Plan) -> list[PortRequest]:
    """The plan's requests, each with its `readiness`."""
    today = date.fromisoformat(plan.today) if plan.today else date.today()
    by_request: dict[str, list[Any]] = defaultdict(list)
    for w in plan.warnings:
        for rid in w.request_ids:
            by_request[rid].append(w)
    org_items = _organisation_items(plan.settings)
    out = []
    for r in plan.requests:
        items = request_items(r, plan.settings, today, by_request.get(r.id, []), org_items)
        out.append(replace(r, readiness={"status": NEEDS_ATTENTION if items else READY, "items": items}))
    return out
