"""The dashboard's language: one switch in the sidebar, remembered per session, defaulting to the browser's.

Each session keeps its own language (a server serves many), so nothing is installed globally: a page asks
`_ = language.gettext()` once at its top and calls `_("text")`, `_.money(...)`, `_.date(...)`.
"""

from __future__ import annotations

import streamlit as st

from portout.i18n import LANG_NAMES, Translator, lang_from_locale, translator
from portout_app.keys import UI_LANG

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
