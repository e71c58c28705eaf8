"""The status a flagged task shows is measured, not guessed (helpers.judge.shown, docs/judging.md "The status a
flagged task shows"): a candidate reading replaces the rules' status of a flagged task only for a review
reason where, over every labelled set read case by case, writer by writer, it is right more often than the
rules' status in at least MIN_WRITERS writers' sets and overall by a clear margin. A rule change that makes
an adopted candidate stop beating the rules' status fails here."""

from __future__ import annotations

import pytest

from helpers.judge.evaluate import shown_adoptable, shown_measure
from helpers.judge.shown import ADOPTED, CANDIDATES, adoptable, annotate, choose, reason_key, sign_p, Choice
from helpers.judge.status import judge_one
from helpers.statuses import REVIEW_REASONS, review_reason
from judge_set import ambiguous, readable_by_writer


@pytest.fixture(scope="module")
def measure(read_outcomes):
    """The measure over every labelled set that may be read, by writer (the session's judged cases)."""
    by_writer = {name: [read_outcomes[c["case_id"]] for c in cases] for name, cases in readable_by_writer().items()}
    return shown_measure(by_writer, ambiguous())


@pytest.mark.parametrize("key,candidate", sorted(ADOPTED.items(), key=str))
def test_each_adopted_candidate_still_beats_the_rules_status_by_writer(measure, key, candidate):
    per = measure.get((key, candidate), {})
    won = [s for s, (_, _, _, w, lo) in per.items() if w > lo]
    assert shown_adoptable(per), f"{key} / {candidate}: sets won {won}, measure {per}; drop it from ADOPTED"


def test_the_confident_judgements_keep_the_rules_status_and_flags_stay(read_outcomes):
    for o in read_outcomes.values():
        assert o.got == o.ruled or o.needs_review, o.case_id  # only a flagged task's status is chosen
        assert o.candidates == {} or o.needs_review, o.case_id


def test_adoption_needs_writers_a_margin_and_more_than_chance():
    assert adoptable({"a": (3, 0), "b": (2, 0), "c": (2, 1)})  # 7 wins, 1 loss in three sets
    assert not adoptable({"a": (9, 0), "b": (1, 0)})  # two writers only
    assert not adoptable({"a": (2, 1), "b": (2, 1), "c": (2, 1)})  # 6 to 3: no clear margin
    assert not adoptable({"a": (1, 0), "b": (1, 0), "c": (1, 0)})  # 3 to 0 may be chance (p = 0.125)
    assert sign_p(7, 1) == pytest.approx(9 / 256) and sign_p(0, 0) == 1.0


def test_choose_wants_the_adopted_candidates_to_agree():
    (code, kind), name = next(iter(ADOPTED.items()))
    r = review_reason(code, "324%", kind)
    assert reason_key(r) == (code, kind)
    assert choose([r], {name: "qualitative"}, "completed", ["completed"]) == Choice(name, "qualitative", 0, (0,))
    assert choose([r], {name: "completed"}, "completed", ["completed"]) is None  # nothing to replace
    assert choose([review_reason("forecast_only", "预计全年增长7%")], {name: "qualitative"}, "completed",
                  ["completed"]) is None  # no adopted reason
    said = annotate(r, Choice(name, "qualitative", 0))
    assert said.startswith(REVIEW_REASONS[code]) and "定性推进" in said and CANDIDATES[name] in said


# Variants written before they were run: an actual far above its target (a stock, another span's total or
# a wider count read as the year's additions), other sectors, periods and numbers. The figure is set aside:
# the task shows what the rest of its text says, stays flagged, and the reason says so.
FAR_ABOVE = [
    ("全年乡村旅游接待游客800万人次。", "上半年全市接待国内游客1960万人次，同比增长9.1%。", "2024H1", "qualitative"),
    ("完成交通基础设施投资20亿元。", "1-9月全市交通固定资产投资完成68.4亿元，其中高速公路完成31.2亿元。", "2024Q3",
     "qualitative"),
    ("全年新增入园企业60家。", "截至6月底，园区入驻企业共计388家。", "2024H1", "qualitative"),
    ("新增森林抚育面积3万亩。", "一季度全市完成林业生产面积11.2万亩，春季造林工作有序推进。", "2024Q1", "qualitative"),
    ("全年新认定高新技术企业40家。", "目前全市有效期内高新技术企业共312家。今年申报企业58家，认定结果预计11月公布。",
     "2024H1", "pending"),
]


@pytest.mark.parametrize("task,progress,period,expected", FAR_ABOVE)
def test_an_actual_far_above_its_target_is_set_aside_and_the_rest_is_shown(task, progress, period, expected):
    j = judge_one(task, progress, period)
    f = j.fields
    assert j.ruled == "completed" and f["status"] == expected and f["needs_review"], (j.ruled, f)
    assert f["review_reason"].startswith(REVIEW_REASONS["ratio_unlikely"])
    assert f"显示为“{f['status_zh']}”" in f["review_reason"] and CANDIDATES["set_aside"] in f["review_reason"]
    assert f["completion_pct"] is None  # the far figure's ratio is no fact the pages print


def test_a_stock_the_rules_do_not_read_as_additions_needs_no_choice():
    # written with the variants above: 实有…达到 is a stock, never read as the year's additions
    j = judge_one("全年新增市场主体5000户。", "截至9月底，全市实有市场主体达到15.6万户，较年初有所增长。", "2024Q3")
    assert j.ruled == j.fields["status"] == "qualitative" and "显示为" not in (j.fields["review_reason"] or "")


def test_a_figure_at_the_target_stays_as_the_rules_read_it():
    # 2.1 of 2 万人: no doubt, nothing to choose
    j = judge_one("新增城镇就业2万人。", "上半年全市城镇新增就业2.1万人。", "2024H1")
    assert j.fields["status"] == j.ruled == "completed" and not j.fields["needs_review"] and j.candidates == {}
