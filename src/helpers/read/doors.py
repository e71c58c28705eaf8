"""One reader, many doors: a report file → a Document, by what the file is, not by its name.

Text and saved web pages are decoded (helpers.read.ingest); a Word document's tables, an Excel
sheet and a PDF's ruled tables become rows of cells (a cell spanning rows copied into the rows
below and marked, as a web page's rowspan), and their paragraphs become lines, so every door feeds
the same parser. Old binary formats (.doc, .wps, .xls, .et) are converted with LibreOffice when it
is installed; otherwise the user is asked, in one line, to save the file as .docx or .xlsx.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path

from helpers.errors import InputError
from helpers.messages import say
from helpers.read.ingest import Document, read_capped, read_report as read_text_report

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of .doc, .xls, .wps, .et
_PDF = b"%PDF"
#: What an old binary format is saved as, by the file's suffix (.et is WPS's spreadsheet).
_LEGACY_TARGET = {".xls": "xlsx", ".et": "xlsx"}
CONVERT_TIMEOUT_S = 120


def kind_of(data: bytes) -> str:
    """docx, xlsx, pdf, legacy or text, from the file's first bytes and, for a zip, its parts."""
    if data.startswith(_PDF):
        return "pdf"
    if data.startswith(_OLE):
        return "legacy"
    if data.startswith(_ZIP):
        try:
            names = set(zipfile.ZipFile(BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    return "text"


def read_report(path: Path | str, sheet: str | None = None) -> Document:
    """Read one report through the door its content calls for; InputError when none fits."""
    path = Path(path)
    data = read_capped(path)
    kind = kind_of(data)
    if kind == "text":
        if sheet:
            raise InputError(path, say("doors.sheet_not_excel"))
        return read_text_report(path)
    if kind == "zip":
        raise InputError(path, say("doors.zip"))
    if kind == "legacy":
        return _read_legacy(path, sheet)
    return _read_native(path, data, kind, sheet)


def _read_native(path: Path, data: bytes, kind: str, sheet: str | None) -> Document:
    # The Office and PDF libraries are imported only for such a file (pdfminer alone takes 0.3 s).
    if kind == "docx":
        from helpers.read.word import read_docx

        return read_docx(path, data)
    if kind == "xlsx":
        from helpers.read.excel import read_xlsx

        return read_xlsx(path, data, sheet)
    from helpers.read.pdf import read_pdf

    return read_pdf(path, data)


def _read_legacy(path: Path, sheet: str | None) -> Document:
    """A .doc / .wps / .xls / .et file: converted by LibreOffice into .docx / .xlsx, then read."""
    target = _LEGACY_TARGET.get(path.suffix.lower(), "docx")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise InputError(path, say("doors.no_libreoffice", target=target))
    with tempfile.TemporaryDirectory(prefix="helpers-convert-") as tmp:
        try:
            subprocess.run([soffice, "--headless", "--convert-to", target, "--outdir", tmp, str(path)],
                           check=True, capture_output=True, timeout=CONVERT_TIMEOUT_S)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as e:
            raise InputError(path, say("doors.convert_failed", target=target, kind=type(e).__name__)) from None
        out = Path(tmp) / (path.stem + "." + target)
        if not out.exists():
            raise InputError(path, say("doors.convert_nothing", target=target))
        doc = _read_native(path, out.read_bytes(), target, sheet)
    doc.notes.append(say("doors.converted", name=path.name, target=target))
    return doc
