"""Read an admin's Number Management export (CSV or XLSX), the authoritative source of each number's
location and service address, since no public API returns it (domain.md §4).

Columns are found by header, flexibly ("Phone Number", "DID", "Rufnummer"; "Location", "Site";
street/city/postal code/country parts or one "Address" column). Everything is read as text.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import phonenumbers

from portout.countries import country_code
from portout.errors import InventoryError
from portout.settings import Address

_ALIASES: dict[str, tuple[str, ...]] = {
    "number": ("phonenumber", "number", "did", "didnumber", "e164", "telephonenumber", "phone",
               "rufnummer", "telefonnummer", "nummer"),
    "location": ("location", "locationname", "site", "sitename", "emergencylocation", "standort"),
    "street1": ("street1", "street", "address1", "addressline1", "streetaddress", "strasse", "line1"),
    "street2": ("street2", "address2", "addressline2", "line2", "zusatz"),
    "city": ("city", "cityname", "town", "locality", "ort", "stadt"),
    "state": ("state", "statecode", "province", "region", "bundesland"),
    "postal_code": ("postalcode", "zip", "zipcode", "postcode", "plz", "postleitzahl"),
    "country": ("country", "countrycode", "countryname", "land"),
    "address": ("address", "serviceaddress", "fulladdress", "adresse", "anschrift"),
}


def _key(header: object) -> str:
    text = unicodedata.normalize("NFKC", str(header)).casefold()
    return re.sub(r"[^0-9a-z]", "", text.replace("ß", "ss"))


_LOOKUP = {alias: canon for canon, aliases in _ALIASES.items() for alias in aliases}


@dataclass(frozen=True)
class ExportRow:
    location: str
    address: Address
    address_text: str  # a one-line address when the export has no parts


@dataclass
class NumbersExport:
    rows: dict[str, ExportRow]  # E.164 -> row
    unreadable: list[str]       # number cells that are not phone numbers
    duplicates: int
    name: str


def normalise_number(text: str, default_country: str) -> str | None:
    """E.164 for a number cell ('+1 317-555-0100', '13175550100', '030 23125000'); None if unusable."""
    text = text.strip()
    if not text:
        return None
    digits = re.sub(r"\D", "", text)
    candidates = [text] if text.startswith("+") else [text, "+" + digits]
    parsed = []
    for candidate in candidates:
        try:
            parsed.append(phonenumbers.parse(candidate, default_country or "US"))
        except phonenumbers.NumberParseException:
            continue
    for number in parsed:
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    for number in parsed:
        if phonenumbers.is_possible_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return None


def _read_frame(source: str | Path | bytes) -> tuple[pd.DataFrame, str]:
    if isinstance(source, bytes):
        raw, name = source, "the numbers export"
    else:
        name = str(source)
        try:
            raw = Path(source).read_bytes()
        except OSError as err:
            raise InventoryError(f"cannot read the numbers export {name}: {err.strerror or err}") from None
    if raw[:2] == b"PK":  # XLSX is a zip
        try:
            return pd.read_excel(io.BytesIO(raw), dtype=str, keep_default_na=False), name
        except Exception as err:  # openpyxl raises many types for broken files
            raise InventoryError(f"the numbers export {name} is not a readable XLSX file ({err})") from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly anything
        raise InventoryError(f"the numbers export {name} is not text")
    try:
        delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise InventoryError(f"the numbers export {name} is not a readable CSV file ({err})") from None
    return frame, name


def read_numbers_export(source: str | Path | bytes, default_country: str = "US") -> NumbersExport:
    frame, name = _read_frame(source)
    columns: dict[str, str] = {}
    for header in frame.columns:
        canon = _LOOKUP.get(_key(header))
        if canon and canon not in columns:
            columns[canon] = header
    if "number" not in columns:
        raise InventoryError(
            f"the numbers export {name} has no phone number column (looked for a header such as "
            f"'Phone Number', 'Number' or 'DID'; found: {', '.join(map(str, frame.columns))})"
        )

    def cell(record: dict[str, str], canon: str) -> str:
        header = columns.get(canon)
        return str(record.get(header, "") or "").strip() if header else ""

    rows: dict[str, ExportRow] = {}
    unreadable: list[str] = []
    duplicates = 0
    for record in frame.to_dict("records"):
        raw_number = cell(record, "number")
        number = normalise_number(raw_number, default_country)
        if number is None:
            if raw_number:
                unreadable.append(raw_number)
            continue
        if number in rows:
            duplicates += 1  # first row wins, like the planner's duplicate rule
            continue
        country_text = cell(record, "country")
        rows[number] = ExportRow(
            location=cell(record, "location"),
            address=Address(
                street1=cell(record, "street1"), street2=cell(record, "street2"), city=cell(record, "city"),
                state=cell(record, "state"), postal_code=cell(record, "postal_code"),
                country=(country_code(country_text) or country_text) if country_text else "",
            ),
            address_text=cell(record, "address"),
        )
    return NumbersExport(rows=rows, unreadable=unreadable, duplicates=duplicates, name=name)
