"""`portout costs INVENTORY --org ORG.toml [--as-of DATE] [--removal-date DATE] [--dates FILE]
[--format json|csv|table] [-o FILE]`: the prorated MRC the port leaves on the last bills."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from portout.cli.commands.plan import add_inventory_args, load_plan
from portout.cli.output import add_format_args, emit, table, to_json
from portout.costs.billing import format_money, parse_when
from portout.costs.inputs import DEFAULT_MAX_MRC
from portout.costs.notes import note_text
from portout.costs.report import (
    CostReport,
    compute_costs,
)
from portout.costs.tables import costs_csv
from portout.errors import N_, PortoutError
from portout.i18n import NO_AMOUNT, Translator, translator


def _when(value: str | None, option: str) -> date | datetime | None:
    if value is None:
        return None
    try:
        return parse_when(value, option)
    except ValueError:
        raise PortoutError(
            N_("{option} {value!r} is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM[Z])"), option=option, value=value
        ) from None


def costs_table(report: CostReport, _: Translator | None = None) -> str:
    """The report as text for a terminal, in `_`'s language (amounts and dates in its format)."""
    _ = _ or translator("en")
    d = report.minor_digits
    t = report.totals
    conv = report.convention

    def money(value: Decimal) -> str:
        if not report.currency:
            return NO_AMOUNT  # nothing priced and no currency set: no amount, not a "0.00" of nothing
        return format_money(value, d) if _.lang == "en" else _.number(value, d)

    def day(value: date) -> str:
        return value.isoformat() if _.lang == "en" else _.date(value)

    out = [
        _(
            "Costs in {currency} as of {date}: {days}, removal day {removal_day}, rounded {rounding} per {scope}, "
            "cycles from day {anchor} (07:00 UTC)",
            currency=report.currency or _("no currency (nothing is priced)"),
            date=day(report.as_of),
            days=_("actual days") if conv["days"] != "30day" else _("30-day months"),
            removal_day=_("included") if conv["removal_day"] == "included" else _("not included"),
            rounding=_("half up") if conv["rounding"] == "half_up" else _("half to even"),
            scope=_("number") if conv["rounding_scope"] == "number" else _("request"),
            anchor=conv["cycle_anchor_day"],
        )
        + "\n\n"
    ]
    out.append(
        table(
            [
                _("request"),
                _("numbers"),
                _("priced"),
                _("removal"),
                _("prorated"),
                _("through removal"),
                _("monthly saving"),
                _("per day of delay"),
                _("complete"),
            ],
            [
                [
                    r["id"],
                    _.number(r["numbers"]),
                    _.number(r["priced_numbers"]),
                    day(r["removal_date"]),
                    money(r["prorated_total"]),
                    money(r["cost_through_removal"]),
                    money(r["monthly_saving"]),
                    money(r["delay_cost_per_day"]),
                    _("yes") if r["complete"] else _("NO"),
                ]
                for r in report.requests.to_dict("records")
            ],
        )
    )
    out.append(
        "\n"
        + _.ngettext(
            "total: {count} number ({priced} priced), prorated {prorated}, through removal {through}, "
            "saving {saving}/month, {delay} per day of delay",
            "total: {count} numbers ({priced} priced), prorated {prorated}, through removal {through}, "
            "saving {saving}/month, {delay} per day of delay",
            t["numbers"],
            priced=_.number(t["priced_numbers"]),
            prorated=money(t["prorated_total"]),
            through=money(t["cost_through_removal"]),
            saving=money(t["monthly_saving"]),
            delay=money(t["delay_cost_per_day"]),
        )
        + ("" if t["complete"] else " " + _("(INCOMPLETE: unpriced numbers)"))
        + "\n"
    )
    if report.unpriced:
        shown = ", ".join(report.unpriced[:10])
        if len(report.unpriced) > 10:
            shown += " " + _("and {count} more", count=_.number(len(report.unpriced) - 10))
        out.append(_("unpriced: {numbers}", numbers=shown) + "\n")
    out.extend(f"- {note_text(n, _)}\n" for n in report.notes)
    return "".join(out)


def run(args: argparse.Namespace) -> int:
    try:
        max_mrc = Decimal(args.max_mrc)
    except InvalidOperation:
        raise PortoutError(N_("--max-mrc {value!r} is not an amount"), value=args.max_mrc) from None
    as_of = _when(args.as_of, "--as-of")
    removal = _when(args.removal_date, "--removal-date")
    # --dates goes into the plan: removal dates given there win, the others follow the port dates.
    plan, settings = load_plan(args)
    report = compute_costs(plan, settings.billing, as_of=as_of, removal_date=removal, max_mrc=max_mrc)
    emit(
        args,
        {
            "json": lambda: to_json(report.to_dict()),
            "csv": lambda: costs_csv(report, args.lang),
            "table": lambda: costs_table(report, translator(args.lang)),
        },
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], _: Translator) -> None:
    parser = sub.add_parser("costs", help=_("prorated monthly charges until removal, per number, request and total"))
    add_inventory_args(parser, _)
    parser.add_argument(
        "--as-of", help=_("the day costs are counted from (default: today's billing day, UTC from 07:00)")
    )
    parser.add_argument(
        "--removal-date",
        help=_(
            "removal date for numbers with none in the inventory or --dates, instead of port date + lag "
            "(date, or date-time: 07:00 UTC billing days)"
        ),
    )
    parser.add_argument(
        "--max-mrc",
        default=str(DEFAULT_MAX_MRC),
        help=_("refuse monthly charges above this per number (default: %(default)s)"),
    )
    add_format_args(parser, _)
    parser.set_defaults(handler=run)
