"""`portout plan --lang de` on the sample (issue 14): summary, headers, readiness, staying numbers,
exclusions and warnings read German; the English wording removed from it does not come back."""

from __future__ import annotations

from paths import SAMPLES
from portout.cli.main import main

ARGS = [str(SAMPLES / "inventory.csv"), "--org", str(SAMPLES / "org.toml"), "--today", "2026-11-27"]
# A scope, so the staying section shows too.
SCOPED = [*ARGS, "--scope-country", "DE"]

ENGLISH_LEFT_OVER = [
    "rows read",
    " planned,",
    "staying,",
    "port requests",
    "stay with Genesys",
    "scope:",
    "every number",
    "needs attention",
    "needs_attention",
    "service address",
    "readiness",
    "still the bundled",
    "put your organisation",
    "are still assigned",
    "reassign them",
    "check the service address",
    "ask the carrier",
    "staying with Genesys",
    "country not in scope",
    "why",
    "and more",
    "more (use",
    "excluded (",
    "warnings (",
    "toll-free",
    "non_geographic",
    "partial",
    "invoice Ship To",
    "numbers (",
]


def _run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_plan_table_has_no_english_left(capsys):
    german = _run(capsys, "plan", *SCOPED, "--lang", "de")
    left = [w for w in ENGLISH_LEFT_OVER if w in german]
    assert left == [], left
    for expected in (
        "Zeilen gelesen",
        "Portierungsaufträgen",
        "Nummern bleiben bei Genesys (Umfang: Länder DE)",
        "Auftrag",
        "Anschlussadresse",
        "Bereitschaft",
        "braucht Aufmerksamkeit (4 von 4 Aufträgen)",
        "Beispielwerte in den Einstellungen: noch Werte des mitgelieferten Beispiels",
        "-> Tragen Sie die Werte Ihrer Organisation in org.toml ein",
        "bleiben bei Genesys (1.624: 1.624 Land nicht im Umfang)",
        "warum sie bleibt",
        "04.12.2026",
        "teilweise",
    ):
        assert expected in german, expected


def test_the_english_table_reads_english_with_the_same_structure(capsys):
    english = _run(capsys, "plan", *SCOPED)
    assert "2,153 rows read: 413 planned, 1,615 staying, 125 excluded; 413 numbers in 4 port requests" in english
    assert "needs attention (4 of 4 requests):" in english
    assert "  - Sample values in the settings: still the bundled sample's or a placeholder value" in english
    assert "staying with Genesys (1,624: 1,624 country not in scope):" in english
    german = _run(capsys, "plan", *SCOPED, "--lang", "de")
    assert len(german.splitlines()) == len(english.splitlines())


def test_costs_table_in_german(capsys):
    argv = [*ARGS, "--as-of", "2026-03-01", "--removal-date", "2026-02-01"]
    german = _run(capsys, "costs", *argv, "--lang", "de")
    for english in (
        "Costs in",
        "as of",
        "request",
        "priced",
        "prorated",
        "total:",
        "yes",
        "per day of delay",
        "removed",
    ):
        assert english not in german, english
    assert german.startswith("Kosten in USD zum Stichtag 01.03.2026: tatsächliche Tage")
    assert "gesamt: 2.037 Nummern (2.037 mit Preis), anteilig 1.821,26, bis zur Entfernung 0,00" in german
    assert "- 2.037 Nummern wurden vor dem Stichtag 01.03.2026 entfernt" in german
    english = _run(capsys, "costs", *argv)
    assert "- 2,037 numbers were removed before the as-of day 2026-03-01: nothing more is billed for them" in english


def test_track_and_export_lines_in_german(capsys, tmp_path):
    db = str(tmp_path / "t.db")
    assert main(["track", "save", *ARGS[:3], "--db", db, "--lang", "de"]) == 0
    assert capsys.readouterr().out.startswith("Plan 1 gespeichert (14 Aufträge, 2.037 Nummern, mit Kostenschätzung)")
    shown = _run(capsys, "track", "show", "1", "--db", db, "--lang", "de")
    assert shown.startswith("Auftrag") and "Entwurf" in shown and "draft " not in shown
    assert "submitted/cancelled" in shown  # what `track set` accepts stays a code
    out = tmp_path / "loa.xlsx"
    assert main(["export", *ARGS[:3], "--lang", "de", "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"{out} geschrieben: 14 Portierungsaufträge, 2.037 Nummern, 125 ausgeschlossen\n"


def test_fetch_summary_in_german(capsys, tmp_path):
    """The fetch summary on stderr (against the built-in fake Genesys Cloud)."""
    assert main(["fetch", "--demo", "--lang", "de", "-o", str(tmp_path / "inv.csv")]) == 0
    err = capsys.readouterr().err
    assert "(Kundennummer " in err and "310 Nummern ->" in err and "Adressen aus dem Export: 0" in err
    assert "account number" not in err and "addresses from the export" not in err
