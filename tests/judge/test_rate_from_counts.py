"""Round 10, a rate target measured by the whole and the part the text counts (docs/judging.md, "A share from a
whole and its part"): 区属经营性国有房屋共1347间，已出租1169间 gives an 出租率 of 86.8 %, when the part's clause names a
word of the target the whole's does not (出租, 集中供养, 网办) and no level of the rate is said.

Variants written before the rule, in other sectors, units and periods than the cases of sets 8 and 14.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text


def judge(task: str, progress: str, period: str) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period,expected", [
    ("市属公租房出租率保持在95%以上。", "截至9月底，市属公租房共2860套，已出租2790套，空置70套。", "2024Q3", "on_pace"),
    ("农村低保对象动态管理，入户核查率达到98%。", "全市农村低保对象3.2万户，已入户核查2.9万户。", "2024H1", "behind"),
    ("医疗纠纷人民调解成功率达到90%以上。", "1-6月受理医疗纠纷126件，调解成功118件。", "2024H1", "on_pace"),
    ("适龄妇女“两癌”筛查率达到80%。", "全年目标人群4.6万人，已完成筛查3.4万人。", "2024FY", "behind"),
    ("政务服务事项“跨省通办”比例达到30%。", "市级政务服务事项1200项，实现跨省通办的400项。", "2024Q3", "on_pace"),
])
def test_the_part_of_the_whole_is_the_rate(task, progress, period, expected):
    assert judge(task, progress, period)["status"] == expected


@pytest.mark.parametrize("task,progress", [
    # the second count names nothing of the rate: another act
    ("市属公租房出租率保持在95%以上。", "截至9月底，市属公租房共2860套，新增配租150套。"),
    # another unit
    ("医疗纠纷人民调解成功率达到90%以上。", "1-6月受理医疗纠纷126件，涉及患者131人。"),
])
def test_another_count_measures_no_rate(task, progress):
    got = judge(task, progress, "2024Q3")
    assert got["status"] in ("qualitative", "pending") or got["needs_review"]
