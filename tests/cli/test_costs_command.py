"""`portout costs`: formats, options, and one clear line with exit code 2 on bad input."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest

from costs_helpers import inventory_bytes, ref_line, row

ORG = """
[organization]
id = "2f6c3a1e-8b7d-4c5e-9a10-1234abcd5678"
name = "Acme"
[invoice.ship_to]
name = "Acme Inc"
street1 = "1 Monument Circle"
city = "Indianapolis"
state = "IN"
postal_code = "46204"
country = "US"
[billing]
currency = "{currency}"
cycle_anchor_day = 15
[billing.prices.US]
geographic = "1.25"
"""


@pytest.fixture
def files(tmp_path):
    def write(rows, currency="USD"):
        inv = tmp_path / "inv.csv"
        inv.write_bytes(inventory_bytes(rows))
        org = tmp_path / "org.toml"
        org.write_text(ORG.format(currency=currency), encoding="utf-8")
        return str(inv), str(org)

    return write


def test_json_output(files, cli):
    inv, org = files([row(0, mrc="100.00", removal="2026-01-28"), row(1, removal="", address=1)])
    code, out, _ = cli(
        "costs",
        inv,
        "--org",
        org,
        "--as-of",
        "2026-01-20",
        "--removal-date",
        "2026-01-28T07:30Z",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["currency"] == "USD" and data["convention"]["days"] == "actual"
    lines = {line["number"]: line for line in data["lines"]}
    assert lines[row(0)["number"]]["prorated"] == "45.16"
    assert lines[row(1)["number"]]["removal_date"] == "2026-01-28T07:30:00+00:00"
    assert lines[row(1)["number"]]["mrc"] == "1.25"
    for key in ("id", "prorated_total", "cost_through_removal", "monthly_saving", "delay_cost_per_day"):
        assert key in data["requests"][0]
    assert Decimal(data["totals"]["prorated_total"]) == sum(Decimal(r["prorated_total"]) for r in data["requests"])


def test_csv_and_table_and_output_file(files, cli, tmp_path):
    inv, org = files([row(0, mrc="100.00", removal="2026-01-28")])
    code, out, _ = cli("costs", inv, "--org", org, "--as-of", "2026-01-20", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["prorated"] == "45.16" and rows[0]["days_in_cycle"] == "31"
    code, out, _ = cli("costs", inv, "--org", org, "--as-of", "2026-01-20")
    assert code == 0 and "45.16" in out and "rounded half up per number" in out and "total: 1 number (1 priced)" in out
    target = tmp_path / "out.json"
    code, out, _ = cli("costs", inv, "--org", org, "--as-of", "2026-01-20", "--format", "json", "-o", str(target))
    assert code == 0 and out == "" and json.loads(target.read_text())["totals"]["prorated_total"] == "45.16"


def test_dates_file(files, cli, tmp_path):
    inv, org = files([row(0, mrc="100.00")])
    dates = tmp_path / "dates.csv"
    dates.write_text('service_address,removal_date\n"1 MONUMENT CIRCLE, 46204 INDIANAPOLIS, IN, US",2026-01-28\n')
    code, out, _ = cli("costs", inv, "--org", org, "--as-of", "2026-01-20", "--dates", str(dates), "--format", "json")
    assert code == 0
    assert json.loads(out)["lines"][0]["billing_day"] == "2026-01-28"


def test_jpy_output_has_no_decimals(files, cli):
    inv, org = files([row(0, mrc="1000", removal="2026-01-28")], currency="JPY")
    code, out, _ = cli("costs", inv, "--org", org, "--as-of", "2026-01-20", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["lines"][0]["prorated"].isdigit() and data["totals"]["monthly_saving"] == "1000"


@pytest.mark.parametrize(
    "rows, extra, fragment",
    [
        ([row(0, mrc="-5")], [], "row 1: monthly_charge '-5' is negative"),
        ([row(0, mrc="50000000")], [], "row 1: monthly_charge '50000000' is not a plausible"),
        ([row(0, mrc="1"), row(1, mrc="1", currency="EUR")], [], "row 2: monthly_charge is in EUR"),
        ([row(0, mrc="1", removal="next week")], [], "row 1: removal_date 'next week'"),
        ([row(0, mrc="1")], ["--as-of", "2026-02-30"], "--as-of '2026-02-30' is not a date"),
        ([row(0, mrc="1")], ["--removal-date", "soon"], "--removal-date 'soon' is not a date"),
        ([row(0, mrc="1")], ["--dates", "/nonexistent/dates.csv"], "cannot read /nonexistent/dates.csv"),
        ([row(0, mrc="1")], ["--max-mrc", "ten"], "--max-mrc 'ten' is not an amount"),
    ],
)
def test_bad_input_exits_2_with_one_line(files, cli, rows, extra, fragment):
    inv, org = files(rows)
    code, out, err = cli("costs", inv, "--org", org, "--as-of", "2026-01-20", *extra)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("portout: error: ")
    assert fragment in err


def test_an_unreadable_monthly_charge_is_unpriced_with_a_note(files, cli):
    # Before, exit 2 naming the row; now the three readable rows are costed (the price table's 1.25 is not
    # put in place of "lots") and every output format says so.
    good = [("1.00", "2026-02-03"), ("2,50", "2026-03-20"), ("10", "2026-02-14")]
    rows = [row(i, mrc=mrc, removal=removal) for i, (mrc, removal) in enumerate(good)]
    inv, org = files([*rows, row(3, mrc="lots", removal="2026-02-14")])
    args = ("costs", inv, "--org", org, "--as-of", "2026-01-20")
    code, out, err = cli(*args, "--format", "json")
    assert code == 0 and err == ""
    data = json.loads(out)
    expected = sum(
        ref_line(Decimal(mrc.replace(",", ".")), date.fromisoformat(removal), date(2026, 1, 20), 15)[
            "cost_through_removal"
        ]
        for mrc, removal in good
    )
    assert Decimal(data["totals"]["cost_through_removal"]) == expected
    assert data["totals"]["unreadable_charges"] == 1 and data["totals"]["complete"] is False
    assert data["unpriced"] == [row(3)["number"]]
    assert any(n.endswith(f"row 4 ({row(3)['number']}): 'lots'") for n in data["notes"])
    code, out, _ = cli(*args)
    assert code == 0 and "monthly charge that is not an amount" in out and "'lots'" in out
    code, out, _ = cli(*args, "--format", "csv")
    lines = {r["number"]: r for r in csv.DictReader(io.StringIO(out))}
    assert lines[row(3)["number"]]["mrc"] == "" and "not an amount" in lines[row(3)["number"]]["note"]


def test_max_mrc_option_raises_the_limit(files, cli):
    inv, org = files([row(0, mrc="50000000", removal="2026-02-14")])
    code, out, _ = cli("costs", inv, "--org", org, "--as-of", "2026-01-20", "--max-mrc", "1e9", "--format", "json")
    assert code == 0 and json.loads(out)["totals"]["prorated_total"] == "50000000.00"


def test_port_column_and_dates_file_through_plan_and_costs(tmp_path) -> None:
    """The issue-12 check: a `port` column and a dates file; planned = chosen, stays listed, readiness on
    every request and needs_attention only where a problem is planted, removals (costs) follow port dates."""
    import subprocess
    import sys

    from paths import ROOT

    rows = [("number", "street", "city", "zip", "country", "port", "owner")]
    rows += [(f"+1317555{i:04d}", "100 Monument Circle", "Indianapolis", "46204", "US", "yes", "") for i in range(4)]
    rows += [(f"+1303555{i:04d}", "1701 Wynkoop Street", "Denver", "80202", "US", "no", "") for i in range(3)]
    rows += [(f"+1512555{i:04d}", "500 W 2nd Street", "Austin", "78701", "US", "ja", "") for i in range(3)]
    inv = tmp_path / "inv.csv"
    with inv.open("w", newline="") as f:
        csv.writer(f).writerows(rows)
    org = tmp_path / "org.toml"
    org.write_text(
        '[organization]\nid = "0a1b2c3d-1111-4222-8333-00000000beef"\n'
        '[invoice.ship_to]\nname = "Acme Inc."\nstreet1 = "1 Main Street"\ncity = "Indianapolis"\n'
        'postal_code = "46204"\ncountry = "US"\n[signer]\nname = "Dana Admin"\n'
        '[billing]\ncurrency = "USD"\n[billing.prices.US]\ngeographic = "1.50"\n'  # prices need their currency
    )
    dates = tmp_path / "dates.csv"
    dates.write_text(
        'service_address,port_date\n"100 Monument Circle, 46204 Indianapolis, US",2026-12-14\n'
        '"500 W 2nd Street, 78701 Austin, US",2026-12-19\n'  # a Saturday: the planted problem
    )

    def run(*args: str) -> dict:
        res = subprocess.run(
            [sys.executable, "-m", "portout", *args, str(inv), "--org", str(org), "--dates", str(dates),
             "--today", "2026-11-27", "--format", "json"],
            capture_output=True, text=True, cwd=ROOT, timeout=120,
        )  # fmt: skip
        assert res.returncode == 0, res.stderr
        return json.loads(res.stdout)

    plan = run("plan")
    chosen = {r[0] for r in rows[1:] if r[5] in ("yes", "ja")}
    assert {n for r in plan["requests"] for n in r["numbers"]} == chosen
    assert set(plan["staying"]["numbers"]) == {r[0] for r in rows[1:] if r[5] == "no"}
    status = {r["service_address"]["city"]: r["readiness"]["status"] for r in plan["requests"]}
    assert status == {"Indianapolis": "ready", "Austin": "needs_attention"}
    port = {r["id"]: r["port_date"] for r in plan["requests"]}
    costs = run("costs", "--as-of", "2026-11-27")
    for r in costs["requests"]:
        assert r["port_date"] == port[r["id"]]
        assert r["removal_date"] == (date.fromisoformat(port[r["id"]]) + timedelta(days=1)).isoformat()
