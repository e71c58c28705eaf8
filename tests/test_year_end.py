"""A year-end (FY) run speaks of the year's end everywhere: the PDF's pages (tests/report/test_periods.py),
the mail body, the ledger and the research notebook; no 滞后于序时进度, no mid-year headers.

The tables are the synthetic year of tests/chain_reports.py: at 2024FY 市发改委's 竣工 task (A2)
stands at 90% of its target, behind, and everything else is completed or qualitative.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

import chain_reports as cr
from conftest import copy_year
from helpers.deliver.content import bodies, message_content
from helpers.deliver.corrections import read_corrections
from helpers.deliver.ledger import write_ledger
from helpers.deliver.settings import load_settings
from helpers.report.loading import load_period

FY, Q3 = "2024FY", "2024Q3"
BUREAU = "市发改委"
#: Mid-year words that must not appear in a year-end text (the pace note may name them to say
#: they no longer apply: it is not among the texts checked here).
MID_YEAR = re.compile(r"滞后|序时|达序时及以上")


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory, year_tables: Path) -> dict[str, Path]:
    return copy_year(year_tables, tmp_path_factory.mktemp("year-end"))


def _body(folder: Path, period: str, bureau: str | None) -> str:
    data = load_period(period, folder)
    c = message_content(data.tasks, data.label, bureau)
    text, _html = bodies(c, data.label, ["简报.pdf"], load_settings())
    return text


def test_the_mail_body_of_the_year_end_speaks_of_the_annual_target(year):
    behind_at_fy = [t for t, (s, *_r) in cr.PLAN[FY].items() if s == "behind"]
    assert behind_at_fy == [cr.A2[0]]  # the plan of the synthetic year, read independently of the tables
    bureau = _body(year[FY], FY, BUREAU)
    assert "未完成年度目标的任务：" in bureau
    assert "距年度目标10.0个百分点" in bureau and "完成90.0%" in bureau
    assert not MID_YEAR.search(bureau.split("附件：")[0]), bureau
    city = _body(year[FY], FY, None)
    assert f"未完成任务按牵头单位：{BUREAU}1项。" in city
    assert not MID_YEAR.search(city.split("附件：")[0]), city


def test_a_mid_year_mail_body_keeps_the_pace_words(year):
    bureau = _body(year[Q3], Q3, BUREAU)
    assert "滞后于序时进度的任务：" in bureau and "落后序时" in bureau


def _headers(ws) -> list[str]:
    return [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]


def test_the_year_end_ledger_has_year_end_sheets_headers_and_statuses(year, tmp_path):
    path, written = write_ledger(FY, processed_dir=year[FY], out=tmp_path / "台账.xlsx",
                                 overrides=tmp_path / "none.csv")
    assert written
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["全部任务", "未完成清单", "待复核", "单位记分", "领域", "说明"]
    every = _headers(wb["全部任务"])
    assert {"年度目标", "差距（百分点）", "部分指标未完成"} <= set(every)
    assert {"未完成", "已完成年度目标", "已完成占比"} <= set(_headers(wb["单位记分"]))
    # the sector sheet counts every status, by its year-end name
    assert _headers(wb["领域"]) == ["领域", "已完成", "超序时", "达序时", "未完成", "受阻", "待评估", "定性推进", "合计"]
    for ws in (wb["全部任务"], wb["未完成清单"], wb["待复核"], wb["单位记分"]):
        assert not [h for h in _headers(ws) if h and MID_YEAR.search(h)], ws.title
    status = every.index("状态")
    shown = {r[status] for r in wb["全部任务"].iter_rows(min_row=2, values_only=True)}
    assert "未完成" in shown and "滞后" not in shown
    behind = [r for r in wb["未完成清单"].iter_rows(min_row=2, values_only=True)]
    assert [r[2] for r in behind] == [cr.A2[0]]
    about = {r[0]: r[1] for r in wb["说明"].iter_rows(min_row=2, values_only=True)}
    assert about["年度目标"] == "100.0%" and about["超序时幅度"].startswith("不适用")
    names = wb["待复核"].data_validations.dataValidation[0].formula1
    assert "未完成" in names and "滞后" not in names


def test_a_correction_typed_as_the_year_end_name_reads_back_as_behind(year, tmp_path):
    path, _ = write_ledger(FY, processed_dir=year[FY], out=tmp_path / "台账.xlsx", overrides=tmp_path / "none.csv")
    wb = openpyxl.load_workbook(path)
    ws = wb["待复核"]
    head = _headers(ws)
    row = ws.max_row + 1
    ws.cell(row, head.index("编号") + 1, "G001")
    ws.cell(row, head.index("更正状态") + 1, "未完成")
    wb.save(path)
    period, rows = read_corrections(path)
    assert period == FY and [(r["task_id"], r["value"]) for r in rows] == [("G001", "behind")]


@pytest.mark.integration
def test_the_pace_analysis_of_the_year_end_has_year_end_headers(year, tmp_path):
    import nbformat

    from helpers.report.pool import local_kernel

    notebooks = Path(__file__).resolve().parents[1] / "notebooks"
    out = tmp_path / "pace_analysis.ipynb"
    local_kernel(str(notebooks), "").execute(notebooks / "pace_analysis.ipynb", out,
                                             {"period": FY, "processed_dir": str(year[FY])})
    nb = nbformat.read(out, as_version=4)
    html = "\n".join(o["data"]["text/html"] for c in nb.cells if c.cell_type == "code"
                     for o in c.outputs if "text/html" in o.get("data", {}))
    assert "2024年全年年度目标完成分析" in html and "<h2>完成度与年度目标</h2>" in html
    assert "按可量化任务中已完成年度目标的比例排序" in html
    assert "<th>未完成</th>" in html and "<th>已完成占比</th>" in html
    assert "序时进度分析" not in html and "达序时及以上" not in html and "<th>滞后</th>" not in html
