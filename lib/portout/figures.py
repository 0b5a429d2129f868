"""Plotly figures from plan / inventory / cost data. Pure functions (`go.Figure` out, no streamlit), so
tests assert on the figures and the notebook reuses them.

Inputs are aggregated before plotting: a 100k-point figure would be megabytes of JSON per rerun.
Every function takes an optional Translator: titles, axes, legends, hover texts and category words in its
language, and Plotly's `separators` set to its decimal and thousands marks (German axes read 1.234,5).

Built on `plotly.graph_objects` alone, not `plotly.express` (measured at 100k numbers: a px bar took
~25 ms per figure and ~160 ms for the first, plus ~0.1 s to import px; a go bar ~1 ms), since every
dashboard rerun draws its page's charts again.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from portout.i18n import Translator, translator
from portout.plan.messages import CATEGORY_TEXTS
from portout.plan.model import Plan

# Plotly never wraps a title: a long one was cut at the edge of a narrow (400 px) chart. Lines of at most
# this many characters fit a half-width chart at 800 px; each extra line gets room above the plot.
TITLE_CHARS = 44
NOTE_CHARS = 60  # the note's smaller font fits more per line
# Counts and amounts on an axis written out with the locale's thousands mark (20.000 in German), not Plotly's
# default SI abbreviation ("20k"); "~" drops trailing zeros of a fraction.
FULL_TICKS = ",~f"


def _layout(_: Translator, title: str, note: str = "") -> dict[str, Any]:
    """Title (wrapped), an optional note under it in a smaller font (what a chart leaves out), margins that
    make room for both, the locale's number marks."""
    lines = [html.escape(line, quote=False) for line in textwrap.wrap(title, TITLE_CHARS) or [""]]
    notes = [html.escape(line, quote=False) for line in textwrap.wrap(note, NOTE_CHARS)]
    text = "<br>".join(lines + [f'<span style="font-size:12px">{line}</span>' for line in notes])
    return dict(
        title_text=text,
        margin=dict(l=10, r=10, t=50 + 22 * (len(lines) - 1) + 22 * len(notes), b=10),
        legend_title_text="",
        separators=_.plotly_separators,
    )


def _tr(t: Translator | None) -> Translator:
    return t or translator("en")


def _category(code: str, _: Translator) -> str:
    return _(CATEGORY_TEXTS[code]) if code in CATEGORY_TEXTS else code


def _hover(*lines: str) -> str:
    """A hover text of "label: %{value}" lines; the trace's own box (<extra>) is left out."""
    return "<br>".join(lines) + "<extra></extra>"


def by_country_category(plan: Plan, t: Translator | None = None) -> go.Figure:
    """Stacked bars: numbers per country, one colour per category."""
    _ = _tr(t)
    counts = plan.numbers.groupby(["country", "category"]).size().reset_index(name="numbers")
    hover = _hover("%{fullData.name}", _("country") + ": %{x}", _("numbers") + ": %{y:,}")
    fig = go.Figure(
        [
            go.Bar(x=part["country"], y=part["numbers"], name=_category(str(code), _), hovertemplate=hover)
            for code, part in counts.groupby("category", sort=False)
        ]
    )
    return fig.update_layout(
        **_layout(_, _("Portable numbers by country and category")),
        barmode="stack",
        showlegend=True,  # a single category too: the colour must say which it is
        xaxis_title=_("country"),
        yaxis_title=_("numbers"),
        yaxis_tickformat=FULL_TICKS,
    )


def by_provider(inventory_frame: pd.DataFrame, t: Translator | None = None) -> go.Figure:
    _ = _tr(t)
    provider = inventory_frame["provider"].replace("", _("(not given)"))
    counts = provider.value_counts()
    # Provider names come from the inventory: escaped, Plotly renders a subset of HTML in tick labels.
    names = [html.escape(str(p)) for p in counts.index]
    fig = go.Figure(go.Bar(x=names, y=counts.to_numpy(), hovertemplate=_hover("%{x}", _("rows") + ": %{y:,}")))
    return fig.update_layout(
        **_layout(_, _("Inventory rows by provider")),
        xaxis_title=_("provider"),
        yaxis_title=_("rows"),
        yaxis_tickformat=FULL_TICKS,
    )


