"""The supervision ledger (督查台账): one period's judgements as an Excel workbook researchers
keep, filter and correct in Excel or WPS.

`python -m helpers ledger --period P` writes output/<P>/台账_<P>.xlsx: the sheets of
helpers.deliver.ledger_columns, drawn by helpers.deliver.workbook. The 待复核 sheet lists the
doubtful tasks (helpers.judge.review) with two empty columns, 更正状态 (a drop-down of the status
names) and 说明, that helpers.deliver.corrections reads back into data/reference/overrides.csv.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from helpers import paths
from helpers.errors import InputError
from helpers.files import atomic_path
from helpers.period import parse_code
from helpers.provenance import sha256_if_file

#: Bump when the layout changes in a way the inputs' hashes would not show.
LAYOUT = "2"
#: The code that draws the ledger: a change to it redraws the ledger.
_CODE = ("deliver/ledger.py", "deliver/ledger_columns.py", "deliver/workbook.py", "judge/review.py",
         "compare/chain.py")


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


def recorded_key(path: Path) -> str | None:
    """The key a ledger was written with (a custom document property), read straight from the zip
    so that checking a current ledger imports neither openpyxl nor pandas."""
    try:
        with zipfile.ZipFile(path) as z:
            root = ElementTree.fromstring(z.read("docProps/custom.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return None
    for prop in root:
        if prop.get("name") == KEY_PROPERTY and len(prop):
            return (prop[0].text or "").strip() or None
    return None


def write_ledger(period: str, processed_dir: Path | str | None = None, out: Path | str | None = None,
                 overrides: Path = paths.OVERRIDES_CSV, ahead_margin: float | None = None,
                 force: bool = False) -> tuple[Path, bool]:
    """Write the period's ledger atomically; return (path, written). Unchanged inputs → not rewritten.

    A ledger holding corrections a researcher filled in but has not imported is not overwritten
    (InputError saying so) unless `force`: their work would be lost.
    """
    per = parse_code(period)
    folder = Path(processed_dir) if processed_dir else paths.processed_dir(per.code)
    path = Path(out) if out else paths.ledger_path(per.code)
    key = ledger_key(folder, overrides, ahead_margin)
    if path.exists() and recorded_key(path) == key:
        return path, False
    if path.exists() and not force:
        _refuse_unimported(path, per.code, overrides)
    # deferred: checking that a ledger is current (every `run`) must not import pandas and openpyxl (~3 s)
    from openpyxl.packaging.custom import StringProperty

    from helpers.deliver.workbook import build_workbook
    from helpers.report.loading import load_period

    wb = build_workbook(load_period(per.code, folder), overrides, ahead_margin)
    wb.custom_doc_props.append(StringProperty(name=KEY_PROPERTY, value=key))
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path, True


def _refuse_unimported(path: Path, period: str, overrides: Path) -> None:
    """Raise InputError when `path` holds 更正状态 entries a researcher made after it was written
    (they differ from the hidden 已记录状态 column) and overrides.csv does not have them yet."""
    # deferred as above: only an existing, outdated ledger is read
    from helpers.deliver.corrections import read_corrections
    from helpers.deliver.workbook import decisions

    try:
        _, rows = read_corrections(path, period)
    except InputError as e:
        raise InputError(path, f"not overwritten: it holds corrections that cannot be imported ({e.problem}); "
                               "fix them and import, or pass --force") from None
    decided = decisions(period, overrides)
    new = [r["task_id"] for r in rows if r["recorded"] != r["value"]
           and decided.get(r["task_id"], (None,))[0] != r["value"]]
    if new:
        raise InputError(path, f"not overwritten: {len(new)} correction(s) filled in here are not imported yet "
                               f"({', '.join(new[:5])}{', …' if len(new) > 5 else ''}); run "
                               f"`python -m helpers review import {path}` first, or pass --force")
