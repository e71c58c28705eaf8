"""The batch: real notebooks through papermill on the seed, what they rendered, reruns, failures."""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from helpers import batch
from helpers.bureaus import lead_units
from helpers.schema import TASKS_SCHEMA, write_table

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "luan_2024H1.txt"
NOTEBOOKS = ROOT / "notebooks"
PERIOD = "2024H1"
EVIL = '<script>alert("x")</script> & 核查'


# --------------------------------------------------------------------------------------------
# names (fast)


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
    monkeypatch.setattr(batch, "run_batch", lambda *a, **k: failing)
    args = argparse.Namespace(period=PERIOD, raw=None, bureau=["x"], all_bureaus=False, formats="html,pdf",
                              jobs=1, ahead_margin=0.1)
    assert batch.run_command(args) == 1
    assert "boom" in capsys.readouterr().err


# --------------------------------------------------------------------------------------------
# the real thing (integration)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The seed's tables built once into a temporary project, and two busy bureaus."""
    from helpers.table import build_table

    root = tmp_path_factory.mktemp("project")
    processed = root / "data" / "processed" / PERIOD
    build_table(SEED, period=PERIOD, out=processed)
    tasks = pd.read_parquet(processed / "tasks.parquet")
    counts = tasks["bureau"].value_counts()
    bureaus = ["市发改委", next(b for b in counts.index if b != "市发改委")]
    return {"root": root, "processed": processed, "cache": root / ".cache", "bureaus": bureaus}


def _run(world, out: Path, bureaus, notebooks: Path = NOTEBOOKS, **kw) -> batch.BatchResult:
    return batch.run_batch(PERIOD, bureaus=bureaus, notebooks_dir=notebooks, output_dir=out,
                           processed_dir=world["processed"], cache_dir=world["cache"], root=world["root"],
                           build=False, jobs=2, progress=False, **kw)


@pytest.fixture(scope="module")
def first_run(world):
    out = world["root"] / "output" / PERIOD
    result = _run(world, out, world["bureaus"])
    return {"out": out, "result": result}


