"""The Excel door (.xlsx, openpyxl): one sheet's rows as rows of cells.

A merged range is read as a web page's spanning cell: its value copied into the rows below it
(marked `spanned`) and repeated across its columns. The sheet read is the one `--sheet` names (by
name or 1-based number); else every sheet, in order, each opening tables of its own (a 指标 sheet
beside a text sheet: both are read; a notes sheet holds no header and gives no records), and a note
says so. The sheet holding the most text is the main one: another sheet whose table has the same
header and repeats its tasks is taken for a copy (another month's) and left out by the parser, with
a warning; one with the same header and tasks of its own (one sheet per sector) is read. Title rows above the
header and two-level headers are the parser's to find.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from pathlib import Path

import openpyxl

from helpers.errors import InputError
from helpers.messages import say
from helpers.read.ingest import Document, HtmlCell


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (dt.datetime, dt.date)):
        return v.strftime("%Y-%m-%d")
    return str(v).replace("\r\n", "\n").strip()


def _pick(path: Path, wb, sheet: str | None):
    names = wb.sheetnames
    if sheet:
        if sheet in names:
            return wb[sheet]
        if sheet.isdigit() and 1 <= int(sheet) <= len(names):
            return wb[names[int(sheet) - 1]]
        raise InputError(path, say("excel.no_sheet", sheet=sheet, names="、".join(names)))

    def size(ws) -> int:
        return sum(len(_text(c)) for row in ws.iter_rows(values_only=True) for c in row)

    return max((wb[n] for n in names), key=size)


def _grid(ws) -> dict[tuple[int, int], tuple[str, bool]]:
    """(row, column) → (text, copied from a merged cell's row above)."""
    grid = {(c.row, c.column): (_text(c.value), False)
            for row in ws.iter_rows() for c in row if not isinstance(c, openpyxl.cell.cell.MergedCell)}
    for rng in ws.merged_cells.ranges:
        top = grid.get((rng.min_row, rng.min_col), ("", False))[0]
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                grid[(r, c)] = (top, r > rng.min_row)
    return grid


def read_xlsx(path: Path, data: bytes, sheet: str | None = None) -> Document:
    """A workbook (or the sheet `sheet` names) as a Document of rows of cells (lines: the rows' texts)."""
    try:
        wb = openpyxl.load_workbook(BytesIO(data), data_only=True)
    except Exception as e:  # openpyxl raises many types for a damaged workbook
        raise InputError(path, say("excel.unreadable", kind=type(e).__name__)) from None
    main = _pick(path, wb, sheet)
    sheets = [main] if sheet else [wb[n] for n in wb.sheetnames]
    doc = Document(path=path, encoding="xlsx", lines=[], door="xlsx", is_html=True, main_sheet=main.title)
    for ws in sheets:
        _add_sheet(doc, ws, multi=len(sheets) > 1)
    if len(wb.sheetnames) > 1:
        doc.notes.append(f"读取工作表“{main.title}”（共 {len(wb.sheetnames)} 个：{'、'.join(wb.sheetnames)}）" if sheet else
                         f"读取全部 {len(wb.sheetnames)} 个工作表（{'、'.join(wb.sheetnames)}；主表“{main.title}”）；"
                         f"用 --sheet 只读其中一个")
    if not doc.html_rows:
        raise InputError(path, say("excel.empty_sheet", sheet=main.title))
    return doc


def _add_sheet(doc: Document, ws, multi: bool) -> None:
    """One sheet's rows appended to the document, its lines numbered on from the last sheet's."""
    grid = _grid(ws)
    offset = len(doc.lines)
    doc.lines += [""] * ws.max_row
    width = max((c for _, c in grid), default=0)
    opened = False
    for r in range(1, ws.max_row + 1):
        cells = [grid.get((r, c), ("", False)) for c in range(1, width + 1)]
        texts = [t for t, _ in cells]
        doc.lines[offset + r - 1] = " | ".join(dict.fromkeys(t.replace("\n", " ") for t in texts if t))
        if any(texts):
            if multi and not opened:
                doc.sheet_starts[len(doc.html_rows)] = ws.title
                opened = True
            doc.html_rows.append([HtmlCell(t, offset + r, spanned=sp) for t, sp in cells])
