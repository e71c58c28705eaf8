"""A thin command line over plain functions: `python -m helpers table|judge|run|ledger|review|mail`."""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from pathlib import Path
from typing import Any, Callable, NoReturn

from helpers import paths
from helpers.errors import HelpersError, PeriodError, os_error_line
from helpers.files import check_writable_dir
from helpers.messages import say
from helpers.period import parse_code
from helpers.statuses import DEFAULT_AHEAD_MARGIN


def cores() -> int:
    """CPUs this process may use (the affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def jobs_arg(text: str) -> int:
    """--jobs: 1..cores, 0 meaning all cores; each worker holds a kernel (≈ 250 MB)."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say("arg.not_whole", text=text)) from None
    if n == 0:
        return cores()
    if not 1 <= n <= cores():
        raise argparse.ArgumentTypeError(say("arg.jobs_range", n=n, cores=cores()))
    return n


def margin_arg(text: str) -> float:
    """--ahead-margin: a finite fraction in [0, 1) (0.10 = ten points above the pace)."""
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say("arg.not_number", text=text)) from None
    if not math.isfinite(x) or not 0 <= x < 1:
        raise argparse.ArgumentTypeError(say("arg.margin_range", text=text))
    return x


def period_arg(text: str) -> str:
    """--period: a period code, normalized (2024h1 → 2024H1) before anything compares it."""
    try:
        return parse_code(text).code
    except PeriodError as e:
        raise argparse.ArgumentTypeError(e.problem) from None


def _table(args: argparse.Namespace) -> int:
    from helpers.read.ingest import read_capped
    from helpers.table import build_table

    # the cheap checks first: a file that cannot be read, a folder that cannot be written
    read_capped(args.raw)
    check_writable_dir(args.out or paths.PROCESSED)
    result = build_table(args.raw, period=args.period, out=args.out, ahead_margin=args.ahead_margin,
                         city=args.city, force_period=args.force_period, sheet=args.sheet,
                         columns=[c for c in re.split(r"[,，、]", args.columns) if c.strip()] if args.columns else None,
                         strict=args.strict)
    for w in result.warnings:
        print(say("warning", text=w), file=sys.stderr)
    print(result.summary())
    print("\n".join(result.review_summary()))
    return 0


def _ledger(args: argparse.Namespace) -> int:
    from helpers.deliver.ledger import write_ledger

    path, written = write_ledger(args.period, processed_dir=args.processed, out=args.out, force=args.force)
    _say_ledger(path, written, Path(args.out) if args.out else paths.ledger_path(args.period))
    return 0


def _say_ledger(path: Path, written: bool, asked: Path) -> None:
    print(say("run.ledger", path=path, unchanged="" if written else say("run.unchanged")))
    if path != asked:  # the researcher's own ledger holds their additions: never written over
        print(say("warning", text=say("run.ledger_kept", asked=asked, path=path)), file=sys.stderr)


def _review_import(args: argparse.Namespace) -> int:
    from helpers.deliver.corrections import import_corrections

    result = import_corrections(args.file, period=args.period, processed_dir=args.processed,
                                **({"overrides": args.overrides} if args.overrides else {}))
    print(result.summary())
    return 0


def _judge(args: argparse.Namespace) -> int:
    from helpers.judge.status import judge_text

    fields, _ = judge_text(args.task, args.progress, args.period, ahead_margin=args.ahead_margin,
                           official_status=args.official_status, official_status_field=args.official_status_field,
                           target_text=args.target, rate_text=args.rate)
    keys = ("status", "status_zh", "completion_pct", "method", "evidence", "needs_review", "review_reason")
    out = {k: fields[k] for k in keys}
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        print("\n".join(f"{k}: {'' if v is None else v}" for k, v in out.items()))
    return 0


def _run(args: argparse.Namespace) -> int:
    from helpers.run import run_command
    from helpers.read.ingest import read_capped

    if args.raw:
        read_capped(args.raw)
    check_writable_dir(paths.OUTPUT)
    return run_command(**run_options(args), alongside=lambda: _ledger_of_the_run(args.period, args.ahead_margin))