def _pdftext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _snapshot(folder: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


@pytest.mark.integration
def test_batch_renders_city_and_bureaus(world, first_run):
    result, out, root = first_run["result"], first_run["out"], world["root"]
    assert result.failed == [], result.manifest["failures"]
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert list(m) == ["period", "inputs", "parameters", "versions", "comparison", "briefings", "failures"]
    assert m["comparison"]["period"] is None  # no earlier period built beside this one
    assert m["period"] == PERIOD and m["failures"] == []
    assert all(set(i) == {"path", "sha256"} and len(i["sha256"]) == 64 for i in m["inputs"])
    assert {"pandas", "papermill", "nbconvert", "weasyprint", "matplotlib"} <= set(m["versions"])
    kinds = [(b["kind"], b["bureau"]) for b in m["briefings"]]
    assert kinds == [("city", None)] + [("bureau", b) for b in world["bureaus"]]
    for b in m["briefings"]:
        assert set(b) == {"kind", "bureau", "html", "pdf", "seconds"} and b["seconds"] > 0
        for key in ("html", "pdf"):
            assert not Path(b[key]).is_absolute() and (root / b[key]).exists()
            assert ".." not in Path(b[key]).parts and Path(b[key]).parent == Path("output", PERIOD)

    city = next(b for b in m["briefings"] if b["kind"] == "city")
    city_pdf = root / city["pdf"]
    assert city_pdf.stat().st_size < 2_000_000
    text = _pdftext(city_pdf)
    assert "滞后" in text and "市发改委" in text and "序时进度" in text
    for b in m["briefings"][1:]:
        pdf = root / b["pdf"]
        assert pdf.stat().st_size < 600_000
        assert b["bureau"] in _pdftext(pdf)

    fonts = subprocess.run(["pdffonts", str(city_pdf)], capture_output=True, text=True, check=True).stdout
    assert all(" yes yes " in l for l in fonts.splitlines()[2:] if l.strip()), fonts  # embedded + subset

    # the research notebooks, as HTML for the researchers
    assert (out / "data_quality.html").exists() and (out / "pace_analysis.html").exists()


@pytest.mark.integration
def test_html_has_no_code_and_notebooks_are_kept(world, first_run):
    out = first_run["out"]
    for html in out.glob("*.html"):
        page = html.read_text(encoding="utf-8")
        assert '<html lang="zh-CN">' in page
        assert "jp-CodeMirrorEditor" not in page and "jp-InputPrompt" not in page and "In&nbsp;[" not in page
        assert 'class="highlight' not in page  # no syntax-highlighted source
        assert "load_period" not in page and "from helpers import" not in page  # code stays out
        assert "Traceback" not in page
    nb = nbformat.read(str(out / "notebooks" / "bureau_市发改委.ipynb"), as_version=4)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and "bureau = " in injected[0].source
    assert nb.metadata["papermill"]["parameters"]["bureau"] == "市发改委"


@pytest.mark.integration
def test_rerun_with_nothing_changed_rewrites_nothing(world, first_run):
    out = first_run["out"]
    before = _snapshot(out)
    result = _run(world, out, world["bureaus"])
    assert result.rendered == [] and result.failed == []
    assert _snapshot(out) == before


@pytest.mark.integration
def test_one_bureau_change_rerenders_its_dependents_and_escapes(world, first_run, tmp_path):
    out = first_run["out"]
    a, b = world["bureaus"]
    tasks = pd.read_parquet(world["processed"] / "tasks.parquet")
    row = tasks.index[tasks["bureau"].eq(a)][0]
    tasks.loc[row, "evidence"] = EVIL + str(tasks.loc[row, "evidence"] or "")
    tasks.loc[row, "task"] = EVIL + str(tasks.loc[row, "task"])
    write_table(tasks, world["processed"] / "tasks.parquet", TASKS_SCHEMA)
    before = _snapshot(out)

    result = _run(world, out, world["bureaus"])
    assert result.failed == []
    assert set(result.rendered) == {"city", "data_quality", "pace_analysis", f"bureau:{a}"}
    after = _snapshot(out)
    untouched = [p for p in before if f"bureau_{batch.safe_slug(b)}" in p]
    assert untouched and all(after[p] == before[p] for p in untouched)

    # The untouched bureau's page, made by a warm kernel before the change, is what a fresh
    # kernel makes now: the warm kernel leaks nothing between notebooks, and the bureau digest
    # (batch.city_context) covers everything this page shows of other bureaus' rows.
    from helpers import render

    fresh = render.render_notebook(
        NOTEBOOKS / "briefing_bureau.ipynb",
        {"period": PERIOD, "bureau": b, "processed_dir": str(world["processed"].resolve())},
        ipynb=tmp_path / "fresh.ipynb", html=tmp_path / "fresh.html", pdf=None,
        title=f"{b}重点工作落实情况", period_label="2024年上半年")
    assert fresh.html.read_text(encoding="utf-8") == (out / f"bureau_{batch.safe_slug(b)}.html").read_text(
        encoding="utf-8"), "warm kernel leaked state, or the bureau page shows data its digest misses"

    page = (out / f"bureau_{batch.safe_slug(a)}.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<script" not in page  # nothing executable at all in a briefing
    assert "核查" in _pdftext(out / f"bureau_{batch.safe_slug(a)}.pdf")


@pytest.mark.integration
def test_a_failing_notebook_does_not_stop_the_batch(world, first_run, tmp_path):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks)
    broken = nbformat.read(str(notebooks / "data_quality.ipynb"), as_version=4)
    broken.cells.append(nbformat.v4.new_code_cell('raise RuntimeError("deliberately broken")'))
    nbformat.write(broken, str(notebooks / "data_quality.ipynb"))
    out = tmp_path / "output"
    good = world["bureaus"][0]

    bad = "../../不存在的单位"  # unknown, and a name that must not become a path
    result = _run(world, out, [bad, good], notebooks=notebooks)
    m = result.manifest
    failed = {(f["kind"], f["bureau"]) for f in m["failures"]}
    assert failed == {("data_quality", None), ("bureau", bad)}
    bad_nb = next(Path(f["notebook"]) for f in m["failures"] if f["bureau"] == bad)
    assert bad_nb.parent == out / "notebooks" and bad_nb.name == "bureau_不存在的单位.ipynb"
    for f in m["failures"]:
        nb_path = world["root"] / f["notebook"] if not Path(f["notebook"]).is_absolute() else Path(f["notebook"])
        assert nb_path.exists(), f  # the executed notebook is kept, with its error
        nb = nbformat.read(str(nb_path), as_version=4)
        assert any(o.get("output_type") == "error" for c in nb.cells if c.cell_type == "code" for o in c.outputs)
        assert f["error"]
    assert "deliberately broken" in next(f["error"] for f in m["failures"] if f["kind"] == "data_quality")
    # the others rendered
    assert [(b["kind"], b["bureau"]) for b in m["briefings"]] == [("city", None), ("bureau", good)]
    assert (out / "city.pdf").exists() and (out / f"bureau_{batch.safe_slug(good)}.pdf").exists()
    assert not (out / "data_quality.html").exists()


def test_every_lead_unit_gets_a_briefing(world):
    tasks = pd.read_parquet(world["processed"] / "tasks.parquet")
    units = lead_units(tasks)
    assert len(units) == len(set(units)) and "" not in units
    # first leads, then units printed only as co-leads (市交通局,霍邱县政府 → 霍邱县政府)
    firsts = list(dict.fromkeys(tasks["bureau"]))
    assert units[:len(firsts)] == firsts
    assert {"霍邱县政府", "各县区政府", "市开发区管委"} <= set(units[len(firsts):])
    every = {u for cell in tasks["bureaus"] for u in cell.split("、")}
    assert set(units) == every


def test_table_is_rebuilt_for_its_code_and_lookups_not_for_recipients(tmp_path):
    names = {p.name for p in batch.reference_files()}
    assert "recipients.csv" not in names and {"bureaus.csv", "sector_rules.csv", "overrides.csv"} <= names
    closure = {p.name for p in batch.helpers_closure(["helpers.table"])}
    assert {"parse.py", "pace.py", "indicators.py", "overrides.py", "sectors.py"} <= closure
    assert "mail.py" not in closure and "render.py" not in closure
