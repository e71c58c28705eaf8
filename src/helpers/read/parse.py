"""Turn a decoded report into task rows, whatever the layout the office used that period.

The header row is found by its words (data/reference/column_roles.csv gives each header word a
role: 序号 seq, 重点工作 task, 牵头责任单位 bureau, …), in any order, broken over lines or spaced
out. How its cells are delimited says how the body is read:

- ``cells``: a cell per line, with or without blank lines between, or ending in `` |`` (a web
  page's table copied as text, the seed): the lines are one stream of cells, cut into rows at each
  序号;
- ``oneline``: the whole table on one line: its space-separated tokens are the stream of cells;
- ``pipe``: a row per line, cells between ``|``; a line without 序号 is a sub-row of the row above;
- ``lines``: a row per line, columns separated by spaces, progress continuing on the next lines;
- ``html``: a saved web page with ``<table>`` markup.

In every layout a row's cells are put into the columns by helpers.read.align (cells printed once for
several rows are carried down; progress paragraphs stay together). Every non-blank line of a table
region ends in exactly one place: a row, a header, a table title, a section heading, page chrome,
or the list of unassigned lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from helpers.read.align import CARRIED, align, is_status, is_unit, join
from helpers.read.bureaus import WHITESPACE, looks_like_unit, norm
from helpers.errors import ParseError
from helpers.read.ingest import Document
from helpers.read.roles import RoleTable, assign_roles, load_roles, merge_fragments

_INT = re.compile(r"^\d{1,4}$")
_SEQ = re.compile(r"^(\d{1,4})\*?$")
_WS = WHITESPACE
_SECTION = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．][^。]{1,60}$")
#: A group heading above a repeated header: a leader's (洪湖鹏市长主抓重点工作) or a 负责事项 list.
_GROUP = re.compile(r"^[^。，,；;]{2,30}(?:主抓|负责|分管|牵头)[^。，,；;]{0,12}(?:工作|事项|任务)(?:[(（]共\s*\d+\s*项[)）])?$")
_SECTION_COUNT = re.compile(r"[(（]共\s*(\d+)\s*项[)）]")
_TITLE_COUNT = re.compile(r"(\d+)\s*项")
_TITLE = re.compile(r"^附件\s*\d*$|汇总表|清单|情况表|一览表|进度表|统计表|推进表|[(（][^()（）]*\d+\s*项[)）]")
_FOOTER = re.compile(
    r"^(?:文件下载|政策咨询|扫一扫|标签[:：]|【?打印本页|关闭窗口|相关附件|相关链接|分享到|【字体|"
    r"上一篇|下一篇|主办单位|版权所有|网站地图|如果您对该政策文件有疑问)"
)
_PIPES_ONLY = re.compile(r"^\|+$")
_UNIT_IN_TASK = re.compile(r"\s*(?:责任单位|牵头单位|责任部门)[:：]\s*(?P<u>[^。]+?)\s*[。]?$")
_UNIT_IN_BRACKETS = re.compile(r"[(（](?P<u>[^()（）]{2,60})[)）]\s*$")
_PROSE = re.compile(r"[。，,；;：:]")


@dataclass
class RawRow:
    table_no: int
    seq: int
    cells: dict[str, str]  # role → text (progress: paragraphs newline-joined)
    lines: dict[str, list[int]]  # role → source line numbers
    section: str | None = None
    line_start: int = 0
    line_end: int = 0
    is_truncated: bool = False
    parent_seq: str | None = None  # a sub-row without 序号: the 序号 of the row it stands under
    carried: list[str] = field(default_factory=list)  # roles whose cell was carried down from above


@dataclass
class Table:
    no: int
    kind: str  # quantified | general
    title: str | None
    declared: int | None
    roles: list[str]
    header_lines: list[int]
    rows: list[RawRow] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # role → header cell as printed


@dataclass
class Parsed:
    """What the parser found: tables of raw rows, and the accounting of every other line."""

    layout: str
    tables: list[Table]
    region: tuple[int, int]  # first and last line of the table region
    chrome_lines: list[dict] = field(default_factory=list)  # {line, text, why}
    unassigned_lines: list[dict] = field(default_factory=list)  # {line, text}
    sections: list[dict] = field(default_factory=list)  # {line, text, declared}
    title_lines: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    shared_lines: list[int] = field(default_factory=list)  # lines holding several rows (one-line tables)


# --------------------------------------------------------------------------- header detection


@dataclass
class _Header:
    line_start: int  # index into doc.lines (0-based)
    line_end: int  # index of the last header line
    cells: list[str]
    roles: list[str]
    layout: str
    token_end: int = 0  # oneline: index of the first body token on the last header line


def _is_header(cells: list[str], roles: list[str]) -> bool:
    known = [r for r in roles if r != "other"]
    return "seq" in roles and "task" in roles and len(set(known)) >= 3 and \
        bool({"progress", "status", "bureau", "rate"} & set(known))


def _tokens(line: str) -> list[str]:
    return [t for t in _WS.split(line.strip()) if t]


def _strip_pipe(s: str) -> str:
    s = s.strip()
    return s[:-1].rstrip() if s.endswith("|") else s


def _short(s: str, limit: int = 24) -> str:
    """norm(s) for a short cell; "" for a long one (prose is never a 序号, header or heading word)."""
    return norm(s) if len(s) <= limit * 2 else ""


def _pipe_cells(line: str) -> list[str]:
    """Cells of a pipe row (`| a | b |` or `a | b |`), the empty edge cells dropped."""
    parts = [p.strip() for p in line.strip().split("|")]
    if parts and not parts[0] and line.strip().startswith("|"):
        parts = parts[1:]
    if parts and not parts[-1]:
        parts = parts[:-1]
    return parts


def _find_headers(lines: list[str], rt: RoleTable) -> list[_Header]:
    headers: list[_Header] = []
    i, n = 0, len(lines)
    while i < n:
        raw = lines[i]
        s = _short(_strip_pipe(raw), 30) or ("…" if raw.strip() else "")
        h: _Header | None = None
        if s and raw.count("|") >= 2 and len(_pipe_cells(raw)) >= 3:
            cells = merge_fragments(_pipe_cells(raw), rt)
            h = _Header(i, i, cells, assign_roles(cells, rt), "pipe")
        elif s and (rt.role(s) or rt.is_prefix(s)):
            h = _cell_header(lines, i, rt)
        elif s:
            h = _token_header(lines, i, rt)
        if h and _is_header(h.cells, h.roles):
            headers.append(h)
            i = h.line_end + 1
        else:
            i += 1
    return headers


def _cell_header(lines: list[str], i: int, rt: RoleTable) -> _Header | None:
    """A header with a cell per line (序号 / 重点工作 / 牵头责任 / 单位 / …)."""
    frags: list[str] = []
    j, last = i, i
    while j < len(lines) and len(frags) < 24:
        s = norm(_strip_pipe(lines[j]))
        if not s:
            j += 1
            continue
        pending = bool(frags) and rt.is_prefix(frags[-1]) and bool(rt.role(frags[-1] + s))
        bracket = s.startswith(("(", "（")) and len(s) <= 8 and bool(frags)
        if not (rt.role(s) or rt.is_prefix(s) or pending or bracket):
            break
        frags.append(s)
        last = j
        j += 1
    cells = merge_fragments(frags, rt)
    return _Header(i, last, cells, assign_roles(cells, rt), "cells")


def _token_header(lines: list[str], i: int, rt: RoleTable) -> _Header | None:
    """A header on one line, cells separated by spaces; the table may go on on the same line."""
    if not any(w in lines[i] for w in rt.seq_words):
        return None
    tokens = _tokens(lines[i])
    start = next((k for k, t in enumerate(tokens) if rt.role(t) == "seq"), None)
    if start is None:
        return None
    k = start
    while k < len(tokens) and (rt.role(tokens[k]) or rt.is_prefix(tokens[k])
                               or (tokens[k].startswith(("(", "（")) and len(tokens[k]) <= 8)):
        k += 1
    head = tokens[start:k]
    if k < len(tokens):  # the body follows on the same line
        cells = merge_fragments(head, rt)
        return _Header(i, i, cells, assign_roles(cells, rt), "oneline", token_end=k)
    last = i
    # Header cells broken over two lines: the second line holds only the tails (单位, (全年)).
    j = i + 1
    while j < len(lines) and not norm(lines[j]):
        j += 1
    if j < len(lines):
        nxt = _tokens(lines[j])
        if nxt and not _SEQ.match(nxt[0]) and all(len(t) <= 6 for t in nxt):
            pending = [p for p, t in enumerate(head) if not rt.role(t)]
            for t in nxt:
                if t.startswith(("(", "（")):
                    p = next((p for p, tk in enumerate(head) if rt.role(tk) == "progress"), None)
                    if p is not None:
                        head[p] += t
                        continue
                if pending:
                    head[pending.pop(0)] += t
            last = j
    cells = merge_fragments(head, rt)
    return _Header(i, last, cells, assign_roles(cells, rt), "lines")


# --------------------------------------------------------------------------- shared helpers


def _table_meta(title: str | None) -> tuple[str, int | None]:
    if not title:
        return "general", None
    kind = "quantified" if "量化" in title else "general"
    counts = _TITLE_COUNT.findall(title)
    return kind, int(counts[-1]) if counts else None


def _is_title(s: str) -> bool:
    return bool(_TITLE.search(s)) and "。" not in s and len(s) <= 80


def _preamble(lines: list[str], h: _Header, floor: int) -> tuple[list[int], list[int], str | None, list[int]]:
    """Title lines, page numbers and group headings just above a header (at most 4 non-blank lines)."""
    titles: list[int] = []
    pages: list[int] = []
    groups: list[int] = []
    k, seen = h.line_start - 1, 0
    while k >= floor and seen < 4:
        s = norm(lines[k])
        if not s:
            k -= 1
            continue
        seen += 1
        if _is_title(s):
            titles.append(k)
        elif _GROUP.match(s) and not titles and not groups:
            groups.append(k)
        elif _INT.match(s) and len(s) <= 3 and (titles or seen <= 2):
            pages.append(k)
        else:
            break
        k -= 1
    titles.sort()
    title = "".join(norm(lines[t]) for t in titles if not re.match(r"^附件\s*\d*$", norm(lines[t])))
    return titles, pages, title or None, groups


def _orphan(parsed: Parsed, item: tuple[int, str]) -> None:
    s = norm(item[1])
    if _INT.match(s) and len(s) <= 3:
        parsed.chrome_lines.append({"line": item[0], "text": item[1].strip(), "why": "page number"})
    else:
        parsed.unassigned_lines.append({"line": item[0], "text": item[1].strip()})


def _add_section(parsed: Parsed, table: Table, line: int, text: str) -> None:
    m = _SECTION_COUNT.search(text)
    parsed.sections.append({"line": line, "text": text, "declared": int(m[1]) if m else None,
                            "table": table.no})


# --------------------------------------------------------------------------- layouts


def parse_document(doc: Document) -> Parsed:
    """Find the tables in a report and split them into raw rows; raise ParseError if there are none."""
    rt = load_roles()
    if doc.is_html:
        parsed = _parse_html(doc, rt)
    else:
        headers = _find_headers(doc.lines, rt)
        if not headers:
            raise ParseError(doc.path, "no recognizable table header (a row with 序号, a task column such as "
                                       "重点工作 and a progress, status or unit column; header words are listed in "
                                       "data/reference/column_roles.csv)")
        parsed = _parse_text(doc, headers)
    if not any(t.rows for t in parsed.tables):
        raise ParseError(doc.path, "a table header was found but no task rows under it",
                         line=parsed.region[0] or None)
    for t in parsed.tables:
        _settle_columns(t)
    return parsed


def _parse_text(doc: Document, headers: list[_Header]) -> Parsed:
    lines = doc.lines
    parsed = Parsed(layout=headers[0].layout, tables=[], region=(0, 0))
    preambles = []
    floor = 0
    for h in headers:
        preambles.append(_preamble(lines, h, floor))
        floor = h.line_end + 1
    first = min([headers[0].line_start] + preambles[0][0] + preambles[0][1] + preambles[0][3])
    last_line = first
    table: Table | None = None
    for no, h in enumerate(headers, start=1):
        titles, pages, title, groups = preambles[no - 1]
        parsed.title_lines += [t + 1 for t in titles]
        parsed.chrome_lines += [{"line": p + 1, "text": lines[p].strip(), "why": "page number"} for p in pages]
        header_lines = [k + 1 for k in range(h.line_start, h.line_end + 1) if norm(lines[k])]
        # A header repeated under a group heading, with no title of its own, goes on with the same table.
        if table is not None and not titles and h.roles == table.roles:
            table.header_lines += header_lines
        else:
            kind, declared = _table_meta(title)
            table = Table(len(parsed.tables) + 1, kind, title, declared, h.roles, header_lines,
                          fields={r: c for c, r in zip(h.cells, h.roles)})
            parsed.tables.append(table)
        section = None
        for g in groups:
            section = norm(lines[g])
            _add_section(parsed, table, g + 1, section)
        # The table's body runs to the next table's preamble, or to the page footer.
        if no < len(headers):
            nt, npg, _, ng = preambles[no]
            stop = min([headers[no].line_start] + nt + npg + ng)
        else:
            stop = len(lines)
        body: list[tuple[int, str]] = []
        ended_by_footer = False
        if h.layout == "oneline":
            body += [(h.line_end + 1, t) for t in _tokens(lines[h.line_end])[h.token_end:]]
        for k in range(h.line_end + 1, stop):
            if not norm(lines[k]):
                continue
            if _FOOTER.match(norm(lines[k])):
                ended_by_footer = True
                break
            if h.layout == "oneline":
                body += [(k + 1, t) for t in _tokens(lines[k])]
            else:
                body.append((k + 1, lines[k]))
        at_eof = no == len(headers) and not ended_by_footer
        if h.layout in ("cells", "oneline"):
            _stream_rows(table, body, parsed, at_eof, section, one_line=h.layout == "oneline")
        elif h.layout == "pipe":
            _pipe_rows(table, body, parsed, at_eof, section)
        else:
            _line_rows(table, body, parsed, at_eof, section)
        if h.layout == "oneline":
            parsed.shared_lines += sorted({ln for ln, _ in body} | {h.line_end + 1})
        if body:
            last_line = max(last_line, body[-1][0])
        last_line = max(last_line, h.line_end + 1)
    parsed.region = (first + 1, last_line)
    return parsed


def _is_section(items: list[tuple[int, str]], k: int, expected: int, shorts: list[str] | None = None) -> bool:
    s = shorts[k] if shorts else _short(items[k][1], 64)
    if not _SECTION.match(s) or k + 1 >= len(items):
        return False
    nxt = _SEQ.match(shorts[k + 1] if shorts else _short(items[k + 1][1]))
    return bool(nxt) and int(nxt[1]) in (1, expected)


def _row_start_ok(seq: int, expected: int, after_section: bool) -> bool:
    if seq == expected or (after_section and seq == 1):
        return True
    return expected - 1 <= seq <= expected + 5 and seq > 0


def _cell_text(item: tuple[int, str]) -> str:
    return _strip_pipe(item[1])


def _row_starts(table: Table, body: list[tuple[int, str]], at_eof: bool) -> tuple[list[int], dict[int, str], dict[int, str]]:
    """Where rows start in a stream of cells: a 序号 cell followed by a task-like cell.

    Also returns section headings (一、…) and, for a table with a spanning column left of 序号
    (工程名称), the group cells printed just before a row's 序号.
    """
    starts: list[int] = []
    sections: dict[int, str] = {}
    groups: dict[int, str] = {}
    has_group = "group" in table.roles[: table.roles.index("seq")]
    # numbering goes on under a repeated header; a slice of a table may start at any number
    expected = table.rows[-1].seq + 1 if table.rows else 1
    after_section = False
    cols = tuple(table.roles[table.roles.index("seq") + 1:])
    shorts = [_short(_cell_text(it), 64) for it in body]
    for k in range(len(body)):
        s = shorts[k]
        if not s:
            continue
        if _is_section(body, k, expected, shorts):
            sections[k] = s
            after_section = True
            continue
        m = _SEQ.match(s)
        if not m:
            continue
        seq = int(m[1])
        nxt = (shorts[k + 1] or "…长") if k + 1 < len(body) else ""
        task_like = bool(nxt) and not _SEQ.match(nxt) and not re.match(r"^[\d.%]+$", nxt) and len(nxt) >= 2
        last = k + 1 == len(body)
        opening = not starts and not table.rows and all(_PIPES_ONLY.match(body[i][1].strip()) or i in sections
                                                        for i in range(k))
        if (seq == expected or (after_section and seq == 1) or opening) and (task_like or (last and at_eof)) or \
                (_row_start_ok(seq, expected, after_section) and task_like and k + 2 < len(body)
                 and _unit_next(body, k + 2, cols)):
            starts.append(k)
            expected, after_section = seq + 1, False
            prev = k - 1
            if has_group and prev >= 0 and prev not in sections and (not starts[:-1] or prev > starts[-2] + 1):
                g = norm(_cell_text(body[prev]))
                if g and len(g) <= 15 and not _PROSE.search(g) and not is_unit(g) and not is_status(g) \
                        and not re.match(r"^[\d.%*]+$", g):
                    groups[prev] = g
    return starts, sections, groups


def _unit_next(body: list[tuple[int, str]], k: int, cols: tuple[str, ...]) -> bool:
    """Is the cell at k (alone, or joined with the next) a unit, in a table with a unit column?"""
    if "bureau" not in cols:
        return False
    s = norm(_cell_text(body[k]))
    nxt = norm(_cell_text(body[k + 1])) if k + 1 < len(body) else ""
    return looks_like_unit(s) or (len(nxt) <= 8 and looks_like_unit(s + nxt))


def _stream_rows(table: Table, body: list[tuple[int, str]], parsed: Parsed, at_eof: bool,
                 section: str | None, one_line: bool = False) -> None:
    """Cut a stream of cells into rows at each 序号 and put each row's cells into the columns."""
    starts, sections, groups = _row_starts(table, body, at_eof)
    first = starts[0] if starts else len(body)
    for k in range(first):
        if k in sections:
            continue
        if k in groups:
            continue
        _orphan(parsed, body[k])
    for k, s in sections.items():
        _add_section(parsed, table, body[k][0], s)
    group_at: dict[int, tuple[int, str]] = {}
    for k, g in groups.items():
        group_at[k + 1] = (body[k][0], g)
    section_name = section
    carried: dict[str, str] = {}
    for n, st in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(body)
        stops = [k for k in list(sections) + list(groups) if st < k < end]
        row_end = min(stops) if stops else end
        for k in sorted(sections):
            if k < st:
                section_name = sections[k]
        seq_text = norm(_cell_text(body[st]))
        row = RawRow(table.no, int(_SEQ.match(seq_text)[1]), {}, {"seq": [body[st][0]]},
                     section=section_name, line_start=body[st][0], line_end=body[row_end - 1][0])
        if st in group_at:
            gline, g = group_at[st]
            row.cells["group"], row.lines["group"] = g, [gline]
            row.line_start = gline
        items = [it for it in body[st + 1:row_end]]
        delims = [it for it in items if _PIPES_ONLY.match(it[1].strip())]
        items = [it for it in items if not _PIPES_ONLY.match(it[1].strip())]
        if delims:
            row.lines["delimiter"] = [ln for ln, _ in delims]
        eof_row = at_eof and n == len(starts) - 1
        _fill(table, row, items, parsed, carried, eof_row, one_line)
        if eof_row:
            row.is_truncated = _looks_truncated(row, table, bool(delims))
        table.rows.append(row)


