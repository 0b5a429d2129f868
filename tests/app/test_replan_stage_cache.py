"""A settings change re-plans from the kept classification (AppTest): no number is parsed again, and the
plan is the one a fresh build_plan gives under the new settings."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from paths import ROOT, SAMPLES
from portout.inventory.reader import read_inventory
from portout.plan.edits import planning_settings
from portout.plan.planner import build_plan
from portout.settings import load_settings
from portout_app import cache
from portout_app.keys import MEMO, SETTINGS_TOML

pytestmark = pytest.mark.usefixtures("tracker_db")


def test_settings_change_reuses_the_classification(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = cache.classify_inventory

    def counting(inventory, default_country):
        calls.append(default_country)
        return real(inventory, default_country)

    monkeypatch.setattr(cache, "classify_inventory", counting)
    for cached in (cache.inventory_cached, cache.classified_cached, cache.plan_cached):
        cached.clear()  # process-wide caches: another test may have planned the sample already

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception, at.exception
    at.switch_page("pages/load.py").run()
    assert calls == ["US"]
    before = at.session_state[MEMO]["plan"][1]

    [box for box in at.number_input if box.label == "Max numbers per request"][0].set_value(5)
    [b for b in at.button if b.label == "Apply settings"][0].click().run()
    assert not at.exception, at.exception
    after = at.session_state[MEMO]["plan"][1]
    assert calls == ["US"], "a settings change must not parse and classify the inventory again"
    assert after is not before and max(r.size for r in after.requests) == 5

    settings = planning_settings(load_settings(at.session_state[SETTINGS_TOML].encode()))
    fresh = build_plan(read_inventory(SAMPLES / "inventory.csv"), settings)
    assert after.to_dict() == fresh.to_dict()
    assert after.numbers.equals(fresh.numbers)
