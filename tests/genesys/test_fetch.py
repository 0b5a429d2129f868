"""`fetch_inventory` and `portout fetch` against the fake Genesys Cloud over real HTTP on 127.0.0.1."""

from __future__ import annotations

import base64
import io
import logging
import os
import subprocess
import sys
import time

import httpx
import pandas as pd
import pytest
import stamina

from portout.cli import main as cli
from portout.errors import PortoutError
from portout.genesys import GenesysClient, GenesysError, fetch_inventory
from portout.genesys.fake_server import EDGES, FakeGenesys, FakeServer
from portout.genesys.inventory import INVENTORY_COLUMNS

SECRET = "Zq9-s3cr3t-Vv7-do-not-leak"
CLIENT_ID = "test-client-42"
BASIC = base64.b64encode(f"{CLIENT_ID}:{SECRET}".encode()).decode()
POOL_DIDS = f"{EDGES}/didpools/dids"
DIDS = f"{EDGES}/dids"
FAST = httpx.Timeout(connect=2.0, read=2.0, write=2.0, pool=2.0)


@pytest.fixture(autouse=True)
def no_backoff_sleeps():
    # keep the client's own attempt count but skip the sleeps (tests about timing switch this off)
    with stamina.set_testing(True, attempts=100, cap=True):
        yield


@pytest.fixture
def server():
    with FakeServer(FakeGenesys(client_id=CLIENT_ID, client_secret=SECRET)) as srv:
        yield srv


class RecordingTransport(httpx.HTTPTransport):
    """Records the origin of every request that actually reaches the network layer."""

    def __init__(self) -> None:
        super().__init__()
        self.hosts: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.hosts.append(f"{request.url.host}:{request.url.port}")
        return super().handle_request(request)


def fetch(server: FakeServer, **kwargs):
    kwargs.setdefault("timeout", FAST)
    return fetch_inventory(None, CLIENT_ID, SECRET, api_base=server.base_url, login_base=server.base_url, **kwargs)


def expected_numbers(server: FakeServer) -> list[str]:
    return sorted(n["number"] for n in server.state.org.pool_numbers)


def page_hits(server: FakeServer, path: str) -> list[int]:
    return [r["page"] for r in server.state.requests if r["path"] == path]


def assert_complete(result, server: FakeServer) -> None:
    numbers = list(result.inventory["number"])
    assert numbers == expected_numbers(server)  # every number, exactly once, nothing extra
    assert len(set(numbers)) == len(numbers) == 310


# ------------------------------------------------------------------------------ the happy path


def test_every_number_arrives_exactly_once_across_pages(server):
    transport = RecordingTransport()
    result = fetch(server, transport=transport)
    assert_complete(result, server)
    assert page_hits(server, POOL_DIDS) == [1, 2, 3, 4]  # 310 numbers at pageSize=100
    assert all(r["query"].get("pageSize") == "100" for r in server.state.requests if "pageNumber" in r.get("query", {}))
    assert set(transport.hosts) == {f"127.0.0.1:{server.port}"}
    inv = result.inventory
    assert list(inv.columns) == INVENTORY_COLUMNS
    pools = {p["id"]: p["provider"] for p in server.state.org.pools}
    want = {n["number"]: pools[n["didPool"]["id"]] for n in server.state.org.pool_numbers}
    assert dict(zip(inv["number"], inv["provider"])) == want
    assert (inv["address_source"] == "approximate_owner_site_location").all()
    owners = {d["phoneNumber"]: d["owner"]["name"] for d in server.state.org.dids}
    assert {n: o for n, o in zip(inv["number"], inv["owner"]) if o} == owners
    assert result.org.account_number == "a11f2e90"
    assert result.ship_to is not None and result.ship_to.name == "Fabrikam Logistics, Inc."
    assert result.currency == "USD"
    assert any("BYOC" in w for w in result.warnings) and any("approximate" in w for w in result.warnings)
    # German numbers get the Berlin address, never another country's
    de = inv[inv["number"].str.startswith("+49")]
    assert set(de["country"]) == {"DE"} and set(de["city"]) == {"Berlin"}


# ------------------------------------------------------------------------------ faults that recover


def test_429_with_retry_after_recovers(server):
    server.state.add_fault("429", POOL_DIDS, page=2, times=2, retry_after="1")
    assert_complete(fetch(server), server)
    assert page_hits(server, POOL_DIDS) == [1, 2, 2, 2, 3, 4]


