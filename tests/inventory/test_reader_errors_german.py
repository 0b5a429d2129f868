"""The reader's refusals in German (the dashboard and `--lang de` show these), English `str` unchanged."""

from __future__ import annotations

import pytest

from portout.errors import InventoryError
from portout.i18n import translator
from portout.inventory.reader import read_inventory

DE = translator("de")


@pytest.mark.parametrize(
    ("raw", "english", "german"),
    [
        (b"", "upload is empty", "upload ist leer"),
        (b"\x00\x01\x02\x03binary", "the file is binary", "die Datei ist binär"),
        (b"PK\x03\x04 not a zip", "the Excel file cannot be opened", "die Excel-Datei kann nicht geöffnet werden"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old .xls workbook", "alte .xls-Arbeitsmappe"),
        (
            b"name,city\nJane,Berlin\n",
            "no phone number column found in upload (headers: 'name', 'city')",
            "keine Rufnummernspalte in upload gefunden (Spaltenköpfe: 'name', 'city')",
        ),
    ],
)
def test_reader_errors_in_german(raw, english, german):
    with pytest.raises(InventoryError) as info:
        read_inventory(raw)
    assert english in str(info.value)
    shown = info.value.render(DE)
    assert german in shown
    assert english not in shown


def test_mapping_errors_in_german():
    raw = b"Anschluss;Ort\n+4930901820;Berlin\n"
    with pytest.raises(InventoryError) as info:
        read_inventory(raw, mapping={"number": "Nummer"})
    assert str(info.value) == "the mapping names column 'Nummer', which upload does not have"
    assert info.value.render(DE) == "die Zuordnung nennt die Spalte 'Nummer', die upload nicht hat"


def test_missing_sheet_in_german():
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Numbers"
    buf = io.BytesIO()
    book.save(buf)
    with pytest.raises(InventoryError) as info:
        read_inventory(buf.getvalue(), sheet="Nummern")
    assert info.value.render(DE) == "kein Blatt namens 'Nummern'; Blätter: Numbers"


def test_unreadable_path_in_german(tmp_path):
    with pytest.raises(InventoryError) as info:
        read_inventory(tmp_path / "missing.csv")
    assert str(info.value).startswith("cannot read ")
    assert info.value.render(DE).endswith("kann nicht gelesen werden: " + info.value.params["reason"])
