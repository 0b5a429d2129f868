"""The Port plan page's edits, kept in durable session state: BTN per request, address merges, pairs kept
apart, carrier split options. Each changes the state and reruns; the plan is rebuilt from that state."""

from __future__ import annotations

import dataclasses

import streamlit as st

from portout.plan.views import DuplicatePair
from portout.settings import CarrierOptions, OrgSettings
from portout_app import keys, state


def set_btn(request_id: str, number: str) -> None:
    """Another number of the request as its BTN (applied without re-planning)."""
    st.session_state[keys.BTN] = {**st.session_state[keys.BTN], request_id: number}
    st.rerun()


def set_carrier_options(settings: OrgSettings, carrier: CarrierOptions) -> None:
    """New split options re-plan: request ids change, so the BTN choices are dropped."""
    state.commit_settings(dataclasses.replace(settings, carrier=carrier))
    st.session_state[keys.BTN] = {}
    st.rerun()


def merges() -> dict[str, str]:
    """Address key -> the key it is merged into."""
    current: dict[str, str] = st.session_state[keys.MERGES]
    return current


def kept_apart() -> set[str]:
    return set(st.session_state[keys.KEPT_APART])


def merge(pair: DuplicatePair) -> None:
    """B's numbers join A's request (re-plans: BTN choices are dropped with the old request ids)."""
    st.session_state[keys.MERGES] = {**merges(), pair.key_b: pair.key_a}
    st.session_state[keys.BTN] = {}
    st.rerun()


def keep_apart(pair: DuplicatePair) -> None:
    st.session_state[keys.KEPT_APART] = sorted(kept_apart() | {pair.pair_id})
    st.rerun()


def undo_merges() -> None:
    st.session_state[keys.MERGES] = {}
    st.session_state[keys.BTN] = {}
    st.rerun()
