"""A researcher's corrections read back from a ledger's 待复核 sheet into data/reference/overrides.csv.

`python -m helpers review import FILE.xlsx` reads the filled-in 更正状态 / 说明 cells and merges
them (helpers.judge.overrides.merge_overrides), refusing the whole file, with the sheet and cell,
at the first bad value.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from helpers import paths
from helpers.deliver.ledger_columns import ABOUT_SHEET, CORRECTION, NOTE, RECORDED, REVIEW_SHEET, TASK_ID
from helpers.errors import HelpersError, InputError
from helpers.judge.overrides import merge_overrides
from helpers.judge.review import parse_status
from helpers.report.loading import load_period


@dataclass
class ImportResult:
    period: str
    rows: list[dict]
    counts: dict[str, int]
    overrides: Path

    def summary(self) -> str:
        c = self.counts
        return (f"{self.period}: {len(self.rows)} correction(s) read; {c['new']} new, {c['updated']} updated, "
                f"{c['unchanged']} unchanged in {self.overrides}; re-render with "
                f"`python -m helpers run --period {self.period} --all-bureaus`")


def _header(ws: Any) -> list[str]:
    return [("" if c.value is None else str(c.value).strip()) for c in next(ws.iter_rows(min_row=1, max_row=1))]


def _header_index(ws: Any, file: Path, names: tuple[str, ...]) -> dict[str, int]:
    header = _header(ws)
    missing = [n for n in names if n not in header]
    if missing:
        raise InputError(file, f"sheet {ws.title}: header row has no column {'、'.join(missing)}")
    return {n: header.index(n) for n in names}


def _ledger_period(wb: Any) -> str | None:
    if ABOUT_SHEET not in wb.sheetnames:
        return None
    for row in wb[ABOUT_SHEET].iter_rows(min_row=2, values_only=True):
        if row and row[0] == "期间代码":
            return str(row[1]).strip() if row[1] else None
    return None


def _open(file: Path) -> Any:
    if not file.is_file():
        raise InputError(file, "no such file")
    try:
        wb = load_workbook(file, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError(file, f"not a readable .xlsx workbook ({type(e).__name__})") from None
    if REVIEW_SHEET not in wb.sheetnames:
        raise InputError(file, f"no sheet named {REVIEW_SHEET}")
    return wb


def read_corrections(file: Path | str, period: str | None = None) -> tuple[str, list[dict]]:
    """The filled-in 更正状态 / 说明 rows of a ledger → (period, override rows).

    Any bad value raises InputError naming the file, the sheet and the cell; a task corrected twice
    with different statuses too. Rows with 更正状态 blank are not decisions and are skipped.
    """
    file = Path(file)
    wb = _open(file)
    period = period or _ledger_period(wb)
    if not period:
        raise InputError(file, f"sheet {ABOUT_SHEET}: no 期间代码 row; pass --period")
    ws = wb[REVIEW_SHEET]
    idx = _header_index(ws, file, (TASK_ID, CORRECTION, NOTE))
    header = _header(ws)
    idx[RECORDED] = header.index(RECORDED) if RECORDED in header else -1
    out: list[dict] = []
    seen: dict[str, tuple[str, str]] = {}
    for n, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        got = _correction(file, idx, n, list(row) + [None] * (max(idx.values()) + 1 - len(row)))
        if got is None:
            continue
        tid, code, where = got["task_id"], got["value"], got["cell"]
        if tid in seen and seen[tid][0] != code:
            raise InputError(file, f"{where}: task {tid} is corrected twice, differently (first at {seen[tid][1]})")
        seen[tid] = (code, where)
        out.append({"period": period, **got})
    return period, out


def _correction(file: Path, idx: dict[str, int], n: int, cells: list[Any]) -> dict | None:
    """One row of 待复核 as an override (None when 更正状态 is blank); InputError naming the cell."""
    def where(name: str) -> str:
        return f"sheet {REVIEW_SHEET}, cell {get_column_letter(idx[name] + 1)}{n}"

    try:
        code = parse_status(cells[idx[CORRECTION]])
    except ValueError as e:
        raise InputError(file, f"{where(CORRECTION)}: {CORRECTION} {e}") from None
    if code is None:
        return None
    tid = "" if cells[idx[TASK_ID]] is None else str(cells[idx[TASK_ID]]).strip()
    if not tid:
        raise InputError(file, f"{where(TASK_ID)}: {CORRECTION} is filled but {TASK_ID} is empty")
    note = "" if cells[idx[NOTE]] is None else " ".join(str(cells[idx[NOTE]]).split())
    try:
        recorded = parse_status(cells[idx[RECORDED]]) if 0 <= idx[RECORDED] < len(cells) else None
    except ValueError:
        recorded = None
    # the duplicate check names the correction's cell; the unknown-task check the task's
    return {"task_id": tid, "field": "status", "value": code, "note": note,
            "cell": where(CORRECTION), "task_cell": where(TASK_ID), "recorded": recorded}


def import_corrections(file: Path | str, period: str | None = None, processed_dir: Path | str | None = None,
                       overrides: Path = paths.OVERRIDES_CSV) -> ImportResult:
    """Read a ledger's corrections, check every task exists in the period's table, and merge them
    into the overrides file. On any error nothing is written."""
    file = Path(file)
    period, rows = read_corrections(file, period)
    try:
        data = load_period(period, processed_dir)
    except HelpersError as e:
        raise InputError(file, f"period {period}: no task table to check the corrections against ({e})") from None
    known = set(data.tasks["task_id"].astype(str))
    for r in rows:
        if r["task_id"] not in known:
            raise InputError(file, f"{r['task_cell']}: unknown task {r['task_id']!r} in {period}")
    private = ("cell", "task_cell", "recorded")
    uniq = list({r["task_id"]: {k: v for k, v in r.items() if k not in private} for r in rows}.values())
    counts = merge_overrides(uniq, overrides)
    return ImportResult(period, uniq, counts, Path(overrides))
