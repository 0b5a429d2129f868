"""Live inventory from the Genesys Cloud Platform API (domain.md §4).

`fetch_inventory` is the entry point for the CLI and the dashboard; `start_demo_server` runs the fake
Genesys Cloud server so the flow can be shown without credentials.
"""

from portout.genesys.client import GenesysClient, GenesysError
from portout.genesys.fake_server import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    fetch_demo_inventory,
    start_demo_server,
)
from portout.genesys.inventory import FetchResult, OrgInfo, ShipTo, fetch_inventory
from portout.genesys.regions import REGIONS, Region, check_loopback_base, resolve_region

__all__ = [
    "DEMO_CLIENT_ID",
    "DEMO_CLIENT_SECRET",
    "REGIONS",
    "FetchResult",
    "GenesysClient",
    "GenesysError",
    "OrgInfo",
    "Region",
    "ShipTo",
    "check_loopback_base",
    "fetch_demo_inventory",
    "fetch_inventory",
    "resolve_region",
    "start_demo_server",
]
