"""Scenario comparison, the cost of N days' delay and the finance export, checked to the cent against the
independent per-number reference in costs_helpers (no code shared with the engine)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from costs_helpers import make_plan, ref_line, row, settings_for
from portout.costs.notes import note_text
from portout.costs.report import compute_costs
from portout.costs.scenarios import compare, convention_sentences, delay_cost, finance_csv, finance_xlsx, slip
from portout.i18n import translator

AS_OF = date(2026, 3, 20)  # cycles start on the 15th (settings_for)


def _plan(tmp_path):
    rows = [row(i, mrc="1.37", address=0) for i in range(5)]
    rows += [row(100 + i, mrc="2.99", address=1) for i in range(3)]
    rows += [row(200, mrc="0.83", address=2), row(201, mrc="", address=2)]  # the last one: unpriced
    return make_plan(tmp_path, rows, settings_for())


def _reference(plan, dates: dict[str, date]) -> dict[str, Decimal]:
    """Per request: the sum of each priced number's own cost through removal."""
    out: dict[str, Decimal] = {}
    mrc = {r["number"]: r for r in plan.numbers.to_dict("records")}
    for req in plan.requests:
        total = Decimal("0.00")
        for n in req.numbers:
            charge = str(mrc[n].get("monthly_charge") or "")
            if charge:
                total += ref_line(Decimal(charge), dates[req.id], AS_OF, 15)["cost_through_removal"]
        out[req.id] = total
    return out


@pytest.mark.parametrize("days", [10, 1, 27, -3])
def test_cost_of_n_days_delay_equals_the_reference(tmp_path, days):
    plan = _plan(tmp_path)
    dates = {r.id: date(2026, 4, 5) + timedelta(days=i) for i, r in enumerate(plan.requests)}
    result = delay_cost(plan, plan.settings.billing, AS_OF, dates, days)
    a, b = _reference(plan, dates), _reference(plan, slip(dates, days))
    by_id = result.requests.set_index("request_id")
    for rid in a:
        assert by_id.at[rid, "cost_a"] == a[rid] and by_id.at[rid, "cost_b"] == b[rid]
        assert by_id.at[rid, "difference"] == b[rid] - a[rid]
    assert result.totals["difference"] == sum(b.values()) - sum(a.values())
    assert result.totals["unpriced_numbers"] == 1


def test_a_slip_across_a_cycle_is_not_the_daily_rate_times_days(tmp_path):
    plan = _plan(tmp_path)
    dates = {r.id: date(2026, 4, 10) for r in plan.requests}
    per_day = compute_costs(plan, plan.settings.billing, as_of=AS_OF, request_dates=dates).totals["delay_cost_per_day"]
    ten = delay_cost(plan, plan.settings.billing, AS_OF, dates, 10)  # crosses the 15 April cycle start
    assert ten.totals["difference"] == sum(_reference(plan, slip(dates, 10)).values()) - sum(
        _reference(plan, dates).values()
    )
    assert ten.totals["difference"] != per_day * 10


def test_two_dated_scenarios_side_by_side(tmp_path):
    plan = _plan(tmp_path)
    ids = [r.id for r in plan.requests]
    a = {rid: date(2026, 3, 31) for rid in ids}
    b = dict(a) | {ids[0]: date(2026, 5, 2)}
    result = compare(plan, plan.settings.billing, AS_OF, a, b, "March", "May")
    diff = result.requests.set_index("request_id")["difference"]
    assert diff[ids[0]] > 0 and all(diff[rid] == 0 for rid in ids[1:] if diff[rid] is not None)
    assert result.totals["difference"] == _reference(plan, b)[ids[0]] - _reference(plan, a)[ids[0]]


def _parse_amount(text: str, mark: str) -> Decimal:
    return Decimal(text.replace(mark, "."))


@pytest.mark.parametrize("locale,sep,mark", [("de_DE", ";", ","), ("en_US", ",", "."), ("fr_FR", ";", ",")])
def test_finance_csv_in_the_chosen_locale(tmp_path, locale, sep, mark):
    plan = _plan(tmp_path)
    dates = {r.id: date(2026, 4, 20) for r in plan.requests}
    result = delay_cost(plan, plan.settings.billing, AS_OF, dates, 10)
    lang = "de" if locale == "de_DE" else "en"
    data = finance_csv(result, locale, lang=lang)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads umlauts
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=sep))
    end = next(i for i, r in enumerate(rows) if r and r[0] in ("Total", "Summe"))  # the notes follow it
    body, total = rows[1:end], rows[end]
    assert [r[0] for r in rows[end + 2 :]] == [note_text(n, translator(lang)) for n in result.notes]
    assert len(body) == len(plan.requests)
    priced = [r for r in body if r[6]]
    assert sum(_parse_amount(r[6], mark) for r in priced) == _parse_amount(total[6], mark)
    assert _parse_amount(total[6], mark) == result.totals["difference"]
    assert all(mark in r[4] for r in priced)
    if locale == "de_DE":
        assert rows[0][0] == "Auftrag" and total[0] == "Summe"


def test_finance_xlsx_numbers_total_and_convention(tmp_path):
    plan = _plan(tmp_path)
    dates = {r.id: date(2026, 4, 20) for r in plan.requests}
    result = delay_cost(plan, plan.settings.billing, AS_OF, dates, 10)
    wb = load_workbook(io.BytesIO(finance_xlsx(result, "en")))
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[-1][0] == "Total" and Decimal(str(rows[-1][6])) == result.totals["difference"]
    assert all(isinstance(r[4], (int, float)) for r in rows[1:-1] if r[4] != "unpriced")
    sentences = [r[0] for r in wb.worksheets[1].iter_rows(values_only=True)]
    assert any("computed, not multiplied" in s for s in sentences)


def test_convention_in_sentences_without_raw_keys(tmp_path):
    plan = _plan(tmp_path)
    report = compute_costs(plan, plan.settings.billing, as_of=AS_OF)
    text = " ".join(convention_sentences(report.convention))
    assert "day 15 of each month" in text and "half up" in text and "2 decimals per number" in text
    assert "minor_digits" not in text and "half_up" not in text


def test_a_given_base_report_gives_the_same_comparison(tmp_path):
    plan = _plan(tmp_path)
    dates = {r.id: date(2026, 4, 10) for r in plan.requests}
    base = compute_costs(plan, plan.settings.billing, as_of=AS_OF, request_dates=dates)
    with_base = delay_cost(plan, plan.settings.billing, AS_OF, dates, 10, base=base)
    without = delay_cost(plan, plan.settings.billing, AS_OF, dates, 10)
    assert with_base.totals == without.totals
    assert with_base.requests.equals(without.requests)


def test_a_report_without_lines_has_the_same_requests_and_totals(tmp_path):
    # Scenarios skip the per-number lines; their figures must not change by it.
    plan = _plan(tmp_path)
    dates = {r.id: date(2026, 4, 10) + timedelta(days=3 * i) for i, r in enumerate(plan.requests)}
    full = compute_costs(plan, plan.settings.billing, as_of=AS_OF, request_dates=dates)
    bare = compute_costs(plan, plan.settings.billing, as_of=AS_OF, request_dates=dates, with_lines=False)
    assert len(full.lines) == len(plan.numbers) and bare.lines.empty
    assert list(bare.lines.columns) == list(full.lines.columns)
    assert bare.totals == full.totals and bare.requests.equals(full.requests)
    assert bare.notes == full.notes and bare.unpriced == full.unpriced
