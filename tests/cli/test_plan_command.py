"""`portout plan` end to end in a subprocess: formats, files, exit status 2 without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from paths import ROOT

SAMPLE = ROOT / "data" / "samples"


def portout(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "portout", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_plan_json_reconciles_rows(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    res = portout(
        "plan", str(SAMPLE / "inventory.csv"), "--org", str(SAMPLE / "org.toml"), "--format", "json", "-o", str(out)
    )
    assert res.returncode == 0, res.stderr
    data = json.loads(out.read_text())
    s = data["summary"]
    assert s["input_rows"] == s["rows_planned"] + s["rows_staying"] + s["excluded_rows"] == 2153
    assert s["planned_numbers"] == sum(len(r["numbers"]) for r in data["requests"])
    assert all(r["btn"] in r["numbers"] for r in data["requests"])


def test_plan_table_and_csv_on_stdout() -> None:
    res = portout("plan", str(SAMPLE / "inventory_de.csv"), "--org", str(SAMPLE / "org.toml"))
    assert res.returncode == 0 and "port requests" in res.stdout and "Friedrichstraße 123" in res.stdout
    res = portout("plan", str(SAMPLE / "inventory_de.csv"), "--org", str(SAMPLE / "org.toml"), "--format", "csv")
    lines = res.stdout.splitlines()
    assert lines[0].startswith("request_id,number,national") and len(lines) == 121


def test_btn_override_from_the_command_line() -> None:
    res = portout("plan", str(SAMPLE / "inventory_de.csv"), "--org", str(SAMPLE / "org.toml"), "--format", "json")
    req = next(r for r in json.loads(res.stdout)["requests"] if len(r["numbers"]) > 2)
    chosen = req["numbers"][2]
    res = portout(
        "plan",
        str(SAMPLE / "inventory_de.csv"),
        "--org",
        str(SAMPLE / "org.toml"),
        "--format",
        "json",
        "--btn",
        f"{req['id']}={chosen}",
    )
    assert next(r for r in json.loads(res.stdout)["requests"] if r["id"] == req["id"])["btn"] == chosen


@pytest.mark.parametrize(
    "content, org, needle",
    [
        (b"\x00\x01binary", None, "binary"),
        (b"name\nJane\n", None, "no phone number column"),
        (None, b"[organization]\nid = 5\n", "organization.id"),
        (None, b"not toml at all [", "not valid TOML"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, content: bytes | None, org: bytes | None, needle: str) -> None:
    inv = tmp_path / "inv.csv"
    inv.write_bytes(content if content is not None else (SAMPLE / "inventory_de.csv").read_bytes())
    org_path = tmp_path / "org.toml"
    org_path.write_bytes(org if org is not None else (SAMPLE / "org.toml").read_bytes())
    res = portout("plan", str(inv), "--org", str(org_path))
    assert res.returncode == 2
    assert needle in res.stderr and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_console_script_and_help() -> None:
    res = portout("--help")
    assert res.returncode == 0 and "plan" in res.stdout


def test_json_numbers_are_numbers_not_strings() -> None:
    res = portout("plan", str(SAMPLE / "inventory.csv"), "--org", str(SAMPLE / "org.toml"), "--format", "json")
    for req in json.loads(res.stdout)["requests"]:
        assert all(isinstance(req[k], int) for k in ("part", "parts", "size", "assigned_numbers")), req["id"]


def test_plan_scope_options_list_what_stays(tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    args = ["plan", str(SAMPLE / "inventory.csv"), "--org", str(SAMPLE / "org.toml")]
    res = portout(*args, "--scope-country", "DE", "--scope-category", "toll_free", "--format", "json", "-o", str(out))
    assert res.returncode == 0, res.stderr
    data = json.loads(out.read_text())
    s = data["summary"]
    assert s["input_numbers"] == s["planned_numbers"] + s["staying_numbers"] + s["excluded_numbers"]
    assert s["input_rows"] == s["rows_planned"] + s["rows_staying"] + s["excluded_rows"]
    assert {r["country"] for r in data["requests"]} == {"DE"} and {r["category"] for r in data["requests"]} == {
        "toll_free"
    }
    assert data["staying"]["count"] == s["staying_numbers"] == len(data["staying"]["numbers"]) > 0
    assert data["scope"]["countries"] == ["DE"] and all(r["port_type"] == "partial" for r in data["requests"])
    table = portout(*args, "--scope-country", "DE")
    assert table.returncode == 0 and "stay with Genesys" in table.stdout and "staying with Genesys" in table.stdout
    bad = portout(*args, "--scope-category", "premium")
    assert bad.returncode == 2 and "unknown category" in bad.stderr and "Traceback" not in bad.stderr
