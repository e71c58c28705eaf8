"""Issue #18, a level of 100 % said in words: 应X尽X (应发尽发, 应保尽保, 应种尽种, 应助尽助) says every one due
to be X'd was — the level of a rate of X reached at 100 % (coverage.all_due). It measures a target of 100 %
whose rate counts that act (发 of 发放率, 保 of 参保率); another act's (应统尽统 for 发放率) or a promise of it
(确保应发尽发) measures nothing.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text


def judge(task: str, progress: str, period: str) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period,expected", [
    ("优抚对象抚恤和生活补助按时足额发放率100%。", "一季度全市发放各类优抚对象抚恤补助资金6820万元，涉及优抚对象2.1万人，"
     "做到按时足额、应发尽发。", "2024Q1", "on_pace"),
    ("低保对象等困难群体资助参保率100%。", "上半年对低保对象、特困人员等困难群体实现应助尽助，资助参保2.3万人。", "2024H1", "on_pace"),
    ("适龄儿童免疫规划疫苗接种率100%。", "1-9月全市适龄儿童免疫规划疫苗做到应种尽种。", "2024Q3", "on_pace"),
    ("困难残疾人生活补贴发放率100%。", "全年困难残疾人生活补贴按月发放，做到应发尽发。", "2024FY", "completed"),
    ("脱贫人口基本医疗保险参保率100%。", "上半年全市脱贫人口基本医保实现应保尽保。", "2024H1", "on_pace"),
])
def test_all_due_done_reaches_a_level_of_100(task, progress, period, expected):
    assert judge(task, progress, period)["status"] == expected


@pytest.mark.parametrize("progress", [
    "一季度优抚对象信息做到应统尽统。",
    "下一步，确保优抚资金应发尽发。",
])
def test_another_act_or_a_promise_measures_nothing(progress):
    got = judge("优抚对象抚恤和生活补助按时足额发放率100%。", progress, "2024Q1")
    assert got["status"] != "on_pace"
