"""Read an admin's Number Management export (CSV or XLSX), the authoritative source of each number's
location and service address, since no public API returns it (domain.md §4).

Columns are found by header, flexibly ("Phone Number", "DID", "Rufnummer"; "Location", "Site";
street/city/postal code/country parts or one "Address" column). Everything is read as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from portout.errors import N_, InventoryError, Text
from portout.inventory.countries import country_code
from portout.inventory.numbers import parse_cell
from portout.inventory.reader import read_inventory
from portout.settings import Address


@dataclass(frozen=True)
class ExportRow:
    location: str
    address: Address
    address_text: str  # a one-line address when the export has no parts


@dataclass
class NumbersExport:
    rows: dict[str, ExportRow]  # E.164 -> row
    unreadable: list[str]  # number cells that are not phone numbers
    duplicates: int
    name: str


def normalise_number(text: str, default_country: str) -> str | None:
    """E.164 for a number cell ('+1 317-555-0100', '13175550100', '030 23125000'); None if unusable.
    The planner's own reading of numbers, so the export and the inventory agree on every form."""
    parsed = parse_cell(text, default_country or "US")
    return parsed.numbers[0] if len(parsed.numbers) == 1 else None


def read_numbers_export(source: str | Path | bytes, default_country: str = "US") -> NumbersExport:
    """The export read like any inventory (encodings, delimiters, XLSX, English/German headers)."""
    name = str(source) if isinstance(source, (str, Path)) else Text(N_("the numbers export"))
    try:
        frame = read_inventory(source, name=name).frame
    except InventoryError as err:
        raise InventoryError(N_("the numbers export: {error}"), error=err) from None

    rows: dict[str, ExportRow] = {}
    unreadable: list[str] = []
    duplicates = 0
    columns = ("number", "location", "street1", "street2", "city", "state", "postal_code", "country", "address")
    text: list[list[str]] = [frame[c].astype(str).tolist() for c in columns]  # the reader's columns are all text
    for cell, location, street1, street2, city, state, postal_code, country, address_text in zip(*text):
        number = normalise_number(cell, default_country)
        if number is None:
            if cell:
                unreadable.append(cell)
            continue
        if number in rows:
            duplicates += 1  # first row wins, like the planner's duplicate rule
            continue
        rows[number] = ExportRow(
            location=location,
            address=Address(
                street1=street1,
                street2=street2,
                city=city,
                state=state,
                postal_code=postal_code,
                country=(country_code(country) or country) if country else "",
            ),
            address_text=address_text,
        )
    return NumbersExport(rows=rows, unreadable=unreadable, duplicates=duplicates, name=name)
