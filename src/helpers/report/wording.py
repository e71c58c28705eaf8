"""How the briefings speak of the time pace for each kind of period (Q1, H1, Q3, 1-N月, FY).

The pace is months elapsed / 12; the tasks table carries it in its `pace` column, so every function
here takes the pace and nothing else. At the year's end (pace 1) there is no pace to be ahead of:
a task has reached its annual target (已完成) or not (未完成), and the wording says so.
"""

from __future__ import annotations

from fractions import Fraction

from helpers.period import is_year_end  # noqa: F401  (the briefings ask wording whether a pace is the year's end)
from helpers.statuses import CHANGE_ZH, STATUS_ZH, YEAR_END_CHANGE_ZH, YEAR_END_ZH


def months(pace: float) -> int:
    return round(pace * 12)


def pace_pct(pace: float) -> str:
    """The pace as readers see it: 25%, 50%, 75%, but 91.7% for 11/12 (never a rounded 92%)."""
    v = pace * 100
    return f"{v:.0f}%" if abs(v - round(v)) < 0.05 else f"{v:.1f}%"


def status_zh(status: str, pace: float) -> str:
    """A status as shown in this period: at the year's end 滞后 reads 未完成."""
    if is_year_end(pace) and status in YEAR_END_ZH:
        return YEAR_END_ZH[status]
    return STATUS_ZH.get(status, status)


def status_names(pace: float) -> dict[str, str]:
    """Every status's display name in this period."""
    return {s: status_zh(s, pace) for s in STATUS_ZH}


def behind_phrase(pace: float) -> str:
    """滞后于序时进度, or at the year's end 未完成年度目标."""
    return "未完成年度目标" if is_year_end(pace) else "滞后于序时进度"


def behind_short(pace: float) -> str:
    return status_zh("behind", pace)


def not_reached(pace: float) -> str:
    """What a behind task has not reached, when no lag can be given: 未达序时进度 / 未完成年度目标."""
    return "未完成年度目标" if is_year_end(pace) else "未达序时进度"


def lag_words(pace: float, pts: str) -> str:
    """A behind task's lag in words, `pts` already formatted: 落后序时5.2个百分点 / 距年度目标5.2个百分点."""
    return f"距年度目标{pts}个百分点" if is_year_end(pace) else f"落后序时{pts}个百分点"


def yardstick(pace: float) -> str:
    """What completion is measured against: 序时进度, or at the year's end 年度目标 (100%)."""
    return "年度目标" if is_year_end(pace) else "序时进度"


def mixed_mark(pace: float) -> str:
    """A task behind on one part while on pace on another: 部分指标滞后 / 部分指标未完成."""
    return f"部分指标{behind_short(pace)}"


def good_count(pace: float) -> str:
    """The count of tasks on pace or better: 达序时及以上, or 已完成年度目标 at the year's end."""
    return "已完成年度目标" if is_year_end(pace) else "达序时及以上"


def good_share(pace: float) -> str:
    """The share of measured tasks on pace or better, as a column header."""
    return good_short(pace) if is_year_end(pace) else f"{good_count(pace)}比例"


def margin_text(pace: float, ahead_margin: float) -> str:
    """The ahead margin as a setting: at the year's end there is no pace to be ahead of."""
    if is_year_end(pace):
        return "不适用（全年只分已完成、未完成）"
    return f"{ahead_margin * 100:g}个百分点"


def behind_by_unit(pace: float) -> str:
    """The line that counts behind tasks per lead unit opens with this."""
    return f"{behind_short(pace)}任务按牵头单位"


def analysis_name(pace: float) -> str:
    """The pace analysis page's short name (the front page, the manifest)."""
    return "年度目标完成分析" if is_year_end(pace) else "序时进度分析"


def page_titles(pace: float) -> dict[str, str]:
    """The titles of the city and research pages by kind, as the manifest and the front page list them."""
    return {"city": "市政府重点工作落实情况简报", "data_quality": "数据质量报告", "pace_analysis": analysis_name(pace)}


