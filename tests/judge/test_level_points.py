"""Round 10, a change in percentage points (docs/judging.md, "A change in percentage points"): a target to raise or
lower a rate by N points (较上年提高2个百分点, 下降0.5个百分点以上) is met or missed by the change said of the same rate
(达线率较上年提高2.6个百分点; 近视率为51.9%，较上年的52.7%下降0.8个百分点); another rate's change or a plan's decides
nothing.

Variants written before the rules (commit d6c2c56), in other sectors, verbs, numbers and periods than the cases of
sets 8, 9 and 14 that showed the construction.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text


def judge(task: str, progress: str, period: str) -> dict:
    return judge_text(task, progress, period)[0]


# ---------------------------------------------------------------------------------------------
# a change in percentage points

@pytest.mark.parametrize("task,progress,period,expected", [
    ("城镇失业人员再就业率较上年提高3个百分点。", "1-9月，失业人员再就业率为62.5%，较上年同期提高3.4个百分点。", "2024Q3", "on_pace"),
    ("全市森林覆盖率提高0.5个百分点。", "全年完成造林绿化4.2万亩，森林覆盖率达到45.6%，比上年提高0.6个百分点。", "2024FY", "completed"),
    ("农村低收入人口返贫率较上年下降1个百分点以上。", "全年监测返贫率为0.8%，较上年下降1.3个百分点。", "2024FY", "completed"),
    ("义务教育巩固率提高2个百分点。", "全年义务教育巩固率较上年提高1.2个百分点。", "2024FY", "behind"),
    ("空气质量优良天数比率较上年提升2个百分点。", "1-6月全市优良天数比率为81.2%，同比下降1.5个百分点。", "2024H1", "behind"),
    ("城区中小学生近视率下降0.5个百分点。", "秋季筛查结果显示，城区中小学生近视率较上年上升0.3个百分点。", "2024M11", "behind"),
])
def test_a_change_in_points_meets_or_misses(task, progress, period, expected):
    assert judge(task, progress, period)["status"] == expected


@pytest.mark.parametrize("task,progress", [
    # another rate's change
    ("本科达线率提高2个百分点。", "今年高职录取率较上年提高3个百分点，本科达线人数1.2万人。"),
    # a plan's change, no result
    ("森林覆盖率提高0.5个百分点。", "计划通过新造林使森林覆盖率比上年提高0.6个百分点。"),
])
def test_a_change_of_another_rate_or_a_plan_decides_nothing(task, progress):
    got = judge(task, progress, "2024Q3")
    assert got["status"] not in ("on_pace", "completed") or got["needs_review"]
