"""The tracker's refusals through `portout track ... --lang de`: unknown plan or request, a change made in
another session, a wrong resubmission field, a support bundle for a request that was never rejected, and a
database file that is damaged or belongs to another application. Without --lang the English line is the one
it always was."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from portout.cli.main import main
from portout.i18n import translator
from portout.tracker import StaleWriteError, Tracker, TrackerDatabaseError, UnknownPlanError
from tracker_support import write_inputs

DE = translator("de")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err.strip()


@pytest.fixture
def saved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """A saved plan (id 1) in its own database; returns the database path and the first request's id."""
    inventory, org = write_inputs(tmp_path)
    db = str(tmp_path / "t.db")
    assert main(["track", "save", str(inventory), "--org", str(org), "--db", db, "--actor", "ci"]) == 0
    capsys.readouterr()
    assert main(["track", "show", "1", "--format", "json", "--db", db]) == 0
    rid = json.loads(capsys.readouterr().out)[0]["request_id"]
    return db, rid


def test_unknown_plan_and_request_in_german(saved, capsys):
    db, _ = saved
    code, err = run(capsys, "track", "show", "7", "--db", db, "--lang", "de")
    assert code == 2 and err == f"portout: Fehler: kein gespeicherter Plan 7 in {db}"
    code, err = run(capsys, "track", "show", "7", "--db", db)
    assert code == 2 and err == f"portout: error: no saved plan 7 in {db}"
    code, err = run(capsys, "track", "set", "1", "PR-NOPE", "submitted", "--db", db, "--lang", "de")
    assert code == 2 and err == "portout: Fehler: Plan 1 hat keinen Auftrag 'PR-NOPE'"
    with pytest.raises(UnknownPlanError):  # the class callers catch is kept
        Tracker(db).request(1, "PR-NOPE")


def test_change_from_another_session_in_german(saved, capsys):
    db, rid = saved
    set_args = ["track", "set", "1", rid, "submitted", "--date", "2026-03-01", "--db", db, "--actor", "alex"]
    assert main(set_args) == 0
    capsys.readouterr()
    # this session still holds version 1: the change above (version 2) is reported, nothing is saved
    stale = ["track", "set", "1", rid, "cancelled", "--expect-version", "1", "--db", db]
    code, err = run(capsys, *stale, "--lang", "de")
    assert code == 2
    assert err.startswith(f"portout: Fehler: Auftrag {rid} wurde von alex um 20"), err
    assert err.endswith(
        "geändert (jetzt submitted, Version 2; Sie hatten Version 1): nichts wurde gespeichert, laden Sie neu "
        "und versuchen Sie es erneut"
    )
    code, err = run(capsys, *stale)
    assert code == 2 and err.startswith(f"portout: error: request {rid} was changed by alex at 20")
    assert err.endswith("(now submitted, version 2; you had version 1): nothing was saved, reload and try again")
    with pytest.raises(StaleWriteError) as caught:
        Tracker(db).transition(1, rid, "cancelled", date="2026-03-02", expected_version=1)
    assert caught.value.current is not None and caught.value.current.version == 2


def test_resubmission_fields_and_bundle_in_german(saved, capsys):
    db, rid = saved
    base = ["--db", db, "--lang", "de"]
    code, err = run(capsys, "track", "bundle", "1", rid, "-o", os.devnull, *base)
    assert code == 2 and err == (
        f"portout: Fehler: Auftrag {rid} wurde nicht abgelehnt: das Support-Paket ist für abgelehnte "
        "Portierungen (jetzt draft)"
    )
    assert main(["track", "set", "1", rid, "submitted", "--date", "2026-03-01", "--db", db]) == 0
    assert (
        main(
            ["track", "set", "1", rid, "rejected", "--date", "2026-03-03", "--reason", "LOCATION_MISMATCH", "--db", db]
        )
        == 0
    )
    capsys.readouterr()
    resubmit = ["track", "set", "1", rid, "resubmitted", "--date", "2026-03-05", *base]
    code, err = run(capsys, *resubmit, "--change", "numbers=+1512555 12")
    assert code == 2 and err == "portout: Fehler: numbers: '12' ist keine E.164-Nummer wie +13175550100"
    code, err = run(capsys, *resubmit, "--change", "service_address=Main St 1")
    assert code == 2 and err == (
        "portout: Fehler: 'service_address' ist eine Gruppe von Feldern: ändern Sie eines davon "
        "(service_address.FIELD=VALUE)"
    )
    code, err = run(capsys, *resubmit, "--change", "service_address.floor=3")
    assert code == 2 and err == "portout: Fehler: unbekanntes Feld 'service_address.floor' für eine erneute Einreichung"
    code, err = run(capsys, *resubmit, "--change", "pin=1234")
    assert code == 2 and err.startswith(
        "portout: Fehler: unbekanntes Feld 'pin' für eine erneute Einreichung; Felder: account_number, "
    )
    assert "service_address" in err
    code, err = run(capsys, *resubmit, "--change", "btn")
    assert code == 2 and err == (
        "portout: Fehler: --change 'btn': schreiben Sie FIELD=VALUE, z. B. service_address.street2='Ste 400'"
    )
    code, err = run(capsys, *resubmit[:-2], "--change", "btn")  # without --lang
    assert code == 2 and err == (
        "portout: error: --change 'btn': write FIELD=VALUE, e.g. service_address.street2='Ste 400'"
    )
    assert Tracker(db).request(1, rid).state == "rejected"  # none of these saved anything


def test_damaged_foreign_and_directory_databases_in_german(tmp_path, capsys):
    damaged = tmp_path / "junk.db"
    damaged.write_bytes(os.urandom(4096))
    code, err = run(capsys, "track", "list", "--db", str(damaged), "--lang", "de")
    assert code == 2 and err.startswith(f"portout: Fehler: {damaged} ist beschädigt oder keine SQLite-Datenbank (")
    assert err.endswith(
        "stellen Sie eine Sicherung wieder her oder verweisen Sie mit --db / PORTOUT_DB auf eine andere Datei"
    )

    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.close()
    code, err = run(capsys, "track", "list", "--db", str(foreign), "--lang", "de")
    assert code == 2 and err == (
        f"portout: Fehler: {foreign} ist eine SQLite-Datenbank einer anderen Anwendung, kein Port-Out-Tracker; "
        "wählen Sie mit --db oder PORTOUT_DB eine andere Datei"
    )
    code, err = run(capsys, "track", "list", "--db", str(foreign))
    assert code == 2 and err == (
        f"portout: error: {foreign} is a SQLite database of another application, not a Port-Out tracker; "
        "choose another file with --db or PORTOUT_DB"
    )

    folder = tmp_path / "folder.db"
    folder.mkdir()
    with pytest.raises(TrackerDatabaseError) as caught:
        Tracker(folder)
    assert caught.value.render(DE) == f"{folder} ist ein Ordner, keine Tracker-Datenbankdatei"
