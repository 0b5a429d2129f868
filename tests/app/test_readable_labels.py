"""What a person reads is words: warning titles without codes, categories and reasons in words, headers
not snake_case, no "None" (issue 13); the codes stay in the plan JSON."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from paths import ROOT
from portout.plan.model import EXCLUSION_REASONS

APP = str(ROOT / "app.py")
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")  # snake_case like still_assigned, toll_free, no_address


def test_inventory_and_port_plan_read_as_words() -> None:
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.switch_page("pages/inventory.py").run()
    assert not at.exception, [e.message for e in at.exception]
    warnings = [w.value for w in at.warning if "Organisation settings" not in w.value]
    assert warnings
    for text in warnings:
        title = text.split("\n")[0]
        assert not CODE.search(title), title
        assert not re.match(r"\*\*[a-z_]+\*\*:", text), text
    frames = [d.value for d in at.dataframe]
    for frame in frames:
        cells = frame.astype(str).to_numpy().ravel()
        assert "None" not in set(cells)
        assert not any(c in EXCLUSION_REASONS for c in cells)  # reasons in words
        assert not any(c in ("toll_free", "non_geographic") for c in cells)
    numbers = next(f for f in frames if "row" in f.columns)  # the frame keeps its codes; headers are labels
    assert "category" in numbers.columns
    at.switch_page("pages/port_plan.py").run()
    table = at.dataframe[0].value
    assert not set(table["category"]) & {"toll_free", "non_geographic"}
    assert not set(table["address source"]) & {"assigned", "ship_to"}


def test_a_warning_code_without_a_title_still_reads_as_words() -> None:
    """New codes may come without a title: they read as words, never as the code."""
    from portout.i18n import translator
    from portout.plan.messages import WARNING_TITLES, warning_title
    from portout.plan.model import PlanWarning

    assert "still_assigned" in WARNING_TITLES
    w = PlanWarning(code="some_new_code", message="x")
    assert warning_title(w, translator("en")) == "Some new code"
