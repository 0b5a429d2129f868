"""Every error a person can see is raised with a catalogue template (`N_()`), so it renders in German too.

The library's source is read (ast) for exceptions built from a finished string or an f-string; the ones left
English on purpose are listed here, each with the reason. A new English raise fails this test: convert it
(`PortoutError(N_("... {value!r} ..."), value=...)`, `make messages`, translate), or, if no user can ever
trigger it, add it below with the reason.
"""

from __future__ import annotations

import ast

from paths import ROOT

LIB = ROOT / "lib" / "portout"

# (file under lib/portout, exception, how the message starts) -> why it stays English
KNOWN_ENGLISH: dict[tuple[str, str, str], str] = {
    ("costs/billing.py", "TypeError", "expected a date or datetime"): "a programming error: wrong argument type",
    ("costs/billing.py", "ValueError", "empty date"): "internal: parse_when turns it into NotADateError (translated)",
    ("costs/billing.py", "ValueError", "anchor day must be 1..31"): (
        "settings and the dashboard's number input already keep the anchor day in 1..31"
    ),
    (
        "costs/billing.py",
        "ValueError",
        "{} is not in the cycle ",
    ): "internal: the caller computed the cycle of that day",
    ("costs/billing.py", "ValueError", "unknown convention "): "settings accept only the known conventions",
    ("costs/billing.py", "ValueError", "unknown rounding "): "settings accept only the known roundings",
    ("costs/billing.py", "ValueError", "days_in_cycle must be positive"): "internal: cycles have 28 to 31 days",
    ("costs/chart_data.py", "ValueError", "end is before start"): "the page passes its own as-of..horizon range",
    ("export/labels.py", "ValueError", "language must be one of "): (
        "the language itself is unknown: there is no catalogue to say it in (the CLI and the dashboard only "
        "offer en/de)"
    ),
    ("i18n.py", "PortoutError", "language must be one of "): "as above",
    ("i18n.py", "PortoutError", "message catalogue for "): "an installation error: the catalogue itself is missing",
    ("genesys/client.py", "AssertionError", "unreachable: stamina"): "unreachable by construction",
    ("genesys/fake_server.py", "RuntimeError", "the fake Genesys Cloud server"): "test and demo server start-up",
    ("inventory/number_types.py", "ValueError", "calling code "): "a broken built-in data rule, not user input",
    ("plan/planner.py", "ValueError", "classified: made for another"): "a programming error (wrong cache passed)",
    ("tracker/saved_plans.py", "PortoutError", "the tracker database did not return"): (
        "SQLite always reports the id after an INSERT; the check exists for the type checker"
    ),
}


def _name(call: ast.Call) -> str:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def _head(arg: ast.expr) -> str | None:
    """The literal start of a message given as a string or f-string; None for a template (N_(...), a name)."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.JoinedStr):  # placeholders as "{}"
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in arg.values)
    return None


def english_raises() -> set[tuple[str, str, str]]:
    found = set()
    for path in sorted(LIB.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not _name(node).endswith(("Error", "Exception")):
                continue
            # SettingsError(field, message, ...): the message is the second argument
            index = 1 if _name(node) == "SettingsError" else 0
            if len(node.args) <= index:
                continue
            head = _head(node.args[index])
            if head is None:
                continue
            rel = path.relative_to(LIB).as_posix()
            known = next((k for k in KNOWN_ENGLISH if k[:2] == (rel, _name(node)) and head.startswith(k[2])), None)
            found.add(known or (rel, _name(node), head[:40]))
    return found


def test_no_english_error_beyond_the_known_ones():
    found = english_raises()
    assert found - set(KNOWN_ENGLISH) == set(), "raise these with N_() templates (see the module docstring)"
    assert set(KNOWN_ENGLISH) - found == set(), "converted or gone: remove them from KNOWN_ENGLISH"


def test_the_scan_sees_an_english_raise(tmp_path, monkeypatch):
    """The scan itself can fail: an f-string raise in a library file is reported."""
    (tmp_path / "odd.py").write_text('def f(x):\n    raise PortoutError(f"bad {x}")\n', encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "LIB", tmp_path)
    assert english_raises() == {("odd.py", "PortoutError", "bad {}")}
