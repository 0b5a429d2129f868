"""Port request states and the transitions between them (domain.md §5), as pure functions.

The lifecycle is the superset of Telnyx / Bandwidth / Twilio, plus our final step "removed" (the numbers
deleted from Genesys Cloud Voice Number Management, which stops the prorated monthly charge).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from portout.dates import DateRangeError, check_date
from portout.errors import PortoutError, Text, joined
from portout.i18n import N_

DRAFT = "draft"
SUBMITTED = "submitted"
FOC_CONFIRMED = "foc_confirmed"
PORTED = "ported"
REMOVED = "removed"
REJECTED = "rejected"
RESUBMITTED = "resubmitted"
CANCELLED = "cancelled"

STATES: tuple[str, ...] = (DRAFT, SUBMITTED, FOC_CONFIRMED, PORTED, REMOVED, REJECTED, RESUBMITTED, CANCELLED)

STATE_LABELS = {
    DRAFT: N_("Draft"),
    SUBMITTED: N_("Submitted to the gaining carrier"),
    FOC_CONFIRMED: N_("FOC date confirmed"),
    PORTED: N_("Ported (still on Genesys Cloud Voice: remove it)"),
    REMOVED: N_("Removed from Genesys Cloud Voice"),
    REJECTED: N_("Rejected"),
    RESUBMITTED: N_("Resubmitted"),
    CANCELLED: N_("Cancelled"),
}

# Why these edges: a carrier may report completion without announcing an FOC date first, so
# submitted/resubmitted -> ported is allowed; an FOC date can move, so foc_confirmed -> foc_confirmed
# records the new date; a rejection can come before or after the FOC (FOC_REJECTED, FOC_EXPIRED).
# Once ported, the numbers belong to the new carrier: cancelling is no longer possible, only removal.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    DRAFT: (SUBMITTED, CANCELLED),
    SUBMITTED: (FOC_CONFIRMED, PORTED, REJECTED, CANCELLED),
    RESUBMITTED: (FOC_CONFIRMED, PORTED, REJECTED, CANCELLED),
    FOC_CONFIRMED: (FOC_CONFIRMED, PORTED, REJECTED, CANCELLED),
    REJECTED: (RESUBMITTED, CANCELLED),
    PORTED: (REMOVED,),
    REMOVED: (),
    CANCELLED: (),
}

# Telnyx's porting rejection codes (domain.md §5), with what each means for the admin.
REASON_CODES: dict[str, str] = {
    "ACCOUNT_NUMBER_MISMATCH": N_("The account number does not match the losing carrier's record"),
    "AUTH_PERSON_MISMATCH": N_("The authorized person does not match the losing carrier's record"),
    "ENTITY_NAME_MISMATCH": N_("The company / entity name does not match the losing carrier's record"),
    "LOCATION_MISMATCH": N_("The service address does not match the losing carrier's record"),
    "POSTAL_CODE_MISMATCH": N_("The postal code does not match the losing carrier's record"),
    "BTN_ATN_MISMATCH": N_("The billing telephone number (BTN/ATN) does not match"),
    "PASSCODE_PIN_INVALID": N_("The passcode / PIN is missing or wrong"),
    "PHONE_NUMBER_MISMATCH": N_("One or more numbers do not belong to the account"),
    "PHONE_NUMBER_NOT_PORTABLE": N_("One or more numbers cannot be ported"),
    "PORT_TYPE_INCORRECT": N_("The port type is incorrect"),
    "PORTING_ORDER_SPLIT_REQUIRED": N_("The order must be split into several requests"),
    "LSR_PENDING": N_("The local service request is pending with the losing carrier"),
    "FOC_EXPIRED": N_("The firm order commitment date expired"),
    "FOC_REJECTED": N_("The firm order commitment was rejected"),
    "OTHER": N_("Other reason (see the text)"),
}

# Which optional fields each change may carry. Anything else is refused rather than stored: a rejection
# reason on a "submitted" change, or a carrier on "ported", would sit in the history as if it were true.
# A reference may come with an FOC confirmation (carriers often issue a new one then).
FIELDS_FOR: dict[str, frozenset[str]] = {
    SUBMITTED: frozenset({"carrier", "reference"}),
    RESUBMITTED: frozenset({"carrier", "reference", "changes"}),
    FOC_CONFIRMED: frozenset({"reference"}),
    REJECTED: frozenset({"reason_code", "reason_text"}),
    PORTED: frozenset(),
    REMOVED: frozenset(),
    CANCELLED: frozenset(),
}

FIELD_LABELS = {
    "carrier": N_("a gaining carrier"),
    "reference": N_("a carrier reference"),
    "reason_code": N_("a rejection reason"),
    "reason_text": N_("rejection details"),
    "changes": N_("corrected LOA values"),
}

# Which request column holds each state's event date.
DATE_COLUMN = {
    SUBMITTED: "submitted_date",
    RESUBMITTED: "submitted_date",
    FOC_CONFIRMED: "foc_date",
    PORTED: "ported_date",
    REMOVED: "removed_date",
    REJECTED: "rejected_date",
    CANCELLED: "cancelled_date",
}


class TransitionError(PortoutError):
    """A status change that the lifecycle does not allow, or one missing what it needs."""


@dataclass(frozen=True)
class Change:
    """A validated status change, ready to store."""

    new_state: str
    date: dt.date | None
    carrier: str = ""
    reference: str = ""
    reason_code: str = ""
    reason_text: str = ""


def allowed(state: str) -> tuple[str, ...]:
    return TRANSITIONS.get(state, ())


def normalise_state(value: str) -> str:
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    aliases = {
        "foc": FOC_CONFIRMED,
        "foc_date": FOC_CONFIRMED,
        "confirmed": FOC_CONFIRMED,
        "canceled": CANCELLED,
        "complete": PORTED,
        "completed": PORTED,
    }
    key = aliases.get(key, key)
    if key not in STATES:
        raise TransitionError(N_("unknown status {value!r}; statuses: {states}"), value=value, states=", ".join(STATES))
    return key


def normalise_reason_code(value: str | None) -> str:
    if not value:
        return ""
    key = value.strip().upper().replace("-", "_").replace(" ", "_")
    if key not in REASON_CODES:
        raise TransitionError(
            N_("unknown rejection reason code {value!r}; use one of {codes} or give the reason as free text"),
            value=value,
            codes=", ".join(REASON_CODES),
        )
    return key


def parse_date(value: dt.date | str | None, what: str = Text(N_("date"))) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise TransitionError(
                N_("{what} {text!r} is not a date (write YYYY-MM-DD)"), what=what, text=value
            ) from None
    try:
        return check_date(value, what)
    except DateRangeError as err:
        raise TransitionError(err.template, **err.params) from None


def validate(
    current: str,
    new_state: str,
    *,
    date: dt.date | str | None,
    dates: dict[str, dt.date | None],
    carrier: str | None = None,
    reference: str | None = None,
    reason_code: str | None = None,
    reason_text: str | None = None,
) -> Change:
    """Check a change against the lifecycle and the request's known dates; raise TransitionError with the
    allowed next states when it is impossible."""
    new_state = normalise_state(new_state)
    nexts = allowed(current)
    if new_state not in nexts:
        options = ", ".join(nexts) if nexts else Text(N_("none: {state} is final"), state=current)
        raise TransitionError(
            N_("cannot move a {state} request to {new_state}; allowed from {state}: {options}"),
            state=current,
            new_state=new_state,
            options=options,
        )
    when = parse_date(date)
    if when is None:
        raise TransitionError(N_("{state} needs the date it happened (YYYY-MM-DD)"), state=new_state)
    carrier = (carrier or "").strip()
    reference = (reference or "").strip()
    code = normalise_reason_code(reason_code)
    text = (reason_text or "").strip()
    given = {"carrier": carrier, "reference": reference, "reason_code": code, "reason_text": text}
    check_fields(new_state, [name for name, value in given.items() if value])
    if new_state == SUBMITTED and not carrier:
        raise TransitionError(N_("submitted needs the gaining carrier's name"))
    if new_state == REJECTED and not (code or text):
        raise TransitionError(
            N_("rejected needs a reason: a code ({codes}) or free text"), codes=", ".join(REASON_CODES)
        )
    if new_state == REJECTED and code == "OTHER" and not text:
        raise TransitionError(N_("reason code OTHER needs the reason as text"))
    _check_order(new_state, when, dates)
    return Change(new_state, when, carrier, reference, code, text)


def check_fields(new_state: str, given: list[str]) -> None:
    """Refuse fields that do not belong to `new_state` (see FIELDS_FOR), naming what it does take."""
    allowed_fields = FIELDS_FOR.get(new_state, frozenset())
    wrong = [name for name in given if name not in allowed_fields]
    if not wrong:
        return
    # the labels are catalogue texts, translated when the error is shown
    takes = joined([Text(FIELD_LABELS[f]) for f in sorted(allowed_fields)]) or Text(N_("no extra fields"))
    raise TransitionError(
        N_("{state} does not take {fields} ({state} takes: {takes}); nothing was saved"),
        state=new_state,
        fields=joined([Text(FIELD_LABELS[f]) for f in wrong], Text(N_(" or "))),
        takes=takes,
    )


def _check_order(new_state: str, when: dt.date, dates: dict[str, dt.date | None]) -> None:
    """Dates that contradict the request's own past are typing mistakes worth stopping (a port cannot
    complete before it was submitted, numbers cannot be removed before they left)."""
    submitted = dates.get("submitted_date")
    ported = dates.get("ported_date")
    if new_state in (PORTED, FOC_CONFIRMED, REJECTED) and submitted and when < submitted:
        raise TransitionError(
            N_("{state} date {when} is before the submission date {submitted}"),
            state=new_state,
            when=when,
            submitted=submitted,
        )
    if new_state == REMOVED and ported and when < ported:
        raise TransitionError(N_("removal date {when} is before the port date {ported}"), when=when, ported=ported)
    rejected = dates.get("rejected_date")
    if new_state == RESUBMITTED and rejected and when < rejected:
        raise TransitionError(
            N_("resubmission date {when} is before the rejection date {rejected}"), when=when, rejected=rejected
        )
