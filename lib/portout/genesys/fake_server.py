"""A fake Genesys Cloud (login + API) for tests and the demo mode, on 127.0.0.1 only.

It serves the JSON shapes of domain.md §4 for a fictional organisation ("Fabrikam Logistics", numbers
in fictional/drama ranges of the US, Germany and the UK; Genesys Cloud Voice and BYOC pools) over
several pages, and can inject faults on demand (`FakeGenesys.faults`): 429 with Retry-After, 503
bursts, slow answers, malformed JSON, redirects to another domain, pageCount changing mid-walk, tokens
that stop working mid-walk. It lives in the package, not in tests, because `portout fetch --demo` and
the dashboard's demo mode run against it.
"""

from __future__ import annotations

import asyncio
import base64
import random
import secrets
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

if TYPE_CHECKING:
    from portout.genesys.inventory import FetchResult

DEMO_CLIENT_ID = "demo-client-0000"
DEMO_CLIENT_SECRET = "demo-secret-not-a-real-credential"
DEMO_ORG_ID = "7d1c0b5e-3a2f-4e61-9b8d-0c4aa11f2e90"

EDGES = "/api/v2/telephony/providers/edges"


@dataclass
class Fault:
    """One switchable fault, applied to API requests whose path contains `path` (and, if set, whose
    pageNumber equals `page`). `times` matching requests get it; -1 means every one."""

    # "429" | "503" | "500" | "slow" | "malformed" | "redirect" | "pagecount" | "expire_token" | "trickle"
    kind: str
    path: str = ""
    page: int | None = None
    times: int = 1
    retry_after: str = "1"
    delay: float = 2.0
    hits: int = 0

    def matches(self, path: str, page: int | None) -> bool:
        if self.times == 0 or self.path not in path:
            return False
        return self.page is None or self.page == page


# ---------------------------------------------------------------------------------------- fake data


def invoice(month: int, current: bool = True, year: int = 2026) -> dict[str, Any]:
    """One BillingInvoice (field names from the SDK model), dated the 15th of `month`."""
    street, suite = ("350 Monument Circle", "Suite 400") if current else ("1 Old Canal Walk", "")
    address = {
        "addressType": "ShipTo",
        "line1": street,
        "line2": suite,
        "line3": "",
        "cityName": "Indianapolis",
        "postalCode": "46204",
        "stateCode": "IN",
        "countryCode": "US",
        "country": "United States",
    }
    return {
        "id": f"inv-{year}-{month:02d}",
        "shipToCustomer": {"id": "cust-1", "number": "C-1001", "name": "Fabrikam Logistics, Inc."},
        "billToCustomer": {"id": "cust-1", "number": "C-1001", "name": "Fabrikam Logistics, Inc."},
        "dateInvoiced": f"{year}-{month:02d}-15",
        "shipToAddress": address,
        "billToAddress": address,
        "currencyIsoCode": "USD",
        "paymentStatus": "Paid",
        "paymentTerms": "Net 30",
        "customerInvoiceType": "Invoice",
        "amount": 1234.5,
    }


def _range(start: int, count: int) -> list[str]:
    return [f"+{start + i}" for i in range(count)]


