"""A researcher's corrections to the rule judgements, kept in data/reference/overrides.csv.

Each row (period, task_id, field, value, note) replaces one judgement field of one task of one
period after the rules ran; the row is then marked status_source = override so a reader knows the
rule was overruled. An override naming a task or field that does not exist is an error, reported
with the file and line, because a silently ignored correction is worse than none.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.errors import ReferenceError_
from helpers.schema import METHODS, STATUS_ZH, STATUSES

HEADER = ("period", "task_id", "field", "value", "note")
_BOOL = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


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
    if field in ("completion_pct", "lag_pts"):
        if v == "":
            return None
        try:
            return float(v.rstrip("%")) / (100 if v.endswith("%") else 1)
        except ValueError:
            raise ReferenceError_(f"{where}: {field} {v!r} is not a number") from None
    if field in ("is_mixed", "is_target_adjusted", "needs_review"):
        if v.lower() not in _BOOL:
            raise ReferenceError_(f"{where}: {field} {v!r} is not true/false")
        return _BOOL[v.lower()]
    return v or None  # evidence: free text


FIELDS = ("status", "completion_pct", "lag_pts", "method", "evidence", "is_mixed", "is_target_adjusted",
          "needs_review")


def read_overrides(path: Path = paths.OVERRIDES_CSV) -> list[dict]:
    """All override rows with their line numbers; a missing file means no overrides."""
    path = Path(path)
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ())[:4] != HEADER[:4]:
            raise ReferenceError_(f"{path}:1: header must be {','.join(HEADER)}")
        rows = []
        for row in reader:
            if not any((v or "").strip() for v in row.values()):
                continue
            rows.append({**{k: (row.get(k) or "").strip() for k in HEADER}, "line": reader.line_num})
    return rows


def apply_overrides(tasks: pd.DataFrame, period: str, path: Path = paths.OVERRIDES_CSV) -> pd.DataFrame:
    """Apply the overrides of `period` to a judged task table; return a new table.

    Touched rows get status_source = 'override'; status_zh follows an overridden status and lag_pts
    follows an overridden completion_pct; needs_review is cleared (a researcher has read the row)
    unless a row of its own sets it. Unknown task_id or field → ReferenceError_ (file:line).
    """
    out = tasks.copy()
    ids = pd.Index(out["task_id"].astype(str))
    rows = read_overrides(path)
    reviewed_by_row = {r["task_id"] for r in rows if r["period"] == period and r["field"] == "needs_review"}
    for row in rows:
        if row["period"] != period:
            continue
        where = f"{path}:{row['line']}"
        if row["task_id"] not in ids:
            raise ReferenceError_(f"{where}: unknown task_id {row['task_id']!r} for period {period}")
        if row["field"] not in FIELDS:
            raise ReferenceError_(f"{where}: field {row['field']!r} cannot be overridden (use one of {', '.join(FIELDS)})")
        value = _convert(row["field"], row["value"], where)
        mask = (ids == row["task_id"])
        idx = out.index[mask]
        if "needs_review" in out and row["field"] != "needs_review" and row["task_id"] not in reviewed_by_row:
            # a researcher has read this judgement: it no longer waits for review (unless a row says so)
            out.loc[idx, "needs_review"] = False
            out.loc[idx, "review_reason"] = None
        out.loc[idx, row["field"]] = value
        if row["field"] == "needs_review" and not value:
            out.loc[idx, "review_reason"] = None
        if row["field"] == "status":
            out.loc[idx, "status_zh"] = STATUS_ZH[value]
        if row["field"] == "completion_pct" and "pace" in out:
            pace = out.loc[idx, "pace"].astype(float)
            out.loc[idx, "lag_pts"] = None if value is None else ((pace - value) * 100).round(2)
        out.loc[idx, "status_source"] = "override"
    return out
