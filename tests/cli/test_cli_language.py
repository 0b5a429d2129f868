"""`--lang de`: the CLI's plan table in German (exclusions, warnings) and German CSV conventions; JSON keeps
its codes whatever the language."""

from __future__ import annotations

import csv
import io
import json

from paths import SAMPLES
from portout.cli.main import main

ARGS = [str(SAMPLES / "inventory.csv"), "--org", str(SAMPLES / "org.toml")]


def _run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_plan_table_in_german(capsys):
    english = _run(capsys, "plan", *ARGS)
    german = _run(capsys, "plan", *ARGS, "--lang", "de")
    assert "warnings (" in english and "Hinweise (" in german
    assert "keine gültige Rufnummer" in german and "not a valid phone number" not in german
    assert "[still_assigned]" in german  # codes stay


def test_json_is_the_same_in_both_languages(capsys):
    english = json.loads(_run(capsys, "plan", *ARGS, "--format", "json"))
    german = json.loads(_run(capsys, "plan", *ARGS, "--format", "json", "--lang", "de"))
    assert english == german


def test_german_csv_uses_semicolons_decimal_comma_and_bom(capsys):
    text = _run(capsys, "costs", *ARGS, "--format", "csv", "--lang", "de", "--as-of", "2026-03-01")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) > 10 and len(rows[0]) > 3
    amounts = [c for r in rows[1:] for c in r if c.replace(",", "").replace("-", "").isdigit() and "," in c]
    assert amounts, "amounts written with a decimal comma"
    english = _run(capsys, "costs", *ARGS, "--format", "csv", "--as-of", "2026-03-01")
    assert not english.startswith("\ufeff") and english.splitlines()[0].count(",") == len(rows[0]) - 1
