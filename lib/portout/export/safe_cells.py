"""Making untrusted text safe for a workbook: cell text, sheet titles, file names; and number ranges.

Inventory and settings text is untrusted (engineering.md, "Excel with openpyxl"): a value such as
`=HYPERLINK(...)` must stay text, an address must not pick a sheet title Excel rejects, and a location
named `../../etc/passwd` must not choose where a file is written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Spreadsheet apps treat text starting with these as a formula when the cell is edited or pasted.
FORMULA_START = frozenset("=+-@\t\r")
# openpyxl turns these strings into error cells (t="e"): they must stay text.
ERROR_LITERALS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#UNKNOWN!",
    }
)
MAX_CELL_CHARS = 32767  # Excel's limit for one cell

# XML 1.0 cannot carry most control characters, and parsers turn CR into LF. OOXML's escape for both is
# `_xHHHH_`; a literal `_xHHHH_` in the text must then itself be escaped (`_x005F_`), or Excel and other
# readers would decode it into a different character.
# Characters XML 1.0 cannot carry at all (C0 controls but tab and newline, lone surrogates, U+FFFE/U+FFFF),
# plus CR; one set for every piece of text a workbook holds: cells, sheet titles, document properties.
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_LITERAL_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
XML_ILLEGAL = _CONTROL

# Text that changes what a terminal or a file browser shows: escape sequences (CSI `ESC [ ... m`, OSC
# `ESC ] ... BEL|ESC \` such as OSC-8 hyperlinks), other C0/C1 controls and DEL, and the bidi controls
# that make "Main St‮xslx.exe" read backwards (U+202A-U+202E, U+2066-U+2069, U+200E/F, U+061C).
_TERMINAL_SEQUENCE = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST (OSC-8 hyperlinks, window titles)
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, screen clears
    r"|\x1b[@-Z\\-_]"  # other two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x9c]*[\x07\x9c]?"  # their 8-bit C1 forms
)
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def visible_text(value: object) -> str:
    """Text with escape sequences, control, bidi-override and XML-illegal characters removed: what a
    terminal table, a file name or a sheet title may show of untrusted text. Tab and newline are kept
    (callers that need one line replace them)."""
    text = value if isinstance(value, str) else str(value)
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        text = _TERMINAL_SEQUENCE.sub("", text)
    return _INVISIBLE.sub("", text)


def _escape_control(match: re.Match[str]) -> str:
    return f"_x{ord(match.group()):04X}_"


def cell_text(value: object) -> str:
    """Text as it must be stored in a cell so every reader shows exactly `value` (up to Excel's limit)."""
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    if _NEEDS_ESCAPE.search(text):
        text = _CONTROL.sub(_escape_control, _LITERAL_ESCAPE.sub("_x005F_", text))
    return text


def needs_quote(text: str) -> bool:
    """True for text a spreadsheet could take for a formula or an error value."""
    return bool(text) and (text[0] in FORMULA_START or (text[0] == "#" and text.upper() in ERROR_LITERALS))


# --------------------------------------------------------------------------- sheet titles

_SHEET_BAD = re.compile(r"[\\/?*\[\]:\x00-\x1f\x7f]")
MAX_SHEET_TITLE = 31
_EXCEL_RESERVED_TITLES = {"history"}  # Excel reserves "History" for change tracking


def safe_sheet_title(name: str, taken: set[str], fallback: str = "Sheet") -> str:
    """A valid, unique sheet title from any text; adds it to `taken` (casefolded, as Excel compares).

    ≤ 31 characters, none of / \\ ? * [ ] :, no control characters, no leading/trailing apostrophe
    (Excel rejects those); duplicates after truncation get " (2)", " (3)"...
    """
    text = visible_text(unicodedata.normalize("NFC", str(name)))
    text = _SHEET_BAD.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip().strip("'").strip()
    if not text or text.casefold() in _EXCEL_RESERVED_TITLES:
        text = (text + " " + fallback).strip() if text else fallback
    base = text[:MAX_SHEET_TITLE].rstrip().rstrip("'")
    title = base
    k = 2
    while title.casefold() in taken:
        suffix = f" ({k})"
        title = base[: MAX_SHEET_TITLE - len(suffix)].rstrip().rstrip("'") + suffix
        k += 1
    taken.add(title.casefold())
    return title


# --------------------------------------------------------------------------- file names

_FILE_BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{p}{n}" for p in ("COM", "LPT") for n in list("123456789") + ["¹", "²", "³", "0"]
}
MAX_FILE_STEM = 100
# Linux/macOS file systems and unzip limit a name to 255 BYTES: 100 emoji are 400. Room is kept for the
# " (12)" a duplicate gets and the extension.
MAX_FILE_NAME_BYTES = 255


