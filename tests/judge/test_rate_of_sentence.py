"""Round 10, the indicator a growth rate is of (docs/judging.md, "The indicator of a rate"): a rate whose own words
name no indicator — said right after the amount (地区生产总值1102.4亿元，同比增长7.3%) or after a method of computing
(按不变价格计算同比增长6.2%) — is the rate of the indicator named before it in its sentence, also by a short name
(固投 for 固定资产投资, GDP for 地区生产总值); a later rate of the sentence (分领域看，工业投资增长12.1%) is a part's.

Variants written before the rule, in other indicators, numbers and periods than the cases of sets 5, 11 and 14.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text


def judge(task: str, progress: str, period: str) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period,expected", [
    ("社会消费品零售总额增长8%。", "1-9月，全市实现社会消费品零售总额986.2亿元，同比增长8.6%，增速居全省第5位。", "2024Q3", "on_pace"),
    ("规上工业增加值增长9%左右。", "上半年规上工业增加值按可比价计算同比增长7.1%，增速较一季度回落0.8个百分点。", "2024H1", "behind"),
    ("全年GDP增长6%。", "前三季度全市实现地区生产总值1650.3亿元，同比增长6.4%。", "2024Q3", "on_pace"),
    ("固定资产投资增长8%以上。", "1-6月全市固投同比增长5.2%，其中工业投资增长14.6%。", "2024H1", "behind"),
    ("全年一般公共预算收入增长5%。", "1-8月，全市一般公共预算收入完成132.6亿元，剔除留抵退税因素后同比增长6.1%。", "2024M8", "on_pace"),
])
def test_a_rate_with_no_indicator_of_its_own_is_its_sentences(task, progress, period, expected):
    assert judge(task, progress, period)["status"] == expected


@pytest.mark.parametrize("task,progress", [
    # the sentence names another indicator
    ("地区生产总值增长6.5%。", "上半年全市规上工业增加值92.3亿元，同比增长8.8%。"),
    # a later rate of the sentence is a part's, the total's rate not said
    ("固定资产投资增长8%。", "上半年全市固投结构持续优化，分领域看，工业投资增长14.6%。"),
])
def test_another_indicator_or_a_parts_rate_decides_nothing(task, progress):
    got = judge(task, progress, "2024H1")
    assert got["status"] == "qualitative" or got["needs_review"]
