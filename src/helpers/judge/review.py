"""The researcher's review: which judgements are doubtful, which disagree with the report's own
完成状态, which a researcher has settled, and how a decision is recorded.

A task is *to review* when the judge flagged it (`needs_review`, with `review_reason`) or when
the report prints an official status that maps to another code than ours. It is *settled* once a researcher has
overridden it in data/reference/overrides.csv (`status_source == "override"`): an override is
the record that somebody looked, whether it changed the status or confirmed it. The table
command's summary, the ledger (helpers.deliver.ledger), the review notebook and the briefings' notes all
count through this module, so "2 to review" means the same thing everywhere.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from helpers import paths
from helpers.errors import ReferenceError_
from helpers.judge.overrides import merge_overrides, period_rows
from helpers.messages import NOTES_ZH, say
from helpers.plaintext import task_ref
from helpers.quality import Quality
from helpers.statuses import MEASURED, REASON_SEP, REVIEW_REASONS, STATUS_ZH, STATUSES, YEAR_END_ZH, reason_label

DISAGREE_ZH = REVIEW_REASONS["official_disagrees"]
#: Status names a researcher may type: the Chinese names readers see, or the codes.
#: A year-end ledger offers 未完成 for behind (helpers.statuses.YEAR_END_ZH): read back as behind.
STATUS_BY_NAME = {**{z: s for s, z in STATUS_ZH.items()}, **{z: s for s, z in YEAR_END_ZH.items()},
                  **{s: s for s in STATUSES}}


def reason_zh(reason: str) -> str:
    """The label of one review reason (the text before "："; as written when it has none)."""
    return reason_label(reason).strip()


def split_reasons(text: Any) -> list[str]:
    """A review_reason cell → its reasons in Chinese, each once, in order."""
    if not isinstance(text, str) or not text.strip():
        return []
    return list(dict.fromkeys(reason_zh(r) for r in text.split(REASON_SEP) if r.strip()))


def disagrees(tasks: pd.DataFrame) -> pd.Series:
    """Tasks whose official status (mapped to our codes) is not our status."""
    code = tasks["official_status_code"]
    return code.notna() & code.ne(tasks["status"]).fillna(False).astype(bool)


def settled(tasks: pd.DataFrame) -> pd.Series:
    """Tasks a researcher has overridden: their review is done."""
    return tasks["status_source"].eq("override").fillna(False).astype(bool)


def review_flags(tasks: pd.DataFrame) -> pd.DataFrame:
    """needs_review and review_reason per task (index: the tasks' index), as the judge wrote them
    (helpers.judge.confidence.decide; a disagreement with the official status is one of its reasons)."""
    reason = tasks["review_reason"] if "review_reason" in tasks.columns else pd.Series(None, index=tasks.index)
    flag = tasks["needs_review"] if "needs_review" in tasks.columns else reason.notna()
    return pd.DataFrame({"needs_review": flag.fillna(False).astype(bool),
                         "review_reason": reason.astype("string")}, index=tasks.index)


def review_table(tasks: pd.DataFrame) -> pd.DataFrame:
    """The tasks to review (flagged or disagreeing with the official status), open ones first.

    Columns of the task table plus: needs_review, review_reason, reasons_zh (list), disagrees,
    settled. Sorted open before settled, then by the report's order.
    """
    flags = review_flags(tasks)
    t = tasks.drop(columns=[c for c in ("needs_review", "review_reason") if c in tasks.columns])
    t = t.join(flags).assign(disagrees=disagrees(tasks), settled=settled(tasks))
    t = t[t["needs_review"] | t["disagrees"]].copy()
    t["reasons_zh"] = [split_reasons(r) or ([DISAGREE_ZH] if d else []) for r, d in zip(t["review_reason"], t["disagrees"])]
    t["_t"] = t["table"].map({"quantified": 0, "general": 1}).fillna(2)
    return t.sort_values(["settled", "_t", "seq"]).drop(columns="_t")


def counts(tasks: pd.DataFrame) -> dict[str, int]:
    """How many tasks are to review, disagree with the official status, are settled — open and in all."""
    r = review_table(tasks)
    flagged, dis, done = r["needs_review"], r["disagrees"], r["settled"]
    return {
        "review": int(flagged.sum()), "review_open": int((flagged & ~done).sum()),
        "disagree": int(dis.sum()), "disagree_open": int((dis & ~done).sum()),
        "settled": int(done.sum()), "overridden": int(settled(tasks).sum()),
    }


def reason_counts(review: pd.DataFrame) -> Counter:
    """Open tasks per Chinese reason (a task with two reasons counts under both)."""
    open_ = review[~review["settled"]]
    return Counter(z for reasons in open_["reasons_zh"] for z in reasons)


def table_summary_zh(tasks: pd.DataFrame, quality: Quality | None = None) -> list[str]:
    """The few lines `python -m helpers table` ends with: statuses, review, disagreements, units."""
    by = tasks["status"].value_counts()
    lines = [f"任务状态（共{len(tasks)}项）：" + "，".join(f"{STATUS_ZH[s]}{int(by.get(s, 0))}" for s in STATUSES)]
    rv = review_table(tasks)
    c = counts(tasks)
    why = reason_counts(rv[rv["needs_review"]])  # the reasons of the flagged: a disagreement has its own line
    s = f"需人工复核{c['review_open']}项"
    if why:
        s += "：" + "；".join(f"{z}{n}项" for z, n in why.most_common())
    if c["settled"]:
        s += f"（另有{c['settled']}项已人工核定）"
    lines.append(s)
    if tasks["official_status"].notna().any():
        lines.append(f"与原文完成状态不一致{c['disagree_open']}项"
                     + (f"（另有{c['disagree'] - c['disagree_open']}项已核定）" if c["disagree"] > c["disagree_open"] else ""))
    else:
        lines.append("原文没有完成状态栏，无从比对。")
    unknown = [u.unit for u in quality.unknown_bureaus] if quality else []
    lines.append(f"未识别单位{len(unknown)}个" + (f"：{'、'.join(map(str, unknown[:8]))}"
                                               + ("等" if len(unknown) > 8 else "") if unknown else ""))
    period = tasks["period"].iloc[0] if len(tasks) else ""
    lines.append(f"完整清单：python -m helpers ledger --period {period}（写入 output/{period}/台账_{period}.xlsx）")
    return lines


def drop_unmeasured_completion(tasks: pd.DataFrame, period: str, path: Path = paths.OVERRIDES_CSV) -> pd.DataFrame:
    """A task a researcher set to a status that measures nothing (pending, qualitative, blocked)
    keeps no completion or lag from the rules (Q17: 为预算的53.95% is not the 6% growth target),
    unless the researcher gave a completion_pct override too. Returns a new table."""
    given = {r["task_id"] for r in period_rows(tasks, period, path) if r["field"] == "completion_pct"}
    out = tasks.copy()
    mask = (out["status_source"].eq("override") & ~out["status"].isin(MEASURED)
            & ~out["task_id"].astype(str).isin(given))
    out.loc[mask, ["completion_pct", "lag_pts"]] = None
    return out


def parse_status(text: Any) -> str | None:
    """A status as a researcher types it (已完成 or completed) → its code; None when blank.

    Raises ValueError for anything else; the caller names where it came from.
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return None
    s = re.sub(r"\s+", "", str(text))
    if not s:
        return None
    if s not in STATUS_BY_NAME:
        raise ValueError(say("review.not_status", value=s, names="、".join(STATUS_ZH.values())))
    return STATUS_BY_NAME[s]


def record_decision(period: str, task_id: str, status: str, note: str = "", *,
                    known_ids: Any = None, path: Path = paths.OVERRIDES_CSV) -> dict[str, int]:
    """Record one researcher's decision as a status override (merged, never duplicated).

    `status` is a Chinese status name or a code; `known_ids` (e.g. the table's task_id column)
    refuses a task the table does not have. Rebuild with `python -m helpers run` afterwards.
    """
    try:
        code = parse_status(status)
    except ValueError as e:
        raise ReferenceError_(say("review.bad_status", task=task_id, problem=e)) from None
    if code is None:
        raise ReferenceError_(say("review.no_status", task=task_id))
    if known_ids is not None and task_id not in set(map(str, known_ids)):
        raise ReferenceError_(say("review.no_task", task=task_id, period=period))
    return merge_overrides([{"period": period, "task_id": task_id, "field": "status", "value": code,
                             "note": note}], path)


#: How a figure in question is marked, beside the deciding clause's plain <mark>.
FIGURE_MARK = '<mark style="background:#cfe2f3">'


def highlight_html(text: Any, evidence: Any = None, figures: Any = ()) -> str:
    """`text` HTML-escaped, with the deciding clause (its first occurrence) in <mark> and every
    occurrence of the figures in question (quality.json's review numbers) in a blue mark."""
    text = text if isinstance(text, str) else ""
    spans: list[tuple[int, int, str]] = []
    if isinstance(evidence, str) and evidence and evidence in text:
        i = text.find(evidence)
        spans.append((i, i + len(evidence), "<mark>"))
    for f in figures or ():
        start = text.find(f) if isinstance(f, str) and f else -1
        while start >= 0:
            end = start + len(f)
            if all(end <= a or start >= b for a, b, _ in spans):
                spans.append((start, end, FIGURE_MARK))
            start = text.find(f, end)
    out, pos = [], 0
    for a, b, tag in sorted(spans):
        out += [html.escape(text[pos:a]), tag, html.escape(text[a:b]), "</mark>"]
        pos = b
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def review_figures(quality: Quality | None) -> dict[str, list[str]]:
    """task_id → the figures the judge could not place (quality.json's review list), to mark."""
    out: dict[str, list[str]] = {}
    for e in quality.review if quality else []:
        out.setdefault(e.task_id, []).extend(n for n in e.numbers if n)
    return out


def review_html(review: pd.DataFrame, include_settled: bool = False, progress_chars: int | None = None,
                figures: dict[str, list[str]] | None = None) -> str:
    """The doubtful tasks grouped by reason, as escaped HTML: each task with its statuses, its
    progress text with the deciding clause marked, and `figures` (review_figures) marked in blue."""
    r = review if include_settled else review[~review["settled"]]
    if r.empty:
        return "<p>没有待复核的任务。</p>"
    groups: dict[str, list] = {}
    for row in r.itertuples(index=False):
        for z in row.reasons_zh or ["其他"]:
            groups.setdefault(z, []).append(row)
    out = []
    for reason, rows in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        out.append(f"<h2>{html.escape(reason)}（{len(rows)}项）</h2>")
        for row in rows:
            official = "" if not isinstance(row.official_status, str) else f"；原文：{html.escape(row.official_status)}"
            done = "（已核定）" if row.settled else ""
            # the judge's notes (facts beside a sure judgement, no review asked): the context of the task
            note = getattr(row, "note_reason", None)
            official += f"；{NOTES_ZH}：{html.escape(note)}" if isinstance(note, str) and note else ""
            progress = row.progress if isinstance(row.progress, str) else ""
            if progress_chars and len(progress) > progress_chars:
                progress = progress[:progress_chars] + "…"
            out.append(
                f"<h3>{html.escape(row.task_id)} {html.escape(task_ref(row.table, row.seq))} "
                f"{html.escape(str(row.bureaus))}{done}</h3>"
                f"<p><b>{highlight_html(str(row.task), None, (figures or {}).get(row.task_id))}</b></p>"
                f"<p>本表：{html.escape(str(row.status_zh))}{official}</p>"
                f"<blockquote>{highlight_html(progress, row.evidence, (figures or {}).get(row.task_id))}</blockquote>")
    return "\n".join(out)


def show_review(review: pd.DataFrame, include_settled: bool = False,
                figures: dict[str, list[str]] | None = None) -> None:
    """Display review_html in a notebook."""
    from IPython.display import HTML, display  # deferred: only a notebook shows it (IPython, ~0.3 s)

    display(HTML(review_html(review, include_settled, figures=figures)))
