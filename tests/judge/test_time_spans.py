"""The time span of a figure: a month's or a quarter's own figure is no pace of the year, the
cumulative one is (1-N月, 累计, 截至, 今年以来, 前三季度); quarters from the first on add up to the
period; a growth (同比, 环比) is never a completion ratio; another year's batch is not this year's.
Sentences follow the corpus's monthly and quarterly wordings with other figures."""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text

H1, Q3 = "2024H1", "2024Q3"
TRADE = "全年实现外贸进出口总额200亿元。"


def judge(task: str, progress: str, period: str = Q3) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("progress,status,pct", [
    ("9月当月进出口21亿元,同比增长25%;1-9月累计完成138亿元。", "behind", 0.69),
    ("1-9月累计完成172亿元;其中9月份完成21亿元。", "ahead", 0.86),
    ("截至9月底,全市完成外贸进出口158亿元。", "on_pace", 0.79),
    ("今年以来,全市完成外贸进出口158亿元,同比增长78%。", "on_pace", 0.79),
])
def test_the_cumulative_figure_measures_the_pace(progress, status, pct):
    f = judge(TRADE, progress)
    assert (f["status"], f["completion_pct"]) == (status, pytest.approx(pct))


@pytest.mark.parametrize("progress,flagged", [
    # a month's or a quarter's own figure, and the growth said of it, cannot measure the year (helpers.judge.moot)
    ("9月份完成外贸进出口21亿元,环比增长18%。", False),
    ("第三季度全市完成外贸进出口62亿元。", False),
    # a growth of the year's indicator could be the cumulative one's: the researcher looks
    ("全市外贸进出口同比增长78%。", True),
])
def test_a_months_or_quarters_own_figure_or_a_growth_is_no_pace(progress, flagged):
    f = judge(TRADE, progress)
    assert f["status"] == "qualitative" and f["completion_pct"] is None and f["needs_review"] == flagged


@pytest.mark.parametrize("progress,period,pct", [
    ("二季度新增城镇就业6200人,一季度新增5100人。", H1, 0.565),
    ("一季度新增城镇就业5100人;二季度新增6200人;三季度新增4300人。", Q3, 0.78),
])
def test_quarters_from_the_first_on_add_up(progress, period, pct):
    f = judge("新增城镇就业2万人。", progress, period)
    assert f["completion_pct"] == pytest.approx(pct)


def test_quarters_with_a_gap_do_not_add_up():
    f = judge("新增城镇就业2万人。", "二季度新增城镇就业6200人,三季度新增4300人。")
    assert f["completion_pct"] is None


def test_another_years_numbered_batch_is_not_this_years():
    f = judge("完成农村危房改造300户。", "2023年第二批危房改造任务180户已于今年3月全部竣工;2024年任务正在入户核查。", H1)
    assert f["status"] == "qualitative" and f["needs_review"]


# the seed's Q30: 首批 in the task may be the batch the text dates by its year (2023年度21个…)
_TWO_BATCHES = ("2023年度21个精品示范村共谋划项目509个,已开工367个,建设进度69.91%;2024年度成功申报21个精品示范村,"
                "共谋划项目428个,已开工200个,建设进度40.16%。")


@pytest.mark.parametrize("task,progress", [
    ("加快首批21个精品示范村建设。", _TWO_BATCHES),
    ("推进第二批12个美丽宜居村庄建设。", "2022年度首批12个村庄已全部完成验收;2023年度12个村庄建设进度55%;2024年度12个村庄完成规划编制,建设进度20%。"),
    ("加快首批8个老旧小区改造。", "2023年度8个小区改造工程量完成72%，2024年度新开工小区6个，工程量完成18%。"),
])
def test_a_batch_the_task_names_by_its_order_and_the_text_by_its_year_goes_to_review(task, progress):
    f = judge(task, progress, H1)
    assert f["needs_review"] and "首批、第二批" in f["review_reason"], f


@pytest.mark.parametrize("task", ["加快2024年度21个精品示范村建设。", "加快21个精品示范村建设。"])
def test_a_batch_named_by_its_year_or_not_at_all_still_drops_another_years(task):
    f = judge(task, _TWO_BATCHES, H1)
    assert f["status"] == "behind" and f["completion_pct"] == pytest.approx(0.4016)
    assert "首批、第二批" not in (f["review_reason"] or ""), f
