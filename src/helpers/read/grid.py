"""Tables read as cells (a saved web page's <table>, and the Word, Excel and PDF doors).

Each row is a list of cells, a cell spanning rows copied into the rows below and marked. A header
row is found by its words, with or without a 序号 column, and a second header row under cells
merged across columns (责任单位 over 牵头 / 配合, 完成情况 over 一季度 … 四季度) names the columns
below them. A record starts at a 序号, or at an item number in the task cell (1. / （1） / ①), or
at each task cell when nothing is numbered; a row merged across the table is a section heading;
a row that holds only more task text (a sub-target) joins the record above, and in a PDF a row the
page break cut is joined back. Of several period columns (一季度 … 四季度, 7月 … 10月) the latest
filled one is a row's progress.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from helpers.identity import norm_task
from helpers.read.align import is_unit, is_verdict
from helpers.read.bureaus import norm
from helpers.read.cells import PART_LABEL, _fill, _finish_row, _put
from helpers.read.header import _is_title, _table_meta
from helpers.read.ingest import Document, HtmlCell
from helpers.read.records import FOOTER_LINE, PAGER_LINE, _SECTION, _SEQ, Parsed, RawRow, Table, _add_section
from helpers.read.roles import RoleTable, period_month, settle_roles, sub_role

#: An item number at the start of a task cell: 1. / 1、 / （1） / (1) / ① / 一、
ITEM_NO = re.compile(r"^\s*(?:[(（](\d{1,3})[)）]|(\d{1,3})\s*[.、．]|([\u2460-\u2473])|([一二三四五六七八九十]{1,3})、)\s*")
#: The first cell of a row that sums the records above (合计, 小计, 全市合计, 总 计).
TOTAL_ROW = re.compile(r"^(?:[\u4e00-\u9fff]{0,4}合计|小计|总计)$")
#: Narrative as a progress cell holds it: a sentence with a figure or a date.
_PROSE_CELL = re.compile(r"(?=.*\d)(?=.*[，。；,;]).{15,}", re.S)
#: A cell of people's names (张明, 李明、王海).
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:[、，,][\u4e00-\u9fff]{2,4})*$")
_KEEP_LINES = ("progress", "progress_other", "note", "plan", "problems", "next_steps")
_SENTENCE_END = re.compile(r"[。；;！!？?：:]$")


@dataclass
class GridHead:
    roles: list[str]
    headers: list[str]
    height: int  # header rows (1, or 2 for a two-level header)


def item_number(text: str) -> tuple[int | None, str]:
    """(number, text without it) for a task cell opening with an item number."""
    m = ITEM_NO.match(text)
    if not m:
        return None, text
    if m[1] or m[2]:
        return int(m[1] or m[2]), text[m.end():]
    if m[3]:
        return ord(m[3]) - 0x2460 + 1, text[m.end():]
    return None, text  # 一、 opens a section, not an item


def _texts(cells: list[HtmlCell]) -> list[str]:
    return [norm(c.text) if len(c.text) <= 60 else c.text for c in cells]


def grid_header(rows: list[list[HtmlCell]], k: int, rt: RoleTable) -> GridHead | None:
    """The header starting at row k (one or two rows), or None."""
    top = _texts(rows[k])
    if any(len(t) > 30 for t in top):
        return None
    roles = [(rt.role(t) or "other") if t else "other" for t in top]
    known = set(roles) - {"other"}
    if not ({"task", "target"} & known) or len(known) < 2 or any(_SEQ.match(t) for t in top if t):
        return None
    heads, height = list(top), 1
    if k + 1 < len(rows):
        sub = _texts(rows[k + 1])
        spans = {j for j in range(len(top)) if top[j] and
                 ((j > 0 and top[j - 1] == top[j]) or (j + 1 < len(top) and top[j + 1] == top[j]))}
        if spans and len(sub) == len(top) and all(len(t) <= 12 and not _SEQ.match(t) for t in sub) \
                and any(sub[j] and sub[j] != top[j] for j in spans):
            height = 2
            for j in spans:
                roles[j], heads[j] = sub_role(top[j], sub[j], roles[j], rt)
    return GridHead(settle_roles(roles, heads), heads, height)


def content_roles(head: GridHead, body: list[list[HtmlCell]]) -> list[str]:
    """Roles from what the columns' cells hold, the header words as evidence.

    A column the header does not name takes the role of its cells: units (a lead column, else the
    co-units), verdicts, people's names, long narrative (the progress, when none is named). Where
    the cells contradict the header, the cells win: a progress or 完成情况 column of verdicts is the
    status (a narrative column beside it the progress), a unit column of people's names is people.
    """
    roles = list(head.roles)
    shares = [_shares(body, j) for j in range(len(roles))]
    for j, role in enumerate(roles):
        share = shares[j]
        if share is None:
            continue
        if role == "other" and share["unit"] >= 0.6:
            roles[j] = "co_bureau" if "bureau" in roles else "bureau"
        elif role in ("other", "progress", "progress_other") and share["status"] >= 0.6 and "status" not in roles:
            roles[j] = "status"
        elif role in ("other", "bureau", "co_bureau") and share["people"] >= 0.6 and share["unit"] <= 0.2 \
                and "people" not in roles:
            roles[j] = "people"
    if "progress" not in roles:  # the narrative column the header named otherwise (or not at all)
        prose = [j for j, r in enumerate(roles) if r in ("progress_other", "other", "note")
                 and shares[j] is not None and shares[j]["prose"] >= 0.6]
        if prose:
            roles[max(prose, key=lambda j: shares[j]["length"])] = "progress"
    return roles


def _shares(body: list[list[HtmlCell]], j: int) -> dict[str, float] | None:
    """What a column's printed cells are (shares of units, verdicts, names, narrative; mean length)."""
    texts = [norm(r[j].text) for r in body if j < len(r) and norm(r[j].text) and not r[j].spanned]
    if len(texts) < 2:
        return None
    out = {kind: sum(bool(test(t)) for t in texts) / len(texts) for kind, test in
           (("unit", is_unit), ("status", is_verdict), ("people", _NAME.match), ("prose", _PROSE_CELL.search))}
    out["length"] = sum(map(len, texts)) / len(texts)
    return out


