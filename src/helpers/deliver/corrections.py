"""A ledger's corrections read back: `python -m helpers review import FILE.xlsx`.

The 待复核 sheet of the ledger (helpers.deliver.ledger) has 更正状态 / 说明 cells a researcher
fills in; they become `status` rows of data/reference/overrides.csv
(helpers.judge.overrides.merge_overrides). A task id (Q07, G012) is a row position, so each
correction is checked by content before it is written: the ledger records each task's key (its
text and lead unit, helpers.identity) in a hidden 任务键 column and the tasks.parquet checksum in
说明, and a correction whose task is no longer the one the ledger showed, a ledger of another
period, or an earlier correction recorded since the ledger was written is refused, the whole
file, with one line naming the sheet, the cell and the task. A formula without a computed value is
refused too, never read as an empty cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers import paths
from helpers.errors import HelpersError, InputError, PeriodError
from helpers.identity import task_keys
from helpers.messages import say
from helpers.period import parse_code
from helpers.provenance import file_sha256
from helpers.statuses import STATUS_ZH

# openpyxl and pandas are imported where used, as in helpers.deliver.ledger: `run` checks whether
# the ledger is current on every rerun without them.

#: The sheets an import reads (the others are named for the period: helpers.deliver.ledger_columns).
ALL_SHEET, REVIEW_SHEET, ABOUT_SHEET = "全部任务", "待复核", "说明"
#: The columns of 待复核 that researchers fill in, the one that names the task, what was recorded
#: when the ledger was written (hidden), and the task's key (hidden, in 全部任务 and 待复核).
CORRECTION, NOTE, TASK_ID = "更正状态", "说明", "编号"
RECORDED, KEY, TASK_TEXT = "已记录状态", "任务键", "重点工作"
#: Rows of 说明 read back: the period and the checksum of the table the ledger shows.
PERIOD_ROW, TABLE_SHA_ROW = "期间代码", "tasks.parquet SHA-256"


@dataclass
class ImportResult:
    period: str
    rows: list[dict]
    counts: dict[str, int]
    overrides: Path

    def summary(self) -> str:
        if not self.rows:  # a ledger with no 更正状态 filled: nothing was written
            return say("review.nothing", period=self.period, overrides=self.overrides)
        return say("review.imported", period=self.period, n=len(self.rows), overrides=self.overrides, **self.counts)


@dataclass
class Ledger:
    """What a ledger says about its own table: period, table checksum, each task's key and text."""

    period: str | None
    table_sha: str | None
    keys: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)


def recorded_decisions(period: str, overrides: Path, tasks: Any = None) -> dict[str, dict]:
    """Status overrides recorded for the period, by task_id (the task they are about now when
    `tasks` is given: helpers.judge.overrides.period_rows follows a keyed row)."""
    from helpers.judge.overrides import period_rows, read_overrides

    period = parse_code(period).code
    rows = (period_rows(tasks, period, overrides) if tasks is not None
            else [r for r in read_overrides(overrides) if r["period"] == period])
    return {r["task_id"]: r for r in rows if r["field"] == "status" and r["value"] in STATUS_ZH}


def _open(file: Path) -> tuple[Any, Any]:
    """The workbook twice: computed values, and formulas (to tell a formula nobody computed)."""
    from openpyxl import load_workbook

    if not file.is_file():
        raise InputError(file, say("corrections.no_file"))
    try:
        return (load_workbook(file, read_only=True, data_only=True),
                load_workbook(file, read_only=True, data_only=False))
    except Exception as e:
        raise InputError(file, say("corrections.unreadable", kind=type(e).__name__)) from None


def _header(ws: Any) -> list[str]:
    return [("" if c.value is None else str(c.value).strip()) for c in next(ws.iter_rows(min_row=1, max_row=1))]


def _header_index(ws: Any, file: Path, names: tuple[str, ...]) -> dict[str, int]:
    header = _header(ws)
    missing = [n for n in names if n not in header]
    if missing:
        raise InputError(file, say("corrections.no_column", sheet=ws.title, columns="、".join(missing)))
    return {n: header.index(n) for n in names}


