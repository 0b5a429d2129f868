"""Pure helpers between the dashboard and `portout` (no streamlit: unit-testable, reusable in notebooks).

BTN choice is applied *after* planning: it changes one field of a request, and re-planning 100k numbers
(seconds) for it would make the BTN picker slow.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd
from portout.addresses import address_key
from portout.model import Plan
from portout.settings import Address, OrgSettings

ASSIGNED_OWNER_TYPES = {"USER", "PHONE", "IVR_CONFIG", "IVR", "GROUP", "EDGE", "STATION"}


def apply_btn_overrides(plan: Plan, overrides: dict[str, str]) -> Plan:
    """A shallow copy of `plan` whose requests carry the chosen BTNs (ignored when not one of its numbers)."""
    if not overrides:
        return plan
    requests = [
        dataclasses.replace(r, btn=overrides[r.id]) if overrides.get(r.id) in set(r.numbers) else r
        for r in plan.requests
    ]
    out = copy.copy(plan)
    out.requests = requests
    return out


def with_settings(plan: Plan, settings: OrgSettings) -> Plan:
    """The plan relabelled with `settings` (used when only billing changed: grouping does not depend on it)."""
    out = copy.copy(plan)
    out.settings = settings
    return out


def planning_settings(settings: OrgSettings) -> OrgSettings:
    """Settings without the billing part: the plan's cache key, so a price change does not re-plan."""
    return dataclasses.replace(settings, billing=type(settings.billing)())


def key_figures(plan: Plan) -> dict[str, int]:
    s = plan.summary
    nums = plan.numbers
    assigned = int(((nums["owner"] != "") | nums["owner_type"].str.upper().isin(ASSIGNED_OWNER_TYPES)).sum()) \
        if len(nums) else 0
    return {
        "numbers": s["input_numbers"],
        "portable": s["planned_numbers"],
        "excluded": s["excluded_numbers"],
        "requests": s["requests"],
        "still_assigned": assigned,
    }


def requests_table(plan: Plan) -> pd.DataFrame:
    """One row per request with the values that go on the carrier's LOA form."""
    rows = []
    for r in plan.requests:
        rows.append({
            "request": r.id,
            "numbers": r.size,
            "category": r.category,
            "country": r.country,
            "LOA name": r.loa_name,
            "service address": r.service_address.one_line(),
            "address source": r.address_source,
            "account number": r.account_number,
            "BTN": r.btn,
            "carrier name": r.carrier_name,
            "part": f"{r.part}/{r.parts}",
            "still assigned": r.assigned_numbers,
        })
    return pd.DataFrame(rows)


def exclusions_table(plan: Plan) -> pd.DataFrame:
    return pd.DataFrame([e.to_dict() for e in plan.excluded],
                        columns=["row", "input", "reason", "message", "number"])


@dataclass(frozen=True)
class DuplicatePair:
    """Two service addresses the planner thinks are one place, with the requests on each side."""

    key_a: str
    key_b: str
    address_a: Address
    address_b: Address
    requests_a: tuple[str, ...]
    requests_b: tuple[str, ...]
    message: str

    @property
    def pair_id(self) -> str:
        return "||".join(sorted((self.key_a, self.key_b)))


def duplicate_pairs(plan: Plan) -> list[DuplicatePair]:
    """The 'possible_duplicate_address' warnings, split into their two addresses (by exact address key)."""
    by_id = {r.id: r for r in plan.requests}
    out: list[DuplicatePair] = []
    for w in plan.warnings:
        if w.code != "possible_duplicate_address":
            continue
        sides: dict[str, list[str]] = {}
        addresses: dict[str, Address] = {}
        for rid in w.request_ids:
            req = by_id.get(rid)
            if req is None:
                continue
            key = address_key(req.service_address)
            sides.setdefault(key, []).append(rid)
            addresses[key] = req.service_address
        if len(sides) != 2:
            continue
        (ka, ra), (kb, rb) = sorted(sides.items())
        out.append(DuplicatePair(ka, kb, addresses[ka], addresses[kb], tuple(ra), tuple(rb), w.message))
    return out


def filter_numbers(numbers: pd.DataFrame, countries: list[str], categories: list[str], requests: list[str],
                   text: str) -> pd.DataFrame:
    mask = pd.Series(True, index=numbers.index)
    if countries:
        mask &= numbers["country"].isin(countries)
    if categories:
        mask &= numbers["category"].isin(categories)
    if requests:
        mask &= numbers["request_id"].isin(requests)
    if text.strip():
        needle = text.strip()
        digits = "".join(ch for ch in needle if ch.isdigit())
        mask &= (numbers["number"].str.contains(digits or needle, regex=False)
                 | numbers["owner"].str.contains(needle, case=False, regex=False)
                 | numbers["location"].str.contains(needle, case=False, regex=False))
    return numbers[mask]


def with_national(plan: Plan, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (rows of plan.numbers) with the national format, computed only for these rows: formatting
    every number of a 100k plan costs more than planning it."""
    if "national" in frame.columns or frame.empty:
        return frame
    return frame.assign(national=plan.national(frame["number"]).to_numpy())


# --------------------------------------------------------------------------- settings form <-> dict

def settings_from_form(base: OrgSettings, values: dict[str, Any]) -> dict[str, Any]:
    """The TOML dict of `base` with the form's flat values ("section.key" or "section.sub.key") written in.

    `parse_settings` then validates it, so the form reports the same field-named errors as the file.
    """
    data = base.to_dict()
    for dotted, value in values.items():
        node = data
        *parents, leaf = dotted.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = value
    return data


# --------------------------------------------------------------------------- removal dates

def effective_request_dates(request_ids: list[str], default: date, overrides: dict[str, str],
                            shift_days: int) -> dict[str, date]:
    """Removal day per request: its override (ISO text) or the default, then all shifted by N days."""
    shift = timedelta(days=shift_days)
    out = {}
    for rid in request_ids:
        text = overrides.get(rid)
        out[rid] = (date.fromisoformat(text) if text else default) + shift
    return out


def overrides_from_editor(edited: pd.DataFrame, default: date) -> dict[str, str]:
    """Per-request overrides from the removal-date editor: only dates that differ from the default."""
    out = {}
    for rid, value in zip(edited["request"], edited["removal date"]):
        if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
            continue
        day = pd.Timestamp(value).date()
        if day != default:
            out[str(rid)] = day.isoformat()
    return out


def money_float(value: Any) -> float:
    return float(value) if value is not None else float("nan")


def sub_plan(plan: Plan, request_id: str) -> Plan:
    """A plan holding only one request (for a cheap one-sheet preview)."""
    out = copy.copy(plan)
    out.requests = [plan.request(request_id)]
    out.numbers = plan.numbers[plan.numbers["request_id"] == request_id].reset_index(drop=True)
    out.excluded = []
    return out


def sheet_preview(xlsx: bytes, max_rows: int = 200) -> pd.DataFrame:
    """The first sheet of a workbook as text rows, for showing what the carrier will receive."""
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True, data_only=True)
    try:
        rows = [["" if v is None else str(v) for v in row]
                for _, row in zip(range(max_rows), book.worksheets[0].iter_rows(values_only=True))]
    finally:
        book.close()
    width = max((len(r) for r in rows), default=0)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], columns=[f"{chr(65 + i)}" if i < 26 else str(i) for i in range(width)])


def costs_csv(report: Any) -> str:
    """Per-number cost lines as CSV (money as exact decimal text)."""
    return report.lines.to_csv(index=False)