def analysis_title(pace: float) -> str:
    """The title of the pace analysis page after the period's label."""
    if is_year_end(pace):
        return f"{analysis_name(pace)}（全年时间已满，对照年度目标100%）"
    return f"{analysis_name(pace)}（序时进度 {pace_pct(pace)}）"


def figure_note(pace: float) -> str:
    """What the completion chart draws (the analysis page's note above it)."""
    if is_year_end(pace):
        return "每点一项有完成度的任务；实线为年度目标100%。"
    return "每点一项有完成度的任务；实线为序时进度，虚线为超序时线。"


def good_short(pace: float) -> str:
    """The header of the share on pace or better: 达序时及以上, or 已完成占比 at the year's end."""
    return "已完成占比" if is_year_end(pace) else "达序时及以上"


def lag_header(pace: float) -> str:
    return "差距（百分点）" if is_year_end(pace) else "落后（百分点）"


def pace_section(pace: float) -> str:
    """Title of the section on completion against the line."""
    return "完成度与年度目标" if is_year_end(pace) else "完成度与序时进度"


def behind_section(pace: float) -> str:
    return f"{behind_phrase(pace)}的任务"


def pace_gloss(pace: float) -> str:
    """What the pace means in plain words: 即“时间过半、任务过半” at H1, 即11/12 at 1-11月."""
    m = months(pace)
    gloss = {3: "一季度末应完成全年任务的四分之一", 6: "即“时间过半、任务过半”", 9: "前三季度应完成全年任务的四分之三"}
    return gloss.get(m) or f"即{Fraction(m, 12).numerator}/{Fraction(m, 12).denominator}"


def pace_note(pace: float, ahead_margin: float, label: str) -> str:
    """The method note on the pace, worded for the period (Q1, H1, Q3, 1-N月, FY)."""
    if is_year_end(pace):
        return (f"{label}报告：全年时间已满，序时进度为100%，不再区分“超序时”“达序时”：达到年度目标的任务为"
                "“已完成”，未达到的为“未完成”（原“滞后”）；受阻、待评估和定性推进的任务另计。")
    return (f"序时进度：{label}末已过全年时间的{pace_pct(pace)}（{pace_gloss(pace)}）；完成度低于序时进度即为滞后，"
            f"高于序时进度{ahead_margin * 100:.0f}个百分点及以上为超序时。")


def figure2_caption(pace: float) -> str:
    if is_year_end(pace):
        return "图2 可量化任务的完成度（每点一项任务）；实线为年度目标100%。"
    return f"图2 可量化任务的完成度（每点一项任务）；实线为序时进度{pace_pct(pace)}。"


def rank_basis(pace: float) -> str:
    """What the bureau ranking counts: 达到或超过序时进度, or 已完成年度目标 at the year's end."""
    return "已完成年度目标" if is_year_end(pace) else "达到或超过序时进度"


def ranking_note(pace: float) -> str:
    """The sentence above the bureau ranking."""
    return (f"按可量化任务中{rank_basis(pace)}的比例排序；比例相同时{behind_short(pace)}任务少的在前。"
            "可量化任务只有一两项的单位，比例受个别任务影响较大，宜结合“可量化”一栏阅读。")


def change_names(pace: float) -> dict[str, str]:
    """How readers see each change class in a period (转为未完成/仍未完成 at the year's end)."""
    return {**CHANGE_ZH, **(YEAR_END_CHANGE_ZH if is_year_end(pace) else {})}


def streak_label(reports: int, pace: float) -> str:
    """A task behind in `reports` reports in a row, as the change column shows it."""
    return f"仍未完成（连续{reports}期）" if is_year_end(pace) else f"连续{reports}期滞后"


def no_attention(pace: float) -> str:
    """The words for "no task newly or still behind" in a period."""
    names = change_names(pace)
    return f"没有{names['newly_behind']}或{names['still_behind']}的任务"
