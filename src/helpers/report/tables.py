"""The Chinese tables the briefings print, each with its layout (column widths, numeric columns).

A table is built here with its headers worded for the period; `LAYOUTS` keeps how each prints
(column shares of the page width, right-aligned numeric columns), so a notebook only says which
table to show.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Sequence

import pandas as pd
from pydantic import BaseModel

from helpers.quality import Quality
from helpers.report import warning_levels, wording
from helpers.report.figures import behind_tasks, bureau_tasks, headline, status_counts
from helpers.plaintext import DASH, TABLE_ZH, fmt_pct, fmt_pts, truncate
from helpers.report.formatting import (CORRECTED, FIELD_ZH, OFFICIAL_ZH, QUALITY_HEADERS, TABLE_NAMES_ZH, _refs,
                                       task_marks, corrected_zh, evidence_sentence, fmt_quantity, has_official,
                                       official_zh, rank_label)
from helpers.report.loading import table_pace
from helpers.read.sectors import sector_names
from helpers.statuses import STATUS_ZH



def _with_warning(out: pd.DataFrame, rows: pd.DataFrame, after: str) -> pd.DataFrame:
    """`out` with the 预警 column after `after`, when a row shown has a warning level (decided on
    the rows shown, as the 原文状态 column is)."""
    col = warning_levels.COLUMN
    if col not in rows or not rows[col].notna().any():
        return out
    out = out.copy()
    out.insert(list(out.columns).index(after) + 1, warning_levels.HEADER,
               [w if isinstance(w, str) else DASH for w in rows[col]])
    return out


def warning_cell(tasks: pd.DataFrame) -> str:
    """A set of tasks' warnings in one cell: 红色1、黄色2; — when none."""
    if warning_levels.COLUMN not in tasks:
        return DASH
    shown = [f"{k}{n}" for k, n in warning_levels.counts(tasks).items() if n]
    return "、".join(shown) or DASH


def _with_official(out: pd.DataFrame, rows: pd.DataFrame, after: str) -> pd.DataFrame:
    """`out` with the 原文状态 column after column `after`, when the rows shown have an official status.

    Decided on the rows shown, not the whole table: a bureau's page then depends on its own rows
    only, which is what the batch's bureau digest covers."""
    if not has_official(rows):
        return out
    out = out.copy()
    out.insert(list(out.columns).index(after) + 1, OFFICIAL_ZH, official_zh(rows))
    return out


def _figures_row(name: str, sub: pd.DataFrame, pace: float) -> dict[str, Any]:
    """One row of headline figures of a set of tasks (bureau_figures, bureau_vs_city)."""
    h = headline(sub, pace)
    return {
        "范围": name,
        "重点工作": h.tasks,
        "可量化评估": h.measured,
        wording.behind_short(pace): h.behind,
        STATUS_ZH["completed"]: h.completed,
        wording.good_short(pace): fmt_pct(h.share_on_pace_or_better),
        "完成度中位数": fmt_pct(sub["completion_pct"].median()),
        warning_levels.HEADER: warning_cell(sub),
    }


def bureau_figures(tasks: pd.DataFrame, bureau: str) -> pd.DataFrame:
    """The bureau's headline figures, one row: the tasks it is first lead unit of, as the
    scoreboard counts them. Its own rows only, so a correction elsewhere leaves the page as it is
    (the city's figures and the ranking are on the city briefing)."""
    return pd.DataFrame([_figures_row(bureau, tasks[tasks["bureau"].eq(bureau)], table_pace(tasks))])


def bureau_vs_city(tasks: pd.DataFrame, bureau: str) -> pd.DataFrame:
    """The bureau's headline figures above the city's: two rows, one column per measure.

    The bureau's row counts the tasks it is first lead unit of, as the scoreboard does. Two rows
    rather than two columns keep the table three lines high on the page. A page showing it
    depends on every task (helpers.report.page_data keys it on the whole table).
    """
    pace = table_pace(tasks)
    return pd.DataFrame([_figures_row(bureau, tasks[tasks["bureau"].eq(bureau)], pace),
                         _figures_row("全市", tasks, pace)])


