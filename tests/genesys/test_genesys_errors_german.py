"""`portout fetch --lang de` and the library's Genesys errors in German, over real HTTP on 127.0.0.1: a refused
login, a server that keeps failing, the overall deadline, region and endpoint mistakes. The English line stays
what it was without --lang, and no translation ever shows the client secret."""

from __future__ import annotations

import base64
import json
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import stamina

from portout.cli.main import main
from portout.genesys import GenesysError, fetch_inventory
from portout.genesys.fake_server import EDGES, FakeGenesys, FakeServer
from portout.genesys.regions import RegionError, check_loopback_base, resolve_region
from portout.i18n import translator

SECRET = "Zq9-s3cr3t-Vv7-do-not-leak"
CLIENT_ID = "test-client-42"
DE = translator("de")


@pytest.fixture(autouse=True)
def no_backoff_sleeps() -> Iterator[None]:
    with stamina.set_testing(True, attempts=100, cap=True):
        yield


@pytest.fixture
def server() -> Iterator[FakeServer]:
    with FakeServer(FakeGenesys(client_id=CLIENT_ID, client_secret=SECRET)) as srv:
        yield srv


def fetch_cli(server: FakeServer, tmp_path: Path, *extra: str) -> list[str]:
    """The arguments of `portout fetch` against the fake server, writing to tmp_path."""
    return ["fetch", "--client-id", CLIENT_ID, "--api-base", server.base_url, "-o", str(tmp_path / "inv.csv"), *extra]


