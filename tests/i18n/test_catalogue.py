"""The message catalogue is complete and current: every text in the source is in the template and has a
German translation (not fuzzy, same placeholders), and the .po compiles (the .mo is built by setup, not committed).

Fails when someone adds or changes a `_()`/`N_()` text without `make messages`, leaves a German entry
empty.
"""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from paths import ROOT
from portout.i18n import LOCALE_DIR, lang_from_locale, translator

PO = LOCALE_DIR / "de" / "LC_MESSAGES" / "portout.po"
POT = LOCALE_DIR / "portout.pot"


def _key(message_id: str | tuple[str, ...]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def _source_ids() -> set[str]:
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = extract_from_dir(str(ROOT), method_map, options_map, keywords=DEFAULT_KEYWORDS | {"Nn_": (1, 2)})
    return {_key(msg[2]) for msg in found if msg[2]}


def _catalog(path):
    with open(path, "rb") as f:
        return read_po(f)


def test_catalogue_matches_source():
    source = _source_ids()
    assert len(source) > 100, "extraction found almost nothing: is babel.cfg right?"
    template = {_key(m.id) for m in _catalog(POT) if m.id}
    german = {_key(m.id) for m in _catalog(PO) if m.id}
    assert source - template == set(), "texts missing from the template: run `make messages`"
    assert template - source == set(), "stale texts in the template: run `make messages`"
    assert german == template, "the German catalogue is not updated from the template: run `make messages`"


def test_every_message_has_a_german_translation():
    problems = []
    for m in _catalog(PO):
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if "fuzzy" in m.flags:
            problems.append(f"fuzzy: {_key(m.id)!r}")
        if not all(s.strip() for s in strings):
            problems.append(f"untranslated: {_key(m.id)!r}")
        wanted = set(re.findall(r"\{(\w*)[^}]*\}", _key(m.id)))
        for s in strings:
            if set(re.findall(r"\{(\w*)[^}]*\}", s)) != wanted:
                problems.append(f"placeholders differ: {_key(m.id)!r} -> {s!r}")
    assert problems == []


def test_catalogue_compiles_and_a_stale_mo_is_not_used(tmp_path, monkeypatch):
    """The .po compiles (babel checks it); the app reads it directly when no current .mo exists."""
    from portout import i18n

    buf = BytesIO()
    write_mo(buf, _catalog(PO))
    buf.seek(0)
    compiled = {_key(tuple(m.id) if isinstance(m.id, list) else m.id): m.string for m in read_mo(buf) if m.id}
    assert compiled["Summary"] == "Übersicht"
    # a copy of the catalogue without .mo: translations come from the .po
    target = tmp_path / "de" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "portout.po").write_bytes(PO.read_bytes())
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translations.cache_clear()
    try:
        assert i18n.translations("de").gettext("Summary") == "Übersicht"
    finally:
        i18n.translations.cache_clear()


def test_translator_uses_the_catalogue():
    de, en = translator("de"), translator("en")
    assert de("Summary") == "Übersicht"
    assert en("Summary") == "Summary"
    assert de("{part} of {parts}", part=1, parts=3) == "1 von 3"
    assert de("not translated anywhere") == "not translated anywhere"


@pytest.mark.parametrize(
    ("tag", "lang"),
    [("de-DE", "de"), ("de_AT", "de"), ("de-CH", "de"), ("en-US", "en"), ("fr-FR", "en"), (None, "en"), ("", "en")],
)
def test_browser_language_to_ui_language(tag, lang):
    assert lang_from_locale(tag) == lang


def test_locale_formatting():
    from datetime import date
    from decimal import Decimal

    de, en = translator("de"), translator("en")
    assert de.money(Decimal("1234.56"), "EUR") == "1.234,56\xa0€"
    assert en.money(Decimal("1234.56"), "EUR") == "€1,234.56"
    assert de.date(date(2026, 11, 27)) == "27.11.2026"
    assert de.number(1234567) == "1.234.567"
    assert de.percent(0.125, 1) == "12,5\xa0%"
    assert de.plotly_separators == ",." and en.plotly_separators == ".,"
