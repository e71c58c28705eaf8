"""The layout features of issue 19, each on an instance built here from the seed's rows (tasks,
units and progress as the seed prints them) or the 2021 year-end fixture: text, Word and Excel."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.errors import ParseError
from helpers.read.doors import read_report
from helpers.read.parse import norm, parse_document
from helpers.table import parsed_frame, resolve_period

import office_files
from variants import seed_rows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TITLE = "2024年上半年市政府重点工作落实情况"


@pytest.fixture(scope="module")
def rows():
    """Nine rows of the seed's second table (one with several progress paragraphs)."""
    return seed_rows()[1][1][:9]


def read(path: Path, **kw):
    doc = read_report(path)
    parsed = parse_document(doc, **kw)
    df, _ = parsed_frame(parsed, resolve_period(doc, None), path.name, "六安")
    return parsed, df


def _text(tmp_path: Path, lines: list[str], name: str = "r.txt") -> Path:
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def _tasks(rows) -> list[str]:
    return [norm(r.cells["task"]) for r in rows]


def _progress(rows) -> list[str]:
    return [norm(r.cells["progress"]) for r in rows]


# ------------------------------------------------------------------ no 序号: items in the task cell


def test_items_numbered_in_the_task_cell_under_section_headings(tmp_path, rows):
    out = [TITLE, "", "重点工作", "", "牵头责任", "单位", "", "上半年落实情况", ""]
    for sec, chunk in (("一、扩大有效投资", rows[:5]), ("二、保障改善民生", rows[5:])):
        out += [sec, ""]
        for i, r in enumerate(chunk, 1):
            out += [f"{i}.{r.cells['task']}", "", r.cells["bureau"], ""] + \
                [p for para in r.cells["progress"].split("\n") for p in (para, "")]
    parsed, df = read(_text(tmp_path, out))
    assert df.seq.tolist() == [1, 2, 3, 4, 5, 1, 2, 3, 4]
    assert df.section.tolist() == ["一、扩大有效投资"] * 5 + ["二、保障改善民生"] * 4
    assert df.task.map(norm).tolist() == _tasks(rows)
    assert df.progress.map(norm).tolist() == _progress(rows)
    assert df.read_flags.isna().all()


def test_word_table_without_seq_sections_merged_across(tmp_path, rows):
    table = [["重点工作", "牵头责任\n单位", "上半年落实情况"]]
    merges = []
    for sec, chunk in (("一、扩大有效投资", rows[:4]), ("二、保障改善民生", rows[4:])):
        merges.append((len(table), 0, len(table), 2))
        table.append([sec, "", ""])
        table += [[f"（{i}）{r.cells['task']}", r.cells["bureau"], r.cells["progress"]] for i, r in enumerate(chunk, 1)]
    parsed, df = read(office_files.write_docx(tmp_path / "r.docx", [TITLE, (table, merges)]))
    assert df.section.tolist() == ["一、扩大有效投资"] * 4 + ["二、保障改善民生"] * 5
    assert df.seq.tolist() == [1, 2, 3, 4, 1, 2, 3, 4, 5]
    assert df.task.map(norm).tolist() == _tasks(rows)
    assert df.progress.tolist() == [r.cells["progress"] for r in rows]  # paragraphs kept


# ------------------------------------------------------------------ two-level headers, spans, periods


