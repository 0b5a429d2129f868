"""Dashboard rerun times with a 100k-number inventory loaded, through Streamlit's AppTest.

    .venv/bin/python bench/bench_dashboard.py [N_NUMBERS] [REPEATS]

For each page: the first render, then the median of REPEATS reruns after a widget change (target < 1 s).
A settings change re-plans every number and is reported separately.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

from generate import HEADER, rows  # bench/generate.py: a script's own folder is on its path

ROOT = Path(__file__).resolve().parents[1]


def inventory_csv(n: int) -> bytes:
    lines = [",".join(HEADER)] + [",".join(r) for r in rows(n)]
    return ("\n".join(lines) + "\n").encode()


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    os.environ["PORTOUT_DB"] = str(Path(tempfile.mkdtemp()) / "bench-tracker.sqlite3")
    raw = inventory_csv(n)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.session_state["inv_raw"] = raw
    at.session_state["inv_name"] = f"bench_{n}.csv"
    at.session_state["inv_is_sample"] = False
    first = timed(at.run)
    assert not at.exception, at.exception
    print(f"inventory: {n:,} rows, {len(raw) / 1e6:.1f} MB; first load + plan (cold cache): {first:.2f} s")
    results: list[tuple[str, str, float, float]] = []

    def measure(page: str, what: str, change: Callable[[int], None]) -> None:
        open_s = timed(lambda: at.switch_page(page).run())
        assert not at.exception, (page, at.exception)
        times = []
        for i in range(repeats):
            change(i)
            times.append(timed(at.run))
            assert not at.exception, (page, what, at.exception)
        results.append((page, what, open_s, statistics.median(times)))

    measure("pages/load.py", "tick a prerequisite", lambda i: at.checkbox(key="w_prereq_role").set_value(i % 2 == 0))
    measure(
        "pages/inventory.py",
        "country filter",
        lambda i: at.multiselect(key="w_inv_country").set_value([["US"], ["DE"], ["GB"], []][i % 4]),
    )
    measure(
        "pages/inventory.py",
        "search text",
        lambda i: at.text_input(key="w_inv_text").set_value(["555", "4930", "", "Wacker"][i % 4]),
    )

    def btn(i: int) -> None:
        rid = at.selectbox(key="w_plan_request").value
        box = at.selectbox(key=f"w_btn_{rid}")
        box.set_value(box.options[(i + 1) % len(box.options)])

    measure("pages/port_plan.py", "BTN choice", btn)
    measure(
        "pages/port_plan.py",
        "request shown",
        lambda i: at.selectbox(key="w_plan_request").set_value(at.selectbox(key="w_plan_request").options[i + 1]),
    )
    measure(
        "pages/cost_impact.py", "shift removal dates", lambda i: at.number_input(key="w_shift_days").set_value(i + 1)
    )
    measure(
        "pages/cost_impact.py",
        "slip scenario (days)",
        lambda i: at.number_input(key="w_scenario_slip").set_value(i + 5),
    )
    measure(
        "pages/loa_export.py",
        "preview request",
        lambda i: at.selectbox(key="w_export_request").set_value(at.selectbox(key="w_export_request").options[i + 1]),
    )
    at.switch_page("pages/tracker.py").run()
    save_s = timed(lambda: at.button(key="w_tr_save").click().run())
    measure(
        "pages/tracker.py",
        "request shown",
        lambda i: next(s for s in at.selectbox if s.label == "Request").set_value(
            next(s for s in at.selectbox if s.label == "Request").options[i + 1]
        ),
    )

    # A settings change invalidates the plan: every number is grouped again.
    at.switch_page("pages/load.py").run()
    replan = []
    for i in range(min(repeats, 3)):
        # the form's keys carry a hash of the settings, so look the field up again after each change
        [t for t in at.number_input if t.label == "Max numbers per request"][0].set_value(500 + i)
        replan.append(timed(lambda: [b for b in at.button if b.label == "Apply settings"][0].click().run()))
        assert not at.exception, at.exception
    print(f"\n{'page':<28} {'widget change':<22} {'open (s)':>9} {'rerun median (s)':>17}")
    for page, what, open_s, med in results:
        flag = "" if med < 1.0 else "  <-- over 1 s"
        print(f"{page:<28} {what:<22} {open_s:>9.2f} {med:>17.3f}{flag}")
    print(f"\ntracker: save a {n:,}-number plan snapshot: {save_s:.2f} s")
    print(f"settings change (re-plan, uncached): median {statistics.median(replan):.2f} s over {len(replan)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
