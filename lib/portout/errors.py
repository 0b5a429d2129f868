"""Errors a user can act on: the CLI and the dashboard show their message, never a traceback.

An error is one English line (`str(err)`: the CLI's default, JSON, logs and tests read it) and, when raised
with a catalogue template, also that template and its parameters, so a front end renders it in the
reader's language: `PortoutError(N_("row {row}: {value!r} is not an amount"), row=10, value="abc")`, then
`error_text(err, _)`. An error raised with a finished English string (not converted yet) renders as that
string in every language.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # i18n imports this module: no runtime import the other way
    from portout.i18n import Translator


def N_(message: str) -> str:
    """Marks a message for extraction (the same as portout.i18n.N_, which imports this module)."""
    return message


class Text(str):
    """An error parameter that is itself a catalogue message (mark it with `N_` where written): translated
    when the error is rendered, e.g. the reason inside "the Excel file cannot be opened: {reason}"."""


def _fill(template: str, params: dict[str, Any], shown: dict[str, Any]) -> str | None:
    try:
        return template.format(**shown) if params else template
    except (KeyError, IndexError, ValueError, AttributeError):  # a translation with a broken placeholder
        return None


class PortoutError(Exception):
    """Base class: `str(err)` is one clear line meant for the user (English); `template` and `params`
    let `render` write it in another language."""

    def __init__(self, message: str = "", /, **params: Any) -> None:
        self.template = message
        self.params = params
        english = _fill(message, params, params)
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
        shown = {k: _param(v, _) for k, v in self.params.items()}
        return _fill(_(self.template), self.params, shown) or str(self)


def _param(value: Any, _: Translator) -> Any:
    if isinstance(value, PortoutError):
        return value.render(_)
    if isinstance(value, Text):
        return _(str(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return _.number(value)
    return value


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
