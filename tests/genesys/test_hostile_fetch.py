"""`portout fetch` against odd servers: optional data forbidden, an overall deadline, one page cap for
every walk, bounded answers, wrong shapes and deep JSON, retry lines, secret scrubbing in every form."""

from __future__ import annotations

import base64
import gzip
import json
import time
import urllib.parse

import httpx
import pytest
import stamina

from portout.cli import main as cli
from portout.genesys import GenesysClient, GenesysError, fetch_inventory
from portout.genesys.fake_server import EDGES, FakeGenesys, FakeServer, invoice

SECRET = "Zq9-s3cr3t-Vv7-do-not-leak"
CLIENT_ID = "test-client-42"
FAST = httpx.Timeout(connect=2.0, read=2.0, write=2.0, pool=2.0)
INVOICES = "/api/v2/billing/contracts/invoices"


@pytest.fixture(autouse=True)
def no_backoff_sleeps():
    with stamina.set_testing(True, attempts=100, cap=True):
        yield


@pytest.fixture
def server():
    with FakeServer(FakeGenesys(client_id=CLIENT_ID, client_secret=SECRET)) as srv:
        yield srv


def fetch(server: FakeServer, **kwargs):
    kwargs.setdefault("timeout", FAST)
    return fetch_inventory(None, CLIENT_ID, SECRET, api_base=server.base_url, login_base=server.base_url, **kwargs)


