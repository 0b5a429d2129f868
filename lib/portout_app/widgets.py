"""Reusable Streamlit widgets: the settings form, durable-bound inputs, error boundary."""

from __future__ import annotations

import contextlib
import hashlib
import logging
from types import TracebackType
from typing import Any

import streamlit as st

from portout.costs.inputs import unreadable_charges, unreadable_note
from portout.costs.notes import note_text
from portout.errors import PortoutError
from portout.export.labels import Labels
from portout.formatting import money
from portout.i18n import N_
from portout.settings import (
    CONVENTIONS,
    INVOICED_BY,
    ROUNDING_SCOPES,
    ROUNDINGS,
    OrgSettings,
    parse_settings,
    settings_from_form,
)
from portout_app import costing, language, layout
from portout_app.keys import INV_NAME, SETTINGS_APPLIED, SETTINGS_TOML
from portout_app.markdown import md
from portout_app.state import Loaded, commit_settings

_log = logging.getLogger(__name__)

# The settings' codes as a person reads them (the TOML keeps the codes).
CONVENTION_LABELS = {"actual": N_("actual days in cycle"), "30day": N_("30-day month")}
ROUNDING_LABELS = {"half_up": N_("half up (commercial)"), "half_even": N_("half to even (banker's)")}
ROUNDING_SCOPE_LABELS = {"number": N_("each number"), "request": N_("each request")}
INVOICED_BY_LABELS = {"genesys": N_("Genesys"), "partner": N_("a partner")}


class user_errors(contextlib.AbstractContextManager[None]):  # lower case: it reads like the function it was
    """Show PortoutError (and anything unexpected) as st.error and end the block there: a user never sees a
    traceback. A class, not @contextmanager, because its __exit__ returning bool tells type checkers the
    block may end early (code after it must not assume the block's assignments happened)."""

    def __init__(self, what: str = "") -> None:
        self.what = what

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> bool:
        if isinstance(exc, PortoutError):
            st.error(f"{self.what}{md(exc)}")
            return True
        if isinstance(exc, Exception):  # not BaseException: Streamlit's stop/rerun signals pass through
            # Words for the user, the traceback for the server log: exception class names mean nothing to
            # an admin, and an unexpected one is our bug to fix, not theirs.
            _log.error("unexpected error on a page", exc_info=(type(exc), exc, tb))
            _ = language.gettext()
            st.error(_("{what}an unexpected problem stopped this step; the previous state is kept", what=self.what))
            return True
        return False


def bound(widget: Any, durable_key: str, widget_key: str, *args: Any, **kwargs: Any) -> Any:
    """A widget whose value survives page switches: seeded from `durable_key`, written back after."""
    if widget_key not in st.session_state:
        st.session_state[widget_key] = st.session_state[durable_key]
    value = widget(*args, key=widget_key, **kwargs)
    st.session_state[durable_key] = value
    return value


def _code_choice(col: Any, label: str, codes: tuple[str, ...], current: str, labels: dict[str, str], key: str) -> Any:
    """A selectbox over a setting's codes, each shown in words (the TOML keeps the code)."""
    _ = language.gettext()
    return col.selectbox(
        label, codes, codes.index(current), key=key, format_func=lambda c: _(labels[c]) if c in labels else c
    )


def _addr(prefix: str, label: str, a: Any, k: str) -> dict[str, Any]:
    _ = language.gettext()
    st.markdown(f"**{label}**")
    c1, c2 = st.columns(2)
    return {
        f"{prefix}.street1": c1.text_input(_("Street"), a.street1, key=f"{k}{prefix}s1"),
        f"{prefix}.street2": c2.text_input(_("Street line 2"), a.street2, key=f"{k}{prefix}s2"),
        f"{prefix}.city": c1.text_input(_("City"), a.city, key=f"{k}{prefix}c"),
        f"{prefix}.state": c2.text_input(_("State / region"), a.state, key=f"{k}{prefix}st"),
        f"{prefix}.postal_code": c1.text_input(_("Postal code"), a.postal_code, key=f"{k}{prefix}pc"),
        f"{prefix}.country": c2.text_input(_("Country (ISO code)"), a.country, key=f"{k}{prefix}co"),
    }


