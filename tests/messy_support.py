"""A generated messy inventory for the tests that compare a fast path with the straightforward one.

Seeded, so a failure repeats; every kind of dirt the planner handles appears several times: national and
spaced notations, ranges, duplicates, BYOC providers, blank and junk cells, missing countries, one-line
addresses, known locations, addresses in the wrong area or country, toll-free and mobile numbers,
still-assigned owners, numbers that stay (port no / blank) and an unreadable port value.
"""

from __future__ import annotations

import csv
import io
import random

from portout.settings import OrgSettings, parse_settings

HEADER = [
    "number",
    "provider",
    "location",
    "street1",
    "city",
    "state",
    "postal_code",
    "country",
    "address",
    "owner",
    "owner_type",
    "monthly_charge",
    "port",
]

# (number prefix, digits after it, address parts as (street1, city, state, postcode, country))
_PLACES = [
    ("+1317555", 4, ("100 Monument Circle", "Indianapolis", "IN", "46204", "US")),
    ("+1312555", 4, ("233 S Wacker Dr", "Chicago", "IL", "60606", "US")),
    ("+4930901", 5, ("Friedrichstraße 123", "Berlin", "", "10117", "DE")),
    ("+4989123", 5, ("Marienplatz 8", "München", "", "80331", "DE")),
    ("+44207946", 4, ("10 Downing Street", "London", "", "SW1A 2AA", "GB")),
    ("+44161496", 4, ("1 Piccadilly Gardens", "Manchester", "", "M1 1RG", "GB")),
]
_OTHER = [
    ("+1800555", 4),  # toll-free
    ("+44808157", 4),  # GB freephone
    ("+4915112", 6),  # DE mobile
    ("+49800", 7),  # DE freephone
]

SETTINGS = {
    "organization": {"id": "2f6c3a1e-8b7d-4c5e-9a10-1234abcd5678", "name": "Messy Org", "default_country": "DE"},
    "invoice": {
        "ship_to": {
            "name": "Messy Org Inc.",
            "street1": "100 Monument Circle",
            "city": "Indianapolis",
            "state": "IN",
            "postal_code": "46204",
            "country": "US",
        }
    },
    "signer": {"name": "Dana Admin"},
    "carrier": {"max_numbers_per_request": 40},
    "locations": {
        "Chicago Office": {
            "street1": "233 S Wacker Dr",
            "city": "Chicago",
            "state": "IL",
            "postal_code": "60606",
            "country": "US",
        }
    },
}


def messy_settings(**carrier: object) -> OrgSettings:
    data = {**SETTINGS, "carrier": {**SETTINGS["carrier"], **carrier}}  # type: ignore[dict-item]
    return parse_settings(data)


def messy_inventory(n: int = 1500, seed: int = 7) -> bytes:
    """About `n` rows of CSV text (UTF-8) in the shape described above."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    seen: list[str] = []
    for i in range(n):
        prefix, width, (street, city, state, postcode, country) = rng.choice(_PLACES)
        number = f"{prefix}{rng.randrange(10**width):0{width}d}"
        provider, location, owner, owner_type, port = "PURE_CLOUD_VOICE", "", "", "", "yes"
        address = ""
        roll = rng.random()
        if roll < 0.04 and seen:
            number = rng.choice(seen)  # duplicate
        elif roll < 0.07:
            number = rng.choice(["", "n/a", "+49 30 abc", "12"])  # blank and junk
        elif roll < 0.10:
            provider = rng.choice(["BYOC Carrier", "PURE_CLOUD"])
        elif roll < 0.13:
            # national notation: the country column (or the default country) decides
            number = "0" + number[3:] if country == "DE" else number
        elif roll < 0.16:
            number = f"{number[:-1]}0-{number[-1]}" if number[-1] != "0" else number  # a small range
        elif roll < 0.22:
            other, w = rng.choice(_OTHER)
            number = f"{other}{rng.randrange(10**w):0{w}d}"
        elif roll < 0.26:
            street, city, state, postcode, country = rng.choice(_PLACES)[2]  # another area, maybe country
        elif roll < 0.29:
            country = ""  # the number's own country fills it in
        elif roll < 0.32:
            address = f"{street}, {postcode} {city}"  # a one-line address only
            street = city = state = postcode = country = ""
        elif roll < 0.34:
            location, street, city, state, postcode, country = "Chicago Office", "", "", "", "", ""
        elif roll < 0.36:
            street = city = state = postcode = country = ""  # no address at all
        if rng.random() < 0.2:
            owner, owner_type = "someone", rng.choice(["USER", "IVR", ""])
        port = rng.choices([port, "no", "", "vielleicht"], [0.94, 0.03, 0.02, 0.01])[0]
        if i % 97 == 0:
            number = number.replace("+", "+ ").replace("55", "55 ")  # spaced notation
        rows.append(
            [number, provider, location, street, city, state, postcode, country, address, owner, owner_type]
            + [rng.choice(["1.50", "", "2.00"]), port]
        )
        seen.append(number)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")
