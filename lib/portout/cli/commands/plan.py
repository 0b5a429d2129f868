"""`portout plan INVENTORY --org ORG.toml [--format json|csv|table] [-o FILE]`."""

from __future__ import annotations

import argparse
from collections import Counter

from portout.cli.output import add_format_args, emit, table, to_json
from portout.inventory.reader import read_inventory
from portout.parsing import load_json
from portout.plan.model import Plan
from portout.plan.planner import build_plan
from portout.plan.views import plan_csv
from portout.settings import OrgSettings, load_settings


def add_inventory_args(parser: argparse.ArgumentParser) -> None:
    """The arguments every command that reads an inventory shares."""
    parser.add_argument("inventory", help="CSV or XLSX number inventory")
    parser.add_argument("--org", required=True, help="organisation settings (TOML, see data/samples/org.toml)")
    parser.add_argument("--sheet", help="XLSX sheet to read (default: the first)")
    parser.add_argument(
        "--mapping", help='JSON object: canonical column -> header in the file, e.g. \'{"number": "Rufnummer (neu)"}\''
    )
    parser.add_argument(
        "--btn",
        action="append",
        default=[],
        metavar="REQUEST=NUMBER",
        help="BTN for a request (repeatable); default: its lowest number",
    )


def load_plan(args: argparse.Namespace) -> tuple[Plan, OrgSettings]:
    from portout.errors import PortoutError

    settings = load_settings(args.org)
    mapping = None
    if args.mapping:
        mapping = load_json(args.mapping, "--mapping")
        if not isinstance(mapping, dict):
            raise PortoutError("--mapping must be a JSON object")
    overrides = {}
    for item in args.btn:
        rid, sep, number = item.partition("=")
        if not sep:
            raise PortoutError(f"--btn {item!r}: write REQUEST=NUMBER")
        overrides[rid.strip()] = number.strip()
    inventory = read_inventory(args.inventory, mapping=mapping, sheet=args.sheet)
    return build_plan(inventory, settings, btn_overrides=overrides), settings


def plan_table(plan: Plan) -> str:
    s = plan.summary
    out = [
        f"{s['input_rows']} rows read: {s['rows_planned']} planned, {s['excluded_rows']} excluded; "
        f"{s['planned_numbers']} numbers in {s['requests']} port requests\n\n"
    ]
    out.append(
        table(
            ["request", "numbers", "category", "country", "service address", "source", "BTN", "account"],
            [
                [
                    r.id,
                    r.size,
                    r.category,
                    r.country,
                    r.service_address.one_line(),
                    r.address_source,
                    r.btn,
                    r.account_number,
                ]
                for r in plan.requests
            ],
        )
    )
    if plan.excluded:
        reasons = Counter(e.reason for e in plan.excluded)
        out.append(
            f"\nexcluded ({len(plan.excluded)}: "
            + ", ".join(f"{n} {reason}" for reason, n in reasons.most_common())
            + "):\n"
        )
        # A few of each reason: the JSON and CSV formats carry every one.
        shown = [e for reason in reasons for e in [x for x in plan.excluded if x.reason == reason][:5]]
        out.append(
            table(
                ["row", "input", "reason", "message"],
                [[e.row, e.input, e.reason, e.message] for e in sorted(shown, key=lambda e: e.row)],
                max_width=70,
            )
        )
        if len(shown) < len(plan.excluded):
            out.append(f"... and {len(plan.excluded) - len(shown)} more (use --format json)\n")
    if plan.warnings:
        out.append(f"\nwarnings ({len(plan.warnings)}):\n")
        out.extend(f"- [{w.code}] {w.message}\n" for w in plan.warnings)
    return "".join(out)


def run(args: argparse.Namespace) -> int:
    plan, _ = load_plan(args)
    emit(
        args,
        {"json": lambda: to_json(plan.to_dict()), "csv": lambda: plan_csv(plan), "table": lambda: plan_table(plan)},
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("plan", help="classify numbers and group them into port requests")
    add_inventory_args(parser)
    add_format_args(parser)
    parser.set_defaults(handler=run)
