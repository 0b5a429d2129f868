"""Plotly figures from plan / inventory / cost data. Pure functions (`go.Figure` out, no streamlit), so
tests assert on the figures and the notebook reuses them.

Inputs are aggregated before plotting: a 100k-point figure would be megabytes of JSON per rerun.
Every function takes an optional Translator: titles, axes, legends and category words in its language,
and Plotly's `separators` set to its decimal and thousands marks (German axes read 1.234,5).
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from portout.i18n import Translator, translator
from portout.plan.messages import CATEGORY_TEXTS
from portout.plan.model import Plan


def _layout(_: Translator) -> dict[str, Any]:
    return dict(margin=dict(l=10, r=10, t=50, b=10), legend_title_text="", separators=_.plotly_separators)


def _tr(t: Translator | None) -> Translator:
    return t or translator("en")


def _categories(values: pd.Series, _: Translator) -> pd.Series:
    return values.map(lambda c: _(CATEGORY_TEXTS[c]) if c in CATEGORY_TEXTS else c)


def by_country_category(plan: Plan, t: Translator | None = None) -> go.Figure:
    _ = _tr(t)
    counts = plan.numbers.groupby(["country", "category"]).size().reset_index(name="numbers")
    counts["category"] = _categories(counts["category"], _)
    fig = px.bar(
        counts,
        x="country",
        y="numbers",
        color="category",
        title=_("Portable numbers by country and category"),
        labels={"country": _("country"), "numbers": _("numbers"), "category": _("category")},
    )
    return fig.update_layout(**_layout(_))


def by_provider(inventory_frame: pd.DataFrame, t: Translator | None = None) -> go.Figure:
    _ = _tr(t)
    provider = inventory_frame["provider"].replace("", _("(not given)"))
    counts = provider.value_counts().rename_axis("provider").reset_index(name="rows")
    fig = px.bar(
        counts,
        x="provider",
        y="rows",
        title=_("Inventory rows by provider"),
        labels={"provider": _("provider"), "rows": _("rows")},
    )
    return fig.update_layout(**_layout(_))


# Readable from 5 to 5,000 requests: the largest TOP_N bars (or TOP_TILES tiles), the rest summed into one
# "others" entry, bars sorted by size and horizontal so the labels never overlap.
TOP_N = 25
TOP_TILES = 40


def top_n(frame: pd.DataFrame, label_col: str, value_col: str, n: int, others: str) -> pd.DataFrame:
    """The `n` largest rows by `value_col`, then one row `others` summing the rest (and how many it holds in
    a `count` column: 1 for the shown rows). Missing values count as 0 (unpriced)."""
    data = frame.assign(**{value_col: pd.to_numeric(frame[value_col], errors="coerce").fillna(0.0)})
    data = data.sort_values(value_col, ascending=False, kind="stable").assign(count=1)
    if len(data) <= n + 1:
        return data.reset_index(drop=True)
    head, rest = data.iloc[:n], data.iloc[n:]
    other = {c: "" for c in data.columns} | {
        label_col: others.format(count=len(rest)),
        value_col: float(rest[value_col].sum()),
        "count": len(rest),
    }
    return pd.concat([head, pd.DataFrame([other])], ignore_index=True)


def _bars(frame: pd.DataFrame, label_col: str, value_col: str, title: str, _: Translator, **kwargs: Any) -> go.Figure:
    """Horizontal bars, largest on top, height following the number of bars."""
    fig = px.bar(frame, x=value_col, y=label_col, orientation="h", title=title, **kwargs)
    fig.update_yaxes(categoryorder="array", categoryarray=list(frame[label_col])[::-1])
    return fig.update_layout(**_layout(_), height=140 + 22 * max(len(frame), 3))


def address_treemap(plan: Plan, t: Translator | None = None) -> go.Figure:
    """Numbers per service address and category as a treemap (tiles stay legible where a sunburst of
    hundreds of addresses became a moiré): the largest addresses, the rest as one "others" tile."""
    _ = _tr(t)
    # Plotly renders a subset of HTML in labels (<a href>, <b>...): untrusted addresses are escaped.
    rows = [
        {
            "address": html.escape(r.service_address.one_line()) or _("(none)"),
            "category": _(CATEGORY_TEXTS[r.category]) if r.category in CATEGORY_TEXTS else r.category,
            "numbers": r.size,
        }
        for r in plan.requests
    ]
    frame = pd.DataFrame(rows, columns=["address", "category", "numbers"])
    title = _("Service address → category")
    if frame.empty:
        return go.Figure().update_layout(title=title, **_layout(_))
    per_address = frame.groupby("address", as_index=False).agg(numbers=("numbers", "sum"))
    keep = set(top_n(per_address, "address", "numbers", TOP_TILES, "")["address"]) - {""}
    others = _("others ({count} addresses)", count=len(per_address) - len(keep))
    frame["address"] = frame["address"].where(frame["address"].isin(keep), others)
    totals = frame.groupby(["address", "category"], as_index=False)["numbers"].sum()
    fig = px.treemap(totals, path=["address", "category"], values="numbers", title=title)
    fig.update_traces(hovertemplate="%{label}<br>%{value:,} " + _("numbers") + "<extra></extra>")
    return fig.update_layout(**_layout(_))


def numbers_per_request(plan: Plan, t: Translator | None = None) -> go.Figure:
    _ = _tr(t)
    frame = pd.DataFrame(
        [
            {
                "request": r.id,
                "numbers": r.size,
                "category": _(CATEGORY_TEXTS[r.category]) if r.category in CATEGORY_TEXTS else r.category,
            }
            for r in plan.requests
        ],
        columns=["request", "numbers", "category"],
    )
    shown = top_n(frame, "request", "numbers", TOP_N, _("others ({count} requests)"))
    shown["category"] = shown["category"].replace("", _("others"))
    title = _("Numbers per port request")
    if len(frame) > len(shown):
        title = _("Numbers per port request: the {n} largest of {total}", n=TOP_N, total=len(frame))
    return _bars(
        shown,
        "request",
        "numbers",
        title,
        _,
        color="category",
        hover_data={"count": True},
        labels={"request": _("request"), "numbers": _("numbers"), "category": _("category"), "count": _("requests")},
    )


def charge_per_request(requests: pd.DataFrame, value_col: str, currency: str, t: Translator | None = None) -> go.Figure:
    _ = _tr(t)
    shown = top_n(requests[["request_id", value_col]], "request_id", value_col, TOP_N, _("others ({count} requests)"))
    fig = _bars(
        shown,
        "request_id",
        value_col,
        _("Prorated charge per request ({currency})", currency=currency),
        _,
        hover_data={"count": True},
        labels={"count": _("requests")},
    )
    return fig.update_layout(xaxis_title=currency, yaxis_title=_("request"))


def _date_axis(_: Translator) -> dict[str, Any]:
    """Date ticks without month names in German (Plotly writes English month names: "Jan 2027")."""
    return {"xaxis_tickformat": "%d.%m.%Y"} if _.lang == "de" else {}


def cumulative_cost(
    curve: pd.DataFrame,
    date_col: str,
    value_col: str,
    currency: str,
    boundaries: list[date] | None = None,
    chosen: date | None = None,
    t: Translator | None = None,
) -> go.Figure:
    """Total prorated charge if every number were removed on that day; cycle starts marked."""
    _ = _tr(t)
    fig = go.Figure(go.Scatter(x=curve[date_col], y=curve[value_col], mode="lines", name=_("total charge")))
    for b in boundaries or []:
        fig.add_vline(x=pd.Timestamp(b).value / 1e6, line_dash="dot", line_color="grey")
    if chosen is not None:
        fig.add_vline(
            x=pd.Timestamp(chosen).value / 1e6,
            line_color="#FF4F1F",
            annotation_text=_("planned removal"),
            annotation_position="top left",
        )
    return fig.update_layout(
        title=_("Cost against removal date ({currency}); dotted: billing cycle starts", currency=currency),
        xaxis_title=_("removal date"),
        yaxis_title=currency,
        **_layout(_),
        **_date_axis(_),
    )


def monthly_saving(
    frame: pd.DataFrame, x_col: str, y_col: str, currency: str, t: Translator | None = None
) -> go.Figure:
    _ = _tr(t)
    fig = px.bar(frame, x=x_col, y=y_col, title=_("Monthly saving after removal ({currency})", currency=currency))
    return fig.update_layout(**_layout(_), **_date_axis(_), xaxis_title=_("billing cycle"), yaxis_title=currency)


def delay_cost(frame: pd.DataFrame, x_col: str, y_col: str, currency: str, t: Translator | None = None) -> go.Figure:
    _ = _tr(t)
    shown = top_n(frame[[x_col, y_col]], x_col, y_col, TOP_N, _("others ({count} requests)"))
    fig = _bars(
        shown,
        x_col,
        y_col,
        _("Cost of each day of delay per request ({currency})", currency=currency),
        _,
        hover_data={"count": True},
        labels={"count": _("requests")},
    )
    return fig.update_layout(xaxis_title=currency, yaxis_title=_("request"))
