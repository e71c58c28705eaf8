"""Finished Chinese sentences for the research notebooks, the ledger and the mail.

The briefing notebooks do not call these: they write their own templates and fill them from
helpers.report.facts. These stay for the pages researchers do not edit as documents (data
quality, pace analysis) and for the ledger's 说明 sheet and the mail body.
"""

from __future__ import annotations


import pandas as pd

from helpers.judge.review import counts as review_counts
from helpers.read.bureaus import UNIT_SEP
from helpers.report import wording
from helpers.report.figures import MEASURED, Headline, behind_tasks, bureau_tasks, headline
from helpers.report.formatting import CORRECTED, OFFICIAL_ZH
from helpers.plaintext import fmt_pct
from helpers.quality import Quality
from helpers.report.loading import table_pace
from helpers.statuses import DEFAULT_AHEAD_MARGIN, STATUS_ZH


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


def rank_sentence(board: pd.DataFrame, bureau: str, pace: float) -> str:
    """Where `bureau` stands in the scoreboard, among bureaus with a measured task."""
    ranked = board[board["rank"].notna()]
    hit = ranked.loc[ranked["bureau"].eq(bureau), "rank"]
    if hit.empty:
        return f"{bureau}牵头的任务均无法对照{wording.yardstick(pace)}量化评估，未参加全市牵头单位排名。"
    r = int(hit.iloc[0])
    tied = int(ranked["rank"].eq(r).sum())
    place = f"与其他{tied - 1}个单位并列第{r}位" if tied > 1 else f"排第{r}位"
    basis = wording.rank_basis(pace)
    return f"在全市{len(ranked)}个有可量化任务的牵头单位中，按{basis}的比例，{bureau}{place}。"


#: The bureau briefing's note on whose tasks it counts.
BUREAU_NOTE = ("本单位为第一牵头单位的任务计入上方统计和全市简报的牵头单位排名；与其他单位联合牵头、列在其后的任务"
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
    c = review_counts(tasks)
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