def _ledger_of_the_run(period: str, ahead_margin: float | None) -> Callable[[], None]:
    """The ledger follows the table the briefings are rendered from (unchanged → not rewritten);
    written while the pages render. What to print after the run's summary."""
    from helpers.deliver.ledger import write_ledger

    if not paths.tasks_path(period).exists():
        return lambda: None
    try:
        path, written = write_ledger(period, ahead_margin=ahead_margin)
    except HelpersError as e:  # e.g. corrections not imported yet: the briefings stand, say why
        # said now: Python unbinds `e` when the except block ends, before the run prints this
        message = say("warning", text=say("run.ledger_failed", text=e))
        return lambda: print(message, file=sys.stderr)
    return lambda: _say_ledger(path, written, paths.ledger_path(period))


def _mail(args: argparse.Namespace) -> int:
    from helpers.deliver.mail import mail_command

    # drafts, or the send log, go there: refuse an unwritable folder before building any message
    check_writable_dir(args.out or paths.OUTPUT)
    return mail_command(**mail_options(args))


def run_options(args: argparse.Namespace) -> dict[str, Any]:
    """The parsed `run` options as the plain values helpers.run.run_command takes."""
    return {"period": args.period, "raw": args.raw, "bureaus": args.bureau, "formats": args.formats.split(","),
            "jobs": args.jobs, "ahead_margin": args.ahead_margin, "compare_to": args.compare_to}


def mail_options(args: argparse.Namespace) -> dict[str, Any]:
    """The parsed `mail` options as the plain values helpers.deliver.mail.mail_command takes."""
    return {"period": args.period, "out": args.out, "send": args.send, "smtp_host": args.smtp_host,
            "smtp_port": args.smtp_port, "starttls": args.starttls, "smtp_user": args.smtp_user,
            "only": args.only, "sender": args.sender, "allow_test_addresses": args.allow_test_addresses}


PERIODS = ("period codes: YYYYQ1..YYYYQ4 (一季度, 二季度, 前三季度 / 1-9月, 全年), YYYYH1 / YYYYH2 (上半年 / 下半年), "
           "YYYYFY (全年 / 年度), YYYYM1..YYYYM12 (1-N月); e.g. 2024H1, 2024Q3, 2023FY, 2024M11")
EXAMPLES = {
    "table": "example:\n  python -m helpers table data/raw/luan_2024H1.txt --period 2024H1",
    "run": ("examples:\n  python -m helpers run --period 2024H1                    # every unit: city, each lead unit, research pages\n"
            "  python -m helpers run --period 2024H1 --bureau 市交通局  # one unit's page (merged into the manifest)\n"
            "  python -m helpers run --period 2024H1 --formats html --jobs 1"),
    "mail": ("examples:\n  python -m helpers mail --period 2024H1 --preview        # drafts and preview.html in output/2024H1/mail/\n"
             "  HELPERS_SMTP_PASSWORD=… python -m helpers mail --period 2024H1 --send --smtp-host smtp.example.org \\\n"
             "      --smtp-port 587 --starttls --smtp-user duchaban"),
}


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad argument is one line on stderr (exit 2), like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, say("error", text=say("cli.usage", prog=self.prog, problem=message)) + "\n")


