"""Errors a user can act on: the CLI and the dashboard show their message, never a traceback.

An error is one English line (`str(err)`: the CLI's default, JSON, logs and tests read it) and, when raised
with a catalogue template, also that template and its parameters, so a front end renders it in the
reader's language: `PortoutError(N_("row {row}: {value!r} is not an amount"), row=10, value="abc")`, then
`error_text(err, _)`. An error raised with a finished English string (not converted yet) renders as that
string in every language.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # i18n imports this module: no runtime import the other way
    from portout.i18n import Translator


def N_(message: str) -> str:
    """Marks a message for extraction (the same as portout.i18n.N_, which imports this module)."""
    return message


class Text(str):
    """An error parameter that is itself a catalogue message (mark it with `N_` where written), with its own
    parameters: the English text as a str, translated when the error is rendered, e.g. the reason inside
    "the Excel file cannot be opened: {reason}" or the "row {row}: {column}" an error names."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Text:
        english = _english(template, params)
        text = super().__new__(cls, template if english is None else english)
        text.template, text.params = template, params
        return text

    def render(self, _: Translator) -> str:
        return _render(self.template, self.params, _) or str(self)


def joined(items: list[Any], sep: str = ", ") -> Text:
    """A list for an error message whose items (`Text`s) are translated when rendered; `sep` may be a
    `Text` too (" or "). The template is built, not a catalogue entry: only the items translate."""
    params: dict[str, Any] = {f"item{n}": item for n, item in enumerate(items)}
    if isinstance(sep, Text):
        params["sep"] = sep
        return Text("{sep}".join("{" + k + "}" for k in params if k != "sep"), **params)
    return Text(sep.join("{" + k + "}" for k in params), **params)


def _english(template: str, params: dict[str, Any]) -> str | None:
    """The English text: the template filled as str.format writes it (None: template and params disagree)."""
    try:
        return template.format(**params) if params else template
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        return None


def _render(template: str, params: dict[str, Any], _: Translator) -> str | None:
    """`template` translated, filled with `params` as `_`'s locale writes them (None: the translation is broken)."""
    if not params:
        return _(template)
    try:
        return _LocaleFormatter(_).format(_(template), **params)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        return None


class _LocaleFormatter(string.Formatter):
    """str.format with numbers and dates as the translator's locale writes them ("{limit:,}" -> 1.000.000),
    and nested errors and `Text`s rendered in its language."""

    def __init__(self, _: Translator) -> None:
        self._ = _

    def format_field(self, value: Any, format_spec: str) -> str:
        _ = self._
        if isinstance(value, (PortoutError, Text)):
            return format(value.render(_), format_spec)
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool) and format_spec in ("", ","):
            return _.number(value)
        if isinstance(value, date) and not isinstance(value, datetime) and not format_spec:
            return _.date(value)  # English keeps ISO, as str() writes it
        return str(super().format_field(value, format_spec))


class PortoutError(Exception):
    """Base class: `str(err)` is one clear line meant for the user (English); `template` and `params`
    let `render` write it in another language."""

    def __init__(self, message: str = "", /, **params: Any) -> None:
        self.template = message
        self.params = params
        english = _english(message, params)
        super().__init__(message if english is None else english)

    @classmethod
    def coded(cls, template: str, /, **params: Any) -> PortoutError:
        """The same as `cls(template, **params)` (kept for callers written before errors took params)."""
        return cls(template, **params)

    def __reduce__(self) -> tuple[Any, ...]:  # pickled with its template and params (keyword arguments)
        return (_rebuild, (type(self), self.__dict__.copy(), self.args))

    def render(self, _: Translator) -> str:
        """The message in `_`'s language: the translated template with its parameters, numbers as the
        locale writes them, nested errors and `Text` parameters rendered too. English is `str(self)`."""
        if _.lang == "en":
            return str(self)
        return _render(self.template, self.params, _) or str(self)


def _rebuild(cls: type[PortoutError], state: dict[str, Any], args: tuple[Any, ...]) -> PortoutError:
    err = cls.__new__(cls)
    err.__dict__.update(state)
    err.args = args
    return err


def error_text(err: BaseException, _: Translator) -> str:
    """Any error as a person reads it in `_`'s language (a non-PortoutError: its own text)."""
    return err.render(_) if isinstance(err, PortoutError) else str(err)


class InventoryError(PortoutError):
    """The inventory file cannot be read (encoding, format, missing number column...)."""


class SettingsError(PortoutError):
    """An organisation setting is missing or invalid; `field` names it (dotted TOML path).
    `str(err)` is "settings: {field}: {problem}"; the problem may be a template with params:
    `SettingsError("signer.email", N_("{value!r} is not an e-mail address"), value=...)`. (The older form
    `SettingsError(field, english_text, template, **params)` gives the English text and the template.)"""

    def __init__(self, field: str, message: str, template: str = "", /, **params: Any) -> None:
        self.field = field
        self.problem = PortoutError(template or message, **params)
        super().__init__(N_("settings: {field}: {problem}"), field=field, problem=self.problem)


def read_source(source: str | Path | bytes, what: str = "", error: Callable[..., PortoutError] = PortoutError) -> bytes:
    """The bytes of a path, or the bytes themselves (an upload). An unreadable path becomes one clear
    `error` line ("cannot read <what> <path>: <reason>"), never an OSError traceback. `what` is a
    catalogue message (marked with `N_` by the caller), translated when the error is rendered."""
    if isinstance(source, bytes):
        return source
    try:
        return Path(source).read_bytes()
    except OSError as err:
        reason = err.strerror or str(err)
        if what:
            raise error(
                N_("cannot read {what} {path}: {reason}"), what=Text(what), path=str(source), reason=reason
            ) from None
        raise error(N_("cannot read {path}: {reason}"), path=str(source), reason=reason) from None
