"""Reading inventories: encodings, delimiters, header aliases, Excel, numbers kept as text, bad files."""

from __future__ import annotations

import io

import openpyxl
import pytest

from portout.errors import InventoryError
from portout.inventory.reader import CANONICAL_COLUMNS, detect_mapping, read_headers, read_inventory

GERMAN = "Rufnummer;Standort;Straße;PLZ;Ort;Land;Monatliche Gebühr\n030 1234567;Berlin;Hauptstraße 12;10115;Berlin;Deutschland;1,60\n"


def test_german_excel_csv_in_cp1252_with_semicolons() -> None:
    inv = read_inventory(GERMAN.encode("cp1252"), name="export.csv")
    row = inv.frame.iloc[0]
    assert row["number"] == "030 1234567"  # leading zero kept: read as text
    assert row["street1"] == "Hauptstraße 12"
    assert row["postal_code"] == "10115"
    assert row["monthly_charge"] == "1,60"
    assert "Windows-1252" in inv.notes[0] and "semicolon" in inv.notes[0]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_utf8_with_and_without_bom(encoding: str) -> None:
    inv = read_inventory(GERMAN.replace(";", ",").replace("1,60", "1.60").encode(encoding))
    assert list(inv.frame.columns) == ["row"] + CANONICAL_COLUMNS
    assert inv.frame.iloc[0]["street1"] == "Hauptstraße 12"
    assert inv.mapping["number"] == "Rufnummer"  # no BOM glued to the first header


def test_tab_delimited_and_header_aliases_case_insensitive() -> None:
    text = "  PHONE NUMBER \tZip Code\tAssigned To\tMRC\n+13175550100\t46204\tJane\t1.00\n"
    inv = read_inventory(text.encode())
    assert inv.mapping == {
        "number": "  PHONE NUMBER ",
        "postal_code": "Zip Code",
        "owner": "Assigned To",
        "monthly_charge": "MRC",
    }
    assert inv.frame.iloc[0]["owner"] == "Jane"


def test_every_alias_of_the_issue_is_recognised() -> None:
    aliases = {
        "number": [
            "phone number",
            "phone_number",
            "number",
            "did",
            "e164",
            "telephone number",
            "rufnummer",
            "telefonnummer",
            "nummer",
        ],
        "number_type": ["type", "number type", "typ", "nummerntyp"],
        "provider": ["provider", "service provider", "anbieter"],
        "location": ["location", "location name", "site", "standort"],
        "street1": ["street", "street1", "address line 1", "address1", "straße", "strasse"],
        "street2": ["street2", "address line 2", "address2", "zusatz"],
        "city": ["city", "town", "ort", "stadt"],
        "state": ["state", "region", "province", "bundesland"],
        "postal_code": ["postal code", "zip", "zipcode", "zip code", "postcode", "plz", "postleitzahl"],
        "country": ["country", "country code", "land"],
        "address": ["address", "service address", "adresse"],
        "owner": ["owner", "assigned to", "zugewiesen an"],
        "monthly_charge": ["mrc", "monthly charge", "monthly recurring charge", "monatliche gebühr"],
        "removal_date": ["removal date", "entfernungsdatum"],
    }
    for canon, names in aliases.items():
        for name in names:
            assert detect_mapping([name.upper()]) == {canon: name.upper()}, name


def test_explicit_mapping_overrides_detection() -> None:
    text = "Nummer;Neue Nummer\n+13175550100;+13175550199\n"
    inv = read_inventory(text.encode(), mapping={"number": "Neue Nummer"})
    assert inv.frame.iloc[0]["number"] == "+13175550199"
    with pytest.raises(InventoryError, match="does not have"):
        read_inventory(text.encode(), mapping={"number": "Missing"})


def test_title_block_above_the_header_is_skipped() -> None:
    text = "Number Management export\nGenerated 2026-11-01\n\nPhone Number,City\n+13175550100,Indianapolis\n"
    inv = read_inventory(text.encode())
    assert inv.frame["number"].tolist() == ["+13175550100"]


