"""The supervision ledger (督查台账): one period's judgements as an Excel workbook researchers
keep, filter and correct in Excel or WPS (their import: helpers.deliver.corrections).

`python -m helpers ledger --period P` writes output/<P>/台账_<P>.xlsx: the sheets of
helpers.deliver.ledger_columns, drawn by helpers.deliver.workbook. The 待复核 sheet lists the
doubtful tasks (helpers.judge.review) with two empty columns, 更正状态 (a drop-down of the status
names) and 说明, that `python -m helpers review import FILE.xlsx` reads back. A ledger a person
added to (a note, a column, a sheet) is never written over: the next one goes beside it.

This module decides whether a ledger is current and where the next one goes; it imports neither
pandas nor openpyxl for that (`run` asks on every rerun), only to draw or read a workbook.
"""

from __future__ import annotations

import hashlib
import json
import numbers
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from helpers import paths
from helpers.deliver.corrections import CORRECTION, NOTE, REVIEW_SHEET, TASK_ID, read_corrections, recorded_decisions
from helpers.errors import InputError
from helpers.files import atomic_path
from helpers.period import parse_code
from helpers.provenance import sha256_if_file

#: Bump when the layout changes in a way the inputs' hashes would not show.
LAYOUT = "2"
#: The code that draws the ledger: a change to it redraws the ledger.
_CODE = ("deliver/ledger.py", "deliver/ledger_columns.py", "deliver/workbook.py", "deliver/corrections.py",
         "judge/review.py", "compare/chain.py")


def ledger_key(folder: Path, overrides: Path, ahead_margin: float | None) -> str:
    """Hash of what the ledger shows: the tables, quality.json, the overrides, the code drawing it."""
    here = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(LAYOUT.encode())
    for p in (folder / "tasks.parquet", folder / "indicators.parquet", folder / "quality.json", Path(overrides),
              folder / "changes.parquet", paths.WARNING_LEVELS_CSV, *(here / c for c in _CODE),
              *sorted((here / "report").glob("*.py"))):
        h.update((sha256_if_file(p) or "-").encode())
    h.update(json.dumps(ahead_margin).encode())
    return h.hexdigest()


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


def content_digest(wb: Any) -> str:
    """Hash of what a person can add to a ledger: the sheets, every cell's value and comment,
    except the corrections 待复核 asks for (更正状态, 说明, and the 编号 of a row added for one),
    which `review import` reads and the next ledger shows."""
    h = hashlib.sha256()
    for ws in wb.worksheets:
        h.update(f"\0sheet\0{ws.title}\0".encode())
        header = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1), ())]
        review = ws.title == REVIEW_SHEET
        asked = {j for j, v in enumerate(header) if review and v in (CORRECTION, NOTE)}
        id_col = header.index(TASK_ID) if review and TASK_ID in header else None
        for row in ws.iter_rows():
            ours = [c for j, c in enumerate(row) if j not in asked and j != id_col]
            added = all(c.value is None for c in ours)  # a row a researcher added for a correction
            for j, c in enumerate(row):
                if j in asked or (j == id_col and added) or (c.value in (None, "") and c.comment is None):
                    continue
                h.update(f"{c.coordinate}\0{_plain(c.value)}\0{c.comment.text if c.comment else ''}\n".encode())
    return h.hexdigest()


def _edited(path: Path) -> bool:
    """Did a person add or change anything in this ledger beyond its corrections? (True when it
    cannot be told: a ledger of an older version, or a file openpyxl cannot read, is kept.)"""
    from openpyxl import load_workbook  # deferred: only a ledger that is not current is opened (~1 s)

    recorded = recorded_property(path, CONTENT_PROPERTY)
    if recorded is None:
        return True
    try:
        wb = load_workbook(path)
    except Exception:  # openpyxl raises many types for a damaged file: keep it, whatever it is
        return True
    return content_digest(wb) != recorded


def _target(path: Path, key: str) -> Path:
    """Where the new ledger goes: over the old one, unless a person added to it; then beside it,
    named by the new content's key (written once, however often `ledger` or `run` runs)."""
    if not path.exists() or not _edited(path):
        return path
    return path.with_name(f"{path.stem}_{key[:8]}{path.suffix}")


def write_ledger(period: str, processed_dir: Path | str | None = None, out: Path | str | None = None,
                 overrides: Path = paths.OVERRIDES_CSV, ahead_margin: float | None = None,
                 force: bool = False) -> tuple[Path, bool]:
    """Write the period's ledger atomically; return (path, written). Unchanged inputs → not rewritten.

    A ledger a person added to (a note, a column, a sheet, an edited cell: anything but the
    corrections 待复核 asks for) is never written over: the new one goes beside it. A ledger holding
    corrections filled in but not imported is not overwritten (InputError saying so) unless
    `force`: their work would be lost.
    """
    per = parse_code(period)
    folder = Path(processed_dir) if processed_dir else paths.processed_dir(per.code)
    path = Path(out) if out else paths.ledger_path(per.code)
    key = ledger_key(folder, overrides, ahead_margin)
    if path.exists() and recorded_key(path) == key:
        return path, False
    target = _target(path, key)
    if target != path and target.exists() and recorded_key(target) == key:
        return target, False
    if target == path and path.exists() and not force:
        _refuse_unimported(path, per.code, overrides)
    # deferred: checking that a ledger is current (every `run`) must not import pandas and openpyxl (~3 s)
    from openpyxl.packaging.custom import StringProperty

    from helpers.deliver.workbook import build_workbook
    from helpers.report.loading import load_period

    wb = build_workbook(load_period(per.code, folder), overrides, ahead_margin)
    wb.custom_doc_props.append(StringProperty(name=KEY_PROPERTY, value=key))
    wb.custom_doc_props.append(StringProperty(name=CONTENT_PROPERTY, value=content_digest(wb)))
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target, True


def _refuse_unimported(path: Path, period: str, overrides: Path) -> None:
    """Raise InputError when `path` holds 更正状态 entries a researcher made after it was written
    (they differ from the hidden 已记录状态 column) and overrides.csv does not have them yet."""

    try:
        _, rows = read_corrections(path, period)
    except InputError as e:
        raise InputError(path, f"not overwritten: it holds corrections that cannot be imported ({e.problem}); "
                               "fix them and import, or pass --force") from None
    decided = recorded_decisions(period, overrides)
    new = [r["task_id"] for r in rows if r["recorded"] != r["value"]
           and decided.get(r["task_id"], {}).get("value") != r["value"]]
    if new:
        raise InputError(path, f"not overwritten: {len(new)} correction(s) filled in here are not imported yet "
                               f"({', '.join(new[:5])}{', …' if len(new) > 5 else ''}); run "
                               f"`python -m helpers review import {path}` first, or pass --force")
