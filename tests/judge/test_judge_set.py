"""Integrity and coverage of the labelled evaluation set (tests/data/judge_set.csv, issue #9).

These tests check the set itself, not the judge: that it is valid, not from the seed, faithful to
the corpus readers' labels, internally consistent with the pace rule of DOMAIN.md, and that it
covers every clause kind, modality, status and period type the issue names.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from helpers.errors import ParseError
from helpers.period import parse_code
from judge_set import COLUMNS, KINDS, MODALITIES, STATUSES, load_judge_set

from conftest import SEED

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    return load_judge_set()


def test_size_and_not_from_the_seed(cases):
    # tasks may repeat the seed's (the 2024 Q1 report judges the same task list); progress may not
    seed = SEED.read_text(encoding="utf-8")
    not_seed = [c for c in cases if c["progress"] not in seed]
    assert len(not_seed) == len(cases), [c["case_id"] for c in cases if c not in not_seed]
    assert len(not_seed) >= 150
    assert sum(c["origin"] == "written" for c in cases) >= 120


def test_corpus_cases_are_the_readers_labels(cases):
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    expected = [r for r in labels if r["complete"] and r["status"] is not None]
    got = [c for c in cases if c["origin"] == "corpus"]
    assert len(got) == len(expected)
    for case, r in zip(got, expected):
        assert (case["source"], case["task"], case["progress"], case["period"]) == \
            (r["file"], r["task"], r["progress"], r["period"])
        assert (case["status"], case["also_ok"]) == (r["status"], r["also_ok"])
        assert case["official_status"] == (r["official_status"] or "")
        assert case["completion_pct"] == r["completion"]
        assert (CORPUS / case["source"]).is_file()


def _status_from_ratio(ratio: float, pace: float) -> str:
    """DOMAIN.md's pace rule restated here (not imported from the judge, which this set measures)."""
    if ratio >= 1:
        return "completed"
    if ratio < pace:
        return "behind"
    return "ahead" if ratio - pace >= 0.10 - 1e-9 and pace < 1 else "on_pace"


def test_labels_follow_the_pace_rule_where_a_ratio_decides(cases):
    wrong = []
    for c in cases:
        ratio = c["completion_pct"]
        if ratio is None or c["status"] in ("blocked", "pending", "qualitative"):
            continue
        pace = parse_code(c["period"]).pace
        expected = _status_from_ratio(ratio, pace)
        if expected != c["status"] and expected not in c["also_ok"]:
            wrong.append((c["case_id"], ratio, c["period"], c["status"], expected))
    assert not wrong


def test_year_end_has_no_ahead(cases):
    assert not [c["case_id"] for c in cases
                if parse_code(c["period"]).is_year_end and "ahead" in [c["status"], *c["also_ok"]]]


def test_every_kind_modality_and_status_is_covered(cases):
    written = [c for c in cases if c["origin"] == "written"]
    assert {c["kind"] for c in written} == KINDS
    assert {c["modality"] for c in written} == MODALITIES
    assert {c["status"] for c in written} == STATUSES
    # forecasts alone are pending; a careful tool flags every pending case for review
    assert all(c["needs_review_ok"] == "yes" for c in cases if c["status"] == "pending")
    counts = Counter((c["modality"], c["status"]) for c in written)
    assert counts[("forecast", "pending")] >= 5 and counts[("intention", "qualitative")] >= 3


def test_every_period_type_is_covered(cases):
    months = Counter(parse_code(c["period"]).end_month for c in cases)
    for month in (3, 6, 9, 11, 12):          # Q1, H1, Q3, 1-11月, FY
        assert months[month] >= 5, month
    assert any(parse_code(c["period"]).code.endswith("FY") for c in cases)


ISSUE_9_WORDINGS = [
    "增速达9.2%", "同比增加9.6%", "同比降低3.1%", "比全省平均高1.2个百分点", "高出全省平均0.4个百分点",
    "已开工68个,完成全年任务过半", "已完成年度任务45.6%", "预计增长7.2%,数据待", "已提前完成年度目标",
    "年度任务已全面完成", "于3月18日正式开工建设", "已于5月底竣工通车", "进度慢于时序进度",
]
PACE_SYNONYMS = ["序时进度", "时序进度", "时间进度", "双过半", "达序", "达到时间进度", "时间过半、任务过半",
                 "慢于", "落后于", "快于"]
CLAUSE_WORDS = ["占年度计划的", "完成年度任务的", "完成率", "完成全年任务过半", "万元", "同比", "下降", "PM2.5",
                "低于全省", "一季度目标", "居全省第", "开工", "竣工", "建成", "投入使用", "通车", "印发", "出台",
                "预计", "有望", "预期", "力争", "计划", "将", "拟", "若", "待", "叫停", "暂停", "取消"]


@pytest.mark.parametrize("phrase", ISSUE_9_WORDINGS + PACE_SYNONYMS + CLAUSE_WORDS)
def test_wordings_of_issue_9_are_in_the_written_cases(cases, phrase):
    assert any(phrase in c["progress"] for c in cases if c["origin"] == "written"), phrase


def test_quarter_clauses_in_quarter_reports(cases):
    q1 = [c for c in cases if c["period"].endswith("Q1") and "一季度" in c["progress"] and c["completion_pct"]]
    q3 = [c for c in cases if c["period"].endswith("Q3") and "季度" in c["progress"] and c["completion_pct"]]
    assert len(q1) >= 3 and len(q3) >= 2


def test_numeric_tables_and_official_columns(cases):
    numeric = [c for c in cases if ";目标任务:" in c["task"] and " | " in c["progress"]]
    assert len(numeric) >= 8
    official = [c for c in cases if c["official_status"]]
    # agreeing (no review needed) and disagreeing (review) official columns, with their headers
    assert any(c["needs_review_ok"] == "no" for c in official)
    assert any(c["needs_review_ok"] == "yes" for c in official)
    assert {"完成状态", "是否达序", "备注"} <= {c["official_status_field"] for c in official}


def _write(tmp_path: Path, rows: list[list[str]]) -> Path:
    import csv
    path = tmp_path / "set.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([list(COLUMNS), *rows])
    return path


GOOD = ["X1", "written", "written", "2024H1", "全年新建公园10个。", "已建成5个。", "", "", "on_pace", "",
        "0.5", "no", "amount", "done", "5/10"]


@pytest.mark.parametrize("change, message", [
    ({8: "done"}, "status"),
    ({3: "2024H3"}, "period"),
    ({9: "on_pace"}, "also_ok"),
    ({10: "50"}, "fraction"),
    ({12: "vibe"}, "kind"),
    ({7: "完成状态"}, "official_status_field"),
])
def test_loader_rejects_a_bad_row(tmp_path, change, message):
    row = list(GOOD)
    for i, v in change.items():
        row[i] = v
    with pytest.raises(ParseError, match=message):
        load_judge_set(_write(tmp_path, [row]))


def test_loader_rejects_duplicates(tmp_path):
    assert len(load_judge_set(_write(tmp_path, [GOOD]))) == 1
    with pytest.raises(ParseError, match="duplicate case_id"):
        load_judge_set(_write(tmp_path, [GOOD, GOOD[:4] + ["另一项任务。"] + GOOD[5:]]))
    with pytest.raises(ParseError, match="repeats"):
        load_judge_set(_write(tmp_path, [GOOD, ["X2"] + GOOD[1:]]))
