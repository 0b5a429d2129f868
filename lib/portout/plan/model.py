"""The port plan's data: what `build_plan` returns and every other part (costs, export, tracker, dashboard)
reads. JSON shape: `Plan.to_dict()`, documented in docs/plan-json.md.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from portout.i18n import N_
from portout.inventory.categories import national_format
from portout.settings import Address, OrgSettings

# Columns of `Plan.numbers`, one row per planned number (all text except `row`).
NUMBER_COLUMNS = [
    "number",  # E.164
    "row",  # 1-based data row of the inventory it came from
    "request_id",
    "category",  # geographic | toll_free | non_geographic | mobile
    "number_type",  # libphonenumber's type name, e.g. FIXED_LINE_OR_MOBILE
    "country",  # ISO alpha-2 from libphonenumber
    "owner",
    "owner_type",
    "location",
    "monthly_charge",  # text as in the inventory ("" when absent); costs parse it
    "currency",
    "removal_date",  # text as in the inventory ("" when absent)
]

STAYING_COLUMNS = ["number", "row", "category", "country", "service_address", "location", "why"]

# Genesys owner types (the DIDs API's ownerType) that route calls through a number: "still assigned".
ASSIGNED_OWNER_TYPES = frozenset({"USER", "PHONE", "IVR_CONFIG", "IVR", "GROUP", "EDGE", "STATION"})


def still_assigned(numbers: pd.DataFrame) -> pd.Series:
    """Per row: True when the number still has an owner (a name, or an owner type that routes calls), so its
    calls stop when it leaves. The one definition the planner's warning, request counts and key figures use."""
    if numbers.empty:
        return pd.Series(False, index=numbers.index, dtype=bool)
    # Owner types by code: a handful of distinct values, each upper-cased once instead of a million times.
    codes, types = pd.factorize(numbers["owner_type"])
    routes = np.array([str(t).upper() in ASSIGNED_OWNER_TYPES for t in types] + [False], dtype=bool)
    return (numbers["owner"] != "") | pd.Series(routes[codes], index=numbers.index)


# Reason codes of exclusions (every input row that is not planned has one).
EXCLUSION_REASONS = {
    "empty_row": N_("the row has no phone number"),
    "invalid_number": N_("not a valid phone number"),
    "duplicate": N_("the number appears earlier in the inventory (the first occurrence is planned)"),
    "not_genesys_voice": N_("not a Genesys Cloud Voice number (BYOC / other carrier): port it from that carrier"),
    "no_address": N_("no service address for this number"),
    "range_too_large": N_("the range has more numbers than the cap"),
    "number_too_long": N_("more than 15 digits: no E.164 number is that long"),
    "letters_in_number": N_("letters that are neither an extension nor a vanity number"),
    "range_ambiguous": N_("a range or block whose ends can be read more than one way (never guessed)"),
    "range_areas_differ": N_("a range whose ends are in different countries or area codes"),
    "range_reversed": N_("a range whose end is smaller than its start"),
    "unknown_port_value": N_("the inventory's port column says neither yes nor no (ja/nein)"),
}


@dataclass(frozen=True)
class Exclusion:
    row: int  # 1-based data row (the header is not counted)
    input: str  # the cell as written
    reason: str  # a key of EXCLUSION_REASONS
    message: str  # the English detail; other languages render it from reason + params (plan.messages)
    number: str = ""  # E.164 when it parsed
    params: dict[str, str] = field(default_factory=dict)  # what the detail names (provider, category)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class PlanWarning:
    code: str
    message: str  # English; other languages render it from code + params (plan.messages)
    numbers: list[str] = field(default_factory=list)
    request_ids: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return _as_dict(self)


_ATOMS = (str, int, float, bool, type(None))


