"""Write the bundled sample organisation's inventory (data/samples/).

Harbor & Pine Logistics: a fictional company leaving Genesys Cloud Voice. Numbers come from fictional /
drama ranges where the country has them (US 555, UK Ofcom 020 7946 0xxx, 0161 496 0xxx, 0808 157 0xxx,
0306 999 0xxx). Deterministic: the same seed writes the same files, so tests and screenshots are stable.

    .venv/bin/python scripts/make_sample_data.py
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import phonenumbers

OUT = Path(__file__).resolve().parent.parent / "data" / "samples"

SITES = {
    # name: (street1, street2, city, state, postal_code, country)
    "Indianapolis HQ": ("100 Monument Circle", "Suite 400", "Indianapolis", "IN", "46204", "US"),
    "Chicago Branch": ("233 S Wacker Drive", "Floor 31", "Chicago", "IL", "60606", "US"),
    "Denver Warehouse": ("1701 Wynkoop Street", "", "Denver", "CO", "80202", "US"),
    "Austin Support": ("500 W 2nd Street", "Suite 1900", "Austin", "TX", "78701", "US"),
    "Berlin Vertrieb": ("Friedrichstraße 123", "", "Berlin", "", "10117", "DE"),
    "München Lager": ("Leopoldstraße 50", "3. OG", "München", "Bayern", "80802", "DE"),
    "London Office": ("1 Long Acre", "", "London", "", "WC2E 9LH", "GB"),
    "Manchester Hub": ("101 Oxford Road", "Unit 4", "Manchester", "", "M1 7ED", "GB"),
}

# (site, national prefix incl. country code, first suffix, count, digits of the suffix)
BLOCKS = [
    ("Indianapolis HQ", "+1317555", 0, 420, 4),
    ("Chicago Branch", "+1312555", 1000, 300, 4),
    ("Denver Warehouse", "+1303555", 2000, 160, 4),
    ("Austin Support", "+1512555", 3000, 260, 4),
    ("Berlin Vertrieb", "+4930901820", 0, 100, 2),
    ("Berlin Vertrieb", "+493090183", 0, 120, 3),
    ("München Lager", "+4989123450", 0, 100, 2),
    ("München Lager", "+498912346", 0, 80, 3),
    ("London Office", "+4420794600", 0, 100, 2),
    ("London Office", "+442079460", 100, 150, 3),
    ("Manchester Hub", "+441614960", 0, 180, 3),
]
TOLL_FREE = [("+1800555", 100, 12, 4), ("+1888555", 200, 8, 4), ("+448081570", 0, 10, 3), ("+49800123456", 0, 6, 1)]
NON_GEO = [("+443069990", 0, 10, 3), ("+49180123456", 0, 5, 1)]
BYOC = [("Chicago Branch", "+1312555", 5000, 120, 4)]

USERS = [
    "Avery Chen",
    "Jonas Becker",
    "Priya Patel",
    "Oliver Hughes",
    "Mia Schneider",
    "Lucas Brown",
    "Sofia García",
    "Noah Wilson",
    "Lena Wagner",
    "Ethan Clarke",
    "Hannah Müller",
    "Isaac O'Brien",
]
MRC = {
    ("US", "geo"): "1.50",
    ("US", "tf"): "3.00",
    ("DE", "geo"): "1.60",
    ("DE", "tf"): "4.00",
    ("DE", "ng"): "4.00",
    ("GB", "geo"): "1.40",
    ("GB", "tf"): "3.50",
    ("GB", "ng"): "2.50",
}

HEADER = [
    "Phone Number",
    "Number Type",
    "Provider",
    "Location",
    "Street",
    "Street 2",
    "City",
    "State",
    "Postal Code",
    "Country",
    "Assigned To",
    "Owner Type",
    "MRC",
    "Currency",
]


def _numbers(prefix: str, first: int, count: int, width: int) -> list[str]:
    return [f"{prefix}{n:0{width}d}" for n in range(first, first + count)]


def _owner(rng: random.Random) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.22:
        return rng.choice(USERS), "USER"
    if roll < 0.27:
        return "Main IVR", "IVR_CONFIG"
    if roll < 0.30:
        return "Lobby phone", "PHONE"
    return "", ""


NO_ADDRESS = ("",) * 6


def _row(
    number: str,
    number_type: str,
    *,
    provider: str = "PURE_CLOUD_VOICE",
    site: str = "",
    address: tuple[str, ...] = NO_ADDRESS,
    owner: str = "",
    owner_type: str = "",
    mrc: str = "",
    currency: str = "USD",
) -> list[str]:
    """One export row in HEADER's order; address is (street1, street2, city, state, postal, country)."""
    return [number, number_type, provider, site, *address, owner, owner_type, mrc, currency if mrc else ""]


