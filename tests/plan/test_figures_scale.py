"""Charts readable from 5 to 5,000 requests: the largest bars sorted by size, the rest summed as "others"
(totals kept), a treemap for addresses, and fast."""

from __future__ import annotations

import time

import pandas as pd
import plotly.graph_objects as go

from paths import SAMPLES
from portout import figures
from portout.inventory.reader import read_inventory
from portout.plan.planner import build_plan
from portout.settings import load_settings


def _requests(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {"request_id": [f"PR-{i:05d}" for i in range(n)], "charge": [float((i * 7919) % 1000) / 10 for i in range(n)]}
    )


def test_top_n_keeps_the_total_and_sorts() -> None:
    frame = _requests(5000)
    shown = figures.top_n(frame, "request_id", "charge", 25, "others ({count} requests)")
    assert len(shown) == 26 and shown["request_id"].iloc[-1] == "others (4975 requests)"
    assert abs(shown["charge"].sum() - frame["charge"].sum()) < 1e-6
    head = list(shown["charge"].iloc[:25])
    assert head == sorted(head, reverse=True) and head[0] == frame["charge"].max()
    small = figures.top_n(_requests(5), "request_id", "charge", 25, "others")
    assert len(small) == 5 and "others" not in set(small["request_id"])


def test_bar_charts_stay_readable_and_fast_at_5000_requests() -> None:
    frame = _requests(5000)
    start = time.perf_counter()
    fig = figures.charge_per_request(frame, "charge", "USD")
    delay = figures.delay_cost(frame, "request_id", "charge", "USD")
    elapsed = time.perf_counter() - start
    for f in (fig, delay):
        bars = f.data[0]
        assert bars.orientation == "h" and len(bars.y) == 26
    assert elapsed < 2.0, elapsed


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
