"""Column roles from the cells' content and the header words' head nouns, on the layout families of
the second blind set: header words outside the list, a unit column first, a remark column of
verdicts, numeric period columns (target, value, rate), several tables in one file, headings at two
levels, notes and signatures under a table, a 合计 row, wrapped cells in a tab-separated copy.

Each instance is built here from real text: the seed's rows (tasks, units and progress as printed)
and the Shanghai excerpt's numeric rows of the corpus (task, value, rate as labelled)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.read.align import is_verdict
from helpers.read.doors import read_report
from helpers.read.parse import norm, parse_document
from helpers.read.records import FOOTER_LINE, PAGER_LINE
from helpers.table import parsed_frame, resolve_period

import office_files
from variants import seed_rows

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
TITLE = "2024年上半年市政府重点工作落实情况"
FOOTER = ["注：备注栏由市政府督查室根据牵头单位报送情况评定。", "填报单位：市政府办公室　　填报人：张敏　　联系电话：XXXX-XXXXXXX"]
VERDICTS = ["序时推进", "滞后", "", "已完成年度投资计划", "受用地指标影响，部分项目开工推迟", "超序时"]


@pytest.fixture(scope="module")
def rows():
    """Six rows of the seed's second table."""
    return seed_rows()[1][1][:6]


@pytest.fixture(scope="module")
def numeric():
    """The Shanghai excerpt's numeric rows: (task, value, rate) as labelled (4385 | 110%)."""
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    out = []
    for lab in labels:
        if lab["file"].startswith("shanghai") and " | " in lab["progress"]:
            value, rate = lab["progress"].split(" | ")
            out.append((lab["task"], value, rate))
    return out[:5]


def read(path: Path):
    doc = read_report(path)
    parsed = parse_document(doc)
    df, _ = parsed_frame(parsed, resolve_period(doc, None), path.name, "六安")
    return parsed, df


def _vals(series) -> list:
    """A column's values, an empty cell as None."""
    return [None if v is None or v != v else v for v in series]


def _progress(r) -> str:
    return r.cells["progress"].replace("\n", "")


def test_head_nouns_and_remark_verdicts_in_a_word_table(tmp_path, rows):
    """工作事项 / 牵头领导 / 责任主体 / 推进措施及成效 / 完成率 / 备注: none of them listed, each read by its
    head noun; a leader merged over rows is people, never the unit; the 备注 cells that are verdicts
    are the status, the one that is a remark goes to the end of the progress; a dash rate is none."""
    header = ["序号", "工作事项", "牵头领导", "责任主体", "推进措施及成效", "完成率", "备注"]
    body = [[str(i), r.cells["task"], "副市长 张明远", r.cells["bureau"], _progress(r), ["58%", "—"][i % 2], VERDICTS[i - 1]]
            for i, r in enumerate(rows, 1)]
    path = office_files.write_docx(tmp_path / "r.docx", [TITLE, ([header] + body, [(1, 2, 3, 2)])] + FOOTER)
    parsed, df = read(path)
    assert parsed.tables[0].roles == ["seq", "task", "people", "bureau", "progress", "rate", "status"]
    assert df.task.tolist() == [norm(r.cells["task"]) for r in rows]
    assert df.bureau_raw.tolist() == [r.cells["bureau"] for r in rows]
    assert set(df.people) == {"副市长 张明远"}
    assert _vals(df.official_status)[:4] == ["序时推进", "滞后", None, "已完成年度投资计划"]
    assert df.progress[4] == _progress(rows[4]) + " | 受用地指标影响，部分项目开工推迟"
    assert df.progress[0] == _progress(rows[0])
    assert _vals(df.rate_text)[:2] == [None, "58%"]
    assert not any("填报" in p or "注：" in p for p in df.progress)


def test_a_unit_column_first_merged_over_its_rows_and_the_notes_below(tmp_path, rows):
    """责任单位 before 序号, merged over two records; 主要内容 / 时间节点 / 工作进展; an empty row; 注
    and 填报人 lines under the table are no records."""
    header = ["责任单位", "序号", "主要内容", "时间节点", "工作进展"]
    body = [[r.cells["bureau"], str(i), r.cells["task"], "6月底前", _progress(r)] for i, r in enumerate(rows, 1)]
    body.insert(3, [""] * 5)
    body[1][0] = body[0][0]
    path = office_files.write_docx(tmp_path / "r.docx", [TITLE, ([header] + body, [(1, 0, 2, 0)])] + FOOTER)
    parsed, df = read(path)
    assert len(df) == 6 and df.seq.tolist() == [1, 2, 3, 4, 5, 6]
    assert df.bureau_raw.tolist() == [rows[0].cells["bureau"]] * 2 + [r.cells["bureau"] for r in rows[2:]]
    assert df.plan_text.tolist() == ["6月底前"] * 6
    assert df.progress.tolist() == [_progress(r) for r in rows]


