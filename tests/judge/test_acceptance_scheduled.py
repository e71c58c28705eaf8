"""Issue #18, the works done and only their acceptance to come: an acceptance (竣工验收, 环保验收, 消防验收)
scheduled for a later date (排在明年1月, 安排在明年2月, 定于…进行, 计划于2025年1月组织) is a check by an outside
body awaited (待评估), not the works promised for next year (滞后): the finish word inside 竣工验收 names the
check, not a finish. The works themselves promised for later (计划明年3月竣工, 明年一季度建成并通过竣工验收)
stay not done.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text

FY = "2024FY"


def judge(task: str, progress: str) -> dict:
    return judge_text(task, progress, FY)[0]


@pytest.mark.parametrize("task,progress", [
    ("县城第二污水处理厂建成投运。", "厂区土建全部完工，设备安装调试基本结束，12月28日开始进水调试，环保竣工验收排在明年1月。"),
    ("建成城东污水处理厂。", "主体工程和设备安装全部完成，12月中旬开始通水调试，竣工验收安排在明年2月。"),
    ("建成市急救中心业务用房。", "业务用房已全部完工，消防验收定于明年1月进行。"),
    ("完成县城供水管网改造。", "改造工程全部完工，竣工验收计划于2025年1月组织。"),
    ("建成城北垃圾中转站。", "土建和设备安装全部完成，环保验收拟于次年一季度开展。"),
])
def test_an_acceptance_scheduled_later_is_awaited_or_reviewed(task, progress):
    # (beside a trial run, 开始进水调试, whether the plant is in use is the researcher's call too)
    got = judge(task, progress)
    assert got["status"] == "pending" or got["needs_review"]


@pytest.mark.parametrize("task,progress", [
    ("建成市急救中心业务用房。", "业务用房已全部完工，消防验收定于明年1月进行。"),
    ("完成县城供水管网改造。", "改造工程全部完工，竣工验收计划于2025年1月组织。"),
    ("建成城北垃圾中转站。", "土建和设备安装全部完成，环保验收拟于次年一季度开展。"),
])
def test_with_the_works_plainly_done_it_is_pending(task, progress):
    assert judge(task, progress)["status"] == "pending"


@pytest.mark.parametrize("task,progress", [
    ("建成城东污水处理厂。", "主体工程完成80%，计划明年3月竣工。"),
    ("建成城东污水处理厂。", "项目计划明年一季度建成并通过竣工验收。"),
])
def test_the_works_promised_later_stay_not_done(task, progress):
    assert judge(task, progress)["status"] == "behind"