def _billing_fields(b: Any, k: str) -> dict[str, Any]:
    _ = language.gettext()
    c1, c2, c3 = st.columns(3)
    return {
        # Empty while unset: the costs then use the one currency the inventory's prices carry.
        "billing.currency": c1.text_input(
            _("Invoice currency (ISO 4217)"),
            b.currency,
            key=f"{k}cur",
            placeholder=_("e.g. EUR"),
            help=_("Empty: the currency the inventory's monthly charges carry (when they all carry one)."),
        ),
        "billing.cycle_anchor_day": c2.number_input(
            _("Billing cycle starts on day"), 1, 31, b.cycle_anchor_day, key=f"{k}anchor"
        ),
        "billing.convention": _code_choice(
            c3, _("Day count"), CONVENTIONS, b.convention, CONVENTION_LABELS, f"{k}conv"
        ),
        "billing.rounding": _code_choice(c1, _("Rounding"), ROUNDINGS, b.rounding, ROUNDING_LABELS, f"{k}round"),
        "billing.rounding_scope": _code_choice(
            c2, _("Round per"), ROUNDING_SCOPES, b.rounding_scope, ROUNDING_SCOPE_LABELS, f"{k}scope"
        ),
        # Checkboxes on their own line: in a third of an 800-px page their labels were cut to "…".
        "billing.include_removal_day": st.checkbox(_("Removal day is billed"), b.include_removal_day, key=f"{k}incl"),
    }


def settings_form(settings: OrgSettings, form_id: str, billing_only: bool = False) -> None:
    """The organisation settings as a form; on submit they are validated like the TOML file.

    Widget keys carry a hash of the current settings, so uploading a TOML re-seeds the form.
    """
    _ = language.gettext()
    k = f"w_{form_id}_{hashlib.sha1(st.session_state[SETTINGS_TOML].encode()).hexdigest()[:8]}_"
    with st.form(f"{form_id}_form"):
        values: dict[str, Any] = {}
        if not billing_only:
            st.markdown(_("**Organisation**"))
            c1, c2, c3 = st.columns(3)
            values["organization.id"] = c1.text_input(
                _("Organization ID"),
                settings.org_id,
                key=f"{k}orgid",
                help=_("Admin > Account Settings > Organization Settings"),
            )
            values["organization.name"] = c2.text_input(_("Organisation name"), settings.org_name, key=f"{k}orgn")
            values["organization.default_country"] = c3.text_input(
                _("Default country"), settings.default_country, key=f"{k}defc"
            )
            st.markdown(_("**Invoice**"))
            # The checkbox on its own line: in a third of an 800-px page its label was cut to "…".
            values["invoice.has_invoice"] = st.checkbox(
                _("An invoice was received"), settings.has_invoice, key=f"{k}hasinv"
            )
            c1, c2 = st.columns(2)
            values["invoice.invoiced_by"] = _code_choice(
                c1, _("Invoiced by"), INVOICED_BY, settings.invoiced_by, INVOICED_BY_LABELS, f"{k}invby"
            )
            values["invoice.ship_to.name"] = c2.text_input(
                _("Ship To name (LOA name)"), settings.ship_to_name, key=f"{k}stn"
            )
            values |= _addr("invoice.ship_to", _("Ship To address"), settings.ship_to, k)
            values["invoice.partner.name"] = st.text_input(
                _("Partner name (only when invoiced by a partner)"), settings.partner.name, key=f"{k}pn"
            )
            values |= _addr("invoice.partner", _("Partner address"), settings.partner.address, k)
            st.markdown(_("**Authorized signer** (a person with the Genesys Cloud Voice Admin role)"))
            c1, c2 = st.columns(2)
            values["signer.name"] = c1.text_input(_("Name"), settings.signer.name, key=f"{k}sn")
            values["signer.title"] = c2.text_input(_("Title"), settings.signer.title, key=f"{k}stt")
            values["signer.email"] = c1.text_input(_("E-mail"), settings.signer.email, key=f"{k}se")
            values["signer.phone"] = c2.text_input(_("Phone"), settings.signer.phone, key=f"{k}sp")
            st.markdown(_("**Gaining carrier**"))
            c = settings.carrier
            c1, c2 = st.columns(2)
            values["carrier.name"] = c1.text_input(_("Carrier name"), c.name, key=f"{k}cn")
            values["carrier.max_numbers_per_request"] = c2.number_input(
                _("Max numbers per request"), 1, 1_000_000, c.max_numbers_per_request, key=f"{k}cap"
            )
            # Checkboxes in a wrapping row: in columns their labels were cut to "…" at 800 px.
            row = layout.wrap_row()
            values["carrier.accepts_letters_in_account_number"] = row.checkbox(
                _("Accepts letters in the account number"), c.accepts_letters_in_account_number, key=f"{k}letters"
            )
            values["carrier.split_by_country"] = row.checkbox(_("Split by country"), c.split_by_country, key=f"{k}sbc")
            values["carrier.toll_free_separate"] = row.checkbox(
                _("Toll-free apart from local"), c.toll_free_separate, key=f"{k}tfs"
            )
            st.markdown(_("**Billing**"))
        values |= _billing_fields(settings.billing, k)
        submitted = st.form_submit_button(_("Apply settings"), type="primary")
    if submitted:
        try:
            new = parse_settings(settings_from_form(settings, values))
        except PortoutError as err:
            st.error(_("Settings not applied: {err}", err=md(err)))
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

    _ = language.gettext()
    changes = changed_fields(old, new)
    if not changes:
        return _("Applied: nothing changed.")

    def short(v: object) -> str:
        text = str(v) if v not in ("", None) else _("(empty)")
        return text if len(text) <= 40 else text[:39] + "…"

    shown = [f"{md(_(label(k)))}: {md(short(a))} → {md(short(b))}" for k, a, b in changes[:8]]
    more = _("; and {count} more", count=_.number(len(changes) - 8)) if len(changes) > 8 else ""
    return _.ngettext(
        "Applied {count} change: {changes}.",
        "Applied {count} changes: {changes}.",
        len(changes),
        changes="; ".join(shown) + more,
    )