def mock_client(handler, **kwargs) -> GenesysClient:
    """A client over httpx.MockTransport: `handler(request)` answers every API call; tokens are free."""

    def route(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            return httpx.Response(200, json={"access_token": "tok-abcdef", "expires_in": 3600})
        return handler(request)

    kwargs.setdefault("attempts", 2)
    return GenesysClient(
        CLIENT_ID,
        SECRET,
        api_base="http://127.0.0.1:9",
        login_base="http://127.0.0.1:9",
        transport=httpx.MockTransport(route),
        **kwargs,
    )


def queries(server: FakeServer, path: str) -> list[dict[str, str]]:
    return [r["query"] for r in server.state.requests if r["path"] == path]


# ------------------------------------------------------------------------------ optional data


def test_forbidden_users_and_phones_become_warnings(server):
    baseline = fetch(server)
    server.state.forbidden = {"/api/v2/users": 403, f"{EDGES}/phones": 404}
    result = fetch(server)
    assert len(result.inventory) == len(baseline.inventory)  # every number still there
    text = " ".join(result.warnings)
    assert "no users: GET /api/v2/users" in text and "HTTP 403" in text
    assert f"no phones: GET {EDGES}/phones" in text and "HTTP 404" in text
    # fewer addresses could be approximated, and that is visible in the counts, not hidden
    assert result.counts.get("approx_owner", 0) < baseline.counts["approx_owner"]


@pytest.mark.parametrize("path", ["/api/v2/locations", f"{EDGES}/didpools", f"{EDGES}/dids"])
def test_forbidden_required_data_fails(server, path):
    server.state.forbidden = {path: 403}
    with pytest.raises(GenesysError, match="403"):
        fetch(server)


# ------------------------------------------------------------------------------ the official models


def test_requests_ask_for_what_the_api_needs(server):
    result = fetch(server)
    assert {q.get("state") for q in queries(server, "/api/v2/users")} == {"active", "inactive"}
    assert all(q.get("expand") == "locations" for q in queries(server, "/api/v2/users"))
    phones = queries(server, f"{EDGES}/phones")
    assert phones and all(q.get("sortBy") == "id" and "webRtcUser" in q.get("fields", "") for q in phones)
    assert all(q.get("expand") == "location" for q in queries(server, f"{EDGES}/sites"))
    # owners who left (inactive users) still give their numbers a location
    inactive = {u["id"] for u in server.state.org.users if u["state"] == "inactive" and u.get("locations")}
    assert inactive
    owned = {d["phoneNumber"] for d in server.state.org.dids if d["owner"]["id"] in inactive}
    rows = result.inventory[result.inventory["number"].isin(owned)]
    assert len(rows) and (rows["location"] != "").all()


def test_invoices_walk_cursor_pages_and_the_newest_ship_to_wins(server):
    # 450 invoices: three cursor pages of 200; the newest sits on the middle page.
    older = [invoice(1 + i % 12, current=False, year=2000 + i // 12) for i in range(449)]
    server.state.org.invoices = older[:300] + [invoice(6, current=True, year=2099)] + older[300:]
    result = fetch(server)
    asked = queries(server, INVOICES)
    assert len(asked) == 3 and all("pageNumber" not in q and q["pageSize"] == "200" for q in asked)
    assert "after" not in asked[0] and all("after" in q for q in asked[1:])
    assert result.ship_to is not None and result.ship_to.address.street1 == "350 Monument Circle"


def test_the_demo_data_ship_to_comes_from_the_newest_invoice(server):
    # the fake lists the newest first and older ones with an old address: only sorting by dateInvoiced works
    assert fetch(server).ship_to.address.street1 == "350 Monument Circle"


def test_cursor_that_never_ends_fails_fast():
    def handler(request: httpx.Request) -> httpx.Response:
        # ignores `after`: always the same full page pointing to the same next page
        return httpx.Response(200, json={"entities": [{"id": "x"}], "nextUri": f"{INVOICES}?after=abc"})

    started = time.monotonic()
    with mock_client(handler) as client, pytest.raises(GenesysError, match="already read"):
        client.get_all_cursor(INVOICES)
    assert time.monotonic() - started < 5


def test_one_page_cap_for_every_walk():
    page = {"n": 0}

    def numbered(request: httpx.Request) -> httpx.Response:
        # full pages for ever, no pageCount: only the cap ends this walk
        return httpx.Response(200, json={"entities": [{"id": f"{time.time_ns()}-{i}"} for i in range(100)]})

    def cursor(request: httpx.Request) -> httpx.Response:
        page["n"] += 1
        return httpx.Response(200, json={"entities": [{"id": "x"}], "nextUri": f"{INVOICES}?after={page['n']}"})

    with mock_client(numbered, max_pages=7) as client, pytest.raises(GenesysError, match="after 7 pages"):
        client.get_all(f"{EDGES}/dids")
    with mock_client(cursor, max_pages=7) as client, pytest.raises(GenesysError, match="after 7 pages"):
        client.get_all_cursor(INVOICES)
    assert page["n"] == 7


def test_next_uri_to_another_path_is_refused():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"entities": [{"id": "x"}], "nextUri": "/api/v2/users/me?after=1"})

    with mock_client(handler) as client, pytest.raises(GenesysError, match="leads elsewhere"):
        client.get_all_cursor(INVOICES)


# ------------------------------------------------------------------------------ deadline and size


def test_trickling_server_hits_the_deadline_and_nothing_is_written(server, tmp_path, capsys, monkeypatch):
    server.state.add_fault("trickle", "/api/v2/locations", times=-1, delay=0.2)
    started = time.monotonic()
    with pytest.raises(GenesysError, match="overall deadline of 2 s"):
        fetch(server, deadline=2.0)
    assert time.monotonic() - started < 6
    out = tmp_path / "inv.csv"
    monkeypatch.setenv("GENESYS_CLOUD_CLIENT_SECRET", SECRET)
    code = cli.main(
        ["fetch", "--client-id", CLIENT_ID, "--api-base", server.base_url, "-o", str(out), "--deadline", "2"]
    )
    err = capsys.readouterr().err
    assert code == 2 and "deadline" in err and not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left either


def test_gzip_bomb_is_refused_while_reading():
    raw = gzip.compress(b"[" + b" " * (40 * 1024 * 1024) + b"]", compresslevel=9)
    assert len(raw) < 200_000

    def handler(request: httpx.Request) -> httpx.Response:
        chunks = (raw[i : i + 16_384] for i in range(0, len(raw), 16_384))
        return httpx.Response(200, headers={"Content-Encoding": "gzip"}, content=chunks)

    with (
        mock_client(handler, max_answer_bytes=4 * 1024 * 1024) as client,
        pytest.raises(GenesysError, match="larger than 4 MB once decoded"),
    ):
        client.get_json("/api/v2/organizations/me")


# ------------------------------------------------------------------------------ shapes


@pytest.mark.parametrize(
    "body, words",
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (json.dumps({"entities": "nope"}), "not a listing"),
    ],
)
def test_deep_or_wrong_listing_fails_clearly(body, words):
    with (
        mock_client(lambda request: httpx.Response(200, content=body.encode())) as client,
        pytest.raises(GenesysError, match=words),
    ):
        client.get_all(f"{EDGES}/dids")


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda org: org.pool_numbers[0].update(number=["+13175550100"]), "a list as 'number'"),
        (lambda org: org.dids[0].update(phoneNumber={"x": 1}), "an object as 'phoneNumber'"),
        (lambda org: org.users[0].update(locations=5), "int as 'locations'"),
        (lambda org: org.sites[0].update(id=[1, 2]), "a list as 'id'"),
    ],
)
def test_wrong_shapes_fail_naming_the_field(server, change, words):
    change(server.state.org)
    if server.state.org.users[0].get("state") == "inactive":
        server.state.org.users[0]["state"] = "active"
    with pytest.raises(GenesysError, match=words):
        fetch(server)


