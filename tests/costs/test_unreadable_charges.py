"""A monthly charge that is no amount ("abc", "12 Euro fünfzig") leaves that number unpriced with a note; the
other numbers are still costed (before, the whole cost report failed on it). Readable but wrong amounts and
wrong currencies stay errors; the price table is never put in place of a value the user gave."""

from __future__ import annotations

import csv
import io
import pickle
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from costs_helpers import make_plan, ref_line, row, settings_for
from portout.costs.inputs import invoice_currency, unreadable_charges
from portout.costs.notes import note_text
from portout.costs.report import NOTE_UNREADABLE, compute_costs
from portout.costs.scenarios import delay_cost, finance_csv, finance_xlsx
from portout.errors import PortoutError
from portout.i18n import translator

AS_OF = date(2026, 1, 15)
DE = translator("de")
# The three readable rows of the mixed file: (monthly_charge as written, its amount, removal date).
GOOD = [
    ("1.25", Decimal("1.25"), "2026-02-03"),
    ("2,50", Decimal("2.50"), "2026-03-20"),
    ("1.234,56", Decimal("1234.56"), "2026-02-14"),
]


def _mixed(tmp_path, bad: str = "abc", currency: str = "", **billing):
    rows = [row(i, mrc=text, removal=removal) for i, (text, _, removal) in enumerate(GOOD)]
    rows.append(row(3, mrc=bad, removal="2026-02-14", currency=currency))
    # A price table that WOULD price the bad row (US geographic): it must not be used for it.
    s = settings_for(prices={"US": {"geographic": "9.99"}}, **billing)
    return make_plan(tmp_path, rows, s), s


def _unreadable_note(report):
    return next(n for n in report.notes if n.code == "unreadable_charge")


def test_totals_are_the_three_readable_rows_to_the_cent(tmp_path):
    plan, s = _mixed(tmp_path)
    report = compute_costs(plan, s.billing, as_of=AS_OF)
    refs = [ref_line(amount, date.fromisoformat(removal), AS_OF, 15) for _, amount, removal in GOOD]
    t = report.totals
    assert t["prorated_total"] == sum(r["prorated"] for r in refs)
    assert t["cost_through_removal"] == sum(r["cost_through_removal"] for r in refs)
    assert t["monthly_saving"] == sum(amount for _, amount, _ in GOOD)
    assert (t["numbers"], t["priced_numbers"], t["unpriced_numbers"], t["unreadable_charges"]) == (4, 3, 1, 1)
    assert t["complete"] is False
    bad = report.lines.set_index("number").loc[row(3)["number"]]
    assert report.unpriced == [row(3)["number"]]
    # Unpriced, not the price table's 9.99: the user wrote a value, we cannot read it.
    assert not bad["priced"]
    assert bad["mrc"] is None and bad["cost_through_removal"] is None and bad["mrc_source"] == ""
    assert bad["note"] == NOTE_UNREADABLE


def test_the_note_names_the_row_number_and_value_in_english_and_german(tmp_path):
    plan, s = _mixed(tmp_path, bad="12 Euro fünfzig")
    report = compute_costs(plan, s.billing, as_of=AS_OF)
    note = _unreadable_note(report)
    number = row(3)["number"]
    assert note == (
        "1 number has a monthly charge that is not an amount: it is unpriced (no price from the settings is put "
        f"in its place); correct it in the inventory: row 4 ({number}): '12 Euro fünfzig'"
    )
    german = note_text(note, DE)
    assert german.startswith("1 Nummer hat eine Monatsgebühr, die kein Betrag ist")
    assert german.endswith(f"Zeile 4 ({number}): '12 Euro fünfzig'")
    # Kept in a cache or a session, the note still renders in German.
    assert note_text(pickle.loads(pickle.dumps(note)), DE) == german
    assert "1 numbers have" not in " ".join(report.notes)


@pytest.mark.parametrize("bad", ["abc", "1.2.3", "1e3", "NaN", "-abc", "12 Euro fünfzig", "€ zwölf"])
def test_every_unreadable_spelling_is_unpriced_not_an_error(tmp_path, bad):
    plan, s = _mixed(tmp_path, bad=bad)
    report = compute_costs(plan, s.billing, as_of=AS_OF)
    assert report.totals["unreadable_charges"] == 1 and report.totals["priced_numbers"] == 3


