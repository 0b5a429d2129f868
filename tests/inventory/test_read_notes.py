"""How the inventory was read (issue 14): recorded as data, put in words per language (the Load page's note
and the CLI's hidden-sheets line)."""

from __future__ import annotations

import io

import openpyxl

from paths import SAMPLES
from portout.cli.main import main
from portout.i18n import translator
from portout.inventory.read_notes import describe_read
from portout.inventory.reader import read_inventory

CSV = "Rufnummer;Straße;Ort\n030 1234567;Hauptstraße 12;Berlin\n"


def test_csv_note_in_both_languages() -> None:
    inv = read_inventory(("Export vom 1.3.\n" + CSV).encode("cp1252"), name="export.csv")
    assert inv.read_info == {
        "format": "csv",
        "name": "export.csv",
        "encoding": "Windows-1252",
        "delimiter": ";",
        "header_line": 2,
    }
    english = describe_read(inv.read_info, translator("en"))
    assert english == inv.notes[0] == "read export.csv as CSV (Windows-1252, semicolon-separated, header on line 2)"
    assert describe_read(inv.read_info, translator("de")) == (
        "export.csv als CSV gelesen (Windows-1252, durch Semikolon getrennt, Kopfzeile in Zeile 2)"
    )


def _two_sheets() -> bytes:
    wb = openpyxl.Workbook()
    old = wb.active
    old.title = "Old export"
    old.append(["number"])
    old.sheet_state = "hidden"
    current = wb.create_sheet("Current")
    current.append(["number", "country"])
    current.append(["+13175550100", "US"])
    wb.active = 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_excel_note_with_hidden_sheets_in_german(tmp_path, capsys) -> None:
    inv = read_inventory(_two_sheets(), name="two.xlsx")
    assert describe_read(inv.read_info, translator("de")) == (
        "two.xlsx als Excel gelesen (Blatt 'Current', das aktive Blatt; ausgeblendete Blätter nicht gelesen: "
        "'Old export')"
    )
    path = tmp_path / "two.xlsx"
    path.write_bytes(_two_sheets())
    assert main(["plan", str(path), "--org", str(SAMPLES / "org.toml"), "--lang", "de", "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert "portout: Hinweis: two.xlsx als Excel gelesen" in err and "hidden" not in err
