"""Analysis tables behind the notebooks: one period's tables loaded, summarised and formatted.

Every notebook calls into this module, so the city briefing, the bureau briefings and the
exploration notebooks count "behind" or "on pace or better" the same way. Functions that return
frames return plain numbers (fractions, counts); the `*_zh` functions turn them into the Chinese,
formatted tables the briefings print. The `show_*` functions display HTML in a notebook; every
piece of text taken from the report is escaped there, because the batch exports the outputs as
HTML.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

import pandas as pd
from pydantic import BaseModel

from helpers import paths
from helpers.report import wording
from helpers.read.bureaus import UNIT_SEP, leads
from helpers.errors import SchemaError
from helpers.period import Period, parse_code
from helpers.quality import Quality, find_quality
from helpers.read.sectors import sector_names
from helpers.schema import (
    INDICATORS_SCHEMA,
    SECTORS,
    TASKS_SCHEMA,
    read_table,
)
from helpers.statuses import DEFAULT_AHEAD_MARGIN, MEASURED, ON_PACE_OR_BETTER, STATUS_ZH, STATUSES

#: Order a bureau reads its tasks in: problems first, then measured from least to most advanced.
ATTENTION_ORDER = ("behind", "blocked", "pending", "on_pace", "ahead", "completed", "qualitative")
TABLE_ZH = {"quantified": "量化", "general": "重点"}
DASH = "—"
#: CSS class put on every table the notebooks display (the print template styles it).
TABLE_CLASS = "briefing-table"


# --------------------------------------------------------------------------------------------
# loading


@dataclass(frozen=True)
class PeriodData:
    """One period's cleaned tables and the parser's quality report."""

    period: Period
    tasks: pd.DataFrame
    indicators: pd.DataFrame
    quality: Quality | None = None  # None: the folder has no quality.json (a table built elsewhere)
    folder: Path | None = None

    @property
    def label(self) -> str:
        """Chinese label of the period, e.g. 2024年上半年."""
        return self.period.label_zh

    @property
    def ahead_margin(self) -> float:
        """The margin the tasks were judged with (decided once, by `table`; stored in the table)."""
        margin = self.tasks.attrs.get("ahead_margin")
        if margin is None:
            raise SchemaError(f"{self.folder}: tasks.parquet records no ahead margin; rebuild it with "
                              f"`python -m helpers table`")
        return float(margin)


def load_period(period: str, processed_dir: str | Path | None = None) -> PeriodData:
    """Load tasks, indicators and quality.json of `period` from `processed_dir`.

    `processed_dir` None means the project's data/processed/<period>/. The tables are checked
    against schema.py; a table of another period is refused rather than silently briefed.
    """
    p = parse_code(period)
    folder = Path(processed_dir) if processed_dir else paths.processed_dir(p.code)
    tasks = read_table(folder / "tasks.parquet", TASKS_SCHEMA)
    indicators = read_table(folder / "indicators.parquet", INDICATORS_SCHEMA)
    found = set(tasks["period"].dropna().unique())
    if found and found != {p.code}:
        raise SchemaError(f"{folder}: tables are for {sorted(found)}, not {p.code}")
    return PeriodData(p, tasks, indicators, find_quality(folder), folder)


# --------------------------------------------------------------------------------------------
# figures


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


def table_pace(tasks: pd.DataFrame) -> float:
    """The pace of the period the tasks were judged in: their `pace` column, else their period's.

    A table that carries neither cannot be worded for its period (a year's end reads otherwise
    than a mid-year): SchemaError rather than a guessed pace.
    """
    if "pace" in tasks and tasks["pace"].notna().any():
        return float(tasks["pace"].dropna().iloc[0])
    if "period" in tasks and tasks["period"].notna().any():
        return parse_code(str(tasks["period"].dropna().iloc[0])).pace
    raise SchemaError("tasks: no pace and no period column with a value: the period cannot be told")


class Sections:
    """Numbers the briefing's sections as they are shown (一、二、…), so a section left out for a
    table the report does not have leaves no gap."""

    NUMERALS = "一二三四五六七八九十"

    def __init__(self) -> None:
        self.n = 0

    def title(self, text: str) -> str:
        self.n += 1
        return f"{self.NUMERALS[self.n - 1]}、{text}"

    def show(self, text: str) -> None:
        show_text(self.title(text), tag="h2")


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
    completion_pct over tasks that have one). Sorted by share (descending, unmeasured last),
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
    )
    g = t.groupby("bureau", sort=True)
    board = pd.DataFrame({
        "tasks": g.size(),
        "measured": g["_measured"].sum(),
        "behind": g["_behind"].sum(),
        "completed": g["_completed"].sum(),
        "on_pace_or_better": g["_good"].sum(),
        "median_completion": g["completion_pct"].median(),
    })
    board = board.astype({c: "int64" for c in ("tasks", "measured", "behind", "completed", "on_pace_or_better")})
    board["share"] = (board["on_pace_or_better"] / board["measured"]).where(board["measured"] > 0)
    board = board.reset_index().sort_values(
        ["share", "behind", "tasks", "bureau"], ascending=[False, True, False, True], na_position="last"
    )
    board.insert(0, "rank", tie_ranks(board))
    cols = ["rank", "bureau", "tasks", "measured", "behind", "completed", "on_pace_or_better", "share",
            "median_completion"]
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


def rank_label(board: pd.DataFrame) -> list[str]:
    """The 排名 column as printed: 3, or 并列1 when several units share the rank; — when unranked."""
    counts = board["rank"].value_counts()
    return [DASH if pd.isna(r) else (f"并列{int(r)}" if counts.get(r, 0) > 1 else str(int(r))) for r in board["rank"]]


def behind_tasks(tasks: pd.DataFrame) -> pd.DataFrame:
    """The tasks behind the pace, the largest measured lag first (unmeasured lags last)."""
    b = tasks[tasks["status"].eq("behind")]
    return b.sort_values(["lag_pts", "table", "seq"], ascending=[False, False, True], na_position="last")


def bureau_tasks(tasks: pd.DataFrame, bureau: str) -> pd.DataFrame:
    """Tasks `bureau` leads, alone or with others, in ATTENTION_ORDER (largest lag first within).

    Adds `is_primary`: the bureau is the first lead unit (the one the scoreboard counts it under).
    Raises KeyError naming similar bureaus when `bureau` leads nothing.
    """
    mask = leads(tasks, bureau)
    if not mask.any():
        known = sorted(set(tasks["bureau"].dropna()))
        close = [b for b in known if set(b) & set(bureau.removeprefix("市")) and len(set(b) & set(bureau)) >= 2]
        hint = f"; similar: {'、'.join(close[:8])}" if close else ""
        raise KeyError(f"no task is led by {bureau!r}{hint}")
    out = tasks[mask].assign(is_primary=tasks.loc[mask, "bureau"].eq(bureau))
    order = {s: i for i, s in enumerate(ATTENTION_ORDER)}
    out = out.assign(_order=out["status"].map(order), _lag=out["lag_pts"].fillna(-math.inf))
    out = out.sort_values(["_order", "_lag", "table", "seq"], ascending=[True, False, False, True])
    return out.drop(columns=["_order", "_lag"])


def bureau_vs_city(tasks: pd.DataFrame, bureau: str) -> pd.DataFrame:
    """The bureau's headline figures above the city's: two rows, one column per measure.

    The bureau's row counts the tasks it is first lead unit of, as the scoreboard does. Two rows
    rather than two columns keep the table three lines high on the page.
    """
    rows = []
    pace = table_pace(tasks)
    for name, sub in ((bureau, tasks[tasks["bureau"].eq(bureau)]), ("全市", tasks)):
        h = headline(sub, pace)
        rows.append({
            "范围": name,
            "重点工作": h.tasks,
            "可量化评估": h.measured,
            wording.behind_short(pace): h.behind,
            STATUS_ZH["completed"]: h.completed,
            wording.good_short(pace): fmt_pct(h.share_on_pace_or_better),
            "完成度中位数": fmt_pct(sub["completion_pct"].median()),
        })
    return pd.DataFrame(rows)


def indicators_table(data: PeriodData, table: str | None = "quantified") -> pd.DataFrame:
    """Sub-indicators with target, actual, completion and status, joined to their task.

    `table` restricts to one of the report's tables (None: all). Completion is the stated
    ratio where the report gives one, else actual / target. Plain numbers; see indicators_zh.
    """
    ind = data.indicators
    # the task's status and its source ride along: a researcher's override is of the task, not its parts
    t = data.tasks[["task_id", "table", "seq", "bureau", "task", "status_zh", "status_source"]].rename(
        columns={"status_zh": "task_status_zh", "status_source": "task_status_source"})
    out = ind.merge(t, on="task_id", how="inner", validate="many_to_one")
    if table is not None:
        out = out[out["table"].eq(table)]
    out = out.assign(completion=out["stated_ratio"].fillna(out["computed_ratio"]))
    return out.sort_values(["table", "seq", "part_no"], ascending=[False, True, True]).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# formatting


def esc(value: Any) -> str:
    """HTML-escaped text of `value` (missing → an em dash)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return DASH
    return html.escape(str(value), quote=True)


