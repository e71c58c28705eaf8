"""The year as a chain of periods: what changed for each task since the earlier report.

The tasks of two reports are tied by helpers.compare.matching; here each task gets a change class
(CHANGE_RULES) and the count of reports it has been behind in a row (连续滞后), the shares on pace
of the same tasks then and now are computed, and a period's comparison is written beside its
tables. What the briefings print of it is helpers.report.changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from helpers import paths
from helpers.compare.matching import Fix, assign_keys, load_fixes, match_tasks
from helpers.errors import HelpersError
from helpers.messages import say
from helpers.period import parse_code
from helpers.quality import Quality, find_quality
from helpers.schema import (CHANGES_SCHEMA, MATCHES_SCHEMA, SHARES_SCHEMA, TASKS_SCHEMA, read_table,
                            validate, write_table)
from helpers.statuses import CHANGE_CLASSES, MEASURED, ON_PACE_OR_BETTER

#: How a matched task's change class is decided, first rule that holds wins.
CHANGE_RULES = {
    "still_behind": "behind now and in the earlier period (连续滞后)",
    "newly_behind": "behind now, not behind in the earlier period",
    "recovered": "behind in the earlier period, now on pace, ahead or completed",
    "completed_since": "completed now, neither completed nor behind in the earlier period",
    "unchanged": "the same status in both periods",
    "changed": "any other move (e.g. ahead → on_pace, behind → qualitative)",
    "new": "no earlier task matched, and the earlier report is complete",
    "unmatched": "no earlier task matched, but the match was ambiguous or the earlier report is "
                 "incomplete (an excerpt, cut off): not counted as new",
    "dropped": "an earlier task no later task matched (unmatched if the later report is incomplete)",
}
MATCH_FILES = paths.COMPARISON_TABLES


# --------------------------------------------------------------------------------------------
# one period against the earlier one


def is_incomplete(quality: Quality | None) -> bool:
    """The report is known to lack rows: it ends inside a row, or fewer rows than it declares."""
    return quality is not None and quality.is_incomplete


def _combine_prev(rows: list[dict[str, Any]]) -> tuple[Any, Any, Any]:
    """Earlier status, completion and lag of a task that merged several: the least advanced."""
    st = [r["status"] for r in rows]
    if "behind" in st:
        status = "behind"
    elif len(set(st)) == 1:
        status = st[0]
    else:
        measured = [s for s in MEASURED if s in st]
        status = measured[0] if measured else st[0]
    comps = [r["completion_pct"] for r in rows if not pd.isna(r["completion_pct"])]
    lags = [r["lag_pts"] for r in rows if not pd.isna(r["lag_pts"])]
    return status, min(comps, default=None), max(lags, default=None)


def change_class(status: str, prev_status: str) -> str:
    """The change class of a task matched to the earlier period (CHANGE_RULES, in order)."""
    if status == "behind":
        return "still_behind" if prev_status == "behind" else "newly_behind"
    if prev_status == "behind" and status in ON_PACE_OR_BETTER:
        return "recovered"
    if status == "completed" and prev_status != "completed":
        return "completed_since"
    return "unchanged" if status == prev_status else "changed"


def compare(prev: pd.DataFrame, cur: pd.DataFrame, matches: pd.DataFrame, prev_streak: dict[str, int],
            *, prev_incomplete: bool = False, cur_incomplete: bool = False) -> pd.DataFrame:
    """The change table (schema.CHANGE_COLUMNS): one row per task of `cur`, and per dropped earlier task.

    `prev_streak` gives, per earlier task_id, the consecutive reports it had been behind.
    """
    per = str(cur["period"].iloc[0]) if len(cur) else ""
    pper = str(prev["period"].iloc[0]) if len(prev) else ""
    # plain dicts: a .loc per task on the whole frame costs seconds on a full report
    p = prev.set_index("task_id")[["status", "completion_pct", "lag_pts", "table", "seq", "task", "bureau",
                                   "sector"]].to_dict("index")
    linked = matches.dropna(subset=["task_id", "prev_task_id"])
    parents = linked.groupby("task_id")["prev_task_id"].apply(list).to_dict()
    kind = matches.dropna(subset=["task_id"]).groupby("task_id")["match"].first().to_dict()
    rows = []
    for r in cur.itertuples(index=False):
        base = {"period": per, "prev_period": pper, "task_key": r.task_key, "task_id": r.task_id,
                "match": kind.get(r.task_id, "new"), "table": r.table, "seq": r.seq, "task": r.task,
                "bureau": r.bureau, "sector": r.sector, "status": r.status,
                "completion_pct": r.completion_pct, "lag_pts": r.lag_pts,
                # a table judged before notes existed has none: nothing to show, nothing hidden
                "note_reason": getattr(r, "note_reason", None),
                "is_target_adjusted": bool(getattr(r, "is_target_adjusted", False))}
        ps = parents.get(r.task_id)
        behind_now = r.status == "behind"
        if not ps:
            change = "unmatched" if (prev_incomplete or base["match"] == "ambiguous") else "new"
            rows.append({**base, "prev_task_ids": None, "prev_status": None, "prev_completion_pct": None,
                         "prev_lag_pts": None, "change": change, "behind_reports": int(behind_now)})
            continue
        pst, pcomp, plag = _combine_prev([p[t] for t in ps])
        streak = max((prev_streak.get(t, 0) for t in ps), default=0)
        rows.append({**base, "prev_task_ids": "、".join(ps), "prev_status": pst, "prev_completion_pct": pcomp,
                     "prev_lag_pts": plag, "change": change_class(r.status, pst),
                     "behind_reports": (streak + 1 if streak else 1) if behind_now else 0})
    for m in matches[matches["match"].eq("dropped")].itertuples(index=False):
        e = p[m.prev_task_id]
        rows.append({"period": per, "prev_period": pper, "task_key": m.task_key, "task_id": None,
                     "prev_task_ids": m.prev_task_id, "match": "dropped", "table": e["table"], "seq": e["seq"],
                     "task": e["task"], "bureau": e["bureau"], "sector": e["sector"], "status": None,
                     "prev_status": e["status"], "completion_pct": None, "prev_completion_pct": e["completion_pct"],
                     "lag_pts": None, "prev_lag_pts": e["lag_pts"], "note_reason": None, "is_target_adjusted": False,
                     "change": "unmatched" if cur_incomplete else "dropped", "behind_reports": 0})
    df = pd.DataFrame.from_records(rows, columns=list(CHANGES_SCHEMA.columns))
    return validate(df, CHANGES_SCHEMA, where=f"changes {per} vs {pper}")


def share_changes(changes: pd.DataFrame) -> pd.DataFrame:
    """Per bureau and per sector: share on pace then and now, over the tasks present in both periods.

    The same tasks on both sides, so a task added or an earlier report cut short does not read as
    a change in performance. Columns as schema.SHARE_COLUMNS.
    """
    both = changes.dropna(subset=["status", "prev_status"])
    t = both.assign(m_then=both["prev_status"].isin(MEASURED), g_then=both["prev_status"].isin(ON_PACE_OR_BETTER),
                    m_now=both["status"].isin(MEASURED), g_now=both["status"].isin(ON_PACE_OR_BETTER))
    out = []
    for level in ("bureau", "sector"):
        g = t.groupby(level, sort=True)
        f = pd.DataFrame({"tasks": g.size(), "measured_then": g["m_then"].sum(), "on_pace_then": g["g_then"].sum(),
                          "measured_now": g["m_now"].sum(), "on_pace_now": g["g_now"].sum()})
        f = f.reset_index(names="name").assign(level=level)
        out.append(f)
    df = pd.concat(out, ignore_index=True) if out else pd.DataFrame()
    per = changes["period"].iloc[0] if len(changes) else ""
    pper = changes["prev_period"].iloc[0] if len(changes) else ""
    df = df.assign(period=per, prev_period=pper)
    df["share_then"] = (df["on_pace_then"] / df["measured_then"]).where(df["measured_then"] > 0)
    df["share_now"] = (df["on_pace_now"] / df["measured_now"]).where(df["measured_now"] > 0)
    df["change_pts"] = (df["share_now"] - df["share_then"]) * 100
    return validate(df[list(SHARES_SCHEMA.columns)], SHARES_SCHEMA, where="change shares")


# --------------------------------------------------------------------------------------------
# the chain of a year's periods


@dataclass
class Step:
    """One period of the chain, with its match and change tables against the period before it."""

    period: str
    tasks: pd.DataFrame  # with task_key
    quality: Quality | None
    matches: pd.DataFrame | None = None
    changes: pd.DataFrame | None = None
    streak: dict[str, int] = field(default_factory=dict)


def load_tasks(folder: Path) -> tuple[pd.DataFrame, Quality | None]:
    """A period's judged tasks (schema-checked) and its quality.json (None when it has none)."""
    return read_table(folder / "tasks.parquet", TASKS_SCHEMA), find_quality(folder)


