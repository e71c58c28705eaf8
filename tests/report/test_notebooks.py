"""The notebooks: committed clean, parameterised for papermill, and they execute on the seed.

The hygiene tests read the committed files. The integration tests read the notebooks the
shared batch run executed (conftest `rendered`: papermill on the seed table, in a temporary
project; nothing is executed twice) and check what they show: the city briefing's behind list
is exactly the tasks with status 'behind', a bureau briefing lists that bureau's tasks with the
behind ones first, and nothing wrote to stderr or raised.
"""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from conftest import copy_year

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
EXPECTED_PARAMETERS = {
    "briefing_city.ipynb": {"period", "as_of", "processed_dir"},
    "briefing_bureau.ipynb": {"period", "bureau", "processed_dir"},
    "pace_analysis.ipynb": {"period", "processed_dir"},
    "data_quality.ipynb": {"period", "processed_dir"},
    "trend.ipynb": {"period", "processed_dir"},
    "review.ipynb": {"period", "processed_dir", "include_settled", "decisions", "overrides_path"},
}


def _read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS / name, as_version=4)


def _parameters_cells(nb: nbformat.NotebookNode) -> list:
    return [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]


# ------------------------------------------------------------------------------ hygiene


def test_the_notebooks_exist() -> None:
    assert {p.name for p in NOTEBOOKS.glob("*.ipynb")} >= set(EXPECTED_PARAMETERS)


@pytest.mark.parametrize("name", sorted(EXPECTED_PARAMETERS))
def test_notebook_is_valid_and_committed_without_outputs(name: str) -> None:
    nb = _read(name)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{name}: a code cell has outputs"
            assert cell.execution_count is None, f"{name}: a code cell has an execution count"
    assert "papermill" not in nb.metadata, f"{name}: committed from a papermill run"


@pytest.mark.parametrize("name", sorted(EXPECTED_PARAMETERS))
def test_notebook_metadata_lets_papermill_pick_the_kernel(name: str) -> None:
    md = _read(name).metadata
    assert md.get("kernelspec") == {"name": "python3", "display_name": "Python 3", "language": "python"}
    assert md.get("language_info", {}).get("name") == "python"


@pytest.mark.parametrize("name", sorted(EXPECTED_PARAMETERS))
def test_parameters_cell_is_tagged_commented_and_complete(name: str) -> None:
    cells = _parameters_cells(_read(name))
    assert len(cells) == 1, f"{name}: needs exactly one cell tagged 'parameters'"
    source = cells[0].source
    for line in source.splitlines():
        if line.strip():
            assert "  # " in line and line.split("  # ", 1)[1].strip(), f"{name}: uncommented line {line!r}"
    tree = ast.parse(source)
    names = {t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets}
    assert all(isinstance(node, ast.Assign) for node in tree.body), f"{name}: parameters cell holds only assignments"
    assert names == EXPECTED_PARAMETERS[name]
    values = {t.id: ast.literal_eval(node.value) for node in tree.body for t in node.targets}
    assert values["period"] == "2024H1" and values["processed_dir"] is None
    if name == "briefing_city.ipynb":
        assert values["as_of"] is None  # the ahead margin is the table's, not a parameter


@pytest.mark.parametrize("name", sorted(EXPECTED_PARAMETERS))
def test_notebooks_stay_thin(name: str) -> None:
    """Logic lives in helpers: no seaborn (slow import), no function definitions, short cells."""
    nb = _read(name)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    joined = "\n".join(code)
    assert "seaborn" not in joined and "def " not in joined
    assert max(len(c.splitlines()) for c in code) <= 12
    assert any(c.cell_type == "markdown" for c in nb.cells)


def test_charts_and_briefing_do_not_import_seaborn() -> None:
    for mod in ("report/charts.py", "report/briefing.py"):
        text = (ROOT / "src" / "helpers" / mod).read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+seaborn", text, re.M), mod


# ------------------------------------------------------------------------------ execution


def _executed(rendered, stem: str) -> nbformat.NotebookNode:
    """A notebook as the shared batch run executed it."""
    return nbformat.read(rendered.out / "notebooks" / f"{stem}.ipynb", as_version=4)


