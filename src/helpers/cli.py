"""A thin command line over plain functions: `python -m helpers table|judge|run|ledger|review|mail|server`."""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from pathlib import Path
from typing import Any, Callable

from helpers import paths
from helpers.errors import HelpersError, PeriodError, os_error_line
from helpers.files import check_writable_dir
from helpers.arguments import Parser
from helpers.messages import say
from helpers.period import parse_code
from helpers.plaintext import DASH
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
    keys = ("status", "status_zh", "completion_pct", "method", "evidence", "needs_review", "review_reason",
            "note_reason")
    out = {k: fields[k] for k in keys}
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        print("\n".join(_judgement_lines(out)))
    return 0


def _judgement_lines(out: dict[str, Any]) -> list[str]:
    """The judgement in Chinese, a line a field (the JSON keeps the codes, for scripts)."""
    from helpers.report.formatting import METHOD_ZH

    def shown(v: Any) -> str:
        return DASH if v is None or v == "" else str(v)

    pct = out["completion_pct"]
    return [say("judge.status", zh=out["status_zh"], code=out["status"]),
            say("judge.completion", pct=shown(None if pct is None else f"{pct:.1%}")),
            say("judge.method", method=METHOD_ZH.get(out["method"], shown(out["method"]))),
            say("judge.evidence", text=shown(out["evidence"])),
            say("judge.review", answer=say("judge.yes" if out["needs_review"] else "judge.no")),
            say("judge.reason", text=shown(out["review_reason"])),
            say("judge.note", text=shown(out["note_reason"]))]


def _run(args: argparse.Namespace) -> int:
    # the ledger's module is imported here, in the main thread, not first in the thread that writes the
    # ledger while the pages import nbconvert: both import xml.etree, and a Ctrl-C landing in one
    # thread's import left the other waiting on CPython's import lock for ever (the run hung, not 130)
    import helpers.deliver.ledger  # noqa: F401
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


#: Each command's examples (helpers.messages), shown at the end of its --help and of the program's.
EXAMPLES = ("table", "run", "mail")


def _sub(sub: Any, name: str, examples: bool = False) -> argparse.ArgumentParser:
    """A command's parser: its help, and its examples with the period codes when it has them."""
    help = say(f"help.{name}")
    epilog = f"{say(f'help.example_{name}')}\n\n{say('help.periods')}" if examples else None
    return sub.add_parser(name, help=help, description=help, epilog=epilog)


def _period(parser: argparse.ArgumentParser, help_key: str = "help.period", required: bool = True) -> None:
    parser.add_argument("--period", required=required, type=period_arg, metavar=say("meta.period"), help=say(help_key))


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="python -m helpers", description=say("help.prog"),
               epilog="\n\n".join([*(say(f"help.example_{n}") for n in EXAMPLES), say("help.periods")]))
    sub = p.add_subparsers(dest="command", required=True, title=say("help.commands"), metavar=say("meta.command"))
    for add in (_table_parser, _judge_parser, _run_parser, _ledger_parsers, _mail_parser, _server_parser):
        add(sub)
    return p


def _table_parser(sub: Any) -> None:
    t = _sub(sub, "table", examples=True)
    t.add_argument("raw", metavar=say("meta.report"), help=say("help.raw"))
    _period(t, "help.period_title", required=False)
    t.add_argument("--out", metavar=say("meta.folder"), help=say("help.table_out"))
    t.add_argument("--force-period", action="store_true", help=say("help.force_period"))
    t.add_argument("--city", metavar=say("meta.city"), help=say("help.city"))
    t.add_argument("--ahead-margin", type=margin_arg, default=DEFAULT_AHEAD_MARGIN, metavar=say("meta.margin"),
                   help=say("help.margin", default=DEFAULT_AHEAD_MARGIN))
    t.add_argument("--sheet", metavar=say("meta.sheet"), help=say("help.sheet"))
    t.add_argument("--columns", metavar=say("meta.columns"), help=say("help.columns"))
    t.add_argument("--strict", action="store_true", help=say("help.strict"))
    t.set_defaults(func=_table)


