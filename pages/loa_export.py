"""LOA export: prepare (with stages shown) and download the workbook and per-request ZIP; plan JSON/CSV, costs
CSV; preview each request's sheet."""

from __future__ import annotations

import json

import streamlit as st

from portout.costs.tables import costs_csv
from portout.export.preview import sheet_preview
from portout.export.safe_cells import safe_filename
from portout.export.workbook import build_per_request_zip, build_workbook, iter_request_workbooks
from portout.plan.edits import sub_plan
from portout.plan.views import plan_csv
from portout_app import costing, keys, language, layout, prepare, state
from portout_app.widgets import bound, user_errors

_ = language.gettext()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

loaded = state.page_setup("LOA export")
st.title(_("LOA export"))
if loaded is None:
    st.stop()
plan = loaded.plan

c1, c2 = layout.side_by_side(2, 300)  # one under the other at 800 px: the long label stays whole
# The documents start in the dashboard's language; a choice here (the carrier's language) then sticks.
st.session_state.setdefault(keys.LANG, language.current_lang())
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
st.caption(
    _(
        "The workbook and the ZIP are prepared on request (a large plan takes a while: each stage shows as it "
        "happens); a prepared file is offered only while the plan, settings and language stay the same."
    )
)
# The organisation name is typed text: the same file-name rules as the workbooks (no separators, escape or
# bidi characters), sized so that the longest suffix below still fits in 255 bytes.
_LONGEST = "-loa-per-request.zip"
stem = safe_filename(
    (loaded.settings.org_name or "port-plan").replace(" ", "_").replace("&", "and"), set(), ext=_LONGEST
).removesuffix(_LONGEST)
# Everything the two files are built from: the plan, settings, BTNs, language and (when included) the costs.
costs_key = st.session_state[keys.MEMO]["costs"][0] if costs is not None else None
print_ = prepare.plan_fingerprint(loaded, lang, costs_key)
c1, c2 = layout.side_by_side(2)
with c1:
    prepare.prepared_downloads(
        "workbook",
        print_,
        _("Prepare the LOA workbook (.xlsx)"),
        lambda on_progress: [
            prepare.Download(
                _("LOA workbook (.xlsx)"),
                build_workbook(plan, costs, lang=lang, on_progress=on_progress),
                f"{stem}-loa.xlsx",
                XLSX,
            )
        ],
        key="w_prep_workbook",
        primary=True,
    )
with c2:
    prepare.prepared_downloads(
        "zip",
        print_,
        _("Prepare one workbook per request (.zip)"),
        lambda on_progress: [
            prepare.Download(
                _("One workbook per request (.zip)"),
                build_per_request_zip(plan, costs, lang=lang, on_progress=on_progress),
                f"{stem}-loa-per-request.zip",
                "application/zip",
            )
        ],
        key="w_prep_zip",
    )
row = layout.wrap_row()
# Small files: data=callable builds them only on click, not on every rerun of this page.
row.download_button(
    _("Plan (JSON)"),
    lambda: json.dumps(plan.to_dict(), indent=2, ensure_ascii=False, default=str),
    file_name=f"{stem}-plan.json",
    mime="application/json",
    key="w_dl_json",
    width="content",
)
row.download_button(
    _("Plan (CSV)"),
    lambda: plan_csv(plan),
    file_name=f"{stem}-plan.csv",
    mime="text/csv",
    key="w_dl_plan_csv",
    width="content",
)
if costs is not None:
    row.download_button(
        _("Costs (CSV)"),
        lambda: costs_csv(costs),
        file_name=f"{stem}-costs.csv",
        mime="text/csv",
        key="w_dl_costs_csv",
        width="content",
    )

st.subheader(_("Preview of a request's sheet"))
ids = [r.id for r in plan.requests]
if ids:
    rid = st.selectbox(_("Request"), ids, key="w_export_request")
    with user_errors(_("Preview not available: ")):
        _name, data = next(iter_request_workbooks(sub_plan(plan, rid), costs, lang=lang))
        st.dataframe(sheet_preview(data), hide_index=True, width="stretch", height=500)
