"""Records from a text's own rhythm, when no header row names the columns.

Three rhythms are tried, and the one that reads the most whole records wins:

- label:value blocks (项目名称：… 责任单位：… 进展情况：…), the labels being header words of
  data/reference/column_roles.csv; a record starts where its first label comes again;
- prose (a 通报): a task paragraph ending in a bracket of units ((责任单位：…), (牵头单位：…；配合
  单位：…) or a bare (市发改委、市财政局)), then its progress paragraphs, under headings 一、/（一）;
- numbered lines read as a table with the usual columns (序号, task, unit, progress): a row per
  line with the progress on the next lines, or a cell per line.

A layout read this way is written with every row flagged for review and one line saying why;
`strict` refuses it instead, naming what was seen and suggesting --columns. `columns` (role names or
header words, in order) stands for the missing header.
"""

from __future__ import annotations

import re
from collections import Counter

from helpers.errors import ParseError
from helpers.messages import say
from helpers.read.align import is_unit
from helpers.read.bureaus import norm
from helpers.read.cells import _finish_row
from helpers.read.grid import item_number
from helpers.read.header import _Header
from helpers.read.ingest import Document
from helpers.read.records import _SECTION, Parsed, RawRow, Table, _add_section
from helpers.read.roles import ROLES, RoleTable
from helpers.read.text import parse_with_headers

#: A label and its value on one line: 项目名称：…, 【责任单位】…, 工作任务 | … (an Excel pair).
_LABEL = re.compile(r"^\s*[【\[]?(?P<label>[\u4e00-\u9fff]{2,10})[】\]]?\s*(?:[:：|]|\s{2,}|\t)\s*(?P<value>.*)$")
#: The unit bracket closing a task paragraph.
_UNIT_BRACKET = re.compile(r"[(（](?P<body>[^()（）]{2,120})[)）]\s*[。.]?\s*$")
_LEAD_LABEL = re.compile(r"(?:牵头责任单位|牵头单位|责任单位|牵头部门|责任部门|主办单位|承办单位)\s*[:：]")
_CO_LABEL = re.compile(r"(?:配合单位|协同单位|协办单位|协同责任单位|参与单位)\s*[:：]")
_SUBSECTION = re.compile(r"^[(（][一二三四五六七八九十]{1,3}[)）][^。]{1,60}$")
#: Fewer whole records than this is no rhythm (a slice starting mid-row): refused, not guessed.
MIN_RECORDS = 2
#: A person as printed after a unit: 张明, 副局长吴静.
_NAME_LIKE = re.compile(r"^(?:[\u4e00-\u9fff]{0,4}(?:局长|主任|书记|部长|县长|区长|市长|科长|处长|经理|组长))?[\u4e00-\u9fff·]{2,3}$")
#: Two sentences in one task cell, separated by spaces: a task glued to the next column's text.
_TWO_CELLS = re.compile(r"[。；;]\s+\S{8,}|\S{8,}\s+\S{8,}[。；;]")
#: The usual columns of a table printed without a header, tried in turn.
DEFAULT_COLUMNS = (("seq", "task", "bureau", "progress"), ("seq", "task", "bureau", "people", "progress"),
                   ("seq", "task", "progress", "bureau"), ("seq", "bureau", "task", "progress"))
#: How each rhythm is named to the user.
_LAYOUT_ZH = {"blocks": "“标签：内容”段落", "prose": "通报式段落", "lines": "无表头的编号行", "cells": "无表头的编号行",
              "pipe": "无表头的编号行"}
HEADERLESS = "未找到表头，栏目按内容推断（{how}）：请核对，或用 --columns 指明各栏"


