"""Tables of a plan as people read them: key figures, one row per request, exclusions, duplicate
addresses side by side, filtered number lists and the plan CSV.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd

from portout.export.csv_text import to_csv
from portout.i18n import N_, Translator
from portout.plan.addresses import address_key
from portout.plan.model import Plan, PlanWarning, PortRequest, still_assigned
from portout.settings import Address


def key_figures(plan: Plan) -> dict[str, int]:
    s = plan.summary
    assigned = int(still_assigned(plan.numbers).sum())
    return {
        "numbers": s["input_numbers"],
        "portable": s["planned_numbers"],
        "excluded": s["excluded_numbers"],
        "requests": s["requests"],
        "still_assigned": assigned,
    }


def request_warnings(plan: Plan, request_id: str) -> list[PlanWarning]:
    """The warnings that name this request (address plausibility, blocks, partner data, ...)."""
    return [w for w in plan.warnings if request_id in w.request_ids]


def readiness_badge(r: PortRequest, _: Translator | None = None) -> str:
    """A short, scannable readiness label: the status and how many things need doing (in `_`'s language)."""
    from portout.plan.readiness_texts import readiness_badge as badge

    return badge(r, _)


def staying_table(plan: Plan) -> pd.DataFrame:
    """The numbers that stay with Genesys, for a page or a download."""
    return plan.staying.rename(columns={"service_address": "service address", "why": "why it stays"})


def requests_table(plan: Plan, _: Translator | None = None) -> pd.DataFrame:
    """One row per request with the values that go on the carrier's LOA form, and its warnings' codes
    (the readiness badge in `_`'s language)."""
    per_request: dict[str, list[str]] = {}
    for w in plan.warnings:
        for rid in w.request_ids:
            codes = per_request.setdefault(rid, [])
            if w.code not in codes:
                codes.append(w.code)
    rows = []
    for r in plan.requests:
        rows.append(
            {
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
                "port type": r.port_type,
                "port date": r.port_date,
                "readiness": readiness_badge(r, _),
                "warnings": ", ".join(per_request.get(r.id, [])),
            }
        )
    return pd.DataFrame(rows)


# Headers of the requests table for a person (display labels: the frame keeps its names for the tests and
# the BTN/merge logic that read it).
REQUEST_HEADERS = {
    "request": N_("Request"),
    "numbers": N_("Numbers"),
    "category": N_("Category"),
    "country": N_("Country"),
    "LOA name": N_("Name on the LOA"),
    "service address": N_("Service address"),
    "address source": N_("Address source"),
    "account number": N_("Account number"),
    "BTN": N_("BTN"),
    "carrier name": N_("Carrier name (losing)"),
    "part": N_("Part"),
    "still assigned": N_("Still assigned"),
    "port type": N_("Port type"),
    "port date": N_("Port date"),
    "readiness": N_("Readiness"),
    "warnings": N_("Warnings"),
}
# Headers of the staying table (staying_table's columns).
STAYING_HEADERS = {
    "number": N_("Number (E.164)"),
    "row": N_("Inventory row"),
    "category": N_("Category"),
    "country": N_("Country"),
    "service address": N_("Service address"),
    "location": N_("Location"),
    "why it stays": N_("Why it stays"),
}

# Headers of the number table for a person (the frame keeps its column codes for exports).
NUMBER_HEADERS = {
    "number": N_("Number (E.164)"),
    "national": N_("National format"),
    "request_id": N_("Request"),
    "category": N_("Category"),
    "number_type": N_("Number type"),
    "country": N_("Country"),
    "owner": N_("Owner"),
    "owner_type": N_("Owner type"),
    "location": N_("Location"),
    "monthly_charge": N_("Monthly charge"),
    "currency": N_("Currency"),
    "removal_date": N_("Removal date"),
    "row": N_("Inventory row"),
}


def readable_numbers(frame: pd.DataFrame, _: Translator) -> pd.DataFrame:
    """A shown slice of the numbers: categories and number types in words, no "None" in empty text cells."""
    from portout.plan.messages import CATEGORY_TEXTS, NUMBER_TYPE_TEXTS

    out = frame.copy()
    for column, texts in (("category", CATEGORY_TEXTS), ("number_type", NUMBER_TYPE_TEXTS)):
        if column in out.columns:
            out[column] = out[column].map(lambda c, t=texts: _(t[c]) if c in t else c)
    text_cols = [c for c in out.columns if out[c].dtype == object or str(out[c].dtype) in ("str", "string")]
    out[text_cols] = out[text_cols].fillna("")
    # Money with its currency and dates as the locale writes them (the plan keeps "1.50" and ISO dates).
    if "monthly_charge" in out.columns and "currency" in out.columns:
        # Each distinct (charge, currency) formatted once: a shown slice repeats a few prices thousands of times.
        pairs = list(zip(out["monthly_charge"], out["currency"]))
        amounts = {pair: _money_text(*pair, _) for pair in dict.fromkeys(pairs)}
        out["monthly_charge"] = [amounts[pair] for pair in pairs]
    if "removal_date" in out.columns:
        out["removal_date"] = out["removal_date"].map(lambda d: _date_text(d, _))
    return out


def _money_text(value: object, currency: object, _: Translator) -> str:
    try:
        return _.money(Decimal(str(value)), str(currency)) if str(value).strip() and str(currency).strip() else ""
    except (InvalidOperation, ValueError):  # not an amount or not a currency code: shown as given
        return str(value)


def _date_text(value: object, _: Translator) -> str:
    try:
        return _.date(date.fromisoformat(str(value))) if str(value).strip() else ""
    except ValueError:
        return str(value)


def readable_exclusions(excluded: list[Any], _: Translator) -> pd.DataFrame:
    """Excluded rows for a person: the reason and details in words (the codes stay in the exports)."""
    from portout.plan.messages import exclusion_detail, exclusion_reason

    return pd.DataFrame(
        {
            _("Inventory row"): [e.row for e in excluded],
            _("Input"): [e.input for e in excluded],
            _("Reason"): [exclusion_reason(e, _) for e in excluded],
            _("Details"): [exclusion_detail(e, _) for e in excluded],
            _("Number (E.164)"): [e.number or "" for e in excluded],
        }
    )


def readable_warnings(warnings: list[PlanWarning], _: Translator) -> pd.DataFrame:
    """Warnings for a person, one row each: title, the requests and how many numbers it concerns, the text."""
    from portout.plan.messages import warning_text, warning_title

    return pd.DataFrame(
        {
            _("Warning"): [warning_title(w, _) for w in warnings],
            _("Requests"): [", ".join(w.request_ids) for w in warnings],
            # Blank, not 0, for a warning about the organisation or the file (no numbers named): a 0 read as
            # "concerns no number" next to "No authorized signer", which concerns every request.
            _("Numbers"): pd.array([len(w.numbers) or None for w in warnings], dtype="Int64"),
            _("What it means and what to do"): [warning_text(w, _) for w in warnings],
        }
    )


def warning_counts(warnings: list[PlanWarning], _: Translator) -> pd.DataFrame:
    """How many warnings of each kind, most frequent first: the overview when there are too many to read."""
    from portout.plan.messages import warning_title

    titles = pd.Series([warning_title(w, _) for w in warnings], dtype=object)
    counts = titles.value_counts(sort=True)
    return pd.DataFrame({_("Warning"): counts.index, _("Count"): counts.to_numpy()})


def exclusions_table(plan: Plan) -> pd.DataFrame:
    return pd.DataFrame([e.to_dict() for e in plan.excluded], columns=["row", "input", "reason", "message", "number"])


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


def filter_numbers(
    numbers: pd.DataFrame, countries: list[str], categories: list[str], requests: list[str], text: str
) -> pd.DataFrame:
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
        mask &= (
            numbers["number"].str.contains(digits or needle, regex=False)
            | numbers["owner"].str.contains(needle, case=False, regex=False)
            | numbers["location"].str.contains(needle, case=False, regex=False)
        )
    return numbers[mask]


def with_national(plan: Plan, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (rows of plan.numbers) with the national format, computed only for these rows: formatting
    every number of a 100k plan costs more than planning it."""
    if "national" in frame.columns or frame.empty:
        return frame
    return frame.assign(national=plan.national(frame["number"]).to_numpy())


def plan_csv(plan: Plan, lang: str = "en") -> str:
    cols = ["request_id", "number", "national", "category", "country", "owner", "owner_type", "location", "row"]
    by_id = {r.id: r for r in plan.requests}
    frame = plan.numbers.assign(national=plan.national())
    header = cols + ["btn", "service_address", "address_source", "loa_name", "account_number", "account_number_digits"]
    rows = []
    for rec in frame[cols].itertuples(index=False):
        req = by_id[str(rec.request_id)]
        rows.append(
            list(rec)
            + [
                req.btn,
                req.service_address.one_line(),
                req.address_source,
                req.loa_name,
                req.account_number,
                req.account_number_digits,
            ]
        )
    return to_csv(header, rows, lang)
