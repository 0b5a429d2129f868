"""Damaged and hostile workbooks, each built here from a good one: one InventoryError line in words
(never an exception name, never a traceback) whether the damage shows when opening or when reading rows;
hidden first sheets are skipped with a note."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

import openpyxl
import pytest

from portout.errors import InventoryError
from portout.inventory.reader import read_inventory

SHEET = "xl/worksheets/sheet1.xml"
EXCEPTION_NAME = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception)\b")


def _good() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Numbers"
    ws.append(["number", "street", "city", "postal code", "country"])
    ws.append(["+13175550100", "1 Monument Circle", "Indianapolis", "46204", "US"])
    ws.append([13175550101, "1 Monument Circle", "Indianapolis", "46204", "US"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _mutate(raw: bytes, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None) -> bytes:
    """Rewrite the package part by part; `change` returning None drops the part."""
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            data = change(name, src.read(name))
            if data is not None:
                dst.writestr(name, data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def _in(part: str, old: bytes, new: bytes) -> Callable[[str, bytes], bytes | None]:
    def change(name: str, data: bytes) -> bytes | None:
        if name != part:
            return data
        assert old in data, (part, old)  # the reproducer really changed something
        return data.replace(old, new, 1)

    return change


def _number_cell(value: bytes) -> bytes:
    return _mutate(_good(), _in(SHEET, b"<v>13175550101</v>", b"<v>" + value + b"</v>"))


def _shared_string_out_of_range() -> bytes:
    raw = _mutate(
        _good(),
        lambda name, data: (
            data.replace(b'<c r="A2" t="inlineStr"><is><t>+13175550100</t></is></c>', b'<c r="A2" t="s"><v>99</v></c>')
            if name == SHEET
            else data.replace(
                b"</Relationships>",
                b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
                b'officeDocument/2006/relationships/sharedStrings"/></Relationships>',
            )
            if name == "xl/_rels/workbook.xml.rels"
            else data.replace(
                b"</Types>",
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
            )
            if name == "[Content_Types].xml"
            else data
        ),
        {
            "xl/sharedStrings.xml": b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'count="1" uniqueCount="1"><si><t>only one</t></si></sst>'
        },
    )
    assert b'<c r="A2" t="s"><v>99</v></c>' in zipfile.ZipFile(io.BytesIO(raw)).read(SHEET)
    return raw


BOMB = b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
XXE = b'<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'

CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    "no sheets": (
        lambda: _mutate(
            _good(), lambda n, d: re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", d) if n.endswith("k.xml") else d
        ),
        "no readable sheets",
    ),
    "missing sheet part": (lambda: _mutate(_good(), lambda n, d: None if n == SHEET else d), "no readable sheets"),
    "NaN in a number cell": (lambda: _number_cell(b"NaN"), "a cell marked as a number holds something else"),
    "abc in a number cell": (lambda: _number_cell(b"abc"), "a cell marked as a number holds something else"),
    "1.2.3 in a number cell": (lambda: _number_cell(b"1.2.3"), "a cell marked as a number holds something else"),
    "shared string out of range": (_shared_string_out_of_range, "shared text that is not there"),
    "truncated sheet XML": (
        lambda: _mutate(_good(), lambda n, d: d[: len(d) // 2] if n == SHEET else d),
        "malformed or cut short",
    ),
    "entity bomb in a sheet": (lambda: _mutate(_good(), _in(SHEET, b"<worksheet", BOMB + b"<worksheet")), "entities"),
    "external entity in a sheet": (
        lambda: _mutate(_good(), _in(SHEET, b"<worksheet", XXE + b"<worksheet")),
        "entities",
    ),
    "entity bomb in the workbook": (
        lambda: _mutate(_good(), _in("xl/workbook.xml", b"<workbook", BOMB + b"<workbook")),
        "entities",
    ),
    "no workbook part": (lambda: _mutate(_good(), lambda n, d: None if n == "xl/workbook.xml" else d), "workbook"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_damaged_workbook_is_one_clear_line(case: str) -> None:
    build, words = CASES[case]
    with pytest.raises(InventoryError) as caught:
        read_inventory(build(), name="damaged.xlsx")
    message = str(caught.value)
    assert words in message and "\n" not in message
    assert not EXCEPTION_NAME.search(message), message


def test_the_good_workbook_reads() -> None:
    inv = read_inventory(_good())
    assert inv.frame["number"].tolist() == ["+13175550100", "13175550101"]
    assert "the active sheet" in inv.notes[0]


def test_hidden_first_sheet_is_skipped_and_named(tmp_path, capsys) -> None:
    wb = openpyxl.Workbook()
    old = wb.active
    old.title = "Old export"
    old.append(["number"])
    old.append(["+13175559999"])
    old.sheet_state = "hidden"
    current = wb.create_sheet("Current")
    current.append(["number", "country"])
    current.append(["+13175550100", "US"])
    wb.active = 1
    buf = io.BytesIO()
    wb.save(buf)
    inv = read_inventory(buf.getvalue(), name="two.xlsx")
    assert inv.frame["number"].tolist() == ["+13175550100"]
    assert "sheet 'Current'" in inv.notes[0] and "hidden sheets not read: 'Old export'" in inv.notes[0]
    # The command line says so on stderr; the table is still written.
    from paths import SAMPLES
    from portout.cli.main import main

    path = tmp_path / "two.xlsx"
    path.write_bytes(buf.getvalue())
    assert main(["plan", str(path), "--org", str(SAMPLES / "org.toml"), "--format", "json"]) == 0
    assert "portout: note: " in capsys.readouterr().err
    # The hidden sheet is still readable when asked for by name.
    assert read_inventory(buf.getvalue(), sheet="Old export").frame["number"].tolist() == ["+13175559999"]


def test_cli_exit_2_one_line(tmp_path, capsys) -> None:
    from paths import SAMPLES
    from portout.cli.main import main

    path = tmp_path / "bad.xlsx"
    path.write_bytes(_number_cell(b"abc"))
    assert main(["plan", str(path), "--org", str(SAMPLES / "org.toml")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and "a cell marked" in err
