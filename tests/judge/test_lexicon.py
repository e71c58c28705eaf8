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
    ("verdict,大幅领先,fast,大幅领先,", "verdict 类词语的含义（meaning）“fast”不可用；应为 completed、"),
    ("verdicts,大幅领先,ahead,大幅领先,", "类别（kind）“verdicts”不可用；可用的类别：pace、pace_behind"),
    ("verdict,大幅领先,ahead,进度很快,", "例句“进度很快”中没有词语“大幅领先”；例句须包含该词语"),
    ("verdict,,ahead,进度很快,", "词语（phrase）为空"),
    ("half,过三成,0.3x,过三成,", "half 类词语的含义（meaning）应为大于 0、不超过 1 的比例（如 0.5），而不是“0.3x”"),
    ("verdict,待审批,pending,尚待审批,", "verdict 类词语“待审批”与第"),
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
    with pytest.raises(ReferenceError_, match="none.csv：文件不存在（判断所用的词语表）"):
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


def test_a_lexicon_missing_a_whole_class_of_wordings_is_refused_in_chinese(tmp_path):
    """Deleting every `verdict … blocked` row would let 叫停 read as nothing, with exit 0."""
    lines = paths.LEXICON_CSV.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [ln for ln in lines if not ln.startswith("verdict,") or ",blocked," not in ln]
    assert len(kept) < len(lines)
    path = tmp_path / "lexicon.csv"
    path.write_text("".join(kept), encoding="utf-8")
    first = next(n for n, ln in enumerate(kept, start=1) if ln.startswith("verdict,"))
    with pytest.raises(ReferenceError_) as e:
        load_lexicon(path)
    assert str(e.value) == (f"{path}:{first}: 没有 kind=verdict、meaning=blocked 的词条（这一类至少要有一条，"
                            "否则整类说法都读不出来）；请恢复被删除的行")


def test_a_lexicon_with_its_columns_out_of_order_is_refused(tmp_path):
    path = tmp_path / "lexicon.csv"
    text = paths.LEXICON_CSV.read_text(encoding="utf-8").split("\n", 1)[1]
    path.write_text("phrase,kind,meaning,example,note\n" + text, encoding="utf-8")
    with pytest.raises(ReferenceError_, match=rf"^{path}:1: 表头须是 kind,phrase,meaning,example,note$"):
        load_lexicon(path)
