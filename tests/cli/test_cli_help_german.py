"""`portout --lang de ... --help` is German (our help texts and argparse's own words), argparse's error lines
under --lang de are German with exit status 2, and English (no --lang, --lang en) stays as it was."""

from __future__ import annotations

import argparse
import gettext

import pytest

from paths import SAMPLES
from portout.cli.argparse_i18n import pre_read_lang
from portout.cli.commands.costs import DEFAULT_MAX_MRC
from portout.cli.main import build_parser, main
from portout.i18n import translator

INVENTORY, ORG = str(SAMPLES / "inventory.csv"), str(SAMPLES / "org.toml")


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path of the parser ((), ("plan",), ("track", "set"), ...): new commands are covered."""
    found = [path]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _commands(sub, (*path, name))
    return found


COMMANDS = _commands(build_parser())

# English words of help and argparse that a German help must not show (option names, metavars, choices and
# codes stay as they are, so the phrases are chosen not to occur in them).
ENGLISH = (
    "usage:",
    "options:",
    "positional arguments",
    "show this help",
    "default",
    " the ",
    " of ",
    " for ",
    " and ",
    " to ",
    " or ",
    "Plan, cost",
)
GERMAN_MARKS = ("Aufruf", "Optionen", "Vorgabe", "Fehler", "ä", "ö", "ü", "ß")


def _run(capsys, argv: list[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    out, err = capsys.readouterr()
    return exit_.value.code, out, err


@pytest.fixture(autouse=True)
def _fixed_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps to the terminal: the same lines on every machine


def test_every_command_is_listed():
    assert {(), ("plan",), ("costs",), ("export",), ("fetch",), ("track",), ("track", "set")} <= set(COMMANDS)
    assert len(COMMANDS) >= 14


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "portout")
def test_german_help(capsys, command):
    code, out, err = _run(capsys, ["--lang", "de", *command, "--help"])
    assert code == 0 and err == ""
    assert out.startswith(f"Aufruf: {' '.join(('portout', *command))} [-h]")
    assert "Optionen:\n" in out and "-h, --help" in out and "diese Hilfe anzeigen und beenden" in out
    assert [phrase for phrase in ENGLISH if phrase in out] == []


@pytest.mark.parametrize("command", [c for c in COMMANDS if c and c != ("track",)], ids=" ".join)
def test_lang_after_the_command_too(capsys, command):
    """`portout plan --lang de --help` as `portout --lang de plan --help` (every command that has a --lang:
    `track` alone has none, its actions have)."""
    before = _run(capsys, ["--lang", "de", *command, "--help"])
    after = _run(capsys, [*command, "--lang", "de", "--help"])
    assert after == before


def _help_texts(parser: argparse.ArgumentParser) -> list[str]:
    texts = [parser.description or ""]
    for action in parser._actions:
        texts.append(action.help or "")
        if isinstance(action, argparse._SubParsersAction):
            texts += [choice.help or "" for choice in action._choices_actions]
            for sub in action.choices.values():
                texts += _help_texts(sub)
    for group in parser._action_groups:
        texts += [group.title or "", group.description or ""]
    return texts


def test_every_help_text_is_translated():
    """Our own texts, one by one (a new option's help without a German translation fails here)."""
    english, german = _help_texts(build_parser()), _help_texts(build_parser(translator("de")))
    assert len(english) == len(german) > 100
    same = {e for e, g in zip(english, german) if e and e == g and e != argparse.SUPPRESS}
    # argparse's own titles ("options") are translated while parsing, not in build_parser
    assert same == {"options", "positional arguments", "show this help message and exit"}


@pytest.mark.parametrize(
    ("argv", "german"),
    [
        (["plan"], "portout plan: Fehler: diese Argumente fehlen: inventory, --org"),
        (["track", "set", "1"], "portout track set: Fehler: diese Argumente fehlen: request, state"),
        (
            ["plan", INVENTORY, "--org", ORG, "--format", "xml"],
            "portout plan: Fehler: Argument --format: ungültige Auswahl: 'xml' (wählen Sie aus ",
        ),
        (["frob"], "portout: Fehler: Argument COMMAND: ungültige Auswahl: 'frob' (wählen Sie aus "),
        (["plan", INVENTORY, "--org"], "portout plan: Fehler: Argument --org: erwartet ein Argument"),
        (["plan", INVENTORY, "--org", ORG, "--bogus"], "portout: Fehler: unbekannte Argumente: --bogus"),
        (["costs", INVENTORY, "--org", ORG, "--lang", "fr"], "Argument --lang: ungültige Auswahl: 'fr'"),
        # our own argparse mistakes (a type check, a refused option) in the same language
        (["track", "show", "abc"], "Argument plan: die Plan-ID muss eine Zahl sein (siehe `portout track list`)"),
        (
            ["fetch", "--client-secret", "s3cret", "-o", "x.csv"],
            "portout fetch: Fehler: --client-secret wird auf der Kommandozeile nicht angenommen",
        ),
    ],
)
def test_german_argparse_errors(capsys, argv, german):
    for lang_args in (["--lang", "de", *argv], [*argv, "--lang", "de"]):
        if "fr" in argv and lang_args[0] == "--lang":
            continue  # the last --lang wins: "fr" after "de" is the mistake reported (in English, see below)
        code, out, err = _run(capsys, lang_args)
        assert code == 2 and out == ""
        assert german in err, err
        assert "s3cret" not in err
        assert err.startswith("Aufruf: portout")
        assert [
            phrase for phrase in ("usage:", "error:", "invalid choice", "required", "argument") if phrase in err
        ] == []


def test_an_unknown_language_is_reported_in_english(capsys):
    code, _out, err = _run(capsys, ["plan", INVENTORY, "--org", ORG, "--lang", "fr"])
    assert code == 2 and "portout plan: error: argument --lang: invalid choice: 'fr'" in err


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "portout")
def test_english_help_unchanged(capsys, command):
    plain = _run(capsys, [*command, "--help"])
    assert plain[0] == 0
    assert _run(capsys, ["--lang", "en", *command, "--help"]) == plain
    out = plain[1]
    assert out.startswith(f"usage: {' '.join(('portout', *command))} [-h]")
    assert "options:\n  -h, --help" in out and "show this help message and exit" in out
    assert [mark for mark in GERMAN_MARKS if mark in out] == []