def _xlsx(rows: list[list[object]], title: str = "Numbers", extra_first: bool = False) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    if extra_first:
        ws.title = "Notes"
        ws.append(["nothing to see"])
        ws = wb.create_sheet(title)
    else:
        ws.title = title
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_numbers_stored_as_numbers_come_back_as_digits() -> None:
    raw = _xlsx(
        [
            ["Phone Number", "Country", "MRC"],
            [13175550100, "US", 1.5],
            [13175550101.0, "US", 2],
            ["+44 20 7946 0000", "GB", None],
        ]
    )
    inv = read_inventory(raw, name="numbers.xlsx")
    assert inv.frame["number"].tolist() == ["13175550100", "13175550101", "+44 20 7946 0000"]
    assert inv.frame["monthly_charge"].tolist() == ["1.5", "2", ""]


def test_xlsx_named_sheet() -> None:
    raw = _xlsx([["DID"], ["+13175550100"]], extra_first=True)
    with pytest.raises(InventoryError, match="no phone number column"):
        read_inventory(raw)  # the first sheet has no numbers
    assert read_inventory(raw, sheet="Numbers").frame["number"].tolist() == ["+13175550100"]
    with pytest.raises(InventoryError, match="no sheet named"):
        read_inventory(raw, sheet="Missing")


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00" * 100, "binary"),
        (b"PK\x03\x04 this is not really a zip", "cannot be opened"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old .xls"),
        (b"name,city\nJane,Berlin\n", "no phone number column"),
        (b'number,city\n"+1317555,"Berlin\n"unterminated', "malformed"),
    ],
)
def test_bad_files_give_a_clear_message(raw: bytes, message: str) -> None:
    with pytest.raises(InventoryError, match=message):
        read_inventory(raw, name="bad.csv")


def test_missing_file_is_an_inventory_error(tmp_path) -> None:
    with pytest.raises(InventoryError, match="cannot read"):
        read_inventory(tmp_path / "nope.csv")


def test_rows_are_numbered_from_one_and_blank_lines_kept() -> None:
    inv = read_inventory(b"number,city\n+13175550100,a\n,\n+13175550101,b\n")
    assert inv.frame["row"].tolist() == [1, 2, 3]
    assert inv.frame["number"].tolist() == ["+13175550100", "", "+13175550101"]


def test_annotated_headers_are_recognised() -> None:
    assert detect_mapping(["Phone Number (E.164)", "PLZ [5-stellig]", "Monthly charge (USD)"]) == {
        "number": "Phone Number (E.164)",
        "postal_code": "PLZ [5-stellig]",
        "monthly_charge": "Monthly charge (USD)",
    }
    # An exact alias wins over an annotated one, wherever it stands.
    assert detect_mapping(["Number (old)", "Number"])["number"] == "Number"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_not_called_binary(codec):
    text = "number,street,city,postal code,country\n+4930123456,Hauptstraße 1,Berlin,10115,DE\n"
    raw = text.encode(codec)
    assert not raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    inv = read_inventory(raw, name="nobom.csv")
    assert inv.frame["street1"].tolist() == ["Hauptstraße 1"]
    assert codec.upper() in inv.notes[0]
    with pytest.raises(InventoryError, match="binary"):
        read_inventory(bytes(range(256)) * 4)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_read_headers_decodes_like_the_reader(encoding):
    raw = "Anschluss;Straße;Ort\n+4922112345678;Domkloster 4;Köln\n".encode(encoding)
    assert read_headers(raw) == ["Anschluss", "Straße", "Ort"]
    # the same decoding as read_inventory: the mapped columns then read the same text
    inv = read_inventory(raw, mapping={"number": "Anschluss", "city": "Ort"})
    assert inv.frame["city"].tolist() == ["Köln"]


def test_read_headers_skips_a_title_block_and_refuses_damaged_files():
    raw = b"Export 2026-01-01\n\nRufnummer;Ort\n+4930901820;Berlin\n"
    assert read_headers(raw) == ["Rufnummer", "Ort"]
    with pytest.raises(InventoryError):
        read_headers(b"PK\x03\x04garbage")
