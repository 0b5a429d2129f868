"""The dashboard's language: one switch in the sidebar, remembered per session, defaulting to the browser's.

Each session keeps its own language (a server serves many), so nothing is installed globally: a page asks
`_ = language.gettext()` once at its top and calls `_("text")`, `_.money(...)`, `_.date(...)`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import streamlit as st
from babel import Locale
from babel.numbers import format_currency, format_decimal

from portout.dates import EARLIEST, LATEST
from portout.formatting import NUMBER_LOCALES
from portout.i18n import LANG_NAMES, Translator, lang_from_locale, translator
from portout_app.keys import LOCALE, NUMBER_FORMAT, UI_LANG

LANG_KEY = UI_LANG  # durable (plain) key: widget keys are dropped when the user visits another page
_WIDGET = "w_ui_lang"
_OPTIONS = ("de", "en")


def _browser_locale() -> str | None:
    try:
        return st.context.locale  # e.g. "de-DE"; None outside a browser session (AppTest)
    except Exception:  # older Streamlit without st.context.locale: English until the user switches
        return None


def current_lang() -> str:
    ss = st.session_state
    if LANG_KEY not in ss:
        ss[LANG_KEY] = lang_from_locale(_browser_locale())
    return str(ss[LANG_KEY])


def date_format() -> str:
    """How date pickers write a date in this session's language (German 27.11.2026, else ISO order)."""
    return "DD.MM.YYYY" if current_lang() == "de" else "YYYY-MM-DD"


def date_picker_args() -> dict[str, Any]:
    """What every date picker and date column takes: only the dates the library accepts (portout.dates), so
    none can fail later, written as this session's language writes dates."""
    return {"min_value": EARLIEST, "max_value": LATEST, "format": date_format()}


def gettext() -> Translator:
    """This session's translator (messages and locale formatting)."""
    return translator(current_lang())


def _commit() -> None:
    # on_change runs before the rerun, so the whole next run (from the page's top) is in the new language
    st.session_state[LANG_KEY] = st.session_state[_WIDGET]


def language_switch() -> None:
    """The one German/English switch (draw it in the sidebar)."""
    lang = current_lang()
    st.session_state[_WIDGET] = lang  # re-seed: the widget key is dropped on page switches
    _ = translator(lang)
    st.radio(
        ":material/translate: " + _("Language"),
        _OPTIONS,
        key=_WIDGET,
        horizontal=True,
        format_func=LANG_NAMES.__getitem__,
        on_change=_commit,
    )


def number_locale() -> str:
    """The number format in effect: the user's choice for this language, else the language's default."""
    chosen = st.session_state.get(NUMBER_FORMAT, {}).get(current_lang())
    return chosen if chosen in NUMBER_LOCALES else gettext().locale


def number_format_picker(container: Any, currency: str) -> str:
    """The number-format choice (only the formats of the dashboard's languages), each shown with an example
    amount; remembered per language under a plain key, so reruns and page switches keep it."""
    _ = gettext()
    lang = current_lang()
    current = number_locale()
    widget = f"w_number_format_{lang}"
    st.session_state[widget] = current  # re-seed: the widget key is dropped on page switches

    def label(code: str) -> str:
        name = Locale.parse(code).get_display_name(_.locale) or code
        # Without a currency (nothing priced yet) the example is a plain number: no invented symbol.
        example = (
            format_currency(Decimal("1234.56"), currency, locale=code)
            if currency
            else format_decimal(Decimal("1234.56"), locale=code)
        )
        return f"{name} · {example}"

    def commit() -> None:
        st.session_state[NUMBER_FORMAT] = {**st.session_state.get(NUMBER_FORMAT, {}), lang: st.session_state[widget]}

    container.selectbox(_("Number format"), NUMBER_LOCALES, key=widget, format_func=label, on_change=commit)
    st.session_state[LOCALE] = number_locale()
    return str(st.session_state[LOCALE])
