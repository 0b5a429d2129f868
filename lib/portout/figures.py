"""Plotly figures from plan / inventory / cost data. Pure functions (`go.Figure` out, no streamlit), so
tests assert on the figures and the notebook reuses them.

Inputs are aggregated before plotting: a 100k-point figure would be megabytes of JSON per rerun.
"""

from __future__ import annotations

import html
from datetime import date

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from portout.plan.model import Plan

_LAYOUT = dict(margin=dict(l=10, r=10, t=50, b=10), legend_title_text="")


def by_country_category(plan: Plan) -> go.Figure:
    counts = plan.numbers.groupby(["country", "category"]).size().reset_index(name="numbers")
    fig = px.bar(counts, x="country", y="numbers", color="category", title="Portable numbers by country and category")
    return fig.update_layout(**_LAYOUT)


def by_provider(inventory_frame: pd.DataFrame) -> go.Figure:
    provider = inventory_frame["provider"].replace("", "(not given)")
    counts = provider.value_counts().rename_axis("provider").reset_index(name="rows")
    fig = px.bar(counts, x="provider", y="rows", title="Inventory rows by provider")
    return fig.update_layout(**_LAYOUT)


def address_treemap(plan: Plan) -> go.Figure:
    # Plotly renders a subset of HTML in labels (<a href>, <b>...): untrusted addresses are escaped.
    rows = [
        {"address": html.escape(r.service_address.one_line()) or "(none)", "category": r.category, "numbers": r.size}
        for r in plan.requests
    ]
    frame = pd.DataFrame(rows, columns=["address", "category", "numbers"])
    if frame.empty:
        return go.Figure().update_layout(title="Service address → category", **_LAYOUT)
    totals = frame.groupby(["address", "category"], as_index=False)["numbers"].sum()
    fig = px.sunburst(totals, path=["address", "category"], values="numbers", title="Service address → category")
    return fig.update_layout(**_LAYOUT)


def numbers_per_request(plan: Plan) -> go.Figure:
    frame = pd.DataFrame(
        [{"request": r.id, "numbers": r.size, "category": r.category} for r in plan.requests],
        columns=["request", "numbers", "category"],
    )
    fig = px.bar(frame, x="request", y="numbers", color="category", title="Numbers per port request")
    return fig.update_layout(**_LAYOUT)


def charge_per_request(requests: pd.DataFrame, value_col: str, currency: str) -> go.Figure:
    fig = px.bar(requests, x="request_id", y=value_col, title=f"Prorated charge per request ({currency})")
    return fig.update_layout(**_LAYOUT, xaxis_title="request", yaxis_title=currency)


def cumulative_cost(
    curve: pd.DataFrame,
    date_col: str,
    value_col: str,
    currency: str,
    boundaries: list[date] | None = None,
    chosen: date | None = None,
) -> go.Figure:
    """Total prorated charge if every number were removed on that day; cycle starts marked."""
    fig = go.Figure(go.Scatter(x=curve[date_col], y=curve[value_col], mode="lines", name="total charge"))
    for b in boundaries or []:
        fig.add_vline(x=pd.Timestamp(b).value / 1e6, line_dash="dot", line_color="grey")
    if chosen is not None:
        fig.add_vline(
            x=pd.Timestamp(chosen).value / 1e6,
            line_color="#FF4F1F",
            annotation_text="planned removal",
            annotation_position="top left",
        )
    return fig.update_layout(
        title=f"Cost against removal date ({currency}); dotted: billing cycle starts",
        xaxis_title="removal date",
        yaxis_title=currency,
        **_LAYOUT,
    )


def monthly_saving(frame: pd.DataFrame, x_col: str, y_col: str, currency: str) -> go.Figure:
    fig = px.bar(frame, x=x_col, y=y_col, title=f"Monthly saving after removal ({currency})")
    return fig.update_layout(**_LAYOUT, yaxis_title=currency)


def delay_cost(frame: pd.DataFrame, x_col: str, y_col: str, currency: str) -> go.Figure:
    fig = px.bar(frame, x=x_col, y=y_col, title=f"Cost of each day of delay per request ({currency})")
    return fig.update_layout(**_LAYOUT, yaxis_title=currency)
