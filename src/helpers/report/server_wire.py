"""What the render server (helpers.report.server) and its callers share: where the server
lives in the project's cache, the environment that steers it, and its messages (one JSON object
a line, the first of a connection possibly carrying file descriptors)."""

from __future__ import annotations

import array
import hashlib
import json
import os
import socket
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from helpers import paths

#: Environment: seconds without a request before the server ends; warm kernels kept per worker.
IDLE_ENV, KERNELS_ENV, DISABLE_ENV = "HELPERS_SERVER_IDLE", "HELPERS_SERVER_KERNELS", "HELPERS_NO_SERVER"
DEFAULT_IDLE, DEFAULT_KERNELS = 900.0, 2
#: Seconds between the idle server's checks (its project, its lock, its key).
TICK = 1.0
STATE, LOCK, START_LOCK, LOG, SOCKET = "server.json", "server.lock", "start.lock", "server.log", "render.sock"
#: Longest socket path bound in the cache (sockaddr_un holds 108 bytes on Linux, 104 on macOS).
SOCKET_PATH_MAX = 100


def folder() -> Path:
    """The server's folder in the project's cache: lock, state, log and (when it fits) socket."""
    return paths.CACHE / "server"


def socket_path(where: Path) -> str:
    """The socket in `where`, or in the temp folder under a name hashed from it when too long."""
    p = str(where / SOCKET)
    if len(os.fsencode(p)) <= SOCKET_PATH_MAX:
        return p
    tag = hashlib.sha256(os.fsencode(where.resolve())).hexdigest()[:16]
    return os.path.join(tempfile.gettempdir(), f"helpers-render-{os.getuid()}-{tag}.sock")


def disabled() -> bool:
    """HELPERS_NO_SERVER set (to anything but 0 or nothing): every command runs by itself."""
    return os.environ.get(DISABLE_ENV, "").strip() not in ("", "0")


def env_number(name: str, default: float) -> float:
    """A positive number from the environment, `default` when unset or not one."""
    try:
        x = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return x if x > 0 else default


def send(stream: BinaryIO, obj: dict[str, Any]) -> None:
    stream.write(json.dumps(obj, ensure_ascii=False, default=str).encode("utf-8") + b"\n")
    stream.flush()


def receive(stream: BinaryIO) -> dict[str, Any]:
    line = stream.readline()
    if not line:
        raise ConnectionError("the other end closed the connection")
    return json.loads(line)



def first_message(conn: socket.socket, max_fds: int = 8) -> tuple[dict[str, Any], list[int]]:
    """A connection's first message read from the socket itself, with the file descriptors sent
    along with it (a command's standard streams); nothing after its newline is read."""
    data, fds = b"", []
    while not data.endswith(b"\n"):
        chunk, got, _, _ = socket.recv_fds(conn, 1, max_fds)  # one byte at a time: not a byte of the next
        if not chunk:
            raise ConnectionError("the other end closed the connection")
        data += chunk
        fds += got
    return json.loads(data), fds


def send_with_fds(conn: socket.socket, obj: dict[str, Any], fds: list[int]) -> None:
    """Send `obj` as the connection's first message, the descriptors `fds` along with it."""
    data = json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n"
    conn.sendmsg([data[:1]], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds))])
    conn.sendall(data[1:])
