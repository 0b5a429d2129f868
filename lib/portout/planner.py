"""Inventory + organisation settings -> port plan (domain.md §1 and §3).

Every input row ends up planned or excluded with a reason; nothing is dropped silently. Work is done on
whole columns and on unique values (numbers, addresses), so a million rows plan in seconds.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping

import numpy as np
import pandas as pd

from portout.addresses import address_key, pick_spelling, short_hash, suggest_duplicates
from portout.classify import category_of, classify_e164, national_format
from portout.countries import country_code
from portout.inventory import Inventory
from portout.model import NUMBER_COLUMNS, Exclusion, Plan, PlanWarning, PortRequest
from portout.numbers import RANGE_CAP, fast_e164, parse_cell
from portout.settings import Address, OrgSettings

ADDRESS_PARTS = ["street1", "street2", "city", "state", "postal_code", "country"]
_GENESYS_VOICE = re.compile(r"^(|pure[_ ]?cloud[_ ]?voice|genesys cloud voice|genesys voice|gcv|cloud voice)$", re.I)
_ASSIGNED_OWNER_TYPES = {"USER", "PHONE", "IVR_CONFIG", "IVR", "GROUP", "EDGE", "STATION"}

GUIDANCE = {
    "carrier_name": "If the form asks for the current (losing) carrier: Genesys.",
    "pin": "If the gaining carrier needs a PIN or passcode, contact Genesys Cloud Voice support for it.",
    "proof_of_ownership": "If asked for proof of ownership (e.g. a bill), attach a screenshot of Admin > "
                          "Genesys Cloud Voice > Number Management showing these numbers.",
    "signer": "The authorized contact / signer must be a person with the Genesys Cloud Voice Admin role, "
              "not the company name.",
    "csr": "Genesys does not provide Customer Service Records (CSR); they are not needed.",
    "after_port": "When the new carrier reports the port complete, remove the numbers in Number Management "
                  "at once: a prorated part of the monthly charge is billed until they are removed.",
    "partner": "These numbers are billed through a Genesys partner: engage the partner to supply the "
               "correct data for the request.",
}


def account_numbers(org_id: str) -> tuple[str, str]:
    """Last eight letters/digits of the Organization ID, and its last eight digits (letters skipped)."""
    alnum = re.sub(r"[^0-9A-Za-z]", "", org_id)
    digits = re.sub(r"\D", "", org_id)
    return alnum[-8:], digits[-8:]


def _row_addresses(frame: pd.DataFrame, settings: OrgSettings) -> pd.DataFrame:
    """The assigned address of every row: its own parts, else its location's, else the one-line field."""
    parts = frame[ADDRESS_PARTS].copy()
    has_parts = (parts[["street1", "city", "postal_code"]] != "").any(axis=1)
    if settings.locations:
        by_name = {name.casefold(): addr for name, addr in settings.locations.items()}
        loc = frame["location"].str.casefold()
        use_loc = ~has_parts & loc.isin(by_name.keys())
        if use_loc.any():
            for part in ADDRESS_PARTS:
                parts.loc[use_loc, part] = loc[use_loc].map(lambda n, p=part: getattr(by_name[n], p))
            has_parts = has_parts | use_loc
    one_line = ~has_parts & (frame["address"] != "")
    parts.loc[one_line, "street1"] = frame.loc[one_line, "address"]
    # Country names -> ISO codes, once per distinct spelling.
    countries = {c: (country_code(c) or c.upper()) for c in parts["country"].unique()}
    parts["country"] = parts["country"].map(countries)
    return parts


