"""Dashboard: an uploaded inventory with one monthly charge that is no amount still shows its costs. The Load
page's summary points at the row, Cost impact shows figures, a warning that says the charge is unreadable
(not the "set billing.prices" one) and the note naming the row, its value shown as text, never as Markdown."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from costs_helpers import inventory_bytes, row
from paths import ROOT

APP = str(ROOT / "app.py")
# Markdown that would render bold and a link if the note were not escaped.
HOSTILE = "**zwölf** [Euro](http://evil.example)"


def _plain(markdown: str) -> str:
    """The text a person reads from escaped Markdown (every punctuation was backslash-escaped)."""
    return markdown.replace("\\", "")


def _loaded() -> AppTest:
    rows = [row(i, mrc=mrc, currency="USD") for i, mrc in enumerate(["1.25", "2,50", "10"])]
    raw = inventory_bytes([*rows, row(3, mrc=HOSTILE, currency="USD")])
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.file_uploader(key="w_inventory_upload").upload("mixed.csv", raw, "text/csv").run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def test_load_summary_and_cost_impact_show_figures_and_the_unreadable_charge() -> None:
    at = _loaded()
    number = row(3)["number"]
    shown = f"row 4 ({number}): '{HOSTILE}'"
    load_notice = _plain(" ".join(w.value for w in at.warning))
    assert "monthly charge that is not an amount" in load_notice and shown in load_notice

    at.switch_page("pages/cost_impact.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    figures = [m.value for m in at.metric]
    # Figures, not the "—" of a page with nothing priced, nor an error instead of the page.
    assert len(figures) >= 4 and all(v.startswith("$") for v in figures), figures
    assert figures[2] == "$13.75"  # saved per month: the three readable charges 1.25 + 2.50 + 10
    warnings = " ".join(w.value for w in at.warning)
    assert "1 number has a monthly charge that cannot be read as an amount: it is unpriced" in warnings
    assert "set billing.prices" not in warnings  # the price table is not the fix, the inventory is
    note = next(c.value for c in at.caption if "not an amount" in c.value)
    assert _plain(note).endswith(shown)
    assert "\\*\\*zwölf\\*\\* \\[Euro\\]\\(http" in note and "**zwölf**" not in note  # text, not Markdown

    next(r for r in at.sidebar.radio if r.key == "w_ui_lang").set_value("de").run()
    assert not at.exception and not at.error
    assert any("nicht als Betrag lesen" in w.value for w in at.warning)
    note = next(c.value for c in at.caption if "kein Betrag" in c.value)
    assert _plain(note).endswith(f"Zeile 4 ({number}): '{HOSTILE}'")