def status_counts_zh(tasks: pd.DataFrame) -> pd.DataFrame:
    """status_counts by sector with Chinese headers (worded for the period) and a total row, for display."""
    c = status_counts(tasks)
    c.loc["total"] = c.sum()
    names = sector_names()
    c.index = [names.get(s, s) if s != "total" else "合计" for s in c.index]
    c = c.rename(columns={**wording.status_names(table_pace(tasks)), "total": "合计"})
    return c.reset_index(names="领域")


def scoreboard_zh(board: pd.DataFrame, pace: float) -> pd.DataFrame:
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
        **({warning_levels.HEADER: board["warned"]} if "warned" in board else {}),
    })


def behind_zh(tasks: pd.DataFrame, evidence_chars: int = 120, task_chars: int = 60) -> pd.DataFrame:
    """The behind list for readers: reference, task, lead bureau, completion, lag, evidence.

    A task behind on one part while on pace on another is marked 部分指标滞后.
    """
    b = behind_tasks(tasks)
    pace = table_pace(tasks)
    mark = f"（部分指标{wording.behind_short(pace)}）"
    task_text = [truncate(t, task_chars) + (mark if m else "") + adj + (CORRECTED if src == "override" else "")
                 for t, m, adj, src in zip(b["task"], b["is_mixed"], task_marks(b), b["status_source"])]
    out = _with_official(pd.DataFrame({
        "序号": _refs(b),
        "重点工作": task_text,
        "牵头单位": b["bureaus"].fillna(b["bureau"]).tolist(),
        "完成度": b["completion_pct"].map(fmt_pct).tolist(),
        wording.lag_header(pace): b["lag_pts"].map(fmt_pts).tolist(),
        "依据": [evidence_sentence(e, p, evidence_chars) if isinstance(e, str) and e.strip()
               else truncate(p, evidence_chars) for e, p in zip(b["evidence"], b["progress"])],
    }), b, after="牵头单位")
    return _with_warning(out, b, after=wording.lag_header(pace))


def bureau_tasks_zh(tasks: pd.DataFrame, bureau: str, evidence_chars: int = 120, task_chars: int = 45,
                    progress_chars: int = 60) -> pd.DataFrame:
    """The bureau's judged tasks for readers: reference, task, status, completion, evidence.

    Tasks only reported as actions (定性推进) are left to bureau_qualitative_zh, which prints
    them in a narrower list, so a bureau's briefing stays within about two pages. Joint leads
    are marked. A task with no deciding evidence shows the start of its progress text.
    """
    b = bureau_tasks(tasks, bureau)
    b = b[b["status"].ne("qualitative")]
    task_text = [truncate(t, task_chars) + adj + ("" if p else "（联合牵头）")
                 for t, p, adj in zip(b["task"], b["is_primary"], task_marks(b))]
    names = wording.status_names(table_pace(tasks))
    status = [names[s] + ("（部分指标）" if m and s == "behind" else "") + (CORRECTED if src == "override" else "")
              for s, m, src in zip(b["status"], b["is_mixed"], b["status_source"])]
    out = _with_official(pd.DataFrame({
        "序号": _refs(b),
        "重点工作": task_text,
        "状态": status,
        "完成度": b["completion_pct"].map(fmt_pct).tolist(),
        "依据": [evidence_sentence(e, p, evidence_chars) if isinstance(e, str) and e.strip()
               else truncate(p, progress_chars) for e, p in zip(b["evidence"], b["progress"])],
    }), b, after="状态")
    return _with_warning(out, b, after="状态")


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
        # worded for the period (未完成 at the year's end), the task's own status beside a corrected one
        "状态": [corrected_zh(wording.status_zh(s, pace), wording.status_zh(ts, pace), src) for s, ts, src, pace in
               zip(ind["status"], ind["task_status"], ind["task_status_source"], ind["pace"])],
    })


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
    words = {"table": TABLE_NAMES_ZH, "status": STATUS_ZH, "official_status_code": STATUS_ZH, "field": FIELD_ZH}
    for col in df.columns:
        df[col] = [v if isinstance(v, (int, float)) and not isinstance(v, bool) else truncate(
            json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else words.get(col, {}).get(v, v),
            text_chars) for v in df[col]]
    return df.rename(columns=QUALITY_HEADERS)


