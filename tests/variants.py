"""Variants of the seed report in the other layouts the same office publishes.

Each is derived from the seed's real text: the rows the seed parses into are re-laid out (one row
per line, HTML, extra columns, section headings), re-encoded, or cut off, so the tests check that
every layout gives back the same tasks, bureaus and progress.
"""

from __future__ import annotations

import html

from helpers.read.ingest import read_report
from helpers.read.parse import RawRow, parse_document

from conftest import SEED

TITLE = "2024年上半年市政府重点工作落实情况"


def seed_rows() -> list[tuple[str, list[RawRow]]]:
    """(table title, rows) of the seed, parsed from the blank-line layout."""
    parsed = parse_document(read_report(SEED))
    return [(t.title or "", t.rows) for t in parsed.tables]


def _paragraphs(row: RawRow) -> list[str]:
    return row.cells.get("progress", "").split("\n")


def line_layout(title: str = TITLE, progress_header: str = "上半年落实情况") -> str:
    """One row per line, cells separated by spaces, progress continuing on the following lines."""
    out = [title, ""]
    for ttitle, rows in seed_rows():
        out += [ttitle, f"序号 重点工作 牵头责任单位 {progress_header}"]
        for r in rows:
            paras = _paragraphs(r)
            out.append(f"{r.seq} {r.cells['task']} {r.cells['bureau']} {paras[0]}")
            out += paras[1:]
        out.append("")
    return "\n".join(out) + "\n"


def html_layout(title: str = TITLE) -> str:
    """A saved web page with the tables as <table> markup (progress paragraphs as <p>)."""
    e = html.escape
    parts = [f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{e(title)}</title></head><body>',
             f"<h1>{e(title)}</h1>", "<p>浏览次数:信息来源: 市政府办</p>"]
    for ttitle, rows in seed_rows():
        parts.append(f"<p>{e(ttitle)}</p>")
        parts.append("<table border='1'>\n<tr><th>序号</th><th>重点工作</th><th>牵头责任单位</th><th>上半年落实情况</th></tr>")
        for r in rows:
            prog = "".join(f"<p>{e(p)}</p>" for p in _paragraphs(r))
            parts.append(f"<tr>\n<td>{r.seq}</td>\n<td>{e(r.cells['task'])}</td>\n"
                         f"<td>{e(r.cells['bureau'])}</td>\n<td>{prog}</td>\n</tr>")
        parts.append("</table>")
    parts.append("<p>文件下载</p></body></html>")
    return "\n".join(parts)


FY_STATUS = ("已完成", "序时推进")


def extra_columns_layout(sections: bool = False) -> str:
    """The 2021 full-year style: 督查内容, 协同责任单位, 落实情况(全年), 完成状态, header cells broken
    over two lines; with `sections`, 2022-style headings 一、…负责事项(共N项) and a 任务来源 column."""
    _, rows = seed_rows()[1]
    rows = rows[:24]
    out = ["2021年度市政府重点工作落实情况", "", "督查情况汇总表", ""]
    header = ["序号", "督查内容"] + (["任务", "来源"] if sections else []) + \
        ["牵头责任", "单位", "协同责任", "单位", "落实情况", "(全年)", "完成", "状态"]
    out += [h for cell in header for h in (cell, "")]
    groups = [("一、市长负责事项(共9项)", rows[:9]), ("二、常务副市长负责事项(共15项)", rows[9:])] if sections \
        else [(None, rows)]
    for heading, grp in groups:
        if heading:
            out += [heading, ""]
        for i, r in enumerate(grp, start=1):
            seq = i if sections else r.seq
            cells = [str(seq), r.cells["task"]]
            if sections:
                cells.append("政府工作报告")
            cells += [r.cells["bureau"], "市财政局、市统计局"] + _paragraphs(r) + [FY_STATUS[r.seq % 2]]
            out += [c for cell in cells for c in (cell, "")]
    out += ["文件下载", ""]
    return "\n".join(out)


#: Co-unit cells as the 2021 year-end report prints them: ending 等。, broken over two lines,
#: empty, a catch-all; and official verdicts in 完成状态.
FY2021_CO = (["市发改委、市税务局、六安供电公司等。"], ["市政府各部门、", "各直属机构"], [], ["各县区政府"],
             ["市财政局、市统计局"], ["市直有关单位"])
FY2021_STATUS = ("已完成", "序时推进", "未完成")


def fy2021_layout() -> str:
    """The 2021 year-end report (DOMAIN.md): 序号, 督查内容, 牵头责任单位, 协同责任单位, 落实情况(全年),
    完成状态, header cells broken over two lines, a cell per line; seed tasks and progress."""
    _, rows = seed_rows()[1]
    out = ["2021年度市政府重点工作落实情况", "", "浏览次数:信息来源: 市政府办", "", "附件", "",
           "2021年度市政府重点工作督查情况汇总表", ""]
    header = ["序号", "督查内容", "牵头责任", "单位", "协同责任", "单位", "落实情况", "(全年)", "完成", "状态"]
    out += [h for cell in header for h in (cell, "")]
    for i, r in enumerate(rows[:12]):
        cells = [str(r.seq), r.cells["task"], r.cells["bureau"]] + FY2021_CO[i % len(FY2021_CO)] + \
            _paragraphs(r) + [FY2021_STATUS[i % len(FY2021_STATUS)]]
        out += [c for cell in cells for c in (cell, "")]
    out += ["文件下载", ""]
    return "\n".join(out)


