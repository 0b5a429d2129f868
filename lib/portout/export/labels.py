"""Labels of the LOA workbook: keys to English messages; the German text lives in the catalogue.

Kept apart from the writer so the writer asks for `labels["col_request"]` and a translator edits one
place (lib/portout/locale/de/LC_MESSAGES/portout.po). Plan codes (category, address source), guidance and
exclusion reasons are rendered from their codes here too.
"""

from __future__ import annotations

from collections.abc import Mapping

from portout.i18n import LANGS, N_, translator

_EN: dict[str, str] = {
    # sheet titles (kept short: Excel allows 31 characters)
    "sheet_summary": N_("Summary"),
    "sheet_all": N_("All numbers"),
    "sheet_excluded": N_("Excluded"),
    # summary block
    "title_summary": N_("Port-out plan: LOA data per port request"),
    "title_request": N_("LOA data for port request"),
    "organisation": N_("Organisation"),
    "org_id": N_("Organization ID"),
    "loa_name": N_("Name on the LOA"),
    "account_letters": N_("Account number (last 8 letters/digits of the Organization ID)"),
    "account_digits": N_("Account number, digits only (for carriers that refuse letters)"),
    "signer": N_("Authorized contact / signer"),
    "gaining_carrier": N_("Gaining carrier"),
    "invoiced_by": N_("Invoiced by"),
    "settings_used": N_("Settings used"),
    "settings_text": N_(
        "letters in account number: {letters}; split by country: {country}; toll-free separate: "
        "{tf}; at most {cap} numbers per request; invoice received: {invoice}"
    ),
    "source": N_("Inventory"),
    "generated_at": N_("Generated at"),
    "totals": N_("Totals"),
    "cost_convention": N_("Cost convention"),
    "total_prorated": N_("Total prorated charge"),
    "yes": N_("yes"),
    "no": N_("no"),
    "not_set": N_("NOT SET: fill in before submitting"),
    "sample_value": N_("SAMPLE VALUE, not yours"),
    # summary table
    "col_request": N_("Request"),
    "col_sheet": N_("Sheet"),
    "col_service_address": N_("Service address"),
    "col_address_source": N_("Address source"),
    "col_category": N_("Category"),
    "col_country": N_("Country"),
    "col_count": N_("Numbers"),
    "col_btn": N_("BTN"),
    "col_account": N_("Account number"),
    "col_account_digits": N_("Account number (digits only)"),
    "col_removal_date": N_("Removal date"),
    "col_prorated": N_("Prorated charge"),
    "col_part": N_("Part"),
    "col_assigned": N_("Still assigned"),
    "col_locations": N_("Locations"),
    "total_row": N_("Total"),
    # LOA sheet
    "col_item": N_("LOA item"),
    "col_value": N_("Value"),
    "col_guidance": N_("Guidance (not for the form)"),
    "to_confirm_partner": N_("To be confirmed by the partner: the partner's address on record is not given."),
    "col_range": N_("Range"),
    "col_first": N_("First"),
    "col_last": N_("Last"),
    "col_e164": N_("Number (E.164)"),
    "col_national": N_("National format"),
    "col_owner": N_("Owner"),
    "col_owner_type": N_("Owner type"),
    "col_location": N_("Location"),
    "col_number_type": N_("Number type"),
    "col_row": N_("Inventory row"),
    "request_id": N_("Port request"),
    "part_of": N_("Part"),
    "part_text": N_("{part} of {parts}"),
    "name": N_("Name"),
    "service_address": N_("Service address (as one line)"),
    "street1": N_("Street"),
    "street2": N_("Street line 2"),
    "city": N_("City"),
    "state": N_("State / region"),
    "postal_code": N_("Postal code"),
    "country": N_("Country"),
    "address_source": N_("Where the address comes from"),
    "locations": N_("Number Management locations"),
    "account_number": N_("Account number / ID (as for this carrier)"),
    "btn": N_("BTN (billing telephone number)"),
    "carrier_name": N_("Current carrier name"),
    "signer_name": N_("Authorized signer"),
    "signer_title": N_("Signer title"),
    "signer_email": N_("Signer e-mail"),
    "signer_phone": N_("Signer phone"),
    "guidance_signer": N_("Signer rule"),
    "guidance_pin": N_("PIN"),
    "guidance_proof_of_ownership": N_("Proof of ownership"),
    "guidance_csr": N_("CSR"),
    "guidance_partner": N_("Partner"),
    "guidance_after_port": N_("After the port"),
    "guidance_carrier_name": N_("Carrier name"),
    "number_count": N_("Numbers in this request"),
    "range_count": N_("Ranges"),
    "blocks": N_("Number blocks carried whole (first–last, count)"),
    "assigned_count": N_("Still assigned to users, phones, IVRs or groups"),
    # excluded sheet
    "col_input": N_("Input"),
    "col_reason": N_("Reason"),
    "col_message": N_("Details"),
    # warnings sheet
    "sheet_warnings": N_("Warnings"),
    "col_warning": N_("Warning"),
    "col_requests": N_("Requests"),
    "col_numbers_affected": N_("Numbers"),
    "col_examples": N_("Examples"),
    # scope, schedule, readiness (issue 12)
    "col_port_type": N_("Port type"),
    "col_port_date": N_("Requested port date"),
    "col_readiness": N_("Readiness"),
    "port_type": N_("Port type (full or partial)"),
    "numbers_staying": N_("Genesys Cloud Voice numbers staying behind"),
    "staying_at_address": N_("Of them at this address (not ported)"),
    "btn_note": N_("BTN for a partial port"),
    "port_date": N_("Requested port date"),
    "earliest_port_date": N_("Earliest port date (carrier's lead time)"),
    "loa_signed": N_("LOA signature date"),
    "loa_valid_until": N_("LOA valid until"),
    "planned_removal": N_("Planned removal from Genesys Cloud Voice"),
    "readiness": N_("Readiness"),
    "readiness_item": N_("To do before submitting"),
    "no_limit": N_("no limit"),
    "staying_total": N_("Staying with Genesys"),
    "sheet_staying": N_("Staying"),
    "col_why": N_("Why it stays"),
}