def test_two_level_header_units_and_quarters_latest_filled(tmp_path, rows):
    """责任单位 over 牵头/配合 and 完成情况 over 一季度…四季度: the latest filled quarter is the progress."""
    head1 = ["序号", "重点工作", "责任单位", "责任单位", "完成情况", "完成情况", "完成情况", "完成情况"]
    head2 = ["序号", "重点工作", "牵头", "配合", "一季度", "二季度", "三季度", "四季度"]
    body = []
    for i, r in enumerate(rows[:4], 1):
        quarters = ["一季度推进中。", r.cells["progress"], "", ""] if i != 3 else ["一季度推进中。", "", r.cells["progress"], ""]
        body.append([str(i), r.cells["task"], r.cells["bureau"], "市财政局、市统计局" if i % 2 else ""] + quarters)
    merges = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3), (0, 4, 0, 7)]
    parsed, df = read(office_files.write_xlsx(tmp_path / "r.xlsx", {"表": ([[TITLE] + [""] * 7, head1, head2] + body,
                                                                         [(0, 0, 0, 7)] + [(a + 1, b, c + 1, d) for a, b, c, d in merges])}))
    assert parsed.tables[0].roles[:4] == ["seq", "task", "bureau", "co_bureau"]
    assert df.bureaus.tolist() == [r.cells["bureau"] for r in rows[:4]]
    assert df.co_bureaus.fillna("").tolist() == ["市财政局、市统计局", "", "市财政局、市统计局", ""]
    assert df.progress.map(norm).tolist() == _progress(rows[:4])  # 三季度 for row 3, 二季度 elsewhere
    assert df.progress_other.tolist() == ["一季度推进中。"] * 4


def test_lead_merged_down_over_a_group_and_a_sub_target_row(tmp_path, rows):
    """A lead cell merged over three records is each record's; a row holding only a sub-target
    joins its record's task; a co-unit merged over a record's two rows stays one record's."""
    header = ["序号", "重点工作", "牵头单位", "配合单位", "落实情况"]
    body = [["1", rows[0].cells["task"], "市交通局", "市发改委", rows[0].cells["progress"]],
            ["", "其中新建停车泊位3000个。", "", "", ""],
            ["2", rows[5].cells["task"], "", "", rows[5].cells["progress"]],
            ["3", rows[2].cells["task"], "市人社局", "", rows[2].cells["progress"]]]
    merges = [(1, 0, 2, 0), (1, 2, 3, 2), (1, 3, 2, 3), (1, 4, 2, 4)]
    sheet = [[TITLE, "", "", "", ""], header] + body
    merges = [(a + 1, b, c + 1, d) for a, b, c, d in merges]
    parsed, df = read(office_files.write_xlsx(tmp_path / "r.xlsx", {"表": (sheet, merges)}))
    assert len(df) == 3
    assert df.task[0] == norm(rows[0].cells["task"]) + "其中新建停车泊位3000个。"
    assert df.bureaus.tolist() == ["市交通局", "市交通局", "市人社局"]
    assert df.co_bureaus.fillna("").tolist() == ["市发改委", "", ""]


# ------------------------------------------------------------------ prose, blocks, two-line records


def test_prose_report_with_unit_brackets(tmp_path, rows):
    out = [TITLE, "", "一、扩大有效投资"]
    for i, r in enumerate(rows[:3], 1):
        out += [f"{i}.{r.cells['task'].rstrip('。')}（牵头单位：{r.cells['bureau']}；配合单位：市财政局、市统计局等）"]
        out += [f"（{k}）{p}" for k, p in enumerate(r.cells["progress"].split("\n"), 1)]
    out += ["二、保障改善民生"]
    for r in rows[3:6]:
        out += [f"{r.cells['task'].rstrip('。')}（{r.cells['bureau']}）", "进展情况：" + r.cells["progress"],
                "存在问题：要素保障不足。", "下一步打算：加快推进。"]
    parsed, df = read(_text(tmp_path, out))
    assert parsed.layout == "prose" and len(df) == 6
    assert df.bureaus.tolist() == [r.cells["bureau"] for r in rows[:6]]
    assert df.co_bureaus.tolist()[:3] == ["市财政局、市统计局"] * 3 and df.co_bureaus[3:].isna().all()
    assert df.section.tolist() == ["一、扩大有效投资"] * 3 + ["二、保障改善民生"] * 3
    assert df.progress[3:].map(norm).tolist() == _progress(rows[3:6])
    assert df.problems[3:].tolist() == ["要素保障不足。"] * 3 and df.next_steps[3:].tolist() == ["加快推进。"] * 3
    assert df.read_flags.str.startswith("未找到表头").all()  # read without a header: every row flagged


