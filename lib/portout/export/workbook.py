"""The LOA workbook (issue 4): per port request, every value the carrier's LOA form asks for, ready to copy.

`build_workbook` returns one .xlsx (Summary, one LOA data sheet per request, All numbers, Excluded);
`build_per_request_zip` / `iter_request_workbooks` give one workbook per request for sending each
carrier request on its own. Both return bytes so the dashboard can offer them as downloads.

Cells are streamed (openpyxl write-only, see export_sheet.py), so memory and open files stay flat with
1,000+ requests and 100k+ numbers. Every phone number is a text cell; inventory and settings text can
never become a formula, hyperlink or error value.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook

from portout.costs.billing import minor_digits
from portout.costs.report import CostReport
from portout.export.labels import Labels
from portout.export.safe_cells import (
    XML_ILLEGAL,
    compress_ranges,
    range_text,
    safe_filename,
    safe_sheet_title,
)
from portout.export.sheet import SheetWriter, Styles, label_width
from portout.i18n import N_, Nn_, Translator
from portout.plan.messages import exclusion_detail, exclusion_reason, warning_text
from portout.plan.model import Plan, PortRequest
from portout.plan.planner import BTN_NOTE
from portout.plan.readiness_texts import readiness_lines, readiness_title
from portout.plan.scope import why_text
from portout.progress import WORKBOOK_STAGES, ZIP_STAGES, OnProgress, Reporter

__all__ = [
    "build_workbook",
    "build_per_request_zip",
    "iter_request_workbooks",
    "compress_ranges",
    "range_text",
    "format_ranges",
    "safe_sheet_title",
    "safe_filename",
    "request_sheet_name",
    "request_file_stem",
]

CREATOR = "Port-Out Planner"
_GUIDANCE_ORDER = ("signer", "pin", "proof_of_ownership", "csr", "partner", "after_port", "carrier_name")
_NUMBER_FIELDS = (
    "number",
    "national",
    "category",
    "owner",
    "owner_type",
    "location",
    "number_type",
    "country",
    "request_id",
)


def format_ranges(numbers: list[str]) -> list[str]:
    """The carrier's range list: `+13175550100 – +13175550149 (50)` per run of consecutive numbers."""
    return [range_text(*r) for r in compress_ranges(numbers)]


def request_sheet_name(req: PortRequest, shared_address: bool = False) -> str:
    """The wished-for sheet title (made valid and unique by safe_sheet_title): street and city.

    When several requests share the address (split by country, toll-free, size cap), a short tag such as
    `US TF` or `US 2-3` goes first, where truncation cannot cut it off."""
    addr = req.service_address
    name = ", ".join(p for p in (addr.street1, addr.city) if p) if addr.street1 else addr.one_line()
    if not name:
        return req.id
    if shared_address:
        tag = [req.country if req.country and req.country != "mixed" else ""]
        if req.id.endswith("-TF") or "-TF-" in req.id:
            tag.append("TF")
        if req.parts > 1:
            tag.append(f"{req.part}-{req.parts}")
        prefix = " ".join(t for t in tag if t)
        if prefix:
            return f"{prefix} {name}"
    return name


def _sheet_titles(requests: list[PortRequest], taken: set[str]) -> dict[str, str]:
    per_address: dict[object, int] = {}
    for req in requests:
        per_address[req.service_address] = per_address.get(req.service_address, 0) + 1
    return {
        r.id: safe_sheet_title(request_sheet_name(r, per_address[r.service_address] > 1), taken, fallback=r.id)
        for r in requests
    }


def request_file_stem(req: PortRequest) -> str:
    """The wished-for file name (made safe by safe_filename): request id, street, city."""
    addr = req.service_address
    return " ".join(p for p in (req.id, addr.street1, addr.city) if p)


# --------------------------------------------------------------------------- shared preparation


@dataclass
class _Costs:
    """What the export shows from a CostReport."""

    currency: str
    convention: str
    by_request: dict[str, tuple[date | None, Decimal | None]]  # id -> (removal date, prorated charge)
    total: Decimal | None