def truncate(text: Any, limit: int = 120) -> str:
    """One line of at most `limit` characters, ending in … when cut; missing → em dash."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return DASH
    s = re.sub(r"\s+", " ", str(text)).strip()
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


_SENTENCE_END = "。；;！？!?\n"


def evidence_sentence(evidence: Any, progress: Any, limit: int = 120) -> str:
    """The sentence of `progress` that holds `evidence`, at most `limit` characters.

    The judgement keeps only the deciding clause (e.g. 未达到序时进度); the reader needs the
    sentence around it to know what it is about. A sentence too long is cut to a window around
    the clause, marked with … on the side(s) cut. Evidence not found in the progress text is shown
    alone; no evidence at all gives an em dash.
    """
    if not isinstance(evidence, str) or not evidence.strip():
        return DASH
    text = progress if isinstance(progress, str) else ""
    i = text.find(evidence)
    if i < 0:
        return truncate(evidence, limit)
    j = i + len(evidence)
    left = max(text.rfind(d, 0, i) for d in _SENTENCE_END) + 1
    ends = [k for k in (text.find(d, j) for d in _SENTENCE_END) if k >= 0]
    right = min(ends) + 1 if ends else len(text)
    if right - left <= limit:
        return truncate(text[left:right], limit)
    room = limit - 2  # two ellipses at most
    if j - i >= room:
        return truncate(evidence, limit)
    start = max(left, i - (room - (j - i)) // 2)
    end = min(right, start + room)
    start = max(left, end - room)
    out = ("…" if start > left else "") + text[start:end] + ("…" if end < right else "")
    return re.sub(r"\s+", " ", out).strip()


def fmt_pct(x: Any, digits: int = 1) -> str:
    """0.517 → '51.7%'; missing → em dash."""
    if x is None or pd.isna(x):
        return DASH
    return f"{float(x) * 100:.{digits}f}%"


def fmt_pts(x: Any) -> str:
    """Lag in percentage points, one decimal; missing → em dash."""
    if x is None or pd.isna(x):
        return DASH
    return f"{float(x):.1f}"


def _num(v: float) -> str:
    s = f"{v:,.2f}".rstrip("0").rstrip(".")
    return s.replace(",", "")


def fmt_quantity(value: Any, unit: Any) -> str:
    """A value in its base unit as a reader expects it: 1.7e10 元 → '170亿元', 20000 人 → '2万人'."""
    if value is None or pd.isna(value):
        return DASH
    v = float(value)
    u = "" if unit is None or pd.isna(unit) else str(unit)
    if u == "元" and abs(v) >= 1e8:
        return f"{_num(v / 1e8)}亿元"
    if u == "元" and abs(v) >= 1e4:
        return f"{_num(v / 1e4)}万元"
    # 72亿斤 and 2万人 read as printed, but 14826人 stays as it is: only round values switch unit
    if u != "%":
        for scale, word in ((1e8, "亿"), (1e4, "万")):
            if abs(v) >= scale and round(v / scale, 2) == v / scale:
                return f"{_num(v / scale)}{word}{u}"
    return f"{_num(v)}{u}"


def task_ref(table: str, seq: Any) -> str:
    """Short reference to a row of the report: 量化7 (附件1 row 7), 重点12 (second table row 12)."""
    n = "?" if seq is None or pd.isna(seq) else str(int(seq))
    return f"{TABLE_ZH.get(table, table)}{n}"


def _refs(df: pd.DataFrame) -> list[str]:
    return [task_ref(t, s) for t, s in zip(df["table"], df["seq"])]


#: Header of the column showing the report's own 完成状态 beside ours (only for reports that print one).
OFFICIAL_ZH = "原文状态"
#: Columns some reports add to a table, with their width share (%) when the notebook's widths omit them.
OPTIONAL_WIDTHS = {OFFICIAL_ZH: 13.0}


def has_official(tasks: pd.DataFrame) -> bool:
    """Whether the report prints an official status (完成状态) for any task."""
    return "official_status" in tasks and bool(tasks["official_status"].notna().any())


def official_zh(df: pd.DataFrame) -> list[str]:
    """The report's status as printed, marked （不一致） where it maps to another status than ours."""
    from helpers.judge.review import disagrees

    return [DASH if not isinstance(o, str) else o + ("（不一致）" if d else "")
            for o, d in zip(df["official_status"], disagrees(df))]


