"""Read a number inventory (CSV or XLSX) into canonical text columns.

Everything is read as text: pandas would turn `030123456` into `30123456` and `+4930...` into an integer.
Decoding, delimiter and header row are detected; an explicit mapping overrides header detection.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from portout.errors import InventoryError, Text, read_source
from portout.i18n import N_, translator
from portout.inventory.read_notes import describe_read

CANONICAL_COLUMNS = [
    "number",
    "number_type",
    "provider",
    "location",
    "street1",
    "street2",
    "city",
    "state",
    "postal_code",
    "country",
    "address",
    "owner",
    "owner_type",
    "monthly_charge",
    "currency",
    "removal_date",
    "address_source",
    "port",  # yes/no (ja/nein): whether the number leaves now (scope)
]

_ALIASES: dict[str, list[str]] = {
    "number": [
        "phone number",
        "phone_number",
        "number",
        "did",
        "e164",
        "telephone number",
        "rufnummer",
        "telefonnummer",
        "nummer",
        "phonenumber",
        "did number",
        "phone",
        "dnis",
        "e.164",
    ],
    "number_type": ["type", "number type", "typ", "nummerntyp", "number_type", "did type"],
    "provider": ["provider", "service provider", "anbieter", "carrier", "pool provider"],
    "location": ["location", "location name", "site", "standort", "emergency location"],
    "street1": [
        "street",
        "street1",
        "address line 1",
        "address1",
        "straße",
        "strasse",
        "street 1",
        "address line1",
        "adresszeile 1",
    ],
    "street2": [
        "street2",
        "address line 2",
        "address2",
        "address 2",
        "zusatz",
        "adresszusatz",
        "street 2",
        "address line2",
        "adresszeile 2",
    ],
    "city": ["city", "town", "ort", "stadt", "locality"],
    "state": ["state", "region", "province", "bundesland", "county", "state code"],
    "postal_code": [
        "postal code",
        "zip",
        "zipcode",
        "zip code",
        "postcode",
        "plz",
        "postleitzahl",
        "postal_code",
        "post code",
    ],
    "country": ["country", "country code", "land", "country name"],
    "address": ["address", "service address", "adresse", "full address", "anschrift"],
    "owner": ["owner", "assigned to", "zugewiesen an", "owner name", "assignee"],
    "owner_type": ["owner type", "owner_type", "ownertype", "assigned type", "besitzertyp"],
    "monthly_charge": [
        "mrc",
        "monthly charge",
        "monthly recurring charge",
        "monatliche gebühr",
        "monthly_charge",
        "monthly cost",
        "monatliche gebuehr",
    ],
    "currency": ["currency", "währung", "waehrung", "currency code"],
    "removal_date": ["removal date", "entfernungsdatum", "removal_date", "remove date", "removed on"],
    "address_source": ["address_source", "address source"],
    "port": ["port", "port?", "port out", "portout", "to port", "portieren", "portieren?", "portierung", "mitnehmen"],
}


def _norm_header(text: object) -> str:
    text = unicodedata.normalize("NFKC", str(text)).casefold().strip().strip(":").strip()
    return re.sub(r"\s+", " ", text.replace("_", " ").replace("-", " "))


_ALIAS_LOOKUP = {_norm_header(alias): canon for canon, aliases in _ALIASES.items() for alias in aliases}


@dataclass
class Inventory:
    """Canonical columns (text, '' when absent) plus `row`, the 1-based data row of the source."""

    frame: pd.DataFrame
    source_name: str = ""
    mapping: dict[str, str] = field(default_factory=dict)  # canonical -> source header
    unmapped: list[str] = field(default_factory=list)  # source headers we did not use
    notes: list[str] = field(default_factory=list)  # how the file was read, in English
    # how it was read as data (format, name, encoding, delimiter, sheet, ...): read_notes.describe_read
    read_info: dict[str, Any] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return len(self.frame)


def detect_mapping(headers: list[str]) -> dict[str, str]:
    """canonical column -> source header, first matching header wins."""
    mapping: dict[str, str] = {}
    # Exact aliases first; then "Phone Number (E.164)", "PLZ [5-stellig]": the alias without its annotation.
    for strip_annotation in (False, True):
        for header in headers:
            text = re.sub(r"[(\[].*?[)\]]", " ", str(header)) if strip_annotation else header
            canon = _ALIAS_LOOKUP.get(_norm_header(text))
            if canon and canon not in mapping:
                mapping[canon] = header
    return mapping


def _bomless_utf16(head: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: inventory text is mostly ASCII/Latin, so one byte of each
    pair is NUL, always on the same side. Little- or big-endian by that side; None when it isn't so."""
    pairs = len(head) // 2
    if pairs < 4:
        return None
    high_le = head[1 : 2 * pairs : 2].count(0)  # NUL in the second byte of each pair: little-endian
    high_be = head[0 : 2 * pairs : 2].count(0)
    if high_le >= 0.6 * pairs and high_be <= 0.05 * pairs:
        return "utf-16-le"
    if high_be >= 0.6 * pairs and high_le <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _decode(raw: bytes) -> tuple[str, str]:
    if b"\x00" in raw[:4096]:
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return raw.decode("utf-16"), "UTF-16"
        codec = _bomless_utf16(raw[:4096])
        if codec:
            try:
                return raw.decode(codec), f"{codec.upper()} without BOM"
            except UnicodeDecodeError:
                pass
        raise InventoryError(N_("the file is binary, not a CSV or XLSX inventory"))
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "Latin-1"


