"""Warm Jupyter kernels: one kernel that executes many notebooks, each through papermill.

Kernel start and the notebooks' imports cost seconds; `WarmKernel` pays them once per worker
and, between notebooks, clears the user namespace (and closes figures) so a notebook sees no
variable of the one before. Each kernel's sockets live in a private folder named after the
process that started it, so a later run removes what a killed one left (`sweep_kernel_dirs`);
a watchdog ends the kernel when its parent dies.
"""

from __future__ import annotations

import ast
import json
import os
import queue
import shutil
import signal
import tempfile
import time
from pathlib import Path
from typing import Any, Iterable, Mapping

from helpers import paths
from helpers.errors import OutputError, RenderError, os_error_line
from helpers.messages import say


def notebook_imports(notebooks: Iterable[Path | str]) -> list[str]:
    """The top-level import statements of the notebooks' code cells (to warm a kernel with).

    Reads the .ipynb JSON directly: importing nbformat costs ~2 s, too much for a rerun that
    finds nothing to do.
    """
    lines: list[str] = []
    for path in notebooks:
        try:
            cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError, AttributeError):  # reported later by the notebook's own run
            continue
        for cell in cells:
            if not isinstance(cell, dict) or cell.get("cell_type") != "code":
                continue
            src = cell.get("source", "")
            src = "".join(src) if isinstance(src, list) else str(src)
            try:
                tree = ast.parse(src)
            except SyntaxError:
                continue
            for node in tree.body:
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    stmt = ast.unparse(node)
                    if stmt not in lines:
                        lines.append(stmt)
    return lines


#: Options of every batch kernel: no input history (nobody reads a batch kernel's, and its
#: SQLite writes cost ~20 ms of CPU a page between the kernel and the worker).
KERNEL_ARGUMENTS = ("--HistoryManager.enabled=False",)

#: Prefix of the private folder of a kernel's sockets and connection file (+ owner pid).
KERNEL_DIR_PREFIX = "helpers-kernel-"
WATCH_INTERVAL = 0.5
#: Run in every kernel first: the kernel ends, removing its sockets, when the worker that
#: started it dies (killed with the run), instead of idling for minutes holding memory.
_WATCHDOG_CODE = """\
def _helpers_watchdog():
    import os, shutil, threading, time
    parent = os.getppid()
    def loop():
        while os.getppid() == parent:
            time.sleep({interval})
        if {sockdir!r}:
            shutil.rmtree({sockdir!r}, ignore_errors=True)
        os._exit(1)
    threading.Thread(target=loop, name="helpers-watchdog", daemon=True).start()
_helpers_watchdog()
del _helpers_watchdog
"""


#: A Unix socket's path must fit sockaddr_un.sun_path (108 bytes on Linux, 104 on macOS); a
#: longer one makes the kernel die at start, with the client waiting for it.
SOCKET_PATH_MAX = 100


def _socket_roots() -> list[str]:
    return list(dict.fromkeys([tempfile.gettempdir(), "/tmp"]))


def kernel_socket_root() -> str | None:
    """The folder for kernel socket folders: the temp folder when a socket path in it fits, else
    /tmp; None when neither does (the kernel then listens on loopback TCP)."""
    for root in _socket_roots():
        probe = os.path.join(root, f"{KERNEL_DIR_PREFIX}{os.getpid()}-abcdefgh", "k-65535")
        if len(os.fsencode(probe)) <= SOCKET_PATH_MAX and os.path.isdir(root) and os.access(root, os.W_OK):
            return root
    return None


