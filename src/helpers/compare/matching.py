"""Which task of one report is which task of the next: task identity across a year's reports.


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
a task matched to nothing gets a key from its own text and lead unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from helpers import paths
from helpers.errors import HelpersError
from helpers.messages import say
from helpers.identity import norm_task, task_key
from helpers.period import parse_code
from helpers.reference_csv import read_reference, reference_error
from helpers.schema import MATCHES_SCHEMA

THRESHOLD = 80.0
AMBIGUITY = 5.0
BUREAU_PENALTY = 15.0
PART_THRESHOLD = 85.0
PART_MAX_SHARE = 0.8
MIN_PART_CHARS = 6
FIX_COLUMNS = ("period", "task_id", "prev_period", "prev_task_id", "note")
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
            raise reference_error(path, say("matches.bad_period", period=cells["period"],
                                                             prev=cells["prev_period"]), n) from None
        if not cells["task_id"]:
            raise reference_error(path, say("matches.empty_id"), n)
        if parse_code(prev).year != parse_code(per).year or parse_code(prev).end_month >= parse_code(per).end_month:
            raise reference_error(path, say("matches.not_earlier", prev=prev, period=per), n)
        out.append(Fix(n, per, cells["task_id"], prev, cells["prev_task_id"] or None, cells["note"]))
    return out


def _check_fixes(fixes: Sequence[Fix], cur: pd.DataFrame, prev: pd.DataFrame, path: Path | str) -> None:
    cur_ids, prev_ids = set(cur["task_id"]), set(prev["task_id"])
    for f in fixes:
        if f.task_id not in cur_ids:
            raise reference_error(path, say("matches.no_task", task=f.task_id, period=f.period), f.line)
        if f.prev_task_id is not None and f.prev_task_id not in prev_ids:
            raise reference_error(path, say("matches.no_task", task=f.prev_task_id, period=f.prev_period), f.line)


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
