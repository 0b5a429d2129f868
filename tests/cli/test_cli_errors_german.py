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
