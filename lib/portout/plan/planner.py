"""Inventory + organisation settings -> port plan (domain.md §1 and §3).

Every input row ends up planned or excluded with a reason; nothing is dropped silently. Work is done on
whole columns and on unique values (numbers, addresses), so a million rows plan in seconds.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from portout.i18n import N_
from portout.inventory.categories import category_of
from portout.inventory.countries import country_code
from portout.inventory.number_types import classify_e164, classify_e164_arrays
from portout.inventory.numbers import RANGE_CAP, Parsed, fast_e164, parse_cell
from portout.inventory.reader import Inventory
from portout.plan.addresses import (
    address_key,
    pick_spelling,
    short_hash,
    suggest_duplicates,
)
from portout.plan.blocks import atom_starts, block_warnings, blocks_in, cut_points
from portout.plan.messages import english_warning
from portout.plan.model import NUMBER_COLUMNS, Exclusion, Plan, PlanWarning, PortRequest, still_assigned
from portout.plan.plausibility import address_warnings
from portout.plan.readiness import assess_readiness
from portout.plan.schedule import Schedule, schedule_requests
from portout.plan.scope import BLANK, STAYING_COLUMNS, UNKNOWN, Scope, choose, port_flags
from portout.progress import PLAN_STAGES, OnProgress, Reporter
from portout.settings import Address, OrgSettings

ADDRESS_PARTS = ["street1", "street2", "city", "state", "postal_code", "country"]
_GENESYS_VOICE = re.compile(r"^(|pure[_ ]?cloud[_ ]?voice|genesys cloud voice|genesys voice|gcv|cloud voice)$", re.I)

GUIDANCE = {
    "carrier_name": N_("If the form asks for the current (losing) carrier: Genesys."),
    "pin": N_("If the gaining carrier needs a PIN or passcode, contact Genesys Cloud Voice support for it."),
    "proof_of_ownership": N_(
        "If asked for proof of ownership (e.g. a bill), attach a screenshot of Admin > "
        "Genesys Cloud Voice > Number Management showing these numbers."
    ),
    "signer": N_(
        "The authorized contact / signer must be a person with the Genesys Cloud Voice Admin role, "
        "not the company name."
    ),
    "csr": N_("Genesys does not provide Customer Service Records (CSR); they are not needed."),
    "after_port": N_(
        "When the new carrier reports the port complete, remove the numbers in Number Management "
        "at once: a prorated part of the monthly charge is billed until they are removed."
    ),
    "partner": N_(
        "These numbers are billed through a Genesys partner: engage the partner to supply the "
        "correct data for the request."
    ),
}


def account_numbers(org_id: str) -> tuple[str, str]:
    """Last eight letters/digits of the Organization ID, and its last eight digits (letters skipped)."""
    alnum = re.sub(r"[^0-9A-Za-z]", "", org_id)
    digits = re.sub(r"\D", "", org_id)
    return alnum[-8:], digits[-8:]


def _row_addresses(frame: pd.DataFrame, settings: OrgSettings) -> pd.DataFrame:
    """The assigned address of every row: its own parts, else its location's; the one-line field fills an
    empty street line."""
    parts = frame[ADDRESS_PARTS].copy()
    has_parts = (parts[["street1", "city", "postal_code"]] != "").any(axis=1)
    if settings.locations:
        by_name = {name.casefold(): addr for name, addr in settings.locations.items()}
        loc = frame["location"].str.casefold()
        use_loc = ~has_parts & loc.isin(by_name.keys())
        if use_loc.any():
            for part in ADDRESS_PARTS:
                parts.loc[use_loc, part] = loc[use_loc].map(lambda n, p=part: getattr(by_name[n], p))
    # An "Address" column beside city/postcode columns is the street line (exports often call it that):
    # it fills an empty street1 instead of being dropped. Without any parts it is the whole address.
    one_line = (frame["address"] != "") & (parts["street1"] == "")
    parts.loc[one_line, "street1"] = frame.loc[one_line, "address"]
    # Country names -> ISO codes, once per distinct spelling.
    countries = {c: (country_code(c) or c.upper()) for c in parts["country"].unique()}
    parts["country"] = parts["country"].map(countries)
    return parts


def _factorize_rows(frame: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Integer id per distinct row of `frame` and the table of distinct rows (column-wise, much faster
    than hashing whole rows)."""
    combined = np.zeros(len(frame), dtype=np.int64)
    for col in frame.columns:
        codes, uniques = pd.factorize(frame[col])
        combined = pd.factorize(combined * (len(uniques) + 1) + codes)[0].astype(np.int64)
    _, first_pos, inverse = np.unique(combined, return_index=True, return_inverse=True)
    return inverse, frame.iloc[first_pos].reset_index(drop=True)


def _address_ids(frame: pd.DataFrame, settings: OrgSettings) -> tuple[np.ndarray, pd.DataFrame]:
    """`_factorize_rows(_row_addresses(frame, settings))`, the same ids and table: a row's address depends on
    its address columns only, so it is worked out once per distinct combination of them (hundreds), not per
    row. Ids come out in order of first appearance either way."""
    source_ids, sources = _factorize_rows(frame[ADDRESS_PARTS + ["location", "address"]])
    address_ids, table = _factorize_rows(_row_addresses(sources, settings))
    return address_ids[source_ids], table


