"""Port plan in German (issue 14): a request's readiness items read as title, message and fix in German,
not as codes; the requests table's badge is German too."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from paths import ROOT

pytestmark = pytest.mark.usefixtures("tracker_db")


def test_readiness_items_in_german():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    next(r for r in at.sidebar.radio if r.key == "w_ui_lang").set_value("de").run()
    at.switch_page("pages/port_plan.py").run()
    assert not at.exception, at.exception
    shown = [w.value.replace("\\", "") for w in at.warning]
    items = next(t for t in shown if "Beispielwerte in den Einstellungen" in t)
    assert "braucht Aufmerksamkeit" in items and "*Abhilfe:*" in items
    assert "Tragen Sie die Werte Ihrer Organisation in org.toml ein" in items
    for english in ("sample_org_value", "needs attention", "still the bundled", "put your", "fix:"):
        assert english not in items, english
    table = next(d.value for d in at.dataframe if "readiness" in d.value.columns or len(d.value.columns) > 10)
    badges = {str(v) for col in table.columns for v in table[col] if str(v).startswith(("⚠️", "✅"))}
    assert badges and all("braucht Aufmerksamkeit" in b or "bereit" in b for b in badges), badges
