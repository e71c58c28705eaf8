"""Issue #18, halts in more of their wordings:

- an authority's decision to halt (市政府常务会议决定…暂停新设夜市摊区, 市商务局通知暂停新建…) bears on the task
  whatever object the halt names: no confident 定性推进 beside it (signals.halt_signals, kind `order`);
- 停止经营 (the thing run no more) is a halt of the thing itself, as 停止营业 is (BLOCKED_GRAMMAR);
- a decision to push on (决定加快推进) or a clean-up with no halt is none.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text

Q3 = "2024Q3"


def judge(task: str, progress: str, period: str = Q3) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress", [
    ("城区设置夜间经济“烟火气”集市10处。", "8月，市政府常务会议决定城区暂停新设夜市摊区。"),
    ("新建社区菜市场5个。", "市商务局通知，各县区暂停新建社区菜市场，待布局规划修编后统一安排。"),
    ("推进老旧小区加装电梯。", "经市政府研究，暂缓实施老旧小区加装电梯财政补贴政策。"),
    ("规范设置夜间烧烤集中经营点8处。", "根据省里要求，城区停止新增露天烧烤摊点。"),
    ("设置城区公益广告牌100块。", "6月，市政府决定暂停新批城区户外广告设施。"),
])
def test_an_authoritys_halt_is_no_confident_qualitative(task, progress):
    got = judge(task, progress)
    assert not (got["status"] == "qualitative" and not got["needs_review"])


@pytest.mark.parametrize("task,progress", [
    ("城区设置夜间经济“烟火气”集市10处。", "市城管局开展夜市摊区整治，规范摊点经营秩序。"),
    ("城区设置夜间经济“烟火气”集市10处。", "市政府常务会议决定加快推进夜间经济集市建设，各城区正在选址。"),
])
def test_no_halt_leaves_a_confident_qualitative(task, progress):
    got = judge(task, progress)
    assert got["status"] == "qualitative" and not got["needs_review"]


@pytest.mark.parametrize("task,progress", [
    ("城区设置夜间经济“烟火气”集市10处。", "已开放的4处集市在占道整治期间一并停止经营。"),
    ("城区设置夜间经济“烟火气”集市10处。", "8月，市政府常务会议决定城区暂停新设夜市摊区，已开放的4处集市在占道整治期间一并停止经营。"),
])
def test_the_things_run_no_more_with_a_shortfall_go_to_review(task, progress):
    got = judge(task, progress)
    assert got["status"] in ("blocked", "behind") and (got["status"] == "blocked" or got["needs_review"])


def test_a_place_run_no_more_is_halted():
    got = judge("建成开业城南商业综合体。", "城南商业综合体因消防整改停止经营。", Q3)
    assert got["status"] == "blocked"
