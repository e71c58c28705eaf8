"""Nine real excerpts of other offices' reports (tests/fixtures/corpus, with labels.json: what two
careful readers found in each row) parse to the labelled rows, units, co-units and progress.

Each excerpt is parsed as a user would have it: the three lines the corpus adds (# source,
# period, a blank line) are stripped first. luan_2022H1_1.txt is a slice that starts mid-table,
without a header: it must fail with the one-line error (see test_slice_without_header_is_refused).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.errors import ParseError
from helpers.read.ingest import read_report
from helpers.read.parse import norm, parse_document
from helpers.table import line_accounting, parsed_frame, resolve_city, resolve_period

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
LABELS = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
NO_HEADER = {"luan_2022H1_1.txt"}
FILES = sorted({r["file"] for r in LABELS} - NO_HEADER)
#: Periods the title does not give (上海's page names only the year); the labels' reading.
GIVEN_PERIOD = {"shanghai_2024unknown_1.txt": "2024M10"}


def excerpt(tmp_path: Path, name: str) -> Path:
    """The excerpt without the corpus's three added lines, under its own name."""
    text = (CORPUS / name).read_text(encoding="utf-8").split("\n", 3)[3]
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def parse_excerpt(tmp_path: Path, name: str):
    p = excerpt(tmp_path, name)
    doc = read_report(p)
    parsed = parse_document(doc)
    city, _ = resolve_city(doc, None)
    period = resolve_period(doc, GIVEN_PERIOD.get(name))
    df, unknown = parsed_frame(parsed, period, name, city)
    return doc, parsed, df, unknown


def labels(name: str) -> list[dict]:
    return [r for r in LABELS if r["file"] == name]


def _s(v) -> str:
    return v if isinstance(v, str) else ""


def _units(cell) -> list[str]:
    return [u for u in (cell or "").split("、") if u] if isinstance(cell, str) else []


@pytest.mark.parametrize("name", FILES)
def test_excerpt_rows_match_labels(tmp_path, name):
    doc, parsed, df, _ = parse_excerpt(tmp_path, name)
    want = labels(name)
    assert len(df) == len(want), df[["seq", "task"]].to_string()
    for (_, got), lab in zip(df.iterrows(), want):
        where = f"{name} row {lab['seq']}"
        if lab["seq"] is None:
            assert isinstance(got.parent_seq, str), where
        else:
            assert got.seq == int(lab["seq"].rstrip("*")) and not isinstance(got.parent_seq, str), where
        task = norm(got.task) + norm(_s(got.target_text))
        assert task == norm(lab["task"].replace(";目标任务:", "")), where
        assert _units(got.bureaus) == lab["units"], where
        assert _units(got.co_bureaus) == lab["co_units"], where
        # labels.json joins a row's value, rate and remark cells with " | "; the reader keeps the
        # rate apart (rate_text) and joins the other parts the same way
        parts = [p for p in _s(got.progress).split(" | ") + [_s(got.rate_text)] if norm(p)]
        assert sorted(map(norm, parts)) == sorted(norm(p) for p in lab["progress"].split(" | ") if norm(p)), where
        if lab["official_status"] is not None:
            assert got.official_status == lab["official_status"], where
        assert got.is_truncated == (not lab["complete"]), where
        assert got.period == lab["period"], where


@pytest.mark.parametrize("name", FILES)
def test_excerpt_lines_each_in_one_place(tmp_path, name):
    doc, parsed, _, _ = parse_excerpt(tmp_path, name)
    acc = line_accounting(doc, parsed)
    assert acc["missing_lines"] == [] and acc["doubly_placed_lines"] == []
    assert parsed.unassigned_lines == []


def test_slice_without_header_is_refused(tmp_path):
    # It starts inside row 1's cells, so which column a cell is in cannot be known: refused.
    p = excerpt(tmp_path, "luan_2022H1_1.txt")
    with pytest.raises(ParseError) as e:
        parse_document(read_report(p))
    assert "未找到可识别的表头" in str(e.value) and str(p) in str(e.value)
    assert "\n" not in str(e.value)


def test_columns_by_role_in_any_order(tmp_path):
    roles = {name: parse_excerpt(tmp_path, name)[1].tables[0].roles for name in FILES}
    assert roles["shaoxing_2020Q1_1.txt"] == ["seq", "task", "progress", "bureau"]  # unit after progress
    assert roles["template_2022H1_1.txt"] == ["seq", "task", "status", "progress", "bureau"]
    assert roles["chongchuan_2023M11_1.txt"] == [
        "seq", "task", "target", "people", "bureau", "co_bureau", "progress_other", "progress", "status", "note"]
    # 完成情况 holds only 达序推进: it is the status column; 备注 holds 超额完成: status too
    assert roles["kaihua_2023Q1_1.txt"] == ["seq", "task", "plan", "progress", "status"]
    assert roles["meishan_2017M11_1.txt"] == ["group", "seq", "task", "target", "bureau", "progress", "rate", "status"]


def test_two_progress_columns_keep_the_other_and_people(tmp_path):
    _, parsed, df, _ = parse_excerpt(tmp_path, "chongchuan_2023M11_1.txt")
    first = df.iloc[0]
    assert first.progress == "已进场施工,完成60%。" and first.progress_other == "已进场施工,完成30%。"
    assert first.people == "徐国江" and "徐国江" not in first.bureaus
    assert first.official_status_field == "是否达序"


def test_spanning_cells_carried_down_and_groups(tmp_path):
    _, parsed, df, _ = parse_excerpt(tmp_path, "meishan_2017M11_1.txt")
    by = df.set_index("seq")
    assert by.loc[2, "bureau"] == "市人力资源社会保障局" and by.loc[2, "section"] == "就业促进工程"
    assert by.loc[16, "section"] == "扶贫解困工程" and by.loc[16, "bureaus"] == ""  # not carried into a new group
    assert by.loc[1, "target_text"] == "26000" and by.loc[1, "rate_text"] == "123.4"
    assert by.loc[1, "official_status_field"] == "备注"
    carried = [r.carried for r in parsed.tables[0].rows]
    assert carried[1] == ["bureau", "group"] and carried[0] == []


def test_sub_rows_linked_to_their_parent(tmp_path):
    _, _, df, _ = parse_excerpt(tmp_path, "shanghai_2024unknown_1.txt")
    subs = df[df.parent_seq.notna()]
    assert subs.parent_seq.tolist() == ["1", "1", "5", "6"]
    assert df.task_id.is_unique


def test_group_headings_and_unit_inside_task(tmp_path):
    _, parsed, df, unknown = parse_excerpt(tmp_path, "huzhou_2023H1_1.txt")
    assert df.section.tolist() == ["洪湖鹏市长主抓重点工作", "吴智勇常务副市长主抓重点工作"]
    assert len(parsed.tables) == 1 and len(parsed.tables[0].header_lines) == 6  # header repeated
    assert "责任单位" not in df.task.iloc[0]
    # another city's report: 市经信局 is kept as printed (六安's rename does not apply) and reported
    assert "市经信局" in df.bureaus.iloc[1].split("、") and df.units_renamed.isna().all()
    assert "市经信局" in unknown


def test_no_unit_column_leaves_units_empty(tmp_path):
    _, _, df, _ = parse_excerpt(tmp_path, "kaihua_2023Q1_1.txt")
    assert (df.bureaus == "").all()
    assert df.plan_text.iloc[0].startswith("①2月上旬前")
    assert df.official_status_field.iloc[0] == "完成情况"
