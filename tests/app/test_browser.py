"""The dashboard in a real browser: `streamlit run` on a free port, Debian's Chromium through Playwright.

Opens every page (screenshots into a temporary folder; into docs/screenshots/ with `make screenshots`), uploads an inventory, downloads the workbook and
opens it with openpyxl, and moves a tracked request to "removed".
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_support import (
    PAGES,
    app_server,
    choose,
    chromium,
    nav,
    new_page,
    no_exception,
    open_page,
    screenshot,
    settled,
)
from paths import ROOT
from portout import build_plan, load_settings, read_inventory

# The README's pictures are refreshed only when asked: an ordinary test run never changes tracked files.
REFRESH_ENV = "PORTOUT_REFRESH_SCREENSHOTS"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with app_server(tmp_path_factory) as url:
        yield url


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    if os.environ.get(REFRESH_ENV) == "1":
        folder = ROOT / "docs" / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def browser(server):
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    with new_page(browser) as p:
        yield p


def test_deep_link_on_a_fresh_server(server, page):
    """First test of the module, so no session has run app.py yet: the page is reached through pages/
    auto-discovery and must still show the sample, the full menu, and navigate."""
    page.goto(f"{server}/port_plan")
    settled(page)
    no_exception(page)
    page.get_by_role("heading", name="Port plan").wait_for()
    links = page.get_by_test_id("stSidebar").get_by_test_id("stPageLink-NavLink")
    expect(links).to_have_count(6)  # retried: the menu may be drawn a moment after the page's heading
    nav(page, "Cost impact")
    page.get_by_role("heading", name="Cost impact").wait_for()
    assert page.get_by_test_id("stMetric").count() >= 4


def test_every_page_renders_with_screenshot(server, page, shots):
    page.set_viewport_size({"width": 1400, "height": 2400})
    for name, path in PAGES.items():
        open_page(page, server, path)
        assert page.get_by_test_id("stSidebar").get_by_text("sample", exact=False).count() >= 1
        screenshot(page, shots / f"{name}.png")
    page.goto(f"{server}/inventory")
    settled(page)
    assert page.get_by_test_id("stMetric").first.inner_text().startswith("Numbers")


def test_upload_then_download_the_workbook(server, page):
    import openpyxl

    page.goto(server)
    settled(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(
        str(ROOT / "data" / "samples" / "inventory_de.csv")
    )
    page.get_by_text("Loaded", exact=False).get_by_text("inventory_de.csv").first.wait_for()
    settled(page)
    no_exception(page)

    nav(page, "LOA export")
    page.get_by_role("heading", name="LOA export").wait_for()
    assert page.get_by_test_id("stSidebar").get_by_text("inventory_de.csv").count() >= 1
    # prepared on request (its stages shown), then offered for download
    page.get_by_role("button", name="Prepare the LOA workbook (.xlsx)").click()
    page.get_by_text("Ready:", exact=False).first.wait_for(timeout=120_000)
    settled(page)
    with page.expect_download(timeout=120_000) as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="LOA workbook (.xlsx)").get_by_role("button").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()), read_only=True)
    try:
        # the uploaded file's numbers, as the library plans them (an upload starts from unset settings)
        raw = (ROOT / "data" / "samples" / "inventory_de.csv").read_bytes()
        expected = build_plan(read_inventory(raw, name="inventory_de.csv"), load_settings(b""))
        rows = list(book["All numbers"].iter_rows(min_row=2, values_only=True))
        assert sorted(r[0] for r in rows if r[0]) == sorted(expected.numbers["number"])
    finally:
        book.close()


def test_tracker_request_to_removed(server, page, shots):
    page.set_viewport_size({"width": 1400, "height": 2400})  # tall: the screenshot below shows the whole page
    page.goto(f"{server}/tracker")
    settled(page)
    page.get_by_test_id("stExpander").get_by_text("Save the current plan").click()
    page.get_by_role("button", name="Save plan snapshot").click()
    page.get_by_text("Saved as plan").wait_for()
    for label in (
        "Submitted to the gaining carrier",
        "Ported (still on Genesys Cloud Voice: remove it)",
        "Removed from Genesys Cloud Voice",
    ):
        settled(page)
        # not an st.form: the chosen status shows its own fields on the rerun
        choose(page, page.get_by_role("combobox", name="New status"), label)
        settled(page)
        page.get_by_role("button", name="Record").click()
        page.get_by_text(f"is now: {label}").wait_for()
        if label.startswith("Ported"):
            # The README's tracker picture: a saved plan with a request waiting for removal.
            settled(page)
            page.get_by_role("heading", name="Tracker").first.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            page.screenshot(path=str(shots / "tracker.png"), full_page=True)
    settled(page)
    no_exception(page)
    assert page.get_by_text("This request is finished").count() == 1