def _cut_bytes(text: str, limit: int) -> str:
    """The longest prefix of `text` whose UTF-8 form fits in `limit` bytes (never half a character)."""
    raw = text.encode("utf-8")
    return text if len(raw) <= limit else raw[:limit].decode("utf-8", "ignore")


def safe_filename(name: str, taken: set[str], ext: str = ".xlsx", fallback: str = "request") -> str:
    """A file name (no directories) safe on Windows, macOS and Linux and inside a ZIP; unique in `taken`.

    No path separators, no `..`, no reserved device names (CON, NUL, COM1...), no control, escape or
    bidi-override characters, no trailing dot or space; stem at most 100 characters and the whole name
    at most 255 bytes of UTF-8, duplicate suffix included. `taken` holds casefolded names.
    """
    text = _TERMINAL_SEQUENCE.sub("", unicodedata.normalize("NFC", str(name)))
    text = visible_text(_FILE_BAD.sub("_", text))
    text = re.sub(r"\.{2,}", ".", text)  # no ".." anywhere
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"_{2,}", "_", text)
    text = text.strip(" ._")  # no hidden files, no trailing dots/spaces (Windows)
    if not text:
        text = fallback
    stem = text[:MAX_FILE_STEM].rstrip(" .")
    if stem.split(".")[0].strip().upper() in _WINDOWS_RESERVED:
        stem = "_" + stem

    def fitted(suffix: str) -> str:
        room = MAX_FILE_NAME_BYTES - len((suffix + ext).encode("utf-8"))
        return _cut_bytes(stem, room).rstrip(" .") + suffix + ext

    candidate = fitted("")
    k = 2
    while candidate.casefold() in taken:
        candidate = fitted(f" ({k})")
        k += 1
    taken.add(candidate.casefold())
    return candidate


# --------------------------------------------------------------------------- ranges


def compress_ranges(numbers: Iterable[str]) -> list[tuple[str, str, int]]:
    """Consecutive numbers folded into (first, last, count), in ascending order.

    Numbers are E.164 text; only numbers of the same length are consecutive (+4930123 and +49301240 never
    join). Duplicates count once. Text that is not `+digits` stays a range of its own.
    """
    digits: list[tuple[int, int, str]] = []
    others: list[str] = []
    for n in set(numbers):
        body = n[1:] if n.startswith("+") else n
        if body.isascii() and body.isdigit():
            digits.append((len(n), int(body), n))
        else:
            others.append(n)
    digits.sort()
    out: list[tuple[str, str, int]] = []
    run_start: tuple[int, int, str] | None = None
    prev: tuple[int, int, str] | None = None
    for item in digits:
        if prev is not None and item[0] == prev[0] and item[1] == prev[1] + 1:
            prev = item
            continue
        if run_start is not None and prev is not None:
            out.append((run_start[2], prev[2], prev[1] - run_start[1] + 1))
        run_start = prev = item
    if run_start is not None and prev is not None:
        out.append((run_start[2], prev[2], prev[1] - run_start[1] + 1))
    out.extend((n, n, 1) for n in sorted(others))
    return out


def range_text(first: str, last: str, count: int) -> str:
    """`+13175550100 – +13175550149 (50)`; a single number is written alone."""
    return first if count == 1 else f"{first} – {last} ({count})"
