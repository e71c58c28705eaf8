"""Round 10, a level of 100 % said in words (docs/judging.md, "A level of 100 % said in words"): a universal said
of the rate's act (均已…整改到位, 全部实现…开放, 已全部落实…) says every thing counted has it, so the rate is 100 %;
a coverage rate is reached by every unit said to have the thing.

Variants written before the rules, in other sectors, verbs, numbers and periods than the cases of sets
1, 8, 11, 13, 14 and 15 that showed the constructions.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text


def judge(task: str, progress: str, period: str) -> dict:
    return judge_text(task, progress, period)[0]


# ---------------------------------------------------------------------------------------------
# a level of 100 % said by a universal of the rate's act

@pytest.mark.parametrize("task,progress,period,expected", [
    ("农村集中式饮用水水源地水质检测合格率100%。", "上半年抽检集中式饮用水水源地水样412份，全部合格。", "2024H1", "on_pace"),
    ("重点河湖入河排污口整治率100%。", "排查入河排污口286个，均已完成整治并销号。", "2024H1", "on_pace"),
    ("市属公园免费开放率达到100%。", "全市28个市属公园已全部实现免费开放，开放时间延长至晚9点。", "2024Q3", "on_pace"),
    ("群众信访事项按期办结率100%。", "上半年受理信访事项1250件，均在规定期限内办结。", "2024H1", "on_pace"),
    ("行政村快递服务覆盖率达到100%。", "全市1736个行政村均已开通快递服务站点，快递进村实现常态化。", "2024FY", "completed"),
    ("工贸企业安全隐患整改率100%。", "1-9月检查工贸企业560家，发现一般隐患1320项，已全部整改到位。", "2024Q3", "on_pace"),
    ("退役士兵安置岗位落实率100%。", "今年接收退役士兵98人，已全部落实安置岗位，无一人待岗。", "2024FY", "completed"),
    ("新供工业用地“标准地”出让比例达到100%。", "1-9月全市新供工业用地22宗，均按“标准地”模式出让。", "2024Q3", "on_pace"),
])
def test_a_universal_of_the_rates_act_reaches_100(task, progress, period, expected):
    got = judge(task, progress, period)
    assert got["status"] == expected


@pytest.mark.parametrize("task,progress", [
    # the universal's verb is another act; 整改 is the plan's noun
    ("重大事故隐患整改率100%。", "发现重大隐患12处，已整改10处，其余均已制定整改方案。"),
    # some counties only
    ("公共体育场馆免费开放率达到100%。", "金安区、裕安区公共体育场馆已全部实现免费开放，其余县区正在推进。"),
    # negated
    ("安全隐患整改率100%。", "排查安全隐患80处，目前尚未全部整改到位。"),
    # another act of the same things
    ("安全隐患整改率100%。", "排查安全隐患300项，均已登记建档。"),
    # a promise, no result
    ("群众信访事项按期办结率100%。", "下一步，确保信访事项全部按期办结。"),
])
def test_no_universal_of_the_act_reaches_nothing(task, progress):
    got = judge(task, progress, "2024Q3")
    assert got["status"] not in ("on_pace", "completed") or got["needs_review"]
