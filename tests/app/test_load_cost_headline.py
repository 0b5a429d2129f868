"""Right after an upload the Load page gives finance its three figures (final prorated bill, monthly saving,
cost of a day's delay), the very figures Cost impact shows, from the same report: Cost impact then opens
without computing it again."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from costs_helpers import inventory_bytes, row
from paths import ROOT
from portout_app.keys import MEMO

APP = str(ROOT / "app.py")


def _uploaded(rows: list[dict[str, str]]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.file_uploader(key="w_inventory_upload").upload("own.csv", inventory_bytes(rows), "text/csv").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _headline(at: AppTest) -> str:
    return next(i.value for i in at.info if "final prorated bill" in i.value)


def test_the_load_summary_shows_the_figures_of_cost_impact() -> None:
    at = _uploaded([row(i, mrc=mrc, currency="EUR") for i, mrc in enumerate(["1.25", "2.50", "10"])])
    headline = _headline(at)
    report = at.session_state[MEMO]["costs"][1]

    at.switch_page("pages/cost_impact.py").run()
    assert not at.exception and not at.error
    final, _through, saving, delay = (m.value for m in at.metric[:4])
    assert f"**{final}**" in headline and f"**{saving}**" in headline and f"**{delay}**" in headline
    assert saving == "€13.75"  # the three charges, 1.25 + 2.50 + 10, in the currency the rows carry
    assert at.session_state[MEMO]["costs"][1] is report  # the Load page's report, not a second run

    next(r for r in at.sidebar.radio if r.key == "w_ui_lang").set_value("de").run()
    at.switch_page("pages/load.py").run()
    german = next(i.value for i in at.info if "letzte anteilige Rechnung" in i.value)
    assert "13,75\xa0€" in german and "final prorated bill" not in german


def test_no_amount_is_invented_when_nothing_is_priced() -> None:
    at = _uploaded([row(i, mrc="", currency="") for i in range(3)])
    assert not any("final prorated bill" in i.value for i in at.info)
    assert not any("$0.00" in m.value for m in at.markdown)


def test_a_failure_of_the_costs_leaves_the_rest_of_the_load_page(monkeypatch) -> None:
    import portout_app.costing

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug of ours")

    monkeypatch.setattr(portout_app.costing, "compute_costs", broken)
    at = _uploaded([row(i, mrc="1.25", currency="EUR") for i in range(3)])
    assert not at.exception and not at.error
    assert any("Costs cannot be computed yet: an unexpected problem occurred" in c.value for c in at.caption)
    assert "a bug of ours" not in " ".join(c.value for c in at.caption)  # for the log, not the admin
    assert any("3 planned" in s.value.replace("*", "") for s in at.success)  # the summary still there
