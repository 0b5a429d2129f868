"""Cached cost report for the current plan, keyed on the plan's inputs, billing TOML and removal dates."""

from __future__ import annotations

import json
from datetime import date, timedelta

import streamlit as st

from portout.costs import billing
from portout.costs.inputs import invoice_currency
from portout.costs.removal_dates import effective_request_dates, removal_defaults
from portout.costs.report import CostReport, compute_costs
from portout.errors import PortoutError
from portout.settings import dump_settings
from portout_app import cache
from portout_app.keys import AS_OF, DEFAULT_REMOVAL, FOLLOW_PORT, MEMO, REMOVAL_DATES, SHIFT_DAYS
from portout_app.state import Loaded

DEFAULT_LEAD_DAYS = 30  # a typical port takes 1-4 weeks (domain.md §5)


def ensure_dates() -> None:
    today = billing.today()
    st.session_state.setdefault(AS_OF, today)
    st.session_state.setdefault(DEFAULT_REMOVAL, today + timedelta(days=DEFAULT_LEAD_DAYS))
    st.session_state.setdefault(FOLLOW_PORT, True)


def defaults(loaded: Loaded) -> dict[str, date]:
    """Each request's removal before edits: its port date + lag, or the one default date."""
    ss = st.session_state
    return removal_defaults(loaded.plan, ss[DEFAULT_REMOVAL], bool(ss[FOLLOW_PORT]))


def request_dates(loaded: Loaded) -> dict[str, date]:
    ensure_dates()
    ss = st.session_state
    return effective_request_dates(
        [r.id for r in loaded.plan.requests], defaults(loaded), ss[REMOVAL_DATES], int(ss[SHIFT_DAYS])
    )


def current_costs(loaded: Loaded) -> CostReport:
    """Memoised per session; the plan's own memo key plus billing, dates and BTNs identify it."""
    ensure_dates()
    dates = request_dates(loaded)
    plan_key = st.session_state[MEMO]["plan"][0]
    key = (
        plan_key,
        dump_settings(loaded.settings),
        json.dumps({k: v.isoformat() for k, v in dates.items()}),
        st.session_state[AS_OF].isoformat(),
    )
    return cache.memo(
        "costs",
        key,
        lambda: compute_costs(loaded.plan, loaded.settings.billing, as_of=st.session_state[AS_OF], request_dates=dates),
    )


def invoice_currency_or_blank(loaded: Loaded) -> str:
    """The currency the costs are in (set, else derived from the priced rows); "" when nothing decides it
    (the cost report then says why)."""
    try:
        return invoice_currency(loaded.plan.numbers, loaded.settings.billing)
    except PortoutError:
        return ""
