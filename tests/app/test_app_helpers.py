"""The dashboard's pure helpers (no streamlit session): figures, BTN overrides, removal dates, headers."""

from __future__ import annotations

from datetime import date

import pytest

from paths import SAMPLES
from portout import figures as charts
from portout.costs.removal_dates import effective_request_dates, overrides_from_editor
from portout.costs.report import compute_costs, cost_by_removal_date
from portout.formatting import money
from portout.inventory.reader import read_inventory
from portout.plan.edits import apply_btn_overrides, planning_settings, sub_plan
from portout.plan.planner import build_plan
from portout.plan.views import duplicate_pairs, key_figures, requests_table
from portout_app.config import get_setting

SAMPLES = SAMPLES


@pytest.fixture(scope="module")
def plan(sample_settings):
    return build_plan(read_inventory(SAMPLES / "inventory.csv"), sample_settings)


def test_figures_carry_the_plan_counts(plan):
    fig = charts.numbers_per_request(plan)  # horizontal bars: the counts are on x
    assert sum(sum(t.x) for t in fig.data) == len(plan.numbers)
    fig = charts.by_country_category(plan)
    assert sum(sum(t.y) for t in fig.data) == len(plan.numbers)
    tree = charts.address_treemap(plan)
    assert tree.data[0].type == "treemap"
    prov = charts.by_provider(read_inventory(SAMPLES / "inventory.csv").frame)
    assert "PURE_CLOUD_VOICE" in list(prov.data[0].x)


def test_cost_curve_marks_cycle_boundaries(plan, sample_settings):
    s = sample_settings
    curve = cost_by_removal_date(plan, s.billing, date(2026, 12, 1), date(2026, 12, 1), date(2027, 2, 1))
    bounds = curve.loc[curve["cycle_boundary"], "removal_date"].tolist()
    fig = charts.cumulative_cost(curve, "removal_date", "cost", "USD", bounds, date(2026, 12, 20))
    assert bounds == [date(2026, 12, 15), date(2027, 1, 15)]  # anchor day 15 in the sample
    assert len(fig.layout.shapes) == len(bounds) + 1


def test_btn_override_only_for_own_numbers(plan):
    req = plan.requests[0]
    out = apply_btn_overrides(plan, {req.id: req.numbers[-1], plan.requests[1].id: req.numbers[0]})
    assert out.request(req.id).btn == req.numbers[-1]
    # a number of another request is ignored: the request keeps its own BTN
    assert out.request(plan.requests[1].id).btn == plan.requests[1].btn
    assert plan.request(req.id).btn == req.numbers[0]  # the cached plan is not mutated
    assert requests_table(out).set_index("request").loc[req.id, "BTN"] == req.numbers[-1]


def test_removal_dates_shift_and_editor_round_trip(plan, sample_settings):
    ids = [r.id for r in plan.requests]
    dates = effective_request_dates(ids, date(2026, 12, 20), {ids[0]: "2026-12-28"}, 3)
    assert dates[ids[0]] == date(2026, 12, 31) and dates[ids[1]] == date(2026, 12, 23)
    import pandas as pd

    edited = pd.DataFrame({"request": ids[:2], "removal date": [date(2026, 12, 20), date(2027, 1, 2)]})
    assert overrides_from_editor(edited, date(2026, 12, 20)) == {ids[1]: "2027-01-02"}
    s = sample_settings
    early = compute_costs(plan, s.billing, as_of=date(2026, 12, 1), request_dates=dates)
    later = compute_costs(
        plan, s.billing, as_of=date(2026, 12, 1), request_dates=effective_request_dates(ids, date(2026, 12, 20), {}, 30)
    )
    assert later.totals["cost_through_removal"] > early.totals["cost_through_removal"]


def test_key_figures_and_sub_plan(plan):
    k = key_figures(plan)
    assert (k["portable"], k["requests"]) == (len(plan.numbers), len(plan.requests))
    one = sub_plan(plan, plan.requests[2].id)
    assert len(one.requests) == 1 and len(one.numbers) == plan.requests[2].size


def test_planning_settings_ignore_billing(sample_settings):
    s = sample_settings
    assert planning_settings(s).billing.prices == {}
    assert planning_settings(s).carrier == s.carrier


def test_duplicate_pairs_split_the_two_addresses(sample_settings):
    csv = (
        b"number,street1,city,postal_code,country\n+13175550100,100 Monument Circle,Indianapolis,46204,US\n"
        b"+13175550102,100 Monument Cirle,Indianapolis,46204,US\n"
    )
    p = build_plan(read_inventory(csv, name="d.csv"), sample_settings)
    (pair,) = duplicate_pairs(p)
    assert {pair.address_a.street1, pair.address_b.street1} == {"100 Monument Circle", "100 Monument Cirle"}
    merged = build_plan(read_inventory(csv, name="d.csv"), sample_settings, address_merges={pair.key_b: pair.key_a})
    assert len(merged.requests) == 1


def test_setting_reads_env_without_secrets_file(monkeypatch):
    monkeypatch.setenv("PORTOUT_TEST_SETTING", "from-env")
    assert get_setting("PORTOUT_TEST_SETTING") == "from-env"
    assert get_setting("PORTOUT_SURELY_UNSET", "default") == "default"


def test_money_follows_the_locale():
    assert money("1234.5", "EUR", "de_DE") == "1.234,50\xa0€"
    assert money("1234.5", "USD", "en_US") == "$1,234.50"
    assert money("1234", "JPY", "en_US") == "¥1,234"