# ------------------------------------------------------------------------------ retries and secrets


def test_one_short_line_per_retry_on_stderr(server, tmp_path, capsys, monkeypatch):
    server.state.add_fault("503", f"{EDGES}/dids", page=1, times=3)
    monkeypatch.setenv("GENESYS_CLOUD_CLIENT_SECRET", SECRET)
    out = tmp_path / "inv.csv"
    assert cli.main(["fetch", "--client-id", CLIENT_ID, "--api-base", server.base_url, "-o", str(out)]) == 0
    err = capsys.readouterr().err.splitlines()
    retries = [line for line in err if line.startswith("portout: retrying")]
    assert len(retries) == 3 and all(len(line) <= 200 for line in retries)
    assert "attempt 2 of 6" in retries[0] and "503" in retries[0]
    assert not any("stamina" in line for line in err)


@pytest.mark.parametrize(
    "form",
    [
        SECRET,
        SECRET.lower(),
        SECRET.upper(),
        base64.b64encode(SECRET.encode()).decode(),
        base64.b64encode(SECRET.encode()).decode().rstrip("="),
        urllib.parse.quote(SECRET, safe=""),
        base64.b64encode(f"{CLIENT_ID}:{SECRET}".encode()).decode(),
    ],
)
def test_secret_scrubbed_in_every_form(form):
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            500,
            json={"message": f"bad {form}", "code": f"x.{form}"},
            extensions={"reason_phrase": f"Oops {form}".encode()},
        )

    with mock_client(handler) as client, pytest.raises(GenesysError) as caught:
        client.get_json("/api/v2/organizations/me")
    assert form.lower() not in str(caught.value).lower() and "***" in str(caught.value)
    # a retried status carries the reason phrase into the retry line and the final error
    lines: list[str] = []

    def retry(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, extensions={"reason_phrase": f"Busy {form}".encode()})

    with mock_client(retry, on_retry=lines.append) as client, pytest.raises(GenesysError) as caught:
        client.get_json("/api/v2/organizations/me")
    for text in [str(caught.value), *lines]:
        assert form.lower() not in text.lower(), text


def test_fetch_csv_neutralises_formulas_like_every_other_csv(server):
    import csv
    import io

    evil = "=cmd|' /C calc'!A0"
    for loc in server.state.org.locations:
        loc["name"] = evil
        loc["address"]["street1"] = "@SUM(1)"
    rows = list(csv.DictReader(io.StringIO(fetch(server).to_csv_bytes().decode("utf-8"))))
    located = [r for r in rows if r["location"]]
    assert located and all(r["location"] == "'" + evil and r["street1"] == "'@SUM(1)" for r in located)
    assert all(r["number"].startswith("+") for r in rows)  # numbers keep their plus