def test_429_waits_for_retry_after():
    with stamina.set_testing(False), FakeServer(FakeGenesys(client_id=CLIENT_ID, client_secret=SECRET)) as srv:
        srv.state.add_fault("429", "/api/v2/organizations/me", times=1, retry_after="1")
        with GenesysClient(CLIENT_ID, SECRET, api_base=srv.base_url, login_base=srv.base_url) as client:
            started = time.monotonic()
            assert client.get_json("/api/v2/organizations/me")["name"]
            assert time.monotonic() - started >= 0.95


def test_retry_after_above_180_seconds_gives_up(server):
    server.state.add_fault("429", DIDS, page=1, times=-1, retry_after="181")
    with pytest.raises(GenesysError) as err:
        fetch(server)
    assert "429" in str(err.value) and DIDS in str(err.value) and "181" in str(err.value)
    assert page_hits(server, DIDS) == [1]  # no retry at all


def test_503_burst_recovers(server):
    server.state.add_fault("503", DIDS, page=2, times=3)
    result = fetch(server)
    assert_complete(result, server)
    assert page_hits(server, DIDS) == [1, 2, 2, 2, 2]


def test_token_expiring_mid_walk_is_renewed_once(server):
    server.state.add_fault("expire_token", POOL_DIDS, page=3, times=1)
    result = fetch(server)
    assert_complete(result, server)
    assert server.state.tokens_issued == 2


def test_token_renewed_before_expiry(server):
    server.state.expires_in = 1
    with GenesysClient(CLIENT_ID, SECRET, api_base=server.base_url, login_base=server.base_url) as client:
        client.get_json("/api/v2/organizations/me")
        time.sleep(1.0)
        client.get_json("/api/v2/organizations/me")
    assert server.state.tokens_issued == 2
    assert len([r for r in server.state.requests if r["path"] == "/api/v2/organizations/me"]) == 2  # no 401


def test_slow_response_is_retried(server):
    server.state.add_fault("slow", POOL_DIDS, page=2, times=1, delay=1.5)
    result = fetch(server, timeout=httpx.Timeout(0.5))
    assert_complete(result, server)


def test_pagecount_changing_mid_walk_restarts_the_walk(server):
    server.state.add_fault("pagecount", POOL_DIDS, page=2, times=1)
    result = fetch(server)
    assert_complete(result, server)
    assert page_hits(server, POOL_DIDS) == [1, 2, 1, 2, 3, 4]


# ------------------------------------------------------------------------------ faults that fail clearly


def test_persistent_503_fails_naming_endpoint_and_status(server):
    server.state.add_fault("503", DIDS, page=2, times=-1)
    with pytest.raises(GenesysError) as err:
        fetch(server)
    text = str(err.value)
    assert DIDS in text and "page 2" in text and "503" in text and "6 attempts" in text
    assert err.value.status == 503


def test_persistent_slowness_fails_clearly(server):
    server.state.add_fault("slow", "/api/v2/locations", times=-1, delay=1.0)
    with pytest.raises(GenesysError) as err:
        fetch(server, timeout=httpx.Timeout(0.3), attempts=2)
    assert "/api/v2/locations" in str(err.value) and "no answer in time" in str(err.value)


def test_malformed_json_fails_clearly(server):
    server.state.add_fault("malformed", POOL_DIDS, page=3, times=1)
    with pytest.raises(GenesysError) as err:
        fetch(server)
    assert POOL_DIDS in str(err.value) and "not valid JSON" in str(err.value)


def test_token_refused_twice_fails(server):
    server.state.add_fault("expire_token", DIDS, page=1, times=-1)
    with pytest.raises(GenesysError) as err:
        fetch(server)
    assert "401" in str(err.value) and DIDS in str(err.value)
    assert server.state.tokens_issued == 2  # renewed exactly once


def test_listing_that_keeps_changing_fails(server):
    server.state.add_fault("pagecount", POOL_DIDS, page=2, times=-1)
    with pytest.raises(GenesysError) as err:
        fetch(server)
    assert "kept changing" in str(err.value) and POOL_DIDS in str(err.value)


