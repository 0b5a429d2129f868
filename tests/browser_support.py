"""Shared by the browser tests: Debian's Chromium, a `streamlit run` of the app on a free port (both from
bench/browser_server.py), and the steps every browser test takes (open a page, wait for the script, switch
page, choose, screenshot)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

# The server and Chromium settings live with the benchmarks (bench/ is on pytest's pythonpath), so
# bench_browser.py measures the very server these tests drive.
from browser_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server


def need_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"{CHROMIUM} is missing: run scripts/setup.sh --browser (apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)  # CI installs it: missing there is a real failure
    pytest.skip(message)


# The dashboard's pages: screenshot name -> URL path.
PAGES = {
    "load": "",
    "inventory": "inventory",
    "port_plan": "port_plan",
    "cost_impact": "cost_impact",
    "loa_export": "loa_export",
    "tracker": "tracker",
}


@contextmanager
def app_server(tmp_path_factory: Any) -> Iterator[str]:
    """A fresh app with its own tracker database (module fixtures yield from this)."""
    need_chromium()
    env = {"PORTOUT_DB": str(tmp_path_factory.mktemp("tracker") / "tracker.sqlite3")}
    with streamlit_server(env, tmp_path_factory.mktemp("log") / "streamlit.log") as url:
        yield url


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def new_page(browser: Any, locale: str | None = None, height: int = 1000) -> Iterator[Any]:
    """A page in its own browser context (its own Streamlit session); `locale` is the browser's language."""
    options: dict[str, Any] = {"viewport": {"width": 1400, "height": height}, "accept_downloads": True}
    if locale:
        options["locale"] = locale
    context = browser.new_context(**options)
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        yield page
    finally:
        context.close()


def settled(page: Any, pause_ms: int = 300) -> None:
    """Wait until the script has finished its run (and any rerun it triggered) and every element is drawn:
    Streamlit loads an element type's code on its first use and shows a skeleton meanwhile (on a fresh
    server the sidebar's page links were counted while still skeletons)."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=90_000)
    page.wait_for_timeout(pause_ms)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=90_000)
    page.wait_for_function("() => !document.querySelector(\"[data-testid='stSkeleton']\")", timeout=90_000)


def open_page(page: Any, server: str, path: str) -> None:
    """Go to a page (a new session), wait for its title, and check it shows no exception."""
    page.goto(f"{server}/{path}")
    settled(page)
    page.wait_for_selector("h1")
    no_exception(page)


def nav(page: Any, title: str) -> None:
    """Switch page inside the session (page.goto would start a new session and lose the upload)."""
    page.get_by_test_id("stSidebar").get_by_test_id("stPageLink-NavLink").filter(has_text=title).first.click()
    page.wait_for_timeout(300)
    settled(page)


def choose(page: Any, combobox: Any, label: str) -> None:
    """Streamlit 1.67's selectbox is a react-aria combobox: focus it, open the list with the keyboard."""
    combobox.click()
    page.keyboard.press("ArrowDown")
    page.get_by_role("option", name=label, exact=True).click()


def no_exception(page: Any) -> None:
    assert page.get_by_test_id("stException").count() == 0, page.get_by_test_id("stException").first.inner_text()


def screenshot(page: Any, path: Path) -> Path:
    """The whole page (a tall viewport: Streamlit scrolls inside its own container, so full_page alone cannot
    grow the shot), after Plotly has had time to draw."""
    page.wait_for_timeout(800)
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0
    return path


def app_text(page: Any) -> str:
    """Every text on the page a person reads: the app's DOM text plus the cells and headers of its tables
    (st.dataframe draws on a canvas; its accessible copy is read here)."""
    text = page.locator("[data-testid='stApp']").inner_text()
    for frame in page.locator("[data-testid='stDataFrame']").all():
        text += "\n" + _grid_text(page, frame)
    return text


def _grid_text(page: Any, frame: Any) -> str:
    """A dataframe's accessible text, scrolled sideways step by step: the grid renders only the columns in view."""
    scroller = frame.locator(".dvn-scroller").first
    parts = []
    if scroller.count() == 0:
        return frame.locator("table").first.inner_text() if frame.locator("table").count() else ""
    width = scroller.evaluate("el => el.scrollWidth")
    step = max(200, scroller.evaluate("el => el.clientWidth") - 100)
    for left in range(0, int(width) + step, step):
        scroller.evaluate("(el, x) => { el.scrollLeft = x; }", left)
        page.wait_for_timeout(150)
        parts.append(frame.locator("table").first.inner_text())
    scroller.evaluate("el => { el.scrollLeft = 0; }")
    return "\n".join(parts)
