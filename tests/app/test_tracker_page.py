"""The dashboard's Tracker page on top of the tracker library: two sessions cannot silently overwrite each
other (AppTest), a rejection offers the support bundle (AppTest), and a real browser moves a request to
"removed" (Playwright + Debian's Chromium)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from browser_support import CHROMIUM, CHROMIUM_ARGS, need_chromium, streamlit_server
from paths import ROOT, SAMPLES
from portout.inventory.reader import read_inventory
from portout.plan.planner import build_plan
from portout.settings import load_settings
from portout.tracker import Tracker

APP = str(ROOT / "app.py")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "tracker.sqlite3"
    monkeypatch.setenv("PORTOUT_DB", str(path))
    return path


def _saved_sample(db: Path) -> tuple[Tracker, int, str]:
    plan = build_plan(read_inventory(SAMPLES / "inventory.csv"), load_settings(SAMPLES / "org.toml"))
    tracker = Tracker(db)
    pid = tracker.save_plan(plan, name="sample")
    return tracker, pid, plan.requests[0].id


def _tracker_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.switch_page("pages/tracker.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _record(at: AppTest, new_state: str, **fields: str) -> None:
    """Choose the status (its fields appear on the rerun), fill `fields` by label, press Record."""
    [s for s in at.selectbox if s.label == "New status"][0].set_value(new_state)
    at.run()
    for label, value in fields.items():
        widget = next((w for w in [*at.text_input, *at.selectbox] if w.label == label), None)
        assert widget is not None, f"no field {label!r} for {new_state}"
        widget.set_value(value)
    [b for b in at.button if b.label == "Record"][0].click().run()
    assert not at.exception, [e.message for e in at.exception]


def _labels(at: AppTest) -> set[str]:
    return {w.label for w in [*at.text_input, *at.selectbox, *at.date_input]}


def test_two_requests_recorded_in_turn_keep_their_own_values(db: Path) -> None:
    tracker, pid, first = _saved_sample(db)
    second = tracker.requests(pid)[1].request_id
    at = _tracker_page()
    assert "Rejection reason" not in _labels(at)  # draft -> submitted: no rejection fields
    _record(at, "submitted", **{"Gaining carrier": "Acme Tel", "Carrier's reference": "A-1"})
    _record(at, "rejected", **{"Rejection reason": "LOCATION_MISMATCH", "Recorded by (kept in the history)": "alex"})
    # After the rejection the form starts from this request's state: no rejection values carried over.
    texts = {w.label: w.value for w in at.text_input}
    assert "Rejection details (as the carrier wrote them)" not in texts and texts.get("Comment") == ""
    [s for s in at.selectbox if s.label == "Request"][0].set_value(second).run()
    texts = {w.label: w.value for w in at.text_input}
    assert texts["Carrier's reference"] == "" and texts["Gaining carrier"] != "Acme Tel"
    _record(at, "submitted", **{"Carrier's reference": "B-7"})
    _record(at, "ported")
    h1 = [(h.to_state, h.carrier, h.reference, h.reason_code, h.actor) for h in tracker.history(pid, first)[1:]]
    h2 = [(h.to_state, h.carrier, h.reference, h.reason_code, h.actor) for h in tracker.history(pid, second)[1:]]
    login = h1[0][4]
    assert h1 == [("submitted", "Acme Tel", "A-1", "", login), ("rejected", "", "", "LOCATION_MISMATCH", "alex")]
    carrier = tracker.plan_carrier(pid)  # the gaining carrier defaults from the plan's settings
    assert carrier and h2 == [("submitted", carrier, "B-7", "", "alex"), ("ported", "", "", "", "alex")]


def test_newest_plan_first_and_readable_tables(db: Path) -> None:
    tracker, _, _ = _saved_sample(db)
    plan = tracker.get_plan(1).plan
    newest = tracker.save_plan(plan, name="newer")
    at = _tracker_page()
    assert [s for s in at.selectbox if s.label == "Plan"][0].value == newest
    for frame in at.dataframe:
        text = frame.value.to_string()
        assert "{" not in text and "None" not in text and "_date" not in text, text
    assert any("Where the requests stand" in f.value.columns for f in at.dataframe)


def test_two_sessions_cannot_silently_overwrite(db: Path) -> None:
    tracker, pid, rid = _saved_sample(db)
    alice, bob = _tracker_page(), _tracker_page()  # both show the request at version 1
    _record(alice, "submitted")
    assert tracker.request(pid, rid).state == "submitted"
    [s for s in bob.selectbox if s.label == "New status"][0].set_value("cancelled")
    [b for b in bob.button if b.label == "Record"][0].click().run()  # one rerun: chosen and clicked at once
    assert any("nothing was saved" in e.value for e in bob.error), [e.value for e in bob.error]
    status = tracker.request(pid, rid)
    assert (status.state, status.version) == ("submitted", 2)
    assert [h.to_state for h in tracker.history(pid, rid)] == ["draft", "submitted"]


def test_rejection_offers_the_support_bundle(db: Path) -> None:
    tracker, pid, rid = _saved_sample(db)
    tracker.transition(pid, rid, "submitted", date="2026-03-02", expected_version=1)
    at = _tracker_page()
    _record(at, "rejected", **{"Rejection reason": "LOCATION_MISMATCH"})
    status = tracker.request(pid, rid)
    assert (status.state, status.reason_code) == ("rejected", "LOCATION_MISMATCH")
    assert any("support bundle" in m.value for m in at.markdown)
    assert tracker.support_bundle(pid, rid)[:2] == b"PK"


# ------------------------------------------------------------------ real browser


@pytest.fixture
def server(db: Path, tmp_path: Path):
    need_chromium()
    with streamlit_server({"PORTOUT_DB": str(db)}, tmp_path / "streamlit.log") as url:
        yield url


@pytest.mark.browser
def test_browser_moves_a_request_to_removed(db: Path, server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    tracker, pid, rid = _saved_sample(db)
    ported_on = dt.date.today() - dt.timedelta(days=3)
    s = tracker.transition(pid, rid, "submitted", date=ported_on - dt.timedelta(days=10), expected_version=1)
    tracker.transition(pid, rid, "ported", date=ported_on, expected_version=s.version)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{server}/tracker", timeout=90_000)
            page.wait_for_selector("[data-test-script-state='notRunning']", timeout=90_000)
            expect(page.get_by_text("Removal checklist")).to_be_visible(timeout=60_000)
            # Ported: the only next status is "removed", preselected; the date defaults to today.
            page.get_by_role("button", name="Record").click()
            expect(page.get_by_text(f"{rid} is now: Removed from Genesys Cloud Voice")).to_be_visible(timeout=60_000)
        finally:
            browser.close()
    status = tracker.request(pid, rid)
    assert status.state == "removed" and status.removed_date is not None
    assert tracker.removal_checklist().empty
