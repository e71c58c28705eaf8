"""The status of a task, defined once: codes, Chinese names, groups, colours, the ahead margin,
the review reasons, and the words an office prints as a task's status.

A base module (below read/ and judge/) so the reader, which must recognise a status cell, and the
judge, which must map it to a code, read the same words: the rows of kind `official` in
data/reference/lexicon.csv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from helpers import paths
from helpers.messages import say
from helpers.reference_csv import file_version, read_reference, reference_error

#: Every status code, in the order tables and charts list them.
STATUSES = ("completed", "ahead", "on_pace", "behind", "blocked", "pending", "qualitative")
#: How readers see each status (at the year's end helpers.report.wording names `behind` 未完成).
STATUS_ZH = {
    "completed": "已完成",
    "ahead": "超序时",
    "on_pace": "达序时",
    "behind": "滞后",
    "blocked": "受阻",
    "pending": "待评估",
    "qualitative": "定性推进",
}
#: How a status reads once the year is over (pace 1): no pace is left to lag, a target is missed.
YEAR_END_ZH = {"behind": "未完成"}
#: Statuses that rest on a measurement (or a verdict) against the pace, least to most advanced.
MEASURED = ("behind", "on_pace", "ahead", "completed")
#: Measured statuses that meet the pace.
ON_PACE_OR_BETTER = ("on_pace", "ahead", "completed")
#: Statuses a phrase of the progress text can decide (qualitative is what is left when none does).
DECIDED = tuple(s for s in STATUSES if s != "qualitative")
#: Reds for trouble, greens for progress, neutral greys for what is not measured; the order of
#: lightness also survives a grey-scale printer. Charts and the ledger both colour with it.
STATUS_COLORS = {
    "completed": "#1a6e34",
    "ahead": "#4daf62",
    "on_pace": "#a6d9a0",
    "behind": "#d7301f",
    "blocked": "#6a3d9a",
    "pending": "#f2b45a",
    "qualitative": "#c8c8c8",
}
#: Points above the pace that count as ahead, unless a run is given another margin.
DEFAULT_AHEAD_MARGIN = 0.10
_PRECISION = 9  # 53.6% of a plan is 0.536 exactly, not 0.53599999…


def ratio_status(r: float, pace: float, ahead_margin: float = DEFAULT_AHEAD_MARGIN) -> str:
    """Completion ratio → status: ≥1 completed, ≥ pace+margin ahead, ≥ pace on_pace, else behind."""
    r = round(r, _PRECISION)
    if r >= 1:
        return "completed"
    if r >= round(pace + ahead_margin, _PRECISION) and pace < 1:
        return "ahead"
    if r >= round(pace, _PRECISION):
        return "on_pace"
    return "behind"


def aggregate(statuses: list[str]) -> tuple[str, bool]:
    """Task status from its parts' statuses, and whether it is mixed (behind beside on pace or better)."""
    if "behind" in statuses:
        better = any(s in ON_PACE_OR_BETTER for s in statuses)
        return "behind", better
    if "blocked" in statuses:
        return "blocked", False
    measured = [s for s in statuses if s in MEASURED]
    if measured:
        return min(measured, key=MEASURED.index), False
    if "pending" in statuses:
        return "pending", False
    return "qualitative", False

#: Why a judgement needs review: code → the label researchers read. A review_reason cell holds
#: reasons written as "label：detail" (detail: the clause concerned), several joined with REASON_SEP.
REVIEW_REASONS = {
    "verdict_conflict": "原文结论与数据不一致",
    "official_disagrees": "与原文完成状态不一致",
    "pending": "结果有待外部决定或数据公布",
    "forecast_only": "只有预计数，没有实绩",
    "intention_figure": "只有计划性表述中的目标数字",
    "year_awaited": "全年数据待出，目前数字不是年度占比",
    "target_unmeasured": "目标有数字，进展中没有可对照的数据",
    "percent_unread": "进展中的百分数无法对应到目标",
    "partly_measured": "部分目标数字未能衡量，状态取决于其余指标",
    "truncated": "原文在此行中断，判断所依据的文字不完整",
    "target_adjusted": "年度目标年中调整，按调整后的目标衡量",
    "approximate": "原文比例为约数，跨越两个状态",
    "ratio_out_of_range": "比例超出合理范围，未采用",
    "ratio_unlikely": "实际数远超目标，请核对数字与目标是否同指",
    "ratio_short": "实际数远低于序时进度，请核对数字与目标是否同指",
    "part_done": "完成的只是任务的一部分，另有剩余工作",
    "unread_signal": "原文有关乎状态的表述未被规则采用",
    "trial_run": "处于试运行或试运营，尚未正式投用",
    "deferred": "完成时间推迟，尚未完成",
    "read_doubt": "读表存疑：此行的单元格与栏目不符",
    "other_period": "判断依据不属本期或本年度",
    "not_a_result": "判断依据是计划或预计，不是实绩",
    "contrary_word": "完成的表述旁有相反的字眼",
    "noun_mismatch": "数字所指与目标指标不同",
    "parts_disagree": "各部分结论不一",
    "halt_of_other": "叫停或取消的对象不是本任务",
    "step_counted": "数字计的是前期步骤，不是目标本身",
    "stock_for_flow": "数字是总量，目标是新增量",
    "stock_target": "目标是总量，总量的比例不是本年工作的进度",
    "part_measured": "判断依据只说了任务的一部分",
    "figures_compete": "有几个数字同样可能衡量此目标，取值不同",
    "sum_or_item": "各项相加与单项所得结论不一，原文未说明是否合计",
    "carried_over": "合计中含往年结转部分，计入与否结论不一",
    "unit_differs": "数字计量单位与目标不同，未能换算",
    "narrower_set": "数字只计规模以上单位，范围窄于目标",
    "soft_done": "原文只说基本或初步完成",
    "coverage_short": "覆盖尚未达到全部单位，年中无法按序时判断",
    "batch_by_order": "任务按次序所说的批次（首批、第二批）可能正是原文按年度所写的批次",
}
#: Separator of several reasons in one review_reason cell.
REASON_SEP = "；"