def test_wrong_secret_fails_without_echoing_it(server):
    with pytest.raises(GenesysError) as err:
        fetch_inventory(None, CLIENT_ID, "wrong-" + SECRET, api_base=server.base_url, login_base=server.base_url)
    assert "/oauth/token" in str(err.value) and "401" in str(err.value)
    assert SECRET not in str(err.value)


def test_redirect_to_another_domain_is_refused(server):
    server.state.add_fault("redirect", "/api/v2/locations", times=-1)
    transport = RecordingTransport()
    with pytest.raises(GenesysError) as err:
        fetch(server, transport=transport)
    assert "redirect" in str(err.value) and "evil-pure.example" in str(err.value)
    assert "/api/v2/locations" in str(err.value)
    assert set(transport.hosts) == {f"127.0.0.1:{server.port}"}


def test_client_refuses_urls_to_other_hosts(server):
    transport = RecordingTransport()
    with (
        GenesysClient(
            CLIENT_ID, SECRET, api_base=server.base_url, login_base=server.base_url, transport=transport
        ) as client,
        pytest.raises(GenesysError, match="refused to send"),
    ):
        client.get_json("https://api.evil-pure.example/api/v2/organizations/me")
    assert all(h == f"127.0.0.1:{server.port}" for h in transport.hosts)


def test_invoice_api_forbidden_is_a_warning(server):
    server.state.invoices_status = 403
    result = fetch(server)
    assert_complete(result, server)
    assert result.ship_to is None and result.currency == ""
    assert any("403" in w and "Ship To" in w for w in result.warnings)


# ------------------------------------------------------------------------------ the secret


def test_secret_never_in_logs_errors_or_outputs(server, caplog, tmp_path):
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "stamina", "portout", "uvicorn"):
        caplog.set_level(logging.DEBUG, logger=name)
    server.state.add_fault("429", POOL_DIDS, page=1, times=1, retry_after="0")
    server.state.add_fault("503", DIDS, page=1, times=1)
    server.state.add_fault("expire_token", "/api/v2/locations", times=1)
    result = fetch(server)
    out = tmp_path / "inv.csv"
    out.write_bytes(result.to_csv_bytes())
    server.state.add_fault("503", "/api/v2/users", times=-1)
    with pytest.raises(PortoutError) as err:
        fetch(server)
    with GenesysClient(CLIENT_ID, SECRET, api_base=server.base_url, login_base=server.base_url) as client:
        shown = repr(client) + str(vars(client))
    # the requests, retries and token renewal were logged (so the check below looks at real output)
    assert "HTTP Request" in caplog.text and "send_request_headers" in caplog.text and "401" in caplog.text
    for needle in (SECRET, BASIC):
        assert needle not in caplog.text
        assert needle not in str(err.value) and needle not in repr(err.value)
        assert needle not in out.read_text()
        assert needle not in shown
        assert needle not in repr(result)


# ------------------------------------------------------------------------------ endpoint overrides


@pytest.mark.parametrize(
    "base",
    [
        "https://api.mypurecloud.com",
        "http://10.0.0.1:8080",
        "http://example.com",
        "http://127.0.0.1.evil.example",
        "http://user:pw@127.0.0.1:1",
        "ftp://127.0.0.1",
    ],
)
def test_non_loopback_api_base_refused(base):
    with pytest.raises(PortoutError, match="--api-base|--login-base"):
        fetch_inventory(None, CLIENT_ID, SECRET, api_base=base, login_base="http://127.0.0.1:9")


def test_non_loopback_login_base_refused():
    with pytest.raises(PortoutError, match="--login-base"):
        fetch_inventory(
            None, CLIENT_ID, SECRET, api_base="http://127.0.0.1:9", login_base="https://login.mypurecloud.com"
        )


# ------------------------------------------------------------------------------ Number Management export


