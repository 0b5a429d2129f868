"""How an inventory file was read (format, encoding, delimiter, sheet, header row), in a person's language.

The reader records it as data (`Inventory.read_info`); the dashboard, the CLI and the English `notes`
render it here, so the German dashboard says "als CSV gelesen (Windows-1252, durch Semikolon getrennt)".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from portout.i18n import N_, Translator

# The CLI repeats the note on stderr when hidden sheets were left out (English marker in `notes`).
HIDDEN_SHEETS_NOTE = "hidden sheets not read"

_SEPARATORS = {
    ",": N_("comma-separated"),
    ";": N_("semicolon-separated"),
    "\t": N_("tab-separated"),
    "|": N_("pipe-separated"),
}
_SHEET_CHOICE = {
    "asked": N_("the sheet asked for"),
    "active": N_("the active sheet"),
    "first_visible": N_("the first visible sheet"),
}


def describe_read(info: Mapping[str, Any], _: Translator) -> str:
    """One sentence on how the file was read, in `_`'s language ("" when nothing was recorded)."""
    if info.get("format") == "csv":
        delimiter = str(info.get("delimiter", ""))
        how = _(_SEPARATORS[delimiter]) if delimiter in _SEPARATORS else _("separated by “{char}”", char=delimiter)
        if info.get("header_line"):
            how += _(", header on line {line}", line=info["header_line"])
        return _(
            "read {name} as CSV ({encoding}, {how})",
            name=info.get("name", ""),
            encoding=info.get("encoding", ""),
            how=how,
        )
    if info.get("format") == "xlsx":
        choice = str(info.get("sheet_choice", ""))
        why = _(_SHEET_CHOICE[choice]) if choice in _SHEET_CHOICE else choice
        hidden = list(info.get("hidden_sheets") or [])
        if hidden:
            # English keeps the marker the CLI looks for
            why += "; " + _("hidden sheets not read: {sheets}", sheets=", ".join(repr(h) for h in hidden))
        if info.get("header_row"):
            why += _(", header on row {row}", row=info["header_row"])
        return _(
            "read {name} as Excel (sheet {sheet}, {why})",
            name=info.get("name", ""),
            sheet=repr(str(info.get("sheet", ""))),
            why=why,
        )
    return ""


def has_hidden_sheets(info: Mapping[str, Any]) -> bool:
    return bool(info.get("hidden_sheets"))
