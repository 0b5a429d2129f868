"""Dashboard times as a person sees them: Chromium (Playwright) against `streamlit run`, N numbers uploaded.

    .venv/bin/python bench/bench_browser.py [N_NUMBERS] [REPEATS]

Times from the click to the end of the script run the click started (the app's script state back at
"notRunning"), so they include the websocket round trip and the browser receiving every element; charts
finish drawing a little later. Prints the upload (read + plan), then per page its first open (cold caches),
the median of the later opens and the median of REPEATS widget changes. Target: every figure under 1 s.
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
from generate import HEADER, rows

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# Counts the app's script runs that end: a fast run can start and end between two looks from Python, so
# the browser itself counts each change of the script state back to "notRunning".
WATCH_RUNS = """() => {
  window.__runsEnded = 0;
  if (window.__runWatch) return;
  const app = document.querySelector("[data-testid='stApp']");
  window.__runWatch = new MutationObserver(() => {
    if (app.getAttribute("data-test-script-state") === "notRunning") window.__runsEnded += 1;
  });
  window.__runWatch.observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
}"""


def write_inventory(n: int, folder: Path) -> Path:
    path = folder / f"inventory_{n}.csv"
    lines = [",".join(HEADER)] + [",".join(r) for r in rows(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed_run(page, action: Callable[[], object]) -> float:
    """Seconds from `action` to the end of the script run it caused."""
    page.evaluate(WATCH_RUNS)
    start = time.perf_counter()
    action()
    page.wait_for_function("() => window.__runsEnded > 0", timeout=300_000)
    return time.perf_counter() - start


def nav_link(page, title: str):
    return page.get_by_test_id("stSidebar").get_by_test_id("stPageLink-NavLink").filter(has_text=title).first


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    inventory = write_inventory(n, folder)
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
        print(f"inventory: {n:,} numbers, {inventory.stat().st_size / 1e6:.1f} MB; upload + plan: {upload:.2f} s")

        def typed(box, text: str) -> None:
            box.fill(text)
            box.press("Enter")  # Streamlit takes a text or number input's value on Enter

        main_area = page.get_by_test_id("stMain")
        changes: dict[str, tuple[str, Callable[[int], None]]] = {
            "Inventory": (
                "search text",
                lambda i: typed(main_area.get_by_role("textbox").first, ["555", "4930", "", "Wacker"][i % 4]),
            ),
            "Cost impact": ("slip N days", lambda i: typed(main_area.get_by_role("spinbutton").last, str(5 + i))),
        }
        titles = ["Inventory", "Port plan", "Cost impact", "LOA export", "Tracker", "Load"]
        opens: dict[str, list[float]] = {t: [] for t in titles}
        for _ in range(repeats):
            for title in titles:
                opens[title].append(timed_run(page, nav_link(page, title).click))
        print(f"\n{'page':<14} {'first open (s)':>15} {'later opens, median (s)':>24}   widget change: median (s)")
        for title in titles:
            first, later = opens[title][0], opens[title][1:] or opens[title]
            line = f"{title:<14} {first:>15.2f} {statistics.median(later):>24.2f}"
            if title in changes:
                what, change = changes[title]
                timed_run(page, nav_link(page, title).click)
                times = [timed_run(page, partial(change, i)) for i in range(repeats)]
                line += f"   {what}: {statistics.median(times):.2f}"
            print(line)
        # A figure of an error page would be meaningless: the cost page must show its key figures.
        timed_run(page, nav_link(page, "Cost impact").click)
        if page.get_by_test_id("stMetric").count() == 0 or page.get_by_test_id("stException").count():
            print("WARNING: Cost impact shows no key figures (an error instead?): its figures above are not valid")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
