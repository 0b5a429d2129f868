"""`portout export` shows stages on stderr when it is a terminal, and nothing extra when it is not."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys

from paths import ROOT
from portout.cli.progress import Progress

SAMPLE = ROOT / "data" / "samples"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_stages_on_a_terminal_only() -> None:
    tty, pipe = _Tty(), io.StringIO()
    for stream in (tty, pipe):
        p = Progress(2, stream)
        p.step("reading")
        p.step("writing")
        p.advance(5, 10)
        p.done()
    assert "1/2 reading" in tty.getvalue() and "2/2 writing" in tty.getvalue()
    assert pipe.getvalue() == ""


def _export(tmp_path, stderr) -> subprocess.CompletedProcess[bytes]:
    args = [sys.executable, "-m", "portout", "export", str(SAMPLE / "inventory.csv"), "--org", str(SAMPLE / "org.toml")]
    return subprocess.run(
        [*args, "-o", str(tmp_path / "LOA.xlsx"), "--per-request", str(tmp_path / "req.zip")],
        stdout=subprocess.PIPE,
        stderr=stderr,
        cwd=ROOT,
        timeout=180,
    )


def test_export_progress_on_a_terminal_and_silence_in_a_pipe(tmp_path) -> None:
    piped = _export(tmp_path, subprocess.PIPE)
    assert piped.returncode == 0 and piped.stderr == b""  # nothing extra when stderr is not a terminal
    main, child = pty.openpty()
    try:
        res = _export(tmp_path, child)
        os.close(child)
        child = -1
        chunks = []
        while True:
            try:
                data = os.read(main, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        if child != -1:
            os.close(child)
        os.close(main)
    text = b"".join(chunks).decode("utf-8", "replace")
    assert res.returncode == 0
    assert "reading and planning the inventory" in text and "writing the workbook" in text and "[" in text
