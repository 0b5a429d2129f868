"""A small, careful Genesys Cloud Platform API client (domain.md §4).

Why not the official SDK: it logs request details at debug level, follows redirects, and we need
all-or-nothing paging with a clear error; the four calls we make are simple GETs.

Guarantees:
- requests go only to the configured `api.` and `login.` origins (checked before every send; redirects
  are never followed and a 3xx is an error), so the token and the secret cannot leak to another host;
- the client secret lives in a wrapper whose repr is masked, is only put into the Basic header of the
  token request, and is scrubbed from any text that ends up in an exception;
- 429 honours `Retry-After` (giving up above 180 s like the Genesys SDKs), 502/503/504 and connection or
  read errors retry with capped exponential backoff and jitter (stamina);
- the token is renewed before expiry and once on a 401.
"""

from __future__ import annotations

import base64
import email.utils
import logging
import re
import time
import urllib.parse
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import httpx
import stamina

from portout.errors import N_, PortoutError, Text
from portout.genesys.regions import is_loopback_host
from portout.parsing import load_json

log = logging.getLogger("portout.genesys")

DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=30.0, write=30.0, pool=10.0)
MAX_RETRY_AFTER = 180.0  # seconds; the Genesys SDKs give up above this
RETRY_STATUSES = {502, 503, 504}
PAGE_SIZE = 100
CURSOR_PAGE_SIZE = 200  # the cursor-paged billing listings allow at most 200 per page
# One cap for every walk (numbered or cursor pages, with or without pageCount): a listing needing more
# pages than this is broken, not large (a million numbers at 100 a page).
MAX_PAGES = 10_000
# An answer larger than this once decoded is refused while it is read: a 1 MB gzip body can unpack to
# gigabytes. The largest real page (200 entities) is a few hundred kB.
MAX_ANSWER_BYTES = 64 * 1024 * 1024
DEFAULT_DEADLINE = 600.0  # seconds for a whole fetch, retries and waits included


class GenesysError(PortoutError):
    """A Genesys Cloud call failed; the message names the endpoint and the HTTP status (a template may use
    `{endpoint}` and `{status}`: they are parameters too)."""

    def __init__(self, message: str, /, *, endpoint: str = "", status: int | None = None, **params: Any) -> None:
        super().__init__(message, endpoint=endpoint, status=status, **params)
        self.endpoint = endpoint
        self.status = status


def _seconds(value: float) -> Decimal:
    """Seconds as an error parameter: English writes them as `:g` did (600, 0.5), German with its comma."""
    return Decimal(f"{value:g}")


def json_kind(value: object) -> Text:
    """What a server sent where text belongs, for an error message ("a list", "an object")."""
    return Text(N_("a list")) if isinstance(value, list) else Text(N_("an object"))


def _shown(value: Any) -> Any:
    """A value a server sent, as an error parameter: numbers stay numbers (German writes them its way),
    anything else becomes its text, so the secret scrubbing sees it."""
    return value if isinstance(value, int) and not isinstance(value, bool) else str(value)


def _page_label(path: str, page: int) -> Text:
    """The endpoint as errors name one page of a listing: "/api/v2/... (page 2)"."""
    return Text(N_("{path} (page {page})"), path=path, page=page)


def _not_a_listing(path: str, label: str) -> GenesysError:
    return GenesysError(
        N_("Genesys Cloud GET {label}: not a listing (no entities list)"), endpoint=path, status=200, label=label
    )


class _DeadlineExceeded(Exception):
    """Internal: the overall deadline passed while an answer was awaited or read (never retried)."""


class _TooLarge(Exception):
    """Internal: an answer grew beyond MAX_ANSWER_BYTES once decoded (never retried)."""