@dataclass
class FakeOrg:
    """The fictional organisation. Deterministic for a seed so tests can count exactly."""

    seed: int = 7
    org: dict[str, Any] = field(default_factory=dict)
    locations: list[dict[str, Any]] = field(default_factory=list)
    sites: list[dict[str, Any]] = field(default_factory=list)
    pools: list[dict[str, Any]] = field(default_factory=list)
    pool_numbers: list[dict[str, Any]] = field(default_factory=list)
    dids: list[dict[str, Any]] = field(default_factory=list)
    users: list[dict[str, Any]] = field(default_factory=list)
    phones: list[dict[str, Any]] = field(default_factory=list)
    invoices: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def build(cls, seed: int = 7) -> FakeOrg:
        rnd = random.Random(seed)
        self = cls(seed=seed)
        self.org = {
            "id": DEMO_ORG_ID,
            "name": "Fabrikam Logistics (demo)",
            "defaultCountryCode": "US",
            "defaultSiteId": "site-us",
            "selfUri": "/api/v2/organizations/me",
        }

        def loc(
            lid: str,
            name: str,
            street1: str,
            city: str,
            state: str,
            zipcode: str,
            country: str,
            country_name: str,
            street2: str = "",
        ) -> dict[str, Any]:
            return {
                "id": lid,
                "name": name,
                "emergencyNumber": {"number": "", "type": "default"},
                "address": {
                    "street1": street1,
                    "street2": street2,
                    "city": city,
                    "state": state,
                    "zipcode": zipcode,
                    "country": country,
                    "countryName": country_name,
                },
                "selfUri": f"/api/v2/locations/{lid}",
            }

        self.locations = [
            loc(
                "loc-indy",
                "Indianapolis HQ",
                "350 Monument Circle",
                "Indianapolis",
                "IN",
                "46204",
                "US",
                "United States",
                "Suite 400",
            ),
            loc("loc-chicago", "Chicago Branch", "200 W Madison St", "Chicago", "IL", "60606", "US", "United States"),
            loc("loc-berlin", "Berlin Office", "Friedrichstraße 123", "Berlin", "", "10117", "DE", "Germany"),
            loc("loc-london", "London Office", "10 Fictional Lane", "London", "", "EC1A 1BB", "GB", "United Kingdom"),
        ]
        site_of = {"US": "site-us", "DE": "site-de", "GB": "site-gb", "BYOC": "site-chi"}
        self.sites = [
            {"id": "site-us", "name": "Indianapolis", "location": {"id": "loc-indy", "name": "Indianapolis HQ"}},
            {"id": "site-chi", "name": "Chicago", "location": {"id": "loc-chicago", "name": "Chicago Branch"}},
            {"id": "site-de", "name": "Berlin", "location": {"id": "loc-berlin", "name": "Berlin Office"}},
            {"id": "site-gb", "name": "London", "location": {"id": "loc-london", "name": "London Office"}},
        ]
        loc_of_site = {s["id"]: s["location"]["id"] for s in self.sites}
        # (pool id, provider, description, numbers, country key). Ranges are fictional / drama ranges.
        pool_specs = [
            ("pool-us-gcv", "PURE_CLOUD_VOICE", "Indianapolis DIDs", _range(13175550100, 150), "US"),
            ("pool-us-tf", "PURE_CLOUD_VOICE", "US toll-free", _range(18335550100, 10), "US"),
            ("pool-de-gcv", "PURE_CLOUD_VOICE", "Berlin DIDs", _range(493023125000, 60), "DE"),
            ("pool-gb-gcv", "PURE_CLOUD_VOICE", "London DIDs", _range(442079460000, 40), "GB"),
            ("pool-us-byoc", "PURE_CLOUD", "Chicago carrier trunk (BYOC)", _range(13125550100, 50), "BYOC"),
        ]
        first_names = ["Ada", "Ben", "Cora", "Dev", "Ema", "Finn", "Gia", "Hugo", "Iris", "Jon", "Kai", "Lena"]
        last_names = ["Meyer", "Smith", "Okafor", "Rossi", "Novak", "Schmidt", "Brown", "Ito", "Khan", "Lopez"]
        for pid, provider, desc, numbers, key in pool_specs:
            self.pools.append(
                {
                    "id": pid,
                    "name": desc,
                    "startPhoneNumber": numbers[0],
                    "endPhoneNumber": numbers[-1],
                    "provider": provider,
                    "description": desc,
                    "state": "active",
                    "selfUri": f"{EDGES}/didpools/{pid}",
                }
            )
            site = site_of[key]
            for number in numbers:
                entry: dict[str, Any] = {
                    "number": number,
                    "assigned": False,
                    "didPool": {"id": pid, "selfUri": f"{EDGES}/didpools/{pid}"},
                }
                roll = rnd.random()
                if roll < 0.55:
                    kind = rnd.choices(["USER", "PHONE", "IVR_CONFIG", "GROUP"], [70, 15, 10, 5])[0]
                    oid = f"{kind.lower()}-{len(self.dids) + 1:04d}"
                    if kind == "USER":
                        name = f"{rnd.choice(first_names)} {rnd.choice(last_names)}"
                        user: dict[str, Any] = {
                            "id": oid,
                            "name": name,
                            "email": f"{name.lower().replace(' ', '.')}@fabrikam.example",
                            # some owners have left: /api/v2/users lists them only with state=inactive
                            "state": "inactive" if int(oid[-4:]) % 10 == 3 else "active",
                        }
                        # half the users carry a location, the others are found through their phone's site
                        if rnd.random() < 0.5:
                            user["locations"] = [{"id": f"ul-{oid}", "locationDefinition": {"id": loc_of_site[site]}}]
                        else:
                            self.phones.append(
                                {
                                    "id": f"phone-{oid}",
                                    "name": f"WebRTC {name}",
                                    "site": {"id": site},
                                    # a UriReference: id and selfUri, no name
                                    "webRtcUser": {"id": oid, "selfUri": f"/api/v2/users/{oid}"},
                                }
                            )
                        self.users.append(user)
                    elif kind == "PHONE":
                        name = f"Lobby phone {len(self.phones) + 1}"
                        self.phones.append({"id": oid, "name": name, "site": {"id": site}})
                    else:
                        name = {"IVR_CONFIG": "Main IVR", "GROUP": "Support hunt group"}[kind]
                    entry.update(assigned=True, owner={"id": oid, "name": name}, ownerType=kind)
                    self.dids.append(
                        {
                            "id": f"did-{number[1:]}",
                            "name": number,
                            "phoneNumber": number,
                            "owner": {"id": oid, "name": name},
                            "ownerType": kind,
                            "didPool": {"id": pid},
                            "state": "active",
                            "selfUri": f"{EDGES}/dids/did-{number[1:]}",
                        }
                    )
                self.pool_numbers.append(entry)
        # BillingInvoice as the SDK models it: `dateInvoiced`, Customer and InvoiceAddress. The newest
        # invoice is listed first and the older ones carry the company's previous address, so a client
        # that does not sort by dateInvoiced picks the wrong Ship To.
        self.invoices = [invoice(m, current=(m == 3)) for m in (3, 1, 2)]
        return self