# Values the plan stores as codes, shown in the reader's language.
_VALUES: dict[str, str] = {
    "geographic": N_("geographic"),
    "toll_free": N_("toll-free"),
    "non_geographic": N_("non-geographic"),
    "mobile": N_("mobile"),
    "mixed": N_("mixed"),
    "assigned": N_("address assigned in Number Management"),
    "ship_to": N_("invoice Ship To address"),
    "partner": N_("partner's address"),
    "genesys": "Genesys",
    "full": N_("full"),
    "partial": N_("partial"),
    "ready": N_("ready"),
    "needs_attention": N_("needs attention"),
}


class Labels:
    """Look-ups for one language through the message catalogue (portout.i18n); unknown keys come back as
    the key so a gap shows instead of failing."""

    def __init__(self, lang: str = "en") -> None:
        if lang not in LANGS:
            raise ValueError(f"language must be one of {', '.join(LANGS)}, got {lang!r}")
        self.lang = lang
        self._ = self.t = translator(lang)  # `t`: the Translator, for messages and locale formatting

    def __getitem__(self, key: str) -> str:
        return self._(_EN[key]) if key in _EN else key

    def value(self, code: str) -> str:
        """A plan code (category, address source) in this language; other text unchanged."""
        return self._(_VALUES[code]) if code in _VALUES else code

    def guidance(self, key: str, english: str) -> str:
        """The planner's guidance text (planner.GUIDANCE, a catalogue message) in this language."""
        return self._(english)

    def reason(self, code: str, english: Mapping[str, str]) -> str:
        """An exclusion reason code (model.EXCLUSION_REASONS) in this language."""
        return self._(english[code]) if code in english else code


def label_keys(lang: str) -> set[str]:
    """For tests: every label key (one table for both languages: the German text is in the catalogue)."""
    return set(_EN)
