"""Streaming sheets on openpyxl's write-only mode, with safe, styled cells.

Why write-only: normal mode keeps every cell object (~200 MB for 50k rows); write-only streams rows to a
temp file per sheet. Its trap is that each sheet keeps that file *open* until the workbook is saved (300
sheets failed with 256 open files), so `SheetWriter.close()` ends each sheet as soon as it is written:
the file stays on disk, closed, and is zipped at save time. Memory and open files then do not grow with
the number of requests.

Why cells are built by hand: plain strings go through openpyxl's type guessing, which turns `=...` into a
formula and `#N/A` into an error. Styled cells are made from a template StyleArray and given their value
and type directly, which is both safe and cheaper than setting font/number format per cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

from portout.export.safe_cells import cell_text, needs_quote
from portout.i18n import Translator, translator


def _money_format(decimals: int, currency: str, t: Translator) -> str:
    """An Excel number format that shows the currency on every amount, where the locale writes it
    ("1.234,56 €" in German, "€1,234.56" in English). Separators follow the reader's Excel/LibreOffice."""
    number = "#,##0" + ("." + "0" * decimals if decimals else "")
    if not currency:
        return number
    symbol = t.currency_symbol(currency).replace('"', "")
    return f'{number}\\ "{symbol}"' if t.lang == "de" else f'"{symbol}"{number}'


class Styles:
    """Template style arrays of one workbook, and the cell makers that use them."""

    def __init__(
        self, wb: Workbook, currency_decimals: int = 2, currency: str = "", t: Translator | None = None
    ) -> None:
        holder = wb.create_sheet("_styles_")  # style indexes live on the workbook; any sheet can mint them
        bold = Font(bold=True)
        fill = PatternFill("solid", fgColor="DDE4EE")
        under = Border(bottom=Side(style="thin", color="808080"))
        top = Alignment(vertical="top")
        wrap = Alignment(vertical="top", wrap_text=True)
        t = t or translator("en")
        money_fmt = _money_format(currency_decimals, currency, t)

        def make(**attrs: Any) -> Any:
            cell = WriteOnlyCell(holder)
            for key, value in attrs.items():
                setattr(cell, key, value)
            # openpyxl's style array, shared by every cell of this kind (the stubs omit the private name)
            return cell._style  # type: ignore[attr-defined]

        self.header = make(font=bold, fill=fill, border=under, alignment=wrap)
        self.title = make(font=Font(bold=True, size=14))
        self.label = make(font=bold, alignment=top)
        self.label_q = make(font=bold, alignment=top, quotePrefix=True)
        self.quoted = make(quotePrefix=True)
        self.wrap = make(alignment=wrap)
        self.wrap_q = make(alignment=wrap, quotePrefix=True)
        self.phone = make(number_format="@")
        self.phone_q = make(number_format="@", quotePrefix=True)
        self.money = make(number_format=money_fmt)
        self.money_bold = make(number_format=money_fmt, font=bold)
        # German readers get 27.11.2026; English ISO dates (unambiguous for US and UK readers alike)
        self.date = make(number_format="dd.mm.yyyy" if t.lang == "de" else "yyyy-mm-dd")
        self.bold = make(font=bold)
        # The holder is never written (a write-only sheet makes its temp file on the first row) and leaves
        # the workbook; cells keep it as parent, which openpyxl only uses to reach the workbook's styles.
        wb.remove(holder)
        self.ws = holder

    def _cell(self, style: Any, value: Any, data_type: str) -> Cell:
        cell = Cell(self.ws, 1, 1, style_array=style)
        # set the stored value directly: the public setter would re-guess the type we already know
        cell._value = value  # type: ignore[attr-defined]
        cell.data_type = data_type
        return cell

    # Every text cell goes through `text`-like helpers: value set directly with type "s", so openpyxl never
    # guesses a formula or an error; risky starts get Excel's quotePrefix so editing keeps them text.
    def text(self, value: Any) -> Cell | str | None:
        """Untrusted text: a plain string when harmless (cheapest), else a quoted text cell."""
        if value is None or value == "":
            return None
        s = cell_text(value)
        if needs_quote(s):
            return self._cell(self.quoted, s, "s")
        if s[0] == "#":  # never let openpyxl guess an error literal
            return self._cell(self.quoted, s, "s")
        return s

    def styled_text(self, value: Any, style: Any, quoted_style: Any) -> Cell | None:
        if value is None or value == "":
            return None
        s = cell_text(value)
        return self._cell(quoted_style if needs_quote(s) else style, s, "s")

    def wrapped(self, value: Any) -> Cell | None:
        return self.styled_text(value, self.wrap, self.wrap_q)

    def head(self, value: str) -> Cell:
        return self._cell(self.header, cell_text(value), "s")

    def label_cell(self, value: str) -> Cell | None:
        return self.styled_text(value, self.label, self.label_q)

    def heading(self, value: str) -> Cell:
        return self._cell(self.title, cell_text(value), "s")

    def phone_cell(self, value: str) -> Cell | None:
        """A phone number: always text with format '@' so '+' and leading zeros survive."""
        if not value:
            return None
        s = cell_text(value)
        return self._cell(self.phone_q if needs_quote(s) else self.phone, s, "s")

    def number(self, value: int | float | Decimal | None, bold: bool = False) -> Any:
        if value is None:
            return None
        if bold:
            return self._cell(self.bold, value, "n")
        return value

    def amount(self, value: Any, bold: bool = False) -> Cell | str | None:
        if value is None or value == "":
            return None
        try:
            amount = Decimal(str(value))
        except ArithmeticError:
            return self.text(str(value))
        if not amount.is_finite():
            return None
        return self._cell(self.money_bold if bold else self.money, amount, "n")

    def day(self, value: Any) -> Any:
        if value is None or value == "":
            return None
        if isinstance(value, datetime):
            value = value.replace(tzinfo=None)
            return self._cell(self.date, value, "d")
        if isinstance(value, date):
            return self._cell(self.date, value, "d")
        return self.text(str(value))


