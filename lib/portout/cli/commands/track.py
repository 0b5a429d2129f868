"""`portout track save|list|show|set|history|checklist|compare|bundle`: the tracker from the command line,
so every dashboard operation can be scripted. The database is --db, else `[tracker] db` in --org's
TOML, else $PORTOUT_DB, else the user's data directory."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
from collections.abc import Callable
from typing import Any

import pandas as pd

from portout.cli.commands.plan import add_inventory_args, load_plan
from portout.cli.output import (
    add_format_args,
    emit,
    table,
    to_json,
    write_output,
)
from portout.costs import billing
from portout.dates import parse_iso_date
from portout.errors import N_, PortoutError
from portout.export.csv_text import to_csv
from portout.i18n import LANGS, Translator, translator
from portout.tracker import REASON_CODES, STATES, Tracker, resolve_db_path, tables
from portout.tracker.actual_costs import ACCRUED_DEFINITION

MAX_ID = 2**63 - 1  # SQLite's largest integer: a bigger id names no stored plan


def _tracker(args: argparse.Namespace) -> Tracker:
    return Tracker(resolve_db_path(args.db, getattr(args, "org", None)))


def _plan_id_type(_: Translator) -> Callable[[str], int]:
    """The plan id's converter; argparse calls it while parsing and prints its mistake in `_`'s language."""

    def plan_id(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(
                _("plan id must be a number (see `portout track list`), got {value!r}", value=value)
            ) from None
        if not 1 <= number <= MAX_ID:
            raise argparse.ArgumentTypeError(_("no saved plan {value} (see `portout track list`)", value=value))
        return number

    return plan_id


def _actor(args: argparse.Namespace) -> str:
    if args.actor:
        return str(args.actor)
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers: history just stays anonymous
        return ""


def _cell(value: Any) -> Any:
    return "" if value is None else value


def _lang(args: argparse.Namespace) -> Translator:
    return translator(getattr(args, "lang", "en"))


def _emit(
    args: argparse.Namespace,
    data: Any,
    header: list[str],
    rows: list[list[Any]],
    note: str = "",
    person: Callable[[Translator], pd.DataFrame] | None = None,
) -> None:
    """JSON and CSV keep the codes; the table is the person's view (tracker.tables) in --lang when given."""

    def as_table() -> str:
        if person is None:
            return (note + "\n" if note else "") + table(header, [[_cell(v) for v in r] for r in rows])
        frame = person(_lang(args))
        body = [[_cell(v) for v in r] for r in frame.astype(object).itertuples(index=False)]
        return (note + "\n" if note else "") + table([str(c) for c in frame.columns], body)

    emit(
        args,
        {
            "json": lambda: to_json(data),
            "csv": lambda: to_csv(header, rows, getattr(args, "lang", "en")),
            "table": as_table,
        },
    )


def run_save(args: argparse.Namespace) -> int:
    plan, _ = load_plan(args)
    tracker = _tracker(args)
    plan_id = tracker.save_plan(plan, name=args.name or plan.source_name, actor=_actor(args))
    info = tracker.get_plan(plan_id).info
    _ = _lang(args)
    costs = _("with cost estimate") if info.has_costs else _("without cost estimate")
    print(
        _.ngettext(
            "saved plan {plan} ({count} request", "saved plan {plan} ({count} requests", info.requests, plan=plan_id
        )
        + ", "
        + _.ngettext("{count} number", "{count} numbers", info.numbers)
        + f", {costs}) "
        + _("in {path}", path=tracker.path)
    )
    return 0


def run_list(args: argparse.Namespace) -> int:
    plans = _tracker(args).list_plans()
    _emit(
        args,
        [p.to_dict() for p in plans],
        ["plan", "name", "saved (UTC)", "requests", "numbers", "states"],
        [
            [
                p.id,
                p.name,
                p.created_at,
                p.requests,
                p.numbers,
                ", ".join(f"{k} {v}" for k, v in sorted(p.states.items())),
            ]
            for p in plans
        ],
        person=lambda _: tables.plans_table(plans, _),
    )
    return 0