# ---------------------------------------------------------------------------------------- server state


@dataclass
class FakeGenesys:
    """Server state: data, credentials, tokens, faults and a log of every request received."""

    org: FakeOrg = field(default_factory=FakeOrg.build)
    client_id: str = DEMO_CLIENT_ID
    client_secret: str = DEMO_CLIENT_SECRET
    expires_in: int = 3600
    invoices_status: int = 200  # 403 / 404: the preview billing API is not permitted / not present
    # path -> HTTP status for a listing the OAuth client may not read (users, phones... 403/404)
    forbidden: dict[str, int] = field(default_factory=dict)
    cursor_page_max: int = 200  # the billing API's documented maximum pageSize
    faults: list[Fault] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    tokens: dict[str, float] = field(default_factory=dict)  # token -> expiry (epoch seconds)
    tokens_issued: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_fault(self, kind: str, path: str = "", **kwargs: Any) -> Fault:
        fault = Fault(kind, path, **kwargs)
        with self.lock:
            self.faults.append(fault)
        return fault

    def take_fault(self, path: str, page: int | None, kinds: set[str]) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.kind in kinds and fault.matches(path, page):
                    if fault.times > 0:
                        fault.times -= 1
                    fault.hits += 1
                    return fault
        return None

    def revoke_tokens(self) -> None:
        with self.lock:
            self.tokens.clear()


def _error(status: int, message: str, code: str, headers: dict[str, str] | None = None) -> JSONResponse:
    body = {
        "message": message,
        "code": code,
        "status": status,
        "contextId": secrets.token_hex(8),
        "details": [],
        "errors": [],
    }
    return JSONResponse(body, status_code=status, headers=headers)


def _int_param(request: Request, name: str, default: int) -> int:
    try:
        return int(request.query_params.get(name, default))
    except ValueError:
        return default


