"""Locale-aware money and number formatting (babel), shared by pages and charts."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, format_decimal

# The number formats the dashboard offers: the ones of its languages (German in Germany, Austria and
# Switzerland; English in the US and the UK). Offering a language the dashboard does not speak (French)
# would format figures next to German or English text.
NUMBER_LOCALES = ("de_DE", "de_AT", "de_CH", "en_US", "en_GB")


def money(amount: Decimal | float | int, currency: str, locale: str = "en_US") -> str:
    """An amount with its currency; a dash when there is no currency (nothing priced): never "$0.00"."""
    if not currency:
        return "—"
    return format_currency(Decimal(str(amount)), currency, locale=locale)


def count(value: int, locale: str = "en_US") -> str:
    return format_decimal(value, locale=locale)


def money_float(value: Decimal | None) -> float:
    """An exact amount as a float for charts only (NaN where unpriced); tables and exports keep Decimal."""
    return float(value) if value is not None else float("nan")