def _bureau_nb(rendered, bureau: str) -> nbformat.NotebookNode:
    from helpers.run import safe_slug

    return _executed(rendered, f"bureau_{safe_slug(bureau)}")


def _execute(name: str, out_dir: Path, **parameters) -> nbformat.NotebookNode:
    """Run a notebook the shared batch run does not (the trend notebook needs a year of tables)."""
    from helpers.report.pool import local_kernel

    out = out_dir / name
    local_kernel(str(NOTEBOOKS), "").execute(NOTEBOOKS / name, out, parameters)  # papermill, warm kernel
    return nbformat.read(out, as_version=4)


def _outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]


def _html(nb: nbformat.NotebookNode) -> str:
    """The page as exported: outputs and markdown, headings filled from the page's facts."""
    from helpers.report.render import export_html

    return export_html(nb, "title", "period")


def _section_tables(nb: nbformat.NotebookNode, heading: str) -> list[pd.DataFrame]:
    """The HTML tables shown under the section heading starting with `heading` ("## 较上期变化"): a
    markdown heading (its blanks filled from the page's facts, as the export fills them) or an <h2> output."""
    from helpers.report.outline import fill_markdown
    from helpers.report.render import REMOVE_CELL_TAGS

    title = heading.removeprefix("## ")
    chunks: list[str] = []
    found = False
    for cell in fill_markdown(nb, REMOVE_CELL_TAGS).cells:
        if cell.cell_type == "markdown":
            if cell.source.startswith("## "):
                if found:
                    break
                found = cell.source.startswith(heading)
            continue
        for o in cell.outputs:
            html = o.get("data", {}).get("text/html", "")
            for part in re.split(r"(?=<h2>)", html):
                if part.startswith("<h2>"):
                    if found:
                        return [t for c in chunks if "<table" in c for t in pd.read_html(io.StringIO(c))]
                    found = part.startswith(f"<h2>{title}")
                if found:
                    chunks.append(part)
    assert found, f"no section {heading!r}"
    return [t for c in chunks if "<table" in c for t in pd.read_html(io.StringIO(c))]


def _assert_clean_run(nb: nbformat.NotebookNode) -> None:
    for o in _outputs(nb):
        assert o["output_type"] != "error", o.get("evalue")
        assert o["output_type"] != "stream", f"unexpected {o.get('name')}: {o.get('text', '')[:300]}"


@pytest.mark.integration
def test_city_briefing_executes_and_shows_the_behind_list(rendered, seed_table) -> None:
    from helpers.report import briefing as b

    nb = _executed(rendered, "city")
    _assert_clean_run(nb)
    tasks = seed_table.tasks
    html = _html(nb)
    n_behind = int(tasks["status"].eq("behind").sum())  # counted here, not by helpers.report.briefing
    assert "2024年上半年市政府重点工作落实情况简报" in html
    assert f"滞后于序时进度的{n_behind}项" in html and f"共有重点工作{len(tasks)}项" in html

    behind = tasks[tasks["status"].eq("behind")]
    assert len(behind) > 0, "the seed has tasks behind pace (e.g. 生态环境质量, 未达到序时进度)"
    [shown] = _section_tables(nb, "## 滞后于序时进度的任务")
    assert sorted(shown["序号"]) == sorted(b.task_ref(t, s) for t, s in zip(behind["table"], behind["seq"]))
    assert set(shown["牵头单位"]) <= set(behind["bureaus"])
    assert shown["依据"].str.len().max() <= 120

    assert "较上期变化</h2>" in html and "本期不作较上期比较" in html  # no earlier period here
    assert _section_tables(nb, "## 较上期变化") == []  # one line, no empty table or chart
    [ind] = _section_tables(nb, "## 量化指标")
    data = b.load_period("2024H1", seed_table.out_dir)
    assert len(ind) == len(b.indicators_table(data, table="quantified"))
    [board] = _section_tables(nb, "## 牵头单位排名")
    ranked = b.bureau_scoreboard(tasks).query("measured > 0")
    assert list(board["牵头单位"]) == list(ranked["bureau"])

    images = [o for o in _outputs(nb) if "image/png" in o.get("data", {})]
    assert len(images) == 2
    for o in images:
        assert int(o["metadata"]["image/png"]["width"]) <= 650  # ≈ 6.8 in: fits A4 portrait
    assert "序时进度：2024年上半年末已过全年时间的50%" in html  # the method note