def _judge_parser(sub: Any) -> None:
    j = _sub(sub, "judge")
    _period(j, "help.period_pace")
    text = say("meta.text")
    j.add_argument("--task", required=True, metavar=text, help=say("help.task"))
    j.add_argument("--progress", required=True, metavar=text, help=say("help.progress"))
    j.add_argument("--official-status", metavar=text, help=say("help.official_status"))
    j.add_argument("--official-status-field", metavar=text, help=say("help.official_status_field"))
    j.add_argument("--target", metavar=text, help=say("help.target"))
    j.add_argument("--rate", metavar=text, help=say("help.rate"))
    j.add_argument("--ahead-margin", type=margin_arg, default=DEFAULT_AHEAD_MARGIN, metavar=say("meta.margin"),
                   help=say("help.margin", default=DEFAULT_AHEAD_MARGIN))
    j.add_argument("--json", action="store_true", help=say("help.json"))
    j.set_defaults(func=_judge)


def _run_parser(sub: Any) -> None:
    r = _sub(sub, "run", examples=True)
    _period(r)
    r.add_argument("--raw", metavar=say("meta.report"), help=say("help.run_raw"))
    g = r.add_mutually_exclusive_group()
    g.add_argument("--bureau", action="append", metavar=say("meta.unit"), help=say("help.bureau"))
    g.add_argument("--all-bureaus", action="store_true", help=say("help.all_bureaus"))
    r.add_argument("--formats", default="html,pdf", metavar=say("meta.formats"), help=say("help.formats"))
    r.add_argument("--jobs", type=jobs_arg, default=0, metavar=say("meta.n"), help=say("help.jobs"))
    r.add_argument("--ahead-margin", type=margin_arg, default=None, metavar=say("meta.margin"),
                   help=say("help.margin_run", default=DEFAULT_AHEAD_MARGIN))
    r.add_argument("--compare-to", metavar=say("meta.period"), type=period_arg, help=say("help.compare_to"))
    r.set_defaults(func=_run)


def _ledger_parsers(sub: Any) -> None:
    """`ledger` writes the workbook, `review import` reads its corrections back."""
    lg = _sub(sub, "ledger")
    _period(lg)
    lg.add_argument("--processed", metavar=say("meta.folder"), help=say("help.processed"))
    lg.add_argument("--out", metavar=say("meta.file"), help=say("help.ledger_out"))
    lg.add_argument("--force", action="store_true", help=say("help.force"))
    lg.set_defaults(func=_ledger)

    rv = _sub(sub, "review")
    rvs = rv.add_subparsers(dest="review_command", required=True, title=say("help.commands"), metavar=say("meta.command"))
    ri = rvs.add_parser("import", help=say("help.review_import"), description=say("help.review_import"))
    ri.add_argument("file", metavar=say("meta.ledger"), help=say("help.ledger_file"))
    _period(ri, "help.period_ledger", required=False)
    ri.add_argument("--processed", metavar=say("meta.folder"), help=say("help.processed"))
    ri.add_argument("--overrides", metavar=say("meta.file"), help=say("help.overrides"))
    ri.set_defaults(func=_review_import)


def _mail_parser(sub: Any) -> None:
    m = _sub(sub, "mail", examples=True)
    _period(m)
    m.add_argument("--out", metavar=say("meta.folder"), help=say("help.mail_out"))
    act = m.add_mutually_exclusive_group()
    act.add_argument("--preview", action="store_true", help=say("help.preview"))
    act.add_argument("--send", action="store_true", help=say("help.send"))
    m.add_argument("--allow-test-addresses", action="store_true", help=say("help.allow_test"))
    m.add_argument("--smtp-host", default="localhost", metavar=say("meta.host"), help=say("help.smtp_host"))
    m.add_argument("--smtp-port", type=int, default=25, metavar=say("meta.port"), help=say("help.smtp_port"))
    m.add_argument("--starttls", action="store_true", help=say("help.starttls"))
    m.add_argument("--smtp-user", metavar=say("meta.user"), help=say("help.smtp_user"))
    m.add_argument("--only", nargs="+", metavar=say("meta.unit"), help=say("help.only"))
    m.add_argument("--from", dest="sender", metavar=say("meta.address"), help=say("help.from"))
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
    sv = _sub(sub, "server")
    svs = sv.add_subparsers(dest="server_command", required=True, title=say("help.commands"), metavar=say("meta.command"))
    svs.add_parser("stop", help=say("help.server_stop"), description=say("help.server_stop"))
    svs.add_parser("status", help=say("help.server_status"), description=say("help.server_status"))
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
