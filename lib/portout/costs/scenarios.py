"""Two removal scenarios side by side, the cost of N days' delay, and the finance export of both.

Why a comparison and not "delay per day × N": each number's charge is rounded on its own and a slip can
cross a cycle boundary (a whole month at the full charge), so the cost of a 10-day slip is the cost with
the dates slipped minus the cost as planned, computed by the engine twice: never a product.

The figure compared is the engine's cost through removal (every full cycle billed from the as-of cycle up to
the removal cycle, plus the prorated charge of the removal cycle), so scenarios whose removals fall in
different cycles compare fairly. Numbers with their own removal date in the inventory keep it in both
scenarios (the engine lets those win).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pandas as pd
from babel.numbers import get_decimal_symbol

from portout.costs.notes import Note, note_text
from portout.costs.report import CostReport, compute_costs
from portout.dates import check_date
from portout.errors import Text
from portout.export.csv_text import csv_safe
from portout.export.safe_cells import cell_text, needs_quote
from portout.i18n import N_, Translator, translator
from portout.plan.model import Plan
from portout.progress import FINANCE_STAGES, OnProgress, Reporter
from portout.settings import BillingSettings

COLUMNS = ["request_id", "numbers", "removal_a", "removal_b", "cost_a", "cost_b", "difference", "currency"]

# Headers of the finance export, translated where shown.
HEADERS = {
    "request_id": N_("Request"),
    "numbers": N_("Numbers"),
    "removal_a": N_("Removal ({label})"),
    "removal_b": N_("Removal ({label})"),
    "cost_a": N_("Cost through removal ({label})"),
    "cost_b": N_("Cost through removal ({label})"),
    "difference": N_("Difference ({b} − {a})"),
    "currency": N_("Currency"),
    "service_address": N_("Service address"),
}


@dataclass
class ScenarioComparison:
    """Per request and in total: the cost through removal under scenario A and B, and B − A."""

    requests: pd.DataFrame  # COLUMNS + service_address; money as Decimal (None when unpriced)
    totals: dict[str, Any]  # cost_a, cost_b, difference (Decimal), numbers, unpriced_numbers
    currency: str
    minor_digits: int
    as_of: date
    label_a: str
    label_b: str
    convention: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def slip(dates: Mapping[str, date], days: int) -> dict[str, date]:
    """Every removal date moved by `days` (negative: earlier)."""
    return {
        rid: check_date(d + timedelta(days=days), Text(N_("removal date of {request}"), request=rid))
        for rid, d in dates.items()
    }


def compare(
    plan: Plan,
    billing: BillingSettings,
    as_of: date,
    dates_a: Mapping[str, date],
    dates_b: Mapping[str, date],
    label_a: str = "A",
    label_b: str = "B",
    base_a: CostReport | None = None,
) -> ScenarioComparison:
    """The cost through removal of every request with removal dates A and with removal dates B. `base_a`: a
    report already computed with exactly (plan, billing, as_of, dates_a), reused to save one engine run."""
    # Only the requests and totals are compared: no per-number lines.
    a = (
        base_a
        if base_a is not None
        else compute_costs(plan, billing, as_of=as_of, request_dates=dates_a, with_lines=False)
    )
    b = compute_costs(plan, billing, as_of=as_of, request_dates=dates_b, with_lines=False)
    return _combine(a, b, label_a, label_b)


def delay_cost(
    plan: Plan,
    billing: BillingSettings,
    as_of: date,
    dates: Mapping[str, date],
    days: int,
    base: CostReport | None = None,
) -> ScenarioComparison:
    """What a slip of `days` days costs: the plan as dated against the same plan with every date slipped.
    `base`: the report of the plan as dated, when the caller has it (one engine run saved)."""
    label_b = f"+{days} days" if days >= 0 else f"{days} days"
    return compare(plan, billing, as_of, dates, slip(dates, days), "as planned", label_b, base_a=base)


def _money(value: Any) -> Decimal | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return Decimal(str(value))


def _combine(a: CostReport, b: CostReport, label_a: str, label_b: str) -> ScenarioComparison:
    by_b = {str(r["id"]): r for r in b.requests.to_dict("records")}
    rows: list[dict[str, Any]] = []
    for ra in a.requests.to_dict("records"):
        rb = by_b[str(ra["id"])]
        # A request whose numbers are all unpriced has no cost: None on both sides, never 0.
        has_price = int(ra["priced_numbers"]) > 0
        ca = _money(ra["cost_through_removal"]) if has_price else None
        cb = _money(rb["cost_through_removal"]) if has_price else None
        rows.append(
            {
                "request_id": ra["id"],
                "numbers": int(ra["numbers"]),
                "removal_a": ra["removal_date"],
                "removal_b": rb["removal_date"],
                "cost_a": ca,
                "cost_b": cb,
                "difference": (cb - ca) if ca is not None and cb is not None else None,
                "currency": a.currency,
                "service_address": ra["service_address"],
            }
        )
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "service_address"])
    priced = [r for r in rows if r["cost_a"] is not None]
    zero = Decimal(0).scaleb(-a.minor_digits)
    cost_a = sum((r["cost_a"] for r in priced), zero)
    cost_b = sum((r["cost_b"] for r in priced), zero)
    totals = {
        "cost_a": cost_a,
        "cost_b": cost_b,
        "difference": cost_b - cost_a,
        "numbers": int(frame["numbers"].sum()) if len(frame) else 0,
        "unpriced_numbers": len(a.unpriced),
    }
    notes = list(a.notes)
    if a.unpriced:
        notes.append(Note("unpriced_scenarios", count=len(a.unpriced)))
    return ScenarioComparison(frame, totals, a.currency, a.minor_digits, a.as_of, label_a, label_b, a.convention, notes)


# --------------------------------------------------------------------------- the convention in sentences


def _iso_to_locale(value: object, _: Translator) -> str:
    """An ISO date of the convention ("2026-11-27") as the reader's locale writes dates; other text unchanged."""
    try:
        return _.date(date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def convention_sentences(convention: Mapping[str, Any], t: Translator | None = None) -> list[str]:
    """The billing convention a report used, as sentences a finance reader can check."""
    _ = t or translator()
    anchor = convention.get("cycle_anchor_day", 1)
    out = [
        _(
            "A billing cycle starts on day {day} of each month (on the month's last day when the month is shorter).",
            day=anchor,
        ),
        _("A billing day runs from 07:00 to 07:00 UTC."),
    ]
    if convention.get("days") == "30day":
        out.append(_("Every cycle counts as 30 days; a cycle used to its last day is charged in full."))
    else:
        out.append(_("A cycle has its actual number of days (28 to 31)."))
    out.append(
        _("The removal day is billed.")
        if convention.get("removal_day") == "included"
        else _("The removal day is not billed.")
    )
    out.append(
        _(
            "The removal cycle is charged pro rata: the monthly charge × days used ÷ days in the cycle, rounded "
            "{rounding} to {digits} decimals per {scope}.",
            rounding=_("half up") if convention.get("rounding") == "half_up" else _("half to even"),
            digits=convention.get("minor_digits", 2),
            scope=_("number") if convention.get("rounding_scope") == "number" else _("request"),
        )
    )
    out.append(
        _(
            "Cost through removal = every full cycle billed from the cycle of {as_of} up to the removal cycle at "
            "the full monthly charge, plus the pro-rata charge of the removal cycle.",
            as_of=_iso_to_locale(convention.get("as_of", ""), _),
        )
    )
    out.append(
        _(
            "The cost of a delay is computed, not multiplied: the cost with the later dates minus the cost as "
            "planned (rounding per number and whole cycles make it differ from a daily rate × days)."
        )
    )
    rates = convention.get("exchange_rates") or {}
    if rates:
        out.append(_("Exchange rates used: {rates}.", rates=", ".join(f"{k} = {v}" for k, v in sorted(rates.items()))))
    return out


# --------------------------------------------------------------------------- finance export


def _headers(cmp: ScenarioComparison, t: Translator) -> list[str]:
    a, b = cmp.label_a, cmp.label_b
    params = {"removal_a": {"label": a}, "removal_b": {"label": b}, "cost_a": {"label": a}, "cost_b": {"label": b}}
    params["difference"] = {"a": a, "b": b}
    return [t(HEADERS[c], **params.get(c, {})) for c in [*COLUMNS, "service_address"]]


def _plain_amount(value: Decimal | None, digits: int, decimal_symbol: str) -> str:
    if value is None:
        return ""
    return f"{value:.{digits}f}".replace(".", decimal_symbol)


def finance_csv(cmp: ScenarioComparison, locale: str = "en_US", lang: str = "en") -> bytes:
    """Per request and a total row, then the report's notes (after a blank row), as CSV for a spreadsheet in
    `locale`: where the decimal mark is a comma (de_DE, fr_FR) the separator is ';' (Excel's list separator
    there); amounts without grouping so they stay numbers; UTF-8 with a BOM so Excel reads the umlauts."""
    t = translator(lang)
    mark = get_decimal_symbol(locale)
    sep = ";" if mark == "," else ","
    d = cmp.minor_digits
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    writer.writerow(_headers(cmp, t))
    for r in cmp.requests.to_dict("records"):
        writer.writerow(
            [
                csv_safe(r["request_id"]),
                r["numbers"],
                r["removal_a"].isoformat(),
                r["removal_b"].isoformat(),
                _plain_amount(r["cost_a"], d, mark) or t("unpriced"),
                _plain_amount(r["cost_b"], d, mark) or t("unpriced"),
                _plain_amount(r["difference"], d, mark),
                r["currency"],
                csv_safe(r["service_address"]),
            ]
        )
    tot = cmp.totals
    writer.writerow(
        [
            t("Total"),
            tot["numbers"],
            "",
            "",
            _plain_amount(tot["cost_a"], d, mark),
            _plain_amount(tot["cost_b"], d, mark),
            _plain_amount(tot["difference"], d, mark),
            cmp.currency,
            "",
        ]
    )
    # The notes under the figures (as on the XLSX's convention sheet): unpriced numbers, unreadable charges...
    # A blank row first, so the table above still ends at its total row.
    if cmp.notes:
        writer.writerow([])
    for note in cmp.notes:
        writer.writerow([csv_safe(note_text(note, t))])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def finance_xlsx(cmp: ScenarioComparison, lang: str = "en", on_progress: OnProgress | None = None) -> bytes:
    """The same figures as an Excel workbook: amounts are numbers (Excel shows them in the reader's locale),
    a total row, and a sheet with the convention in sentences. on_progress: FINANCE_STAGES, one report per
    request (portout.progress)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    t = translator(lang)
    wb = Workbook()
    ws: Any = wb.active  # a new workbook always has its one worksheet
    ws.title = t("Scenarios")[:31]
    money_format = "#,##0" + ("." + "0" * cmp.minor_digits if cmp.minor_digits else "")
    headers = _headers(cmp, t)
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)

    def text(row: int, col: int, value: Any) -> None:
        cell = ws.cell(row=row, column=col, value=cell_text(value))
        cell.data_type = "s"  # untrusted text never becomes a formula
        if needs_quote(str(cell.value or "")):
            cell.quotePrefix = True

    def amount(row: int, col: int, value: Decimal | None, bold: bool = False) -> None:
        if value is None:
            text(row, col, t("unpriced") if col in (5, 6) else "")
            return
        cell = ws.cell(row=row, column=col, value=value)
        cell.number_format = money_format
        cell.font = Font(bold=bold)

    rep = Reporter(FINANCE_STAGES, on_progress)
    records = cmp.requests.to_dict("records")
    rep.start("requests", len(records))
    row = 1
    for r in records:
        row += 1
        text(row, 1, r["request_id"])
        ws.cell(row=row, column=2, value=r["numbers"])
        for col, key in ((3, "removal_a"), (4, "removal_b")):
            ws.cell(row=row, column=col, value=r[key]).number_format = "yyyy-mm-dd"
        amount(row, 5, r["cost_a"])
        amount(row, 6, r["cost_b"])
        amount(row, 7, r["difference"])
        text(row, 8, r["currency"])
        text(row, 9, r["service_address"])
        rep.advance(row - 1)
    row += 1
    ws.cell(row=row, column=1, value=t("Total")).font = Font(bold=True)
    ws.cell(row=row, column=2, value=cmp.totals["numbers"]).font = Font(bold=True)
    amount(row, 5, cmp.totals["cost_a"], bold=True)
    amount(row, 6, cmp.totals["cost_b"], bold=True)
    amount(row, 7, cmp.totals["difference"], bold=True)
    text(row, 8, cmp.currency)
    for letter, width in zip("ABCDEFGHI", (28, 10, 14, 14, 22, 22, 20, 10, 50)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    rep.start("convention")
    conv = wb.create_sheet(t("Convention")[:31])
    conv.column_dimensions["A"].width = 120
    for sentence in convention_sentences(cmp.convention, t) + [note_text(n, t) for n in cmp.notes]:
        conv.append([cell_text(sentence)])
    rep.start("compressing")
    buf = io.BytesIO()
    wb.save(buf)
    rep.done()
    return buf.getvalue()


__all__ = [
    "ScenarioComparison",
    "compare",
    "convention_sentences",
    "delay_cost",
    "finance_csv",
    "finance_xlsx",
    "slip",
]
