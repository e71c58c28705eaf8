"""Commands of the review loop served warm: `python -m helpers run|review …` run in a process
forked from one that has imported their stack already (pandas, pandera, openpyxl, helpers).

Every command paid a second or more of imports before its first line of work. The project's
render server (helpers.report.server), started as `python -m helpers.warm`, forks a *zygote*
before anything else: a single-threaded process that imports the commands' modules once and
waits. A command whose key (helpers.report.server_key) is the server's is handed over with its
standard streams, working folder and environment; the zygote forks a process that runs it
exactly as `python -m helpers` would (helpers.cli.main), writing to the caller's terminal, and
sends back its exit code. Each command runs in a fresh fork: nothing of one reaches the next.
Signals the caller receives (Ctrl-C) are passed on; a caller that dies takes the command with it.
Without a server holding the key, or with HELPERS_NO_SERVER=1, the command runs in its own
process as before.
"""

from __future__ import annotations

import importlib
import io
import json
import os
import signal
import socket
import sys
import threading
import traceback
from typing import Any, Callable

from helpers import paths
from helpers.messages import say
from helpers.report.server_key import PROTOCOL, server_key
from helpers.report.server_wire import STATE, disabled, folder, receive, send, send_with_fds

#: The commands handed to the server: the review loop's (`mail` never: it sends nothing unseen).
SERVED = ("run", "review")
#: Imported once by the zygote: what those commands import before their work.
PRELOAD = ("helpers.cli", "helpers.run", "helpers.table", "helpers.period_tables", "helpers.page_keys",
           "helpers.deliver.corrections", "helpers.deliver.ledger", "helpers.deliver.workbook",
           "helpers.judge.overrides", "helpers.judge.review", "helpers.judge.status", "helpers.compare.chain",
           "helpers.report.loading", "helpers.report.page_data", "helpers.report.front_page",
           "helpers.read.ingest", "pandas", "pyarrow.parquet", "openpyxl", "tqdm")
#: Signals a caller passes on to the command it handed over.
RELAYED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
#: Seconds to wait for the server to take a command.
HANDOFF_TIMEOUT = 5.0


# ------------------------------------------------------------------------ the caller's side