def run_show(args: argparse.Namespace) -> int:
    reqs = _tracker(args).requests(args.plan)
    _emit(
        args,
        [r.to_dict() for r in reqs],
        [
            "request",
            "state",
            "version",
            "numbers",
            "submitted",
            "foc",
            "ported",
            "removed",
            "carrier",
            "reference",
            "rejection",
            "next",
        ],
        [
            [
                r.request_id,
                r.state,
                r.version,
                r.numbers,
                r.submitted_date,
                r.foc_date,
                r.ported_date,
                r.removed_date,
                r.carrier,
                r.reference,
                " ".join(x for x in (r.reason_code, r.reason_text) if x) if r.state == "rejected" else "",
                "/".join(r.allowed_next),
            ]
            for r in reqs
        ],
        # the person's view, plus what `track set` accepts next (state codes, as typed)
        person=lambda _: tables.requests_table(reqs, _).assign(
            **{_("next (track set)"): ["/".join(r.allowed_next) for r in reqs]}
        ),
    )
    return 0


def _changes(items: list[str]) -> dict[str, str]:
    changes = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise PortoutError(
                N_("--change {item!r}: write FIELD=VALUE, e.g. service_address.street2='Ste 400'"), item=item
            )
        changes[key.strip()] = value
    return changes


def run_set(args: argparse.Namespace) -> int:
    tracker = _tracker(args)
    version = args.expect_version
    if version is None:
        # Scripts that do not track versions act on what is there now; the write is still version-checked.
        version = tracker.request(args.plan, args.request).version
    status = tracker.transition(
        args.plan,
        args.request,
        args.state,
        date=args.date or billing.today().isoformat(),
        expected_version=version,
        carrier=args.carrier,
        reference=args.reference,
        reason_code=args.reason,
        reason_text=args.reason_text,
        changes=_changes(args.change) or None,
        comment=args.comment or "",
        actor=_actor(args),
    )
    _ = _lang(args)
    print(
        _(
            "{request}: {state} (version {version}); next: {next}",
            request=status.request_id,
            state=status.state if _.lang == "en" else tables.state_label(status.state, _),
            version=status.version,
            next=", ".join(status.allowed_next) or _("none (final)"),
        )
    )
    return 0


def run_history(args: argparse.Namespace) -> int:
    entries = _tracker(args).history(args.plan, args.request)
    _emit(
        args,
        [h.to_dict() for h in entries],
        ["recorded (UTC)", "by", "from", "to", "date", "carrier", "reference", "reason", "comment"],
        [
            [
                h.at,
                h.actor,
                h.from_state,
                h.to_state,
                h.event_date,
                h.carrier,
                h.reference,
                " ".join(x for x in (h.reason_code, h.reason_text) if x),
                h.comment,
            ]
            for h in entries
        ],
        person=lambda _: tables.history_table(entries, _),
    )
    return 0


def _today(value: str | None) -> dt.date | None:
    if not value:
        return None
    return parse_iso_date(value, "--today")


def _frame_output(
    args: argparse.Namespace,
    frame: Any,
    note: str,
    shown_note: str = "",
    person: Callable[[Translator], pd.DataFrame] | None = None,
) -> None:
    """A tracker frame: JSON/CSV with its codes and the English `note`; the table in --lang (`shown_note`)."""
    records = [
        {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in rec.items()}
        for rec in frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    ]
    data = {"definition": note, "rows": records} if note else records
    _emit(args, data, list(frame.columns), [list(r.values()) for r in records], shown_note, person)


def run_checklist(args: argparse.Namespace) -> int:
    frame = _tracker(args).removal_checklist(_today(args.today))
    _ = _lang(args)
    if args.format == "table" and frame.empty:
        print(_("nothing to remove: no request is ported and still on Genesys Cloud Voice"))
        return 0
    _frame_output(
        args, frame, ACCRUED_DEFINITION, _(tables.ACCRUED_DEFINITION), lambda t: tables.checklist_table(frame, _=t)
    )
    return 0


def run_compare(args: argparse.Namespace) -> int:
    frame = _tracker(args).planned_vs_actual(args.plan, _today(args.today))
    _ = _lang(args)
    _frame_output(
        args,
        frame,
        "actual = recorded removal date; removal_estimated = ported, not removed: removal assumed today",
        tables.compare_definition(frame, _),
        lambda t: tables.compare_table(frame, _=t),
    )
    return 0


