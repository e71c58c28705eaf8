"""The render server: warm workers and kernels kept alive between commands, one per project.

Every `run` that renders started worker processes and their kernels (seconds of CPU: python,
ipykernel, pandas, matplotlib, nbconvert, WeasyPrint) and ended them. The server keeps them
between commands: `python -m helpers.report.server`, started detached by the first `run` that
wants it (helpers.report.server_client), listens on a Unix socket beside its lock and its
state file in the project's cache (`.cache/server/`), and renders the pages a run sends it over
its workers (helpers.report.pool), each notebook in a kernel that has run nothing else
(helpers.report.kernel_supply). It serves only runs whose key (helpers.report.server_key)
is the one it was started with, and ends by itself when that key moves, after an idle time
(HELPERS_SERVER_IDLE seconds, 900 by default), on `python -m helpers server stop`, or when its
project folder or cache is removed. Messages are one JSON object a line, both ways.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import socket
import sys
import time
from pathlib import Path
from typing import Any, BinaryIO, Callable

from helpers import paths
from helpers.report.pool import Job, Workers, dispatch
from helpers.report.render import FontSet
from helpers.report.server_key import PROTOCOL, server_key, signature
from helpers.report.server_wire import (DEFAULT_IDLE, DEFAULT_KERNELS, IDLE_ENV, KERNELS_ENV, LOCK, STATE, TICK,
                                        env_number, first_message, folder, receive, send, socket_path)

#: Hands a command's connection, request and standard streams to the process that runs it
#: (helpers.warm); a server without one renders pages only.
Handoff = Callable[[socket.socket, dict[str, Any], list[int]], None]

def job_json(job: Job) -> dict[str, Any]:
    return {f.name: getattr(job, f.name) for f in dataclasses.fields(job)}


def job_of(d: dict[str, Any]) -> Job:
    opt = {k: (Path(d[k]) if d.get(k) else None) for k in ("html", "pdf")}
    return Job(kind=d["kind"], bureau=d["bureau"], notebook=Path(d["notebook"]), parameters=d["parameters"],
               ipynb=Path(d["ipynb"]), title=d["title"], key=d["key"], tables=d["tables"], **opt)


def fonts_json(fonts: FontSet | None) -> dict[str, Any] | None:
    return None if fonts is None else {"key": fonts.key, "regular": str(fonts.regular),
                                       "bold": str(fonts.bold) if fonts.bold else None}


def fonts_of(d: dict[str, Any] | None) -> FontSet | None:
    return None if d is None else FontSet(d["key"], Path(d["regular"]), Path(d["bold"]) if d["bold"] else None)


# ------------------------------------------------------------------------ the server


class Server:
    """The server's state: its key, socket, lock, workers; `serve()` until it should end."""

    def __init__(self, notebooks: Path, workers: int, kernels: int, idle: float, handoff: Handoff | None = None):
        self.notebooks, self.idle, self.handoff = notebooks.resolve(), idle, handoff
        self.dir = folder()
        self.dir.mkdir(parents=True, exist_ok=True)
        self.lock = open(self.dir / LOCK, "a")  # held for the server's life: one server a project
        self.key, self.sig = server_key(self.notebooks), signature(self.notebooks)
        self.path = socket_path(self.dir)
        self.sock: socket.socket | None = None
        self.pool: Workers | None = None
        self.n, self.kernels = workers, kernels
        self.last = time.monotonic()

    def claim(self, timeout: float = 30.0) -> bool:
        """Take the project's server lock (an old server may still be ending); False: another serves."""
        import fcntl  # POSIX only, as the server

        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except OSError:
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.1)

    def open(self) -> None:
        """Bind the socket, start the workers (their kernels boot meanwhile), publish the state."""
        if os.path.exists(self.path):  # a killed server's: the lock is ours, so it is no one's
            os.unlink(self.path)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(self.path)
        os.chmod(self.path, 0o600)
        self.sock.listen(8)
        self.sock.settimeout(TICK)
        self.pool = Workers(self.notebooks, sorted(self.notebooks.glob("*.ipynb")), self.n, fresh=self.kernels)
        state = {"pid": os.getpid(), "key": self.key, "socket": self.path, "protocol": PROTOCOL,
                 "workers": self.n, "capacity": self.n * self.kernels, "started": time.time(),
                 "commands": self.handoff is not None, "entry": _entry()}
        tmp = self.dir / f".{STATE}.{os.getpid()}"
        tmp.write_text(json.dumps(state), encoding="utf-8")
        os.replace(tmp, self.dir / STATE)

    def reason_to_end(self) -> str | None:
        """Why the server should end now (checked between requests), or None."""
        if time.monotonic() - self.last > self.idle:
            return "idle"
        try:
            if os.stat(self.dir / LOCK).st_ino != os.fstat(self.lock.fileno()).st_ino:
                return "cache removed"
            if not os.path.exists(self.path) or not paths.ROOT.is_dir():
                return "project removed"
        except OSError:
            return "cache removed"
        return self.stale()

    def stale(self) -> str | None:
        sig = signature(self.notebooks)
        if sig != self.sig:
            self.sig = sig
            if server_key(self.notebooks) != self.key:
                return "stale"
        return None

    def serve(self) -> str:
        """Answer connections until a reason to end; that reason."""
        assert self.sock is not None
        while True:
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                why = self.reason_to_end()
                if why:
                    return why
                continue
            with conn:
                conn.settimeout(None)
                why = self.answer(conn)
            self.last = time.monotonic()
            if why:
                return why

    def answer(self, conn: socket.socket) -> str | None:
        """One connection: a command handed off, or a client's requests. A reason to end, or None."""
        try:
            first, fds = first_message(conn)
        except (ConnectionError, OSError, ValueError):
            return None
        try:
            if first.get("op") == "command":
                if self.handoff is None or first.get("key") != self.key or self.stale():
                    conn.sendall(b'{"error": "stale"}\n')
                else:
                    self.handoff(conn, first, fds)
                return None
            with conn.makefile("rwb") as stream:
                return self.converse(stream, first)
        except OSError:
            return None
        finally:
            for fd in fds:
                os.close(fd)

    def converse(self, stream: BinaryIO, req: dict[str, Any]) -> str | None:
        """A client's requests, in order, from `req`: hello, render, stop. A reason to end, or None."""
        while True:
            op = req.get("op")
            if op == "hello":
                send(stream, {"key": self.key, "pid": os.getpid(), "protocol": PROTOCOL,
                              "capacity": self.n * self.kernels, "commands": self.handoff is not None})
            elif op == "stop":
                send(stream, {"ok": True})
                return "stopped"
            elif op == "render":
                why = self.stale()
                if why or req.get("key") != self.key:
                    send(stream, {"error": "stale"})
                    return why or None
                if not self.render(stream, req):
                    return "workers lost"
            else:
                send(stream, {"error": f"unknown op {op!r}"})
            try:
                req = receive(stream)
            except (ConnectionError, OSError, ValueError):
                return None

    def render(self, stream: BinaryIO, req: dict[str, Any]) -> bool:
        """Render the request's jobs, each outcome sent as it finishes; False when a worker was lost."""
        assert self.pool is not None
        jobs = [job_of(d) for d in req["jobs"]]
        lost, gone = [], []
        t0 = time.perf_counter()

        def finish(job: Job, outcome: dict[str, Any]) -> None:
            if outcome.get("lost"):
                lost.append(job.id)
            if not gone:
                try:
                    send(stream, {"id": job.id, "outcome": outcome})
                except OSError:  # the run was interrupted: its pages are not waited for
                    gone.append(job.id)
        try:
            dispatch([self.pool], jobs, fonts_of(req.get("fonts")), req["period_label"], finish)
        except Exception as e:  # what is unsent is rendered by the run itself
            print(f"render failed: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
            return False
        if not gone:
            try:
                send(stream, {"done": True})
            except OSError:
                pass
        print(f"{time.strftime('%H:%M:%S')} rendered {len(jobs)} pages in {time.perf_counter() - t0:.2f} s"
              f"{f' (caller gone at {gone[0]})' if gone else ''}{f', lost {lost}' if lost else ''}", flush=True)
        return not lost

    def close(self) -> None:
        """Remove the socket and state (if still ours) and end the workers, which end their kernels."""
        try:
            state = json.loads((self.dir / STATE).read_text(encoding="utf-8"))
            if state.get("pid") == os.getpid():
                (self.dir / STATE).unlink()
        except (OSError, ValueError):
            pass
        if self.sock is not None:
            self.sock.close()
            try:
                os.unlink(self.path)
            except OSError:
                pass
        if self.pool is not None:
            self.pool.close(wait=True)


def _entry() -> str:
    """The module this server runs as (`python -m …`): how a stale pid is told from a reused one."""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return spec.name if spec is not None else "helpers.report.server"


def main(argv: list[str] | None = None, zygote: Callable[[Callable[[], None]], Handoff] | None = None) -> int:
    """The server's process. `zygote(after_fork)` forks the process commands run in (helpers.warm)
    and gives the server its handoff: called once the key is taken and before any thread starts,
    so that process holds nothing newer than the key and no lock of another thread; `after_fork`
    runs in the fork (it closes the server's lock there)."""
    ap = argparse.ArgumentParser(prog="python -m helpers.report.server", description=__doc__.splitlines()[0])
    ap.add_argument("--notebooks", type=Path, default=paths.NOTEBOOKS)
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                    else (os.cpu_count() or 1))
    args = ap.parse_args(argv)
    server = Server(args.notebooks, max(1, args.workers), int(env_number(KERNELS_ENV, DEFAULT_KERNELS)),
                    env_number(IDLE_ENV, DEFAULT_IDLE))
    if zygote is not None:
        server.handoff = zygote(server.lock.close)
    if not server.claim():
        print("another server holds the lock", flush=True)
        return 0
    why = "error"
    try:
        server.open()
        print(f"serving {server.path} (pid {os.getpid()}, key {server.key[:12]})", flush=True)
        why = server.serve()
    finally:
        print(f"ending: {why}", flush=True)
        server.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
