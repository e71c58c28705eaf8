"""The kernel client each notebook's execution opens (a module of its own: jupyter_client is
imported only by a run that executes notebooks)."""

from __future__ import annotations

import queue
import time

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_core.utils import ensure_async

from helpers.errors import RenderError
from helpers.messages import say


class ReadyClient(AsyncKernelClient):
    """The kernel client papermill opens for each notebook, ready as soon as the kernel is.

    jupyter_client's `wait_for_ready` ends by draining IOPub until it has been silent for 0.2 s:
    0.2 s of nothing at every notebook, a quarter of a unit page's execution. The drain is not
    needed here: nbclient reads IOPub messages by their parent request only, so one left over
    from the readiness check is skipped. The check itself is kept: a kernel_info reply on the
    shell channel, then a message on IOPub, which proves its subscription is live (else outputs
    of the first cell could be lost) — as jupyter_client does, retried until `timeout`.
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:  # type: ignore[override]
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                reply = await ensure_async(self.shell_channel.get_msg(timeout=1))
            except queue.Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                try:
                    await ensure_async(self.iopub_channel.get_msg(timeout=0.2))
                except queue.Empty:
                    pass  # IOPub not connected yet: ask again
                else:
                    self._handle_kernel_info_reply(reply)
                    return
            if not await self._async_is_alive():
                raise RenderError(say("kernel.died"))
            if time.monotonic() > deadline:
                raise RenderError(say("kernel.timeout", seconds=timeout))
