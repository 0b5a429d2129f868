"""Port plan: one row per request with its LOA values; BTN choice; duplicate addresses; split options."""

from __future__ import annotations

import dataclasses

import streamlit as st

from portout import figures as charts
from portout.export.labels import Labels
from portout.plan.messages import warning_text, warning_title
from portout.plan.readiness_texts import readiness_lines
from portout.plan.scope import why_text
from portout.plan.views import (
    NUMBER_HEADERS,
    REQUEST_HEADERS,
    STAYING_HEADERS,
    DuplicatePair,
    duplicate_pairs,
    readable_numbers,
    readiness_badge,
    requests_table,
    staying_table,
    with_national,
)
from portout_app import language, layout, plan_edits, state
from portout_app.markdown import md
from portout_app.plan_facts import iso_date as _iso_date
from portout_app.plan_facts import request_facts
from portout_app.scope_ui import scope_editor

_ = language.gettext()
loaded = state.page_setup("Port plan")
st.title(_("Port plan"))
if loaded is None:
    st.stop()
plan, settings = loaded.plan, loaded.settings
words = Labels(language.current_lang()).value


def pair_text(pair: DuplicatePair) -> str:
    """The duplicate-address warning of this pair in the session's language (its message is English)."""
    both = {*pair.requests_a, *pair.requests_b}
    for w in plan.warnings:
        if w.code == "possible_duplicate_address" and set(w.request_ids) == both:
            return warning_text(w, _)
    return pair.message


st.write(
    _.ngettext("**{count} port request**", "**{count} port requests**", len(plan.requests))
    + " "
    + _.ngettext(
        "for {count} number: one per service address", "for {count} numbers: one per service address", len(plan.numbers)
    )
    + (_(", country") if settings.carrier.split_by_country else "")
    + (_(", toll-free apart") if settings.carrier.toll_free_separate else "")
    + _(", at most {cap} numbers each.", cap=_.number(settings.carrier.max_numbers_per_request))
)

with st.expander(_("Split options (applied live)"), expanded=False):
    c = settings.carrier
    # The switches in a wrapping row: in columns their labels were cut to "…" at 800 px.
    toggles = layout.wrap_row()
    split_country = toggles.toggle(
        _("Split by country"), c.split_by_country, key=f"w_split_country_{c.split_by_country}"
    )
    tf_apart = toggles.toggle(_("Toll-free apart from local"), c.toll_free_separate, key=f"w_tf_{c.toll_free_separate}")
    letters = toggles.toggle(
        _("Carrier accepts letters in the account number"),
        c.accepts_letters_in_account_number,
        key=f"w_letters_{c.accepts_letters_in_account_number}",
    )
    cap = st.number_input(
        _("Max numbers per request"),
        1,
        1_000_000,
        c.max_numbers_per_request,
        key=f"w_cap_{c.max_numbers_per_request}",
        width=layout.FIELD_WIDTH,
    )
    new = dataclasses.replace(
        c,
        split_by_country=split_country,
        toll_free_separate=tf_apart,
        max_numbers_per_request=int(cap),
        accepts_letters_in_account_number=letters,
    )
    if new != c:
        plan_edits.set_carrier_options(settings, new)

scope_editor(plan, settings)
counts = plan.readiness_counts()
row = layout.metrics_row()  # wraps at 800 px: a label or figure is never cut to "…"
row.metric(_("Ready to submit"), counts["ready"])
row.metric(_("Need attention"), counts["needs_attention"])
row.metric(_("Numbers staying with Genesys"), _.number(len(plan.staying)))
if len(plan.staying):
    with st.expander(
        _.ngettext(
            "{count} number stays with Genesys (outside the scope)",
            "{count} numbers stay with Genesys (outside the scope)",
            len(plan.staying),
        )
    ):
        staying = staying_table(plan)
        st.dataframe(
            staying.assign(
                category=staying["category"].map(words),
                **{"why it stays": staying["why it stays"].map(lambda w: why_text(w, _))},
            ),
            hide_index=True,
            width="stretch",
            height=260,
            column_config={c: st.column_config.Column(_(label)) for c, label in STAYING_HEADERS.items()},
        )
        st.download_button(
            _("Staying numbers (CSV)"),
            staying["number"].str.cat(sep="\n") + "\n",
            file_name="staying-numbers.csv",
            mime="text/csv",
            key="w_dl_staying",
        )

st.subheader(_("Requests and their LOA values"))
# Categories, address sources, port types, dates and warnings as words (the codes stay in the plan JSON and CSV).
shown_requests = requests_table(plan, _)
if "port date" in shown_requests.columns:
    shown_requests["port date"] = shown_requests["port date"].map(_iso_date)
for col in ("category", "address source", "port type"):
    if col in shown_requests.columns:
        shown_requests[col] = shown_requests[col].map(words)
