"""Untrusted text made safe for Streamlit's Markdown."""

from __future__ import annotations

from portout.errors import PortoutError, error_text

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()<>#+-.!|:$~=\"'&"})


def md(text: object) -> str:
    """Untrusted text (file names, headers, addresses, error messages quoting them) for st.markdown & co.:
    every Markdown punctuation is escaped, so `![x](http://evil/pixel)` shows as text instead of loading
    an image or rendering a link, and `:red[...]` / `$...$` stay literal. Newlines become spaces.
    A PortoutError (or an `ErrorMessage` kept from one) is written in the session's language."""
    return " ".join(shown_error(text).split("\n")).translate(_MD_SPECIAL)


class ErrorMessage(str):
    """An error's text as first shown, still carrying the error: kept in the session (an upload refused),
    it is written again in the language of the page that shows it, and callers can ask what it was."""

    error: PortoutError

    def __new__(cls, error: PortoutError) -> ErrorMessage:
        message = super().__new__(cls, str(error))
        message.error = error
        return message


def shown_error(text: object) -> str:
    """`text` as a person reads it: errors rendered in the session's language, anything else as str()."""
    error = text.error if isinstance(text, ErrorMessage) else text
    if isinstance(error, PortoutError):
        from portout_app import language  # streamlit only when an error is shown

        return error_text(error, language.gettext())
    return str(text)
