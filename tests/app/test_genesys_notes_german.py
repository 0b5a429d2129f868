"""A German session fetching from the demo Genesys Cloud reads the fetch's notes (BYOC numbers, approximate
addresses) in German, not the library's English warnings."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from paths import ROOT
from portout.i18n import translator

APP = str(ROOT / "app.py")


def test_demo_fetch_notes_in_german(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTOUT_DB", str(tmp_path / "tracker.sqlite3"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    [r for r in at.sidebar.radio if r.key == "w_ui_lang"][0].set_value("de").run()
    at.switch_page("pages/load.py").run()
    label = translator("de")("Fetch the numbers")
    assert label != "Fetch the numbers"
    [b for b in at.button if b.label == label][0].click().run()
    assert not at.exception, at.exception
    shown = " ".join(s.value for s in at.success)
    assert "aus Genesys Cloud geladen (Demo-Server)" in shown, shown
    # md() escapes Markdown punctuation; compare the words
    plain = shown.replace("\\", "")
    assert "Hinweise: 50 Nummern sind BYOC (Anbieter PURE_CLOUD): sie gehören einem anderen Carrier" in plain, plain
    assert "Adressen sind angenähert" in plain
    assert "numbers are BYOC" not in plain and "addresses are approximate" not in plain
