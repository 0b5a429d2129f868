"""The CLI's language before its parser exists, and argparse's own words ("usage:", "options:", its error
lines) in that language.

`--help` and argparse's errors are written while the arguments are parsed, so the language must be known
before the real parser is built: `pre_read_lang` looks for `--lang` with a tiny parser that never fails.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from portout.i18n import DEFAULT_LANG, LANGS, N_, Nn_, Translator, translations

# argparse's user-visible msgids (Python 3.11-3.13 use the same ones; 3.10 and older wrote "optional
# arguments", which no supported version shows). Listed here so `make messages` puts them in our catalogue.
ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    Nn_("expected %s argument", "expected %s arguments"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


class _NoLang(Exception):
    pass


class _LangProbe(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _NoLang  # a mistake here is the real parser's to report, in the right language


def pre_read_lang(argv: Sequence[str]) -> str:
    """The `--lang` of the command line (the last one, wherever it stands, abbreviated or not, as argparse
    reads it), else the CLI's default, English (the CLI reads no environment variable or locale for it).
    Never fails: an unknown or missing value gives the default, and the real parser then reports it."""
    probe = _LangProbe(add_help=False)
    probe.add_argument("--lang")
    try:
        known, _rest = probe.parse_known_args(list(argv))
    except _NoLang:
        return DEFAULT_LANG
    return known.lang if known.lang in LANGS else DEFAULT_LANG


@contextmanager
def argparse_language(_: Translator) -> Iterator[None]:
    """argparse's own words in `_`'s language while the parser is built and parses.

    argparse looks its words up through the names `_` and `ngettext` it imports from the stdlib's gettext
    (global, process-wide catalogues chosen by environment variables); its error texts are built deep in
    its parsing, where no subclass reaches. So, for the CLI's one parse only, those two names are pointed
    at our catalogue, and put back afterwards. English changes nothing (byte-identical to plain argparse).
    """
    if _.lang == "en":
        yield
        return
    catalogue = translations(_.lang)
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = catalogue.gettext, catalogue.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
