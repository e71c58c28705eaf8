"""One period's tables loaded for the briefings: tasks, indicators, quality.json and the comparison.

The warning level of every task (helpers.report.warning_levels) is computed here, once, as the
period is loaded: every page, the ledger and the mail read it from `PeriodData.tasks`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.compare.chain import load_changes
from helpers.errors import SchemaError
from helpers.messages import say
from helpers.period import Period, parse_code
from helpers.quality import Quality, find_quality
from helpers.report import warning_levels
from helpers.schema import INDICATORS_SCHEMA, TASK_COLUMNS, TASKS_SCHEMA, read_table, validate


@dataclass(frozen=True)
class PeriodData:
    """One period's cleaned tables and the parser's quality report."""

    period: Period
    tasks: pd.DataFrame
    indicators: pd.DataFrame
    quality: Quality | None = None  # None: the folder has no quality.json (a table built elsewhere)
    folder: Path | None = None
    #: what changed per task since the earlier period of the year (None: compared with nothing)
    changes: pd.DataFrame | None = None

    @property
    def label(self) -> str:
        """Chinese label of the period, e.g. 2024年上半年."""
        return self.period.label_zh

    @property
    def ahead_margin(self) -> float:
        """The margin the tasks were judged with (decided once, by `table`; stored in the table)."""
        margin = self.tasks.attrs.get("ahead_margin")
        if margin is None:
            raise SchemaError(say("tables.no_margin", folder=self.folder))
        return float(margin)


def load_period(period: str, processed_dir: str | Path | None = None) -> PeriodData:
    """Load tasks, indicators, quality.json and the comparison of `period` from `processed_dir`.

    `processed_dir` None means the project's data/processed/<period>/. The tables are checked
    against schema.py; a table of another period is refused rather than silently briefed. The
    tasks get their warning level (`warning`) and reports running behind (`behind_reports`).
    """
    p = parse_code(period)
    folder = Path(processed_dir) if processed_dir else paths.processed_dir(p.code)
    tasks = read_table(folder / "tasks.parquet", TASKS_SCHEMA)
    indicators = read_table(folder / "indicators.parquet", INDICATORS_SCHEMA)
    found = set(tasks["period"].dropna().unique())
    if found and found != {p.code}:
        raise SchemaError(say("tables.other_period", folder=folder, found="、".join(sorted(found)), period=p.code))
    quality = find_quality(folder)
    changes = load_changes(p.code, folder)
    tasks = warning_levels.assign(tasks, changes)
    return PeriodData(p, tasks, indicators, quality, folder, changes)


def table_pace(tasks: pd.DataFrame) -> float:
    """The pace of the period the tasks were judged in: their `pace` column, else their period's.

    A table that carries neither cannot be worded for its period (a year's end reads otherwise
    than a mid-year): SchemaError rather than a guessed pace.
    """
    if "pace" in tasks and tasks["pace"].notna().any():
        return float(tasks["pace"].dropna().iloc[0])
    if "period" in tasks and tasks["period"].notna().any():
        return parse_code(str(tasks["period"].dropna().iloc[0])).pace
    raise SchemaError(say("tables.no_pace"))


def warm_up() -> None:
    """Do once, in a kernel waiting for its first page, what a process's first load_period does
    once: import pandas' parquet reader and pandera's checks (with the hypothesis strategies
    pandera registers when hypothesis is installed): ≈ 0.3 s of CPU the first page of every
    kernel paid. Reads no table (an empty one, in memory, and a task table with no rows)."""
    buf = io.BytesIO()
    pd.DataFrame({"task_id": pd.Series([], dtype="string")}).to_parquet(buf, index=False)
    pd.read_parquet(io.BytesIO(buf.getvalue()))
    validate(pd.DataFrame({c.name: pd.Series([], dtype=object) for c in TASK_COLUMNS}), TASKS_SCHEMA, "warm-up")
