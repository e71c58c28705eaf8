"""The year as a chain of periods: which task of one report is which task of the next, and what changed.

Task ids (Q01, G017) are row positions and mean nothing from one report to the next. Here a task
of a later report is tied to the earlier report's by its text (normalized: width, spaces and
punctuation removed) and its lead unit, scored with rapidfuzz:

- a pair whose score (``fuzz.ratio`` minus ``BUREAU_PENALTY`` when the first lead unit differs)
  reaches ``THRESHOLD`` is one task (``same`` when the normalized texts are equal, else
  ``reworded``), best pairs first;
- a task whose best two candidates are within ``AMBIGUITY`` points of each other is not guessed:
  it stays unmatched (``ambiguous``) and is listed with its candidates;
- a task whose text is a part of an earlier one (``fuzz.partial_ratio`` ≥ ``PART_THRESHOLD``, at
  most ``PART_MAX_SHARE`` of its length) was split from it; earlier tasks that are parts of one
  later task were merged into it. Both are many-to-one and say so in the match table;
- what is still unmatched is ``new`` (later) or ``dropped`` (earlier), listed with the closest
  candidate and its score for review;
- a researcher's fix in data/reference/task_matches.csv (``period,task_id,prev_period,
  prev_task_id,note``; an empty prev_task_id means "no match") overrides all of this for the
  tasks it names.

A task keeps the ``task_key`` of the task it matched (split parts get ``<key>.1``, ``<key>.2``);
a task matched to nothing gets a key from its own text and lead unit. The comparison then gives
each task a change class (CHANGE_RULES) and counts the reports it has been behind in a row (连续滞后).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import numpy as np
import pandas as pd

from helpers import paths
from helpers.errors import HelpersError, ReferenceError_
from helpers.identity import norm_task, task_key
from helpers.period import parse_code
from helpers.quality import Quality, find_quality
from helpers.reference_csv import read_reference
from helpers.schema import (CHANGE_ZH, CHANGES_SCHEMA, MATCHES_SCHEMA, SHARES_SCHEMA, TASKS_SCHEMA,
                            read_table, validate, write_table)
from helpers.statuses import MEASURED, ON_PACE_OR_BETTER

THRESHOLD = 80.0
AMBIGUITY = 5.0
BUREAU_PENALTY = 15.0
PART_THRESHOLD = 85.0
PART_MAX_SHARE = 0.8
MIN_PART_CHARS = 6
FIX_COLUMNS = ("period", "task_id", "prev_period", "prev_task_id", "note")
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
# text and keys


# norm_task and base_key (a task first seen in this period keys on its own text and lead unit)
# are helpers.identity's: a correction names its task by the same key.
base_key = task_key


# --------------------------------------------------------------------------------------------
# researcher's fixes


@dataclass(frozen=True)
class Fix:
    """One row of data/reference/task_matches.csv."""

    line: int
    period: str
    task_id: str
    prev_period: str
    prev_task_id: str | None
    note: str


def load_fixes(path: Path | str = paths.TASK_MATCHES_CSV) -> list[Fix]:
    """Read the researchers' match fixes; a malformed row is an error naming file and line."""
    path = Path(path)
    if not path.exists():
        return []
    out = []
    for n, row in read_reference(path, FIX_COLUMNS).rows:
        cells = {k: row[k] for k in FIX_COLUMNS}
        try:
            per, prev = parse_code(cells["period"]).code, parse_code(cells["prev_period"]).code
        except HelpersError:
            raise ReferenceError_(f"{path}:{n}: bad period code {cells['period']!r} or "
                                  f"{cells['prev_period']!r} (use e.g. 2024H1)") from None
        if not cells["task_id"]:
            raise ReferenceError_(f"{path}:{n}: empty task_id")
        if parse_code(prev).year != parse_code(per).year or parse_code(prev).end_month >= parse_code(per).end_month:
            raise ReferenceError_(f"{path}:{n}: prev_period {prev} is not earlier in the same year as {per}")
        out.append(Fix(n, per, cells["task_id"], prev, cells["prev_task_id"] or None, cells["note"]))
    return out


