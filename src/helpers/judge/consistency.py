"""Second readings of the same cell: a judgement earns its confidence only when the rest of the cell, read
another way, agrees (docs/judging.md, "Second readings").

A completed status is the one that costs most when wrong (a wrong 已完成 in a bureau chief's PDF), and a
figure over its target is the commonest way to reach it; 定性推进 claims the text measures nothing. Each test
below is a second, independent reading of the cell that can say otherwise — a general test, never a phrase:

- **work left** (`done_yet_left`): another clause reports work left, still going on, or a finish forecast
  or promised for a later date (剩余3个…正在施工, 预计11月底完工, 预计能够完成年度目标) — the same test a
  completion in words has always passed (`left_for_task`, used by helpers.judge.confidence for verdicts);
- **the better-named figure** (`figure_named_better`): another result figure of the target's unit whose
  clause names the target's thing with more of its words than the figure read (实际到位资金 beside
  协议引资) gives another status — which figure is the task's was not read;
- **the share of a coverage** (`coverage_share`): 定性推进 for a task to cover all its units (全覆盖, 清零, 100%,
  应种尽种) beside a share of them the cell states (整改率89.1%, 投保率达到100%) — the share measures the task.

Each disagreement is a review reason naming the conflict (helpers.statuses.REASONS). Measured over every
read set by writer when it landed (docs/judging.md, "Second readings").
"""

from __future__ import annotations

import re

from helpers.judge import signals
from helpers.judge.actuals import CUMULATIVE, SINGLE_MONTH
from helpers.judge.clauses import is_result
from helpers.judge.coverage import ALL_DUE
from helpers.judge.figure_names import before_figure
from helpers.judge.findings import USE_EVENTS
from helpers.judge.quantities import CHANGE_BEFORE, PLAIN_PCT, convert, to_float
from helpers.judge.scope import REMAINING
from helpers.judge.targets import QUALIFIER, bigrams, overlap
from helpers.judge.whole import task_aim
from helpers.statuses import STATUS_ZH, ratio_status, review_reason

#: work still to do or still going on, said anywhere else in the cell (剩余, 尚有, 正在, 仍在, 尚未…)
_LEFT = re.compile(rf"{REMAINING.pattern}|正在|仍在|尚在|还在|尚未|未完成|其余|另有")
#: a finish or a start put off to a later date (顺延至明年春季, 推迟至10月开工, 延至2024年实施): not reached yet
_DEFERRED = re.compile(r"(?:延期|推迟|顺延|延迟)(?:至|到)|延至|顺延")
#: a finish or a use of the works forecast (预计11月底具备上线条件, 预计三季度末通水调试): not reached yet —
#: not the word naming things already finished (竣工项目新增产值预计可达160亿元: what they will yield)
_FINISH_AHEAD = re.compile(rf"(?:{USE_EVENTS.pattern}|完成|建成|竣工|完工|具备[^,，;；。|]{{0,6}}?条件|调试)(?!项目|的)")
#: a finish or hand-over promised for a date (计划9月底前交付, 力争年底前完成): in a clause that is no
#: result, the work it names is not done yet
_LATER = re.compile(r"(?:\d{1,2}月(?:底|末|中旬|下旬|上旬)?|年底|年末|下半年|明年|次年|20\d\d年)(?:前|内|之前)?"
                    r"[^,，;；。|]{0,10}?(?:完成|交付|建成|竣工|完工|投用|投运|到位|开工|办结)")
#: a start reached (开工, 动工): works going on after it are its consequence, not work left
_START_WORDS = re.compile(r"开工|动工|开建")
#: a frame topped out (封顶, 结顶): the works after it (砌体, 装修) follow it, as works follow a start
_TOP_WORDS = re.compile(r"封顶|结顶")
#: the work that follows a document issued or approved (宣贯, 解读, 细则, 成果公告): no work left of it
_FOLLOW_UP = re.compile(r"宣贯|解读|宣传|宣讲|培训|公告|汇交|细则|配套|贯彻|落地")
#: the methods that read a completion from a figure compared with the target's
_BY_FIGURE = ("computed_ratio", "stated_ratio")
#: a figure said as an aim (目标调整为320个, 年度计划…, 任务…): a target restated, no second measure
AIM = re.compile(r"目标|任务|计划")


def left_for_task(reading, own: tuple[int, int], started: bool = False) -> str | None:
    """A clause of the cell other than `own` (the deciding clause's span) that reports work left or going
    on, a finish promised for a date in a clause that is no result, or a finish forecast; None if none.
    (Read in any clause: the cell is the task's report, and a work's part is often named in words the
    task does not use.) A start — the task's aim, or `started`: the deciding clause counts a start — is
    followed by works going on, which are no work left of it."""
    lay, start_aim = reading.evidence.layout, started or task_aim(reading.task) == "start"
    issued = any(p.target is not None and p.target.meaning in ("issue", "approve") for p in reading.parts)
    topped = any(p.target is not None and p.target.meaning == "top" for p in reading.parts)
    for c in lay.clauses:
        if c.start < own[1] and c.end > own[0]:
            continue
        clause = lay.text[c.start:c.end]
        if not (_LEFT.search(clause) or _DEFERRED.search(clause) or (not is_result(c.modality) and _LATER.search(clause))
                or (c.modality == "forecast" and _FINISH_AHEAD.search(clause))):
            continue
        if start_aim and not _START_WORDS.search(clause):
            continue  # 开工建设…: the works going on, or their finish later, follow the start
        if topped and not _TOP_WORDS.search(clause):
            continue  # 主体封顶: the works after it (正在进行砌体施工) follow the topping out
        if issued and _FOLLOW_UP.search(clause) and not _LATER.search(clause):
            continue  # 《规划》已获批复，正在组织规划宣贯: the work that follows an issued document
        return clause.strip(" ,，;；。")
    return None


