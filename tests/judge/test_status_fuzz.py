"""Any text the reports could hold: the judge returns a valid judgement or the project's own error."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.judge.findings import ordinal
from helpers.judge.status import judge_text
from helpers.schema import METHODS
from helpers.statuses import STATUS_ZH, STATUSES

from conftest import SEED

TEXT = SEED.read_text(encoding="utf-8")
# characters the rules react to, mixed into slices of the seed
SPICE = list("0123456789.%％,，;；:：()（）|、。") + ["预计", "力争", "已", "未", "完成", "过半", "序时进度", "增长",
                                                "全省第", "位", "待", "后", "分别", "均", "《", "》", "(%)", "目标任务:"]

pieces = st.lists(st.one_of(st.integers(0, len(TEXT) - 1).map(lambda i: TEXT[i:i + 40]), st.sampled_from(SPICE)),
                  max_size=12).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(task=pieces, progress=pieces, period=st.sampled_from(["2024Q1", "2024H1", "2024Q3", "2024M11", "2021FY"]))
def test_any_text_gets_a_valid_judgement(task, progress, period):
    f, rows = judge_text(task, progress, period)
    assert f["status"] in STATUSES and f["status_zh"] == STATUS_ZH[f["status"]]
    assert f["method"] in METHODS
    assert isinstance(f["needs_review"], bool) and (f["review_reason"] is None) == (not f["needs_review"])
    for r in rows:
        if r["evidence_start"] is not None:
            assert 0 <= r["evidence_start"] <= r["evidence_end"] <= len(progress)


def test_ordinals():
    assert [ordinal(x) for x in ("3", "三", "十", "十二", "二十", "15", "两", "二十三")] == [3, 3, 10, 12, 20, 15, 2, 23]


def test_a_deliverable_counted_with_liang_is_judged():
    # a works task over 两个片区 (the seed's 完成…改造 tasks, counted with 两): 两 once crashed the reader
    fields, _ = judge_text("完成城区、开发区两个片区燃气管网智能化监测改造。",
                           "城区片区已建成监测系统,开发区片区完成设备安装调试。", "2024H1")
    assert fields["status"] in STATUSES and fields["status"] != "completed"
