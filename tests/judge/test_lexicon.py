"""data/reference/lexicon.csv: checked on load, and a wording added there is read without code."""

from __future__ import annotations

import shutil

import pytest

from helpers import paths
from helpers.errors import ReferenceError_
from helpers.judge.parts import read
from helpers.judge.lexicon import load_lexicon


def test_the_shipped_lexicon_loads_and_covers_the_issue_words():
    lex = load_lexicon()
    for kind, phrase in [("pace", "时序进度"), ("pace", "双过半"), ("growth_up", "增速达"), ("growth_up", "同比增加"),
                         ("growth_down", "同比降低"), ("comparison_up", "高出"), ("deliverable", "通车"),
                         ("deliverable", "印发"), ("modality", "预计"), ("modality", "力争"),
                         ("verdict", "已提前完成年度目标"), ("verdict", "年度任务已全面完成"),
                         ("half", "完成全年任务过半")]:
        assert phrase in lex.phrases(kind), (kind, phrase)


@pytest.mark.parametrize("row,problem", [
    ("verdict,大幅领先,fast,大幅领先,", "meaning 'fast' is not one of"),
    ("verdicts,大幅领先,ahead,大幅领先,", "unknown kind 'verdicts'"),
    ("verdict,大幅领先,ahead,进度很快,", "does not contain the phrase"),
    ("verdict,,ahead,进度很快,", "empty phrase"),
    ("half,过三成,0.3x,过三成,", "must be a share"),
    ("verdict,待审批,pending,尚待审批,", "repeats line"),
])
def test_bad_rows_are_one_line_errors_naming_file_and_line(tmp_path, row, problem):
    path = tmp_path / "lexicon.csv"
    shutil.copy(paths.LEXICON_CSV, path)
    n = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8") as fh:
        fh.write(row + "\n")
    with pytest.raises(ReferenceError_) as e:
        load_lexicon(path)
    msg = str(e.value)
    assert msg.startswith(f"{path}:{n}:") and problem in msg and "\n" not in msg


def test_bad_header_and_missing_file(tmp_path):
    bad = tmp_path / "lexicon.csv"
    bad.write_text("phrase,kind\n", encoding="utf-8")
    with pytest.raises(ReferenceError_, match=":1: 缺少列 meaning、example"):
        load_lexicon(bad)
    with pytest.raises(ReferenceError_, match="missing"):
        load_lexicon(tmp_path / "none.csv")


def test_a_new_wording_is_one_line_in_the_file(tmp_path):
    task, progress = "规上工业增加值增长9%。", "1-6月,全市规上工业增加值增势为9.5%。"
    assert read(task, progress).parts[0].met is None  # 增势为 is not a known growth verb
    path = tmp_path / "lexicon.csv"
    shutil.copy(paths.LEXICON_CSV, path)
    with path.open("a", encoding="utf-8") as fh:
        fh.write("growth_up,增势为,up,规上工业增加值增势为9.5%,a wording of a new report\n")
    part = read(task, progress, lex=load_lexicon(path)).parts[0]
    assert part.met is True and part.actual_value == 9.5