def _ledger(wb: Any) -> Ledger:
    about: dict[str, Any] = {}
    if ABOUT_SHEET in wb.sheetnames:
        about = {r[0]: r[1] for r in wb[ABOUT_SHEET].iter_rows(min_row=2, values_only=True) if r and len(r) > 1}
    period = str(about.get(PERIOD_ROW) or "").strip() or None
    try:
        period = parse_code(period).code if period else None
    except PeriodError:
        pass
    out = Ledger(period, str(about.get(TABLE_SHA_ROW) or "").strip() or None)
    if ALL_SHEET in wb.sheetnames:
        header = _header(wb[ALL_SHEET])
        if KEY in header and TASK_ID in header:
            i, k, t = header.index(TASK_ID), header.index(KEY), header.index(TASK_TEXT) if TASK_TEXT in header else None
            for row in wb[ALL_SHEET].iter_rows(min_row=2, values_only=True):
                if len(row) > k and row[i] and row[k]:
                    out.keys[str(row[i]).strip()] = str(row[k]).strip()
                    out.texts[str(row[i]).strip()] = str(row[t] or "") if t is not None else ""
    return out


def _given_period(file: Path, given: str | None, ledger: Ledger) -> str:
    """The period to import into: the ledger's own; one given that names another is refused."""
    if given:
        code = parse_code(given).code
        if ledger.period and ledger.period != code:
            raise InputError(file, say("corrections.other_period", found=ledger.period, period=code))
        return code
    if not ledger.period:
        raise InputError(file, say("corrections.no_period", sheet=ABOUT_SHEET, row=PERIOD_ROW))
    return ledger.period


def _value(file: Path, value: Any, formula: Any, where: str) -> Any:
    """A cell's computed value; a formula without one (written by a program, never computed) is refused."""
    if value is None and isinstance(formula, str) and formula.startswith("="):
        raise InputError(file, say("corrections.formula", where=where, formula=formula[:40]))
    return value


def _where(sheet: str, col: int, row: int) -> str:
    from openpyxl.utils import get_column_letter

    return say("corrections.cell", sheet=sheet, cell=f"{get_column_letter(col + 1)}{row}")


def _rows(file: Path, wb: Any, wf: Any, period: str) -> list[dict]:
    """The decisions of 待复核: one dict per filled 更正状态, checked cell by cell."""
    from helpers.judge.review import parse_status

    ws = wb[REVIEW_SHEET]
    idx = _header_index(ws, file, (TASK_ID, CORRECTION, NOTE))
    header = _header(ws)
    idx.update({n: header.index(n) for n in (RECORDED, KEY) if n in header})
    out: list[dict] = []
    seen: dict[str, tuple[str, str]] = {}
    formulas = wf[REVIEW_SHEET].iter_rows(min_row=2, values_only=True)
    for n, (row, frow) in enumerate(zip(ws.iter_rows(min_row=2, values_only=True), formulas), start=2):
        cell = {name: _value(file, row[j] if j < len(row) else None, frow[j] if j < len(frow) else None,
                             _where(REVIEW_SHEET, j, n)) for name, j in idx.items()}
        try:
            code = parse_status(cell[CORRECTION])
        except ValueError as e:
            raise InputError(file, say("corrections.bad_status", where=_where(REVIEW_SHEET, idx[CORRECTION], n),
                                       column=CORRECTION, problem=e)) from None
        if code is None:
            continue
        tid = "" if cell[TASK_ID] is None else str(cell[TASK_ID]).strip()
        if not tid:
            raise InputError(file, say("corrections.no_task_id", where=_where(REVIEW_SHEET, idx[TASK_ID], n),
                                       column=CORRECTION, task_id=TASK_ID))
        if tid in seen and seen[tid][0] != code:
            raise InputError(file, say("corrections.twice", where=_where(REVIEW_SHEET, idx[CORRECTION], n),
                                       task=tid, first=seen[tid][1]))
        seen[tid] = (code, _where(REVIEW_SHEET, idx[CORRECTION], n))
        try:
            recorded = parse_status(cell.get(RECORDED))
        except ValueError:
            recorded = None
        out.append({"period": period, "task_id": tid, "field": "status", "value": code,
                    "note": "" if cell[NOTE] is None else " ".join(str(cell[NOTE]).split()),
                    "cell": _where(REVIEW_SHEET, idx[TASK_ID], n), "recorded": recorded,
                    "task_key": str(cell.get(KEY) or "").strip()})
    return out


