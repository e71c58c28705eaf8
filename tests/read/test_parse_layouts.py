"""Every way offices delimit cells, derived from the seed's text: the same rows come back.

Also the 2021 year-end layout (tests/fixtures/luan_2021FY.txt, re-created from DOMAIN.md with seed
tasks and progress): co-unit cells ending 等。 or broken over two lines stay in their column.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.read.ingest import read_report
from helpers.read.parse import norm, parse_document
from helpers.table import line_accounting, parsed_frame, resolve_period

import variants

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def frame(path: Path, city: str = "六安"):
    doc = read_report(path)
    parsed = parse_document(doc)
    df, unknown = parsed_frame(parsed, resolve_period(doc, None), path.name, city)
    return doc, parsed, df, unknown


@pytest.fixture(scope="module")
def seed_df(seed_path):
    return frame(seed_path)[2]


def _write(tmp_path: Path, text: str, name: str = "r.txt") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _same(df, seed_df, progress_joined: bool = False):
    assert len(df) == len(seed_df)
    assert df.seq.tolist() == seed_df.seq.tolist()
    assert df.task.map(norm).tolist() == seed_df.task.map(norm).tolist()
    assert df.bureaus.tolist() == seed_df.bureaus.tolist()
    if progress_joined:  # paragraphs joined in one cell: the same text, other whitespace
        assert df.progress.map(norm).tolist() == seed_df.progress.map(norm).tolist()
    else:
        assert df.progress.tolist() == seed_df.progress.tolist()


def test_fy2021_fixture_is_the_derived_layout():
    assert (FIXTURES / "luan_2021FY.txt").read_text(encoding="utf-8") == variants.fy2021_layout()


def test_fy2021_co_units_stay_in_their_column(seed_df):
    doc, parsed, df, unknown = frame(FIXTURES / "luan_2021FY.txt")
    assert parsed.tables[0].roles == ["seq", "task", "bureau", "co_bureau", "progress", "status"]
    assert df.period.iloc[0] == "2021FY" and len(df) == 12
    seed_g = seed_df[seed_df.table == "general"].head(12).reset_index(drop=True)
    assert df.progress.tolist() == seed_g.progress.tolist()  # nothing glued onto the progress
    assert df.task.tolist() == seed_g.task.tolist()
    want = ["、".join(u.rstrip("、") for u in variants.FY2021_CO[i % 6]).replace("等。", "") or None
            for i in range(12)]
    want = [w.replace("、、", "、") if w else None for w in want]
    assert df.co_bureaus.fillna("").tolist() == [w or "" for w in want]
    assert df.official_status.tolist() == [variants.FY2021_STATUS[i % 3] for i in range(12)]
    assert set(df.official_status_field) == {"完成状态"}
    # co-units are checked against the unit list like leads: the catch-alls are reported
    assert "市直有关单位" in unknown and "市税务局" not in unknown
    acc = line_accounting(doc, parsed)
    assert acc["missing_lines"] == [] and acc["doubly_placed_lines"] == [] and not parsed.unassigned_lines


def test_pipe_rows(tmp_path, seed_df):
    doc, parsed, df, _ = frame(_write(tmp_path, variants.pipe_layout()))
    assert parsed.layout == "pipe" and not parsed.unassigned_lines
    assert [(t.kind, t.declared) for t in parsed.tables] == [("quantified", 35), ("general", 156)]
    _same(df, seed_df, progress_joined=True)


def test_cells_ending_in_bar_without_blank_lines(tmp_path, seed_df):
    doc, parsed, df, _ = frame(_write(tmp_path, variants.bar_cells_layout()))
    assert parsed.layout == "cells" and not parsed.unassigned_lines
    _same(df, seed_df)
    acc = line_accounting(doc, parsed)
    assert acc["missing_lines"] == [] and acc["doubly_placed_lines"] == []


def test_whole_table_on_one_line(tmp_path, seed_df):
    doc, parsed, df, _ = frame(_write(tmp_path, variants.one_line_layout()))
    assert parsed.layout == "oneline" and not parsed.unassigned_lines
    q = seed_df[seed_df.table == "quantified"].reset_index(drop=True)
    _same(df, q, progress_joined=True)
    assert line_accounting(doc, parsed)["lines_holding_several_rows"] == [3]


def test_spaced_out_header_cells(tmp_path, seed_text, seed_df):
    text = variants.spaced_header_text(seed_text)
    assert "序 号" in text and "重 点 工 作" in text
    _, parsed, df, _ = frame(_write(tmp_path, text))
    assert parsed.tables[0].roles == ["seq", "task", "bureau", "progress"]
    _same(df, seed_df)


def test_spanning_unit_cells_are_carried_down(tmp_path):
    text, expected = variants.spanning_units_layout()
    _, parsed, df, _ = frame(_write(tmp_path, text))
    assert len(df) == len(expected) == 9
    assert df.section.tolist() == [g for g, _ in expected]
    assert df.bureau_raw.tolist() == [norm(r.cells["bureau"]) for _, r in expected]
    assert df.progress.tolist() == [r.cells["progress"] for _, r in expected]
    carried = [r.carried for r in parsed.tables[0].rows]
    assert carried == [[], ["bureau", "group"], ["bureau", "group"]] * 3


def test_empty_unit_cell_without_group_column_stays_empty(tmp_path, seed_text):
    # no spanning column: an empty unit cell is empty, not the unit of the row above
    text = seed_text.replace("\n市人社局\n\n截至6月30日,全市新增技能人才14826人", "\n截至6月30日,全市新增技能人才14826人", 1)
    _, _, df, _ = frame(_write(tmp_path, text))
    assert df.set_index("task_id").loc["Q06", "bureau_raw"] == ""


def test_html_rowspan_cells_carried_and_sub_rows(tmp_path):
    page, expected = variants.html_spanning_layout()
    _, parsed, df, _ = frame(_write(tmp_path, page, "page.html"))
    assert parsed.layout == "html" and len(df) == len(expected) == 6
    assert df.section.tolist() == [g for g, _, _, _ in expected]
    assert df.bureau_raw.tolist() == [norm(first.cells["bureau"]) for _, first, _, _ in expected]
    assert df.task.tolist() == [r.cells["task"] for _, _, r, _ in expected]
    assert df.parent_seq.notna().tolist() == [sub for *_, sub in expected]
    assert df.task_id.is_unique
    assert [r.carried for r in parsed.tables[0].rows][:3] == [[], ["bureau"], ["bureau"]]


def test_unit_in_brackets_after_the_task_without_a_unit_column(tmp_path):
    text, picked = variants.no_unit_column_layout()
    _, parsed, df, _ = frame(_write(tmp_path, text))
    assert "bureau" not in parsed.tables[0].roles
    assert df.task.tolist() == [r.cells["task"] for r in picked]
    assert df.bureau_raw.tolist() == [norm(r.cells["bureau"]) for r in picked]
    assert set(df.official_status) == {"序时推进"} and set(df.official_status_field) == {"完成情况"}


def test_html_header_with_an_unknown_column(tmp_path):
    page = ("<html><head><title>2024年上半年重点工作落实情况</title></head><body><table>"
            "<tr><td>序号</td><td>重点工作</td><td>考核分值</td><td>牵头责任单位</td><td>上半年落实情况</td></tr>"
            "<tr><td>1</td><td>新增技能人才2万人。</td><td>5</td><td>市人社局</td><td>已新增14826人。</td></tr>"
            "</table></body></html>")
    _, parsed, df, _ = frame(_write(tmp_path, page, "p.html"))
    assert parsed.tables[0].roles == ["seq", "task", "other", "bureau", "progress"]
    assert df.bureau.tolist() == ["市人社局"] and df.progress.tolist() == ["已新增14826人。"]


def test_a_unit_list_opening_the_progress_is_flagged(tmp_path, seed_df):
    """A unit cell with no column of its own lands in the progress: the table says so."""
    from helpers.table import build_table

    rows = seed_df[seed_df.table == "general"].head(3)
    out = ["2021年度市政府重点工作落实情况", "", "序号", "", "督查内容", "", "落实情况", ""]
    for r in rows.itertuples():
        out += [str(r.seq), "", r.task, "", "市发改委、市税务局等。", "", r.progress, ""]
    res = build_table(_write(tmp_path, "\n".join(out)), out=tmp_path / "o")
    assert res.quality.progress_opening_with_units == ["G001", "G002", "G003"]
    assert any("可能误并了单位栏" in w for w in res.warnings)


def test_one_cell_per_line_without_blank_lines(tmp_path, seed_text, seed_df):
    text = "\n".join(ln for ln in seed_text.split("\n") if ln.strip())
    doc, parsed, df, _ = frame(_write(tmp_path, text))
    assert parsed.layout == "cells" and not parsed.unassigned_lines
    _same(df, seed_df)
    acc = line_accounting(doc, parsed)
    assert acc["missing_lines"] == [] and acc["doubly_placed_lines"] == []
