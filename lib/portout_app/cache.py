"""Cached loading and planning, keyed on the uploaded bytes' sha256 and the settings' TOML text.

Never on DataFrames: `st.cache_data` hashes a sample of large frames, so a changed cell could return a
stale result. The raw bytes travel as `_raw` (leading underscore: not hashed; the digest stands for them).

On top of the process-wide cache each session keeps the last result per kind (`memo`): a `cache_data`
hit unpickles a copy, ~0.1-0.3 s for a 100k-number plan, paid on every rerun otherwise.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from portout.inventory.reader import Inventory, read_inventory
from portout.plan.model import Plan
from portout.plan.planner import Classified, build_plan, classify_inventory
from portout.progress import PLAN_STAGES, OnProgress, Reporter
from portout.settings import load_settings
from portout_app.keys import MEMO

T = TypeVar("T")


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def canon_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


# No spinner text here: a decorator's text is fixed at import, in no session's language. The callers wrap
# these in `st.spinner(_(...))` (shown only after half a second, so a cache hit shows nothing).
@st.cache_data(max_entries=6, show_spinner=False)
def inventory_cached(digest: str, name: str, mapping_json: str, sheet: str, _raw: bytes) -> Inventory:
    mapping = json.loads(mapping_json) or None
    return read_inventory(_raw, name=name, mapping=mapping, sheet=sheet or None)


# cache_resource, not cache_data: a hit hands out the stored object without unpickling a copy of every
# number. Safe because build_plan copies `Classified.items` before it changes anything.
@st.cache_resource(max_entries=4, show_spinner=False)
def classified_cached(
    digest: str, name: str, mapping_json: str, sheet: str, default_country: str, _raw: bytes
) -> Classified:
    """The settings-independent stage of a plan: a settings change re-plans from it (parsing and classifying
    every number again would be a third of the re-plan)."""
    return classify_inventory(inventory_cached(digest, name, mapping_json, sheet, _raw), default_country)


@st.cache_data(max_entries=6, show_spinner=False)
def plan_cached(
    digest: str,
    name: str,
    mapping_json: str,
    sheet: str,
    planning_toml: str,
    merges_json: str,
    _raw: bytes,
    _on_progress: OnProgress | None = None,
) -> Plan:
    # _on_progress (not hashed) only relabels a status box made outside: see portout_app.replan.
    inventory = inventory_cached(digest, name, mapping_json, sheet, _raw)
    settings = load_settings(planning_toml.encode())
    # Classifying runs here when not kept yet (a new inventory or default country): name it while it runs.
    Reporter(PLAN_STAGES, _on_progress).start("classifying")
    classified = classified_cached(digest, name, mapping_json, sheet, settings.default_country, _raw)
    return build_plan(
        inventory, settings, address_merges=json.loads(merges_json), on_progress=_on_progress, classified=classified
    )


def memo(kind: str, key: tuple[object, ...], compute: Callable[[], T]) -> T:
    """Per-session last value of `kind`: returns it while `key` is unchanged, else recomputes."""
    store: dict[str, tuple[tuple[object, ...], Any]] = st.session_state.setdefault(MEMO, {})
    hit = store.get(kind)
    if hit is not None and hit[0] == key:
        cached: T = hit[1]  # stored by this function under this kind: the same type
        return cached
    value = compute()
    store[kind] = (key, value)
    return value
