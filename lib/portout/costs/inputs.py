"""Inputs of the cost calculation, resolved per number: the MRC (inventory column, else the price table)
and the removal billing day (inventory, else the request's date, else a default).

Work is done on *distinct* values (a million numbers usually carry a handful of prices and dates) and mapped
back with integer codes, so this stays fast and every error can still name the first row that caused it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal, localcontext
from typing import Any

import numpy as np
import pandas as pd

from portout.costs.billing import billing_day, parse_when, to_day_number
from portout.costs.notes import Note
from portout.dates import DateRangeError
from portout.errors import N_, PortoutError, SettingsError, Text, joined
from portout.plan.model import Plan
from portout.settings import CURRENCY_NEEDED, MAX_PRICE, MAX_PRICE_DECIMALS, BillingSettings, invoice_currencies

# A monthly charge above this (in its own currency) for ONE number is a typo (a phone number or an annual
# total pasted into the column), not a price. Deliberately generous: IDR, KRW or VND prices are large.
DEFAULT_MAX_MRC = MAX_PRICE
MAX_MRC_DECIMALS = MAX_PRICE_DECIMALS  # more decimals than any price list uses: almost certainly a unit mix-up

_PLAIN = re.compile(r"^\d+(\.\d+)?$")

# Why the invoice currency cannot be derived (catalogue templates: the page and the CLI show them in the
# reader's language through portout.i18n.error_text).
MIXED_CURRENCIES = N_(
    "the priced rows are in {currencies} and no invoice currency is set: set billing.currency (the currency "
    "of the Genesys invoice) and [billing.exchange_rates] for the others"
)
NO_ROW_CURRENCY = N_(
    "row {row}: monthly_charge has no currency and no invoice currency is set: set billing.currency (the "
    "currency of the Genesys invoice) or fill the row's currency column"
)
RATE_MISSING = N_(
    "row {row}: monthly_charge is in {currency} but the invoice currency is {base}: set [billing.exchange_rates] "
    '{currency} = "..." ({base} per 1 {currency})'
)
NOT_A_CURRENCY = N_("row {row}: currency {currency} is not an ISO 4217 currency invoices are paid in")


def invoice_currency(numbers: pd.DataFrame, billing: BillingSettings) -> str:
    """The currency a cost report is in: `billing.currency` when the user set it, else the one currency every
    priced row of the inventory carries (a German inventory priced in EUR is costed in EUR), else "" when
    nothing is priced. Never a default: a PortoutError says what to set when the rows do not decide it."""
    if billing.currency:
        return billing.currency
    if billing.prices or billing.exchange_rates:  # settings built in code; load_settings refuses these too
        table = "[billing.prices]" if billing.prices else "[billing.exchange_rates]"
        raise SettingsError(
            "billing.currency",
            CURRENCY_NEEDED.format(table=table),
            CURRENCY_NEEDED,
            table=table,
        )
    # A charge that is no amount prices nothing (the number stays unpriced), so its currency decides nothing.
    charge = text_column(numbers, "monthly_charge").to_numpy(dtype=object)
    priced = (charge != "") & readable_mask(charge)
    if not priced.any():
        return ""
    currency = text_column(numbers, "currency").str.upper().to_numpy(dtype=object)[priced]
    blank = currency == ""
    if blank.any():
        rows = numbers["row"].to_numpy() if "row" in numbers.columns else np.arange(1, len(numbers) + 1)
        raise PortoutError.coded(NO_ROW_CURRENCY, row=_first_row(rows[priced], blank))
    found = sorted(set(currency.tolist()))
    if len(found) > 1:
        raise PortoutError.coded(MIXED_CURRENCIES, currencies=", ".join(found))
    return str(found[0])


class UnreadableCharge(PortoutError):
    """A monthly charge that is not an amount at all ("abc", "12 Euro fünfzig"). The cost report leaves
    such a number unpriced with a note instead of failing: one unreadable cell must not hide the other
    numbers' costs. (Readable but wrong amounts, negative or implausible, stay errors.)"""


def _amount_text(raw: str) -> str | None:
    """The cell as a plain decimal ("1234.50"), sign kept, or None when it is not an amount: 1.25, 1,25,
    1,234.50 and 1.234,50 are read; words, exponents and NaN are not."""
    s = re.sub(r"[\s\u00a0\u202f']", "", raw)
    sign, s = ("-", s[1:]) if s.startswith("-") else ("", s)
    if "," in s and "." in s:
        # The separator that comes last is the decimal one (1,234.50 / 1.234,50).
        s = s.replace(",", "") if s.rfind(".") > s.rfind(",") else s.replace(".", "").replace(",", ".")
    elif s.count(",") == 1:
        s = s.replace(",", ".")  # German decimal comma
    return sign + s if _PLAIN.match(s) else None


