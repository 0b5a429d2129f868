"""Reusable Streamlit widgets: the settings form, durable-bound inputs, error boundary."""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from portout.errors import PortoutError
from portout.settings import (
    CONVENTIONS,
    INVOICED_BY,
    ROUNDING_SCOPES,
    ROUNDINGS,
    OrgSettings,
    parse_settings,
    settings_from_form,
)
from portout_app.keys import INV_NAME, SETTINGS_APPLIED, SETTINGS_TOML
from portout_app.markdown import md
from portout_app.state import Loaded, commit_settings

_log = logging.getLogger(__name__)


@contextmanager
def user_errors(what: str = "") -> Iterator[None]:
    """Show PortoutError (and anything unexpected) as st.error: a user never sees a traceback."""
    try:
        yield
    except PortoutError as err:
        st.error(f"{what}{md(err)}")
    except Exception:
        # Words for the user, the traceback for the server log: exception class names mean nothing to
        # an admin, and an unexpected one is our bug to fix, not theirs.
        _log.exception("unexpected error on a page")
        st.error(f"{what}an unexpected problem stopped this step; the previous state is kept")


def bound(widget: Any, durable_key: str, widget_key: str, *args: Any, **kwargs: Any) -> Any:
    """A widget whose value survives page switches: seeded from `durable_key`, written back after."""
    if widget_key not in st.session_state:
        st.session_state[widget_key] = st.session_state[durable_key]
    value = widget(*args, key=widget_key, **kwargs)
    st.session_state[durable_key] = value
    return value


def _addr(prefix: str, label: str, a: Any, k: str) -> dict[str, Any]:
    st.markdown(f"**{label}**")
    c1, c2 = st.columns(2)
    return {
        f"{prefix}.street1": c1.text_input("Street", a.street1, key=f"{k}{prefix}s1"),
        f"{prefix}.street2": c2.text_input("Street line 2", a.street2, key=f"{k}{prefix}s2"),
        f"{prefix}.city": c1.text_input("City", a.city, key=f"{k}{prefix}c"),
        f"{prefix}.state": c2.text_input("State / region", a.state, key=f"{k}{prefix}st"),
        f"{prefix}.postal_code": c1.text_input("Postal code", a.postal_code, key=f"{k}{prefix}pc"),
        f"{prefix}.country": c2.text_input("Country (ISO code)", a.country, key=f"{k}{prefix}co"),
    }


def _billing_fields(b: Any, k: str) -> dict[str, Any]:
    c1, c2, c3 = st.columns(3)
    return {
        "billing.currency": c1.text_input("Invoice currency (ISO 4217)", b.currency, key=f"{k}cur"),
        "billing.cycle_anchor_day": c2.number_input(
            "Billing cycle starts on day", 1, 31, b.cycle_anchor_day, key=f"{k}anchor"
        ),
        "billing.convention": c3.selectbox(
            "Day count",
            CONVENTIONS,
            CONVENTIONS.index(b.convention),
            key=f"{k}conv",
            format_func=lambda c: {"actual": "actual days in cycle", "30day": "30-day month"}[c],
        ),
        "billing.include_removal_day": c1.checkbox("Removal day is billed", b.include_removal_day, key=f"{k}incl"),
        "billing.rounding": c2.selectbox("Rounding", ROUNDINGS, ROUNDINGS.index(b.rounding), key=f"{k}round"),
        "billing.rounding_scope": c3.selectbox(
            "Round per", ROUNDING_SCOPES, ROUNDING_SCOPES.index(b.rounding_scope), key=f"{k}scope"
        ),
    }


