"""Measurable parts of a task and what measures each in the progress text.

Three steps, each in its own module: `target_parts` (helpers.judge.targets) cuts the task text into
parts (counts, amounts, growth or level targets, comparisons, one-off deliverables); `gather`
(helpers.judge.evidence) reads the progress text once into clauses and findings (helpers.judge.findings:
verdicts, stated ratios, growth, comparisons, events, figures, each with the modality of its clause);
`match_part` (helpers.judge.matching) pairs one part with the findings that speak of it. `read` chains them and adds what no part claimed (a stated ratio of the task's own
plan, a plan and its actual both in the progress text, a verdict about the whole task).

A finding in a forecast clause (预计, 有望) is never a result: a part measured only by one is
pending and flagged. A finding in an intention or condition clause (力争, 计划, 若) is no evidence;
a figure there about the target is flagged. Statuses are assigned in helpers.judge.status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from helpers.judge.actuals import assign_actuals, threshold
from helpers.judge.clauses import Layout, fold_width, is_result, mask_item_labels
from helpers.judge.confidence import residual_signals
from helpers.judge.evidence import DONE_MARK, PRELIMINARY_RX, Evidence, Part, gather
from helpers.judge.findings import STAGE_OF_WORKS, Finding, find_stated_ratios, find_verdicts, unused_numbers
from helpers.judge.findings import LATER_YEAR, MULTI_YEAR
from helpers.judge.halts_and_waits import AUTHORITY_ACT, HALT_WORDS, NAMED_WORKS, RESUMED, SUBMISSION_TO_COME, WORKS_PHASE
from helpers.judge.halts_and_waits import awaits_a_payment, awaits_a_step
from helpers.judge.verdict_objects import SOME_OF as _SOME_OF, procedure_halts
from helpers.judge.verdict_objects import OBJECT_NAMES_TASK, OBJECT_SURELY_TASK, halts_of_other_things
from helpers.judge.lexicon import Lexicon, load_lexicon
from helpers.judge.lists import list_parts
from helpers.judge.matching import ORDER, attach_verdict, match_part
from helpers.judge.precedence import some_of_the_count
from helpers.judge.quantities import fold_numerals, ratio
from helpers.judge.scope import mark_scope, rests_beside_the_ratio
from helpers.judge.seasons import season_awaited
from helpers.judge.subjects import AUTHORITY_SUBJECT, abbreviated_name, of_a_step, points_elsewhere, said_of, acts_on_another, is_generic, object_of, refers_to_task, subject_of
from helpers.judge.whole import EVENT_SUBJECT, STANDING, another_object, result_object, task_aim, whole_task_result
from helpers.judge.targets import QUALIFIER, Adjustment, Target, adjust_targets, bigrams, direction, overlap, target_parts
from helpers.statuses import review_reason

__all__ = ["Target", "Finding", "Part", "Reading", "target_parts", "gather", "match_part", "assign_actuals", "read",
           "find_stated_ratios", "find_verdicts", "bigrams", "overlap"]

ADJUSTED = re.compile(r"调减|调增|调整后|目标调整为|任务调整为")


@dataclass
class Reading:
    """Everything read from one task: its parts, the findings no part used, and review notes."""

    parts: list[Part]
    unused_numbers: list[str]
    is_target_adjusted: bool
    review: list[str] = field(default_factory=list)
    signals: list = field(default_factory=list)  # helpers.judge.signals.Signal, by confidence.residual_signals
    year: int | None = None  # the report's year
    task: str = ""  # the task text as read (helpers.judge.confidence checks what a verdict is said of)
    evidence: Evidence | None = None  # the progress text read (the gate reads a verdict's sentence and cell)
    adjustments: list[Adjustment] = field(default_factory=list)  # targets changed during the year



# ---------------------------------------------------------------------------------------------
# what no part claimed
_BREAKDOWN = re.compile(r"其中|分县区|分地区|[县区镇乡]")


#: a share of the works under way (施工进度, 形象进度, 完成工程量的10%, 完成土方开挖八成, 主体完成60%): for a task
#: to start them, what follows the start
_WORKS_SHARE = re.compile(rf"(?:施工|工程|形象|建设)进度|工程量|土方|开挖|浇筑|{STAGE_OF_WORKS.pattern}")
#: a share of a step towards a one-off deliverable (招商, 招标, 征迁, 设计): no share of the deliverable
_STEP_SHARE = re.compile(rf"{PRELIMINARY_RX.pattern}|招商|签约|拆迁")


def leftover_ratios(ev: Evidence, parts: list[Part], task: str = "") -> list[Part]:
    """Stated ratios no target claimed: each measures a plan of this task's work (G006: 占年度投资计划的72%).

    Once the task's own figure is measured, a county's share (其中金安区完成…40%) is a breakdown of it.
    """
    headline = any(p.target is not None and (p.stated_ratio is not None or p.computed_ratio is not None)
                   for p in parts)
    one_off = bool(parts) and all(p.target is not None and p.target.kind == "deliverable" for p in parts)
    starts = one_off and all(p.target.meaning == "start" for p in parts)
    rated = [bigrams(QUALIFIER.sub("", p.target.label or p.target.part)) for p in parts
             if p.target is not None and p.target.kind == "rate" and p.actual_value is not None]
    out = []
    for r in ev.free(ev.ratios) + ev.free(ev.halves):
        if not is_result(r.modality) or (headline and _BREAKDOWN.search(r.label)):
            continue
        if any(overlap(tb, r.label) >= threshold(tb) for tb in rated):
            ev.used.add(id(r))
            continue  # 增长9% read as 增长9.1%: 总产值完成年度预期目标的60% is the amount's share, no measure of the rate
        if one_off and _STEP_SHARE.search(r.label) and not _STEP_SHARE.search(task):
            continue  # 商户招商已完成85% for 综合体开业运营: a step's share, no share of the deliverable
        if one_off and not starts and any(m.group() not in task for m in STAGE_OF_WORKS.finditer(
                ev.layout.text, *ev.layout.around(r.start, r.end))):
            continue  # 厂房钢结构吊装已完成60% for 建成投产…项目: one trade's share, no share of the deliverable
        if starts and _WORKS_SHARE.search(ev.layout.text, *ev.layout.around(r.start, r.end)):
            ev.used.add(id(r))
            continue  # 桩基施工进度约20% for 开工建设…: the works after a start, no share of the start
        ev.used.add(id(r))
        part = Part(None, [r], method="stated_ratio", period_target=r.period_target)
        if r.kind == "half":
            part.half = float(r.value)
        else:
            part.stated_ratio, part.share_range = float(r.value), r.share_range
            attach_verdict(part, r, ev, near=24)
        out.append(part)
    return out


def _plan_pairs(p: Finding, ev: Evidence, by_sentence: dict[int, list[Finding]],
                ratio_sentences: set[int]) -> list[Finding]:
    """The actuals a plan of the progress text is measured by (same sentence, same unit, after it)."""
    same = [a for a in by_sentence.get(p.sentence, []) if a.unit == p.unit and id(a) not in ev.used
            and (not a.meaning or a.meaning in p.label)]
    if p.kind == "inline_plan":
        return [a for a in same if a.end <= p.start][-1:]
    # a sentence with its own verdicts (12项已完成, 63项达序时, 9项未达) is a breakdown, not a result
    if p.kind != "plan" or MULTI_YEAR.search(p.text) or ev.has_verdicts(p.sentence) \
            or p.sentence in ratio_sentences:
        return []
    return [a for a in same if a.start > p.end
            and DONE_MARK.search(ev.layout.clause_before(a.start, a.end))]


def plan_parts(ev: Evidence, parts: list[Part]) -> list[Part]:
    """A plan and what was done against it, both in the progress text (计划…15所, 已…完工11所)."""
    by_sentence: dict[int, list[Finding]] = {}
    for a in ev.actuals:
        by_sentence.setdefault(a.sentence, []).append(a)
    ratio_sentences = {r.sentence for r in ev.ratios}
    # targets already measured, by (unit, value): the plan restating one of them adds nothing
    measured = {(x.target.unit, x.target.value) for x in parts if x.target is not None
                and (x.actual_value is not None or x.stated_ratio is not None or x.verdict)}
    out = []
    for p in ev.plans:
        pairs = _plan_pairs(p, ev, by_sentence, ratio_sentences)
        if not pairs or (p.unit, p.value) in measured:
            continue
        low = min(pairs, key=lambda a: a.value)
        for a in pairs:
            ev.used.add(id(a))
        start = ev.layout.around(min(p.start, low.start), min(p.end, low.end))[0]
        end = max(p.end, low.end)
        text = ev.layout.text[start:end]
        span = Finding("plan_ratio", start, end, p.sentence, text, value=low.value, unit=low.unit, target=p.value)
        part = Part(Target(text, "amount" if p.unit in ("元", "美元") else "count", p.value, p.unit, label=p.label),
                    [span], method="computed_ratio", computed_ratio=ratio(low.value, p.value),
                    actual_value=low.value, actual_unit=low.unit)
        attach_verdict(part, span, ev)
        out.append(part)
        measured.add((p.unit, p.value))
    return out


def _of_whole_task(ev: Evidence, v: Finding, tb: set[str], targets: list[Target]) -> bool:
    """A halt whose subject names the task (西河片区棚户区改造项目已撤销), not one of its several parts
    (城市轨道交通示范线项目暂停审批 beside 新增公交线路10条); for a task of one target, a subject
    naming its thing or a generic one (项目, 该工程)."""
    subject = subject_of(ev, v.start)
    if len(targets) < 2 and (overlap(tb, subject) >= 1 or is_generic(subject) or abbreviated_name(subject, tb)):
        return True  # a task of one thing: 博览会取消, 项目终止 name it
    # some of the things named in the halt's subject or its clause (另有5个…暂缓建设), not in a cause before it
    c0 = ev.layout.around(v.start, v.end)[0]
    named = NAMED_WORKS.search(ev.layout.text, v.start, v.end)
    if len(targets) < 2 and not _SOME_OF.search(subject + ev.layout.text[c0:v.start]) \
            and (_event_by_kind(ev, v, targets) or _ordered_phase(ev, v)
                 or (named is not None and overlap(tb, named["obj"]) >= 2)):
        # 今年线下展会取消, 上级部门通知暂停布展, 全面叫停淠河干流采砂作业: the event or the works, not some of them
        return True
    if overlap(tb, subject) < 3:
        return False
    return not any(overlap(bigrams(t.label or t.part), subject) >= 2 for t in targets)


#: what qualifies an event named by its kind without naming another (今年线下展会, 本届赛事)
_KIND_QUALIFIER = re.compile(r"^(?:今年|本年度?|年内)?的?(?:线下|现场|实体)?|(?:一律|均|全部|都)$")




def _ordered_phase(ev: Evidence, v: Finding) -> bool:
    """上级部门通知暂停布展: a phase of the works (its object, or the verb's own) halted by an authority's order."""
    phase = WORKS_PHASE.match(object_of(ev, v.end)) or WORKS_PHASE.search(v.text)
    return bool(phase) and bool(AUTHORITY_ACT.search(ev.layout.sentence_text(v.sentence)))


def _event_by_kind(ev: Evidence, v: Finding, targets: list[Target]) -> bool:
    """该赛事今年停办, 今年线下展会取消, 节会活动一律暂停, 主办方决定取消本次赛事 for a task to hold an event:
    the event named by its kind, as the halt's subject or its object, is the task's."""
    return any(t.meaning == "hold" for t in targets) \
        and any(EVENT_SUBJECT.match(_KIND_QUALIFIER.sub("", said)) for said in
                (subject_of(ev, v.start), object_of(ev, v.end), HALT_WORDS.split(ev.layout.text[v.start:v.end])[-1]))


def _halts_the_task(ev: Evidence, v: Finding, tb: set[str], targets: list[Target]) -> bool:
    """A halt said of the task (`refers_to_task`, with no object of its own) or of some of its count:
    the clause's subject (金寨县、舒城县2个项目被调出…计划), else, for a verb with no object of its
    own, the sentence's (另有5个因选址调整，经…研究暂缓建设)."""
    if v.halt_object:
        # 市政府决定暂缓实施公交票价调整方案: the object after the verb names the task's thing, or another
        return overlap(tb, v.halt_object) >= OBJECT_NAMES_TASK
    # a halt of a step the task needs (暂缓批复初步设计) is of the task, whatever the step is called;
    # so is a phase of its works halted by an authority's order (上级部门通知暂停布展)
    obj = object_of(ev, v.end)
    other = acts_on_another(ev, v.end, tb) and not PRELIMINARY_RX.search(obj) and not _ordered_phase(ev, v)
    if (refers_to_task(ev, v.start, tb) or _event_by_kind(ev, v, targets)) and not other:
        return True
    subject = subject_of(ev, v.start, clause_only=True) or ("" if other else subject_of(ev, v.start))
    return some_of_the_count(subject, targets)


def _an_action_done(ev: Evidence, v: Finding, task: str) -> bool:
    """市级公立医院全部完成医院章程制定 for 推动…改革，建立现代医院管理制度: for a task of standing work (its words:
    helpers.judge.whole.STANDING; no one aim), a completion followed by an object of its own completes that action,
    not the task (完成年度目标任务的八成半 is a share, no object)."""
    obj = result_object(ev, v.start, v.end)
    return task_aim(task) is None and bool(STANDING.search(task)) and not obj.startswith("的") \
        and another_object(obj, bigrams(QUALIFIER.sub("", task)), task)


def _slips_the_task(ev: Evidence, v: Finding, tb: set[str]) -> bool:
    """该项任务推迟至明年实施, 项目延期至2026年: a slip of the task itself (not of some of its count) to a
    year after the report's."""
    years = [int(m["y"]) for m in LATER_YEAR.finditer(v.text) if m["y"]]
    if years and (ev.year is None or max(years) <= ev.year):
        return False
    subject = subject_of(ev, v.start)
    return refers_to_task(ev, v.start, tb) and not _SOME_OF.search(subject + ev.layout.clause_before(v.start, v.end))


def leftover_verdicts(ev: Evidence, tb: set[str] | None = None, targets: list[Target] = (),
                      task: str = "") -> list[Part]:
    """Verdicts no part used are parts of their own (Q10: 未达到序时进度 for the air).

    A halt said of something else than the task (暂停水下桩基作业 for a bridge is not one, but
    其他项目暂停 is) is no verdict of it: only one whose subject is the task counts
    (`refers_to_task`). A wait is kept whoever's it is: pending is always flagged.
    """
    parts = []
    for v in ev.verdicts:
        if id(v) in ev.used or v.modality in ("past", "part"):
            continue
        if tb is not None and v.status == "blocked" and not _halts_the_task(ev, v, tb, targets):
            continue
        if v.later and (tb is None or not _slips_the_task(ev, v, tb)):
            continue  # 另有1个乡镇推迟至2025年实施: some of the count, or a year not after the report's
        if v.status == "completed" and (of_a_step(said_of(ev, v.start), task) or points_elsewhere(ev, v.start, task)
                                        or _an_action_done(ev, v, task)):
            continue  # 大会筹备工作已全部完成: a preparation done, not the task (a residual signal)
        if v.modality == "forecast" and v.status != "pending":
            part = Part(None, [v], method="verdict_phrase", verdict="pending")
            part.review.append(review_reason("forecast_only", v.text))
        else:
            part = Part(None, [v], method="verdict_phrase", verdict=v.status)
            # 西河片区棚户区改造项目已撤销: the task itself is halted, whatever was done before
            part.whole_task = v.status == "blocked" and tb is not None and _of_whole_task(ev, v, tb, targets)
            if v.halt_object and tb is not None and overlap(tb, v.halt_object) < OBJECT_SURELY_TASK:
                part.review.append(review_reason("halt_of_other", v.text))
        parts.append(part)
    return parts


def _widen(layout: Layout, f: Finding, unmasked: str) -> None:
    """Make the evidence a readable clause: a bare 增长5.5% or 未达到序时进度 gets the clause before it."""
    text = layout.text
    a, b = layout.around(f.start, f.end)
    a, b = min(a, f.start), max(b, f.end)
    s0 = layout.sentence_start(f.sentence)
    while b - a < 16 and a > s0:
        a = max(max(text.rfind(ch, s0, a - 1) for ch in ",,、") + 1, s0)
    # the folded words with their item labels, as every rule reads them (judge_one shows them as printed)
    f.start, f.end, f.text = a, b, unmasked[a:b]


_NUMBER_CELL = re.compile(r"^\s*(?P<val>-?\d+(?:\.\d+)?)\s*$")
_RATE_CELL = re.compile(r"^\s*(?P<val>-?\d+(?:\.\d+)?)\s*%?\s*$")


_PERCENT_COLUMN = re.compile(r"[((]%[))]")
_TARGET_CELL = re.compile(r"目标任务[::]\s*(?P<val>\d+(?:\.\d+)?)\s*(?P<bound>以内|以下|以上|左右)?")


def _percent_column_target(task: str, t: Target | None) -> Target | None:
    """规模以上工业增加值增速(%);目标任务:8 — a rate or level target split over two cells."""
    if t is not None and t.kind == "level":
        return t
    m = _TARGET_CELL.search(task)
    if not m or not _PERCENT_COLUMN.search(task):
        return t
    lower = m["bound"] in ("以内", "以下") or direction(task) == "lower"
    return Target(task, "level", Decimal(m["val"]), "%", direction="lower" if lower else "higher",
                  label=task[:m.start()])


def numeric_part(task: str, targets: list[Target], progress: str, rate_text: str | None) -> Part | None:
    """A numeric table's cell (4385 | 110%, or 4385 beside a rate column): judged from the rate.

    A level target (失业率低于(%) 4.3) compares the value itself; a count with no rate gives actual /
    target. labels.json joins value, rate and remark with ' | '; the table passes rate_text apart.
    """
    cells = progress.split("|")
    m = _NUMBER_CELL.match(cells[0])
    if not m:
        return None
    value = Decimal(m["val"])
    rate_cell = rate_text if rate_text and rate_text.strip() else (cells[1] if len(cells) > 1 else "")
    r = _RATE_CELL.match(rate_cell)
    t = next((x for x in targets if x.value is not None and x.kind in ("count", "amount", "level")), None)
    t = _percent_column_target(task, t)
    span = Finding("stated_ratio", 0, len(cells[0].rstrip()), 0, progress.strip())
    part = Part(t, [span], actual_value=value, actual_unit=t.unit if t else None)
    if t is not None and t.kind == "level":
        part.met = value <= t.value if t.direction == "lower" else value >= t.value
        part.method = "rate_target"
    elif r:
        part.stated_ratio, part.method = float(Decimal(r["val"]) / 100), "stated_ratio"
        span.value = Decimal(r["val"]) / 100
    elif t is not None and t.value:
        part.computed_ratio, part.method = ratio(value, t.value), "computed_ratio"
    else:
        return None
    return part


def read(task: str, progress: str | None, *, target_text: str | None = None, rate_text: str | None = None,
         lex: Lexicon | None = None, year: int | None = None) -> Reading:
    """Read one task: target parts from `task` (and `target_text`), findings from `progress`, matched.
    `year` is the report's year (another year's batch is not this year's result)."""
    lex = lex or load_lexicon()
    printed = progress or ""
    # 百分之六十二 is 62%: the number forms are folded once, at the same offsets, for every finder
    unmasked, task = fold_numerals(fold_width(printed)), fold_numerals(fold_width(task))
    progress = mask_item_labels(unmasked)
    rate_text = fold_width(rate_text) if rate_text else rate_text
    if target_text and target_text.strip() and fold_width(target_text.strip()) not in task:
        task = f"{task};目标任务:{fold_width(target_text.strip())}"
    targets = target_parts(task, lex)
    adjusted = adjust_targets(targets, progress)
    ev = gather(progress, lex)
    ev.year = year
    ev.labels = frozenset(i for i, (x, y) in enumerate(zip(unmasked, progress)) if x != y)
    scoped = mark_scope(ev, task, year)
    halts_of_other_things(ev, task)
    _own_verb_is_no_halt(ev, task)
    _other_works_halted(ev, task)
    _lifted_halts(ev)
    halted_procedures = procedure_halts(ev, task, targets)
    _waits_on_a_step(ev, task)
    # 2个小区不再改造，年度任务调减为38个: the halted part left the target with the cut
    cut = {ev.layout.sentence_of(a.pos) for a in adjusted}
    ev.used.update(id(v) for v in ev.verdicts if v.status == "blocked" and v.sentence in cut)
    numeric = numeric_part(task, targets, progress, rate_text)
    if numeric is not None:
        return Reading([numeric] + leftover_verdicts(ev), [], bool(ADJUSTED.search(task)), year=year, task=task,
                       evidence=ev)
    assigned = assign_actuals(targets, ev)
    parts = [match_part(t, ev, assigned, len(targets) == 1) for t in targets]
    if len(parts) == 1:
        _whole_task_verdict(parts[0], ev)
    parts += leftover_ratios(ev, parts, task)
    parts += plan_parts(ev, parts)
    parts += list_parts(ev, parts)
    parts += _rate_column_part(targets, parts, rate_text)
    parts += rests_beside_the_ratio(ev, parts, leftover_verdicts(ev, bigrams(QUALIFIER.sub("", task)), targets, task))
    parts += _aim_reached(ev, task, targets, parts)
    parts += season_awaited(ev, task, parts)
    for part in parts:
        for f in part.findings:
            if f.end > f.start:  # a rate cell's evidence is not in the progress text
                _widen(ev.layout, f, unmasked)
    review = _task_review(ev, parts) + [review_reason("target_adjusted", a.clause) for a in adjusted] + scoped \
        + halted_procedures
    return Reading(parts, unused_numbers(progress, ev.layout),
                   bool(adjusted or ADJUSTED.search(progress) or ADJUSTED.search(task)), review,
                   residual_signals(ev, parts, task, lex), year, task, ev, adjusted)


def _one_of_it(t: Target) -> bool:
    """组建…队伍1支, 建成…中心1个: a count of one is the one act the task names (its number says how many);
    a title counted as one (创成国家5A级旅游景区1家) is granted by an outside body, not said reached by the works."""
    return t.kind == "count" and t.value == 1


def _aim_reached(ev: Evidence, task: str, targets: list[Target], parts: list[Part]) -> list[Part]:
    """Nothing measured the task: its own aim may still be said reached in words (helpers.judge.whole),
    also when its only number counts the one thing it makes (组建…队伍1支).
    A title's deliverable the event words did not read (被…授予“国家森林城市”称号 for 创成…) takes the
    result on its own part, never beside it (a deliverable left due at the year's end would be behind)."""
    if (targets and not (task_aim(task) == "title" and all(t.kind == "deliverable" for t in targets))
            and not (task_aim(task) not in (None, "title") and all(_one_of_it(t) for t in targets))) \
            or any(p.method != "none" for p in parts):
        return []
    whole = whole_task_result(ev, task)
    if whole is None or not targets:
        return [whole] if whole else []
    for p in parts:
        if p.target is not None:
            p.verdict, p.method, p.findings, p.review = whole.verdict, whole.method, list(whole.findings), whole.review
    return []


def _lifted_halts(ev: Evidence) -> None:
    """暂停施工，6月已恢复施工: a halt lifted later in its sentence or the next is over, no status."""
    lay = ev.layout
    for v in ev.verdicts:
        if v.status == "blocked":
            s = lay.sentence_of(v.start)
            end = lay.sents[min(s + 1, len(lay.sents) - 1)][1] if lay.sents else len(lay.text)
            if RESUMED.search(lay.text, v.end, end):
                ev.used.add(id(v))


def _waits_on_a_step(ev: Evidence, task: str) -> None:
    """活动方案已报市政府审定: a wait said of a step paper the task does not name, decided by the city's
    own bodies, is read as a step (no verdict, no residual wait): the task's outcome awaits nothing; so is
    a submission still to come (待社会意见汇总后提交市政府常务会议审议), and a payment of funds the task does
    not name waiting on a check (财政奖补…待绩效评估后兑付)."""
    for v in ev.verdicts:
        if v.status != "pending":
            continue
        sentence, clause = ev.layout.sentence_text(v.sentence), ev.layout.around(v.start, v.end)
        subject = subject_of(ev, v.start)
        if awaits_a_step(subject + ev.layout.text[v.start:v.end], sentence, task) \
                or SUBMISSION_TO_COME.search(ev.layout.text, *clause) \
                or awaits_a_payment(subject + ev.layout.text[slice(*clause)], task):
            ev.used.add(id(v))


def _other_works_halted(ev: Evidence, task: str) -> None:
    """因鱼类洄游期暂停水下作业 for 水库除险加固: a halt of works the task does not name (no word of the
    task's, no stage of it), with no authority ordering it, is a pause of other works — read, no halt.
    An authority's halt of the works (市住建局叫停内部装修施工) stays the task's."""
    tb = bigrams(QUALIFIER.sub("", task))
    for v in ev.verdicts:
        named = NAMED_WORKS.search(ev.layout.text, v.start, v.end) if v.status == "blocked" else None
        if named and overlap(tb, named["obj"]) == 0 and not STAGE_OF_WORKS.search(named["obj"]) \
                and not _BY_AUTHORITY.match(v.text) and not AUTHORITY_ACT.search(ev.layout.sentence_text(v.sentence)) \
                and not AUTHORITY_SUBJECT.search(subject_of(ev, v.start)):
            ev.used.add(id(v))


#: halting verbs that are an authority's by their meaning (叫停, 责令停止)
_BY_AUTHORITY = re.compile(r"叫停|责令")


def _own_verb_is_no_halt(ev: Evidence, task: str) -> None:
    """全面取消…收费, 撤销行政许可事项: when the task's aim is a verb of the halt family, that verb in the
    progress text reports the work done, not a halt."""
    for v in ev.verdicts:
        if v.status == "blocked" and any(w in task for w in HALT_WORDS.findall(v.text)):
            ev.used.add(id(v))


def _rate_column_part(targets: list[Target], parts: list[Part], rate_text: str | None) -> list[Part]:
    """A rate column (完成率 64%) beside a text cell: the report's own ratio, when the text gives none."""
    r = _RATE_CELL.match(rate_text or "")
    if not r or any(t.kind in ("level", "rate") for t in targets) \
            or any(p.stated_ratio is not None or p.computed_ratio is not None for p in parts):
        return []
    value = Decimal(r["val"]) / 100
    # the evidence is the rate cell itself: an empty span of the progress text
    f = Finding("stated_ratio", 0, 0, 0, f"完成率: {rate_text.strip()}", value=value)
    return [Part(None, [f], method="stated_ratio", stated_ratio=float(value))]


def _whole_task_verdict(part: Part, ev: Evidence) -> None:
    """A one-part task that nothing measured takes a verdict about the whole task (已提前完成年度目标)."""
    if part.verdict or part.method != "none" or part.target is None:
        return
    tb = bigrams(QUALIFIER.sub("", part.target.label or part.target.part))
    # about this task: the sentence names it, or says nothing else (已提前完成年度目标。)
    free = [v for v in ev.verdicts if id(v) not in ev.used and (is_result(v.modality) or v.status == "pending")
            and (overlap(tb, ev.layout.sentence_text(v.sentence)) >= 1
                 or len(ev.layout.sentence_text(v.sentence)) - (v.end - v.start) <= 4
                 or (v.status == "completed" and is_generic(subject_of(ev, v.start, clause_only=True))))
            and not (v.status == "completed" and (of_a_step(said_of(ev, v.start), part.target.part)
                                                  or points_elsewhere(ev, v.start, part.target.part)))]
    if free:
        v = min(free, key=lambda x: ORDER.index(x.status))
        part.verdict, part.method = v.status, "verdict_phrase"
        part.findings.insert(0, v)
        ev.used.update(id(x) for x in free if x.status == v.status)


def _task_review(ev: Evidence, parts: list[Part]) -> list[str]:
    """Task-level notes: figures in forecast or intention clauses that no part used."""
    notes = []
    if not any(p.method != "none" for p in parts):
        fc = [g for g in ev.growths + ev.ratios if g.modality == "forecast"]
        if fc:
            notes.append(review_reason("forecast_only", fc[0].text))
    return notes
