"""Command-line option mistakes in `plan`, `export` and their outputs, with --lang de: one German line, exit
status 2; without --lang the English line is unchanged. The OS's own reason (strerror) stays as the OS wrote it."""

from __future__ import annotations

from pathlib import Path

import pytest

from paths import SAMPLES
from portout.cli.main import main

INVENTORY, ORG = str(SAMPLES / "inventory.csv"), str(SAMPLES / "org.toml")
PLAN = ["plan", INVENTORY, "--org", ORG]
EXPORT = ["export", INVENTORY, "--org", ORG]


@pytest.mark.parametrize(
    ("argv", "english", "german"),
    [
        (
            [*PLAN, "--btn", "PR-1"],
            "--btn 'PR-1': write REQUEST=NUMBER",
            "--btn 'PR-1': schreiben Sie REQUEST=NUMBER",
        ),
        (
            [*PLAN, "--mapping", "[1, 2]"],
            "--mapping must be a JSON object",
            "--mapping muss ein JSON-Objekt sein",
        ),
        (
            [*PLAN, "--removal-lag-days", "400"],
            "--removal-lag-days 400 must be between 0 and 365",
            "--removal-lag-days 400 muss zwischen 0 und 365 liegen",
        ),
        (
            [*PLAN, "--scope-category", "premium"],
            "scope: unknown category 'premium'; use any of geographic, toll_free, non_geographic, mobile",
            "Umfang: unbekannte Kategorie 'premium'; verwenden Sie eine von geographic, toll_free, non_geographic, mobile",
        ),
        (
            EXPORT,
            "give -o LOA.xlsx and/or --per-request OUT.zip|DIR",
            "geben Sie -o LOA.xlsx und/oder --per-request OUT.zip|DIR an",
        ),
        (
            [*EXPORT, "-o", "loa.xlsx", "--removal-date", "31/12/2026"],
            "--removal-date '31/12/2026' is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM[Z])",
            "--removal-date '31/12/2026' ist kein Datum (verwenden Sie YYYY-MM-DD oder YYYY-MM-DDTHH:MM[Z])",
        ),
    ],
)
def test_option_errors_in_german_and_english(capsys, argv, english, german):
    assert main([*argv, "--lang", "de"]) == 2
    assert capsys.readouterr().err.strip() == f"portout: Fehler: {german}"
    assert main(argv) == 2
    assert capsys.readouterr().err.strip() == f"portout: error: {english}"


def test_unwritable_outputs_in_german(tmp_path: Path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / "plan.json"
    assert main([*PLAN, "--format", "json", "-o", str(target), "--lang", "de"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"portout: Fehler: {target} kann nicht geschrieben werden: "), err
    assert main([*EXPORT, "--per-request", str(blocker / "loas"), "--lang", "de"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"portout: Fehler: der Ordner {blocker / 'loas'} kann nicht angelegt werden: "), err
    assert main([*EXPORT, "--per-request", str(blocker / "loas")]) == 2
    assert capsys.readouterr().err.startswith(f"portout: error: cannot create folder {blocker / 'loas'}: ")
    assert blocker.read_text() == "not a folder"
