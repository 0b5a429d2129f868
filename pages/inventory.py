"""Inventory: key figures, filterable number table, exclusions and warnings, charts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from portout import figures as charts
from portout.export.labels import Labels
from portout.plan.messages import exclusion_reason, warning_text, warning_title
from portout.plan.views import (
    NUMBER_HEADERS,
    filter_numbers,
    key_figures,
    readable_exclusions,
    readable_numbers,
    readable_warnings,
    warning_counts,
    with_national,
)
from portout_app import language, layout, state
from portout_app.markdown import md

# An unbounded table of 100k rows is megabytes per rerun to the browser; the download has them all.
MAX_ROWS = 2000
# Up to this many warnings each gets its own box; more are shown as a table.
MAX_WARNING_BOXES = 20

_ = language.gettext()
loaded = state.page_setup("Inventory")
st.title(_("Inventory"))
if loaded is None:
    st.stop()
plan = loaded.plan

figures = key_figures(plan)
row = layout.metrics_row()  # wraps at 800 px instead of cutting "100,000" short
for label, key in [
    (_("Numbers"), "numbers"),
    (_("Portable"), "portable"),
    (_("Excluded"), "excluded"),
    (_("Port requests"), "requests"),
    (_("Still assigned"), "still_assigned"),
]:
    row.metric(label, _.number(figures[key]))

st.subheader(_("Numbers"))
nums = plan.numbers
c1, c2, c3, c4 = layout.side_by_side(4, layout.FIELD_WIDTH)
# An empty filter shows everything: the placeholder says so (Streamlit's own is English "Choose options").
countries = c1.multiselect(_("Country"), sorted(nums["country"].unique()), key="w_inv_country", placeholder=_("All"))
categories = c2.multiselect(
    _("Category"),
    sorted(nums["category"].unique()),
    key="w_inv_category",
    format_func=Labels(_.lang).value,
    placeholder=_("All"),
)
requests = c3.multiselect(_("Request"), [r.id for r in plan.requests], key="w_inv_request", placeholder=_("All"))
text = c4.text_input(_("Search (number, owner, location)"), key="w_inv_text")
shown = filter_numbers(nums, countries, categories, requests, text)
st.caption(
    _("{shown} of {total} numbers", shown=_.number(len(shown)), total=_.number(len(nums)))
    + (" " + _("(first {count} shown)", count=_.number(MAX_ROWS)) if len(shown) > MAX_ROWS else "")
)
st.dataframe(
    readable_numbers(with_national(plan, shown.head(MAX_ROWS)), _),
    hide_index=True,
    width="stretch",
    column_config={c: st.column_config.Column(_(label)) for c, label in NUMBER_HEADERS.items()},
    column_order=[
        "number",
        "national",
        "request_id",
        "category",
        "number_type",
        "country",
        "owner",
        "owner_type",
        "location",
        "monthly_charge",
        "currency",
        "removal_date",
        "row",
    ],
)

st.subheader(_("Excluded ({v1})", v1=_.number(len(plan.excluded))))
if plan.excluded:
    excl = readable_exclusions(plan.excluded[:MAX_ROWS], _)
    counts = pd.Series([exclusion_reason(e, _) for e in plan.excluded]).value_counts()
    st.dataframe(counts.rename_axis(_("Reason")).reset_index(name=_("Rows")), hide_index=True, width="content")
    st.dataframe(excl, hide_index=True, width="stretch")
else:
    st.write(_("Every row is planned."))

st.subheader(_("Warnings ({v1})", v1=_.number(len(plan.warnings))))
# Title and text for a person; the code stays in the plan JSON and the workbook for machines.
if len(plan.warnings) <= MAX_WARNING_BOXES:
    for w in plan.warnings:
        st.warning(f"**{md(warning_title(w, _))}**  \n{md(warning_text(w, _))}")
else:
    # Hundreds of boxes are neither readable nor fast in a browser: an overview by kind, then one table.
    st.dataframe(warning_counts(plan.warnings, _), hide_index=True, width="content")
    st.dataframe(readable_warnings(plan.warnings, _), hide_index=True, width="stretch")

st.subheader(_("Charts"))
c1, c2 = layout.side_by_side(2)
c1.plotly_chart(charts.by_country_category(plan, _), width="stretch")
c2.plotly_chart(charts.by_provider(loaded.inventory.frame, _), width="stretch")
st.plotly_chart(charts.address_treemap(plan, _), width="stretch")
