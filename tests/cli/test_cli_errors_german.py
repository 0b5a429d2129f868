"""`--lang de` writes the error line in German; the exit status and the one-line shape stay."""

from __future__ import annotations

from paths import SAMPLES
from portout.cli.main import main


def test_plan_lang_de_prints_the_german_error_and_exits_2(tmp_path, capsys):
    path = tmp_path / "people.csv"
    path.write_bytes(b"name,city\nJane,Berlin\n")
    args = ["plan", str(path), "--org", str(SAMPLES / "org.toml")]
    assert main([*args, "--lang", "de"]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [
        "portout: Fehler: keine Rufnummernspalte in people.csv gefunden (Spaltenköpfe: 'name', 'city'); "
        "nennen Sie sie 'number' oder ordnen Sie sie ausdrücklich zu"
    ]
    assert main(args) == 2  # without --lang: English, as before
    assert capsys.readouterr().err.startswith("portout: error: no phone number column found in people.csv")


def test_costs_lang_de_names_the_row_of_an_unreadable_monthly_charge(tmp_path, capsys):
    # Before, an unreadable charge stopped `portout costs` (exit 2, this row named); now the others are costed
    # and a note in the reader's language names the row (tests/cli/test_costs_command.py has the figures).
    from costs_helpers import inventory_bytes, row

    path = tmp_path / "inv.csv"
    path.write_bytes(inventory_bytes([row(0, mrc="1.25"), row(1, mrc="zwölf")]))
    args = ["costs", str(path), "--org", str(SAMPLES / "org.toml"), "--as-of", "2026-11-27"]
    assert main([*args, "--lang", "de"]) == 0
    out = capsys.readouterr().out
    assert f"Zeile 2 ({row(1)['number']}): 'zwölf'" in out and "Monatsgebühr, die kein Betrag ist" in out
    assert main([*args, "--lang", "en"]) == 0
    assert f"row 2 ({row(1)['number']}): 'zwölf'" in capsys.readouterr().out


def test_track_set_lang_de_refuses_a_field_that_does_not_belong_in_german(tmp_path, capsys):
    import json

    db = str(tmp_path / "t.db")
    inv, org = str(SAMPLES / "inventory.csv"), str(SAMPLES / "org.toml")
    assert main(["track", "save", inv, "--org", org, "--db", db]) == 0
    capsys.readouterr()
    assert main(["track", "show", "1", "--format", "json", "--db", db]) == 0
    rid = json.loads(capsys.readouterr().out)[0]["request_id"]
    args = ["track", "set", "1", rid, "submitted", "--date", "2026-03-01", "--reason", "LOCATION_MISMATCH", "--db", db]
    assert main([*args, "--lang", "de"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("portout: Fehler: submitted nimmt einen Ablehnungsgrund nicht an"), err
    assert err.endswith("nichts wurde gespeichert")