def _sniff_delimiter(sample: str) -> str:
    lines = [ln for ln in sample.splitlines()[:20] if ln.strip()]
    if not lines:
        return ","
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: sum(ln.count(d) for ln in lines) for d in (",", ";", "\t", "|")}
        return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _find_header_row(rows: list[list[str]], mapping: Mapping[str, str] | None) -> int:
    """Exports sometimes carry a title block above the header: look at the first rows for one naming a number."""
    wanted = _norm_header(mapping["number"]) if mapping and "number" in mapping else None
    for i, row in enumerate(rows[:15]):
        cells = [_norm_header(c) for c in row]
        if wanted is not None:
            if wanted in cells:
                return i
        elif any(_ALIAS_LOOKUP.get(c) == "number" for c in cells):
            return i
    return 0


# A blank line ("\n\n" or "\n\r\n"): one regex pass over the bytes is ~3x faster than two `in` scans.
_BLANK_LINE = re.compile(rb"\n\r?\n")


def _read_csv(
    raw: bytes, text: str, encoding: str, mapping: Mapping[str, str] | None
) -> tuple[pd.DataFrame, dict[str, Any]]:
    head = text[:65536]
    delimiter = _sniff_delimiter(head)
    head_rows = list(csv.reader(io.StringIO("\n".join(head.splitlines()[:15])), delimiter=delimiter))
    skip = _find_header_row(head_rows, mapping)
    how: dict[str, Any] = {"delimiter": delimiter, "header_line": skip + 1 if skip else 0}
    # pyarrow's multi-threaded reader is ~3x faster on large exports, but it drops blank lines (our row
    # numbers must match the file) and reports malformed rows tersely: use it only on clean input.
    if len(raw) > 1_000_000 and not _BLANK_LINE.search(raw):
        try:
            frame = pd.read_csv(
                io.BytesIO(raw),
                sep=delimiter,
                dtype=str,
                keep_default_na=False,
                skiprows=skip,
                engine="pyarrow",
                encoding=_PYTHON_CODEC[encoding],
            )
            if not any(str(c).endswith(".1") for c in frame.columns):
                return frame, how
        except Exception:
            pass
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skiprows=skip,
            skip_blank_lines=False,
            engine="c",
            on_bad_lines="error",
        )
    except pd.errors.ParserError as err:
        raise InventoryError(N_("the CSV is malformed: {detail}"), detail=str(err)) from None
    except pd.errors.EmptyDataError:
        raise InventoryError(N_("the file is empty")) from None
    return frame, how


_PYTHON_CODEC = {
    "UTF-16-LE without BOM": "utf-16-le",
    "UTF-16-BE without BOM": "utf-16-be",
    "UTF-8": "utf-8-sig",
    "UTF-16": "utf-16",
    "Windows-1252": "cp1252",
    "Latin-1": "latin-1",
}


