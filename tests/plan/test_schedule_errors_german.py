"""A broken --dates file through `portout plan --lang de`: the line names the file, the item or line, and what
is wrong, in German; the same run without --lang gives the English line it always gave."""

from __future__ import annotations

from pathlib import Path

import pytest

from paths import SAMPLES
from portout.cli.main import main
from portout.errors import PortoutError
from portout.i18n import translator
from portout.plan.schedule import read_dates_file

DE = translator("de")


@pytest.mark.parametrize(
    ("content", "english", "german"),
    [
        (
            b"request_id,port_date\n,2026-03-01\n",
            "{f}: line 2 needs a request id, service address or location",
            "{f}: Zeile 2 braucht eine Auftrags-ID, Anschlussadresse oder einen Standort",
        ),
        (
            b"request_id,port_date\nPR-1,31.02.2026\n",
            "{f}: line 2: port date: '31.02.2026' is not a date (use YYYY-MM-DD or DD.MM.YYYY)",
            "{f}: Zeile 2: port date: '31.02.2026' ist kein Datum (verwenden Sie YYYY-MM-DD oder TT.MM.JJJJ)",
        ),
        (
            b'[{"request_id": "PR-1", "removal_date": "1899-12-31"}]',
            "{f}: item 1: removal_date 1899-12-31 is outside the dates accepted (1990-01-01 to 2100-12-31)",
            "{f}: Eintrag 1: removal_date 1899-12-31 liegt außerhalb der akzeptierten Daten (01.01.1990 bis 31.12.2100)",
        ),
        (
            b'[{"port_date": "2026-03-01"}]',
            "{f}: item 1 needs a request_id, service_address or location",
            "{f}: Eintrag 1 braucht request_id, service_address oder location",
        ),
        (b"[1, 2]", "{f}: item 1 is not an object", "{f}: Eintrag 1 ist kein Objekt"),
        (b" \n\n", "{f} is empty", "{f} ist leer"),
        (b"PR-1;\xe4\xf6\xfc\n", "{f} is not UTF-8 text", "{f} ist kein UTF-8-Text"),
    ],
)
def test_broken_dates_file_in_german_and_english(tmp_path: Path, capsys, content, english, german):
    dates = tmp_path / "dates.csv"
    dates.write_bytes(content)
    args = ["plan", str(SAMPLES / "inventory.csv"), "--org", str(SAMPLES / "org.toml"), "--dates", str(dates)]
    assert main([*args, "--lang", "de"]) == 2
    assert capsys.readouterr().err.strip() == "portout: Fehler: " + german.format(f=dates)
    assert main(args) == 2
    assert capsys.readouterr().err.strip() == "portout: error: " + english.format(f=dates)


def test_uploaded_dates_file_is_named_in_the_readers_language():
    """An upload (bytes) has no file name: "dates file" is written in German too."""
    with pytest.raises(PortoutError) as caught:
        read_dates_file(b'{"PR-1": "next week"}')
    assert str(caught.value) == "dates file: 'PR-1': 'next week' is not a date (use YYYY-MM-DD or DD.MM.YYYY)"
    assert caught.value.render(DE) == (
        "Datumsdatei: 'PR-1': 'next week' ist kein Datum (verwenden Sie YYYY-MM-DD oder TT.MM.JJJJ)"
    )
