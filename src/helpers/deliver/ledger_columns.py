"""What the ledger's sheets show: their names and columns, worded for the period.

A year-end ledger speaks as the year-end briefing does (helpers.report.wording): its list of
tasks behind is 未完成清单, a lag is 差距 to the annual target, a status 未完成; so every name and
header here is a function of the pace.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import pandas as pd

# the sheets and the columns read back are the import's contract (helpers.deliver.corrections)
from helpers.report.formatting import METHOD_ZH  # one wording of the methods, pages and ledger alike
from helpers.deliver.corrections import (ABOUT_SHEET, ALL_SHEET, CORRECTION, KEY, NOTE, RECORDED, REVIEW_SHEET,
                                         TASK_ID)
from helpers.report import wording
from helpers.messages import NOTES_ZH
from helpers.plaintext import task_ref

SOURCE_ZH = {"rule": "规则", "override": "人工核定"}


def sheet_names(pace: float) -> tuple[str, ...]:
    """The sheets in order: every task, the tasks behind, review, the units' board, sectors, notes."""
    return (ALL_SHEET, f"{wording.behind_short(pace)}清单", REVIEW_SHEET, "单位记分", "领域", ABOUT_SHEET)


@dataclass(frozen=True)
class Column:
    """One column of a sheet: header, width (characters), how to get it from a row, its kind."""

    header: str
    width: float
    get: Callable[[Any], Any]
    kind: str = "text"  # text | wrap | pct | pts | int | status | hidden


def _isna(v: Any) -> bool:
    return v is None or (not isinstance(v, str) and bool(pd.isna(v)))


def _yes(v: Any) -> str:
    return "" if _isna(v) or not bool(v) else "是"


def _s(v: Any) -> Any:
    return None if _isna(v) else v


def _ref(r: Any) -> str:
    return task_ref(r.table, r.seq)


def _lines(r: Any) -> str:
    return "" if _isna(r.line_start) else f"{r.line_start}–{r.line_end}"


def _method(r: Any) -> str:
    return METHOD_ZH.get(r.method, r.method)


def _source(r: Any) -> str:
    return SOURCE_ZH.get(r.status_source, r.status_source)


def _status(pace: float) -> Callable[[Any], str]:
    return lambda r: wording.status_zh(r.status, pace)


def _head(pace: float) -> tuple[Column, ...]:
    """编号, 序号, 重点工作, 牵头单位: the same cells on every task sheet."""
    return (Column(TASK_ID, 7, lambda r: r.task_id), Column("序号", 8, _ref),
            Column("重点工作", 40, lambda r: r.task, "wrap"), Column("牵头单位", 16, lambda r: r.bureaus, "wrap"))


def _measure(pace: float) -> tuple[Column, ...]:
    """完成度, the yardstick (序时进度 / 年度目标) and the lag (落后 / 差距)."""
    return (Column("完成度", 8, lambda r: _s(r.completion_pct), "pct"),
            Column(wording.yardstick(pace), 8, lambda r: r.pace, "pct"),
            Column(wording.lag_header(pace), 9, lambda r: _s(r.lag_pts), "pts"))


#: The judge's notes (note_reason): facts beside a judgement it is sure of, no review asked
#: (helpers.statuses.REASONS, role note); apart from 说明, the researcher's own note on a correction.
NOTES = NOTES_ZH


def _notes(r: Any) -> str | None:
    return _s(getattr(r, "note_reason", None))


def task_cols(pace: float) -> tuple[Column, ...]:
    """The columns of 全部任务."""
    return (
        *_head(pace),
        Column("协同单位", 14, lambda r: _s(r.co_bureaus), "wrap"),
        Column("领域", 18, lambda r: r.sector_name),
        Column("状态", 9, _status(pace), "status"),
        Column("原文完成状态", 10, lambda r: _s(r.official_status)),
        Column("与原文不一致", 8, lambda r: _yes(r.disagrees)),
        *_measure(pace),
        Column("预警", 6, lambda r: _s(getattr(r, "warning", None))),  # helpers.report.warning_levels
        Column("判断方法", 15, _method),
        Column("依据", 40, lambda r: _s(r.evidence), "wrap"),
        Column(wording.mixed_mark(pace), 7, lambda r: _yes(r.is_mixed)),
        Column("目标已调整", 7, lambda r: _yes(r.is_target_adjusted)),
        Column("需复核", 7, lambda r: _yes(r.needs_review)),
        Column("复核原因", 24, lambda r: "；".join(r.reasons_zh) or None, "wrap"),
        Column(NOTES, 24, _notes, "wrap"),
        Column("状态来源", 8, _source),
        Column("落实情况", 70, lambda r: _s(r.progress), "wrap"),
        Column("原文行", 9, _lines),
        Column(KEY, 12, lambda r: r.task_key, "hidden"),  # the task by content: what an import checks its 编号 against
    )