def _cell_text(value: object) -> str:
    """Excel cells as the text a person typed: 13175550100.0 -> '13175550100'; dates -> ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e18 else repr(value)
    if isinstance(value, datetime):
        return value.isoformat() if (value.hour, value.minute, value.second) != (0, 0, 0) else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _xlsx_damage(err: BaseException) -> Text:
    """What is wrong with a damaged workbook, in words: users act on "a part is missing", not on
    "IndexError: list index out of range"."""
    from xml.etree.ElementTree import ParseError

    chain: list[BaseException] = []
    link: BaseException | None = err
    while link is not None and len(chain) < 10:
        chain.append(link)
        link = link.__cause__ or link.__context__
    names = {type(e).__name__ for e in chain}
    # defusedxml (used by openpyxl once installed) refuses entity declarations and external references.
    if names & {"EntitiesForbidden", "ExternalReferenceForbidden", "DTDForbidden", "NotSupportedError"}:
        return Text(N_("it declares XML entities or external references, which are refused (entity expansion)"))
    if any(isinstance(e, ParseError) for e in chain):
        return Text(N_("its XML is malformed or cut short"))
    if any(isinstance(e, KeyError) for e in chain):
        return Text(N_("a part of the workbook is missing"))
    if any(isinstance(e, IndexError) for e in chain):
        return Text(N_("it refers to a sheet or a shared text that is not there"))
    if any(isinstance(e, ValueError) and ("literal" in str(e) or "convert string" in str(e)) for e in chain):
        return Text(N_("a cell marked as a number holds something else"))
    return Text(N_("its contents are not a readable workbook"))


def _pick_sheet(book: Any, sheet: str | None) -> tuple[Any, str, list[str]]:
    """The sheet to read and why: the one named, else the active sheet when visible, else the first
    visible one. A hidden first sheet (lookup tables, old data) is never read silently."""
    if sheet:
        if sheet not in book.sheetnames:
            raise InventoryError(
                N_("no sheet named {sheet!r}; sheets: {sheets}"), sheet=sheet, sheets=", ".join(book.sheetnames)
            )
        return book[sheet], "asked", []
    sheets = list(book.worksheets)
    if not sheets:
        raise InventoryError(N_("the Excel file has no readable sheets (none listed, or their parts are missing)"))
    visible = [ws for ws in sheets if getattr(ws, "sheet_state", "visible") == "visible"]
    if not visible:
        raise InventoryError(N_("every sheet of the Excel file is hidden; name one with --sheet"))
    active = book.active
    chosen = active if active in visible else visible[0]
    hidden = [ws.title for ws in sheets if ws not in visible]
    return chosen, "active" if chosen is active else "first_visible", hidden


def _read_xlsx(raw: bytes, sheet: str | None, mapping: Mapping[str, str] | None) -> tuple[pd.DataFrame, dict[str, Any]]:
    import zipfile
    from xml.etree.ElementTree import ParseError

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    # One guard around opening AND reading: openpyxl's read-only mode parses each sheet's XML (and
    # resolves shared strings, casts numbers) only while rows are iterated.
    damaged: tuple[type[Exception], ...] = (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError)
    damaged += (IndexError, TypeError, AttributeError, ParseError, EOFError, OSError, zlib.error)
    title, why, rows = "", "", []
    hidden: list[str] = []
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except damaged as err:
        raise InventoryError(N_("the Excel file cannot be opened: {reason}"), reason=_xlsx_damage(err)) from None
    try:
        ws, why, hidden = _pick_sheet(book, sheet)
        title = str(ws.title)
        for row in ws.iter_rows(values_only=True):
            rows.append([_cell_text(v) for v in row])
    except damaged as err:
        reason = _xlsx_damage(err)
        if rows:
            raise InventoryError(
                N_("the Excel file is damaged (sheet {sheet!r} after row {row}): {reason}"),
                sheet=title,
                row=len(rows),
                reason=reason,
            ) from None
        raise InventoryError(
            N_("the Excel file is damaged (sheet {sheet!r}): {reason}"), sheet=title, reason=reason
        ) from None
    finally:
        book.close()
    if not rows:
        raise InventoryError(N_("sheet {sheet!r} is empty"), sheet=title)
    skip = _find_header_row(rows, mapping)
    header = [h if h else f"column {i + 1}" for i, h in enumerate(rows[skip])]
    width = len(header)
    body = [(r + [""] * width)[:width] for r in rows[skip + 1 :]]
    # Trailing rows that are entirely blank are formatting, not data.
    while body and not any(c.strip() for c in body[-1]):
        body.pop()
    frame = pd.DataFrame(body, columns=header, dtype=str)
    return frame, {"sheet": title, "sheet_choice": why, "hidden_sheets": hidden, "header_row": skip + 1 if skip else 0}


def _read_table(
    raw: bytes, name: str, sheet: str | None, mapping: Mapping[str, str] | None
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The file as a table of text under its own headers (encoding, delimiter, sheet and header row found),
    and how it was read (read_notes.describe_read puts it in words)."""
    if not raw or raw.isspace():  # as `not raw.strip()`, without copying the file
        raise InventoryError(N_("{name} is empty"), name=name)
    if raw[:4] == b"PK\x03\x04":
        frame, how = _read_xlsx(raw, sheet, mapping)
        return frame, {"format": "xlsx", "name": name} | how
    if raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InventoryError(N_("{name} is an old .xls workbook: save it as .xlsx or CSV"), name=name)
    text, encoding = _decode(raw)
    frame, how = _read_csv(raw, text, encoding, mapping)
    return frame, {"format": "csv", "name": name, "encoding": encoding} | how