def review_reason(code: str, detail: str | None = None, kind: str | None = None) -> str:
    """One review reason as stored in review_reason: the label, then the detail after "："; a reason
    with classes (helpers.judge.flag_classes) opens its detail with its class in 【】."""
    label = REVIEW_REASONS[code]
    # a quoted detail never holds the separator, or one reason would read as two
    detail = (detail or "").strip().replace(REASON_SEP, "，")
    detail = f"【{kind}】{detail}" if kind else detail
    return f"{label}：{detail}" if detail else label


_CLASS = re.compile(r"【([^】]+)】")


def reason_class(reason: str) -> str | None:
    """The class of one stored reason (the 【】 review_reason wrote first in its detail), or None."""
    m = _CLASS.match(reason.partition("：")[2])
    return m[1] if m else None


# --------------------------------------------------------------------------------------------
# The words an office prints as a status (完成状态, 是否达序, a 备注 of status words)

#: The lexicon kind holding them, and what each may mean: a status, or 是 / 否, which mean
#: something only through their column's header (是否达序, 是否完成).
OFFICIAL_KIND = "official"
YES, NO = "yes", "no"
OFFICIAL_MEANINGS = (*STATUSES, YES, NO)
#: When a printed status holds several words (已完成，但进度滞后), the first code of this order wins:
#: the more doubtful reading first, so a cell that mentions a lag is never read as done.
OFFICIAL_PRECEDENCE = ("behind", "completed", "ahead", "on_pace", "blocked", "pending", "qualitative")


@dataclass(frozen=True)
class OfficialWords:
    """The official status words of one lexicon file: word → meaning, and a finder of them."""

    meaning: dict[str, str]
    path: str

    @property
    def finder(self) -> re.Pattern:
        return _finder(tuple(sorted(self.meaning, key=lambda w: (-len(w), w))))

    def exact(self, text: str) -> str | None:
        """The meaning of a cell that is one official word (after whitespace is removed), else None."""
        return self.meaning.get(re.sub(r"\s+", "", text))

    def status_in(self, text: str) -> str | None:
        """The status a printed cell states: the whole cell as one word, else the words in it
        (longest first at each place, so 部分完成 is not read as 完成) by OFFICIAL_PRECEDENCE;
        None when no status word is in it. 是 / 否 are not statuses here (see `exact`)."""
        whole = self.exact(text)
        if whole is not None:
            return whole if whole in STATUSES else None
        found = {self.meaning[m] for m in self.finder.findall(re.sub(r"\s+", "", text))}
        return next((s for s in OFFICIAL_PRECEDENCE if s in found), None)


@lru_cache(maxsize=8)
def _finder(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in words) if words else "(?!)")


def official_words(path: Path | str = paths.LEXICON_CSV) -> OfficialWords:
    """The `official` rows of the lexicon (re-read when the file changes); a bad row is a one-line
    error naming the file and line."""
    return _load_official(*file_version(path, say("lexicon.holds")))


@lru_cache(maxsize=8)
def _load_official(path: str, _mtime: int, _size: int) -> OfficialWords:
    meaning: dict[str, str] = {}
    for n, row in read_reference(path, ("kind", "phrase", "meaning")).rows:
        if row["kind"] != OFFICIAL_KIND:
            continue
        word, code = re.sub(r"\s+", "", row["phrase"]), row["meaning"]
        if code not in OFFICIAL_MEANINGS:
            raise reference_error(path, say("lexicon.official_meaning", word=word, code=code,
                                                             allowed="、".join(OFFICIAL_MEANINGS)), n)
        meaning[word] = code
    return OfficialWords(meaning, path)


#: What happened to a task since the earlier period (helpers.compare.chain.CHANGE_RULES says how each
#: is decided; the changes table's column, helpers.schema).
CHANGE_CLASSES = ("newly_behind", "still_behind", "recovered", "completed_since", "changed", "unchanged",
                  "new", "unmatched", "dropped")
CHANGE_ZH = {
    "newly_behind": "新滞后",
    "still_behind": "连续滞后",
    "recovered": "恢复",
    "completed_since": "新完成",
    "changed": "状态变化",
    "unchanged": "状态未变",
    "new": "本期新增",
    "unmatched": "未能对应",
    "dropped": "本期未列",
}
#: At the year's end `behind` reads 未完成 (YEAR_END_ZH above), and so do the changes into and in it.
YEAR_END_CHANGE_ZH = {"newly_behind": "转为未完成", "still_behind": "仍未完成"}
