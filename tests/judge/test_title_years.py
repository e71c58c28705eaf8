"""Issue #18, the time span of a date: a year inside a document's title (《制造业数字化转型三年行动方案(2024-2026年)》,
《…规划（2025-2030年）》) is the plan's own period, never a date the deliverable is promised for
(events.promised_later); a year outside any title (计划2025年6月建成投运) still is.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text


def judge(task: str, progress: str, period: str) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period", [
    ("全年实现规上工业企业数字化改造全覆盖。", "成立领导小组，召开专题推进会3次，印发《制造业数字化转型三年行动方案(2024-2026年)》。", "2024H1"),
    ("实现乡镇污水处理设施全覆盖。", "已印发《污水处理提质增效三年行动方案（2024—2026年）》，各乡镇正在推进设施建设。", "2024H1"),
    ("建成城东综合客运枢纽。", "项目已列入《六安市综合交通运输发展规划（2021-2035年）》，正在开展前期工作。", "2024H1"),
    ("建成城市智慧停车平台。", "平台已于5月上线运行，纳入《智慧城市建设规划（2023-2027年）》统一管理。", "2024H1"),
])
def test_a_year_in_a_title_promises_nothing(task, progress, period):
    got = judge(task, progress, period)
    assert not (got["status"] == "behind" and not got["needs_review"])


def test_a_document_with_next_years_in_its_title_issued_is_done():
    got = judge("印发《六安市养老服务发展规划（2025-2030年）》。", "《六安市养老服务发展规划（2025-2030年）》已于11月印发。", "2024FY")
    assert got["status"] == "completed"


def test_a_year_outside_a_title_is_still_a_promise():
    got = judge("建成城东污水处理厂。", "主体工程完成70%，计划2025年6月建成投运。", "2024FY")
    assert got["status"] == "behind"
