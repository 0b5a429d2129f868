"""Errors a user can act on: the CLI and the dashboard show their message, never a traceback."""

from __future__ import annotations


class PortoutError(Exception):
    """Base class: `str(err)` is one clear line meant for the user."""


class InventoryError(PortoutError):
    """The inventory file cannot be read (encoding, format, missing number column...)."""


class SettingsError(PortoutError):
    """An organisation setting is missing or invalid; `field` names it (dotted TOML path)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"settings: {field}: {message}")