@pytest.mark.integration
def test_bureau_briefing_puts_behind_first(rendered, seed_table) -> None:
    from helpers.report import briefing as b

    tasks = seed_table.tasks
    # the bureau with the most tasks behind pace: the list must open with them
    bureau = tasks.loc[tasks["status"].eq("behind"), "bureau"].value_counts().index[0]
    assert bureau == rendered.behind
    nb = _bureau_nb(rendered, bureau)
    _assert_clean_run(nb)
    html = _html(nb)
    assert f"{bureau} 2024年上半年重点工作落实情况" in html
    shown, *rest = _section_tables(nb, "## 各项任务进展")
    mine = b.bureau_tasks(tasks, bureau)
    n_qualitative = int(mine["status"].eq("qualitative").sum())
    assert len(shown) == len(mine) - n_qualitative
    if n_qualitative:
        [listed] = rest
        assert len(listed) == n_qualitative and list(listed.columns) == ["序号", "重点工作", "进展摘要"]
        assert f"定性推进的任务（{n_qualitative}项）" in html
    n_behind = int(mine["status"].eq("behind").sum())
    assert n_behind > 0
    assert shown["状态"].iloc[:n_behind].str.startswith("滞后").all()
    assert not shown["状态"].iloc[n_behind:].str.startswith("滞后").any()
    [figures] = _section_tables(nb, "## 总体情况")
    assert list(figures["范围"]) == [bureau]  # its own figures; the city's are on the city briefing
    assert list(figures["重点工作"]) == [int(tasks["bureau"].eq(bureau).sum())]
    assert "排第" not in html and "全市简报" in html


@pytest.mark.integration
def test_bureau_briefing_for_a_unit_that_only_co_leads(rendered, seed_table) -> None:
    from helpers.report import briefing as b

    tasks = seed_table.tasks
    primaries = set(tasks["bureau"])
    joint_only = sorted({u for bs in tasks["bureaus"].dropna() for u in bs.split("、")[1:] if u not in primaries})
    if not joint_only:
        pytest.skip("every lead unit in the seed is first lead of some task")
    assert joint_only[0] == rendered.co_lead
    nb = _bureau_nb(rendered, joint_only[0])
    _assert_clean_run(nb)
    assert "没有作为第一牵头单位的重点工作" in _html(nb)
    shown = pd.concat(_section_tables(nb, "## 各项任务进展"))
    assert len(shown) == len(b.bureau_tasks(tasks, joint_only[0]))
    assert shown["重点工作"].str.contains("联合牵头").all()


@pytest.mark.integration
def test_pace_analysis_executes(rendered, seed_table) -> None:
    nb = _executed(rendered, "pace_analysis")
    _assert_clean_run(nb)
    images = [o for o in _outputs(nb) if "image/png" in o.get("data", {})]
    assert len(images) == 3  # sector bars, completion vs pace, bureau × status
    board = _section_tables(nb, "## 牵头单位记分表")[0]
    assert len(board) == seed_table.tasks["bureau"].nunique()
    assert "序时进度分析" in _html(nb)


@pytest.mark.integration
def test_data_quality_executes_and_reports_counts(rendered, seed_table) -> None:
    nb = _executed(rendered, "data_quality")
    _assert_clean_run(nb)
    [counts] = _section_tables(nb, "## 数量核对")
    declared = dict(zip(counts["表格"], counts["原文声明"]))
    assert declared == {"量化重点工作": 35, "重点工作": 156}
    names = {"quantified": "量化重点工作", "general": "重点工作"}
    assert dict(zip(counts["表格"], counts["解析"])) == {names[k]: v for k, v in seed_table.quality.parsed_counts.items()}
    assert "数据质量报告" in _html(nb)


