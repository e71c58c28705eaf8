"""Halts lifted and halts said in other words (issue #18: a halt of the task is blocked only while it holds)."""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text


def judged(task: str, progress: str, period: str = "2024H1") -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("progress", [
    "项目因环保督察暂停施工，6月已恢复施工，完成投资2亿元。",
    "项目因环保督察暂停施工，目前已复工。",
])
def test_a_halt_lifted_later_is_over(progress):
    assert judged("建设城南物流园。", progress)["status"] != "blocked"


def test_a_halt_lifted_only_after_an_outside_act_still_holds():
    assert judged("建设智慧停车平台。", "平台建设因数据安全审查暂停，待审查通过后恢复。")["status"] == "blocked"


def test_not_carried_out_for_now_is_a_halt_of_that_part():
    f = judged("推进老旧小区改造40个。", "已开工35个，另有5个小区因居民意见不统一暂不实施。")
    assert f["status"] == "blocked" and f["needs_review"]


def test_a_whole_task_verdict_with_no_subject_completes_a_one_part_task():
    f = judged("新增城镇就业2.5万人。", "截至6月底，已提前完成全年目标。")
    assert (f["status"], f["needs_review"]) == ("completed", False), f["review_reason"]


def test_a_periods_own_target_done_is_left_to_review():
    # 上半年…目标任务提前完成: the half-year's own target, or the year's? not read as the year's
    f = judged("新增城镇就业2.5万人。", "上半年就业目标任务提前完成。")
    assert f["status"] != "completed" and f["needs_review"]


@pytest.mark.parametrize("task, progress", [
    ("创成国家森林城市。", "我市被国家林草局授予“国家森林城市”称号。"),
    ("获评全国文明城市。", "10月，我市被中央文明委命名为全国文明城市。"),
])
def test_a_title_granted_in_the_passive_reaches_a_title_deliverable(task, progress):
    f = judged(task, progress, "2024FY")
    assert (f["status"], f["needs_review"]) == ("completed", False), f["review_reason"]


def test_a_title_won_by_one_county_for_a_task_naming_none_goes_to_review():
    f = judged("创建国家级全域旅游示范区。", "金寨县已被文化和旅游部公布为国家全域旅游示范区。", "2024FY")
    assert f["status"] != "completed" and f["needs_review"]
