"""Translatable errors: `str(err)` stays the English line; `render(_)` writes the catalogue's German."""

from __future__ import annotations

import pickle

import pytest

from portout.errors import InventoryError, PortoutError, SettingsError, Text, error_text
from portout.i18n import N_, translator

DE, EN = translator("de"), translator("en")


def test_template_error_is_english_text_and_renders_in_german():
    err = InventoryError(N_("sheet {sheet!r} is empty"), sheet="Numbers")
    assert str(err) == "sheet 'Numbers' is empty"
    assert err.args == ("sheet 'Numbers' is empty",)
    assert err.render(EN) == str(err)
    assert err.render(DE) == "das Blatt 'Numbers' ist leer"
    assert error_text(err, DE) == err.render(DE)


def test_numbers_use_the_locale_and_text_params_are_translated():
    err = InventoryError(
        N_("the Excel file is damaged (sheet {sheet!r} after row {row}): {reason}"),
        sheet="S",
        row=12345,
        reason=Text(N_("a part of the workbook is missing")),
    )
    assert str(err) == "the Excel file is damaged (sheet 'S' after row 12345): a part of the workbook is missing"
    assert (
        err.render(DE)
        == "die Excel-Datei ist beschädigt (Blatt 'S' nach Zeile 12.345): ein Teil der Arbeitsmappe fehlt"
    )


def test_plain_string_errors_still_work_in_every_language():
    err = PortoutError("something {odd} happened")  # not converted: no params, braces kept as written
    assert str(err) == "something {odd} happened"
    assert err.render(DE) == "something {odd} happened"
    assert error_text(ValueError("x"), DE) == "x"


def test_settings_error_keeps_field_and_shape_and_translates_prefix_and_message():
    err = SettingsError("organization.default_country", N_("the file is empty"))
    assert err.field == "organization.default_country"
    assert str(err) == "settings: organization.default_country: the file is empty"
    assert err.render(DE) == "Einstellungen: organization.default_country: die Datei ist leer"
    plain = SettingsError("x.y", "made up")  # an unconverted message keeps its text, the prefix is translated
    assert str(plain) == "settings: x.y: made up"
    assert plain.render(DE) == "Einstellungen: x.y: made up"


def test_a_translation_with_a_broken_placeholder_falls_back_to_english(monkeypatch):
    err = InventoryError(N_("sheet {sheet!r} is empty"), sheet="S")
    monkeypatch.setattr(type(DE), "__call__", lambda self, message, **p: "Blatt {blatt} leer")
    assert err.render(DE) == str(err)


@pytest.mark.parametrize(
    "err",
    [
        InventoryError(N_("sheet {sheet!r} is empty"), sheet="S"),
        SettingsError("signer.name", N_("the file is empty")),
        PortoutError("plain"),
    ],
)
def test_errors_pickle_with_their_template(err):
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is type(err) and str(again) == str(err)
    assert again.render(DE) == err.render(DE)
    assert getattr(again, "field", None) == getattr(err, "field", None)
