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


def test_number_types_read_as_words_in_both_languages() -> None:
    import pandas as pd

    from portout.i18n import translator
    from portout.plan.views import readable_numbers

    frame = pd.DataFrame(
        {"number": ["+4930901850", "+13175550100"], "number_type": ["FIXED_LINE", "FIXED_LINE_OR_MOBILE"]}
    )
    assert list(readable_numbers(frame, translator("en"))["number_type"]) == ["fixed line", "fixed line or mobile"]
    assert list(readable_numbers(frame, translator("de"))["number_type"]) == ["Festnetz", "Festnetz oder Mobilfunk"]
    assert list(frame["number_type"]) == ["FIXED_LINE", "FIXED_LINE_OR_MOBILE"]  # the plan keeps its codes


def test_port_plan_says_the_organization_id_is_missing_instead_of_empty_values() -> None:
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["inv_raw"] = (ROOT / "data" / "samples" / "inventory_de.csv").read_bytes()
    at.session_state["inv_name"] = "inventory_de.csv"
    at.session_state["inv_is_sample"] = False
    at.session_state["settings_toml"] = ""  # what an upload starts from: unset organisation settings
    at.session_state["settings_origin"] = "unset"
    at.run()
    at.switch_page("pages/port_plan.py").run()
    assert not at.exception, [e.message for e in at.exception]
    captions = [c.value for c in at.caption]
    assert any("Organization ID is not set yet" in c for c in captions)
    assert not any("(``)" in c for c in captions)