def _fill(table: Table, row: RawRow, items: list[tuple[int, str]], parsed: Parsed,
          carried: dict[str, str], eof_row: bool, one_line: bool = False) -> None:
    """Put a row's cells (items after its 序号) into the table's columns."""
    cols = tuple(table.roles[table.roles.index("seq") + 1:])
    texts = [_strip_pipe(t) for _, t in items]
    carry = any(r in CARRIED for r in table.roles[: table.roles.index("seq")]) or "group" in table.roles
    placed = None
    keep = len(texts)
    while placed is None and keep > 0:
        placed = align(texts[:keep], cols, carry=carry, last_at_eof=eof_row)
        if placed is None:
            keep -= 1
    for it in items[keep:]:
        parsed.unassigned_lines.append({"line": it[0], "text": it[1].strip()})
    for role, idxs in zip(cols, placed or [[] for _ in cols]):
        idxs = [i for i in idxs if texts[i].strip()]
        if role == "progress":
            # a bare page number inside a progress cell's paragraphs is page chrome
            pages = [i for i in idxs[1:] if _INT.match(norm(texts[i])) and len(norm(texts[i])) <= 3 and not one_line]
            for i in pages:
                parsed.chrome_lines.append({"line": items[i][0], "text": texts[i].strip(), "why": "page number"})
            idxs = [i for i in idxs if i not in pages]
        if not idxs:
            continue
        text = join(role, [texts[i] for i in idxs], one_line)
        _put(row, role, text, sorted({items[i][0] for i in idxs}))
    _finish_row(table, row, carried)


