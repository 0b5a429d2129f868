"""Errors a user can act on: the CLI and the dashboard show their message, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


class PortoutError(Exception):
    """Base class: `str(err)` is one clear line meant for the user (English).

    An error built with `coded()` also keeps its catalogue `template` and `params`, so a page or the CLI
    shows it in the reader's language (`portout.i18n.error_text`); others show their English text."""

    template: str = ""
    params: dict[str, object] = {}  # a read-only class default: coded() sets its own

    @classmethod
    def coded(cls, template: str, **params: object) -> PortoutError:
        """An error whose text is a catalogue template (marked with N_ where it is defined) + parameters."""
        err = cls(template.format(**params))
        err.template, err.params = template, params
        return err


class InventoryError(PortoutError):
    """The inventory file cannot be read (encoding, format, missing number column...)."""


class SettingsError(PortoutError):
    """An organisation setting is missing or invalid; `field` names it (dotted TOML path)."""

    def __init__(self, field: str, message: str, template: str = "", **params: object) -> None:
        self.field = field
        super().__init__(f"settings: {field}: {message}")
        if template:  # translatable: `message` is `template` filled with `params` (English)
            self.template, self.params = template, params


def read_source(
    source: str | Path | bytes, what: str = "", error: Callable[[str], PortoutError] = PortoutError
) -> bytes:
    """The bytes of a path, or the bytes themselves (an upload). An unreadable path becomes one clear
    `error` line ("cannot read <what> <path>: <reason>"), never an OSError traceback."""
    if isinstance(source, bytes):
        return source
    try:
        return Path(source).read_bytes()
    except OSError as err:
        raise error(f"cannot read {what + ' ' if what else ''}{source}: {err.strerror or err}") from None