def test_a_numeric_sheet_with_a_total_row_and_signature_rows(tmp_path, numeric):
    """目标任务 / 全年目标 / 1-6月完成 / 完成率 / 责任单位 / 备注: the target column is the target, the
    period's value opens the progress and the rate is the rate (as the judge reads 4385 | 110%);
    the 合计 row and the 填报 rows are no records."""
    header = ["序号", "目标任务", "全年目标", "1-6月完成", "完成率", "责任单位", "备注"]
    body = [[str(i), task, f"{i}000张", value, rate, "市民政局", ""] for i, (task, value, rate) in enumerate(numeric, 1)]
    body[2][6] = "因选址调整暂缓实施"
    sheet = [[TITLE] + [""] * 6, ["单位：张"] + [""] * 6, header] + body + \
        [["合计", "", "", "99999", "", "", ""], [FOOTER[1]] + [""] * 6]
    parsed, df = read(office_files.write_xlsx(tmp_path / "r.xlsx", {"表": (sheet, [(0, 0, 0, 6)])}))
    assert len(df) == len(numeric)
    assert df.task.tolist() == [t for t, _, _ in numeric]
    assert df.target_text.tolist() == [f"{i}000张" for i in range(1, len(numeric) + 1)]
    assert df.rate_text.tolist() == [r for _, _, r in numeric]
    assert df.progress[0] == numeric[0][1] and df.progress[2] == numeric[2][1] + " | 因选址调整暂缓实施"
    assert [c["why"] for c in parsed.chrome_lines] == ["total row", "footer"]


def test_an_indicator_table_and_a_text_table_on_one_page(tmp_path, numeric, rows):
    """Two tables, one row per line: an indicator table (指标名称 / 计量单位 / 全年目标 / 1-6月完成 /
    完成率 / 牵头单位) under 附件1 and a text table (目标任务 / 牵头领导 / 责任单位 / 推进措施及成效)
    under 附件2, each its own table; the 计量单位 follows the bare target; a dash rate is none."""
    out = [TITLE, "", "附件1", "2024年上半年主要指标完成情况", "序号 指标名称 计量单位 全年目标 1-6月完成 完成率 牵头单位"]
    for i, (task, value, rate) in enumerate(numeric, 1):
        out.append(f"{i} {task} 张 {i}000 {value} {rate if i % 2 else '—'} 市民政局")
    out += ["", "附件2", "2024年上半年市政府重点工作推进情况", "序号 目标任务 牵头领导 责任单位 推进措施及成效"]
    out += [f"{i} {r.cells['task']} 王芳 {r.cells['bureau']} {_progress(r)}" for i, r in enumerate(rows, 1)]
    path = tmp_path / "r.txt"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    parsed, df = read(path)
    assert [len(t.rows) for t in parsed.tables] == [len(numeric), len(rows)]
    first, second = df.iloc[: len(numeric)], df.iloc[len(numeric):]
    assert first.task.tolist() == [t for t, _, _ in numeric]
    assert first.target_text.tolist() == [f"{i}000张" for i in range(1, len(numeric) + 1)]
    assert first.progress.tolist() == [v for _, v, _ in numeric]
    assert _vals(first.rate_text) == [r if i % 2 else None for i, (_, _, r) in enumerate(numeric, 1)]
    assert set(first.bureau_raw) == {"市民政局"}
    assert second.task.tolist() == [norm(r.cells["task"]) for r in rows]
    assert set(second.people) == {"王芳"} and second.bureau_raw.tolist() == [r.cells["bureau"] for r in rows]
    assert second.progress.tolist() == [_progress(r) for r in rows]


