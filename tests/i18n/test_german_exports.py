"""The German workbook is German all through: warnings, exclusions (reason and details), cost convention,
dates and money formats; warning codes the planner emits all have a catalogue template."""

from __future__ import annotations

import html
import io
import re
import zipfile
from datetime import UTC, date, datetime

import pytest
from python_calamine import CalamineWorkbook

from paths import ROOT, SAMPLES
from portout.costs.report import compute_costs
from portout.export.workbook import build_workbook
from portout.i18n import translator
from portout.inventory.reader import read_inventory
from portout.plan.messages import WARNING_TEXTS, exclusion_detail, untranslated_warning_codes, warning_text
from portout.plan.model import EXCLUSION_REASONS
from portout.plan.planner import build_plan
from portout.settings import load_settings

GENERATED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def sample():
    plan = build_plan(read_inventory(SAMPLES / "inventory.csv"), load_settings(SAMPLES / "org.toml"))
    costs = compute_costs(plan, plan.settings.billing, as_of=date(2026, 3, 1), removal_date=date(2026, 3, 20))
    return plan, costs


def _sheets(data: bytes) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_sample_has_what_this_test_needs(sample):
    plan, _ = sample
    assert plan.excluded and plan.warnings, "the sample should exercise exclusions and warnings"


def test_german_warnings_exclusions_and_convention(sample):
    plan, costs = sample
    sheets = _sheets(build_workbook(plan, costs=costs, lang="de", generated_at=GENERATED))
    de = translator("de")
    warnings = sheets["Hinweise"]
    assert warnings[0][:2] == ["Hinweis", "Details"]
    assert [r[0] for r in warnings[1:]] == [w.code for w in plan.warnings]
    for row, w in zip(warnings[1:], plan.warnings):
        if w.code in WARNING_TEXTS:
            assert row[1] == warning_text(w, de)
            assert row[1] != w.message, f"{w.code} still English"
    excluded = sheets["Ausgeschlossen"]
    assert excluded[0] == ["Inventarzeile", "Eingabe", "Rufnummer (E.164)", "Grund", "Details"]
    english_reasons = set(EXCLUSION_REASONS.values())
    for row, e in zip(excluded[1:], plan.excluded):
        assert row[3] not in english_reasons and row[3] == de(EXCLUSION_REASONS[e.reason])
        assert row[4] == exclusion_detail(e, de) and row[4] != e.message, row
    summary = sheets["Übersicht"]
    convention = next(r[1] for r in summary if r[0] == "Kostenkonvention")
    assert "Abrechnungszeitraum" in convention and "01.03.2026" in convention, convention
    assert next(r[1] for r in summary if r[0] == "Erstellt am") == "01.03.2026 09:30 UTC"


def test_money_and_date_formats_follow_the_language(sample):
    plan, costs = sample
    for lang, money, day in (
        ("de", r'\[\$-407\]#,##0\.00\\ "(€|\$)"', "[$-407]dd.mm.yyyy"),
        ("en", r'"(€|\$)"#,##0\.00', "yyyy-mm-dd"),
    ):
        data = build_workbook(plan, costs=costs, lang=lang, generated_at=GENERATED)
        styles = zipfile.ZipFile(io.BytesIO(data)).read("xl/styles.xml").decode()
        formats = [html.unescape(f) for f in re.findall(r'formatCode="([^"]*)"', styles)]
        assert any(re.fullmatch(money, f) for f in formats), formats
        assert day in formats, formats


def test_every_warning_code_in_the_library_has_a_template():
    codes = set()
    for path in (ROOT / "lib" / "portout").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'PlanWarning\(\s*"([a-z_]+)"', text))
        codes |= set(re.findall(r'notes\.append\(\(\s*"([a-z_]+)"', text))
    assert len(codes) >= 10
    assert untranslated_warning_codes(sorted(codes)) == [], "add a template to plan/messages.py WARNING_TEXTS"


def test_tracker_states_and_reasons_in_german():
    from portout.tracker.lifecycle import REASON_CODES, STATE_LABELS
    from portout.tracker.tables import reason_label, state_label, states_summary

    de = translator("de")
    for state, english in STATE_LABELS.items():
        assert state_label(state, de) != english and state_label(state) == english
    assert states_summary({"draft": 2, "rejected": 1}, de) == "2 Entwurf, 1 Abgelehnt"
    assert all(de(text) != text for text in REASON_CODES.values())
    assert reason_label("BTN_ATN_MISMATCH", "x", de).startswith("Die Abrechnungsrufnummer")


def test_charts_in_german(sample):
    from portout import figures

    plan, _ = sample
    de = translator("de")
    fig = figures.by_country_category(plan, de)
    assert fig.layout.title.text == "Portierbare Nummern nach Land und Kategorie"
    assert fig.layout.separators == ",."
    assert {t.name for t in fig.data} <= {"geografisch", "gebührenfrei", "nicht geografisch", "Mobilfunk"}
    assert figures.by_country_category(plan).layout.separators == ".,"
    # horizontal bars (readable with many requests): the requests are on the y axis
    assert figures.numbers_per_request(plan, de).layout.yaxis.title.text == "Auftrag"