def _items(inventory: Inventory, settings: OrgSettings, notes: list[tuple[str, str, str]]) -> pd.DataFrame:
    """One row per number (ranges expanded): pos (row position), number, reason, message."""
    frame = inventory.frame
    cells = frame["number"]
    fast = fast_e164(cells)
    fast_ok = fast != ""
    checked = classify_e164(fast[fast_ok])
    fast_valid = pd.Series(False, index=frame.index)
    fast_valid[checked.index] = checked["valid"]
    # Everything not plainly valid E.164 goes through phonenumbers (ranges, national forms, typos).
    slow_pos = np.flatnonzero(~fast_valid.to_numpy())
    good = pd.DataFrame({"pos": np.flatnonzero(fast_valid.to_numpy()), "number": fast[fast_valid].to_numpy()})
    good["reason"] = ""
    good["message"] = ""
    if not len(slow_pos):
        return good
    regions = frame["country"].iloc[slow_pos].map(lambda c: country_code(c) if c else None)
    regions = regions.fillna(settings.default_country).where(lambda r: r != "", settings.default_country)
    cache: dict[tuple[str, str], object] = {}
    rows_pos, rows_num, rows_reason, rows_msg = [], [], [], []
    for pos, cell, region in zip(slow_pos, cells.iloc[slow_pos], regions):
        key = (cell, region)
        parsed = cache.get(key)
        if parsed is None:
            parsed = cache[key] = parse_cell(cell, region, RANGE_CAP)
        for code, text in parsed.notes:
            notes.append((code, text, parsed.numbers[0] if parsed.numbers else ""))
        if parsed.numbers:
            rows_pos.extend([pos] * len(parsed.numbers))
            rows_num.extend(parsed.numbers)
            rows_reason.extend([""] * len(parsed.numbers))
            rows_msg.extend([""] * len(parsed.numbers))
        else:
            rows_pos.append(pos)
            rows_num.append("")
            rows_reason.append(parsed.error)
            rows_msg.append(parsed.message)
    slow = pd.DataFrame({"pos": rows_pos, "number": rows_num, "reason": rows_reason, "message": rows_msg})
    return pd.concat([good, slow], ignore_index=True).sort_values("pos", kind="stable").reset_index(drop=True)