def build_chain(folders: Sequence[Path], fixes: Sequence[Fix] = (),
                fixes_path: Path | str = paths.TASK_MATCHES_CSV) -> list[Step]:
    """Match each period to the one before it, in order, carrying keys and behind-streaks along."""
    steps: list[Step] = []
    for folder in folders:
        tasks, quality = load_tasks(Path(folder))
        if not steps:
            keys = assign_keys(pd.DataFrame(columns=["task_id", "prev_task_id"]), tasks, {})
            tasks = tasks.assign(task_key=tasks["task_id"].map(keys))
            streak = {t: int(s == "behind") for t, s in zip(tasks["task_id"], tasks["status"])}
            steps.append(Step(str(tasks["period"].iloc[0]) if len(tasks) else Path(folder).name, tasks, quality,
                              streak=streak))
            continue
        before = steps[-1]
        m = match_tasks(before.tasks, tasks, fixes, fixes_path)
        prev_keys = dict(zip(before.tasks["task_id"], before.tasks["task_key"]))
        keys = assign_keys(m, tasks, prev_keys)
        tasks = tasks.assign(task_key=tasks["task_id"].map(keys))
        m.insert(4, "task_key", [keys[t] if isinstance(t, str) else prev_keys[p]
                                 for t, p in zip(m["task_id"], m["prev_task_id"])])
        m = validate(m, MATCHES_SCHEMA, where="matches")
        ch = compare(before.tasks, tasks, m, before.streak, prev_incomplete=is_incomplete(before.quality),
                     cur_incomplete=is_incomplete(quality))
        streak = {t: int(n) for t, n in zip(ch["task_id"], ch["behind_reports"]) if isinstance(t, str)}
        steps.append(Step(str(tasks["period"].iloc[0]), tasks, quality, m, ch, streak))
    return steps