def _check_fixes(fixes: Sequence[Fix], cur: pd.DataFrame, prev: pd.DataFrame, path: Path | str) -> None:
    cur_ids, prev_ids = set(cur["task_id"]), set(prev["task_id"])
    for f in fixes:
        if f.task_id not in cur_ids:
            raise ReferenceError_(f"{path}:{f.line}: task {f.task_id} is not in {f.period}'s table")
        if f.prev_task_id is not None and f.prev_task_id not in prev_ids:
            raise ReferenceError_(f"{path}:{f.line}: task {f.prev_task_id} is not in {f.prev_period}'s table")


# --------------------------------------------------------------------------------------------
# matching


@dataclass
class _Links:
    """Pairs found so far: (cur index, prev index) → (kind, score, note)."""

    pairs: dict[tuple[int, int], list] = field(default_factory=dict)
    ambiguous: set[int] = field(default_factory=set)  # later tasks left unmatched: too close a call

    def of_cur(self, i: int) -> list[int]:
        return [j for (a, j) in self.pairs if a == i]

    def of_prev(self, j: int) -> list[int]:
        return [i for (i, b) in self.pairs if b == j]


def _score_matrices(cur: pd.DataFrame, prev: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, list, list]:
    from rapidfuzz import fuzz, process

    a = [norm_task(t) for t in cur["task"]]
    b = [norm_task(t) for t in prev["task"]]
    same = cur["bureau"].to_numpy(dtype=object)[:, None] == prev["bureau"].to_numpy(dtype=object)[None, :]
    penalty = np.where(same, 0.0, BUREAU_PENALTY)
    ratio = process.cdist(a, b, scorer=fuzz.ratio, dtype=np.float32) - penalty
    # partial_ratio(short, long): how well the shorter text sits inside the longer one
    part = process.cdist(a, b, scorer=fuzz.partial_ratio, dtype=np.float32) - penalty
    return ratio, part, same, a, b


def _one_to_one(links: _Links, ratio: np.ndarray, a: list, b: list, cur_free: set, prev_free: set) -> None:
    """Best pairs first; a task with a second candidate within AMBIGUITY points is not guessed."""
    cand = sorted(((float(ratio[i, j]), i, j) for i in cur_free for j in prev_free if ratio[i, j] >= THRESHOLD),
                  reverse=True)
    for s, i, j in cand:
        if i not in cur_free or j not in prev_free or i in links.ambiguous:
            continue
        rivals = [k for k in prev_free if k != j and ratio[i, k] >= max(THRESHOLD, s - AMBIGUITY)]
        others = [k for k in cur_free if k != i and k not in links.ambiguous
                  and ratio[k, j] >= max(THRESHOLD, s - AMBIGUITY)]
        if (rivals or others) and not (a[i] == b[j] and s >= 100):
            links.ambiguous.update([i, *others])
            continue
        links.pairs[(i, j)] = ["same" if a[i] == b[j] else "reworded", s, ""]
        cur_free.discard(i)
        prev_free.discard(j)


def _parts(links: _Links, part: np.ndarray, a: list, b: list, cur_free: set, prev_free: set) -> None:
    """Splits (a later task is a part of an earlier one) and merges (earlier parts of a later one)."""
    def best(scores: np.ndarray, allowed: Iterable[int], fits: Callable[[int], bool]) -> int | None:
        ok = [k for k in allowed if fits(k) and scores[k] >= PART_THRESHOLD]
        if not ok:
            return None
        ok.sort(key=lambda k: -scores[k])
        if len(ok) > 1 and scores[ok[1]] >= scores[ok[0]] - AMBIGUITY:
            return None  # two wholes it could be a part of: not guessed
        return ok[0]

    for i in sorted(cur_free):
        if i in links.ambiguous or len(a[i]) < MIN_PART_CHARS:
            continue
        j = best(part[i], range(len(b)), lambda k: len(a[i]) <= PART_MAX_SHARE * len(b[k]))
        if j is None or any(len(links.of_cur(x)) > 1 for x in links.of_prev(j)):
            continue
        links.pairs[(i, j)] = ["split", float(part[i, j]), ""]
        cur_free.discard(i)
        prev_free.discard(j)
    for j in sorted(prev_free):
        if len(b[j]) < MIN_PART_CHARS:
            continue
        i = best(part[:, j], range(len(a)), lambda k: len(b[j]) <= PART_MAX_SHARE * len(a[k])
                 and k not in links.ambiguous and all(len(links.of_prev(x)) <= 1 for x in links.of_cur(k)))
        if i is None:
            continue
        links.pairs[(i, j)] = ["merge", float(part[i, j]), ""]
        cur_free.discard(i)
        prev_free.discard(j)
    # Name each many-to-one group; a lone "part" with no partner is a rewording.
    for (i, j), v in links.pairs.items():
        if v[0] in ("split", "same", "reworded") and len(links.of_prev(j)) > 1:
            v[0] = "split"
        elif v[0] in ("merge", "same", "reworded") and len(links.of_cur(i)) > 1:
            v[0] = "merge"
        elif v[0] in ("split", "merge"):
            v[0], v[2] = "reworded", "一期文字包含于另一期"


