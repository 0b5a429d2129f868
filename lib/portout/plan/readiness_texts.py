"""Readiness items (plan.readiness) in the reader's language: a title, what is wrong and the fix.

An item keeps its code, its parameters and the English message and fix (the JSON is the same in every
language); a person's view renders title, message and fix from the code's templates. Items that repeat a
plan warning use the warning's template (plan.messages). An item without parameters (a plan saved before
they existed) shows its English message rather than nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from babel.dates import format_date

from portout.i18n import N_, Message, Nn_, Translator, translator

# A short title per readiness code (warning codes take their warning's title).
READINESS_TITLES: dict[str, str] = {
    "unset_org_value": N_("Organization ID not set"),
    "sample_org_value": N_("Sample values in the settings"),
    "missing_signer": N_("No authorized signer"),
    "partner_values_to_confirm": N_("Partner values to confirm"),
    "missing_field": N_("A field the carrier requires is empty"),
    "numbers_still_assigned": N_("Numbers still assigned"),
    "mixed_categories": N_("Number categories mixed"),
    "address_country_mismatch": N_("Service address in another country"),
    "port_date_past": N_("Port date not in the future"),
    "port_date_too_soon": N_("Port date too soon"),
    "port_date_weekend": N_("Port date on a weekend"),
    "loa_expires_before_port": N_("LOA expires before the port date"),
    "loa_signed_in_future": N_("LOA signature date in the future"),
}

# What is wrong, per readiness code; placeholders are the item's params (dates as ISO text, shown in the
# reader's format; {weekday} is derived from {date}).
READINESS_MESSAGES: dict[str, Message] = {
    "unset_org_value": N_("organization.id is not set: no account number"),
    "sample_org_value": N_("still the bundled sample's or a placeholder value: {fields}"),
    "missing_signer": N_("no authorized signer"),
    "partner_values_to_confirm": N_(
        "invoiced by a partner whose address is not given: the LOA values are to be confirmed by the partner"
    ),
    "missing_field": N_("the carrier requires the {field}, which is empty"),
    "numbers_still_assigned": Nn_(
        "{count} number is still assigned to a user, phone, IVR or group",
        "{count} numbers are still assigned to users, phones, IVRs or groups",
    ),
    "mixed_categories": N_("the request mixes number categories (toll-free with local numbers)"),
    "address_country_mismatch": N_(
        "{country} numbers with a service address in {address_country}: this carrier wants an address in the "
        "numbers' country"
    ),
    "port_date_past": N_("requested port date {date} is not in the future"),
    "port_date_too_soon": Nn_(
        "requested port date {date} is {count} business day away; the carrier needs {lead_time}",
        "requested port date {date} is {count} business days away; the carrier needs {lead_time}",
    ),
    "port_date_weekend": N_("requested port date {date} is a {weekday}: carriers port on business days"),
    "loa_expires_before_port": N_("the LOA signed {signed} is valid until {valid_until}, before the port date {date}"),
    "loa_signed_in_future": N_("the LOA signature date {signed} is in the future"),
}

# The fix, per fix key (the code, or a variant the item names in params["fix"]).
READINESS_FIXES: dict[str, str] = {
    "unset_org_value": N_("set organization.id to the Genesys Cloud Organization ID"),
    "sample_org_value": N_("put your organisation's values into org.toml"),
    "missing_signer": N_("set signer.name to a person with the Genesys Cloud Voice Admin role"),
    "partner_values_to_confirm": N_("ask the partner for the name and address on record, then set invoice.partner"),
    "missing_field": N_("fill in the {field} (org.toml or the inventory)"),
    "numbers_still_assigned": N_("reassign them or plan the cut-over before the port date"),
    "mixed_categories": N_(
        "keep toll-free apart (carrier.toll_free_separate = true) unless the carrier takes them together"
    ),
    "address_country_mismatch": N_(
        "give an address in the numbers' country (a location in Number Management), or ask the carrier"
    ),
    "port_date_past": N_("choose a date on or after {earliest}"),
    "port_date_too_soon": N_("choose a date on or after {earliest}"),
    "port_date_weekend": N_("move it to {next_day} or an earlier weekday"),
    "loa_expires_before_port": N_("sign the LOA closer to the port date, or bring the port date forward"),
    "loa_signed_in_future": N_("give the date the LOA was actually signed"),
    # items that repeat a plan warning
    "address_spellings": N_("check the service address against Genesys' record character for character"),
    "possible_duplicate_address": N_("merge the two addresses on the Port plan page, or confirm they differ"),
    "approximate_address": N_("check the address against Number Management before submitting"),
    "mobile_number": N_("confirm these are Genesys Cloud Voice numbers"),
    "btn_not_in_request": N_("choose a BTN among the request's numbers"),
    "address_country_mismatch_warning": N_(
        "give the address where the numbers live (their country), or ask the carrier"
    ),
    "address_area_mismatch": N_("check the address is inside the numbers' area; carriers reject a LOCATION_MISMATCH"),
    "address_area_mismatch_local_rule": N_(
        "this carrier enforces the German local-area rule (Ortsnetz): give an address inside the numbers' local "
        "network area, or leave these numbers out"
    ),
    "non_local_address": N_("ask the carrier whether it takes this address, or give a local one"),
    "warning": N_("check the warning and fix the plan's input"),
}

# Carrier-required fields as words (missing_field's {field}).
FIELD_TEXTS: dict[str, str] = {
    "loa_name": N_("LOA name"),
    "service_address": N_("service address"),
    "account_number": N_("account number"),
    "btn": N_("BTN"),
    "signer_name": N_("signer's name"),
    "signer_title": N_("signer's title"),
    "signer_email": N_("signer's e-mail address"),
    "signer_phone": N_("signer's phone number"),
    "port_date": N_("port date"),
}

# Params holding an ISO date, shown in the reader's date format.
_DATE_PARAMS = frozenset({"date", "earliest", "next_day", "signed", "valid_until"})


def _shown_params(params: Mapping[str, Any], _: Translator) -> dict[str, Any]:
    shown: dict[str, Any] = {}
    for key, value in params.items():
        if key in _DATE_PARAMS and isinstance(value, str) and value:
            # English keeps ISO dates (read the same in the US and the UK, and by machines in the JSON)
            shown[key] = value if _.lang == "en" else _.date(date.fromisoformat(value))
        elif key == "field":
            shown[key] = _(FIELD_TEXTS[value]) if value in FIELD_TEXTS else str(value).replace("_", " ")
        elif key == "fields" and isinstance(value, list):
            shown[key] = ", ".join(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            shown[key] = _.number(value)
        else:
            shown[key] = value
    if isinstance(params.get("date"), str) and params["date"]:
        shown["weekday"] = format_date(date.fromisoformat(params["date"]), "EEEE", locale=_.locale)
    return shown


def _render(template: Message, params: Mapping[str, Any], _: Translator) -> str | None:
    shown = _shown_params(params, _)
    count = params.get("count")
    try:
        if isinstance(template, tuple):
            shown.pop("count", None)
            return _.plural(template, int(count or 0), **shown)
        return _(template, **shown)
    except (KeyError, IndexError, ValueError, TypeError):  # params of an older plan
        return None


def item(code: str, fix: str | None = None, **params: Any) -> dict[str, Any]:
    """A readiness item of one of the codes above, its English message and fix rendered from the templates."""
    p = dict(params) | ({"fix": fix} if fix else {})
    en = translator("en")
    return {
        "code": code,
        "message": _render(READINESS_MESSAGES[code], p, en) or code,
        "fix": _render(READINESS_FIXES[fix or code], p, en) or "",
        "params": p,
    }


def warning_item(w: Any, fix: str) -> dict[str, Any]:
    """A readiness item that repeats plan warning `w` (its message is the warning's)."""
    params = {"count": len(w.numbers), "examples": ", ".join(w.numbers[:3])} | dict(w.params)
    params |= {"warning": True, "fix": fix}
    return {
        "code": w.code,
        "message": w.message,
        "fix": _render(READINESS_FIXES[fix], params, translator("en")) or "",
        "params": params,
    }


def readiness_title(it: Mapping[str, Any], _: Translator) -> str:
    """A short title for a person; an unknown code reads as words ("some_code" -> "Some code")."""
    from portout.plan.messages import WARNING_TITLES

    code = str(it.get("code", ""))
    params = it.get("params") or {}
    title = WARNING_TITLES.get(code) if params.get("warning") else READINESS_TITLES.get(code)
    title = title or READINESS_TITLES.get(code) or WARNING_TITLES.get(code)
    return _(title) if title else code.replace("_", " ").capitalize()


def readiness_message(it: Mapping[str, Any], _: Translator) -> str:
    """What is wrong, in `_`'s language (English: the item's own message)."""
    from portout.plan.messages import WARNING_TEXTS, warning_params

    # An item with empty params (e.g. no Organization ID) still has its template; one saved before items
    # carried params at all (an older plan) reads its stored English text.
    params = it.get("params")
    if _.lang == "en" or params is None:
        return str(it.get("message", ""))
    code = str(it.get("code", ""))
    if params.get("warning"):
        template = WARNING_TEXTS.get(code)
        params = warning_params(code, params, _)
    else:
        template = READINESS_MESSAGES.get(code)
    rendered = _render(template, params, _) if template else None
    return rendered or str(it.get("message", ""))


def readiness_fix(it: Mapping[str, Any], _: Translator) -> str:
    """What to do about it, in `_`'s language."""
    params = it.get("params")
    if _.lang == "en" or params is None:
        return str(it.get("fix", ""))
    template = READINESS_FIXES.get(str(params.get("fix") or it.get("code", "")))
    rendered = _render(template, params, _) if template else None
    return rendered or str(it.get("fix", ""))


def readiness_status(status: str, _: Translator) -> str:
    return {"ready": _("ready"), "needs_attention": _("needs attention")}.get(status, status)


def readiness_badge(r: Any, _: Translator | None = None) -> str:
    """A short, scannable readiness label: the status and how many things need doing."""
    _ = _ or translator("en")
    status = r.readiness.get("status", "")
    n = len(r.readiness.get("items", []))
    if status == "ready":
        return "✅ " + _("ready")
    if status == "needs_attention":
        return "⚠️ " + _.plural(Nn_("needs attention ({count} item)", "needs attention ({count} items)"), n)
    return ""


def readiness_lines(it: Mapping[str, Any], _: Translator) -> tuple[str, str, str]:
    """(title, message, fix) of an item for a person."""
    return readiness_title(it, _), readiness_message(it, _), readiness_fix(it, _)
