"""Session state of the dashboard and the one `page_setup()` every page calls first.

Durable state lives under plain session keys (below); widgets bind to their own `w_*` keys, because
Streamlit drops widget-bound keys when the user visits another page. Any page can be the first one
opened (deep link): `page_setup` loads the sample on a first visit wherever it happens.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from portout.errors import PortoutError
from portout.inventory.reader import Inventory
from portout.plan.edits import apply_btn_overrides, planning_settings, with_settings
from portout.plan.model import Plan
from portout.settings import OrgSettings, dump_settings, load_settings
from portout.settings_status import label as field_label
from portout.settings_status import sample_values, unset_fields, without_sample_values
from portout_app import cache, language, navigation, replan
from portout_app.keys import (
    BTN,
    INV_MAPPING,
    INV_NAME,
    INV_RAW,
    INV_SAMPLE,
    INV_SHA,
    INV_SHEET,
    KEPT_APART,
    LOCALE,
    MERGES,
    REMOVAL_DATES,
    SETTINGS_NOTE,
    SETTINGS_ORIGIN,
    SETTINGS_TOML,
    SHIFT_DAYS,
    USER_TOML,
)
from portout_app.markdown import ErrorMessage, md

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_INVENTORY = ROOT / "data" / "samples" / "inventory.csv"
SAMPLE_SETTINGS = ROOT / "data" / "samples" / "org.toml"


@dataclass(frozen=True)
class Loaded:
    """What every page works on: the current inventory, settings and plan (BTNs applied)."""

    inventory: Inventory
    settings: OrgSettings
    plan: Plan


def _defaults() -> dict[str, Any]:
    return {
        INV_RAW: SAMPLE_INVENTORY.read_bytes(),
        INV_NAME: SAMPLE_INVENTORY.name,
        INV_SAMPLE: True,
        INV_MAPPING: {},
        INV_SHEET: "",
        SETTINGS_TOML: SAMPLE_SETTINGS.read_text(encoding="utf-8"),
        SETTINGS_ORIGIN: "sample",
        BTN: {},
        MERGES: {},
        KEPT_APART: [],
        REMOVAL_DATES: {},
        SHIFT_DAYS: 0,
    }


def ensure_state() -> None:
    for key, value in _defaults().items():
        if key not in st.session_state:
            st.session_state[key] = value
    if INV_SHA not in st.session_state:
        st.session_state[INV_SHA] = cache.sha256(st.session_state[INV_RAW])


def page_setup(title: str, icon: str = ":material/call:") -> Loaded | None:
    """Call first on every page: page config, state defaults (sample on first visit), sidebar, plan.

    Returns None (after showing the error) only if even the current state cannot be planned.
    """
    _ = language.gettext()
    st.set_page_config(page_title=f"{_(title)} · Port-Out Planner", page_icon=icon, layout="wide")
    ensure_state()
    st.session_state[LOCALE] = language.number_locale()  # the chosen number format, else the language's
    loaded = load_current()
    _sidebar(loaded)
    if loaded is not None:
        settings_notice(loaded.settings, loaded.plan)
    return loaded


def sample_settings() -> OrgSettings:
    return cache.memo("sample_settings", (), lambda: load_settings(SAMPLE_SETTINGS))


def settings_problems(settings: OrgSettings, plan: Plan | None = None) -> tuple[list[str], list[str]]:
    """(unset fields, fields still holding the sample's values) of the current settings; with the plan,
    the invoice currency counts as unset only when its inventory does not give it either."""
    numbers = plan.numbers if plan is not None else None
    # Deriving the currency scans every number (~0.1 s at 100k, on every page): kept while the settings and
    # the numbers frame are the same. The stored value holds the frame, so its id is not reused meanwhile.
    key = (dump_settings(settings), id(numbers))
    unset = cache.memo("unset_fields", key, lambda: (numbers, unset_fields(settings, numbers)))[1]
    return unset, sample_values(settings, sample_settings())


def settings_notice(settings: OrgSettings, plan: Plan | None = None) -> None:
    """On every page of a real inventory: which organisation values are unset or still the sample's."""
    if st.session_state[INV_SAMPLE]:
        return  # the sidebar says the whole organisation is the sample
    unset, sample = settings_problems(settings, plan)
    if not unset and not sample:
        return
    _ = language.gettext()
    parts = []
    if unset:
        parts.append(_("**not set**: {fields}", fields=", ".join(_(field_label(f)) for f in unset)))
    if sample:
        parts.append(_("**still the sample's**: {fields}", fields=", ".join(_(field_label(f)) for f in sample)))
    st.warning(
        _(
            "Organisation settings {problems}. The LOA values, workbook and e-mails leave them blank "
            "(marked NOT SET) and numbers without a price are unpriced. Set them on the Load page, "
            "section 2 (or upload your org.toml).",
            problems="; ".join(parts),
        ),
        icon=":material/warning:",
    )


def _settings_for_upload() -> tuple[str, str, str]:
    """(settings TOML, origin, note) an uploaded or fetched inventory starts from: never the sample's
    organisation. The user's own last settings if there are any, else unset values."""
    _ = language.gettext()
    ss = st.session_state
    if ss[SETTINGS_ORIGIN] == "sample":
        if ss.get(USER_TOML):
            return ss[USER_TOML], "user", _("Your own organisation settings (uploaded earlier) are used.")
        unset = dump_settings(load_settings(b""))
        return (
            unset,
            "unset",
            _(
                "The organisation settings start empty, not from the sample: fill them in below or upload your org.toml."
            ),
        )
    cleaned, found = without_sample_values(current_settings(), sample_settings())
    note = (
        _("Removed values that were still the sample's: {fields}.", fields=", ".join(_(field_label(f)) for f in found))
        if found
        else ""
    )
    return dump_settings(cleaned), ss[SETTINGS_ORIGIN], note


def _sidebar(loaded: Loaded | None) -> None:
    _ = language.gettext()
    with st.sidebar:
        navigation.menu()
        st.divider()
        language.language_switch()
        if st.session_state[INV_SAMPLE]:
            st.info(
                _(
                    "Showing the **sample** organisation (Harbor & Pine Logistics, fictional). "
                    "Upload your inventory on the Load page."
                ),
                icon=":material/science:",
            )
        else:
            st.caption(_("Inventory: **{name}**", name=md(st.session_state[INV_NAME])))
        if loaded is not None:
            s = loaded.plan.summary
            st.caption(
                _(
                    "{numbers} numbers in {requests} port requests · org: {org}",
                    numbers=_.number(s["planned_numbers"]),
                    requests=_.number(s["requests"]),
                    org=md(loaded.settings.org_name or _("(no name)")),
                )
            )


def current_settings() -> OrgSettings:
    text = st.session_state[SETTINGS_TOML]
    return cache.memo("settings", (text,), lambda: load_settings(text.encode()))


def _inventory_args() -> tuple[str, str, str, str, bytes]:
    ss = st.session_state
    return ss[INV_SHA], ss[INV_NAME], cache.canon_json(ss[INV_MAPPING]), ss[INV_SHEET], ss[INV_RAW]


def load_current() -> Loaded | None:
    _ = language.gettext()
    try:
        settings = current_settings()
        digest, name, mapping_json, sheet, raw = _inventory_args()
        with st.spinner(_("Reading the inventory…")):
            inventory = cache.memo(
                "inventory",
                (digest, mapping_json, sheet),
                lambda: cache.inventory_cached(digest, name, mapping_json, sheet, raw),
            )
        planning_toml = dump_settings(planning_settings(settings))
        merges_json = cache.canon_json(st.session_state[MERGES])
        key = (digest, mapping_json, sheet, planning_toml, merges_json)
        # A re-plan (settings change, merge, upload) shows its stages as they happen (replan.with_stages).
        slot = replan.status_slot()
        base = cache.memo(
            "plan",
            key,
            lambda: replan.with_stages(
                slot,
                lambda on_progress: cache.plan_cached(
                    digest, name, mapping_json, sheet, planning_toml, merges_json, raw, on_progress
                ),
            ),
        )
    except PortoutError as err:
        st.error(md(err))  # in the session's language
        return None
    plan = apply_btn_overrides(with_settings(base, settings), st.session_state[BTN])
    return Loaded(inventory, settings, plan)


def try_inventory(raw: bytes, name: str, mapping: dict[str, str] | None = None, sheet: str = "") -> str | None:
    """Read and plan an upload; commit it only if both work. Returns the error message, or None."""
    _ = language.gettext()
    digest = cache.sha256(raw)
    mapping_json = cache.canon_json(mapping or {})
    try:
        settings_toml, origin, note = _settings_for_upload()
        settings = load_settings(settings_toml.encode())
        planning_toml = dump_settings(planning_settings(settings))
        # The upload's stages in the session's language (the same status box as any re-plan).
        replan.with_stages(
            replan.status_slot(),
            lambda on_progress: cache.plan_cached(
                digest, name, mapping_json, sheet, planning_toml, "{}", raw, on_progress
            ),
        )
    except PortoutError as err:
        return ErrorMessage(err)  # rendered by md() in the language of the page showing it
    except Exception:  # an unexpected file shape must not show a traceback; keep the last good state
        # Words for the user (no exception class names), the details for the server log.
        logging.getLogger(__name__).exception("unexpected error reading an upload")
        return _("{name} could not be read: its contents are not a readable inventory", name=name)
    ss = st.session_state
    ss.update(
        {
            INV_RAW: raw,
            INV_NAME: name,
            INV_SHA: digest,
            INV_SAMPLE: False,
            INV_MAPPING: mapping or {},
            INV_SHEET: sheet,
            BTN: {},
            MERGES: {},
            KEPT_APART: [],
            REMOVAL_DATES: {},
            SETTINGS_TOML: settings_toml,
            SETTINGS_ORIGIN: origin,
            SETTINGS_NOTE: note,
        }
    )
    return None


def load_sample() -> None:
    ss = st.session_state
    if ss[SETTINGS_ORIGIN] == "user":
        ss[USER_TOML] = ss[SETTINGS_TOML]  # kept for the next upload
    for key in (
        SETTINGS_TOML,
        SETTINGS_ORIGIN,
        SETTINGS_NOTE,
        INV_RAW,
        INV_NAME,
        INV_SAMPLE,
        INV_MAPPING,
        INV_SHEET,
        BTN,
        MERGES,
        KEPT_APART,
        REMOVAL_DATES,
        INV_SHA,
    ):
        st.session_state.pop(key, None)
    ensure_state()


def try_settings(toml_text: str) -> str | None:
    """Validate settings text; commit it only if valid. Returns the error message, or None."""
    try:
        settings = load_settings(toml_text.encode())
    except PortoutError as err:
        return ErrorMessage(err)
    # Store the normalised dump: the cache key then does not change with comments or key order.
    text = dump_settings(settings)
    st.session_state.update({SETTINGS_TOML: text, USER_TOML: text, SETTINGS_ORIGIN: "user"})
    return None


def commit_settings(settings: OrgSettings) -> None:
    st.session_state[SETTINGS_TOML] = dump_settings(settings)
    # Edited by the user: no longer "the sample" as a whole (sample values left in it are still flagged).
    st.session_state[SETTINGS_ORIGIN] = "user"
