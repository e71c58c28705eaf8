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

#: The roles a reason has: `review` — the judgement may be wrong, a person must look (needs_review);
#: `note` — a fact the pages show beside a judgement the rules are sure of. A reason is a note only
#: when, over every labelled set that may be read, it stood beside a right judgement at least
#: NOTE_BOUND of the time in at least NOTE_MIN_CASES cases (docs/judging.md, "Notes";
#: tests/judge/test_note_reasons.py recomputes it).
ROLES = ("review", "note")
NOTE_BOUND = 0.97
NOTE_MIN_CASES = 15


@dataclass(frozen=True)
class Reason:
    """One reason a judgement carries: the label researchers read, its role, what it means, and for a
    note the mark the pages print after the task (a format of the note's detail, e.g. {detail} for
    自评为序时推进; "" where the pages show the fact otherwise)."""

    label: str
    role: str
    meaning: str
    mark: str = ""


#: Every reason, defined once: code → Reason. A reason cell (review_reason, note_reason) holds reasons
#: written as "label：detail" (detail: the clause concerned), several joined with REASON_SEP.
REASONS = {
    # a note in round 9 (25 of 25 right); with sets 14 and 15 read, 28 of 29 (0.966 < NOTE_BOUND): review again
    "verdict_conflict": Reason("原文结论与数据不一致", "review",
                               "the office's verdict against its own figures; the verdict decides"),
    "official_disagrees": Reason("与原文完成状态不一致", "review",
                                 "the report's status column against the rules' status (any other way than below)"),
    # a note in round 9 (23 of 23 right); with sets 14 and 15 read, 28 of 29 (0.966 < NOTE_BOUND): review again —
    # on fresh text the office's claim caught a figure the rules misread
    "official_claims_more": Reason("原文自评高于数据所示", "review",
                                   "before the year's end the office prints 达序时 or better where the rules measure "
                                   "a lag: the rules show the lag (detail: 自评为 and the status cell as printed)"),
    "pending": Reason("结果有待外部决定或数据公布", "note",
                      "a 待评估 with a figure beside the wait, a date to come, or the year over", "结果待外部决定"),
    "forecast_only": Reason("只有预计数，没有实绩", "review", "a forecast stands in for a result"),
    "intention_figure": Reason("只有计划性表述中的目标数字", "review", "the only figure about the target is planned"),
    "year_awaited": Reason("全年数据待出，目前数字不是年度占比", "review", "a season's figure while the year's is awaited"),
    "target_unmeasured": Reason("目标有数字，进展中没有可对照的数据", "review", "a target figure nothing measures"),
    "percent_unread": Reason("进展中的百分数无法对应到目标", "review", "a percentage no rule could place"),
    "partly_measured": Reason("部分目标数字未能衡量，状态取决于其余指标", "review", "some parts unmeasured"),
    "truncated": Reason("原文在此行中断，判断所依据的文字不完整", "review", "the report ends inside the row"),
    "target_adjusted": Reason("年度目标年中调整，按调整后的目标衡量", "review",
                              "a target cut during the year, not compared cleanly with its new figure"),
    "target_cut": Reason("年度目标年中调整，已按调整后的目标比较", "note",
                         "a target cut compared cleanly with its new figure (confidence._adjustment_shown)",
                         ""),  # shown by report.formatting.ADJUSTED from is_target_adjusted, flagged or not
    "approximate": Reason("原文比例为约数，跨越两个状态", "review", "a share in words spanning two statuses"),
    "ratio_out_of_range": Reason("比例超出合理范围，未采用", "review", "a ratio above any plausible range"),
    "ratio_unlikely": Reason("实际数远超目标，请核对数字与目标是否同指", "review", "an actual far above its target"),
    "ratio_short": Reason("实际数远低于序时进度，请核对数字与目标是否同指", "review", "an actual far below the pace"),
    "part_done": Reason("完成的只是任务的一部分，另有剩余工作", "review", "a part done while work remains"),
    "unread_signal": Reason("原文有关乎状态的表述未被规则采用", "review", "status-bearing words no rule read"),
    "trial_run": Reason("处于试运行或试运营，尚未正式投用", "review", "a trial run with no formal start"),
    "deferred": Reason("完成时间推迟，尚未完成", "review", "a completion put off"),
    "read_doubt": Reason("读表存疑：此行的单元格与栏目不符", "review", "the reader doubts the row"),
    "other_period": Reason("判断依据不属本期或本年度", "review", "the deciding clause is of another period"),
    "not_a_result": Reason("判断依据是计划或预计，不是实绩", "review", "the deciding clause is a plan or forecast"),
    "contrary_word": Reason("完成的表述旁有相反的字眼", "review", "a contrary word beside a completion"),
    "noun_mismatch": Reason("数字所指与目标指标不同", "review", "the figure counts another indicator"),
    "parts_disagree": Reason("各部分结论不一", "review", "a part waiting or halted beside a part done"),
    "halt_of_other": Reason("叫停或取消的对象不是本任务", "review", "a halt of something else"),
    "step_counted": Reason("数字计的是前期步骤，不是目标本身", "review", "the figure counts a preliminary step"),
    "stock_for_flow": Reason("数字是总量，目标是新增量", "review", "a stock read for additions"),
    "stock_target": Reason("目标是总量，总量的比例不是本年工作的进度", "review", "a stock's share is no year's work"),
    "part_measured": Reason("判断依据只说了任务的一部分", "review", "the deciding clause speaks of a part"),
    "figures_compete": Reason("有几个数字同样可能衡量此目标，取值不同", "review", "two figures as likely"),
    "sum_or_item": Reason("各项相加与单项所得结论不一，原文未说明是否合计", "review", "a sum or one item"),
    "carried_over": Reason("合计中含往年结转部分，计入与否结论不一", "review", "a total holding an earlier batch"),
    "unit_differs": Reason("数字计量单位与目标不同，未能换算", "review", "another counter"),
    "narrower_set": Reason("数字只计规模以上单位，范围窄于目标", "review", "a rate of the larger units only"),
    "soft_done": Reason("原文只说基本或初步完成", "review", "a hedged completion"),
    "coverage_short": Reason("覆盖尚未达到全部单位，年中无法按序时判断", "review", "a coverage short of all units"),
    "batch_by_order": Reason("任务按次序所说的批次（首批、第二批）可能正是原文按年度所写的批次", "review",
                             "a batch by order that may be the dated one"),
    # second readings of the same cell (helpers.judge.consistency): a completion read from a figure is
    # read again against the rest of the cell, and a disagreement names the conflict
    "done_yet_left": Reason("数字显示已完成，但原文另述尚有工作未完成或仍在进行", "review",
                            "a completion by a figure beside work the cell reports left, going on or forecast"),
    "figure_named_better": Reason("另一目标单位的数字更贴合目标所指，所得结论不同", "review",
                                  "a completion by a figure of another noun beside a figure of the target's own"),
    "coverage_share": Reason("任务要求全覆盖或清零，原文给出的比例可衡量进度而未被采用", "review",
                             "定性推进 for a task to cover all its units beside a share the cell states"),
}
#: code → label (the label researchers read), for every reason whatever its role.
REVIEW_REASONS = {code: r.label for code, r in REASONS.items()}
#: label → its Reason: a reason cell is read back by its labels.
BY_LABEL = {r.label: r for r in REASONS.values()}
if len(BY_LABEL) != len(REASONS) or any(r.role not in ROLES for r in REASONS.values()):
    raise ValueError("helpers.statuses.REASONS: a label given twice or a role not in ROLES")
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


