"""Issue #18, a slip to a later date in the shorter words of the family (延至, 延迟至):

裕安区试点…延至2024年实施 is a deferral as 顺延至 and 推迟到 are — with an authority's decision a halt, said of some
of the count at the year's end a part not done; 蔓延至 (a pest spreading) is no slip.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text


def judge(task: str, progress: str, period: str) -> dict:
    return judge_text(task, progress, period)[0]


def test_some_of_the_count_slipped_to_next_year_is_not_done():
    got = judge("完成老旧小区改造12个。", "全年完成改造9个；另有3个小区因管网迁改延至2025年实施。", "2024FY")
    assert got["status"] == "behind", got


@pytest.mark.parametrize("task,progress,period", [
    ("举办全市第三届农民运动会。", "经市政府研究，运动会延至2025年举办。", "2024FY"),
    ("实施城区智慧停车改造项目。", "按照市政府常务会议决定，项目延至2025年实施。", "2024Q3"),
])
def test_a_slip_an_authority_decided_is_a_halt(task, progress, period):
    assert judge(task, progress, period)["status"] == "blocked"


def test_a_slip_within_the_year_with_no_authority_is_no_halt_and_no_completion():
    got = judge("建成城东污水泵站。", "受雨季影响，泵站完工时间延至10月。", "2024H1")
    assert got["status"] not in ("completed", "blocked"), got


def test_a_use_slipped_to_next_year_is_behind_at_the_years_end():
    got = judge("建成投用市急救指挥中心。", "因设备供货延误，指挥中心投用时间延迟至明年3月。", "2024FY")
    assert got["status"] == "behind", got


def test_a_pest_spreading_is_no_slip():
    got = judge("全年除治松材线虫病疫木8万株。", "今年疫情未蔓延至新的乡镇，全年已除治疫木8.2万株。", "2024FY")
    assert got["status"] == "completed", got
