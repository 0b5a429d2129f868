"""The dashboard in a real browser: `streamlit run` on a free port, Debian's Chromium through Playwright.

Opens every page (screenshots into a temporary folder; into docs/screenshots/ with `make screenshots`), uploads an inventory, downloads the workbook and
opens it with openpyxl, and moves a tracked request to "removed".
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS, need_chromium, streamlit_server
from paths import ROOT
from portout import build_plan, load_settings, read_inventory

# The README's pictures are refreshed only when asked: an ordinary test run never changes tracked files.
REFRESH_ENV = "PORTOUT_REFRESH_SCREENSHOTS"
PAGES = {
    "load": "",
    "inventory": "inventory",
    "port_plan": "port_plan",
    "cost_impact": "cost_impact",
    "loa_export": "loa_export",
    "tracker": "tracker",
}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    need_chromium()
    env = {"PORTOUT_DB": str(tmp_path_factory.mktemp("tracker") / "tracker.sqlite3")}
    with streamlit_server(env, tmp_path_factory.mktemp("log") / "streamlit.log") as url:
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
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    p = context.new_page()
    p.set_default_timeout(60_000)
    yield p
    context.close()


def _settled(page) -> None:
    """Wait until the script has finished its run (and any rerun it triggered)."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=90_000)
    page.wait_for_timeout(300)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=90_000)


def _nav(page, title: str) -> None:
    """Switch page inside the session (page.goto would start a new session and lose the upload)."""
    page.get_by_test_id("stSidebar").get_by_test_id("stPageLink-NavLink").filter(has_text=title).first.click()
    page.wait_for_timeout(300)
    _settled(page)


def _choose(page, combobox, label: str) -> None:
    """Streamlit 1.67's selectbox is a react-aria combobox: focus it, open the list with the keyboard."""
    combobox.click()
    page.keyboard.press("ArrowDown")
    page.get_by_role("option", name=label, exact=True).click()


def _no_exception(page) -> None:
    assert page.get_by_test_id("stException").count() == 0, page.get_by_test_id("stException").first.inner_text()


def test_deep_link_on_a_fresh_server(server, page):
    """First test of the module, so no session has run app.py yet: the page is reached through pages/
    auto-discovery and must still show the sample, the full menu, and navigate."""
    page.goto(f"{server}/port_plan")
    _settled(page)
    _no_exception(page)
    page.get_by_role("heading", name="Port plan").wait_for()
    links = page.get_by_test_id("stSidebar").get_by_test_id("stPageLink-NavLink")
    assert links.count() == 6
    _nav(page, "Cost impact")
    page.get_by_role("heading", name="Cost impact").wait_for()
    assert page.get_by_test_id("stMetric").count() >= 4


def test_every_page_renders_with_screenshot(server, page, shots):
    # Streamlit scrolls inside its own container, so full_page cannot grow the shot: a tall viewport does.
    page.set_viewport_size({"width": 1400, "height": 2400})
    for name, path in PAGES.items():
        page.goto(f"{server}/{path}")
        _settled(page)
        page.wait_for_selector("h1")
        _no_exception(page)
        assert page.get_by_test_id("stSidebar").get_by_text("sample", exact=False).count() >= 1
        page.wait_for_timeout(800)  # let Plotly finish drawing before the screenshot
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
        assert (shots / f"{name}.png").stat().st_size > 0
    page.goto(f"{server}/inventory")
    _settled(page)
    assert page.get_by_test_id("stMetric").first.inner_text().startswith("Numbers")


def test_upload_then_download_the_workbook(server, page):
    import openpyxl

    page.goto(server)
    _settled(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(
        str(ROOT / "data" / "samples" / "inventory_de.csv")
    )
    page.get_by_text("Loaded", exact=False).get_by_text("inventory_de.csv").first.wait_for()
    _settled(page)
    _no_exception(page)

    _nav(page, "LOA export")
    page.get_by_role("heading", name="LOA export").wait_for()
    assert page.get_by_test_id("stSidebar").get_by_text("inventory_de.csv").count() >= 1
    # prepared on request (its stages shown), then offered for download
    page.get_by_role("button", name="Prepare the LOA workbook (.xlsx)").click()
    page.get_by_text("Ready:", exact=False).first.wait_for(timeout=120_000)
    _settled(page)
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
    _settled(page)
    page.get_by_test_id("stExpander").get_by_text("Save the current plan").click()
    page.get_by_role("button", name="Save plan snapshot").click()
    page.get_by_text("Saved as plan").wait_for()
    for label in (
        "Submitted to the gaining carrier",
        "Ported (still on Genesys Cloud Voice: remove it)",
        "Removed from Genesys Cloud Voice",
    ):
        _settled(page)
        # not an st.form: the chosen status shows its own fields on the rerun
        _choose(page, page.get_by_role("combobox", name="New status"), label)
        _settled(page)
        page.get_by_role("button", name="Record").click()
        page.get_by_text(f"is now: {label}").wait_for()
        if label.startswith("Ported"):
            # The README's tracker picture: a saved plan with a request waiting for removal.
            _settled(page)
            page.get_by_role("heading", name="Tracker").first.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
            page.screenshot(path=str(shots / "tracker.png"), full_page=True)
    _settled(page)
    _no_exception(page)
    assert page.get_by_text("This request is finished").count() == 1