def build_plan(
    inventory: Inventory,
    settings: OrgSettings,
    btn_overrides: Mapping[str, str] | None = None,
    address_merges: Mapping[str, str] | None = None,
) -> Plan:
    """Classify, apply the porting rules and group into port requests.

    btn_overrides: request id -> number to use as BTN (must be in that request).
    address_merges: address key -> address key to treat it as (a person's decision on a likely duplicate).
    """
    frame = inventory.frame
    notes: list[tuple[str, str, str]] = []
    items = _items(inventory, settings, notes)

    # Classification of every distinct number, once.
    parsed_mask = items["number"] != ""
    info = classify_e164(items.loc[parsed_mask, "number"])
    items["valid"] = False
    items["region"] = ""
    items["number_type"] = "UNKNOWN"
    items.loc[parsed_mask, ["valid", "region", "number_type"]] = info[["valid", "region", "number_type"]]
    items["category"] = category_of(items["number_type"])
    invalid = parsed_mask & (~items["valid"].astype(bool) | (items["category"] == ""))
    items.loc[invalid & (items["reason"] == ""), "reason"] = "invalid_number"
    items.loc[invalid & (items["message"] == ""), "message"] = (
        items.loc[invalid, "number"] + " is not a valid, portable phone number for its country")

    open_ = items["reason"] == ""
    dup = open_ & items["number"].where(open_).duplicated(keep="first") & open_
    items.loc[dup, "reason"] = "duplicate"
    items.loc[dup, "message"] = items.loc[dup, "number"] + " appears earlier in the inventory"

    pos = items["pos"].to_numpy()
    provider = frame["provider"].to_numpy()[pos]
    open_ = items["reason"] == ""
    provider_ok = pd.Series(provider).map(lambda p: bool(_GENESYS_VOICE.match(p.strip()))).to_numpy()
    byoc = open_.to_numpy() & ~provider_ok
    items.loc[byoc, "reason"] = "not_genesys_voice"
    items.loc[byoc, "message"] = [
        f"provider {p!r}: not a Genesys Cloud Voice number, port it from that carrier" for p in provider[byoc]]

    # Service address per number (domain.md §1).
    row_addr = _row_addresses(frame, settings)
    assigned = row_addr.iloc[pos].reset_index(drop=True)
    blank_country = (assigned["country"] == "") & (assigned[["street1", "city", "postal_code"]] != "").any(axis=1)
    assigned.loc[blank_country, "country"] = items.loc[blank_country, "region"]
    geographic = items["category"] == "geographic"
    if settings.invoiced_by == "partner" and not settings.partner.address.is_empty():
        bill_to, bill_source = settings.partner.address, "partner"
    else:
        bill_to, bill_source = settings.ship_to, "ship_to"
    use_bill_to = ~geographic & settings.has_invoice
    service = assigned.copy()
    for part in ADDRESS_PARTS:
        service.loc[use_bill_to, part] = getattr(bill_to, part)
    items["address_source"] = np.where(use_bill_to, bill_source, "assigned")
    no_address = (items["reason"] == "") & (service[["street1", "city", "postal_code"]] == "").all(axis=1)
    items.loc[no_address & ~use_bill_to, "reason"] = "no_address"
    items.loc[no_address & ~use_bill_to, "message"] = (
        items.loc[no_address & ~use_bill_to, "number"] + ": " + items.loc[no_address & ~use_bill_to, "category"]
        + " number with no assigned address (give street, city, postcode or a known location)")
    items.loc[no_address & use_bill_to, "reason"] = "no_address"
    items.loc[no_address & use_bill_to, "message"] = (
        items.loc[no_address & use_bill_to, "number"] + ": needs the invoice's Ship To address, which the "
        "settings lack (invoice.ship_to)")

    planned = items["reason"] == ""
    p = items[planned].copy()
    svc = service[planned.to_numpy()]
    # Distinct spellings -> exact keys (few), then keys per number.
    svc_ids, uniques = pd.MultiIndex.from_frame(svc).factorize()
    spell_key = [address_key(Address(*u)) for u in uniques]
    merges = dict(address_merges or {})
    spell_key = [merges.get(k, k) for k in spell_key]
    p["address_key"] = np.array(spell_key, dtype=object)[svc_ids] if len(uniques) else []
    spellings: dict[str, Counter[Address]] = defaultdict(Counter)
    counts = np.bincount(svc_ids, minlength=len(uniques))
    for i, u in enumerate(uniques):
        spellings[spell_key[i]][Address(*u)] += int(counts[i])
    chosen = {k: pick_spelling(c) for k, c in spellings.items()}

    warnings: list[PlanWarning] = []
    taken = p["pos"].to_numpy()
    for col in ("row", "owner", "owner_type", "location", "monthly_charge", "currency", "removal_date"):
        p[col] = frame[col].to_numpy()[taken]
    p["input_type"] = frame["number_type"].to_numpy()[taken]
    p["input_address_source"] = frame["address_source"].to_numpy()[taken]
    requests, numbers = _group(p, settings, chosen, btn_overrides or {}, warnings)

    excluded = [
        Exclusion(row=int(frame["row"].iat[r.pos]), input=str(frame["number"].iat[r.pos]), reason=r.reason,
                  message=r.message, number=r.number)
        for r in items[~planned].itertuples(index=False)
    ]
    _warn(warnings, notes, spellings, chosen, requests, numbers, settings, excluded)
    return Plan(
        settings=settings,
        requests=requests,
        excluded=excluded,
        warnings=warnings,
        numbers=numbers,
        input_rows=len(frame),
        input_numbers=len(items),
        guidance=dict(GUIDANCE) if settings.invoiced_by == "partner" else
        {k: v for k, v in GUIDANCE.items() if k != "partner"},
        source_name=inventory.source_name,
    )