def test_label_value_blocks_in_text_and_in_a_two_column_sheet(tmp_path, rows):
    out = [TITLE, ""]
    sheet = [[TITLE, ""]]
    for i, r in enumerate(rows[:5], 1):
        out += [f"事项{i}", f"项目名称：{r.cells['task']}", f"责任单位：{r.cells['bureau']} 张明",
                f"进展情况：{r.cells['progress']}", ""]
        sheet += [[f"事项{i}", ""], ["工作任务", r.cells["task"]], ["牵头单位", r.cells["bureau"]],
                  ["推进情况", r.cells["progress"]], ["", ""]]
    for path in (_text(tmp_path, out), office_files.write_xlsx(tmp_path / "b.xlsx", {"表": (sheet, [])})):
        parsed, df = read(path)
        assert parsed.layout == "blocks" and len(df) == 5
        assert df.task.map(norm).tolist() == _tasks(rows[:5])
        assert df.bureaus.tolist() == [r.cells["bureau"] for r in rows[:5]]
        assert df.progress.map(norm).tolist() == _progress(rows[:5])
    assert df.people.isna().all()


def test_two_line_records_unit_and_person(tmp_path, rows):
    out = [TITLE, ""]
    for i, r in enumerate(rows[:6], 1):
        out += [f"{i}  {r.cells['task']}  {r.cells['bureau']} 副局长王海", "    " + r.cells["progress"].replace("\n", "")]
    parsed, df = read(_text(tmp_path, out))
    assert len(df) == 6 and df.people.tolist() == ["副局长王海"] * 6
    assert df.bureaus.tolist() == [r.cells["bureau"] for r in rows[:6]]
    assert df.progress.map(norm).tolist() == _progress(rows[:6])


def test_unit_and_person_in_one_cell_of_a_word_table(tmp_path, rows):
    table = [["序号", "重点工作", "责任单位及责任人", "工作进展"]] + \
        [[str(i), r.cells["task"], f"{r.cells['bureau']}\n（李明）", r.cells["progress"]] for i, r in enumerate(rows[:3], 1)]
    _, df = read(office_files.write_docx(tmp_path / "r.docx", [TITLE, (table, [])]))
    assert df.bureaus.tolist() == [r.cells["bureau"] for r in rows[:3]] and df.people.tolist() == ["李明"] * 3


# ------------------------------------------------------------------ co-units, flags, --columns, --strict


def test_2021_year_end_co_units_stay_in_their_column():
    _, df = read(FIXTURES / "luan_2021FY.txt")
    assert df.co_bureaus.notna().sum() >= 7
    assert "市政府各部门、各直属机构" in df.co_bureaus.tolist()
    for co, prog in zip(df.co_bureaus.dropna(), df.progress[df.co_bureaus.notna()]):
        assert not any(norm(prog).startswith(u) for u in co.split("、"))
    assert df.read_flags.isna().all()


def test_cells_that_do_not_fit_are_flagged_not_glued(tmp_path, seed_text):
    start = seed_text.index("重点工作156项")
    at = seed_text.index("\n市发改委\n", start)
    odd = seed_text[:at] + "\n" + "市" * 300 + "局\n" + seed_text[at + 6:]
    _, df = read(_text(tmp_path, [odd]))
    flagged = df[df.read_flags.notna()]
    assert len(df) == 191 and len(flagged) == 1 and "牵头单位" in flagged.read_flags.iloc[0]
    # a status word where the task belongs
    t = seed_text.index("\n建成金安通用机场。\n")
    _, df = read(_text(tmp_path, [seed_text[:t] + "\n已完成\n" + seed_text[t + len("\n建成金安通用机场。\n"):]], "s.txt"))
    assert df.read_flags.dropna().str.contains("状态词").sum() == 1


def test_a_seq_misprint_keeps_two_tasks_apart_and_flags_one(tmp_path, seed_text):
    start = seed_text.index("重点工作156项")
    at = seed_text.index("\n12\n", start)
    _, df = read(_text(tmp_path, [seed_text[:at] + "\n21\n" + seed_text[at + 4:]]))
    assert len(df) == 191
    flagged = df[df.read_flags.notna()]
    assert flagged.seq.tolist() == [21] and "不连续" in flagged.read_flags.iloc[0]


