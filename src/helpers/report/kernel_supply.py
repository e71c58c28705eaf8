"""Fresh warm kernels for a long-lived worker: each kernel executes one notebook and is discarded.

A render server's workers (helpers.report.server) live across commands, so nothing a notebook
left in a kernel may reach the next page: `KernelSupply.take()` hands out a kernel that has run
only its warm-up imports, and `discard()` ends it and boots a replacement. One thread owns every
kernel manager of the worker (launch, warm-up, shutdown), so their event loops never mix with
the thread that executes notebooks; replacements boot while the worker is idle, and niced, so a
refill never takes a core from a page being rendered.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from typing import Any

from helpers.report.kernels import WarmKernel

#: Nice level of a kernel while it boots in the background (set back when it is taken, if allowed).
BOOT_NICENESS = 10
#: Seconds the worker must have been idle before a replacement boots.
IDLE_BEFORE_REFILL = 0.3


def _renice(kernel: WarmKernel, niceness: int) -> None:
    proc = getattr(getattr(kernel.km, "provisioner", None), "process", None)
    if proc is None or not hasattr(os, "setpriority"):
        return
    try:
        os.setpriority(os.PRIO_PROCESS, proc.pid, niceness)
    except OSError:  # lowering the niceness again needs the privilege: the kernel stays niced
        pass


class KernelSupply:
    """`size` warm kernels kept ready for one notebook each (see the module's docstring)."""

    def __init__(self, cwd: str, warm_code: str, startup_timeout: float, size: int):
        self.cwd, self.warm_code, self.startup_timeout = cwd, warm_code, startup_timeout
        self.size = max(1, size)
        self.ready: queue.Queue[WarmKernel] = queue.Queue()
        self.ops: queue.Queue[Any] = queue.Queue()
        self.busy = 0  # pages executing in this worker now
        self.waiting = 0  # pages waiting for a kernel: their replacement boots at once
        self.last_busy = 0.0
        self.kernels: list[WarmKernel] = []  # every kernel not shut down yet (killed at exit)
        self._lock = threading.Lock()
        threading.Thread(target=self._keeper, name="helpers-kernel-supply", daemon=True).start()
        for _ in range(self.size):
            self.ops.put("boot")

    def _keeper(self) -> None:
        """The one thread that starts, warms and shuts down this worker's kernels."""
        initial = self.size  # the first kernels boot at once; a replacement waits for an idle worker
        while True:
            op = self.ops.get()
            if op is None:
                return
            if op == "boot":
                refill, initial = initial <= 0, initial - 1
                if refill:
                    self._wait_idle()
                self.ready.put(self._boot(niced=refill))
            else:
                op.shutdown()
                with self._lock:
                    self.kernels = [k for k in self.kernels if k is not op]

    def _wait_idle(self) -> None:
        while not self.waiting and (self.busy or time.monotonic() - self.last_busy < IDLE_BEFORE_REFILL):
            time.sleep(0.05)

    def _boot(self, niced: bool) -> WarmKernel:
        k = WarmKernel(cwd=self.cwd, warm_code=self.warm_code, startup_timeout=self.startup_timeout)
        with self._lock:
            self.kernels.append(k)
        try:
            k.launch()
            if niced:
                _renice(k, BOOT_NICENESS)
            k.warm()
        except Exception:  # the page that takes it starts it again (WarmKernel.execute) or reports why
            pass
        return k

    def take(self) -> WarmKernel:
        """A kernel that has run nothing but its warm-up (waits for one to boot if none is ready)."""
        self.waiting += 1
        try:
            k = self.ready.get()
        finally:
            self.waiting -= 1
        self.busy += 1
        _renice(k, 0)
        return k

    def discard(self, kernel: WarmKernel) -> None:
        """End `kernel` (it has run its notebook) and boot its replacement once the worker idles."""
        self.busy -= 1
        self.last_busy = time.monotonic()
        self.ops.put(kernel)
        self.ops.put("boot")

    def kill_all(self) -> None:
        """End every kernel at once (the worker exits)."""
        self.ops.put(None)
        with self._lock:
            for k in self.kernels:
                k.kill()
