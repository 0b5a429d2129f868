"""German, UK and US notations through the whole plan and the CLI: every row planned or excluded with a
reason, nothing longer than 15 digits, vanity numbers warned about."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from org_support import csv_bytes, settings_data
from portout.inventory.reader import read_inventory
from portout.plan.planner import build_plan
from portout.settings import parse_settings

CELLS = {
    "030 901850-10 bis 19": 10,
    "+493090186000-6999": 1000,
    "030 901850 20-29": 10,
    "+49 30 901851-00 bis -99": 100,
    "030 9018520 bis 030 9018529": 10,
    "+49 30 901853-0 bis -99": 0,  # ambiguous widths
    "030 9018540 bis 089 9018549": 0,  # different areas
    "030 901855-19 bis 10": 0,  # reversed
    "+49309018501024719": 0,  # 17 digits
    "030 1234567 Zentrale": 0,  # letters
    "1-800-FLOWERS": 1,  # vanity
    "+44 20 7946 0000 to 0009": 10,
    "+1 317 555 0100-0109": 10,
}


def _inventory_bytes() -> bytes:
    return csv_bytes(["Rufnummer", "Straße", "PLZ", "Ort", "Land"], [[c, *BERLIN] for c in CELLS])


BERLIN = ["Friedrichstraße 123", "10117", "Berlin", "DE"]
SETTINGS = settings_data("DE")


def test_every_row_is_planned_or_excluded_and_nothing_exceeds_15_digits() -> None:
    plan = build_plan(read_inventory(_inventory_bytes(), name="de.csv"), parse_settings(SETTINGS))
    per_row = plan.numbers.groupby("row").size().to_dict()
    excluded_rows = {e.row for e in plan.excluded}
    for row, (cell, count) in enumerate(CELLS.items(), start=1):
        if count:
            assert per_row.get(row) == count, cell
        else:
            assert row not in per_row and row in excluded_rows, cell
    assert plan.numbers["number"].str.len().max() <= 16
    reasons = {e.reason for e in plan.excluded}
    assert {
        "range_ambiguous",
        "range_areas_differ",
        "range_reversed",
        "number_too_long",
        "letters_in_number",
    } <= reasons
    vanity = [w for w in plan.warnings if w.code == "vanity_number"]
    assert vanity and vanity[0].numbers == ["+18003569377"]


def test_cli_plan_json_reconciles(tmp_path: Path) -> None:
    inv = tmp_path / "de.csv"
    inv.write_bytes(_inventory_bytes())
    org = tmp_path / "org.toml"
    org.write_text(
        '[organization]\nid = "2f6c3a1e-8b7d-4c5e-9a10-1234abcd5678"\ndefault_country = "DE"\n'
        '[invoice.ship_to]\nname = "Acme GmbH"\nstreet1 = "Friedrichstraße 123"\ncity = "Berlin"\n'
        'postal_code = "10117"\ncountry = "DE"\n[signer]\nname = "Dana Admin"\n',
        encoding="utf-8",
    )
    out = subprocess.run(
        [sys.executable, "-m", "portout", "plan", str(inv), "--org", str(org), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout)
    summary = data["summary"]
    assert summary["input_rows"] == len(CELLS) == summary["rows_planned"] + summary["excluded_rows"]
    assert all(len(n) <= 16 for r in data["requests"] for n in r["numbers"])
    assert all(e["reason"] and e["message"] for e in data["excluded"])


@pytest.mark.parametrize("cell", ["030 901850-10 bis 19", "+493090185000-5999"])
def test_reported_cells_no_longer_become_one_long_number(cell: str) -> None:
    inv = read_inventory(
        f"number,street,postal code,city,country\n{cell},Hauptstr. 1,10117,Berlin,DE\n".encode(), name="x.csv"
    )
    plan = build_plan(inv, parse_settings(SETTINGS))
    assert len(plan.numbers) > 1 and plan.numbers["number"].str.len().max() <= 16
