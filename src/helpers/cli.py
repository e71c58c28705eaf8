"""A thin command line over plain functions: `python -m helpers table|run|mail`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

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


PERIODS = ("period codes: YYYYQ1..YYYYQ4 (一季度, 二季度, 前三季度 / 1-9月, 全年), YYYYH1 / YYYYH2 (上半年 / 下半年), "
           "YYYYFY (全年 / 年度), YYYYM1..YYYYM12 (1-N月); e.g. 2024H1, 2024Q3, 2023FY, 2024M11")
EXAMPLES = {
    "table": "example:\n  python -m helpers table data/raw/luan_2024H1.txt --period 2024H1",
    "run": ("examples:\n  python -m helpers run --period 2024H1                    # every unit: city, each lead unit, research pages\n"
            "  python -m helpers run --period 2024H1 --bureau 市交通局  # one unit's page (merged into the manifest)\n"
            "  python -m helpers run --period 2024H1 --formats html --jobs 1"),
    "mail": ("examples:\n  python -m helpers mail --period 2024H1                  # dry run: .eml drafts in output/2024H1/mail/\n"
             "  HELPERS_SMTP_PASSWORD=… python -m helpers mail --period 2024H1 --send --smtp-host smtp.example.org \\\n"
             "      --smtp-port 587 --starttls --smtp-user duchaban"),
}


def _sub(sub: Any, name: str, help: str) -> argparse.ArgumentParser:
    return sub.add_parser(name, help=help, description=help, epilog=f"{EXAMPLES[name]}\n\n{PERIODS}",
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m helpers", description=__doc__,
                                epilog="\n\n".join([*EXAMPLES.values(), PERIODS]),
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)

    t = _sub(sub, "table", "parse and judge one report into data/processed/<period>/")
    t.add_argument("raw", help="the report as published (txt or html, any common Chinese encoding)")
    t.add_argument("--period", help="period code such as 2024H1 (default: read from the title)")
    t.add_argument("--out", help="output folder (default: data/processed/<period>/)")
    t.add_argument("--city", help="the report's city, e.g. 六安: scopes units and renames of bureaus.csv "
                                  "(default: read from the title or text)")
    t.add_argument("--ahead-margin", type=float, default=0.10,
                   help="points above the pace that count as ahead (default 0.10)")
    t.set_defaults(func=_table)

    r = _sub(sub, "run", "render a period's briefings (HTML and PDF) into output/<period>/")
    r.add_argument("--period", required=True, help="period code such as 2024H1")
    r.add_argument("--raw", help="raw report (default: the file in data/raw/ for the period)")
    g = r.add_mutually_exclusive_group()
    g.add_argument("--bureau", action="append", help="render only this unit's briefing (repeatable; default: every unit)")
    g.add_argument("--all-bureaus", action="store_true", help="every unit (the default; kept for old scripts)")
    r.add_argument("--formats", default="html,pdf", help="comma-separated: html,pdf")
    r.add_argument("--jobs", type=int, default=0, help="parallel workers (default: number of cores)")
    r.add_argument("--ahead-margin", type=float, default=None,
                   help="points above the pace that count as ahead; rebuilds the table with it "
                        "(default: the margin the table was judged with, 0.10 for a new table)")
    r.set_defaults(func=_run)

    m = _sub(sub, "mail", "write .eml drafts of a period's briefings, or send them with --send")
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