def _plain_copy(value: Any) -> Any:
    """A copy of lists and dicts (dataclasses as dicts) down to their atoms: equal to what asdict makes."""
    if isinstance(value, list):
        return [v if type(v) in _ATOMS else _plain_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: v if type(v) in _ATOMS else _plain_copy(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    # Anything else (tuples, numpy scalars): exactly what asdict does with it.
    return value if type(value) in _ATOMS else copy.deepcopy(value)


def _as_dict(obj: Any) -> dict[str, Any]:
    """dataclasses.asdict(obj), without its deep copy of every string (at 100k numbers a third of a
    tracker save): strings are immutable, the lists and dicts are still copies."""
    return {f.name: _plain_copy(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


@dataclass(frozen=True)
class PortRequest:
    id: str
    numbers: list[str]  # E.164, sorted
    btn: str  # billing telephone number: one of `numbers`
    category: str  # one category, or "mixed" (toll-free not kept apart)
    country: str  # ISO alpha-2, or "mixed" when not split by country
    address_source: str  # "assigned" | "ship_to" | "partner"
    service_address: Address
    loa_name: str
    account_number: str  # what goes on the form, per the carrier's letters option
    account_number_letters: str  # last 8 letters/digits of the Organization ID
    account_number_digits: str  # last 8 digits of the Organization ID
    carrier_name: str = "Genesys"
    part: int = 1  # k of `parts` when the carrier's size cap split the group
    parts: int = 1
    locations: list[str] = field(default_factory=list)
    assigned_numbers: int = 0  # still assigned to a user, phone, IVR or group
    port_type: str = "full"  # "partial" when Genesys Cloud Voice numbers of the organisation stay behind
    numbers_staying: int = 0  # how many stay behind (organisation-wide)
    staying_at_address: list[str] = field(default_factory=list)  # those of them at this service address
    btn_note: str = ""  # for a partial port: the BTN must be a number that leaves
    # Schedule (ISO dates; plan/schedule.py): requested port date, LOA signature and validity, removal
    port_date: str = ""
    port_date_source: str = ""  # dates_file | option | settings | lead_time
    earliest_port_date: str = ""  # today + the carrier's lead time in business days
    loa_signed: str = ""
    loa_signed_source: str = ""  # dates_file | settings | assumed_today
    loa_valid_until: str = ""  # "" when the carrier sets no limit
    removal_date: str = ""  # planned removal from Genesys Cloud Voice
    removal_date_source: str = ""  # dates_file | port_date_plus_lag
    readiness: dict[str, Any] = field(default_factory=dict)  # {"status": ..., "items": [...]}
    # Form values that come from elsewhere, in a few words (the instruction is in Plan.guidance).
    pin: str = N_("from Genesys Cloud Voice support")
    proof_of_ownership: str = N_("screenshot of Number Management")
    # LOA fields to be confirmed by the partner (invoiced by a partner whose address is not given)
    to_confirm: list[str] = field(default_factory=list)
    # complete decimal blocks it carries, kept whole by the size cap: {first, last, count, label}
    blocks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.numbers)

    def to_dict(self) -> dict[str, Any]:
        data = _as_dict(self)
        data["service_address_line"] = self.service_address.one_line()
        data["size"] = self.size
        return data


@dataclass
class Plan:
    settings: OrgSettings
    requests: list[PortRequest]
    excluded: list[Exclusion]
    warnings: list[PlanWarning]
    numbers: pd.DataFrame  # NUMBER_COLUMNS, one row per planned number
    input_rows: int
    input_numbers: int  # after expanding ranges
    guidance: dict[str, str] = field(default_factory=dict)
    source_name: str = ""
    # Portable numbers outside the scope: they stay with Genesys (STAYING_COLUMNS in plan/scope.py)
    staying: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=STAYING_COLUMNS))
    scope: Any = None  # the plan.scope.Scope used (None: everything)
    today: str = ""  # ISO day the schedule counted from

    @property
    def summary(self) -> dict[str, int]:
        planned_rows = int(self.numbers["row"].nunique()) if len(self.numbers) else 0
        # A row counts once: planned if any of its numbers is, else staying if any stays, else excluded.
        staying_rows = 0
        if len(self.staying):
            rows = self.staying["row"]
            staying_rows = int(rows[~rows.isin(self.numbers["row"])].nunique())
        return {
            "input_rows": self.input_rows,
            "rows_planned": planned_rows,
            "rows_staying": staying_rows,
            "excluded_rows": self.input_rows - planned_rows - staying_rows,
            "input_numbers": self.input_numbers,
            "planned_numbers": len(self.numbers),
            "staying_numbers": len(self.staying),
            "excluded_numbers": len(self.excluded),
            "requests": len(self.requests),
            "warnings": len(self.warnings),
        }

    def national(self, numbers: pd.Series | None = None) -> pd.Series:
        """National format of `numbers` (default: every planned number), computed on demand: formatting
        costs more than the whole plan, and most callers show only a few requests."""
        return national_format(self.numbers["number"] if numbers is None else numbers)

    def readiness_counts(self) -> dict[str, int]:
        statuses = [r.readiness.get("status", "") for r in self.requests]
        return {"ready": statuses.count("ready"), "needs_attention": statuses.count("needs_attention")}

    def scope_dict(self) -> dict[str, Any]:
        s = self.scope
        if s is None:
            return {"everything": True}
        return {
            "everything": bool(s.is_everything()),
            "countries": list(s.countries),
            "categories": list(s.categories),
            "addresses": list(s.addresses),
            "requests": list(s.requests),
            "use_port_column": bool(s.use_port_column),
        }

    def staying_dict(self) -> dict[str, Any]:
        """What stays with Genesys: count, the numbers, and per number where it is and why it stays."""
        st = self.staying
        return {
            "count": len(st),
            "numbers": st["number"].tolist(),
            "details": [{**rec, "row": int(rec["row"])} for rec in st[STAYING_COLUMNS].to_dict("records")],
        }

    def request(self, request_id: str) -> PortRequest:
        for req in self.requests:
            if req.id == request_id:
                return req
        raise KeyError(request_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary,
            "settings": self.settings.to_dict(),
            "requests": [r.to_dict() for r in self.requests],
            "today": self.today,
            "readiness": self.readiness_counts(),
            "scope": self.scope_dict(),
            "staying": self.staying_dict(),
            "excluded": [e.to_dict() for e in self.excluded],
            "warnings": [w.to_dict() for w in self.warnings],
            "guidance": self.guidance,
        }
