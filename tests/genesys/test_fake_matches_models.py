"""The fake Genesys Cloud answers with the field names of the official API models, so that the client is
tested against Genesys Cloud's shapes and not only against itself.

The field lists below were written down by hand from the Genesys Cloud Python SDK's model docs
(MyPureCloud/platform-client-sdk-python, build/docs/<Model>.md, snake_case there, camelCase on the wire).
Only the fields are listed; the fake may leave optional ones out but must not invent any.
"""

from __future__ import annotations

from typing import Any

import pytest

from portout.genesys import GenesysClient
from portout.genesys.fake_server import EDGES, FakeGenesys, FakeServer

URI_REFERENCE = {"id", "selfUri"}
DOMAIN_ENTITY_REF = {"id", "name", "selfUri"}
ADDRESSABLE_ENTITY_REF = {"id", "selfUri"}
# build/docs/*.md, properties converted to camelCase
ORGANIZATION = {
    "id", "name", "defaultLanguage", "defaultCountryCode", "thirdPartyOrgName", "thirdPartyURI", "domain",
    "features", "version", "state", "defaultSiteId", "supportURI", "voicemailEnabled", "productPlatform", "selfUri",
}  # fmt: skip
LOCATION_ADDRESS = {"city", "country", "countryName", "state", "street1", "street2", "zipcode"}
LOCATION_DEFINITION = {
    "id", "name", "contactUser", "emergencyNumber", "address", "state", "notes", "version", "path", "profileImage",
    "floorplanImage", "addressVerificationDetails", "addressVerified", "addressStored", "images", "selfUri",
}  # fmt: skip
LOCATION_EMERGENCY_NUMBER = {"e164", "number", "type"}
SITE = {
    "id", "name", "division", "description", "version", "dateCreated", "dateModified", "modifiedBy", "createdBy",
    "state", "modifiedByApp", "createdByApp", "primarySites", "secondarySites", "primaryEdges", "secondaryEdges",
    "addresses", "edges", "edgeAutoUpdateConfig", "mediaRegionsUseLatencyBased", "location", "managed",
    "ntpSettings", "mediaModel", "coreSite", "siteConnections", "mediaRegions", "callerId", "callerName",
    "cloudProxyForceTurn", "selfUri",
}  # fmt: skip
DID_POOL = {
    "id", "name", "description", "version", "dateCreated", "dateModified", "modifiedBy", "createdBy", "state",
    "modifiedByApp", "createdByApp", "startPhoneNumber", "endPhoneNumber", "comments", "provider", "selfUri",
}  # fmt: skip
DID_NUMBER = {"id", "name", "number", "assigned", "didPool", "owner", "ownerType", "selfUri"}
DID = {
    "id", "name", "division", "description", "version", "dateCreated", "dateModified", "modifiedBy", "createdBy",
    "state", "modifiedByApp", "createdByApp", "phoneNumber", "didPool", "owner", "ownerType", "selfUri",
}  # fmt: skip
PHONE = {
    "id", "name", "description", "version", "dateCreated", "dateModified", "modifiedBy", "createdBy", "state",
    "modifiedByApp", "createdByApp", "site", "phoneBaseSettings", "lineBaseSettings", "phoneMetaBase", "lines",
    "status", "secondaryStatus", "userAgentInfo", "properties", "capabilities", "webRtcUser", "primaryEdge",
    "secondaryEdge", "selfUri",
}  # fmt: skip
USER = {
    "id", "name", "division", "chat", "department", "email", "primaryContactInfo", "addresses", "state", "title",
    "username", "manager", "images", "version", "certifications", "biography", "employerInfo", "preferredName",
    "routingStatus", "presence", "integrationPresence", "conversationSummary", "outOfOffice", "geolocation",
    "station", "authorization", "profileSkills", "locations", "groups", "team", "skills", "languages",
    "acdAutoAnswer", "languagePreference", "lastTokenIssued", "dateLastLogin", "selfUri",
}  # fmt: skip
USER_LOCATION = {"id", "floorplanId", "coordinates", "notes", "locationDefinition"}  # the model "Location"
BILLING_INVOICE = {
    "id", "billToCustomer", "shipToCustomer", "soldToCustomer", "dateInvoiced", "billToAddress", "shipToAddress",
    "currencyIsoCode", "paymentStatus", "paymentTerms", "paymentLink", "customerPoNumber", "customerInvoiceType",
    "amount",
}  # fmt: skip
INVOICE_ADDRESS = {
    "dateEffective", "addressType", "currencyIsoCode", "line1", "line2", "line3", "cityName", "postalCode",
    "stateCode", "countryCode", "citySubdivision1", "regionSubdivision1", "regionSubdivision2", "country",
}  # fmt: skip
CUSTOMER = {"id", "number", "name"}
# Envelopes: the numbered listings (e.g. DIDEntityListing) and the cursor one (BillingInvoiceListing).
NUMBERED_LISTING = {
    "entities", "pageSize", "pageNumber", "total", "firstUri", "selfUri", "nextUri", "previousUri", "lastUri",
    "pageCount",
}  # fmt: skip
CURSOR_LISTING = {"entities", "nextUri", "selfUri", "previousUri"}