def _with_official(out: pd.DataFrame, rows: pd.DataFrame, after: str) -> pd.DataFrame:
    """`out` with the 原文状态 column after column `after`, when the rows shown have an official status.

    Decided on the rows shown, not the whole table: a bureau's page then depends on its own rows
    only, which is what the batch's bureau digest covers."""
    if not has_official(rows):
        return out
    out = out.copy()
    out.insert(list(out.columns).index(after) + 1, OFFICIAL_ZH, official_zh(rows))
    return out


def status_counts_zh(tasks: pd.DataFrame) -> pd.DataFrame:
    """status_counts by sector with Chinese headers and a total row, for display."""
    c = status_counts(tasks)
    c.loc["total"] = c.sum()
    names = sector_names()
    c.index = [names.get(s, s) if s != "total" else "合计" for s in c.index]
    c = c.rename(columns={**STATUS_ZH, "total": "合计"})
    return c.reset_index(names="领域")


def scoreboard_zh(board: pd.DataFrame, pace: float = 0.5) -> pd.DataFrame:
    """bureau_scoreboard with Chinese headers and formatted shares, for display (headers worded
    for the period's `pace`: at the year's end 未完成 and 已完成占比)."""
    return pd.DataFrame({
        "排名": rank_label(board),
        "牵头单位": board["bureau"],
        "任务": board["tasks"],
        "可量化": board["measured"],
        wording.behind_short(pace): board["behind"],
        STATUS_ZH["completed"]: board["completed"],
        wording.good_short(pace): board["share"].map(fmt_pct),
        "完成度中位数": board["median_completion"].map(fmt_pct),
    })