def test_numbers_export_is_authoritative_and_merged_by_number(server):
    csv = (
        b"Phone Number;Location;Street;City;ZIP;Country\n"
        b"+1 (317) 555-0100;Indy Annex;1 Annex Way;Indianapolis;46225;United States\n"
        b"4930 23125000;Berlin Office;;;;\n"  # location only: address from the location definition
        b"+44 20 7946 0001;Docklands;5 Quay St;London;E14 5AB;UK\n"
        b"+1 317 555 0100;Duplicate;9 Other St;Gary;46402;US\n"
        b"+1 212 555 0199;Nowhere;1 X St;X;1;US\n"  # valid, but not in Genesys
        b"+1 999 000 0000;Nowhere;1 X St;X;1;US\n"  # no valid number at all
        b"not a number;;;;;\n"
    )
    result = fetch(server, numbers_export=csv)
    assert_complete(result, server)
    inv = result.inventory.set_index("number")
    assert inv.loc["+13175550100", ["location", "street1", "postal_code", "country", "address_source"]].tolist() == [
        "Indy Annex",
        "1 Annex Way",
        "46225",
        "US",
        "number_management_export",
    ]
    assert inv.loc["+493023125000", ["street1", "city", "country"]].tolist() == ["Friedrichstraße 123", "Berlin", "DE"]
    assert inv.loc["+442079460001", "country"] == "GB"
    assert (result.inventory["address_source"] == "number_management_export").sum() == 3
    text = " ".join(result.warnings)
    assert "not in Genesys Cloud" in text and "+12125550199" in text
    assert "+1 999 000 0000" in text  # reported as unreadable, with the cell as written
    assert "no readable phone number" in text and "more than once" in text


# ------------------------------------------------------------------------------ the CLI


def test_cli_end_to_end_writes_the_inventory(server, tmp_path):
    out = tmp_path / "inventory.csv"
    env = {
        **os.environ,
        "GENESYS_CLOUD_CLIENT_SECRET": SECRET,
        "PORTOUT_API_BASE": server.base_url,
        "PORTOUT_LOGIN_BASE": server.base_url,
    }
    proc = subprocess.run(
        [sys.executable, "-m", "portout", "fetch", "--client-id", CLIENT_ID, "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "310 numbers" in proc.stderr and "warning:" in proc.stderr
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(frame.columns) == INVENTORY_COLUMNS
    assert set(frame["provider"]) == {"PURE_CLOUD_VOICE", "PURE_CLOUD"}
    assert frame["number"].str.startswith("+").all() and len(frame) == 310
    for text in (proc.stdout, proc.stderr, out.read_text(encoding="utf-8")):
        assert SECRET not in text and BASIC not in text


def test_cli_refuses_secret_on_command_line_without_echoing_it(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        cli.main(
            [
                "fetch",
                "--region",
                "us_east_1",
                "--client-id",
                CLIENT_ID,
                "--client-secret",
                SECRET,
                "-o",
                str(tmp_path / "x.csv"),
            ]
        )
    assert exit_.value.code == 2
    captured = capsys.readouterr()
    assert "GENESYS_CLOUD_CLIENT_SECRET" in captured.err
    assert SECRET not in captured.err + captured.out


def test_cli_refuses_non_loopback_override_from_env(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("GENESYS_CLOUD_CLIENT_SECRET", SECRET)
    monkeypatch.setenv("PORTOUT_API_BASE", "https://api.mypurecloud.com")
    out = tmp_path / "x.csv"
    assert cli.main(["fetch", "--client-id", CLIENT_ID, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "loopback" in err and SECRET not in err
    assert not out.exists()


def test_cli_failure_writes_no_partial_file(server, monkeypatch, capsys, tmp_path):
    server.state.add_fault("503", DIDS, page=2, times=-1)
    monkeypatch.setenv("GENESYS_CLOUD_CLIENT_SECRET", SECRET)
    out = tmp_path / "x.csv"
    assert (
        cli.main(
            [
                "fetch",
                "--client-id",
                CLIENT_ID,
                "--api-base",
                server.base_url,
                "--login-base",
                server.base_url,
                "-o",
                str(out),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "503" in err and DIDS in err and SECRET not in err
    assert not out.exists()


def test_cli_demo_mode(capsys, tmp_path):
    out = tmp_path / "demo.csv"
    assert cli.main(["fetch", "--demo", "-o", str(out)]) == 0
    frame = pd.read_csv(io.StringIO(out.read_text(encoding="utf-8")), dtype=str, keep_default_na=False)
    assert len(frame) == 310 and "Fabrikam" in capsys.readouterr().err


def test_fetch_demo_inventory_for_the_dashboard():
    from portout.genesys import fetch_demo_inventory

    steps: list[str] = []
    result = fetch_demo_inventory(progress=steps.append)
    assert len(result.inventory) == 310 and result.org.name.startswith("Fabrikam")
    assert steps[0] == "organization" and "invoices" in steps