def _group(p: pd.DataFrame, settings: OrgSettings, chosen: dict[str, Address], btn_overrides: Mapping[str, str],
           warnings: list[PlanWarning]) -> tuple[list[PortRequest], pd.DataFrame]:
    carrier = settings.carrier
    letters, digits = account_numbers(settings.org_id)
    account = letters if carrier.accepts_letters_in_account_number else digits
    loa_name = (settings.partner.name if settings.invoiced_by == "partner" else settings.ship_to_name) \
        or settings.org_name
    p["tf_group"] = (p["category"] == "toll_free") if carrier.toll_free_separate else False
    p["country_group"] = p["region"] if carrier.split_by_country else ""
    p = p.sort_values(["address_key", "country_group", "tf_group", "number"], kind="stable")
    requests: list[PortRequest] = []
    request_of = np.empty(len(p), dtype=object)
    start = 0
    cap = carrier.max_numbers_per_request
    for (key, country, tf), group in p.groupby(["address_key", "country_group", "tf_group"], sort=False):
        nums = group["number"].tolist()
        addr = chosen[key]
        cats = sorted(set(group["category"]))
        category = cats[0] if len(cats) == 1 else "mixed"
        req_country = country or (addr.country if addr.country else "XX")
        base = f"PR-{req_country or 'XX'}-{short_hash(key)}" + ("-TF" if tf else "")
        parts = (len(nums) + cap - 1) // cap
        sources = sorted(set(group["address_source"]))
        assigned_flags = (group["owner"].to_numpy() != "") | group["owner_type"].str.upper().isin(
            _ASSIGNED_OWNER_TYPES).to_numpy()
        for k in range(parts):
            chunk = nums[k * cap:(k + 1) * cap]
            rid = base if parts == 1 else f"{base}-{k + 1}"
            btn = btn_overrides.get(rid, "")
            if btn and btn not in chunk:
                warnings.append(PlanWarning("btn_not_in_request", f"{rid}: BTN {btn} is not one of its numbers; "
                                            f"using {chunk[0]}", [btn], [rid]))
                btn = ""
            requests.append(PortRequest(
                id=rid, numbers=chunk, btn=btn or chunk[0], category=category,
                country=country or "mixed", address_source=sources[0] if len(sources) == 1 else "mixed",
                service_address=addr, loa_name=loa_name, account_number=account,
                account_number_letters=letters, account_number_digits=digits,
                part=k + 1, parts=parts,
                locations=sorted({loc for loc in group["location"].iloc[k * cap:(k + 1) * cap] if loc}),
                assigned_numbers=int(assigned_flags[k * cap:(k + 1) * cap].sum()),
            ))
            request_of[start + k * cap: start + k * cap + len(chunk)] = rid
        start += len(nums)
    p["request_id"] = request_of
    p["country"] = p["region"]
    p["national"] = national_format(p["number"]) if len(p) else []
    numbers = p[NUMBER_COLUMNS + ["address_source", "input_type", "input_address_source"]].sort_values(["request_id", "number"]) \
        .reset_index(drop=True)
    return requests, numbers


