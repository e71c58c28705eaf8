"""Issue #18, the scope of a verdict: a pace verdict said of the rest (其余工作正常推进, 其他项目均按序时推进,
剩余站点建设正常推进) speaks of what the figure has not reached yet, not of the task. Beside a ratio that
measures the whole task it adds nothing (an office's 达序时 covers any pace at or above), so the ratio decides;
with no figure of the task, or when the rest is said behind, the verdict keeps its say.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text


def judge(task: str, progress: str, period: str) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period", [
    ("完成入河排污口监测溯源1500个。", "上半年完成监测溯源927个。另外，对溯源中发现的12个无主排污口已暂停水下作业、"
     "转为岸上封堵，其余工作正常推进。", "2025H1"),
    ("完成农村户厕改造3万户。", "上半年全市完成农村户厕改造1.9万户。其余改厕任务正常推进。", "2024H1"),
    ("全年完成水利建设投资45亿元。", "1-9月完成水利投资40.5亿元。其他项目均按序时推进。", "2024Q3"),
    ("全县新建5G基站300个。", "截至6月末，全县新建5G基站186个；剩余站点建设正常推进。", "2025H1"),
    ("新增城镇就业2万人。", "一季度新增城镇就业7100人。余下任务序时推进。", "2024Q1"),
])
def test_the_rests_pace_verdict_beside_the_tasks_ratio_leaves_the_ratio_to_decide(task, progress, period):
    assert judge(task, progress, period)["status"] == "ahead"


def test_the_rests_verdict_with_the_task_at_pace_is_on_pace():
    got = judge("完成农村户厕改造3万户。", "上半年全市完成农村户厕改造1.5万户。其余改厕任务正常推进。", "2024H1")
    assert got["status"] == "on_pace"


def test_the_rest_said_behind_keeps_its_say():
    got = judge("完成农村户厕改造3万户。", "上半年全市完成农村户厕改造1.9万户。其余乡镇改厕进度滞后。", "2024H1")
    assert got["status"] != "ahead"


def test_the_rests_verdict_with_no_figure_of_the_task_is_no_completion():
    got = judge("改造提升农贸市场30个。", "首批8个项目已完成改造。其余项目正常推进。", "2024H1")
    assert got["status"] != "completed"
