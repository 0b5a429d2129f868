"""Labels of the LOA workbook in English and German.

Kept apart from the writer so a translator edits one table and the tests can check both languages have
the same keys. Planner messages (exclusion details, warnings) stay in English: they are data, not labels.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGS = ("en", "de")

_EN: dict[str, str] = {
    # sheet titles (kept short: Excel allows 31 characters)
    "sheet_summary": "Summary",
    "sheet_all": "All numbers",
    "sheet_excluded": "Excluded",
    # summary block
    "title_summary": "Port-out plan: LOA data per port request",
    "title_request": "LOA data for port request",
    "organisation": "Organisation",
    "org_id": "Organization ID",
    "loa_name": "Name on the LOA",
    "account_letters": "Account number (last 8 letters/digits of the Organization ID)",
    "account_digits": "Account number, digits only (for carriers that refuse letters)",
    "signer": "Authorized contact / signer",
    "gaining_carrier": "Gaining carrier",
    "invoiced_by": "Invoiced by",
    "settings_used": "Settings used",
    "settings_text": "letters in account number: {letters}; split by country: {country}; toll-free separate: "
    "{tf}; at most {cap} numbers per request; invoice received: {invoice}",
    "source": "Inventory",
    "generated_at": "Generated at",
    "totals": "Totals",
    "totals_text": "{numbers} numbers in {requests} port requests; {excluded} inventory entries excluded "
    "(see sheet {excluded_sheet})",
    "cost_convention": "Cost convention",
    "total_prorated": "Total prorated charge",
    "yes": "yes",
    "no": "no",
    # summary table
    "col_request": "Request",
    "col_sheet": "Sheet",
    "col_service_address": "Service address",
    "col_address_source": "Address source",
    "col_category": "Category",
    "col_country": "Country",
    "col_count": "Numbers",
    "col_btn": "BTN",
    "col_account": "Account number",
    "col_account_digits": "Account number (digits only)",
    "col_removal_date": "Removal date",
    "col_prorated": "Prorated charge",
    "col_part": "Part",
    "col_assigned": "Still assigned",
    "col_locations": "Locations",
    "total_row": "Total",
    # LOA sheet
    "col_item": "LOA item",
    "col_value": "Value",
    "col_range": "Range",
    "col_first": "First",
    "col_last": "Last",
    "col_e164": "Number (E.164)",
    "col_national": "National format",
    "col_owner": "Owner",
    "col_owner_type": "Owner type",
    "col_location": "Location",
    "col_number_type": "Number type",
    "col_row": "Inventory row",
    "request_id": "Port request",
    "part_of": "Part",
    "part_text": "{part} of {parts}",
    "name": "Name",
    "service_address": "Service address (as one line)",
    "street1": "Street",
    "street2": "Street line 2",
    "city": "City",
    "state": "State / region",
    "postal_code": "Postal code",
    "country": "Country",
    "address_source": "Where the address comes from",
    "locations": "Number Management locations",
    "account_number": "Account number / ID (as for this carrier)",
    "btn": "BTN (billing telephone number)",
    "carrier_name": "Current carrier name",
    "signer_name": "Authorized signer",
    "signer_title": "Signer title",
    "signer_email": "Signer e-mail",
    "signer_phone": "Signer phone",
    "guidance_signer": "Signer rule",
    "guidance_pin": "PIN",
    "guidance_proof_of_ownership": "Proof of ownership",
    "guidance_csr": "CSR",
    "guidance_partner": "Partner",
    "guidance_after_port": "After the port",
    "guidance_carrier_name": "Carrier name",
    "number_count": "Numbers in this request",
    "range_count": "Ranges",
    "assigned_count": "Still assigned to users, phones, IVRs or groups",
    # excluded sheet
    "col_input": "Input",
    "col_reason": "Reason",
    "col_message": "Details",
    # warnings sheet
    "sheet_warnings": "Warnings",
    "col_warning": "Warning",
    "col_requests": "Requests",
    "col_numbers_affected": "Numbers",
    "col_examples": "Examples",
}

_DE: dict[str, str] = {
    "sheet_summary": "Übersicht",
    "sheet_all": "Alle Nummern",
    "sheet_excluded": "Ausgeschlossen",
    "title_summary": "Portierungsplan: LOA-Daten je Portierungsauftrag",
    "title_request": "LOA-Daten für Portierungsauftrag",
    "organisation": "Organisation",
    "org_id": "Organisations-ID",
    "loa_name": "Name auf der LOA",
    "account_letters": "Kundennummer (letzte 8 Buchstaben/Ziffern der Organisations-ID)",
    "account_digits": "Kundennummer, nur Ziffern (für Carrier, die keine Buchstaben annehmen)",
    "signer": "Bevollmächtigter Ansprechpartner / Unterzeichner",
    "gaining_carrier": "Aufnehmender Carrier",
    "invoiced_by": "Abgerechnet durch",
    "settings_used": "Verwendete Einstellungen",
    "settings_text": "Buchstaben in der Kundennummer: {letters}; nach Land getrennt: {country}; gebührenfreie "
    "Nummern getrennt: {tf}; höchstens {cap} Nummern je Auftrag; Rechnung erhalten: {invoice}",
    "source": "Inventar",
    "generated_at": "Erstellt am",
    "totals": "Summen",
    "totals_text": "{numbers} Nummern in {requests} Portierungsaufträgen; {excluded} Inventareinträge "
    "ausgeschlossen (siehe Blatt {excluded_sheet})",
    "cost_convention": "Kostenkonvention",
    "total_prorated": "Anteilige Gebühr gesamt",
    "yes": "ja",
    "no": "nein",
    "col_request": "Auftrag",
    "col_sheet": "Blatt",
    "col_service_address": "Anschlussadresse",
    "col_address_source": "Adressquelle",
    "col_category": "Kategorie",
    "col_country": "Land",
    "col_count": "Nummern",
    "col_btn": "BTN",
    "col_account": "Kundennummer",
    "col_account_digits": "Kundennummer (nur Ziffern)",
    "col_removal_date": "Entfernungsdatum",
    "col_prorated": "Anteilige Gebühr",
    "col_part": "Teil",
    "col_assigned": "Noch zugewiesen",
    "col_locations": "Standorte",
    "total_row": "Summe",
    "col_item": "LOA-Angabe",
    "col_value": "Wert",
    "col_range": "Bereich",
    "col_first": "Erste",
    "col_last": "Letzte",
    "col_e164": "Rufnummer (E.164)",
    "col_national": "Nationales Format",
    "col_owner": "Zugewiesen an",
    "col_owner_type": "Typ der Zuweisung",
    "col_location": "Standort",
    "col_number_type": "Nummerntyp",
    "col_row": "Inventarzeile",
    "request_id": "Portierungsauftrag",
    "part_of": "Teil",
    "part_text": "{part} von {parts}",
    "name": "Name",
    "service_address": "Anschlussadresse (einzeilig)",
    "street1": "Straße",
    "street2": "Adresszusatz",
    "city": "Ort",
    "state": "Bundesland / Region",
    "postal_code": "Postleitzahl",
    "country": "Land",
    "address_source": "Herkunft der Adresse",
    "locations": "Standorte in der Nummernverwaltung",
    "account_number": "Kundennummer / ID (für diesen Carrier)",
    "btn": "BTN (Abrechnungsrufnummer)",
    "carrier_name": "Name des bisherigen Carriers",
    "signer_name": "Bevollmächtigter Unterzeichner",
    "signer_title": "Funktion des Unterzeichners",
    "signer_email": "E-Mail des Unterzeichners",
    "signer_phone": "Telefon des Unterzeichners",
    "guidance_signer": "Regel für den Unterzeichner",
    "guidance_pin": "PIN",
    "guidance_proof_of_ownership": "Nachweis der Inhaberschaft",
    "guidance_csr": "CSR",
    "guidance_partner": "Partner",
    "guidance_after_port": "Nach der Portierung",
    "guidance_carrier_name": "Carrier-Name",
    "number_count": "Nummern in diesem Auftrag",
    "range_count": "Bereiche",
    "assigned_count": "Noch Benutzern, Telefonen, IVRs oder Gruppen zugewiesen",
    "col_input": "Eingabe",
    "col_reason": "Grund",
    "col_message": "Details",
    "sheet_warnings": "Hinweise",
    "col_warning": "Hinweis",
    "col_requests": "Aufträge",
    "col_numbers_affected": "Nummern",
    "col_examples": "Beispiele",
}

# Values the plan stores as codes, shown in the reader's language.
_VALUES: dict[str, dict[str, str]] = {
    "en": {
        "geographic": "geographic",
        "toll_free": "toll-free",
        "non_geographic": "non-geographic",
        "mobile": "mobile",
        "mixed": "mixed",
        "assigned": "address assigned in Number Management",
        "ship_to": "invoice Ship To address",
        "partner": "partner's address",
        "genesys": "Genesys",
    },
    "de": {
        "geographic": "geografisch",
        "toll_free": "gebührenfrei",
        "non_geographic": "nicht geografisch",
        "mobile": "Mobilfunk",
        "mixed": "gemischt",
        "assigned": "in der Nummernverwaltung zugewiesene Adresse",
        "ship_to": "Ship-To-Adresse der Rechnung",
        "partner": "Adresse des Partners",
        "genesys": "Genesys",
    },
}

# German versions of the planner's guidance (planner.GUIDANCE); unknown keys fall back to the plan's text.
_GUIDANCE_DE: dict[str, str] = {
    "carrier_name": "Fragt das Formular nach dem bisherigen Carrier: Genesys.",
    "pin": "Verlangt der aufnehmende Carrier eine PIN oder ein Kennwort, erfragen Sie sie beim Support von "
    "Genesys Cloud Voice.",
    "proof_of_ownership": "Wird ein Nachweis der Inhaberschaft verlangt (z. B. eine Rechnung), fügen Sie einen "
    "Screenshot von Admin > Genesys Cloud Voice > Number Management mit diesen Nummern bei.",
    "signer": "Bevollmächtigter Ansprechpartner / Unterzeichner muss eine Person mit der Rolle Genesys Cloud "
    "Voice Admin sein, nicht der Firmenname.",
    "csr": "Genesys stellt keine Customer Service Records (CSR) bereit; sie werden nicht benötigt.",
    "after_port": "Sobald der neue Carrier die Portierung als abgeschlossen meldet, entfernen Sie die Nummern "
    "sofort in Number Management: bis dahin wird ein anteiliger Teil der Monatsgebühr berechnet.",
    "partner": "Diese Nummern werden über einen Genesys-Partner abgerechnet: Beauftragen Sie den Partner, die "
    "korrekten Daten für den Auftrag zu liefern.",
}

# Exclusion reason codes (model.EXCLUSION_REASONS) in German.
_REASONS_DE: dict[str, str] = {
    "empty_row": "keine Rufnummer in der Zeile",
    "invalid_number": "keine gültige Rufnummer",
    "duplicate": "Duplikat (das erste Vorkommen wird portiert)",
    "not_genesys_voice": "keine Genesys-Cloud-Voice-Nummer (BYOC / anderer Carrier)",
    "no_address": "keine Anschlussadresse",
    "range_too_large": "Bereich größer als die Obergrenze",
}


class Labels:
    """Look-ups for one language; unknown keys come back as the key so a gap shows instead of failing."""

    def __init__(self, lang: str = "en") -> None:
        if lang not in LANGS:
            raise ValueError(f"language must be one of {', '.join(LANGS)}, got {lang!r}")
        self.lang = lang
        self._text = _DE if lang == "de" else _EN
        self._values = _VALUES[lang]

    def __getitem__(self, key: str) -> str:
        return self._text.get(key, _EN.get(key, key))

    def value(self, code: str) -> str:
        """A plan code (category, address source) in this language; other text unchanged."""
        return self._values.get(code, code)

    def guidance(self, key: str, english: str) -> str:
        return _GUIDANCE_DE.get(key, english) if self.lang == "de" else english

    def reason(self, code: str, english: Mapping[str, str]) -> str:
        if self.lang == "de":
            return _REASONS_DE.get(code, code)
        return english.get(code, code)


def label_keys(lang: str) -> set[str]:
    """For tests: every label key a language defines."""
    return set(_DE if lang == "de" else _EN)
