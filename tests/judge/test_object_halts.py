"""Issue #18, a halt with the task's thing as its object (verb before object):

市政府决定暂缓实施公交票价调整方案, 国家林草局今年暂停国家森林乡村评价认定工作 — an authority halts, and what it
halts restates the task's own thing (two or more of its bigrams): the task is 受阻. With only two bigrams shared
the object may be a neighbour of the task's thing, so the judgement goes to review. Without an authority (因降雨
暂缓开展…) the pause is no halt; an object of another thing, an object that is a notice's title (关于暂停…的要求),
a task whose own aim is the halting verb, or a halt lifted later are none either.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text


def judge(task: str, progress: str, period: str) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period", [
    ("开展城区占道经营专项整治。",
     "按照省住建厅新出台的市容管理规定，市政府决定暂缓开展占道经营集中清理，待实施细则出台后统一部署。", "2024H1"),
    ("推行城区停车收费改革。", "因听证会意见分歧较大，市政府决定暂缓实施停车收费调整方案，继续执行现行标准。", "2024Q3"),
    ("创建省级森林城镇8个。", "省林业局今年暂停省级森林城镇评价认定工作，已储备的候选镇转入市级创建。", "2024M10"),
    ("实施老旧街区立面改造。", "按照上级要求，市城管局暂停实施老旧街区立面改造工程，待风貌导则修订后再行推进。", "2024Q3"),
    ("推进社区团购网点布局建设。", "市商务局通知，暂停新设社区团购网点，已设网点维持运营。", "2025H1"),
])
def test_an_authoritys_halt_of_the_tasks_thing_is_blocked(task, progress, period):
    got = judge(task, progress, period)
    assert got["status"] == "blocked" and not got["needs_review"], got


def test_an_object_sharing_two_bigrams_is_blocked_for_review():
    got = judge("推行城区公交“一元一票”票价改革。",
                "市交通运输局年初研究制定了公交票价改革方案。因价格听证会上市民意见分歧较大，"
                "市政府决定暂缓实施公交票价调整方案，继续执行现行票价。", "2024M6")
    assert got["status"] == "blocked" and got["needs_review"], got


@pytest.mark.parametrize("task,progress,period", [
    # no authority: a pause for the weather
    ("开展城区占道经营专项整治。", "因连续降雨，各街道暂缓开展占道经营集中清理，雨后恢复。", "2024H1"),
    # the object is another thing
    ("开展城区占道经营专项整治。", "市政府决定暂停收取城区摊点管理费，减轻经营户负担。", "2024H1"),
    # the task's own aim is the halting verb
    ("取消城区占道经营收费。", "市政府决定取消城区占道经营收费，自7月1日起执行。", "2024Q3"),
    # the object is a notice's title, the cause of the work reported
    ("推进城区存量停车场改造提升。",
     "根据省里关于暂停新建城区停车场审批的要求，全市加快推进存量停车场改造提升，已完成改造12处。", "2024Q3"),
    # the halt lifted later
    ("推行城区停车收费改革。", "3月，市政府决定暂缓实施停车收费调整方案；6月，经听证后已恢复实施。", "2024Q3"),
])
def test_no_halt_of_the_task_is_no_confident_blocked(task, progress, period):
    got = judge(task, progress, period)
    assert not (got["status"] == "blocked" and not got["needs_review"]), got