def _put(row: RawRow, role: str, text: str, lines: list[int]) -> None:
    if role in row.cells:  # two columns of one role (an unknown header twice): keep both
        row.cells[role] += "\n" + text
        row.lines[role] += lines
    else:
        row.cells[role], row.lines[role] = text, lines
    row.line_end = max([row.line_end] + lines)


def _finish_row(table: Table, row: RawRow, carried: dict[str, str]) -> None:
    """Units written inside the task cell, and spanning cells carried down to the rows below."""
    task = row.cells.get("task", "")
    if task and not row.cells.get("bureau"):
        m = _UNIT_IN_TASK.search(task)
        if m:
            row.cells["task"], row.cells["bureau"] = task[: m.start()].rstrip() , m["u"].strip()
            row.lines["bureau_in_task"] = list(row.lines.get("task", []))
        elif "bureau" not in table.roles:
            m = _UNIT_IN_BRACKETS.search(task)
            if m and is_unit(m["u"]):
                row.cells["task"], row.cells["bureau"] = task[: m.start()].rstrip(), m["u"].strip()
                row.lines["bureau_in_task"] = list(row.lines.get("task", []))
    carry = "group" in table.roles
    if row.cells.get("group") and carried.get("group") != row.cells["group"]:
        carried.clear()  # a new group: nothing printed for the last group spans into it
    for role in CARRIED:
        if role not in table.roles:
            continue
        if row.cells.get(role):
            carried[role] = row.cells[role]
        elif carry and role in carried:
            row.cells[role] = carried[role]
            row.carried.append(role)
    if row.cells.get("group"):
        row.section = row.cells["group"]