def test_refused_login_in_german_and_in_english(server, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GENESYS_CLOUD_CLIENT_SECRET", "wrong-" + SECRET)
    args = fetch_cli(server, tmp_path)
    assert main([*args, "--lang", "de"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        "portout: Fehler: Genesys Cloud POST /oauth/token: HTTP 401 Unauthorized: die Zugangsdaten des "
        "OAuth-Clients oder das Token wurden abgelehnt"
    )
    assert main(args) == 2
    assert capsys.readouterr().err.strip() == (
        "portout: error: Genesys Cloud POST /oauth/token: HTTP 401 Unauthorized: the OAuth client credentials "
        "or token were refused"
    )
    assert not (tmp_path / "inv.csv").exists()


def test_persistent_503_in_german_names_the_page(server, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GENESYS_CLOUD_CLIENT_SECRET", SECRET)
    server.state.add_fault("503", f"{EDGES}/dids", page=2, times=-1)
    assert main([*fetch_cli(server, tmp_path), "--lang", "de"]) == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last == (
        f"portout: Fehler: Genesys Cloud GET {EDGES}/dids (Seite 2): HTTP 503 Service Unavailable, "
        "nach 6 Versuchen weiterhin fehlerhaft"
    )


def test_overall_deadline_in_german_with_a_decimal_comma(server, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GENESYS_CLOUD_CLIENT_SECRET", SECRET)
    server.state.add_fault("slow", "/api/v2/locations", times=-1, delay=2.0)
    assert main([*fetch_cli(server, tmp_path, "--deadline", "0.5"), "--lang", "de"]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith("portout: Fehler: Genesys Cloud GET /api/v2/locations")
    assert err.endswith(
        "keine vollständige Antwort innerhalb der Gesamtfrist von 0,5 s (--deadline); nichts wurde geschrieben"
    ), err


def test_a_broken_listing_in_german(server):
    server.state.add_fault("pagecount", f"{EDGES}/didpools/dids", page=2, times=-1)
    with pytest.raises(GenesysError) as caught:
        fetch_inventory(None, CLIENT_ID, SECRET, api_base=server.base_url, login_base=server.base_url)
    german = caught.value.render(DE)
    assert "kept changing" in str(caught.value)
    assert german.startswith(f"Genesys Cloud GET {EDGES}/didpools/dids: die Liste änderte sich ständig")
    assert "pageCount/total änderte sich auf Seite 2" in german and "nach 3 Durchläufen aufgegeben" in german


def test_option_and_region_mistakes_in_german(tmp_path, capsys, monkeypatch):
    out = str(tmp_path / "inv.csv")
    monkeypatch.delenv("GENESYS_CLOUD_CLIENT_SECRET", raising=False)
    assert main(["fetch", "--client-id", "x", "--region", "eu_central_1", "-o", out, "--lang", "de"]) == 2
    assert capsys.readouterr().err.strip() == (
        "portout: Fehler: setzen Sie das OAuth-Client-Secret in der Umgebungsvariablen GENESYS_CLOUD_CLIENT_SECRET"
    )
    monkeypatch.setenv("GENESYS_CLOUD_CLIENT_SECRET", SECRET)
    assert main(["fetch", "--client-id", "x", "--region", "mars_north_1", "-o", out, "--lang", "de"]) == 2
    assert capsys.readouterr().err.startswith(
        "portout: Fehler: unbekannte Genesys-Cloud-Region 'mars_north_1'; verwenden Sie eine von us_east_1 "
        "(mypurecloud.com)"
    )
    assert main(["fetch", "--client-id", "x", "--api-base", "https://evil.example", "-o", out, "--lang", "de"]) == 2
    assert capsys.readouterr().err.strip() == (
        "portout: Fehler: --api-base: abgelehnt, der Host 'evil.example' ist keine Loopback-Adresse "
        "(Überschreibungen gelten nur für lokale Testserver: 127.0.0.0/8, ::1, localhost)"
    )
    assert main(["fetch", "--client-id", "x", "--region", "eu_central_1", "-o", out, "--deadline", "0"]) == 2
    assert capsys.readouterr().err.strip() == (
        "portout: error: --deadline must be 0 < SECONDS <= 86400 and --timeout 0 < SECONDS <= 3600"
    )


def test_region_errors_keep_their_class_and_english():
    with pytest.raises(RegionError) as empty:
        resolve_region(" ")
    assert str(empty.value) == "no Genesys Cloud region given (e.g. us_east_1 or mypurecloud.com)"
    assert empty.value.render(DE) == "keine Genesys-Cloud-Region angegeben (z. B. us_east_1 oder mypurecloud.com)"
    with pytest.raises(RegionError) as userinfo:
        check_loopback_base("http://me:pw@127.0.0.1:9", "--login-base")
    assert userinfo.value.render(DE) == "--login-base: darf weder Benutzernamen noch Passwort enthalten"


class _Echo(BaseHTTPRequestHandler):
    """A hostile server: answers every request 500 and echoes the Authorization header (base64 of
    id:secret) and the decoded secret in its reason phrase and error body."""

    def _echo(self) -> None:
        auth = self.headers.get("Authorization", "")
        decoded = base64.b64decode(auth.split()[-1]).decode() if auth.startswith("Basic ") else auth
        body = json.dumps({"message": f"bad {auth}", "code": urllib.parse.quote(decoded, safe="")}).encode()
        self.send_response(500, f"Oops {decoded.split(':', 1)[-1]}")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _echo

    def log_message(self, *args: object) -> None:  # keep pytest's output clean
        pass


def test_secret_echoed_by_a_server_is_in_no_language():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        with pytest.raises(GenesysError) as caught:
            fetch_inventory(None, CLIENT_ID, SECRET, api_base=base, login_base=base, attempts=1)
    finally:
        httpd.shutdown()
        httpd.server_close()
    err = caught.value
    german, english = err.render(DE), str(err)
    assert english.startswith("Genesys Cloud POST /oauth/token: HTTP 500 Oops ***")
    assert german.startswith("Genesys Cloud POST /oauth/token: HTTP 500 Oops ***")
    forms = [SECRET, base64.b64encode(f"{CLIENT_ID}:{SECRET}".encode()).decode(), urllib.parse.quote(SECRET, safe="")]
    for text in (english, german, repr(err.params)):
        assert "***" in text
        for form in forms:
            assert form.lower() not in text.lower(), text


def test_retries_and_fetch_warnings_in_german(server, tmp_path, capsys, monkeypatch):
    """What went wrong but did not stop the fetch: one line per retry and the notes after the summary."""
    monkeypatch.setenv("GENESYS_CLOUD_CLIENT_SECRET", SECRET)
    server.state.add_fault("503", f"{EDGES}/dids", page=1, times=2)
    server.state.forbidden = {"/api/v2/users": 403}
    server.state.invoices_status = 404
    assert main([*fetch_cli(server, tmp_path), "--lang", "de"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[:2] == [
        f"portout: neuer Versuch GET {EDGES}/dids (Seite 1): HTTP 503 Service Unavailable; Versuch {n} von 6"
        for n in (2, 3)
    ]
    assert (
        "  Hinweis: keine Benutzer: GET /api/v2/users (Seite 1) antwortete mit HTTP 403 (dem OAuth-Client fehlt die "
        "Berechtigung, oder die Organisation hat keine); die Standorte der Besitzer werden nicht für Adressen "
        "verwendet"
    ) in err
    assert (
        "  Hinweis: kein Ship-To der Rechnung: GET /api/v2/billing/contracts/invoices antwortete mit HTTP 404; "
        "tragen Sie Ship-To-Name und -Adresse in den Einstellungen ein"
    ) in err
    assert any(line.startswith("  Hinweis: ") and "Nummern sind BYOC (Anbieter PURE_CLOUD)" in line for line in err)
    assert not [line for line in err if line.startswith(("  warning:", "portout: retrying"))]

    server.state.add_fault("503", f"{EDGES}/dids", page=1, times=1)
    assert main(fetch_cli(server, tmp_path)) == 0  # English, as before
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"portout: retrying GET {EDGES}/dids (page 1): HTTP 503 Service Unavailable; attempt 2 of 6"
    assert any(line.startswith("  warning: no users: GET /api/v2/users (page 1) answered HTTP 403") for line in err)
