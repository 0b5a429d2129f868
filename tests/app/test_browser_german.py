"""Every page in German in a real Chromium whose browser language is German: the switch defaults to it,
no exception, and none of the known English UI phrases is left on the page. Screenshots go to a temporary
folder (PORTOUT_GERMAN_SHOTS=<dir> keeps them for looking at)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS, need_chromium, streamlit_server

pytestmark = pytest.mark.browser

PAGES = {
    "load": "",
    "inventory": "inventory",
    "port_plan": "port_plan",
    "cost_impact": "cost_impact",
    "loa_export": "loa_export",
    "tracker": "tracker",
}
GERMAN_TITLES = {
    "load": "Port-Out Planner für",
    "inventory": "Inventar",
    "port_plan": "Portierungsplan",
    "cost_impact": "Kostenwirkung",
    "loa_export": "LOA-Export",
    "tracker": "Nachverfolgung",
}
# English UI phrases that must not show in German (menu, titles, headings, buttons, metrics, messages)
ENGLISH = [
    "Cost impact",
    "Port plan",
    "LOA export",
    "Removal dates",
    "Billing settings",
    "Convention used",
    "Final prorated charge",
    "Each day of delay costs",
    "Saved per month afterwards",
    "Showing the sample",
    "numbers in",
    "port requests",
    "Upload a number inventory",
    "Before you start",
    "LOA workbook",
    "Saved plans",
    "Save the current plan",
    "Language",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    need_chromium()
    env = {"PORTOUT_DB": str(tmp_path_factory.mktemp("tracker") / "tracker.sqlite3")}
    with streamlit_server(env, tmp_path_factory.mktemp("log") / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def german_page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 2400}, locale="de-DE")
        page = context.new_page()
        page.set_default_timeout(60_000)
        yield page
        browser.close()


def _settled(page) -> None:
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=90_000)
    page.wait_for_timeout(500)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=90_000)


def test_every_page_in_german(server, german_page, tmp_path):
    shots = Path(os.environ.get("PORTOUT_GERMAN_SHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page = german_page
    leftovers = {}
    for name, path in PAGES.items():
        page.goto(f"{server}/{path}")
        _settled(page)
        page.wait_for_selector("h1")
        assert page.get_by_test_id("stException").count() == 0, name
        assert page.locator("h1").first.inner_text().strip().startswith(GERMAN_TITLES[name]), name
        page.wait_for_timeout(800)
        page.screenshot(path=str(shots / f"de_{name}.png"), full_page=True)
        text = page.locator("[data-testid='stApp']").inner_text()
        assert "Sprache" in text and "Beispiel" in text, name
        found = [w for w in ENGLISH if w in text]
        if found:
            leftovers[name] = found
    assert leftovers == {}, leftovers