@pytest.mark.parametrize(
    "bad, message",
    [("-1.00", "negative"), ("99999999", "plausible"), ("0.0000001", "decimals")],
)
def test_readable_but_wrong_amounts_stay_errors(tmp_path, bad, message):
    plan, s = _mixed(tmp_path, bad=bad)
    with pytest.raises(PortoutError, match=rf"row 4: monthly_charge .*{message}"):
        compute_costs(plan, s.billing, as_of=AS_OF)


def test_a_wrong_currency_on_an_unreadable_row_stays_an_error(tmp_path):
    plan, s = _mixed(tmp_path, currency="XYZ")
    with pytest.raises(PortoutError, match=r"row 4: currency 'XYZ' is not an ISO 4217"):
        compute_costs(plan, s.billing, as_of=AS_OF)


def test_an_unreadable_row_in_another_currency_needs_no_exchange_rate(tmp_path):
    # EUR without [billing.exchange_rates]: an error for a readable charge, nothing for one never priced.
    plan, s = _mixed(tmp_path, currency="EUR")
    report = compute_costs(plan, s.billing, as_of=AS_OF)
    assert report.currency == "USD" and report.totals["unreadable_charges"] == 1
    assert report.convention["exchange_rates"] == {}


def test_an_unreadable_row_does_not_decide_the_invoice_currency(tmp_path):
    rows = [row(i, mrc=text, currency="EUR", removal=removal) for i, (text, _, removal) in enumerate(GOOD)]
    unset = settings_for(currency="")
    for currency in ("", "USD"):  # neither its missing currency nor another one refuses the derivation
        plan = make_plan(tmp_path, [*rows, row(3, mrc="abc", currency=currency)], unset)
        assert invoice_currency(plan.numbers, unset.billing) == "EUR"
        assert compute_costs(plan, unset.billing, as_of=AS_OF).currency == "EUR"
    only_bad = make_plan(tmp_path, [row(0, mrc="abc"), row(1)], unset)
    report = compute_costs(only_bad, unset.billing, as_of=AS_OF)
    assert report.currency == "" and report.totals["priced_numbers"] == 0
    assert report.totals["unreadable_charges"] == 1


def test_many_unreadable_rows_show_the_first_three_shortened_and_a_count(tmp_path):
    long_text = '=HYPERLINK("http://evil.example")' + "x" * 80
    bad = ["abc", long_text, "n/a", "zwölf", "TBD"]
    plan = make_plan(tmp_path, [row(0, mrc="1")] + [row(i + 1, mrc=b) for i, b in enumerate(bad)])
    report = compute_costs(plan, settings_for().billing, as_of=AS_OF)
    note = _unreadable_note(report)
    assert note.startswith("5 numbers have a monthly charge that is not an amount")
    assert "row 3 (" in note
    assert repr(long_text[:39] + "…") in note and long_text not in note
    assert "row 5 (" not in note and note.endswith("and 2 more")
    assert note_text(note, DE).endswith("und 2 weitere")
    assert unreadable_charges(plan.numbers).sum() == 5


def test_the_finance_export_carries_the_note(tmp_path):
    plan, s = _mixed(tmp_path)
    dates = {r.id: date(2026, 2, 20) for r in plan.requests}
    cmp = delay_cost(plan, s.billing, AS_OF, dates, 10)
    for lang, locale, sep in (("en", "en_US", ","), ("de", "de_DE", ";")):
        t = translator(lang)
        rows = list(csv.reader(io.StringIO(finance_csv(cmp, locale, lang).decode("utf-8-sig")), delimiter=sep))
        cells = [r[0] for r in rows if r]
        expected = note_text(next(n for n in cmp.notes if n.code == "unreadable_charge"), t)
        assert expected in cells and "'abc'" in expected
        sheet = load_workbook(io.BytesIO(finance_xlsx(cmp, lang))).worksheets[1]
        assert expected in [r[0] for r in sheet.iter_rows(values_only=True)]