def _items(frame: pd.DataFrame, default_country: str, notes: list[tuple[str, str, str]]) -> pd.DataFrame:
    """One row per number (ranges expanded), in inventory order: pos (row position), number, value (its
    digits as an integer, -1 when it did not parse), reason, message, and the classification (valid,
    region, number_type) of every parsed number."""
    cells = frame["number"]
    n = len(frame)
    fast = fast_e164(cells)
    fast_ok = (fast != "").to_numpy()
    value = _as_int(pa.array(fast))
    candidates = fast[fast_ok]
    valid, found_region, found_kind, canonical = classify_e164_arrays(
        candidates, keys=_exact_keys(candidates, value[fast_ok])
    )
    fast_valid = np.zeros(n, dtype=bool)
    # '+375 8 ...' (a national prefix after the country code) is valid only once libphonenumber strips
    # the prefix, so its E.164 is not the text as written: let phonenumbers canonicalise those few.
    fast_valid[fast_ok] = valid & canonical

    number = fast.to_numpy(dtype=object).copy()
    region = np.full(n, "", dtype=object)
    kind = np.full(n, "UNKNOWN", dtype=object)
    region[fast_ok] = found_region
    kind[fast_ok] = found_kind
    # Everything not plainly valid E.164 goes through phonenumbers (ranges, national forms, typos).
    slow_pos = np.flatnonzero(~fast_valid)
    parsed_rows = _parse_slow(frame, slow_pos, default_country, notes)
    if any(len(parsed.numbers) > 1 for parsed in parsed_rows):
        return _items_with_ranges(fast_valid, number, value, region, kind, slow_pos, parsed_rows)

    # Usual case, no range: one item per row, filled in place (no concatenation, no sort).
    reason = np.full(n, "", dtype=object)
    message = np.full(n, "", dtype=object)
    for pos, parsed in zip(slow_pos, parsed_rows):
        number[pos] = parsed.numbers[0] if parsed.numbers else ""
        value[pos] = int(parsed.numbers[0][1:]) if parsed.numbers else -1
        reason[pos], message[pos] = parsed.error, parsed.message
    # Object columns as they are: letting pandas convert a million strings to its string dtype costs more
    # than every later use of them.
    items = pd.DataFrame(
        {
            "pos": np.arange(n),
            "number": pd.Series(number, dtype=object),
            "value": value,
            "reason": pd.Series(reason, dtype=object),
            "message": pd.Series(message, dtype=object),
            "valid": fast_valid,
            "region": pd.Series(region, dtype=object),
            "number_type": pd.Series(kind, dtype=object),
        },
        copy=False,  # the arrays are this function's own: no copy into one 2-D block (~80 ms at 1M rows)
    )
    _classify_into(items, slow_pos[[bool(p.numbers) for p in parsed_rows]] if len(slow_pos) else slow_pos)
    return items


