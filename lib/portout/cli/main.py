"""`portout` command line: discovers sub-commands in `portout.cli.commands`."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from portout.cli import commands
from portout.errors import PortoutError
from portout.export.safe_cells import visible_text
from portout.i18n import DEFAULT_LANG, error_text, translator


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="portout",
        description="Plan, cost and track porting numbers out of Genesys Cloud Voice.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


def _one_line(err: object) -> str:
    # Messages quote untrusted text (cells, server answers): one line, no terminal escape sequences.
    return " ".join(visible_text(str(err)).split())


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except PortoutError as err:
        # In the command's --lang where it has one (a coded error renders from the catalogue).
        text = error_text(err, translator(getattr(args, "lang", None) or DEFAULT_LANG))
        print(f"portout: error: {_one_line(text)}", file=sys.stderr)
        return 2
    except (OSError, UnicodeError) as err:
        # Unreadable paths, full disks, undecodable bytes: a clear line, not a traceback.
        print(f"portout: error: {_one_line(err)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
