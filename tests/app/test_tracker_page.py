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


def _record(at: AppTest, new_state: str) -> None:
    [s for s in at.selectbox if s.label == "New status"][0].set_value(new_state)
    [b for b in at.button if b.label == "Record"][0].click().run()
    assert not at.exception, [e.message for e in at.exception]


def test_two_sessions_cannot_silently_overwrite(db: Path) -> None:
    tracker, pid, rid = _saved_sample(db)
    alice, bob = _tracker_page(), _tracker_page()  # both show the request at version 1
    _record(alice, "submitted")
    assert tracker.request(pid, rid).state == "submitted"
    _record(bob, "cancelled")
    assert any("nothing was saved" in e.value for e in bob.error), [e.value for e in bob.error]
    status = tracker.request(pid, rid)
    assert (status.state, status.version) == ("submitted", 2)
    assert [h.to_state for h in tracker.history(pid, rid)] == ["draft", "submitted"]


def test_rejection_offers_the_support_bundle(db: Path) -> None:
    tracker, pid, rid = _saved_sample(db)
    tracker.transition(pid, rid, "submitted", date="2026-03-02", expected_version=1)
    at = _tracker_page()
    [s for s in at.selectbox if s.label.startswith("Rejection reason")][0].set_value("LOCATION_MISMATCH")
    _record(at, "rejected")
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
