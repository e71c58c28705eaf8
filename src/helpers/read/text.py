"""Text tables under a header row found by its words: the body read in the layout the header's
delimiting calls for (a cell per line, one line, pipes, a row per line), titles and group headings
above each header, the page footer ending the last table."""

from __future__ import annotations

import re

from helpers.read.bureaus import looks_like_unit, norm
from helpers.read.grid import item_number
from helpers.read.header import _Header, _preamble, _table_meta
from helpers.read.ingest import Document
from helpers.read.layouts import _line_rows, _pipe_rows, _stream_rows
from helpers.read.records import FOOTER_LINE, PAGER_LINE, Parsed, Table, _add_section, _tokens

_FOOTER = re.compile(
    r"^(?:文件下载|政策咨询|扫一扫|标签[:：]|【?打印本页|关闭窗口|相关附件|相关链接|分享到|【字体|"
    r"上一篇|下一篇|主办单位|版权所有|网站地图|如果您对该政策文件有疑问)"
)


def parse_with_headers(doc: Document, headers: list[_Header]) -> Parsed:
    """The tables under these headers (found by header._find_headers, or given as --columns)."""
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
        roles = h.roles if "seq" in h.roles else ["seq"] + h.roles  # items numbered in the task cell
        if table is not None and not titles and roles == table.roles:
            table.header_lines += header_lines
        else:
            kind, declared = _table_meta(title)
            table = Table(len(parsed.tables) + 1, kind, title, declared, roles, header_lines,
                          fields={r: c for c, r in zip(h.cells, h.roles)},
                          headers=h.cells if "seq" in h.roles else ["序号"] + h.cells)
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
        body, ended_by_footer, pager = _body(lines, h, stop)
        parsed.chrome_lines += [{"line": k + 1, "text": lines[k].strip(), "why": "pager"} for k in pager]
        at_eof = no == len(headers) and not ended_by_footer
        if "seq" not in h.roles:
            body = number_items(body, h.roles, h.layout)
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


def _body(lines: list[str], h: _Header, stop: int) -> tuple[list[tuple[int, str]], bool, list[int]]:
    """The body's (line, text) items under a header up to `stop` (tokens for a one-line table),
    whether the page footer ended it, and the pager lines skipped inside it."""
    body: list[tuple[int, str]] = []
    pager: list[int] = []
    if h.layout == "oneline":
        body += [(h.line_end + 1, t) for t in _tokens(lines[h.line_end])[h.token_end:]]
    for k in range(h.line_end + 1, stop):
        if not norm(lines[k]):
            continue
        if PAGER_LINE.match(norm(lines[k])) and h.layout != "oneline":
            pager.append(k)
            continue
        if _FOOTER.match(norm(lines[k])) or FOOTER_LINE.match(norm(lines[k])):
            return body, True, pager
        if h.layout == "oneline":
            body += [(k + 1, t) for t in _tokens(lines[k])]
        else:
            body.append((k + 1, lines[k]))
    return body, False, pager


def number_items(body: list[tuple[int, str]], roles: list[str], layout: str) -> list[tuple[int, str]]:
    """A table without 序号 whose task cells open with an item number (1. / （1） / ①): the number
    becomes the row's 序号 cell, so rows are cut as in any numbered table. Only the next number
    counts (or 1 under a heading), and where a unit column follows the task, only before a unit."""
    unit_next = roles.index("task") + 1 < len(roles) and roles[roles.index("task") + 1] in ("bureau", "co_bureau")
    out: list[tuple[int, str]] = []
    expected = 1
    for k, (ln, text) in enumerate(body):
        lead = text.lstrip(" |") if layout == "pipe" else text
        n, rest = item_number(lead.strip())
        nxt = norm(body[k + 1][1]) if k + 1 < len(body) else ""
        nxt2 = norm(body[k + 2][1]) if k + 2 < len(body) else ""
        unit = looks_like_unit(nxt) or (len(nxt2) <= 8 and looks_like_unit(nxt + nxt2))  # 市生态 / 环境局
        ok = n is not None and (n == expected or n == 1) and (layout != "cells" or not unit_next or unit)
        if not ok:  # under a heading the items count on, or from 1 (always allowed above)
            out.append((ln, text))
            continue
        expected = n + 1
        if layout == "cells":
            out += [(ln, str(n)), (ln, rest)]
        elif layout == "pipe":
            out.append((ln, f"| {n} | {rest}"))
        else:
            out.append((ln, f"{n} {rest}"))
    return out