def _distinct(cells: list[HtmlCell]) -> list[str]:
    return list(dict.fromkeys(t for t in (c.text.strip() for c in cells) if t))


def _is_section_row(cells: list[HtmlCell]) -> str | None:
    """A heading merged across the row (every cell the same text), or alone matching 一、…"""
    texts = [c.text.strip() for c in cells]
    distinct = _distinct(cells)
    if len(distinct) != 1 or len(distinct[0]) > 80:
        return None
    s = norm(distinct[0])
    if all(texts) and len(texts) > 1 or _SECTION.match(s) or re.match(r"^[(（][一二三四五六七八九十]{1,3}[)）]", s):
        return s
    return None


def _seq_of(table: Table, cells: list[HtmlCell]) -> tuple[int | None, bool]:
    """A record's number and whether it was printed in this row (False: merged down from above)."""
    if "seq" in table.roles:
        c = cells[table.roles.index("seq")]
        m = _SEQ.match(norm(c.text))
        return (int(m[1]) if m else None), not c.spanned
    if "task" in table.roles:
        c = cells[table.roles.index("task")]
        n, _ = item_number(c.text)
        return n, not c.spanned
    return None, False


def parse_grid(doc: Document, rt: RoleTable) -> Parsed:
    """Tables of rows of cells → raw rows (the door's name is the layout)."""
    parsed = Parsed(layout=doc.door if doc.door != "text" else "html", tables=[], region=(0, 0))
    rows, k = doc.html_rows, 0
    state = _State(parsed)
    sheet_of: dict[int, str] = {}  # table number → the sheet it was read from
    while k < len(rows):
        if k in doc.sheet_starts:  # a new sheet opens tables of its own
            state.close()
            state.table, state.titles = None, []
        if state.table is not None and doc.sheet_starts:
            sheet_of.setdefault(state.table.no, doc.sheet_starts[max(i for i in doc.sheet_starts if i <= k)])
        head = grid_header(rows, k, rt)
        if head is not None:
            head.roles = content_roles(head, rows[k + head.height: k + head.height + 30])
            state.header(doc, rows[k], head)
            k += head.height
            continue
        state.row(doc, rows[k], k)
        k += 1
    state.close()
    if sheet_of:
        _drop_copies(parsed, sheet_of, doc.main_sheet)
    return parsed


