"""Cost impact's scenarios on the sample: the slip is a number input, the difference shown is the library's
(computed, not per-day × N), the finance export is offered, and the convention reads as sentences."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from paths import ROOT
from portout.costs.scenarios import delay_cost
from portout.formatting import money
from portout.i18n import translator
from portout.inventory.reader import read_inventory
from portout.plan.planner import build_plan
from portout.settings import load_settings

APP = str(ROOT / "app.py")


def test_slip_of_n_days_is_computed_and_exported() -> None:
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.switch_page("pages/cost_impact.py").run()
    assert not at.exception, [e.message for e in at.exception]
    at.number_input(key="w_scenario_slip").set_value(10).run()
    assert not at.exception, [e.message for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    # The same figure from the library, on the plan and dates the page used.
    ss = at.session_state
    settings = load_settings(ss["settings_toml"].encode())
    plan = build_plan(read_inventory(ss["inv_raw"], name=ss["inv_name"]), settings)
    # removal follows each request's port date + lag (the page's default)
    dates = {r.id: date.fromisoformat(r.removal_date) for r in plan.requests}
    expected = delay_cost(plan, settings.billing, ss["as_of"], dates, 10)
    assert metrics["Difference (B − A)"] == money(expected.totals["difference"], expected.currency, "en_US")
    assert not any(b.label.startswith("Scenarios") for b in at.get("download_button"))  # prepared on request
    at.button(key="w_prep_finance").click().run()
    labels = {b.label for b in at.get("download_button")}
    assert "Scenarios (.xlsx)" in labels and any(label.startswith("Scenarios (.csv") for label in labels)
    text = " ".join(m.value for m in at.markdown)
    assert "billing cycle starts on day" in text and "minor_digits" not in text


def test_two_dates_side_by_side() -> None:
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.switch_page("pages/cost_impact.py").run()
    at.radio(key="w_scenario_mode").set_value("dates").run()
    a = at.session_state["default_removal"]
    from datetime import timedelta

    at.date_input(key="w_scenario_b").set_value(a + timedelta(days=40)).run()
    assert not at.exception, [e.message for e in at.exception]
    table = next(d.value for d in at.dataframe if "Removal B" in d.value.columns)
    # the date as the English dashboard writes dates (the translator's format, not ISO)
    assert set(table["Removal B"]) == {translator("en").date(a + timedelta(days=40))}
    assert not {m.label: m.value for m in at.metric}["Difference (B − A)"].startswith("$0.00")
