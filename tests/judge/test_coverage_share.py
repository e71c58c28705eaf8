"""Round 10, a coverage of an activity measured by the share of its units (docs/judging.md, "A coverage of an
activity"): a task to carry an act to every unit within the year (全年开展…检查全覆盖, 培训全覆盖, 督查覆盖…100%) is
measured against the pace by the share of the units the act reached, said of the whole set (占全市…总数的71.8%,
占全市…的29%, 七成); a share of another whole (占检查企业的12.5%), a coverage state (5G全覆盖) or a plan's share
decides nothing.

Variants written before the rule, in other sectors and periods than the cases of sets 11, 14 and 15.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text


def judge(task: str, progress: str, period: str) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period,expected", [
    ("全年开展规上工业企业安全生产执法检查全覆盖。", "1-6月已检查规上工业企业612家，占全市规上工业企业总数的53.2%。", "2024H1",
     "on_pace"),
    ("年内对全市养老机构开展消防安全检查全覆盖。", "截至9月底，共检查养老机构86家，占全市养老机构的62%。", "2024Q3", "behind"),
    ("全年实现村（社区）干部轮训全覆盖。", "上半年举办轮训班12期，参训村（社区）干部3200人，占全市村（社区）干部总数的八成。", "2024H1",
     "ahead"),
    ("开展校外培训机构专项督查，覆盖全市校外培训机构100%。", "一季度督查校外培训机构145家，占全市校外培训机构总数的31%。", "2024Q1",
     "on_pace"),
    ("全年完成重点排污单位执法检查全覆盖。", "全年检查重点排污单位328家，占全市重点排污单位的100%。", "2024FY", "completed"),
])
def test_the_share_of_the_units_reached_is_the_coverages_progress(task, progress, period, expected):
    assert judge(task, progress, period)["status"] == expected


@pytest.mark.parametrize("task,progress,period", [
    # a share of another whole: the checked ones
    ("全年开展食品生产企业监督检查全覆盖。", "一季度检查食品生产企业168家，发现问题企业21家，占检查企业的12.5%。", "2024Q1"),
    # a coverage state, no act carried to the units in the year
    ("实现行政村5G网络全覆盖。", "已开通5G网络的行政村1260个，占全市行政村总数的70%。", "2024H1"),
    # a plan's share
    ("全年开展危化品企业安全检查全覆盖。", "计划下半年检查剩余企业，届时将占全市危化品企业总数的100%。", "2024H1"),
])
def test_another_whole_a_state_or_a_plan_decides_nothing(task, progress, period):
    got = judge(task, progress, period)
    assert got["status"] in ("qualitative", "pending") or got["needs_review"]
