"""Issue #18, deliverable events: a use word inside the thing's name asks for no use.

建成城市运行管理服务平台: 运行 is a word of the platform's name, not a verb of putting it to use, so the
platform accepted as finished (通过竣工验收, 建成) is the deliverable done. A use verb of the task — after a
finish verb or 并 (建成投用…, …并投入运行), opening the task or closing it (…建成投运) — still asks for the use.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text


def judge(task: str, progress: str, period: str) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period", [
    ("建成城市运行管理服务平台。", "平台于6月通过竣工验收。", "2024H1"),
    ("建成县城集中供热管网二期工程。", "二期工程已于10月全面竣工。", "2024M10"),
    ("建成城市运营指挥中心。", "指挥中心已于9月建成。", "2024Q3"),
    ("建成城市运行管理服务平台并接入省平台。", "平台于4月30日通过验收并正式接入省级平台，实现数据实时上传。", "2025H1"),
])
def test_a_use_word_in_the_name_asks_for_no_use(task, progress, period):
    got = judge(task, progress, period)
    assert got["status"] == "completed", got


@pytest.mark.parametrize("task,progress,period", [
    ("建成城市运行管理服务平台并投入运行。", "平台于6月通过竣工验收，计划8月上线运行。", "2024H1"),
    ("建成投用县城集中供水加压站。", "加压站已于5月建成，设备正在调试。", "2024H1"),
    ("新建城南片区供水加压站并投运。", "加压站已于8月建成，正在办理供水许可。", "2024Q3"),
])
def test_a_use_verb_of_the_task_still_asks_for_the_use(task, progress, period):
    got = judge(task, progress, period)
    assert not (got["status"] == "completed" and not got["needs_review"]), got
