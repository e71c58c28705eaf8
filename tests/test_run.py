"""The batch: real notebooks through papermill on the seed, what they rendered, the cache key,
reruns, failures, and the run under faults (kill, full disk, concurrent table, changed margin).

One batch run (conftest `rendered`) is shared with tests/report/test_notebooks.py; tests that change
something work on a copy of it or on their own small run (HTML only where no PDF is checked).
"""

from __future__ import annotations


import errno
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from conftest import NOTEBOOKS, PERIOD, ROOT, SEED, copy_tables
from helpers import run as batch, provenance
from helpers.deliver import mail
from helpers import period_tables
from helpers.report import pool
from helpers.report.manifest import Manifest, Page, prune
from helpers.read.bureaus import lead_units
from helpers.errors import HelpersError, MailError

EVIL = '<script>alert("x")</script> & 核查'


def _pdftext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _snapshot(*folders: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for f in folders for p in f.rglob("*") if p.is_file()}


def _page(out: Path, bureau: str) -> str:
    return (out / f"bureau_{batch.safe_slug(bureau)}.html").read_text(encoding="utf-8")


def _copy_root(rendered, tmp_path: Path) -> Path:
    """A private copy of the shared run's project (manifest paths are relative to the root)."""
    root = tmp_path / "project"
    shutil.copytree(rendered.root, root, ignore=shutil.ignore_patterns(".cache"))
    return root


def _kw(root: Path, **extra) -> dict:
    kw = dict(notebooks_dir=NOTEBOOKS, output_dir=root / "output" / PERIOD,
              processed_dir=root / "data" / "processed" / PERIOD, cache_dir=root / ".cache", root=root,
              jobs=1, progress=False, raw=SEED, formats=["html"])
    kw.update(extra)
    return kw


# --------------------------------------------------------------------------------------------
# names and the command line (fast)


@pytest.mark.parametrize("name", [
    "市发改委", "../../etc/passwd", "..", ".", "市发改委/市财政局", "a\\b", "", "  ", "市 发改委",
    "市发改委\x00", "CON", "市" * 300, "市发改委（市粮食和储备局）", "-rf", ".hidden",
])
def test_safe_slug_is_a_plain_file_name(name):
    slug = batch.safe_slug(name)
    assert slug and re.fullmatch(r"[\w-]+", slug)
    assert "/" not in slug and "\\" not in slug and ".." not in slug and not slug.startswith((".", "-"))
    assert len(slug) <= 60


def test_bureau_slugs_are_distinct_and_keep_chinese():
    names = ["市发改委", "a/b", "a_b", "a b", "../x"]
    slugs = batch.bureau_slugs(names)
    assert slugs["市发改委"] == "市发改委"
    assert len(set(slugs.values())) == len(names)


def test_run_command_exits_non_zero_on_failure(monkeypatch, capsys):
    failing = batch.BatchResult(
        manifest={"period": PERIOD, "failures": [{"kind": "bureau", "bureau": "x", "notebook": "n", "error": "boom"}]},
        manifest_path=Path("m.json"), failed=["bureau:x"])
    seen = {}
    monkeypatch.setattr(batch, "run_batch", lambda *a, **k: seen.update(k) or failing)
    from helpers.cli import build_parser, run_options

    def run(*argv: str) -> int:
        return batch.run_command(**run_options(build_parser().parse_args(["run", "--period", PERIOD, *argv])))

    assert run("--bureau", "x") == 1
    assert "boom" in capsys.readouterr().err
    assert seen["bureaus"] == ["x"] and seen["ahead_margin"] is None  # the table's margin unless given
    assert run("--all-bureaus") == 1  # old alias: accepted
    assert seen["bureaus"] is None  # every unit


def test_help_has_a_worked_example_and_the_period_codes(capsys):
    from helpers.cli import main

    for command in ("run", "mail", "table"):
        assert main([command, "--help"]) == 0
        text = capsys.readouterr().out
        assert f"python -m helpers {command} " in text.split("示例：", 1)[1]
        assert "2024H1" in text and "FY" in text and "Q3" in text and "M11" in text


def test_progress_only_in_a_terminal_and_not_in_ci(monkeypatch):
    class Tty:
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stderr", Tty())
    monkeypatch.delenv("CI", raising=False)
    assert pool._show_progress(None) is True
    monkeypatch.setenv("CI", "true")
    assert pool._show_progress(None) is False
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys, "stderr", open(os.devnull, "w"))  # piped
    assert pool._show_progress(None) is False