def _read_costs(costs: CostReport | None, fallback_currency: str, _: Translator) -> _Costs | None:
    if costs is None:
        return None
    frame = costs.requests
    # A request without one priced number has no amount (blank, not 0): nothing known was summed.
    by_request = {
        str(rid): (_none_if_na(when), _none_if_na(amount) if priced else None)
        for rid, when, amount, priced in zip(
            frame["id"], frame["removal_date"], frame["prorated_total"], frame["priced_numbers"]
        )
    }
    return _Costs(
        currency=costs.currency or fallback_currency,
        convention=_describe(costs.convention, _),
        by_request=by_request,
        total=_none_if_na(costs.totals.get("prorated_total")) if costs.totals.get("priced_numbers") else None,
    )


def _none_if_na(value: Any) -> Any:
    try:
        return None if value is None or (not isinstance(value, (str, Decimal)) and pd.isna(value)) else value
    except (TypeError, ValueError):
        return value


def _describe(convention: dict[str, Any], _: Translator) -> str:
    """CostReport.convention as one line in `_`'s language: days, removal day, rounding, cycle anchor, as-of day."""
    c = convention
    days = {"actual": N_("actual days in the cycle"), "30day": N_("30-day month")}
    removal = {"included": N_("removal day billed"), "excluded": N_("removal day not billed")}
    rounding = {"half_up": N_("rounded half up"), "half_even": N_("rounded half to even")}
    scope = {"number": N_("per number"), "request": N_("per request")}

    def word(table: dict[str, str], key: str) -> str:
        value = str(c.get(key, "?"))
        return _(table[value]) if value in table else value

    parts = [
        word(days, "days"),
        word(removal, "removal_day"),
        f"{word(rounding, 'rounding')} {word(scope, 'rounding_scope')}",
    ]
    if "cycle_anchor_day" in c:
        parts.append(_("cycles from day {day} (07:00 UTC)", day=c["cycle_anchor_day"]))
    if "as_of" in c:
        try:
            as_of = _.date(date.fromisoformat(str(c["as_of"])))
        except ValueError:
            as_of = str(c["as_of"])
        parts.append(_("as of {date}", date=as_of))
    return ", ".join(parts)


@dataclass
class _Context:
    plan: Plan
    labels: Labels
    costs: _Costs | None
    generated_at: datetime
    currency_decimals: int
    currency: str
    columns: dict[str, list[str]]
    bounds: dict[str, tuple[int, int]]  # request id -> [start, end) in `columns`
    widths: dict[str, float]
    staying_title: str = ""  # the Staying sheet's title when numbers stay with Genesys


def _prepare(plan: Plan, costs: CostReport | None, lang: str, generated_at: datetime | None) -> _Context:
    labels = Labels(lang)
    when = generated_at or datetime.now(UTC)
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    cost_info = _read_costs(costs, plan.settings.billing.currency, labels.t)
    currency = (cost_info.currency if cost_info else "") or plan.settings.billing.currency
    decimals = minor_digits(currency)  # babel's CLDR table; an unknown code gets its default of 2

    frame = plan.numbers
    # Sorted by request then number once; each request's numbers are then one slice of plain lists
    # (list indexing per cell is far cheaper than DataFrame access).
    frame = frame.sort_values(["request_id", "number"], kind="stable") if len(frame) else frame
    columns: dict[str, list[str]] = {}
    for name in _NUMBER_FIELDS:
        if name in frame.columns:
            col = frame[name]
        elif name == "national" and len(frame):
            col = plan.national(frame["number"])
        else:
            col = pd.Series([""] * len(frame), index=frame.index)
        columns[name] = col.fillna("").astype(str).tolist()
    columns["category_label"] = [labels.value(c) for c in columns["category"]]
    columns["row"] = frame["row"].tolist() if "row" in frame.columns else [""] * len(frame)
    ids = np.asarray(columns["request_id"], dtype=object)
    bounds: dict[str, tuple[int, int]] = {}
    if len(ids):
        change = np.flatnonzero(ids[1:] != ids[:-1]) + 1
        starts = np.concatenate(([0], change))
        ends = np.concatenate((change, [len(ids)]))
        bounds = {str(ids[s]): (int(s), int(e)) for s, e in zip(starts, ends)}

    def width(name: str, header: str, lo: float = 8, hi: float = 40) -> float:
        values = columns.get(name) or [""]
        longest = max(max(map(len, values)), len(labels[header]))
        return float(min(max(longest + 2, lo), hi))

    widths = {
        "number": width("number", "col_e164", 16),
        "national": width("national", "col_national", 14),
        "owner": width("owner", "col_owner"),
        "owner_type": width("owner_type", "col_owner_type", 10, 16),
        "location": width("location", "col_location"),
        "number_type": width("number_type", "col_number_type"),
        "request_id": width("request_id", "col_request", 12, 30),
    }
    return _Context(plan, labels, cost_info, when, decimals, currency, columns, bounds, widths)