def _tasks(t: Table) -> set[str]:
    return {norm_task(r.cells.get("task")) for r in t.rows} - {""}


def _drop_copies(parsed: Parsed, sheet_of: dict[int, str], main: str | None) -> None:
    """Tables of other sheets that repeat the main sheet's header AND its tasks: another month's copy,
    left out with a warning. A sheet with the same header but tasks of its own (one sheet per sector)
    is part of the report and read: the content decides, not the header alone."""
    mains = [t for t in parsed.tables if sheet_of.get(t.no) == main]
    heads = {tuple(t.headers) for t in mains}
    main_tasks = set().union(*(_tasks(t) for t in mains)) if mains else set()
    keep = []
    for t in parsed.tables:
        mine = _tasks(t)
        if (sheet_of.get(t.no, main) != main and tuple(t.headers) in heads
                and mine and len(mine & main_tasks) * 2 >= len(mine)):
            parsed.warnings.append(f"工作表“{sheet_of[t.no]}”的表与主表“{main}”表头相同、任务重复，视为副本未读取"
                                   f"（用 --sheet 指定）")
            continue
        keep.append(t)
    renumber = {t.no: n for n, t in enumerate(keep, start=1)}
    parsed.sections = [dict(s, table=renumber[s["table"]]) for s in parsed.sections if s.get("table") in renumber]
    for t in keep:
        for r in t.rows:
            r.table_no = renumber[t.no]
        t.no = renumber[t.no]
    parsed.tables = keep


