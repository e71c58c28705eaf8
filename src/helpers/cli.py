"""A thin command line over plain functions: `python -m helpers table|run|mail`."""

from __future__ import annotations

import argparse
import sys

from helpers.errors import HelpersError


def _table(args: argparse.Namespace) -> int:
    from helpers.table import build_table

    result = build_table(args.raw, period=args.period, out=args.out, ahead_margin=args.ahead_margin,
                         city=args.city)
    for w in result.warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(result.summary())
    return 0


def _run(args: argparse.Namespace) -> int:
    from helpers.batch import run_command

    return run_command(args)


def _mail(args: argparse.Namespace) -> int:
    from helpers.mail import mail_command

    return mail_command(args)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m helpers", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    t = sub.add_parser("table", help="parse and judge one report into data/processed/<period>/")
    t.add_argument("raw", help="the report as published (txt or html, any common Chinese encoding)")
    t.add_argument("--period", help="period code such as 2024H1 (default: read from the title)")
    t.add_argument("--out", help="output folder (default: data/processed/<period>/)")
    t.add_argument("--city", help="the report's city, e.g. 六安: scopes units and renames of bureaus.csv "
                                  "(default: read from the title or text)")
    t.add_argument("--ahead-margin", type=float, default=0.10,
                   help="points above the pace that count as ahead (default 0.10)")
    t.set_defaults(func=_table)

    r = sub.add_parser("run", help="render a period's briefings (HTML and PDF) into output/<period>/")
    r.add_argument("--period", required=True, help="period code such as 2024H1")
    r.add_argument("--raw", help="raw report (default: the file in data/raw/ for the period)")
    g = r.add_mutually_exclusive_group()
    g.add_argument("--bureau", action="append", help="render this bureau's briefing (repeatable)")
    g.add_argument("--all-bureaus", action="store_true", help="render every lead unit's briefing")
    r.add_argument("--formats", default="html,pdf", help="comma-separated: html,pdf")
    r.add_argument("--jobs", type=int, default=0, help="parallel workers (default: number of cores)")
    r.add_argument("--ahead-margin", type=float, default=0.10, help="points above the pace that count as ahead")
    r.add_argument("--compare-to", metavar="PERIOD",
                   help="earlier period of the same year to compare with (default: the latest one built or in data/raw/)")
    r.set_defaults(func=_run)

    m = sub.add_parser("mail", help="write .eml drafts of a period's briefings, or send them with --send")
    m.add_argument("--period", required=True, help="period code such as 2024H1")
    m.add_argument("--out", help="folder for .eml drafts (default: output/<period>/mail/)")
    m.add_argument("--send", action="store_true", help="deliver over SMTP instead of writing drafts")
    m.add_argument("--smtp-host", default="localhost")
    m.add_argument("--smtp-port", type=int, default=25)
    m.add_argument("--starttls", action="store_true")
    m.add_argument("--smtp-user", help="SMTP user name (or env HELPERS_SMTP_USER); password only from env HELPERS_SMTP_PASSWORD")
    m.add_argument("--only", nargs="+", metavar="BUREAU", help="only these targets ('city' for the city briefing)")
    m.add_argument("--from", dest="sender", metavar="ADDRESS",
                   help="sender, e.g. '督查办 <dc@example.org>' (or env HELPERS_MAIL_FROM)")
    m.set_defaults(func=_mail)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except HelpersError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
