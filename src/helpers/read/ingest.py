"""Read a report as published: bytes → decoded lines (or HTML table rows), with clear errors.

Handles UTF-8 with or without BOM, GB18030/GBK, CRLF line ends, and saved web pages. Line numbers
are 1-based lines of the decoded text, so every parsed field can point back at its source.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from helpers.errors import InputError, os_problem
from helpers.messages import say

#: Largest report read (the 2024 H1 page is 0.1 MB): a bounded read, so /dev/zero cannot fill memory.
MAX_INPUT_BYTES = 20 * 10**6

_HTML_SNIFF = re.compile(rb"<\s*(html|table|body|!doctype)\b", re.I)
#: A line a copier adds above a saved report (`# source: URL`, `# period: Q1`): not its text.
_METADATA = re.compile(r"^\s*#\s*[A-Za-z_][\w-]*\s*[:：]")
#: Control characters that never occur in a text report (TAB, LF, CR, FF are allowed).
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f]")


@dataclass
class HtmlCell:
    text: str  # paragraphs newline-joined, whitespace inside paragraphs kept as printed
    line: int  # source line of the cell's element
    spanned: bool = False  # a copy of a cell printed in a row above with rowspan


@dataclass
class Document:
    """A decoded report: its lines, and for saved web pages its table rows."""

    path: Path
    encoding: str
    lines: list[str]
    is_html: bool = False  # read from table cells (a web page's, Word's, Excel's, a PDF's), not lines
    html_rows: list[list[HtmlCell]] = field(default_factory=list)  # every row of every table
    html_title: str | None = None
    html_texts: list[tuple[int, str]] = field(default_factory=list)  # text blocks outside tables
    door: str = "text"  # how the file came in: text, html, docx, xlsx, pdf
    notes: list[str] = field(default_factory=list)  # what the door chose (the sheet read), for the user
    page_starts: set[int] = field(default_factory=set)  # indexes of html_rows that open a PDF page
    #: index of the html_row that opens each sheet of a workbook read whole → the sheet's name
    sheet_starts: dict[int, str] = field(default_factory=dict)
    main_sheet: str | None = None  # the sheet holding the most text: its tables stand over copies

    @property
    def title(self) -> str:
        """The report's title: the page title, else the first non-empty line of the report's own
        text (a `# source: URL` line a copier put on top is not the report's title)."""
        if self.html_title:
            return self.html_title
        return next((ln.strip() for ln in self.lines if ln.strip() and not _METADATA.match(ln)), "")


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """Decode report bytes; raise InputError naming the first undecodable position."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(path, data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(path, data, "utf-16"), "utf-16"
    head = data[:4096].decode("ascii", errors="ignore")
    m = re.search(r"charset\s*=\s*[\"']?([\w-]+)", head, re.I)
    declared = m[1].lower() if m else None
    candidates = ["utf-8", "gb18030"]
    if declared in ("gbk", "gb2312", "gb18030"):
        candidates = ["gb18030", "utf-8"]
    first_error: UnicodeDecodeError | None = None
    for enc in candidates:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError as e:
            first_error = first_error or e
    assert first_error is not None
    line = data[: first_error.start].count(b"\n") + 1
    raise InputError(
        path, say("file.undecodable", at=first_error.start), line=line
    )


def _strict(path: Path, data: bytes, enc: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(path, say("file.undecodable_bom", at=e.start, encoding=enc), line=line) from None


def read_capped(path: Path | str, cap: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of an input file, refused (InputError) when it cannot be read or is over `cap`.

    The read is bounded: a device such as /dev/zero or a pipe stops at the cap instead of
    filling memory. Missing files, symlink loops, folders and permissions each get their word.
    """
    path = Path(path)
    try:
        st = os.stat(path)  # follows symlinks: a loop is ELOOP here, not "no such file"
    except OSError as e:
        if e.errno == errno.ENOENT and os.path.islink(path):
            raise InputError(path, say("file.missing_link", target=os.readlink(path))) from None
        raise InputError(path, os_problem(e)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(path, say("file.is_folder"))
    if stat.S_ISREG(st.st_mode) and st.st_size > cap:
        raise InputError(path, say("file.too_big", mb=st.st_size / 1e6, cap=cap // 10**6))
    try:
        with open(path, "rb") as fh:
            data = fh.read(cap + 1)
    except OSError as e:
        raise InputError(path, os_problem(e)) from None
    if len(data) > cap:
        raise InputError(path, say("file.over_cap", cap=cap // 10**6))
    return data


def decode_text(path: Path, data: bytes) -> tuple[str, str]:
    """Bytes → text with CR/CRLF as LF; refuse binary content (InputError naming the line)."""
    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(path, say("file.binary"))
    text, encoding = decode(path, data)
    bad = _BINARY.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise InputError(path, say("file.control_char", char=repr(bad.group())), line=line)
    # CRLF and lone CR both end a line; keep NBSP and odd spaces for the parser to judge.
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def read_report(path: Path | str) -> Document:
    """Read and decode one report; raise InputError for missing, empty, binary or undecodable files."""
    path = Path(path)
    data = read_capped(path)
    if not data.strip():
        raise InputError(path, say("file.empty"))
    text, encoding = decode_text(path, data)
    lines = text.split("\n")
    doc = Document(path=path, encoding=encoding, lines=lines)
    if _HTML_SNIFF.search(data[:65536]) and re.search(r"<\s*t[dh]\b", text, re.I):
        _read_html(doc, text)
    return doc


def _cell_text(el) -> str:
    """Text of a table cell, one paragraph per <p>/<br>/<div>, whitespace inside kept."""
    parts: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        s = "".join(buf).strip()
        if s:
            parts.append(s)
        buf.clear()

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("p", "div", "li") or tag == "br":
            flush()
        if node.text and tag and tag != "br":  # a comment's or processing instruction's text is not shown
            buf.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                buf.append(child.tail)
        if tag in ("p", "div", "li"):
            flush()

    walk(el)
    flush()
    return "\n".join(parts)


def _span(td, attr: str) -> int:
    try:
        return max(1, min(int(td.get(attr, "1")), 200))
    except ValueError:
        return 1


def _table_rows(table) -> list[list[HtmlCell]]:
    """The rows of one <table>, with a cell that spans rows (rowspan) copied into the rows below
    (marked `spanned`) and one that spans columns (colspan) repeated, so every row lines up."""
    rows: list[list[HtmlCell]] = []
    pending: dict[int, tuple[int, HtmlCell]] = {}  # column → (rows still to fill, cell)
    for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
        row: list[HtmlCell] = []
        tds = [td for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")]
        col = 0
        for td in tds + [None]:
            while col in pending:
                left, cell = pending.pop(col)
                row.append(HtmlCell(cell.text, cell.line, spanned=True))
                if left > 1:
                    pending[col] = (left - 1, cell)
                col += 1
            if td is None:
                break
            cell = HtmlCell(_cell_text(td), td.sourceline or tr.sourceline or 0)
            for _ in range(_span(td, "colspan")):
                row.append(cell)
                if _span(td, "rowspan") > 1:
                    pending[col] = (_span(td, "rowspan") - 1, cell)
                col += 1
        if row:
            rows.append(row)
    return rows


def _read_html(doc: Document, text: str) -> None:
    import lxml.html

    try:
        root = lxml.html.document_fromstring(text)
    except Exception as e:  # lxml raises several types for hopeless markup
        raise InputError(doc.path, say("html.unreadable", problem=e)) from None
    doc.is_html, doc.door = True, "html"
    # What a browser never shows as text is never task text; the text after each element is kept.
    for el in root.xpath("//script | //style | //noscript | //template"):
        el.drop_tree()
    t = root.find(".//title")
    h1 = root.find(".//h1")
    for el in (h1, t):
        if el is not None and el.text_content().strip():
            doc.html_title = re.sub(r"\s+", "", el.text_content())
            break
    for table in root.iter("table"):
        doc.html_rows += _table_rows(table)
    for el in root.iter("p", "h1", "h2", "h3", "h4", "div"):
        if el.xpath("ancestor::table") or el.xpath(".//table"):
            continue
        s = el.text_content().strip()
        if s:
            doc.html_texts.append((el.sourceline or 0, s))