def sweep_kernel_dirs(tmpdir: str | None = None) -> list[str]:
    """Remove kernel socket folders whose owner process is gone (a killed run's); return them."""
    removed = []
    found = [d for root in ([tmpdir] if tmpdir else _socket_roots()) for d in Path(root).glob(f"{KERNEL_DIR_PREFIX}*")]
    for d in found:
        pid = d.name[len(KERNEL_DIR_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or not d.is_dir():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(d, ignore_errors=True)
            removed.append(str(d))
        except PermissionError:  # someone else's live process
            pass
    return removed


# Figures closed, then the namespace cleared as %reset -f clears it, but without the full
# garbage collections %reset and the output cache's flush run (0.2-0.3 s a page, most of the
# reset): Python's own collector frees the closed figures' cycles as the next pages run.
_RESET_CODE = """\
def _helpers_reset():
    import gc, sys
    if 'matplotlib.pyplot' in sys.modules:
        sys.modules['matplotlib.pyplot'].close('all')
    full, gc.collect = gc.collect, (lambda *a, **k: 0)
    try:
        get_ipython().reset(new_session=False)
    finally:
        gc.collect = full
_helpers_reset()
"""


class WarmKernel:
    """One Jupyter kernel that executes many notebooks, each through papermill.

    Imports done once stay warm (`sys.modules`); before each notebook the user namespace is
    cleared (`%reset -f`) and open figures are closed, so a notebook sees no variables of the
    one before. Global settings a notebook changes (rcParams, pandas options) persist, which the
    project's notebooks do not rely on: they set what they use through helpers.
    """

    def __init__(self, cwd: Path | str | None = None, kernel_name: str = "python3",
                 startup_timeout: float = 300, warm_code: str = "", env: Mapping[str, str] | None = None):
        self.cwd = str(cwd or paths.NOTEBOOKS)
        self.kernel_name = kernel_name
        self.startup_timeout = startup_timeout
        self.warm_code = warm_code
        self.env = dict(env) if env is not None else None
        self.km = None
        self.used = 0
        self.warmed = False  # the watchdog and the warm-up imports have run in this kernel

    def start(self) -> None:
        """Launch the kernel and run the warm-up imports (blocks until the kernel is ready)."""
        self.launch()
        self.warm()

    def launch(self) -> None:
        """Start the kernel process without waiting for it (overlap its boot with other work)."""
        from jupyter_client.kernelspec import NoSuchKernel
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        from helpers.report.ready_client import ReadyClient  # jupyter_client: deferred, as below

        # The project's kernel: the env's kernelspec before any user-level one of the same name.
        os.environ.setdefault("JUPYTER_PREFER_ENV_PATH", "1")
        kw: dict[str, Any] = {}
        root = kernel_socket_root() if os.name == "posix" else None
        if root is not None:
            # Unix sockets in a private folder: nothing listens on the network (and ipykernel
            # does not warn about unencrypted TCP at every start).
            # The folder is named after this process, so a later run can remove what a killed
            # one left (sweep_kernel_dirs); the connection file lives in it too.
            self._sockdir = tempfile.TemporaryDirectory(prefix=f"{KERNEL_DIR_PREFIX}{os.getpid()}-", dir=root)
            kw = {"transport": "ipc", "ip": os.path.join(self._sockdir.name, "k"),
                  "connection_file": os.path.join(self._sockdir.name, "kernel.json")}
        self.km = AsyncKernelManager(kernel_name=self.kernel_name, **kw)
        self.km.client_factory = ReadyClient
        kwargs: dict[str, Any] = {"cwd": self.cwd, "extra_arguments": list(KERNEL_ARGUMENTS)}
        if self.env is not None:
            kwargs["env"] = self.env
        try:
            run_sync(self.km.start_kernel)(**kwargs)
        except NoSuchKernel:
            raise RenderError(say("kernel.no_such", name=self.kernel_name)) from None
        except OSError as e:  # the kernel's program cannot be run (a broken environment)
            raise RenderError(say("kernel.cannot_start", problem=os_error_line(e))) from None
        self.used, self.warmed = 0, False

    def warm(self) -> None:
        """Start the kernel's watchdog and run the warm-up imports (an import that fails is
        reported by the notebook needing it)."""
        sockdir = getattr(self, "_sockdir", None)
        code = _WATCHDOG_CODE.format(sockdir=sockdir.name if sockdir else "", interval=WATCH_INTERVAL)
        if self.warm_code:
            code += ("try:\n" + "\n".join("    " + l for l in self.warm_code.splitlines())
                     + "\nexcept Exception as _e:\n    print('warm-up:', _e)\n")
        self.run_code(code)
        self.warmed = True

    def kill(self) -> None:
        """End the kernel at once and remove its sockets (from a watchdog: no event loop needed)."""
        proc = getattr(getattr(self.km, "provisioner", None), "process", None)
        if proc is not None and proc.poll() is None:
            try:
                os.kill(proc.pid, signal.SIGKILL)
            except OSError:
                pass
        sockdir = getattr(self, "_sockdir", None)
        if sockdir is not None:
            shutil.rmtree(sockdir.name, ignore_errors=True)

    def alive(self) -> bool:
        from jupyter_core.utils import run_sync

        return self.km is not None and bool(run_sync(self.km.is_alive)())

    def run_code(self, code: str, timeout: float = 600) -> dict[str, Any]:
        """Run `code` in the kernel and return its execute_reply content (an error is reported
        there, not raised; output is not collected). A bare shell channel, opened for this call
        and closed after it (papermill's own client talks to the kernel next): a NotebookClient
        per call cost 0.2 s of channel set-up and kernel_info, paid at every page's reset."""
        # jupyter_client and papermill are imported where used: `run` imports this module on a
        # rerun that renders nothing, and they cost a second
        from jupyter_client.blocking import BlockingKernelClient

        # as km.client() builds its own (same session key), blocking, and the shell channel only:
        # a request waits in the socket until a kernel still booting binds it.
        kc = BlockingKernelClient(**self.km.get_connection_info(session=True),
                                  connection_file=self.km.connection_file, parent=self.km)
        kc.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        try:
            msg_id = kc.execute(code, store_history=False)
            deadline = time.monotonic() + timeout
            while True:
                try:
                    reply = kc.get_shell_msg(timeout=1)
                except queue.Empty:
                    if not self.alive():
                        raise RenderError(say("kernel.died")) from None
                    if time.monotonic() > deadline:
                        raise RenderError(say("kernel.timeout", seconds=timeout)) from None
                    continue
                if reply["parent_header"].get("msg_id") == msg_id:
                    return reply["content"]
        finally:
            kc.stop_channels()

    def execute(self, notebook: Path | str, output: Path | str, parameters: Mapping[str, Any],
                timeout: float = 600) -> Any:
        """Execute `notebook` with papermill (parameters injected) into `output`, atomically.

        The executed notebook is written even when a cell fails (papermill marks the error in it);
        the PapermillExecutionError is then re-raised.
        """
        import papermill as pm

        if self.km is None or not self.alive():
            self.start()
        elif self.used:
            self.run_code(_RESET_CODE)
        self.used += 1
        output = Path(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        # papermill wants a .ipynb name; the rename makes the write atomic.
        tmp = output.with_name(f".{output.stem}.{os.getpid()}.{time.monotonic_ns()}.ipynb")
        try:
            nb = pm.execute_notebook(
                str(notebook), str(tmp), parameters=dict(parameters), km=self.km,
                progress_bar=False, log_output=False, request_save_on_cell_execute=False,
                start_timeout=self.startup_timeout, execution_timeout=timeout,
            )
        except BaseException:
            if _complete_json(tmp):
                os.replace(tmp, output)  # keep the executed notebook with its error
            raise
        else:
            if not _complete_json(tmp):  # a full disk truncated it: never put that in place
                raise OutputError(output, say("kernel.incomplete"))
            os.replace(tmp, output)
        finally:
            tmp.unlink(missing_ok=True)
        return nb

    def shutdown(self) -> None:
        from jupyter_core.utils import run_sync

        if self.km is not None:
            try:
                # now: the kernel holds nothing to save, and a graceful end cost seconds at exit
                run_sync(self.km.shutdown_kernel)(now=True)
            except Exception:
                pass
            self.km = None
        sockdir = getattr(self, "_sockdir", None)
        if sockdir is not None:
            sockdir.cleanup()
            self._sockdir = None

    def __enter__(self) -> "WarmKernel":
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.shutdown()



def _complete_json(path: Path) -> bool:
    try:
        json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    return True