def read_ledger(file: Path | str, period: str | None = None) -> tuple[str, list[dict], Ledger]:
    """The filled-in 更正状态 / 说明 rows of a ledger → (period, decisions, what the ledger says of its table).

    Any bad value raises InputError naming the file, the sheet and the cell: a status that is none,
    a task corrected twice differently, a formula never computed, a period the ledger is not of.
    Rows with 更正状态 blank are not decisions and are skipped.
    """
    file = Path(file)
    wb, wf = _open(file)
    try:
        if REVIEW_SHEET not in wb.sheetnames:
            raise InputError(file, say("corrections.no_sheet", sheet=REVIEW_SHEET))
        ledger = _ledger(wb)
        period = _given_period(file, period, ledger)
        return period, _rows(file, wb, wf, period), ledger
    finally:
        wb.close()
        wf.close()


def read_corrections(file: Path | str, period: str | None = None) -> tuple[str, list[dict]]:
    """read_ledger without what the ledger says of its table."""
    period, rows, _ = read_ledger(file, period)
    return period, rows


def _check_identity(file: Path, rows: list[dict], ledger: Ledger, tasks: Any, table_sha: str | None) -> None:
    """Each correction's task is still the one the ledger showed (by key), else refused naming it."""
    ids = tasks["task_id"].astype(str).tolist()
    now = dict(zip(ids, task_keys(tasks["task"], tasks["bureau"])))
    texts = dict(zip(ids, tasks["task"].astype(str)))
    for r in rows:
        if r["task_id"] not in now:
            raise InputError(file, say("corrections.unknown_task", where=r["cell"], period=r["period"], task=r["task_id"]))
        key = r["task_key"] or ledger.keys.get(r["task_id"])
        if not key and ledger.table_sha not in (None, table_sha):
            raise InputError(file, say("corrections.no_key", where=r["cell"], task=r["task_id"]))
        if key and key != now[r["task_id"]]:
            shown = ledger.texts.get(r["task_id"]) or say("corrections.shown_unknown")
            raise InputError(file, say("corrections.moved", where=r["cell"], task=r["task_id"], shown=shown[:30],
                                       now=texts[r["task_id"]][:30]))
        r["task_key"] = now[r["task_id"]]
        r["table_sha256"] = ledger.table_sha or table_sha or ""


def _check_conflicts(file: Path, rows: list[dict], decided: dict[str, dict], ledger: Ledger, overrides: Path) -> None:
    """A decision recorded since this ledger was written (not from it) is not overwritten unseen."""
    for r in rows:
        now = decided.get(r["task_id"])
        if now is None or now["value"] in (r["recorded"], r["value"]):
            continue
        if ledger.table_sha and now.get("table_sha256") == ledger.table_sha:
            continue  # imported from this ledger before: the researcher changes their own decision
        raise InputError(file, say("corrections.decided_since", where=r["cell"], task=r["task_id"],
                                   now=STATUS_ZH[now["value"]], overrides=overrides, line=now["line"],
                                   given=STATUS_ZH[r["value"]]))


def import_corrections(file: Path | str, period: str | None = None, processed_dir: Path | str | None = None,
                       overrides: Path = paths.OVERRIDES_CSV) -> ImportResult:
    """Read a ledger's corrections, check each against the period's table and the corrections
    recorded since, and merge them into the overrides file. On any error nothing is written."""
    from helpers.judge.overrides import merge_overrides
    from helpers.report.loading import load_period

    file = Path(file)
    period, rows, ledger = read_ledger(file, period)
    try:
        data = load_period(period, processed_dir)
    except HelpersError as e:
        raise InputError(file, say("corrections.no_table", period=period, problem=e)) from None
    table = Path(data.folder) / "tasks.parquet"
    _check_identity(file, rows, ledger, data.tasks, file_sha256(table) if table.is_file() else None)
    _check_conflicts(file, rows, recorded_decisions(period, overrides, data.tasks), ledger, Path(overrides))
    drop = ("cell", "recorded")
    uniq = list({r["task_id"]: {k: v for k, v in r.items() if k not in drop} for r in rows}.values())
    counts = merge_overrides(uniq, overrides)
    return ImportResult(period, uniq, counts, Path(overrides))