class _State:
    """What the grid reader carries from row to row: the table, its section, the open record."""

    def __init__(self, parsed: Parsed):
        self.parsed = parsed
        self.table: Table | None = None
        self.section: str | None = None
        self.titles: list[tuple[int, str]] = []  # title rows above a header
        self.record: list[list[HtmlCell]] = []  # the open record's rows
        self.numbered = False  # the table numbers its records
        self.carried: dict[str, str] = {}
        self.counter = 0
        self.page_break = False  # the header was printed again: the next row opens a page

    def header(self, doc: Document, cells: list[HtmlCell], head: GridHead) -> None:
        line = cells[0].line
        t = self.table
        after = t.header_lines[-1] if t is not None else 0
        new_title = [s for ln, s in self.titles + doc.html_texts if after < ln <= line and _is_title(norm(s))]
        secs = self.parsed.sections
        if t is not None and secs and secs[-1]["line"] > after and not t.rows[-1:] == [] and \
                secs[-1]["line"] > t.rows[-1].line_end and _is_title(secs[-1]["text"]):
            new_title.append(secs.pop()["text"])  # a title row inside the sheet, above the next header
        if t is not None and t.roles == head.roles and not new_title:
            t.header_lines.append(line)  # the header printed again on the next page
            self.page_break = True
            return
        self.close()
        title = norm(new_title[-1]) if new_title else None
        kind, declared = _table_meta(title)
        self.table = Table(len(self.parsed.tables) + 1, kind, title, declared, head.roles, [line],
                           fields={r: h for h, r in zip(head.headers, head.roles) if r != "other"},
                           headers=head.headers)
        self.parsed.tables.append(self.table)
        self.section, self.carried, self.numbered, self.counter = None, {}, False, 0
        if title and _SECTION.match(title):  # 一、欠进度事项（3项）over its own header: also the rows' section
            self.section = title
        self.parsed.region = (self.parsed.region[0] or line, max(self.parsed.region[1], line))

    def row(self, doc: Document, cells: list[HtmlCell], k: int) -> None:
        t = self.table
        distinct = _distinct(cells)
        if t is None:
            if len(distinct) == 1:
                self.titles.append((cells[0].line, norm(distinct[0])))
            return
        self.parsed.region = (self.parsed.region[0], max(self.parsed.region[1], cells[-1].line))
        if not distinct:
            return
        first = norm(distinct[0])
        if len(distinct) == 1 and PAGER_LINE.match(first):
            self.parsed.chrome_lines.append({"line": cells[0].line, "text": distinct[0], "why": "pager"})
            return
        if TOTAL_ROW.match(first) or (len(distinct) == 1 and FOOTER_LINE.match(first)):
            # a 合计 row sums the records, a note or signature ends the table: neither is a record
            self.close_record()
            why = "total row" if TOTAL_ROW.match(first) else "footer"
            self.parsed.chrome_lines.append({"line": cells[0].line, "text": " ".join(distinct)[:200], "why": why})
            if why == "footer":
                self.table = None
            return
        section = _is_section_row(cells)
        if section:
            self.close_record()
            self.section = section
            _add_section(self.parsed, t, cells[0].line, section)
            return
        seq, printed = _seq_of(t, cells)
        if seq is not None and printed:
            self.numbered = True
        numbered = seq is not None and printed
        starts = numbered or (not self.numbered and self._task_printed(cells))
        brk, self.page_break = k in doc.page_starts or self.page_break, False
        if brk and self.record and not numbered and (self.numbered or not self._task_printed(cells)):
            self.record[-1] = _joined(self.record[-1], cells)  # a row the page break cut in two
        elif starts or not self.record:
            self.close_record()
            self.record = [cells]
        else:
            self.record.append(cells)

    def _task_printed(self, cells: list[HtmlCell]) -> bool:
        if "task" not in self.table.roles:
            return True
        c = cells[self.table.roles.index("task")]
        return bool(c.text.strip()) and not c.spanned

    def close_record(self) -> None:
        if self.table is None or not self.record:
            self.record = []
            return
        rows, self.record = self.record, []
        main = rows[0]
        subs: list[list[HtmlCell]] = []
        parts: list[tuple[int, str]] = []
        for extra in rows[1:]:
            labelled = _labelled_part(extra)
            if labelled is not None:  # a second line of the record: 落实情况：… under the task
                parts.append((extra[0].line, labelled))
            elif _only_task_text(self.table, extra):
                main = _joined(main, extra, sep="")
            else:
                subs.append(extra)
        parent = self._build(main, None, parts)
        for extra in subs:
            self._build(extra, parent)

    def _build(self, cells: list[HtmlCell], parent: RawRow | None,
               parts: list[tuple[int, str]] | None = None) -> RawRow:
        t = self.table
        seq, _ = _seq_of(t, cells)
        self.counter += 1
        line = cells[0].line
        row = RawRow(t.no, parent.seq if parent else (seq if seq is not None else self.counter), {},
                     {"seq": [line]} if parent is None else {}, section=self.section, line_start=line,
                     line_end=cells[-1].line, parent_seq=str(parent.seq) if parent else None)
        if len(cells) != len(t.roles):
            seq_at = t.roles.index("seq") if "seq" in t.roles else -1
            _fill(t, row, [(c.line, c.text) for c in cells[seq_at + 1:]], self.parsed, self.carried, False)
        else:
            put_cells(t, row, cells)
            for ln, text in parts or []:
                _put(row, "progress", text, [ln])
            _finish_row(t, row, self.carried)
        t.rows.append(row)
        return row

    def close(self) -> None:
        self.close_record()


def _labelled_part(cells: list[HtmlCell]) -> str | None:
    """The text of a continuation row that is a labelled part (落实情况：… / 存在问题：…) printed in
    whatever column, else None."""
    own = [c.text.strip() for c in cells if c.text.strip() and not c.spanned]
    if len(set(own)) != 1 or not PART_LABEL.match(own[0]):
        return None
    return own[0]


def _only_task_text(table: Table, cells: list[HtmlCell]) -> bool:
    """A continuation row holding only more of the task (a sub-target): no printed cell elsewhere."""
    own = [r for r, c in zip(table.roles, cells) if c.text.strip() and not c.spanned]
    return bool(own) and all(r in ("task", "target") for r in own)


