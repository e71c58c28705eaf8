"""helpers.statuses: the official status words are one table that the reader and the judge agree on.

The reader must take a cell for a status cell exactly when the judge can say what it means; the
cells come from the corpus reports that print a status column (崇川 是否达序, 眉山 备注, 开化 完成情况,
a template's 完成状态) and from the words offices print (the issue's list: 暂缓, 推进中, 已启动,
有序推进, 部分完成).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import paths, statuses
from helpers.errors import ReferenceError_
from helpers.judge.lexicon import load_lexicon
from helpers.judge.status import official_code
from helpers.read.align import is_status
from helpers.read.ingest import read_report
from helpers.read.parse import parse_document
from helpers.table import parsed_frame, resolve_city, resolve_period
from helpers.statuses import STATUSES, official_words

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
#: Corpus excerpts with a status column, and the header the column has in each.
STATUS_COLUMNS = {"chongchuan_2023M11_1.txt": "是否达序", "meishan_2017M11_1.txt": "备注",
                  "kaihua_2023Q1_1.txt": "完成情况", "template_2022H1_1.txt": "完成状态"}


def _status_cells(tmp_path: Path, name: str) -> list[tuple[str, str]]:
    text = (CORPUS / name).read_text(encoding="utf-8").split("\n", 3)[3]  # without the corpus's 3 lines
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    doc = read_report(p)
    df, _ = parsed_frame(parse_document(doc), resolve_period(doc, None), name, resolve_city(doc, None)[0])
    df = df[df["official_status"].notna()]
    return list(zip(df["official_status"], df["official_status_field"]))


@pytest.mark.parametrize("name", sorted(STATUS_COLUMNS))
def test_status_cells_of_real_reports_are_read_and_mean_a_status(tmp_path, name):
    cells = _status_cells(tmp_path, name)
    assert cells, f"{name}: its status column was not read"
    for cell, field in cells:
        assert field == STATUS_COLUMNS[name]
        assert is_status(cell), cell
        assert official_code(cell, field) in STATUSES, cell


def test_every_word_the_reader_takes_for_a_status_the_judge_maps():
    words = official_words().meaning
    assert len(words) > 30
    for word in words:
        assert is_status(word), word
        # 是 / 否 (√ / ×) mean something only under their column's header
        assert official_code(word, "是否达到序时进度") in STATUSES, word


@pytest.mark.parametrize("word, code", [
    ("暂缓", "blocked"),        # as 暂缓实施 in the progress text
    ("推进中", "qualitative"),  # ongoing: says nothing against the pace
    ("已启动", "qualitative"),
    ("有序推进", "qualitative"),  # orderly, not 序时推进
    ("部分完成", "behind"),     # part of the target is still to do: never completed
    ("未启动", "behind"),
])
def test_the_disputed_words_map_to_one_coherent_status(word, code):
    assert is_status(word)
    assert official_code(word) == code
    assert official_code(f"  {word} ") == code  # as cells arrive, padded


def test_a_longer_cell_takes_its_longest_words_and_the_doubtful_reading():
    assert official_code("已完成，但进度滞后") == "behind"
    assert official_code("部分完成（剩余2项）") == "behind"  # 部分完成, not its 完成
    assert official_code("已完成年度任务") == "completed"
    assert official_code("正在办理") is None
    assert not is_status("已完成，但进度滞后")  # a sentence is progress, not a status cell


def test_the_lexicon_loads_the_official_rows_and_checks_them(tmp_path):
    lex = load_lexicon()
    assert lex.meaning_of("official") == official_words().meaning
    bad = tmp_path / "lexicon.csv"
    text = paths.LEXICON_CSV.read_text(encoding="utf-8")
    bad.write_text(text + "official,停滞,stalled,完成状态：停滞,\n", encoding="utf-8")
    line = len(text.splitlines()) + 1
    with pytest.raises(ReferenceError_, match=rf"lexicon.csv:{line}: 官方用语 '停滞' 的含义写成了 'stalled'"):
        official_words(bad)
    with pytest.raises(ReferenceError_, match=rf"lexicon.csv:{line}: official 类词语的含义（meaning）“stalled”不可用；应为 "):
        load_lexicon(bad)


def test_a_note_mark_may_quote_its_detail(monkeypatch):
    # no note quotes its detail today (原文自评高于数据所示 did until round 10): the path stays for the next one
    quoting = statuses.Reason("某项测试附注", "note", "a note whose mark is its detail", "{detail}")
    monkeypatch.setattr(statuses, "_LONGEST_FIRST", [(quoting.label, quoting), *statuses._LONGEST_FIRST])
    cell = statuses.REASON_SEP.join(["某项测试附注：自评为<b>序时推进</b>", statuses.review_reason("pending", "明年2月公布")])
    assert statuses.note_marks(cell) == "（自评为<b>序时推进</b>）（结果待外部决定）"
    assert statuses.note_marks("某项测试附注：自评为<b>序时推进</b>" + statuses.REASON_SEP + "某项测试附注：自评为<b>序时推进</b>") \
        == "（自评为<b>序时推进</b>）"  # the same note twice is marked once