def readable_charge(text: str) -> bool:
    """Whether a non-blank monthly charge cell is an amount (possibly a wrong one) rather than text."""
    return _amount_text(str(text)) is not None


def parse_mrc(text: str, row: int | str, max_mrc: Decimal = DEFAULT_MAX_MRC, currency: str = "") -> Decimal:
    """A monthly charge cell -> Decimal, or a PortoutError naming the row (UnreadableCharge when the cell
    is no amount at all). Accepts 1.25, 1,25, 1,234.50, 1.234,50; refuses negatives, words, exponents, NaN
    and absurd values."""
    raw = str(text)
    where = Text(N_("row {row}: monthly_charge {value!r}"), row=row, value=raw.strip())
    s = _amount_text(raw)
    if s is None:
        raise UnreadableCharge(N_("{where} is not an amount (write a plain number such as 1.25)"), where=where)
    if s.startswith("-"):
        raise PortoutError(N_("{where} is negative; a monthly charge must be 0 or more"), where=where)
    amount = Decimal(s)
    decimals = len(s.partition(".")[2])
    if decimals > MAX_MRC_DECIMALS:
        raise PortoutError(
            N_("{where} has {decimals} decimals; no price list uses more than {most}"),
            where=where,
            decimals=decimals,
            most=MAX_MRC_DECIMALS,
        )
    if amount > max_mrc:
        raise PortoutError(
            N_(
                "{where} is not a plausible monthly charge for one number (more than {limit}); "
                "fix the row or raise the limit (--max-mrc)"
            ),
            where=where,
            limit=Text("{amount} {currency}", amount=max_mrc, currency=currency) if currency else max_mrc,
        )
    return amount


def readable_mask(charge: np.ndarray) -> np.ndarray:
    """Per cell of a monthly_charge column (stripped text): True where it is an amount. Each distinct
    value is read once (a million rows carry a handful of spellings)."""
    codes, uniques = pd.factorize(charge)
    if not len(uniques):
        return np.zeros(len(charge), dtype=bool)
    return np.array([readable_charge(u) for u in uniques], dtype=bool)[codes]


def unreadable_charges(numbers: pd.DataFrame) -> np.ndarray:
    """Per number: its monthly charge is filled in but no amount (these numbers are costed as unpriced)."""
    charge = text_column(numbers, "monthly_charge").to_numpy(dtype=object)
    mask: np.ndarray = (charge != "") & ~readable_mask(charge)
    return mask


# Untrusted cell text in a note: enough to recognise it, never a whole pasted paragraph.
_SHOWN_CHARS = 40
SHOWN_EXAMPLES = 3


def unreadable_note(numbers: pd.DataFrame, mask: np.ndarray) -> Note:
    """The note naming how many numbers have an unreadable charge, and the first few (in row order) with
    the row, the number and the value as written (repr: quotes and control characters made visible)."""
    rows = numbers["row"].to_numpy() if "row" in numbers.columns else np.arange(1, len(numbers) + 1)
    idx = np.flatnonzero(mask)
    idx = idx[np.argsort(rows[idx], kind="stable")]
    charge = text_column(numbers, "monthly_charge").to_numpy(dtype=object)
    number = text_column(numbers, "number").to_numpy(dtype=object)
    items: list[Any] = []
    for i in idx[:SHOWN_EXAMPLES]:
        raw = str(charge[i])
        shown = raw if len(raw) <= _SHOWN_CHARS else raw[: _SHOWN_CHARS - 1] + "…"
        items.append(Text(N_("row {row} ({number}): {value!r}"), row=int(rows[i]), number=number[i], value=shown))
    if len(idx) > SHOWN_EXAMPLES:
        items.append(Text(N_("and {count} more"), count=len(idx) - SHOWN_EXAMPLES))
    return Note("unreadable_charge", count=len(idx), examples=joined(items, "; "))


@dataclass
class Prices:
    """Per number: `code` into `values` (MRC in the invoice currency) or -1 when unpriced."""

    code: np.ndarray
    values: list[Decimal]
    source: np.ndarray  # "inventory" | "price_table" | ""
    unreadable: np.ndarray  # bool per number: a monthly charge that is no amount (so unpriced)
    rates_used: dict[str, Decimal] = field(default_factory=dict)


def text_column(nums: pd.DataFrame, name: str) -> pd.Series:
    """A text column of the plan's numbers, '' where absent or missing (plans restored from a snapshot
    may lack optional columns or carry None)."""
    if name not in nums.columns:
        return pd.Series("", index=nums.index, dtype=object)
    return nums[name].fillna("").astype(str).str.strip()