def prices_editor(settings: OrgSettings) -> None:
    """Monthly charge per number by country and category ("*" = any other country); validated on change."""
    _ = language.gettext()
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
        # display labels only: the columns keep their codes, which the settings read
        column_config={
            "country": st.column_config.TextColumn(_("Country (ISO code, * = any other)")),
            **{c: st.column_config.TextColumn(Labels(language.current_lang()).value(c)) for c in CATEGORIES},
        },
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
        st.error(_("Prices not applied: {err}", err=md(err)))
        return
    st.rerun()


def upload_summary(loaded: Loaded | None) -> None:
    """After an upload: what became of its rows (planned, excluded, warnings), with links to the pages
    that show each, so nothing is left for the user to discover."""
    _ = language.gettext()
    name = md(st.session_state[INV_NAME])
    if loaded is None:
        st.success(_("Loaded **{name}**.", name=name))
        return
    s = loaded.plan.summary
    st.success(
        _(
            "Loaded **{name}**: {read} numbers read; **{planned} planned** in port requests: {requests}, "
            "**{excluded} excluded** (each with its reason), warnings: **{warnings}**.",
            name=name,
            read=_.number(s["input_numbers"]),
            planned=_.number(s["planned_numbers"]),
            requests=_.number(s["requests"]),
            excluded=_.number(s["excluded_numbers"]),
            warnings=_.number(s["warnings"]),
        )
    )
    # A wrapping row: in three columns "2 Portierungsaufträge" was cut at 800 px.
    links = layout.wrap_row()
    with contextlib.suppress(Exception):  # page links need the multipage context (absent in bare runs)
        links.page_link(
            "pages/port_plan.py",
            label=_("{v1} port requests", v1=_.number(s["requests"])),
            icon=":material/account_tree:",
        )
        links.page_link(
            "pages/inventory.py", label=_("{v1} excluded", v1=_.number(s["excluded_numbers"])), icon=":material/block:"
        )
        links.page_link(
            "pages/inventory.py", label=_("{v1} warnings", v1=_.number(s["warnings"])), icon=":material/warning:"
        )
    _cost_headline(loaded)
    # Planned but not costable as given: a monthly charge that is no amount stays unpriced on Cost impact.
    numbers = loaded.plan.numbers
    unreadable = unreadable_charges(numbers)
    if unreadable.any():
        st.warning(md(note_text(unreadable_note(numbers, unreadable), _)), icon=":material/payments:")
        with contextlib.suppress(Exception):
            st.page_link("pages/cost_impact.py", label=_("Cost impact"), icon=":material/payments:")


def _cost_headline(loaded: Loaded) -> None:
    """Finance's three figures right after an upload, from the same per-session report Cost impact shows
    (so that page then opens without computing it again)."""
    _ = language.gettext()
    try:
        report = costing.current_costs(loaded)
    except PortoutError as err:
        st.caption(_("Costs cannot be computed yet: {reason}", reason=md(err)))
        return
    except Exception:  # our bug, not the user's: logged, and the rest of the Load page still shows
        _log.exception("cost figures of the upload summary")
        st.caption(
            _(
                "Costs cannot be computed yet: {reason}",
                reason=_("an unexpected problem occurred (the details are in the server log)"),
            )
        )
        return
    if not report.currency:  # nothing priced: Cost impact says what to set
        return
    t, locale = report.totals, language.number_locale()
    st.info(
        _(
            "Costs with the removal dates on Cost impact: final prorated bill **{bill}**, then **{saving}** "
            "saved per month; each day of delay costs **{delay}**.",
            bill=money(t["prorated_total"], report.currency, locale),
            saving=money(t["monthly_saving"], report.currency, locale),
            delay=money(t["delay_cost_per_day"], report.currency, locale),
        )
        + ("" if t["complete"] else " " + _("Not every number is priced (see Cost impact).")),
        icon=":material/payments:",
    )
