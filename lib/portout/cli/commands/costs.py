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
from portout.costs.report import (
    CostReport,
    compute_costs,
)
from portout.costs.tables import costs_csv
from portout.errors import PortoutError


def _when(value: str | None, option: str) -> date | datetime | None:
    if value is None:
        return None
    try:
        return parse_when(value, option)
    except ValueError:
        raise PortoutError(f"{option} {value!r} is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM[Z])") from None


def costs_table(report: CostReport) -> str:
    d = report.minor_digits
    t = report.totals
    conv = report.convention
    out = [
        f"Costs in {report.currency} as of {report.as_of.isoformat()}: {conv['days']} days, removal day "
        f"{conv['removal_day']}, {conv['rounding']} per {conv['rounding_scope']}, cycles from day "
        f"{conv['cycle_anchor_day']} (07:00 UTC)\n\n"
    ]
    out.append(
        table(
            [
                "request",
                "numbers",
                "priced",
                "removal",
                "prorated",
                "through removal",
                "monthly saving",
                "per day of delay",
                "complete",
            ],
            [
                [
                    r["id"],
                    r["numbers"],
                    r["priced_numbers"],
                    r["removal_date"].isoformat(),
                    format_money(r["prorated_total"], d),
                    format_money(r["cost_through_removal"], d),
                    format_money(r["monthly_saving"], d),
                    format_money(r["delay_cost_per_day"], d),
                    "yes" if r["complete"] else "NO",
                ]
                for r in report.requests.to_dict("records")
            ],
        )
    )
    out.append(
        f"\ntotal: {t['numbers']} numbers ({t['priced_numbers']} priced), prorated "
        f"{format_money(t['prorated_total'], d)}, through removal {format_money(t['cost_through_removal'], d)}, "
        f"saving {format_money(t['monthly_saving'], d)}/month, "
        f"{format_money(t['delay_cost_per_day'], d)} per day of delay"
        f"{'' if t['complete'] else ' (INCOMPLETE: unpriced numbers)'}\n"
    )
    if report.unpriced:
        shown = ", ".join(report.unpriced[:10]) + (
            f" and {len(report.unpriced) - 10} more" if len(report.unpriced) > 10 else ""
        )
        out.append(f"unpriced: {shown}\n")
    out.extend(f"- {n}\n" for n in report.notes)
    return "".join(out)


def run(args: argparse.Namespace) -> int:
    try:
        max_mrc = Decimal(args.max_mrc)
    except InvalidOperation:
        raise PortoutError(f"--max-mrc {args.max_mrc!r} is not an amount") from None
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
            "table": lambda: costs_table(report),
        },
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("costs", help="prorated monthly charges until removal, per number, request and total")
    add_inventory_args(parser)
    parser.add_argument("--as-of", help="the day costs are counted from (default: today's billing day, UTC from 07:00)")
    parser.add_argument(
        "--removal-date",
        help="removal date for numbers with none in the inventory or --dates, instead of port date + lag "
        "(date, or date-time: 07:00 UTC billing days)",
    )
    parser.add_argument(
        "--max-mrc",
        default=str(DEFAULT_MAX_MRC),
        help="refuse monthly charges above this per number (default: %(default)s)",
    )
    add_format_args(parser)
    parser.set_defaults(handler=run)