class _Secret:
    """Holds the client secret; repr/str never show it (tracebacks, debuggers, logging of objects)."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "<secret hidden>"

    __str__ = __repr__


class _Retryable(Exception):
    """Internal: a response worth another attempt; `wait` overrides the backoff (Retry-After)."""

    def __init__(self, reason: str, status: int | None = None, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.wait = wait


_RETRY_TRANSPORT_ERRORS = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.ReadError,
    httpx.ReadTimeout,
    httpx.RemoteProtocolError,
    httpx.PoolTimeout,
    httpx.WriteError,
    httpx.WriteTimeout,
)


def _backoff_hook(exc: Exception) -> bool | float:
    if isinstance(exc, _Retryable):
        return exc.wait if exc.wait is not None else True
    return isinstance(exc, _RETRY_TRANSPORT_ERRORS)


def _parse_retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return (url.scheme, url.host, url.port)


class GenesysClient:
    """Synchronous client bound to one region's API and login origins. Use as a context manager."""

    def __init__(
        self,
        client_id: str,
        client_secret: str,
        *,
        api_base: str,
        login_base: str,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        attempts: int = 6,
        retry_budget: float = 600.0,
        wait_initial: float = 0.5,
        wait_max: float = 20.0,
        max_retry_after: float = MAX_RETRY_AFTER,
        transport: httpx.BaseTransport | None = None,
        deadline: float | None = DEFAULT_DEADLINE,
        max_pages: int = MAX_PAGES,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
        on_retry: Callable[[str], None] | None = None,
    ) -> None:
        if not client_id or not client_secret:
            raise GenesysError(N_("a Genesys Cloud OAuth client id and secret are both required"))
        self._client_id = client_id
        self._secret = _Secret(client_secret)
        self._api = httpx.URL(api_base.rstrip("/"))
        self._login = httpx.URL(login_base.rstrip("/"))
        self._allowed = {_origin(self._api), _origin(self._login)}
        self._attempts = attempts
        self._retry_budget = retry_budget
        self._wait_initial = wait_initial
        self._wait_max = wait_max
        self._max_retry_after = max_retry_after
        # One clock for the whole session: a server trickling a byte a second never trips a read
        # timeout, so every wait and every chunk read is checked against this.
        self._deadline_seconds = deadline
        self._deadline_at = time.monotonic() + deadline if deadline else float("inf")
        self._max_pages = max_pages
        self._max_answer_bytes = max_answer_bytes
        self._on_retry = on_retry  # one short line per retry (the CLI prints it; stamina's logs stay off)
        self._timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        self._token: str | None = None
        self._token_deadline = 0.0
        self.requests_sent = 0
        local = is_loopback_host(self._api.host) and is_loopback_host(self._login.host)
        self._http = httpx.Client(
            timeout=timeout,
            follow_redirects=False,  # a redirect could carry the bearer token elsewhere
            transport=transport,
            # proxies and .netrc from the environment make no sense for a local test server
            trust_env=not local,
            headers={"Accept": "application/json", "User-Agent": "portout-fetch/1"},
            event_hooks={"request": [self._guard_origin]},
        )

    def __repr__(self) -> str:
        return f"<GenesysClient api={self._api} client_id={self._client_id!r}>"

    def __enter__(self) -> GenesysClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()
        self._token = None

    # ------------------------------------------------------------------ safety

    def _guard_origin(self, request: httpx.Request) -> None:
        # Last line of defence: whatever built the URL, nothing leaves for another origin.
        if _origin(request.url) not in self._allowed:
            raise GenesysError(
                N_("refused to send a request to {host!r}: only the region's api. and login. hosts are allowed"),
                endpoint=request.url.path,
                host=request.url.host,
            )
        self.requests_sent += 1

    def _secret_forms(self) -> list[str]:
        """Every form of the secret (and token) that a server or library could echo back: as is, Basic
        header, base64 (padded or not, URL-safe), URL-encoded; compared case-insensitively."""
        forms: set[str] = set()
        for value in (self._secret.reveal(), self._token or ""):
            if not value:
                continue
            raw = value.encode()
            forms |= {value, urllib.parse.quote(value, safe=""), urllib.parse.quote_plus(value)}
            for encoded in (base64.b64encode(raw), base64.urlsafe_b64encode(raw)):
                text = encoded.decode("ascii")
                forms |= {text, text.rstrip("=")}
        forms.add(self._basic())
        forms.add(self._basic().rstrip("="))
        return sorted((f for f in forms if len(f) >= 4), key=len, reverse=True)

    def _scrub(self, text: str) -> str:
        for needle in self._secret_forms():
            text = re.sub(re.escape(needle), "***", text, flags=re.IGNORECASE)
        return text

    def _scrub_param(self, value: Any) -> Any:
        # Server text reaches an error only through its parameters (the templates are ours): scrub each,
        # nested `Text`s too, so the English line and every translation are free of the secret.
        if isinstance(value, Text):
            return Text(value.template, **{k: self._scrub_param(v) for k, v in value.params.items()})
        if isinstance(value, str):
            return self._scrub(value)
        if isinstance(value, PortoutError):
            return self._scrubbed(value)
        return value

    def _scrubbed(self, err: PortoutError) -> GenesysError:
        status = err.status if isinstance(err, GenesysError) else None
        params = {k: self._scrub_param(v) for k, v in err.params.items() if k != "status"}
        endpoint = params.pop("endpoint", "")
        # templates are ours (scrubbing leaves them as they are); an error raised with a finished English
        # line would carry server text in it, and is scrubbed like the values
        clean = GenesysError(self._scrub(err.template), endpoint=endpoint, status=status, **params)
        if self._scrub(str(clean)) != str(clean):  # the secret spans a template and a value: keep English only
            english = self._scrub(str(clean)).replace("{", "{{").replace("}", "}}")  # a template of itself
            return GenesysError(english, endpoint=self._scrub(endpoint), status=status)
        return clean

    def _retry_line(self, method: str, endpoint: str, problem: str, attempt: int) -> str:
        """What `on_retry` gets: English as a str, a `Text` a front end can write in its language."""
        line = self._scrub_param(
            Text(
                N_("{method} {endpoint}: {problem}; attempt {attempt} of {attempts}"),
                method=method,
                endpoint=endpoint,
                problem=problem,
                attempt=attempt,
                attempts=self._attempts,
            )
        )
        return line if self._scrub(str(line)) == str(line) else self._scrub(str(line))

    # ------------------------------------------------------------------ deadline

    def _remaining(self) -> float:
        return self._deadline_at - time.monotonic()

    def _deadline_error(self, method: str, endpoint: str) -> GenesysError:
        return GenesysError(
            N_(
                "Genesys Cloud {method} {endpoint}: no complete answer within the overall deadline of {seconds} s "
                "(--deadline); nothing was written"
            ),
            endpoint=endpoint,
            method=method,
            seconds=_seconds(self._deadline_seconds or 0),
        )

    def _request_timeout(self) -> httpx.Timeout:
        remaining = max(0.01, self._remaining())
        t = self._timeout

        def cap(value: float | None) -> float:
            return min(value, remaining) if value is not None else remaining

        return httpx.Timeout(connect=cap(t.connect), read=cap(t.read), write=cap(t.write), pool=cap(t.pool))

    def _fetch(self, method: str, url: httpx.URL, **kwargs: Any) -> httpx.Response:
        """One HTTP exchange, read chunk by chunk: stops at the deadline and at MAX_ANSWER_BYTES decoded."""
        if self._remaining() <= 0:
            raise _DeadlineExceeded
        request = self._http.build_request(method, url, timeout=self._request_timeout(), **kwargs)
        response = self._http.send(request, stream=True)
        try:
            body = bytearray()
            for chunk in response.iter_bytes():  # decoded (gzip, deflate...) as it arrives
                body += chunk
                if len(body) > self._max_answer_bytes:
                    raise _TooLarge
                if self._remaining() <= 0:
                    raise _DeadlineExceeded
        finally:
            response.close()
        # The body is complete: hand back an ordinary response over the decoded bytes.
        headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() != "content-encoding"]
        return httpx.Response(
            response.status_code,
            headers=headers,
            content=bytes(body),
            request=request,
            extensions={"reason_phrase": response.reason_phrase.encode("latin-1", "replace")},
        )

    def _basic(self) -> str:
        raw = f"{self._client_id}:{self._secret.reveal()}".encode()
        return base64.b64encode(raw).decode("ascii")

    # ------------------------------------------------------------------ transport with retries

    def _send(self, method: str, url: httpx.URL, endpoint: str, **kwargs: Any) -> httpx.Response:
        """One logical request: retried on 429/502/503/504 and connection or read errors."""
        attempts_made = 0
        last_problem = ""
        try:
            for attempt in stamina.retry_context(
                on=_backoff_hook,
                attempts=self._attempts,
                timeout=max(0.0, min(self._retry_budget, self._remaining())),
                wait_initial=self._wait_initial,
                wait_max=self._wait_max,
                wait_jitter=1.0,
            ):
                if attempts_made and self._on_retry is not None:
                    self._on_retry(self._retry_line(method, endpoint, last_problem, attempts_made + 1))
                with attempt:
                    attempts_made += 1
                    try:
                        response = self._fetch(method, url, **kwargs)
                        self._raise_if_retryable(response, method, endpoint)
                    except _Retryable as err:
                        last_problem = err.reason
                        raise
                    except httpx.TransportError as err:
                        last_problem = type(err).__name__
                        raise
                    log.debug("%s %s -> %s", method, endpoint, response.status_code)
                    return response
        except _DeadlineExceeded:
            raise self._deadline_error(method, endpoint) from None
        except _TooLarge:
            raise GenesysError(
                N_("Genesys Cloud {method} {endpoint}: the answer is larger than {mb} MB once decoded; refused"),
                endpoint=endpoint,
                method=method,
                mb=self._max_answer_bytes // (1024 * 1024),
            ) from None
        except _Retryable as err:
            if self._remaining() <= 0:
                raise self._deadline_error(method, endpoint) from None
            raise GenesysError(
                N_("Genesys Cloud {method} {endpoint}: {reason}, still failing after {attempts} attempts"),
                endpoint=endpoint,
                status=err.status,
                method=method,
                reason=err.reason,
                attempts=attempts_made,
            ) from None
        except httpx.TimeoutException as err:
            if self._remaining() <= 0:
                raise self._deadline_error(method, endpoint) from None
            raise GenesysError(
                N_("Genesys Cloud {method} {endpoint}: no answer in time ({kind}) after {attempts} attempts"),
                endpoint=endpoint,
                method=method,
                kind=type(err).__name__,
                attempts=attempts_made,
            ) from None
        except httpx.TransportError as err:
            raise GenesysError(
                N_("Genesys Cloud {method} {endpoint}: connection failed ({kind}: {detail}) after {attempts} attempts"),
                endpoint=endpoint,
                method=method,
                kind=type(err).__name__,
                detail=self._scrub(str(err))[:200],
                attempts=attempts_made,
            ) from None
        raise AssertionError("unreachable: stamina either returns or raises")  # pragma: no cover

    def _raise_if_retryable(self, response: httpx.Response, method: str, endpoint: str) -> None:
        status = response.status_code
        if status == 429:
            wait = _parse_retry_after(response.headers.get("Retry-After"))
            if wait is not None and wait > self._max_retry_after:
                raise GenesysError(
                    N_(
                        "Genesys Cloud {method} {endpoint}: HTTP 429 rate limited with Retry-After {wait} s "
                        "(more than {limit} s): giving up, try again later"
                    ),
                    endpoint=endpoint,
                    status=429,
                    method=method,
                    wait=f"{wait:.0f}",  # the server's header value, as sent (may be huge or 'inf')
                    limit=f"{self._max_retry_after:.0f}",
                )
            log.info("%s: HTTP 429, retrying after %s s", endpoint, "backoff" if wait is None else f"{wait:g}")
            raise _Retryable("HTTP 429 Too Many Requests", 429, wait)
        if status in RETRY_STATUSES:
            log.info("%s: HTTP %s, retrying", endpoint, status)
            # the reason phrase is the server's text: it may echo what we sent (scrubbed here already)
            raise _Retryable(self._scrub(f"HTTP {status} {response.reason_phrase}"), status)

    # ------------------------------------------------------------------ errors and JSON

    def _error_for(self, response: httpx.Response, method: str, endpoint: str) -> GenesysError:
        status = response.status_code
        if 300 <= status < 400:
            target = httpx.URL(response.headers.get("Location", ""))
            if not target.host:
                return GenesysError(
                    N_(
                        "Genesys Cloud {method} {endpoint}: HTTP {status} redirect to another path refused "
                        "(requests go only to the region's api. and login. hosts)"
                    ),
                    endpoint=endpoint,
                    status=status,
                    method=method,
                )
            return GenesysError(
                N_(
                    "Genesys Cloud {method} {endpoint}: HTTP {status} redirect to {host!r} refused "
                    "(requests go only to the region's api. and login. hosts)"
                ),
                endpoint=endpoint,
                status=status,
                method=method,
                host=target.host,
            )
        detail = ""
        try:
            body = load_json(response.content, "error body")
            if isinstance(body, dict):
                parts = [str(body.get("message") or "").strip(), str(body.get("code") or "").strip()]
                detail = "; ".join(p for p in parts if p)
                if body.get("contextId"):
                    detail += f" (contextId {body['contextId']})"
        except PortoutError:
            pass
        hint = {
            401: N_("the OAuth client credentials or token were refused"),
            403: N_("the OAuth client lacks a permission for this call"),
            404: N_("not found (or not available in this organisation)"),
        }.get(status, "")
        params: dict[str, Any] = {"method": method, "status": status, "phrase": response.reason_phrase}
        if detail:
            params["detail"] = self._scrub(detail)[:300]
        if hint and detail:
            template = N_("Genesys Cloud {method} {endpoint}: HTTP {status} {phrase}: {hint} [{detail}]")
        elif hint:
            template = N_("Genesys Cloud {method} {endpoint}: HTTP {status} {phrase}: {hint}")
        elif detail:
            template = N_("Genesys Cloud {method} {endpoint}: HTTP {status} {phrase} [{detail}]")
        else:
            template = N_("Genesys Cloud {method} {endpoint}: HTTP {status} {phrase}")
        if hint:
            params["hint"] = Text(hint)
        return GenesysError(template, endpoint=endpoint, **params)

    def _json(self, response: httpx.Response, method: str, endpoint: str) -> Any:
        what = Text(
            N_("Genesys Cloud {method} {endpoint}: the HTTP {status} answer"),
            method=method,
            endpoint=endpoint,
            status=response.status_code,
        )

        def error(message: str, **params: Any) -> GenesysError:
            # "is not valid JSON (...)" or "is nested too deeply": never a RecursionError traceback
            return GenesysError(message, endpoint=endpoint, status=response.status_code, **params)

        return load_json(response.content, what, error=error)

    # ------------------------------------------------------------------ OAuth

    def _access_token(self) -> str:
        if self._token and time.monotonic() < self._token_deadline:
            return self._token
        endpoint = "/oauth/token"
        response = self._send(
            "POST",
            self._login.join("/oauth/token"),
            endpoint,
            headers={"Authorization": f"Basic {self._basic()}", "Content-Type": "application/x-www-form-urlencoded"},
            content=b"grant_type=client_credentials",
        )
        if response.status_code != 200:
            raise self._error_for(response, "POST", endpoint)
        body = self._json(response, "POST", endpoint)
        token = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise GenesysError(
                N_("Genesys Cloud POST {endpoint}: the answer has no access_token"), endpoint=endpoint, status=200
            )
        try:
            lifetime = float(body.get("expires_in") or 0)
        except (TypeError, ValueError):
            lifetime = 0.0
        lifetime = lifetime if lifetime > 0 else 300.0
        # renew early: a token that expires between check and use costs a 401 round-trip
        self._token = token
        self._token_deadline = time.monotonic() + lifetime - min(60.0, lifetime * 0.1)
        log.debug("obtained an access token valid for %.0f s", lifetime)
        return token

    # ------------------------------------------------------------------ API

    def get_json(self, path: str, params: dict[str, Any] | None = None, *, label: str | None = None) -> Any:
        """GET an API path (e.g. `/api/v2/organizations/me`) and return the parsed JSON. Every error
        leaving here is scrubbed of the secret and token in all their derivable forms."""
        try:
            return self._get_json(path, params, label=label)
        except GenesysError as err:
            raise self._scrubbed(err) from None

    def _get_json(self, path: str, params: dict[str, Any] | None = None, *, label: str | None = None) -> Any:
        endpoint = label or path
        url = self._api.join(path)
        renewed = False
        while True:
            token = self._access_token()
            response = self._send(
                "GET", url, endpoint, params=params or {}, headers={"Authorization": f"Bearer {token}"}
            )
            if response.status_code == 401 and not renewed:
                # the token may have expired or been revoked mid-walk: get a new one, once
                log.info("%s: HTTP 401, renewing the token once", endpoint)
                self._token = None
                renewed = True
                continue
            break
        if response.status_code != 200:
            raise self._error_for(response, "GET", endpoint)
        return self._json(response, "GET", endpoint)

    def iter_pages(
        self, path: str, params: dict[str, Any] | None = None, page_size: int = PAGE_SIZE
    ) -> Iterator[dict[str, Any]]:
        """Yield each page of a listing; callers that need all-or-nothing use `get_all`."""
        page = 1
        while True:
            label = _page_label(path, page)
            body = self.get_json(path, {**(params or {}), "pageSize": page_size, "pageNumber": page}, label=label)
            if not isinstance(body, dict) or not isinstance(body.get("entities"), list):
                raise _not_a_listing(path, label)
            yield body
            count = body.get("pageCount")
            if page >= self._max_pages and not (isinstance(count, int) and page >= count):
                raise self._too_many_pages(path)
            if isinstance(count, int) and not isinstance(count, bool):
                if count > self._max_pages:
                    raise GenesysError(
                        N_("Genesys Cloud GET {endpoint}: implausible pageCount {count}"),
                        endpoint=path,
                        status=200,
                        count=count,
                    )
                if page >= count:
                    return
            elif len(body.get("entities") or []) < page_size:
                return  # no pageCount: a short page is the last one
            page += 1

    def _too_many_pages(self, path: str) -> GenesysError:
        return GenesysError(
            N_(
                "Genesys Cloud GET {endpoint}: still more after {pages} pages; a listing this long is broken, not large"
            ),
            endpoint=path,
            status=200,
            pages=self._max_pages,
        )

    def get_all(
        self,
        path: str,
        params: dict[str, Any] | None = None,
        *,
        page_size: int = PAGE_SIZE,
        restarts: int = 2,
        key: str = "id",
    ) -> list[dict[str, Any]]:
        """Every entity of a listing, or a GenesysError: never a partial list.

        If the listing changes while it is read (pageCount or total differ between pages, an entity
        repeats, the count does not match total), the walk restarts from page 1, at most `restarts`
        times, because the pages no longer describe one consistent snapshot.
        """
        problem: str = ""
        for _ in range(restarts + 1):
            entities: list[dict[str, Any]] = []
            first: tuple[Any, Any] | None = None
            problem = ""
            for body in self.iter_pages(path, params, page_size):
                shape = (body.get("pageCount"), body.get("total"))
                if first is None:
                    first = shape
                elif shape != first:
                    problem = Text(
                        N_("pageCount/total changed from {count}/{total} to {new_count}/{new_total} at page {page}"),
                        count=_shown(first[0]),
                        total=_shown(first[1]),
                        new_count=_shown(shape[0]),
                        new_total=_shown(shape[1]),
                        page=_shown(body.get("pageNumber")),
                    )
                    break
                entities.extend(e for e in body.get("entities") or [] if isinstance(e, dict))
            if not problem:
                ids = [e.get(key) for e in entities if e.get(key)]
                odd = next((i for i in ids if isinstance(i, (dict, list))), None)
                if odd is not None:
                    raise GenesysError(
                        N_(
                            "Genesys Cloud GET {endpoint}: sent {kind} as {key!r}, where the API defines text; nothing was written"
                        ),
                        endpoint=path,
                        status=200,
                        kind=json_kind(odd),
                        key=key,
                    )
                total = first[1] if first else None
                if len(ids) != len(set(ids)):
                    problem = Text(N_("an entity appeared on two pages"))
                elif isinstance(total, int) and total != len(entities):
                    problem = Text(
                        N_("total says {total} but the pages held {count}"), total=total, count=len(entities)
                    )
            if not problem:
                return entities
            log.info("GET %s: %s; reading the listing again from page 1", path, problem)
        raise GenesysError(
            N_(
                "Genesys Cloud GET {endpoint}: the listing kept changing while it was read ({problem}); gave up "
                "after {walks} walks rather than return a partial list"
            ),
            endpoint=path,
            status=200,
            problem=problem,
            walks=restarts + 1,
        )

    def get_all_cursor(
        self, path: str, params: dict[str, Any] | None = None, *, page_size: int = CURSOR_PAGE_SIZE
    ) -> list[dict[str, Any]]:
        """Every entity of a cursor-paged listing (the billing APIs: `before`/`after`, `nextUri`; no page
        numbers, no pageCount). Follows `nextUri` (only back to the same path on the API host) until a
        page has none; a cursor seen twice or more than `max_pages` pages is an error, never a hang."""
        query: dict[str, Any] = {**(params or {}), "pageSize": page_size}
        entities: list[dict[str, Any]] = []
        seen: set[str] = set()
        for page in range(1, self._max_pages + 1):
            label = _page_label(path, page)
            body = self.get_json(path, query, label=label)
            if not isinstance(body, dict) or not isinstance(body.get("entities"), list):
                raise _not_a_listing(path, label)
            entities.extend(e for e in body["entities"] if isinstance(e, dict))
            next_uri = body.get("nextUri")
            if not next_uri or not body["entities"]:
                return entities
            if not isinstance(next_uri, str):
                raise GenesysError(
                    N_("Genesys Cloud GET {label}: nextUri is not a link"), endpoint=path, status=200, label=label
                )
            target = self._api.join(next_uri)
            if _origin(target) != _origin(self._api) or target.path != self._api.join(path).path:
                raise GenesysError(
                    N_("Genesys Cloud GET {label}: nextUri leads elsewhere ({target!r}); refused"),
                    endpoint=path,
                    status=200,
                    label=label,
                    target=self._scrub(target.path),
                )
            cursor = str(target.params)
            if cursor in seen:
                raise GenesysError(
                    N_("Genesys Cloud GET {label}: the listing points back to a page already read"),
                    endpoint=path,
                    label=label,
                )
            seen.add(cursor)
            # The next page is exactly what nextUri names (its cursor, usually `after`), nothing added.
            query = dict(target.params.multi_items())
        raise self._too_many_pages(path)
