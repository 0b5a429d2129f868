"""`portout` command line: discovers sub-commands in `portout.cli.commands`."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from portout.cli import commands
from portout.errors import PortoutError, error_text
from portout.export.safe_cells import visible_text
from portout.i18n import LANGS, N_, translator


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


def _one_line(err: BaseException, lang: str = "en") -> str:
    # Messages quote untrusted text (cells, server answers): one line, no terminal escape sequences.
    _ = translator(lang)
    return _(N_("portout: error: {error}"), error=" ".join(visible_text(error_text(err, _)).split()))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang = getattr(args, "lang", None)
    lang = lang if lang in LANGS else "en"  # the command's --lang (English for commands without one)
    try:
        return int(args.handler(args) or 0)
    except PortoutError as err:
        print(_one_line(err, lang), file=sys.stderr)
        return 2
    except (OSError, UnicodeError) as err:
        # Unreadable paths, full disks, undecodable bytes: a clear line, not a traceback (the system's own
        # words after the prefix, as the system wrote them).
        print(_one_line(err, lang), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
