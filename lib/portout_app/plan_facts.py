"""The Port plan page's facts of one request as a person reads them: labels, dates and codes in words.

The plan keeps codes and ISO dates (for JSON and CSV); this renders them in the session's language.
"""

from __future__ import annotations

from datetime import date

from portout.export.labels import Labels
from portout.i18n import N_, Translator
from portout.plan.model import PortRequest
from portout_app.markdown import md

# Where a request's port date comes from (portout.plan.schedule's SOURCE_* codes).
DATE_SOURCES = {
    "dates_file": N_("from the dates file"),
    "option": N_("chosen here"),
    "settings": N_("from the settings"),
    "lead_time": N_("today + the carrier's lead time"),
    "assumed_today": N_("assumed today"),
    "port_date_plus_lag": N_("port date + removal lag"),
}


def iso_date(value: object, _: Translator | None = None) -> str:
    """An ISO date text ("2026-11-27") as the locale writes it; anything else unchanged."""
    from portout_app import language

    _ = _ or language.gettext()
    try:
        return _.date(date.fromisoformat(str(value)))
    except ValueError:
        return "" if value is None else str(value)


def request_facts(req: PortRequest, _: Translator) -> str:
    """Markdown lines: LOA name, address, account number, numbers, port type, dates (untrusted text escaped)."""
    words = Labels(_.lang).value
    lines = [
        _("**LOA name:** {v}", v=md(req.loa_name)),
        _("**Service address:** {v}", v=md(req.service_address.one_line())),
        _("**Account number:** {v}", v=md(req.account_number)),
        _("**Carrier name (losing):** {v}", v=md(req.carrier_name)),
        _(
            "**Numbers:** {numbers} · **still assigned:** {assigned}",
            numbers=_.number(req.size),
            assigned=_.number(req.assigned_numbers),
        ),
    ]
    port_type = _("**Port type:** {v}", v=words(req.port_type))
    if req.port_type == "partial":
        port_type += " " + _.ngettext(
            "({count} number stays behind; partial port: the BTN {btn} is one of this request's numbers, so it "
            "leaves; never give a number that stays as the BTN)",
            "({count} numbers stay behind; partial port: the BTN {btn} is one of this request's numbers, so it "
            "leaves; never give a number that stays as the BTN)",
            req.numbers_staying,
            btn=md(req.btn),
        )
    lines.append(port_type)
    source = _(DATE_SOURCES[req.port_date_source]) if req.port_date_source in DATE_SOURCES else req.port_date_source
    dates = _("**Requested port date:** {date} ({source})", date=iso_date(req.port_date, _), source=source)
    dates += " · " + _("**LOA signed:** {date}", date=iso_date(req.loa_signed, _))
    if req.loa_valid_until:
        dates += _(", valid until {date}", date=iso_date(req.loa_valid_until, _))
    dates += " · " + _("**planned removal:** {date}", date=iso_date(req.removal_date, _))
    lines.append(dates)
    return "  \n".join(lines)
