"""The rejection support bundle (domain.md §1): when a port is rejected although the data was right,
Genesys Cloud Voice support needs (1) the complete list of numbers, (2) all information given to the
gaining carrier and (3) the reason for the latest rejection. One ZIP holds a workbook with all of it,
the numbers as plain text, and a message ready to paste into the support case.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING, Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from portout.errors import PortoutError
from portout.export.safe_cells import cell_text, needs_quote
from portout.i18n import N_, Nn_, Translator, translator
from portout.inventory.categories import national_format
from portout.tracker import lifecycle as lc

if TYPE_CHECKING:
    from portout.tracker.saved_plans import Snapshot, Tracker


# Rows of the "Sent to carrier" sheet: (label, key in the snapshot, key inside it or None).
SENT_FIELDS: list[tuple[str, str, str | None]] = [
    (N_("Sent on"), "sent_date", None),
    (N_("Gaining carrier"), "gaining_carrier", None),
    (N_("Carrier reference"), "carrier_reference", None),
    (N_("Name on the LOA"), "loa_name", None),
    (N_("Service address: street"), "service_address", "street1"),
    (N_("Service address: street 2"), "service_address", "street2"),
    (N_("Service address: city"), "service_address", "city"),
    (N_("Service address: state"), "service_address", "state"),
    (N_("Service address: postal code"), "service_address", "postal_code"),
    (N_("Service address: country"), "service_address", "country"),
    (N_("Account number"), "account_number", None),
    (N_("BTN (billing telephone number)"), "btn", None),
    (N_("Current (losing) carrier"), "losing_carrier", None),
    (N_("Authorized contact"), "authorized_name", None),
    (N_("Authorized contact: title"), "authorized_title", None),
    (N_("Authorized contact: e-mail"), "authorized_email", None),
    (N_("Authorized contact: phone"), "authorized_phone", None),
]


def _put(ws: Worksheet, row: int, col: int, value: Any) -> None:
    """Write a cell so a spreadsheet never evaluates it: text stays text (phone numbers keep their '+' and
    leading zeros), and text that looks like a formula gets Excel's quote prefix."""
    cell = ws.cell(row=row, column=col)
    if value is None:
        return
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.value = value
        return
    # The LOA export's rules: control characters kept (escaped), text that could read as a formula or an
    # error value gets the quote prefix.
    text = cell_text(value)
    cell.value = text
    cell.data_type = "s"  # openpyxl would store "=..." as a formula
    cell.number_format = "@"
    if needs_quote(text):
        cell.quotePrefix = True


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list[Any]], first: bool = False) -> None:
    ws = wb.worksheets[0] if first else wb.create_sheet()  # a new Workbook has one empty sheet
    ws.title = title
    for c, name in enumerate(header, 1):
        _put(ws, 1, c, name)
    for r, values in enumerate(rows, 2):
        for c, value in enumerate(values, 1):
            _put(ws, r, c, value)
    ws.freeze_panes = "A2"
    for c, name in enumerate(header, 1):
        width = max([len(str(name))] + [len(str(v[c - 1])) for v in rows[:200] if c - 1 < len(v)])
        ws.column_dimensions[get_column_letter(c)].width = min(60, width + 2)


def _field(data: dict[str, Any], key: str, sub: str | None) -> Any:
    value = data.get(key, "")
    return (value or {}).get(sub, "") if sub else value


def _address_line(data: dict[str, Any]) -> str:
    addr = data.get("service_address", {})
    city = " ".join(p for p in (addr.get("postal_code", ""), addr.get("city", "")) if p)
    return ", ".join(
        p for p in (addr.get("street1"), addr.get("street2"), city, addr.get("state"), addr.get("country")) if p
    )


# Where rejected ports go: the English version of Genesys' article "Port numbers out of Genesys Cloud
# Voice" (help.mypurecloud.com/articles/port-numbers-genesys-cloud-voice/): "If your port is being rejected
# and you have confirmed that you have provided the correct information ..., please contact
# pcvoicetelcorequest@genesys.com". The German translation in the seed leaves the address out.
GENESYS_PORTING_EMAIL = "pcvoicetelcorequest@genesys.com"


