"""Plain-text tables and CSV/JSON writing shared by the CLI commands."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from portout.errors import N_, PortoutError
from portout.export.safe_cells import visible_text
from portout.i18n import LANGS, Translator


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def table(header: Sequence[str], rows: Iterable[Sequence[Any]], max_width: int = 48) -> str:
    """Aligned text table; long cells are shortened with an ellipsis (the JSON has everything)."""

    def cut(v: Any) -> str:
        # Inventory text and --actor are untrusted: an ESC sequence or OSC-8 link would act on the terminal.
        text = visible_text(v).replace("\n", " ").replace("\t", " ")
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
    write_file_atomically(Path(path), text if isinstance(text, bytes) else text.encode("utf-8"))


def write_file_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file beside `target`, then rename it over: a failure half-way (disk full,
    interrupted) leaves the previous file or none, never a truncated workbook or CSV."""
    tmp: Path | None = None
    try:
        tmp = target.parent / f".{target.name[:40]}.{secrets.token_hex(6)}.tmp"
        # os.open with 0o666 honours the umask, as a plain write would (mkstemp would make it 0600).
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
        tmp = None
    except OSError as err:
        raise PortoutError(
            N_("cannot write {path}: {reason}"), path=str(target), reason=err.strerror or str(err)
        ) from None
    finally:
        if tmp is not None:
            # suppress: when the folder cannot hold the file (a file in its place), unlink fails too, and
            # that second OSError would replace the one clear line above
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)


FORMATS = ("table", "json", "csv")


def add_format_args(parser: Any, _: Translator) -> None:
    """--format and -o, as every listing command takes them (help texts in `_`'s language)."""
    parser.add_argument("--format", choices=list(FORMATS), default="table")
    parser.add_argument(
        "--lang",
        choices=list(LANGS),
        default="en",
        help=_(
            "language of the table's text and the CSV's conventions (de: ';', decimal comma, UTF-8 BOM); "
            "JSON keeps its codes"
        ),
    )
    parser.add_argument("-o", "--output", help=_("write to this file instead of stdout"))


def emit(args: Any, renderers: dict[str, Callable[[], str]]) -> None:
    """Render in the chosen --format (only that one is built) and write to -o or stdout."""
    write_output(renderers[getattr(args, "format", "table")](), getattr(args, "output", None))
