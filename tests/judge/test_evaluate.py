"""Floors on the labelled non-seed set (tests/data/judge_set.csv): the rules generalize or this fails.

`make eval` prints the same figures in full; these tests hold the floors issue #9 sets.
"""

from __future__ import annotations

import pytest

from helpers.judge.evaluate import Outcome, judge_case, score

from judge_set import load_judge_set


@pytest.fixture(scope="module")
def outcomes():
    cases = load_judge_set()
    return cases, [judge_case(c) for c in cases]


def test_agreement_floor(outcomes):
    _, outs = outcomes
    assert score(outs).agreement >= 0.90


def test_confident_error_ceiling(outcomes):
    _, outs = outcomes
    s = score(outs)
    wrong = [o.case_id for o in outs if o.confident_error]
    assert s.confident_error_share <= 0.02, wrong


def test_each_origin_holds_the_floor_too(outcomes):
    cases, outs = outcomes
    for origin in ("corpus", "written"):
        s = score([o for c, o in zip(cases, outs) if c["origin"] == origin])
        assert s.agreement >= 0.90 and s.confident_error_share <= 0.02, origin


def test_forecast_only_cases_are_never_confident(outcomes):
    cases, outs = outcomes
    forecast = [o for c, o in zip(cases, outs) if c["modality"] == "forecast" and c["status"] == "pending"]
    assert forecast and all(o.needs_review for o in forecast)


def test_score_counts_also_ok_and_flags():
    outs = [Outcome("a", "on_pace", ("qualitative",), "qualitative", False, None, None),
            Outcome("b", "behind", (), "on_pace", True, "x", None),
            Outcome("c", "behind", (), "on_pace", False, None, None),
            Outcome("d", "completed", (), "completed", False, None, None)]
    s = score(outs)
    assert s.agreement == 0.5 and s.confident_errors == 1 and s.confident_error_share == 0.25
    assert s.per_status["behind"]["recall"] == 0 and s.per_status["on_pace"]["precision"] == 0
    assert s.per_status["qualitative"]["precision"] == 1.0