def earlier_periods(period: str, root: Path | str | None = None) -> list[str]:
    """Periods of the same year ending before `period` whose tables are built under `root`."""
    per = parse_code(period)
    root = Path(root or paths.PROCESSED)
    found: dict[int, str] = {}
    for d in sorted(root.iterdir()) if root.is_dir() else []:
        try:
            p = parse_code(d.name)
        except HelpersError:
            continue
        if p.code == d.name and p.year == per.year and p.end_month < per.end_month and (d / "tasks.parquet").exists():
            found.setdefault(p.end_month, p.code)
    return [found[m] for m in sorted(found)]


@dataclass
class Comparison:
    """What `run` compared a period with, and the tables it wrote."""

    period: str
    prev_period: str | None
    chain: list[str]
    matches: pd.DataFrame | None = None
    changes: pd.DataFrame | None = None
    shares: pd.DataFrame | None = None
    compared: list[Path] = field(default_factory=list)  # the earlier tables read
    written: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        if self.prev_period is None:
            return f"{self.period}: no earlier period of {self.period[:4]} built; no comparison"
        c = self.changes["change"].value_counts()
        parts = ", ".join(f"{k} {int(c[k])}" for k in c.index)
        return f"{self.period} vs {self.prev_period}: {parts}"


def build_comparison(period: str, processed: Path | str | None = None, compare_to: str | None = None,
                     fixes_path: Path | str = paths.TASK_MATCHES_CSV, write: bool = True) -> Comparison:
    """Compare `period` with the latest earlier period of its year built beside it (or `compare_to`).

    The chain runs through every earlier built period up to the one compared with, so 连续滞后
    counts reports. Writes matches, changes and change_shares (.parquet and .csv) into the
    period's folder; with no earlier period, removes them so nothing stale is shown.
    """
    per = parse_code(period)
    folder = Path(processed or paths.processed_dir(per.code))
    root = folder.parent
    earlier = earlier_periods(per.code, root)
    if compare_to:
        want = parse_code(compare_to)
        if want.year != per.year or want.end_month >= per.end_month:
            raise HelpersError(say("chain.not_earlier", want=want.code, year=per.year, period=per.code))
        if want.code not in earlier:
            raise HelpersError(say("chain.not_built", want=want.code, folder=root / want.code))
        earlier = [p for p in earlier if parse_code(p).end_month <= want.end_month]
    files = {n: folder / f"{n}.parquet" for n in MATCH_FILES}
    if not earlier:
        if write:
            for p in files.values():
                p.unlink(missing_ok=True)
                p.with_suffix(".csv").unlink(missing_ok=True)
        return Comparison(per.code, None, [per.code])
    chain = earlier + [per.code]
    steps = build_chain([root / p for p in earlier] + [folder], load_fixes(fixes_path), fixes_path)
    last = steps[-1]
    shares = share_changes(last.changes)
    comp = Comparison(per.code, earlier[-1], chain, last.matches, last.changes, shares,
                      compared=[root / p / "tasks.parquet" for p in earlier])
    if write:  # each frame as build_chain, compare and share_changes validated it
        write_table(last.matches, files["matches"], MATCHES_SCHEMA, checked=True)
        write_table(last.changes, files["changes"], CHANGES_SCHEMA, checked=True)
        write_table(shares, files["change_shares"], SHARES_SCHEMA, checked=True)
        comp.written = list(files.values())
    return comp


