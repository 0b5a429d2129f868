"""The public API (`portout.__all__`) stays honest: every name exists, nothing private leaks in, and
`import portout` never pulls in Streamlit (notebooks and the CLI run without it)."""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys

import portout
from paths import ROOT


def test_every_public_name_imports():
    assert portout.__all__ == sorted(portout.__all__), "keep __all__ sorted so additions are easy to review"
    assert len(set(portout.__all__)) == len(portout.__all__)
    for name in portout.__all__:
        # `from portout import name`: an attribute, or a submodule such as figures (loaded on first use)
        value = getattr(portout, name, None) or importlib.import_module(f"portout.{name}")
        assert value is not None, name
        assert not name.startswith("_"), name


def test_the_notebook_imports_portout_only():
    notebook = json.loads((ROOT / "notebooks" / "port_out_walkthrough.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    tree = ast.parse(code)
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0].startswith("portout"):
            assert node.module == "portout", f"the notebook reaches into {node.module}"
            imported |= {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            assert not any(a.name.startswith("portout") for a in node.names), "use `from portout import ...`"
    assert imported, "the notebook imports the library"
    assert imported <= set(portout.__all__), sorted(imported - set(portout.__all__))


def test_import_portout_does_not_import_streamlit():
    code = (
        "import sys, portout\n"
        "from portout import *\n"
        "leaked = sorted(m for m in sys.modules if m == 'streamlit' or m.startswith(('streamlit.', 'portout_app')))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"import portout loaded: {result.stdout.strip()}"