def _as_int(numbers: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """'+13175550100' -> 13175550100, "" -> -1. Computed once per plan: requests are sorted, cut and
    checked for blocks on integers, which sort and compare far faster than strings (E.164 has at most
    15 digits, within int64)."""
    digits = pc.utf8_slice_codeunits(numbers, 1)
    ints = pc.cast(pc.if_else(pc.equal(numbers, ""), None, digits), pa.int64()).fill_null(-1)
    return np.array(ints.to_numpy(), dtype=np.int64)  # a writable copy: the slow path fills in its rows


_POW10 = 10 ** np.arange(16, dtype=np.int64)


def _exact_keys(numbers: pd.Series, values: np.ndarray) -> np.ndarray:
    """For '+digits' strings of at most 15 digits and their integer values: integers equal exactly where
    the strings are. The value alone would take '+013…' for '+13…', so the count of leading zeros goes
    along (the string is '+', that many zeros, then the value's digits)."""
    digits: np.ndarray = pc.utf8_length(pa.array(numbers)).to_numpy(zero_copy_only=False).astype(np.int64) - 1
    zeros = digits - np.searchsorted(_POW10, values, side="right")
    keys: np.ndarray = values * 16 + zeros
    return keys


def _parse_slow(
    frame: pd.DataFrame, slow_pos: np.ndarray, default_country: str, notes: list[tuple[str, str, str]]
) -> list[Parsed]:
    """phonenumbers on every cell the fast path could not take, once per distinct (cell, country)."""
    if not len(slow_pos):
        return []
    regions = frame["country"].iloc[slow_pos].map(lambda c: country_code(c) if c else None)
    regions = regions.fillna(default_country).where(lambda r: r != "", default_country)
    cache: dict[tuple[str, str], Parsed] = {}
    out = []
    for cell, region in zip(frame["number"].iloc[slow_pos], regions):
        parsed = cache.get((cell, region))
        if parsed is None:
            parsed = cache[(cell, region)] = parse_cell(cell, region, RANGE_CAP)
        for code, text in parsed.notes:
            notes.append((code, text, parsed.numbers[0] if parsed.numbers else ""))
        out.append(parsed)
    return out


def _classify_into(items: pd.DataFrame, rows: np.ndarray) -> None:
    """Classify the numbers at positions `rows` of `items` (the few the slow path produced)."""
    if len(rows):
        info = classify_e164(items["number"].iloc[rows])
        items.loc[items.index[rows], ["valid", "region", "number_type"]] = info[
            ["valid", "region", "number_type"]
        ].to_numpy()


def _items_with_ranges(
    fast_valid: np.ndarray,
    number: np.ndarray,
    value: np.ndarray,
    region: np.ndarray,
    kind: np.ndarray,
    slow_pos: np.ndarray,
    parsed_rows: list[Parsed],
) -> pd.DataFrame:
    """Items when a cell expanded to several numbers: fast rows plus the expansions, sorted by row."""
    keep = np.flatnonzero(fast_valid)
    good = pd.DataFrame(
        {
            "pos": keep,
            "number": number[keep],
            "value": value[keep],
            "reason": "",
            "message": "",
            "valid": True,
            "region": region[keep],
            "number_type": kind[keep],
        }
    )
    rows_pos, rows_num, rows_reason, rows_msg = [], [], [], []
    for pos, parsed in zip(slow_pos, parsed_rows):
        produced = parsed.numbers or [""]
        rows_pos.extend([pos] * len(produced))
        rows_num.extend(produced)
        rows_reason.extend([parsed.error if not parsed.numbers else ""] * len(produced))
        rows_msg.extend([parsed.message if not parsed.numbers else ""] * len(produced))
    slow = pd.DataFrame(
        {
            "pos": rows_pos,
            "number": rows_num,
            "value": np.array([int(n[1:]) if n else -1 for n in rows_num], dtype=np.int64),
            "reason": rows_reason,
            "message": rows_msg,
            "valid": False,
            "region": "",
            "number_type": "UNKNOWN",
        }
    )
    _classify_into(slow, np.flatnonzero((slow["number"] != "").to_numpy()))
    return pd.concat([good, slow], ignore_index=True).sort_values("pos", kind="stable").reset_index(drop=True)


def _text_is(column: pd.Series, text: str) -> np.ndarray:
    """`column == text` as a numpy mask. On object columns numpy's comparison of a million Python strings is
    ~5x faster than pandas' operator; pandas' own string columns compare fast in Arrow as they are."""
    if column.dtype == object:
        return np.asarray(column.to_numpy() == text, dtype=bool)
    return np.asarray((column == text).to_numpy(), dtype=bool)


def _texts_at(column: pd.Series, positions: np.ndarray) -> np.ndarray:
    """column.to_numpy()[positions]: only the taken cells become Python strings, not the whole column."""
    return column.take(positions).to_numpy()


def _set_where(items: pd.DataFrame, mask: np.ndarray, column: str, value: str | list[str] | pd.Series) -> None:
    """items.loc[mask, column] = value, skipped when no row is flagged (a masked write of a million-row object
    column costs even when it writes nothing)."""
    if mask.any():
        items.loc[mask, column] = value


@dataclass(frozen=True)
class Classified:
    """The first stage of a plan, which depends on the inventory and the default country only: one row per
    number (ranges expanded) parsed and classified, with the exclusions that need no settings (invalid,
    duplicate, not Genesys Cloud Voice), and the notes the parser made. A settings change re-plans from it
    (`build_plan(..., classified=...)`) instead of parsing and classifying every number again."""

    items: pd.DataFrame  # pos, number, reason, message, valid, region, number_type, category
    notes: tuple[tuple[str, str, str], ...]  # (code, text, number) for warnings
    default_country: str
    input_rows: int


def classify_inventory(inventory: Inventory, default_country: str) -> Classified:
    """Parse and classify every number of `inventory` (see `Classified`)."""
    frame = inventory.frame
    notes: list[tuple[str, str, str]] = []
    items = _items(frame, default_country, notes)
    parsed_mask = items["value"].to_numpy() >= 0  # -1 exactly where no number parsed (number "")
    items["category"] = category_of(items["number_type"])
    invalid = parsed_mask & (~items["valid"].to_numpy(dtype=bool) | _text_is(items["category"], ""))
    _set_where(items, invalid & _text_is(items["reason"], ""), "reason", "invalid_number")
    _set_where(
        items,
        invalid & _text_is(items["message"], ""),
        "message",
        items.loc[invalid, "number"] + " is not a valid, portable phone number for its country",
    )

    # On the integer values (a parsed number has no leading zero, so equal values are equal numbers).
    open_pos = np.flatnonzero(_text_is(items["reason"], ""))
    dup = np.zeros(len(items), dtype=bool)
    dup[open_pos] = pd.Series(items["value"].to_numpy()[open_pos]).duplicated(keep="first").to_numpy()
    _set_where(items, dup, "reason", "duplicate")
    _set_where(items, dup, "message", items.loc[dup, "number"] + " appears earlier in the inventory")

    # Providers by code: a handful of names, so the pattern runs once per name, not per row.
    pos = items["pos"].to_numpy()
    provider_codes, providers = pd.factorize(frame["provider"])
    provider_ok = np.array([bool(_GENESYS_VOICE.match(str(name).strip())) for name in providers] + [False])[
        provider_codes[pos]
    ]
    byoc = _text_is(items["reason"], "") & ~provider_ok
    _set_where(items, byoc, "reason", "not_genesys_voice")
    _set_where(
        items,
        byoc,
        "message",
        [
            f"provider {p!r}: not a Genesys Cloud Voice number, port it from that carrier"
            for p in _texts_at(frame["provider"], pos[byoc])
        ],
    )

    return Classified(items, tuple(notes), default_country, len(frame))


def build_plan(
    inventory: Inventory,
    settings: OrgSettings,
    btn_overrides: Mapping[str, str] | None = None,
    address_merges: Mapping[str, str] | None = None,
    scope: Scope | None = None,
    schedule: Schedule | None = None,
    on_progress: OnProgress | None = None,
    classified: Classified | None = None,
) -> Plan:
    """Classify, apply the porting rules and group into port requests.

    btn_overrides: request id -> number to use as BTN (must be in that request).
    address_merges: address key -> address key to treat it as (a person's decision on a likely duplicate).
    scope: which numbers leave now (default: the settings' [scope] and the inventory's `port` column);
    the others stay with Genesys and are listed in `Plan.staying`.
    schedule: dates file rows, one port date, the removal lag, today (default: the settings' [schedule]).
    on_progress: called as each stage of PLAN_STAGES starts, from "classifying" to "done" (the caller
    reads the inventory, "inventory"), see portout.progress.
    classified: `classify_inventory(inventory, settings.default_country)` made earlier (the same result as
    without it, faster: a caller that re-plans one inventory under other settings keeps it).
    """
    rep = Reporter(PLAN_STAGES, on_progress)
    rep.start("classifying")
    scope = scope if scope is not None else Scope.from_settings(settings.scope)
    frame = inventory.frame
    if classified is None:
        items = (classified := classify_inventory(inventory, settings.default_country)).items  # ours to change
    elif classified.default_country != settings.default_country or classified.input_rows != len(frame):
        # A caller's mistake, never the user's: the stage belongs to another inventory or country.
        raise ValueError("classified: made for another inventory or default country than this plan's")
    else:
        items = classified.items.copy()  # the caller keeps it for the next plan: leave it as it is
    rep.start("excluding")
    notes = list(classified.notes)
    pos = items["pos"].to_numpy()

    # Service address per number (domain.md §1), on integer ids: there are few distinct addresses.
    row_ids, addr_table = _address_ids(frame, settings)
    has_addr = (addr_table[["street1", "city", "postal_code"]] != "").any(axis=1).to_numpy()
    blank_country = (addr_table["country"] == "").to_numpy() & has_addr
    item_addr = row_ids[pos]
    # An address without a country is in the country of the number.
    region_codes, region_names = pd.factorize(items["region"])
    needs_region = blank_country[item_addr]
    combined = np.where(
        needs_region, item_addr * (len(region_names) + 1) + region_codes + 1, item_addr * (len(region_names) + 1)
    )
    item_ids, inverse = np.unique(combined, return_inverse=True)
    addresses: list[Address] = []
    addr_rows = addr_table.to_numpy(dtype=object).tolist()  # not .iloc per address: ~0.1 ms each
    for value in item_ids:
        base, reg = divmod(int(value), len(region_names) + 1)
        addr = Address(*addr_rows[base])
        if reg:
            addr = replace(addr, country=str(region_names[reg - 1]))
        addresses.append(addr)
    geographic = _text_is(items["category"], "geographic")
    if settings.invoiced_by == "partner" and not settings.partner.address.is_empty():
        bill_to, bill_source = settings.partner.address, "partner"
    else:
        bill_to, bill_source = settings.ship_to, "ship_to"
    use_bill_to = ~geographic & settings.has_invoice
    addresses.append(bill_to)
    service_id = np.where(use_bill_to, len(addresses) - 1, inverse)
    # Taken from the two texts: pandas converts a million-element numpy text array ~15x slower.
    items["address_source"] = pd.array(["assigned", bill_source], dtype="str").take(use_bill_to.astype(np.intp))
    empty = np.array([not (a.street1 or a.city or a.postal_code) for a in addresses], dtype=bool)
    no_address = _text_is(items["reason"], "") & empty[service_id]
    for mask, text in (
        (
            no_address & ~use_bill_to,
            " number with no assigned address (give street, city, postcode or a known location)",
        ),
        (
            no_address & use_bill_to,
            " number needs the invoice's Ship To address, which the settings lack (invoice.ship_to)",
        ),
    ):
        _set_where(items, mask, "reason", "no_address")
        _set_where(items, mask, "message", items.loc[mask, "number"] + ": " + items.loc[mask, "category"] + text)

    # The `port` column (yes/no): an unreadable value is an exclusion, never a guess either way.
    port_cells = frame["port"] if "port" in frame.columns else pd.Series("", index=frame.index)
    use_port = scope.use_port_column and bool((port_cells != "").any())
    item_port = port_flags(port_cells).take(items["pos"].to_numpy()) if use_port else None
    if item_port is not None:
        bad_port = _text_is(items["reason"], "") & (item_port == UNKNOWN)
        items.loc[bad_port, "reason"] = "unknown_port_value"
        items.loc[bad_port, "message"] = [
            f"port column {v!r} is neither yes nor no (ja/nein): say whether the number leaves"
            for v in _texts_at(port_cells, items["pos"].to_numpy()[bad_port])
        ]

    planned = _text_is(items["reason"], "")
    p = items[planned].reset_index(drop=True)
    svc_ids = service_id[planned]
    # Distinct spellings -> exact keys, merged where a person decided so.
    merges = dict(address_merges or {})
    spell_key = [merges.get(k, k) for k in (address_key(a) for a in addresses)]
    key_codes, keys = pd.factorize(pd.Series(spell_key, dtype=object))
    p_key = key_codes[svc_ids]
    spellings: dict[str, Counter[Address]] = defaultdict(Counter)
    counts = np.bincount(svc_ids, minlength=len(addresses))
    for i, addr in enumerate(addresses):
        if counts[i]:
            spellings[spell_key[i]][addr] += int(counts[i])
    chosen = {k: pick_spelling(c) for k, c in spellings.items()}

    warnings: list[PlanWarning] = []
    taken = p["pos"].to_numpy()
    for col in ("row", "owner", "owner_type", "location", "monthly_charge", "currency", "removal_date"):
        p[col] = frame[col].take(taken).reset_index(drop=True)
    p["input_type"] = frame["number_type"].take(taken).reset_index(drop=True)
    p["input_address_source"] = frame["address_source"].take(taken).reset_index(drop=True)
    rep.start("grouping")
    p, p_key, staying = _apply_scope(
        p, p_key, list(keys), settings, chosen, scope, item_port[planned] if item_port is not None else None, warnings
    )
    requests, numbers = _group(p, p_key, list(keys), settings, chosen, btn_overrides or {}, warnings)

    out = items[~planned]
    out_pos = out["pos"].to_numpy()
    excluded = [
        Exclusion(
            row=int(row),
            input=str(cell),
            reason=reason,
            message=message,
            number=number,
            params=_exclusion_params(reason, provider, category, source),
        )
        for row, cell, reason, message, number, provider, category, source in zip(
            frame["row"].to_numpy()[out_pos],
            _texts_at(frame["number"], out_pos),
            out["reason"].tolist(),
            out["message"].tolist(),
            out["number"].tolist(),
            _texts_at(frame["provider"], out_pos),
            out["category"].tolist() if "category" in out else [""] * len(out),
            out["address_source"].tolist() if "address_source" in out else [""] * len(out),
        )
    ]
    rep.start("addresses")
    _warn(warnings, notes, spellings, chosen, requests, numbers, settings, excluded)
    requests = port_types(requests, staying, excluded)
    values = p["value"].to_numpy(dtype=np.int64)  # `numbers` row by row
    warnings += address_warnings(requests, numbers, values)
    warnings += _block_warnings(numbers, values, staying, excluded)
    requests = _partner_to_confirm(requests, settings, warnings)
    rep.start("readiness")
    requests, today = schedule_requests(requests, settings, schedule, warnings)
    plan = Plan(
        settings=settings,
        requests=requests,
        excluded=excluded,
        warnings=warnings,
        numbers=numbers,
        input_rows=len(frame),
        input_numbers=len(items),
        guidance=dict(GUIDANCE)
        if settings.invoiced_by == "partner"
        else {k: v for k, v in GUIDANCE.items() if k != "partner"},
        source_name=inventory.source_name,
        staying=staying,
        scope=scope,
        today=today.isoformat(),
    )
    plan.requests = assess_readiness(plan)
    rep.done()
    return plan


def _apply_scope(
    p: pd.DataFrame,
    p_key: np.ndarray,
    keys: list[str],
    settings: OrgSettings,
    chosen: dict[str, Address],
    scope: Scope,
    port: np.ndarray | None,
    warnings: list[PlanWarning],
) -> tuple[pd.DataFrame, np.ndarray, pd.DataFrame]:
    """Keep the numbers that leave now; the rest become the staying list (with why each stays)."""
    if port is None and scope.is_everything():
        return p, p_key, pd.DataFrame({c: pd.Series(dtype=object) for c in STAYING_COLUMNS})
    line_of_key = np.array([chosen[k].one_line() if k in chosen else "" for k in keys] + [""], dtype=object)
    lines = line_of_key[p_key] if len(p_key) else np.array([], dtype=object)
    request_ids = None
    if scope.requests:
        # Request ids as the whole plan names them: what the user saw before narrowing the scope.
        _, everything = _group(p.copy(), p_key, keys, settings, chosen, {}, [])
        request_ids = everything["request_id"].to_numpy(dtype=object)
    leaves, why, unmatched = choose(
        scope,
        p["region"].to_numpy(dtype=object),
        p["category"].to_numpy(dtype=object),
        lines,
        p["location"].to_numpy(dtype=object),
        request_ids,
        port,
    )
    if unmatched:
        warnings.append(
            PlanWarning(
                "scope_unmatched",
                "the scope names what no portable number has: " + ", ".join(repr(u) for u in unmatched[:10]),
                params={"names": ", ".join(unmatched[:10])},
            )
        )
    if port is not None and (blank := port == BLANK).any():
        warnings.append(
            PlanWarning(
                "port_column_blank",
                english_warning("port_column_blank", count=int(blank.sum())),
                p["number"].to_numpy(dtype=object)[blank].tolist(),
                params={"count": int(blank.sum())},
            )
        )
    stay = ~leaves
    staying = pd.DataFrame(
        {
            "number": p["number"].to_numpy(dtype=object)[stay],
            "row": p["row"].to_numpy()[stay],
            "category": p["category"].to_numpy(dtype=object)[stay],
            "country": p["region"].to_numpy(dtype=object)[stay],
            "service_address": lines[stay],
            "location": p["location"].to_numpy(dtype=object)[stay],
            "why": why[stay],
        }
    )
    return p[leaves].reset_index(drop=True), p_key[leaves], staying


def port_types(requests: list[PortRequest], staying: pd.DataFrame, excluded: list[Exclusion]) -> list[PortRequest]:
    """Full or partial, as carriers ask it: partial when any Genesys Cloud Voice number of the organisation
    stays behind (out of scope, or portable but lacking an address)."""
    left_behind = len(staying) + sum(1 for e in excluded if e.reason == "no_address" and e.number)
    if not left_behind:
        return requests
    by_line: dict[str, list[str]] = defaultdict(list)
    for number, line in zip(staying["number"].tolist(), staying["service_address"].tolist()):
        by_line[line].append(number)
    out = []
    for r in requests:
        out.append(
            replace(
                r,
                port_type="partial",
                numbers_staying=left_behind,
                staying_at_address=sorted(by_line.get(r.service_address.one_line(), [])),
                btn_note=BTN_NOTE.format(btn=r.btn),
            )
        )
    return out


# The partial-port BTN note (English in the plan; the workbook renders it per language with the request's BTN).
BTN_NOTE = N_(
    "partial port: the BTN {btn} is one of this request's numbers, so it leaves; never give a number that stays "
    "as the BTN"
)


def _exclusion_params(reason: str, provider: object, category: object, source: object) -> dict[str, str]:
    """What a translated exclusion detail names (plan.messages): the provider, or category and address rule."""
    if reason == "not_genesys_voice":
        return {"provider": str(provider)}
    if reason == "no_address":
        return {"category": str(category), "needs": "ship_to" if source != "assigned" else "assigned"}
    return {}


def _partner_to_confirm(
    requests: list[PortRequest], settings: OrgSettings, warnings: list[PlanWarning]
) -> list[PortRequest]:
    """Invoiced by a partner whose address is not given: the LOA's name (the partner's) has no address of
    its own, and toll-free/non-geographic numbers carry the Ship To instead of the partner's address.
    Those values are the partner's to confirm, and each request says so (never presented as complete)."""
    if settings.invoiced_by != "partner" or not settings.partner.address.is_empty() or not requests:
        return requests
    out = []
    for r in requests:
        fields = ["loa_name"] + (["service_address"] if r.address_source != "assigned" else [])
        out.append(replace(r, to_confirm=fields))
    ids = [r.id for r in out]
    warnings.append(
        PlanWarning(
            "partner_values_to_confirm",
            f"invoiced by a partner ({settings.partner.name or 'name not set'}) whose address is not given "
            "(invoice.partner): the LOA name and address, and the Ship To address on toll-free and "
            "non-geographic numbers, are to be confirmed by the partner. Ask the partner for the data on record, "
            "set invoice.partner and plan again",
            [],
            ids,
            params={"partner": settings.partner.name},
        )
    )
    return out


def _block_warnings(
    numbers: pd.DataFrame, planned: np.ndarray, staying: pd.DataFrame, excluded: list[Exclusion]
) -> list[PlanWarning]:
    """Blocks only partly leaving, or spread over requests (`planned`: the numbers' digits as integers).
    What does not leave: staying numbers, and excluded ones that parsed (BYOC, no address, ...; a duplicate
    is the planned number itself)."""
    others = [(n, "stays with Genesys") for n in staying["number"].tolist()] if len(staying) else []
    others += [(e.number, e.reason) for e in excluded if e.number and e.reason != "duplicate"]
    other_values = np.array([int(n[1:]) for n, _ in others if n[1:].isdigit()], dtype=np.int64)
    other_why = np.array([w for n, w in others if n[1:].isdigit()], dtype=object)
    # Request ids as codes: never a million Python strings made from Arrow's text.
    codes, ids = pd.factorize(numbers["request_id"], use_na_sentinel=False)
    return block_warnings(planned, codes, np.asarray(ids, dtype=object), other_values, other_why)


def _group(
    p: pd.DataFrame,
    key_ids: np.ndarray,
    keys: list[str],
    settings: OrgSettings,
    chosen: dict[str, Address],
    btn_overrides: Mapping[str, str],
    warnings: list[PlanWarning],
) -> tuple[list[PortRequest], pd.DataFrame]:
    """Requests per (address key, [country], [toll-free]) group, cut at the carrier's size cap."""
    carrier = settings.carrier
    letters, digits = account_numbers(settings.org_id)
    account = letters if carrier.accepts_letters_in_account_number else digits
    loa_name = (
        settings.partner.name if settings.invoiced_by == "partner" else settings.ship_to_name
    ) or settings.org_name
    tf = _text_is(p["category"], "toll_free") if carrier.toll_free_separate else np.zeros(len(p), bool)
    country_ids, countries = (
        pd.factorize(p["region"]) if carrier.split_by_country else (np.zeros(len(p), np.int64), pd.Index([""]))
    )
    # One integer per group; sort on it and on the number's digits as an integer (numbers in a request
    # run in numeric order, which is what ranges need). Integers sort far faster than strings.
    group_ids = (key_ids.astype(np.int64) * (len(countries) + 1) + country_ids) * 2 + tf
    as_int = p["value"].to_numpy(dtype=np.int64)
    order = np.lexsort((as_int, group_ids))
    group_sorted = group_ids[order]
    bounds = np.flatnonzero(np.diff(group_sorted)) + 1
    starts = np.concatenate([[0], bounds]).astype(int) if len(p) else np.array([], dtype=int)
    ends = np.concatenate([bounds, [len(p)]]).astype(int) if len(p) else np.array([], dtype=int)
    numbers_arr = p["number"].to_numpy(dtype=object)[order]
    category_codes, category_index = pd.factorize(p["category"])
    category_arr, category_names = category_codes[order], np.asarray(category_index, dtype=object)
    source_codes, source_index = pd.factorize(p["address_source"])
    source_arr, source_names = source_codes[order], np.asarray(source_index, dtype=object)
    location_codes, location_index = pd.factorize(p["location"])
    location_arr, location_names = location_codes[order], np.asarray(location_index, dtype=object)
    location_changes = np.flatnonzero(np.diff(location_arr)) + 1
    assigned_arr = still_assigned(p).to_numpy()[order]

    requests: list[PortRequest] = []
    request_of = np.empty(len(p), dtype=np.int64)  # index into `requests` (before their sort below)
    cap = carrier.max_numbers_per_request
    # Complete decimal blocks (…0–…9 up to …0000–…9999) are never cut by the size cap.
    values = as_int[order]
    atoms = atom_starts(values, cap, group_sorted)
    # Only a request holding part of a complete block has blocks to list (most hold none).
    in_block = atoms != np.arange(len(atoms))
    for lo, hi in zip(starts.tolist(), ends.tolist()):  # Python ints: they end up in the plan's JSON
        gid = int(group_sorted[lo])
        rest, is_tf = divmod(gid, 2)
        key_id, country_id = divmod(rest, len(countries) + 1)
        key, country = keys[key_id], str(countries[country_id])
        addr = chosen[key]
        cats = np.unique(category_arr[lo:hi])
        category = category_names[cats[0]] if len(cats) == 1 else "mixed"
        base = f"PR-{country or addr.country or 'XX'}-{short_hash(key)}" + ("-TF" if is_tf else "")
        sources = np.unique(source_arr[lo:hi])
        chunks = [(lo + a, lo + b) for a, b in cut_points(atoms[lo:hi] - lo, cap)]
        parts = len(chunks)
        for k, (a, b) in enumerate(chunks):
            chunk = numbers_arr[a:b].tolist()
            rid = base if parts == 1 else f"{base}-{k + 1}"
            btn = btn_overrides.get(rid, "")
            if btn and btn not in chunk:
                warnings.append(
                    PlanWarning(
                        "btn_not_in_request",
                        f"{rid}: BTN {btn} is not one of its numbers; using {chunk[0]}",
                        [btn],
                        [rid],
                        {"request": rid, "btn": btn, "used": chunk[0]},
                    )
                )
                btn = ""
            requests.append(
                PortRequest(
                    id=rid,
                    numbers=chunk,
                    btn=btn or chunk[0],
                    category=category,
                    country=country or "mixed",
                    address_source=source_names[sources[0]] if len(sources) == 1 else "mixed",
                    service_address=addr,
                    loa_name=loa_name,
                    account_number=account,
                    account_number_letters=letters,
                    account_number_digits=digits,
                    part=k + 1,
                    parts=parts,
                    locations=_chunk_locations(location_arr, location_names, location_changes, a, b),
                    assigned_numbers=int(assigned_arr[a:b].sum()),
                    blocks=blocks_in(chunk, values[a:b], atoms[a:b] - a) if in_block[a:b].any() else [],
                )
            )
            request_of[a:b] = len(requests) - 1
    # Back to inventory order: `numbers` lists planned numbers in the order the inventory had them.
    request_index = np.empty(len(p), dtype=np.int64)
    request_index[order] = request_of
    # Taken from the few ids as pandas text: ~6x faster than converting a million Python strings. (An empty
    # column stays an object one, as pandas makes it from an empty array.)
    ids = [r.id for r in requests]
    p["request_id"] = pd.array(ids, dtype="str").take(request_index) if len(p) else np.empty(0, dtype=object)
    p["country"] = p["region"]
    # Requests in a stable reading order, whatever the inventory's row order.
    requests.sort(key=lambda r: (r.country, r.service_address.one_line(), r.id))
    numbers = p[NUMBER_COLUMNS + ["address_source", "input_type", "input_address_source"]]
    return requests, numbers


def _chunk_locations(codes: np.ndarray, names: np.ndarray, changes: np.ndarray, a: int, b: int) -> list[str]:
    """The location names (not blank) of sorted positions a..b-1, sorted; `changes`: the positions whose
    location code differs from the one before. Most requests have one location: np.unique (a sort) runs
    only for those with several."""
    if np.searchsorted(changes, b, side="left") == np.searchsorted(changes, a, side="right"):
        return [name] if (name := names[codes[a]]) else []
    return sorted(loc for loc in names[np.unique(codes[a:b])] if loc)


def _warn(
    warnings: list[PlanWarning],
    notes: list[tuple[str, str, str]],
    spellings: dict[str, Counter[Address]],
    chosen: dict[str, Address],
    requests: list[PortRequest],
    numbers: pd.DataFrame,
    settings: OrgSettings,
    excluded: list[Exclusion],
) -> None:
    by_code: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for code, text, number in notes:
        by_code[code].append((text, number))
    for code, entries in by_code.items():
        shown = "; ".join(t for t, _ in entries[:5]) + (f"; and {len(entries) - 5} more" if len(entries) > 5 else "")
        warnings.append(PlanWarning(code, shown, [n for _, n in entries if n], params={"count": len(entries)}))

    if not settings.org_id:
        warnings.append(
            PlanWarning(
                "no_account_number",
                "organization.id is not set: the account number "
                "(last 8 characters of the Organization ID) cannot be given",
            )
        )
    else:
        _, digits = account_numbers(settings.org_id)
        if len(digits) < 8:
            warnings.append(
                PlanWarning(
                    "short_digit_account_number",
                    english_warning("short_digit_account_number", count=len(digits), digits=digits),
                    params={"count": len(digits), "digits": digits},
                )
            )
    if requests and not requests[0].loa_name:
        warnings.append(
            PlanWarning(
                "no_loa_name",
                "no name for the LOA: set invoice.ship_to.name (or the partner's name when invoiced by a partner)",
            )
        )
    if not settings.signer.name:
        warnings.append(
            PlanWarning(
                "no_signer", "no authorized signer: set signer.name to a person with the Genesys Cloud Voice Admin role"
            )
        )

    is_assigned = still_assigned(numbers)
    if is_assigned.any():
        sub = numbers.loc[is_assigned, ["number", "request_id"]]  # two columns, not all fifteen
        warnings.append(
            PlanWarning(
                "still_assigned",
                english_warning("still_assigned", count=len(sub)),
                sub["number"].tolist(),
                sorted(sub["request_id"].unique().tolist()),
                {"count": len(sub)},
            )
        )
    mobile = numbers.loc[_text_is(numbers["category"], "mobile"), ["number", "request_id"]]
    if len(mobile):
        warnings.append(
            PlanWarning(
                "mobile_number",
                english_warning("mobile_number", count=len(mobile)),
                mobile["number"].tolist(),
                sorted(mobile["request_id"].unique().tolist()),
                {"count": len(mobile)},
            )
        )
    approx = numbers.loc[
        (numbers["address_source"] == "assigned") & numbers["input_address_source"].str.startswith("approximate"),
        ["number", "request_id"],
    ]
    if len(approx):
        warnings.append(
            PlanWarning(
                "approximate_address",
                english_warning("approximate_address", count=len(approx)),
                approx["number"].tolist(),
                sorted(approx["request_id"].unique().tolist()),
                {"count": len(approx)},
            )
        )
    geo_missing = [e for e in excluded if e.reason == "no_address"]
    if geo_missing:
        warnings.append(
            PlanWarning(
                "geographic_without_address",
                english_warning("geographic_without_address", count=len(geo_missing)),
                [e.number for e in geo_missing if e.number],
                params={"count": len(geo_missing)},
            )
        )
    typed = numbers.loc[numbers["input_type"] != "", ["number", "input_type", "category"]]
    if len(typed):
        said = typed["input_type"].str.casefold().str.replace(r"[\s_-]+", "", regex=True)
        mismatch = (
            said.str.contains("tollfree|freephone|gebührenfrei|gebuehrenfrei", regex=True)
            & (typed["category"] != "toll_free")
        ) | (said.isin(["local", "did", "geographic", "geografisch"]) & (typed["category"] == "toll_free"))
        if mismatch.any():
            sub = typed[mismatch]
            warnings.append(
                PlanWarning(
                    "type_mismatch",
                    english_warning("type_mismatch", count=len(sub)),
                    sub["number"].tolist(),
                    params={"count": len(sub)},
                )
            )

    for key, variants in spellings.items():
        if len(variants) > 1:
            used = chosen[key]
            others = [a.one_line() for a in variants if a != used]
            req_ids = [r.id for r in requests if r.service_address == used]
            warnings.append(
                PlanWarning(
                    "address_spellings",
                    f"one service address is written {len(variants)} "
                    f"ways; the LOA uses {used.one_line()!r} (also seen: "
                    f"{'; '.join(repr(o) for o in others[:3])}). The carrier compares it "
                    "character for character with Genesys' record",
                    [],
                    req_ids,
                    {"count": len(variants), "used": used.one_line(), "others": "; ".join(others[:3])},
                )
            )
    for s in suggest_duplicates(chosen):
        ids_a = [r.id for r in requests if r.service_address == s.address_a]
        ids_b = [r.id for r in requests if r.service_address == s.address_b]
        warnings.append(
            PlanWarning(
                "possible_duplicate_address",
                f"{s.address_a.one_line()!r} and {s.address_b.one_line()!r} look like the "
                f"same place (similarity {s.score}); they are kept apart until you merge "
                f"them",
                [],
                ids_a + ids_b,
                {"a": s.address_a.one_line(), "b": s.address_b.one_line(), "score": s.score},
            )
        )
