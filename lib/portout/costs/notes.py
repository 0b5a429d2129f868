"""Notes of a cost report (no removal date, unpriced numbers, conversions, ...) in a person's language.

A note is a `str` (its English text, as the JSON and older callers read it) that also carries a code and
parameters, so a German page or table renders it from the catalogue with the right plural form.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from portout.errors import Text
from portout.i18n import N_, Message, Nn_, Translator, translator

NOTE_TEXTS: dict[str, Message] = {
    "unmatched_dates": N_("request dates not matching any request id or service address: {names}"),
    "no_removal_date": Nn_(
        "{count} number has no removal date: assumed removed on the as-of day {date}",
        "{count} numbers have no removal date: assumed removed on the as-of day {date}",
    ),
    "unreadable_charge": Nn_(
        "{count} number has a monthly charge that is not an amount: it is unpriced (no price from the settings "
        "is put in its place); correct it in the inventory: {examples}",
        "{count} numbers have a monthly charge that is not an amount: they are unpriced (no price from the "
        "settings is put in their place); correct them in the inventory: {examples}",
    ),
    "unpriced": Nn_(
        "{count} number has no price (not counted as zero): totals of {requests} requests and the grand total "
        "are incomplete",
        "{count} numbers have no price (not counted as zero): totals of {requests} requests and the grand total "
        "are incomplete",
    ),
    "removed_before": Nn_(
        "{count} number was removed before the as-of day {date}: nothing more is billed for it",
        "{count} numbers were removed before the as-of day {date}: nothing more is billed for them",
    ),
    "rounding_per_request": N_(
        "rounding per request: each request amount is rounded once; line amounts share it out by largest "
        "remainder so they still add up"
    ),
    "converted": N_("monthly charges in {currency} converted at {rate} {base} per {currency}"),
    "unpriced_scenarios": Nn_(
        "{count} number has no price: unpriced, left out of both scenarios",
        "{count} numbers have no price: unpriced, left out of both scenarios",
    ),
}


class Note(str):
    """The English text (a plain str everywhere) plus `code` and `params` to render it in other languages."""

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, **params: Any) -> Note:
        note = super().__new__(cls, _render(code, params, translator("en")))
        note.code, note.params = code, params
        return note

    def __reduce__(self) -> tuple[Any, ...]:  # pickled by code and params (st.cache, multiprocessing)
        return (_rebuild, (self.code, self.params))


def _rebuild(code: str, params: dict[str, Any]) -> Note:
    return Note(code, **params)


def _render(code: str, params: dict[str, Any], _: Translator) -> str:
    shown = {
        k: (v.isoformat() if _.lang == "en" else _.date(v))
        if isinstance(v, date)
        # a catalogue message of its own (a note's examples), in the same language; English as str() writes it
        else (str(v) if _.lang == "en" else v.render(_))
        if isinstance(v, Text)
        else _.number(v)
        if isinstance(v, int) and not isinstance(v, bool)
        else v
        for k, v in params.items()
    }
    template = NOTE_TEXTS[code]
    if isinstance(template, tuple):
        shown.pop("count", None)
        return _.plural(template, int(params.get("count", 0)), **shown)
    return _(template, **shown)


def note_text(note: str, _: Translator) -> str:
    """A note in `_`'s language (a plain string, e.g. from a saved report, as written)."""
    if isinstance(note, Note) and note.code in NOTE_TEXTS:
        return _render(note.code, note.params, _)
    return str(note)
