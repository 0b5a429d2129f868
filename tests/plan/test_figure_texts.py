"""What a person reads on the charts: titles that fit a half-width chart at 800 px (Plotly never wraps
them), hover texts in the session's language with the words of the axes, and untrusted inventory text
never rendered as HTML."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from paths import SAMPLES
from portout import figures
from portout.costs.report import compute_costs, cost_by_removal_date, monthly_savings
from portout.i18n import translator
from portout.inventory.reader import read_inventory
from portout.plan.planner import build_plan
from portout.settings import load_settings


@pytest.fixture(scope="module")
def sample():
    inventory = read_inventory(SAMPLES / "inventory.csv")
    plan = build_plan(inventory, load_settings(SAMPLES / "org.toml"))
    report = compute_costs(plan, plan.settings.billing, as_of=date(2026, 3, 1), removal_date=date(2026, 3, 20))
    return inventory, plan, report


def _every_figure(sample, lang: str) -> dict[str, go.Figure]:
    inventory, plan, report = sample
    t = translator(lang)
    per_request = report.requests.rename(columns={"id": "request_id"})
    per_request["charge"] = per_request["prorated_total"].astype(float)
    curve = cost_by_removal_date(plan, plan.settings.billing, date(2026, 3, 1), date(2026, 3, 1), date(2026, 6, 1))
    return {
        "by_country_category": figures.by_country_category(plan, t),
        "by_provider": figures.by_provider(inventory.frame, t),
        "numbers_accounted": figures.numbers_accounted(plan, t),
        "address_treemap": figures.address_treemap(plan, t),
        "numbers_per_request": figures.numbers_per_request(plan, t),
        "charge_per_request": figures.charge_per_request(per_request, "charge", "USD", t),
        "cumulative_cost": figures.cumulative_cost(curve, "removal_date", "cost", "USD", t=t),
        "monthly_saving": figures.monthly_saving(
            monthly_savings(report, months=3), "cycle_start", "saving_value", "USD", t
        ),
        "delay_cost": figures.delay_cost(per_request, "request_id", "charge", "USD", t),
    }


@pytest.mark.parametrize("lang", ["en", "de"])
def test_titles_are_wrapped_to_fit_a_narrow_chart(sample, lang) -> None:
    wrapped = 0
    for name, fig in _every_figure(sample, lang).items():
        lines = [line for line in fig.layout.title.text.split("<br>") if not line.startswith("<span")]
        assert all(0 < len(line) <= figures.TITLE_CHARS for line in lines), (name, lines)
        # each extra line gets room above the plot, so the title never overlaps it
        assert fig.layout.margin.t >= 50 + 22 * (len(lines) - 1), name
        wrapped += len(lines) > 1
    assert wrapped, "no title long enough to need a second line: the check above proved nothing"


def test_hover_texts_speak_german(sample) -> None:
    figs = _every_figure(sample, "de")
    hover = " ".join(str(trace.hovertemplate) for fig in figs.values() for trace in fig.data)
    for word in ("Nummern", "Land", "Zeilen"):
        assert word in hover, word
    for english in ("numbers", "rows", "count=", "country="):
        assert english not in hover, english


def test_one_category_still_has_its_legend(sample) -> None:
    fig = _every_figure(sample, "en")["by_country_category"]
    assert fig.layout.showlegend is True
    assert {trace.name for trace in fig.data} <= {"geographic", "toll-free", "non-geographic", "mobile"}


def test_provider_names_are_not_html() -> None:
    frame = pd.DataFrame({"provider": ["<b onmouseover=x>Evil</b>", "<b onmouseover=x>Evil</b>", ""]})
    fig = figures.by_provider(frame)
    labels = [str(x) for x in fig.data[0].x]
    assert "&lt;b onmouseover=x&gt;Evil&lt;/b&gt;" in labels and not any("<b" in label for label in labels)
    assert sorted(fig.data[0].y) == [1, 2]


def test_every_number_read_is_in_one_bar_of_where_they_went() -> None:
    from portout.plan.scope import Scope

    # The sample plus a row that is excluded (letters) and, with the scope, numbers that stay.
    raw = (SAMPLES / "inventory.csv").read_bytes().rstrip(b"\n") + b"\n+1-555-NOT-A-NUMBER-AT-ALL\n"
    plan = build_plan(
        read_inventory(raw, name="inv.csv"), load_settings(SAMPLES / "org.toml"), scope=Scope.build(countries=["DE"])
    )
    s = plan.summary
    assert s["excluded_numbers"] and len(plan.staying) and len(plan.numbers)
    fig = figures.numbers_accounted(plan, translator("de"))
    bars = {label: value for trace in fig.data for label, value in zip(trace.y, trace.x)}
    assert sum(bars.values()) == s["input_numbers"]
    assert bars["bleibt bei Genesys"] == len(plan.staying) and bars["ausgeschlossen"] == s["excluded_numbers"]
    read = translator("de").number(s["input_numbers"])  # 2.163: German thousands
    assert fig.layout.title.text == f"Wohin die {read} gelesenen Nummern gingen"
    assert {trace.name for trace in fig.data} == {
        "in einem Portierungsauftrag",
        "bleibt bei Genesys",
        "ausgeschlossen (jede mit ihrem Grund)",
    }


def test_count_axes_write_numbers_out(sample) -> None:
    # "20.000" with the locale's mark, not Plotly's "20k" (a German reader knows Tsd., not k).
    figs = _every_figure(sample, "de")
    assert figs["by_country_category"].layout.yaxis.tickformat == figures.FULL_TICKS
    assert figs["numbers_per_request"].layout.xaxis.tickformat == figures.FULL_TICKS
    assert figs["numbers_accounted"].layout.xaxis.tickformat == figures.FULL_TICKS
    assert figs["by_country_category"].layout.separators == ",."  # the marks the format uses