def rows(seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)
    out: list[list[str]] = []
    for site, prefix, first, count, width in BLOCKS:
        country = SITES[site][5]
        for number in _numbers(prefix, first, count, width):
            owner, owner_type = _owner(rng)
            mrc = MRC[(country, "geo")] if rng.random() > 0.1 else ""  # 10% priced by the org's price table
            out.append(
                _row(number, "Local", site=site, address=SITES[site], owner=owner, owner_type=owner_type, mrc=mrc)
            )
    for prefix, first, count, width in TOLL_FREE:
        for number in _numbers(prefix, first, count, width):
            country = phonenumbers.region_code_for_number(phonenumbers.parse(number))
            out.append(_row(number, "Toll-Free", owner="Main IVR", owner_type="IVR_CONFIG", mrc=MRC[(country, "tf")]))
    for prefix, first, count, width in NON_GEO:
        for number in _numbers(prefix, first, count, width):
            country = phonenumbers.region_code_for_number(phonenumbers.parse(number))
            out.append(_row(number, "National", mrc=MRC[(country, "ng")]))
    for site, prefix, first, count, width in BYOC:
        for number in _numbers(prefix, first, count, width):
            out.append(_row(number, "Local", provider="PURE_CLOUD", site=site, address=SITES[site]))
    for row in out:
        assert phonenumbers.is_valid_number(phonenumbers.parse(row[0])), row[0]
    rng.shuffle(out)
    out.extend(_dirty_rows())
    return out


def _dirty_rows() -> list[list[str]]:
    """What real exports contain: each of these exercises one rule of the planner."""
    hq = SITES["Indianapolis HQ"]
    berlin = SITES["Berlin Vertrieb"]
    return [
        # Same address written differently: same request, and a warning about the spelling.
        _row(
            "+1 (317) 555-0900",
            "Local",
            site="Indianapolis HQ",
            address=("100 Monument Cir.", "Ste 400", "Indianapolis", "IN", "46204", "USA"),
            mrc="1.50",
        ),
        _row(
            "+49 30 90184000",
            "Local",
            site="Berlin Vertrieb",
            address=("Friedrichstr. 123", "", "Berlin", "", "10117", "Deutschland"),
            mrc="1.60",
        ),
        # Excel dropped the '+': recovered exactly.
        ["13175550901", "Local", "PURE_CLOUD_VOICE", "Indianapolis HQ", *hq, "", "", "1.50", "USD"],
        # Written with an extension: stripped, with a warning.
        ["+1 317 555 0902 ext. 221", "Local", "", "Indianapolis HQ", *hq, "", "", "1.50", "USD"],
        # A range in one cell: expands.
        ["+13175550910-0919", "Local", "PURE_CLOUD_VOICE", "Indianapolis HQ", *hq, "", "", "1.50", "USD"],
        # A national German number: the row's country makes it international.
        ["030 90184001", "Local", "PURE_CLOUD_VOICE", "Berlin Vertrieb", *berlin, "", "", "1.60", "USD"],
        # Duplicate of a number above: the first occurrence is planned.
        ["+13175550000", "Local", "PURE_CLOUD_VOICE", "Indianapolis HQ", *hq, "", "", "1.50", "USD"],
        # Not a phone number / not valid.
        ["n/a", "Local", "PURE_CLOUD_VOICE", "Indianapolis HQ", *hq, "", "", "", ""],
        ["+1 317 555 01", "Local", "PURE_CLOUD_VOICE", "Indianapolis HQ", *hq, "", "", "", ""],
        # Geographic number without any address.
        ["+13175550950", "Local", "PURE_CLOUD_VOICE", "", "", "", "", "", "", "", "", "", "1.50", "USD"],
        # An empty line in the middle of the export.
        [""] * len(HEADER),
        # Hostile text: must stay text in every export.
        [
            "+13175550960",
            "Local",
            "PURE_CLOUD_VOICE",
            "Indianapolis HQ",
            *hq,
            '=HYPERLINK("http://x")',
            "USER",
            "1.50",
            "USD",
        ],
    ]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    data = rows()
    with (OUT / "inventory.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(data)
    # The same organisation's German Excel export: semicolons, Windows-1252, German headers.
    german = [
        "Rufnummer",
        "Typ",
        "Anbieter",
        "Standort",
        "Straße",
        "Zusatz",
        "Ort",
        "Bundesland",
        "PLZ",
        "Land",
        "Zugewiesen an",
        "Besitzertyp",
        "Monatliche Gebühr",
        "Währung",
    ]
    de_rows = [r for r in data if r[9] == "DE" or r[0].startswith("+49")][:120]
    with (OUT / "inventory_de.csv").open("w", newline="", encoding="cp1252", errors="replace") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(german)
        writer.writerows([[c.replace(".", ",") if i == 12 else c for i, c in enumerate(r)] for r in de_rows])
    print(f"wrote {len(data)} rows to {OUT / 'inventory.csv'} and {len(de_rows)} to {OUT / 'inventory_de.csv'}")


if __name__ == "__main__":
    main()