def _clean_prop(text: str) -> str:
    """Document properties are XML too: control characters would make the file unreadable."""
    return XML_ILLEGAL.sub(" ", text)[:255]


def _new_workbook(ctx: _Context, title: str) -> tuple[Workbook, Styles]:
    wb = Workbook(write_only=True)
    props = wb.properties
    props.title = _clean_prop(title)
    props.subject = "Port-out from Genesys Cloud Voice"
    props.creator = CREATOR
    props.lastModifiedBy = CREATOR
    props.created = ctx.generated_at
    props.modified = ctx.generated_at
    org = ctx.plan.settings.org_name
    if org:
        props.description = _clean_prop(f"{org}: letter of authorization (LOA) data per port request")
    return wb, Styles(wb, ctx.currency_decimals, ctx.currency, ctx.labels.t)


def _save(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    try:
        wb.save(buf)
    except BaseException:
        _discard(wb)
        raise
    return buf.getvalue()


def _discard(wb: Workbook) -> None:
    """Close and delete the temp files of a workbook that will not be saved (a long-running dashboard
    would otherwise keep them until exit). Uses openpyxl's per-sheet writer, which has no public API."""
    for ws in list(getattr(wb, "_sheets", [])):
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        try:
            writer.close()
            writer.cleanup()
        except (OSError, ValueError):
            pass


# --------------------------------------------------------------------------- sheets


def _heading(ctx: _Context) -> str:
    """The page header of the plan's sheets: the title and the organisation."""
    org = ctx.plan.settings.org_name
    return ctx.labels["title_summary"] + (f" – {org}" if org else "")


def _yes(labels: Labels, flag: bool) -> str:
    return labels["yes"] if flag else labels["no"]


def _marker(s: Any, lb: Labels) -> Any:
    """`mark(field, value)`: the value, or NOT SET when a needed organisation value is empty, or the value
    flagged as the sample's: a workbook must never pass an unset or sample value off as the user's."""
    from portout.settings import sample_fields

    samples = set(sample_fields(s))

    def mark(path: str, value: str) -> str:
        if not value:
            return lb["not_set"]
        if path in samples:
            return f"{value} ({lb['sample_value']})"
        return value

    return mark


def _summary_sheet(
    wb: Workbook, st: Styles, ctx: _Context, title: str, sheet_titles: dict[str, str], excluded_title: str
) -> None:
    plan, lb, s = ctx.plan, ctx.labels, ctx.plan.settings
    first = plan.requests[0] if plan.requests else None
    signer = ", ".join(p for p in (s.signer.name, s.signer.title, s.signer.email, s.signer.phone) if p)
    invoiced = lb.value(s.invoiced_by) + (
        f" ({s.partner.name})" if s.invoiced_by == "partner" and s.partner.name else ""
    )
    c = s.carrier
    settings_line = lb["settings_text"].format(
        letters=_yes(lb, c.accepts_letters_in_account_number),
        country=_yes(lb, c.split_by_country),
        tf=_yes(lb, c.toll_free_separate),
        cap=lb.t.number(c.max_numbers_per_request),
        invoice=_yes(lb, s.has_invoice),
    )
    # Each count with its own plural form ("1 number", "1 inventory entry").
    t = lb.t
    totals_line = (
        t.plural(Nn_("{count} number", "{count} numbers"), len(plan.numbers))
        + " "
        + t.plural(Nn_("in {count} port request", "in {count} port requests"), len(plan.requests))
        + "; "
        + t.plural(
            Nn_(
                "{count} inventory entry excluded (see sheet {excluded_sheet})",
                "{count} inventory entries excluded (see sheet {excluded_sheet})",
            ),
            len(plan.excluded),
            excluded_sheet=excluded_title,
        )
    )
    mark = _marker(s, lb)
    block: list[tuple[str, Any]] = [
        ("organisation", st.wrapped(mark("organization.name", s.org_name))),
        ("org_id", st.phone_cell(mark("organization.id", s.org_id))),
        ("loa_name", st.wrapped(first.loa_name if first else (s.ship_to_name or s.org_name))),
        ("account_letters", st.phone_cell(first.account_number_letters if first else "")),
        ("account_digits", st.phone_cell(first.account_number_digits if first else "")),
        ("signer", st.wrapped(mark("signer.name", signer))),
        ("gaining_carrier", st.wrapped(mark("carrier.name", c.name))),
        ("invoiced_by", st.wrapped(invoiced)),
        ("settings_used", st.wrapped(settings_line)),
        ("source", st.wrapped(plan.source_name)),
        ("generated_at", st.wrapped(f"{lb.t.datetime(ctx.generated_at)} UTC")),
        ("totals", st.wrapped(totals_line)),
    ]
    if len(plan.staying):
        staying_line = lb.t.plural(
            Nn_("{count} number (see sheet {sheet})", "{count} numbers (see sheet {sheet})"),
            len(plan.staying),
            sheet=ctx.staying_title,
        )
        block.append(("staying_total", st.wrapped(staying_line)))
    costs = ctx.costs
    if costs is not None:
        block.append(("cost_convention", st.wrapped(costs.convention)))
        block.append(("total_prorated", st.amount(costs.total, bold=True)))

    header = [
        "col_request",
        "col_service_address",
        "col_sheet",
        "col_address_source",
        "col_category",
        "col_country",
        "col_count",
        "col_btn",
        "col_account",
        "col_account_digits",
        "col_part",
        "col_assigned",
        "col_locations",
        "col_port_type",
        "col_port_date",
        "col_readiness",
    ]
    head_cells = [st.head(lb[k]) for k in header]
    if costs is not None:
        head_cells += [
            st.head(lb["col_removal_date"]),
            st.head(f"{lb['col_prorated']} ({costs.currency})" if costs.currency else lb["col_prorated"]),
        ]
    header_row = len(block) + 3  # title, block, blank line, then the table's header
    # Label column wraps (labels up to ~2 lines), narrow table columns wrap their text: the sheet prints one
    # page wide at a readable scale instead of a strip across the top third of the page.
    widths = [34, 44, 22, 20, 14, 7, 9, 16, 12, 13, 8, 10, 18, 10, 12, 40, 12, 14]
    sheet = SheetWriter(wb, title, st, widths, freeze=f"A{header_row + 1}", header=_heading(ctx))
    sheet.row([st.heading(lb["title_summary"])], height=24)
    for key, value in block:
        sheet.row([st.label_cell(lb[key]), value], fit=True)
    sheet.row([])
    sheet.row(head_cells, fit=True)
    total_numbers = 0
    for req in plan.requests:
        total_numbers += req.size
        cells = [
            st.wrapped(req.id),
            st.wrapped(req.service_address.one_line()),
            st.wrapped(sheet_titles.get(req.id, "")),
            st.wrapped(lb.value(req.address_source)),
            st.wrapped(lb.value(req.category)),
            st.text(req.country),
            req.size,
            st.phone_cell(req.btn),
            st.phone_cell(req.account_number),
            st.phone_cell(req.account_number_digits),
            st.text(lb["part_text"].format(part=req.part, parts=req.parts)),
            req.assigned_numbers,
            st.wrapped(", ".join(req.locations)),
            st.wrapped(lb.value(req.port_type)),
            st.day(_iso_day(req.port_date)),
            st.wrapped(_readiness_text(req, lb)),
        ]
        if costs is not None:
            when, amount = costs.by_request.get(req.id, (None, None))
            cells += [st.day(when), st.amount(amount)]
        sheet.row(cells, fit=True)
    total = [
        st.label_cell(lb["total_row"]),
        st.number(len(plan.requests), bold=True),
        None,
        None,
        None,
        None,
        st.number(total_numbers, bold=True),
    ]
    if costs is not None:
        total += [None] * (len(header) - len(total)) + [None, st.amount(costs.total, bold=True)]
    sheet.row(total)
    sheet.close()


_ADDRESS_ROWS = ("service_address", "street1", "street2", "city", "state", "postal_code", "country")


def _join(first: str | None, second: str) -> str:
    return f"{first} {second}" if first else second


def _request_sheet(wb: Workbook, st: Styles, ctx: _Context, req: PortRequest, title: str) -> None:
    """The LOA data sheet: label/value block (A:B), ranges (D:G) and numbers (I:N) side by side, so one
    frozen header row serves all three and the block stays at the top."""
    plan, lb, s = ctx.plan, ctx.labels, ctx.plan.settings
    addr = req.service_address
    ranges = compress_ranges(req.numbers)
    block: list[tuple[str, Any]] = [
        ("request_id", st.text(req.id)),
        ("part_of", st.text(lb["part_text"].format(part=req.part, parts=req.parts))),
        ("name", st.wrapped(req.loa_name)),
        ("service_address", st.wrapped(addr.one_line())),
        ("street1", st.wrapped(addr.street1)),
        ("street2", st.wrapped(addr.street2)),
        ("city", st.wrapped(addr.city)),
        ("state", st.wrapped(addr.state)),
        ("postal_code", st.phone_cell(addr.postal_code)),  # text: postcodes keep leading zeros
        ("country", st.text(addr.country)),
        ("address_source", st.wrapped(lb.value(req.address_source))),
        ("locations", st.wrapped(", ".join(req.locations))),
        ("account_number", st.phone_cell(req.account_number)),
        ("account_letters", st.phone_cell(req.account_number_letters)),
        ("account_digits", st.phone_cell(req.account_number_digits)),
        ("btn", st.phone_cell(req.btn)),
        ("carrier_name", st.text(req.carrier_name)),
        ("gaining_carrier", st.wrapped(_marker(s, lb)("carrier.name", s.carrier.name))),
        ("signer_name", st.wrapped(_marker(s, lb)("signer.name", s.signer.name))),
        ("signer_title", st.wrapped(s.signer.title)),
        ("signer_email", st.wrapped(_marker(s, lb)("signer.email", s.signer.email))),
        ("signer_phone", st.phone_cell(s.signer.phone)),
    ]
    # Values are values: the value column holds only what goes into the carrier's form; instructions stand
    # in the guidance column beside it (copying column B never pastes a sentence into a form).
    notes: dict[int, str] = {}
    keys = [k for k, _ in block]
    confirm = lb["to_confirm_partner"]
    for field_name, rows in (("loa_name", ("name",)), ("service_address", _ADDRESS_ROWS)):
        if field_name in req.to_confirm:
            for key in rows:
                notes[keys.index(key)] = confirm
    for key, row_key in (("signer", "signer_name"), ("carrier_name", "carrier_name")):
        if key in plan.guidance:
            notes[keys.index(row_key)] = _join(notes.get(keys.index(row_key)), lb.guidance(key, plan.guidance[key]))
    for key in _GUIDANCE_ORDER:
        if key not in plan.guidance or key in ("signer", "carrier_name"):
            continue
        value = {"pin": req.pin, "proof_of_ownership": req.proof_of_ownership}.get(key)
        notes[len(block)] = lb.guidance(key, plan.guidance[key])
        block.append((f"guidance_{key}", st.wrapped(lb.t(value)) if value else None))
    block += [
        ("number_count", req.size),
        ("range_count", len(ranges)),
        ("blocks", st.wrapped("; ".join(f"{b['label']} ({b['count']:,})" for b in req.blocks))),
        ("col_category", st.text(lb.value(req.category))),
        ("col_country", st.text(req.country)),
        ("assigned_count", req.assigned_numbers),
        ("port_type", st.text(lb.value(req.port_type))),
    ]
    if req.port_type == "partial":
        block += [
            ("numbers_staying", req.numbers_staying),
            ("staying_at_address", st.wrapped(", ".join(format_ranges(req.staying_at_address)[:30]) or "–")),
        ]
        # in the reader's language, naming the BTN the request has now (a changed BTN moves the note along)
        notes[len(block)] = lb.t(BTN_NOTE, btn=req.btn) if lb.lang != "en" else req.btn_note
        block.append(("btn_note", None))
    if req.port_date:
        block += [
            ("port_date", st.day(_iso_day(req.port_date))),
            ("earliest_port_date", st.day(_iso_day(req.earliest_port_date))),
            ("loa_signed", st.day(_iso_day(req.loa_signed))),
            ("loa_valid_until", st.day(_iso_day(req.loa_valid_until)) if req.loa_valid_until else lb["no_limit"]),
            ("planned_removal", st.day(_iso_day(req.removal_date))),
        ]
    if req.readiness:
        block.append(("readiness", st.text(lb.value(req.readiness.get("status", "")))))
        for item in req.readiness.get("items", []):
            item_title, message, fix = readiness_lines(item, lb.t)
            notes[len(block)] = f"{message} → {fix}"
            block.append(("readiness_item", st.text(item_title)))
    if ctx.costs is not None:
        when, amount = ctx.costs.by_request.get(req.id, (None, None))
        block.append(("col_removal_date", st.day(when)))
        block.append(("col_prorated", st.amount(amount)))

    w = ctx.widths
    # Labels wrap at 40 characters and owner/location at 28: the sheet prints portrait with the LOA values
    # on the first page and the number list at a readable scale.
    widths = [
        min(40.0, label_width([lb[k] for k, _ in block])),
        52,
        60,
        36,
        16,
        16,
        10,
        2,
        w["number"],
        w["national"],
        14,
        min(28.0, w["owner"]),
        w["owner_type"],
        min(28.0, w["location"]),
    ]
    cols = ctx.columns
    start, end = ctx.bounds.get(req.id, (0, 0))
    if end - start != req.size:
        # plan.numbers disagrees with the request (an edited plan): list the request's own numbers.
        start = end = 0
    count = end - start if end > start else req.size
    # Printed: the LOA values (A:B) on the first page, then the ranges (D:G), then the numbers (I:N), each
    # from a new page and one page wide.
    areas = [f"A1:C{len(block) + 1}", f"D1:G{len(ranges) + 1}", f"I1:N{count + 1}"]
    sheet = SheetWriter(
        wb,
        title,
        st,
        widths,
        freeze="A2",
        header=f"{lb['title_request']} {req.id}",
        print_areas=areas,
        landscape=False,
    )
    head = [
        "col_item",
        "col_value",
        "col_guidance",
        "col_range",
        "col_first",
        "col_last",
        "col_count",
        None,
        "col_e164",
        "col_national",
        "col_category",
        "col_owner",
        "col_owner_type",
        "col_location",
    ]
    sheet.row([st.head(lb[k]) if k else None for k in head], fit=True)

    phone = st.phone_cell
    text = st.text
    number, national, category = cols["number"], cols["national"], cols["category_label"]
    owner, owner_type, location = cols["owner"], cols["owner_type"], cols["location"]
    for i in range(max(len(block), len(ranges), count)):
        row: list[Any] = [None] * 14
        long = False
        if i < len(block):
            key, value = block[i]
            row[0] = st.label_cell(lb[key])
            row[1] = value
            if notes.get(i):
                row[2] = st.wrapped(notes[i])
        if i < len(ranges):
            first, last, n = ranges[i]
            row[3] = phone(range_text(first, last, n))
            row[4] = phone(first)
            row[5] = phone(last)
            row[6] = n
        if i < count:
            if end > start:
                j = start + i
                row[8] = phone(number[j])
                row[9] = phone(national[j])
                row[10] = category[j]
                # wrapped only when longer than the 28-character column (cheap check per row)
                long = len(owner[j]) > 26 or len(location[j]) > 26
                row[11] = st.wrapped(owner[j]) if long else text(owner[j])
                row[12] = text(owner_type[j])
                row[13] = st.wrapped(location[j]) if long else text(location[j])
            else:
                row[8] = phone(req.numbers[i])
        sheet.row(row, fit=i < len(block) or long)
    sheet.close()


_ROWS_PER_REPORT = 10_000  # the numbers sheet reports its progress every so many rows


def _all_numbers_sheet(wb: Workbook, st: Styles, ctx: _Context, title: str, rep: Reporter | None = None) -> None:
    lb, w, cols = ctx.labels, ctx.widths, ctx.columns
    total = len(cols["number"])
    if rep is not None:
        rep.start("all_numbers", total)
    widths = [
        w["number"],
        w["national"],
        w["request_id"],
        14,
        w["number_type"],
        9,
        w["owner"],
        w["owner_type"],
        w["location"],
        10,
    ]
    sheet = SheetWriter(wb, title, st, widths, freeze="A2", header=_heading(ctx))
    sheet.row(
        [
            st.head(lb[k])
            for k in (
                "col_e164",
                "col_national",
                "col_request",
                "col_category",
                "col_number_type",
                "col_country",
                "col_owner",
                "col_owner_type",
                "col_location",
                "col_row",
            )
        ]
    )
    phone, text = st.phone_cell, st.text
    for i, (number, national, rid, cat, ntype, country, owner, otype, loc, row) in enumerate(
        zip(
            cols["number"],
            cols["national"],
            cols["request_id"],
            cols["category_label"],
            cols["number_type"],
            cols["country"],
            cols["owner"],
            cols["owner_type"],
            cols["location"],
            cols["row"],
        )
    ):
        if rep is not None and i and not i % _ROWS_PER_REPORT:
            rep.advance(i)
        sheet.row(
            [
                phone(number),
                phone(national),
                text(rid),
                cat,
                text(ntype),
                text(country),
                text(owner),
                text(otype),
                text(loc),
                row if isinstance(row, (int, np.integer)) else text(row),
            ]
        )
    if rep is not None and total:
        rep.advance(total)
    sheet.close()


def _excluded_sheet(wb: Workbook, st: Styles, ctx: _Context, title: str) -> None:
    lb = ctx.labels
    sheet = SheetWriter(wb, title, st, [10, 24, 16, 30, 60], freeze="A2", header=_heading(ctx))
    sheet.row([st.head(lb[k]) for k in ("col_row", "col_input", "col_e164", "col_reason", "col_message")], fit=True)
    for e in ctx.plan.excluded:
        sheet.row(
            [
                e.row,
                st.styled_text(e.input, st.phone, st.phone_q),
                st.phone_cell(e.number),
                st.wrapped(exclusion_reason(e, lb.t)),
                st.wrapped(exclusion_detail(e, lb.t)),
            ],
            fit=True,
        )
    sheet.close()


def _staying_sheet(wb: Workbook, st: Styles, ctx: _Context, title: str) -> None:
    """Numbers outside the scope: they stay with Genesys (a partial port's "not ported" list)."""
    lb = ctx.labels
    sheet = SheetWriter(wb, title, st, [8, 18, 16, 9, 50, 24, 28], freeze="A2")
    heads = ("col_row", "col_e164", "col_category", "col_country", "col_service_address", "col_location", "col_why")
    sheet.row([st.head(lb[k]) for k in heads])
    for rec in ctx.plan.staying.to_dict("records"):
        sheet.row(
            [
                int(rec["row"]),
                st.phone_cell(rec["number"]),
                st.text(lb.value(rec["category"])),
                st.text(rec["country"]),
                st.wrapped(rec["service_address"]),
                st.text(rec["location"]),
                st.text(why_text(rec["why"], lb.t)),
            ]
        )
    sheet.close()


def _iso_day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _readiness_text(req: PortRequest, lb: Labels) -> str:
    """The Summary's readiness cell: the status, then the titles of what needs attention."""
    status = req.readiness.get("status", "")
    titles = [readiness_title(i, lb.t) for i in req.readiness.get("items", [])]
    return lb.value(status) + (f": {'; '.join(titles)}" if titles else "")


def _warnings_sheet(wb: Workbook, st: Styles, ctx: _Context, title: str) -> None:
    """What a colleague must know before submitting: numbers still routing calls, address spellings..."""
    lb = ctx.labels
    widths = [24, 60, 24, 9, 40]
    sheet = SheetWriter(wb, title, st, widths, freeze="A2", header=_heading(ctx))
    sheet.row(
        [
            st.head(lb[k])
            for k in ("col_warning", "col_message", "col_requests", "col_numbers_affected", "col_examples")
        ],
        fit=True,
    )
    for w in ctx.plan.warnings:
        shown = ", ".join(w.numbers[:_WARNING_EXAMPLES]) + (" …" if len(w.numbers) > _WARNING_EXAMPLES else "")
        sheet.row(
            [
                st.wrapped(w.code),
                st.wrapped(warning_text(w, lb.t)),
                st.wrapped(", ".join(w.request_ids)),
                len(w.numbers),
                st.wrapped(shown),
            ],
            fit=True,
        )
    sheet.close()


_WARNING_EXAMPLES = 20  # the full lists are in the plan JSON; a sheet cell shows a sample


# --------------------------------------------------------------------------- public API


def build_workbook(
    plan: Plan,
    costs: CostReport | None = None,
    lang: str = "en",
    generated_at: datetime | None = None,
    on_progress: OnProgress | None = None,
) -> bytes:
    """The whole plan as one .xlsx: Summary, one LOA data sheet per request, All numbers, Excluded,
    Warnings.

    costs: the plan's CostReport, when given: adds each request's removal date and prorated charge.
    on_progress: called with each stage of WORKBOOK_STAGES as it starts (and per request, per 10,000
    numbers), ending with "done" (portout.progress).
    """
    rep = Reporter(WORKBOOK_STAGES, on_progress)
    rep.start("reading")
    ctx = _prepare(plan, costs, lang, generated_at)
    lb = ctx.labels
    taken: set[str] = set()
    summary_title = safe_sheet_title(lb["sheet_summary"], taken)
    all_title = safe_sheet_title(lb["sheet_all"], taken)
    excluded_title = safe_sheet_title(lb["sheet_excluded"], taken)
    warnings_title = safe_sheet_title(lb["sheet_warnings"], taken)
    ctx.staying_title = safe_sheet_title(lb["sheet_staying"], taken) if len(plan.staying) else ""
    sheet_titles = _sheet_titles(plan.requests, taken)

    title = lb["title_summary"] + (f" – {plan.settings.org_name}" if plan.settings.org_name else "")
    wb, st = _new_workbook(ctx, title)
    try:
        rep.start("summary")
        _summary_sheet(wb, st, ctx, summary_title, sheet_titles, excluded_title)
        total = len(plan.requests)
        rep.start("requests", total)
        for i, req in enumerate(plan.requests, 1):
            _request_sheet(wb, st, ctx, req, sheet_titles[req.id])
            rep.advance(i)
        _all_numbers_sheet(wb, st, ctx, all_title, rep)
        rep.start("excluded")
        _excluded_sheet(wb, st, ctx, excluded_title)
        rep.start("warnings")
        _warnings_sheet(wb, st, ctx, warnings_title)
        if ctx.staying_title:
            rep.start("staying")
            _staying_sheet(wb, st, ctx, ctx.staying_title)
        rep.start("compressing")
    except BaseException:
        _discard(wb)
        raise
    data = _save(wb)
    rep.done()
    return data


def iter_request_workbooks(
    plan: Plan,
    costs: CostReport | None = None,
    lang: str = "en",
    generated_at: datetime | None = None,
    on_progress: OnProgress | None = None,
) -> Iterator[tuple[str, bytes]]:
    """(safe file name, .xlsx bytes) per request, one LOA data sheet each; built one at a time.

    on_progress: the stages of ZIP_STAGES up to the requests (one report per request written); the caller
    reports "compressing" and "done" when it has stored them."""
    rep = Reporter(ZIP_STAGES, on_progress)
    rep.start("reading")
    ctx = _prepare(plan, costs, lang, generated_at)
    names: set[str] = set()
    rep.start("requests", len(plan.requests))
    for i, req in enumerate(plan.requests, 1):
        filename = safe_filename(request_file_stem(req), names, fallback=req.id)
        wb, st = _new_workbook(ctx, f"{ctx.labels['title_request']} {req.id}")
        try:
            _request_sheet(wb, st, ctx, req, safe_sheet_title(request_sheet_name(req), set(), fallback=req.id))
        except BaseException:
            _discard(wb)
            raise
        data = _save(wb)
        rep.advance(i)
        yield filename, data


def build_per_request_zip(
    plan: Plan,
    costs: CostReport | None = None,
    lang: str = "en",
    generated_at: datetime | None = None,
    on_progress: OnProgress | None = None,
) -> bytes:
    """A ZIP of one workbook per request (names from `iter_request_workbooks`, flat, no folders).

    on_progress: the stages of ZIP_STAGES, one report per request, ending with "done"."""
    when = generated_at or datetime.now(UTC)
    stamp = when.astimezone(UTC) if when.tzinfo else when
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    buf = io.BytesIO()
    rep = Reporter(ZIP_STAGES, on_progress)
    # .xlsx files are ZIPs already: storing them again costs nothing and saves the time of deflating.
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, data in iter_request_workbooks(plan, costs, lang, generated_at=when, on_progress=on_progress):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
        rep.start("compressing")
    rep.done()
    return buf.getvalue()
