"""Inventory page warnings: a few are boxes to read; hundreds (a large inventory) are an overview by kind and
one table, each warning still there once, in words."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from org_support import csv_bytes
from paths import ROOT
from portout.i18n import translator
from portout.plan.views import readable_warnings, warning_counts

APP = str(ROOT / "app.py")
HEADER = ["number", "street1", "city", "postal_code", "country"]


def berlin_numbers_in_munich(count: int) -> bytes:
    """`count` Berlin (030) numbers, each at its own Munich address: one area warning per request."""
    rows = [[f"+49309018{i:04d}", f"Leopoldstraße {i + 1}", "München", "80802", "DE"] for i in range(count)]
    return csv_bytes(HEADER, rows)


def inventory_page(raw: bytes) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["inv_raw"] = raw
    at.session_state["inv_name"] = "munich.csv"
    at.session_state["inv_is_sample"] = False
    at.run()
    at.switch_page("pages/inventory.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def area_boxes(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if "Munich" in w.value or "München" in w.value]


def test_a_few_warnings_are_boxes() -> None:
    at = inventory_page(berlin_numbers_in_munich(3))
    assert len(area_boxes(at)) == 3


def test_many_warnings_are_an_overview_and_one_table() -> None:
    at = inventory_page(berlin_numbers_in_munich(30))
    assert area_boxes(at) == []
    frames = [d.value for d in at.dataframe]
    overview = next(f for f in frames if list(f.columns) == ["Warning", "Count"])
    table = next(f for f in frames if "What it means and what to do" in f.columns)
    area_rows = table[table["What it means and what to do"].str.contains("München")]
    assert len(area_rows) == 30  # one per request, none folded away
    assert set(area_rows["Numbers"]) == {1}
    assert area_rows["Requests"].nunique() == 30
    title = area_rows["Warning"].iloc[0]
    assert "_" not in title  # a title in words, not the code
    assert int(overview.set_index("Warning").loc[title, "Count"]) == 30
    assert overview["Count"].sum() == len(table)


def test_warning_tables_in_german() -> None:
    from portout.inventory.reader import read_inventory
    from portout.plan.planner import build_plan
    from portout.settings import load_settings

    plan = build_plan(read_inventory(berlin_numbers_in_munich(2), name="m.csv"), load_settings(b""))
    de = translator("de")
    table = readable_warnings(plan.warnings, de)
    assert list(table.columns) == ["Hinweis", "Aufträge", "Nummern", "Bedeutung und was zu tun ist"]
    counts = warning_counts(plan.warnings, de)
    assert counts["Anzahl"].sum() == len(plan.warnings)
    assert list(counts["Anzahl"]) == sorted(counts["Anzahl"], reverse=True)


def test_a_warning_about_the_organisation_counts_no_numbers_as_blank_not_zero() -> None:
    from portout.inventory.reader import read_inventory
    from portout.plan.planner import build_plan
    from portout.settings import load_settings

    # Unset settings: "no authorized signer" concerns every request but names no number.
    plan = build_plan(read_inventory(berlin_numbers_in_munich(2), name="m.csv"), load_settings(b""))
    table = readable_warnings(plan.warnings, translator("en")).set_index("Warning")
    assert pd.isna(table.loc["No authorized signer", "Numbers"])
    named = [w for w in plan.warnings if w.numbers]
    assert named and all(table["Numbers"].dropna() > 0)