# The one refusal the dashboard's column-mapping step can fix (it compares the error's template).
NO_NUMBER_COLUMN = N_(
    "no phone number column found in {name} (headers: {headers}); name it 'number' or map it explicitly"
)


def read_headers(source: str | Path | bytes, name: str = "upload", sheet: str | None = None) -> list[str]:
    """The file's column headers exactly as `read_inventory` reads them (same decoding, delimiter, sheet
    and header row): the names a column mapping may use."""
    frame, _ = _read_table(read_source(source, error=InventoryError), name, sheet, None)
    return [str(c) for c in frame.columns]


def read_inventory(
    source: str | Path | bytes,
    name: str | None = None,
    mapping: Mapping[str, str] | None = None,
    sheet: str | None = None,
) -> Inventory:
    """Read a CSV/XLSX inventory from a path or bytes. `mapping` (canonical -> header) overrides detection."""
    name = name or (Path(source).name if isinstance(source, (str, Path)) else "upload")
    frame, read_info = _read_table(read_source(source, error=InventoryError), name, sheet, mapping)

    headers = [str(c) for c in frame.columns]
    detected = detect_mapping(headers)
    if mapping:
        for canon, header in mapping.items():
            if canon not in CANONICAL_COLUMNS:
                raise InventoryError(
                    N_("unknown column {column!r} in the mapping; known: {known}"),
                    column=canon,
                    known=", ".join(CANONICAL_COLUMNS),
                )
            if header not in headers:
                raise InventoryError(
                    N_("the mapping names column {column!r}, which {name} does not have"), column=header, name=name
                )
        detected = {k: v for k, v in detected.items() if v not in mapping.values()} | dict(mapping)
    if "number" not in detected:
        shown = ", ".join(repr(h) for h in headers[:12]) or Text(N_("none"))
        raise InventoryError(NO_NUMBER_COLUMN, name=name, headers=shown)

    index = pd.RangeIndex(len(frame))
    empty = pd.Series("", index=index, dtype="str")
    columns: dict[str, pd.Series] = {"row": pd.Series(np.arange(1, len(frame) + 1), index=index)}
    for canon in CANONICAL_COLUMNS:
        columns[canon] = (
            frame[detected[canon]].astype("str").str.strip().set_axis(index) if canon in detected else empty
        )
    canonical = pd.DataFrame(columns, copy=False)
    used = set(detected.values())
    return Inventory(
        frame=canonical,
        source_name=name,
        mapping=detected,
        unmapped=[h for h in headers if h not in used],
        notes=[describe_read(read_info, translator("en"))],
        read_info=read_info,
    )
