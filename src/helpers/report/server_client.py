"""The run's side of the render server (helpers.report.server): find it, start it, stop it, and
have it render pages.

A run uses a server only when it answers with the run's own key (helpers.report.server_key);
one with another key is stopped and a new one started. Nothing here may fail a run: a server
that cannot be reached, started or finished with gives back the pages it did not render, and
the run renders them itself, as it does without a server (`HELPERS_NO_SERVER=1`).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Callable, Sequence

from helpers import paths
from helpers.errors import os_problem
from helpers.messages import say
from helpers.report.pool import Job
from helpers.report.server import fonts_json, job_json
from helpers.report.server_wire import (DEFAULT_KERNELS, KERNELS_ENV, LOCK, LOG, START_LOCK, STATE, disabled,
                                        env_number, folder, receive, send)
from helpers.report.server_key import PROTOCOL, server_key

#: Seconds to wait for a server's answer to hello (it answers between pages of another run).
HELLO_TIMEOUT = 5.0
#: Seconds a stopped server has to end before it is killed.
STOP_WAIT = 10.0
#: Bytes of the servers' log beyond which the next server starts it anew.
LOG_MAX = 1 << 20
#: Seconds a server just started has to take the project's lock (else it failed to start).
BOOT_CLAIM = 5.0


def usable(jobs: int) -> bool:
    """A server may render this run's pages: not disabled, not `--jobs 1` (pages in this process), POSIX."""
    return not disabled() and jobs != 1 and hasattr(socket, "AF_UNIX") and os.name == "posix"


