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
from pathlib import Path

from helpers import paths
from helpers.deliver.corrections import read_corrections, recorded_decisions
from helpers.deliver.ledger_file import CONTENT_PROPERTY, KEY_PROPERTY, content_digest, recorded_key, target
from helpers.errors import InputError
from helpers.files import atomic_path
from helpers.messages import say
from helpers.period import parse_code
from helpers.provenance import sha256_if_file

#: Bump when the layout changes in a way the inputs' hashes would not show.
LAYOUT = "2"
#: The code that draws the ledger: a change to it redraws the ledger.
_CODE = ("deliver/ledger.py", "deliver/ledger_file.py", "deliver/ledger_columns.py", "deliver/workbook.py",
         "deliver/corrections.py", "judge/review.py", "compare/chain.py")


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
    if path.suffix.lower() != ".xlsx":  # a slip for the name would put a workbook under another type's name
        raise InputError(path, say("ledger.not_xlsx"))
    key = ledger_key(folder, overrides, ahead_margin)
    if path.exists() and recorded_key(path) == key:
        return path, False
    dest = target(path, key)
    if dest != path and dest.exists() and recorded_key(dest) == key:
        return dest, False
    if dest == path and path.exists() and not force:
        _refuse_unimported(path, per.code, overrides)
    # deferred: checking that a ledger is current (every `run`) must not import pandas and openpyxl (~3 s)
    from openpyxl.packaging.custom import StringProperty

    from helpers.deliver.workbook import build_workbook
    from helpers.report.loading import load_period

    wb = build_workbook(load_period(per.code, folder), overrides, ahead_margin)
    wb.custom_doc_props.append(StringProperty(name=KEY_PROPERTY, value=key))
    wb.custom_doc_props.append(StringProperty(name=CONTENT_PROPERTY, value=content_digest(wb)))
    with atomic_path(dest) as tmp:
        wb.save(tmp)
    return dest, True


def _refuse_unimported(path: Path, period: str, overrides: Path) -> None:
    """Raise InputError when `path` holds 更正状态 entries a researcher made after it was written
    (they differ from the hidden 已记录状态 column) and overrides.csv does not have them yet."""

    try:
        _, rows = read_corrections(path, period)
    except InputError as e:
        raise InputError(path, say("ledger.unreadable", problem=e.problem)) from None
    decided = recorded_decisions(period, overrides)
    new = [r["task_id"] for r in rows if r["recorded"] != r["value"]
           and decided.get(r["task_id"], {}).get("value") != r["value"]]
    if new:
        raise InputError(path, say("ledger.unimported", n=len(new), path=path,
                                   ids="、".join(new[:5]) + ("…" if len(new) > 5 else "")))
