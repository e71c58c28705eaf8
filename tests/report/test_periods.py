"""Every period type reads right: the briefings of Q1, H1, Q3, 1-11月 and FY, rendered (HTML) by
`run` on the synthetic year of tests/chain_reports.py, and their text checked.

Also: a report with no quantified table and no declared counts, and one where nothing gives a
completion ratio — the sections and lines about what the report does not have are left out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import chain_reports as cr
from conftest import copy_year
from helpers import run as batch
from helpers.compare import chain
from helpers.report import changes as changes_zh

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
BUREAU = "市发改委"


def _render(root: Path, period: str, bureau: bool = True, **kw) -> dict:
    """The city page, and BUREAU's when `bureau` (HTML only: rendered only what a test reads)."""
    out = root / "output" / period
    result = batch.run_batch(period, bureaus=[BUREAU] if bureau else [], notebooks_dir=NOTEBOOKS, output_dir=out,
                             processed_dir=root / "processed" / period, cache_dir=root / ".cache", root=root,
                             build=False, jobs=1, progress=False, city=True, research=False, formats=("html",), **kw)
    assert not result.failed, result.manifest["failures"]
    assert result.rendered == ["city"] + [f"bureau:{BUREAU}"] * bureau  # bureaus=[]: no unit's page
    pages = {"city": "city.html", "bureau": f"bureau_{BUREAU}.html" if bureau else None}
    return {k: f and re.sub(r"\s+", " ", (out / f).read_text(encoding="utf-8")) for k, f in pages.items()} | {
        "manifest": result.manifest}


#: The periods whose bureau page a test reads (the streak grows from H1 to FY).
BUREAU_PAGES = ("2024H1", "2024FY")


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory, year_tables: Path) -> dict[str, dict]:
    root = tmp_path_factory.mktemp("year")
    copy_year(year_tables, root)
    return {p: _render(root, p, bureau=p in BUREAU_PAGES) for p in cr.PERIODS}


def _one_off(tmp_path_factory, name: str, period: str, **kw) -> dict:
    from helpers.table import build_table

    root = tmp_path_factory.mktemp(name)
    raw = root / "raw" / f"{name}.txt"
    raw.parent.mkdir(parents=True)
    raw.write_text(cr.report_text("2024Q3", **kw), encoding="utf-8")
    build_table(raw, period=period, out=root / "processed" / period)
    return _render(root, period, bureau=False)


def _sections(html: str) -> list[str]:
    """The section headings shown (numbered 一、二、… by the stylesheet, in this order)."""
    return re.findall(r"<h2[^>]*>([^<]+)</h2>", html)


def _common(page: dict) -> None:
    city = page["city"]
    for html in filter(None, (city, page["bureau"])):
        assert "（未声明）" not in html
        assert len(re.findall(r"本期没有(?:滞后于序时进度|未完成年度目标)的任务", html)) <= 1
    # a section left out leaves no heading behind: each heading shown has something under it
    for part in city.split("</h2>")[1:]:
        assert re.sub(r"\s+", "", part.split("<h2")[0].replace("</div>", "").replace("<div", "")).strip(), part[:80]
    assert "h2::before { content: counter(zh-section" in city


@pytest.mark.integration
@pytest.mark.parametrize("period, pace_text", [
    ("2024Q1", "序时进度：2024年一季度末已过全年时间的25%（一季度末应完成全年任务的四分之一）"),
    ("2024H1", "序时进度：2024年上半年末已过全年时间的50%（即“时间过半、任务过半”）"),
    ("2024Q3", "序时进度：2024年前三季度末已过全年时间的75%（前三季度应完成全年任务的四分之三）"),
])
def test_mid_year_briefings_word_their_own_pace(year, period: str, pace_text: str) -> None:
    page = year[period]
    city = page["city"]
    _common(page)
    assert pace_text in city
    if period != "2024H1":
        assert "时间过半" not in city
    pct = pace_text.split("全年时间的")[1][:3]
    assert f"实线为序时进度{pct}" in city and "超序时" in city
    assert _sections(city)[2] == "滞后于序时进度的任务" and "未完成" not in city


@pytest.mark.integration
def test_the_year_end_briefing_has_completed_or_not_and_says_so(year) -> None:
    page = year["2024FY"]
    city, bureau = page["city"], page["bureau"]
    _common(page)
    assert "全年时间已满，序时进度为100%，不再区分“超序时”“达序时”" in city
    assert _sections(city)[2] == "未完成年度目标的任务" and "实线为年度目标100%" in city
    assert "未完成年度目标的1项" in city and "已完成年度目标的" in city
    assert "时间过半" not in city
    assert "达序时及以上" not in city.replace("上期达序时及以上", "")  # the Q3 column of the comparison only
    assert "超序时" not in city.replace("“超序时”", "")  # only in the note that says there is none
    assert "未完成" in bureau and "滞后于序时进度" not in bureau