def _looks_truncated(row: RawRow, table: Table, closed: bool = False) -> bool:
    """The file ends inside the table: is its last row complete?"""
    cols = table.roles[table.roles.index("seq") + 1:]
    if "task" not in row.cells or not (row.cells.get("progress") or row.cells.get("status")):
        return True
    if "bureau" in cols and not is_unit(row.cells.get("bureau", "")):
        return True
    last_filled = max((i for i, r in enumerate(cols) if row.cells.get(r)), default=-1)
    last_text = norm(row.cells[cols[last_filled]]) if last_filled >= 0 else ""
    if cols[last_filled] == "progress" and not re.search(r"[。；;！!）)”\"]$", last_text):
        return True
    if table.declared is not None and len(table.rows) + 1 < table.declared:
        return True
    return not closed and last_filled < len(cols) - 1 and cols[last_filled] in ("progress", "task")


def _pipe_rows(table: Table, body: list[tuple[int, str]], parsed: Parsed, at_eof: bool,
               section: str | None) -> None:
    """A row per line, cells between `|`; a line without 序号 is a sub-row of the row above."""
    current: RawRow | None = None
    parent: RawRow | None = None
    carried: dict[str, str] = {}
    for k, (ln, text) in enumerate(body):
        s = norm(text)
        if "|" not in text:
            if _SECTION.match(s):
                _add_section(parsed, table, ln, s)
                section = s
            elif current is not None:  # a paragraph of the last cell, on a line of its own
                _put(current, "progress", text.strip(), [ln])
            else:
                _orphan(parsed, (ln, text))
            continue
        cells = _pipe_cells(text)
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            if current is not None:
                current.lines.setdefault("delimiter", []).append(ln)
            else:
                _orphan(parsed, (ln, text))
            continue
        m = _SEQ.match(norm(cells[0]))
        if m:
            row = RawRow(table.no, int(m[1]), {}, {"seq": [ln]}, section=section, line_start=ln, line_end=ln)
            parent = row
            items = [(ln, c) for c in cells[1:]]
        elif parent is not None:
            row = RawRow(table.no, parent.seq, {}, {}, section=section, line_start=ln, line_end=ln,
                         parent_seq=str(parent.seq))
            items = [(ln, c) for c in cells]
        else:
            _orphan(parsed, (ln, text))
            continue
        eof_row = at_eof and k == len(body) - 1
        _fill(table, row, items, parsed, carried, eof_row)
        if eof_row:
            n_cols = len(table.roles) - 1
            row.is_truncated = not text.rstrip().endswith("|") or len(cells) - (1 if m else 0) < n_cols
        table.rows.append(row)
        current = row