def _first_row(rows: np.ndarray, mask: np.ndarray) -> int:
    return int(rows[np.flatnonzero(mask)[0]])


def resolve_prices(plan: Plan, billing: BillingSettings, max_mrc: Decimal = DEFAULT_MAX_MRC) -> Prices:
    """MRC per number in the invoice currency (`invoice_currency`: set, else derived from the rows)."""
    nums = plan.numbers
    if not billing.currency:
        billing = replace(billing, currency=invoice_currency(nums, billing))
    n = len(nums)
    rows = nums["row"].to_numpy() if "row" in nums.columns else np.arange(1, n + 1)
    charge = text_column(nums, "monthly_charge").to_numpy(dtype=object)
    currency = text_column(nums, "currency").str.upper().to_numpy(dtype=object)
    code = np.full(n, -1, dtype=np.int64)
    source = np.full(n, "", dtype=object)
    unreadable = np.zeros(n, dtype=bool)
    values: list[Decimal] = []
    index_of: dict[Decimal, int] = {}
    rates_used: dict[str, Decimal] = {}
    known = invoice_currencies()

    def intern(value: Decimal) -> int:
        # Decimal("1.0") == Decimal("1.00"): one code per amount, whatever its spelling.
        if value not in index_of:
            index_of[value] = len(values)
            values.append(value)
        return index_of[value]

    has = charge != ""
    if has.any():
        c_codes, c_uniques = pd.factorize(charge[has])
        k_codes, k_uniques = pd.factorize(currency[has])
        pair = c_codes.astype(np.int64) * len(k_uniques) + k_codes
        p_codes, p_uniques = pd.factorize(pair)
        sub_rows = rows[has]
        mapped = np.empty(len(p_uniques), dtype=np.int64)
        for i, p in enumerate(p_uniques):
            text, cur = c_uniques[p // len(k_uniques)], k_uniques[p % len(k_uniques)]
            row = _first_row(sub_rows, p_codes == i)
            readable = readable_charge(text)
            # A currency the row states must be real even when its charge cannot be read: that is the
            # file's structure gone wrong, not one cell. Without one, an unreadable charge needs none.
            if (cur or readable) and (cur or billing.currency) not in known:
                raise PortoutError.coded(NOT_A_CURRENCY, row=row, currency=repr(cur or billing.currency))
            if not readable:
                # Unpriced, never the price table's amount: the user gave a value we cannot read.
                mapped[i] = -1
                continue
            cur = cur or billing.currency
            amount = parse_mrc(text, row, max_mrc, cur)
            if cur != billing.currency:
                rate = billing.exchange_rates.get(cur)
                if rate is None:
                    raise PortoutError.coded(RATE_MISSING, row=row, currency=cur, base=billing.currency)
                rates_used[cur] = rate
                with localcontext() as ctx:
                    ctx.prec = 80  # enough digits that the product of two decimals is exact
                    amount = amount * rate
            mapped[i] = intern(amount)
        code[has] = mapped[p_codes]
        unreadable[has] = mapped[p_codes] < 0
        source[np.flatnonzero(has)[mapped[p_codes] >= 0]] = "inventory"

    rest = ~has
    if rest.any() and billing.prices:
        keys = (
            text_column(nums, "country").to_numpy(dtype=object)[rest]
            + "\x1f"
            + text_column(nums, "category").to_numpy(dtype=object)[rest]
        )
        k_codes, k_uniques = pd.factorize(keys)
        mapped = np.full(len(k_uniques), -1, dtype=np.int64)
        for i, key in enumerate(k_uniques):
            country, _, category = key.partition("\x1f")
            price = billing.price_for(country, category)
            if price is not None:
                mapped[i] = intern(price)
        sub = mapped[k_codes]
        code[rest] = sub
        source[np.flatnonzero(rest)[sub >= 0]] = "price_table"
    return Prices(code=code, values=values, source=source, unreadable=unreadable, rates_used=rates_used)


# --------------------------------------------------------------------------- removal dates

SOURCE_INVENTORY, SOURCE_REQUEST, SOURCE_DEFAULT, SOURCE_AS_OF = "inventory", "request", "removal_date", "as_of"
SOURCE_PORT = "port_schedule"  # the plan's port date + the removal lag


@dataclass
class Removals:
    day: np.ndarray  # billing day per number, as days since 1970-01-01
    text: np.ndarray  # the removal as given (ISO), per number
    source: np.ndarray  # SOURCE_* per number
    notes: list[str] = field(default_factory=list)


def _iso(value: date | datetime) -> str:
    return value.isoformat()


def request_date_lookup(
    plan: Plan, request_dates: Mapping[str, date | datetime] | None, notes: list[str]
) -> dict[str, date | datetime]:
    """request id -> date, from keys that are request ids or service-address lines (case-insensitive)."""
    if not request_dates:
        return {}
    wanted = {str(k).strip().casefold(): v for k, v in request_dates.items()}
    used: set[str] = set()
    out: dict[str, date | datetime] = {}
    for req in plan.requests:
        for key in (req.id.casefold(), req.service_address.one_line().casefold()):
            if key in wanted:
                out[req.id] = wanted[key]  # the request id wins over the address: it is more specific
                used.add(key)
                break
    unmatched = [k for k in request_dates if str(k).strip().casefold() not in used]
    if unmatched:
        shown = ", ".join(repr(k) for k in unmatched[:5]) + (
            f" and {len(unmatched) - 5} more" if len(unmatched) > 5 else ""
        )
        notes.append(Note("unmatched_dates", names=shown))
    return out


def resolve_removals(
    plan: Plan,
    as_of_day: date,
    removal_date: date | datetime | None,
    request_dates: Mapping[str, date | datetime] | None,
) -> Removals:
    nums = plan.numbers
    n = len(nums)
    notes: list[str] = []
    rows = nums["row"].to_numpy() if "row" in nums.columns else np.arange(1, n + 1)
    text_col = text_column(nums, "removal_date").to_numpy(dtype=object)
    day = np.zeros(n, dtype=np.int64)
    text = np.full(n, "", dtype=object)
    source = np.full(n, "", dtype=object)

    has = text_col != ""
    if has.any():
        codes, uniques = pd.factorize(text_col[has])
        days = np.empty(len(uniques), dtype=np.int64)
        isos = np.empty(len(uniques), dtype=object)
        for i, raw in enumerate(uniques):
            try:
                when = parse_when(raw)
            except DateRangeError:
                # Name the row only on failure: finding it costs a pass over the column.
                parse_when(
                    raw, Text(N_("row {row}: {column}"), row=_first_row(rows[has], codes == i), column="removal_date")
                )
                raise
            except ValueError:
                row = _first_row(rows[has], codes == i)
                raise PortoutError(
                    N_(
                        "row {row}: removal_date {value!r} is not a date "
                        "(use YYYY-MM-DD, YYYY-MM-DDTHH:MM[Z|+hh:mm] or DD.MM.YYYY)"
                    ),
                    row=row,
                    value=raw,
                ) from None
            days[i], isos[i] = to_day_number(billing_day(when)), _iso(when)
        day[has], text[has], source[has] = days[codes], isos[codes], SOURCE_INVENTORY

    open_ = ~has
    req = nums["request_id"].to_numpy(dtype=object) if "request_id" in nums.columns else np.full(n, "", object)

    def fill(by_request: Mapping[str, date | datetime], label: str) -> None:
        """Numbers of the requests in `by_request` still without a removal take its date."""
        if not by_request or not open_.any():
            return
        r_codes, r_uniques = pd.factorize(req[open_])
        r_day = np.full(len(r_uniques), -1, dtype=np.int64)
        r_text = np.empty(len(r_uniques), dtype=object)
        for i, rid in enumerate(r_uniques):
            if rid in by_request:
                r_day[i], r_text[i] = to_day_number(billing_day(by_request[rid])), _iso(by_request[rid])
        got = r_day[r_codes] >= 0
        idx = np.flatnonzero(open_)[got]
        day[idx], text[idx], source[idx] = r_day[r_codes][got], r_text[r_codes][got], label
        open_[idx] = False

    # Precedence: the inventory's date, a date given per request (here, then in the plan's dates file),
    # one removal date for all, the removal the plan derived from the port date, the as-of day.
    fill(request_date_lookup(plan, request_dates, notes), SOURCE_REQUEST)
    scheduled = [(r.id, r.removal_date, r.removal_date_source) for r in plan.requests if r.removal_date]
    fill({rid: date.fromisoformat(d) for rid, d, src in scheduled if src == "dates_file"}, SOURCE_REQUEST)
    if removal_date is not None and open_.any():
        day[open_], text[open_], source[open_] = (
            to_day_number(billing_day(removal_date)),
            _iso(removal_date),
            SOURCE_DEFAULT,
        )
        open_[:] = False
    fill({rid: date.fromisoformat(d) for rid, d, src in scheduled if src != "dates_file"}, SOURCE_PORT)
    if open_.any():
        day[open_], text[open_], source[open_] = to_day_number(as_of_day), as_of_day.isoformat(), SOURCE_AS_OF
        notes.append(Note("no_removal_date", count=int(open_.sum()), date=as_of_day))
    return Removals(day=day, text=text, source=source, notes=notes)