def test_cells_per_line_unit_first_with_headings_at_two_levels(tmp_path, rows):
    """A web page's table, a cell per line: 序号 / 责任主体 / 工作事项 / 截至目前进展 / 备注, headings
    一、 over （一）, an empty 备注 cell, a note and a signature under it."""
    out = [TITLE, "", "序号", "", "责任主体", "", "工作事项", "", "截至目前进展", "", "备注", ""]
    heads = {0: ["一、扩大有效投资", "（一）重大项目攻坚"], 3: ["（二）消费提振行动"], 4: ["二、保障改善民生"]}
    for i, r in enumerate(rows):
        for h in heads.get(i, []):
            out += [h, ""]
        out += [str(i + 1), "", r.cells["bureau"], "", r.cells["task"], "", _progress(r), "",
                ("序时推进" if i != 2 else ""), ""]
    out += FOOTER
    path = tmp_path / "r.txt"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    parsed, df = read(path)
    assert df.task.tolist() == [norm(r.cells["task"]) for r in rows]
    assert df.section.tolist() == ["（一）重大项目攻坚"] * 3 + ["（二）消费提振行动", "二、保障改善民生", "二、保障改善民生"]
    assert _vals(df.official_status) == ["序时推进", "序时推进", None, "序时推进", "序时推进", "序时推进"]
    assert df.progress.tolist() == [_progress(r) for r in rows]


def test_a_tab_separated_copy_with_wrapped_cells_and_a_header_per_section(tmp_path, rows):
    """Sections by pace class each over its own header; a progress cell wrapped onto a line of its
    own goes on with that cell; 存在问题： / 下一步： lines under a row are its parts."""
    header = "序号\t工作任务\t责任单位及责任人\t时间节点\t推进情况"
    out = ["关于2024年上半年重点工作推进情况的督查通报", ""]
    for sec, chunk in (("一、欠进度事项（3项）", rows[:3]), ("二、已完成和提前完成事项（3项）", rows[3:])):
        out += [sec, header]
        for i, r in enumerate(chunk, 1):
            para = _progress(r)
            cut = para.index("，") + 1 if "，" in para[:-1] else len(para)
            out.append(f"{i}\t{r.cells['task']}\t{r.cells['bureau']}（李明）\t6月底前\t{para[:cut]}")
            if cut < len(para):
                out.append(para[cut:])
        out.append("存在问题：部分项目要素保障不足。")
        out.append("下一步：加快推进。")
        out.append("")
    out.append("抄送：县委办，县人大办。")
    path = tmp_path / "r.txt"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    parsed, df = read(path)
    assert df.task.tolist() == [norm(r.cells["task"]) for r in rows]
    assert df.progress.str.replace("\n", "").tolist() == [_progress(r) for r in rows]
    assert df.section.tolist() == ["一、欠进度事项（3项）"] * 3 + ["二、已完成和提前完成事项（3项）"] * 3
    assert df.bureau_raw.tolist() == [r.cells["bureau"] for r in rows] and set(df.people) == {"李明"}
    assert _vals(df.problems) == [None, None, "部分项目要素保障不足。"] * 2
    assert _vals(df.next_steps) == [None, None, "加快推进。"] * 2


def test_a_workbook_read_whole_each_sheet_its_own_table(tmp_path, numeric, rows):
    """An indicator sheet beside a text sheet: both read; a notes sheet gives nothing; a sheet that
    repeats the main sheet's header (another month's copy) is left out with a warning."""
    ind = [[TITLE], ["序号", "指标名称", "计量单位", "全年目标", "1-6月完成", "完成率", "责任单位"]] + \
        [[str(i), t, "张", f"{i}000", v, r, "市民政局"] for i, (t, v, r) in enumerate(numeric, 1)]
    text = [["序号", "工作任务", "责任单位", "推进情况"]] + \
        [[str(i), r.cells["task"], r.cells["bureau"], _progress(r)] for i, r in enumerate(rows, 1)]
    sheets = {"量化指标": (ind, []), "重点工作": (text, []), "1-5月": (text[:3], []),
              "填表说明": ([["填表说明"], ["1. 完成率按全年目标测算。"], ["2. 请于每月5日前报送。"]], [])}
    parsed, df = read(office_files.write_xlsx(tmp_path / "r.xlsx", sheets))
    assert [len(t.rows) for t in parsed.tables] == [len(numeric), len(rows)]
    assert df.task.tolist() == [t for t, _, _ in numeric] + [norm(r.cells["task"]) for r in rows]
    assert any("1-5月" in w and "副本" in w for w in parsed.warnings)


