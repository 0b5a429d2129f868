"""Hostile uploads on the dashboard: a message in words (no exception class names), the previous state
kept, and pages that still render when nothing could be planned."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from paths import ROOT

APP = str(ROOT / "app.py")
# "ValueError", "IndexError", "StreamlitAPIException": what users must never be shown.
EXCEPTION_NAME = re.compile(r"\b[A-Z][A-Za-z]*(Error|Exception)\b")


# every test gets its own tracker database (conftest.tracker_db)
pytestmark = pytest.mark.usefixtures("tracker_db")


def _shown(at: AppTest) -> list[str]:
    return [str(el.value) for kind in ("error", "warning", "info", "success") for el in getattr(at, kind)]


def _no_exception_names(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]
    for text in _shown(at):
        assert not EXCEPTION_NAME.search(text), text


def test_cost_impact_with_zero_planned_requests() -> None:
    # Headers only, then a file whose every row is excluded: both leave no request to cost.
    for raw in (b"number,street,city,postal code,country\n", b"number,street,city,postal code,country\nabc,,,,\n"):
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.file_uploader(key="w_inventory_upload").upload("empty.csv", raw, "text/csv").run()
        at.switch_page("pages/cost_impact.py").run()
        _no_exception_names(at)
        assert any("No port requests are planned" in text for text in _shown(at)), _shown(at)


def test_damaged_xlsx_and_deep_toml_uploads_show_words() -> None:
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["number", "country"])
    wb.active.append([13175550100, "US"])
    buf = io.BytesIO()
    wb.save(buf)
    good = buf.getvalue()
    # The same workbook with its number cell holding "abc": openpyxl fails only while rows are read.
    import zipfile

    src, out = zipfile.ZipFile(io.BytesIO(good)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, data.replace(b"<v>13175550100</v>", b"<v>abc</v>"))
    assert b"<v>abc</v>" in zipfile.ZipFile(io.BytesIO(out.getvalue())).read("xl/worksheets/sheet1.xml")

    at = AppTest.from_file(APP, default_timeout=60).run()
    before = at.session_state["inv_sha"]
    at.file_uploader(key="w_inventory_upload").upload("bad.xlsx", out.getvalue(), "application/octet-stream").run()
    _no_exception_names(at)
    assert any("a cell marked as a number holds something else" in e.value for e in at.error)
    assert at.session_state["inv_sha"] == before

    deep = ("a = " + "[" * 1000 + "]" * 1000 + "\n").encode()
    at.file_uploader(key="w_settings_upload").upload("org.toml", deep, "application/toml").run()
    _no_exception_names(at)
    assert any("nested too deeply" in e.value for e in at.error), _shown(at)