def test_seq_numbers_past_ten_thousand(tmp_path, rows):
    out = [TITLE, "", "序号", "", "重点工作", "", "牵头责任单位", "", "上半年落实情况", ""]
    for i, r in enumerate(rows, 10001):
        out += [str(i), "", r.cells["task"], "", r.cells["bureau"], "", r.cells["progress"], ""]
    _, df = read(_text(tmp_path, out))
    assert df.seq.tolist() == list(range(10001, 10010))


def test_columns_name_a_headerless_slice_and_strict_refuses_a_guess(tmp_path, rows):
    out = [TITLE, ""]
    for i, r in enumerate(rows[:5], 1):
        out += [f"{i} {r.cells['task']} {r.cells['bureau']} {r.cells['progress'].replace(chr(10), '')}"]
    path = _text(tmp_path, out)
    parsed, df = read(path, columns=["序号", "任务", "牵头单位", "进展"])
    assert df.bureaus.tolist() == [r.cells["bureau"] for r in rows[:5]]
    with pytest.raises(ParseError) as e:
        read(path, strict=True)
    assert "--strict" in str(e.value) and "--columns" in str(e.value) and "\n" not in str(e.value)
    with pytest.raises(ParseError, match="不认识的栏目“摘要”"):
        read(path, columns=["序号", "摘要"])


def test_tab_separated_rows_with_runs_of_empty_cells(tmp_path, rows):
    """Rows copied from a spreadsheet (tabs): empty cells stay in their column; a lead printed only
    on a group's first row is not guessed for the rows below — they are flagged instead."""
    out = [TITLE, "", "序号\t督查内容\t牵头责任单位\t协同责任单位\t落实情况(全年)\t完成状态"]
    for i, r in enumerate(rows[:6], 1):
        lead = r.cells["bureau"] if i != 3 else ""
        out.append(f"{i}\t{r.cells['task']}\t{lead}\t\t{r.cells['progress'].replace(chr(10), '')}\t已完成")
    parsed, df = read(_text(tmp_path, out))
    assert parsed.layout == "tabs" and len(df) == 6
    assert df.co_bureaus.isna().all() and df.official_status.tolist() == ["已完成"] * 6
    assert df.progress.map(norm).tolist() == _progress(rows[:6])
    assert df.bureaus.tolist()[2] == "" and df.read_flags.notna().tolist() == [False, False, True, False, False, False]


def test_two_line_records_in_a_word_table(tmp_path, rows):
    """Each record on two rows of one column: the task, then 落实情况：…; 序号 and the lead merged
    over both rows."""
    table = [["序号", "重点工作", "牵头单位", "完成状态"]]
    merges = []
    for i, r in enumerate(rows[:4], 1):
        top = len(table)
        table += [[str(i), r.cells["task"], r.cells["bureau"], "序时推进"],
                  [str(i), "落实情况：" + r.cells["progress"], r.cells["bureau"], "序时推进"]]
        merges += [(top, 0, top + 1, 0), (top, 2, top + 1, 2), (top, 3, top + 1, 3)]
    _, df = read(office_files.write_docx(tmp_path / "r.docx", [TITLE, (table, merges)]))
    assert len(df) == 4 and df.parent_seq.isna().all()
    assert df.task.map(norm).tolist() == _tasks(rows[:4])
    assert df.progress.map(norm).tolist() == _progress(rows[:4])
    assert df.official_status.tolist() == ["序时推进"] * 4