def match_tasks(prev: pd.DataFrame, cur: pd.DataFrame, fixes: Sequence[Fix] = (),
                fixes_path: Path | str = paths.TASK_MATCHES_CSV) -> pd.DataFrame:
    """Tie the tasks of `cur` (later period) to those of `prev`: the match table without keys.

    One row per pair (a split or merge gives several rows for one task), one per unmatched
    task of either period. Columns as schema.MATCH_COLUMNS less task_key.
    """
    cur = cur.reset_index(drop=True)
    prev = prev.reset_index(drop=True)
    per = str(cur["period"].iloc[0]) if len(cur) else ""
    pper = str(prev["period"].iloc[0]) if len(prev) else ""
    mine = [f for f in fixes if f.period == per and f.prev_period == pper]
    _check_fixes(mine, cur, prev, fixes_path)
    ratio, part, same, a, b = _score_matrices(cur, prev)
    links = _Links()
    cur_pos = {t: i for i, t in enumerate(cur["task_id"])}
    prev_pos = {t: j for j, t in enumerate(prev["task_id"])}
    fixed_cur, fixed_prev = set(), set()
    for f in mine:
        i = cur_pos[f.task_id]
        fixed_cur.add(i)
        if f.prev_task_id is not None:
            j = prev_pos[f.prev_task_id]
            fixed_prev.add(j)
            links.pairs[(i, j)] = ["manual", float(ratio[i, j]), f.note or "人工核定"]
    cur_free = set(range(len(cur))) - fixed_cur
    prev_free = set(range(len(prev))) - fixed_prev
    _one_to_one(links, ratio, a, b, cur_free, prev_free)
    _parts(links, part, a, b, cur_free, prev_free)
    return _match_rows(links, cur, prev, ratio, same, cur_free, prev_free, fixed_cur, per, pper)


def _ref(df: pd.DataFrame, k: int) -> str:
    return str(df["task_id"].iloc[k])


