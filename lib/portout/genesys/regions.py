"""The Genesys Cloud regions: the only hosts a token may ever be sent to.

Names follow the Genesys SDKs' `PureCloudRegionHosts` enum (AWS region names in snake_case, e.g.
`eu_central_1` -> mypurecloud.de). The SDK enum lists 17 regions; the EU sovereign region
`edee1.eusc-pure.cloud` is named `eusc_de_east_1` here, following the AWS European Sovereign Cloud
region name (decision: not yet confirmed against an SDK release).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

import httpx

from portout.errors import N_, PortoutError

# SDK name -> region host (domain.md §4 lists the 18 hosts).
REGIONS: dict[str, str] = {
    "us_east_1": "mypurecloud.com",
    "us_east_2": "use2.us-gov-pure.cloud",
    "us_west_2": "usw2.pure.cloud",
    "ca_central_1": "cac1.pure.cloud",
    "sa_east_1": "sae1.pure.cloud",
    "mx_central_1": "mxc1.pure.cloud",
    "eu_west_1": "mypurecloud.ie",
    "eu_west_2": "euw2.pure.cloud",
    "eu_central_1": "mypurecloud.de",
    "eu_central_2": "euc2.pure.cloud",
    "me_central_1": "mec1.pure.cloud",
    "ap_south_1": "aps1.pure.cloud",
    "ap_southeast_1": "apse1.pure.cloud",
    "ap_southeast_2": "mypurecloud.com.au",
    "ap_northeast_1": "mypurecloud.jp",
    "ap_northeast_2": "apne2.pure.cloud",
    "ap_northeast_3": "apne3.pure.cloud",
    "eusc_de_east_1": "edee1.eusc-pure.cloud",
}

_BY_HOST = {host: name for name, host in REGIONS.items()}


class RegionError(PortoutError):
    """Unknown region or a refused endpoint override."""


@dataclass(frozen=True)
class Region:
    name: str  # SDK-style name, e.g. "eu_central_1"
    host: str  # region host, e.g. "mypurecloud.de"

    @property
    def api_base(self) -> str:
        return f"https://api.{self.host}"

    @property
    def login_base(self) -> str:
        return f"https://login.{self.host}"


def resolve_region(text: str) -> Region:
    """Accept a host (`mypurecloud.de`, `api.mypurecloud.de`, `https://login.mypurecloud.de/`) or an SDK
    name (`eu_central_1`, `eu-central-1`, `EU_CENTRAL_1`)."""
    raw = (text or "").strip().lower()
    if not raw:
        raise RegionError(N_("no Genesys Cloud region given (e.g. us_east_1 or mypurecloud.com)"))
    name = raw.replace("-", "_")
    if name in REGIONS:
        return Region(name, REGIONS[name])
    host = raw.removeprefix("https://").removeprefix("http://").split("/", 1)[0]
    for prefix in ("api.", "login.", "apps."):
        if host.startswith(prefix) and host[len(prefix) :] in _BY_HOST:
            host = host[len(prefix) :]
            break
    if host in _BY_HOST:
        return Region(_BY_HOST[host], host)
    raise RegionError(
        N_("unknown Genesys Cloud region {value!r}; use one of {regions}"),
        value=text.strip(),
        regions=", ".join(f"{n} ({h})" for n, h in REGIONS.items()),
    )


def is_loopback_host(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_loopback_base(url: str, what: str = "--api-base") -> str:
    """An endpoint override is only for tests and the demo: anything but a loopback http(s) URL is
    refused, so an override can never carry a token (or the secret) to another machine."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError):
        raise RegionError(N_("{what}: not a URL"), what=what) from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise RegionError(N_("{what}: must be an http(s) URL such as http://127.0.0.1:8080"), what=what)
    if parsed.userinfo:
        raise RegionError(N_("{what}: must not contain a user name or password"), what=what)
    if not is_loopback_host(parsed.host):
        raise RegionError(
            N_(
                "{what}: refused, host {host!r} is not a loopback address (overrides are for local test servers "
                "only: 127.0.0.0/8, ::1, localhost)"
            ),
            what=what,
            host=parsed.host,
        )
    return str(parsed.copy_with(query=None, fragment=None)).rstrip("/")
