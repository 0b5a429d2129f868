"""`portout plan INVENTORY --org ORG.toml [--format json|csv|table] [-o FILE]`."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import date

from portout.cli.output import add_format_args, emit, table, to_json
from portout.export.labels import Labels
from portout.export.safe_cells import visible_text
from portout.i18n import N_, Translator, translator
from portout.inventory.read_notes import describe_read, has_hidden_sheets
from portout.inventory.reader import read_inventory
from portout.parsing import load_json
from portout.plan.messages import exclusion_detail, exclusion_reason, warning_text, warning_title
from portout.plan.model import Plan
from portout.plan.planner import build_plan
from portout.plan.readiness_texts import readiness_lines, readiness_status
from portout.plan.schedule import Schedule, read_dates_file
from portout.plan.scope import Scope, why_text
from portout.plan.views import plan_csv
from portout.progress import PLAN_STAGES, OnProgress, Reporter
from portout.settings import OrgSettings, load_settings


def add_inventory_args(parser: argparse.ArgumentParser, _: Translator) -> None:
    """The arguments every command that reads an inventory shares (help texts in `_`'s language)."""
    parser.add_argument("inventory", help=_("CSV or XLSX number inventory"))
    parser.add_argument("--org", required=True, help=_("organisation settings (TOML, see data/samples/org.toml)"))
    parser.add_argument("--sheet", help=_("XLSX sheet to read (default: the first)"))
    parser.add_argument(
        "--mapping",
        help=_('JSON object: canonical column -> header in the file, e.g. \'{"number": "Rufnummer (neu)"}\''),
    )
    parser.add_argument(
        "--btn",
        action="append",
        default=[],
        metavar="REQUEST=NUMBER",
        help=_("BTN for a request (repeatable); default: its lowest number"),
    )
    scope = parser.add_argument_group(
        _("scope"),
        _("which numbers leave now (each replaces the settings' [scope] entry; values comma-separated or repeated)"),
    )
    for name, meta, what in (
        ("country", "CC", N_("port only these countries (ISO code or name), e.g. DE")),
        ("category", "CATEGORY", N_("port only these geographic, toll_free, non_geographic, mobile")),
        ("address", "ADDRESS", N_("port only these service-address lines or Number Management location names")),
        ("request", "ID", N_("port only these request ids as the full plan names them")),
    ):
        scope.add_argument(f"--scope-{name}", action="append", default=[], metavar=meta, help=_(what))
    scope.add_argument(
        "--ignore-port-column", action="store_true", help=_("ignore the inventory's port (yes/no) column")
    )
    when = parser.add_argument_group(_("schedule"), _("requested port dates, LOA signature, planned removal"))
    when.add_argument(
        "--dates",
        metavar="FILE",
        help=_(
            "CSV (or JSON): request id, service address or location, then port_date and optionally removal_date "
            "and loa_signed columns; a header-less second column is the port date"
        ),
    )
    when.add_argument(
        "--port-date", metavar="DATE", help=_("requested port date for every request without one in --dates")
    )
    when.add_argument(
        "--removal-lag-days",
        type=int,
        metavar="N",
        help=_("planned removal = port date + N days (default: schedule.removal_lag_days, 1)"),
    )
    when.add_argument("--today", metavar="DATE", help=_("count lead times from this day (default: today, UTC)"))


def load_plan(args: argparse.Namespace, on_progress: OnProgress | None = None) -> tuple[Plan, OrgSettings]:
    """Settings, inventory and plan from the command's arguments; `on_progress` gets the plan's stages."""
    from portout.errors import PortoutError

    settings = load_settings(args.org)
    mapping = None
    if args.mapping:
        mapping = load_json(args.mapping, "--mapping")
        if not isinstance(mapping, dict):
            raise PortoutError(N_("--mapping must be a JSON object"))
    overrides = {}
    for item in args.btn:
        rid, sep, number = item.partition("=")
        if not sep:
            raise PortoutError(N_("--btn {item!r}: write REQUEST=NUMBER"), item=item)
        overrides[rid.strip()] = number.strip()
    schedule = schedule_from_args(args)
    Reporter(PLAN_STAGES, on_progress).start("inventory")
    inventory = read_inventory(args.inventory, mapping=mapping, sheet=args.sheet)
    if has_hidden_sheets(inventory.read_info):
        # the dashboard shows how the file was read; on the command line only hidden sheets matter enough
        _ = translator(getattr(args, "lang", "en"))
        label, note = _("note"), describe_read(inventory.read_info, _)
        print(f"portout: {label}: {visible_text(note)}", file=sys.stderr)
    plan = build_plan(
        inventory,
        settings,
        btn_overrides=overrides,
        scope=scope_from_args(args, settings),
        schedule=schedule,
        on_progress=on_progress,
    )
    return plan, settings


def schedule_from_args(args: argparse.Namespace) -> Schedule:
    from portout.dates import parse_iso_date
    from portout.errors import PortoutError

    lag = getattr(args, "removal_lag_days", None)
    if lag is not None and not 0 <= lag <= 365:
        raise PortoutError(N_("--removal-lag-days {days} must be between 0 and 365"), days=lag)
    today = getattr(args, "today", None) or getattr(args, "as_of", None)
    return Schedule(
        dates=read_dates_file(args.dates) if getattr(args, "dates", None) else {},
        port_date=parse_iso_date(args.port_date, "--port-date") if getattr(args, "port_date", None) else None,
        removal_lag_days=lag,
        today=parse_iso_date(today[:10], "--today") if today else None,
    )


def _values(items: list[str]) -> list[str] | None:
    out = [v.strip() for item in items for v in item.split(",") if v.strip()]
    return out or None


def scope_from_args(args: argparse.Namespace, settings: OrgSettings) -> Scope:
    """The settings' scope with each criterion given on the command line replacing it."""
    base = settings.scope
    return Scope.build(
        countries=_values(getattr(args, "scope_country", [])) or base.countries,
        categories=_values(getattr(args, "scope_category", [])) or base.categories,
        # addresses contain commas: only repeated options separate them
        addresses=[a for a in getattr(args, "scope_address", []) if a.strip()] or base.addresses,
        requests=_values(getattr(args, "scope_request", [])) or base.requests,
        use_port_column=base.use_port_column and not getattr(args, "ignore_port_column", False),
    )


# The address source in a word or two (the workbook spells it out).
_SOURCE_WORDS = {
    "assigned": N_("Number Management"),
    "ship_to": N_("invoice Ship To"),
    "partner": N_("partner"),
    "mixed": N_("mixed"),
}


def _summary_line(plan: Plan, _: Translator) -> str:
    s = plan.summary
    scope = plan.scope.describe(_) if plan.scope else _("every number")
    return (
        _.ngettext("{count} row read", "{count} rows read", s["input_rows"])
        + ": "
        + _(
            "{planned} planned, {staying} staying, {excluded} excluded",
            planned=_.number(s["rows_planned"]),
            staying=_.number(s["rows_staying"]),
            excluded=_.number(s["excluded_rows"]),
        )
        + "; "
        + _.ngettext("{count} number", "{count} numbers", s["planned_numbers"])
        + " "
        + _.ngettext("in {count} port request", "in {count} port requests", s["requests"])
        + "; "
        + _.ngettext("{count} number stays with Genesys", "{count} numbers stay with Genesys", s["staying_numbers"])
        + " ("
        + _("scope: {scope}", scope=scope)
        + ")"
    )


def _more(_: Translator, count: int) -> str:
    return _.ngettext("... and {count} more (use --format json)", "... and {count} more (use --format json)", count)


def plan_table(plan: Plan, _: Translator | None = None) -> str:
    """The plan as text for a terminal, in `_`'s language (the JSON keeps the codes)."""
    _ = _ or translator("en")
    words = Labels(_.lang).value
    out = [_summary_line(plan, _) + "\n\n"]
    out.append(
        table(
            [
                _("request"),
                _("numbers"),
                _("category"),
                _("country"),
                _("service address"),
                _("source"),
                _("BTN"),
                _("account"),
                _("port"),
                _("port date"),
                _("removal"),
                _("readiness"),
            ],
            [
                [
                    r.id,
                    _.number(r.size),
                    words(r.category),
                    r.country,
                    r.service_address.one_line(),
                    _(_SOURCE_WORDS[r.address_source]) if r.address_source in _SOURCE_WORDS else r.address_source,
                    r.btn,
                    r.account_number,
                    words(r.port_type),
                    _.date(date.fromisoformat(r.port_date)) if r.port_date else "",
                    _.date(date.fromisoformat(r.removal_date)) if r.removal_date else "",
                    readiness_status(r.readiness.get("status", ""), _),
                ]
                for r in plan.requests
            ],
        )
    )
    attention = [r for r in plan.requests if r.readiness.get("status") == "needs_attention"]
    if attention:
        out.append(
            "\n"
            + _.ngettext(
                "needs attention ({attention} of {count} request):",
                "needs attention ({attention} of {count} requests):",
                len(plan.requests),
                attention=_.number(len(attention)),
            )
            + "\n"
        )
        for r in attention:
            out.append(f"{r.id}:\n")
            for item in r.readiness.get("items", []):
                title, message, fix = readiness_lines(item, _)
                out.append(f"  - {title}: {message}\n    -> {fix}\n")
    if len(plan.staying):
        st = plan.staying
        whys = Counter(st["why"].tolist())
        reasons = ", ".join(f"{_.number(n)} {why_text(w, _)}" for w, n in whys.most_common())
        out.append(
            "\n" + _("staying with Genesys ({count}: {reasons}):", count=_.number(len(st)), reasons=reasons) + "\n"
        )
        out.append(
            table(
                [_("row"), _("number"), _("category"), _("country"), _("service address"), _("why it stays")],
                [
                    [
                        rec["row"],
                        rec["number"],
                        words(rec["category"]),
                        rec["country"],
                        rec["service_address"],
                        why_text(rec["why"], _),
                    ]
                    for rec in st.head(10).to_dict("records")
                ],
                max_width=60,
            )
        )
        if len(st) > 10:
            out.append(_more(_, len(st) - 10) + "\n")
    if plan.excluded:
        reasons_n = Counter(e.reason for e in plan.excluded)
        out.append(
            "\n"
            + _(
                "excluded ({count}: {reasons}):",
                count=_.number(len(plan.excluded)),
                reasons=", ".join(
                    f"{_.number(n)} {exclusion_reason(next(e for e in plan.excluded if e.reason == reason), _)}"
                    for reason, n in reasons_n.most_common()
                ),
            )
            + "\n"
        )
        # A few of each reason: the JSON and CSV formats carry every one.
        shown = [e for reason in reasons_n for e in [x for x in plan.excluded if x.reason == reason][:5]]
        out.append(
            table(
                [_("row"), _("input"), _("reason"), _("message")],
                [
                    [e.row, e.input, exclusion_reason(e, _), exclusion_detail(e, _)]
                    for e in sorted(shown, key=lambda e: e.row)
                ],
                max_width=70,
            )
        )
        if len(shown) < len(plan.excluded):
            out.append(_more(_, len(plan.excluded) - len(shown)) + "\n")
    if plan.warnings:
        out.append("\n" + _("warnings ({count}):", count=_.number(len(plan.warnings))) + "\n")
        out.extend(f"- {warning_title(w, _)} [{w.code}]: {warning_text(w, _)}\n" for w in plan.warnings)
    return "".join(out)


def run(args: argparse.Namespace) -> int:
    plan, _ = load_plan(args)
    emit(
        args,
        {
            "json": lambda: to_json(plan.to_dict()),
            "csv": lambda: plan_csv(plan, args.lang),
            "table": lambda: plan_table(plan, translator(args.lang)),
        },
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], _: Translator) -> None:
    parser = sub.add_parser("plan", help=_("classify numbers and group them into port requests"))
    add_inventory_args(parser, _)
    add_format_args(parser, _)
    parser.set_defaults(handler=run)