def _match_rows(links: _Links, cur: pd.DataFrame, prev: pd.DataFrame, ratio: np.ndarray, same: np.ndarray,
                cur_free: set, prev_free: set, fixed_cur: set, per: str, pper: str) -> pd.DataFrame:
    rows = []
    c = {k: cur[k].tolist() for k in ("task_id", "task", "bureau")}
    p = {k: prev[k].tolist() for k in ("task_id", "task", "bureau")}

    def row(i: int | None, j: int | None, kind: str, score: float | None, note: str, candidate: str | None = None):
        notes = [note] if note else []
        if i is not None and j is not None and not same[i, j]:
            notes.append(f"牵头单位：{p['bureau'][j]} → {c['bureau'][i]}")
        rows.append({
            "period": per, "task_id": None if i is None else c["task_id"][i],
            "prev_period": pper, "prev_task_id": None if j is None else p["task_id"][j],
            "match": kind, "score": None if score is None else round(float(score), 1),
            "candidate": candidate,
            "task": None if i is None else c["task"][i],
            "prev_task": None if j is None else p["task"][j],
            "bureau": None if i is None else c["bureau"][i],
            "prev_bureau": None if j is None else p["bureau"][j],
            "note": "；".join(notes) or None,
        })

    for (i, j), (kind, score, note) in sorted(links.pairs.items()):
        if kind == "split":
            note = f"上期{_ref(prev, j)}拆分为本期" + "、".join(_ref(cur, k) for k in sorted(links.of_prev(j)))
        elif kind == "merge":
            note = "上期" + "、".join(_ref(prev, k) for k in sorted(links.of_cur(i))) + f"合并为本期{_ref(cur, i)}"
        row(i, j, kind, score, note)
    for i in sorted(cur_free | fixed_cur):
        if links.of_cur(i):
            continue
        if i in fixed_cur:
            row(i, None, "new", None, "人工核定：与上期无对应")
            continue
        top = np.argsort(-ratio[i])[:2] if ratio.shape[1] else []
        cand = "、".join(f"{_ref(prev, k)}({ratio[i, k]:.0f})" for k in top)
        kind = "ambiguous" if i in links.ambiguous else "new"
        note = f"与上期多项相近（差距不足{AMBIGUITY:.0f}分），未自动对应" if kind == "ambiguous" else None
        row(i, None, kind, float(ratio[i, top[0]]) if len(top) else None, note, cand or None)
    for j in sorted(prev_free):
        if links.of_prev(j):
            continue
        top = np.argsort(-ratio[:, j])[:2] if ratio.shape[0] else []
        cand = "、".join(f"{_ref(cur, k)}({ratio[k, j]:.0f})" for k in top)
        row(None, j, "dropped", float(ratio[top[0], j]) if len(top) else None, None, cand or None)
    cols = [c for c in MATCHES_SCHEMA.columns if c != "task_key"]
    return pd.DataFrame.from_records(rows, columns=cols)


def assign_keys(matches: pd.DataFrame, cur: pd.DataFrame, prev_keys: dict[str, str]) -> dict[str, str]:
    """task_id of `cur` → task_key: inherited through a match, else made from the task's own text."""
    keys: dict[str, str] = {}
    linked = matches.dropna(subset=["task_id", "prev_task_id"])
    children = linked.groupby("prev_task_id")["task_id"].apply(lambda s: sorted(set(s))).to_dict()
    order = {t: n for n, t in enumerate(prev_keys)}
    for tid, grp in linked.groupby("task_id", sort=False):
        parents = sorted(grp["prev_task_id"], key=lambda t: order.get(t, 1 << 30))
        first = parents[0]
        sibs = children.get(first, [tid])
        keys[tid] = prev_keys[first] + (f".{sibs.index(tid) + 1}" if len(parents) == 1 and len(sibs) > 1 else "")
    used = set(keys.values())
    for r in cur.itertuples():
        if r.task_id not in keys:
            k = base_key(r.task, r.bureau)
            if k in used:  # the same text and unit twice in one report
                k = f"{k}.{r.task_id}"
            keys[r.task_id] = k
            used.add(k)
    return keys


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
                "completion_pct": r.completion_pct, "lag_pts": r.lag_pts}
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
                     "lag_pts": None, "prev_lag_pts": e["lag_pts"],
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
            raise HelpersError(f"--compare-to {want.code}: not an earlier period of {per.year} than {per.code}")
        if want.code not in earlier:
            raise HelpersError(f"--compare-to {want.code}: no table in {root / want.code}; build it with "
                               f"`python -m helpers table RAW --period {want.code}`")
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
    if write:
        write_table(last.matches, files["matches"], MATCHES_SCHEMA)
        write_table(last.changes, files["changes"], CHANGES_SCHEMA)
        write_table(shares, files["change_shares"], SHARES_SCHEMA)
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
        raise HelpersError(f"{path}: changes of {sorted(set(df['period']))}, not {per.code}")
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
    return {k: int(c[k]) for k in CHANGE_ZH if c.get(k, 0)}


# --------------------------------------------------------------------------------------------
# what the briefings print (plain text and frames; helpers.report.briefing escapes them)


#: The classes a bureau is told about, and the order lists show them in.
ATTENTION = ("still_behind", "newly_behind")


def _label(period: str) -> str:
    return parse_code(period).label_zh


def no_comparison_sentence(period: str) -> str:
    """The one line shown when no earlier period of the year was built."""
    return f"未找到{parse_code(period).year}年更早一期的数据表，本期不作较上期比较。"


