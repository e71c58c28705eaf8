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
from helpers.reference_csv import read_reference
from helpers.period import parse_code
from helpers.schema import METHODS
from helpers.statuses import ON_PACE_OR_BETTER, STATUS_ZH, STATUSES

HEADER = ("period", "task_id", "field", "value", "note")
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
            raise ReferenceError_(f"{where}: status {v!r} is not one of {', '.join(STATUSES)}")
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
        raise ReferenceError_(f"{path}:1: header must be {','.join(HEADER)}")
    rows: list[dict] = []
    seen: dict[tuple[str, str, str], dict] = {}
    for line, cells in table:
        if not any(cells.values()):
            continue
        row = {**{k: cells.get(k, "") for k in HEADER}, "line": line}
        try:
            row["period"] = parse_code(row["period"]).code
        except PeriodError:
            raise ReferenceError_(f"{path}:{line}: period {row['period']!r} is not a period code "
                                  "(e.g. 2024H1, 2024Q1, 2024Q3, 2021FY, 2024M11)") from None
        key = (row["period"], row["task_id"], row["field"])
        if key in seen and seen[key]["value"] != row["value"]:
            raise ReferenceError_(f"{path}:{line}: {row['task_id']} {row['field']} for {row['period']} is set to "
                                  f"{row['value']!r} here and to {seen[key]['value']!r} on line "
                                  f"{seen[key]['line']}; keep one row")
        seen.setdefault(key, row)
        rows.append(row)
    return rows


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
    for row in read_overrides(path):
        if row["period"] != period:
            continue
        where = f"{path}:{row['line']}"
        if row["task_id"] not in ids:
            raise ReferenceError_(f"{where}: unknown task_id {row['task_id']!r} for period {period}")
        if row["field"] not in FIELDS:
            raise ReferenceError_(f"{where}: field {row['field']!r} cannot be overridden (use one of {', '.join(FIELDS)})")
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


def merge_overrides(rows: list[dict], path: Path = paths.OVERRIDES_CSV) -> dict[str, int]:
    """Merge `rows` (dicts with the HEADER keys) into the overrides file; return what changed.

    A row for the same period, task and field as an existing one replaces its value and note
    (so importing the same ledger twice adds nothing); other rows are appended. Every value is
    checked first and the file is rewritten atomically, so a bad row leaves it untouched. Counts:
    new, updated, unchanged.
    """
    from helpers.files import atomic_path

    path = Path(path)
    existing = read_overrides(path)
    for i, row in enumerate(rows, start=1):
        if row["field"] not in FIELDS:
            raise ReferenceError_(f"{path}: new row {i}: field {row['field']!r} cannot be overridden")
        _convert(row["field"], row["value"], f"{path}: new row {i}")
    merged = [{k: r[k] for k in HEADER} for r in existing]
    key = {(r["period"], r["task_id"], r["field"]): n for n, r in enumerate(merged)}
    counts = {"new": 0, "updated": 0, "unchanged": 0}
    for row in rows:
        clean = {k: str(row.get(k) or "").strip() for k in HEADER}
        k = (clean["period"], clean["task_id"], clean["field"])
        if k not in key:
            key[k] = len(merged)
            merged.append(clean)
            counts["new"] += 1
            continue
        # earlier duplicates of the same key (hand edits) all take the new value: apply order no longer matters
        same = [n for n, r in enumerate(merged) if (r["period"], r["task_id"], r["field"]) == k]
        if all(merged[n] == clean for n in same):
            counts["unchanged"] += 1
        else:
            for n in same:
                merged[n] = dict(clean)
            counts["updated"] += 1
    if counts["new"] or counts["updated"] or not path.exists():
        bom = path.exists() and path.read_bytes().startswith(b"\xef\xbb\xbf")
        with atomic_path(path) as tmp:
            with tmp.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=list(HEADER), lineterminator="\n")
                w.writeheader()
                w.writerows(merged)
    return counts
