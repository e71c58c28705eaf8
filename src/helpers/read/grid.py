"""Tables read as cells (a saved web page's <table>, and the Word, Excel and PDF doors): each row a
list of cells, a cell spanning rows copied into the rows below and marked as such."""

from __future__ import annotations

from helpers.read.bureaus import norm
from helpers.read.cells import _fill, _finish_row, _put
from helpers.read.header import _is_header, _is_title, _table_meta
from helpers.read.ingest import Document
from helpers.read.records import _SECTION, _SEQ, Parsed, RawRow, Table, _add_section
from helpers.read.roles import RoleTable, assign_roles, merge_fragments

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
