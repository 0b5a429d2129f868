"""One way to read a deployment setting: Streamlit secrets, then the environment, then a default.

`st.secrets.get(...)` raises when no `.streamlit/secrets.toml` exists, so every read goes through here.
"""

from __future__ import annotations

import os
from typing import Any


def get_setting(name: str, default: Any = None) -> Any:
    """`name` from st.secrets (top level), else the environment variable of the same name, else default."""
    try:
        import streamlit as st

        if name in st.secrets:
            return st.secrets[name]
    except Exception:  # no secrets file, or a malformed one: fall through to the environment
        pass
    value = os.environ.get(name)
    return value if value not in (None, "") else default
