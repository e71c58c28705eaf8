"""Records from the rhythm of a text table's body: a stream of cells cut at each 序号, pipe rows,
and a row per line with the progress running on over the next lines."""

from __future__ import annotations

import re

from helpers.read.align import is_status, is_unit
from helpers.read.bureaus import looks_like_unit, norm
from helpers.read.cells import _fill, _finish_row, _looks_truncated, _put, _split_line_row
from helpers.read.grid import period_columns, put_cells
from helpers.read.ingest import HtmlCell
from helpers.read.records import (_INT, _PIPES_ONLY, _PROSE, _SECTION, _SEQ, Parsed, RawRow, Table,
                                  _add_section, _cell_text, _is_section, _orphan, _pipe_cells,
                                  _row_start_ok, _short)

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
                ((_row_start_ok(seq, expected, after_section) or misprint(seq, expected)) and task_like
                 and k + 2 < len(body) and _unit_next(body, k + 2, cols)):
            # out of sequence but a task and a unit follow: a row (a 序号 misprint), flagged below
            starts.append(k)
            # a misprinted 序号 does not move the count on: the next row is still the one after
            odd = not opening and not _row_start_ok(seq, expected, after_section)
            expected, after_section = (expected + 1 if odd else seq + 1), False
            prev = k - 1
            if has_group and prev >= 0 and prev not in sections and (not starts[:-1] or prev > starts[-2] + 1):
                g = norm(_cell_text(body[prev]))
                if g and len(g) <= 15 and not _PROSE.search(g) and not is_unit(g) and not is_status(g) \
                        and not re.match(r"^[\d.%*]+$", g):
                    groups[prev] = g
    return starts, sections, groups


def misprint(seq: int, expected: int) -> bool:
    """Could `seq` be `expected` misprinted: as many digits, two swapped or one wrong (21 for 12)?"""
    a, b = str(seq), str(expected)
    return len(a) == len(b) and (sorted(a) == sorted(b) or sum(x != y for x, y in zip(a, b)) == 1)


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
        prev = table.rows[-1].seq if table.rows else None
        misprint_before = len(table.rows) >= 2 and row.seq == table.rows[-2].seq + 2  # the row above was the odd one
        if prev is not None and row.seq not in (prev + 1, 1) and not misprint_before \
                and row.section == table.rows[-1].section:
            row.flags.append(f"序号{row.seq}接在{prev}之后，不连续（疑为印误）")
        if eof_row:
            row.is_truncated = _looks_truncated(row, table, bool(delims))
        table.rows.append(row)


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
        if m and len(cells) <= len(table.roles) and period_columns(table):
            # pipe cells are positional (an empty one is "| |"): the latest filled period is the progress
            put_cells(table, row, [HtmlCell(c, ln) for c in cells + [""] * (len(table.roles) - len(cells))])
            _finish_row(table, row, carried)
        else:
            _fill(table, row, items, parsed, carried, eof_row)
        if eof_row:
            n_cols = len(table.roles) - 1
            row.is_truncated = not text.rstrip().endswith("|") or len(cells) - (1 if m else 0) < n_cols
        table.rows.append(row)
        current = row


_ROW_LINE = re.compile(r"^\s*(\d{1,6})[\s\u00a0\u3000]+(\S.*)$")


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
        opening = current is None and not table.rows  # a slice of a table may start at any number
        if m and (_row_start_ok(int(m[1]), expected, after_section) or opening):
            fields = _split_line_row(m[2], pre, roles[p_idx] if p_idx < len(roles) else "")
            if fields is not None and (int(m[1]) == expected or (after_section and int(m[1]) == 1) or
                                       "bureau" in fields[0] or opening):
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
    _trailing_cells(table, post, carried)
    if at_eof and table.rows:
        table.rows[-1].is_truncated = _looks_truncated(table.rows[-1], table)


def _trailing_cells(table: Table, post: list[str], carried: dict[str, str]) -> None:
    """Columns after the progress (完成状态): the last token of each row, when it fits; then each
    row is finished (units in the task, carried cells, labelled parts, flags)."""
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