"""Tracker: save plans, move each request from draft to removal, removal checklist, rejection bundle."""

from __future__ import annotations

import streamlit as st

from portout import formatting as fmt
from portout.costs import billing
from portout.errors import PortoutError
from portout.tracker import tables
from portout_app import language, state, tracking
from portout_app.markdown import md
from portout_app.tracking import transition_form
from portout_app.widgets import user_errors

_ = language.gettext()
loaded = state.page_setup("Tracker")
st.title(_("Tracker"))
st.write(
    _(
        "Where each port request stands, from draft to removal from Genesys Cloud Voice. Every day between the port and the removal is billed."
    )
)
today = billing.today()


def money(value: object, currency: str) -> str:
    """An amount in the number format in effect (Cost impact's choice, else the language's)."""
    return fmt.money(value, currency, language.number_locale())  # type: ignore[arg-type]


try:
    tracker = tracking.tracker()
except PortoutError as err:
    st.error(md(err))
    st.stop()

with st.expander(_("Save the current plan"), expanded=False):
    if loaded is not None:
        name = st.text_input(_("Name"), value=f"{loaded.settings.org_name} {_.date(today)}", key="w_tr_name")
        if st.button(_("Save plan snapshot"), type="primary", key="w_tr_save"):
            with user_errors(_("Not saved: ")):
                plan_id = tracking.save_current_plan(tracker, loaded, name)
                st.success(_("Saved as plan {plan_id}: every request starts in draft.", plan_id=plan_id))

st.subheader(_("Removal checklist"))
with user_errors():
    checklist = tracker.removal_checklist(today)
    if len(checklist):
        st.warning(
            _.ngettext(
                "{count} request is ported but still on Genesys Cloud Voice: remove the numbers in Number "
                "Management (most expensive first); every day until then is billed.",
                "{count} requests are ported but still on Genesys Cloud Voice: remove the numbers in Number "
                "Management (most expensive first); every day until then is billed.",
                len(checklist),
            )
        )
        st.caption(_(tables.ACCRUED_DEFINITION))
        st.dataframe(tables.checklist_table(checklist, money, _), hide_index=True, width="stretch")
    else:
        st.write(_("Nothing ported and waiting for removal."))

plans = []
with user_errors():
    plans = tracker.list_plans()
if not plans:
    st.info(_("No saved plans yet: save the current plan above."))
    st.stop()

st.subheader(_("Saved plans"))
st.caption(_("Newest first."))
st.dataframe(tables.plans_table(plans, _), hide_index=True, width="stretch")
ids = [p.id for p in plans]  # newest first (list_plans orders by id, descending)
shown = tracking.shown_plan_id(ids)
labels = {
    p.id: _("{id}: {name} (saved {date})", id=p.id, name=p.name, date=tables.saved_day(p.created_at, _)) for p in plans
}
plan_id = st.selectbox(_("Plan"), ids, ids.index(shown), format_func=labels.get, key=f"w_tr_plan_{shown}")
tracking.show_plan(plan_id)

statuses = tracker.requests(plan_id)
st.dataframe(tables.requests_table(statuses, _), hide_index=True, width="stretch")

st.subheader(_("Update a request"))
rid = st.selectbox(_("Request"), [s.request_id for s in statuses], key=f"w_tr_request_{plan_id}")
status = tracker.request(plan_id, rid)
st.markdown(_("**{v1}**: {v2} · version {v3}", v1=md(rid), v2=tables.state_label(status.state, _), v3=status.version))
if message := tracking.pop_message():
    st.success(message)
expected = tracking.seen_version(plan_id, rid, status.version)
if expected != status.version:
    # Another session changed the request since this one showed it: the form (keyed on the version) starts
    # again from the current status, so say plainly that what was typed here was not recorded.
    last = tracker.history(plan_id, rid)[-1]
    who = _(" by {actor}", actor=last.actor) if last.actor else ""
    st.error(
        _(
            "{v1} was changed in another session{v2} (now {v3}, version {v4}; you had version {expected}): nothing was saved. The form below starts from the current status.",
            v1=md(rid),
            v2=md(who),
            v3=tables.state_label(status.state, _),
            v4=status.version,
            expected=expected,
        )
    )
    expected = status.version
if status.allowed_next:
    transition_form(tracker, status, plan_id, expected, today, loaded)
else:
    st.write(_("This request is finished: no further status."))
tracking.mark_seen(plan_id, rid, status.version)

history = tracker.history(plan_id, rid)
if history:
    st.markdown(_("**History**"))
    st.dataframe(tables.history_table(history, _), hide_index=True, width="stretch")

if status.rejected_date is not None or status.state == "rejected":
    st.markdown(
        _(
            "**Rejected: the support bundle** (complete number list, everything sent to the carrier, the latest rejection reason) for Genesys Cloud Voice support"
        )
    )
    st.download_button(
        _("Support bundle (.zip)"),
        lambda: tracker.support_bundle(plan_id, rid, language.current_lang()),
        file_name=f"support-bundle-{rid}.zip",
        mime="application/zip",
        key="w_tr_bundle",
    )

# Behind a toggle: recomputing the planned and actual costs of a large plan on every rerun is wasted work.
if st.toggle(_("Show planned against actual costs"), key="w_tr_pva"):
    with user_errors():
        compare = tracker.planned_vs_actual(plan_id, today)
        st.caption(tables.compare_definition(compare, _))
        st.dataframe(tables.compare_table(compare, money, _), hide_index=True, width="stretch")
