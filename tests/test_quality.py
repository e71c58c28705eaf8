"""helpers.quality: quality.json is written and read through one typed record.

The seed's file holds exactly the record's fields; a file that drifted (a field renamed, a count
written as text, an old file with a key the record no longer has) is refused with one line naming
the file and the field, never read as "nothing to report".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import copy_tables
from helpers.cli import main
from helpers.errors import SchemaError
from helpers.quality import Quality, find_quality, read_quality
from helpers.report import briefing as b


def _raw(folder: Path) -> dict:
    return json.loads((folder / "quality.json").read_text(encoding="utf-8"))


def test_the_seed_file_is_the_record_and_reads_back_equal(seed_table, tmp_path):
    folder = copy_tables(seed_table, tmp_path)
    raw = _raw(folder)
    assert list(raw) == list(Quality.model_fields)  # every field, in the record's order, nothing else
    q = read_quality(folder)
    assert q == seed_table.quality
    assert q.period == "2024H1" and q.pace == 0.5 and str(q.period_end) == "2024-06-30"
    # the counts as the seed report declares them (附件1 35项, 重点工作156项)
    assert q.declared_counts == {"quantified": 35, "general": 156} == q.parsed_counts
    assert not q.is_incomplete
    assert {e.task_id for e in q.review} == set(seed_table.tasks.loc[seed_table.tasks["needs_review"], "task_id"])


@pytest.mark.parametrize("change, field", [
    (lambda q: q.update(parsed_counts={"quantified": "35项"}), "parsed_counts.quantified"),
    (lambda q: q.pop("counts_match"), "counts_match"),
    (lambda q: q.update(unknown_units=[]), "unknown_units"),  # a field the record does not have
    (lambda q: q["review"].insert(0, {"task_id": "Q01", "status": "behind"}), "review.0.reason"),
])
def test_a_drifted_file_is_refused_naming_file_and_field(seed_table, tmp_path, change, field):
    folder = copy_tables(seed_table, tmp_path)
    raw = _raw(folder)
    change(raw)
    (folder / "quality.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(SchemaError) as err:
        read_quality(folder / "quality.json")
    msg = str(err.value)
    assert re.match(rf"{re.escape(str(folder / 'quality.json'))}：数据质量记录有\d+处与格式不符，第一处：{re.escape(field)}：", msg)
    assert "\n" not in msg
    assert msg.endswith("；请运行 python -m helpers table 重新生成")
    with pytest.raises(SchemaError, match="quality.json"):
        b.load_period("2024H1", folder)


def test_a_cut_off_report_reads_as_incomplete(seed_table, tmp_path):
    folder = copy_tables(seed_table, tmp_path)
    q = read_quality(folder)
    assert q.model_copy(update={"truncated_rows": ["G156"]}).is_incomplete
    assert q.model_copy(update={"parsed_counts": {"quantified": 35, "general": 150},
                                "counts_match": False}).is_incomplete


def test_no_file_is_none_for_the_briefings_and_an_error_for_the_reader(tmp_path):
    assert find_quality(tmp_path) is None
    with pytest.raises(SchemaError, match="文件不存在；请先运行"):
        read_quality(tmp_path)


def test_the_ledger_command_refuses_a_broken_quality_json_in_one_line(seed_table, tmp_path, capsys):
    folder = copy_tables(seed_table, tmp_path)
    (folder / "quality.json").write_text('{"period": "2024H1"', encoding="utf-8")  # cut off mid-write
    code = main(["ledger", "--period", "2024H1", "--processed", str(folder), "--out", str(tmp_path / "l.xlsx")])
    err = capsys.readouterr().err.strip()
    assert code != 0 and len(err.splitlines()) == 1
    assert "quality.json：数据质量记录无法读取（" in err and err.endswith("）；请运行 python -m helpers table 重新生成")
