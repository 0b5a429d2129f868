"""LOA export: preview each request's sheet; download workbook, per-request ZIP, plan JSON/CSV, costs CSV."""

from __future__ import annotations

import json

import streamlit as st

from portout.costs.tables import costs_csv
from portout.export.preview import sheet_preview
from portout.export.safe_cells import safe_filename
from portout.export.workbook import (
    build_per_request_zip,
    build_workbook,
    iter_request_workbooks,
)
from portout.plan.edits import sub_plan
from portout.plan.views import plan_csv
from portout_app import costing, keys, language, state
from portout_app.widgets import bound, user_errors

_ = language.gettext()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

loaded = state.page_setup("LOA export")
st.title(_("LOA export"))
if loaded is None:
    st.stop()
plan = loaded.plan

c1, c2 = st.columns(2)
lang = bound(
    c1.selectbox,
    keys.LANG,
    "w_export_lang",
    _("Language of the documents"),
    ["en", "de"],
    format_func=lambda c: {"en": "English", "de": "Deutsch"}[c],
)
st.session_state.setdefault(keys.EXPORT_WITH_COSTS, True)
with_costs = bound(
    c2.checkbox,
    keys.EXPORT_WITH_COSTS,
    "w_export_with_costs",
    _("Include removal dates and prorated charges (from the Cost impact page)"),
)
costs = None
if with_costs:
    with user_errors(_("Costs left out: ")):
        costs = costing.current_costs(loaded)

st.subheader(_("Downloads"))
st.caption(_("Files are built when you click (the workbook of a large plan takes a while)."))
# The organisation name is typed text: the same file-name rules as the workbooks (no separators, escape or
# bidi characters), sized so that the longest suffix below still fits in 255 bytes.
_LONGEST = "-loa-per-request.zip"
stem = safe_filename(
    (loaded.settings.org_name or "port-plan").replace(" ", "_").replace("&", "and"), set(), ext=_LONGEST
).removesuffix(_LONGEST)
c1, c2, c3, c4, c5 = st.columns(5)
# data=callable: the payload is built only on click, not on every rerun of this page.
c1.download_button(
    _("LOA workbook (.xlsx)"),
    lambda: build_workbook(plan, costs, lang=lang),
    file_name=f"{stem}-loa.xlsx",
    mime=XLSX,
    type="primary",
    key="w_dl_workbook",
)
c2.download_button(
    _("One workbook per request (.zip)"),
    lambda: build_per_request_zip(plan, costs, lang=lang),
    file_name=f"{stem}-loa-per-request.zip",
    mime="application/zip",
    key="w_dl_zip",
)
c3.download_button(
    _("Plan (JSON)"),
    lambda: json.dumps(plan.to_dict(), indent=2, ensure_ascii=False, default=str),
    file_name=f"{stem}-plan.json",
    mime="application/json",
    key="w_dl_json",
)
c4.download_button(
    _("Plan (CSV)"), lambda: plan_csv(plan), file_name=f"{stem}-plan.csv", mime="text/csv", key="w_dl_plan_csv"
)
if costs is not None:
    c5.download_button(
        _("Costs (CSV)"), lambda: costs_csv(costs), file_name=f"{stem}-costs.csv", mime="text/csv", key="w_dl_costs_csv"
    )

st.subheader(_("Preview of a request's sheet"))
ids = [r.id for r in plan.requests]
if ids:
    rid = st.selectbox(_("Request"), ids, key="w_export_request")
    with user_errors(_("Preview not available: ")):
        _name, data = next(iter_request_workbooks(sub_plan(plan, rid), costs, lang=lang))
        st.dataframe(sheet_preview(data), hide_index=True, width="stretch", height=500)
