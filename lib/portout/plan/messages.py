"""Planner warnings and exclusion details in the reader's language, rendered from code + params.

The plan keeps codes, parameters and an English message (JSON stays the same in every language). For
English the planner's own message is shown; other languages use the catalogue template of the code. A code
without a template (a warning added later) shows the English message rather than nothing:
`untranslated_warning_codes()` lists them for the catalogue test.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from portout.i18n import N_, Message, Nn_, Translator
from portout.plan.model import EXCLUSION_REASONS, Exclusion, PlanWarning

# One template per warning code; placeholders are the warning's params plus {count} (numbers affected
# when the params have none) and {examples} (the first numbers).
WARNING_TEXTS: dict[str, Message] = {
    "btn_not_in_request": N_("{request}: BTN {btn} is not one of its numbers; using {used}"),
    "no_account_number": N_(
        "organization.id is not set: the account number (last 8 characters of the Organization ID) cannot be given"
    ),
    "short_digit_account_number": Nn_(
        "the Organization ID has only {count} digit: the digits-only account number {digits} is shorter than 8",
        "the Organization ID has only {count} digits: the digits-only account number {digits} is shorter than 8",
    ),
    "no_loa_name": N_(
        "no name for the LOA: set invoice.ship_to.name (or the partner's name when invoiced by a partner)"
    ),
    "no_signer": N_("no authorized signer: set signer.name to a person with the Genesys Cloud Voice Admin role"),
    "still_assigned": Nn_(
        "{count} number is still assigned to a user, phone, IVR or group: its calls stop routing through "
        "Genesys Cloud when the port completes; reassign it or plan the cut-over",
        "{count} numbers are still assigned to users, phones, IVRs or groups: their calls stop routing through "
        "Genesys Cloud when the port completes; reassign or plan the cut-over",
    ),
    "mobile_number": Nn_(
        "{count} mobile number: unusual on Genesys Cloud Voice, check it really is a Genesys number",
        "{count} mobile numbers: unusual on Genesys Cloud Voice, check they really are Genesys numbers",
    ),
    "approximate_address": Nn_(
        "{count} address was derived from owner -> site -> location, not from Number Management: check it "
        "against Number Management before submitting",
        "{count} addresses were derived from owner -> site -> location, not from Number Management: check them "
        "against Number Management before submitting",
    ),
    "geographic_without_address": Nn_(
        "{count} number has no service address and is excluded",
        "{count} numbers have no service address and are excluded",
    ),
    "type_mismatch": Nn_(
        "{count} number is typed differently in the inventory than libphonenumber classifies it (the plan "
        "uses libphonenumber)",
        "{count} numbers are typed differently in the inventory than libphonenumber classifies them (the plan "
        "uses libphonenumber)",
    ),
    "address_spellings": N_(
        "one service address is written {count} ways; the LOA uses “{used}” (also seen: {others}). The carrier "
        "compares it character for character with Genesys' record"
    ),
    "possible_duplicate_address": N_(
        "“{a}” and “{b}” look like the same place (similarity {score}); they are kept apart until you merge them"
    ),
    "scope_unmatched": N_("the scope names what no portable number has: {names}"),
    "dates_unmatched": N_("dates given for no request (match a request id, service address or location): {names}"),
    "port_column_blank": Nn_(
        "{count} number has an empty port cell: it stays with Genesys (write yes to port it)",
        "{count} numbers have an empty port cell: they stay with Genesys (write yes to port them)",
    ),
    # notes from reading the numbers (inventory.numbers), one warning per code
    "ambiguous_number": Nn_(
        "{count} number could be read in more than one way; the plan uses the default country's reading ({examples})",
        "{count} numbers could be read in more than one way; the plan uses the default country's reading "
        "(first: {examples})",
    ),
    "extension_stripped": Nn_(
        "{count} number had an extension, which was dropped ({examples})",
        "{count} numbers had an extension, which was dropped (first: {examples})",
    ),
    "range_expanded": Nn_(
        "{count} range was expanded to single numbers", "{count} ranges were expanded to single numbers"
    ),
    "vanity_number": Nn_(
        "{count} vanity number was read with its letters as keypad digits ({examples}); check it against "
        "Number Management",
        "{count} vanity numbers were read with their letters as keypad digits (first: {examples}); check them "
        "against Number Management",
    ),
    "partner_values_to_confirm": N_(
        "invoiced by a partner ({partner}) whose address is not given (invoice.partner): the LOA name and "
        "address, and the Ship To address on toll-free and non-geographic numbers, are to be confirmed by the "
        "partner. Ask the partner for the data on record, set invoice.partner and plan again"
    ),
    # number blocks (plan.blocks)
    "block_partly_planned": N_(
        "the block {block} ({size} numbers) is only partly in the plan: {leaving} leave, {left} do not ({why}). "
        "Carriers port a block whole: port the whole block, or ask the gaining carrier whether it takes part of it"
    ),
    "block_split_across_requests": N_(
        "the block {block} ({size} numbers) is spread over the requests {requests}. Carriers port a block whole: "
        "give its numbers one service address, or ask the gaining carrier how it wants the block submitted"
    ),
    # address plausibility (plan.plausibility), one warning per request
    "address_country_mismatch": Nn_(
        "{request}: {count} number ({examples}) of {number_country} has its service address in "
        "{address_country} ({address}). Carriers reject a service address outside the number's country "
        "(LOCATION_MISMATCH): give this number an address in its own country and plan again",
        "{request}: {count} numbers ({examples}) of {number_country} have their service address in "
        "{address_country} ({address}). Carriers reject a service address outside the number's country "
        "(LOCATION_MISMATCH): give these numbers an address in their own country and plan again",
    ),
    "address_area_mismatch": Nn_(
        "{request}: {count} number ({examples}) belongs to {place}, not to “{compared}” of the address {address} "
        "(match {score}%). Carriers reject a service address outside the number's area (LOCATION_MISMATCH): "
        "check the address in Number Management, or move this number to an address in its area",
        "{request}: {count} numbers ({examples}) belong to {place}, not to “{compared}” of the address {address} "
        "(match {score}%). Carriers reject a service address outside the number's area (LOCATION_MISMATCH): "
        "check the address in Number Management, or move these numbers to an address in their area",
    ),
    "non_local_address": Nn_(
        "{request}: {count} toll-free or non-geographic number ({examples}) of {number_country} carries an "
        "address in {address_country} ({address}). Several carriers want a local service address for it: ask the "
        "gaining carrier whether it accepts this address, or give a local one",
        "{request}: {count} toll-free or non-geographic numbers ({examples}) of {number_country} carry an address "
        "in {address_country} ({address}). Several carriers want a local service address for them: ask the "
        "gaining carrier whether it accepts this address, or give a local one",
    ),
}

# A short title per warning code, for a person (the code stays in the JSON and the exports' code column).
WARNING_TITLES: dict[str, str] = {
    "btn_not_in_request": N_("BTN not among the request's numbers"),
    "no_account_number": N_("No account number"),
    "short_digit_account_number": N_("Short digits-only account number"),
    "no_loa_name": N_("No name for the LOA"),
    "no_signer": N_("No authorized signer"),
    "still_assigned": N_("Numbers still assigned"),
    "mobile_number": N_("Mobile numbers"),
    "approximate_address": N_("Addresses derived, not from Number Management"),
    "geographic_without_address": N_("Numbers without a service address"),
    "type_mismatch": N_("Number types differ from the inventory"),
    "address_spellings": N_("One address written several ways"),
    "possible_duplicate_address": N_("Possibly the same address twice"),
    "scope_unmatched": N_("The scope names nothing portable"),
    "port_column_blank": N_("Empty port cells"),
    "ambiguous_number": N_("Ambiguous numbers"),
    "extension_stripped": N_("Extensions dropped"),
    "range_expanded": N_("Ranges expanded"),
    "vanity_number": N_("Vanity numbers read as digits"),
    "address_country_mismatch": N_("Service address in another country"),
    "address_area_mismatch": N_("Service address outside the numbers' area"),
    "non_local_address": N_("Toll-free numbers with a foreign address"),
    "dates_unmatched": N_("Dates that match no request"),
    "block_partly_planned": N_("Number block only partly planned"),
    "block_split_across_requests": N_("Number block spread over several requests"),
    "partner_values_to_confirm": N_("Partner values to confirm"),
}

# Exclusion details per reason (the reason itself is EXCLUSION_REASONS); params: input, number and
# what the planner recorded (provider; category and which address rule applied).
_DETAIL_TEXTS: dict[str, str] = {
    "empty_row": N_("no phone number in this row"),
    "invalid_number": N_("“{input}” is not a valid phone number"),
    "duplicate": N_("{number} appears earlier in the inventory"),
    "not_genesys_voice": N_("provider “{provider}”: not a Genesys Cloud Voice number, port it from that carrier"),
    "range_too_large": N_("the range “{input}” has more numbers than the cap"),
    "number_too_long": N_("“{input}” has more than 15 digits; E.164 numbers have at most 15"),
    "letters_in_number": N_(
        "“{input}” has letters that are neither an extension nor a vanity number: write the number in digits"
    ),
    "range_ambiguous": N_(
        "“{input}” can be read more than one way (ends of different widths, a dash that may be a direct-dial "
        "suffix, or more than one range): write both ends in full"
    ),
    "range_areas_differ": N_("the ends of “{input}” are in different countries or area codes: one range per area"),
    "range_reversed": N_("the end of “{input}” is smaller than its start"),
}
_NO_ADDRESS_TEXTS = {
    "assigned": N_(
        "{number}: {category} number with no assigned address (give street, city, postcode or a known location)"
    ),
    "ship_to": N_(
        "{number}: {category} number needs the invoice's Ship To address, which the settings lack (invoice.ship_to)"
    ),
}
# Number categories as words (also used by the workbook through Labels.value)
CATEGORY_TEXTS = {
    "geographic": N_("geographic"),
    "toll_free": N_("toll-free"),
    "non_geographic": N_("non-geographic"),
    "mobile": N_("mobile"),
    "mixed": N_("mixed"),
}

# libphonenumber's number types (PhoneNumberType names, as the plan stores them) in words.
NUMBER_TYPE_TEXTS = {
    "FIXED_LINE": N_("fixed line"),
    "MOBILE": N_("mobile"),
    "FIXED_LINE_OR_MOBILE": N_("fixed line or mobile"),
    "TOLL_FREE": N_("toll-free"),
    "PREMIUM_RATE": N_("premium rate"),
    "SHARED_COST": N_("shared cost"),
    "VOIP": N_("VoIP"),
    "PERSONAL_NUMBER": N_("personal number"),
    "PAGER": N_("pager"),
    "UAN": N_("universal access number"),
    "VOICEMAIL": N_("voicemail"),
    "UNKNOWN": N_("unknown"),
}


def _fill(_: Translator, template: Message, params: Mapping[str, Any]) -> str | None:
    shown = {k: _.number(v) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in params.items()}
    try:
        if isinstance(template, tuple):  # a plural pair: the form follows the raw count
            shown.pop("count", None)
            return _.plural(template, int(params.get("count") or 0), **shown)
        return _(template, **shown)
    except (KeyError, IndexError, ValueError):  # params of an older plan: fall back to the English message
        return None


def warning_params(code: str, params: Mapping[str, Any], _: Translator) -> dict[str, Any]:
    """A warning's params with the words in them translated (why numbers stay, categories)."""
    from portout.plan.scope import why_text

    out = dict(params)
    if code == "block_partly_planned" and isinstance(out.get("why"), str):
        out["why"] = ", ".join(why_text(w, _) for w in out["why"].split(", ") if w)
    return out