def test_pipe_table_with_a_two_level_header_and_months(tmp_path, rows):
    """A pipe table whose second header row names the columns under 责任单位 and 推进情况; each
    row's latest filled month is its progress (a row may stop at 9月 or skip 10月)."""
    out = [TITLE, "", "| 序号 | 重点工作 | 责任单位 | | 推进情况 | | |", "|---|---|---|---|---|---|---|",
           "| | | 牵头 | 配合 | 9月 | 10月 | 11月 |"]
    months = [("九月进展。", "十月进展。", None), ("九月进展。", None, None), ("九月进展。", "", None)]
    for i, (r, (m9, m10, _)) in enumerate(zip(rows[:3], months), 1):
        cells = [str(i), r.cells["task"], r.cells["bureau"], "市财政局" if i == 1 else "", m9, m10 or "",
                 r.cells["progress"].replace("\n", "") if i != 2 else ""]
        out.append("| " + " | ".join(cells) + " |")
    parsed, df = read(_text(tmp_path, out))
    assert parsed.tables[0].roles[2:4] == ["bureau", "co_bureau"]
    assert df.bureaus.tolist() == [r.cells["bureau"] for r in rows[:3]]
    assert df.co_bureaus.fillna("").tolist() == ["市财政局", "", ""]
    assert df.progress.map(norm).tolist() == [_progress(rows[:1])[0], "九月进展。", _progress(rows[2:3])[0]]


def test_unknown_header_words_take_their_role_from_the_cells(tmp_path, rows):
    """承办处室 and 联系人 are no header words of column_roles.csv: their cells (units, names) say
    what the columns are; the known header words (序号, 重点工作, 工作进展) stand."""
    table = [["序号", "重点工作", "承办处室", "联系人", "工作进展"]] + \
        [[str(i), r.cells["task"], r.cells["bureau"], name, r.cells["progress"]]
         for i, (r, name) in enumerate(zip(rows[:4], ["李明", "王海", "张伟", "刘洋"]), 1)]
    parsed, df = read(office_files.write_docx(tmp_path / "r.docx", [TITLE, (table, [])]))
    assert parsed.tables[0].roles == ["seq", "task", "bureau", "people", "progress"]
    assert df.bureaus.tolist() == [r.cells["bureau"] for r in rows[:4]]
    assert df.people.tolist() == ["李明", "王海", "张伟", "刘洋"]


@pytest.mark.parametrize("cell, unit, person", [
    ("市住建局\n（李明）", "市住建局", "李明"), ("市城管局 王海", "市城管局", "王海"),
    ("市教体局 副局长 吴静", "市教体局", "副局长 吴静"), ("市交通局/王强", "市交通局", "王强"),
    ("市发改委 张三、李四", "市发改委", "张三、李四"), ("市财政局(市政府国资委)", "市财政局(市政府国资委)", None),
    ("市发改委、市税务局", "市发改委、市税务局", None), ("市发改委(牵头)", "市发改委(牵头)", None),
])
def test_a_person_beside_a_unit_is_told_from_an_alias_or_a_second_unit(cell, unit, person):
    from helpers.read.cells import split_person

    assert split_person(cell) == (unit, person)


def test_items_numbered_in_the_task_cell_with_a_unit_broken_over_two_lines(tmp_path, rows):
    out = [TITLE, "", "重点工作", "", "牵头责任", "单位", "", "上半年落实情况", ""]
    for i, r in enumerate(rows[:4], 1):
        unit = ["市生态", "环境局"] if i == 2 else [r.cells["bureau"]]
        out += [f"{i}.{r.cells['task']}", ""] + [u for x in unit for u in (x, "")] + [r.cells["progress"].replace("\n", ""), ""]
    _, df = read(_text(tmp_path, out))
    assert df.seq.tolist() == [1, 2, 3, 4] and df.bureaus[1] == "市生态环境局"


def test_the_table_command_strict_refusal_is_one_line_and_columns_read(tmp_path, rows, capsys):
    from helpers.cli import main

    out = [TITLE, ""] + [f"{i} {r.cells['task']} {r.cells['bureau']} {r.cells['progress'].replace(chr(10), '')}"
                         for i, r in enumerate(rows[:5], 1)]
    path = _text(tmp_path, out)
    assert main(["table", str(path), "--period", "2024H1", "--out", str(tmp_path / "o"), "--strict"]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in lines[0] and "--columns" in lines[0]
    assert main(["table", str(path), "--period", "2024H1", "--out", str(tmp_path / "o"),
                 "--columns", "序号,任务,牵头单位,进展"]) == 0
    import pandas as pd

    tasks = pd.read_parquet(tmp_path / "o" / "tasks.parquet")
    assert tasks.bureaus.tolist() == [r.cells["bureau"] for r in rows[:5]]
