"""A researcher's corrections to the rule judgements, kept in data/reference/overrides.csv.

Each row (period, task_id, field, value, note) replaces one judgement field of one task of one
period after the rules ran; the row is then marked status_source = override so a reader knows the
rule was overruled. An override naming a task or field that does not exist is an error, reported
with the file and line, because a silently ignored correction is worse than none.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.errors import PeriodError, ReferenceError_
from helpers.files import atomic_path, spreadsheet_text
from helpers.identity import task_keys
from helpers.messages import say
from helpers.reference_csv import read_reference, reference_error
from helpers.period import parse_code
from helpers.schema import METHODS
from helpers.statuses import ON_PACE_OR_BETTER, STATUS_ZH, STATUSES

HEADER = ("period", "task_id", "field", "value", "note")
#: What a correction from the ledger also carries: the task's key (helpers.identity: its text and
#: lead unit, so a row added to the report cannot move the correction onto another task) and the
#: checksum of the tasks.parquet it was made against. Optional: a row typed by hand may leave them out.
KEY_COLUMNS = ("task_key", "table_sha256")
#: Largest completion an override may state (1000%: far beyond any 超额完成 yet printed).
MAX_COMPLETION = 10.0
_BOOL = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def _number(field: str, v: str, where: str, lo: float, hi: float, hint: str) -> float | None:
    if v == "":
        return None
    try:
        x = float(v.rstrip("%")) / (100 if v.endswith("%") else 1)
    except ValueError:
        raise ReferenceError_(f"{where}: {field} {v!r} is not a number") from None
    if not math.isfinite(x) or not lo <= x <= hi:
        raise ReferenceError_(f"{where}: {field} {v!r} is out of range ({hint})")
    return x


def _convert(field: str, value: str, where: str):
    """Check and convert one override value for its field."""
    v = value.strip()
    if field == "status":
        if v not in STATUSES:
            raise ReferenceError_(f"{where}: " + say("overrides.status", value=v, codes="、".join(
                f"{s}（{STATUS_ZH[s]}）" for s in STATUSES)))
        return v
    if field == "method":
        if v not in METHODS:
            raise ReferenceError_(f"{where}: method {v!r} is not one of {', '.join(METHODS)}")
        return v
    if field == "completion_pct":
        return _number(field, v, where, 0.0, MAX_COMPLETION,
                       f"a fraction from 0 to {MAX_COMPLETION:g} or a percentage such as 51.7%")
    if field == "lag_pts":
        return _number(field, v, where, -100 * MAX_COMPLETION, 100.0,
                       "percentage points from -1000 to 100: pace minus completion")
    if field in ("is_mixed", "is_target_adjusted"):
        if v.lower() not in _BOOL:
            raise ReferenceError_(f"{where}: {field} {v!r} is not true/false")
        return _BOOL[v.lower()]
    return v or None  # evidence: free text


FIELDS = ("status", "completion_pct", "lag_pts", "method", "evidence", "is_mixed", "is_target_adjusted")


def _period(code: str, where: str) -> str:
    try:
        return parse_code(code).code
    except PeriodError:
        raise ReferenceError_(f"{where}: period {code!r} is not a period code "
                              "(e.g. 2024H1, 2024Q1, 2024Q3, 2021FY, 2024M11)") from None


def read_overrides(path: Path = paths.OVERRIDES_CSV) -> list[dict]:
    """All override rows with their line numbers and normalized period (2024h1 → 2024H1);
    a missing file means no overrides. A bad period or two rows setting one field of one task
    to different values is an error naming file and line."""
    path = Path(path)
    if not path.exists():
        return []
    ref = read_reference(path)
    header, table = ref.header, ref.rows
    if tuple(header)[:4] != HEADER[:4]:
        raise reference_error(path, say("overrides.header", header=",".join(HEADER)), 1)
    rows: list[dict] = []
    seen: dict[tuple[str, str, str], dict] = {}
    for line, cells in table:
        if not any(cells.values()):
            continue
        row = {**{k: "" for k in HEADER + KEY_COLUMNS}, **cells, "line": line}  # a researcher's columns kept
        row["period"] = _period(row["period"], f"{path}:{line}")
        key = (row["period"], row["task_id"], row["field"])
        if key in seen and seen[key]["value"] != row["value"]:
            raise reference_error(path, say(
                "overrides.twice", task=row["task_id"], field=row["field"], period=row["period"],
                value=row["value"], other=seen[key]["value"], line=seen[key]["line"]), line)
        seen.setdefault(key, row)
        rows.append(row)
    return rows


def period_rows(tasks: pd.DataFrame, period: str, path: Path = paths.OVERRIDES_CSV) -> list[dict]:
    """The override rows of `period`, each with the task_id of the task it is about now.

    A row carrying a task_key names its task by content: when the task at its task_id has another
    key (rows were added or removed above it), the row follows the one task with its key; when no
    task (or more than one) has it, the correction is refused naming the file, line and task.
    """
    period = parse_code(period).code
    keys = task_keys(tasks["task"], tasks["bureau"] if "bureau" in tasks else [None] * len(tasks))
    key_of = dict(zip(tasks["task_id"].astype(str), keys))
    ids_of: dict[str, list[str]] = {}
    for tid, key in key_of.items():
        ids_of.setdefault(key, []).append(tid)
    out = []
    for row in read_overrides(path):
        if row["period"] != period:
            continue
        key = row["task_key"]
        if key and key_of.get(row["task_id"]) != key:
            found = ids_of.get(key, [])
            if len(found) != 1:
                raise ReferenceError_(
                    f"{path}:{row['line']}: {row['task_id']} 的更正针对的任务（任务键 {key}）"
                    f"{'在本期表中出现多次' if found else '已不在本期表中'}：报告在更正之后有改动；"
                    f"请重新生成台账、复核后再导入，或删去这一行")
            row = {**row, "task_id": found[0], "moved_from": row["task_id"]}
        _refuse_meeting(path, row, out)
        out.append(row)
    return out


def _refuse_meeting(path: Path, row: dict, earlier: list[dict]) -> None:
    """Two rows that now set one field of one task to different values (one followed its task
    there by key) are refused: neither may silently outvote the other."""
    for e in earlier:
        if (e["task_id"], e["field"]) == (row["task_id"], row["field"]) and e["value"] != row["value"]:
            raise ReferenceError_(f"{path}:{row['line']}: 这一行与第 {e['line']} 行都更正 {row['task_id']} 的 "
                                  f"{row['field']}（{row['value']!r} 与 {e['value']!r}）；请只保留一行")


def _lag_agrees(status: str, lag: float | None) -> bool:
    """A lag printed beside a status must not contradict it (no 落后序时-1.7个百分点)."""
    if lag is None or pd.isna(lag):
        return True
    if status == "behind":
        return lag > 0
    if status in ON_PACE_OR_BETTER:
        return lag <= 0
    return True


def apply_overrides(tasks: pd.DataFrame, period: str, path: Path = paths.OVERRIDES_CSV) -> pd.DataFrame:
    """Apply the overrides of `period` to a judged task table; return a new table.

    Touched rows get status_source = 'override'; status_zh follows an overridden status; lag_pts
    follows an overridden completion_pct and is cleared when it contradicts an overridden status
    (a task overridden to behind while its measured completion is at pace has no lag to print).
    needs_review keeps the judge's flag: an overridden task counts as settled (helpers.judge.review.settled).
    A completion_pct or lag_pts written by hand that contradicts the task's status is an error, as
    are an unknown task_id or field → ReferenceError_ (file:line).
    """
    out = tasks.copy()
    ids = pd.Index(out["task_id"].astype(str))
    period = parse_code(period).code
    by_task: dict[str, dict[str, tuple[object, str]]] = {}
    for row in period_rows(out, period, path):
        where = f"{path}:{row['line']}"
        if row["task_id"] not in ids:
            raise ReferenceError_(f"{where}: " + say("overrides.unknown_task", task=row["task_id"], period=period))
        if row["field"] not in FIELDS:
            raise ReferenceError_(f"{where}: " + say("overrides.field", field=row["field"], fields="、".join(FIELDS)))
        by_task.setdefault(row["task_id"], {})[row["field"]] = (_convert(row["field"], row["value"], where), where)
    for task_id, fields in by_task.items():
        idx = out.index[ids == task_id]
        for name, (value, _) in fields.items():
            out.loc[idx, name] = value
        if "status" in fields:
            out.loc[idx, "status_zh"] = STATUS_ZH[fields["status"][0]]
        if "completion_pct" in fields and "lag_pts" not in fields and "pace" in out:
            value = fields["completion_pct"][0]
            pace = out.loc[idx, "pace"].astype(float)
            out.loc[idx, "lag_pts"] = None if value is None else ((pace - value) * 100).round(2)
        if "lag_pts" in out:
            for i in idx:
                status, lag = out.at[i, "status"], out.at[i, "lag_pts"]
                if _lag_agrees(status, lag):
                    continue
                given = next((f for f in ("lag_pts", "completion_pct") if f in fields), None)
                if given:  # a number written by hand that contradicts the status: refuse, never print it
                    raise ReferenceError_(
                        f"{fields[given][1]}: {given} {fields[given][0]:g} puts {task_id} {abs(lag):g} points "
                        f"{'below' if lag > 0 else 'at or above'} the pace, but its status is {status}; "
                        f"override the status too, or leave {given} to the rules")
                out.at[i, "lag_pts"] = None  # the status alone was overridden: no lag to print
        out.loc[idx, "status_source"] = "override"
    return out


def _columns(path: Path, rows: list[dict]) -> list[str]:
    """The file's columns as it has them (a researcher's own kept, in place), then the key columns
    when a new row carries them and the file does not have them yet."""
    header = read_reference(path).header if path.exists() else list(HEADER)
    return header + [c for c in KEY_COLUMNS if c not in header and any(r.get(c) for r in rows)]


def merge_overrides(rows: list[dict], path: Path = paths.OVERRIDES_CSV) -> dict[str, int]:
    """Merge `rows` (dicts with the HEADER keys, and KEY_COLUMNS when known) into the overrides
    file; return what changed.

    A row for the same period, task and field as an existing one replaces its values (so importing
    the same ledger twice adds nothing); other rows are appended. Every column and cell a researcher
    added is kept. Every value is checked first and the file is rewritten atomically, so a bad row
    leaves it untouched. Cells a spreadsheet would run as formulas are escaped (read back as typed).
    Counts: new, updated, unchanged.
    """
    path = Path(path)
    existing = read_overrides(path)
    for i, row in enumerate(rows, start=1):
        if row["field"] not in FIELDS:
            raise ReferenceError_(f"{path}: new row {i}: field {row['field']!r} cannot be overridden")
        _convert(row["field"], row["value"], f"{path}: new row {i}")
    columns = _columns(path, rows)
    merged = [{k: r.get(k, "") for k in columns} for r in existing]
    counts = {"new": 0, "updated": 0, "unchanged": 0}
    for row in rows:
        given = {k: str(row.get(k) or "").strip() for k in HEADER + KEY_COLUMNS if k in row or k in HEADER}
        given["period"] = _period(given["period"], f"{path}: new row")  # 2024h1 is 2024H1 before any comparison
        k = (given["period"], given["task_id"], given["field"])
        # earlier duplicates of the same key (hand edits) all take the new value: apply order no longer matters
        same = [n for n, r in enumerate(merged) if (r["period"], r["task_id"], r["field"]) == k]
        if not same:
            merged.append({c: given.get(c, "") for c in columns})
            counts["new"] += 1
        elif all(all(merged[n].get(c, "") == v for c, v in given.items()) for n in same):
            counts["unchanged"] += 1
        else:
            for n in same:
                merged[n].update({c: v for c, v in given.items() if c in columns})
            counts["updated"] += 1
    if counts["new"] or counts["updated"] or not path.exists():
        _write(path, columns, merged)
    return counts


def _write(path: Path, columns: list[str], rows: list[dict]) -> None:
    bom = path.exists() and path.read_bytes().startswith(b"\xef\xbb\xbf")
    with atomic_path(path) as tmp:
        with tmp.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
            w.writeheader()
            w.writerows({c: spreadsheet_text(r.get(c, "")) for c in columns} for r in rows)