def build_bundle(tracker: Tracker, plan_id: int, request_id: str, lang: str = "en") -> bytes:
    """The support bundle ZIP: the message (in `lang`), the request's workbook and the number list."""
    status = tracker.request(plan_id, request_id)
    history = tracker.history(plan_id, request_id)
    rejections = [h for h in history if h.to_state == lc.REJECTED]
    if not rejections:
        raise PortoutError(
            N_("request {request} has not been rejected: the support bundle is for rejected ports (now {state})"),
            request=request_id,
            state=status.state,
        )
    latest = rejections[-1]
    sent: list[Snapshot] = [s for s in tracker.snapshots(plan_id, request_id) if s.kind != "planned"]
    if not sent:  # cannot happen (rejection needs a submission), but never produce an empty bundle
        raise PortoutError(N_("request {request} has no recorded submission"), request=request_id)
    last_sent = sent[-1].data
    saved = tracker.get_plan(plan_id)
    settings = saved.data.get("settings", {})
    numbers = list(last_sent.get("numbers", []))

    workbook = _workbook(saved, request_id, numbers, sent, latest, history, translator(lang))
    message = support_message(settings, status, numbers, last_sent, len(sent), latest, lang)
    buf = io.BytesIO()
    stem = f"portout-support-{request_id}"
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{stem}/message-to-genesys-support.txt", message)
        zf.writestr(f"{stem}/{request_id}.xlsx", workbook)
        zf.writestr(f"{stem}/numbers.txt", "\n".join(numbers) + "\n")
    return buf.getvalue()


def _day(value: Any, _: Translator) -> str:
    """A date as the message writes it: ISO in English (support works across countries), 08.03.2026 in German."""
    if not value:
        return ""
    return _.date(value) if _.lang == "de" else value.isoformat()


# Column heads of the "Sent to carrier" sheet: which submission (snapshot kinds).
_KINDS = {"submitted": N_("submitted"), "resubmitted": N_("resubmitted")}


def _state(code: str, _: Translator) -> str:
    return _(lc.STATE_LABELS[code]) if code in lc.STATE_LABELS else code


