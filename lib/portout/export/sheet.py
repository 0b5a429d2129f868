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
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.workbook import Workbook

from portout.export.safe_cells import cell_text, needs_quote
from portout.i18n import Translator, translator


def _money_format(decimals: int, currency: str, t: Translator) -> str:
    """An Excel number format that shows the currency on every amount, where the locale writes it
    ("1.234,56 €" in German, "€1,234.56" in English). The German one carries the locale tag [$-407] so
    LibreOffice prints German separators whatever its own locale (Excel follows the reader's settings)."""
    number = "#,##0" + ("." + "0" * decimals if decimals else "")
    tag = _LOCALE_TAG.get(t.lang, "")
    if not currency:
        return tag + number
    symbol = t.currency_symbol(currency).replace('"', "")
    return f'{tag}{number}\\ "{symbol}"' if t.lang == "de" else f'{tag}"{symbol}"{number}'


_LOCALE_TAG = {"de": "[$-407]"}


class Styles:
    """Template style arrays of one workbook, and the cell makers that use them."""

    def __init__(
        self, wb: Workbook, currency_decimals: int = 2, currency: str = "", t: Translator | None = None
    ) -> None:
        holder = wb.create_sheet("_styles_")  # style indexes live on the workbook; any sheet can mint them
        bold = Font(bold=True)
        fill = PatternFill("solid", fgColor="DDE4EE")
        under = Border(bottom=Side(style="thin", color="808080"))
        wrap = Alignment(vertical="top", wrap_text=True)
        t = t or translator("en")
        self.t = t
        money_fmt = _money_format(currency_decimals, currency, t)

        def make(**attrs: Any) -> Any:
            cell = WriteOnlyCell(holder)
            for key, value in attrs.items():
                setattr(cell, key, value)
            # openpyxl's style array, shared by every cell of this kind (the stubs omit the private name)
            return cell._style  # type: ignore[attr-defined]

        self.header = make(font=bold, fill=fill, border=under, alignment=wrap)
        self.title = make(font=Font(bold=True, size=14))
        self.label = make(font=bold, alignment=wrap)  # wrapped: a long label never runs under its value
        self.label_q = make(font=bold, alignment=wrap, quotePrefix=True)
        self.quoted = make(quotePrefix=True)
        self.wrap = make(alignment=wrap)
        self.wrap_q = make(alignment=wrap, quotePrefix=True)
        self.phone = make(number_format="@")
        self.phone_q = make(number_format="@", quotePrefix=True)
        self.money = make(number_format=money_fmt)
        self.money_bold = make(number_format=money_fmt, font=bold)
        # German readers get 27.11.2026; English ISO dates (unambiguous for US and UK readers alike)
        self.date = make(number_format="[$-407]dd.mm.yyyy" if t.lang == "de" else "yyyy-mm-dd")
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
    per_line = max(int(width * 0.95) - 2, 8)  # bold labels and wide letters (W, M) take more room
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def label_width(labels: Sequence[str], minimum: float = 24, maximum: float = 75) -> float:
    """Width of a label column: its longest label, within bounds."""
    return min(maximum, max([minimum] + [len(label) + 2 for label in labels]))


# Characters of column width that print at 100 % across the page (A4/Letter, 0.4 inch side margins):
# wider content is scaled down to fit the width, and a sheet wider than portrait is printed landscape.
PORTRAIT_CHARS = 100
PAPER_A4, PAPER_LETTER = 9, 1  # OOXML paperSize codes


def _span_width(widths: Sequence[float], area: str) -> float:
    """Width in characters of the columns of a print area like "D1:G40"."""
    cols = ["".join(ch for ch in part if ch.isalpha()) for part in area.split(":")]
    lo, hi = column_index_from_string(cols[0]), column_index_from_string(cols[-1])
    return float(sum(widths[lo - 1 : hi]))


def _hf_text(text: str) -> str:
    """Header/footer text: '&' starts a code there, so a literal one is doubled."""
    return text.replace("&", "&&")[:200]


class SheetWriter:
    """One write-only sheet: layout set up front (write-only drops it once rows are written).

    Printed: A4 for German readers, Letter for English; one page wide; landscape when the content is
    wider than a portrait page; the header row repeated on every page; `header` (a request id, the plan's
    title) at the top and "page N of M" at the bottom of every page. `print_areas` print one after the
    other, each starting on a new page (the LOA values first, then ranges, then numbers)."""

    def __init__(
        self,
        wb: Workbook,
        title: str,
        styles: Styles,
        widths: Sequence[float],
        freeze: str | None = "A2",
        repeat_header: bool = True,
        landscape: bool | None = None,
        header: str = "",
        print_areas: Sequence[str] = (),
    ) -> None:
        self.ws = wb.create_sheet(title)
        self.styles = styles
        self.widths = list(widths)
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
        if print_areas:
            ws.print_area = ",".join(print_areas)
            widest = max(_span_width(self.widths, a) for a in print_areas)
        else:
            widest = float(sum(self.widths))
        if landscape is None:
            landscape = widest > PORTRAIT_CHARS
        t = styles.t
        # Printed, the sheet fits one page wide and runs on as many pages as it needs.
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.paperSize = PAPER_A4 if t.lang == "de" else PAPER_LETTER
        ws.print_options.gridLines = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.7
        ws.page_margins.header = ws.page_margins.footer = 0.3
        if header:
            ws.oddHeader.left.text = _hf_text(header)
            ws.oddHeader.left.size = 9
        ws.oddFooter.left.text = _hf_text(title)
        ws.oddFooter.left.size = 9
        _ = t
        ws.oddFooter.right.text = _("Page {page} of {pages}", page="&P", pages="&N")
        ws.oddFooter.right.size = 9

    def row(
        self,
        cells: list[Any],
        height_for: tuple[int, float] | None = None,
        fit: bool = False,
        height: float | None = None,
    ) -> None:
        """Append a row. `height_for=(column index, column width)`: that cell holds wrapped text, so the row
        gets a height for its line count (write-only rows keep the default height, and LibreOffice does
        not grow them on opening, so long guidance would overprint the rows below). `fit`: the same for
        every cell of the row (a table row or header with wrapped cells); `height`: in points."""
        self.rows_written += 1
        lines = 1
        if height_for is not None:
            lines = wrapped_lines(cells[height_for[0]], height_for[1])
        if fit:
            lines = max([lines] + [wrapped_lines(c, w) for c, w in zip(cells, self.widths) if c is not None])
        if height is not None:
            self.ws.row_dimensions[self.rows_written].height = height
        elif lines > 1:
            self.ws.row_dimensions[self.rows_written].height = 15 * lines
        self.ws.append(cells)

    def close(self) -> None:
        # Ends the sheet now: closes its temp file (see module doc); an empty sheet still gets one.
        self.ws.close()