def behind_zh(tasks: pd.DataFrame, evidence_chars: int = 120, task_chars: int = 60) -> pd.DataFrame:
    """The behind list for readers: reference, task, lead bureau, completion, lag, evidence.

    A task behind on one part while on pace on another is marked 部分指标滞后.
    """
    b = behind_tasks(tasks)
    pace = table_pace(tasks)
    mark = f"（部分指标{wording.behind_short(pace)}）"
    task_text = [truncate(t, task_chars) + (mark if m else "") + (CORRECTED if src == "override" else "")
                 for t, m, src in zip(b["task"], b["is_mixed"], b["status_source"])]
    return _with_official(pd.DataFrame({
        "序号": _refs(b),
        "重点工作": task_text,
        "牵头单位": b["bureaus"].fillna(b["bureau"]).tolist(),
        "完成度": b["completion_pct"].map(fmt_pct).tolist(),
        wording.lag_header(pace): b["lag_pts"].map(fmt_pts).tolist(),
        "依据": [evidence_sentence(e, p, evidence_chars) if isinstance(e, str) and e.strip()
               else truncate(p, evidence_chars) for e, p in zip(b["evidence"], b["progress"])],
    }), b, after="牵头单位")


def bureau_tasks_zh(tasks: pd.DataFrame, bureau: str, evidence_chars: int = 120, task_chars: int = 45,
                    progress_chars: int = 60) -> pd.DataFrame:
    """The bureau's judged tasks for readers: reference, task, status, completion, evidence.

    Tasks only reported as actions (定性推进) are left to bureau_qualitative_zh, which prints
    them in a narrower list, so a bureau's briefing stays within about two pages. Joint leads
    are marked. A task with no deciding evidence shows the start of its progress text.
    """
    b = bureau_tasks(tasks, bureau)
    b = b[b["status"].ne("qualitative")]
    task_text = [truncate(t, task_chars) + ("" if p else "（联合牵头）") for t, p in zip(b["task"], b["is_primary"])]
    names = wording.status_names(table_pace(tasks))
    status = [names[s] + ("（部分指标）" if m and s == "behind" else "") + (CORRECTED if src == "override" else "")
              for s, m, src in zip(b["status"], b["is_mixed"], b["status_source"])]
    return _with_official(pd.DataFrame({
        "序号": _refs(b),
        "重点工作": task_text,
        "状态": status,
        "完成度": b["completion_pct"].map(fmt_pct).tolist(),
        "依据": [evidence_sentence(e, p, evidence_chars) if isinstance(e, str) and e.strip()
               else truncate(p, progress_chars) for e, p in zip(b["evidence"], b["progress"])],
    }), b, after="状态")


def bureau_qualitative_zh(tasks: pd.DataFrame, bureau: str, task_chars: int = 36,
                          progress_chars: int = 44) -> pd.DataFrame:
    """The bureau's 定性推进 tasks (actions only, nothing measured): reference, task, progress excerpt."""
    b = bureau_tasks(tasks, bureau)
    b = b[b["status"].eq("qualitative")]
    return _with_official(pd.DataFrame({
        "序号": _refs(b),
        "重点工作": [truncate(t, task_chars) + ("" if p else "（联合牵头）") + (CORRECTED if src == "override" else "")
                 for t, p, src in zip(b["task"], b["is_primary"], b["status_source"])],
        "进展摘要": [truncate(p, progress_chars) for p in b["progress"]],
    }), b, after="重点工作")


