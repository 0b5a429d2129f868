"""Locale-aware money and number formatting (babel), shared by pages and charts."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, format_decimal

LOCALES = {"English (US)": "en_US", "English (UK)": "en_GB", "Deutsch": "de_DE", "Français": "fr_FR"}


def money(amount: Decimal | float | int, currency: str, locale: str = "en_US") -> str:
    return format_currency(Decimal(str(amount)), currency, locale=locale)


def count(value: int, locale: str = "en_US") -> str:
    return format_decimal(value, locale=locale)


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()<>#+-.!|:$~=\"'&"})


def md(text: object) -> str:
    """Untrusted text (file names, headers, addresses, error messages quoting them) for st.markdown & co.:
    every Markdown punctuation is escaped, so `![x](http://evil/pixel)` shows as text instead of loading
    an image or rendering a link, and `:red[...]` / `$...$` stay literal. Newlines become spaces."""
    return " ".join(str(text).split("\n")).translate(_MD_SPECIAL)
