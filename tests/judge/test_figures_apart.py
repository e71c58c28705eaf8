"""Figures in the target's unit that cannot measure it (helpers.judge.moot.nothing_could_measure): a
single month's figure, and a count of candidates put forward. Beside each, the variant where a figure
could measure the target, and the flag still fires.

Variants are derived from the read sets' voices (single months: sets 7, 11, 12, 13; candidates: sets 1,
4, 5, 8, 9, 15), reworded, renumbered and moved to other sectors.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text
from helpers.statuses import REVIEW_REASONS

H1, Q1, Q3, M8, M10 = "2024H1", "2024Q1", "2024Q3", "2024M8", "2024M10"
UNMEASURED = REVIEW_REASONS["target_unmeasured"]


def judge(task: str, progress: str, period: str) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period", [
    # a month's amount beside an annual amount: no share of the year
    ("全年实现社会消费品零售总额1300亿元。", "组织开展促消费活动。10月当月全市实现社会消费品零售总额118亿元,同比增长4.9%。"
     "下一步将抓住元旦消费旺季开展促销。", M10),
    ("全年完成水利固定资产投资60亿元。", "实行项目挂图作战,8月份单月完成水利投资6.3亿元,环比增长17%。", M8),
    ("全年开展食品安全监督抽检1.2万批次。", "按照年度抽检计划推进;3月份当月完成抽检1046批次。各县区抽检情况二季度汇总。", Q1),
    ("全市年度供电量达到120亿千瓦时。", "6月当月全市供电量10.6亿千瓦时，环比增长5.1%，迎峰度夏准备充分。", H1),
    ("全年发放创业担保贷款8亿元。", "9月份，全市单月新发放创业担保贷款0.92亿元，环比增长8%，为年内单月最高。", Q3),
])
def test_a_single_months_figure_cannot_measure_the_years_target(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] == "qualitative"
    assert not f["needs_review"], f["review_reason"]


@pytest.mark.parametrize("task,progress,period", [
    # the cumulative figure beside the month's is a measure (read, or flagged)
    ("全年实现社会消费品零售总额1300亿元。", "10月当月全市实现社会消费品零售总额118亿元；全市社会消费品零售总额1020亿元,同比增长4.9%。", M10),
    # a month named with 以来 or a span of months is cumulative
    ("全年完成水利固定资产投资60亿元。", "实行项目挂图作战,2月份以来全市水利在建项目推进顺利,完成水利投资6.3亿元。", M8),
    # a percentage outside the month's sentence could be a share of the plan
    ("全年开展食品安全监督抽检1.2万批次。", "3月份当月完成抽检1046批次。一季度抽检进度为年度计划的26%。", Q1),
])
def test_a_figure_or_share_beside_the_months_still_bears(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] != "qualitative" or f["needs_review"], f


@pytest.mark.parametrize("task,progress,period", [
    # intentions, reserves and applications counted in the target's unit: nothing done yet
    ("全年引进高层次人才团队20个。", "人才引进工作正在推进，目前已达成初步意向11个。县里已安排人才专项资金800万元。", Q3),
    ("全年招引亿元以上工业项目150个。", "上半年谋划储备亿元以上项目310个，计划下半年集中签约一批。", H1),
    ("全年实现高校毕业生留岗就业2万人。", "1-8月,举办高校毕业生专场招聘会18场,达成就业意向6200人;发放就业见习补贴520万元。", M8),
    ("年内打造数字化应用场景12个。", "组织各县区、各部门申报应用场景，收到申报材料41份，目前正组织专家评审。", H1),
    ("全年补充耕地3000亩。", "省厅下达补充耕地任务已分解至各县区。目前各县区已申报补充耕地项目2650亩，均在施工中。", Q3),
])
def test_a_count_of_candidates_cannot_measure_a_count_of_results(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] == "qualitative"
    assert UNMEASURED not in (f["review_reason"] or ""), f["review_reason"]


@pytest.mark.parametrize("task,progress,period", [
    # the target is that very act: the candidates are its result (read, or flagged)
    ("全年谋划储备亿元以上项目300个。", "上半年谋划储备亿元以上项目110个，计划下半年集中签约一批。", H1),
    # a result beside the candidates still could measure the target
    ("全年引进高层次人才团队20个。", "目前已达成初步意向11个，已落地团队9个。", Q3),
])
def test_candidates_beside_a_result_or_for_their_own_act_still_bear(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] != "qualitative" or f["needs_review"], f
