"""Tracker: save plans, move each request from draft to removal, removal checklist, rejection bundle."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from portout.dates import EARLIEST, LATEST
from portout.errors import PortoutError
from portout.tracker import REASON_CODES, STATE_LABELS, StaleWriteError
from portout_app import costing, state, tracking
from portout_app.markdown import md
from portout_app.widgets import user_errors

loaded = state.page_setup("Tracker")
st.title("Tracker")
st.write(
    "Where each port request stands, from draft to removal from Genesys Cloud Voice. Every day between "
    "the port and the removal is billed."
)
today = datetime.now(UTC).date()

try:
    tracker = tracking.tracker()
except PortoutError as err:
    st.error(md(err))
    st.stop()

with st.expander("Save the current plan", expanded=False):
    if loaded is not None:
        name = st.text_input("Name", value=f"{loaded.settings.org_name} {today.isoformat()}", key="w_tr_name")
        if st.button("Save plan snapshot", type="primary", key="w_tr_save"):
            with user_errors("Not saved: "):
                costs = costing.current_costs(loaded)
                plan_id = tracker.save_plan(loaded.plan, costs, name=name)
                st.session_state["tracker_plan_id"] = plan_id
                st.success(f"Saved as plan {plan_id}: every request starts in draft.")

st.subheader("Removal checklist")
with user_errors():
    checklist = tracker.removal_checklist(today)
    if len(checklist):
        st.warning(
            ("1 request is" if len(checklist) == 1 else f"{len(checklist)} requests are")
            + " ported but still on Genesys Cloud Voice: remove the numbers in Number Management "
            "(most expensive first); every day until then is billed."
        )
        st.dataframe(checklist, hide_index=True, width="stretch")
    else:
        st.write("Nothing ported and waiting for removal.")

plans = []
with user_errors():
    plans = tracker.list_plans()
if not plans:
    st.info("No saved plans yet: save the current plan above.")
    st.stop()

st.subheader("Saved plans")
st.dataframe(pd.DataFrame([p.to_dict() for p in plans]), hide_index=True, width="stretch")
ids = [p.id for p in plans]
st.session_state.setdefault("tracker_plan_id", ids[-1])
if st.session_state["tracker_plan_id"] not in ids:
    st.session_state["tracker_plan_id"] = ids[-1]
labels = {p.id: f"{p.id}: {p.name} ({p.created_at[:10]})" for p in plans}
plan_id = st.selectbox(
    "Plan",
    ids,
    ids.index(st.session_state["tracker_plan_id"]),
    format_func=labels.get,
    key=f"w_tr_plan_{st.session_state['tracker_plan_id']}",
)
st.session_state["tracker_plan_id"] = plan_id

statuses = tracker.requests(plan_id)
st.dataframe(
    pd.DataFrame([{k: v for k, v in s.to_dict().items() if k not in ("plan_id", "allowed_next")} for s in statuses]),
    hide_index=True,
    width="stretch",
)

st.subheader("Update a request")
rid = st.selectbox("Request", [s.request_id for s in statuses], key="w_tr_request")
status = tracker.request(plan_id, rid)
st.markdown(f"**{rid}**: {STATE_LABELS.get(status.state, status.state)} · version {status.version}")
seen: dict = st.session_state.setdefault("tracker_seen_version", {})
if st.session_state.get("tracker_message"):
    st.success(st.session_state.pop("tracker_message"))
# The version this session last showed: a write based on it fails if another session changed the request.
expected = seen.get((plan_id, rid), status.version)
if status.allowed_next:
    with st.form("tr_transition"):
        c1, c2 = st.columns(2)
        new_state = c1.selectbox(
            "New status",
            status.allowed_next,
            format_func=lambda s: STATE_LABELS.get(s, s),
            key=f"w_tr_state_{rid}_{status.version}",
        )
        when = c2.date_input("Date", today, key="w_tr_date", min_value=EARLIEST, max_value=LATEST)
        c1, c2 = st.columns(2)
        carrier = c1.text_input("Gaining carrier (when submitting)", status.carrier, key="w_tr_carrier")
        reference = c2.text_input("Carrier's reference", status.reference, key="w_tr_reference")
        codes = [""] + list(REASON_CODES)
        reason = c1.selectbox(
            "Rejection reason (when rejected)",
            codes,
            format_func=lambda c: f"{c}: {REASON_CODES[c]}" if c else "—",
            key="w_tr_reason",
        )
        reason_text = c2.text_input("Rejection details", key="w_tr_reason_text")
        comment = st.text_input("Comment", key="w_tr_comment")
        if st.form_submit_button("Record", type="primary"):
            try:
                status = tracker.transition(
                    plan_id,
                    rid,
                    new_state,
                    date=when,
                    expected_version=expected,
                    carrier=carrier or None,
                    reference=reference or None,
                    reason_code=reason or None,
                    reason_text=reason_text or None,
                    comment=comment,
                )
                seen[(plan_id, rid)] = status.version
                st.session_state["tracker_message"] = f"{rid} is now: {STATE_LABELS.get(status.state, status.state)}"
                st.rerun()  # redraw with the new status's allowed next steps
            except StaleWriteError as err:
                st.error(md(err))
                status = tracker.request(plan_id, rid)
            except PortoutError as err:
                st.error(f"Not recorded: {md(err)}")
else:
    st.write("This request is finished: no further status.")
seen[(plan_id, rid)] = status.version

history = tracker.history(plan_id, rid)
if history:
    st.markdown("**History**")
    st.dataframe(pd.DataFrame([h.to_dict() for h in history]), hide_index=True, width="stretch")

if status.rejected_date is not None or status.state == "rejected":
    st.markdown(
        "**Rejected: the support bundle** (complete number list, everything sent to the carrier, the "
        "latest rejection reason) for Genesys Cloud Voice support"
    )
    st.download_button(
        "Support bundle (.zip)",
        lambda: tracker.support_bundle(plan_id, rid),
        file_name=f"support-bundle-{rid}.zip",
        mime="application/zip",
        key="w_tr_bundle",
    )

# Behind a toggle: recomputing the planned and actual costs of a large plan on every rerun is wasted work.
if st.toggle("Show planned against actual charges", key="w_tr_pva"):
    with user_errors():
        st.dataframe(tracker.planned_vs_actual(plan_id, today), hide_index=True, width="stretch")
