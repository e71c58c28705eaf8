"""The PDF door (pdfplumber): ruled tables as rows of cells, page text as lines.

A table running over several pages is read as one: the rows of each page follow the last page's,
and the first row of each page is marked (`Document.page_starts`) so the parser can drop a header
printed again and join a row the page break cut in two. A merged cell is copied into the rows
below it (marked `spanned`) and repeated across its columns. A PDF without a text layer (a scan) is
refused: it needs OCR first. A PDF with text but no ruled table is read from its lines.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pdfplumber

from helpers.errors import InputError
from helpers.messages import say
from helpers.read.ingest import Document, HtmlCell


#: A line ending a sentence or a clause: the line break after it is the writer's, not the page's.
_END = re.compile(r"[。；;！!？?：:]$")
_ITEM = re.compile(r"^(?:[(（]\d{1,3}[)）]|\d{1,3}[.、．](?![\d%])|[\u2460-\u2473]|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）])")


def unwrap(text: str) -> str:
    """A cell's text with the PDF's line wraps undone: a break stays after a sentence's end or
    before an item number, where the writer broke the line."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    out: list[str] = []
    for ln in lines:
        if out and not _END.search(out[-1]) and not _ITEM.match(ln):
            out[-1] += ln
        else:
            out.append(ln)
    return "\n".join(out)


def _inside(box, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _table_rows(table) -> list[list[tuple[str, bool]]]:
    """(text, spanned) per cell: a position no cell starts at belongs to the cell covering it."""
    texts = table.extract()
    starts = [(i, j, row.cells[j]) for i, row in enumerate(table.rows) for j in range(len(row.cells))
              if row.cells[j] is not None]
    out: list[list[tuple[str, bool]]] = []
    for i, row in enumerate(table.rows):
        cells: list[tuple[str, bool]] = []
        for j, box in enumerate(row.cells):
            if box is not None:
                cells.append((unwrap(texts[i][j] or ""), False))
                continue
            col = table.columns[j].bbox if j < len(table.columns) else None
            x = (col[0] + col[2]) / 2 if col else 0.0
            y = (row.bbox[1] + row.bbox[3]) / 2
            hit = next(((a, b) for a, b, bx in starts if (a, b) != (i, j) and _inside(bx, x, y)), None)
            if hit is None:
                cells.append(("", False))
            else:
                cells.append((unwrap(texts[hit[0]][hit[1]] or ""), hit[0] < i))
        out.append(cells)
    return out


def read_pdf(path: Path, data: bytes) -> Document:
    """A PDF report as a Document: its ruled tables' rows and its pages' text lines."""
    doc = Document(path=path, encoding="pdf", lines=[], door="pdf")
    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            for page in pdf.pages:
                _read_page(doc, page)
    except InputError:
        raise
    except Exception as e:  # pdfminer raises many types for a damaged file
        raise InputError(path, say("pdf.unreadable", kind=type(e).__name__)) from None
    if not any(s.strip() for s in doc.lines):
        raise InputError(path, say("pdf.no_text"))
    doc.is_html = bool(doc.html_rows)
    return doc


def _settings(page) -> dict:
    """Ruled-table settings for a page: a table cut by the page break has no rule at the cut, so
    the vertical rules' ends close it (the rows on either side of a page break are kept)."""
    vs = [e for e in page.edges if e["orientation"] == "v"]
    extra = sorted({round(min(e["top"] for e in vs), 1), round(max(e["bottom"] for e in vs), 1)}) if vs else []
    return {"vertical_strategy": "lines", "horizontal_strategy": "lines", "explicit_horizontal_lines": extra}


def _read_page(doc: Document, page) -> None:
    tables = page.find_tables(_settings(page))
    boxes = [t.bbox for t in tables]
    items: list[tuple[float, int, object]] = []
    for ln in page.extract_text_lines():
        mid_x, mid_y = (ln["x0"] + ln["x1"]) / 2, (ln["top"] + ln["bottom"]) / 2
        if not any(_inside(b, mid_x, mid_y) for b in boxes):
            items.append((ln["top"], 0, ln["text"]))
    for t in tables:
        for row, cells in zip(t.rows, _table_rows(t)):
            items.append((row.bbox[1], 1, cells))
    first = True
    for _, kind, payload in sorted(items, key=lambda it: (it[0], it[1])):
        if kind == 0:
            doc.lines.append(payload)
            doc.html_texts.append((len(doc.lines), payload.strip()))
            continue
        doc.lines.append(" | ".join(dict.fromkeys(c.replace("\n", " ") for c, _ in payload)))
        if first:
            doc.page_starts.add(len(doc.html_rows))
            first = False
        doc.html_rows.append([HtmlCell(c, len(doc.lines), spanned=sp) for c, sp in payload])
