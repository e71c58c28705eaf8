"""The Word door (.docx, python-docx): tables as rows of cells, paragraphs as lines.

A cell merged over several rows (vertical merge) is copied into the rows below and marked
`spanned`, as a web page's rowspan; one merged over columns is repeated, as a colspan. Paragraphs
inside a cell are kept as lines of the cell. Every table of the document is read, in order, with the
paragraphs between them (headings, titles) as text; a document without tables is its paragraphs.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import docx
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from helpers.errors import InputError
from helpers.messages import say
from helpers.read.ingest import Document, HtmlCell


def _cell_text(cell) -> str:
    return "\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip())


def _table_rows(table: DocxTable, first_line: int) -> list[list[HtmlCell]]:
    """The rows of one table, a vertically merged cell copied down and marked `spanned`."""
    rows: list[list[HtmlCell]] = []
    above: list = []
    for n, row in enumerate(table.rows):
        tcs = [c._tc for c in row.cells]
        out = []
        for j, c in enumerate(row.cells):
            spanned = j < len(above) and above[j] is tcs[j]  # python-docx gives the top cell again
            out.append(HtmlCell(_cell_text(c), first_line + n, spanned=spanned))
        rows.append(out)
        above = tcs
    return rows


def read_docx(path: Path, data: bytes) -> Document:
    """A .docx report as a Document: its tables' rows and its paragraphs' lines."""
    try:
        d = docx.Document(BytesIO(data))
        blocks = list(d.iter_inner_content())
    except Exception as e:  # python-docx raises many types for a damaged package
        raise InputError(path, say("word.unreadable", kind=type(e).__name__)) from None
    doc = Document(path=path, encoding="docx", lines=[], door="docx")
    for block in blocks:
        if isinstance(block, Paragraph):
            for text in (block.text or "").split("\n"):
                doc.lines.append(text)
                if text.strip():
                    doc.html_texts.append((len(doc.lines), text.strip()))
        elif isinstance(block, DocxTable):
            rows = _table_rows(block, len(doc.lines) + 1)
            doc.html_rows += rows
            doc.lines += [" | ".join(dict.fromkeys(c.text.replace("\n", " ") for c in r)) for r in rows]
    doc.is_html = bool(doc.html_rows)
    if not any(s.strip() for s in doc.lines):
        raise InputError(path, say("word.empty"))
    return doc
