"""Dashboard times as a person sees them: Chromium (Playwright) against `streamlit run`, N numbers uploaded.

    .venv/bin/python bench/bench_browser.py [N_NUMBERS] [REPEATS] [SERVERS]

Times from the click until the page is drawn: the script run the click started has ended (the app's script
state back at "notRunning": the websocket round trip and every element received), no element is still
loading its code (a skeleton), every Plotly chart has drawn its plot, then one more frame. Prints the upload (read + plan), then per page its first
open (cold: once per server and session), the median of the later opens and the median of REPEATS widget
changes. First opens happen once per server, so SERVERS fresh servers (default 1) give their median and
range. Target: every figure under 1 s.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

# Siblings in bench/ (a script's folder is on its path): the browser tests' own server and Chromium settings.
from browser_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server
from generate import write

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# Counts the app's script runs that end: a fast run can start and end between two looks from Python, so
# the browser itself counts each change of the script state back to "notRunning".
WATCH_RUNS = """() => {
  window.__runsEnded = 0;
  window.__titleBefore = document.title;
  if (window.__runWatch) return;
  window.__runWatch = new MutationObserver(records => {
    for (const r of records) {
      if (r.target.getAttribute("data-test-script-state") === "notRunning") window.__runsEnded += 1;
    }
  });
  window.__runWatch.observe(document.body, {attributes: true, subtree: true, attributeFilter: ["data-test-script-state"]});
}"""
# A run ended. A page switch's run so short that its start and end reach the browser together shows no
# change of the state at all (React applies both at once; seen on Tracker, ~0.1 s): its end is then the new
# page's title (set by the run) with the state back at "notRunning".
RUN_ENDED = """(pageTitle) => {
  const app = document.querySelector("[data-testid='stApp']");
  const idle = app && app.getAttribute("data-test-script-state") === "notRunning";
  const switched = pageTitle && document.title !== window.__titleBefore && document.title.startsWith(pageTitle + " ·");
  return window.__runsEnded > 0 || (switched && idle);
}"""


# Resolves once the page is drawn: no element still waiting for its code (Streamlit loads an element type's
# code on its first use and shows a skeleton meanwhile: Plotly's is ~3 MB), every Plotly chart has drawn its
# plot (Plotly adds its SVG layers to the chart's element), and the browser has painted the frame after.
DRAWN = """() => new Promise(resolve => {
  const check = () => {
    const waiting = document.querySelector("[data-testid='stSkeleton']");
    const charts = [...document.querySelectorAll("[data-testid='stPlotlyChart']")];
    if (!waiting && charts.every(c => c.querySelector(".main-svg"))) requestAnimationFrame(() => setTimeout(resolve, 0));
    else setTimeout(check, 10);
  };
  check();
})"""


RUN_TIMEOUT_MS = 120_000


def timed_run(page, action: Callable[[], object], page_title: str = "") -> float:
    """Seconds from `action` to the end of the script run it caused and its charts drawn; `page_title`: the
    page the action switches to."""
    page.evaluate(WATCH_RUNS)
    start = time.perf_counter()
    action()
    try:
        page.wait_for_function(RUN_ENDED, arg=page_title, timeout=RUN_TIMEOUT_MS)
    except Exception:  # a figure that never came: say where, so it can be looked into, then stop
        state = page.evaluate(
            """() => document.querySelector("[data-testid='stApp']").getAttribute("data-test-script-state")"""
        )
        shot = Path(tempfile.mkdtemp(prefix="bench-browser-hang-")) / "page.png"
        page.screenshot(path=str(shot))
        print(
            f"NO RUN END within {RUN_TIMEOUT_MS / 1000:.0f} s at {page.url} (script state {state}); screenshot {shot}"
        )
        raise
    page.evaluate(DRAWN)
    return time.perf_counter() - start


def nav_link(page, title: str):
    return page.get_by_test_id("stSidebar").get_by_test_id("stPageLink-NavLink").filter(has_text=title).first


TITLES = ["Inventory", "Port plan", "Cost impact", "LOA export", "Tracker", "Load"]


def one_server(inventory: Path, repeats: int, folder: Path) -> tuple[float, dict[str, list[float]], dict[str, float]]:
    """(upload, opens per page in order (the first one cold), median widget change per page) on a fresh
    server and browser session."""
    from playwright.sync_api import sync_playwright

    env = {"PORTOUT_DB": str(folder / "tracker.sqlite3")}
    with streamlit_server(env, folder / "streamlit.log") as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.set_default_timeout(300_000)
        page.goto(url)
        page.wait_for_selector(IDLE)
        upload = timed_run(
            page, lambda: page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(inventory))
        )
        page.wait_for_timeout(500)
        page.wait_for_selector(IDLE)

        def typed(box, text: str) -> None:
            box.fill(text)
            box.press("Enter")  # Streamlit takes a text or number input's value on Enter

        main_area = page.get_by_test_id("stMain")
        changes: dict[str, Callable[[int], None]] = {
            "Inventory": lambda i: typed(main_area.get_by_role("textbox").first, ["555", "4930", "", "Wacker"][i % 4]),
            "Cost impact": lambda i: typed(main_area.get_by_role("spinbutton").last, str(5 + i)),
        }
        opens: dict[str, list[float]] = {t: [] for t in TITLES}
        for _ in range(repeats):
            for title in TITLES:
                opens[title].append(timed_run(page, nav_link(page, title).click, title))
        changed: dict[str, float] = {}
        for title, change in changes.items():
            timed_run(page, nav_link(page, title).click, title)
            changed[title] = statistics.median(timed_run(page, partial(change, i)) for i in range(repeats))
        # A figure of an error page would be meaningless: the cost page (open after its widget changes) must
        # show its key figures.
        if page.get_by_test_id("stMetric").count() == 0 or page.get_by_test_id("stException").count():
            print("WARNING: Cost impact shows no key figures (an error instead?): its figures above are not valid")
        browser.close()
    return upload, opens, changed


def _spread(values: list[float]) -> str:
    median = f"{statistics.median(values):.2f}"
    return median if len(values) == 1 else f"{median} ({min(values):.2f}–{max(values):.2f})"


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    servers = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    folder = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    inventory = write(n, folder / f"inventory_{n}.csv")
    runs = [one_server(inventory, repeats, Path(tempfile.mkdtemp(dir=folder))) for _ in range(servers)]
    uploads = [upload for upload, _, _ in runs]
    print(f"inventory: {n:,} numbers, {inventory.stat().st_size / 1e6:.1f} MB; {servers} server(s)")
    print(f"upload + plan: {_spread(uploads)} s")
    print(f"\n{'page':<14} {'first open (s)':>22} {'later opens (s)':>22}   widget change (s)")
    for title in TITLES:
        firsts = [opens[title][0] for _, opens, _ in runs]
        later = [statistics.median(opens[title][1:] or opens[title]) for _, opens, _ in runs]
        line = f"{title:<14} {_spread(firsts):>22} {_spread(later):>22}"
        if title in runs[0][2]:
            what = {"Inventory": "search text", "Cost impact": "slip N days"}[title]
            line += f"   {what}: {_spread([changed[title] for _, _, changed in runs])}"
        print(line)
    print("(medians; in brackets the range over the servers' first opens and per-server medians)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
