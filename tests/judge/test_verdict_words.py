"""Issue #18, item 3: verdicts in words checked against the rest of the cell.

- a halt of a procedure (暂停受理, 暂停…审批, 停止受理…申请) beside a result figure of the task's own thing
  halts what is let in, not the task: the figures decide and the judgement is flagged;
  the task whose aim is the procedure, a halt of the rest of its count, or a procedure halted with no
  figure of the task beside it stay the task's halt.
Each in several offices' wordings; the trap beside it keeps the boundary.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text
from helpers.statuses import REVIEW_REASONS

H1, Q3, M8, FY = "2024H1", "2024Q3", "2024M8", "2024FY"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period,status", [
    ("全市企业职工养老保险新增参保3万人", "受政策调整影响，根据省人社厅通知，灵活就业人员跨省参保登记业务自4月起暂停受理，"
     "全市新增参保1.24万人。", H1, "behind"),
    ("城乡居民医保新增参保5万人", "受省级政策调整影响，城乡居民医保跨省转移接续业务自5月起暂停受理，全市新增参保人数2.1万人。",
     H1, "behind"),
    ("新增企业职工养老保险参保3万人", "全市新增企业职工养老保险参保1.5万人；因系统切换，个体工商户参保登记业务暂停受理。",
     H1, "on_pace"),
    ("发放创业担保贷款10亿元", "因上级政策调整，自7月起暂停受理新的创业担保贷款申请；1-9月累计发放创业担保贷款8.2亿元。",
     Q3, "on_pace"),
    ("开展城区户外电子屏专项整治", "市城管局暂停新增户外电子屏审批，截至9月底共拆除违规户外电子屏86块。", Q3, "qualitative"),
    ("实施中心城区户外广告设施整治", "为规范户外广告设施审批，市政府暂停新增大型户外广告设施审批，截至7月底，共拆除违规广告设施"
     "412处、破损店招1860块。", "2024M7", "qualitative"),
])
def test_a_procedure_halted_beside_the_tasks_figures_is_no_halt_of_the_task(task, progress, period, status):
    j = judge(task, progress, period)
    assert j["status"] == status
    assert j["needs_review"] and REVIEW_REASONS["halt_of_other"] in j["review_reason"]


@pytest.mark.parametrize("task,progress,period", [
    # no figure of the task beside the halted procedure: the task cannot go on
    ("新开通公交线路5条", "因市政府决定暂停新增公交线路审批，新线开通工作暂未启动。", H1),
    # the task's aim is the procedure itself
    ("申建综合保税区", "海关总署暂停受理新设综合保税区申请，已完成申报材料3份。", H1),
    ("年内完成高新区化工园区扩区认定。", "扩区申请已于5月上报。8月，省里通知全省化工园区扩区工作暂停受理，我区申请退回。", M8),
    # the rest of the count halted
    ("编制完成全部中心城区控制性详细规划单元", "全年完成编制25个，还有3个单元经市政府同意暂缓审批。", FY),
])
def test_a_procedure_halt_of_the_task_stays_blocked(task, progress, period):
    assert judge(task, progress, period)["status"] == "blocked"


def test_a_halted_procedure_of_another_part_leaves_the_measured_part_to_decide():
    j = judge("开通城市轨道交通示范线,新增优化公交线路10条。",
              "城市轨道交通示范线项目按国家有关要求暂停审批;上半年新增优化公交线路3条。", "2023H1")
    assert j["status"] == "behind" and REVIEW_REASONS["halt_of_other"] not in (j["review_reason"] or "")
