"""Figures in the target's unit that cannot measure it (helpers.judge.moot.nothing_could_measure): a
single month's figure and the shares said of it. Beside them, the variants where a figure could measure
the target: it is read or flagged.

Variants are derived from the read sets' voices (sets 7, 8, 11, 12, 13, 14), reworded, renumbered and
moved to other sectors.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text

H1, Q1, Q3, M8, M10 = "2024H1", "2024Q1", "2024Q3", "2024M8", "2024M10"


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
    # a stock (总数, 现有, 共有, 保有量) beside a target of additions: not how many were added
    ("全年新建5G基站1800个。", "截至9月底,已新建5G基站1500个,全市5G基站总数达10200个。", Q3),
    ("新建区域自动气象站40个。", "前三季度新建区域自动气象站31个，全市区域自动气象站总数达到436个。", Q3),
    ("新增省级科技企业孵化器和众创空间5家。", "上半年新增省级众创空间3家，全市现有省级以上孵化载体41家。", H1),
    ("全年新增公共充电桩3000个。", "上半年新增公共充电桩1600个，全市公共充电桩保有量达1.9万个。", H1),
    ("全年新培育专精特新企业50家。", "1-8月新培育专精特新企业37家，全市共有专精特新企业412家。", M8),
])
def test_a_stock_beside_a_target_of_additions_is_no_second_reading(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] in ("ahead", "on_pace", "completed") and not f["needs_review"], f["review_reason"]


@pytest.mark.parametrize("task,progress,period", [
    # a target of a stock: the total is its measure
    ("全市5G基站总数达到1.2万个。", "截至9月底,已新建5G基站1500个,全市5G基站总数达10200个。", Q3),
    # additions said twice, neither a stock: which is this year's was not read
    ("全年新建5G基站1800个。", "截至9月底,已新建5G基站1500个,今年全市新建5G基站1200个。", Q3),
])
def test_a_total_that_could_be_the_targets_measure_still_bears(task, progress, period):
    f = judge(task, progress, period)
    assert f["needs_review"] or f["evidence"], f