#: Columns of the task table shown in 全部任务 only when the table has them (later readers add
#: them for reports that print them): column → (header, width).
OPTIONAL_TASK_COLS = {
    "section": ("章节", 16), "task_source": ("任务来源", 12), "official_status_field": ("原文状态栏", 9),
    "target_text": ("目标（原文）", 20), "rate_text": ("完成率（原文）", 10), "plan_text": ("进度安排", 24),
    "progress_other": ("另一期落实情况", 40), "people": ("分管领导/责任人", 12),
}


def task_columns(tasks: pd.DataFrame, pace: float) -> tuple[Column, ...]:
    """task_cols, plus the optional columns the table has with at least one value, before 落实情况."""
    extra = tuple(Column(h, w, (lambda c: lambda r: _s(getattr(r, c)))(c), "wrap")
                  for c, (h, w) in OPTIONAL_TASK_COLS.items() if c in tasks and tasks[c].notna().any())
    cols = task_cols(pace)
    i = [c.header for c in cols].index("落实情况")
    return cols[:i] + extra + cols[i:]


def behind_cols(pace: float) -> tuple[Column, ...]:
    """The columns of the list of tasks behind (滞后清单 / 未完成清单)."""
    return (
        *_head(pace),
        *_measure(pace),
        Column(wording.mixed_mark(pace), 7, lambda r: _yes(r.is_mixed)),
        Column("判断方法", 15, _method),
        Column("依据（原句）", 50, lambda r: r.evidence_sentence, "wrap"),
        Column(NOTES, 24, _notes, "wrap"),
        Column("状态来源", 8, _source),
        Column("落实情况", 70, lambda r: _s(r.progress), "wrap"),
    )


def review_cols(pace: float) -> tuple[Column, ...]:
    """The columns of 待复核, with the two a researcher fills in (更正状态, 说明)."""
    correction = _status_or_none(pace)
    return (
        *_head(pace)[:3],
        Column("牵头单位", 14, lambda r: r.bureaus, "wrap"),
        Column("本表状态", 9, _status(pace), "status"),
        Column("原文完成状态", 10, lambda r: _s(r.official_status)),
        Column("与原文不一致", 8, lambda r: _yes(r.disagrees)),
        Column("复核原因", 26, lambda r: "；".join(r.reasons_zh), "wrap"),
        Column("依据", 36, lambda r: _s(r.evidence), "wrap"),
        Column("落实情况", 60, lambda r: _s(r.progress), "wrap"),
        Column("已核定", 7, lambda r: _yes(r.settled)),
        Column(CORRECTION, 10, correction, "status"),
        Column(NOTE, 30, lambda r: r.correction_note, "wrap"),
        # after the researcher's two columns, which keep their place (L, M) in a ledger they know
        Column(NOTES, 24, _notes, "wrap"),
        # what 更正状态 held when the ledger was written (hidden): tells a researcher's new entry from ours
        Column(RECORDED, 10, correction, "hidden"),
        Column(KEY, 12, lambda r: r.task_key, "hidden"),
    )


def _status_or_none(pace: float) -> Callable[[Any], str | None]:
    return lambda r: None if _isna(r.correction) else wording.status_zh(r.correction, pace)


def board_cols(pace: float) -> tuple[Column, ...]:
    """The columns of 单位记分 (helpers.report.figures.bureau_scoreboard)."""
    return (
        Column("排名", 6, lambda r: _s(r.rank), "int"),
        Column("并列", 6, lambda r: _yes(r.tied)),
        Column("牵头单位", 22, lambda r: r.bureau),
        Column("任务", 6, lambda r: r.tasks, "int"),
        Column("可量化", 7, lambda r: r.measured, "int"),
        Column(wording.behind_short(pace), 6, lambda r: r.behind, "int"),
        Column(wording.status_zh("completed", pace), 7, lambda r: r.completed, "int"),
        Column(wording.good_count(pace), 9, lambda r: r.on_pace_or_better, "int"),
        Column(wording.good_share(pace), 10, lambda r: _s(r.share), "pct"),
        Column("完成度中位数", 10, lambda r: _s(r.median_completion), "pct"),
    )
