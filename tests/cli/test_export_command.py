"""`portout export`: workbook, per-request ZIP or folder, German labels, removal dates, errors."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from python_calamine import CalamineWorkbook

from paths import ROOT
from portout.cli.main import main

SAMPLE = ROOT / "data" / "samples"
INVENTORY = str(SAMPLE / "inventory.csv")
ORG = str(SAMPLE / "org.toml")


def sheets(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {n: book.get_sheet_by_name(n).to_python() for n in book.sheet_names}


def test_export_workbook(tmp_path, capsys):
    out = tmp_path / "LOA.xlsx"
    assert main(["export", INVENTORY, "--org", ORG, "-o", str(out)]) == 0
    assert "port requests" in capsys.readouterr().out
    book = sheets(out)
    names = list(book)
    assert names[0] == "Summary" and names[-3:] == ["All numbers", "Excluded", "Warnings"]
    numbers = [r[0] for r in book["All numbers"][1:]]
    assert numbers and all(isinstance(n, str) and n.startswith("+") for n in numbers)


def test_export_german_with_removal_date_and_zip(tmp_path):
    out = tmp_path / "LOA.xlsx"
    bundle = tmp_path / "requests.zip"
    dates = tmp_path / "dates.csv"
    dates.write_text("request,removal_date\nPR-US-7A6EC2,2026-12-20\n", encoding="utf-8")
    assert (
        main(
            [
                "export",
                INVENTORY,
                "--org",
                ORG,
                "-o",
                str(out),
                "--lang",
                "de",
                "--per-request",
                str(bundle),
                "--removal-date",
                "2026-12-31",
                "--dates",
                str(dates),
            ]
        )
        == 0
    )
    book = sheets(out)
    assert list(book)[0] == "Übersicht"
    summary = book["Übersicht"]
    header = next(r for r in summary if r[0] == "Auftrag")
    assert header[-2] == "Entfernungsdatum" and header[-1].startswith("Anteilige Gebühr")
    with zipfile.ZipFile(bundle) as zf:
        names = zf.namelist()
        assert names and all(n.endswith(".xlsx") and "/" not in n for n in names)
        one = CalamineWorkbook.from_filelike(io.BytesIO(zf.read(names[0])))
        assert len(one.sheet_names) == 1


def test_export_per_request_folder_only(tmp_path):
    folder = tmp_path / "out" / "requests"
    assert main(["export", INVENTORY, "--org", ORG, "--per-request", str(folder)]) == 0
    files = sorted(p.name for p in folder.iterdir())
    assert files and all(f.endswith(".xlsx") for f in files)
    assert all(p.parent == folder for p in folder.iterdir())


def test_export_needs_an_output(tmp_path, capsys):
    assert main(["export", INVENTORY, "--org", ORG]) == 2
    assert "-o" in capsys.readouterr().err


def test_export_bad_removal_date(tmp_path, capsys):
    assert main(["export", INVENTORY, "--org", ORG, "-o", str(tmp_path / "x.xlsx"), "--removal-date", "soon"]) == 2
    assert "--removal-date" in capsys.readouterr().err