def read_rhythm(doc: Document, rt: RoleTable, columns: list[str] | None, strict: bool) -> Parsed:
    """The best reading of a text without a header row, every row flagged (ParseError when none)."""
    lines = doc.lines
    if columns:
        roles = columns_roles(doc, columns, rt)
        best = _as_table(doc, roles, "--columns")
        if best is None or not _whole(best):
            raise ParseError(doc.path, say("layout.columns_nothing", columns=",".join(columns)))
        return best
    tries = [p for p in (_label_blocks(lines, rt), _prose(lines)) if p is not None]
    tries += [p for roles in DEFAULT_COLUMNS if (p := _as_table(doc, roles, "无表头的编号行")) is not None]
    best = max(tries, key=_whole, default=None)
    if best is None or _whole(best) < MIN_RECORDS:
        raise ParseError(doc.path, say("layout.no_header"))
    if strict:
        raise ParseError(doc.path, say("layout.strict", layout=_LAYOUT_ZH.get(best.layout, best.layout), n=_whole(best)))
    how = _LAYOUT_ZH.get(best.layout, "无表头的编号行")
    best.warnings.append(HEADERLESS.format(how=how))
    for t in best.tables:
        for r in t.rows:
            r.flags.insert(0, HEADERLESS.format(how=how).split("：")[0])
    return best


def _whole(parsed: Parsed) -> float:
    """How well a reading did: records with a task and a progress or a unit, less the records whose
    progress opens with a person's name or whose person cell is no name (a column shifted)."""
    score = 0.0
    for t in parsed.tables:
        for r in t.rows:
            score += bool(r.cells.get("task") and (r.cells.get("progress") or r.cells.get("bureau")))
            # a reading that fills every column beats one that leaves the progress in the task
            score += 0.25 * bool(r.cells.get("task") and r.cells.get("progress") and r.cells.get("bureau"))
            score -= 0.5 * bool(_TWO_CELLS.search(r.cells.get("task", "")))
            first = norm(r.cells.get("progress", "").split("\n")[0])
            score -= 0.5 * bool(_NAME_LIKE.match(first))
            score -= 0.5 * bool(r.cells.get("people") and not _NAME_LIKE.match(norm(r.cells["people"])))
    return score


def columns_roles(doc: Document, columns: list[str], rt: RoleTable) -> list[str]:
    """--columns words → roles: a role name, a header word, or a part of one (任务, 进展)."""
    roles = []
    for word in columns:
        w = norm(word)
        role = w if w in ROLES else rt.role(w)
        if role is None:  # a part of header words (任务, 进展): the role most of them have
            hits = Counter(r for h, r in rt.words.items() if w in h).most_common(2)
            role = hits[0][0] if hits and (len(hits) == 1 or hits[0][1] > hits[1][1]) else None
        if role is None:
            raise ParseError(doc.path, say("layout.unknown_column", word=word, roles=", ".join(ROLES)))
        roles.append(role)
    return roles if "seq" in roles else ["seq"] + roles


def _as_table(doc: Document, roles: tuple[str, ...] | list[str], why: str) -> Parsed | None:
    """The text read as a table with these columns, from the first numbered line."""
    lines = doc.lines
    first = next((i for i, s in enumerate(lines) if re.match(r"^\s*\d{1,5}(?:[\s|]|$)", s)), None)
    if first is None:
        return None
    layout = "pipe" if lines[first].count("|") >= 2 else \
        ("lines" if len(re.split(r"\s+", lines[first].strip())) >= 3 else "cells")
    head = _Header(first, first - 1, list(roles), list(roles), layout)
    try:
        parsed = parse_with_headers(doc, [head])
    except (ParseError, ValueError):
        return None
    for t in parsed.tables:
        t.fields = {}
    return parsed


def _new_parsed(layout: str, first: int) -> tuple[Parsed, Table]:
    parsed = Parsed(layout=layout, tables=[], region=(first, first))
    table = Table(1, "general", None, None, ["seq", "task", "bureau", "co_bureau", "progress"], [])
    parsed.tables.append(table)
    return parsed, table


