"""Tracker access for the dashboard: one `Tracker` per database path and process, and the status form."""

from __future__ import annotations

import datetime as dt
import getpass
from typing import Any

import streamlit as st

from portout.errors import PortoutError
from portout.i18n import N_
from portout.tracker import REASON_CODES, RequestStatus, StaleWriteError, Tracker
from portout.tracker.tables import state_label
from portout_app import costing, language
from portout_app.config import get_setting
from portout_app.keys import TRACKER_ACTOR, TRACKER_MESSAGE, TRACKER_PLAN_ID, TRACKER_SEEN_VERSION
from portout_app.markdown import md
from portout_app.state import Loaded

ACTOR = TRACKER_ACTOR  # durable: who records changes in this session

# The LOA values a resubmission may correct (dotted keys reach into the address), with their labels
# (catalogue messages, translated where shown).
CORRECTABLE = {
    "loa_name": N_("Name on the LOA"),
    "account_number": N_("Account number"),
    "btn": N_("Billing telephone number (BTN)"),
    "service_address.street1": N_("Street"),
    "service_address.street2": N_("Street 2"),
    "service_address.city": N_("City"),
    "service_address.state": N_("State / region"),
    "service_address.postal_code": N_("Postal code"),
    "service_address.country": N_("Country"),
    "authorized_name": N_("Authorised person"),
    "authorized_title": N_("Their title"),
    "authorized_email": N_("Their e-mail"),
}


@st.cache_resource(show_spinner=False)
def _tracker(path: str) -> Tracker:
    # cache_resource: the Tracker holds no connection (one per call), so sharing it between sessions is safe.
    return Tracker(path or None)


def tracker() -> Tracker:
    """The database from secrets / $PORTOUT_DB, else the user's data directory (the library's default)."""
    return _tracker(str(get_setting("PORTOUT_DB", "") or ""))


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return ""


def _value(values: dict[str, Any], key: str) -> str:
    head, _dot, tail = key.partition(".")
    value = values.get(head, "")
    if tail:
        value = (value or {}).get(tail, "") if isinstance(value, dict) else ""
    return "" if value is None else str(value)


def transition_form(
    tracker: Tracker, status: RequestStatus, plan_id: int, expected: int, today: dt.date, loaded: Loaded | None = None
) -> None:
    """The status change form of one request. Every widget key holds plan, request and version, so nothing
    typed for one request (or before the last change) is shown for another; only the fields the chosen
    status takes are shown (the library refuses the others)."""
    _ = language.gettext()
    rid = status.request_id
    k = f"{plan_id}_{rid}_{status.version}"
    c1, c2 = st.columns(2)
    new_state = c1.selectbox(
        _("New status"), status.allowed_next, format_func=lambda s: state_label(s, _), key=f"w_tr_state_{k}"
    )
    when = c2.date_input(
        _("Date it happened"),
        today,
        key=f"w_tr_date_{k}",
        **language.date_picker_args(),
    )
    fields: dict[str, Any] = {}
    changes: dict[str, str] = {}
    if new_state in ("submitted", "resubmitted"):
        default_carrier = status.carrier or tracker.plan_carrier(plan_id)
        if not default_carrier and loaded is not None:
            default_carrier = loaded.settings.carrier.name
        c1, c2 = st.columns(2)
        fields["carrier"] = c1.text_input(_("Gaining carrier"), default_carrier, key=f"w_tr_carrier_{k}")
        fields["reference"] = c2.text_input(_("Carrier's reference"), status.reference, key=f"w_tr_reference_{k}")
    elif new_state == "foc_confirmed":
        fields["reference"] = st.text_input(
            _("Carrier's reference (if it changed with the FOC)"), status.reference, key=f"w_tr_reference_{k}"
        )
    elif new_state == "rejected":
        c1, c2 = st.columns(2)
        fields["reason_code"] = c1.selectbox(
            _("Rejection reason"),
            [""] + list(REASON_CODES),
            format_func=lambda c: _(REASON_CODES[c]) if c else _("— choose —"),
            key=f"w_tr_reason_{k}",
        )
        fields["reason_text"] = c2.text_input(_("Rejection details (as the carrier wrote them)"), key=f"w_tr_rtext_{k}")
    if new_state == "resubmitted":
        latest = tracker.snapshots(plan_id, rid)[-1].data
        with st.expander(_("Corrected values sent with the resubmission"), expanded=True):
            st.caption(_("Prefilled with what was last sent for this request; change what the carrier rejected."))
            cols = st.columns(2)
            for i, (key, label) in enumerate(CORRECTABLE.items()):
                old = _value(latest, key)
                new = cols[i % 2].text_input(_(label), old, key=f"w_tr_fix_{key}_{k}")
                if new != old:
                    changes[key] = new
    comment = st.text_input(_("Comment"), key=f"w_tr_comment_{k}")
    st.session_state.setdefault(ACTOR, str(get_setting("PORTOUT_ACTOR", "") or _login_name()))
    if "w_tr_actor" not in st.session_state:
        st.session_state["w_tr_actor"] = st.session_state[ACTOR]
    actor = st.text_input(_("Recorded by (kept in the history)"), key="w_tr_actor")
    st.session_state[ACTOR] = actor
    if not st.button(_("Record"), type="primary", key=f"w_tr_record_{k}"):
        return
    try:
        result = tracker.transition(
            plan_id,
            rid,
            new_state,
            date=when,
            expected_version=expected,
            **{name: (value or None) for name, value in fields.items()},
            changes=changes or None,
            comment=comment,
            actor=actor,
        )
    except StaleWriteError as err:
        st.error(md(err))
        return
    except PortoutError as err:
        st.error(_("Not recorded: {v1}", v1=md(err)))
        return
    st.session_state.setdefault(TRACKER_SEEN_VERSION, {})[(plan_id, rid)] = result.version
    st.session_state[TRACKER_MESSAGE] = _(
        "{request} is now: {state}", request=md(rid), state=state_label(result.state, _)
    )
    st.rerun()  # redraw with the new status's allowed next steps


def save_current_plan(tracker: Tracker, loaded: Loaded, name: str) -> int:
    """Save the plan on screen with its current cost report; it becomes the plan shown. Returns its id."""
    plan_id = tracker.save_plan(loaded.plan, costing.current_costs(loaded), name=name)
    st.session_state[TRACKER_PLAN_ID] = plan_id
    return plan_id


def shown_plan_id(ids: list[int]) -> int:
    """The saved plan this session shows: the one chosen or saved last, else the newest (ids newest first)."""
    if st.session_state.get(TRACKER_PLAN_ID) not in ids:
        st.session_state[TRACKER_PLAN_ID] = ids[0]
    current: int = st.session_state[TRACKER_PLAN_ID]
    return current


def show_plan(plan_id: int) -> None:
    st.session_state[TRACKER_PLAN_ID] = plan_id


def seen_version(plan_id: int, request_id: str, current: int) -> int:
    """The request's version this session last showed (a write based on it fails if another session changed it)."""
    seen: dict[tuple[int, str], int] = st.session_state.setdefault(TRACKER_SEEN_VERSION, {})
    return seen.get((plan_id, request_id), current)


def mark_seen(plan_id: int, request_id: str, version: int) -> None:
    st.session_state.setdefault(TRACKER_SEEN_VERSION, {})[(plan_id, request_id)] = version


def pop_message() -> str | None:
    """The confirmation of the last recorded change, shown once."""
    message: str | None = st.session_state.pop(TRACKER_MESSAGE, None)
    return message
