"""`portout fetch`: load the inventory live from Genesys Cloud (issue 6).

The client secret is read from GENESYS_CLOUD_CLIENT_SECRET only: a command-line argument would sit in
shell history and be visible to every user in the process list.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from portout.cli.output import write_file_atomically
from portout.errors import N_, PortoutError, Text
from portout.export.safe_cells import visible_text
from portout.genesys.client import DEFAULT_DEADLINE
from portout.i18n import LANGS, Translator, translator

SECRET_ENV = "GENESYS_CLOUD_CLIENT_SECRET"
CLIENT_ID_ENV = "GENESYS_CLOUD_CLIENT_ID"
API_BASE_ENV = "PORTOUT_API_BASE"
LOGIN_BASE_ENV = "PORTOUT_LOGIN_BASE"


def _refuse_secret(_: Translator) -> type[argparse.Action]:
    """`--client-secret` exists only to refuse it without echoing the value back (argparse's
    'unrecognized arguments' error would print the secret to the terminal and to logs); said in `_`'s language."""

    class RefuseSecret(argparse.Action):
        def __call__(
            self, parser: argparse.ArgumentParser, namespace: Any, values: Any, option_string: str | None = None
        ) -> None:
            parser.error(
                _(
                    "{option} is not accepted on the command line (shell history, process list); "
                    "set the environment variable {env} instead",
                    option=option_string or "--client-secret",
                    env=SECRET_ENV,
                )
            )

    return RefuseSecret


def register(subparsers: Any, _: Translator) -> None:
    parser = subparsers.add_parser(
        "fetch",
        help=_("load the number inventory live from Genesys Cloud"),
        description=_(
            "Fetch the organisation's numbers from the Genesys Cloud API and write the canonical "
            "inventory CSV. The OAuth client secret is read from {env}.",
            env=SECRET_ENV,
        ),
    )
    parser.add_argument(
        "--region",
        help=_(
            "Genesys Cloud region: SDK name (us_east_1, eu_central_1, ...) "
            "or host (mypurecloud.com, mypurecloud.de, ...)"
        ),
    )
    parser.add_argument(
        "--client-id",
        default=os.environ.get(CLIENT_ID_ENV, ""),
        help=_("OAuth client id (client credentials grant); default ${env}", env=CLIENT_ID_ENV),
    )
    parser.add_argument("--client-secret", nargs="?", action=_refuse_secret(_), help=argparse.SUPPRESS)
    parser.add_argument(
        "--numbers-export",
        type=Path,
        metavar="FILE",
        help=_("Number Management export (CSV/XLSX): the authoritative service addresses"),
    )
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="INVENTORY.csv")
    parser.add_argument(
        "--api-base",
        default=os.environ.get(API_BASE_ENV),
        help=_("local test server only (loopback); default ${env}", env=API_BASE_ENV),
    )
    parser.add_argument(
        "--login-base",
        default=os.environ.get(LOGIN_BASE_ENV),
        help=_("local test server only (loopback); default ${env}", env=LOGIN_BASE_ENV),
    )
    parser.add_argument("--timeout", type=float, default=30.0, help=_("read timeout per request, seconds"))
    parser.add_argument(
        "--deadline",
        type=float,
        default=DEFAULT_DEADLINE,
        metavar="SECONDS",
        help=_(
            "give up after this long in all, retries included; nothing is written (default {seconds})",
            seconds=f"{DEFAULT_DEADLINE:g}",
        ),
    )
    parser.add_argument("-v", "--verbose", action="store_true", help=_("log every request and retry in detail"))
    parser.add_argument("--lang", choices=list(LANGS), default="en", help=_("language of the summary lines"))
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("start the built-in fake Genesys Cloud on 127.0.0.1 and fetch from it"),
    )
    parser.set_defaults(handler=run)


def _retry_printer(_: Translator) -> Callable[[str], None]:
    """One short line per retry on stderr, in --lang (the client hands an errors.Text)."""

    def line(text: str) -> None:
        shown = text.render(_) if isinstance(text, Text) and _.lang != "en" else text
        print(_("portout: retrying {request}", request=visible_text(shown))[:200], file=sys.stderr)

    return line


