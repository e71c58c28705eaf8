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


@pytest.mark.parametrize("task,progress,period", [
    ("开工建设龙潭抽水蓄能电站进场道路", "项目可研已编制完成，该项工作因上级审批权限调整，经省发展改革委同意延期实施。", FY),
    ("建成城北污水处理厂三期工程", "前期手续已办结，该工程受全省污水处理规划调整影响，按省住建厅要求暂缓实施。", FY),
    ("新建公共充电桩1200个", "选址已全部完成，该项目因电网容量不足，根据市政府决定暂停建设。", "2024Q3"),
])
def test_a_halt_ordered_in_a_clause_of_its_own_is_said_of_the_clause_before(task, progress, period):
    """经…同意延期实施 has no subject of its own: it is said of the clause before it (该项工作), not of the
    sentence's first clause (项目可研已编制完成, a step)."""
    assert judge(task, progress, period)["status"] == "blocked"


def test_a_clause_opened_by_a_date_keeps_the_sentences_subject():
    got = judge("建成市青少年校外活动中心。", "主体工程已完工，内部布展与设备调试正在推进，6月28日举行开馆仪式，暑期起向全市中小学生免费开放。")
    assert got["status"] == "completed"


@pytest.mark.parametrize("task,progress,period", [
    ("年内完成高新区化工园区扩区认定。", "扩区申请已于5月上报省化工园区认定管理工作领导小组办公室。8月，省里通知全省化工园区扩区工作暂停受理，我区申请退回。", "2024M9"),
    ("完成经开区扩区调区。", "调区方案已报省商务厅。按照国务院部署，全省开发区扩区调区工作暂停受理。", "2024Q3"),
    ("建设城南垃圾焚烧发电二期项目。", "省发展改革委在全省生活垃圾处理设施布局调整中明确，城南焚烧二期不再列入“十四五”规划，项目已停止前期工作。", FY),
    ("建设北环快速路东延段。", "经省交通运输厅研究，东延段不再列入省综合交通规划。", H1),
    ("开工建设城西物流园。", "受用地指标调整影响，根据市政府要求，项目暂停相关工作。", H1),
    ("实施城区燃气管道“带气”改造工程。", "因一季度发生燃气泄漏事故，市安委会责令全市暂停带气作业类改造，已完成的12.6公里管道正在开展安全评估。", "2025H1"),
    ("完成老旧小区外墙保温改造。", "因保温材料抽检不合格，市住建局通知暂停外墙保温改造，待材料复检后再行实施。", "2024Q3"),
])
def test_an_authority_halting_the_tasks_procedure_or_works_blocks_it(task, progress, period):
    """An authority and a halting verb applied to the task's procedure (扩区工作暂停受理), its place on a plan
    (不再列入…规划), its own work (停止前期工作, 暂停相关工作) or its works (暂停…改造)."""
    assert judge(task, progress, period)["status"] == "blocked"


@pytest.mark.parametrize("task,progress", [
    ("新增城镇就业2万人。", "上半年全市新增城镇就业1.3万人。市公积金中心暂停受理异地贷款申请。"),
    ("新建城市公园3个。", "已建成城市公园2个。周边部分楼宇因雨季暂停外立面改造。"),
])
def test_a_halt_of_something_the_task_does_not_name_leaves_it_measured(task, progress):
    assert judge(task, progress)["status"] != "blocked"