def indicators_zh(ind: pd.DataFrame, part_chars: int = 30) -> pd.DataFrame:
    """indicators_table for readers: reference, indicator, lead bureau, target, actual, completion, status."""
    return pd.DataFrame({
        "序号": _refs(ind),
        "指标": [truncate(p, part_chars) for p in ind["part"]],
        "牵头单位": ind["bureau"].tolist(),
        "目标": [("≤" if d == "lower" else "") + fmt_quantity(v, u)
               for v, u, d in zip(ind["target_value"], ind["target_unit"], ind["direction"])],
        "实际": [fmt_quantity(v, u) for v, u in zip(ind["actual_value"], ind["actual_unit"])],
        "完成度": ind["completion"].map(fmt_pct).tolist(),
        "状态": [corrected_zh(STATUS_ZH[s], z, src) for s, z, src in
               zip(ind["status"], ind.get("task_status_zh", ind["status"].map(STATUS_ZH)),
                   ind.get("task_status_source", pd.Series("rule", index=ind.index)))],
    })


#: Marks a status a researcher set (overrides.csv), so a reader sees it was not the rules'.
CORRECTED = "（核定）"


def corrected_zh(shown: str, task_status_zh: str, source: str) -> str:
    """An indicator's status as printed, with a researcher's correction of its task made visible."""
    if source != "override":
        return shown
    return shown + CORRECTED if shown == task_status_zh else f"{shown}（任务核定为{task_status_zh}）"


def headline_sentence(h: Headline, label: str, who: str = "全市") -> str:
    """The headline in one Chinese sentence (plain text; escape before printing as HTML)."""
    if not h.tasks:
        return f"{label}，{who}没有列入清单的重点工作。"
    if h.pace is not None and wording.is_year_end(h.pace):
        return _year_end_sentence(h, label, who)
    s = f"{label}，{who}共有重点工作{h.tasks}项，其中可对照序时进度量化评估的{h.measured}项"
    if h.measured:
        s += (f"；达到或超过序时进度（含已完成）的{h.on_pace_or_better}项，占{fmt_pct(h.share_on_pace_or_better)}；"
              f"滞后于序时进度的{h.behind}项；已完成年度任务的{h.completed}项")
    others = [f"{STATUS_ZH[s]}{h.by_status[s]}项" for s in ("blocked", "pending", "qualitative") if h.by_status[s]]
    if others:
        s += "；另有" + "、".join(others)
    return s + "。"


def _others(h: Headline) -> str:
    others = [f"{STATUS_ZH[s]}{h.by_status[s]}项" for s in ("blocked", "pending", "qualitative") if h.by_status[s]]
    return "；另有" + "、".join(others) if others else ""


def _year_end_sentence(h: Headline, label: str, who: str) -> str:
    """The headline at the year's end: completed or not, no pace to be ahead of."""
    s = f"{label}，{who}共有重点工作{h.tasks}项，其中可对照年度目标量化评估的{h.measured}项"
    if h.measured:
        s += (f"；已完成年度目标的{h.completed}项，占{fmt_pct(h.share_on_pace_or_better)}；"
              f"未完成年度目标的{h.behind}项")
    return s + _others(h) + "。"


def has_completions(tasks: pd.DataFrame) -> bool:
    """Whether any measured task has a completion ratio (else the completion chart is left out)."""
    return bool(tasks.loc[tasks["status"].isin(MEASURED), "completion_pct"].notna().any())


def pace_sentence(tasks: pd.DataFrame, pace: float) -> str:
    """How measured completions sit against the pace, in one Chinese sentence."""
    c = tasks.loc[tasks["status"].isin(MEASURED), "completion_pct"].dropna()
    if c.empty:
        return "本期没有给出完成比例的任务。"
    below = int((c < pace).sum())
    line = "年度目标（100%）" if wording.is_year_end(pace) else f"序时进度（{wording.pace_pct(pace)}）"
    return (f"给出完成比例的任务{len(c)}项，完成度中位数为{fmt_pct(c.median())}；"
            f"其中{below}项低于{line}。"
            "其余可量化任务按原文表述或增速、水平目标判断，不在图中。")


def behind_sentence(tasks: pd.DataFrame) -> str:
    """How many tasks are behind and how many of them have a measured lag."""
    b = behind_tasks(tasks)
    pace = table_pace(tasks)
    phrase = wording.behind_phrase(pace)
    if b.empty:
        return f"本期没有{phrase}的任务。"
    n_lag = int(b["lag_pts"].notna().sum())
    gap = "距年度目标的差距" if wording.is_year_end(pace) else "落后序时进度的百分点"
    s = f"{phrase}的任务共{len(b)}项，按{gap}从大到小排列"
    if n_lag < len(b):
        s += f"；其中{len(b) - n_lag}项由原文表述或增速目标判定，没有可计算的{'差距' if wording.is_year_end(pace) else '落后幅度'}，列在最后"
    return s + "。"


