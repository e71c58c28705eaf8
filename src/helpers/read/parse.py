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

from helpers.errors import ParseError
from helpers.messages import say
from helpers.read.bureaus import norm
from helpers.read.cells import _settle_columns, flag_gaps
from helpers.read.grid import parse_grid, tab_grid
from helpers.read.header import _find_headers
from helpers.read.ingest import Document
from helpers.read.records import Parsed, RawRow, Table
from helpers.read.rhythm import read_rhythm
from helpers.read.text import parse_with_headers
from helpers.read.roles import load_roles

__all__ = ["Parsed", "RawRow", "Table", "norm", "parse_document"]

def parse_document(doc: Document, columns: list[str] | None = None, strict: bool = False) -> Parsed:
    """Find the tables in a report and split them into raw rows; raise ParseError if there are none.

    The header is evidence, not a gate: a report without one is read from the rhythm of its
    records (helpers.read.rhythm), every row flagged, unless `strict` (then it is refused).
    `columns` (role names or header words, in order) stands for a header the text lacks.
    """
    rt = load_roles()
    parsed = None
    grid = doc if doc.is_html else tab_grid(doc)
    if grid is not None and not columns:
        parsed = parse_grid(grid, rt)
        if not any(t.rows for t in parsed.tables):
            parsed = None  # no header among the cells: read the cells' text as lines
    if parsed is None:
        headers = [] if columns else _find_headers(doc.lines, rt)
        if headers:
            parsed = parse_with_headers(doc, headers)
        else:
            parsed = read_rhythm(doc, rt, columns, strict)
    if not any(t.rows for t in parsed.tables):
        raise ParseError(doc.path, say("parse.no_rows"),
                         line=parsed.region[0] or None)
    for t in parsed.tables:
        _settle_columns(t)
        flag_gaps(t)
    return parsed