def create_app(state: FakeGenesys) -> Starlette:
    def listing(request: Request, items: list[dict[str, Any]]) -> Response:
        size = max(1, min(_int_param(request, "pageSize", 25), 100))
        page = max(1, _int_param(request, "pageNumber", 1))
        page_count = (len(items) + size - 1) // size
        total = len(items)
        if state.take_fault(request.url.path, page, {"pagecount"}):
            page_count += 1  # as if numbers were added while the client was walking
            total += size
        chunk = items[(page - 1) * size : page * size]
        base = request.url.path
        body = {
            "entities": chunk,
            "pageSize": size,
            "pageNumber": page,
            "total": total,
            "pageCount": page_count,
            "firstUri": f"{base}?pageSize={size}&pageNumber=1",
            "selfUri": f"{base}?pageSize={size}&pageNumber={page}",
            "lastUri": f"{base}?pageSize={size}&pageNumber={max(page_count, 1)}",
        }
        if page < page_count:
            body["nextUri"] = f"{base}?pageSize={size}&pageNumber={page + 1}"
        return JSONResponse(body)

    def cursor_listing(request: Request, items: list[dict[str, Any]]) -> Response:
        """The billing APIs' cursor paging: pageSize (at most the maximum, else HTTP 400), `after` an
        opaque cursor, `nextUri` while more remain; no pageNumber, pageCount or total."""
        size = _int_param(request, "pageSize", 25)
        if not 1 <= size <= state.cursor_page_max:
            return _error(400, f"pageSize must be 1..{state.cursor_page_max}", "bad.request")
        after = request.query_params.get("after", "")
        try:
            start = int(base64.urlsafe_b64decode(after.encode()).decode()) if after else 0
        except ValueError:
            return _error(400, "invalid cursor", "bad.request")
        chunk = items[start : start + size]
        base = request.url.path
        body: dict[str, Any] = {"entities": chunk, "selfUri": f"{base}?pageSize={size}"}
        if start + size < len(items):
            cursor = base64.urlsafe_b64encode(str(start + size).encode()).decode()
            body["nextUri"] = f"{base}?pageSize={size}&after={cursor}"
        if start:
            body["previousUri"] = (
                f"{base}?pageSize={size}&before={base64.urlsafe_b64encode(str(start).encode()).decode()}"
            )
        return JSONResponse(body)

    async def token(request: Request) -> Response:
        state.requests.append({"method": "POST", "path": "/oauth/token", "host": request.headers.get("host")})
        expected = base64.b64encode(f"{state.client_id}:{state.client_secret}".encode()).decode()
        form = (await request.body()).decode()
        if request.headers.get("authorization") != f"Basic {expected}":
            return JSONResponse(
                {"error": "invalid_client", "description": "client authentication failed"}, status_code=401
            )
        if "grant_type=client_credentials" not in form:
            return JSONResponse({"error": "unsupported_grant_type"}, status_code=400)
        tok = secrets.token_urlsafe(24)
        with state.lock:
            state.tokens[tok] = time.time() + state.expires_in
            state.tokens_issued += 1
        return JSONResponse({"access_token": tok, "token_type": "bearer", "expires_in": state.expires_in})

    def authorised(request: Request) -> bool:
        auth = request.headers.get("authorization", "")
        tok = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else ""
        with state.lock:
            expiry = state.tokens.get(tok)
        return expiry is not None and expiry > time.time()

    async def api(request: Request) -> Response:
        path = request.url.path
        page = _int_param(request, "pageNumber", 1)
        state.requests.append(
            {
                "method": "GET",
                "path": path,
                "page": page,
                "host": request.headers.get("host"),
                "query": dict(request.query_params),
            }
        )
        if state.take_fault(path, page, {"expire_token"}):
            state.revoke_tokens()  # the token "expires" mid-walk
        if not authorised(request):
            return _error(401, "Authentication failed", "authentication.required")
        fault = state.take_fault(path, page, {"429", "503", "500", "slow", "malformed", "redirect", "trickle"})
        if fault is not None:
            if fault.kind == "429":
                return _error(
                    429,
                    "Rate limit exceeded the maximum",
                    "too.many.requests.retry.after",
                    headers={"Retry-After": fault.retry_after},
                )
            if fault.kind in ("503", "500"):
                return _error(int(fault.kind), "Service unavailable", "service.unavailable")
            if fault.kind == "slow":
                await asyncio.sleep(fault.delay)
            if fault.kind == "trickle":
                # one byte every `delay` seconds, for ever: no read timeout ever fires
                async def drip() -> Any:
                    yield b"["
                    while True:
                        await asyncio.sleep(fault.delay)
                        yield b" "

                return StreamingResponse(drip(), media_type="application/json")
            if fault.kind == "malformed":
                return Response('{"entities": [{"number": "+1317', media_type="application/json")
            if fault.kind == "redirect":
                return RedirectResponse(f"https://api.evil-pure.example{path}?{request.url.query}", 302)
        return route(request, path)

    def route(request: Request, path: str) -> Response:
        org = state.org
        if path in state.forbidden:
            status = state.forbidden[path]
            return _error(status, "You are not authorized to perform the requested action.", "missing.any.permissions")
        if path == "/api/v2/organizations/me":
            return JSONResponse(org.org)
        if path == "/api/v2/locations":
            return listing(request, org.locations)
        if path == f"{EDGES}/sites":
            return listing(request, org.sites)
        if path == f"{EDGES}/didpools":
            return listing(request, org.pools)
        if path == f"{EDGES}/didpools/dids":
            kind = request.query_params.get("type", "")
            if kind not in ("ASSIGNED_AND_UNASSIGNED", "UNASSIGNED"):
                return _error(400, "type is required", "bad.request")
            items = (
                org.pool_numbers
                if kind == "ASSIGNED_AND_UNASSIGNED"
                else [n for n in org.pool_numbers if not n["assigned"]]
            )
            return listing(request, items)
        if path == f"{EDGES}/dids":
            return listing(request, org.dids)
        if path == f"{EDGES}/phones":
            return listing(request, org.phones)
        if path == "/api/v2/users":
            # active users unless a state is asked for (as the API does)
            wanted = request.query_params.get("state", "active")
            return listing(request, [u for u in org.users if wanted == "any" or u.get("state", "active") == wanted])
        if path == "/api/v2/billing/contracts/invoices":
            if state.invoices_status == 403:
                return _error(403, "You are not authorized to perform the requested action.", "missing.any.permissions")
            if state.invoices_status == 404:
                return _error(404, "The requested resource was not found.", "not.found")
            return cursor_listing(request, org.invoices)
        return _error(404, f"No resource at {path}", "not.found")

    return Starlette(
        routes=[Route("/oauth/token", token, methods=["POST"]), Route("/api/v2/{rest:path}", api, methods=["GET"])]
    )


