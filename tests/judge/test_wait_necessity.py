"""Issue #18, a wait on an outside act in more of its wordings (halts_and_waits.PENDING_GRAMMAR):

- the necessity words written with 须 as with 需 (须经…审定后方可发布, 尚须, 仍须, 须等到);
- the joint or final review of several bodies (部际联审, 终审, 初审) is an outside act like 审核;
- the papers sent to whoever decides, the receiver named first (已向商务部报送申请材料, 向省商务厅提交认定申请)
  as when the papers come first (申报材料已上报);
- and what is none: a shortcoming (仍须加大审核力度), a condition on people, not the task's outcome, beside
  the task's own figure, and the city's own review of a step paper.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text


def judge(task: str, progress: str, period: str) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period", [
    ("完成公共数据资源目录编制。", "目录初稿已完成，须经省数据资源局审定后方可发布。", "2024Q1"),
    ("出台《六安市养老服务设施布局专项规划》。", "规划文本已编制完成，尚须报省自然资源厅审查后方能批复实施。", "2024H1"),
    ("创建国家级旅游度假区1个。", "申报工作已全部完成，还须经文化和旅游部终审后才能确定是否命名。", "2024Q3"),
    ("新增省级外贸综合服务企业2家。", "两家企业材料已齐备，仍须待省级部门联审后方可确定。", "2024H1"),
    ("创建国家森林城市。", "创建任务已基本完成，须等到国家林草局组织考核后才能确定。", "2024M10"),
    ("二手车出口业务资质获批。", "已向商务部等四部委报送申请材料，需等到部际联审后才能确定。", "2025M5"),
])
def test_a_wait_said_with_these_necessity_words_is_pending(task, progress, period):
    assert judge(task, progress, period)["status"] == "pending"


@pytest.mark.parametrize("task,progress,period", [
    ("二手车出口业务资质获批。", "已向商务部等四部委报送申请材料。", "2025M5"),
    ("创建省级特色小镇1个。", "毛坦厂镇已向省发展改革委提交创建申报材料。", "2024H1"),
    ("新增省级专精特新中小企业30家。", "已组织符合条件的企业向省经信厅提交认定申请材料。", "2024H1"),
    ("创建国家全域旅游示范区。", "金寨县于5月向文化和旅游部报送了验收申请。", "2024H1"),
    ("创建省级文明城市。", "6月，我市向省文明委呈报复审材料。", "2024H1"),
])
def test_papers_sent_to_whoever_decides_receiver_first_await_the_decision(task, progress, period):
    assert judge(task, progress, period)["status"] == "pending"


@pytest.mark.parametrize("task,progress,period,expected", [
    # a shortcoming, no wait
    ("开展食品安全抽检3000批次。", "上半年完成食品安全抽检1620批次，仍须加大审核力度。", "2024H1", "on_pace"),
])
def test_what_is_no_wait(task, progress, period, expected):
    assert judge(task, progress, period)["status"] == expected


def test_papers_whose_decision_is_out_await_nothing():
    got = judge("创建省级特色小镇1个。", "毛坦厂镇已向省发展改革委提交创建申报材料，6月已获批。", "2024H1")
    assert got["status"] != "pending"


def test_a_wait_on_a_step_paper_the_city_reviews_is_no_wait_on_the_task():
    got = judge("举办第三届大别山茶文化节。", "活动方案已编制完成，须经市政府审定后方可实施。", "2024Q1")
    assert got["status"] != "pending"
