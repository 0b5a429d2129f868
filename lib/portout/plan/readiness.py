"""Is each request ready to submit (issue 12)? `ready`, or `needs_attention` with items (code, English
message and fix, params; plan.readiness_texts renders them per language): organisation values unset or still the sample's, no signer, partner values to confirm, fields the
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
from portout.plan.readiness_texts import item, warning_item
from portout.plan.schedule import date_problems
from portout.settings import OrgSettings, sample_fields

READY, NEEDS_ATTENTION = "ready", "needs_attention"

# Warnings a check below already reports in its own words.
_COVERED = {"still_assigned", "no_signer", "no_account_number", "no_loa_name", "partner_values_to_confirm"}

# The fix for warnings that name requests (a key of READINESS_FIXES); others get a generic one.
_FIXES = {
    "address_spellings",
    "possible_duplicate_address",
    "approximate_address",
    "mobile_number",
    "btn_not_in_request",
    "address_area_mismatch",
    "non_local_address",
}


def _organisation_items(settings: OrgSettings) -> list[dict[str, Any]]:
    """Problems that hold for every request: the organisation's own values."""
    items = []
    if not settings.org_id:
        items.append(item("unset_org_value"))
    sample = sample_fields(settings)
    if sample:
        items.append(item("sample_org_value", fields=list(sample)))
    if not settings.signer.name:
        items.append(item("missing_signer"))
    if settings.invoiced_by == "partner" and settings.partner.address.is_empty():
        items.append(item("partner_values_to_confirm"))
    return items


def _missing_fields(r: PortRequest, settings: OrgSettings) -> list[dict[str, Any]]:
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
        out.append(item("missing_field", field=name))
    return out


def request_items(
    r: PortRequest, settings: OrgSettings, today: date, warnings_for: list[Any], org_items: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    items = list(org_items) + _missing_fields(r, settings)
    items += [
        item(code, **params) for code, params in date_problems(r, today, settings.carrier.lead_time_business_days)
    ]
    if r.assigned_numbers:
        items.append(item("numbers_still_assigned", count=r.assigned_numbers))
    if r.category == "mixed":
        items.append(item("mixed_categories"))
    addr_country = r.service_address.country
    if (
        settings.carrier.address_in_number_country
        and r.country != "mixed"
        and addr_country
        and addr_country != r.country
    ):
        items.append(item("address_country_mismatch", country=r.country, address_country=addr_country))
    seen = {i["code"] for i in items}
    for w in warnings_for:
        if w.code in _COVERED or w.code in seen:
            continue
        seen.add(w.code)
        fix = w.code if w.code in _FIXES else "warning"
        if w.code == "address_country_mismatch":
            fix = "address_country_mismatch_warning"
        if w.code == "address_area_mismatch" and r.country == "DE" and settings.carrier.local_area_rule:
            fix = "address_area_mismatch_local_rule"
        items.append(warning_item(w, fix))
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
