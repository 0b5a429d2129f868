"""Fixtures shared across the test folders: the repository root, the sample settings, a small-inventory
factory, a temporary tracker database and one in-process CLI runner.

Plain helpers that child processes must import too stay in modules beside this file (paths.py,
tracker_support.py, costs_helpers.py, browser_support.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from costs_helpers import inventory_bytes
from paths import ROOT, SAMPLES
from portout.cli.main import main
from portout.settings import OrgSettings, load_settings


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def sample_settings() -> OrgSettings:
    """data/samples/org.toml, read once (OrgSettings is frozen: tests derive changes with replace())."""
    return load_settings(SAMPLES / "org.toml")


@pytest.fixture
def small_inventory(tmp_path: Path) -> Callable[..., Path]:
    """Write an inventory CSV of `costs_helpers.row(...)` dicts to tmp_path and return its path."""

    def write(rows: list[dict[str, str]], name: str = "inventory.csv") -> Path:
        path = tmp_path / name
        path.write_bytes(inventory_bytes(rows))
        return path

    return write


@pytest.fixture
def tracker_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh tracker database for this test, also what the dashboard and the CLI use (PORTOUT_DB)."""
    path = tmp_path / "tracker.sqlite3"
    monkeypatch.setenv("PORTOUT_DB", str(path))
    return path


class CliResult(NamedTuple):
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `portout ARGS...` in this process (the same `main` as the console script): exit code, stdout, stderr."""

    def run(*argv: str) -> CliResult:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run
