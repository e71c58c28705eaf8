"""Build Word, Excel and PDF reports for the tests, from rows of cells (the seed's, the corpus').

A table is a list of rows of cell texts; `merges` lists rectangles (first row, first column, last
row, last column; 0-based, inclusive) printed as one merged cell, holding the first cell's text.
"""

from __future__ import annotations

import html
from pathlib import Path

import docx
import openpyxl
from openpyxl.styles import Alignment

from variants import seed_rows

SEED_HEADER = ["序号", "重点工作", "牵头责任单位", "上半年落实情况"]
SEED_TITLE = "2024年上半年市政府重点工作落实情况"

Merge = tuple[int, int, int, int]


def seed_tables() -> list[tuple[str, list[list[str]]]]:
    """The seed's two tables as (title, rows of cells), progress paragraphs newline-joined."""
    return [(title, [[str(r.seq), r.cells["task"], r.cells["bureau"], r.cells.get("progress", "")] for r in rows])
            for title, rows in seed_rows()]


def write_docx(path: Path, blocks: list) -> Path:
    """blocks: a str is a paragraph; (rows, merges) is a table."""
    d = docx.Document()
    for b in blocks:
        if isinstance(b, str):
            d.add_paragraph(b)
            continue
        rows, merges = b
        width = max(len(r) for r in rows)
        t = d.add_table(rows=len(rows), cols=width)
        for i, r in enumerate(rows):
            for j, text in enumerate(r):
                cell = t.cell(i, j)
                lines = text.split("\n")
                cell.paragraphs[0].text = lines[0]
                for more in lines[1:]:
                    cell.add_paragraph(more)
        for r0, c0, r1, c1 in merges:
            keep = rows[r0][c0]
            merged = t.cell(r0, c0).merge(t.cell(r1, c1))
            for p in merged.paragraphs[1:]:  # python-docx joins the merged cells' paragraphs
                p._p.getparent().remove(p._p)
            lines = keep.split("\n")
            merged.paragraphs[0].text = lines[0]
            for more in lines[1:]:
                merged.add_paragraph(more)
    d.save(path)
    return path


def write_xlsx(path: Path, sheets: dict[str, tuple[list[list[str]], list[Merge]]]) -> Path:
    """sheets: name → (rows, merges); a cell's line breaks kept, as Excel's Alt+Enter."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, (rows, merges) in sheets.items():
        ws = wb.create_sheet(name)
        for i, r in enumerate(rows, start=1):
            for j, text in enumerate(r, start=1):
                if text != "":
                    ws.cell(i, j, text).alignment = Alignment(wrap_text=True)
        for r0, c0, r1, c1 in merges:
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    wb.save(path)
    return path


def html_tables(title: str, tables: list[tuple[str, list[str], list[list[str]]]]) -> str:
    """A printable page: a title, then each table with its own title and a header repeated on each page."""
    e = html.escape
    css = ("@page { size: A4; margin: 15mm } body { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 9pt }"
           " table { border-collapse: collapse; width: 100% } td, th { border: 0.8pt solid black;"
           " padding: 2pt; vertical-align: top } thead { display: table-header-group }")
    parts = [f"<html><head><meta charset='utf-8'><style>{css}</style></head><body><h1>{e(title)}</h1>"]
    for ttitle, header, rows in tables:
        parts.append(f"<p>{e(ttitle)}</p><table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in header)
                     + "</tr></thead><tbody>")
        for r in rows:
            parts.append("<tr>" + "".join("<td>" + "<br>".join(e(x) for x in c.split("\n")) + "</td>" for c in r)
                         + "</tr>")
        parts.append("</tbody></table>")
    return "".join(parts) + "</body></html>"


def write_pdf(path: Path, page_html: str) -> Path:
    from weasyprint import HTML  # heavy: only the PDF tests load it

    HTML(string=page_html).write_pdf(path)
    return path


def seed_docx(path: Path) -> Path:
    blocks: list = [SEED_TITLE]
    for title, rows in seed_tables():
        blocks += [title, ([SEED_HEADER] + rows, [])]
    return write_docx(path, blocks)


def seed_xlsx(path: Path) -> Path:
    """Both tables on one sheet, each under its title row (merged across), a notes sheet beside."""
    rows: list[list[str]] = [[SEED_TITLE, "", "", ""]]
    merges: list[Merge] = [(0, 0, 0, 3)]
    for title, body in seed_tables():
        merges.append((len(rows), 0, len(rows), 3))
        rows += [[title, "", "", ""], SEED_HEADER] + body
    return write_xlsx(path, {"说明": ([["填报说明"], ["请按时填报"]], []), "汇总": (rows, merges)})


def seed_pdf(path: Path) -> Path:
    return write_pdf(path, html_tables(SEED_TITLE, [(t, SEED_HEADER, rows) for t, rows in seed_tables()]))