def _by_figure(reading, status: str, statuses: list[str]) -> list:
    """The parts whose figure decided a completion (a ratio computed from a figure, or stated)."""
    if status != "completed" or reading.evidence is None:
        return []
    return [p for p, s in zip(reading.parts, statuses)
            if s == status and p.method in _BY_FIGURE and p.evidence is not None]


def done_yet_left(reading, status: str, statuses: list[str]) -> list[str]:
    """A completion read from a figure beside work the cell reports left, going on or forecast: the figure
    says done, the words say not yet (the test a completion in words passes, confidence._verdict_doubts)."""
    lay = reading.evidence.layout if reading.evidence is not None else None
    for p in _by_figure(reading, status, statuses):
        own = signals.own_clause(p.evidence.text)
        left = left_for_task(reading, lay.around(p.evidence.start, p.evidence.end), bool(_START_WORDS.search(own)))
        if left:
            return [review_reason("done_yet_left", f"{own}，{left}")]
    return []


def figure_named_better(reading, status: str, statuses: list[str], pace: float | None,
                        ahead_margin: float) -> list[str]:
    """A completion computed from a figure beside another result figure of the target's unit whose clause
    names the target's thing with more of its words (at least two of its bigrams) and gives another status:
    协议引资286亿元 read for 实际到位资金180亿元 beside 9月单月到位资金19.6亿元. The single month of the figure
    read, when that is said from the year's start (11月当月…；1-11月累计…), is read with it; an aim, a plan,
    a quota or another year's figure is no second measure."""
    if pace is None:
        return []
    ev = reading.evidence
    taken = {id(f) for q in reading.parts for f in q.findings}
    for p in _by_figure(reading, status, statuses):
        t, read = p.target, p.evidence
        if t is None or not t.value or t.kind not in ("count", "amount") or t.held or p.period_target \
                or read.kind != "actual":
            continue
        tb = bigrams(QUALIFIER.sub("", t.label or t.part))
        named = overlap(tb, signals.own_clause(read.text))
        # a figure said from the year's start (1-11月累计…) has the single months as its own last ones
        spanned = bool(CUMULATIVE.search(signals.own_clause(read.text)))
        for f in ev.actuals:
            value = convert(f.value, f.unit, t.unit) if f.value is not None and id(f) not in taken else None
            clause = signals.own_clause(f.text)
            if value is None or not is_result(f.modality) or overlap(tb, clause) < max(2, named + 1) \
                    or AIM.search(before_figure(clause)) or signals.other_period(f.text, reading.year) \
                    or signals.planned(f) or signals.QUOTA.search(clause) \
                    or (spanned and SINGLE_MONTH.search(clause)):
                continue
            other = ratio_status(to_float(value) / to_float(t.value), pace, ahead_margin)
            if other != status:
                said = f"{clause}（{STATUS_ZH[other]}），{signals.own_clause(read.text)}"
                return [review_reason("figure_named_better", said)]
    return []


#: a task to cover all of its units (全覆盖, 动态清零, 100%, 应种尽种 — coverage.ALL_DUE): its target is every one of them
_ALL_UNITS = re.compile(rf"全覆盖|清零|100%|百分之百|{ALL_DUE.pattern}")


def coverage_share(reading, status: str) -> list[str]:
    """定性推进 ("nothing measures the task") for a task to cover all its units, beside a share the cell
    states in a result clause (占…总数的71.8%, 整改率89.1%, 投保率达到100%): the share measures it — a rate of
    change (同比增长18%) excepted, which is no share of the units covered."""
    if status != "qualitative" or reading.evidence is None or not _ALL_UNITS.search(reading.task):
        return []
    lay = reading.evidence.layout
    for c in lay.clauses:
        clause = lay.text[c.start:c.end]
        if is_result(c.modality) and any(not CHANGE_BEFORE.search(clause[:m.start()])
                                         for m in PLAIN_PCT.finditer(clause)):
            return [review_reason("coverage_share", clause.strip(" ,，;；。"))]
    return []


def second_readings(reading, status: str, statuses: list[str], pace: float | None, ahead_margin: float) -> list[str]:
    """Every review reason the cell's second readings give the status (empty: they agree with it)."""
    return done_yet_left(reading, status, statuses) + figure_named_better(reading, status, statuses, pace,
                                                                          ahead_margin) \
        + coverage_share(reading, status)
