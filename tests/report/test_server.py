"""The render server (helpers.report.server): warm workers kept between commands, never stale.

A run hands its few pages to the project's server when the server holds the run's key, and the
pages are byte for byte those a run renders by itself; a key that moved (a reference table, the
package's code, the environment) gets a new server; a server killed mid-run costs the run
nothing but the time to render the rest itself; a server ends on `server stop`, after its idle
time and when its project is removed, and never holds a caller's pipe open.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import NOTEBOOKS, PERIOD, ROOT, copy_tables
from helpers import paths, provenance
from helpers import run as batch
from helpers.report import server_client, server_key, server_wire

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the render server listens on a Unix socket")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (ended, not yet reaped by its parent) is gone for our purpose
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def _servers_of(root: Path) -> list[int]:
    """Pids of render servers (and their workers, kernels and commands) started for the project
    `root`: in a session of their own (this process's children, such as multiprocessing's
    resource tracker, are in this one)."""
    found, mine = [], os.getsid(0)
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            env = (proc / "environ").read_bytes().split(b"\0")
            sid = int((proc / "stat").read_text().split(")")[-1].split()[3])
        except (OSError, ValueError, IndexError):
            continue
        if f"HELPERS_ROOT={root}".encode() in env and sid != mine and _alive(int(proc.name)):
            found.append(int(proc.name))
    return found


def _wait(cond, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.1)
    return cond()


@pytest.fixture
def render_server(tmp_path, monkeypatch, project_root):
    """A project (reference tables, notebooks, the seed's raw report) under a short path, with
    the render server allowed; every process started for it is ended with the test."""
    root = project_root(tmp_path / "p")
    for sub in ("data/raw", "data/reference", "notebooks"):
        shutil.copytree(ROOT / sub, root / sub)
    monkeypatch.setenv("HELPERS_ROOT", str(root))
    monkeypatch.delenv("HELPERS_NO_SERVER", raising=False)
    yield root
    server_client.stop()
    for pid in _servers_of(root):  # whatever a failed step left: never a process behind
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    assert _wait(lambda: not _servers_of(root), 20), "processes outlived the test"


# ------------------------------------------------------------------------------ the key


def test_the_key_moves_with_the_code_the_reference_tables_and_the_environment(tmp_path, monkeypatch, project_root):
    root = project_root(tmp_path)
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
    package = tmp_path / "helpers"
    shutil.copytree(provenance.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(provenance, "PACKAGE_DIR", package)
    first = server_key.server_key(NOTEBOOKS)
    assert server_key.server_key(NOTEBOOKS) == first  # the same inputs, the same key

    # a correction imported: read by the command that builds the tables, never by a warm process
    with (root / "data" / "reference" / "overrides.csv").open("a", encoding="utf-8") as fh:
        fh.write(f"{PERIOD},G001,evidence,经核实,test\n")
    monkeypatch.setenv("HELPERS_SERVER_IDLE", "5")  # the server's own switch
    assert server_key.server_key(NOTEBOOKS) == first

    steps = {
        "a source file of the package": lambda: (package / "report" / "charts.py").write_text(
            (package / "report" / "charts.py").read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8"),
        "a template of the package": lambda: next((package / "templates").rglob("*.css")).write_text(
            "body {}\n", encoding="utf-8"),
        "a reference table": lambda: (root / "data" / "reference" / "warning_levels.csv").write_text(
            (root / "data" / "reference" / "warning_levels.csv").read_text(encoding="utf-8").replace(",30,", ",25,"),
            encoding="utf-8"),
        "an environment variable the code reads": lambda: monkeypatch.setenv("MPLBACKEND", "agg-test"),
        "the project's cache": lambda: monkeypatch.setattr(paths, "CACHE", tmp_path / "elsewhere"),
    }
    seen = {first}
    for what, change in steps.items():
        change()
        key = server_key.server_key(NOTEBOOKS)
        assert key not in seen, what
        seen.add(key)


def test_the_key_moves_when_a_distribution_is_installed(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "demo-1.0.dist-info").mkdir(parents=True)
    (site / "demo-1.0.dist-info" / "RECORD").write_text("demo/__init__.py,,\n", encoding="utf-8")
    monkeypatch.setattr(server_key, "_site_dirs", lambda: [site])
    first = server_key.server_key(NOTEBOOKS)
    (site / "demo-1.0.dist-info").rename(site / "demo-1.1.dist-info")  # upgraded
    assert server_key.server_key(NOTEBOOKS) != first


def test_a_long_project_path_puts_the_socket_in_the_temp_folder(tmp_path):
    deep = tmp_path / ("d" * 120)
    path = server_wire.socket_path(deep)
    assert len(os.fsencode(path)) <= server_wire.SOCKET_PATH_MAX and path.endswith(".sock")
    assert server_wire.socket_path(Path("/tmp/x")) == "/tmp/x/render.sock"


def test_the_server_is_off_when_asked_and_for_one_job(monkeypatch):
    monkeypatch.setenv("HELPERS_NO_SERVER", "1")
    assert not server_client.usable(0)
    monkeypatch.setenv("HELPERS_NO_SERVER", "0")
    assert server_client.usable(0) and server_client.usable(2) and not server_client.usable(1)


# ------------------------------------------------------------------------------ its life


def _start(root: Path, **env: str) -> int:
    """Start a server of one worker for the project at `root`; its pid once it serves."""
    for k, v in env.items():
        os.environ[k] = v
    try:
        server_client.start(NOTEBOOKS, 1)
    finally:
        for k in env:
            os.environ.pop(k, None)
    assert _wait(lambda: server_client.connect() is not None, 60), (root / ".cache/server/server.log").read_text()
    return int(server_client.state()["pid"])


@pytest.mark.integration
def test_a_server_ends_after_its_idle_time(render_server):
    pid = _start(render_server, HELPERS_SERVER_IDLE="1", HELPERS_SERVER_KERNELS="1")
    assert _wait(lambda: not _alive(pid), 60)
    assert not (render_server / ".cache" / "server" / "server.json").exists()
    assert "ending: idle" in (render_server / ".cache" / "server" / "server.log").read_text(encoding="utf-8")


@pytest.mark.integration
def test_a_server_ends_when_its_project_is_removed(render_server, tmp_path):
    pid = _start(render_server, HELPERS_SERVER_KERNELS="1")
    shutil.rmtree(render_server / ".cache")
    assert _wait(lambda: not _alive(pid), 60)


@pytest.mark.integration
def test_server_stop_and_status_say_so_in_chinese(render_server):
    cmd = [sys.executable, "-m", "helpers", "server"]
    none = subprocess.run([*cmd, "status"], capture_output=True, text=True, timeout=120)
    assert none.returncode == 1 and "没有正在运行的渲染服务" in none.stdout
    pid = _start(render_server, HELPERS_SERVER_KERNELS="1")
    up = subprocess.run([*cmd, "status"], capture_output=True, text=True, timeout=120)
    assert up.returncode == 0 and f"渲染服务运行中（进程 {pid}" in up.stdout
    down = subprocess.run([*cmd, "stop"], capture_output=True, text=True, timeout=120)
    assert down.returncode == 0 and f"已停止本项目的渲染服务（进程 {pid}）" in down.stdout
    assert not _alive(pid) and not _servers_of(render_server)


# ------------------------------------------------------------------------------ the runs


def _evidence(tasks, units: list[str], text: str) -> None:
    """An evidence correction for the first task of each unit (the row replaced when there is one)."""
    from helpers.judge.overrides import merge_overrides

    rows = [{"period": PERIOD, "task_id": str(tasks.loc[tasks["bureau"].eq(u), "task_id"].iloc[0]),
             "field": "evidence", "value": f"{text}（{i}）", "note": "test"} for i, u in enumerate(units)]
    merge_overrides(rows, paths.OVERRIDES_CSV)


def _page(out: Path, unit: str, suffix: str) -> bytes:
    return (out / f"bureau_{batch.safe_slug(unit)}.{suffix}").read_bytes()


def _log(root: Path) -> str:
    return (root / ".cache" / "server" / "server.log").read_text(encoding="utf-8")


@pytest.mark.integration
def test_runs_served_by_the_server_render_what_a_run_renders_by_itself(render_server, seed_table, monkeypatch, capsys):
    root = render_server
    copy_tables(seed_table, root)
    tasks = seed_table.tasks
    units = list(tasks["bureau"].value_counts(ascending=True).index[:3])  # the fastest pages
    kw = dict(bureaus=units, jobs=2, progress=False)

    # a researcher's first run, as a command: it renders by itself, starts the server at its end,
    # and returns at once (the server holds none of its pipes)
    cmd = [sys.executable, "-m", "helpers", "run", "--period", PERIOD, "--jobs", "2",
           *[a for u in units for a in ("--bureau", u)]]
    first = subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    key = server_key.server_key(paths.NOTEBOOKS)
    conn = server_client.wait_for(key, 120)
    assert conn is not None, _log(root)
    pid = conn.hello["pid"]
    conn.close()

    # a correction: its page, rendered by that server (this process computes the same key)
    before = _page(paths.output_dir(PERIOD), units[0], "html")
    _evidence(tasks, units[:1], "经核实，以市统计局最新数据为准")
    served = batch.run_batch(PERIOD, **kw)
    assert served.failed == [] and served.rendered == [f"bureau:{units[0]}"]
    assert _log(root).count("rendered 1 pages") == 1 and server_client.state()["pid"] == pid
    assert _page(paths.output_dir(PERIOD), units[0], "html") != before

    # a reference table the pages read changes: never the old server, a new one renders
    levels = paths.WARNING_LEVELS_CSV
    levels.write_text(levels.read_text(encoding="utf-8").replace(",30,", ",25,"), encoding="utf-8")
    moved = batch.run_batch(PERIOD, **kw)
    assert moved.failed == [] and sorted(moved.rendered) == sorted(f"bureau:{u}" for u in units)
    assert not _alive(pid)
    pid = server_client.state()["pid"]
    assert _log(root).count("serving") == 2 and "rendered 3 pages" in _log(root).split("serving")[-1]

    # the server killed while it renders (as soon as it is handed the pages): the run renders
    # them itself, and says so
    send = server_client.send

    def send_then_kill(stream, obj):
        send(stream, obj)
        if obj.get("op") == "render":
            os.kill(pid, signal.SIGKILL)

    monkeypatch.setattr(server_client, "send", send_then_kill)
    capsys.readouterr()
    _evidence(tasks, units, "经再次核实")
    crashed = batch.run_batch(PERIOD, **kw)
    assert crashed.failed == [] and sorted(crashed.rendered) == sorted(f"bureau:{u}" for u in units)
    assert "渲染服务未能完成" in capsys.readouterr().err
    monkeypatch.setattr(server_client, "send", send)

    # every page, HTML and PDF, is the page a run renders by itself from scratch (in workers of its
    # own: this process's kernel of `--jobs 1` may be an earlier test's, started for another project)
    monkeypatch.setenv("HELPERS_NO_SERVER", "1")
    fresh = batch.run_batch(PERIOD, bureaus=units, jobs=2, progress=False, output_dir=root / "fresh" / PERIOD,
                            cache_dir=root / "fresh-cache")
    assert fresh.failed == [] and len(fresh.rendered) == 3
    for u in units:
        for suffix in ("html", "pdf"):
            assert _page(paths.output_dir(PERIOD), u, suffix) == _page(root / "fresh" / PERIOD, u, suffix), (u, suffix)


# ------------------------------------------------------------------------------ commands served warm


def _served_commands(root: Path) -> list[str]:
    return [line.split(": ", 1)[1] for line in _log(root).splitlines() if line.startswith("command: ")]


def _warm_server(root: Path, seed_table) -> None:
    """The seed's tables in the project at `root`, and its server serving commands, answering."""
    copy_tables(seed_table, root)
    server_client.start(paths.NOTEBOOKS, 1, entry="helpers.warm")
    assert server_client.wait_for(server_key.server_key(paths.NOTEBOOKS), 120) is not None, _log(root)


@pytest.mark.integration
def test_the_loops_commands_run_in_the_server_as_they_run_by_themselves(render_server, seed_table):
    root = render_server
    _warm_server(root, seed_table)
    cmd = [sys.executable, "-m", "helpers"]

    def both(*args: str) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
        alone = subprocess.run([*cmd, *args], cwd=root, capture_output=True, text=True, timeout=600,
                               env=dict(os.environ, HELPERS_NO_SERVER="1"))
        served = subprocess.run([*cmd, *args], cwd=root, capture_output=True, text=True, timeout=600)
        return alone, served

    # a refusal: the same Chinese line, the same exit code, the file named relative to the caller's folder
    alone, served = both("review", "import", "台账.xlsx")
    assert served.returncode == alone.returncode == 2
    assert served.stderr == alone.stderr and "台账.xlsx" in served.stderr and served.stdout == alone.stdout
    assert _served_commands(root) == ["review"]

    # a run: its summary on the caller's stdout, its messages on the caller's stderr
    unit = str(seed_table.tasks["bureau"].value_counts(ascending=True).index[0])
    run = subprocess.run([*cmd, "run", "--period", PERIOD, "--formats", "html", "--jobs", "2", "--bureau", unit],
                         cwd=root, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "已生成1页" in run.stdout and "本期首页" in run.stderr
    assert _served_commands(root) == ["review", "run"]
    # mail is never handed over
    subprocess.run([*cmd, "mail", "--period", PERIOD], cwd=root, capture_output=True, timeout=600)
    assert _served_commands(root) == ["review", "run"]


@pytest.mark.integration
def test_ctrl_c_reaches_a_served_command(render_server, seed_table):
    root = render_server
    _warm_server(root, seed_table)
    # every page of the period, one at a time: long enough to be interrupted
    proc = subprocess.Popen([sys.executable, "-m", "helpers", "run", "--period", PERIOD, "--formats", "html",
                             "--jobs", "1"], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert _wait(lambda: (root / "output" / PERIOD / ".in-progress").exists() or proc.poll() is not None, 300)
        assert proc.poll() is None and _served_commands(root) == ["run"]
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130 and "已中断" in err, err


@pytest.mark.integration
def test_a_changed_source_file_is_never_served_by_the_old_processes(render_server, seed_table, tmp_path):
    """The package run from a copy (PYTHONPATH): a message and the pages' stylesheet changed in
    the copy between two runs show at once in the command's output and the pages."""
    from helpers.report.render import CSS_PATH

    root = render_server
    copy_tables(seed_table, root)
    src = tmp_path / "src"
    shutil.copytree(provenance.PACKAGE_DIR, src / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    env = dict(os.environ, PYTHONPATH=str(src))
    unit = str(seed_table.tasks["bureau"].value_counts(ascending=True).index[0])
    cmd = [sys.executable, "-m", "helpers", "run", "--period", PERIOD, "--formats", "html", "--jobs", "2",
           "--bureau", unit]

    def run() -> str:
        done = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        return done.stdout

    run()  # renders by itself, starts the server
    assert _wait(lambda: server_client.state() is not None, 120), _log(root)
    _evidence(seed_table.tasks, [unit], "经核实")
    assert "已生成1页" in run() and _served_commands(root) == ["run"]  # served, by the copy's code

    messages = src / "helpers" / "messages.py"
    messages.write_text(messages.read_text(encoding="utf-8").replace("已生成{rendered}页", "新生成{rendered}页"),
                        encoding="utf-8")
    css = src / "helpers" / CSS_PATH.relative_to(provenance.PACKAGE_DIR)
    css.write_text(css.read_text(encoding="utf-8") + "\n/* 改过的样式 */\n", encoding="utf-8")
    assert "新生成1页" in run()
    assert "/* 改过的样式 */" in (root / "output" / PERIOD / f"bureau_{batch.safe_slug(unit)}.html").read_text(
        encoding="utf-8")
    assert _served_commands(root) == ["run"]  # not the old server's zygote: the key moved