def unranked_sentence(board: pd.DataFrame) -> str:
    """Names how many bureaus the ranking leaves out (no measured task)."""
    n = int((board["measured"] == 0).sum())
    if not n:
        return ""
    return f"另有{n}个牵头单位的任务均无法量化评估（定性推进或待评估），未参加排名。"


def rank_sentence(board: pd.DataFrame, bureau: str, pace: float = 0.5) -> str:
    """Where `bureau` stands in the scoreboard, among bureaus with a measured task."""
    ranked = board[board["rank"].notna()]
    hit = ranked.loc[ranked["bureau"].eq(bureau), "rank"]
    if hit.empty:
        return f"{bureau}牵头的任务均无法对照序时进度量化评估，未参加全市牵头单位排名。"
    r = int(hit.iloc[0])
    tied = int(ranked["rank"].eq(r).sum())
    place = f"与其他{tied - 1}个单位并列第{r}位" if tied > 1 else f"排第{r}位"
    basis = "已完成年度目标" if wording.is_year_end(pace) else "达到或超过序时进度"
    return f"在全市{len(ranked)}个有可量化任务的牵头单位中，按{basis}的比例，{bureau}{place}。"


#: The bureau briefing's note on whose tasks it counts.
BUREAU_NOTE = ("本单位为第一牵头单位的任务计入上方统计和排名；与其他单位联合牵头、列在其后的任务"
               "也列于任务表中（标注“联合牵头”），但不计入本单位的统计。")


def bureau_notes(tasks: pd.DataFrame, bureau: str, pace: float, label: str,
                 ahead_margin: float = DEFAULT_AHEAD_MARGIN) -> list[str]:
    """The bureau briefing's notes: the pace rule, and whose tasks count when it co-leads any."""
    notes = [method_notes(pace, ahead_margin, label)[0]]
    mine = bureau_tasks(tasks, bureau)
    primary = mine[mine["is_primary"]]
    if len(primary):
        notes.append(coverage_sentence(primary, who="本单位"))
    if (~mine["is_primary"]).any():
        notes.append(BUREAU_NOTE)
    # the bureau's own rows only
    notes += renamed_notes(mine)
    notes += review_notes(mine.drop(columns=["is_primary"]))
    return notes


def method_counts(tasks: pd.DataFrame) -> pd.DataFrame:
    """Tasks per status (rows, Chinese) and deciding method (columns), for the exploration notebooks."""
    t = pd.crosstab(tasks["status"], tasks["method"])
    t = t.reindex([s for s in STATUSES if s in t.index])
    t.index = [STATUS_ZH[s] for s in t.index]
    t.columns.name = None
    return t.reset_index(names="状态")


def bureau_sentence(tasks: pd.DataFrame, bureau: str, label: str) -> str:
    """The bureau's headline sentence, with the tasks it only co-leads counted apart."""
    mine = bureau_tasks(tasks, bureau)
    primary = mine[mine["is_primary"]]
    if len(primary):
        s = headline_sentence(headline(primary), label, who=bureau)
    else:
        s = f"{label}，{bureau}没有作为第一牵头单位的重点工作。"
    joint = len(mine) - len(primary)
    if joint:
        s += f"另与其他单位联合牵头重点工作{joint}项（列于下表，不计入上述统计）。"
    return s


def quality_notes(quality: Quality | None, tasks: pd.DataFrame) -> list[str]:
    """Short Chinese sentences on how complete the parse was (plain text; escape before printing)."""
    notes: list[str] = []
    declared = quality.declared_counts if quality else {}
    parsed = quality.parsed_counts if quality else tasks["table"].value_counts().to_dict()
    parts = []
    for table, name in (("quantified", "量化重点工作"), ("general", "重点工作")):
        if table in declared or table in parsed:
            d, p = declared.get(table), parsed.get(table, 0)
            # a count the report does not declare is not printed
            parts.append(f"原文{name}声明{d}项、解析{p}项" if d is not None else f"解析{name}{p}项")
    if parts:
        notes.append("；".join(parts) + "。")
    mismatched = [t for t in declared if declared.get(t) is not None and declared.get(t) != parsed.get(t)]
    if mismatched:
        notes.append("解析数量与原文声明不一致，相关结论可能不完整。")
    n_trunc = int(tasks["is_truncated"].sum()) if "is_truncated" in tasks else 0
    n_trunc = max(n_trunc, len(quality.truncated_rows) if quality else 0)
    if n_trunc:
        notes.append(f"原文在{n_trunc}项任务的中途结束，该任务的进展可能不完整。")
    if quality and quality.unassigned_lines:
        notes.append(f"有{len(quality.unassigned_lines)}行文字未能归入任何任务（见数据质量报告）。")
    if quality and quality.unknown_bureaus:
        notes.append(f"有{len(quality.unknown_bureaus)}个牵头单位名称不在单位名录中，按原文保留。")
    notes += renamed_notes(tasks)
    notes.append(coverage_sentence(tasks))
    notes += review_notes(tasks)
    return notes


