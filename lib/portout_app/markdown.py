"""Untrusted text made safe for Streamlit's Markdown."""

from __future__ import annotations

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()<>#+-.!|:$~=\"'&"})


def md(text: object) -> str:
    """Untrusted text (file names, headers, addresses, error messages quoting them) for st.markdown & co.:
    every Markdown punctuation is escaped, so `![x](http://evil/pixel)` shows as text instead of loading
    an image or rendering a link, and `:red[...]` / `$...$` stay literal. Newlines become spaces."""
    return " ".join(str(text).split("\n")).translate(_MD_SPECIAL)
