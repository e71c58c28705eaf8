"""A level of the task's own completion (完成省下达目标任务的95%以上, matching.OWN_COMPLETION): the completion
ratio stated for the task decides; a completion rate of the same noun beside it (任务完成率为90%) is a second
reading of the same measure — when the two say met and missed, the part is flagged (`figures_compete`),
never silently decided by the later one.
"""

from __future__ import annotations

import pytest

from helpers.judge.parts import read
from helpers.judge.status import judge_text

TASK = "农村问题厕所整改完成省下达目标任务的95%以上。"
FY = "2024FY"


def judge(task: str, progress: str, period: str = FY) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("progress", [
    "全年已完成省下达目标任务的96%，问题厕所整改任务完成率为90%。",
    "全年已完成省下达目标任务的92%，问题厕所整改任务完成率为97%。",
])
def test_a_rate_against_the_own_completion_is_flagged(progress):
    got = judge(TASK, progress)
    assert got["needs_review"] and "有几个数字同样可能衡量此目标" in got["review_reason"]


def test_the_own_completion_decides_its_part():
    reading = read(TASK, "全年已完成省下达目标任务的96%，问题厕所整改任务完成率为90%。", year=2024)
    assert reading.parts[0].met is True


@pytest.mark.parametrize("progress,expected", [
    ("全年已完成省下达目标任务的96%，问题厕所整改任务完成率为97%。", None),
    ("全年已完成省下达目标任务的96%。", "completed"),
    ("全年已完成省下达目标任务的92%。", "behind"),
])
def test_readings_that_agree_raise_no_flag_of_their_own(progress, expected):
    got = judge(TASK, progress)
    assert expected is None or got["status"] == expected
    assert "有几个数字同样可能衡量此目标" not in (got["review_reason"] or "")


def test_at_half_year_too():
    got = judge("上半年完成年度棚改任务的50%以上。", "上半年完成年度棚改任务的55%，棚改任务完成率为48%。", "2024H1")
    assert got["needs_review"] and "有几个数字同样可能衡量此目标" in got["review_reason"]
