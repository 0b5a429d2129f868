"""Plain-text tables and CSV/JSON writing shared by the CLI commands."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from portout.errors import PortoutError


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def table(header: Sequence[str], rows: Iterable[Sequence[Any]], max_width: int = 48) -> str:
    """Aligned text table; long cells are shortened with an ellipsis (the JSON has everything)."""

    def cut(v: Any) -> str:
        text = str(v).replace("\n", " ")
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    body = [[cut(v) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in body]
    return "\n".join(lines) + "\n"


def write_output(text: str | bytes, path: str | None) -> None:
    """To a file when -o is given, else stdout."""
    if path in (None, "-"):
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        return
    try:
        target = Path(path)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
    except OSError as err:
        raise PortoutError(f"cannot write {path}: {err.strerror or err}") from None


FORMATS = ("table", "json", "csv")


def add_format_args(parser: Any) -> None:
    """--format and -o, as every listing command takes them."""
    parser.add_argument("--format", choices=list(FORMATS), default="table")
    parser.add_argument("-o", "--output", help="write to this file instead of stdout")


def emit(args: Any, renderers: dict[str, Callable[[], str]]) -> None:
    """Render in the chosen --format (only that one is built) and write to -o or stdout."""
    write_output(renderers[getattr(args, "format", "table")](), getattr(args, "output", None))
