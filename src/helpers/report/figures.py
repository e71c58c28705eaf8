"""The figures behind the briefings: headline counts, the scoreboard of lead units, a unit's tasks.

Every page counts "behind" or "on pace or better" through these functions, so the city page, the
bureau pages, the ledger and the mail agree. Plain numbers (fractions, counts); the Chinese,
formatted tables are built from them in helpers.report.tables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from helpers.errors import UnknownUnitError
from helpers.messages import say
from helpers.read.bureaus import leads
from helpers.report.formatting import METHOD_ZH
from helpers.report.loading import PeriodData, table_pace
from helpers.report.warning_levels import COLUMN as WARNING
from helpers.schema import SECTORS
from helpers.statuses import MEASURED, ON_PACE_OR_BETTER, STATUS_ZH, STATUSES




#: Order a bureau reads its tasks in: problems first, then measured from least to most advanced.
ATTENTION_ORDER = ("behind", "blocked", "pending", "on_pace", "ahead", "completed", "qualitative")

@dataclass(frozen=True)
class Headline:
    """The headline counts of a set of tasks."""

    tasks: int
    measured: int
    behind: int
    completed: int
    on_pace_or_better: int
    by_status: dict[str, int]
    #: the period's pace (from the tasks' `pace` column); 1 at the year's end, None for no tasks
    pace: float | None = None

    @property
    def share_on_pace_or_better(self) -> float | None:
        """Share of measured tasks on pace or better; None when nothing was measured."""
        return self.on_pace_or_better / self.measured if self.measured else None


def headline(tasks: pd.DataFrame, pace: float | None = None) -> Headline:
    """Count tasks, measured tasks, behind, completed and on pace or better.

    `pace` is the period's (given when `tasks` is a part of a table, which may be empty); by
    default the tasks' own, None when there are none.
    """
    counts = tasks["status"].value_counts()
    by_status = {s: int(counts.get(s, 0)) for s in STATUSES}
    return Headline(
        tasks=len(tasks),
        measured=sum(by_status[s] for s in MEASURED),
        behind=by_status["behind"],
        completed=by_status["completed"],
        on_pace_or_better=sum(by_status[s] for s in ON_PACE_OR_BETTER),
        by_status=by_status,
        pace=pace if pace is not None else table_pace(tasks) if len(tasks) else None,
    )


def status_counts(tasks: pd.DataFrame, by: str = "sector") -> pd.DataFrame:
    """Tasks per `by` value (rows) and status (columns, in STATUSES order), with a total column.

    For by="sector" the rows follow the order of schema.SECTORS and only sectors with tasks show.
    """
    table = pd.crosstab(tasks[by], tasks["status"]).reindex(columns=list(STATUSES), fill_value=0)
    if by == "sector":
        table = table.reindex([s for s in SECTORS if s in table.index])
    table["total"] = table.sum(axis=1)
    table.columns.name = None
    return table.astype("int64")


def bureau_scoreboard(tasks: pd.DataFrame) -> pd.DataFrame:
    """One row per lead bureau (the `bureau` column), best first.

    Columns: rank, bureau, tasks, measured, behind, completed, on_pace_or_better, share (of
    measured tasks on pace or better; NaN when none is measured), median_completion (median of
    completion_pct over tasks that have one), warned (tasks with a warning level). Sorted by share (descending, unmeasured last),
    then fewer behind, then more tasks, then name, so the order is stable.

    The rank follows only what the ranking says it measures, share and then fewer behind: units
    equal on both share a rank (并列) and the next rank skips (1, 1, 3). Units with nothing
    measured have no rank (<NA>).
    """
    t = tasks.assign(
        _measured=tasks["status"].isin(MEASURED),
        _behind=tasks["status"].eq("behind"),
        _completed=tasks["status"].eq("completed"),
        _good=tasks["status"].isin(ON_PACE_OR_BETTER),
        _warned=tasks[WARNING].notna() if WARNING in tasks else False,
    )
    g = t.groupby("bureau", sort=True)
    board = pd.DataFrame({
        "tasks": g.size(),
        "measured": g["_measured"].sum(),
        "behind": g["_behind"].sum(),
        "completed": g["_completed"].sum(),
        "on_pace_or_better": g["_good"].sum(),
        "warned": g["_warned"].sum(),
        "median_completion": g["completion_pct"].median(),
    })
    board = board.astype({c: "int64" for c in ("tasks", "measured", "behind", "completed", "on_pace_or_better", "warned")})
    board["share"] = (board["on_pace_or_better"] / board["measured"]).where(board["measured"] > 0)
    board = board.reset_index().sort_values(
        ["share", "behind", "tasks", "bureau"], ascending=[False, True, False, True], na_position="last"
    )
    board.insert(0, "rank", tie_ranks(board))
    cols = ["rank", "bureau", "tasks", "measured", "behind", "completed", "on_pace_or_better", "share",
            "median_completion", "warned"]
    return board[cols].reset_index(drop=True)


def tie_ranks(board: pd.DataFrame) -> pd.Series:
    """Competition ranks (1, 1, 3) of a sorted scoreboard by (share, behind); <NA> when unmeasured."""
    key = list(zip(board["share"], board["behind"]))
    ranks: list[Any] = []
    for i, k in enumerate(key):
        if pd.isna(k[0]):
            ranks.append(pd.NA)
        else:
            ranks.append(ranks[i - 1] if i and key[i - 1] == k else i + 1)
    return pd.Series(ranks, index=board.index, dtype="Int64")


def behind_tasks(tasks: pd.DataFrame) -> pd.DataFrame:
    """The tasks behind the pace, the largest measured lag first (unmeasured lags last)."""
    b = tasks[tasks["status"].eq("behind")]
    return b.sort_values(["lag_pts", "table", "seq"], ascending=[False, False, True], na_position="last")


def bureau_tasks(tasks: pd.DataFrame, bureau: str) -> pd.DataFrame:
    """Tasks `bureau` leads, alone or with others, in ATTENTION_ORDER (largest lag first within).

    Adds `is_primary`: the bureau is the first lead unit (the one the scoreboard counts it under).
    Raises UnknownUnitError naming similar bureaus when `bureau` leads nothing.
    """
    mask = leads(tasks, bureau)
    if not mask.any():
        known = sorted(set(tasks["bureau"].dropna()))
        close = [b for b in known if set(b) & set(bureau.removeprefix("市")) and len(set(b) & set(bureau)) >= 2]
        hint = say("figures.similar", units="、".join(close[:8])) if close else ""
        raise UnknownUnitError(say("figures.no_unit", unit=bureau, similar=hint))
    # The order is found on the four sort keys and the rows taken once: every selection of the
    # whole table copies its ~50 columns (a unit's page asks for its tasks several times).
    sub = tasks.loc[mask, ["status", "lag_pts", "table", "seq"]]
    order = {s: i for i, s in enumerate(ATTENTION_ORDER)}
    keys = sub.assign(_order=sub["status"].map(order), _lag=sub["lag_pts"].fillna(-math.inf))
    rows = keys.sort_values(["_order", "_lag", "table", "seq"], ascending=[True, False, False, True]).index
    out = tasks.loc[rows]
    return out.assign(is_primary=out["bureau"].eq(bureau))


def indicators_table(data: PeriodData, table: str | None = "quantified") -> pd.DataFrame:
    """Sub-indicators with target, actual, completion and status, joined to their task.

    `table` restricts to one of the report's tables (None: all). Completion is the stated
    ratio where the report gives one, else actual / target. Plain numbers; see indicators_zh.
    """
    ind = data.indicators
    # the task's status and its source ride along: a researcher's override is of the task, not its parts
    t = data.tasks[["task_id", "table", "seq", "bureau", "task", "status", "status_source", "pace"]].rename(
        columns={"status": "task_status", "status_source": "task_status_source"})
    out = ind.merge(t, on="task_id", how="inner", validate="many_to_one")
    if table is not None:
        out = out[out["table"].eq(table)]
    out = out.assign(completion=out["stated_ratio"].fillna(out["computed_ratio"]))
    return out.sort_values(["table", "seq", "part_no"], ascending=[False, True, True]).reset_index(drop=True)


def has_completions(tasks: pd.DataFrame) -> bool:
    """Whether any measured task has a completion ratio (else the completion chart is left out)."""
    return bool(tasks.loc[tasks["status"].isin(MEASURED), "completion_pct"].notna().any())


def method_counts(tasks: pd.DataFrame) -> pd.DataFrame:
    """Tasks per status (rows, Chinese) and deciding method (columns), for the exploration notebooks."""
    t = pd.crosstab(tasks["status"], tasks["method"])
    t = t.reindex([s for s in STATUSES if s in t.index])
    t.index = [STATUS_ZH[s] for s in t.index]
    t.columns = [METHOD_ZH.get(m, m) for m in t.columns]
    t.columns.name = None
    return t.reset_index(names="状态")
