"""What the briefings, the ledger and the mail say of the changes since the earlier period
(helpers.compare.chain computes them): plain text and frames; the pages escape them.
"""

from __future__ import annotations

from typing import Any, Sequence

import pandas as pd

from helpers.compare.chain import bureau_changes, change_counts, coverage
from helpers.period import parse_code
from helpers.plaintext import DASH, fmt_pct, fmt_pts, task_ref, truncate
from helpers.read.sectors import sector_names
from helpers.report.formatting import task_marks
from helpers.report.wording import change_names, good_short, is_year_end, no_attention, status_zh, streak_label

#: The classes a bureau is told about, and the order lists show them in.
ATTENTION = ("still_behind", "newly_behind")


def _label(period: str) -> str:
    return parse_code(period).label_zh


def later_pace(changes: pd.DataFrame) -> float:
    """The later period's pace, which words the change classes (转为未完成 at the year's end)."""
    return parse_code(str(changes["period"].dropna().iloc[0])).pace if changes["period"].notna().any() else 0.5


def no_comparison_sentence(period: str) -> str:
    """The one line shown when no earlier period of the year was built."""
    return f"未找到{parse_code(period).year}年更早一期的数据表，本期不作较上期比较。"


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
    if no_match_sentence(changes, bureau):
        return "无可比对的任务。"
    names = change_names(later_pace(changes))
    return f"没有{names['still_behind']}、{names['newly_behind']}或恢复的任务。"


def changes_sentence(changes: pd.DataFrame) -> str:
    """What changed since the earlier period, in one Chinese sentence (counts by change class)."""
    c = change_counts(changes)
    prev = _label(changes["prev_period"].iloc[0])
    names = change_names(later_pace(changes))
    moved = [f"{names[k]}{c[k]}项" for k in ("newly_behind", "still_behind", "recovered", "completed_since",
                                                  "changed", "unchanged") if k in c]
    s = no_match_sentence(changes) or (f"与{prev}相比（{coverage_zh(changes)}，同一任务按任务文字和牵头单位对应）："
                                       + "、".join(moved))
    extra = [f"{names[k]}{c[k]}项" for k in ("new", "dropped") if k in c]
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
    rows = changes[changes["change"].isin(classes)]
    pace = later_pace(changes)
    names = change_names(pace)
    order = {k: i for i, k in enumerate(classes)}
    rows = rows.assign(_o=rows["change"].map(order)).sort_values(
        ["_o", "behind_reports", "lag_pts"], ascending=[True, False, False], na_position="last")

    def state(status: Any, comp: Any, period: str) -> str:
        if status is None or pd.isna(status):
            return DASH
        return status_zh(status, parse_code(period).pace) + ("" if comp is None or pd.isna(comp) else f" {fmt_pct(comp)}")

    return pd.DataFrame({
        "序号": [task_ref(t, s) for t, s in zip(rows["table"], rows["seq"])],
        "重点工作": [truncate(t, task_chars) + m for t, m in zip(rows["task"], task_marks(rows))],
        "牵头单位": rows["bureau"].tolist(),
        "上期": [state(s, c, p) for s, c, p in zip(rows["prev_status"], rows["prev_completion_pct"], rows["prev_period"])],
        "本期": [state(s, c, p) for s, c, p in zip(rows["status"], rows["completion_pct"], rows["period"])],
        "变化": [streak_label(int(n), pace) if k == "still_behind" else names[k]
               for k, n in zip(rows["change"], rows["behind_reports"])],
    })


def sector_shares_zh(shares: pd.DataFrame) -> pd.DataFrame:
    """Per sector: the same tasks' share on pace or better then and now, for display."""
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
    pace = later_pace(changes)
    if not any(c.get(k) for k in ATTENTION):
        return head + no_attention(pace) + "。"
    return head + "、".join(f"{change_names(pace)[k]}{c[k]}项" for k in ATTENTION if c.get(k)) + "（见下表）。"


def mail_lines(changes: pd.DataFrame | None, bureau: str | None = None, limit: int = 10) -> list[str]:
    """Plain lines for a mail body naming the newly behind and 连续滞后 tasks (city or one bureau)."""
    if changes is None or not len(changes):
        return []
    rows = changes if bureau is None else bureau_changes(changes, bureau)
    prev = _label(changes["prev_period"].iloc[0])
    pace = later_pace(changes)
    out = []
    for k in ATTENTION:
        sub = rows[rows["change"].eq(k)].sort_values("behind_reports", ascending=False)
        if sub.empty:
            continue
        names = [f"[{task_ref(t, s)}] {truncate(x, 40)}" + (f"（连续{int(n)}期）" if k == "still_behind" else "")
                 + mark + ("" if bureau else f"（{u}）")
                 for t, s, x, n, u, mark in zip(sub["table"], sub["seq"], sub["task"], sub["behind_reports"],
                                                sub["bureau"], task_marks(sub))]
        more = f"等{len(names)}项" if len(names) > limit else ""
        out.append(f"较{prev}{change_names(pace)[k]}：" + "；".join(names[:limit]) + more + "。")
    none = no_match_sentence(changes, bureau)
    if none:
        return [none]
    if not out:
        out.append(f"较{prev}（{coverage_zh(changes, bureau)}）：{'本单位' if bureau else ''}{no_attention(pace)}。")
    return out