def counts_frame(quality: Quality | None, tasks: pd.DataFrame) -> pd.DataFrame:
    """Declared against parsed rows per table of the report, with the difference (Chinese headers)."""
    declared = quality.declared_counts if quality else {}
    parsed = quality.parsed_counts if quality else {}
    in_table = tasks["table"].value_counts().to_dict()
    tables = [t for t in TABLE_ZH if t in declared or t in parsed or t in in_table]
    tables += [t for t in {**declared, **parsed} if t not in tables]
    rows = []
    for t in tables:
        d = declared.get(t)
        p = parsed.get(t, in_table.get(t, 0))
        rows.append({"表格": TABLE_NAMES_ZH.get(t, t), "原文声明": d, "解析": p, "任务表中": int(in_table.get(t, 0)),
                     "差额": (p - d) if isinstance(d, int) and isinstance(p, int) else None})
    return pd.DataFrame(rows, columns=["表格", "原文声明", "解析", "任务表中", "差额"])


# --------------------------------------------------------------------------------------------
# layout: how each briefing table prints


@dataclass(frozen=True)
class Layout:
    """How a table prints: each column's share of the page width (by header, every wording the
    period gives it; shares of the columns shown are scaled to fill the width), the columns
    right-aligned as numbers, and the line shown when the table has no rows."""

    widths: dict[str, float]
    numeric: tuple[str, ...] = ()
    empty: str = "无。"

    def shares(self, columns: Sequence[str]) -> list[float]:
        """The columns' width shares (%), summing to 100; a column not listed gets an even share."""
        known = [self.widths.get(c) for c in columns]
        spare = sum(w for w in known if w) / max(1, sum(1 for w in known if w))
        raw = [w or spare for w in known]
        return [round(w * 100 / sum(raw), 2) for w in raw]


# one definition per column head, reused below: a column is as wide in every table
_REF, _LAG = {"序号": 9}, {wording.lag_header(p): 9 for p in (0.5, 1.0)}
_BEHIND = {wording.behind_short(p): 9 for p in (0.5, 1.0)}
_GOOD = {wording.good_short(p): 14 for p in (0.5, 1.0)}
_WARN, _OFFICIAL = {warning_levels.HEADER: 7}, {OFFICIAL_ZH: 13}
_SHARES = {f"{when}{word}": 19 for when in ("上期", "本期") for word in ("占比", *_GOOD)}

#: A set of tasks' headline figures, one row each (a unit's alone, or beside the city's).
_FIGURES = Layout({"范围": 20, "重点工作": 10, "可量化评估": 11, **_BEHIND, "已完成": 9, **_GOOD,
                   "完成度中位数": 13, warning_levels.HEADER: 14},
                  ("重点工作", "可量化评估", *_BEHIND, "已完成", *_GOOD, "完成度中位数"))

LAYOUTS: dict[str, Layout] = {
    "bureau_vs_city": _FIGURES,
    "bureau_figures": _FIGURES,
    "bureau_tasks": Layout({**_REF, "重点工作": 29, "状态": 11, **_WARN, **_OFFICIAL, "完成度": 9, "依据": 42},
                           ("完成度",), "本单位没有可对照序时进度评估的任务。"),
    "qualitative": Layout({**_REF, "重点工作": 40, **_OFFICIAL, "进展摘要": 51}),
    "behind": Layout({**_REF, "重点工作": 24, "牵头单位": 12, **_OFFICIAL, "完成度": 8, **{h: 11 for h in _LAG}, **_WARN,
                      "依据": 30},
                     ("完成度", *_LAG)),
    "changes": Layout({**_REF, "重点工作": 33, "牵头单位": 14, "上期": 14, "本期": 14, "变化": 16}),
    "sector_shares": Layout({"领域": 28, "两期均有的任务": 16, **_SHARES, "变化（百分点）": 18},
                            ("两期均有的任务", *_SHARES, "变化（百分点）")),
    "indicators": Layout({**_REF, "指标": 34, "牵头单位": 15, "目标": 11, "实际": 11, "完成度": 10, "状态": 10},
                         ("目标", "实际", "完成度"), "本期没有可量化的指标。"),
    "scoreboard": Layout({"排名": 9, "牵头单位": 23, "任务": 8, "可量化": 9, **_BEHIND, "已完成": 9, **_GOOD,
                          "完成度中位数": 13, warning_levels.HEADER: 7},
                         ("任务", "可量化", *_BEHIND, "已完成", *_GOOD, "完成度中位数", warning_levels.HEADER)),
}
