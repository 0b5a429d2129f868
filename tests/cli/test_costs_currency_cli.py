"""`portout costs` on a German EUR inventory with no invoice currency set: costed in EUR; a set USD invoice
currency without a rate: one line naming the setting, in the --lang language; nothing priced: no currency."""

from __future__ import annotations

import json

from paths import SAMPLES


def _files(tmp_path, org: str = "[organization]\nname = 'Acme'\n"):
    inv = tmp_path / "export.csv"
    inv.write_bytes((SAMPLES / "inventory_de.csv").read_bytes().replace(b";USD", b";EUR"))
    toml = tmp_path / "org.toml"
    toml.write_text(org, encoding="utf-8")
    return str(inv), str(toml)


def test_costs_of_a_german_eur_inventory_without_a_set_currency(cli, tmp_path) -> None:
    inv, org = _files(tmp_path)
    args = ("costs", inv, "--org", org, "--as-of", "2026-03-01", "--removal-date", "2026-03-10")
    res = cli(*args, "--format", "json")
    assert res.code == 0, res.err
    data = json.loads(res.out)
    assert data["currency"] == "EUR" and data["totals"]["priced_numbers"] > 50
    table = cli(*args, "--lang", "de")
    assert table.code == 0 and "Kosten in EUR" in table.out


def test_a_set_currency_without_a_rate_is_one_translated_line(cli, tmp_path) -> None:
    inv, org = _files(tmp_path, "[billing]\ncurrency = 'USD'\n")
    en = cli("costs", inv, "--org", org)
    de = cli("costs", inv, "--org", org, "--lang", "de")
    assert en.code == de.code == 2
    assert en.err.count("\n") == de.err.count("\n") == 1
    assert "[billing.exchange_rates] EUR" in en.err and "invoice currency is USD" in en.err
    assert "[billing.exchange_rates] EUR" in de.err and "Rechnungswährung aber USD" in de.err


def test_nothing_priced_table_shows_no_amount(cli, tmp_path) -> None:
    inv = tmp_path / "none.csv"
    inv.write_text("number,street1,city,postal_code,country\n+4930123456,Hauptstr 12,Berlin,10115,DE\n")
    _, org = _files(tmp_path)
    res = cli("costs", str(inv), "--org", org, "--as-of", "2026-03-01")
    assert res.code == 0, res.err
    assert "no currency" in res.out and "$" not in res.out and "0.00" not in res.out