def _sub(sub: Any, name: str, help: str) -> argparse.ArgumentParser:
    return sub.add_parser(name, help=help, description=help, epilog=f"{EXAMPLES[name]}\n\n{PERIODS}",
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m helpers", description=__doc__,
                epilog="\n\n".join([*EXAMPLES.values(), PERIODS]),
                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    for add in (_table_parser, _judge_parser, _run_parser, _ledger_parsers, _mail_parser, _server_parser):
        add(sub)
    return p


def _table_parser(sub: Any) -> None:
    t = _sub(sub, "table", "parse and judge one report into data/processed/<period>/")
    t.add_argument("raw", help="the report as published: text or a saved web page (any common Chinese encoding), "
                               ".docx, .xlsx, .pdf with a text layer; .doc/.wps/.xls/.et need LibreOffice")
    t.add_argument("--period", type=period_arg, help="period code such as 2024H1 (default: read from the title)")
    t.add_argument("--out", help="output folder (default: data/processed/<period>/)")
    t.add_argument("--force-period", action="store_true",
                   help="take --period even when the report's title names another period (warns loudly)")
    t.add_argument("--city", help="the report's city, e.g. 六安: scopes units and renames of bureaus.csv "
                                  "(default: read from the title or text)")
    t.add_argument("--ahead-margin", type=margin_arg, default=DEFAULT_AHEAD_MARGIN,
                   help=f"points above the pace that count as ahead, in [0, 1) (default {DEFAULT_AHEAD_MARGIN:.2f})")
    t.add_argument("--sheet", help="the Excel sheet to read, by name or number (default: the one holding most text)")
    t.add_argument("--columns", help="the columns of a table printed without a header, in order: role names or "
                                     "header words, e.g. 序号,任务,牵头单位,进展")
    t.add_argument("--strict", action="store_true",
                   help="refuse a layout read without a header instead of flagging every row for review")
    t.set_defaults(func=_table)


def _judge_parser(sub: Any) -> None:
    j = sub.add_parser("judge", help="judge one task against the time pace and print the judgement")
    j.add_argument("--period", required=True, type=period_arg, help="period code such as 2024Q3 (sets the pace)")
    j.add_argument("--task", required=True, help="the task (重点工作) text with its target")
    j.add_argument("--progress", required=True, help="the progress (落实情况) text")
    j.add_argument("--official-status", help="the report's own status cell (完成状态, 是否达序 …)")
    j.add_argument("--official-status-field", help="header of that cell's column, e.g. 是否达序 (gives 是/否 a meaning)")
    j.add_argument("--target", help="a separate target cell (全年目标任务)")
    j.add_argument("--rate", help="a separate rate cell (完成率 / 占全年计划), for a bare number in --progress")
    j.add_argument("--ahead-margin", type=margin_arg, default=DEFAULT_AHEAD_MARGIN, help="points above the pace that count as ahead")
    j.add_argument("--json", action="store_true", help="print one JSON object instead of lines")
    j.set_defaults(func=_judge)


def _run_parser(sub: Any) -> None:
    r = _sub(sub, "run", "render a period's briefings (HTML and PDF) into output/<period>/")
    r.add_argument("--period", required=True, type=period_arg, help="period code such as 2024H1")
    r.add_argument("--raw", help="raw report (default: the file in data/raw/ for the period)")
    g = r.add_mutually_exclusive_group()
    g.add_argument("--bureau", action="append", help="render only this unit's briefing (repeatable; default: every unit)")
    g.add_argument("--all-bureaus", action="store_true", help="every unit (the default; kept for old scripts)")
    r.add_argument("--formats", default="html,pdf", help="comma-separated: html,pdf")
    r.add_argument("--jobs", type=jobs_arg, default=0, help="parallel workers, 1..cores (default 0: number of cores)")
    r.add_argument("--ahead-margin", type=margin_arg, default=None,
                   help="points above the pace that count as ahead, in [0, 1); rebuilds the table with it "
                        f"(default: the margin the table was judged with, {DEFAULT_AHEAD_MARGIN:.2f} for a new table)")
    r.add_argument("--compare-to", metavar="PERIOD", type=period_arg,
                   help="earlier period of the same year to compare with (default: the latest one built or in data/raw/)")
    r.set_defaults(func=_run)


def _ledger_parsers(sub: Any) -> None:
    """`ledger` writes the workbook, `review import` reads its corrections back."""
    lg = sub.add_parser("ledger", help="write the period's supervision ledger output/<period>/台账_<period>.xlsx")
    lg.add_argument("--period", required=True, type=period_arg, help="period code such as 2024H1")
    lg.add_argument("--processed", help="folder holding tasks.parquet (default: data/processed/<period>/)")
    lg.add_argument("--out", help="workbook to write (default: output/<period>/台账_<period>.xlsx)")
    lg.add_argument("--force", action="store_true",
                    help="overwrite a ledger even if it holds corrections not imported yet")
    lg.set_defaults(func=_ledger)

    rv = sub.add_parser("review", help="the researcher's review loop")
    rvs = rv.add_subparsers(dest="review_command", required=True)
    ri = rvs.add_parser("import", help="read 更正状态/说明 of a ledger's 待复核 sheet into data/reference/overrides.csv")
    ri.add_argument("file", help="the ledger workbook (.xlsx) with corrections filled in")
    ri.add_argument("--period", type=period_arg, help="period code (default: the ledger's 说明 sheet)")
    ri.add_argument("--processed", help="folder holding tasks.parquet (default: data/processed/<period>/)")
    ri.add_argument("--overrides", help="overrides file to merge into (default: data/reference/overrides.csv)")
    ri.set_defaults(func=_review_import)


def _mail_parser(sub: Any) -> None:
    m = _sub(sub, "mail", "write .eml drafts of a period's briefings, or send them with --send")
    m.add_argument("--period", required=True, type=period_arg, help="period code such as 2024H1")
    m.add_argument("--out", help="folder for .eml drafts (default: output/<period>/mail/)")
    act = m.add_mutually_exclusive_group()
    act.add_argument("--preview", action="store_true",
                     help="write the drafts and preview.html listing every message (the default)")
    act.add_argument("--send", action="store_true", help="deliver over SMTP exactly what the last preview listed")
    m.add_argument("--allow-test-addresses", action="store_true",
                   help="send to example.org/.invalid/.test/localhost addresses too (tests only)")
    m.add_argument("--smtp-host", default="localhost")
    m.add_argument("--smtp-port", type=int, default=25)
    m.add_argument("--starttls", action="store_true")
    m.add_argument("--smtp-user", help="SMTP user name (or env HELPERS_SMTP_USER); password only from env HELPERS_SMTP_PASSWORD")
    m.add_argument("--only", nargs="+", metavar="BUREAU", help="only these targets ('city' for the city briefing)")
    m.add_argument("--from", dest="sender", metavar="ADDRESS",
                   help="sender, e.g. '督查办 <dc@example.org>' (or env HELPERS_MAIL_FROM)")
    m.set_defaults(func=_mail)


def _server(args: argparse.Namespace) -> int:
    from helpers.report import server_client

    if args.server_command == "stop":
        pid = server_client.stop()
        print(say("server.none") if pid is None else say("server.stopped", pid=pid))
        return 0
    conn = server_client.connect()
    s = server_client.state() or {}
    if conn is None:
        print(say("server.none"))
        return 1
    conn.close()
    print(say("server.status", pid=conn.hello.get("pid"), workers=s.get("workers", "?"),
              capacity=conn.capacity, socket=s.get("socket", "?")))
    return 0


def _server_parser(sub: Any) -> None:
    sv = sub.add_parser("server", help="the render server that keeps kernels warm between runs "
                                       "(started by `run`; HELPERS_NO_SERVER=1 disables it)")
    svs = sv.add_subparsers(dest="server_command", required=True)
    svs.add_parser("stop", help="stop this project's render server (and its workers and kernels)")
    svs.add_parser("status", help="say whether this project's render server is running")
    sv.set_defaults(func=_server)


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as e:  # a bad argument (one line already printed) or --help: its code, not an exception
        return e.code if isinstance(e.code, int) else 2
    try:
        return args.func(args)
    except HelpersError as e:
        print(say("error", text=" ".join(str(e).split())), file=sys.stderr)
        return 2
    except OSError as e:  # last line of defence: the specific checks come first, in each command
        print(say("error", text=os_error_line(e)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(say("interrupted"), file=sys.stderr)
        return 130
