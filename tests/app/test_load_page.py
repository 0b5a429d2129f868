"""Load page regressions (AppTest): the upload error of an earlier file, and the mapping step's decoding."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from paths import ROOT, SAMPLES

TIMEOUT = 60


# every test gets its own tracker database (conftest.tracker_db)
pytestmark = pytest.mark.usefixtures("tracker_db")


def _app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception, at.exception
    return at


def test_good_upload_after_a_failed_one_shows_no_old_error():
    at = _app()
    uploader = at.file_uploader(key="w_inventory_upload")
    uploader.upload("broken.xlsx", b"PK\x03\x04 not a workbook", "application/octet-stream").run()
    assert [e.value for e in at.error if "Upload not used" in e.value], "the bad file is refused with a message"

    raw = (SAMPLES / "inventory_de.csv").read_bytes()
    at.file_uploader(key="w_inventory_upload").upload("inventory_de.csv", raw, "text/csv").run()
    assert not at.exception
    assert at.session_state["inv_name"] == "inventory_de.csv"
    assert [e.value for e in at.error if "Upload not used" in e.value] == []


def test_mapping_step_reads_windows_1252_like_the_reader():
    at = _app()
    raw = "Anschluss;Straße;Ort\n+4922112345678;Domkloster 4;Köln\n".encode("cp1252")
    # An even length is what let the old decoder take these bytes for UTF-16 (CJK garbage) without error.
    assert len(raw) % 2 == 0
    at.file_uploader(key="w_inventory_upload").upload("koeln.csv", raw, "text/csv").run()
    assert any("no phone number column" in e.value for e in at.error)
    assert at.selectbox(key="w_map_number").options == ["(none)", "Anschluss", "Straße", "Ort"]

    at.selectbox(key="w_map_number").set_value("Anschluss")
    at.selectbox(key="w_map_city").set_value("Ort")
    [b for b in at.button if b.label == "Use this mapping"][0].click().run()
    assert not at.exception
    assert at.session_state["inv_mapping"] == {"number": "Anschluss", "city": "Ort"}
    assert [e.value for e in at.error if "Upload not used" in e.value] == []