def run_bundle(args: argparse.Namespace) -> int:
    data = _tracker(args).support_bundle(args.plan, args.request, args.lang)
    target = args.output or f"portout-support-{args.request}.zip"
    write_output(data, target)
    if target != "-":
        _ = _lang(args)
        print(_("wrote {file}: send its message-to-genesys-support.txt with the workbook attached", file=target))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], _: Translator) -> None:
    plan_id = _plan_id_type(_)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help=_("tracker database file (default: $PORTOUT_DB or the user data directory)"))
    fmt = argparse.ArgumentParser(add_help=False)
    add_format_args(fmt, _)

    parser = sub.add_parser("track", help=_("track saved plans' port requests to removal"))
    tsub = parser.add_subparsers(dest="track_command", required=True, metavar="ACTION")

    p = tsub.add_parser("save", parents=[common], help=_("save a plan (snapshot) to track it"))
    add_inventory_args(p, _)
    p.add_argument("--name", help=_("a name for the saved plan (default: the inventory's file name)"))
    p.add_argument("--actor", help=_("who saves it (default: the login name)"))
    p.add_argument("--lang", choices=list(LANGS), default="en", help=_("language of the confirmation line"))
    p.set_defaults(handler=run_save)

    p = tsub.add_parser("list", parents=[common, fmt], help=_("saved plans"))
    p.set_defaults(handler=run_list)

    p = tsub.add_parser("show", parents=[common, fmt], help=_("the requests of a saved plan and their status"))
    p.add_argument("plan", type=plan_id)
    p.set_defaults(handler=run_show)

    p = tsub.add_parser(
        "set",
        parents=[common],
        help=_("move a request to another status"),
        description=_(
            "Statuses: {states}. Reason codes: {codes}.", states=", ".join(STATES), codes=", ".join(REASON_CODES)
        ),
    )
    p.add_argument("plan", type=plan_id)
    p.add_argument("request")
    p.add_argument("state", help=_("new status"))
    p.add_argument("--date", help=_("when it happened, YYYY-MM-DD (default: today's billing day, UTC from 07:00)"))
    p.add_argument("--carrier", help=_("gaining carrier (submitted; default: the plan's carrier.name)"))
    p.add_argument("--reference", help=_("the carrier's reference / order number"))
    p.add_argument("--reason", help=_("rejection reason code, e.g. LOCATION_MISMATCH"))
    p.add_argument("--reason-text", help=_("rejection reason as the carrier wrote it"))
    p.add_argument(
        "--change",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help=_("resubmitted: a corrected LOA value that was sent (repeatable), e.g. service_address.street2='Ste 400'"),
    )
    p.add_argument("--comment")
    p.add_argument("--actor", help=_("who made the change (default: the login name)"))
    p.add_argument(
        "--expect-version", type=int, help=_("refuse the change unless the request is still at this version")
    )
    p.add_argument("--lang", choices=list(LANGS), default="en", help=_("language of the confirmation line"))
    p.set_defaults(handler=run_set)

    p = tsub.add_parser("history", parents=[common, fmt], help=_("every change of a request"))
    p.add_argument("plan", type=plan_id)
    p.add_argument("request")
    p.set_defaults(handler=run_history)

    p = tsub.add_parser(
        "checklist",
        parents=[common, fmt],
        help=_("ported requests still to remove from Genesys Cloud Voice, costliest first"),
    )
    p.add_argument("--today", help=_("count days and cost up to this date (default: today)"))
    p.set_defaults(handler=run_checklist)

    p = tsub.add_parser("compare", parents=[common, fmt], help=_("planned vs actual prorated charges"))
    p.add_argument("plan", type=plan_id)
    p.add_argument("--today", help=_("assumed removal date of ported, not removed requests (default: today)"))
    p.set_defaults(handler=run_compare)

    p = tsub.add_parser("bundle", parents=[common], help=_("rejection support bundle (ZIP) for a request"))
    p.add_argument("plan", type=plan_id)
    p.add_argument("request")
    p.add_argument("-o", "--output", help=_("ZIP file to write, - for stdout (default: portout-support-REQUEST.zip)"))
    p.add_argument(
        "--lang", choices=list(LANGS), default="en", help=_("language of the message and the workbook (default: en)")
    )
    p.set_defaults(handler=run_bundle)
