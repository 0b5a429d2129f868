"""Deeply nested TOML and JSON from users: one clear line, not a RecursionError traceback."""

from __future__ import annotations

import pytest

from paths import SAMPLES
from portout.cli.main import main
from portout.errors import PortoutError, SettingsError
from portout.plan.schedule import read_dates_file
from portout.settings import load_settings

DEEP_TOML = ("a = " + "[" * 1000 + "]" * 1000 + "\n").encode()
DEEP_JSON = "[" * 100_000 + "]" * 100_000


def test_deep_toml_settings() -> None:
    with pytest.raises(SettingsError, match="nested too deeply") as caught:
        load_settings(DEEP_TOML)
    assert caught.value.field == "file"


def test_deep_json_dates_file() -> None:
    with pytest.raises(PortoutError, match="nested too deeply"):
        read_dates_file(DEEP_JSON.encode())


def test_cli_deep_toml_and_mapping(tmp_path, capsys) -> None:
    org = tmp_path / "org.toml"
    org.write_bytes(DEEP_TOML)
    assert main(["plan", str(SAMPLES / "inventory.csv"), "--org", str(org)]) == 2
    assert "nested too deeply" in capsys.readouterr().err
    code = main(["plan", str(SAMPLES / "inventory.csv"), "--org", str(SAMPLES / "org.toml"), "--mapping", DEEP_JSON])
    err = capsys.readouterr().err
    assert code == 2 and "--mapping is nested too deeply" in err and len(err.splitlines()) == 1