def _warn(warnings: list[PlanWarning], notes: list[tuple[str, str, str]], spellings: dict[str, Counter[Address]],
          chosen: dict[str, Address], requests: list[PortRequest], numbers: pd.DataFrame,
          settings: OrgSettings, excluded: list[Exclusion]) -> None:
    by_code: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for code, text, number in notes:
        by_code[code].append((text, number))
    for code, entries in by_code.items():
        shown = "; ".join(t for t, _ in entries[:5]) + (f"; and {len(entries) - 5} more" if len(entries) > 5 else "")
        warnings.append(PlanWarning(code, shown, [n for _, n in entries if n]))

    if not settings.org_id:
        warnings.append(PlanWarning("no_account_number", "organization.id is not set: the account number "
                                    "(last 8 characters of the Organization ID) cannot be given"))
    else:
        _, digits = account_numbers(settings.org_id)
        if len(digits) < 8:
            warnings.append(PlanWarning("short_digit_account_number",
                                        f"the Organization ID has only {len(digits)} digits: the digits-only "
                                        f"account number {digits!r} is shorter than 8"))
    if requests and not requests[0].loa_name:
        warnings.append(PlanWarning("no_loa_name", "no name for the LOA: set invoice.ship_to.name "
                                    "(or the partner's name when invoiced by a partner)"))
    if not settings.signer.name:
        warnings.append(PlanWarning("no_signer", "no authorized signer: set signer.name to a person with the "
                                    "Genesys Cloud Voice Admin role"))

    is_assigned = (numbers["owner"] != "") | numbers["owner_type"].str.upper().isin(_ASSIGNED_OWNER_TYPES)
    if is_assigned.any():
        sub = numbers[is_assigned]
        warnings.append(PlanWarning(
            "still_assigned",
            f"{len(sub)} numbers are still assigned to users, phones, IVRs or groups: their calls stop "
            "routing through Genesys Cloud when the port completes; reassign or plan the cut-over",
            sub["number"].tolist(), sorted(sub["request_id"].unique().tolist())))
    mobile = numbers[numbers["category"] == "mobile"]
    if len(mobile):
        warnings.append(PlanWarning("mobile_number", f"{len(mobile)} mobile numbers: unusual on Genesys Cloud "
                                    "Voice, check they really are Genesys numbers", mobile["number"].tolist(),
                                    sorted(mobile["request_id"].unique().tolist())))
    approx = numbers[(numbers["address_source"] == "assigned")
                     & numbers["input_address_source"].str.startswith("approximate")]
    if len(approx):
        warnings.append(PlanWarning("approximate_address",
                                    f"{len(approx)} addresses were derived from owner -> site -> location, not from "
                                    "Number Management: check them against Number Management before submitting",
                                    approx["number"].tolist(), sorted(approx["request_id"].unique().tolist())))
    geo_missing = [e for e in excluded if e.reason == "no_address"]
    if geo_missing:
        warnings.append(PlanWarning("geographic_without_address",
                                    f"{len(geo_missing)} numbers have no service address and are excluded",
                                    [e.number for e in geo_missing if e.number]))
    typed = numbers[(numbers["input_type"] != "")]
    if len(typed):
        said = typed["input_type"].str.casefold().str.replace(r"[\s_-]+", "", regex=True)
        mismatch = ((said.str.contains("tollfree|freephone|gebührenfrei|gebuehrenfrei", regex=True)
                     & (typed["category"] != "toll_free"))
                    | (said.isin(["local", "did", "geographic", "geografisch"]) & (typed["category"] == "toll_free")))
        if mismatch.any():
            sub = typed[mismatch]
            warnings.append(PlanWarning("type_mismatch", f"{len(sub)} numbers are typed differently in the "
                                        "inventory than libphonenumber classifies them (the plan uses "
                                        "libphonenumber)", sub["number"].tolist()))

    for key, variants in spellings.items():
        if len(variants) > 1:
            used = chosen[key]
            others = [a.one_line() for a in variants if a != used]
            req_ids = [r.id for r in requests if r.service_address == used]
            warnings.append(PlanWarning("address_spellings", f"one service address is written {len(variants)} "
                                        f"ways; the LOA uses {used.one_line()!r} (also seen: "
                                        f"{'; '.join(repr(o) for o in others[:3])}). The carrier compares it "
                                        "character for character with Genesys' record", [], req_ids))
    for s in suggest_duplicates(chosen):
        ids_a = [r.id for r in requests if r.service_address == s.address_a]
        ids_b = [r.id for r in requests if r.service_address == s.address_b]
        warnings.append(PlanWarning("possible_duplicate_address",
                                    f"{s.address_a.one_line()!r} and {s.address_b.one_line()!r} look like the "
                                    f"same place (similarity {s.score}); they are kept apart until you merge "
                                    f"them", [], ids_a + ids_b))
