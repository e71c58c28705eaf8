"""Issue #18, halts and waits decided by words alone (no figure): who is halted, by whom, and what
an outside act holds back.

- the task named again by a determiner and its classifier (该项工作, 此项任务, 这一工作) is the task,
  as 该项目 and 上述工作 are: a halt said of it halts the task;
- a determiner before another noun (该项补贴暂停发放) names that thing, no halt of the task.
Each in several offices' wordings and tasks of several kinds; the trap beside it keeps the boundary.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text

H1, FY = "2024H1", "2024FY"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period", [
    ("新建改建农村公路74公里", "3月，经市政府常务会议研究，该项工作调出年度计划。", H1),
    ("建成投用县人民医院新院区", "项目可研已编制完成，根据国家有关部门要求，该项工作已被叫停。", H1),
    ("建设口袋公园52个", "此项任务因上级审批权限调整，经省住建厅同意延期实施。", FY),
    ("建成城东综合能源站", "按照省能源局通知要求，这项工作暂缓实施。", "2024Q3"),
    ("印发《县域普通高中振兴行动实施方案》", "根据省教育厅统一部署，这一工作暂停推进，待国家文件出台后再行研究。", H1),
])
def test_a_halt_said_of_the_task_named_again_blocks_it(task, progress, period):
    got = judge(task, progress, period)
    assert got["status"] == "blocked", got


def test_a_determiner_before_another_noun_names_that_thing():
    got = judge("新增城镇就业2万人。", "上半年全市新增城镇就业1.3万人。该项补贴暂停发放，待省里新政策出台。")
    assert got["status"] == "ahead", got
