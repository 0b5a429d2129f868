"""Untrusted text reaching outputs: XML-illegal characters anywhere in a workbook, file names capped at 255
bytes (disk and ZIP) with the per-request export all-or-nothing, bidi and escape sequences out of names
and terminal tables, error literals quoted in CSV."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from python_calamine import CalamineWorkbook

from portout.cli.main import main
from portout.export.safe_cells import MAX_FILE_NAME_BYTES, safe_filename, safe_sheet_title, visible_text
from portout.export.workbook import build_per_request_zip, build_workbook, iter_request_workbooks
from portout.inventory.reader import read_inventory
from portout.plan.planner import build_plan
from portout.plan.views import plan_csv
from tracker_support import ORG_TOML

HEADER = ["number", "street", "city", "postal code", "country", "location", "assigned to"]
EMOJI_STREET = "🚀" * 100
RLO = "\u202e"
ESC_LINK = "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\"
ESC_COLOUR = "\x1b[31mred\x1b[0m\x1b[2J"


def _plan(tmp_path: Path, rows: list[list[str]]):
    from portout.settings import load_settings

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(HEADER)
    writer.writerows(rows)
    org = tmp_path / "org.toml"
    org.write_text(ORG_TOML, encoding="utf-8")
    inv = tmp_path / "inv.csv"
    inv.write_text(buf.getvalue(), encoding="utf-8")
    return build_plan(read_inventory(inv), load_settings(org)), inv, org


def _us(i: int, street: str, city: str = "Indianapolis", location: str = "", owner: str = "") -> list[str]:
    return [f"+1317555{100 + i:04d}", street, city, "46204", "US", location, owner]


def _all_xml_parses(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(zf.read(name))  # raises on any malformed part


def test_xml_illegal_characters_anywhere_keep_the_workbook_well_formed(tmp_path: Path) -> None:
    bad = "Main\ufffe St\uffff \x01x"
    plan, _, _ = _plan(tmp_path, [_us(0, bad, city="Indy\ufffe", location="Loc\uffff", owner="Own\x02er")])
    assert any("\ufffe" in r.service_address.street1 for r in plan.requests)  # it reached the plan
    for data in [build_workbook(plan)] + [d for _, d in iter_request_workbooks(plan)]:
        _all_xml_parses(data)
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        for title in book.sheet_names:
            assert "\ufffe" not in title and "\uffff" not in title
            assert book.get_sheet_by_name(title).to_python() is not None


def test_per_request_names_fit_in_255_bytes_and_the_export_is_complete(tmp_path: Path) -> None:
    rows = [_us(i, f"{EMOJI_STREET} {i}") for i in range(12)]
    plan, inv, org = _plan(tmp_path, rows)
    assert len(plan.requests) == 12
    names = [name for name, _ in iter_request_workbooks(plan)]
    assert len(set(names)) == 12
    assert all(len(n.encode("utf-8")) <= MAX_FILE_NAME_BYTES for n in names), max(len(n.encode()) for n in names)
    with zipfile.ZipFile(io.BytesIO(build_per_request_zip(plan))) as zf:
        assert all(len(n.encode("utf-8")) <= MAX_FILE_NAME_BYTES for n in zf.namelist())
    out = tmp_path / "per-request"
    assert main(["export", str(inv), "--org", str(org), "--per-request", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(names)


def test_duplicate_suffix_stays_within_the_byte_cap() -> None:
    taken: set[str] = set()
    names = [safe_filename("東" * 300, taken) for _ in range(12)]
    assert len(set(names)) == 12 and names[11].endswith(" (12).xlsx")
    assert all(len(n.encode("utf-8")) <= MAX_FILE_NAME_BYTES for n in names)


def test_per_request_export_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    plan, inv, org = _plan(tmp_path, [_us(i, f"{i} Main Street") for i in range(5)])
    from portout.cli.commands import export as export_command

    real = export_command.iter_request_workbooks

    def failing(*args, **kwargs):
        for k, item in enumerate(real(*args, **kwargs)):
            if k == 3:
                raise OSError(28, "No space left on device")
            yield item

    monkeypatch.setattr(export_command, "iter_request_workbooks", failing)
    fresh, existing = tmp_path / "fresh", tmp_path / "existing"
    existing.mkdir()
    (existing / "keep.txt").write_text("mine")
    for target in (fresh, existing):
        assert main(["export", str(inv), "--org", str(org), "--per-request", str(target)]) == 2
    capsys.readouterr()
    assert not fresh.exists()  # created by the export, removed with its partial content
    assert [p.name for p in existing.iterdir()] == ["keep.txt"]  # nothing added, nothing lost


def test_bidi_and_escape_sequences_leave_names() -> None:
    hostile = f"Main St{RLO}xslx.exe {ESC_COLOUR}{ESC_LINK}"
    for name in (safe_filename(hostile, set()), safe_sheet_title(hostile, set())):
        assert RLO not in name and "\x1b" not in name and "evil" not in name, name
        assert "Main St" in name and "red" in name and "click" in name


def test_visible_text_strips_terminal_sequences() -> None:
    assert visible_text(f"a{ESC_COLOUR}b{ESC_LINK}c\x9b31mC1\u2066iso\u2069") == "aredbclickcC1iso"
    assert visible_text("tab\tand\nnewline stay") == "tab\tand\nnewline stay"


def test_plan_table_and_track_history_print_no_escapes(tmp_path: Path, capsys) -> None:
    plan, inv, org = _plan(tmp_path, [_us(0, f"1 Main {ESC_COLOUR}", location=ESC_LINK, owner=f"Bob{RLO}")])
    assert main(["plan", str(inv), "--org", str(org)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and RLO not in out and "1 Main red" in out
    db = str(tmp_path / "t.db")
    assert main(["track", "save", str(inv), "--org", str(org), "--db", db, "--actor", ESC_LINK]) == 0
    rid = plan.requests[0].id
    capsys.readouterr()
    assert main(["track", "history", "1", rid, "--db", db]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "click" in out


def test_error_lines_carry_no_escapes(tmp_path: Path, capsys) -> None:
    inv = tmp_path / "inv.csv"
    inv.write_text(
        "number,street,city,postal code,country,removal date\n"
        "+13175550100,1 Main St,Indianapolis,46204,US,\x1b[2J9999-99-99\n",
        encoding="utf-8",
    )
    org = tmp_path / "org.toml"
    org.write_text(ORG_TOML, encoding="utf-8")
    assert main(["costs", str(inv), "--org", str(org)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and len(err.strip().splitlines()) == 1


def test_plan_csv_quotes_error_literals(tmp_path: Path) -> None:
    plan, _, _ = _plan(tmp_path, [_us(0, "1 Main St", location="#REF!", owner="#N/A")])
    rows = list(csv.DictReader(io.StringIO(plan_csv(plan))))
    assert rows[0]["location"] == "'#REF!" and rows[0]["owner"] == "'#N/A"
    assert rows[0]["number"] == "+13175550100"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_hostile_workbooks(tmp_path: Path) -> None:
    rows = [
        _us(0, f"Main\ufffe St\uffff {RLO}x {ESC_COLOUR}", location=ESC_LINK, owner="#N/A"),
        _us(1, EMOJI_STREET, owner="=cmd|' /C calc'!A0"),
    ]
    plan, _, _ = _plan(tmp_path, rows)
    # Short names on disk: this checks that the contents open (the names are checked above), and
    # LibreOffice's own converter refuses long output names.
    books = [build_workbook(plan)] + [data for _, data in iter_request_workbooks(plan)]
    files = [(f"book{i}.xlsx", data) for i, data in enumerate(books)]
    for name, data in files:
        (tmp_path / name).write_bytes(data)
    out = tmp_path / "csv"
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--convert-to", "csv"]
        + ["--outdir", str(out)]
        + [str(tmp_path / name) for name, _ in files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    converted = sorted(p.stem for p in out.glob("*.csv")) if out.exists() else []
    assert converted == sorted(Path(name).stem for name, _ in files), result.stderr
    assert all((out / f"{Path(name).stem}.csv").stat().st_size > 0 for name, _ in files)