#: The classes of a task tied to an earlier one: only these were compared.
COMPARED = ("still_behind", "newly_behind", "recovered", "completed_since", "unchanged", "changed")


def coverage(changes: pd.DataFrame, bureau: str | None = None) -> tuple[int, int]:
    """(tasks of the later period, how many of them were tied to an earlier task) — city or one bureau."""
    rows = changes if bureau is None else bureau_changes(changes, bureau)
    now = rows[rows["task_id"].notna()]
    return len(now), int(now["change"].isin(COMPARED).sum())


def coverage_zh(changes: pd.DataFrame, bureau: str | None = None) -> str:
    """比对了N项中的M项: how much of the later period a change sentence speaks for."""
    n, m = coverage(changes, bureau)
    return f"比对了{n}项中的{m}项"


def no_match_sentence(changes: pd.DataFrame, bureau: str | None = None) -> str | None:
    """The line that replaces any claim of change when none of the tasks was tied to the earlier period."""
    n, m = coverage(changes, bureau)
    if m:
        return None
    who = "本单位" if bureau else ""
    prev = _label(changes["prev_period"].iloc[0])
    if not n:
        return f"{who}本期没有牵头任务，不作较{prev}比较。"
    return f"{who}本期{n}项任务均未能与{prev}的任务对应，无法作较上期比较。"


def nothing_listed_zh(changes: pd.DataFrame, bureau: str | None = None) -> str:
    """What an empty change list says: that nothing moved only when something was compared."""
    return "无可比对的任务。" if no_match_sentence(changes, bureau) else "没有连续滞后、新滞后或恢复的任务。"


def changes_sentence(changes: pd.DataFrame) -> str:
    """What changed since the earlier period, in one Chinese sentence (counts by change class)."""
    c = change_counts(changes)
    prev = _label(changes["prev_period"].iloc[0])
    moved = [f"{CHANGE_ZH[k]}{c[k]}项" for k in ("newly_behind", "still_behind", "recovered", "completed_since",
                                                  "changed", "unchanged") if k in c]
    s = no_match_sentence(changes) or (f"与{prev}相比（{coverage_zh(changes)}，同一任务按任务文字和牵头单位对应）："
                                       + "、".join(moved))
    extra = [f"{CHANGE_ZH[k]}{c[k]}项" for k in ("new", "dropped") if k in c]
    if extra:
        s = s.rstrip("。") + "；" + "、".join(extra)
    s = s.rstrip("。") + "。"
    un = changes[changes["change"].eq("unmatched")]
    close = int(un["match"].eq("ambiguous").sum())
    later = int((un["task_id"].notna() & un["match"].ne("ambiguous")).sum())
    earlier = int(un["task_id"].isna().sum())
    if later:
        s += f"上期报告不完整（节选或在任务中途结束），本期另有{later}项在上期数据中没有对应，不计为新增。"
    if earlier:
        s += f"本期报告不完整，上期另有{earlier}项在本期数据中没有对应，不计为未列。"
    if close:
        s += f"另有{close}项与上期多项任务文字相近，未能确定对应，列入匹配表待核。"
    return s


def change_list_zh(changes: pd.DataFrame, classes: Sequence[str] = ATTENTION, task_chars: int = 50) -> pd.DataFrame:
    """The tasks of `classes` (连续滞后 first, longest streak first): reference, task, unit, then and now."""
    from helpers.report.briefing import fmt_pct, task_ref, truncate
    from helpers.report.wording import status_zh

    rows = changes[changes["change"].isin(classes)]
    order = {k: i for i, k in enumerate(classes)}
    rows = rows.assign(_o=rows["change"].map(order)).sort_values(
        ["_o", "behind_reports", "lag_pts"], ascending=[True, False, False], na_position="last")

    def state(status: Any, comp: Any, period: str) -> str:
        if status is None or pd.isna(status):
            return "—"
        return status_zh(status, parse_code(period).pace) + ("" if comp is None or pd.isna(comp) else f" {fmt_pct(comp)}")

    return pd.DataFrame({
        "序号": [task_ref(t, s) for t, s in zip(rows["table"], rows["seq"])],
        "重点工作": [truncate(t, task_chars) for t in rows["task"]],
        "牵头单位": rows["bureau"].tolist(),
        "上期": [state(s, c, p) for s, c, p in zip(rows["prev_status"], rows["prev_completion_pct"], rows["prev_period"])],
        "本期": [state(s, c, p) for s, c, p in zip(rows["status"], rows["completion_pct"], rows["period"])],
        "变化": [f"连续{int(n)}期滞后" if k == "still_behind" else CHANGE_ZH[k]
               for k, n in zip(rows["change"], rows["behind_reports"])],
    })