def numbers_accounted(plan: Plan, t: Translator | None = None) -> go.Figure:
    """Every number read, in one place: in a port request (by category), staying with Genesys (outside the
    chosen scope) or excluded with a reason. The bars add up to the numbers read."""
    _ = _tr(t)
    planned = plan.numbers["category"].value_counts()
    groups = [
        (_("in a port request"), [_category(str(c), _) for c in planned.index], planned.to_list()),
        (_("staying with Genesys"), [_("staying with Genesys")], [len(plan.staying)]),
        (_("excluded (each with its reason)"), [_("excluded")], [plan.summary["excluded_numbers"]]),
    ]
    groups = [(name, labels, values) for name, labels, values in groups if sum(values)]
    hover = _hover("%{y}", "%{x:,} " + _("numbers"))
    fig = go.Figure([go.Bar(x=v, y=y, orientation="h", name=name, hovertemplate=hover) for name, y, v in groups])
    order = [label for _name, labels, _values in groups for label in labels]
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1])
    read = plan.summary["input_numbers"]
    title = _.ngettext("Where the {count} number read went", "Where the {count} numbers read went", read)
    fig.update_layout(**_layout(_, title))
    # The legend in rows at the foot of the chart: at its usual place on the right it took half of an
    # 800-px page. Room below the axis for two rows of it.
    return fig.update_layout(
        barmode="stack",
        showlegend=True,
        legend=dict(orientation="h", x=0, xanchor="left", yref="container", y=0, yanchor="bottom", traceorder="normal"),
        margin_b=70,
        xaxis_title=_("numbers"),
        xaxis_tickformat=FULL_TICKS,
        height=220 + 26 * max(len(order), 2),
    )


# Readable from 5 to 5,000 requests: the largest TOP_N bars (or TOP_TILES tiles), sorted by size, horizontal so
# the labels never overlap. The rest is said in the chart's note with its total, not drawn: with 400 requests
# of similar size an "others" bar of 375 was 15 times the largest and flattened every other bar to a line.
TOP_N = 25
TOP_TILES = 40


@dataclass(frozen=True)
class Largest:
    shown: pd.DataFrame  # the largest rows, largest first
    rest_count: int  # rows left out
    rest_total: float  # their values summed


def largest(frame: pd.DataFrame, value_col: str, n: int) -> Largest:
    """The `n` largest rows by `value_col` (missing values count as 0: unpriced), and what is left out."""
    data = frame.assign(**{value_col: pd.to_numeric(frame[value_col], errors="coerce").fillna(0.0)})
    data = data.sort_values(value_col, ascending=False, kind="stable").reset_index(drop=True)
    rest = data.iloc[n:]
    return Largest(data.iloc[:n], len(rest), float(rest[value_col].sum()))


def _left_out_note(part: Largest, total: int, value: str, _: Translator) -> str:
    if not part.rest_count:
        return ""
    return _(
        "the {n} largest of {total} requests; the other {count} together: {value}",
        n=_.number(len(part.shown)),
        total=_.number(total),
        count=_.number(part.rest_count),
        value=value,
    )


def _money_text(value: float, currency: str, _: Translator) -> str:
    return _.money(Decimal(str(round(value, 2))), currency)


def _bars(
    frame: pd.DataFrame,
    label_col: str,
    value_col: str,
    title: str,
    _: Translator,
    value_label: str,
    value_format: str,
    color_col: str | None = None,
    note: str = "",
) -> go.Figure:
    """Horizontal bars, largest on top, height following the number of bars; with `color_col` one trace (and
    legend entry) per value of that column."""
    hover = _hover("%{y}", f"{value_label}: %{{x:{value_format}}}")
    groups = frame.groupby(color_col, sort=False) if color_col else [("", frame)]
    fig = go.Figure(
        [
            go.Bar(
                x=part[value_col],
                y=part[label_col],
                orientation="h",
                name=str(name),
                showlegend=bool(color_col),
                hovertemplate=hover,
            )
            for name, part in groups
        ]
    )
    fig.update_yaxes(categoryorder="array", categoryarray=list(frame[label_col])[::-1])
    # "stack": one bar per request even where traces differ ("group" would leave a slot per trace).
    return fig.update_layout(**_layout(_, title, note), barmode="stack", height=140 + 22 * max(len(frame), 3))