def renamed_notes(tasks: pd.DataFrame) -> list[str]:
    """Units the report prints under an old name and the briefing shows under the current one
    (市经信局→市工信局), so a reader who looks for the printed name finds it."""
    if "units_renamed" not in tasks:
        return []
    moves = [m for cell in tasks["units_renamed"].dropna() for m in str(cell).split(UNIT_SEP) if "→" in m]
    pairs = list(dict.fromkeys(moves))
    if not pairs:
        return []
    shown = "、".join(f"原文“{old}”按现名称“{new}”列示" for old, new in (p.split("→", 1) for p in pairs))
    return [f"单位更名：{shown}。"]


def review_notes(tasks: pd.DataFrame) -> list[str]:
    """What is still to review, and what researchers settled (helpers.judge.review counts both the same
    way as the ledger): a task overridden in overrides.csv no longer counts as open."""
    from helpers.judge.review import counts

    c = counts(tasks)
    notes = []
    if c["review_open"]:
        notes.append(f"有{c['review_open']}项任务的判断需要人工复核。")
    if c["disagree_open"]:
        notes.append(f"有{c['disagree_open']}项任务的判断与原文的完成状态不一致（见“{OFFICIAL_ZH}”栏）。")
    if c["overridden"]:
        s = f"有{c['overridden']}项任务的状态经人工核定"
        if c["settled"]:
            s += f"，其中{c['settled']}项原需复核或与原文完成状态不一致，已不再计入上述待复核数"
        notes.append(s + f"；任务表中注“{CORRECTED.strip('（）')}”。")
    return notes


def coverage_sentence(tasks: pd.DataFrame, who: str = "全市") -> str:
    """How many tasks could be measured against the pace: the base of every share printed."""
    h = headline(tasks)
    if not h.tasks:
        return ""
    return (f"覆盖面：{who}{h.tasks}项任务中可量化评估{h.measured}项（{fmt_pct(h.measured / h.tasks)}），"
            "以上比例均以此为分母；可量化的任务增减时，比例变化不全是进度变化。")


def quality_frame(items: Any, text_chars: int = 120) -> pd.DataFrame:
    """A field of the quality record (a list of entries or plain values, or a mapping) as a frame,
    long text cut to `text_chars`; an empty field gives an empty frame."""
    if isinstance(items, dict):
        items = [{"key": k, "value": v} for k, v in items.items()]
    if not items:
        return pd.DataFrame()
    rows = [i.model_dump(mode="json") if isinstance(i, BaseModel) else i if isinstance(i, dict) else {"value": i}
            for i in items]
    df = pd.DataFrame(rows)
    for col in df.columns:
        df[col] = [v if isinstance(v, (int, float)) and not isinstance(v, bool) else truncate(
            json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v, text_chars)
            for v in df[col]]
    return df


def counts_frame(quality: Quality | None, tasks: pd.DataFrame) -> pd.DataFrame:
    """Declared against parsed rows per table of the report, with the difference."""
    declared = quality.declared_counts if quality else {}
    parsed = quality.parsed_counts if quality else {}
    in_table = tasks["table"].value_counts().to_dict()
    tables = [t for t in TABLE_ZH if t in declared or t in parsed or t in in_table]
    tables += [t for t in {**declared, **parsed} if t not in tables]
    rows = []
    for t in tables:
        d = declared.get(t)
        p = parsed.get(t, in_table.get(t, 0))
        rows.append({"table": t, "declared": d, "parsed": p, "in_table": int(in_table.get(t, 0)),
                     "difference": (p - d) if isinstance(d, int) and isinstance(p, int) else None})
    return pd.DataFrame(rows, columns=["table", "declared", "parsed", "in_table", "difference"])


def method_notes(pace: float, ahead_margin: float, label: str) -> list[str]:
    """How the statuses were decided, in Chinese (plain text)."""
    return [
        wording.pace_note(pace, ahead_margin, label),
        "判断依次采用：原文对序时进度的表述（如“未达到序时进度”“已完成年度任务”）；原文给出的完成比例；"
        "由实际值与年度目标计算的比例；增速、水平类目标是否达到。一项任务含多个指标时，任一指标滞后即判为滞后，"
        "否则取进度最慢的指标。",
        "只有行动描述、无法对照年度目标衡量的任务列为“定性推进”，结果有待外部发布或审批的列为“待评估”，"
        "均不计入“可量化评估”的分母。",
    ]


# --------------------------------------------------------------------------------------------
# display (notebooks)


