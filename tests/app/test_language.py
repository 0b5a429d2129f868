"""The sidebar language switch: one per session, remembered across pages, German text from the catalogue."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from paths import ROOT

APP = str(ROOT / "app.py")


def _switch(at: AppTest):
    radios = [r for r in at.sidebar.radio if r.key == "w_ui_lang"]
    assert len(radios) == 1, "exactly one language switch, in the sidebar"
    return radios[0]


def test_switch_to_german_and_it_stays_across_pages(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTOUT_DB", str(tmp_path / "tracker.sqlite3"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert _switch(at).value == "en"  # no browser locale in AppTest: English
    assert any("sample" in i.value for i in at.sidebar.info)
    _switch(at).set_value("de").run()
    assert not at.exception
    assert at.session_state["ui_lang"] == "de"
    assert any("Beispiel" in i.value for i in at.sidebar.info)
    assert any("Nummern in" in c.value for c in at.sidebar.caption)
    at.switch_page("pages/inventory.py").run()
    assert not at.exception
    assert _switch(at).value == "de", "the choice survives a page switch"
    assert any("Beispiel" in i.value for i in at.sidebar.info)