def pipe_layout() -> str:
    """A pipe table (`| a | b |`), a row per line, progress paragraphs joined by spaces in one cell."""
    out = [TITLE, ""]
    for ttitle, rows in seed_rows():
        out += [ttitle, "| 序号 | 重点工作 | 牵头责任单位 | 上半年落实情况 |"]
        out += [f"| {r.seq} | {r.cells['task']} | {r.cells.get('bureau', '')} | {' '.join(_paragraphs(r))} |"
                for r in rows]
        out.append("")
    return "\n".join(out) + "\n"


def bar_cells_layout() -> str:
    """Each cell on its own line ending ` |`, no blank lines, a `|` line closing each row."""
    out = [TITLE]
    for ttitle, rows in seed_rows():
        out += [ttitle] + [f"{h} |" for h in ("序号", "重点工作", "牵头 责任单位", "上半年 落实情况")]
        for r in rows:
            out += [f"{c} |" for c in [str(r.seq), r.cells["task"], r.cells.get("bureau", "")] + _paragraphs(r)]
            out.append("|")
    return "\n".join(out) + "\n"


def one_line_layout() -> str:
    """The quantified table as a template prints it: title, header and every row on one line."""
    ttitle, rows = seed_rows()[0]
    cells = [ttitle, "序号", "重点工作", "牵头责任单位", "上半年落实情况"]
    for r in rows:
        cells += [str(r.seq), r.cells["task"], r.cells.get("bureau", "")] + _paragraphs(r)
    return "\n".join([TITLE, "", " ".join(c for c in cells if c), ""])


def spaced_header_text(seed_text: str) -> str:
    """The seed with its header cells spaced out, as some pages print them (序 号, 重 点 工 作)."""
    for word in ("序号", "重点工作"):
        seed_text = seed_text.replace(f"\n{word}\n", "\n" + " ".join(word) + "\n")
    return seed_text.replace("\n牵头责任单位\n", "\n牵头 责任单位\n").replace("\n上半年落实情况\n", "\n上半年 落实情况\n")


def _unit_groups(names: str) -> list[tuple[str, list[RawRow]]]:
    """Groups 第一类, 第二类, … (one per character of `names`): the first three seed rows of each
    unit leading at least three, in report order."""
    _, rows = seed_rows()[1]
    by_unit: dict[str, list[RawRow]] = {}
    for r in rows:
        by_unit.setdefault(r.cells.get("bureau", ""), []).append(r)
    return [(f"第{n}类", grp[:3]) for n, grp in zip(names, [g for u, g in by_unit.items() if u and len(g) >= 3])]


def spanning_units_layout() -> tuple[str, list[tuple[str, RawRow]]]:
    """A 类别 column left of 序号, its cell printed once per group, and the unit printed only on a
    group's first row (cells that span rows). Returns the text and (group, seed row) per row."""
    groups = _unit_groups("一二三")
    out = [TITLE, "", "类别", "", "序号", "", "重点工作", "", "牵头责任单位", "", "上半年落实情况", ""]
    expected, seq = [], 0
    for name, grp in groups:
        out += [name, ""]
        for i, r in enumerate(grp):
            seq += 1
            cells = [str(seq), r.cells["task"]] + ([r.cells["bureau"]] if i == 0 else []) + _paragraphs(r)
            out += [c for cell in cells for c in (cell, "")]
            expected.append((name, r))
    return "\n".join(out), expected


def html_spanning_layout() -> tuple[str, list[tuple[str, RawRow, bool]]]:
    """A saved page whose 类别 and unit cells span a group's rows (rowspan), and whose first row of
    each group has a 序号 cell spanning two rows (the second a sub-row). Returns the page and
    (group, the group's first seed row, seed row, is_sub_row) per row."""
    e = html.escape
    groups = _unit_groups("一二")
    parts = [f"<html><head><meta charset='utf-8'><title>{e(TITLE)}</title></head><body><table>",
             "<tr><th>类别</th><th>序号</th><th>重点工作</th><th>牵头责任单位</th><th>上半年落实情况</th></tr>"]
    expected, seq = [], 0
    for name, grp in groups:
        for i, r in enumerate(grp):
            cells = []
            if i == 0:
                seq += 1
                cells.append(f"<td rowspan='3'>{e(name)}</td><td rowspan='2'>{seq}</td>")
            elif i == 2:
                seq += 1
                cells.append(f"<td>{seq}</td>")
            cells.append(f"<td>{e(r.cells['task'])}</td>")
            if i == 0:
                cells.append(f"<td rowspan='3'>{e(r.cells['bureau'])}</td>")
            cells.append("<td>" + "".join(f"<p>{e(p)}</p>" for p in _paragraphs(r)) + "</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
            expected.append((name, grp[0], r, i == 1))
    parts.append("</table></body></html>")
    return "\n".join(parts), expected


def no_unit_column_layout() -> tuple[str, list[RawRow]]:
    """A pipe table without a unit column, the lead unit written in brackets after the task (as
    some offices do): 序号 | 工作事项 | 进展情况 | 完成情况. Seed rows whose unit has no brackets."""
    _, rows = seed_rows()[0]
    picked = [r for r in rows if r.cells.get("bureau") and "(" not in r.cells["bureau"]][:6]
    out = [TITLE, "序号 | 工作事项 | 进展情况 | 完成情况 |"]
    for n, r in enumerate(picked, start=1):
        out.append(f"{n} | {r.cells['task']}({r.cells['bureau']}) | {' '.join(_paragraphs(r))} | 序时推进 |")
    return "\n".join(out) + "\n", picked