def forward(argv: list[str]) -> int | None:
    """Run the command `argv` in the project's server; its exit code, or None when the server
    cannot take it (then the caller runs it itself: nothing has happened yet)."""
    if not argv or argv[0] not in SERVED or disabled() or not hasattr(socket, "AF_UNIX"):
        return None
    try:
        state = json.loads((folder() / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    key = server_key(paths.NOTEBOOKS)
    if not isinstance(state, dict) or not state.get("commands") or state.get("key") != key:
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(HANDOFF_TIMEOUT)
    try:
        sock.connect(str(state["socket"]))
        send_with_fds(sock, {"op": "command", "protocol": PROTOCOL, "key": key, "argv": argv,
                             "cwd": os.getcwd(), "env": dict(os.environ)}, [0, 1, 2])
        reader, writer = sock.makefile("rb"), sock.makefile("wb")
        started = receive(reader)
    except (OSError, ValueError, ConnectionError, KeyError):
        sock.close()
        return None
    if "pid" not in started:  # refused (its key moved meanwhile): nothing ran
        sock.close()
        return None
    sock.settimeout(None)
    return _wait_for_exit(reader, writer, int(started["pid"]))


def _wait_for_exit(reader: Any, writer: Any, pid: int) -> int:
    """Pass the caller's signals on to the command until its exit code arrives."""
    def relay(signum: int, _frame: Any) -> None:
        try:
            send(writer, {"signal": int(signum)})
        except OSError:
            pass

    for sig in RELAYED:
        signal.signal(sig, relay)
    try:
        while True:
            msg = receive(reader)
            if "exit" in msg:
                return int(msg["exit"])
    except (OSError, ValueError, ConnectionError):
        print(say("error", text=say("server.command_lost", pid=pid)), file=sys.stderr)
        return 1


# ------------------------------------------------------------------------ the server's side


def start_zygote(after_fork: Callable[[], None]) -> tuple[str, Any, Any]:
    """Fork the zygote; ("server", its socket, None) in this process, and ("command", request,
    descriptors) in each process the zygote forks to run a command (which returns here)."""
    mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    if os.fork() != 0:
        theirs.close()
        return "server", mine, None
    mine.close()
    after_fork()
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # the command that needs it reports it, as it would without a server
            pass
    while True:
        try:
            msg, fds, _, _ = socket.recv_fds(theirs, 1 << 20, 8)
        except OSError:
            os._exit(0)
        if not msg:  # the server has ended
            os._exit(0)
        print(f"command: {json.loads(msg).get('argv', ['?'])[0]}", flush=True)  # the server's log
        child = os.fork()
        if child == 0:
            if os.fork() != 0:  # the command's process is no one's child: no zombie here
                os._exit(0)
            theirs.close()
            return "command", json.loads(msg), fds
        for fd in fds:
            os.close(fd)
        os.waitpid(child, 0)


def handoff(zygote: socket.socket, conn: socket.socket, request: dict[str, Any], fds: list[int]) -> None:
    """The server's side: hand the caller's connection, request and streams to the zygote."""
    if len(fds) != 3:
        conn.sendall(b'{"error": "streams"}\n')
        return
    socket.send_fds(zygote, [json.dumps(request).encode("utf-8")], [conn.fileno(), *fds])


def _streams() -> None:
    """New sys.stdin/stdout/stderr over the caller's descriptors, buffered as Python would."""
    unbuffered = bool(os.environ.get("PYTHONUNBUFFERED"))
    enc, errs = sys.stdout.encoding, sys.stdout.errors
    sys.stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(0, "rb", closefd=False)), encoding=enc, errors=errs)
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(io.FileIO(1, "wb", closefd=False)), encoding=enc, errors=errs,
                                  line_buffering=os.isatty(1), write_through=unbuffered)
    sys.stderr = io.TextIOWrapper(io.BufferedWriter(io.FileIO(2, "wb", closefd=False)), encoding=enc,
                                  errors="backslashreplace", line_buffering=True, write_through=unbuffered)


def run_command(request: dict[str, Any], fds: list[int]) -> int:
    """In the forked process: become the caller's command (streams, folder, environment), run it
    as `python -m helpers` would, and send its exit code back."""
    from helpers.cli import main  # imported by the zygote already: no cost here

    conn_fd, *std = fds
    for target, fd in zip((0, 1, 2), std):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    _streams()
    conn = socket.socket(fileno=conn_fd)
    reader, writer = conn.makefile("rb"), conn.makefile("wb")
    send(writer, {"pid": os.getpid()})
    done = threading.Event()
    threading.Thread(target=_signals, args=(reader, done), name="helpers-caller", daemon=True).start()
    code = 1
    try:
        code = main(request["argv"])
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    except BaseException:  # printed before the caller is told the code, as a process of its own would
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        done.set()
        try:
            send(writer, {"exit": code})
        except OSError:
            pass
    return code


def _signals(reader: Any, done: threading.Event) -> None:
    """Deliver to this process the signals its caller passes on; end it if the caller dies."""
    while True:
        try:
            msg = receive(reader)
        except (OSError, ValueError, ConnectionError):
            if not done.is_set():  # the caller was killed: so is its command, as without a server
                os.kill(os.getpid(), signal.SIGKILL)
            return
        if "signal" in msg:
            os.kill(os.getpid(), int(msg["signal"]))


def zygote(after_fork: Callable[[], None]) -> Callable[[socket.socket, dict[str, Any], list[int]], None]:
    """Fork the zygote (the server calls this once its key is taken, before its threads) and give
    the server its handoff; a command's process never returns from here: it runs and exits."""
    kind, first, second = start_zygote(after_fork)
    if kind == "command":
        raise SystemExit(run_command(first, second))
    return lambda conn, req, fds: handoff(first, conn, req, fds)


def main() -> int:
    """`python -m helpers.warm`: the render server with a zygote for the commands."""
    from helpers.report import server  # deferred: a caller that forwards a command never needs it

    return server.main(sys.argv[1:], zygote=zygote)


if __name__ == "__main__":
    raise SystemExit(main())