# ---------------------------------------------------------------------------------------- running


class FakeServer:
    """Runs the fake on 127.0.0.1 at a free port in a daemon thread (uvicorn)."""

    def __init__(self, state: FakeGenesys | None = None) -> None:
        self.state = state or FakeGenesys()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 10.0) -> FakeServer:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))  # loopback only: the fake must never be reachable from outside
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            create_app(self.state), log_level="warning", access_log=False, lifespan="off", timeout_graceful_shutdown=1
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="fake-genesys", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the fake Genesys Cloud server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_demo_server() -> tuple[str, Callable[[], None]]:
    """Start the fake with the demo organisation; returns (base_url, stop). Log in with
    DEMO_CLIENT_ID / DEMO_CLIENT_SECRET and pass base_url as both api_base and login_base."""
    server = FakeServer().start()
    return server.base_url, server.stop


def fetch_demo_inventory(
    numbers_export: str | Path | bytes | None = None, progress: Callable[[str], None] | None = None
) -> FetchResult:
    """The whole demo flow in one call: start the fake, fetch from it with the demo credentials, stop."""
    from portout.genesys.inventory import (
        fetch_inventory,  # local: the fake itself needs no inventory code
    )

    base, stop = start_demo_server()
    try:
        return fetch_inventory(
            None,
            DEMO_CLIENT_ID,
            DEMO_CLIENT_SECRET,
            numbers_export=numbers_export,
            api_base=base,
            login_base=base,
            progress=progress,
        )
    finally:
        stop()
