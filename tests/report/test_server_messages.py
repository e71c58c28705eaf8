"""What a run says when the render server cannot finish its pages: Chinese, from helpers.messages."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from conftest import NOTEBOOKS
from helpers.report import pool
from helpers.report.server_client import Connection


def _conversation(answer: bytes) -> tuple[list, str | None]:
    """A render request to a server that answers `answer` and hangs up: (pages left, why)."""
    ours, theirs = socket.socketpair()
    job = pool.Job(kind="city", bureau=None, notebook=NOTEBOOKS / "briefing_city.ipynb", parameters={},
                   ipynb=Path("x.ipynb"), html=None, pdf=None, title="")
    with ours, theirs:
        theirs.sendall(answer)
        theirs.shutdown(socket.SHUT_WR)
        conn = Connection(ours, ours.makefile("rwb"), {"key": "k"})
        return conn.render([job], "k", None, "2024年上半年", lambda j, o: None)


def test_a_server_that_refuses_or_hangs_up_is_said_in_chinese():
    left, why = _conversation(json.dumps({"error": "stale"}).encode() + b"\n")
    assert len(left) == 1 and why == "渲染服务拒绝了请求：渲染服务启动后，本项目的代码、笔记本或运行环境已有改动"
    left, why = _conversation(b"")
    assert len(left) == 1 and why == "与渲染服务的连接中断：渲染服务关闭了连接"
    left, why = _conversation(b"not json\n")
    assert len(left) == 1 and why == "与渲染服务的连接中断：渲染服务的回复无法读取"
    left, why = _conversation(json.dumps({"done": True}).encode() + b"\n")
    assert len(left) == 1 and why == "有页面未返回"