def address_treemap(plan: Plan, t: Translator | None = None) -> go.Figure:
    """Numbers per service address and category as a treemap (tiles stay legible where a sunburst of
    hundreds of addresses became a moiré): the largest addresses; the rest and its total in the note."""
    _ = _tr(t)
    # Plotly renders a subset of HTML in labels (<a href>, <b>...): untrusted addresses are escaped.
    frame = pd.DataFrame(
        [
            {
                "address": html.escape(r.service_address.one_line()) or _("(none)"),
                "category": _category(r.category, _),
                "numbers": r.size,
            }
            for r in plan.requests
        ],
        columns=["address", "category", "numbers"],
    )
    title = _("Service address → category")
    if frame.empty:
        return go.Figure().update_layout(**_layout(_, title))
    per_address = frame.groupby("address", as_index=False).agg(numbers=("numbers", "sum"))
    part = largest(per_address, "numbers", TOP_TILES)
    note = ""
    if part.rest_count:
        note = _(
            "the {n} largest of {total} addresses; the other {count} together: {value} numbers",
            n=_.number(len(part.shown)),
            total=_.number(len(per_address)),
            count=_.number(part.rest_count),
            value=_.number(int(part.rest_total)),
        )
    frame = frame[frame["address"].isin(set(part.shown["address"]))]
    totals = frame.groupby(["address", "category"], as_index=False, sort=False)["numbers"].sum()
    outer = totals.groupby("address", sort=False)["numbers"].sum()
    # Ids by position: an address may contain any separator a path-style id would use.
    address_id = {a: f"a{i}" for i, a in enumerate(outer.index)}
    ids = list(address_id.values()) + [f"{address_id[a]}/c{i}" for i, a in enumerate(totals["address"])]
    fig = go.Figure(
        go.Treemap(
            ids=ids,
            labels=list(outer.index) + list(totals["category"]),
            parents=[""] * len(outer) + [address_id[a] for a in totals["address"]],
            values=list(outer.to_numpy()) + list(totals["numbers"]),
            branchvalues="total",
            hovertemplate=_hover("%{label}", "%{value:,} " + _("numbers")),
        )
    )
    return fig.update_layout(**_layout(_, title, note))


def numbers_per_request(plan: Plan, t: Translator | None = None) -> go.Figure:
    _ = _tr(t)
    frame = pd.DataFrame(
        [{"request": r.id, "numbers": r.size, "category": _category(r.category, _)} for r in plan.requests],
        columns=["request", "numbers", "category"],
    )
    part = largest(frame, "numbers", TOP_N)
    note = _left_out_note(part, len(frame), _.ngettext("{count} number", "{count} numbers", int(part.rest_total)), _)
    title = _("Numbers per port request")
    fig = _bars(part.shown, "request", "numbers", title, _, _("numbers"), ",", color_col="category", note=note)
    return fig.update_layout(xaxis_title=_("numbers"), yaxis_title=_("request"), xaxis_tickformat=FULL_TICKS)


def charge_per_request(requests: pd.DataFrame, value_col: str, currency: str, t: Translator | None = None) -> go.Figure:
    _ = _tr(t)
    part = largest(requests[["request_id", value_col]], value_col, TOP_N)
    note = _left_out_note(part, len(requests), _money_text(part.rest_total, currency, _), _)
    title = _("Prorated charge per request ({currency})", currency=currency)
    fig = _bars(part.shown, "request_id", value_col, title, _, currency, ",.2f", note=note)
    return fig.update_layout(xaxis_title=currency, yaxis_title=_("request"), xaxis_tickformat=FULL_TICKS)


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
    title = _("Cost against removal date ({currency}); dotted: billing cycle starts", currency=currency)
    return fig.update_layout(
        **_layout(_, title),
        xaxis_title=_("removal date"),
        yaxis_title=currency,
        yaxis_tickformat=FULL_TICKS,
        **_date_axis(_),
    )


def monthly_saving(
    frame: pd.DataFrame, x_col: str, y_col: str, currency: str, t: Translator | None = None
) -> go.Figure:
    _ = _tr(t)
    fig = go.Figure(
        go.Bar(
            x=frame[x_col],
            y=frame[y_col],
            hovertemplate=_hover("%{x}", f"{currency}: %{{y:,.2f}}"),
        )
    )
    title = _("Monthly saving after removal ({currency})", currency=currency)
    return fig.update_layout(
        **_layout(_, title),
        **_date_axis(_),
        xaxis_title=_("billing cycle"),
        yaxis_title=currency,
        yaxis_tickformat=FULL_TICKS,
    )


def delay_cost(frame: pd.DataFrame, x_col: str, y_col: str, currency: str, t: Translator | None = None) -> go.Figure:
    _ = _tr(t)
    part = largest(frame[[x_col, y_col]], y_col, TOP_N)
    note = _left_out_note(part, len(frame), _money_text(part.rest_total, currency, _), _)
    title = _("Cost of each day of delay per request ({currency})", currency=currency)
    fig = _bars(part.shown, x_col, y_col, title, _, currency, ",.2f", note=note)
    return fig.update_layout(xaxis_title=currency, yaxis_title=_("request"), xaxis_tickformat=FULL_TICKS)
