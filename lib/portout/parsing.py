"""JSON and TOML from untrusted text (uploads, options, server answers), failing with one clear line.

Both standard parsers recurse once per nesting level: `a = [[[[…]]]]` 1,000 deep in a TOML file or a
100,000-deep JSON array raises RecursionError, which no caller expected. Every untrusted parse goes
through here so that class of failure becomes a PortoutError (or the caller's error type) everywhere.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from typing import Any

from portout.errors import N_, PortoutError

_TOO_DEEP = N_("{what} is nested too deeply to be read")


def load_json(text: str | bytes, what: str, error: Callable[..., Exception] = PortoutError) -> Any:
    """The value of a JSON text; `error(<what> is not valid JSON (...))` otherwise."""
    try:
        return json.loads(text)
    except RecursionError:
        raise error(_TOO_DEEP, what=what) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise error(N_("{what} is not valid JSON ({detail})"), what=what, detail=str(err)) from None


def load_toml(text: str, what: str, error: Callable[..., Exception] = PortoutError) -> dict[str, Any]:
    """The table of a TOML text; `error(<what> is not valid TOML (...))` otherwise."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise error(_TOO_DEEP, what=what) from None
    except tomllib.TOMLDecodeError as err:
        raise error(N_("{what} is not valid TOML ({detail})"), what=what, detail=str(err)) from None