def sector_shares_zh(shares: pd.DataFrame) -> pd.DataFrame:
    """Per sector: the same tasks' share on pace or better then and now, for display."""
    from helpers.report.briefing import fmt_pct, fmt_pts
    from helpers.read.sectors import sector_names
    from helpers.report.wording import good_short

    names = sector_names()
    s = shares[shares["level"].eq("sector")]
    s = s.assign(_o=s["name"].map({k: i for i, k in enumerate(names)})).sort_values("_o")
    # headers worded for each period (已完成占比 at a year's end); no rows: no period to word them for
    then, now = ((good_short(parse_code(shares[c].iloc[0]).pace) if len(shares) else "占比")
                 for c in ("prev_period", "period"))
    return pd.DataFrame({
        "领域": [names.get(n, n) for n in s["name"]],
        "两期均有的任务": s["tasks"].tolist(),
        f"上期{then}": s["share_then"].map(fmt_pct).tolist(),
        f"本期{now}": s["share_now"].map(fmt_pct).tolist(),
        "变化（百分点）": s["change_pts"].map(fmt_pts).tolist(),
    })


def shares_caption(shares: pd.DataFrame) -> str:
    """The line above the sector table: same tasks both times, on pace or better (completed at FY)."""
    from helpers.report.wording import is_year_end

    year_end = len(shares) and is_year_end(parse_code(shares["period"].iloc[0]).pace)
    now = "（本期为全年：已完成的比例）" if year_end else ""
    return f"各领域两期均有的任务中达到或超过序时进度（含已完成）的比例，同口径比较{now}："


def bureau_change_sentence(changes: pd.DataFrame, bureau: str) -> str:
    """A bureau's line on what changed: how many of its tasks are newly or still behind."""
    none = no_match_sentence(changes, bureau)
    if none:
        return none
    prev = _label(changes["prev_period"].iloc[0])
    c = change_counts(bureau_changes(changes, bureau))
    head = f"与{prev}相比（{coverage_zh(changes, bureau)}），本单位"
    if not any(c.get(k) for k in ATTENTION):
        return head + "没有新滞后或连续滞后的任务。"
    return head + "、".join(f"{CHANGE_ZH[k]}{c[k]}项" for k in ATTENTION if c.get(k)) + "（见下表）。"


def mail_lines(changes: pd.DataFrame | None, bureau: str | None = None, limit: int = 10) -> list[str]:
    """Plain lines for a mail body naming the newly behind and 连续滞后 tasks (city or one bureau)."""
    from helpers.report.briefing import task_ref, truncate

    if changes is None or not len(changes):
        return []
    rows = changes if bureau is None else bureau_changes(changes, bureau)
    prev = _label(changes["prev_period"].iloc[0])
    out = []
    for k in ATTENTION:
        sub = rows[rows["change"].eq(k)].sort_values("behind_reports", ascending=False)
        if sub.empty:
            continue
        names = [f"[{task_ref(t, s)}] {truncate(x, 40)}" + (f"（连续{int(n)}期）" if k == "still_behind" else "")
                 + ("" if bureau else f"（{u}）")
                 for t, s, x, n, u in zip(sub["table"], sub["seq"], sub["task"], sub["behind_reports"], sub["bureau"])]
        more = f"等{len(names)}项" if len(names) > limit else ""
        out.append(f"较{prev}{CHANGE_ZH[k]}：" + "；".join(names[:limit]) + more + "。")
    none = no_match_sentence(changes, bureau)
    if none:
        return [none]
    if not out:
        out.append(f"较{prev}（{coverage_zh(changes, bureau)}）：{'本单位' if bureau else ''}没有新滞后或连续滞后的任务。")
    return out


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
