"""`portout export INVENTORY --org ORG.toml -o LOA.xlsx [--per-request OUT.zip|DIR] [--lang en|de]
[--dates FILE] [--port-date DATE] [--removal-date DATE]`: the LOA data workbook, optionally one workbook per request."""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from portout.cli.commands.plan import add_inventory_args, load_plan
from portout.cli.output import write_file_atomically
from portout.cli.progress import Progress
from portout.costs.report import CostReport
from portout.errors import N_, PortoutError
from portout.export.workbook import (
    build_per_request_zip,
    build_workbook,
    iter_request_workbooks,
)
from portout.i18n import LANGS, Translator, translator
from portout.plan.model import Plan
from portout.settings import OrgSettings


def _when(value: str) -> date | datetime:
    from portout.costs.billing import parse_when

    try:
        return parse_when(value, "--removal-date")
    except ValueError:
        raise PortoutError(
            N_("{option} {value!r} is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM[Z])"),
            option="--removal-date",
            value=value,
        ) from None


def _costs(args: argparse.Namespace, plan: Plan, settings: OrgSettings) -> Any:
    """A CostReport when dates were given: the sheets then show removal date and prorated charge."""
    if not args.dates and not args.removal_date and not args.port_date:
        return None
    from portout.costs.report import compute_costs

    removal = _when(args.removal_date) if args.removal_date else None
    return compute_costs(plan, settings.billing, removal_date=removal)


def _write_bytes(path: Path, data: bytes) -> None:
    write_file_atomically(path, data)


def _write_per_request(
    target: str, plan: Plan, costs: CostReport | None, lang: str, progress: Progress | None = None
) -> int:
    path = Path(target)
    on_step = progress.on_step if progress is not None else None
    if path.suffix.lower() == ".zip":
        _write_bytes(path, build_per_request_zip(plan, costs, lang, on_progress=on_step))
        return len(plan.requests)
    created = not path.exists()
    try:
        path.mkdir(parents=True, exist_ok=True)
        # All or nothing: every workbook goes to a hidden staging folder first and is moved in only when
        # all were written; a failure (disk full, a name the file system refuses) leaves no partial set.
        staging = Path(tempfile.mkdtemp(prefix=".portout-export-", dir=path))
    except OSError as err:
        raise PortoutError(
            N_("cannot create folder {path}: {reason}"), path=str(path), reason=err.strerror or str(err)
        ) from None
    names: list[str] = []
    try:
        for name, data in iter_request_workbooks(plan, costs, lang, on_progress=on_step):
            # safe_filename already forbids separators and '..'; checked again because this writes to disk.
            if os.sep in name or (os.altsep and os.altsep in name) or name in (".", ".."):
                raise PortoutError(N_("refusing unsafe file name {name!r}"), name=name)
            try:
                (staging / name).write_bytes(data)
            except OSError as err:
                raise PortoutError(
                    N_("cannot write {path}: {reason}; nothing was written"),
                    path=str(path / name),
                    reason=err.strerror or str(err),
                ) from None
            names.append(name)
        for name in names:
            os.replace(staging / name, path / name)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if created:
            shutil.rmtree(path, ignore_errors=True)
        raise
    staging.rmdir()
    return len(names)


def run(args: argparse.Namespace) -> int:
    if not args.output and not args.per_request:
        raise PortoutError(N_("give -o LOA.xlsx and/or --per-request OUT.zip|DIR"))
    # Stages on stderr when it is a terminal (nothing when piped): reading and planning, costs, each output.
    _ = translator(args.lang)
    progress = Progress(2 + bool(args.output) + bool(args.per_request), t=_)
    try:
        progress.step(_("reading and planning the inventory"))
        plan, settings = load_plan(args, on_progress=progress.on_step)
        progress.step(_("computing the costs"))
        costs = _costs(args, plan, settings)
        if args.output:
            progress.step(
                _.ngettext(
                    "writing the workbook ({count} number)", "writing the workbook ({count} numbers)", len(plan.numbers)
                )
            )
            _write_bytes(Path(args.output), build_workbook(plan, costs, args.lang, on_progress=progress.on_step))
        n = 0
        if args.per_request:
            progress.step(_("writing one workbook per request"))
            n = _write_per_request(args.per_request, plan, costs, args.lang, progress)
    finally:
        progress.done()
    if args.output:
        print(
            _("wrote {file}", file=args.output)
            + ": "
            + _.ngettext("{count} port request", "{count} port requests", len(plan.requests))
            + ", "
            + _.ngettext("{count} number", "{count} numbers", len(plan.numbers))
            + ", "
            + _("{count} excluded", count=_.number(len(plan.excluded)))
        )
    if args.per_request:
        print(
            _.ngettext(
                "wrote {count} request workbook to {target}",
                "wrote {count} request workbooks to {target}",
                n,
                target=args.per_request,
            )
        )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser], _: Translator) -> None:
    parser = sub.add_parser("export", help=_("LOA data workbook (Excel): one sheet per port request"))
    add_inventory_args(parser, _)
    parser.add_argument("-o", "--output", help=_("the workbook to write (.xlsx)"))
    parser.add_argument(
        "--per-request",
        metavar="OUT.zip|DIR",
        help=_("also one workbook per request: into a ZIP (name ends .zip) or a folder"),
    )
    parser.add_argument("--lang", choices=LANGS, default="en", help=_("labels in English or German"))
    parser.add_argument(
        "--removal-date",
        metavar="DATE",
        help=_("removal date for every request without one (YYYY-MM-DD or date-time)"),
    )
    parser.set_defaults(handler=run)
