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


def address_treemap(plan: Plan, t: Translator | None = None) -> go.Figure:
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
    totals = frame.groupby(["address", "category"], as_index=False)["numbers"].sum()
    fig = px.sunburst(totals, path=["address", "category"], values="numbers", title=title)
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
    fig = px.bar(
        frame,
        x="request",
        y="numbers",
        color="category",
        title=_("Numbers per port request"),
        labels={"request": _("request"), "numbers": _("numbers"), "category": _("category")},
    )
    return fig.update_layout(**_layout(_))


def charge_per_request(requests: pd.DataFrame, value_col: str, currency: str, t: Translator | None = None) -> go.Figure:
    _ = _tr(t)
    fig = px.bar(
        requests,
        x="request_id",
        y=value_col,
        title=_("Prorated charge per request ({currency})", currency=currency),
    )
    return fig.update_layout(**_layout(_), xaxis_title=_("request"), yaxis_title=currency)


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
    )


def monthly_saving(
    frame: pd.DataFrame, x_col: str, y_col: str, currency: str, t: Translator | None = None
) -> go.Figure:
    _ = _tr(t)
    fig = px.bar(frame, x=x_col, y=y_col, title=_("Monthly saving after removal ({currency})", currency=currency))
    return fig.update_layout(**_layout(_), xaxis_title=_("billing cycle"), yaxis_title=currency)


def delay_cost(frame: pd.DataFrame, x_col: str, y_col: str, currency: str, t: Translator | None = None) -> go.Figure:
    _ = _tr(t)
    fig = px.bar(
        frame, x=x_col, y=y_col, title=_("Cost of each day of delay per request ({currency})", currency=currency)
    )
    return fig.update_layout(**_layout(_), xaxis_title=_("request"), yaxis_title=currency)
