"""Floors on the labelled non-seed set (tests/data/judge_set.csv): the rules generalize or this fails.

`make eval` prints the same figures in full; these tests hold the floors issue #9 sets.
"""

from __future__ import annotations

import pytest

from helpers.errors import ParseError
from helpers.judge.evaluate import Outcome, judge_case, score

from judge_set import eval_script, load_judge_set


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
    # a forecast of the result (预计可完成) is flagged; a result whose publication is scheduled
    # (评估结果预计9月公布) is a plain wait, pending and confident before the year's end
    cases, outs = outcomes
    forecast = [(c, o) for c, o in zip(cases, outs) if c["modality"] == "forecast" and c["status"] == "pending"]
    assert forecast and all(o.needs_review or (o.got == "pending" and "公布" in (o.evidence or ""))
                            for c, o in forecast)


def test_score_counts_also_ok_and_flags():
    outs = [Outcome("a", "on_pace", ("qualitative",), "qualitative", False, None, None),
            Outcome("b", "behind", (), "on_pace", True, "x", None),
            Outcome("c", "behind", (), "on_pace", False, None, None),
            Outcome("d", "completed", (), "completed", False, None, None)]
    s = score(outs)
    assert s.agreement == 0.5 and s.confident_errors == 1 and s.confident_error_share == 0.25
    assert s.per_status["behind"]["recall"] == 0 and s.per_status["on_pace"]["precision"] == 0
    assert s.per_status["qualitative"]["precision"] == 1.0


def test_eval_never_lists_the_blind_test_half(capsys):
    from judge_set import AGGREGATE_ONLY, load_blind

    eval_script().main(["--errors"])
    out = capsys.readouterr().out
    test_ids = {c["case_id"] for k in AGGREGATE_ONLY for c in load_blind(k)}
    dev_ids = {c["case_id"] for c in load_blind("dev")}
    assert "blind set, test half (aggregate only):" in out and "blind set, development half:" in out
    assert "blind set 3, kept back (aggregate only):" in out
    assert "blind set 4, test half (aggregate only):" in out
    listed = {w for line in out.splitlines() if line.startswith("    ") for w in line.split()[:1]}
    assert listed & dev_ids  # the development half's misses are listed …
    assert not listed & test_ids  # … the test half's never
    assert not any(i in out for i in test_ids)


def test_a_kept_back_file_is_scored_in_aggregate_only(tmp_path, capsys):
    """`--holdout FILE` scores a labelled file kept outside the repository without naming a case."""
    import csv

    from judge_set import BLIND, COLUMNS

    rows = list(csv.DictReader(BLIND["test"].open(encoding="utf-8", newline="")))[:30]
    held = tmp_path / "held.csv"
    with held.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows({**r, "case_id": f"H{i:03d}"} for i, r in enumerate(rows, 1))
    eval_script().main(["--errors", "--only-holdout", "--holdout", str(held)])
    out = capsys.readouterr().out
    assert "kept-back set held.csv (aggregate only): 30 cases" in out
    assert "development half" not in out
    assert not any(f"H{i:03d}" in out for i in range(1, 31))


def test_blind_halves_are_disjoint_and_valid():
    from judge_set import AGGREGATE_ONLY, load_blind

    sets = [load_blind(k) for k in ("dev", "test", "dev2", "holdout", "dev4", "test4", "dev7", "dev9", "dev5", "dev6", "dev8", "dev10", "dev11", "dev12", "dev13", "dev14", "dev15")]
    assert all(len(s) >= 100 for s in sets)
    for i, a in enumerate(sets):
        for b in sets[i + 1:]:
            assert not {c["case_id"] for c in a} & {c["case_id"] for c in b}
            assert not {(c["task"], c["progress"]) for c in a} & {(c["task"], c["progress"]) for c in b}


def test_by_reason_counts_each_reasons_errors_and_each_methods_leaks():
    from helpers.judge.evaluate import by_reason

    outs = [Outcome("a", "behind", (), "on_pace", True, "各部分结论不一：x；数字所指与目标指标不同：y", None, "computed_ratio"),
            Outcome("b", "on_pace", (), "on_pace", True, "各部分结论不一：z", None, "computed_ratio"),
            Outcome("c", "behind", (), "completed", False, None, None, "verdict_phrase"),
            Outcome("d", "behind", (), "behind", False, None, None, "computed_ratio")]
    rows = {line.split()[0]: line.split()[1:] for line in by_reason(outs).splitlines()[1:]}
    assert rows["各部分结论不一"] == ["2", "1", "0.50", "1", "0", "1"]  # flagged 2, one wrong, alone once (right)
    assert rows["数字所指与目标指标不同"] == ["1", "1", "1.00", "0", "0", "0"]
    assert rows["verdict_phrase"] == ["1", "1"] and rows["computed_ratio"] == ["1", "0"]


