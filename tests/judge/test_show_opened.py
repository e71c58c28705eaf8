"""Issue #18, an event held in other words: a show said to open (博览会10月18日至20日在市会展中心开展, 车展…开展,
茶博会于5月18日开展) is held — 开展 with an exhibition as its subject and nothing after it, as 开幕 is — for a
task to hold it (findings.find_deliverables, `_SHOW_OPENED`). 开展 with an object (开展宣传), said of the
preparations (筹备工作有序开展), of another activity during the show, or planned (将于…开展) is none.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text


def judge(task: str, progress: str, period: str) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period", [
    ("举办第二届皖西特色商品博览会。", "博览会10月18日至20日在市会展中心开展，参展企业312家，现场签约8.6亿元。", "2024M11"),
    ("举办第五届中国（六安）茶博会。", "第五届茶博会于5月18日在市会展中心开展，吸引采购商1200余家。", "2024H1"),
    ("举办2024六安春季车展。", "车展5月1日至3日在万达广场开展，成交车辆860台。", "2024H1"),
    ("举办首届大别山书展。", "8月12日，书展在市图书馆广场开展，为期5天，入场读者3.2万人次。", "2024Q3"),
    ("举办六安市农产品展销会。", "展销会于9月如期开展，现场销售额1200万元。", "2024Q3"),
])
def test_a_show_said_to_open_is_held(task, progress, period):
    assert judge(task, progress, period)["status"] == "completed"


@pytest.mark.parametrize("task,progress,period", [
    ("举办第二届皖西特色商品博览会。", "博览会筹备工作有序开展，已确定参展企业180家。", "2024Q3"),
    ("举办第二届皖西特色商品博览会。", "博览会将于10月18日在市会展中心开展，目前招展工作正在进行。", "2024Q3"),
    ("举办第二届皖西特色商品博览会。", "招商推介活动在博览会期间开展。", "2024Q3"),
])
def test_preparations_plans_and_side_activities_are_not_the_show(task, progress, period):
    assert judge(task, progress, period)["status"] != "completed"
