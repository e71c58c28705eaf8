"""Round 10, levels and rates said in words (docs/judging.md, "Levels said in words"):

- a level of 100 % reached by a universal said of the rate's act (均已…整改到位, 全部实现…开放, 全部合格): every
  thing counted has it, so the rate is 100 %; a coverage rate is reached by every unit said to have the thing;
- a change in percentage points (较上年提高2个百分点): the change said of the same rate, met or missed;
- a fall of two counts at once (起数和死亡人数实现“双下降”): each count's change, both down or not.

Variants written before the rules, in other sectors, verbs, numbers and periods than the cases of sets
8, 9, 11, 13, 14 and 15 that showed the constructions.
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


# ---------------------------------------------------------------------------------------------
# a change in percentage points

@pytest.mark.parametrize("task,progress,period,expected", [
    ("城镇失业人员再就业率较上年提高3个百分点。", "1-9月，失业人员再就业率为62.5%，较上年同期提高3.4个百分点。", "2024Q3", "on_pace"),
    ("全市森林覆盖率提高0.5个百分点。", "全年完成造林绿化4.2万亩，森林覆盖率达到45.6%，比上年提高0.6个百分点。", "2024FY", "completed"),
    ("农村低收入人口返贫率较上年下降1个百分点以上。", "全年监测返贫率为0.8%，较上年下降1.3个百分点。", "2024FY", "completed"),
    ("义务教育巩固率提高2个百分点。", "全年义务教育巩固率较上年提高1.2个百分点。", "2024FY", "behind"),
    ("空气质量优良天数比率较上年提升2个百分点。", "1-6月全市优良天数比率为81.2%，同比下降1.5个百分点。", "2024H1", "behind"),
    ("城区中小学生近视率下降0.5个百分点。", "秋季筛查结果显示，城区中小学生近视率较上年上升0.3个百分点。", "2024M11", "behind"),
])
def test_a_change_in_points_meets_or_misses(task, progress, period, expected):
    assert judge(task, progress, period)["status"] == expected


@pytest.mark.parametrize("task,progress", [
    # another rate's change
    ("本科达线率提高2个百分点。", "今年高职录取率较上年提高3个百分点，本科达线人数1.2万人。"),
    # a plan's change, no result
    ("森林覆盖率提高0.5个百分点。", "计划通过新造林使森林覆盖率比上年提高0.6个百分点。"),
])
def test_a_change_of_another_rate_or_a_plan_decides_nothing(task, progress):
    got = judge(task, progress, "2024Q3")
    assert got["status"] not in ("on_pace", "completed") or got["needs_review"]


# ---------------------------------------------------------------------------------------------
# two counts to fall at once

@pytest.mark.parametrize("task,progress,period,expected", [
    ("道路交通事故起数和死亡人数实现“双下降”。", "1-6月，全市发生道路交通事故312起、死亡41人，同比分别下降6.3%和8.9%。",
     "2024H1", "on_pace"),
    ("火灾起数、亡人数实现双下降。", "全年接报火灾986起，同比下降4.2%；亡人2人，同比减少3人。", "2024FY", "completed"),
    ("工矿商贸事故起数和死亡人数“双下降”。", "1-9月发生工矿商贸事故9起、死亡10人，同比分别下降25%和16.7%。", "2024Q3", "on_pace"),
    ("电动自行车火灾起数和亡人数实现双下降。", "上半年电动自行车火灾48起，同比上升11.6%；未发生亡人事故，同比减少1人。",
     "2024H1", "behind"),
    ("建筑施工事故起数、死亡人数双下降。", "全年发生建筑施工事故6起，同比下降14.3%；死亡7人，同比增加2人。", "2024FY", "behind"),
])
def test_both_counts_fall_or_not(task, progress, period, expected):
    assert judge(task, progress, period)["status"] == expected


def test_one_count_said_alone_is_flagged():
    got = judge("道路交通事故起数和死亡人数实现“双下降”。", "上半年道路交通事故起数同比下降5.1%，死亡人数数据待公安部门核定。",
                "2024H1")
    assert got["status"] not in ("on_pace", "completed") or got["needs_review"]