# Nested models: field name -> the model it holds (a list of them when the value is a list).
NESTED: dict[str, dict[str, set[str]]] = {
    "location_definition": {"address": LOCATION_ADDRESS, "emergencyNumber": LOCATION_EMERGENCY_NUMBER},
    "site": {"location": LOCATION_DEFINITION},
    "did_number": {"didPool": ADDRESSABLE_ENTITY_REF, "owner": DOMAIN_ENTITY_REF},
    "did": {"didPool": DOMAIN_ENTITY_REF, "owner": DOMAIN_ENTITY_REF},
    "phone": {"site": URI_REFERENCE, "webRtcUser": URI_REFERENCE},
    "user": {"locations": USER_LOCATION},
    "invoice": {
        "shipToAddress": INVOICE_ADDRESS,
        "billToAddress": INVOICE_ADDRESS,
        "shipToCustomer": CUSTOMER,
        "billToCustomer": CUSTOMER,
        "soldToCustomer": CUSTOMER,
    },
}
LISTINGS = [
    # (path, params, envelope, entity model, nested key)
    ("/api/v2/locations", {}, NUMBERED_LISTING, LOCATION_DEFINITION, "location_definition"),
    (f"{EDGES}/sites", {"expand": "location"}, NUMBERED_LISTING, SITE, "site"),
    (f"{EDGES}/didpools", {}, NUMBERED_LISTING, DID_POOL, ""),
    (f"{EDGES}/didpools/dids", {"type": "ASSIGNED_AND_UNASSIGNED"}, NUMBERED_LISTING, DID_NUMBER, "did_number"),
    (f"{EDGES}/dids", {}, NUMBERED_LISTING, DID, "did"),
    (f"{EDGES}/phones", {"sortBy": "id"}, NUMBERED_LISTING, PHONE, "phone"),
    ("/api/v2/users", {"state": "active"}, NUMBERED_LISTING, USER, "user"),
    ("/api/v2/users", {"state": "inactive"}, NUMBERED_LISTING, USER, "user"),
    ("/api/v2/billing/contracts/invoices", {}, CURSOR_LISTING, BILLING_INVOICE, "invoice"),
]


def _extra(data: dict[str, Any], model: set[str], nested: dict[str, set[str]], where: str) -> list[str]:
    """Field names in `data` that `model` does not define, nested models included."""
    out = [f"{where}.{k}" for k in data if k not in model]
    for key, inner in nested.items():
        value = data.get(key)
        for item in value if isinstance(value, list) else [value] if isinstance(value, dict) else []:
            out += [f"{where}.{key}.{k}" for k in item if k not in inner]
    return out


@pytest.fixture(scope="module")
def client():
    with FakeServer(FakeGenesys()) as server:
        state = server.state
        with GenesysClient(
            state.client_id, state.client_secret, api_base=server.base_url, login_base=server.base_url
        ) as c:
            yield c


def test_organization(client) -> None:
    assert _extra(client.get_json("/api/v2/organizations/me"), ORGANIZATION, {}, "org") == []


@pytest.mark.parametrize("path, params, envelope, model, nested", LISTINGS)
def test_listing_fields_are_the_models(client, path, params, envelope, model, nested) -> None:
    page = client.get_json(path, {**params, "pageSize": 100})
    assert set(page) <= envelope, set(page) - envelope
    assert page["entities"], f"{path}: the fake serves nothing to compare"
    problems = [p for e in page["entities"] for p in _extra(e, model, NESTED.get(nested, {}), path)]
    assert problems == []


def test_paging_style_per_endpoint(client) -> None:
    invoices = client.get_json("/api/v2/billing/contracts/invoices", {"pageSize": 1})
    assert "pageNumber" not in invoices and "pageCount" not in invoices and "after=" in invoices["nextUri"]
    dids = client.get_json(f"{EDGES}/dids", {"pageSize": 1, "pageNumber": 1})
    assert dids["pageCount"] > 1 and "pageNumber=2" in dids["nextUri"]