def _quiet_retries(verbose: bool) -> None:
    """stamina logs every scheduled retry as a multi-field WARNING; the CLI prints one short line per
    retry instead (`_retry_line`), or, with --verbose, shows stamina's and our own debug logging."""
    import logging

    import stamina.instrumentation

    if verbose:
        logging.basicConfig(level=logging.DEBUG, format="%(levelname)s %(name)s: %(message)s")
        logging.getLogger("httpcore").setLevel(logging.INFO)
    else:
        stamina.instrumentation.set_on_retry_hooks([])


def run(args: argparse.Namespace) -> int:
    import httpx

    from portout.genesys.fake_server import (
        DEMO_CLIENT_ID,
        DEMO_CLIENT_SECRET,
        start_demo_server,
    )
    from portout.genesys.inventory import fetch_inventory

    if not 0 < args.deadline <= 86_400 or not 0 < args.timeout <= 3_600:
        raise PortoutError(N_("--deadline must be 0 < SECONDS <= 86400 and --timeout 0 < SECONDS <= 3600"))
    _quiet_retries(args.verbose)
    timeout = httpx.Timeout(connect=10.0, read=args.timeout, write=30.0, pool=10.0)
    stop = None
    try:
        if args.demo:
            base, stop = start_demo_server()
            client_id, secret, api_base, login_base, region = DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, base, base, None
            print(f"demo: fake Genesys Cloud at {base}", file=sys.stderr)
        else:
            client_id = (args.client_id or "").strip()
            secret = os.environ.get(SECRET_ENV, "")
            api_base, login_base, region = args.api_base, args.login_base, args.region
            if not client_id:
                raise PortoutError(N_("--client-id (or {variable}) is required"), variable=CLIENT_ID_ENV)
            if not secret:
                raise PortoutError(
                    N_("set the OAuth client secret in the environment variable {variable}"), variable=SECRET_ENV
                )
            if not region and not (api_base or login_base):
                raise PortoutError(N_("--region is required (e.g. us_east_1 or mypurecloud.com)"))
        result = fetch_inventory(
            region,
            client_id,
            secret,
            numbers_export=args.numbers_export,
            api_base=api_base,
            login_base=login_base,
            timeout=timeout,
            deadline=args.deadline,
            on_retry=None if args.verbose else _retry_printer(translator(args.lang)),
        )
    finally:
        if stop is not None:
            stop()
    data = result.to_csv_bytes()
    write_file_atomically(Path(args.output), data)
    counts = result.counts
    _ = translator(getattr(args, "lang", "en"))
    print(
        _(
            "{org} (account number {account})",
            org=visible_text(result.org.name),
            account=visible_text(result.org.account_number),
        )
        + ": "
        + _.ngettext("{count} number", "{count} numbers", counts.get("numbers", 0))
        + f" -> {args.output}",
        file=sys.stderr,
    )
    print(
        "  "
        + _(
            "Genesys Cloud Voice: {voice}, BYOC: {byoc}; addresses from the export: {export}, approximate: "
            "{approximate}, none: {none}",
            voice=_.number(counts.get("provider_PURE_CLOUD_VOICE", 0)),
            byoc=_.number(counts.get("provider_PURE_CLOUD", 0)),
            export=_.number(counts.get("source_number_management_export", 0)),
            approximate=_.number(counts.get("source_approximate_owner_site_location", 0)),
            none=_.number(counts.get("no_address", 0)),
        ),
        file=sys.stderr,
    )
    if result.ship_to is not None:
        print(
            "  "
            + _(
                "invoice Ship To: {name}, {address} ({currency})",
                name=visible_text(result.ship_to.name),
                address=visible_text(result.ship_to.address.one_line()),
                currency=result.currency or _("currency unknown"),
            ),
            file=sys.stderr,
        )
    for warning in result.warning_texts(_):
        label = _("warning")
        print(f"  {label}: {visible_text(warning)}", file=sys.stderr)
    return 0
