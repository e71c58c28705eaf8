"""Issue #18 and DOMAIN (pending: "or is seasonal"): work whose season comes later in the year.

搬迁工作计划于汛后10月份集中开展, 冬春季集中除治期为当年10月至次年4月, 疫木除治须在冬春季集中开展: when nothing
measures the task, a cell that puts the task's work in its season is 待评估, not 定性推进. A figure of the task
measures it whatever the season says; a month planned with no season is a plan.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text


def judge(task: str, progress: str, period: str) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period", [
    ("全年完成森林抚育5万亩。", "森林抚育须在秋冬季（10月至次年2月）集中开展，目前正在开展作业设计。", "2024H1"),
    ("全年实施地质灾害避险搬迁150户。",
     "按照“汛前排查、汛后搬迁”的安排，搬迁工作计划于汛后9月份集中开展，目前已完成安置点选址8处。", "2024M6"),
    ("全年完成松材线虫病疫木除治5万株。", "冬春季集中除治期为当年11月至次年3月，二季度为监测期，未开展除治作业。", "2024H1"),
    ("全年完成冬春水利建设土方300万方。", "冬春水利建设将于11月集中开展，各县区正在编制实施方案。", "2024Q3"),
    ("发放以工代赈劳务报酬2000万元。", "以工代赈项目劳务报酬将于汛后集中发放，目前各项目正在完善前期手续。", "2024H1"),
])
def test_work_in_a_later_season_is_pending(task, progress, period):
    assert judge(task, progress, period)["status"] == "pending"


def test_a_figure_measures_whatever_the_season_says():
    got = judge("新增有效灌溉面积5万亩。", "1-11月新增有效灌溉面积2.9万亩；冬春水利建设将在12月集中开展。", "2024M11")
    assert got["status"] == "behind", got


def test_a_month_planned_with_no_season_is_a_plan():
    got = judge("全年实施地质灾害避险搬迁150户。", "搬迁工作计划于10月份集中开展，目前已完成安置点选址8处。", "2024M6")
    assert got["status"] != "pending", got
