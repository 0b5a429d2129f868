"""Run every benchmark in bench/ one after the other and print their figures (`make bench`).

Each script prints medians and ratios itself; this only runs them with their default sizes.
Expect a few minutes on a 2-core machine (the 1M-number runs dominate).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    status = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        status |= subprocess.call([sys.executable, str(script)])
    sys.exit(status)
