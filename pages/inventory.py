"""Inventory: key figures, filterable number table, exclusions and warnings, charts."""

from __future__ import annotations

import streamlit as st

from portout import figures as charts
from portout.plan.views import (
    exclusions_table,
    filter_numbers,
    key_figures,
    with_national,
)
from portout_app import state
from portout_app.markdown import md

# An unbounded table of 100k rows is megabytes per rerun to the browser; the download has them all.
MAX_ROWS = 2000

loaded = state.page_setup("Inventory")
st.title("Inventory")
if loaded is None:
    st.stop()
plan = loaded.plan

figures = key_figures(plan)
cols = st.columns(5)
for col, (label, key) in zip(
    cols,
    [
        ("Numbers", "numbers"),
        ("Portable", "portable"),
        ("Excluded", "excluded"),
        ("Port requests", "requests"),
        ("Still assigned", "still_assigned"),
    ],
):
    col.metric(label, f"{figures[key]:,}")

st.subheader("Numbers")
nums = plan.numbers
c1, c2, c3, c4 = st.columns(4)
countries = c1.multiselect("Country", sorted(nums["country"].unique()), key="w_inv_country")
categories = c2.multiselect("Category", sorted(nums["category"].unique()), key="w_inv_category")
requests = c3.multiselect("Request", [r.id for r in plan.requests], key="w_inv_request")
text = c4.text_input("Search (number, owner, location)", key="w_inv_text")
shown = filter_numbers(nums, countries, categories, requests, text)
st.caption(
    f"{len(shown):,} of {len(nums):,} numbers" + (f" (first {MAX_ROWS:,} shown)" if len(shown) > MAX_ROWS else "")
)
st.dataframe(
    with_national(plan, shown.head(MAX_ROWS)),
    hide_index=True,
    width="stretch",
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

st.subheader(f"Excluded ({len(plan.excluded):,})")
if plan.excluded:
    excl = exclusions_table(plan)
    st.dataframe(excl["reason"].value_counts().rename_axis("reason").reset_index(name="rows"), hide_index=True)
    st.dataframe(excl.head(MAX_ROWS), hide_index=True, width="stretch")
else:
    st.write("Every row is planned.")

st.subheader(f"Warnings ({len(plan.warnings)})")
for w in plan.warnings:
    st.warning(f"**{w.code}**: {md(w.message)}")

st.subheader("Charts")
c1, c2 = st.columns(2)
c1.plotly_chart(charts.by_country_category(plan), width="stretch")
c2.plotly_chart(charts.by_provider(loaded.inventory.frame), width="stretch")
st.plotly_chart(charts.address_treemap(plan), width="stretch")