def _joined(a: list[HtmlCell], b: list[HtmlCell], sep: str | None = None) -> list[HtmlCell]:
    """Row a with row b's printed text appended cell by cell (b's merged-down copies ignored)."""
    out = []
    for j, ca in enumerate(a):
        cb = b[j] if j < len(b) else None
        if cb is None or cb.spanned or not cb.text.strip():
            out.append(ca)
            continue
        glue = sep if sep is not None else ("" if not _SENTENCE_END.search(ca.text.strip()) else "\n")
        out.append(HtmlCell((ca.text.rstrip() + glue + cb.text.strip()).strip(), ca.line, ca.spanned))
    return out


def period_columns(table: Table) -> list[int]:
    """Columns of a progress per period (一季度 … 四季度, 7月 … 10月), when there are several."""
    cols = [j for j, r in enumerate(table.roles) if r in ("progress", "progress_other")
            and period_month(table.headers[j] if j < len(table.headers) else "")]
    return cols if len(cols) > 1 else []


def put_cells(table: Table, row: RawRow, cells: list[HtmlCell]) -> None:
    """A row whose cells line up with the header: each into its column; of period columns the
    latest filled one is the progress."""
    periods = period_columns(table)
    current = None
    if len(periods) > 1:
        filled = [j for j in periods if cells[j].text.strip()]
        current = max(filled, key=lambda j: (period_month(table.headers[j]), j)) if filled else None
    for j, (role, c) in enumerate(zip(table.roles, cells)):
        if role == "group" and norm(c.text):  # a spanning group cell (工程名称): the row's section
            row.section = norm(c.text)
        if role in ("other", "seq", "group") or not norm(c.text):
            continue
        if j in periods and len(periods) > 1:
            role = "progress" if j == current else "progress_other"
        text = c.text.strip()
        if role == "task" and "seq" not in table.roles:
            text = item_number(text)[1]
        keep = text if role in _KEEP_LINES else text.replace("\n", "")
        _put(row, role, keep, [c.line])
        if c.spanned and role not in row.carried:
            row.carried.append(role)


def _wrapped(line: str, above: list[HtmlCell]) -> bool:
    """Is a line without tabs, right under a tab row, the rest of that row's last cell: not a
    heading, a labelled part or a note, and the cell it would continue does not end a sentence?"""
    s = norm(line)
    last = next((c.text for c in reversed(above) if c.text), "")
    return bool(last) and not (_SECTION.match(s) or PART_LABEL.match(s) or FOOTER_LINE.match(s)
                               or _SENTENCE_END.search(last.strip()))


def tab_grid(doc: Document) -> Document | None:
    """A text whose table rows are tab-separated (copied from a spreadsheet) as rows of cells, the
    lines without a tab as text; None when fewer than three lines hold two tabs."""
    tabbed = [i for i, s in enumerate(doc.lines) if s.count("\t") >= 2]
    if len(tabbed) < 3:
        return None
    width = max(len(doc.lines[i].rstrip("\n").split("\t")) for i in tabbed)
    end = tabbed[-1]
    while end + 1 < len(doc.lines) and doc.lines[end + 1].strip() and not FOOTER_LINE.match(norm(doc.lines[end + 1])):
        end += 1  # the lines right under the last row (its wrapped text, 存在问题：…) up to a blank line
    rows, texts = [], []
    for i, s in enumerate(doc.lines):
        if "\t" in s:
            cells = [c.strip() for c in s.split("\t")]
            rows.append([HtmlCell(c, i + 1) for c in cells + [""] * (width - len(cells))])
        elif s.strip():
            texts.append((i + 1, s.strip()))
            if not tabbed[0] < i <= end:
                continue
            if rows and "\t" in doc.lines[i - 1] and _wrapped(s, rows[-1]):
                # a cell's text wrapped onto a line of its own: it goes on the cell it continues
                j = max(n for n, c in enumerate(rows[-1]) if c.text)
                rows[-1][j] = HtmlCell(rows[-1][j].text + "\n" + s.strip(), rows[-1][j].line)
                continue
            # a heading or a labelled part (存在问题：…) inside the table: a row of its own
            rows.append([HtmlCell(s.strip(), i + 1)] + [HtmlCell("", i + 1)] * (width - 1))
    return replace(doc, html_rows=rows, html_texts=texts, is_html=True, door="tabs")
