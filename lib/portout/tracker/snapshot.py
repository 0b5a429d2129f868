"""A saved plan's stored form, and the values a request hands to the gaining carrier.

The plan is stored as `Plan.to_dict()` (what the user saw) plus its `numbers` table, so that the exact
`Plan` can be rebuilt later to recompute costs with actual dates, without the original inventory file.
"""

from __future__ import annotations

import json
import re
import zlib
from typing import Any

import pandas as pd

from portout.errors import N_
from portout.plan.model import STAYING_COLUMNS, Exclusion, Plan, PlanWarning, PortRequest
from portout.plan.scope import Scope
from portout.settings import Address, parse_settings
from portout.tracker.lifecycle import TransitionError

_E164 = re.compile(r"^\+[1-9]\d{1,14}$")


def _plain(value: Any) -> Any:
    # numpy scalars leak out of pandas (a request's `parts` is np.int64): keep them numbers, not text.
    if hasattr(value, "tolist") and callable(value.tolist):
        return value.tolist()  # np.int64 -> int, ndarray -> list
    return str(value)


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=_plain)


def pack_numbers(frame: pd.DataFrame) -> bytes:
    """zlib(JSON) of `frame` as {"columns": [...], "data": [[row], ...]} (the shape of pandas'
    to_dict(orient="split", index=False), missing values as null). Compressed because a plan may hold
    hundreds of thousands of numbers and they repeat heavily."""
    # Column by column and zipped into rows: pandas' to_dict boxes every cell through Python (~1.2 s at
    # 100k numbers, most of a tracker save); the stored JSON is the same.
    columns = [_column_values(frame[c]) for c in frame.columns]
    records = {"columns": list(frame.columns), "data": list(zip(*columns)) if columns else []}
    return zlib.compress(dumps(records).encode("utf-8"), 6)


def _column_values(column: pd.Series) -> list[Any]:
    """One column as Python values (numpy scalars boxed to int/float/bool), missing values as None."""
    values = column.astype(object)
    missing = column.isna().to_numpy()
    if missing.any():
        values = values.where(~missing, None)
    return values.tolist()


def unpack_numbers(blob: bytes) -> pd.DataFrame:
    data = json.loads(zlib.decompress(blob).decode("utf-8"))
    return pd.DataFrame(data["data"], columns=data["columns"])


def _request_from_dict(data: dict[str, Any]) -> PortRequest:
    fields = {k: v for k, v in data.items() if k not in ("service_address_line", "size")}
    fields["service_address"] = Address(**fields["service_address"])
    return PortRequest(**fields)


def plan_from_stored(plan_data: dict[str, Any], numbers: pd.DataFrame, source_name: str = "") -> Plan:
    """Rebuild the `Plan` that was saved (settings re-validated from their TOML-shaped dict)."""
    summary = plan_data.get("summary", {})
    return Plan(
        settings=parse_settings(plan_data["settings"]),
        requests=[_request_from_dict(r) for r in plan_data["requests"]],
        excluded=[Exclusion(**e) for e in plan_data.get("excluded", [])],
        warnings=[PlanWarning(**w) for w in plan_data.get("warnings", [])],
        numbers=numbers,
        input_rows=int(summary.get("input_rows", 0)),
        input_numbers=int(summary.get("input_numbers", 0)),
        guidance=dict(plan_data.get("guidance", {})),
        source_name=source_name,
        staying=pd.DataFrame(plan_data.get("staying", {}).get("details", []), columns=STAYING_COLUMNS),
        scope=_scope_from_dict(plan_data.get("scope")),
    )


def _scope_from_dict(data: dict[str, Any] | None) -> Scope | None:
    if not data or "countries" not in data:
        return None
    return Scope(
        countries=tuple(data.get("countries", ())),
        categories=tuple(data.get("categories", ())),
        addresses=tuple(data.get("addresses", ())),
        requests=tuple(data.get("requests", ())),
        use_port_column=bool(data.get("use_port_column", True)),
    )


def loa_values(request: dict[str, Any], settings: dict[str, Any]) -> dict[str, Any]:
    """Everything the LOA form receives for one request: the values a support case must quote exactly."""
    signer = settings.get("signer", {})
    address = request.get("service_address", {})
    return {
        "request_id": request["id"],
        "loa_name": request.get("loa_name", ""),
        "service_address": {
            k: address.get(k, "") for k in ("street1", "street2", "city", "state", "postal_code", "country")
        },
        "account_number": request.get("account_number", ""),
        "btn": request.get("btn", ""),
        "losing_carrier": request.get("carrier_name", "Genesys"),
        "authorized_name": signer.get("name", ""),
        "authorized_title": signer.get("title", ""),
        "authorized_email": signer.get("email", ""),
        "authorized_phone": signer.get("phone", ""),
        "numbers": list(request.get("numbers", [])),
    }


def apply_changes(values: dict[str, Any], changes: dict[str, Any] | None) -> dict[str, Any]:
    """A copy of `values` with `changes` applied; dotted keys reach into the address
    ("service_address.street2"). Unknown keys are refused: a typo must not vanish silently."""
    result: dict[str, Any] = json.loads(dumps(values))
    for key, value in (changes or {}).items():
        head, _, tail = key.partition(".")
        if head not in result:
            raise TransitionError(
                N_("unknown field {key!r} for a resubmission; fields: {fields}"), key=key, fields=", ".join(result)
            )
        if tail:
            if not isinstance(result[head], dict) or tail not in result[head]:
                raise TransitionError(N_("unknown field {key!r} for a resubmission"), key=key)
            result[head][tail] = value
        elif isinstance(result[head], list):
            result[head] = _list_value(key, value)
        elif isinstance(result[head], dict):
            raise TransitionError(N_("{key!r} is a group of fields: change one of them ({key}.FIELD=VALUE)"), key=key)
        else:
            result[head] = value
    return result


def _list_value(key: str, value: Any) -> list[str]:
    """A list field (the numbers) from a list or from text "a,b c;d": iterating a string would store
    one character per entry (a support bundle then reported "27 numbers")."""
    from portout.tracker.lifecycle import TransitionError

    if isinstance(value, str):
        items = re.split(r"[,;\s]+", value)
    elif isinstance(value, (list, tuple)):
        items = [str(v) for v in value]
    else:
        raise TransitionError(N_("{key!r} takes a list of values, got {kind}"), key=key, kind=type(value).__name__)
    items = sorted({item.strip() for item in items if item.strip()})
    if not items:
        raise TransitionError(N_("{key!r} needs at least one value"), key=key)
    if key == "numbers":
        bad = [item for item in items if not _E164.match(item)]
        if bad:
            raise TransitionError(N_("numbers: {value!r} is not an E.164 number such as +13175550100"), value=bad[0])
    return items