@pytest.mark.integration
def test_trend_executes_on_a_synthetic_year(tmp_path: Path, year_tables: Path) -> None:
    """Q1 → H1 → Q3 → FY built from the seed (tests/chain_reports.py): the match table to review
    holds the rewording, split and merge built into the fixtures, and the bureau shares one column per period."""
    import chain_reports as cr

    copy_year(year_tables, tmp_path)
    nb = _execute("trend.ipynb", tmp_path, period="2024FY", processed_dir=str(tmp_path / "processed" / "2024FY"))
    _assert_clean_run(nb)
    images = [o for o in _outputs(nb) if "image/png" in o.get("data", {})]
    assert len(images) == 1
    [shares] = _section_tables(nb, "## 各牵头单位")
    assert list(shares.columns) == ["牵头单位", *cr.PERIODS]
    [review] = _section_tables(nb, "## 待核对")
    assert {"文字改动", "拆分", "合并", "本期未列", "本期新增"} <= set(review["对应方式"])
    assert set(review.loc[review["对应方式"].eq("拆分"), "本期"]) == {"2024FY"}


# ------------------------------------------------------------------------------ briefings as documents

#: What a briefing notebook may call: the page and its note list; each shows, none returns a sentence.
PAGE_CALLS = {"city_page", "bureau_page", "title", "say", "caption", "table", "chart", "notes", "key_figures", "note"}


@pytest.mark.parametrize("name", ["briefing_city.ipynb", "briefing_bureau.ipynb"])
def test_briefing_notebooks_hold_words_not_layout(name: str) -> None:
    """Sentences are templates written in the notebook; layout lists and sentence-making calls are not."""
    nb = _read(name)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    tree = ast.parse(code)
    calls = [n.func for n in ast.walk(tree) if isinstance(n, ast.Call)]
    names = {f.attr if isinstance(f, ast.Attribute) else f.id for f in calls}
    assert names <= PAGE_CALLS, names - PAGE_CALLS
    assert not [n for n in ast.walk(tree) if isinstance(n, (ast.List, ast.Tuple, ast.Dict))]  # no layout lists
    assert not {k.arg for n in ast.walk(tree) if isinstance(n, ast.Call) for k in n.keywords} - {
        "when", "otherwise", "year_end"}
    says = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "say"]
    assert says and all(isinstance(n.args[0], ast.Constant) and "{" in n.args[0].value for n in says[:1])
    headings = [c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## ")]
    assert len(headings) >= 4  # the sections are the researcher's markdown


@pytest.mark.integration
def test_a_sentence_reworded_in_the_notebook_reaches_the_bureau_pdf(rendered, tmp_path: Path) -> None:
    """A researcher rewords the headline template and drops the changes section: the next run shows both."""
    import shutil
    import subprocess

    from helpers import run as batch

    books = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS, books)
    nb = nbformat.read(books / "briefing_bureau.ipynb", as_version=4)
    for cell in nb.cells:
        cell.source = cell.source.replace("共有重点工作{n}项", "本期牵头重点工作合计{n}项（研究室改写）")
    nb.cells = [c for c in nb.cells if "较上期变化" not in c.source and "no_earlier" not in c.source]
    nbformat.write(nb, books / "briefing_bureau.ipynb")
    kw = {**rendered.kw, "notebooks_dir": books, "output_dir": tmp_path / "out", "cache_dir": tmp_path / "cache"}
    result = batch.run_batch("2024H1", bureaus=[rendered.behind], city=False, research=False, formats=("pdf",), **kw)
    assert not result.failed
    [pdf] = (tmp_path / "out").glob("bureau_*.pdf")
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    n = int(rendered.processed.joinpath("tasks.parquet").exists() and
            pd.read_parquet(rendered.processed / "tasks.parquet").eq(rendered.behind)["bureau"].sum())
    assert f"本期牵头重点工作合计{n}项（研究室改写）" in text
    assert "较上期变化" not in text and "共有重点工作" not in text