def _workbook(
    saved: Any,
    request_id: str,
    numbers: list[str],
    sent: list[Snapshot],
    latest: Any,
    history: list[Any],
    _: Translator,
) -> bytes:
    """The bundle's workbook in `_`'s language: sheet titles, headers and labels (codes, numbers and the
    carrier's own text as recorded)."""
    from portout.plan.messages import CATEGORY_TEXTS

    frame = saved.plan.numbers
    details: dict[str, dict[str, Any]] = {}
    if len(frame):
        sub = frame[frame["number"].isin(numbers)]
        details = {rec["number"]: rec for rec in sub.to_dict(orient="records")}
    # The national format is computed on demand (Plan.numbers has no such column): the carrier's and
    # support's lists show it beside E.164.
    national = dict(zip(numbers, national_format(pd.Series(numbers, dtype=object)).tolist())) if numbers else {}
    for n in numbers:
        d = details.setdefault(n, {})
        d["national"] = national.get(n, "")
        if d.get("category") in CATEGORY_TEXTS:
            d["category"] = _(CATEGORY_TEXTS[d["category"]])
    wb = Workbook()
    cols = ["national", "category", "country", "location", "owner", "owner_type"]
    _sheet(
        wb,
        _("Numbers"),
        [
            "#",
            _("Number (E.164)"),
            _("National format"),
            _("Category"),
            _("Country"),
            _("Location"),
            _("Owner"),
            _("Owner type"),
        ],
        [[i, n] + [details.get(n, {}).get(c, "") for c in cols] for i, n in enumerate(numbers, 1)],
        first=True,
    )
    header = [_("Field")] + [
        f"{_(_KINDS[s.kind]) if s.kind in _KINDS else s.kind} {_day(s.sent_date, _)}".strip() for s in sent
    ]
    rows = [[_(label)] + [_field(s.data, key, sub) for s in sent] for label, key, sub in SENT_FIELDS]
    rows.append([_("Numbers sent (count)")] + [len(s.data.get("numbers", [])) for s in sent])
    _sheet(wb, _("Sent to carrier"), header, rows)
    meaning = _(lc.REASON_CODES[latest.reason_code]) if latest.reason_code in lc.REASON_CODES else ""
    _sheet(
        wb,
        _("Latest rejection"),
        [_("Field"), _("Value")],
        [
            [_("Request"), request_id],
            [_("Rejected on"), _day(latest.event_date, _)],
            [_("Reason code"), latest.reason_code],
            [_("Reason code meaning"), meaning],
            [_("Reason given by the carrier"), latest.reason_text],
            [_("Carrier reference"), latest.reference],
            [_("Comment"), latest.comment],
        ],
    )
    _sheet(
        wb,
        _("History"),
        [
            _("Recorded at (UTC)"),
            _("By"),
            _("From"),
            _("To"),
            _("Date"),
            _("Carrier"),
            _("Reference"),
            _("Reason code"),
            _("Reason"),
            _("Comment"),
        ],
        [
            [
                h.at,
                h.actor,
                _state(h.from_state, _) if h.from_state else "",
                _state(h.to_state, _),
                _day(h.event_date, _),
                h.carrier,
                h.reference,
                h.reason_code,
                h.reason_text,
                h.comment,
            ]
            for h in history
        ],
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def support_message(
    settings: dict[str, Any],
    status: Any,
    numbers: list[str],
    last_sent: dict[str, Any],
    submissions: int,
    latest: Any,
    lang: str = "en",
) -> str:
    """Plain text for the Genesys Cloud Voice support case, in the article's order (1), (2), (3), in English
    (Genesys support's language) or German."""
    _ = translator(lang)
    org = settings.get("organization", {})
    signer = settings.get("signer", {})
    carrier = last_sent.get("gaining_carrier") or status.carrier or _("the gaining carrier")
    reason = latest.reason_code or _("free text")
    meaning = _(lc.REASON_CODES[latest.reason_code]) if latest.reason_code in lc.REASON_CODES else ""
    # English keeps ISO dates (support works across countries); German writes 08.03.2026
    when = _day(latest.event_date, _)
    contact = ", ".join(
        v
        for v in (
            last_sent.get("authorized_name"),
            last_sent.get("authorized_title"),
            last_sent.get("authorized_email"),
            last_sent.get("authorized_phone"),
        )
        if v
    )
    sent = _("sent {date}", date=last_sent.get("sent_date", ""))
    if submissions > 1:
        sent += "; " + _("submission {n} of {n}, earlier ones are in the attached workbook", n=submissions)
    lines = [
        _.plural(
            Nn_(
                "Subject: Port-out rejected: {count} number to {carrier} (request {request})",
                "Subject: Port-out rejected: {count} numbers to {carrier} (request {request})",
            ),
            len(numbers),
            carrier=carrier,
            request=status.request_id,
        ),
        _(
            "To: {email} (Genesys Cloud Voice porting; the address Genesys' article gives for rejected ports)",
            email=GENESYS_PORTING_EMAIL,
        ),
        "",
        _("Hello Genesys Cloud Voice support,"),
        "",
        _(
            "we are porting numbers out of Genesys Cloud Voice to {carrier}. Our port request was rejected on "
            "{date} although we verified the data. As your documentation asks, here are the complete list of "
            "numbers, all information given to the gaining carrier, and the reason for the latest rejection.",
            carrier=carrier,
            date=when,
        ),
        "",
        _(
            "Genesys Cloud organization: {name} (Organization ID {id})", name=org.get("name", ""), id=org.get("id", "")
        ).rstrip(),
        _(
            "Carrier reference: {reference}",
            reference=last_sent.get("carrier_reference") or status.reference or _("(none)"),
        ),
        "",
        _("(1) Complete list of numbers to port ({count}):", count=len(numbers)),
        *[f"    {n}" for n in numbers],
        "",
        _("(2) Information given to the gaining carrier ({sent}):", sent=sent),
        "    " + _("Name on the LOA: {value}", value=last_sent.get("loa_name", "")),
        "    " + _("Service address: {value}", value=_address_line(last_sent)),
        "    " + _("Account number: {value}", value=last_sent.get("account_number", "")),
        "    " + _("BTN: {value}", value=last_sent.get("btn", "")),
        "    " + _("Current (losing) carrier: {value}", value=last_sent.get("losing_carrier", "Genesys")),
        "    " + _("Authorized contact: {value}", value=contact),
        "    "
        + _.plural(
            Nn_("Numbers: the {count} number listed in (1)", "Numbers: the {count} numbers listed in (1)"),
            len(last_sent.get("numbers", [])),
        ),
        "",
        _("(3) Reason for the latest rejection ({date}): {reason}", date=when, reason=reason)
        + (f" - {meaning}" if meaning and latest.reason_code != "OTHER" else ""),
    ]
    if latest.reason_text:
        lines.append("    " + _("Carrier's text: {text}", text=latest.reason_text))
    lines += [
        "",
        _("Could you please confirm the details the losing-carrier record holds, or tell us what to change?"),
        "",
        _("Kind regards,"),
        signer.get("name", "") or _("(name)"),
        *[v for v in (signer.get("title", ""), signer.get("email", ""), signer.get("phone", "")) if v],
        "",
    ]
    return "\n".join(lines)