def _label_blocks(lines: list[str], rt: RoleTable) -> Parsed | None:
    """项目名称：… / 责任单位：… / 进展情况：… blocks, a record where its first label comes again."""
    found = []
    for i, s in enumerate(lines):
        m = _LABEL.match(s)
        role = rt.role(m["label"]) if m else None
        found.append((role, m["value"].strip() if role else s.strip()))
    labelled = [r for r, _ in found if r]
    if labelled.count("task") < 2 and (not labelled or labelled.count(labelled[0]) < 2):
        return None
    opener = "task" if "task" in labelled else labelled[0]
    parsed, table = _new_parsed("blocks", 0)
    table.roles = list(dict.fromkeys(["seq"] + labelled))
    row: RawRow | None = None
    role = None
    section = None
    pending_seq = None
    for i, (r, value) in enumerate(found):
        ln = i + 1
        if r == "seq":
            pending_seq = int(m[1]) if (m := re.match(r"\D*(\d{1,5})", value)) else None
            continue
        if r == opener or (r and row is not None and r in row.cells and r != "progress"):
            _close(parsed, table, row)
            row, pending_seq = _open(table, pending_seq, section, ln), None
        if r:
            role = r
            if row is not None and value:
                _add(row, r, value, ln)
            continue
        if not value:
            continue
        if row is None or _heading(value):
            section = norm(value) if _heading(value) else section
            if _heading(value):
                _add_section(parsed, table, ln, norm(value))
            continue
        if re.match(r"^(?:事项|项目|任务)\s*\d{1,4}$", norm(value)):
            continue  # a block's own caption (事项3)
        _add(row, role or "progress", value, ln)
    _close(parsed, table, row)
    return parsed if table.rows else None


def _heading(text: str) -> bool:
    s = norm(text)
    return bool(_SECTION.match(s) or _SUBSECTION.match(s)) and "。" not in s and len(s) <= 40


def _add(row: RawRow, role: str, value: str, ln: int) -> None:
    sep = "\n" if role in ("progress", "problems", "next_steps") else ""
    row.cells[role] = (row.cells[role] + sep + value) if row.cells.get(role) else value
    row.lines.setdefault(role, []).append(ln)
    row.line_end = ln


def _close(parsed: Parsed, table: Table, row: RawRow | None) -> None:
    """The open record, finished and kept (a record with no cell is dropped)."""
    if row is not None and row.cells:
        _finish_row(table, row, {})
        table.rows.append(row)
        parsed.region = (parsed.region[0] or row.line_start, row.line_end)


def _open(table: Table, seq: int | None, section: str | None, ln: int) -> RawRow:
    n = len(table.rows) + 1
    return RawRow(table.no, seq if seq is not None else n, {}, {"seq": [ln]}, section=section,
                  line_start=ln, line_end=ln)


def split_unit_bracket(text: str) -> tuple[str, str | None, str | None]:
    """(task, lead units, co-units) of a paragraph ending in a unit bracket; units None without one."""
    m = _UNIT_BRACKET.search(text)
    if not m:
        return text, None, None
    body = m["body"].strip()
    lead_m, co_m = _LEAD_LABEL.search(body), _CO_LABEL.search(body)
    if lead_m or co_m:
        cut = co_m.start() if co_m else len(body)
        lead = body[lead_m.end(): cut] if lead_m and lead_m.start() < cut else ""
        co = body[co_m.end():] if co_m else ""
        lead, co = lead.strip(" ；;，,。"), co.strip(" ；;，,。")
    elif is_unit(norm(body)):
        lead, co = body, ""
    else:
        return text, None, None
    return text[: m.start()].rstrip(), lead or None, co or None


def _prose(lines: list[str]) -> Parsed | None:
    """Task paragraphs ending in a unit bracket, each followed by its progress paragraphs."""
    parsed, table = _new_parsed("prose", 0)
    row: RawRow | None = None
    section = None
    for i, raw in enumerate(lines):
        s, ln = raw.strip(), i + 1
        if not s:
            continue
        task, lead, co = split_unit_bracket(s)
        if lead or co:
            n, task = item_number(task)
            _close(parsed, table, row)
            row = _open(table, n, section, ln)
            _add(row, "task", task.strip(), ln)
            for role, v in (("bureau", lead), ("co_bureau", co)):
                if v:
                    _add(row, role, v, ln)
            continue
        if _heading(s):
            section = norm(s)
            _add_section(parsed, table, ln, section)
            _close(parsed, table, row)
            row = None
            continue
        if row is not None:
            _add(row, "progress", s, ln)
    _close(parsed, table, row)
    return parsed if table.rows else None

