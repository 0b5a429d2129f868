"""The "Connect to Genesys Cloud" section of the load page.

The client secret comes from a password field (inside a form cleared on submit, so it does not stay in
the session's widget state) or from secrets / environment (`GENESYS_CLOUD_CLIENT_SECRET`); it is passed
to the fetch and never stored, shown or put into any download. Demo mode runs the project's fake
Genesys Cloud server on 127.0.0.1 so the flow can be shown without credentials.
"""

from __future__ import annotations

import dataclasses
import logging
import re

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from portout.errors import PortoutError
from portout.genesys import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    REGIONS,
    FetchResult,
    fetch_inventory,
    start_demo_server,
)
from portout.i18n import N_
from portout_app import keys, language, state
from portout_app.config import get_setting
from portout_app.markdown import md

# The source choice's values are codes; their labels are catalogue messages, translated where shown.
DEMO, LIVE = "demo", "live"
MODE_LABELS = {DEMO: N_("Demo (a fake Genesys Cloud on this machine)"), LIVE: N_("My organisation")}

# The fetch's progress steps (portout.genesys.inventory reports them in English) as catalogue messages.
FETCH_STEPS = {
    "organization": N_("organization"),
    "DID pools": N_("DID pools"),
    "pool numbers": N_("pool numbers"),
    "assigned DIDs": N_("assigned DIDs"),
    "locations": N_("locations"),
    "sites": N_("sites"),
    "users": N_("users"),
    "phones": N_("phones"),
    "invoices": N_("invoices"),
}


def demo_server() -> str:
    _ = language.gettext()
    with st.spinner(_("Starting the demo Genesys Cloud server…")):
        return _demo_server()


@st.cache_resource(show_spinner=False)  # the caller shows the spinner, in the session's language
def _demo_server() -> str:
    """One fake server per dashboard process (cache_resource: shared, never copied)."""
    base_url, _stop = start_demo_server()
    return base_url


def _apply_org(result: FetchResult) -> None:
    """Organisation facts from the API into the settings: ID, name, and the invoice's Ship To if given."""
    settings = state.current_settings()
    org, ship_to = result.org, result.ship_to
    settings = dataclasses.replace(settings, org_id=org.id or settings.org_id, org_name=org.name or settings.org_name)
    if ship_to is not None:
        settings = dataclasses.replace(settings, ship_to_name=ship_to.name or settings.ship_to_name)
        if not ship_to.address.is_empty():
            settings = dataclasses.replace(settings, ship_to=ship_to.address)
    state.commit_settings(settings)


def _fetch(
    demo: bool, region: str | None, client_id: str, secret: str, export: bytes | None, progress: DeltaGenerator
) -> FetchResult:
    """The fetch itself: against the demo server with its fixed credentials, or the chosen region."""

    _ = language.gettext()

    def report(step: str) -> None:
        _ = language.gettext()
        progress.caption(_("Reading {step}…", step=_(FETCH_STEPS.get(step, step))))

    if demo:
        base = demo_server()
        return fetch_inventory(
            None, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, export, api_base=base, login_base=base, progress=report
        )
    return fetch_inventory(region, client_id, secret, export, progress=report)


def connect_section() -> None:
    _ = language.gettext()
    with st.expander(_("Connect to Genesys Cloud (load the numbers live)"), expanded=False):
        mode = st.radio(
            _("Source"), [DEMO, LIVE], key="w_gc_mode", horizontal=True, format_func=lambda m: _(MODE_LABELS[m])
        )
        secret_from_config = get_setting("GENESYS_CLOUD_CLIENT_SECRET")
        with st.form("gc_form", clear_on_submit=True):
            names = list(REGIONS)
            region = st.selectbox(
                _("Region"),
                names,
                names.index("us_east_1") if "us_east_1" in names else 0,
                format_func=lambda n: f"{REGIONS[n]} ({n})",
                key="w_gc_region",
                disabled=mode == DEMO,
            )
            client_id = st.text_input(
                _("OAuth client ID"),
                value=get_setting("GENESYS_CLOUD_CLIENT_ID", ""),
                key="w_gc_client_id",
                disabled=mode == DEMO,
            )
            if secret_from_config:
                st.caption(_("Client secret: taken from the deployment's secrets / environment."))
                typed_secret = ""
            else:
                typed_secret = st.text_input(
                    _("OAuth client secret"),
                    type="password",
                    key="w_gc_secret",
                    disabled=mode == DEMO,
                    help=_("Used for this fetch only; never stored or downloaded."),
                )
            export = st.file_uploader(
                _("Number Management export (optional; the authoritative addresses)"),
                type=["csv", "xlsx"],
                key="w_gc_export",
            )
            submitted = st.form_submit_button(_("Fetch the numbers"), type="primary")
        if not submitted:
            if st.session_state.get(keys.GENESYS_MESSAGE):
                st.success(st.session_state[keys.GENESYS_MESSAGE])
            return
        secret = typed_secret or secret_from_config or ""
        if mode == LIVE and (not client_id or not secret):
            st.error(_("Give the OAuth client ID and secret (client credentials grant)."))
            return
        export_bytes = export.getvalue() if export is not None else None
        progress = st.empty()
        try:
            with st.spinner(_("Fetching from Genesys Cloud…")):
                result = _fetch(mode == DEMO, region, client_id, secret, export_bytes, progress)
        except PortoutError as err:
            st.error(_("Nothing loaded, the previous inventory is kept: {v1}", v1=md(err)))
            return
        except Exception:
            logging.getLogger(__name__).exception("unexpected error during a Genesys Cloud fetch")
            st.error(_("Nothing loaded, the previous inventory is kept: an unexpected problem stopped the fetch."))
            return
        finally:
            progress.empty()
        org_slug = re.sub(r"[^A-Za-z0-9]+", "-", result.org.name or "genesys").strip("-").lower()
        error = state.try_inventory(result.to_csv_bytes(), f"genesys-{org_slug}.csv")
        if error:
            st.error(md(error))
            return
        _apply_org(result)
        n = len(result.inventory)
        notes = "; ".join(result.warning_texts(_))
        org = md(result.org.name) if result.org.name else _("the organisation")
        loaded_text = (
            _.ngettext(
                "Loaded {count} number of {org} from Genesys Cloud (demo server).",
                "Loaded {count} numbers of {org} from Genesys Cloud (demo server).",
                n,
                org=org,
            )
            if mode == DEMO
            else _.ngettext(
                "Loaded {count} number of {org} from Genesys Cloud.",
                "Loaded {count} numbers of {org} from Genesys Cloud.",
                n,
                org=org,
            )
        )
        st.session_state[keys.GENESYS_MESSAGE] = loaded_text + (
            " " + _("Notes: {notes}", notes=md(notes)) if notes else ""
        )
        st.rerun()