def warning_text(w: PlanWarning, _: Translator) -> str:
    """The warning in `_`'s language (English: the planner's message)."""
    template = WARNING_TEXTS.get(w.code)
    if _.lang == "en" or template is None:
        return w.message
    params = {"count": len(w.numbers), "examples": ", ".join(w.numbers[:3])} | dict(w.params)
    return _fill(_, template, warning_params(w.code, params, _)) or w.message


def english_warning(code: str, **params: Any) -> str:
    """The English message of a templated warning (plural-aware), for the planner's `message`."""
    from portout.i18n import translator

    return _fill(translator("en"), WARNING_TEXTS[code], params) or code


def warning_title(w: PlanWarning, _: Translator) -> str:
    """A short title for the warning; a code without one reads as words ("some_code" -> "Some code")."""
    title = WARNING_TITLES.get(w.code)
    return _(title) if title else w.code.replace("_", " ").capitalize()


def exclusion_reason(e: Exclusion, _: Translator) -> str:
    return _(EXCLUSION_REASONS[e.reason]) if e.reason in EXCLUSION_REASONS else e.reason


def exclusion_detail(e: Exclusion, _: Translator) -> str:
    """The exclusion's details in `_`'s language (English: the planner's message)."""
    if _.lang == "en":
        return e.message
    if e.reason == "no_address":
        template = _NO_ADDRESS_TEXTS.get(str(e.params.get("needs", "")))
    else:
        template = _DETAIL_TEXTS.get(e.reason)
    if template is None:
        return e.message
    category = str(e.params.get("category", ""))
    params = {"input": e.input, "number": e.number or e.input} | dict(e.params)
    params["category"] = _(CATEGORY_TEXTS[category]) if category in CATEGORY_TEXTS else category
    return _fill(_, template, params) or e.message


def untranslated_warning_codes(codes: list[str]) -> list[str]:
    """For the catalogue test: warning codes the planner emits that have no template here."""
    return sorted(set(codes) - set(WARNING_TEXTS))