def wrapped_lines(cell: Any, width: float) -> int:
    """Lines a text needs in a column `width` characters wide (a slightly generous estimate)."""
    text = getattr(cell, "value", cell)
    if not isinstance(text, str) or not text:
        return 1
    per_line = max(int(width * 1.1) - 2, 8)
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def label_width(labels: Sequence[str], minimum: float = 24, maximum: float = 75) -> float:
    """Width of a label column: its longest label, within bounds."""
    return min(maximum, max([minimum] + [len(label) + 2 for label in labels]))


class SheetWriter:
    """One write-only sheet: layout set up front (write-only drops it once rows are written)."""

    def __init__(
        self,
        wb: Workbook,
        title: str,
        styles: Styles,
        widths: Sequence[float],
        freeze: str | None = "A2",
        repeat_header: bool = True,
        landscape: bool = True,
    ) -> None:
        self.ws = wb.create_sheet(title)
        self.styles = styles
        self.rows_written = 0
        ws = self.ws
        for i, width in enumerate(widths, 1):
            if width:
                ws.column_dimensions[get_column_letter(i)].width = width
        if freeze:
            ws.freeze_panes = freeze
            if repeat_header:
                row = int("".join(ch for ch in freeze if ch.isdigit())) - 1
                if row >= 1:
                    ws.print_title_rows = f"{row}:{row}"
        # Printed, the sheet fits one page wide and runs on as many pages as it needs.
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.print_options.gridLines = True

    def row(self, cells: list[Any], height_for: tuple[int, float] | None = None) -> None:
        """Append a row. `height_for=(column index, column width)`: that cell holds wrapped text, so the row
        gets a height for its line count (write-only rows keep the default height, and LibreOffice does
        not grow them on opening, so long guidance would overprint the rows below)."""
        self.rows_written += 1
        if height_for is not None:
            lines = wrapped_lines(cells[height_for[0]], height_for[1])
            if lines > 1:
                self.ws.row_dimensions[self.rows_written].height = 15 * lines
        self.ws.append(cells)

    def close(self) -> None:
        # Ends the sheet now: closes its temp file (see module doc); an empty sheet still gets one.
        self.ws.close()
