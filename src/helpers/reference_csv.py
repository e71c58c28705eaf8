"""The one reader of the lookup tables a researcher edits (data/reference/*.csv).

Every loader (bureaus, column roles, sectors and their rules, the lexicon and its official status
words, overrides, task matches, recipients) reads its file here, so a table saved by Excel or WPS
on Chinese Windows reads the same whatever the loader: UTF-8 with or without BOM, GBK/GB18030
(with or without its BOM), UTF-16 with or without BOM (Excel's "Unicode text", tab-separated),
CRLF or LF, blank rows and the empty trailing cells Excel keeps; a cell a writer escaped so that
a spreadsheet shows it as text ('=…) reads back as typed. What cannot be read is refused
with one line `FILE:LINE: problem`, in Chinese, naming how to save the file instead.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from helpers.errors import ReferenceError_, os_problem
from helpers.files import from_spreadsheet_text
from helpers.messages import say

#: Largest lookup table read (bureaus.csv is a few KB): a bounded read.
MAX_REFERENCE_BYTES = 5 * 10**6
#: Control characters that never occur in a text table (TAB, LF, CR, FF are allowed).
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f]")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
         (codecs.encode("\ufeff", "gb18030"), "gb18030"))


@dataclass(frozen=True)
class ReferenceTable:
    """A lookup table as read: its header, its rows with the file line each starts on, cells stripped."""

    path: Path
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]
    encoding: str


def reference_error(path: Path | str, problem: str, line: int | None = None) -> ReferenceError_:
    """The refusal of a reference table (or one of its rows): `path:line: problem`, one line."""
    return ReferenceError_(f"{path}:{line}: {problem}" if line else f"{path}: {problem}")


def read_bytes(path: Path) -> bytes:
    """The file's bytes, bounded; a missing file, a folder or an unreadable one is refused."""
    try:
        st = os.stat(path)
    except OSError as e:
        raise reference_error(path, say("csv.unreadable", problem=os_problem(e))) from None
    if stat.S_ISDIR(st.st_mode):
        raise reference_error(path, say("csv.folder"))
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_REFERENCE_BYTES + 1)
    except OSError as e:
        raise reference_error(path, say("csv.unreadable", problem=os_problem(e))) from None
    if len(data) > MAX_REFERENCE_BYTES:
        raise reference_error(path, say("csv.too_big", mb=MAX_REFERENCE_BYTES // 10**6))
    return data


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE/BE without a BOM: the NUL bytes of its ASCII (commas, line ends, codes) all on
    one side of their pairs, where a binary file has them on both."""
    head = data[:8192]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if even + odd < 4 or min(even, odd) > (even + odd) // 20:
        return None
    return "utf-16-le" if odd > even else "utf-16-be"


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding): by BOM, else UTF-16 by its NULs, else UTF-8, else GB18030 (GBK's superset)."""
    encodings = [enc for bom, enc in _BOMS if data.startswith(bom)][:1]
    if encodings == ["gb18030"]:
        data = data[len(_BOMS[3][0]):]
    if not encodings:
        guess = _utf16_without_bom(data)
        encodings = [guess] if guess else ["utf-8", "gb18030"]
    if b"\x00" in data[:8192] and not encodings[0].startswith("utf-16"):
        raise reference_error(path, say("csv.binary"))
    error: UnicodeDecodeError | None = None
    for enc in encodings:
        try:
            return data.decode(enc).lstrip("\ufeff"), enc
        except UnicodeDecodeError as e:
            error = error or e
    assert error is not None
    line = data[: error.start].count(b"\n") + 1
    raise reference_error(path, say("csv.undecodable", at=error.start), line)


def delimiter_of(text: str) -> str:
    """Tab for Excel's UTF-16 "Unicode text" (a first line with tabs and no comma), else comma."""
    first = text.split("\n", 1)[0]
    return "\t" if "\t" in first and "," not in first else ","


@dataclass(frozen=True)
class SavedForm:
    """How a lookup table was saved (encoding, BOM, delimiter, line end), to write it back the same way."""

    text: str
    bom: bytes
    codec: str
    delimiter: str
    eol: str

    def encode(self, text: str) -> bytes:
        """`text` as the file was saved: same BOM, same encoding (Excel and WPS open it as before).

        A file with no Chinese yet (ASCII, or not written yet) says nothing of its encoding: given
        Chinese, it becomes UTF-8 with BOM, which Excel on Chinese Windows opens as UTF-8 (without
        the BOM it would read the bytes as GBK and show them garbled).
        """
        if not self.bom and self.codec == "utf-8" and self.text.isascii() and not text.isascii():
            return codecs.BOM_UTF8 + text.encode("utf-8")
        return self.bom + text.encode(self.codec)


def saved_form(path: Path) -> SavedForm:
    """The table's text and how it was saved; a table not written yet is UTF-8 (see encode), LF."""
    if not path.exists():
        return SavedForm("", b"", "utf-8", ",", "\n")
    data = read_bytes(path)
    text, encoding = decode(path, data)
    bom = next((b for b, _ in _BOMS if data.startswith(b)), b"")
    codec = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"}.get(encoding, encoding)
    ending = re.search(r"\r\n|\r|\n", text)
    return SavedForm(text, bom, codec, delimiter_of(text), ending.group() if ending else "\n")


def _header(path: Path, cells: list[str], required: Sequence[str]) -> list[str]:
    header = [c.strip().lstrip("\ufeff") for c in cells]
    while header and not header[-1]:  # Excel keeps the empty cells of a cleared column
        header.pop()
    if not header:
        raise reference_error(path, say("csv.no_header", columns=",".join(required)), 1)
    blank = [i + 1 for i, c in enumerate(header) if not c]
    if blank:
        raise reference_error(path, say("csv.blank_column", n=blank[0]), 1)
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise reference_error(path, say("csv.repeated_columns", columns="、".join(repeated)), 1)
    missing = [c for c in required if c not in header]
    if missing:
        raise reference_error(path, say("csv.missing_columns", missing="、".join(missing), columns=",".join(required)), 1)
    return header


def read_reference(path: Path | str, required: Sequence[str] = ()) -> ReferenceTable:
    """Read one lookup table: (header, [(line, {column: cell})]) with blank rows left out.

    `required` columns must be in the header (others may follow: a researcher's own columns are
    kept in each row). A row with a non-empty cell beyond the header is refused (an unquoted
    comma); empty trailing cells are not. Lines are the file's, so a quoted cell over two lines
    still names its first. Every problem is a ReferenceError_ `FILE:LINE: 问题`.
    """
    path = Path(path)
    text, encoding = decode(path, read_bytes(path))
    bad = _BINARY.search(text)
    if bad:
        raise reference_error(path, say("csv.control_char", char=repr(bad.group())), text.count("\n", 0, bad.start()) + 1)
    delimiter = delimiter_of(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = _header(path, next(reader, []), required)
        rows = []
        end = reader.line_num
        for cells in reader:
            start, end = end + 1, reader.line_num
            # a cell escaped for Excel (helpers.files.spreadsheet_text) reads back as typed
            cells = [from_spreadsheet_text(c.strip()) for c in cells]
            if not any(cells):
                continue
            extra = [c for c in cells[len(header):] if c]
            if extra:
                raise reference_error(path, say("csv.extra_cells", n=len(header) + len(extra), columns=len(header),
                                                cell=repr(extra[0][:40])), start)
            rows.append((start, dict(zip(header, cells + [""] * (len(header) - len(cells))))))
    except csv.Error as e:
        raise reference_error(path, say("csv.format", problem=e), reader.line_num) from None
    return ReferenceTable(path, header, rows, encoding)


def file_version(path: Path | str, holds: str) -> tuple[str, int, int]:
    """(path, mtime, size) of a lookup table: the key its loader caches on, so a researcher's edit
    is read at the next call; a missing file is a one-line error saying what lives there."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        raise ReferenceError_(say("ref.missing_table", path=path, what=holds)) from None
    return str(path), st.st_mtime_ns, st.st_size
