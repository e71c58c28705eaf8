"""Issue #18, a deliverable counted as one (组建…队伍1支, 建成…中心1个, 成立…基金1支): the number says how many
— one — and the task is that one act. When no figure measures it, its aim said reached in words (揭牌成立,
正式成立, 建成投用, 成功举办) completes it, as for the same task written without its 1 (helpers.judge.whole);
a stage or work still going on does not, and a count of two is no one act.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text

H1 = "2024H1"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress", [
    ("组建县级综合性应急救援队伍1支。", "6月12日，县综合应急救援大队揭牌成立，首批编配队员60人。"),
    ("成立市级产业投资基金1支。", "市产业投资基金已于5月正式成立，规模20亿元。"),
    ("建成城市大脑指挥中心1个。", "城市大脑指挥中心已于6月建成投用。"),
    ("举办全市职业技能大赛1次。", "大赛于5月20日在市职教中心成功举办，参赛选手412人。"),
    ("组建市级文旅投资集团1家。", "6月18日，市文旅投资集团有限公司揭牌成立，原4户企业整体划入。"),
])
def test_a_deliverable_counted_as_one_is_done_by_its_event_in_words(task, progress):
    assert judge(task, progress)["status"] == "completed"


@pytest.mark.parametrize("task,progress", [
    ("组建县级综合性应急救援队伍1支。", "队伍组建方案已报县政府，正在开展人员招录。"),
    ("建成城市大脑指挥中心1个。", "主体工程已完工，正在进行设备安装调试。"),
    ("组建县级综合性应急救援队伍2支。", "6月12日，县综合应急救援大队揭牌成立，首批编配队员60人。"),
])
def test_a_step_or_one_of_two_is_not_done(task, progress):
    assert judge(task, progress)["status"] != "completed"


def test_a_title_counted_as_one_is_not_reached_by_its_works():
    got = judge("创成国家5A级旅游景区1家。", "天堂寨景区提升工程全部完工，景观质量评审已于9月通过，目前正等待文化和旅游部正式发文确定。",
                "2024FY")
    assert got["status"] != "completed"
