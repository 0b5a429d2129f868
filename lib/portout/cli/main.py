"""`portout` command line: discovers sub-commands in `portout.cli.commands`."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from portout.cli import commands
from portout.cli.argparse_i18n import argparse_language, pre_read_lang
from portout.errors import PortoutError, error_text
from portout.export.safe_cells import visible_text
from portout.i18n import LANGS, N_, Translator, translator


def build_parser(_: Translator | None = None) -> argparse.ArgumentParser:
    """The parser with its help texts in `_`'s language (argparse's own words: see `argparse_language`)."""
    _ = _ or translator("en")
    parser = argparse.ArgumentParser(
        prog="portout",
        description=_("Plan, cost and track porting numbers out of Genesys Cloud Voice."),
    )
    # `portout --lang de --help`: accepted before the command too (read by `pre_read_lang`); hidden, so
    # the English help stays as it was, and every command lists its own --lang.
    parser.add_argument("--lang", choices=list(LANGS), default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub, _)
    return parser


def _one_line(err: BaseException, lang: str = "en") -> str:
    # Messages quote untrusted text (cells, server answers): one line, no terminal escape sequences.
    _ = translator(lang)
    return _(N_("portout: error: {error}"), error=" ".join(visible_text(error_text(err, _)).split()))


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = pre_read_lang(argv)  # --help and argparse's errors are written while parsing: know it first
    _ = translator(lang)
    with argparse_language(_):
        args = build_parser(_).parse_args(argv)
    if hasattr(args, "lang"):
        args.lang = lang  # `portout --lang de plan ...` as `portout plan --lang de ...`
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