@pytest.mark.parametrize("cell,verdict", [
    ("序时推进", True), ("已完成年度投资计划", True), ("超额完成全年任务", True), ("达序时", True),
    ("完成管网铺设28公里。", False), ("因征收方案调整暂停实施", False), ("受用地指标影响，部分项目开工推迟", False),
])
def test_a_verdict_cell_is_a_status_word_or_one_naming_what_it_reached(cell, verdict):
    assert is_verdict(cell) == verdict


@pytest.mark.parametrize("line,footer", [
    ("注：完成率＝1-6月完成数÷全年目标×100%。", True), ("填报单位（盖章）：城南区人民政府办公室", True),
    ("填报人：马丽审核人：郑国华联系电话：XXXX-XXXXXXX", True), ("第1页共2页", False), ("抄送：县委办。", True),
    ("青岚县人民政府督查室2025年7月10日印发", True), ("已于2024年5月20日", False), ("说明|", False),
    ("1.加快推进项目建设。", False),
])
def test_notes_and_signatures_are_footer_lines(line, footer):
    assert bool(FOOTER_LINE.match(line)) == footer


@pytest.mark.parametrize("line,pager", [
    ("第1页共2页", True), ("共2页", True), ("上一页12下一页", True), ("首页上一页下一页尾页", True),
    ("1.已完成", False), ("共建项目12个", False), ("第2季度完成", False),
])
def test_a_pagers_leftovers_are_skipped_not_an_end(line, pager):
    assert bool(PAGER_LINE.match(line)) == pager


@pytest.mark.parametrize("order", ["task,progress,unit", "unit,task,progress"])
def test_no_header_one_row_per_line_starting_mid_table(tmp_path, order):
    """No header at all, a row per line from row 7 on (a slice of a longer page), the progress
    before the unit or the unit first; a pager's leftovers and blank lines inside: every row read,
    its columns from what the cells hold, flagged for review."""
    seed = seed_rows()[1][1][6:14]
    out = ["六安市人民政府", "2024年上半年重点工作落实情况（续）", ""]
    for i, r in enumerate(seed, 7):
        task, unit, prog = r.cells["task"], r.cells["bureau"], r.cells["progress"].replace("\n", "")
        out.append(f"{i} {task} {prog} {unit}" if order.startswith("task") else f"{i} {unit} {task} {prog}")
        if i == 9:
            out += ["", "第 1 页 共 2 页", "上一页 1 2 下一页", ""]
    path = tmp_path / "r.txt"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    parsed, df = read(path)
    assert df.seq.tolist() == list(range(7, 15))
    assert df.task.tolist() == [norm(r.cells["task"]) for r in seed]
    assert df.bureau_raw.tolist() == [r.cells["bureau"] for r in seed]
    assert df.progress.tolist() == [r.cells["progress"].replace("\n", "") for r in seed]
    assert all(f.startswith("未找到表头") for f in df.read_flags)
    assert [c["why"] for c in parsed.chrome_lines] == ["pager", "pager"]


def test_a_header_cell_of_two_is_read_as_its_first(tmp_path, rows):
    """重点工作及落实情况: the task, with its 落实情况：… printed on the row under it."""
    header = ["序号", "重点工作及落实情况", "牵头单位", "完成状态"]
    body = []
    for i, r in enumerate(rows, 1):
        body += [[str(i), r.cells["task"], r.cells["bureau"], "已完成"], [str(i), "落实情况：" + _progress(r), r.cells["bureau"], "已完成"]]
    merges = [(k, c, k + 1, c) for k in range(1, len(body), 2) for c in (0, 2, 3)]
    parsed, df = read(office_files.write_docx(tmp_path / "r.docx", [TITLE, ([header] + body, merges)]))
    assert parsed.tables[0].roles[:2] == ["seq", "task"]
    assert df.task.tolist() == [norm(r.cells["task"]) for r in rows]
    assert df.progress.tolist() == [_progress(r) for r in rows]