def state() -> dict[str, Any] | None:
    """The live (or last) server's state file, None without one."""
    try:
        s = json.loads((folder() / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return s if isinstance(s, dict) else None


class Connection:
    """A conversation with a live server (its hello answered)."""

    def __init__(self, sock: socket.socket, stream: BinaryIO, hello: dict[str, Any]):
        self.sock, self.stream, self.hello = sock, stream, hello

    @property
    def key(self) -> str:
        return str(self.hello.get("key"))

    @property
    def capacity(self) -> int:
        return int(self.hello.get("capacity") or 0)

    def close(self) -> None:
        try:
            self.stream.close()
            self.sock.close()
        except OSError:
            pass

    def render(self, jobs: Sequence[Job], key: str, fonts: Any, period_label: str,
               done: Callable[[Job, dict[str, Any]], None]) -> tuple[list[Job], str | None]:
        """Have the server render `jobs`, `done(job, outcome)` as each finishes; (the jobs it did
        not render, why) — the caller renders those itself."""
        left = {j.id: j for j in jobs}
        try:
            self.sock.settimeout(None)  # a page takes what it takes; a dead server closes the socket
            send(self.stream, {"op": "render", "key": key, "jobs": [job_json(j) for j in jobs],
                               "fonts": fonts_json(fonts), "period_label": period_label})
            while left:
                msg = receive(self.stream)
                if msg.get("error"):
                    error = say("server.stale") if msg["error"] == "stale" else msg["error"]
                    return list(left.values()), say("server.refused", error=error)
                if msg.get("done"):
                    break
                job = left.get(str(msg.get("id")))
                if job is None or msg["outcome"].get("lost"):
                    continue
                del left[job.id]
                done(job, msg["outcome"])
        except ConnectionError:  # the server closed the socket (it ended, or was ended)
            return list(left.values()), say("server.lost", text=say("server.closed"))
        except OSError as e:
            return list(left.values()), say("server.lost", text=os_problem(e))
        except (ValueError, KeyError):
            return list(left.values()), say("server.lost", text=say("server.garbled"))
        return list(left.values()), (say("server.pages_missing") if left else None)


def connect(timeout: float = HELLO_TIMEOUT) -> Connection | None:
    """The live server, hello answered; None when there is none (or it does not answer)."""
    s = state()
    if not s or s.get("protocol") != PROTOCOL or not s.get("socket"):
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(str(s["socket"]))
        stream = sock.makefile("rwb")
        send(stream, {"op": "hello"})
        return Connection(sock, stream, receive(stream))
    except (OSError, ValueError, ConnectionError):
        sock.close()
        return None


def _held(path: Path) -> bool:
    """Whether a process holds the flock of `path` (a server holds its lock for its life)."""
    import fcntl  # POSIX only, as the server

    try:
        with open(path, "a") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return True
            fcntl.flock(fh, fcntl.LOCK_UN)
    except OSError:
        return False
    return False


#: The module a server runs as by default: pages only (a caller may name one that serves commands too).
ENTRY = "helpers.report.server"


def start(notebooks: Path, workers: int, entry: str = ENTRY) -> None:
    """Start a server (`python -m entry`) for this project in the background, detached (its own
    session, no terminal, no pipe of the caller's held open), unless one holds the project's lock."""
    import fcntl  # POSIX only, as the server

    d = folder()
    d.mkdir(parents=True, exist_ok=True)
    with open(d / START_LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two runs starting at once start one server
        if _held(d / LOCK):
            return
        log_path = d / LOG
        fresh_log = log_path.exists() and log_path.stat().st_size > LOG_MAX  # the log never grows unbounded
        with open(log_path, "wb" if fresh_log else "ab") as log:
            subprocess.Popen([sys.executable, "-m", entry, "--notebooks", str(notebooks),
                              "--workers", str(max(1, workers))],
                             cwd=paths.ROOT, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                             start_new_session=True, close_fds=True)


def _is_server(pid: int, entry: str) -> bool:
    """Whether `pid` runs a render server as `python -m entry` (a pid in an old state file may be
    anyone's by now)."""
    try:
        return b"\0-m\0" + entry.encode() + b"\0" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop(wait: float = STOP_WAIT) -> int | None:
    """Stop the project's server and wait until it has ended (killed if it does not); its pid,
    None when none was running."""
    s = state() or {}
    pid, entry = s.get("pid"), str(s.get("entry") or ENTRY)
    conn = connect()
    if conn is not None:
        pid = conn.hello.get("pid", pid)
        try:
            send(conn.stream, {"op": "stop"})
            receive(conn.stream)
        except (OSError, ValueError, ConnectionError):
            pass
        conn.close()
    elif not _held(folder() / LOCK):
        return None
    if not isinstance(pid, int):
        return None
    deadline = time.monotonic() + wait
    while _pid_alive(pid) and _is_server(pid, entry) and time.monotonic() < deadline:
        time.sleep(0.05)
    if _pid_alive(pid) and _is_server(pid, entry):
        os.kill(pid, signal.SIGKILL)  # its workers and kernels follow it (their watchdogs)
    return pid


def serving(notebooks: Path, workers: int, wait: float = 0.0, entry: str = ENTRY) -> tuple[Connection | None, str]:
    """A connection to a server holding this run's key, and that key. A server with another key
    is stopped and, as when there is none, a new one started; with `wait` > 0, waited for that
    long, else the connection is None while it boots."""
    key = server_key(notebooks)
    conn = connect()
    if conn is not None and conn.key == key and conn.hello.get("protocol") == PROTOCOL:
        return conn, key
    if conn is not None:
        conn.close()
        stop()
    start(notebooks, workers, entry)
    return (wait_for(key, wait) if wait > 0 else None), key


def wait_for(key: str, wait: float) -> Connection | None:
    """The server holding `key`, waited for up to `wait` seconds while it boots; None if it does
    not answer, or if no server has taken the project's lock within BOOT_CLAIM seconds."""
    t0 = time.monotonic()
    deadline = t0 + wait
    while True:
        conn = connect()
        if conn is not None:
            if conn.key == key:
                return conn
            conn.close()
            return None
        now = time.monotonic()
        if now > deadline or (now > t0 + BOOT_CLAIM and not _held(folder() / LOCK)):
            return None
        time.sleep(0.1)


def cores() -> int:
    """CPUs this process may use (the affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@dataclass
class Served:
    """The render server a run may hand its pages to: its connection (None while it boots), the
    run's key, and how many pages it renders at once in warm kernels."""

    conn: Connection | None
    key: str
    capacity: int
    #: Seconds to wait for a server still booting to answer.
    BOOT_WAIT = 20.0

    @classmethod
    def find(cls, notebooks: Path, jobs: int, entry: str = ENTRY) -> "Served | None":
        """The server for a run of `jobs` workers: the live one holding its key, or one started
        now (as `python -m entry`)."""
        if not usable(jobs):
            return None
        workers = jobs or cores()
        conn, key = serving(notebooks, workers, entry=entry)
        kernels = int(env_number(KERNELS_ENV, DEFAULT_KERNELS))
        return cls(conn, key, conn.capacity if conn is not None else workers * kernels)

    @classmethod
    def start(cls, notebooks: Path, jobs: int, entry: str = ENTRY) -> None:
        """Have a server holding this key ready for the next run (started in the background)."""
        found = cls.find(notebooks, jobs, entry)
        if found is not None:
            found.close()

    def render(self, pending: list[Job], period_label: str, fonts: Callable[[], Any],
               done: Callable[[Job, dict[str, Any]], None]) -> list[Job]:
        """Hand the pending pages to the server; those it did not render (all of them when they
        are more than its warm kernels: a run of many pages renders faster by itself)."""
        if len(pending) > self.capacity:
            return pending
        if self.conn is None:
            self.conn = wait_for(self.key, self.BOOT_WAIT)
        if self.conn is None or len(pending) > self.conn.capacity:
            return pending
        left, why = self.conn.render(pending, self.key, fonts(), period_label, done)
        if left and why:
            print(say("warning", text=say("server.fallback", why=why, n=len(left))), file=sys.stderr)
        return left

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
