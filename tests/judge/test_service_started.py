"""Issue #18, a deliverable put to use in other words: a service desk, window, hall or platform that has
formally begun to take in its callers' or applicants' business (专席已于3月起正式受理来电, 窗口6月1日起正式受理
业务) is open — 正式受理 is a use verb like 对外办公 and 对外服务 (lexicon `signal … use`), done when an
attainment mark or a start date governs it. Planned (计划7月正式受理) or halted (暂停受理) it is not.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text


def judge(task: str, progress: str, period: str) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period", [
    ("开通12345热线企业服务专席。", "企业服务专席已于3月起正式受理来电，累计受理企业诉求4126件。", "2024Q1"),
    ("开通不动产登记“跨省通办”窗口。", "“跨省通办”窗口已于6月1日起正式受理业务，累计办件312件。", "2024H1"),
    ("建成市民服务中心新大厅。", "市民服务中心新大厅9月起正式受理各类审批业务，日均办件1200件。", "2024Q3"),
    ("上线“企业开办一网通办”平台。", "“企业开办一网通办”平台4月1日起正式受理企业开办申请，已办件860件。", "2024H1"),
    ("开通医保服务“15分钟服务圈”村级代办点。", "村级代办点已于5月正式受理参保登记和报销申请。", "2024H1"),
])
def test_a_service_that_formally_began_taking_business_is_open(task, progress, period):
    assert judge(task, progress, period)["status"] == "completed"


@pytest.mark.parametrize("progress", [
    "专席设置方案已印发，计划7月正式受理来电。",
    "企业服务专席因系统升级暂停受理来电，预计下月恢复。",
])
def test_planned_or_halted_it_is_not_open(progress):
    assert judge("开通12345热线企业服务专席。", progress, "2024H1")["status"] != "completed"
