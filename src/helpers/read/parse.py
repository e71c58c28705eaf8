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

from helpers.errors import ParseError
from helpers.read.bureaus import norm
from helpers.read.cells import _settle_columns
from helpers.read.grid import parse_grid
from helpers.read.header import _Header, _find_headers, _preamble, _table_meta
from helpers.read.ingest import Document
from helpers.read.layouts import _line_rows, _pipe_rows, _stream_rows
from helpers.read.records import Parsed, RawRow, Table, _add_section, _tokens
from helpers.read.rhythm import read_rhythm
from helpers.read.roles import load_roles

__all__ = ["Parsed", "RawRow", "Table", "norm", "parse_document"]

_FOOTER = re.compile(
    r"^(?:文件下载|政策咨询|扫一扫|标签[:：]|【?打印本页|关闭窗口|相关附件|相关链接|分享到|【字体|"
    r"上一篇|下一篇|主办单位|版权所有|网站地图|如果您对该政策文件有疑问)"
)


def parse_document(doc: Document, columns: list[str] | None = None, strict: bool = False) -> Parsed:
    """Find the tables in a report and split them into raw rows; raise ParseError if there are none.

    The header is evidence, not a gate: a report without one is read from the rhythm of its
    records (helpers.read.rhythm), every row flagged, unless `strict` (then it is refused).
    `columns` (role names or header words, in order) stands for a header the text lacks.
    """
    rt = load_roles()
    parsed = None
    if doc.is_html and not columns:
        parsed = parse_grid(doc, rt)
        if not any(t.rows for t in parsed.tables):
            parsed = None  # no header among the cells: read the cells' text as lines
    if parsed is None:
        headers = [] if columns else _find_headers(doc.lines, rt)
        if headers:
            parsed = _parse_text(doc, headers)
        else:
            parsed = read_rhythm(doc, rt, columns, strict)
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
