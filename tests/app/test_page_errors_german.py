"""A German session shows the library's refusals in German (not a German prefix before English details)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from paths import ROOT

APP = str(ROOT / "app.py")


def _german(tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("PORTOUT_DB", str(tmp_path / "tracker.sqlite3"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    [r for r in at.sidebar.radio if r.key == "w_ui_lang"][0].set_value("de").run()
    at.switch_page("pages/load.py").run()
    assert not at.exception
    return at


def test_broken_workbook_upload_is_refused_in_german(tmp_path, monkeypatch):
    at = _german(tmp_path, monkeypatch)
    at.file_uploader(key="w_inventory_upload").upload(
        "kaputt.xlsx", b"PK\x03\x04 kein Zip", "application/octet-stream"
    ).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("Excel\\-Datei kann nicht geöffnet werden" in e for e in errors), errors
    assert not any("cannot be opened" in e for e in errors), errors
    assert at.session_state["inv_is_sample"] is True


def test_missing_number_column_in_german_still_offers_the_mapping(tmp_path, monkeypatch):
    at = _german(tmp_path, monkeypatch)
    raw = b"Anschluss;Ort\n+4930901820;Berlin\n"
    at.file_uploader(key="w_inventory_upload").upload("odd.csv", raw, "text/csv").run()
    errors = [e.value for e in at.error]
    assert any("keine Rufnummernspalte" in e for e in errors), errors
    # the mapping step still recognises the refusal (it compares the error, not its words)
    at.selectbox(key="w_map_number").set_value("Anschluss")
    # switching back to English re-renders the kept error in English
    [r for r in at.sidebar.radio if r.key == "w_ui_lang"][0].set_value("en").run()
    assert any("no phone number column" in e.value for e in at.error)


def test_bad_settings_upload_is_refused_in_german_with_the_field(tmp_path, monkeypatch):
    at = _german(tmp_path, monkeypatch)
    toml = b'[signer]\nemail = "kein-mail"\n'
    at.file_uploader(key="w_inventory_upload").upload("inv.csv", b"number\n+13175550100\n", "text/csv").run()
    assert [u for u in at.get("file_uploader") if u.key == "w_settings_upload"], "no settings upload shown"
    at.file_uploader(key="w_settings_upload").upload("org.toml", toml, "application/toml").run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "Einstellungen\\: signer\\.email\\: \\'kein\\-mail\\' ist keine E\\-Mail\\-Adresse" in errors, errors