def reason_label(reason: str) -> str:
    """The label of one stored reason (the text review_reason wrote before "："; all of it when it has none)."""
    return reason.split("：", 1)[0]


_CLASS = re.compile(r"【([^】]+)】")


def reason_class(reason: str) -> str | None:
    """The class of one stored reason (the 【】 review_reason wrote first in its detail), or None."""
    m = _CLASS.match(reason.partition("：")[2])
    return m[1] if m else None


def note_marks(cell: object) -> str:
    """The marks the pages print after a task for the notes of a note_reason cell, each in （）, in order
    (a note whose mark is "" is shown otherwise; a cell of no note gives "")."""
    if not isinstance(cell, str):
        return ""
    marks = []
    for note in cell.split(REASON_SEP):
        found = _reason_of(note)
        if found is not None and found.role == "note" and found.mark:
            detail = note.strip()[len(found.label):].lstrip("：").strip()
            marks.append(f"（{found.mark.format(detail=detail)}）")
    return "".join(dict.fromkeys(marks))


def role_of(reason: str) -> str | None:
    """The role of one reason as stored, by the label it opens with (None: it opens with none, as the
    part of a quoted detail after a separator does)."""
    found = _reason_of(reason)
    return found.role if found else None


def _reason_of(reason: str) -> Reason | None:
    """The Reason one stored reason opens with (the longest label it starts with), or None."""
    return next((r for label, r in _LONGEST_FIRST if reason.strip().startswith(label)), None)


def by_role(reasons: list[str]) -> tuple[list[str], list[str]]:
    """Reasons as written → (review reasons, notes), each in order. A reason of no known label is a
    review reason: a doubt nobody measured is never quietly a note."""
    is_note = [role_of(r) == "note" for r in reasons]
    return ([r for r, n in zip(reasons, is_note) if not n], [r for r, n in zip(reasons, is_note) if n])


_LONGEST_FIRST = sorted(BY_LABEL.items(), key=lambda kv: -len(kv[0]))


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
