"""Language of what the dashboard writes: the LOA documents start in the session's language (a choice made
there sticks), and date pickers write dates the way the session's language does."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from paths import ROOT
from portout_app import keys

APP = str(ROOT / "app.py")


def export_page(ui_lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state[keys.UI_LANG] = ui_lang
    at.run()
    at.switch_page("pages/loa_export.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_documents_start_in_german_for_a_german_session() -> None:
    at = export_page("de")
    assert at.selectbox(key="w_export_lang").value == "de"


def test_documents_start_in_english_for_an_english_session_and_a_choice_sticks() -> None:
    at = export_page("en")
    assert at.selectbox(key="w_export_lang").value == "en"
    at.selectbox(key="w_export_lang").set_value("de").run()
    at.switch_page("pages/inventory.py").run()
    at.switch_page("pages/loa_export.py").run()
    assert at.selectbox(key="w_export_lang").value == "de"


def test_date_pickers_write_german_dates_in_a_german_session() -> None:
    for lang, expected in (("de", "DD.MM.YYYY"), ("en", "YYYY-MM-DD")):
        at = AppTest.from_file(APP, default_timeout=120)
        at.session_state[keys.UI_LANG] = lang
        at.run()
        at.switch_page("pages/cost_impact.py").run()
        assert not at.exception, [e.message for e in at.exception]
        assert at.date_input(key="w_as_of").proto.format == expected
