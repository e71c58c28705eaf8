"""More constructions of issue #18: what a figure counts, whose result it is, when it happened.

Each grammar is checked on several sentences written for it from the seed's and the corpus's
wording (other subjects, verbs and figures than any labelled set), so a test fails when the rule
is a phrase list in disguise.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text

H1, Q1, Q3, M10, FY = "2024H1", "2024Q1", "2024Q3", "2024M10", "2024FY"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


# ---------------------------------------------------------------------------------------------
# whose figure: another year's batch, the whole restated, candidates

@pytest.mark.parametrize("task,progress,period,status", [
    # last year's batch done says nothing of this year's
    ("完成2024年度农村户厕改造3000户。", "2023年度结转的3000户已全部完成改造；2024年度改造任务已分解到各县区，正在摸排。",
     H1, "qualitative"),
    ("新增省级美丽乡村示范村15个。", "上年度创建的12个示范村已通过省级验收；本年度15个示范村已完成创建任务。", FY,
     "completed"),
    # next year's quota handed down is no result either
    ("完成造林绿化8万亩。", "省林业局已下达我市2025年度造林任务9万亩；今年已完成造林绿化7万亩。", Q3, "ahead"),
])
def test_another_years_figure_is_not_this_years(task, progress, period, status):
    assert judge(task, progress, period)["status"] == status


@pytest.mark.parametrize("task,progress,period,status,ratio", [
    ("完成城市建成区雨污分流改造12处。", "城市建成区12处雨污混接点中已完成改造7处，其余5处正在施工。", Q3, "behind", 7 / 12),
    ("改造老旧小区52个。", "全市52个老旧小区中已完成改造30个，其余小区正在施工。", H1, "on_pace", 30 / 52),
])
def test_the_whole_restated_then_what_was_done_of_it(task, progress, period, status, ratio):
    f = judge(task, progress, period)
    assert (f["status"], round(f["completion_pct"], 4)) == (status, round(ratio, 4))


@pytest.mark.parametrize("progress", [
    "组织86家企业开展申报，经市经信局初审推荐45家，目前等待省经信厅认定。",
    "全市共有40家企业参评，已报省科技厅，等待专家评审后确定名单。",
])
def test_candidates_are_not_results(progress):
    f = judge("新增省级专精特新中小企业30家。", progress)
    assert f["status"] == "pending" and f["completion_pct"] is None