# --------------------------------------------------------------------------------------------
# reading it back (notebooks, mail)


def load_changes(period: str, processed_dir: Path | str | None = None) -> pd.DataFrame | None:
    """The period's change table written by `run`, or None when it was compared with nothing."""
    per = parse_code(period)
    folder = Path(processed_dir) if processed_dir else paths.processed_dir(per.code)
    path = folder / "changes.parquet"
    if not path.exists():
        return None
    df = read_table(path, CHANGES_SCHEMA)
    if len(df) and set(df["period"]) != {per.code}:
        raise HelpersError(say("changes.other_period", path=path, found="、".join(sorted(set(df["period"]))), period=per.code))
    return df


def load_shares(period: str, processed_dir: Path | str | None = None) -> pd.DataFrame | None:
    """The per-bureau and per-sector shares on pace then and now, or None."""
    per = parse_code(period)
    folder = Path(processed_dir) if processed_dir else paths.processed_dir(per.code)
    path = folder / "change_shares.parquet"
    return read_table(path, SHARES_SCHEMA) if path.exists() else None


def bureau_changes(changes: pd.DataFrame, bureau: str) -> pd.DataFrame:
    """The change rows of the tasks `bureau` leads first (as the scoreboard counts them)."""
    return changes[changes["bureau"].eq(bureau)]


def change_counts(changes: pd.DataFrame) -> dict[str, int]:
    """Tasks per change class, in schema order, classes with none left out."""
    c = changes["change"].value_counts()
    return {k: int(c[k]) for k in CHANGE_CLASSES if c.get(k, 0)}


#: The classes of a task tied to an earlier one: only these were compared.
COMPARED = ("still_behind", "newly_behind", "recovered", "completed_since", "unchanged", "changed")


def coverage(changes: pd.DataFrame, bureau: str | None = None) -> tuple[int, int]:
    """(tasks of the later period, how many of them were tied to an earlier task) — city or one bureau."""
    rows = changes if bureau is None else bureau_changes(changes, bureau)
    now = rows[rows["task_id"].notna()]
    return len(now), int(now["change"].isin(COMPARED).sum())



# --------------------------------------------------------------------------------------------
# the year at a glance (notebooks/trend.ipynb)


def year_chain(period: str, processed_dir: Path | str | None = None,
               fixes_path: Path | str = paths.TASK_MATCHES_CSV) -> list[Step]:
    """The chain of `period`'s year up to `period`: every period built beside it, in order."""
    per = parse_code(period)
    folder = Path(processed_dir) if processed_dir else paths.processed_dir(per.code)
    codes = earlier_periods(per.code, folder.parent) + [per.code]
    folders = [folder.parent / c for c in codes[:-1]] + [folder]
    return build_chain(folders, load_fixes(fixes_path), fixes_path)


def trend_frame(steps: Sequence[Step]) -> pd.DataFrame:
    """One row per task and period: task_key, period, pace, status, completion_pct, task, bureau."""
    frames = [s.tasks.assign(month=parse_code(s.period).end_month)[
        ["task_key", "period", "month", "pace", "status", "completion_pct", "task", "bureau", "table", "seq"]]
        for s in steps]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def bureau_share_trend(steps: Sequence[Step]) -> pd.DataFrame:
    """Share of measured tasks on pace or better, per first lead unit (rows) and period (columns)."""
    rows = {}
    for s in steps:
        t = s.tasks
        measured = t[t["status"].isin(MEASURED)]
        g = measured.groupby("bureau")["status"]
        rows[s.period] = g.apply(lambda x: x.isin(ON_PACE_OR_BETTER).mean())
    return pd.DataFrame(rows).sort_index()


def review_matches(steps: Sequence[Step]) -> pd.DataFrame:
    """Every match of the year that is not an exact one, for a researcher to check (fix in
    data/reference/task_matches.csv)."""
    frames = [s.matches for s in steps if s.matches is not None]
    if not frames:
        return pd.DataFrame(columns=list(MATCHES_SCHEMA.columns))
    m = pd.concat(frames, ignore_index=True)
    return m[m["match"].ne("same")].reset_index(drop=True)
