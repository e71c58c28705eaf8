"""The ledger as a file: the properties it was written with, and whether a person added to it.

A ledger is rewritten when its inputs change (`helpers_key`), but a researcher keeps notes in it:
a comment, a column, a sheet, an edited cell, a highlight. `content_digest` hashes the cells as
written (stored as `helpers_content`); when the file no longer matches it, the next ledger goes
beside it, never over it. The corrections 待复核 asks for are not counted: `review import` reads
them and the next ledger shows them. A 说明 without a 更正状态 is no correction (the import reads
nothing from it), so it counts as a note.
"""

from __future__ import annotations

import hashlib
import numbers
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from helpers.deliver.corrections import CORRECTION, NOTE, REVIEW_SHEET, TASK_ID

KEY_PROPERTY = "helpers_key"
#: Hash of the cells as written (content_digest): tells a ledger a person added to from ours.
CONTENT_PROPERTY = "helpers_content"


def recorded_property(path: Path, name: str = KEY_PROPERTY) -> str | None:
    """A custom document property of a ledger, read straight from the zip so that checking a
    current ledger imports neither openpyxl nor pandas."""
    try:
        with zipfile.ZipFile(path) as z:
            root = ElementTree.fromstring(z.read("docProps/custom.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return None
    for prop in root:
        if prop.get("name") == name and len(prop):
            return (prop[0].text or "").strip() or None
    return None


def recorded_key(path: Path) -> str | None:
    """The key a ledger was written with (ledger_key)."""
    return recorded_property(path, KEY_PROPERTY)


def _plain(value: Any) -> str:
    # one spelling for a value as written and as read back (1 and 1.0 are one number)
    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        return str(value)
    return repr(float(value))  # numpy's integers too


#: Font colours that mean "automatic" (Excel's "Text 1", the system foreground): written by
#: Excel or WPS into every cell they save, so no researcher's mark.
_AUTOMATIC = ("", "theme:1:0.0", "indexed:64:0.0")


def _colour(c: Any) -> str:
    return "" if c is None else f"{c.type}:{c.value}:{c.tint}"


def _marks(c: Any) -> str:
    """A cell's highlight and emphasis (fill, font colour, bold …): how researchers mark rows;
    empty for an unmarked cell, so cells outside the written grid add nothing."""
    fill, font, colour = c.fill, c.font, _colour(c.font.color)
    marks = (fill.patternType not in (None, "none") and f"{fill.patternType}:{_colour(fill.fgColor)}",
             colour not in _AUTOMATIC and colour, font.b, font.i, font.strike, font.u)
    return repr(marks) if any(marks) else ""


def _asked_columns(ws: Any) -> tuple[int | None, int | None, int | None]:
    """Columns of 更正状态, 说明 and 编号 in 待复核 (None elsewhere)."""
    if ws.title != REVIEW_SHEET:
        return None, None, None
    header = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1), ())]
    fix, note, task = (header.index(h) if h in header else None for h in (CORRECTION, NOTE, TASK_ID))
    return fix, note, task


#: Marks the digest that counts highlights and notes in 待复核 (a ledger written before it holds
#: the bare hash of values and comments, checked the way it was made).
DIGEST_VERSION = "2:"


def content_digest(wb: Any, legacy: bool = False) -> str:
    """Hash of what a person can add to a ledger: the sheets, every cell's value, comment and
    highlight, except the corrections 待复核 asks for (更正状态, its 说明, and the 编号 of a row
    added for one), which `review import` reads and the next ledger shows. `legacy`: the hash an
    earlier version recorded (values and comments, every 说明 left out), without the version."""
    h = hashlib.sha256()
    for ws in wb.worksheets:
        h.update(f"\0sheet\0{ws.title}\0".encode())
        fix, note, id_col = _asked_columns(ws)
        for row in ws.iter_rows():
            # a 说明 beside a blank 更正状态 is a note: the import reads nothing from it
            blank = fix is not None and row[fix].value in (None, "") and not legacy
            asked = {fix} if blank else {fix, note} - {None}
            ours = [c for j, c in enumerate(row) if j not in asked and j != id_col]
            added = all(c.value is None for c in ours)  # a row a researcher added for a correction
            for j, c in enumerate(row):
                if j in asked or (j == id_col and added):
                    continue
                marks = "" if legacy else _marks(c)
                if c.value in (None, "") and c.comment is None and not marks:
                    continue
                value = _plain(c.value) if legacy or c.value not in (None, "") else ""
                comment = c.comment.text if c.comment else ""
                h.update((f"{c.coordinate}\0{value}\0{comment}" + ("" if legacy else f"\0{marks}") + "\n").encode())
    return h.hexdigest() if legacy else DIGEST_VERSION + h.hexdigest()


def _edited(path: Path) -> bool:
    """Did a person add or change anything in this ledger beyond its corrections? (True when it
    cannot be told: a ledger of an older version, or a file openpyxl cannot read, is kept.)"""
    from openpyxl import load_workbook

    recorded = recorded_property(path, CONTENT_PROPERTY)
    if recorded is None:
        return True
    try:
        wb = load_workbook(path)
    except Exception:  # openpyxl raises many types for a damaged file: keep it, whatever it is
        return True
    return content_digest(wb, legacy=not recorded.startswith(DIGEST_VERSION)) != recorded


def target(path: Path, key: str) -> Path:
    """Where the new ledger goes: over the old one, unless a person added to it; then beside it,
    named by the new content's key (written once, however often `ledger` or `run` runs)."""
    if not path.exists() or not _edited(path):
        return path
    return path.with_name(f"{path.stem}_{key[:8]}{path.suffix}")
