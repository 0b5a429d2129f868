"""Message catalogues (gettext, built with babel's tooling) and locale formatting, for any front end.

The library stays language-neutral: it returns codes and parameters; the dashboard, the CLI and the
exports render them with a `Translator` for one language. Nothing is installed globally (a Streamlit
server serves many sessions, each in its own language): callers keep a `Translator` and pass it down.

Translator's workflow: `make messages` (extract `_()`/`N_()`/`Nn_()`/`.ngettext()` into lib/portout/locale/portout.pot,
update the .po files), translate lib/portout/locale/de/LC_MESSAGES/portout.po, `make compile-messages`.
"""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal, format_percent, get_currency_symbol
from babel.support import Translations

from portout.errors import PortoutError
from portout.errors import error_text as error_text  # re-exported: callers look for it here too

LANGS = ("en", "de")
DEFAULT_LANG = "en"
LANG_NAMES = {"de": "Deutsch", "en": "English"}
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "portout"
# The babel locale used for numbers, money and dates per UI language (and the paper size follows it).
FORMAT_LOCALES = {"en": "en_US", "de": "de_DE"}


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined (a table of labels); translate it where shown."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a plural pair for extraction (`make messages` knows `Nn_:1,2`); render it with `Translator.plural`."""
    return (singular, plural)


# A message as the tables hold it: one text, or a (singular, plural) pair chosen by its `count`.
Message = str | tuple[str, str]


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise PortoutError(f"language must be one of {', '.join(LANGS)}, got {lang!r}")
    return lang


def lang_from_locale(tag: str | None) -> str:
    """A browser/OS locale tag ("de-AT", "de_CH.UTF-8", "en-US") to one of LANGS; English otherwise."""
    base = (tag or "").replace("-", "_").split("_")[0].split(".")[0].lower()
    return base if base in LANGS else DEFAULT_LANG


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of `lang` (English is the source language: no catalogue needed).

    Loads the compiled .mo when it is at least as new as the .po (`make compile-messages`, run by
    scripts/setup.sh; the .mo is not committed, so merges never fight over a binary); otherwise compiles
    the .po in memory, so a checkout whose .po just changed still shows the current text. A missing
    catalogue is an installation error, not a silent fall-back to English."""
    check_lang(lang)
    if lang == "en":
        return gettext.NullTranslations()
    po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as f:
            return Translations(f, domain=DOMAIN)
    if not po.exists():
        raise PortoutError(f"message catalogue for {lang!r} missing in {LOCALE_DIR}")
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


@lru_cache(maxsize=4096)
def _int_text(value: int, locale: str) -> str:
    """An integer as the locale writes it, remembered: a plan's readiness texts format the same few counts
    thousands of times, and babel takes ~50 µs a call."""
    return format_decimal(value, locale=locale)


@dataclass(frozen=True)
class Translator:
    """Messages and formatting for one language. Call it like gettext: `_ = translator("de"); _("Load")`.

    Parameters are named and filled with str.format after translation, so a translator can move them:
    `_("{count} numbers", count=n)`. Numbers passed as parameters should be formatted first (`_.number`).
    """

    lang: str

    @property
    def locale(self) -> str:
        return FORMAT_LOCALES[self.lang]

    def __call__(self, message: str, **params: object) -> str:
        text = translations(self.lang).gettext(message)
        return text.format(**params) if params else text

    def ngettext(self, singular: str, plural: str, count: int, **params: object) -> str:
        """Plural-aware message; `{count}` is available in both forms (formatted for the locale)."""
        text = translations(self.lang).ngettext(singular, plural, count)
        return text.format(count=self.number(count), **params)

    def plural(self, message: Message, count: int, **params: object) -> str:
        """A table entry (`N_` text or `Nn_` pair) with `{count}` and the other parameters filled in."""
        if isinstance(message, tuple):
            return self.ngettext(message[0], message[1], count, **params)
        return self(message, count=self.number(count), **params)

    # ---- locale formatting (babel) ----
    def number(self, value: int | float | Decimal, decimals: int | None = None) -> str:
        if decimals is None:
            if type(value) is int:
                return _int_text(value, self.locale)
            return format_decimal(value, locale=self.locale)
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def money(self, amount: Decimal | int | float, currency: str) -> str:
        """An exact amount with its currency ("1.234,56 €" / "€1,234.56"): never a bare number. Without a
        currency (nothing priced, none set) there is no amount to show: a dash, never an invented "$0.00"."""
        if not currency:
            return NO_AMOUNT
        return format_currency(Decimal(str(amount)), currency, locale=self.locale)

    def percent(self, ratio: float | Decimal, decimals: int = 0) -> str:
        """A ratio (0.125) as the locale writes it ("12,5 %" / "12.5%"), with `decimals` places."""
        pattern = Locale.parse(self.locale).percent_formats[None].pattern
        if decimals:
            pattern = pattern.replace("0%", "0." + "0" * decimals + "%").replace(
                "0\xa0%", "0." + "0" * decimals + "\xa0%"
            )
        return format_percent(ratio, format=pattern, locale=self.locale)

    def date(self, value: date | datetime | None) -> str:
        if value is None:
            return ""
        return format_date(value, format="medium" if self.lang == "en" else "dd.MM.yyyy", locale=self.locale)

    def datetime(self, value: datetime) -> str:
        """Date and time to the minute (English in ISO order: read the same in the US and the UK)."""
        return format_datetime(
            value, format="dd.MM.yyyy HH:mm" if self.lang == "de" else "yyyy-MM-dd HH:mm", locale=self.locale
        )

    def currency_symbol(self, currency: str) -> str:
        return get_currency_symbol(currency, locale=self.locale)

    @property
    def decimal_sep(self) -> str:
        return "," if self.lang == "de" else "."

    @property
    def group_sep(self) -> str:
        return "." if self.lang == "de" else ","

    @property
    def plotly_separators(self) -> str:
        """Plotly's `layout.separators`: decimal mark then thousands mark."""
        return self.decimal_sep + self.group_sep


# What stands for an amount that has no currency (a cost report where nothing is priced).
NO_AMOUNT = "—"


@cache
def translator(lang: str = DEFAULT_LANG) -> Translator:
    check_lang(lang)
    return Translator(lang)