def test_english_help_lines_as_before(capsys):
    _, top, _ = _run(capsys, ["--help"])
    assert top.startswith("usage: portout [-h] COMMAND ...\n\nPlan, cost and track porting numbers out of Genesys")
    assert "    plan      classify numbers and group them into port requests\n" in top
    assert "options:\n  -h, --help  show this help message and exit\n" in top
    _, plan, _ = _run(capsys, ["plan", "--help"])
    assert "\nscope:\n  which numbers leave now (each replaces the settings' [scope] entry;" in plan
    assert "  --scope-country CC    port only these countries (ISO code or name), e.g. DE\n" in plan
    assert "  --today DATE          count lead times from this day (default: today, UTC)\n" in plan
    _, costs, _ = _run(capsys, ["costs", "--help"])
    assert (
        f"  --max-mrc MAX_MRC     refuse monthly charges above this per number (default: {DEFAULT_MAX_MRC})\n" in costs
    )
    _, track_set, _ = _run(capsys, ["track", "set", "--help"])
    assert (
        "\nStatuses: draft, submitted, foc_confirmed, ported, removed, rejected, resubmitted, cancelled." in track_set
    )
    _, fetch, _ = _run(capsys, ["fetch", "--help"])
    assert "\nThe OAuth client secret is read from GENESYS_CLOUD_CLIENT_SECRET.\n\noptions:\n" in fetch


def test_english_errors_as_before(capsys):
    code, _, err = _run(capsys, ["plan"])
    assert code == 2 and err.endswith("portout plan: error: the following arguments are required: inventory, --org\n")
    code, _, err = _run(capsys, ["plan", INVENTORY, "--org", ORG, "--format", "xml"])
    assert code == 2 and "portout plan: error: argument --format: invalid choice: 'xml' (choose from " in err


def test_argparse_is_left_as_it_was(capsys):
    """The German words are routed to argparse for the CLI's one parse only, not left behind."""
    _run(capsys, ["--lang", "de", "plan"])
    assert argparse._ is gettext.gettext and argparse.ngettext is gettext.ngettext
    parser = argparse.ArgumentParser(prog="other")
    assert parser.format_help().startswith("usage: other")


def test_top_level_lang_reaches_the_command(capsys):
    assert main(["--lang", "de", "plan", INVENTORY, "--org", ORG]) == 0
    out = capsys.readouterr().out
    assert "Hinweise (" in out and "warnings (" not in out


@pytest.mark.parametrize(
    ("argv", "lang"),
    [
        ([], "en"),
        (["plan", "x", "--lang", "de"], "de"),
        (["--lang=de", "--help"], "de"),
        (["--la", "de"], "de"),
        (["--lang", "de", "plan", "--lang", "en"], "en"),  # the last one wins, as in argparse
        (["--lang", "fr"], "en"),
        (["plan", "--lang"], "en"),
        (["--lang", "-h"], "en"),
    ],
)
def test_pre_read_lang_never_fails(argv, lang):
    assert pre_read_lang(argv) == lang