if "warnings" in shown_requests.columns:
    titles = {w.code: warning_title(w, language.gettext()) for w in plan.warnings}
    shown_requests["warnings"] = shown_requests["warnings"].map(
        lambda codes: "; ".join(titles.get(c, c) for c in codes.split(", ") if c)
    )
st.dataframe(
    shown_requests,
    hide_index=True,
    width="stretch",
    column_config={c: st.column_config.Column(_(label)) for c, label in REQUEST_HEADERS.items()},
)
letters = plan.requests[0].account_number_letters if plan.requests else ""
if letters:
    st.caption(
        _(
            "Account number rule: last 8 characters of the Organization ID (`{v1}`), or its last 8 digits (`{v2}`) when the carrier refuses letters.",
            v1=letters,
            v2=plan.requests[0].account_number_digits,
        )
    )
else:  # no Organization ID yet: say so rather than show the rule with empty values
    st.caption(_("Account number: the Organization ID is not set yet (Load page, section 2)."))
st.plotly_chart(charts.numbers_per_request(plan, _), width="stretch")

st.subheader(_("One request in detail"))
ids = [r.id for r in plan.requests]
if ids:
    rid = st.selectbox(_("Request"), ids, key="w_plan_request")
    req = plan.request(rid)
    # What a carrier may reject, next to the request it concerns (address plausibility, blocks, partner).
    # Each item as a person reads it: title, what is wrong, the fix (the codes stay in the plan JSON).
    badge = readiness_badge(req, _)
    items = req.readiness.get("items", [])
    if req.readiness.get("status") == "ready":
        st.success(
            _("**{badge}**: nothing missing or doubtful found for this request.", badge=badge),
            icon=":material/check_circle:",
        )
    elif items:
        lines = [readiness_lines(i, _) for i in items]
        st.warning(
            f"**{badge}**\n\n"
            + "\n".join(
                f"- **{md(title)}**: {md(message)} — " + _("*fix:* {fix}", fix=md(fix)) for title, message, fix in lines
            ),
            icon=":material/warning:",
        )
    # The LOA values beside the number list where both fit, else above it (an 800-px window).
    c1, c2 = layout.side_by_side(2)
    with c1:
        st.markdown(request_facts(req, _))
        # BTN: any one Genesys Cloud Voice number of this request; applied without re-planning.
        options = req.numbers
        btn = st.selectbox(
            _("BTN (billing telephone number)"), options, index=options.index(req.btn), key=f"w_btn_{rid}"
        )
        if btn != req.btn:
            plan_edits.set_btn(rid, btn)
    with c2:
        numbers = with_national(plan, plan.numbers[plan.numbers["request_id"] == rid])
        st.dataframe(
            readable_numbers(numbers[["number", "national", "category", "owner", "location"]], _),
            hide_index=True,
            width="stretch",
            height=300,
            column_config={
                c: st.column_config.Column(_(NUMBER_HEADERS[c]))
                for c in ("number", "national", "category", "owner", "location")
            },
        )
        st.download_button(
            _("Number list (CSV)"),
            numbers["number"].str.cat(sep="\n") + "\n",
            file_name=f"{rid}-numbers.csv",
            mime="text/csv",
            key=f"w_dl_{rid}",
        )

st.subheader(_("Addresses that look like the same place"))
pairs = duplicate_pairs(plan)
merges = plan_edits.merges()
kept = plan_edits.kept_apart()
open_pairs = [p for p in pairs if p.pair_id not in kept]
if not open_pairs:
    st.write(_("None to decide.") if not merges else "")
for pair in open_pairs:
    with st.container(border=True):
        st.caption(md(pair_text(pair)))
        c1, c2 = st.columns(2)
        c1.markdown(_("**A:** {v1}  \nrequests: {v2}", v1=md(pair.address_a.one_line()), v2=", ".join(pair.requests_a)))
        c2.markdown(_("**B:** {v1}  \nrequests: {v2}", v1=md(pair.address_b.one_line()), v2=", ".join(pair.requests_b)))
        b1, b2, _spacer = st.columns([1, 1, 3])
        if b1.button(_("Merge into A"), key=f"w_merge_{pair.pair_id}"):
            plan_edits.merge(pair)
        if b2.button(_("Keep apart"), key=f"w_apart_{pair.pair_id}"):
            plan_edits.keep_apart(pair)
if merges:
    st.caption(_.ngettext("{count} address merge applied.", "{count} address merges applied.", len(merges)))
    if st.button(_("Undo merges"), key="w_undo_merges"):
        plan_edits.undo_merges()

with st.expander(_("Guidance for the carrier's form")):
    labels = Labels(language.current_lang())
    for key, text in plan.guidance.items():
        st.markdown(f"- {labels.guidance(key, text)}")
