"""How values print in the briefings: percentages, points, quantities, task references, escaped text."""

from __future__ import annotations

import html
import re
from typing import Any

import pandas as pd

from helpers.judge.review import disagrees
from helpers.plaintext import DASH, fmt_pct, task_ref, truncate
from helpers.read.cells import PART_SEP
from helpers.statuses import note_marks

#: The report's two tables as a researcher names them.
TABLE_NAMES_ZH = {"quantified": "量化重点工作", "general": "重点工作"}
#: How a status was decided (the task table's `method`), in the researcher's words.
METHOD_ZH = {"verdict_phrase": "原文表述", "stated_ratio": "原文完成比例", "computed_ratio": "实际值÷目标值",
             "rate_target": "增速或水平目标", "official_status": "原文完成状态栏", "none": "无"}
#: Field names of the quality record (quality.json) as the data-quality page heads them.
QUALITY_HEADERS = {
    "table": "表格", "after": "此序号之后", "missing": "缺少的序号", "seq": "序号", "line": "行号", "text": "原文",
    "task_id": "任务编号", "field": "空字段", "unit": "单位", "task_ids": "任务编号", "status": "判断状态",
    "reason": "复核原因", "numbers": "未能对应的数字", "official_status": "原文完成状态",
    "official_status_code": "原文状态对应", "value": "内容", "key": "项目", "why": "原因", "flags": "存疑之处",
    "columns": "沿用上方的栏", "printed_as": "原文名称", "shown_as": "现名称",
}
#: Columns of the period chain's match review (helpers.compare.chain.review_matches), for the trend page.
MATCH_HEADERS_ZH = {"period": "本期", "task_id": "本期编号", "prev_period": "上期", "prev_task_id": "上期编号",
                    "match": "对应方式", "score": "相似度", "candidate": "候选", "task": "本期任务", "prev_task": "上期任务",
                    "note": "说明"}
#: How a task was tied to the earlier period's (schema.MATCH_KINDS), in the researcher's words.
MATCH_ZH = {"same": "文字相同", "reworded": "文字改动", "split": "拆分", "merge": "合并", "manual": "人工指定",
            "new": "本期新增", "ambiguous": "难以确定", "dropped": "本期未列"}
#: Field values shown in Chinese: the report's empty columns by role.
FIELD_ZH = {"task": "重点工作", "bureau_raw": "牵头单位", "progress": "落实情况"}

def esc(value: Any) -> str:
    """HTML-escaped text of `value` (missing → an em dash)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return DASH
    return html.escape(str(value), quote=True)


# the reader joins a row's cells (progress, problems …) with PART_SEP: a cell ends a sentence too
_SENTENCE_END = "。；;！？!?\n" + PART_SEP.strip()

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
        return truncate(text[left:right].strip(), limit)
    room = limit - 2  # two ellipses at most
    if j - i >= room:
        return truncate(evidence, limit)
    start = max(left, i - (room - (j - i)) // 2)
    end = min(right, start + room)
    start = max(left, end - room)
    out = ("…" if start > left else "") + text[start:end] + ("…" if end < right else "")
    return re.sub(r"\s+", " ", out).strip()


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


def _refs(df: pd.DataFrame) -> list[str]:
    return [task_ref(t, s) for t, s in zip(df["table"], df["seq"])]


#: Header of the column showing the report's own 完成状态 beside ours (only for reports that print one).
OFFICIAL_ZH = "原文状态"

def has_official(tasks: pd.DataFrame) -> bool:
    """Whether the report prints an official status (完成状态) for any task."""
    return "official_status" in tasks and bool(tasks["official_status"].notna().any())


def official_zh(df: pd.DataFrame) -> list[str]:
    """The report's status as printed, marked （不一致） where it maps to another status than ours."""
    return [DASH if not isinstance(o, str) else o + ("（不一致）" if d else "")
            for o, d in zip(df["official_status"], disagrees(df))]


#: Marks a status a researcher set (overrides.csv), so a reader sees it was not the rules'.
CORRECTED = "（核定）"

#: Marks a task whose annual target was changed during the year (is_target_adjusted) and whose
#: completion is a ratio of the new target: a fact the reader sees beside the target rather than a
#: review flag (docs/judging.md). It goes with the task, whose cell wraps, not with the number.
ADJUSTED = "（目标年中调整）"


def adjusted_marks(rows: pd.DataFrame) -> list[str]:
    """ADJUSTED for each row whose completion is a ratio of a target changed during the year, else ""
    (none when the frame has no is_target_adjusted column)."""
    if "is_target_adjusted" not in rows:
        return [""] * len(rows)
    return [ADJUSTED if not pd.isna(a) and bool(a) and not pd.isna(p) else ""
            for p, a in zip(rows["completion_pct"], rows["is_target_adjusted"])]


def task_marks(rows: pd.DataFrame) -> list[str]:
    """The marks after each task on the pages: the target cut (adjusted_marks), then the marks of the notes
    the judge wrote beside a judgement it is sure of (note_reason: （自评为序时推进）, helpers.statuses.note_marks),
    so nothing the judge found is hidden (the pages escape them with the task)."""
    return [a + note_marks(n) for a, n in zip(adjusted_marks(rows), note_cells(rows))]


def note_cells(rows: pd.DataFrame) -> list:
    """The judge's notes per row (note_reason; none for a table written before notes existed)."""
    return rows["note_reason"].tolist() if "note_reason" in rows else [None] * len(rows)


def corrected_zh(shown: str, task_status_zh: str, source: str) -> str:
    """An indicator's status as printed, with a researcher's correction of its task made visible."""
    if source != "override":
        return shown
    return shown + CORRECTED if shown == task_status_zh else f"{shown}（任务核定为{task_status_zh}）"


def rank_label(board: pd.DataFrame) -> list[str]:
    """The 排名 column as printed: 3, or 并列1 when several units share the rank; — when unranked."""
    counts = board["rank"].value_counts()
    return [DASH if pd.isna(r) else (f"并列{int(r)}" if counts.get(r, 0) > 1 else str(int(r))) for r in board["rank"]]