def test_package_digest_covers_every_module_and_template(tmp_path):
    """The pages' code key is the whole package: a helper no notebook imports still counts."""
    pkg = tmp_path / "helpers"
    shutil.copytree(provenance.PACKAGE_DIR, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    before = provenance.package_digest(pkg)
    (pkg / "deliver" / "mail.py").write_text((pkg / "deliver" / "mail.py").read_text(encoding="utf-8") + "\n# edit\n", encoding="utf-8")
    after_code = provenance.package_digest(pkg)
    css = next(pkg.glob("templates/**/*.css"))
    css.write_text(css.read_text(encoding="utf-8") + "\n/* edit */\n", encoding="utf-8")
    assert len({before, after_code, provenance.package_digest(pkg)}) == 3


def test_a_partial_run_merges_and_a_full_run_replaces_the_manifest(tmp_path):
    """`--bureau X` keeps the other units' entries; a run of every unit drops a unit that is no
    longer in the table (its page would otherwise be mailed from old tables)."""
    per = batch.parse_code(PERIOD)
    f = batch.Folders.of(per, tmp_path, NOTEBOOKS, None, None, None)
    old = Manifest(PERIOD, briefings=(Page("city"), Page("bureau", "市旧局"), Page("bureau", "市发改委")))
    job = batch._jobs(per, f, ["市发改委"], False, False, ["html"], "k", "t", {"bureau": None})[0]
    state = {job.id: {"outputs": {str(job.ipynb): "a", str(job.html): "b"}, "seconds": 1.0}}

    def merged(partial: bool) -> list:
        plan = batch.Plan(per, f, [job], [job], {"files": {}}, "t", ["市发改委"], ("html",), [], state,
                          partial=partial)
        briefings, _, _ = batch._merge(old, plan, {job.id: {"ok": True}})
        return [(e.kind, e.bureau) for e in briefings]

    assert merged(True) == [("city", None), ("bureau", "市发改委"), ("bureau", "市旧局")]
    assert merged(False) == [("bureau", "市发改委")]


# --------------------------------------------------------------------------------------------
# the table: one record, one lock, swapped in at once (seconds)


def test_table_records_what_it_was_built_from(seed_table):
    record = provenance.read_record(seed_table.out_dir)
    assert record["period"] == PERIOD and record["ahead_margin"] == 0.10
    assert record["raw"] == {"name": SEED.name, "sha256": provenance.file_sha256(SEED)}
    assert set(record["reference"]) == {p.name for p in (ROOT / "data" / "reference").glob("*.csv")} - set(
        provenance.NOT_TABLE_INPUTS)
    assert "recipients.csv" in provenance.NOT_TABLE_INPUTS and "warning_levels.csv" in provenance.NOT_TABLE_INPUTS
    assert {"bureaus.csv", "sectors.csv", "sector_rules.csv", "overrides.csv"} <= set(record["reference"])
    assert record["files"] == provenance.files_record(seed_table.out_dir)
    # the raw report spelled three ways is one input
    rel = Path(os.path.relpath(SEED))
    for spelled in (SEED, rel, Path(".") / rel):
        assert provenance.disagreements(record, seed_table.out_dir,
                                        provenance.build_inputs(spelled, 0.10, period=PERIOD)) == []
    assert provenance.disagreements(record, seed_table.out_dir, provenance.build_inputs(SEED, 0.3, period=PERIOD)) == [
        "判断时的超序时幅度为0.1，本次要求0.3"]


def test_a_correction_of_one_period_rebuilds_that_periods_tables_only(tmp_path, project_root, seed_path):
    """Every table set once recorded overrides.csv whole: a correction imported for H1 rebuilt
    Q1's tables too (a second parse and judgement in the review loop)."""
    from helpers.table import build_table

    import shutil

    root = project_root(tmp_path)
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference", dirs_exist_ok=True)
    overrides = root / "data" / "reference" / "overrides.csv"
    overrides.write_text("period,task_id,field,value,note\n", encoding="utf-8")
    tables = {code: build_table(seed_path, period=code, out=root / "p" / code, force_period=True, overrides=overrides)
              for code in ("2024Q1", "2024H1")}

    def stale(code: str) -> list[str]:
        return period_tables._check(seed_path, code, tables[code].out_dir, None)[2]

    with overrides.open("a", encoding="utf-8") as fh:
        fh.write("2024h1,G010,evidence,经核实，以市统计局最新数据为准。,\n")  # H1, spelled in lower case
    assert stale("2024Q1") == [] and stale("2024H1") == ["参照表有改动：overrides.csv"]
    # `review import` adds the key columns for its H1 row: Q1's tables still stand
    overrides.write_text("period,task_id,field,value,note,task_key,table_sha256\n"
                         "2024h1,G010,evidence,经核实，以市统计局最新数据为准。,,Tabc,123\n", encoding="utf-8")
    assert stale("2024Q1") == [] and stale("2024H1") == ["参照表有改动：overrides.csv"]
    with overrides.open("a", encoding="utf-8") as fh:
        fh.write("2024Q1,G011,status,达序时,\n")
    assert stale("2024Q1") == ["参照表有改动：overrides.csv"]
    overrides.write_text("period,task_id,field,value,note\n2024Q9,G011,status,达序时,\n", encoding="utf-8")
    assert stale("2024Q1") and stale("2024H1")  # a row that names no period: every period rebuilds, and says why


def test_disk_full_during_table_leaves_the_old_set_intact(seed_table, tmp_path, monkeypatch):
    from helpers import quality, table

    processed = copy_tables(seed_table, tmp_path)
    before = {p.name: p.read_bytes() for p in processed.iterdir()}

    def full(path, obj):
        Path(path).write_text("{", encoding="utf-8")  # the write got this far
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(quality, "write_json", full)  # quality.json is written by its record
    with pytest.raises(OSError) as err:
        table.build_table(SEED, period=PERIOD, out=processed, ahead_margin=0.3)
    assert err.value.errno == errno.ENOSPC
    assert {p.name: p.read_bytes() for p in processed.iterdir()} == before
    assert [p.name for p in processed.parent.iterdir()] == [PERIOD]  # the lock lives inside


def test_a_table_build_replaces_the_whole_set(seed_table, tmp_path):
    from helpers.table import build_table

    processed = copy_tables(seed_table, tmp_path)
    (processed / "notes.txt").write_text("mine", encoding="utf-8")  # not ours: left alone
    build_table(SEED, period=PERIOD, out=processed, ahead_margin=0.3)
    record = provenance.read_record(processed)
    assert record["ahead_margin"] == 0.3 and record["files"] == provenance.files_record(processed)
    assert pd.read_parquet(processed / "tasks.parquet").attrs["ahead_margin"] == 0.3
    assert (processed / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert [p.name for p in processed.parent.iterdir()] == [PERIOD]  # the lock lives inside


_HOLD = """
import sys, time
from pathlib import Path
from helpers.files import exclusive
log, release = Path(sys.argv[2]), Path(sys.argv[3])
with exclusive(sys.argv[1]):
    log.write_text("child holds the lock\\n", encoding="utf-8")
    while not release.exists():
        time.sleep(0.02)
    with log.open("a", encoding="utf-8") as f:
        f.write("child released\\n")
"""


class Stop(Exception):
    pass


def test_table_and_run_wait_for_the_same_lock(seed_table, tmp_path, monkeypatch):
    """A `table` or `run` that finds the period's tables locked waits (saying so) until the
    holder is done; only then does it write or read them."""
    import io
    import threading

    from helpers import table

    processed = copy_tables(seed_table, tmp_path)
    for who, module, name, call in (
            ("table", table, "write_table", lambda: table.build_table(SEED, period=PERIOD, out=processed)),
            ("run", batch, "plan_batch", lambda: batch.run_batch(PERIOD, **_kw(tmp_path)))):
        log, release = tmp_path / f"{who}.log", tmp_path / f"{who}.release"

        def inside(*a, log=log, who=who, **k):
            with log.open("a", encoding="utf-8") as f:
                f.write(f"{who} in the lock\n")
            raise Stop  # enough: we only want to know when it got the lock

        def attempt(call=call):
            try:
                call()
            except Stop:
                pass

        child = subprocess.Popen([sys.executable, "-c", _HOLD, str(processed), str(log), str(release)])
        while not log.exists():
            assert child.poll() is None
            time.sleep(0.02)
        monkeypatch.setattr(module, name, inside)
        err = io.StringIO()
        monkeypatch.setattr(sys, "stderr", err)
        worker = threading.Thread(target=attempt)
        worker.start()
        for _ in range(3000):
            if "正在使用" in err.getvalue():
                break
            time.sleep(0.02)
        release.touch()
        worker.join(60)
        child.wait(60)
        assert log.read_text(encoding="utf-8").splitlines() == [
            "child holds the lock", "child released", f"{who} in the lock"]


def test_run_refuses_tables_that_disagree_with_their_record(seed_table, tmp_path):
    processed = copy_tables(seed_table, tmp_path)
    tasks = pd.read_parquet(processed / "tasks.parquet")
    tasks.loc[0, "status"] = "completed"  # a hand edit: not what the rules or overrides say
    tasks.to_parquet(processed / "tasks.parquet", index=False)
    with pytest.raises(HelpersError, match="tasks.parquet 与生成任务表时记录的不同"):
        batch.run_batch(PERIOD, **_kw(tmp_path, processed_dir=processed, build=False))
    built, record = batch.ensure_table(SEED, PERIOD, processed, None)  # with a raw report: rebuilt
    assert built and record["files"] == provenance.files_record(processed)
    assert pd.read_parquet(processed / "tasks.parquet").equals(pd.read_parquet(seed_table.out_dir / "tasks.parquet"))


def test_kernel_sockets_fit_a_unix_socket_path_whatever_the_temp_folder(monkeypatch):
    """A deep TMPDIR (pytest-xdist's, a CI runner's) made the kernel die at start: ipc paths are
    limited to ~107 bytes. The sockets then go to /tmp, or to loopback TCP when nothing fits."""
    from helpers.report import kernels

    monkeypatch.setattr(tempfile, "tempdir", "/tmp")
    assert kernels.kernel_socket_root() == "/tmp"
    deep = "/tmp/" + "/".join(["pytest-of-root-深"] * 6)
    monkeypatch.setattr(tempfile, "tempdir", deep)
    assert kernels.kernel_socket_root() == "/tmp"
    monkeypatch.setattr(kernels, "_socket_roots", lambda: [deep])
    assert kernels.kernel_socket_root() is None


def test_an_executed_notebook_is_never_left_truncated(tmp_path, monkeypatch):
    import papermill

    from helpers.report import kernels

    out = tmp_path / "nb.ipynb"
    out.write_text('{"cells": []}', encoding="utf-8")  # an earlier, good copy

    def full_disk(src, dest, **kw):
        Path(dest).write_text('{"cells": [{"cell_type": "co', encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(papermill, "execute_notebook", full_disk)
    kernel = kernels.WarmKernel()
    monkeypatch.setattr(kernel, "alive", lambda: True)
    kernel.km = object()
    with pytest.raises(OSError):
        kernel.execute(NOTEBOOKS / "briefing_city.ipynb", out, {})
    assert json.loads(out.read_text(encoding="utf-8")) == {"cells": []}
    assert [p.name for p in tmp_path.iterdir()] == ["nb.ipynb"]


def test_an_error_names_the_cell_as_numbered_in_the_notebook(tmp_path):
    from papermill.exceptions import PapermillExecutionError

    from helpers.report import render

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("x = 1")
    params.metadata["tags"] = ["parameters"]
    injected = nbformat.v4.new_code_cell("x = 2")
    injected.metadata["tags"] = ["injected-parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# t"), params, injected, nbformat.v4.new_code_cell("1/0")]
    path = tmp_path / "executed.ipynb"
    nbformat.write(nb, str(path))
    # the kernel had run 47 cells of other notebooks before: exec_count 48 means nothing here
    err = PapermillExecutionError(3, 48, "1/0", "ZeroDivisionError", "division by zero", [])
    assert render.error_summary(err, path) == "第3个单元格出错：ZeroDivisionError: division by zero"
    # an error of the program, not of a notebook's cell: named, in Chinese
    assert render.error_summary(MemoryError("cannot allocate")) == "程序出错（MemoryError: cannot allocate）"


# --------------------------------------------------------------------------------------------
# the shared run (integration)


@pytest.mark.integration
def test_batch_renders_city_and_bureaus(rendered):
    result, out, root = rendered.result, rendered.out, rendered.root
    assert result.failed == [], result.manifest["failures"]
    assert not (out / batch.MARKER).exists()
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert list(m) == ["period", "inputs", "tables", "parameters", "versions", "comparison", "briefings",
                       "research", "failures"]
    assert m["comparison"]["period"] is None  # no earlier period built beside this one
    assert m["period"] == PERIOD and m["failures"] == [] and m["parameters"]["ahead_margin"] == 0.10
    assert m["tables"]["files"] == provenance.files_record(rendered.processed)
    assert all(set(i) == {"path", "sha256"} and len(i["sha256"]) == 64 for i in m["inputs"])
    assert {"pandas", "papermill", "nbconvert", "weasyprint", "matplotlib"} <= set(m["versions"])
    assert [(b["kind"], b["bureau"]) for b in m["briefings"]] == [("city", None)] + [
        ("bureau", b) for b in rendered.bureaus]
    assert [r["kind"] for r in m["research"]] == ["data_quality", "pace_analysis"]
    for b in m["briefings"]:
        assert b["seconds"] > 0 and b["tables"] == m["tables"]["key"]
        for key in ("html", "pdf", "notebook"):
            assert not Path(b[key]).is_absolute() and ".." not in Path(b[key]).parts
            assert provenance.file_sha256(root / b[key]) == b["sha256"][key]

    city_pdf = root / m["briefings"][0]["pdf"]
    assert city_pdf.stat().st_size < 2_000_000
    text = _pdftext(city_pdf)
    assert "滞后" in text and "市发改委" in text and "序时进度" in text
    for b in m["briefings"][1:]:
        assert (root / b["pdf"]).stat().st_size < 600_000
        assert b["bureau"] in _pdftext(root / b["pdf"])
    fonts = subprocess.run(["pdffonts", str(city_pdf)], capture_output=True, text=True, check=True).stdout
    assert all(" yes yes " in l for l in fonts.splitlines()[2:] if l.strip()), fonts  # embedded + subset


@pytest.mark.integration
def test_html_has_no_code_and_chinese_alt_text(rendered):
    out = rendered.out
    for html in out.glob("*.html"):
        page = html.read_text(encoding="utf-8")
        assert '<html lang="zh-CN">' in page
        assert "jp-CodeMirrorEditor" not in page and "jp-InputPrompt" not in page and "In&nbsp;[" not in page
        assert 'class="highlight' not in page  # no syntax-highlighted source
        assert "load_period" not in page and "from helpers import" not in page  # code stays out
        assert "Traceback" not in page and "No description" not in page
        for alt in re.findall(r'<img [^>]*alt="([^"]*)"', page):
            assert re.search(r"[\u4e00-\u9fff]", alt), (html.name, alt)
    city = (out / "city.html").read_text(encoding="utf-8")
    assert 'alt="各领域重点工作进度状态"' in city
    assert len(re.findall(r"<img ", (out / "pace_analysis.html").read_text(encoding="utf-8"))) == 3
    nb = nbformat.read(str(out / "notebooks" / f"bureau_{batch.safe_slug(rendered.behind)}.ipynb"), as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "bureau = " in injected[0].source
    assert nb.metadata["papermill"]["parameters"]["bureau"] == rendered.behind


@pytest.mark.integration
def test_rerun_with_nothing_changed_rewrites_nothing(rendered):
    before = _snapshot(rendered.out, rendered.processed)
    kw = dict(rendered.kw, raw=Path(os.path.relpath(SEED)))  # the raw report spelled otherwise
    result = batch.run_batch(PERIOD, bureaus=rendered.bureaus, city=True, research=True, **kw)
    assert result.rendered == [] and result.failed == [] and not result.table_built
    assert _snapshot(rendered.out, rendered.processed) == before


@pytest.mark.integration
def test_mail_refuses_what_is_not_one_finished_run(rendered, tmp_path):
    root = _copy_root(rendered, tmp_path)
    out = root / "output" / PERIOD
    manifest = out / "manifest.json"
    mail.refuse_unfinished(manifest, PERIOD, root)  # the finished run passes

    (out / batch.MARKER).write_text("{}", encoding="utf-8")
    with pytest.raises(MailError, match="正在进行或被中断"):
        mail.plan_messages(PERIOD, manifest=manifest, tasks=rendered.processed / "tasks.parquet", root=root)
    (out / batch.MARKER).unlink()

    pdf = out / f"bureau_{batch.safe_slug(rendered.behind)}.pdf"
    good = pdf.read_bytes()
    pdf.write_bytes(good[:5000])  # truncated: still starts with %PDF-
    with pytest.raises(MailError, match="与清单记录的校验值不符"):
        mail.refuse_unfinished(manifest, PERIOD, root)
    pdf.write_bytes(good)

    from helpers.table import build_table

    build_table(SEED, period=PERIOD, out=root / "data" / "processed" / PERIOD, ahead_margin=0.3)
    with pytest.raises(MailError, match="在这次运行之后有改动"):
        mail.refuse_unfinished(manifest, PERIOD, root)


@pytest.mark.integration
def test_table_margin_is_the_pages_margin_and_a_partial_run_merges(rendered, tmp_path):
    """`table --ahead-margin 0.3` then `run --bureau X`: X is rendered with 30 points and the
    manifest says 0.3; the other pages, from the old tables, are kept but refused by mail."""
    from helpers.table import build_table

    root = _copy_root(rendered, tmp_path)
    build_table(SEED, period=PERIOD, out=root / "data" / "processed" / PERIOD, ahead_margin=0.3)
    one = batch.run_batch(PERIOD, bureaus=[rendered.behind], **_kw(root))
    assert not one.table_built and one.rendered == [f"bureau:{rendered.behind}"]
    m = one.manifest
    assert m["parameters"]["ahead_margin"] == 0.3
    assert [(b["kind"], b["bureau"]) for b in m["briefings"]] == [("city", None)] + [
        ("bureau", b) for b in rendered.bureaus]  # merged, not replaced
    assert "高于序时进度30个百分点" in _page(root / "output" / PERIOD, rendered.behind)
    assert set(one.stale) == {"city", rendered.co_lead, "data_quality", "pace_analysis"}
    with pytest.raises(MailError, match="是用较早的任务表生成的"):
        mail.refuse_unfinished(root / "output" / PERIOD / "manifest.json", PERIOD, root)

    rest = batch.run_batch(PERIOD, bureaus=[rendered.co_lead], city=True, research=False, **_kw(root))
    assert set(rest.rendered) == {"city", f"bureau:{rendered.co_lead}"}
    assert "高于序时进度30个百分点" in (root / "output" / PERIOD / "city.html").read_text(encoding="utf-8")
    again = batch.run_batch(PERIOD, bureaus=[rendered.behind], **_kw(root, ahead_margin=0.1))
    assert again.table_built and again.manifest["parameters"]["ahead_margin"] == 0.1
    assert "高于序时进度10个百分点" in _page(root / "output" / PERIOD, rendered.behind)


# --------------------------------------------------------------------------------------------
# the cache key (integration): a notebook edit and another bureau's row


def _with_city_figure(notebooks: Path) -> None:
    """The researcher's edit: the bureau page now prints a city-wide figure."""
    path = notebooks / "briefing_bureau.ipynb"
    nb = nbformat.read(str(path), as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        'from helpers.report.display import show_text\n'
        'show_text(f"全市进展共{int(page.tasks[\'progress\'].fillna(\'\').str.len().sum())}字")'))
    nbformat.write(nb, str(path))


def _changed_row(seed_table, bureau: str, dest: Path) -> Path:
    """The seed report with one more sentence in a task of `bureau` (its first progress cell)."""
    text = SEED.read_text(encoding="utf-8")
    progress = seed_table.tasks.loc[seed_table.tasks["bureau"].eq(bureau), "progress"].dropna().iloc[0]
    head = progress.splitlines()[0][:30]
    assert text.count(head) == 1
    dest.write_text(text.replace(head, head + EVIL, 1), encoding="utf-8")
    return dest


def _figure(page: str) -> int:
    return int(re.search(r"全市进展共(\d+)字", page).group(1))


@pytest.mark.integration
def test_an_edited_notebook_and_another_bureaus_row_rerender_the_page(seed_table, tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks)
    copy_tables(seed_table, tmp_path)
    # two units with few tasks (quick pages); b is rendered first, a only once its row changed
    a, b = seed_table.tasks["bureau"].value_counts().index[-2:]
    kw = _kw(tmp_path, notebooks_dir=notebooks)
    both = {f"bureau:{a}", f"bureau:{b}"}
    first = batch.run_batch(PERIOD, bureaus=[b], **kw)
    assert first.failed == [] and first.rendered == [f"bureau:{b}"]
    out = tmp_path / "output" / PERIOD
    assert "全市进展共" not in _page(out, b)

    _with_city_figure(notebooks)
    edited = batch.run_batch(PERIOD, bureaus=[b], **kw)
    assert edited.failed == [] and edited.rendered == [f"bureau:{b}"]
    before = _figure(_page(out, b))
    assert before == int(seed_table.tasks["progress"].fillna("").str.len().sum())

    raw = _changed_row(seed_table, a, tmp_path / "luan_2024H1.txt")  # a's row, not b's
    second = batch.run_batch(PERIOD, bureaus=[a, b], **dict(kw, raw=raw))
    assert second.table_built and set(second.rendered) == both
    assert _figure(_page(out, b)) == before + len(EVIL)
    page = _page(out, a)
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page

    snap = _snapshot(out, tmp_path / "data")
    os.chdir(tmp_path)  # `run --raw ./luan_2024H1.txt`, `--bureau X`, then the pair again
    try:
        for spelled, bureaus in ((Path("./luan_2024H1.txt"), [a]), (Path("luan_2024H1.txt"), [a, b])):
            rerun = batch.run_batch(PERIOD, bureaus=bureaus, **dict(kw, raw=spelled))
            assert rerun.rendered == [] and not rerun.table_built
    finally:
        os.chdir(ROOT)
    assert _snapshot(out, tmp_path / "data") == snap


@pytest.mark.integration
def test_a_failing_notebook_does_not_stop_the_batch(seed_table, tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks)
    broken = nbformat.read(str(notebooks / "data_quality.ipynb"), as_version=4)
    broken.cells.append(nbformat.v4.new_code_cell('raise RuntimeError("deliberately broken")'))
    nbformat.write(broken, str(notebooks / "data_quality.ipynb"))
    copy_tables(seed_table, tmp_path)
    # one unit's page fails (an unknown unit is refused before any notebook runs, test above)
    good, bad = "市发改委", "市人社局"
    page = nbformat.read(str(notebooks / "briefing_bureau.ipynb"), as_version=4)
    page.cells.append(nbformat.v4.new_code_cell(f'if bureau == "{bad}":\n    raise KeyError(bureau)'))
    nbformat.write(page, str(notebooks / "briefing_bureau.ipynb"))
    result = batch.run_batch(PERIOD, bureaus=[bad, good], research=True,
                             **_kw(tmp_path, notebooks_dir=notebooks, formats=["html"]))
    m, out = result.manifest, tmp_path / "output" / PERIOD
    assert {(f["kind"], f["bureau"]) for f in m["failures"]} == {("data_quality", None), ("bureau", bad)}
    bad_nb = next(Path(f["notebook"]) for f in m["failures"] if f["bureau"] == bad)
    assert bad_nb == Path("output", PERIOD, "notebooks", f"bureau_{bad}.ipynb")
    for f in m["failures"]:
        nb = nbformat.read(str(tmp_path / f["notebook"]), as_version=4)  # kept, with its error
        assert any(o.get("output_type") == "error" for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    dq = next(f["error"] for f in m["failures"] if f["kind"] == "data_quality")
    assert dq == f"第{len(broken.cells)}个单元格出错：RuntimeError: deliberately broken"  # its place in the notebook
    assert bad in next(f["error"] for f in m["failures"] if f["bureau"] == bad)  # names the unit
    assert [(b["kind"], b["bureau"]) for b in m["briefings"]] == [("bureau", good)]
    assert (out / "pace_analysis.html").exists() and not (out / "data_quality.html").exists()
    assert not (out / batch.MARKER).exists()


# --------------------------------------------------------------------------------------------
# a kill (integration, the one end-to-end subprocess test)


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            if c not in found:
                found.add(c)
                todo.append(c)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


@pytest.mark.integration
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process tree from /proc")
def test_a_killed_run_leaves_no_orphans_and_the_rerun_finishes_it(seed_table, tmp_path, request):
    project = tmp_path / "project"
    for sub in ("data/raw", "data/reference", "notebooks"):
        shutil.copytree(ROOT / sub, project / sub)
    copy_tables(seed_table, project)
    # A short TMPDIR of its own, so the kernels' socket folders land where the test looks (a
    # deep one, such as pytest-xdist's, sends them to /tmp: see test_kernel_sockets_fit_*).
    tmp = Path(tempfile.mkdtemp(prefix="hk-", dir="/tmp"))
    request.addfinalizer(lambda: shutil.rmtree(tmp, ignore_errors=True))
    env = dict(os.environ, HELPERS_ROOT=str(project), TMPDIR=str(tmp), CI="1")
    # three of the units with the fewest tasks: the pages render fastest
    counts = seed_table.tasks["bureau"].value_counts()
    bureaus = [u for u in lead_units(seed_table.tasks) if counts.get(u, 0) == counts.min()][:3]
    assert len(bureaus) == 3
    cmd = [sys.executable, "-m", "helpers", "run", "--period", PERIOD, "--formats", "html", "--jobs", "2"]
    cmd += [a for b in bureaus for a in ("--bureau", b)]
    out = project / "output" / PERIOD
    run = subprocess.Popen(cmd, env=env, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)
    # whatever fails below, the run and all it started end with the test
    request.addfinalizer(lambda: _kill_group(run.pid))
    state = None
    for _ in range(1200):  # until a page is done and recorded
        states = list((project / ".cache" / "batch").glob("state-*.json"))
        if states and any(k.startswith("bureau:") for k in json.loads(states[0].read_text(encoding="utf-8"))):
            state = states[0]
            break
        assert run.poll() is None, "the run ended before it could be killed"
        time.sleep(0.1)
    assert state is not None
    tree = _descendants(run.pid)
    assert tree, "the run has workers"
    assert list(tmp.glob("helpers-kernel-*")), "the kernels' sockets are in TMPDIR"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    for _ in range(300):
        if not any(_alive(p) for p in tree):
            break
        time.sleep(0.1)
    assert not [p for p in tree if _alive(p)], "workers or kernels outlived the run"
    assert not list(tmp.glob("helpers-kernel-*")), "kernel sockets left behind"
    assert (out / batch.MARKER).exists()
    with pytest.raises(MailError, match="正在进行或被中断"):
        mail.refuse_unfinished(out / "manifest.json", PERIOD, project)

    done = {k for k in json.loads(state.read_text(encoding="utf-8")) if k.startswith("bureau:")}
    kept = {str(p): p.stat().st_mtime_ns for p in out.glob("*.html")}
    rerun = subprocess.run([*cmd, "--jobs", "1"], env=env, cwd=project, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"已生成{len(bureaus) - len(done)}页、未变{len(done)}页" in rerun.stdout
    # the ledger, written while the pages render, is named after the run's summary
    ledger = out / f"台账_{PERIOD}.xlsx"
    assert ledger.is_file() and rerun.stdout.index(str(ledger)) > rerun.stdout.index("已生成")
    assert all(Path(p).stat().st_mtime_ns == t for p, t in kept.items() if
               any(p.endswith(f"bureau_{batch.safe_slug(d.split(':', 1)[1])}.html") for d in done))
    assert not (out / batch.MARKER).exists()
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [b["bureau"] for b in m["briefings"]] == bureaus


def test_the_rules_the_readme_cites_are_in_the_repository():
    from helpers.statuses import STATUS_ZH

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    cited = re.findall(r"\]\(((?:docs|data)/[^)]+)\)", readme)
    assert "docs/judging.md" in cited and all((ROOT / c).is_file() for c in cited)
    assert "../shared" not in readme
    rules = (ROOT / "docs" / "judging.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `?(\w+)`? \| (\S+) \|", rules, re.M))
    assert {k: v for k, v in rows.items() if k in STATUS_ZH} == STATUS_ZH


# --------------------------------------------------------------------------------------------
# issue #20: nothing stale beside the manifest, nothing rendered for a unit that is not there


def test_an_unknown_bureau_is_refused_before_any_notebook_runs(seed_table, tmp_path, monkeypatch):
    copy_tables(seed_table, tmp_path)
    monkeypatch.setattr(batch, "execute", lambda *a, **k: pytest.fail("a notebook ran"))
    with pytest.raises(HelpersError, match="市不存在局：不是 .* 中任何任务的牵头单位"):
        batch.run_batch(PERIOD, bureaus=["市不存在局"], **_kw(tmp_path))
    assert not (tmp_path / "output" / PERIOD / "manifest.json").exists()


def test_pages_the_new_manifest_does_not_list_are_removed(tmp_path):
    """A unit gone from the report and the PDFs of a run before `--formats html` leave with the
    manifest that listed them; a file no manifest listed (a person's) stays."""
    per = batch.parse_code(PERIOD)
    f = batch.Folders.of(per, tmp_path, NOTEBOOKS, tmp_path / "output" / PERIOD, tmp_path / "processed", tmp_path)
    out = f.out
    (out / "notebooks").mkdir(parents=True)
    names = ["city.html", "city.pdf", "bureau_市旧局.html", "bureau_市旧局.pdf", "notebooks/bureau_市旧局.ipynb",
             "bureau_市发改委.html", "bureau_市发改委.pdf", "mine.pdf"]
    for n in names:
        (out / n).write_text(n, encoding="utf-8")
    rel = f"output/{PERIOD}"
    old = Manifest(PERIOD, briefings=(
        Page("city", html=f"{rel}/city.html", pdf=f"{rel}/city.pdf"),
        Page("bureau", "市旧局", html=f"{rel}/bureau_市旧局.html", pdf=f"{rel}/bureau_市旧局.pdf",
             notebook=f"{rel}/notebooks/bureau_市旧局.ipynb"),
        Page("bureau", "市发改委", html=f"{rel}/bureau_市发改委.html", pdf=f"{rel}/bureau_市发改委.pdf")))
    new = Manifest(PERIOD, briefings=(Page("city", html=f"{rel}/city.html"),
                                      Page("bureau", "市发改委", html=f"{rel}/bureau_市发改委.html")))
    removed = prune(old, new, f.root, (f.out, f.out / "notebooks"))
    assert sorted(p.name for p in removed) == sorted(
        ["city.pdf", "bureau_市旧局.html", "bureau_市旧局.pdf", "bureau_市旧局.ipynb", "bureau_市发改委.pdf"])
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == sorted(
        ["city.html", "bureau_市发改委.html", "mine.pdf"])
    # a manifest pointing outside the output folder removes nothing there
    outside = tmp_path / "elsewhere.pdf"
    outside.write_text("x", encoding="utf-8")
    assert prune(Manifest(PERIOD, briefings=(Page("city", pdf=str(outside)),)), new, f.root, (f.out,)) == []
    assert outside.exists()


# ------------------------------------------------------------------ which raw report is the period's

def test_the_raw_report_of_a_period_is_matched_by_its_whole_code(tmp_path, project_root, seed_path):
    """`run --period 2024M1` once took luan_2024M11.txt by substring and rendered November as January."""
    import shutil

    from helpers import run as batch

    root = project_root(tmp_path)
    raw = root / "data" / "raw"
    raw.mkdir(parents=True)
    shutil.copy(seed_path, raw / "luan_2024M11.txt")
    assert batch.default_raw("2024M1") is None
    assert batch.default_raw("2024M11").name == "luan_2024M11.txt"
    shutil.copy(seed_path, raw / "luan_2024M1.txt")
    assert batch.default_raw("2024M1").name == "luan_2024M1.txt"
    assert batch.default_raw("2024m1").name == "luan_2024M1.txt"
    assert set(period_tables.earlier_raws("2024M12")) == {"2024M1", "2024M11"}


def test_a_period_without_a_report_or_tables_is_refused_naming_the_missing_report(tmp_path, project_root, seed_path,
                                                                                  capsys):
    """`run --period 2024M1` beside luan_2024M11.txt said the tables disagreed with a record that
    never was, and left empty data/processed/2024M1/ and output/2024M1/ behind."""
    import shutil

    from helpers.cli import main

    root = project_root(tmp_path)
    (root / "data" / "raw").mkdir(parents=True)
    shutil.copy(seed_path, root / "data" / "raw" / "luan_2024M11.txt")
    assert main(["run", "--period", "2024m1", "--formats", "html"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "2024M1" in err and "data/raw" in err, err
    assert not (root / "data" / "processed" / "2024M1").exists() and not (root / "output" / "2024M1").exists()


# --------------------------------------------------------------------------------------------
# issue #20: a unit's page is keyed on the data it shows


def _code_cells(path: Path) -> list[str]:
    nb = nbformat.read(str(path), as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])]


@pytest.mark.parametrize("extra,keyed_on_its_data", [
    ("", True),
    ('page.table("bureau_figures")\npage.chart("bureau_status")\nprint(sorted(page.facts))', True),
    ('page.table("bureau_vs_city")', False),  # the unit beside the city: every task's status
    ('page.chart("bureau_vs_city")', False),
    ('page.chart("status_by_sector")', False),  # the city's chart
    ('page.table("scoreboard")', False),  # every unit's rank
    ('page.say("本单位{n}项")', True),
    ('page.table("behind")', False),  # the city's behind list: every unit's texts
    ('other = bureau_page(period, "市发改委", processed_dir)\nother.table("bureau_tasks")', False),
    ('page.table("indicators")', False),  # another table
    ('name = "bureau_tasks"\npage.table(name)', False),  # a name the check cannot read
    ("from helpers.report.display import show_text\n"
     "show_text(f\"全市进展共{int(page.tasks['progress'].fillna('').str.len().sum())}字\")", False),
    ("x = page.data\nprint(len(x.tasks))", False),
    ("from helpers.report.loading import load_period\nfrom helpers.report import tables\n"
     "data = load_period(period, processed_dir)\ntables.bureau_tasks_zh(data.tasks, bureau)", True),
    ("from helpers.report.loading import load_period\nfrom helpers.report import tables\n"
     "data = load_period(period, processed_dir)\ntables.bureau_tasks_zh(data.tasks, '市发改委')", False),
])
def test_a_unit_page_is_keyed_on_its_data_only_while_the_notebook_reads_through_the_package(extra, keyed_on_its_data):
    from helpers.report.page_data import reads_through_package

    code = _code_cells(NOTEBOOKS / "briefing_bureau.ipynb") + ([extra] if extra else [])
    assert reads_through_package(code) is keyed_on_its_data


@pytest.mark.parametrize("notebook,policy,extra,keyed_on_its_data", [
    ("briefing_city.ipynb", "city", "", True),
    ("briefing_city.ipynb", "city", 'page.table("bureau_tasks")', False),  # a unit's texts
    ("briefing_city.ipynb", "city", "from helpers.report.display import show_table\nshow_table(page.tasks)", False),
    ("briefing_city.ipynb", "city", 'other = bureau_page(period, "市发改委", processed_dir)', False),
    ("data_quality.ipynb", "research", "", True),
    ("pace_analysis.ipynb", "research", "", True),
    ("pace_analysis.ipynb", "research", "b.show_text(f'{len(tasks)}项')", True),  # a count of every row
    ("pace_analysis.ipynb", "research", 'b.show_table(tasks[["task", "evidence"]])', False),
    ("pace_analysis.ipynb", "research", "b.show_table(b.bureau_tasks_zh(tasks, '市发改委'))", False),
    ("pace_analysis.ipynb", "research", "t, n = data.tasks, 1\nb.show_table(t)", False),
    ("pace_analysis.ipynb", "research", "p = b.city_page(period, processed_dir)\np.table('behind')", False),
    ("briefing_bureau.ipynb", "bureau", "from helpers.report.display import show_text\nshow_text(str(len(page.tasks)))", False),
])
def test_the_city_and_research_pages_are_keyed_on_what_their_notebooks_show(notebook, policy, extra,
                                                                            keyed_on_its_data):
    """The city's and the research pages were keyed on the whole tables: one evidence text
    corrected re-rendered all three. They are keyed on every column but the long texts while
    their notebooks show the tables only as their policy allows."""
    from helpers.report.page_data import POLICIES, reads_through_package

    code = _code_cells(NOTEBOOKS / notebook) + ([extra] if extra else [])
    assert reads_through_package(code, POLICIES[policy]) is keyed_on_its_data


def test_the_data_of_a_unit_is_its_own_rows(seed_table):
    """A status corrected once changed every unit's key (each page printed the city's counts):
    now a correction, of a text or of a status, changes its own unit's data only."""
    from helpers.report.page_data import unit_digests

    tasks = seed_table.tasks
    a, b = tasks["bureau"].value_counts().index[-2:]
    before = unit_digests(tasks, None, [a, b])
    row = tasks.index[tasks["bureau"].eq(a)][0]
    text = tasks.assign(evidence=tasks["evidence"].where(tasks.index != row, "经核实，以市统计局最新数据为准。"))
    after = unit_digests(text, None, [a, b])
    assert after[a] != before[a] and after[b] == before[b]  # a's text: a's page alone
    other = "behind" if tasks.loc[row, "status"] != "behind" else "on_pace"
    status = tasks.assign(status=tasks["status"].where(tasks.index != row, other))
    changed = unit_digests(status, None, [a, b])
    assert changed[a] != before[a] and changed[b] == before[b]  # a's status: a's page alone
    margin = tasks.copy()
    margin.attrs["ahead_margin"] = 0.2
    assert unit_digests(margin, None, [b])[b] != before[b]  # what every page reads: every page


@pytest.mark.integration
def test_one_units_row_changed_renders_that_units_page_and_the_citys_only(seed_table, tmp_path):
    copy_tables(seed_table, tmp_path)
    counts = seed_table.tasks["bureau"].value_counts()
    a, b = counts.index[-2:]
    kw = _kw(tmp_path)
    first = batch.run_batch(PERIOD, bureaus=[a, b], city=True, **kw)
    assert first.failed == [] and set(first.rendered) == {"city", f"bureau:{a}", f"bureau:{b}"}
    raw = _changed_row(seed_table, a, tmp_path / "luan_2024H1.txt")  # a's progress text, not its status
    second = batch.run_batch(PERIOD, bureaus=[a, b], city=True, **dict(kw, raw=raw))
    assert second.table_built and second.failed == []
    assert set(second.rendered) == {"city", f"bureau:{a}"} and second.unchanged == [f"bureau:{b}"]
    assert EVIL in _page(tmp_path / "output" / PERIOD, a).replace("&lt;", "<").replace("&gt;", ">") or \
        "&lt;script&gt;alert" in _page(tmp_path / "output" / PERIOD, a)
    m = second.manifest
    assert {p["tables"] for p in m["briefings"]} == {m["tables"]["key"]}  # every page stands for the new tables


def test_the_front_page_is_made_again_only_when_its_manifest_or_itself_changed(seed_table, tmp_path, monkeypatch):
    """A front page whose text came out the same is not rewritten, so its time stays older than
    the manifest: it was rebuilt on every later run while nothing changed. Now its checksum and
    the manifest's are recorded; an edited front page or a new manifest is made again."""
    from helpers.period import parse_code
    from helpers.report import front_page

    processed = copy_tables(seed_table, tmp_path)
    per = parse_code(PERIOD)
    f = batch.Folders.of(per, tmp_path, NOTEBOOKS, tmp_path / "output" / PERIOD, processed, tmp_path / ".cache")
    unit = lead_units(seed_table.tasks)[0]
    f.out.mkdir(parents=True)
    (f.out / "b.html").write_text("<p>b</p>", encoding="utf-8")
    Manifest(PERIOD, briefings=(Page("bureau", unit, f"output/{PERIOD}/b.html"),)).write(f.out / "manifest.json")
    made: list[str] = []
    real = front_page.write_front_page
    monkeypatch.setattr(front_page, "write_front_page", lambda *a, **k: made.append("front") or real(*a, **k))
    batch.write_front_pages(per, f, changed=True)
    os.utime(f.out / "manifest.json")  # a run that wrote the same manifest again, or touched it
    batch.write_front_pages(per, f, changed=False)
    assert made == ["front"]
    (f.out / "index.html").write_text("edited", encoding="utf-8")
    batch.write_front_pages(per, f, changed=False)
    assert made == ["front", "front"] and "edited" not in (f.out / "index.html").read_text(encoding="utf-8")
    Manifest(PERIOD, briefings=(Page("bureau", unit, f"output/{PERIOD}/b.html"),
                                Page("city", None, f"output/{PERIOD}/b.html"))).write(f.out / "manifest.json")
    batch.write_front_pages(per, f, changed=False)
    assert made == ["front", "front", "front"]


def test_whether_a_notebook_reads_through_the_package_is_remembered_per_version_of_the_notebook(tmp_path):
    """page_keys.page_data remembers each notebook's policy check in the batch state (a rerun
    with nothing to do then needs no pandas); a notebook edited to read a table itself is checked
    again, and its pages are keyed on the whole tables."""
    from helpers import page_keys

    nbs = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, nbs)
    record = {"files": {"tasks.parquet": "t", "indicators.parquet": "i"}, "ahead_margin": 0.1}
    args = (nbs, tmp_path, record, "TABLES", None, {"市发改委": "d"}, {"city": "c", "research": "r"})
    state: dict = {}
    first = page_keys.page_data(*args, state)
    assert first["bureau"] is not None and first["city"] != "TABLES"  # the shipped notebooks read through the package
    assert page_keys.page_data(*args, state) == first and set(state["_reads"]) == {"city", "bureau", *page_keys.RESEARCH}
    nb = nbformat.read(nbs / page_keys.NOTEBOOKS["bureau"], as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell('page.data.tasks["progress"]'))
    nbformat.write(nb, nbs / page_keys.NOTEBOOKS["bureau"])
    edited = page_keys.page_data(*args, state)
    assert edited["bureau"] is None and edited["city"] == first["city"]


@pytest.mark.integration
def test_a_moved_project_finds_its_pages_current_and_a_changed_input_still_renders(seed_table, tmp_path):
    """The batch state and the comparison's stamp name the project's files relative to its root:
    a project copied or moved elsewhere (with its cache) renders nothing again, while a changed
    report still re-renders its unit's page."""
    from helpers.table import build_table

    first_root = tmp_path / "first"
    copy_tables(seed_table, first_root)
    build_table(SEED, period="2024Q1", out=first_root / "data" / "processed" / "2024Q1", force_period=True)
    counts = seed_table.tasks["bureau"].value_counts()
    unit = counts.index[-1]
    first = batch.run_batch(PERIOD, bureaus=[unit], **_kw(first_root))
    assert first.failed == [] and first.rendered == [f"bureau:{unit}"]
    assert first.manifest["comparison"]["period"] == "2024Q1"

    moved = tmp_path / "elsewhere" / "moved"
    moved.parent.mkdir()
    first_root.rename(moved)
    copied = tmp_path / "copied"
    shutil.copytree(moved, copied)
    for root in (moved, copied):
        before = _snapshot(root / "output", root / "data")
        again = batch.run_batch(PERIOD, bureaus=[unit], **_kw(root))
        assert again.rendered == [] and again.unchanged == [f"bureau:{unit}"] and not again.table_built
        assert _snapshot(root / "output", root / "data") == before  # not even the comparison rewritten

    raw = _changed_row(seed_table, unit, tmp_path / "luan_2024H1.txt")
    changed = batch.run_batch(PERIOD, bureaus=[unit], **dict(_kw(copied), raw=raw))
    assert changed.table_built and changed.rendered == [f"bureau:{unit}"]
    assert "alert" in _page(copied / "output" / PERIOD, unit)
