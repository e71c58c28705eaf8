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


# ---------------------------------------------------------------------------------------------
# a deliverable put to use, said with an operation verb and an attainment mark

@pytest.mark.parametrize("task,progress,period", [
    ("建成市政务服务中心新大楼并投入使用。", "大楼装修全部完成，5月6日起正式对外办公，入驻部门38个。", H1),
    ("建成城东客运站并投入运营。", "客运站已竣工，7月1日起，城东客运站每日开行班线120个。", Q3),
    ("建成市档案馆新馆并投入使用。", "新馆已完成设备调试，馆藏档案已全部迁入新馆运行。", Q3),
    ("开通六安至合肥城际公交。", "自3月28日起，六安至合肥城际公交每日开行40班次。", Q1),
    ("建成市第二人民医院新院区。", "新院区已于4月正式接诊，开放床位600张。", H1),
])
def test_a_deliverable_put_to_use_in_other_words_is_completed(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] == "completed" and not f["needs_review"]


@pytest.mark.parametrize("task,progress", [
    # the verb used as a noun, or with nothing saying it began
    ("开工建设港区综合码头。", "已完成项目备案、通航影响评价等工作，计划10月底开工。"),
    ("建成市政务服务中心新大楼并投入使用。", "正在进行办公楼内部装修，办公家具采购已完成招标。"),
    ("建成城东客运站并投入运营。", "客运站主体工程已完工，正在研究班线运行方案。"),
])
def test_an_operation_word_without_attainment_is_no_event(task, progress):
    assert judge(task, progress)["status"] != "completed"


# ---------------------------------------------------------------------------------------------
# deferral: a completion moved to a later date is never done

@pytest.mark.parametrize("task,progress,period,status", [
    # an authority defers it: a halt
    ("开通六安至黄山旅游专线。", "因沿线道路改造，交通运输部门通知该专线延期至明年开通。", M10, "blocked"),
    # the works slip to next year: behind
    ("建成市体育公园。", "受征迁影响，项目整体推迟至明年一季度建成。", Q3, "behind"),
    ("建成投用城南水厂。", "因设备供货延迟，水厂投用时间顺延至明年5月。", FY, "behind"),
])
def test_a_deferred_deliverable_is_not_done(task, progress, period, status):
    assert judge(task, progress, period)["status"] == status


def test_a_deferral_within_the_year_is_flagged_not_done():
    f = judge("建成市民健身中心。", "受雨季影响，项目推迟至10月底建成。", H1)
    assert f["status"] != "completed" and f["needs_review"]
