"""The gate's check of a completion decided by a verdict in words (helpers.judge.confidence,
`_verdict_doubts`): confident only when the verdict is said of the task, of this period, and no
other clause of the cell reports work left, going on, or promised for a later date.

Sentences are in the reports' own manner (the seed's G135, the corpus's facility and rectification
cells), varied so that each case exercises the construction, not one phrase.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text
from helpers.statuses import REVIEW_REASONS

H1 = "2024H1"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress", [
    ("建成智慧城管平台二期并上线运行。", "平台二期已于6月建成并上线运行，部分功能仍在调试。"),
    ("建成市妇幼保健院新院。", "新院已于4月底建成，计划9月底前完成整体搬迁。"),
    ("建成县级档案馆新馆并投入使用。", "新馆建设任务已全部完成，档案整体搬迁正在进行，预计10月对外开放。"),
    ("建成城北污水处理厂。", "工程已全面完工，尚有部分附属设施在安装。"),
])
def test_a_completion_in_words_beside_work_left_is_flagged(task, progress):
    f = judge(task, progress)
    assert f["status"] == "completed" and f["needs_review"], f
    assert REVIEW_REASONS["part_done"] in f["review_reason"]


@pytest.mark.parametrize("task,progress", [
    ("建成智慧城管平台二期并上线运行。", "平台二期已于6月建成并上线运行，一线执法人员可通过移动端实时上报问题。"),
    ("建成市妇幼保健院新院。", "新院已于4月底建成，5月6日正式开诊，开放床位600张。"),
    ("办好2024六安马拉松赛。", "赛事于4月14日鸣枪开跑，参赛选手1.5万人，赛事圆满结束。"),
    ("新建农村生活污水处理设施(座);目标任务:40", "50 | 125% | 超额完成"),
])
def test_a_completion_in_words_with_nothing_left_stays_confident(task, progress):
    f = judge(task, progress)
    assert f["status"] == "completed" and not f["needs_review"], f


def test_works_going_on_after_a_start_are_no_work_left():
    # the seed's G135 in other words: a start task is done when the works begin
    f = judge("开工建设安徽艺术学院迎驾艺术产业学院。",
              "项目已于2月开工，目前正在进行主体建筑建设，预计年底前完成主体建设。")
    assert f["status"] == "completed" and not f["needs_review"], f


@pytest.mark.parametrize("task,progress", [
    ("建成市档案馆新馆并投入使用。", "金安区新馆已建成并投入使用。"),
    ("完成老旧小区改造年度任务。", "霍山县老旧小区改造已提前完成年度任务，全市共开工小区120个。"),
])
def test_a_verdict_said_of_one_county_for_a_city_task_is_flagged(task, progress):
    f = judge(task, progress)
    assert f["status"] != "completed" or REVIEW_REASONS["part_measured"] in (f["review_reason"] or ""), f
    assert f["status"] != "completed" or f["needs_review"]


def test_a_verdict_of_another_years_batch_is_flagged():
    f = judge("建成市档案馆新馆并投入使用。", "2023年度新馆已建成并投入使用。")
    assert f["needs_review"] and REVIEW_REASONS["other_period"] in f["review_reason"], f
