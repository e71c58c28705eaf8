"""Turn a decoded report into task rows, whatever the layout the office used that period.

Layouts (detected from the header row, never assumed):
- ``cells``: every cell on its own line(s), as when a web page's table is copied as text (the
  seed): 序号 / 重点工作 / 牵头责任单位 / 落实情况, each a paragraph, header cells possibly broken
  over two lines (牵头责任 / 单位, 落实情况 / (全年)).
- ``lines``: one row per line, columns separated by spaces, progress continuing on the next lines.
- ``html``: a saved web page with ``<table>`` markup.

Every non-blank line of a table region ends in exactly one place: a field of a row, a header,
a table title, a section heading, page chrome, or the list of unassigned lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from helpers.bureaus import WHITESPACE, looks_like_unit, norm
from helpers.errors import ParseError
from helpers.ingest import Document

# Header cell names → column role. Matched against the cell with whitespace removed and any
# bracketed suffix such as (全年) taken off.
_PERIOD_PREFIX = r"(?:上半年|下半年|一季度|二季度|三季度|四季度|前三季度|全年|年度|\d{4}年|1[-—~至]\d{1,2}月(?:份)?)?"
_ROLES: tuple[tuple[str, re.Pattern], ...] = tuple(
    (role, re.compile(p))
    for role, p in (
        ("seq", r"^(?:序号|编号)$"),
        ("co_bureau", r"^(?:协同|配合|协办|参与)(?:责任)?单位$"),
        ("bureau", r"^(?:牵头(?:责任)?单位|责任单位|牵头部门|责任部门|牵头责任单位)$"),
        ("status", r"^(?:完成状态|进度状态|完成进度评价|办理状态)$"),
        ("source", r"^任务来源$"),
        ("note", r"^备注$"),
        ("progress", r"^" + _PERIOD_PREFIX + r"(?:落实情况|进展情况|工作进展|推进情况|完成情况|进展)$"),
        ("task", r"^(?:重点工作|督查内容|工作任务|重点任务|任务内容|工作内容|目标任务|主要任务|重点事项|工作事项|事项)$"),
    )
)
_HEADER_NAMES = ("序号", "重点工作", "督查内容", "牵头责任单位", "协同责任单位", "落实情况", "完成状态",
                 "任务来源", "备注", "工作进展", "进展情况", "责任单位", "牵头单位", "配合单位", "完成情况")
_INT = re.compile(r"^\d{1,4}$")
_WS = WHITESPACE
_BRACKET_SUFFIX = re.compile(r"[(（][^()（）]*[)）]$")
_SECTION = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．][^。]{1,60}$")
_SECTION_COUNT = re.compile(r"[(（]共\s*(\d+)\s*项[)）]")
_TITLE_COUNT = re.compile(r"(\d+)\s*项")
_TITLE = re.compile(r"^附件\s*\d*$|汇总表|清单|情况表|一览表|[(（][^()（）]*\d+\s*项[)）]")
_FOOTER = re.compile(
    r"^(?:文件下载|政策咨询|扫一扫|标签[:：]|【?打印本页|关闭窗口|相关附件|相关链接|分享到|【字体|"
    r"上一篇|下一篇|主办单位|版权所有|网站地图|如果您对该政策文件有疑问)"
)
_STATUS_WORD = re.compile(
    r"^(?:已完成|基本完成|未完成|部分完成|序时推进|正在推进|持续推进|按序时推进|未达序时|滞后|超序时|"
    r"已办结|推进中|正常推进|进度滞后|完成|暂缓|已暂停|已叫停|待评估)$"
)


def header_role(cell: str) -> str | None:
    """The column role of a header cell, or None when it is not a header name."""
    s = norm(cell)
    for cand in (s, _BRACKET_SUFFIX.sub("", s)):
        for role, pat in _ROLES:
            if pat.match(cand):
                return role
    return None


def _header_prefix(s: str) -> bool:
    """True when s could be the first part of a header cell broken over lines (牵头责任 / 单位)."""
    s = re.sub("^" + _PERIOD_PREFIX, "", s)
    return bool(s) and any(name.startswith(s) and name != s for name in _HEADER_NAMES)


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


@dataclass
class Table:
    no: int
    kind: str  # quantified | general
    title: str | None
    declared: int | None
    roles: list[str]
    header_lines: list[int]
    rows: list[RawRow] = field(default_factory=list)


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


# --------------------------------------------------------------------------- header detection


@dataclass
class _Header:
    line_start: int  # index into doc.lines (0-based)
    line_end: int  # index of the last header line
    cells: list[str]
    roles: list[str]
    layout: str


def _find_headers(lines: list[str]) -> list[_Header]:
    headers: list[_Header] = []
    i, n = 0, len(lines)
    while i < n:
        s = norm(lines[i])
        if not s.startswith(("序号", "编号")):
            i += 1
            continue
        tokens = [t for t in _WS.split(lines[i].strip()) if t]
        if len(tokens) >= 3:
            h = _line_header(lines, i, tokens)
        elif s in ("序号", "编号"):
            h = _cell_header(lines, i)
        else:
            h = None
        if h and "task" in h.roles and ("progress" in h.roles or "status" in h.roles):
            headers.append(h)
            i = h.line_end + 1
        else:
            i += 1
    return headers


def _merge_fragments(frags: Iterable[str]) -> list[str]:
    """Join header fragments into cells: 牵头责任 + 单位, 落实情况 + (全年)."""
    cells: list[str] = []
    acc = ""
    for f in frags:
        cand = acc + f
        if header_role(cand):
            cells.append(cand)
            acc = ""
        elif f.startswith(("(", "（")) and not acc and cells:
            cells[-1] += f
        elif _header_prefix(cand):
            acc = cand
        else:
            cells.append(cand)  # unknown header name; kept so the column count stays right
            acc = ""
    if acc:
        cells.append(acc)
    return cells


def _cell_header(lines: list[str], i: int) -> _Header | None:
    frags: list[str] = []
    j, last = i + 1, i
    while j < len(lines) and len(frags) < 16:
        s = norm(lines[j])
        if not s:
            j += 1
            continue
        if _INT.match(s) or _SECTION.match(s):
            break
        known = header_role(s) or _header_prefix(s) or (s.startswith(("(", "（")) and len(s) <= 8)
        pending = bool(frags) and _header_prefix("".join(frags[-1:])) and header_role(frags[-1] + s)
        if not (known or pending):
            break
        frags.append(s)
        last = j
        j += 1
    cells = ["序号"] + _merge_fragments(frags)
    roles = [header_role(c) or "other" for c in cells]
    return _Header(i, last, cells, roles, "cells")


def _line_header(lines: list[str], i: int, tokens: list[str]) -> _Header | None:
    tokens = list(tokens)
    last = i
    # Header cells broken over two lines: the second line holds only the tails (单位, (全年)).
    j = i + 1
    while j < len(lines) and not norm(lines[j]):
        j += 1
    if j < len(lines):
        nxt = [t for t in _WS.split(lines[j].strip()) if t]
        if nxt and not _INT.match(nxt[0]) and all(len(t) <= 6 for t in nxt):
            pending = [k for k, t in enumerate(tokens) if not header_role(t)]
            for t in nxt:
                if t.startswith(("(", "（")):
                    k = next((k for k, tk in enumerate(tokens) if header_role(tk) == "progress"), None)
                    if k is not None:
                        tokens[k] += t
                        continue
                if pending:
                    tokens[pending.pop(0)] += t
            last = j
    cells = _merge_fragments(tokens)
    roles = [header_role(c) or "other" for c in cells]
    if sum(r != "other" for r in roles) < 3:
        return None
    return _Header(i, last, cells, roles, "lines")


# --------------------------------------------------------------------------- shared helpers


def _table_meta(title: str | None) -> tuple[str, int | None]:
    if not title:
        return "general", None
    kind = "quantified" if "量化" in title else "general"
    counts = _TITLE_COUNT.findall(title)
    return kind, int(counts[-1]) if counts else None


def _is_title(s: str) -> bool:
    return bool(_TITLE.search(s)) and "。" not in s and len(s) <= 80


def _preamble(lines: list[str], h: _Header, floor: int) -> tuple[list[int], list[int], str | None]:
    """Title lines and page numbers just above a header (walking up, at most 4 non-blank lines)."""
    titles: list[int] = []
    pages: list[int] = []
    k, seen = h.line_start - 1, 0
    while k >= floor and seen < 4:
        s = norm(lines[k])
        if not s:
            k -= 1
            continue
        seen += 1
        if _is_title(s):
            titles.append(k)
        elif _INT.match(s) and len(s) <= 3 and titles == [] and seen <= 2:
            pages.append(k)
        elif _INT.match(s) and len(s) <= 3 and titles:
            pages.append(k)
        else:
            break
        k -= 1
    titles.sort()
    title = "".join(norm(lines[t]) for t in titles if not re.match(r"^附件\s*\d*$", norm(lines[t])))
    return titles, pages, title or None


def _row_start_ok(seq: int, expected: int, after_section: bool) -> bool:
    if seq == expected or (after_section and seq == 1):
        return True
    return expected - 1 <= seq <= expected + 5 and seq > 0


def _unit_at(items: list[tuple[int, str]], k: int) -> bool:
    """Is items[k] (alone, or joined with the next cell) a unit name?"""
    s = norm(items[k][1])
    nxt = norm(items[k + 1][1]) if k + 1 < len(items) else ""
    return looks_like_unit(s) or (len(nxt) <= 8 and looks_like_unit(s + nxt))


def _split_units_prefix(items: list[tuple[int, str]], k: int) -> tuple[str, list[int], int]:
    """Read a unit cell at items[k], joining a name broken over two cells (市生态 / 环境局)."""
    line, text = items[k]
    used = [line]
    s = norm(text)
    if k + 1 < len(items) and not looks_like_unit(s):
        nline, ntext = items[k + 1]
        ns = norm(ntext)
        if len(ns) <= 8 and looks_like_unit(s + ns) and not _INT.match(ns):
            return text.strip() + ntext.strip(), used + [nline], k + 2
    return text.strip(), used, k + 1


# --------------------------------------------------------------------------- layouts


def parse_document(doc: Document) -> Parsed:
    """Find the tables in a report and split them into raw rows; raise ParseError if there are none."""
    if doc.is_html:
        parsed = _parse_html(doc)
    else:
        headers = _find_headers(doc.lines)
        if not headers:
            raise ParseError(doc.path, "no recognizable table header (a row starting 序号 with 重点工作/督查内容 and 牵头责任单位/落实情况 columns)")
        parsed = _parse_text(doc, headers)
    if not any(t.rows for t in parsed.tables):
        raise ParseError(doc.path, "a table header was found but no task rows under it",
                         line=parsed.region[0] or None)
    return parsed


def _parse_text(doc: Document, headers: list[_Header]) -> Parsed:
    lines = doc.lines
    layout = headers[0].layout
    parsed = Parsed(layout=layout, tables=[], region=(0, 0))
    preambles = []
    floor = 0
    for h in headers:
        titles, pages, title = _preamble(lines, h, floor)
        preambles.append((titles, pages, title))
        floor = h.line_end + 1
    first = min([headers[0].line_start] + preambles[0][0] + preambles[0][1])
    last_line = first
    for no, h in enumerate(headers, start=1):
        titles, pages, title = preambles[no - 1]
        parsed.title_lines += [t + 1 for t in titles]
        parsed.chrome_lines += [{"line": p + 1, "text": lines[p].strip(), "why": "page number"} for p in pages]
        kind, declared = _table_meta(title)
        table = Table(no, kind, title, declared, h.roles,
                      [k + 1 for k in range(h.line_start, h.line_end + 1) if norm(lines[k])])
        # The table's body runs to the next table's preamble, or to the page footer.
        if no < len(headers):
            nt, npg, _ = preambles[no]
            stop = min([headers[no].line_start] + nt + npg)
        else:
            stop = len(lines)
        body: list[tuple[int, str]] = []
        ended_by_footer = False
        for k in range(h.line_end + 1, stop):
            if not norm(lines[k]):
                continue
            if _FOOTER.match(norm(lines[k])):
                ended_by_footer = True
                break
            body.append((k + 1, lines[k]))
        at_eof = no == len(headers) and not ended_by_footer
        if h.layout == "cells":
            _cell_rows(table, body, parsed, at_eof)
        else:
            _line_rows(table, body, parsed, at_eof)
        parsed.tables.append(table)
        if body:
            last_line = max(last_line, body[-1][0])
    parsed.region = (first + 1, last_line)
    return parsed


def _is_section(items: list[tuple[int, str]], k: int, expected: int) -> bool:
    s = norm(items[k][1])
    if not _SECTION.match(s) or k + 1 >= len(items):
        return False
    nxt = norm(items[k + 1][1])
    nxt_seq = re.match(r"^(\d{1,4})", nxt)
    return bool(nxt_seq) and int(nxt_seq[1]) in (1, expected)


def _cell_rows(table: Table, body: list[tuple[int, str]], parsed: Parsed, at_eof: bool) -> None:
    roles = table.roles
    p_idx = roles.index("progress") if "progress" in roles else len(roles)
    pre = [r for r in roles[1:p_idx]]
    post = [r for r in roles[p_idx + 1:]]
    # 1. find row starts: a 序号 cell followed by a task-like cell.
    starts: list[int] = []
    sections: dict[int, str] = {}
    expected, after_section = 1, False
    k = 0
    while k < len(body):
        s = norm(body[k][1])
        if _is_section(body, k, expected):
            sections[k] = s
            after_section = True
            k += 1
            continue
        if _INT.match(s) and k + 1 < len(body) or (_INT.match(s) and k + 1 == len(body) and at_eof):
            seq = int(s)
            nxt = norm(body[k + 1][1]) if k + 1 < len(body) else ""
            task_like = bool(nxt) and not _INT.match(nxt) and len(nxt) >= 2
            if (seq == expected or after_section and seq == 1) and (task_like or k + 1 == len(body)) or \
                    (_row_start_ok(seq, expected, after_section) and task_like and k + 2 < len(body)
                     and _unit_at(body, k + 2)):
                starts.append(k)
                expected, after_section = seq + 1, False
                k += 1
                continue
        k += 1
    # Lines before the first row are unassigned (nothing should be there).
    first = starts[0] if starts else len(body)
    for k in range(first):
        if k in sections:
            continue
        _orphan(parsed, body[k])
    section_name: str | None = None
    for n, st in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(body)
        # a section heading inside this span belongs to the next row
        sec_here = [k for k in sections if st < k < end]
        row_end = min(sec_here) if sec_here else end
        for k in sorted(sections):
            if k < st:
                section_name = sections[k]
        items = body[st:row_end]
        row = RawRow(table.no, int(norm(items[0][1])), {}, {"seq": [items[0][0]]}, section=section_name,
                     line_start=items[0][0], line_end=items[-1][0])
        j = 1
        for role in pre:
            if j >= len(items):
                break
            if role in ("bureau", "co_bureau"):
                if not _unit_at(items, j) and re.search(r"[。，,；;：:]", items[j][1]):
                    continue  # the unit cell is empty: this is already the progress
                text, used, j = _split_units_prefix(items, j)
            else:
                text, used, j = items[j][1].strip(), [items[j][0]], j + 1
            row.cells[role], row.lines[role] = text, used
        rest = items[j:]
        for role in reversed(post):
            if rest and len(norm(rest[-1][1])) <= 20 and (role != "status" or _STATUS_WORD.match(norm(rest[-1][1]))):
                row.cells[role], row.lines[role] = rest[-1][1].strip(), [rest[-1][0]]
                rest = rest[:-1]
        prog: list[str] = []
        plines: list[int] = []
        for ln, text in rest:
            s = norm(text)
            if _INT.match(s) and len(s) <= 3:
                parsed.chrome_lines.append({"line": ln, "text": text.strip(), "why": "page number"})
                continue
            prog.append(text.strip())
            plines.append(ln)
        if prog:
            row.cells["progress"], row.lines["progress"] = "\n".join(prog), plines
        if at_eof and n == len(starts) - 1:
            row.is_truncated = _looks_truncated(row, pre, table)
        table.rows.append(row)
    for k, s in sections.items():
        m = _SECTION_COUNT.search(s)
        parsed.sections.append({"line": body[k][0], "text": s, "declared": int(m[1]) if m else None,
                                "table": table.no})


def _looks_truncated(row: RawRow, pre: list[str], table: Table) -> bool:
    """The file ends inside the table: is its last row complete?"""
    if any(r not in row.cells for r in pre if r in ("task", "bureau")) or "progress" not in row.cells:
        return True
    if not re.search(r"[。；;！!）)”\"]$", norm(row.cells["progress"])):
        return True
    return table.declared is not None and len(table.rows) + 1 < table.declared


def _orphan(parsed: Parsed, item: tuple[int, str]) -> None:
    s = norm(item[1])
    if _INT.match(s) and len(s) <= 3:
        parsed.chrome_lines.append({"line": item[0], "text": item[1].strip(), "why": "page number"})
    else:
        parsed.unassigned_lines.append({"line": item[0], "text": item[1].strip()})


_ROW_LINE = re.compile(r"^\s*(\d{1,4})[\s\u00a0\u3000]+(\S.*)$")


def _line_rows(table: Table, body: list[tuple[int, str]], parsed: Parsed, at_eof: bool) -> None:
    roles = table.roles
    p_idx = roles.index("progress") if "progress" in roles else len(roles)
    pre = roles[1:p_idx]
    post = roles[p_idx + 1:]
    expected, after_section = 1, False
    current: RawRow | None = None
    section_name: str | None = None
    prog: list[str] = []
    plines: list[int] = []

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
            m = _SECTION_COUNT.search(s)
            parsed.sections.append({"line": ln, "text": s, "declared": int(m[1]) if m else None, "table": table.no})
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
    # Columns after the progress (完成状态): the last token of the row, when it is a status word.
    for row in table.rows:
        for role in reversed(post):
            p = row.cells.get("progress", "")
            m = re.search(r"[\s\u00a0\u3000]+(\S{1,12})$", p)
            if m and (role != "status" or _STATUS_WORD.match(m[1])):
                row.cells[role] = m[1]
                row.lines[role] = [row.lines["progress"][-1]]
                row.cells["progress"] = p[: m.start()].rstrip()
    if at_eof and table.rows:
        table.rows[-1].is_truncated = _looks_truncated(table.rows[-1], pre, table)


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
                if looks_like_unit(cand):
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


def _parse_html(doc: Document) -> Parsed:
    parsed = Parsed(layout="html", tables=[], region=(0, 0))
    table: Table | None = None
    section = None
    first_line = last_line = 0
    for cells in doc.html_rows:
        texts = [c.text for c in cells]
        line = cells[0].line
        roles = [header_role(t) or "other" for t in texts]
        if roles and roles[0] == "seq" and "task" in roles:
            title = None
            before = [t for ln, t in doc.html_texts if ln <= line and _is_title(norm(t))]
            if before:
                title = norm(before[-1])
            kind, declared = _table_meta(title)
            table = Table(len(parsed.tables) + 1, kind, title, declared, roles, [line])
            parsed.tables.append(table)
            section = None
            first_line = first_line or line
            continue
        if table is None:
            continue
        last_line = max(last_line, cells[-1].line)
        nonempty = [t for t in texts if norm(t)]
        if len(nonempty) == 1 and _SECTION.match(norm(nonempty[0])):
            section = norm(nonempty[0])
            m = _SECTION_COUNT.search(section)
            parsed.sections.append({"line": line, "text": section, "declared": int(m[1]) if m else None,
                                    "table": table.no})
            continue
        seq_text = norm(texts[0])
        if not _INT.match(seq_text):
            if nonempty:
                parsed.unassigned_lines.append({"line": line, "text": " | ".join(norm(t) for t in nonempty)})
            continue
        row = RawRow(table.no, int(seq_text), {}, {"seq": [line]}, section=section, line_start=line,
                     line_end=cells[-1].line)
        for role, c in zip(table.roles[1:], cells[1:]):
            if role == "other" or not norm(c.text):
                continue
            row.cells[role] = c.text.strip() if role == "progress" else c.text.strip().replace("\n", "")
            row.lines[role] = [c.line]
        extra = cells[len(table.roles):]
        for c in extra:
            if norm(c.text):
                parsed.unassigned_lines.append({"line": c.line, "text": c.text.strip()})
        table.rows.append(row)
    parsed.region = (first_line, last_line)
    return parsed
