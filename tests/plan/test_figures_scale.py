"""Charts readable from 5 to 5,000 requests: the largest bars sorted by size, the rest summed as "others"
(totals kept), a treemap for addresses, and fast."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go

from paths import SAMPLES
from portout import figures
from portout.i18n import translator
from portout.inventory.reader import read_inventory
from portout.plan.planner import build_plan
from portout.settings import load_settings


def _requests(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {"request_id": [f"PR-{i:05d}" for i in range(n)], "charge": [float((i * 7919) % 1000) / 10 for i in range(n)]}
    )


def _plain(title: str) -> str:
    """A chart title as read: line breaks and the note's font markup gone."""
    return " ".join(re.sub(r"<[^>]+>", " ", title).split())


def test_largest_sorts_and_says_what_it_leaves_out() -> None:
    frame = _requests(5000)
    part = figures.largest(frame, "charge", 25)
    assert len(part.shown) == 25 and part.rest_count == 4975
    assert abs(part.shown["charge"].sum() + part.rest_total - frame["charge"].sum()) < 1e-6  # nothing lost
    head = list(part.shown["charge"])
    assert head == sorted(head, reverse=True) and head[0] == frame["charge"].max()
    small = figures.largest(_requests(5), "charge", 25)
    assert len(small.shown) == 5 and small.rest_count == 0 and small.rest_total == 0


def test_bar_charts_stay_readable_at_5000_requests() -> None:
    # 5,000 similar requests: 25 bars on their own scale, the other 4,975 and their total in the note (an
    # "others" bar 200 times the largest would flatten every bar to a line).
    frame = _requests(5000)
    for fig in (
        figures.charge_per_request(frame, "charge", "USD"),
        figures.delay_cost(frame, "request_id", "charge", "USD"),
    ):
        bars = fig.data[0]
        assert bars.orientation == "h" and len(bars.y) == 25
        rest = frame["charge"].sum() - sum(bars.x)
        assert f"the other 4,975 together: ${rest:,.2f}" in _plain(fig.layout.title.text)


def test_many_requests_in_german_say_what_the_chart_leaves_out() -> None:
    # 30 service addresses in Indianapolis, 2 to 31 numbers each: 30 requests, 25 drawn.
    lines = ["number,street,city,state,postal code,country"]
    for a in range(30):
        lines += [f"+1317555{a:02d}{k:02d},{a + 1} Monument Circle,Indianapolis,IN,46204,US" for k in range(a + 2)]
    plan = build_plan(read_inventory("\n".join(lines).encode(), name="many.csv"), load_settings(SAMPLES / "org.toml"))
    assert len(plan.requests) == 30
    de = translator("de")
    fig = figures.numbers_per_request(plan, de)
    drawn = sum(sum(trace.x) for trace in fig.data)
    assert drawn == sum(range(7, 32))  # the 25 largest requests: 7 to 31 numbers
    note = "die übrigen 5 zusammen: 20 Nummern"  # 2 + 3 + 4 + 5 + 6
    assert note in _plain(fig.layout.title.text)
    tree = figures.address_treemap(plan, de)
    assert len([p for p in tree.data[0].parents if p == ""]) == 30  # 30 addresses: all fit in 40 tiles


def test_sample_charts_treemap_and_sorted_requests() -> None:
    plan = build_plan(read_inventory(SAMPLES / "inventory.csv"), load_settings(SAMPLES / "org.toml"))
    tree = figures.address_treemap(plan)
    assert isinstance(tree.data[0], go.Treemap)
    bars = figures.numbers_per_request(plan)
    sizes = {}
    for trace in bars.data:
        sizes.update(dict(zip(trace.y, trace.x)))
    assert sum(sizes.values()) == sum(r.size for r in plan.requests)
    order = list(bars.layout.yaxis.categoryarray)[::-1]
    assert [sizes[r] for r in order] == sorted(sizes.values(), reverse=True)