def test_by_reason_is_printed_for_read_sets_only(capsys):
    eval_script().main(["--by-reason"])
    out = capsys.readouterr().out
    test_part = out.split("blind set, test half (aggregate only):")[1].split("\n\n")[0]
    assert "review reason" in out.split("blind set, development half:")[1].split("\n\n")[0]
    assert "review reason" not in test_part and "confident, by method" not in test_part
    # the sums: per reason over the read sets, the aggregate-only sets as one total with no reason
    read_sum = out.split("all read sets summed (each case once):")[1].split("\n\n")[0]
    unread_sum = out.split("aggregate-only sets summed:")[1].split("\n\n")[0]
    assert "review reason" in read_sum and "alone right" in read_sum
    assert "review reason" not in unread_sum and "confident, by method" not in unread_sum
    assert "flagged " in unread_sum and " wrong, " in unread_sum
    # the classes of the two broad reasons, measured over the read sets and the freshest apart
    assert "by class (all labelled read sets, the seed excepted; fresh = sets 12+13)" in read_sum and "may stop flagging" in read_sum
    assert "may stop flagging" not in unread_sum


def test_by_class_counts_each_class_over_all_sets_and_the_fresh_ones():
    from helpers.judge.evaluate import by_class

    def flagged(i, expected, got, reason):
        return Outcome(i, expected, (), got, True, reason, None, "none")

    every = [flagged("a", "completed", "qualitative", "原文有关乎状态的表述未被规则采用：【事件字眼】已开通"),
             flagged("b", "qualitative", "qualitative", "原文有关乎状态的表述未被规则采用：【事件字眼】已投用；只有预计数，没有实绩"),
             flagged("c", "qualitative", "qualitative", "目标有数字，进展中没有可对照的数据：【只有其他单位的数字】"),
             Outcome("d", "behind", (), "behind", False, None, None, "computed_ratio")]
    rows = {line.split()[0]: line.split()[1:] for line in by_class(every, every[:1]).splitlines()
            if line.startswith("    ") and not line.split()[0] == "class"}
    assert rows["事件字眼"] == ["2", "1", "0.50", "1", "0", "no"]  # two flags, one right; the fresh one wrong
    assert rows["只有其他单位的数字"] == ["1", "1", "1.00", "0", "0", "no"]  # right, but one case is too few


def test_flag_totals_counts_flags_spent_on_right_and_wrong_statuses():
    from helpers.judge.evaluate import flag_totals

    outs = [Outcome("a", "behind", (), "on_pace", True, "各部分结论不一：x", None, "computed_ratio"),
            Outcome("b", "on_pace", (), "on_pace", True, "各部分结论不一：z", None, "computed_ratio"),
            Outcome("c", "behind", (), "completed", False, None, None, "verdict_phrase"),
            Outcome("d", "behind", (), "behind", False, None, None, "computed_ratio")]
    assert flag_totals(outs) == "  flagged 2 of 4: 1 wrong, 1 right; confident errors 1"
    assert "各部分" not in flag_totals(outs)


def test_readers_agree_counts_the_same_status_and_overlapping_readings():
    from helpers.judge.evaluate import readers_agree

    first = [{"case_id": "a", "status": "behind", "also_ok": ("pending",)},
             {"case_id": "b", "status": "completed", "also_ok": ()},
             {"case_id": "c", "status": "on_pace", "also_ok": ()},
             {"case_id": "d", "status": "blocked", "also_ok": ()}]
    second = {"a": ("pending", frozenset({"pending"})), "b": ("completed", frozenset({"completed"})),
              "c": ("ahead", frozenset({"ahead", "on_pace"})), "d": ("behind", frozenset({"behind"}))}
    assert readers_agree(first, second).endswith("same status 0.250, compatible 0.750")


@pytest.mark.parametrize("half", ["dev10", "dev11", "dev12", "dev13", "dev14", "dev15"])
def test_second_readers_label_every_case_of_their_set_and_mostly_agree(half):
    from judge_set import load_blind, load_second_reader

    cases, second = load_blind(half), load_second_reader(half)
    assert {c["case_id"] for c in cases} == set(second)
    # two careful readers of the same conventions: if they agree this little, a file is misaligned
    assert sum(c["status"] == second[c["case_id"]][0] for c in cases) / len(cases) > 0.85


def test_a_second_reading_that_misses_a_case_is_refused(tmp_path, monkeypatch):
    import judge_set

    good = judge_set.SECOND_READER["dev10"].read_text(encoding="utf-8").splitlines()
    short = tmp_path / "short.csv"
    short.write_text("\n".join(good[:-1]) + "\n", encoding="utf-8")
    monkeypatch.setitem(judge_set.SECOND_READER, "dev10", short)
    with pytest.raises(ParseError, match="short.csv"):
        judge_set.load_second_reader("dev10")