def settings_form(settings: OrgSettings, form_id: str, billing_only: bool = False) -> None:
    """The organisation settings as a form; on submit they are validated like the TOML file.

    Widget keys carry a hash of the current settings, so uploading a TOML re-seeds the form.
    """
    k = f"w_{form_id}_{hashlib.sha1(st.session_state[SETTINGS_TOML].encode()).hexdigest()[:8]}_"
    with st.form(f"{form_id}_form"):
        values: dict[str, Any] = {}
        if not billing_only:
            st.markdown("**Organisation**")
            c1, c2, c3 = st.columns(3)
            values["organization.id"] = c1.text_input(
                "Organization ID",
                settings.org_id,
                key=f"{k}orgid",
                help="Admin > Account Settings > Organization Settings",
            )
            values["organization.name"] = c2.text_input("Organisation name", settings.org_name, key=f"{k}orgn")
            values["organization.default_country"] = c3.text_input(
                "Default country", settings.default_country, key=f"{k}defc"
            )
            st.markdown("**Invoice**")
            c1, c2, c3 = st.columns(3)
            values["invoice.has_invoice"] = c1.checkbox(
                "An invoice was received", settings.has_invoice, key=f"{k}hasinv"
            )
            values["invoice.invoiced_by"] = c2.selectbox(
                "Invoiced by", INVOICED_BY, INVOICED_BY.index(settings.invoiced_by), key=f"{k}invby"
            )
            values["invoice.ship_to.name"] = c3.text_input(
                "Ship To name (LOA name)", settings.ship_to_name, key=f"{k}stn"
            )
            values |= _addr("invoice.ship_to", "Ship To address", settings.ship_to, k)
            values["invoice.partner.name"] = st.text_input(
                "Partner name (only when invoiced by a partner)", settings.partner.name, key=f"{k}pn"
            )
            values |= _addr("invoice.partner", "Partner address", settings.partner.address, k)
            st.markdown("**Authorized signer** (a person with the Genesys Cloud Voice Admin role)")
            c1, c2 = st.columns(2)
            values["signer.name"] = c1.text_input("Name", settings.signer.name, key=f"{k}sn")
            values["signer.title"] = c2.text_input("Title", settings.signer.title, key=f"{k}stt")
            values["signer.email"] = c1.text_input("E-mail", settings.signer.email, key=f"{k}se")
            values["signer.phone"] = c2.text_input("Phone", settings.signer.phone, key=f"{k}sp")
            st.markdown("**Gaining carrier**")
            c = settings.carrier
            c1, c2, c3 = st.columns(3)
            values["carrier.name"] = c1.text_input("Carrier name", c.name, key=f"{k}cn")
            values["carrier.max_numbers_per_request"] = c2.number_input(
                "Max numbers per request", 1, 1_000_000, c.max_numbers_per_request, key=f"{k}cap"
            )
            values["carrier.accepts_letters_in_account_number"] = c3.checkbox(
                "Accepts letters in the account number", c.accepts_letters_in_account_number, key=f"{k}letters"
            )
            values["carrier.split_by_country"] = c1.checkbox("Split by country", c.split_by_country, key=f"{k}sbc")
            values["carrier.toll_free_separate"] = c2.checkbox(
                "Toll-free apart from local", c.toll_free_separate, key=f"{k}tfs"
            )
            st.markdown("**Billing**")
        values |= _billing_fields(settings.billing, k)
        submitted = st.form_submit_button("Apply settings", type="primary")
    if submitted:
        try:
            new = parse_settings(settings_from_form(settings, values))
        except PortoutError as err:
            st.error(f"Settings not applied: {err}")
            return
        commit_settings(new)
        st.session_state[APPLIED] = applied_message(settings, new)
        st.rerun()
    if st.session_state.get(APPLIED):
        st.success(st.session_state.pop(APPLIED))


APPLIED = SETTINGS_APPLIED


def applied_message(old: OrgSettings, new: OrgSettings) -> str:
    """What Apply changed, in words: "Applied: signer.name 'Dana' → 'Kim'; …" (values cut to stay short)."""
    from portout.settings_status import changed_fields, label

    changes = changed_fields(old, new)
    if not changes:
        return "Applied: nothing changed."

    def short(v: object) -> str:
        text = str(v) if v not in ("", None) else "(empty)"
        return text if len(text) <= 40 else text[:39] + "…"

    shown = [f"{md(label(k))}: {md(short(a))} → {md(short(b))}" for k, a, b in changes[:8]]
    more = f"; and {len(changes) - 8} more" if len(changes) > 8 else ""
    return f"Applied {len(changes)} change{'s' if len(changes) != 1 else ''}: " + "; ".join(shown) + more + "."


def prices_editor(settings: OrgSettings) -> None:
    """Monthly charge per number by country and category ("*" = any other country); validated on change."""
    import pandas as pd

    from portout.settings import CATEGORIES

    k = hashlib.sha1(st.session_state[SETTINGS_TOML].encode()).hexdigest()[:8]
    rows = [
        {"country": c, **{cat: str(t[cat]) if cat in t else "" for cat in CATEGORIES}}
        for c, t in settings.billing.prices.items()
    ]
    frame = pd.DataFrame(rows, columns=["country", *CATEGORIES])
    edited = st.data_editor(
        frame,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        key=f"w_prices_{k}",
        column_config={c: st.column_config.TextColumn(c) for c in ["country", *CATEGORIES]},
    )
    prices: dict[str, dict[str, str]] = {}
    for rec in edited.fillna("").to_dict("records"):
        country = str(rec["country"]).strip()
        if country:
            prices[country] = {cat: str(rec[cat]).strip() for cat in CATEGORIES if str(rec[cat]).strip()}
    current = {c: {cat: str(v) for cat, v in t.items()} for c, t in settings.billing.prices.items()}
    if prices == current:
        return
    try:
        commit_settings(parse_settings(settings_from_form(settings, {"billing.prices": prices})))
    except PortoutError as err:
        st.error(f"Prices not applied: {err}")
        return
    st.rerun()


def upload_summary(loaded: Loaded | None) -> None:
    """After an upload: what became of its rows (planned, excluded, warnings), with links to the pages
    that show each, so nothing is left for the user to discover."""
    name = md(st.session_state[INV_NAME])
    if loaded is None:
        st.success(f"Loaded **{name}**.")
        return
    s = loaded.plan.summary
    st.success(
        f"Loaded **{name}**: {s['input_numbers']:,} numbers read; **{s['planned_numbers']:,} planned** in "
        f"{s['requests']:,} port request{'s' if s['requests'] != 1 else ''}, **{s['excluded_numbers']:,} "
        f"excluded** (each with its reason), **{s['warnings']:,} warning{'s' if s['warnings'] != 1 else ''}**."
    )
    c1, c2, c3 = st.columns(3)
    with contextlib.suppress(Exception):  # page links need the multipage context (absent in bare runs)
        c1.page_link("pages/port_plan.py", label=f"{s['requests']:,} port requests", icon=":material/account_tree:")
        c2.page_link("pages/inventory.py", label=f"{s['excluded_numbers']:,} excluded", icon=":material/block:")
        c3.page_link("pages/inventory.py", label=f"{s['warnings']:,} warnings", icon=":material/warning:")