def test_a_header_cell_no_word_names_does_not_cut_the_header(tmp_path, rows):
    """A cell per line: 序号 / 主要内容 / 牵头厅局 / 配合单位 / 计划投资 / （亿元） / 截至目前进展 / 完成率;
    计划投资 (a whole project's money, named by no word) is a column of its own, kept out of the
    progress, and the columns after it are read."""
    out = ["关于2024年上半年重点项目推进情况的通报", "", "序号", "主要内容", "牵头厅局", "配合单位", "计划投资", "（亿元）",
           "截至目前进展", "完成率", ""]
    for i, r in enumerate(rows, 1):
        out += [str(i), r.cells["task"], r.cells["bureau"], "市财政局、市统计局", f"{i * 3}.5", _progress(r), f"{40 + i}%", ""]
    out += FOOTER
    path = tmp_path / "r.txt"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    parsed, df = read(path)
    assert parsed.tables[0].headers == ["序号", "主要内容", "牵头厅局", "配合单位", "计划投资（亿元）", "截至目前进展", "完成率"]
    assert df.progress.tolist() == [_progress(r) for r in rows]
    assert df.rate_text.tolist() == [f"{40 + i}%" for i in range(1, len(rows) + 1)]
    assert set(df.co_bureaus) == {"市财政局、市统计局"} and parsed.unassigned_lines == []


def test_headings_at_three_levels_and_unit_person_cells_a_cell_per_line(tmp_path, rows):
    """No blank lines, the title right above 序号; headings 一、 / （一） / 1.财政收支管理 (the last beside
    a row's 序号 1); 完成时限 / 序时要求 / 完成情况; unit cells naming a deputy head (市交通局 副局长 王海):
    the innermost heading is the section, the person goes to people."""
    out = ["2024年1-9月重点工作推进情况", "序号", "重点工作", "责任单位", "完成时限", "序时要求", "完成情况"]
    heads = {0: ["一、经济发展", "（一）财政金融", "1.财政收支管理"], 2: ["2.金融服务"], 4: ["二、民生保障", "（一）就业"]}
    for i, r in enumerate(rows):
        out += heads.get(i, [])
        out += [str(i + 1), r.cells["task"], r.cells["bureau"] + " 副局长 王海", "12月底前", "完成75%", _progress(r)]
    path = tmp_path / "r.txt"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    parsed, df = read(path)
    assert df.section.tolist() == ["1.财政收支管理"] * 2 + ["2.金融服务"] * 2 + ["（一）就业"] * 2
    assert df.bureau_raw.tolist() == [r.cells["bureau"] for r in rows] and set(df.people) == {"副局长 王海"}
    assert df.progress.tolist() == [_progress(r) for r in rows]
    assert df.task.tolist() == [norm(r.cells["task"]) for r in rows] and parsed.unassigned_lines == []


def test_the_cells_win_over_a_header_they_contradict(tmp_path, rows):
    """完成情况 (a progress word) over verdicts, 具体进展 beside it over the narrative, 责任单位 over
    people's names and 单位 over the units: the verdicts are the status, the narrative the progress,
    the names people and the units the lead."""
    header = ["序号", "任务", "责任单位", "单位", "完成情况", "具体进展"]
    body = [[str(i), r.cells["task"], ["张明", "李海", "王芳"][i % 3], r.cells["bureau"], ["序时推进", "滞后"][i % 2],
             _progress(r)] for i, r in enumerate(rows, 1)]
    parsed, df = read(office_files.write_docx(tmp_path / "r.docx", [TITLE, ([header] + body, [])]))
    assert parsed.tables[0].roles == ["seq", "task", "people", "bureau", "status", "progress"]
    assert df.progress.tolist() == [_progress(r) for r in rows]
    assert df.official_status.tolist() == [["序时推进", "滞后"][i % 2] for i in range(1, len(rows) + 1)]
    assert df.bureau_raw.tolist() == [r.cells["bureau"] for r in rows]


def test_items_numbered_in_the_task_cell_count_on_across_headings(tmp_path, rows):
    """No 序号 column, items 1. 2. under 一、 and 3. 4. under 二、 (the count goes on), co-units ending
    in a full stop (市统计局。): every item read, the full stop not part of the unit."""
    out = [TITLE, "", "重点工作", "", "牵头责任", "单位", "", "协同责任", "单位", "", "上半年落实情况", ""]
    for i, r in enumerate(rows[:4], 1):
        if i in (1, 3):
            out += [["一、扩大有效投资", "二、保障改善民生"][i // 3], ""]
        out += [f"{i}.{r.cells['task']}", "", r.cells["bureau"], "", "市统计局。", "", _progress(r), ""]
    parsed, df = read(_write(tmp_path, out))
    assert df.seq.tolist() == [1, 2, 3, 4]
    assert df.task.tolist() == [norm(r.cells["task"]) for r in rows[:4]]
    assert set(df.co_bureaus) == {"市统计局"}
    assert df.section.tolist() == ["一、扩大有效投资"] * 2 + ["二、保障改善民生"] * 2


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "r.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
