"""The analysts' notebook runs top to bottom with the project's interpreter and shows what it promises."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from paths import ROOT

NOTEBOOK = ROOT / "notebooks" / "port_out_walkthrough.ipynb"
KERNEL = "portout-test"


@pytest.fixture
def kernel_name(tmp_path, monkeypatch) -> str:
    """A kernel spec for *this* interpreter (the venv), whatever python3 kernels the machine has."""
    from ipykernel.kernelspec import install

    install(kernel_name=KERNEL, prefix=str(tmp_path))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "share" / "jupyter"))
    return KERNEL


def _text(outputs) -> str:
    parts = []
    for out in outputs:
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        elif "data" in out:
            parts.append(str(out["data"].get("text/plain", "")))
    return "".join(parts)


def test_notebook_executes_and_shows_plan_costs_chart_and_workbook(kernel_name):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb, kernel_name=kernel_name, timeout=300, resources={"metadata": {"path": str(ROOT / "notebooks")}}
    )
    client.execute()  # raises CellExecutionError on any failing cell
    code = [c for c in nb.cells if c.cell_type == "code"]
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    text = "\n".join(_text(c.get("outputs", [])) for c in code)
    assert "PLANNED 2037 numbers in 14 requests" in text
    assert "TOTAL prorated" in text and "USD" in text
    assert "WORKBOOK" in text and "sheets" in text
    plotly = [o for c in code for o in c.get("outputs", []) if "application/vnd.plotly.v1+json" in o.get("data", {})]
    assert len(plotly) >= 2, "the Plotly charts render inline"
    assert sys.executable  # the kernel spec above points at this interpreter
