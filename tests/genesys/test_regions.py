"""Region names and hosts, and the loopback rule for endpoint overrides."""

from __future__ import annotations

import pytest

from portout.errors import PortoutError
from portout.genesys.regions import REGIONS, check_loopback_base, resolve_region

DOMAIN_MD_HOSTS = """mypurecloud.com, use2.us-gov-pure.cloud, usw2.pure.cloud, cac1.pure.cloud,
sae1.pure.cloud, mxc1.pure.cloud, mypurecloud.ie, euw2.pure.cloud, mypurecloud.de, euc2.pure.cloud,
mec1.pure.cloud, aps1.pure.cloud, apse1.pure.cloud, mypurecloud.com.au, mypurecloud.jp,
apne2.pure.cloud, apne3.pure.cloud, edee1.eusc-pure.cloud"""


def test_the_18_hosts_of_domain_md():
    hosts = {h.strip() for h in DOMAIN_MD_HOSTS.replace("\n", " ").split(",")}
    assert len(hosts) == 18 and set(REGIONS.values()) == hosts


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("us_east_1", "mypurecloud.com"),
        ("eu-central-1", "mypurecloud.de"),
        ("AP_SOUTHEAST_2", "mypurecloud.com.au"),
        ("eu_west_1", "mypurecloud.ie"),
        ("ap_northeast_1", "mypurecloud.jp"),
        ("eu_west_2", "euw2.pure.cloud"),
        ("mypurecloud.de", "mypurecloud.de"),
        ("api.usw2.pure.cloud", "usw2.pure.cloud"),
        ("https://login.mypurecloud.com.au/", "mypurecloud.com.au"),
        ("us_east_2", "use2.us-gov-pure.cloud"),
    ],
)
def test_resolve_region(text, host):
    region = resolve_region(text)
    assert region.host == host
    assert region.api_base == f"https://api.{host}" and region.login_base == f"https://login.{host}"


@pytest.mark.parametrize("text", ["", "us_east_9", "mypurecloud.evil.com", "evil.com/mypurecloud.com"])
def test_unknown_region(text):
    with pytest.raises(PortoutError):
        resolve_region(text)


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8080", "http://127.8.9.10", "http://localhost:1/", "http://[::1]:8080", "https://127.0.0.1"],
)
def test_loopback_accepted(url):
    assert check_loopback_base(url).startswith(url.split(":")[0])


@pytest.mark.parametrize(
    "url",
    [
        "https://api.mypurecloud.com",
        "http://192.168.1.5",
        "http://0.0.0.0:80",
        "http://localhost.evil.example",
        "http://a:b@127.0.0.1",
        "file:///etc/passwd",
    ],
)
def test_non_loopback_refused(url):
    with pytest.raises(PortoutError):
        check_loopback_base(url)