@pytest.mark.integration
def test_the_first_period_says_there_is_nothing_to_compare_in_one_line(year) -> None:
    city = year["2024Q1"]["city"]
    section = city.split("较上期变化</h2>")[1].split("<h2>")[0]
    assert "未找到2024年更早一期的数据表，本期不作较上期比较。" in section
    assert "<table" not in section and "<img" not in section
    assert year["2024Q1"]["manifest"]["comparison"]["period"] is None


@pytest.mark.integration
@pytest.mark.parametrize("period, prev, names", [
    ("2024H1", "2024年一季度", ["连续2期滞后", "新滞后"]),
    ("2024Q3", "2024年上半年", ["连续3期滞后", "本期未列1项"]),
    ("2024FY", "2024年前三季度", ["仍未完成（连续4期）", "恢复4项"]),
])
def test_later_periods_show_what_changed(year, period: str, prev: str, names: list[str]) -> None:
    page = year[period]
    section = page["city"].split("较上期变化</h2>")[1].split("<h2>")[0]
    assert f"与{prev}相比" in section
    for n in names:
        assert n in section, n
    m = page["manifest"]["comparison"]
    assert m["period"] == cr.PERIODS[cr.PERIODS.index(period) - 1]
    assert [c["path"].split("/")[-2] for c in m["compared"]] == list(cr.PERIODS[:cr.PERIODS.index(period)])
    assert all(len(c["sha256"]) == 64 for c in m["compared"])


@pytest.mark.integration
def test_the_bureau_briefing_lists_its_behind_streak(year) -> None:
    # 市发改委 leads A: behind since Q1; at FY its 竣工 part is still behind (split from A)
    # at the year's end behind reads 未完成, and so do its changes (转为未完成, 仍未完成)
    fy = year["2024FY"]["bureau"].split("较上期变化</h2>")[1]
    assert "转为未完成" not in fy.split("<table")[0] and "仍未完成1项" in fy
    assert cr.A2[0].rstrip("。") in fy and "仍未完成（连续4期）" in fy and "滞后" not in fy.split("<table")[0]
    h1 = year["2024H1"]["bureau"].split("较上期变化</h2>")[1]
    assert "连续2期滞后" in h1


@pytest.mark.integration
def test_month_period_reads_as_months(tmp_path_factory) -> None:
    page = _one_off(tmp_path_factory, "m11", "2024M11", label="1-11月")
    city = page["city"]
    _common(page)
    assert "序时进度：2024年1-11月末已过全年时间的91.7%（即11/12）" in city
    assert "实线为序时进度91.7%" in city and "时间过半" not in city


@pytest.mark.integration
def test_a_report_without_quantified_table_or_declared_counts(tmp_path_factory) -> None:
    page = _one_off(tmp_path_factory, "general_only", "2024Q3", quantified=False, declare=False)
    city = page["city"]
    _common(page)
    assert "附件1" not in city and "量化指标完成情况" not in city
    assert "解析重点工作8项" in city and "声明" not in city
    assert _sections(city) == ["总体情况", "完成度与序时进度", "滞后于序时进度的任务", "较上期变化", "牵头单位排名",
                               "方法与数据说明"]


@pytest.mark.integration
def test_nothing_measured_leaves_out_figure_2_and_the_empty_list(tmp_path_factory) -> None:
    page = _one_off(tmp_path_factory, "qualitative", "2024Q3", progress=cr.QUAL)
    city = page["city"]
    _common(page)
    assert "图2" not in city and city.count("<img") == 1  # figure 1 only
    assert city.count("本期没有滞后于序时进度的任务。") == 1


@pytest.mark.integration
def test_compare_to_picks_another_period_and_the_manifest_says_so(tmp_path_factory, year_tables) -> None:
    root = tmp_path_factory.mktemp("compare_to")
    copy_year(year_tables, root)
    page = _render(root, "2024FY", compare_to="2024H1")
    assert page["manifest"]["comparison"]["period"] == "2024H1"
    assert "与2024年上半年相比" in page["city"] and "仍未完成（连续3期）" in page["city"]


@pytest.mark.integration  # tables built from two reports, then mail drafted
def test_mail_lines_name_the_tasks(tmp_path: Path, year_tables: Path) -> None:
    copy_year(year_tables, tmp_path)
    comp = chain.build_comparison("2024FY", tmp_path / "processed" / "2024FY", fixes_path=tmp_path / "none.csv")
    city = changes_zh.mail_lines(comp.changes)
    assert any(line.startswith("较2024年前三季度仍未完成：") and "竣工亿元以上项目120个以上" in line
               and "连续4期" in line and "（市发改委）" in line for line in city)
    n, m = chain.coverage(comp.changes, "市住建局")
    assert m and changes_zh.mail_lines(comp.changes, "市住建局") == [
        f"较2024年前三季度（比对了{n}项中的{m}项）：本单位没有转为未完成或仍未完成的任务。"]
    assert changes_zh.mail_lines(None) == []
