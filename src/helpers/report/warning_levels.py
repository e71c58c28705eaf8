"""Warning levels (预警) of lagging tasks, from data/reference/warning_levels.csv.

Supervision offices grade lagging work: a yellow warning when a task is some way behind the pace,
a red one when it is far behind or stays behind report after report. The thresholds are the
office's and live in a CSV a researcher edits (one row per level, most severe first); a task
behind the pace gets the first level any of whose conditions holds:

- ``min_lag_pts``: it is this many points or more behind the pace (or its annual target);
- ``min_behind_reports``: it has been behind in this many reports running (the comparison's
  ``behind_reports``, 1 for a task behind now and not matched to an earlier report);
- ``official_status``: the report's own 完成状态 contains one of these words (``|`` between them).

Tasks not behind get no level. The level is computed once per task (`assign`) when a period is
loaded, so the briefings, the ledger, the front page and the mail agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from helpers import paths
from helpers.errors import ReferenceError_
from helpers.reference_csv import read_reference
from helpers.messages import say
from helpers.provenance import file_sha256

#: The column the level is written to (its Chinese name, or missing), and how it is headed.
COLUMN = "warning"
HEADER = "预警"
#: The CSV's columns; level and colour are required, the three conditions may be left blank.
COLUMNS = ("level", "colour", "min_lag_pts", "min_behind_reports", "official_status", "meaning")
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class Level:
    """One warning level and the conditions that give it."""

    name: str
    colour: str
    min_lag_pts: float | None
    min_behind_reports: int | None
    official_status: tuple[str, ...]
    meaning: str

    def applies(self, lag_pts: Any, behind_reports: Any, official: Any) -> bool:
        """Whether a task behind the pace with these facts gets this level."""
        if self.min_lag_pts is not None and pd.notna(lag_pts) and float(lag_pts) >= self.min_lag_pts:
            return True
        if self.min_behind_reports is not None and pd.notna(behind_reports) \
                and int(behind_reports) >= self.min_behind_reports:
            return True
        return isinstance(official, str) and any(w in official for w in self.official_status)


def _number(path: Path, line: int, row: dict, column: str, kind: type) -> Any:
    value = (row.get(column) or "").strip()
    if not value:
        return None
    try:
        return kind(float(value)) if kind is int else kind(value)
    except ValueError:
        raise ReferenceError_(say("reference.bad_number", path=path, line=line, column=column, value=value)) from None


def _level(path: Path, line: int, row: dict) -> Level:
    name, colour = row["level"].strip(), row["colour"].strip()
    if not _HEX.fullmatch(colour):
        raise ReferenceError_(say("reference.bad_colour", path=path, line=line, value=colour))
    words = tuple(w.strip() for w in (row.get("official_status") or "").split("|") if w.strip())
    level = Level(name, colour, _number(path, line, row, "min_lag_pts", float),
                  _number(path, line, row, "min_behind_reports", int), words, (row.get("meaning") or "").strip())
    if level.min_lag_pts is None and level.min_behind_reports is None and not words:
        raise ReferenceError_(say("reference.no_rule", path=path, line=line, value=name))
    return level


def load_levels(path: Path | str | None = None) -> tuple[Level, ...]:
    """The warning levels, most severe first; one-line Chinese errors naming file and line."""
    path = Path(path or paths.WARNING_LEVELS_CSV)
    levels: list[Level] = []
    for line, row in read_reference(path, COLUMNS[:2]).rows:
        level = _level(path, line, row)
        if any(lv.name == level.name for lv in levels):
            raise ReferenceError_(say("reference.duplicate", path=path, line=line, value=level.name))
        levels.append(level)
    if not levels:
        raise ReferenceError_(say("reference.empty", path=path))
    return tuple(levels)


def levels_key(path: Path | str | None = None) -> str:
    """The thresholds' content, for the keys of every page and workbook that shows a level."""
    p = Path(path or paths.WARNING_LEVELS_CSV)
    return file_sha256(p) if p.exists() else "missing"


def behind_reports(tasks: pd.DataFrame, changes: pd.DataFrame | None) -> pd.Series:
    """Reports running each task has been behind: the comparison's count, else 1 when behind now."""
    now = tasks["status"].eq("behind").astype("int64")
    if changes is None or "behind_reports" not in changes:
        return now
    streak = changes.dropna(subset=["task_id"]).set_index("task_id")["behind_reports"]
    got = tasks["task_id"].map(streak)
    return got.where(got.notna(), now).astype("int64").where(now.astype(bool), 0)


def assign(tasks: pd.DataFrame, changes: pd.DataFrame | None = None,
           levels: Sequence[Level] | None = None) -> pd.DataFrame:
    """`tasks` with `behind_reports` and `warning` (the level's name; None when none applies)."""
    levels = load_levels() if levels is None else levels
    reports = behind_reports(tasks, changes)
    official = tasks["official_status"] if "official_status" in tasks else pd.Series(None, index=tasks.index)
    names = []
    for status, lag, n, off in zip(tasks["status"], tasks["lag_pts"], reports, official):
        hit = next((lv.name for lv in levels if lv.applies(lag, n, off)), None) if status == "behind" else None
        names.append(hit)
    return tasks.assign(behind_reports=reports, **{COLUMN: pd.Series(names, index=tasks.index, dtype="object")})


def counts(tasks: pd.DataFrame, levels: Sequence[Level] | None = None) -> dict[str, int]:
    """Tasks per level, every level listed (most severe first), for a count beside the statuses."""
    levels = load_levels() if levels is None else levels
    got = tasks[COLUMN].value_counts() if COLUMN in tasks else pd.Series(dtype="int64")
    return {lv.name: int(got.get(lv.name, 0)) for lv in levels}


def colours(levels: Sequence[Level] | None = None) -> dict[str, str]:
    """Level name → colour (#RRGGBB), for pages and the ledger."""
    return {lv.name: lv.colour for lv in (load_levels() if levels is None else levels)}


def facts(tasks: pd.DataFrame, levels: Sequence[Level] | None = None) -> dict[str, Any]:
    """The warning facts of a set of tasks as plain values (the mail body and the briefings read these):
    ``levels`` (name → count), ``warned`` (tasks with any level), ``rules`` (name → meaning) and
    ``summary`` (红色预警2项、黄色预警3项, or 无 when none)."""
    levels = load_levels() if levels is None else levels
    c = counts(tasks, levels)
    shown = [f"{name}预警{n}项" for name, n in c.items() if n]
    return {"levels": c, "warned": sum(c.values()), "rules": {lv.name: lv.meaning for lv in levels},
            "summary": "、".join(shown) if shown else "无"}
