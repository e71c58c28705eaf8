"""The facts a briefing's sentences are filled from (the filling itself: helpers.report.fill).

A briefing notebook writes each computed sentence as a Chinese template with named blanks, e.g.
``本单位牵头重点工作{n}项[，其中{behind}项{behind_word}]``; the package computes the facts of the page
(numbers, and the words that change with the period, such as 滞后于序时进度 or 未完成年度目标)
and fills the template. A part in square brackets is shown only when every fact in it is
non-zero and non-empty, so a sentence drops a clause about nothing. A blank naming no fact of
the page fails with that name and the facts there are (a Chinese message).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from helpers.compare import chain
from helpers.report.changes import ATTENTION, later_pace
from helpers.judge.review import counts as review_counts
from helpers.read.bureaus import UNIT_SEP
from helpers.period import parse_code
from helpers.quality import Quality
from helpers.report import warning_levels, wording
from helpers.report.fill import FactError, Facts  # noqa: F401  (the page's facts, filled here)
from helpers.report.figures import MEASURED, behind_tasks, bureau_scoreboard, bureau_tasks, headline
from helpers.plaintext import fmt_pct
from helpers.report.loading import PeriodData
from helpers.statuses import CHANGE_ZH, STATUS_ZH

def _others(h: Any) -> str:
    return "、".join(f"{STATUS_ZH[s]}{h.by_status[s]}项" for s in ("blocked", "pending", "qualitative") if h.by_status[s])


def headline_facts(tasks: pd.DataFrame, pace: float) -> dict[str, Any]:
    """Counts and shares of a set of tasks, and the period's words for them."""
    h = headline(tasks, pace)
    warn = warning_levels.facts(tasks)
    return {
        "n": h.tasks, "measured": h.measured, "behind": h.behind, "completed": h.completed,
        "good": h.on_pace_or_better, "share": fmt_pct(h.share_on_pace_or_better) if h.measured else None,
        "unmeasured": h.tasks - h.measured, "others": _others(h),
        "coverage": fmt_pct(h.measured / h.tasks) if h.tasks else None,
        "warned": warn["warned"], "warnings": warn["summary"] if warn["warned"] else "",
        **{f"{name}预警": n for name, n in warn["levels"].items()},
    }


def period_facts(data: PeriodData) -> dict[str, Any]:
    """The period's words: its label, the pace, and how behind and on pace read in it."""
    pace = data.period.pace
    year_end = wording.is_year_end(pace)
    return {
        "label": data.label, "pace": wording.pace_pct(pace), "year_end": year_end,
        "behind_word": wording.behind_phrase(pace), "behind_short": wording.behind_short(pace),
        "good_word": "已完成年度目标" if year_end else "达到或超过序时进度（含已完成）",
        "line": "年度目标（100%）" if year_end else f"序时进度（{wording.pace_pct(pace)}）",
        "gap_word": "距年度目标的差距" if year_end else "落后序时进度的百分点",
        "basis": "已完成年度目标" if year_end else "达到或超过序时进度",
        "pace_section": wording.pace_section(pace), "year": data.period.year, "margin": f"{data.ahead_margin * 100:.0f}",
        "pace_gloss": wording.pace_gloss(pace),
        "rules": "；".join(f"{k}预警：{v}" for k, v in warning_levels.facts(data.tasks)["rules"].items()),
    }


def completion_facts(tasks: pd.DataFrame, pace: float) -> dict[str, Any]:
    """How the measured completions sit against the line (the pace, or 100% at the year's end)."""
    c = tasks.loc[tasks["status"].isin(MEASURED), "completion_pct"].dropna()
    b = behind_tasks(tasks)
    n_lag = int(b["lag_pts"].notna().sum())
    return {"with_ratio": len(c), "median": fmt_pct(c.median()) if len(c) else None,
            "below_line": int((c < pace).sum()), "behind_listed": len(b), "behind_no_lag": len(b) - n_lag}


def renamed(tasks: pd.DataFrame) -> str:
    """Units the report prints under an old name, as 原文“市经信局”按现名称“市工信局”列示 (joined by 、)."""
    if "units_renamed" not in tasks:
        return ""
    moves = [m for cell in tasks["units_renamed"].dropna() for m in str(cell).split(UNIT_SEP) if "→" in m]
    pairs = [p.split("→", 1) for p in dict.fromkeys(moves)]
    return "、".join(f"原文“{old}”按现名称“{new}”列示" for old, new in pairs)