_ROW_LINE = re.compile(r"^\s*(\d{1,4})[\s\u00a0\u3000]+(\S.*)$")


def _line_rows(table: Table, body: list[tuple[int, str]], parsed: Parsed, at_eof: bool,
               section: str | None) -> None:
    """A row per line, columns separated by spaces; the progress goes on over the next lines."""
    roles = table.roles
    p_idx = roles.index("progress") if "progress" in roles else len(roles)
    pre = roles[1:p_idx]
    post = roles[p_idx + 1:]
    expected, after_section = 1, False
    current: RawRow | None = None
    section_name = section
    prog: list[str] = []
    plines: list[int] = []
    carried: dict[str, str] = {}

    def close() -> None:
        if current is None:
            return
        if prog:
            current.cells["progress"] = "\n".join(prog)
            current.lines["progress"] = list(plines)
        table.rows.append(current)

    for k, (ln, text) in enumerate(body):
        s = norm(text)
        if _is_section(body, k, expected):
            close()
            current, prog, plines = None, [], []
            section_name = s
            after_section = True
            _add_section(parsed, table, ln, s)
            continue
        m = _ROW_LINE.match(text)
        if m and _row_start_ok(int(m[1]), expected, after_section):
            fields = _split_line_row(m[2], pre)
            if fields is not None and (int(m[1]) == expected or (after_section and int(m[1]) == 1) or "bureau" in fields[0]):
                close()
                cells, progress = fields
                current = RawRow(table.no, int(m[1]), cells, {r: [ln] for r in cells} | {"seq": [ln]},
                                 section=section_name, line_start=ln, line_end=ln)
                prog, plines = ([progress], [ln]) if progress else ([], [])
                expected, after_section = int(m[1]) + 1, False
                continue
        if current is None:
            _orphan(parsed, (ln, text))
            continue
        if _INT.match(s) and len(s) <= 3:
            parsed.chrome_lines.append({"line": ln, "text": text.strip(), "why": "page number"})
            continue
        prog.append(text.strip())
        plines.append(ln)
        current.line_end = ln
    close()
    # Columns after the progress (完成状态): the last token of the row, when it fits.
    for row in table.rows:
        for role in reversed(post):
            p = row.cells.get("progress", "")
            m = re.search(r"[\s\u00a0\u3000]+(\S{1,12})$", p)
            if m and (role not in ("status", "note") or is_status(m[1])) and \
                    (role not in ("bureau", "co_bureau") or is_unit(m[1])):
                row.cells[role] = m[1]
                row.lines[role] = [row.lines["progress"][-1]]
                row.cells["progress"] = p[: m.start()].rstrip()
        _finish_row(table, row, carried)
    if at_eof and table.rows:
        table.rows[-1].is_truncated = _looks_truncated(table.rows[-1], table)


