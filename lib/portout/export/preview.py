"""A workbook's first sheet as text rows, for showing what the carrier will receive."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd


def sheet_preview(xlsx: bytes, max_rows: int = 200) -> pd.DataFrame:
    """The first sheet of a workbook as text rows, for showing what the carrier will receive."""

    book = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True, data_only=True)
    try:
        rows = [
            ["" if v is None else str(v) for v in row]
            for _, row in zip(range(max_rows), book.worksheets[0].iter_rows(values_only=True))
        ]
    finally:
        book.close()
    width = max((len(r) for r in rows), default=0)
    return pd.DataFrame(
        [r + [""] * (width - len(r)) for r in rows],
        columns=[f"{chr(65 + i)}" if i < 26 else str(i) for i in range(width)],
    )
