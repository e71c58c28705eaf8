"""A researcher's corrections to the rule judgements, kept in data/reference/overrides.csv.

Each row (period, task_id, field, value, note) replaces one judgement field of one task of one
period after the rules ran; the row is then marked status_source = override so a reader knows the
rule was overruled. An override naming a task or field that does not exist is an error, reported
with the file and line, because a silently ignored correction is worse than none.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.errors import PeriodError, ReferenceError_
from helpers.files import spreadsheet_text, write_bytes
from helpers.identity import task_keys
from helpers.messages import say
from helpers.reference_csv import read_reference, reference_error, saved_form
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
        raise ReferenceError_(f"{where}: " + say("overrides.not_number", field=field, value=v)) from None
    if not math.isfinite(x) or not lo <= x <= hi:
        raise ReferenceError_(f"{where}: " + say("overrides.out_of_range", field=field, value=v, hint=hint))
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
            raise ReferenceError_(f"{where}: " + say("overrides.method", value=v, methods="、".join(METHODS)))
        return v
    if field == "completion_pct":
        return _number(field, v, where, 0.0, MAX_COMPLETION, say("overrides.completion_range", most=MAX_COMPLETION))
    if field == "lag_pts":
        return _number(field, v, where, -100 * MAX_COMPLETION, 100.0, say("overrides.lag_range"))
    if field in ("is_mixed", "is_target_adjusted"):
        if v.lower() not in _BOOL:
            raise ReferenceError_(f"{where}: " + say("overrides.not_bool", field=field, value=v))
        return _BOOL[v.lower()]
    return v or None  # evidence: free text


FIELDS = ("status", "completion_pct", "lag_pts", "method", "evidence", "is_mixed", "is_target_adjusted")


def _period(code: str, where: str) -> str:
    try:
        return parse_code(code).code
    except PeriodError:
        raise ReferenceError_(f"{where}: " + say("period.unknown", code=code)) from None


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
        raise reference_error(path, say("ref.header", header=",".join(HEADER)), 1)
    rows: list[dict] = []
    seen: dict[tuple[str, str, str], dict] = {}
    for line, cells in table:
        if not any(cells.values()):
            continue
        row = {**{k: "" for k in HEADER + KEY_COLUMNS}, **cells, "line": line}  # a researcher's columns kept
        blank = next((c for c in HEADER[:3] if not row[c]), None)
        if blank:  # a row that names no task (or no field) corrects nothing: say so, never skip it
            raise reference_error(path, say("overrides.empty", column=blank), line)
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
                raise reference_error(path, say(
                    "overrides.key_gone", task=row["task_id"], task_key=key,
                    where=say("overrides.key_twice" if found else "overrides.key_missing")), row["line"])
            row = {**row, "task_id": found[0], "moved_from": row["task_id"]}
        _refuse_meeting(path, row, out)
        out.append(row)
    return out


def _refuse_meeting(path: Path, row: dict, earlier: list[dict]) -> None:
    """Two rows that now set one field of one task to different values (one followed its task
    there by key) are refused: neither may silently outvote the other."""
    for e in earlier:
        if (e["task_id"], e["field"]) == (row["task_id"], row["field"]) and e["value"] != row["value"]:
            raise reference_error(path, say("overrides.meeting", line=e["line"], task=row["task_id"],
                                            field=row["field"], value=row["value"], other=e["value"]), row["line"])


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
                    position = say("overrides.below" if lag > 0 else "overrides.at_or_above", pts=abs(lag))
                    raise ReferenceError_(f"{fields[given][1]}: " + say(
                        "overrides.contradicts", field=given, value=fields[given][0], task=task_id,
                        position=position, status=STATUS_ZH.get(status, status)))
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
    added is kept, and so are the bytes of every row not replaced, the file's encoding, BOM and line
    ends (a GBK file saved by Excel stays GBK). Every value is checked first and the file is
    rewritten atomically, so a bad row leaves it untouched. Cells a spreadsheet would run as
    formulas are escaped (read back as typed). Counts: new, updated, unchanged.
    """
    path = Path(path)
    existing = read_overrides(path)
    for i, row in enumerate(rows, start=1):
        where = say("overrides.new_row", path=path, n=i)
        if row["field"] not in FIELDS:
            raise ReferenceError_(f"{where}: " + say("overrides.field", field=row["field"], fields="、".join(FIELDS)))
        _convert(row["field"], row["value"], where)
    # 2024h1 is 2024H1 before any comparison
    periods = [_period(str(row.get("period") or "").strip(), say("overrides.new_row", path=path, n=i))
               for i, row in enumerate(rows, start=1)]
    columns = _columns(path, rows)
    merged = [{**{k: r.get(k, "") for k in columns}, "line": r["line"]} for r in existing]
    dirty: set[int] = set()
    counts = {"new": 0, "updated": 0, "unchanged": 0}
    for row, period in zip(rows, periods):
        given = {k: str(row.get(k) or "").strip() for k in HEADER + KEY_COLUMNS if k in row or k in HEADER}
        given["period"] = period
        k = (given["period"], given["task_id"], given["field"])
        # earlier duplicates of the same key (hand edits) all take the new value: apply order no longer matters
        same = [n for n, r in enumerate(merged) if (r["period"], r["task_id"], r["field"]) == k]
        if not same:
            merged.append({**{c: given.get(c, "") for c in columns}, "line": None})
            counts["new"] += 1
        elif all(all(merged[n].get(c, "") == v for c, v in given.items()) for n in same):
            counts["unchanged"] += 1
        else:
            for n in same:
                merged[n].update({c: v for c, v in given.items() if c in columns})
            dirty.update(same)
            counts["updated"] += 1
    if counts["new"] or counts["updated"] or not path.exists():
        _write(path, columns, [r for n, r in enumerate(merged) if n in dirty or r["line"] is None])
    return counts


def _write(path: Path, columns: list[str], rows: list[dict]) -> None:
    """Write `rows` (replaced ones carry their file line, new ones none) into the file as it was
    saved: every other line keeps its bytes, the header is rewritten only when columns were added."""
    form = saved_form(path)
    lines = io.StringIO(form.text, newline="").readlines()

    def serialized(cells: list[str]) -> str:
        out = io.StringIO()
        csv.writer(out, delimiter=form.delimiter, lineterminator=form.eol).writerow(
            [spreadsheet_text(c) for c in cells])
        return out.getvalue()

    def record_end(start: int) -> int:  # a quoted cell may span lines: the record's last line
        reader = csv.reader(iter(lines[start - 1:]), delimiter=form.delimiter)
        next(reader, None)
        return start - 1 + reader.line_num

    replaced = {r["line"]: serialized([r.get(c, "") for c in columns]) for r in rows if r["line"] is not None}
    if not lines or read_reference(path).header != columns:
        replaced[1] = serialized(columns)
    out: list[str] = []
    n = 1
    while n <= len(lines):
        end = record_end(n) if n in replaced else n
        out.append(replaced.get(n, lines[n - 1]))
        n = end + 1
    if not lines:
        out = [replaced[1]]
    added = [serialized([r.get(c, "") for c in columns]) for r in rows if r["line"] is None]
    if added and not out[-1].endswith(("\n", "\r")):  # a last line saved without its line end
        out[-1] += form.eol
    write_bytes(path, form.encode("".join(out + added)))
