"""The warm kernel: notebooks run one after another in one kernel, each seeing only its own
outputs and variables, through a client that is ready without waiting for IOPub to fall silent."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import nbformat
import pytest

from helpers.report import kernels


def _notebook(path, cells: list[str]) -> None:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("name = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params] + [nbformat.v4.new_code_cell(c) for c in cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, str(path))


def _texts(path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(o.get("text", "")) for c in cells if c["cell_type"] == "code" for o in c.get("outputs", [])]


@pytest.mark.integration
def test_notebooks_in_one_kernel_each_get_their_own_outputs_from_the_first_cell(tmp_path):
    # the first cell prints at once: an IOPub subscription not yet live would lose it
    src = tmp_path / "page.ipynb"
    _notebook(src, ["print('first', name)", "leftover = globals().get('mine')\nmine = name",
                    "print('last', name, leftover)"])
    with kernels.WarmKernel(cwd=tmp_path) as kernel:
        for name in ("甲", "乙", "丙"):
            kernel.execute(src, tmp_path / f"out-{name}.ipynb", {"name": name})
    for name in ("甲", "乙", "丙"):
        assert _texts(tmp_path / f"out-{name}.ipynb") == [f"first {name}\n", f"last {name} None\n"]


@pytest.mark.integration
def test_the_client_is_ready_without_draining_iopub(tmp_path):
    """jupyter_client's own client waits for 0.2 s of silence on IOPub at every notebook; ours
    returns once IOPub has delivered a message, so the kernel_info's closing status is still
    to be read (the drain would have swallowed it; an Empty is raised then)."""
    from jupyter_core.utils import run_sync

    from helpers.report.ready_client import ReadyClient

    with kernels.WarmKernel(cwd=tmp_path) as kernel:
        kc = kernel.km.client()
        assert isinstance(kc, ReadyClient)  # what papermill's NotebookClient gets from km.client()
        kc.start_channels()
        try:
            run_sync(kc.wait_for_ready)(timeout=60)
            left = run_sync(kc.iopub_channel.get_msg)(timeout=10)
            while left["parent_header"].get("msg_type") != "kernel_info_request":  # the warm-up's
                left = run_sync(kc.iopub_channel.get_msg)(timeout=10)
        finally:
            kc.stop_channels()
    assert left["msg_type"] == "status"


def test_a_kernels_warm_up_runs_the_first_pages_costs_without_any_table(tmp_path):
    """Every batch kernel runs the notebooks' imports, then PAGE_WARM_UP, while the run plans.
    The warm-up must work before any table exists (a run from clean builds them meanwhile):
    here with a project root holding nothing. A failure would only be printed by the kernel
    ("warm-up: …") and the first page would pay again, so it is checked here."""
    from helpers.report import pool

    code = pool.warm_code([])
    assert code.endswith(pool.PAGE_WARM_UP)
    # what the first page of a process would have imported (none is imported by the imports alone)
    first_page = ["pyarrow.parquet", "pandera.backends.pandas.builtin_checks", "matplotlib.backends.backend_agg"]
    probe = (f"import sys\nfirst_page = {first_page!r}\n{pool.PAGE_WARM_UP}\n"
             "assert '_c' not in dir() and '_l' not in dir()\n"
             "assert all(m in sys.modules for m in first_page), [m for m in first_page if m not in sys.modules]\n")
    done = subprocess.run([sys.executable, "-W", "error::UserWarning", "-c", probe], cwd=tmp_path,
                          env={**os.environ, "HELPERS_ROOT": str(tmp_path)}, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert not any(tmp_path.iterdir())  # nothing read, nothing written


def test_the_warm_code_starts_with_the_notebooks_imports(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from helpers.report import briefing as b\nx = 1")]
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, str(path))
    from helpers.report import pool

    assert pool.warm_code([path, path]).splitlines()[0] == "from helpers.report import briefing as b"


# ------------------------------------------------------------------ a kernel that cannot serve: one Chinese line

def _kernelspec(root, name: str, argv: list[str]) -> None:
    spec = root / "kernels" / name
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": name, "language": "python"}),
                                      encoding="utf-8")


def test_a_kernel_that_is_not_installed_or_cannot_run_is_refused_in_chinese(tmp_path, monkeypatch):
    from helpers.errors import RenderError

    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    _kernelspec(tmp_path, "broken", [str(tmp_path / "no-python"), "-m", "ipykernel_launcher", "-f", "{connection_file}"])
    for name, text in (("没有这个内核", "找不到名为“没有这个内核”的 Jupyter 内核；请在项目文件夹中运行 make setup"),
                       ("broken", f"Jupyter 内核无法启动（{tmp_path / 'no-python'}: 文件或文件夹不存在")):
        kernel = kernels.WarmKernel(cwd=tmp_path, kernel_name=name)
        try:
            with pytest.raises(RenderError) as e:
                kernel.start()
        finally:
            kernel.kill()
        assert str(e.value).startswith(text) and "\n" not in str(e.value), str(e.value)


def test_a_kernel_that_dies_at_start_is_reported_in_chinese_by_both_clients(tmp_path, monkeypatch):
    """A kernel whose process ends at once (a broken environment): the warm-up's client and the
    client each notebook opens (ReadyClient) both say so in Chinese, instead of an English RuntimeError."""
    from jupyter_core.utils import run_sync

    from helpers.errors import RenderError
    from helpers.report import render

    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    _kernelspec(tmp_path, "dies", [sys.executable, "-c", "import sys; sys.exit(3)"])
    kernel = kernels.WarmKernel(cwd=tmp_path, kernel_name="dies")
    try:
        kernel.launch()
        with pytest.raises(RenderError) as warm:
            kernel.warm()
        kc = kernel.km.client()
        with pytest.raises(RenderError) as ready:
            run_sync(kc.wait_for_ready)(timeout=30)
    finally:
        kernel.kill()
    for e in (warm.value, ready.value):
        assert str(e).startswith("Jupyter 内核在回应之前退出了") and "\n" not in str(e)
        assert render.error_summary(e) == str(e)  # what the run prints after 生成失败：<unit>：
