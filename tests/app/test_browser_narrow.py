"""Every page usable in an 800-px window (issue 13): Chromium at 800×900, where the open sidebar leaves the
page about 470 px. On the sample (in English and in German, whose labels are longer) and on a generated
100,000-number inventory: no key figure cut short
("$1,3…"), no checkbox or button label cut, every button inside the window, and no sideways scrolling of
the whole page (wide tables scroll inside their own frame, which is fine).

Screenshots of each page go to a temporary folder (printed on failure) for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS, need_chromium, streamlit_server
from generate import write  # bench/generate.py: bench/ is on pytest's pythonpath
from portout.i18n import Translator, translator

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 800, 900
# Sidebar link text -> page, in the menu's order.
PAGES = ["Load", "Inventory", "Port plan", "Cost impact", "LOA export", "Tracker"]

# What is cut or out of reach on the page, as "what: text" lines (empty when all is well).
_PROBLEMS_JS = """() => {
  const problems = [];
  // (boxes a few pixels wide are visually hidden helpers, such as a checkbox's input, not text)
  const cut = (el) => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 4;
  const text = (el) => (el.innerText || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
  // key figures and their labels: any part that overflows its box is shown cut ("…" or clipped)
  for (const m of document.querySelectorAll('[data-testid=stMetric]')) {
    for (const el of [m, ...m.querySelectorAll('*')]) {
      if (cut(el)) {
        problems.push('metric cut: ' + text(m) + ' [' + el.tagName + ' ' + el.scrollWidth + '>' + el.clientWidth + ']');
        break;
      }
    }
    if (text(m).includes('…')) problems.push('metric with …: ' + text(m));
  }
  for (const sel of ['[data-testid=stCheckbox]', '[data-testid=stButton]', '[data-testid=stDownloadButton]']) {
    for (const w of document.querySelectorAll('[data-testid=stMain] ' + sel)) {
      for (const el of w.querySelectorAll('label, p, span, div')) {
        if (cut(el) && !el.closest('[data-testid=stTooltipIcon]')) {
          problems.push(sel + ' label cut: ' + text(w) + ' [' + el.tagName + ' ' + el.scrollWidth + '>' + el.clientWidth + ']');
          break;
        }
      }
      const r = w.getBoundingClientRect();
      if (r.width > 0 && (r.left < 0 || r.right > window.innerWidth + 1)) {
        problems.push(sel + ' outside the window: ' + text(w) + ' (right edge ' + Math.round(r.right) + ')');
      }
    }
  }
  // the whole page must not scroll sideways
  const main = document.querySelector('[data-testid=stMain]');
  for (const el of [document.scrollingElement, main]) {
    if (el && el.scrollWidth > el.clientWidth + 1) {
      problems.push('page scrolls sideways: ' + el.scrollWidth + ' > ' + el.clientWidth);
    }
  }
  return problems;
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    need_chromium()
    env = {"PORTOUT_DB": str(tmp_path_factory.mktemp("tracker") / "tracker.sqlite3")}
    with streamlit_server(env, tmp_path_factory.mktemp("log") / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    p = context.new_page()
    p.set_default_timeout(180_000)
    yield p
    context.close()


@pytest.fixture(scope="module")
def big_inventory(tmp_path_factory) -> Path:
    """100,000 numbers in 400 requests, from the benchmarks' generator (bench/generate.py)."""
    return write(100_000, tmp_path_factory.mktemp("inventory") / "inventory_100k.csv")


def _settled(page) -> None:
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=300_000)
    page.wait_for_timeout(300)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=300_000)


def _open(page, title: str) -> None:
    """Through the sidebar menu, inside the session (a new URL would start a new session)."""
    page.get_by_test_id("stSidebar").get_by_test_id("stPageLink-NavLink").filter(has_text=title).first.click()
    page.wait_for_timeout(300)
    _settled(page)
    page.wait_for_selector("h1")


def _check_every_page(page, shots: Path, tag: str, _: Translator) -> list[str]:
    problems: list[str] = []
    for title in PAGES:
        _open(page, _(title))
        if title == "Tracker":
            # a saved plan: the tables and the update form are what needs the room
            page.get_by_test_id("stExpander").get_by_text(_("Save the current plan")).click()
            page.get_by_role("button", name=_("Save plan snapshot")).click()
            saved = _("Saved as plan {plan_id}: every request starts in draft.", plan_id="\0").split("\0")[0]
            page.get_by_text(saved).first.wait_for()
            _settled(page)
        if title == "LOA export":
            page.get_by_role("button", name=_("Prepare the LOA workbook (.xlsx)")).click()
            page.get_by_text(_("Ready: {size} in {seconds} s", size="", seconds="")[:6]).first.wait_for(timeout=300_000)
            _settled(page)
        assert page.get_by_test_id("stException").count() == 0, page.get_by_test_id("stException").first.inner_text()
        page.wait_for_timeout(500)  # Plotly and the data grids lay out after the script run
        shot = shots / f"{tag}-{title.replace(' ', '_').lower()}.png"
        page.screenshot(path=str(shot))
        problems += [f"{title}: {p} (see {shot})" for p in page.evaluate(_PROBLEMS_JS)]
        assert page.get_by_test_id("stMetric").count() or title in ("Load", "LOA export", "Tracker"), title
    return problems


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_page_at_800px_on_the_sample(page, server, tmp_path, lang) -> None:
    page.goto(server)
    _settled(page)
    _ = translator(lang)
    if lang != "en":  # the sidebar's language switch
        page.get_by_test_id("stSidebar").get_by_text("Deutsch", exact=True).click()
        _settled(page)
    problems = _check_every_page(page, tmp_path, f"sample-{lang}", _)
    assert not problems, "\n".join(problems)


def test_every_page_at_800px_with_100k_numbers(page, server, big_inventory, tmp_path) -> None:
    page.goto(server)
    _settled(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(big_inventory))
    page.get_by_text("Loaded", exact=False).get_by_text(big_inventory.name).first.wait_for(timeout=300_000)
    _settled(page)
    problems = _check_every_page(page, tmp_path, "100k", translator("en"))
    assert not problems, "\n".join(problems)
    # the key figures really are the 100k plan's (wider than the sample's)
    _open(page, "Inventory")
    assert "100,000" in page.get_by_test_id("stMetric").first.inner_text()
