"""Issue #18, what a wait is said of (halts_and_waits.awaits_a_payment, awaits_a_step, OUTSIDE_BODY):

- a payment of funds that waits on a check (财政奖补…待绩效评估后兑付, 尾款待审计后支付) is a side matter of the
  money, not the task's outcome awaited — unless the task is to pay those funds;
- a step paper sent with no authority named (环评、稳评报告均已报送) is a step of the task's own work: a partner
  of the province's (省铁投) in the sentence is no authority deciding it.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text


def judge(task: str, progress: str, period: str) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period,expected", [
    ("落实“徽动消费”惠民活动，发放消费券。",
     "截至目前累计发放各类消费券2300万元，核销率71%；对参与企业的财政奖补暂缓拨付，待绩效评估后兑付。", "2024Q3", None),
    ("建成城北污水处理厂。", "项目已于5月建成投运，工程尾款待审计结束后支付。", "2024H1", "completed"),
    ("改造老旧小区50个。", "上半年已完成改造28个，省级补助资金待绩效考核后拨付。", "2024H1", "on_pace"),
    ("举办第三届大别山茶文化节。", "茶文化节于5月18日在金寨县成功举办，承办单位的活动经费待审计后结算。", "2024H1", "completed"),
    ("新增城镇就业2万人。", "1-9月新增城镇就业1.62万人，一次性吸纳就业补贴待人社部门审核后发放。", "2024Q3", "on_pace"),
])
def test_a_payment_that_waits_on_a_check_is_no_wait_on_the_task(task, progress, period, expected):
    got = judge(task, progress, period)
    assert got["status"] != "pending"
    if expected:
        assert got["status"] == expected


def test_a_wait_on_the_funds_the_task_pays_is_the_tasks():
    got = judge("拨付农机购置补贴资金8000万元。", "补贴资金待省农业农村厅审核后拨付。", "2024H1")
    assert got["status"] == "pending"


@pytest.mark.parametrize("progress", [
    "配合省铁投完成线路方案比选，环评、稳评、社会风险评估报告均已报送，用地预审正在办理。",
    "协助省交控集团完成选址论证，可研报告、环评报告均已报送。",
])
def test_step_papers_sent_with_no_authority_named_are_steps(progress):
    got = judge("推进六安至安庆铁路前期工作。", progress, "2024M11")
    assert got["status"] == "qualitative"


def test_a_step_paper_sent_to_a_provincial_authority_is_awaited():
    got = judge("开工建设合肥至霍山高速公路六安段。", "可研报告已报省发改委，待批复。", "2024H1")
    assert got["status"] == "pending"