def quality_facts(quality: Quality | None, tasks: pd.DataFrame) -> dict[str, Any]:
    """How complete the parse was: rows declared and parsed per table, rows cut short, lines left over."""
    declared = quality.declared_counts if quality else {}
    parsed = quality.parsed_counts if quality else tasks["table"].value_counts().to_dict()
    trunc = int(tasks["is_truncated"].sum()) if "is_truncated" in tasks else 0
    return {
        "declared_q": declared.get("quantified"), "parsed_q": parsed.get("quantified", 0),
        "declared_g": declared.get("general"), "parsed_g": parsed.get("general", 0),
        "count_mismatch": any(v is not None and v != parsed.get(t) for t, v in declared.items()),
        "truncated": max(trunc, len(quality.truncated_rows) if quality else 0),
        "unassigned": len(quality.unassigned_lines) if quality else 0,
        "unknown_units": len(quality.unknown_bureaus) if quality else 0,
        "renamed": renamed(tasks),
    }


def review_facts(tasks: pd.DataFrame) -> dict[str, Any]:
    """What is left to review, and what researchers settled (helpers.judge.review counts)."""
    c = review_counts(tasks)
    return {"review_open": c["review_open"], "disagree_open": c["disagree_open"],
            "overridden": c["overridden"], "settled": c["settled"]}


def change_facts(changes: pd.DataFrame | None, bureau: str | None = None) -> dict[str, Any]:
    """What changed since the earlier period: its label, how many were compared, counts per class."""
    if changes is None or not len(changes):
        return {"compared_with": "", "compared": 0, "of": 0, **{k: 0 for k in CHANGE_ZH}, "moved": "", "no_attention": "",
                "attention": "", "ambiguous": 0, "unmatched_now": 0, "unmatched_before": 0,
                "no_earlier": True, "no_match": False, "quiet": False}
    n, m = chain.coverage(changes, bureau)
    rows = changes if bureau is None else chain.bureau_changes(changes, bureau)
    counts = rows["change"].value_counts()
    un = rows[rows["change"].eq("unmatched")]
    moved = ("newly_behind", "still_behind", "recovered", "completed_since", "changed", "unchanged")
    pace = later_pace(changes)
    names = wording.change_names(pace)
    return {"compared_with": parse_code(str(changes["prev_period"].iloc[0])).label_zh, "compared": m, "of": n,
            **{k: int(counts.get(k, 0)) for k in CHANGE_ZH},
            "moved": "、".join(f"{names[k]}{int(counts[k])}项" for k in moved if counts.get(k, 0)),
            "attention": "、".join(f"{names[k]}{int(counts[k])}项" for k in ATTENTION if counts.get(k, 0)),
            "no_attention": wording.no_attention(pace),
            "ambiguous": int(un["match"].eq("ambiguous").sum()),
            "unmatched_now": int((un["task_id"].notna() & un["match"].ne("ambiguous")).sum()),
            "unmatched_before": int(un["task_id"].isna().sum()),
            # which of the section's sentences applies: nothing earlier, nothing tied, nothing to flag
            "no_earlier": False, "no_match": m == 0, "quiet": m > 0 and not any(counts.get(k, 0) for k in ATTENTION)}


def city_facts(data: PeriodData) -> Facts:
    """Every fact the city briefing's templates may name."""
    tasks, pace = data.tasks, data.period.pace
    board = bureau_scoreboard(tasks)
    return Facts({
        **period_facts(data), **headline_facts(tasks, pace), **completion_facts(tasks, pace),
        **review_facts(tasks), **change_facts(data.changes), **quality_facts(data.quality, tasks),
        "who": "全市", "units": int(board["bureau"].nunique()), "ranked": int(board["rank"].notna().sum()),
        "unranked": int((board["measured"] == 0).sum()),
    })


def bureau_facts(data: PeriodData, bureau: str) -> Facts:
    """Every fact a bureau's briefing templates may name: its own tasks' (counted over those it
    leads first), never the city's. A city figure on 46 unit pages would make all of them stale
    at one corrected status elsewhere; the city's figures and the units' ranking are the city
    briefing's (helpers.report.page_data keys a unit's page on its own rows)."""
    tasks, pace = data.tasks, data.period.pace
    mine = bureau_tasks(tasks, bureau)
    primary = mine[mine["is_primary"]]
    return Facts({
        **period_facts(data), **headline_facts(primary, pace), **completion_facts(primary, pace),
        **review_facts(mine.drop(columns=["is_primary"])), **change_facts(data.changes, bureau),
        "renamed": renamed(mine),
        "who": bureau, "bureau": bureau, "joint": int((~mine["is_primary"]).sum()),
        "qualitative": int(mine["status"].eq("qualitative").sum()),
    })
