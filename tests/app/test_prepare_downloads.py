"""Large downloads are prepared on request with their stages shown (issue 13): the LOA workbook, the
per-request ZIP and the finance export. A prepared file is offered only for the plan, settings and language
it was built from; after a change it is gone, with a note, until prepared again. A re-plan shows its stages."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from paths import ROOT
from portout.settings import dump_settings, load_settings

APP = str(ROOT / "app.py")
STALE = "The plan or settings changed since this file was prepared"

pytestmark = pytest.mark.usefixtures("tracker_db")


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


def _downloads(at: AppTest) -> set[str]:
    return {b.label for b in at.get("download_button")}


def _stage_lines(at: AppTest) -> list[str]:
    return [m.value for s in at.status for m in s.markdown]


def _prepared(at: AppTest, kind: str) -> bytes:
    return at.session_state["prepared_files"][kind].files[0].data


def _loa_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("pages/loa_export.py").run()
    _ok(at)
    return at


def test_prepare_the_workbook_shows_stages_then_offers_it() -> None:
    at = _loa_page()
    assert "LOA workbook (.xlsx)" not in _downloads(at)  # nothing is built before it is asked for
    at.button(key="w_prep_workbook").click().run()
    _ok(at)
    assert "LOA workbook (.xlsx)" in _downloads(at)
    [status] = [s for s in at.status if s.label.startswith("Ready")]
    assert "kB" in status.label or "MB" in status.label
    lines = _stage_lines(at)
    n = int(at.session_state["_memo"]["plan"][1].summary["requests"])
    # every stage named as it happened, the requests counted to the last, in the library's order
    expected = ["Reading the plan", "Writing the summary sheet", f"Writing request {n} of {n}", "Compressing"]
    positions = [next(i for i, line in enumerate(lines) if want in line) for want in expected]
    assert positions == sorted(positions), lines
    assert all(line.startswith(":material/check:") for line in lines)  # all finished
    book = openpyxl.load_workbook(io.BytesIO(_prepared(at, "workbook")), read_only=True)
    try:
        plan = at.session_state["_memo"]["plan"][1]
        rows = list(book["All numbers"].iter_rows(min_row=2, values_only=True))
        assert sorted(r[0] for r in rows if r[0]) == sorted(plan.numbers["number"])
    finally:
        book.close()
    assert any(c.value.startswith("Prepared in") for c in at.caption)


def test_prepare_the_zip_has_one_workbook_per_request() -> None:
    at = _loa_page()
    at.button(key="w_prep_zip").click().run()
    _ok(at)
    assert "One workbook per request (.zip)" in _downloads(at)
    n = int(at.session_state["_memo"]["plan"][1].summary["requests"])
    assert len(zipfile.ZipFile(io.BytesIO(_prepared(at, "zip"))).namelist()) == n
    assert any(f"Writing request {n} of {n}" in line for line in _stage_lines(at))


def test_a_settings_change_withdraws_the_prepared_file() -> None:
    at = _loa_page()
    at.button(key="w_prep_workbook").click().run()
    before = at.session_state["_memo"]["plan"][1]
    assert "LOA workbook (.xlsx)" in _downloads(at)
    # What "Apply settings" stores: a planning setting changed, so the plan changes too.
    settings = load_settings(at.session_state["settings_toml"].encode())
    changed = replace(settings, carrier=replace(settings.carrier, max_numbers_per_request=25))
    at.session_state["settings_toml"] = dump_settings(changed)
    at.run()
    _ok(at)
    after = at.session_state["_memo"]["plan"][1]
    assert len(after.requests) > len(before.requests)
    # the re-plan showed its stages' outcome, the old file is not offered, and the page says why
    assert any(s.label.startswith("Planned 2,153 rows") for s in at.status), [s.label for s in at.status]
    assert "LOA workbook (.xlsx)" not in _downloads(at)
    assert any(STALE in i.value for i in at.info)
    assert at.session_state["prepared_files"]["workbook"].files == ()  # the stale bytes are dropped
    # the note stays on later reruns until the file is prepared again, for the new plan
    at.run()
    assert any(STALE in i.value for i in at.info) and "LOA workbook (.xlsx)" not in _downloads(at)
    at.button(key="w_prep_workbook").click().run()
    _ok(at)
    assert not any(STALE in i.value for i in at.info)
    book = openpyxl.load_workbook(io.BytesIO(_prepared(at, "workbook")), read_only=True)
    try:
        # Summary, one sheet per request of the new plan, All numbers, Excluded, Warnings (+ Staying)
        assert len(book.sheetnames) >= len(after.requests) + 4
    finally:
        book.close()


def test_a_language_change_withdraws_the_prepared_file() -> None:
    at = _loa_page()
    at.button(key="w_prep_workbook").click().run()
    assert "LOA workbook (.xlsx)" in _downloads(at)
    at.selectbox(key="w_export_lang").set_value("de").run()
    _ok(at)
    assert "LOA workbook (.xlsx)" not in _downloads(at)
    assert any(STALE in i.value for i in at.info)


def test_prepare_the_finance_export() -> None:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("pages/cost_impact.py").run()
    _ok(at)
    assert "Scenarios (.xlsx)" not in _downloads(at)
    at.button(key="w_prep_finance").click().run()
    _ok(at)
    labels = _downloads(at)
    assert "Scenarios (.xlsx)" in labels and any(label.startswith("Scenarios (.csv") for label in labels)
    lines = _stage_lines(at)
    assert any("Writing the convention sheet" in line for line in lines), lines
    # a different slip is a different export: the prepared one is withdrawn
    at.number_input(key="w_scenario_slip").set_value(20).run()
    assert "Scenarios (.xlsx)" not in _downloads(at)