def _split_line_row(rest: str, pre: list[str]) -> tuple[dict[str, str], str] | None:
    """Split the first line of a row into the cells before the progress, and the progress."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", rest.replace("\u00a0", " ").replace("\u3000", " "))]
    tokens = [rest[a:b] for a, b in spans]
    if len(tokens) < 2:
        return None
    cells: dict[str, str] = {}
    t = 0
    for role in pre:
        if t >= len(tokens):
            break
        if role in ("bureau", "co_bureau"):
            # a unit name may itself be broken by spaces (市生态  环境局)
            for width in (1, 2, 3):
                cand = "".join(tokens[t:t + width])
                if is_unit(cand):
                    cells[role] = cand
                    t += width
                    break
            else:
                return None if role == "bureau" else (cells, rest[spans[t][0]:])
        elif role == "task":
            # the task runs until the first token that is a unit name
            u = next((i for i in range(t + 1, len(tokens)) if looks_like_unit(tokens[i])
                      or looks_like_unit("".join(tokens[i:i + 2]))), None)
            if u is None:
                return None
            cells[role] = " ".join(tokens[t:u])
            t = u
        else:
            cells[role] = tokens[t]
            t += 1
    progress = rest[spans[t][0]:] if t < len(tokens) else ""
    return cells, progress


def _settle_columns(table: Table) -> None:
    """Decide what a 备注 / 说明 / second progress column holds, from its cells.

    A column whose cells are all status words (超额完成, 达序推进) is the table's status column when
    the table has none; otherwise a note is kept at the end of the progress.
    """
    for role in ("progress_other", "note"):
        texts = [r.cells[role] for r in table.rows if r.cells.get(role)]
        if not texts:
            continue
        if "status" not in table.roles and all(is_status(t) for t in texts):
            header = table.fields.get(role)
            table.roles = ["status" if r == role else r for r in table.roles]
            table.fields["status"] = header or role
            for r in table.rows:
                if role in r.cells:
                    r.cells["status"] = r.cells.pop(role)
                    r.lines["status"] = r.lines.pop(role)
        elif role == "note":
            for r in table.rows:
                if r.cells.get("note"):
                    r.cells["progress"] = (r.cells.get("progress", "") + "\n" + r.cells.pop("note")).strip("\n")
                    r.lines["progress"] = r.lines.get("progress", []) + r.lines.pop("note")


def _parse_html(doc: Document, rt: RoleTable) -> Parsed:
    parsed = Parsed(layout="html", tables=[], region=(0, 0))
    table: Table | None = None
    section = None
    first_line = last_line = 0
    carried: dict[str, str] = {}
    parent: RawRow | None = None
    for cells in doc.html_rows:
        texts = [c.text for c in cells]
        line = cells[0].line
        # a header row names 序号 among its cells; an unknown header word is kept as `other`
        hcells = merge_fragments(texts, rt) if any(rt.role(t) == "seq" for t in texts) else []
        roles = assign_roles(hcells, rt) if hcells else []
        if roles and _is_header(hcells, roles):
            title = None
            before = [t for ln, t in doc.html_texts if ln <= line and _is_title(norm(t))]
            if before:
                title = norm(before[-1])
            kind, declared = _table_meta(title)
            table = Table(len(parsed.tables) + 1, kind, title, declared, roles, [line],
                          fields={r: c for c, r in zip(hcells, roles)})
            parsed.tables.append(table)
            section, carried, parent = None, {}, None
            first_line = first_line or line
            continue
        if table is None:
            continue
        last_line = max(last_line, cells[-1].line)
        nonempty = [t for t in texts if norm(t)]
        if len(nonempty) == 1 and _SECTION.match(norm(nonempty[0])):
            section = norm(nonempty[0])
            _add_section(parsed, table, line, section)
            continue
        seq_at = table.roles.index("seq")
        seq_text = norm(texts[seq_at]) if len(texts) > seq_at else ""
        m = _SEQ.match(seq_text)
        if m and cells[seq_at].spanned and parent is not None:
            # the 序号 cell spans this row too: a sub-row of the row it was printed in
            row = RawRow(table.no, parent.seq, {}, {}, section=section, line_start=line,
                         line_end=cells[-1].line, parent_seq=str(parent.seq))
            items = [(c.line, c.text) for c in cells[seq_at + 1:]]
        elif m:
            row = RawRow(table.no, int(m[1]), {}, {"seq": [line]}, section=section, line_start=line,
                         line_end=cells[-1].line)
            items = [(c.line, c.text) for c in cells[seq_at + 1:]]
            parent = row
        elif parent is not None and len(nonempty) >= 2:
            row = RawRow(table.no, parent.seq, {}, {}, section=section, line_start=line,
                         line_end=cells[-1].line, parent_seq=str(parent.seq))
            items = [(c.line, c.text) for c in cells]
        else:
            if nonempty:
                parsed.unassigned_lines.append({"line": line, "text": " | ".join(norm(t) for t in nonempty)})
            continue
        if len(items) == len(table.roles) - 1 - seq_at:
            spanned = [c.spanned for c in cells[len(cells) - len(items):]]
            for role, (ln, text), sp in zip(table.roles[seq_at + 1:], items, spanned):
                if role == "other" or not norm(text):
                    continue
                keep = text.strip() if role in ("progress", "progress_other", "note", "plan") \
                    else text.strip().replace("\n", "")
                _put(row, role, keep, [ln])
                if sp:
                    row.carried.append(role)
            for i, c in enumerate(cells[:seq_at]):  # a spanning group cell left of 序号
                if table.roles[i] == "group" and norm(c.text):
                    row.section = norm(c.text)
            _finish_row(table, row, carried)
        else:
            _fill(table, row, items, parsed, carried, False)
        table.rows.append(row)
    parsed.region = (first_line, last_line)
    return parsed