def table_html(df: pd.DataFrame, widths: Sequence[float] | None = None, classes: str = "",
               numeric: Iterable[str] = ()) -> str:
    """`df` as an escaped HTML table with the briefing class; `widths` are column shares in %.

    Body cells of the columns named in `numeric` get the class `num` (right-aligned in print);
    their headers do not, so a long header wraps instead of running into the next column.
    """
    out = df.to_html(escape=True, index=False, border=0, na_rep=DASH,
                     classes=" ".join(c for c in (TABLE_CLASS, classes) if c))
    if widths:
        widths = fit_widths(df, widths)
        cols = "".join(f'<col style="width:{w:g}%">' for w in widths)
        out = re.sub(r"(<table[^>]*>)", rf"\1<colgroup>{cols}</colgroup>", out, count=1)
    # pandas right-aligns the header row inline; leave alignment to the print template
    out = out.replace('<tr style="text-align: right;">', "<tr>")
    numeric = set(numeric)
    if numeric:
        # to_html has no per-column class; mark the cells of numeric columns by position
        idx = [i for i, c in enumerate(df.columns) if c in numeric]
        rows = out.split("<tr")
        for r, row in enumerate(rows):
            cells = re.split(r"(<td[ >])", row)
            k = -1
            for j in range(1, len(cells), 2):
                k += 1
                if k in idx:
                    cells[j] = cells[j][:3] + ' class="num"' + cells[j][3:]
            rows[r] = "".join(cells)
        out = "<tr".join(rows)
    return out


def fit_widths(df: pd.DataFrame, widths: Sequence[float]) -> list[float]:
    """`widths` for the columns of `df`, given for its columns without the optional ones
    (OPTIONAL_WIDTHS, e.g. 原文状态, present only for some reports): those get their share at
    their place and the others shrink in proportion, so the total stays the same."""
    widths = list(widths)
    extra = [c for c in df.columns if c in OPTIONAL_WIDTHS]
    if len(widths) != len(df.columns) - len(extra) or not extra:
        return widths
    total = sum(widths)
    scale = (total - sum(OPTIONAL_WIDTHS[c] for c in extra)) / total
    it = iter(w * scale for w in widths)
    return [round(OPTIONAL_WIDTHS[c] if c in OPTIONAL_WIDTHS else next(it), 2) for c in df.columns]


def show_table(df: pd.DataFrame, widths: Sequence[float] | None = None, classes: str = "",
               numeric: Iterable[str] = (), empty: str = "无。") -> None:
    """Display `df` as an escaped HTML table; `empty` (plain text) when it has no rows."""
    from IPython.display import HTML, display

    if df.empty:
        display(HTML(f"<p>{esc(empty)}</p>"))
    else:
        display(HTML(table_html(df, widths=widths, classes=classes, numeric=numeric)))


def show_text(*paragraphs: str, tag: str = "p") -> None:
    """Display plain-text paragraphs, escaped, each in its own <p> (or `tag`)."""
    from IPython.display import HTML, display

    display(HTML("".join(f"<{tag}>{esc(p)}</{tag}>" for p in paragraphs if p)))


def show_list(items: Iterable[str], empty: str = "无。") -> None:
    """Display plain-text items as an escaped bullet list."""
    from IPython.display import HTML, display

    items = [i for i in items if i]
    if not items:
        display(HTML(f"<p>{esc(empty)}</p>"))
    else:
        display(HTML("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"))


def figures_html(cells: Sequence[tuple[str, str]]) -> str:
    """A row of key figures (label, value), escaped, as one table the print template can style."""
    tds = "".join(
        f'<td><div class="figure-value">{esc(v)}</div><div class="figure-label">{esc(k)}</div></td>'
        for k, v in cells
    )
    return f'<table class="{TABLE_CLASS} key-figures"><tr>{tds}</tr></table>'


def show_headline(h: Headline, label: str, who: str = "全市", as_of: str | None = None) -> None:
    """Display the key figures and the headline sentence (with the as-of date when given)."""
    from IPython.display import HTML, display

    if h.pace is None:
        raise SchemaError(f"{who}: no tasks, so no period to word the headline for")
    pace = h.pace
    cells = [
        ("重点工作", f"{h.tasks}项"),
        ("可量化评估", f"{h.measured}项"),
        (wording.behind_short(pace), f"{h.behind}项"),
        (STATUS_ZH["completed"], f"{h.completed}项"),
        (wording.good_short(pace), fmt_pct(h.share_on_pace_or_better)),
    ]
    lead = f"<p class=\"as-of\">数据截至：{esc(as_of)}</p>" if as_of else ""
    display(HTML(lead + figures_html(cells) + f"<p class=\"headline\">{esc(headline_sentence(h, label, who))}</p>"))
