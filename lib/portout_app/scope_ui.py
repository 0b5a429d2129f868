"""The Port plan page's scope and schedule choice: what leaves now, when. Written into the settings'
[scope] and [schedule] (so the downloaded org.toml keeps the choice), which re-plans."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from datetime import date

import pandas as pd
import streamlit as st

from portout.export.labels import Labels
from portout.plan.model import Plan
from portout.settings import OrgSettings
from portout_app import keys, language, state


def _options(*groups: Iterable[object]) -> list[str]:
    # Distinct values first: the plan's columns hold a value per number (100k), the options are a handful.
    distinct = (pd.Series(list(g) if not isinstance(g, pd.Series) else g, dtype=object).unique() for g in groups)
    return sorted({str(v) for values in distinct for v in values if str(v)})


def scope_editor(plan: Plan, settings: OrgSettings) -> None:
    _ = language.gettext()
    s, sched = settings.scope, settings.schedule
    # Keys carry the committed values: after a commit the widgets start from the new settings.
    tag = hashlib.sha256(repr((s, sched)).encode()).hexdigest()[:10]
    countries = _options(plan.numbers["country"], plan.staying["country"], s.countries)
    categories = _options(plan.numbers["category"], plan.staying["category"], s.categories)
    addresses = _options(
        [r.service_address.one_line() for r in plan.requests], plan.staying["service_address"], s.addresses
    )
    label = (
        _("Scope and dates: everything leaves") if s.is_everything() else _("Scope and dates: a chosen subset leaves")
    )
    with st.expander(label, expanded=not s.is_everything()):
        st.caption(
            _(
                "Choose what leaves now; every other portable number stays with Genesys and is listed below. Empty = no restriction."
            )
        )
        c1, c2 = st.columns(2)
        sel_countries = c1.multiselect(
            _("Countries"), countries, default=list(s.countries), key=f"w_scope_c_{tag}", placeholder=_("All")
        )
        sel_categories = c2.multiselect(
            _("Categories"),
            categories,
            default=list(s.categories),
            key=f"w_scope_cat_{tag}",
            placeholder=_("All"),
            format_func=Labels(_.lang).value,  # the codes stay in the settings
        )
        sel_addresses = st.multiselect(
            _("Service addresses"), addresses, default=list(s.addresses), key=f"w_scope_a_{tag}", placeholder=_("All")
        )
        use_port = st.toggle(
            _("Follow the inventory's port column (yes/no, ja/nein)"), s.use_port_column, key=f"w_scope_port_{tag}"
        )
        d1, d2 = st.columns(2)
        port = d1.date_input(
            _("Requested port date for every request (empty: today + the carrier's lead time)"),
            date.fromisoformat(sched.port_date) if sched.port_date else None,
            **language.date_picker_args(),
            key=f"w_port_date_{tag}",
        )
        lag = d2.number_input(
            _("Remove from Genesys this many days after the port"), 0, 365, sched.removal_lag_days, key=f"w_lag_{tag}"
        )
    new_scope = dataclasses.replace(
        s,
        countries=tuple(sel_countries),
        categories=tuple(sel_categories),
        addresses=tuple(sel_addresses),
        use_port_column=bool(use_port),
    )
    new_sched = dataclasses.replace(
        sched, port_date=port.isoformat() if isinstance(port, date) else "", removal_lag_days=int(lag)
    )
    if new_scope != s or new_sched != sched:
        state.commit_settings(dataclasses.replace(settings, scope=new_scope, schedule=new_sched))
        st.session_state[keys.BTN] = {}  # request ids change with the scope
        st.rerun()
