"""Residual signals: the words of a progress text that bear on a status, read as coverage.

Every status-bearing token of the text — a completion or attainment verb, the start or finish of
works, a halt, a wait on an outside act, remaining work, a figure in the target's unit, a growth
rate of the target's own indicator — either sits in a clause a rule consumed (a finding some part
took) or is *residual*. helpers.judge.confidence decides which residual signals undo which status.

The families are a grammar, not a phrase list: a completion is a verb of the `signal … done` rows
of data/reference/lexicon.csv or of the `deliverable` rows (events), in a clause reporting a
result, not negated, not followed by a preliminary step (完成可研批复), and said of the task (its
subject is the task's own words, a generic reference or absent).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from helpers.judge.actuals import _NEW as NEW, _STOCK as STOCK, SINGLE_MONTH, sums_the_rest
from helpers.judge.clauses import OPENS_BREAKDOWN, is_result
from helpers.judge.evidence import Evidence, Part
from helpers.judge.findings import NOUN_TAIL, STAGE_OF_WORKS, Finding, names_step
from helpers.judge.halts_and_waits import AUTHORITY_ACT, HALT_WORDS
from helpers.judge.lexicon import Lexicon
from helpers.judge.scope import REMAINING
from helpers.judge.subjects import PART_PLACE, STEP, acts_on_another, of_a_step, refers_to_task, said_of, side_meeting, subject_of
from helpers.judge.targets import QUALIFIER, bigrams, counts_for, overlap
from helpers.judge.whole import ACT_COUNTED, county_results, result_phrases, task_aim

#: the lexicon kind of the signal words: meaning `done` (completion and attainment verbs) or `use`
#: (putting a thing to use: 运行, 对外办公, 开行)
SIGNAL_KIND = "signal"
#: a negation or a not-yet just before a verb: 尚未建成, 未能完成, 没有开工
_NEGATED = re.compile(r"(?:未|没有|不|无法|暂未|尚未|未能|还未|仍未|不能|难以|不再)(?:能|够|全部|全面|正式|如期|按期)?$")
#: a plan said as it once was (赛事原定11月举办, 原计划一季度开通): the event it names has not happened
#: (as helpers.judge.findings reads a deliverable after it)
_ONCE_PLANNED = re.compile(r"原定|原计划")
#: the words of a sentence that leave the current period: another year, or later this year's end
_OTHER_YEAR = re.compile(r"上年度|上一年度|(?<![比较与和])去年(?!同期)|往年|结转|明年|下一年|次年|(?P<y>20\d\d)年(?P<batch>度)?")


#: a number after a generic completion verb in its clause (完成基坑开挖1.2公里): what was done is
#: counted, and the figure family reads it; a verb of putting to use (开行…2对) stays an event
_FIGURE = re.compile(r"\d")


@dataclass(frozen=True)
class Signal:
    """One residual token: its family, the clause it is in (quoted in the reason), its position."""

    kind: str  # done (a generic completion verb), use (an event or putting to use), await, halt, event,
    # share, remaining, figure, rate, order (a halt an authority decided, whatever its object)
    clause: str
    pos: int


#: a service started from a date on: 7月10日起每日安排…, 自9月1日开始
_FROM_DATE = r"(?<!\d)\d{1,2}月(?:\d{1,2}日)?(?:起|开始)"


@lru_cache(maxsize=4)
def _done_rx(lex: Lexicon) -> re.Pattern:
    words = "|".join(a for a in (lex.alternation(k) for k in (SIGNAL_KIND, "deliverable")) if a != "(?!)")
    return re.compile(f"(?:{words}|{_FROM_DATE})")


@lru_cache(maxsize=4)
def _families(lex: Lexicon) -> tuple[dict[str, str], frozenset[str]]:
    """The event words with their meaning, and the generic completion verbs, of one lexicon."""
    generic = frozenset(p for p, meaning in lex.meaning_of(SIGNAL_KIND).items() if meaning == "done")
    return lex.meaning_of("deliverable"), generic


def nothing_to_complete(parts: list[Part], task: str, lex: Lexicon) -> bool:
    """A task of standing work: no count or amount, no deliverable, no completion verb (完善…机制)."""
    return not any(p.target is not None and (p.target.value is not None or p.target.kind == "deliverable")
                   for p in parts) and not completes(task, lex)


def completes(task: str, lex: Lexicon) -> bool:
    """Whether the task's own aim is a completion (完成…排查, 建成…): its verb is of the done family."""
    return bool(_done_rx(lex).search(task))


def consumed_clauses(ev: Evidence, parts: list[Part]) -> set[int]:
    """Indices of the clauses whose findings a part (or a rule) took: their words are read. A
    finding's clause is the one it ends in (evidence is widened leftwards to a readable quote:
    the clause before it is shown, not read)."""
    used = set(ev.used) | {id(f) for p in parts for f in p.findings}
    lay = ev.layout
    found = [f for f in ev.all_findings() if id(f) in used]
    found += [f for p in parts for f in p.findings]
    # a sum (86.5公里；9200米 added up) reads every clause of the figures it adds
    return {i for f in found if f.end > f.start for i in range(
        lay.clause_index(f.start if f.kind == "actual" and f.label.endswith("合计") else max(f.start, f.end - 1)),
        lay.clause_index(max(f.start, f.end - 1)) + 1)}


def _clause(ev: Evidence, pos: int, end: int | None = None) -> str:
    a, b = ev.layout.around(pos, end or pos + 1)
    return ev.layout.text[a:b].strip(" ,，;；。")


def _step(clause: str, task: str) -> bool:
    """A clause about a step or a trial, or a stage the task does not name (二期 for a 二期 task is
    the task)."""
    return any(not names_step(m.group(), task) for m in STEP.finditer(clause)) \
        or any(m.group() not in task for m in STAGE_OF_WORKS.finditer(clause))


def done_signals(ev: Evidence, parts: list[Part], task: str, lex: Lexicon, read: set[int]) -> list[Signal]:
    """Completion or attainment verbs said of the task in an unread result clause; an event word
    (开工, 建成, 印发) only when it is the kind of event the task asks for (开工 is no 建成)."""
    text, lay, tb = ev.layout.text, ev.layout, bigrams(QUALIFIER.sub("", task))
    events, generic = _families(lex)
    wanted = {p.target.meaning for p in parts if p.target is not None and p.target.kind == "deliverable"}
    # a meeting or event held (召开推进会) is an action unless the task is to hold one
    held = "hold" in wanted or task_aim(task) == "hold"
    out: list[Signal] = []
    for m in _done_rx(lex).finditer(text):
        a, b = lay.around(m.start(), m.end())
        if lay.clause_index(m.start()) in read or not is_result(lay.modality_at(m.start())) \
                or _NEGATED.search(text[max(0, m.start() - 6):m.start()]) or _ONCE_PLANNED.search(text, a, m.start()) \
                or _step(text[a:b], task) \
                or (m.group() in generic and _FIGURE.search(text, m.end(), b)) \
                or not re.match(NOUN_TAIL, text[m.end():m.end() + 4]) \
                or (m.group() in events and wanted and events[m.group()] not in wanted) \
                or (events.get(m.group()) == "hold" and (not held or side_meeting(ev, m.start(), m.end(), task))) \
                or (events.get(m.group()) == "issue" and ACT_COUNTED.match(text, m.end(), b)) \
                or not _about_task(ev, m.start(), tb):
            continue
        # issuing a document is a measure unless the task asks for that document: a generic verb
        kind = "done" if m.group() in generic or events.get(m.group()) == "issue" else "use"
        out.append(Signal(kind, _clause(ev, m.start(), m.end()), m.start()))
    return out


def _unread(ev: Evidence, f: Finding, read: set[int], used: set[int]) -> bool:
    """A finding no part took, in a clause no rule read."""
    return id(f) not in used and ev.layout.clause_index(max(f.start, f.end - 1)) not in read


#: a short subject is a reference back to the task's thing (线路, 新馆, 平台): a signal, which can
#: only send a task to review, takes it as the task's
_SHORT_SUBJECT = 4


def _about_task(ev: Evidence, pos: int, tb: set[str]) -> bool:
    return refers_to_task(ev, pos, tb) or len(subject_of(ev, pos)) <= _SHORT_SUBJECT


#: a halt said of the thing itself: at its clause's end, before a date (延期至下半年), or before the
#: works or the event (暂停举办); a halt with an object of its own (暂停水下桩基作业15天) is not
_HALT_SAID = re.compile(rf"(?:{HALT_WORDS.pattern})(?=$|[,，;；。|]|了|至|到|(?:开工|建设|实施|施工|举办|举行|召开|开放|运营|使用|投用|开通))")


_INTENDED = re.compile(r"拟|将|计划|如|若|一旦")


#: a wait on something outside, however it is named: 待证监会注册后上市, 等待…, 有待…, 尚需…同意;
#: 有待 before a verb of betterment (有待提高, 有待加强) is a shortcoming, no wait
_WAIT = re.compile(r"(?<![接期款优招看亟留对虐])(?:待(?!遇|办|业|岗|售|定|人|客)[^,，;；。|]{1,20}?后|等待"
                   r"|有待(?!(?:进一步)?(?:提高|提升|加强|改进|完善|增强|优化|强化|健全|改善|加快|加大|深化))"
                   r"|尚需[^,，;；。|]{1,12}?(?:同意|批准|确认|注册|核准))")


def wait_signals(ev: Evidence, read: set[int], verdicts: set[int]) -> list[Signal]:
    """A wait in an unread clause that no wait verdict already holds (the rules' outside acts are a
    closed list; the construction 待…后 is open)."""
    lay = ev.layout
    held = read | {lay.clause_index(v) for v in verdicts}
    return [Signal("await", _clause(ev, m.start(), m.end()), m.start()) for m in _WAIT.finditer(lay.text)
            if lay.clause_index(m.start()) not in held and lay.modality_at(m.start()) != "problem"]


def halt_signals(ev: Evidence, read: set[int], used: set[int]) -> list[Signal]:
    """A halt, deferral or cancellation word (暂停, 延期至下半年, 取消) in an unread result clause that
    no verdict took (a verdict the rules set aside is no signal: it was read)."""
    text, lay = ev.layout.text, ev.layout
    taken = sorted((v.start, v.end) for v in ev.verdicts if v.status == "blocked")
    starts = [a for a, _ in taken]
    out: list[Signal] = []
    for m in _HALT_SAID.finditer(text):
        i = bisect_right(starts, m.start()) - 1  # the verdict starting last before the word
        # a halt reports what happened even after 原定于 (the plan it undoes); only one intended in
        # its own clause (拟暂停) is none
        if lay.clause_index(m.start()) in read or _INTENDED.search(text, lay.around(m.start(), m.end())[0], m.start()) \
                or (i >= 0 and m.start() < taken[i][1]):
            continue
        out.append(Signal("halt", _clause(ev, m.start(), m.end()), m.start()))
    return out


#: the verbs of suspension (a halt for now), not of abolition (取消, 撤销: a reform's own act)
_SUSPENDED = re.compile(r"暂停|暂缓|停止|叫停|中止|搁置|缓建|停建|停工|停办|停运")


def order_signals(ev: Evidence, read: set[int]) -> list[Signal]:
    """市政府常务会议决定城区暂停新设夜市摊区: a halt an authority decided (决定, 通知, 要求, 经…研究 before the
    verb in its sentence), whatever object it names, in an unread result clause: it bears on a task the rules
    found no claim in (kind `order`, weighed against 定性推进 only). A verb of suspension only: an abolition
    ordered (责令取消不合规收费项目, 取消…收费试点) is a reform's own act, often the task's work."""
    lay, out = ev.layout, []
    for m in _SUSPENDED.finditer(lay.text):
        a, _ = lay.around(m.start(), m.end())
        s0 = lay.sentence_start(lay.sentence_of(m.start()))
        if lay.clause_index(m.start()) in read or not is_result(lay.modality_at(m.start())) \
                or _INTENDED.search(lay.text, a, m.start()) or not AUTHORITY_ACT.search(lay.text, s0, m.start()):
            continue
        out.append(Signal("order", _clause(ev, m.start(), m.end()), m.start()))
    return out


def figure_signals(ev: Evidence, parts: list[Part], read: set[int], used: set[int]) -> list[Signal]:
    """Figures of this period, in a result clause nobody read, counting what a target counts (its
    unit, and its noun where the figure names one); a breakdown (其中…) or a single month's figure
    is no reading of the target."""
    lay = ev.layout
    out: list[Signal] = []
    targets = [p.target for p in parts if p.target is not None and p.target.unit and p.target.kind in ("count", "amount")]
    # the figures a read total adds up (…8家、市级7家，合计新增十五家) are read with it
    totals = [b for b in ev.actuals if id(b) in used and sums_the_rest(b, ev)]
    for a in ev.actuals:
        c0 = lay.around(a.start, a.end)[0]
        if not _unread(ev, a, read, used) or not is_result(a.modality) or not a.unit \
                or OPENS_BREAKDOWN.match(lay.text, c0) or SINGLE_MONTH.search(lay.text, c0, a.start) \
                or any(b.sentence == a.sentence and b.unit == a.unit and a.start < b.start for b in totals):
            continue
        if any(counts_for(t, a) for t in targets):
            out.append(Signal("figure", _clause(ev, a.start, a.end), a.start))
    return out


#: a number and the word right after it, as a unit the rules may not know (12分钟, 3.5天)
#: (a name's number is none: 2号线, 第3届, 5G, 一期)
_RAW_FIGURE = re.compile(r"(?<![\d.第A-Za-z])(\d+(?:\.\d+)?)\s*(?![号期届级类代版批轮])([\u4e00-\u9fff]{1,2})")


def raw_figure_signals(ev: Evidence, parts: list[Part], task: str, read: set[int]) -> list[Signal]:
    """A task with a number the rules read no target from (缩短至12分钟以内) and a result figure in
    the same unit word (反应时间为12.8分钟) in a clause nobody read: a measurable claim unread."""
    if any(p.target is not None for p in parts):
        return []
    units = {m[2] for m in _RAW_FIGURE.finditer(task) if not m[2].startswith(("年", "月", "日"))}
    lay = ev.layout
    return [Signal("figure", _clause(ev, m.start(), m.end()), m.start()) for m in _RAW_FIGURE.finditer(lay.text)
            if m[2] in units and lay.clause_index(m.start()) not in read and is_result(lay.modality_at(m.start()))
            and lay.modality_at(m.start()) != "problem"]


#: an attainment said of a thing in words no list holds (健身步道已于11月全线亮灯迎客): 已 and a verb
_ATTAINED = re.compile(r"已(?:经)?(?:于[^,，;；。|]{1,10}?)?(?:全面|全线|全部|正式|顺利)?[\u4e00-\u9fff]")


def attained_signals(ev: Evidence, parts: list[Part], read: set[int]) -> list[Signal]:
    """For a deliverable target, an attainment (已…) in an unread result clause said of its thing (two
    shared bigrams), not a step: it may be the event in words no list holds. Only a deliverable due
    at the year's end weighs it (helpers.judge.confidence)."""
    things = [bigrams(p.target.label or p.target.part) for p in parts if p.target is not None
              and p.target.kind == "deliverable"]
    lay, text = ev.layout, ev.layout.text
    out: list[Signal] = []
    for m in _ATTAINED.finditer(text) if things else ():
        a, b = lay.around(m.start(), m.end())
        clause = text[a:b]
        if lay.clause_index(m.start()) in read or not is_result(lay.modality_at(m.start())) \
                or STEP.search(clause) or not any(overlap(tb, clause) >= 2 for tb in things):
            continue
        out.append(Signal("attained", _clause(ev, m.start(), m.end()), m.start()))
    return out


#: the head of an indicator's name: a clause holding one names what its rate is of
_INDICATOR = re.compile(r"增加值|收入|总额|总值|投资|产值|零售|进出口|出口|进口|利用|消费|价格|指数|税收")


def rate_signals(ev: Evidence, parts: list[Part], read: set[int], used: set[int]) -> list[Signal]:
    """A second growth rate of a rate target's own indicator, in a result clause nobody read, that
    would meet the target where the one read misses it, or the reverse (8月当月…增长31% read,
    1-8月累计…增长8.3% not): two readings of one target that disagree. A single month's rate is
    no reading of the year."""
    lay, text = ev.layout, ev.layout.text
    rated = [p for p in parts if p.target is not None and p.target.kind == "rate" and p.met is not None]
    out: list[Signal] = []
    for g in ev.growths:
        s0 = lay.sentence_start(g.sentence)
        if not _unread(ev, g, read, used) or not is_result(g.modality) or SINGLE_MONTH.search(text, s0, g.start):
            continue
        for p in rated:
            t = p.target
            met = g.value <= -t.value if t.direction == "lower" else g.value >= t.value
            tb = bigrams(QUALIFIER.sub("", t.label or t.part))
            # a rate whose clause names no indicator (扣除留抵退税因素后增长8.6%) is of its sentence's
            # (a breakdown, 其中装备制造业增长14.3%, is of a part)
            c0 = lay.around(g.start, g.end)[0]
            said_of = g.label if (g.label and _INDICATOR.search(g.label)) or "其中" in text[c0:g.start] \
                else lay.sentence_text(g.sentence)
            if met != p.met and overlap(tb, said_of or g.text) >= 2:
                out.append(Signal("rate", _clause(ev, g.start, g.end), g.start))
                break
    return out


def residual_signals(ev: Evidence, parts: list[Part], task: str, lex: Lexicon) -> list[Signal]:
    """Every residual signal of one reading (see the module's docstring), in text order."""
    used = set(ev.used) | {id(f) for p in parts for f in p.findings}
    read = consumed_clauses(ev, parts)
    lay, tb = ev.layout, bigrams(task)
    out: list[Signal] = []
    for v in ev.verdicts:
        if id(v) not in used and v.status == "pending":
            out.append(Signal("await", v.text, v.start))
    out += wait_signals(ev, read, {v.start for v in ev.verdicts if v.status == "pending"})
    # a completion verdict of this period said of the task, that no part took (已完成年度任务)
    # (a step's or a preparation's completion, 大会筹备工作已全部完成, is read: no signal)
    out += [Signal("verdict_done", v.text, v.start) for v in ev.verdicts
            if id(v) not in used and v.status == "completed" and is_result(v.modality) and v.modality != "part"
            and not of_a_step(said_of(ev, v.start), task)]
    wanted = {t.meaning for t in (p.target for p in parts) if t is not None and t.kind == "deliverable"}
    for f in ev.deliverables:
        if id(f) not in used and f.meaning in wanted and f.status == "completed" and is_result(f.modality) \
                and refers_to_task(ev, f.start, tb) and not (f.meaning == "hold" and side_meeting(ev, f.start, f.end, task)):
            out.append(Signal("event", f.text, f.start))
    out += [Signal("share", f.text, f.start) for f in ev.free(ev.ratios) if is_result(f.modality)]
    out += halt_signals(ev, read, used) + order_signals(ev, read)
    # a halt verdict set aside as another subject's, with no object of its own (项目6月起暂停施工 read
    # as 项目6月起's): whose halt it is was not understood
    out += [Signal("halt", v.text, v.start) for v in ev.verdicts if v.status == "blocked" and id(v) not in used
            and is_result(v.modality) and not acts_on_another(ev, v.end, tb)]
    rest = REMAINING.search(lay.text)
    if rest:
        out.append(Signal("remaining", _clause(ev, rest.start(), rest.end()), rest.start()))
    out += _for_the_task(done_signals(ev, parts, task, lex, read), parts, task, lex, ev, read)
    out += figure_signals(ev, parts, read, used) + rate_signals(ev, parts, read, used)
    out += raw_figure_signals(ev, parts, task, read)
    out += attained_signals(ev, parts, read)
    return sorted(out, key=lambda s: s.pos)


#: bigrams an event's clause shares with a task that has nothing to complete, for the event to be
#: the task's own outcome (被命名为国家全域旅游示范区 for 创建国家级全域旅游示范区), not one of its
#: actions (召开专题会议, 出台措施)
_NAMED = 5
#: a count of actions in a clause (召开会议5次, 举办博览会一场): it reports actions, not the outcome
_COUNTED = re.compile(r"[\d一二两三四五六七八九十]+\s*(?:个|次|项|家|场|批|所|条|座|期|轮)")


def _for_the_task(found: list[Signal], parts: list[Part], task: str, lex: Lexicon, ev: Evidence,
                  read: set[int]) -> list[Signal]:
    """The completion signals that bear on the task. For a task with nothing to complete (no
    count, deliverable or completion aim: 完善…机制), a generic verb (完成, 实现) or a document
    issued bears nothing, and an event only when its clause restates the task's thing and counts
    no actions. For a one-off aim (实施…工程, 创建…: helpers.judge.whole.task_aim) the result
    phrases of that aim said of the task's thing bear (改造工程已完工 beside 剩余2处…), not the
    completion of a step (完成城市体检数据采集) or another kind of event (召开推进会 for 创建)."""
    if not nothing_to_complete(parts, task, lex):
        return found
    if task_aim(task) is not None:
        lay = ev.layout
        return [Signal("done", _clause(ev, a, b), a) for a, b in result_phrases(ev, task) + county_results(ev, task)
                if lay.clause_index(a) not in read]
    tb = bigrams(QUALIFIER.sub("", task))
    return [s for s in found if s.kind == "use" and overlap(tb, s.clause) >= _NAMED and not _COUNTED.search(s.clause)]


_TITLE = re.compile(r"《[^》]*》")


def other_period(clause: str, year: int | None) -> str | None:
    """The words of a deciding clause that place it outside this period (上年度, 2025年度 in a 2024
    report, 明年), or None."""
    clause = _TITLE.sub(lambda m: " " * len(m.group()), clause)  # 《…（2021—2035年）》 is a name
    for m in _OTHER_YEAR.finditer(clause):
        if m["y"] is None or (year is not None and (int(m["y"]) > year or (m["batch"] and int(m["y"]) != year))):
            return m.group()
    return None


#: an intention opening a figure's evidence, the figure a breakdown of it (计划新建…1200个，其中上半年
#: 完成600个): a share of the plan, not a result
_PLANNED = re.compile(r"^[^,，;；。|]{0,8}?(?:计划|拟|力争|争取|确保)(?!投资|总投资|的)[^;；。|]*[,，]\s*其中[^,，;；。|]*$")
#: a quota handed down or broken down, not a result: 省下达我市…任务20万亩, 分解下达指标
QUOTA = re.compile(r"(?:下达|分解|下发|核定|分配)[^,，;；。|]{0,12}?(?:任务|指标|计划|额度|目标)")
#: a count of candidates, not of results: 组织32家企业开展申报; papers sent for approval (土地报批1650亩 for 土地供应)
CANDIDATES = re.compile(r"申报|推荐|报名|申请|入围|初审|候选|报批|报审|送审")


def own_clause(quote: str) -> str:
    """The last clause of a quoted evidence: the finding's own (the quote is widened leftwards)."""
    return re.split(r"[,，;；]", quote.rstrip(" ,，;；。"))[-1]


def planned(f: Finding) -> bool:
    """Whether a figure's evidence is a breakdown of an intention (its figure is part of a plan)."""
    return bool(_PLANNED.search(f.text))


def later(word: str, year: int | None) -> bool:
    """Whether an other-period word (other_period) points after this year (明年, 2025年)."""
    m = re.match(r"(20\d\d)", word)
    return word in ("明年", "次年", "下一年") or bool(m and year is not None and int(m[1]) > year)


def evidence_findings(part: Part) -> list[Finding]:
    """The findings that decided a part (its evidence first)."""
    return [f for f in part.findings if f.end > f.start]


#: in the clause that says a task is done, a word that says it is not: a halt, a later date, a wait
CONTRARY = re.compile(rf"{HALT_WORDS.pattern}|明年|次年|下一年|尚未|未能|(?<![接期款优招看亟留对])待(?!遇|办|业|岗)")
#: the opening of a clause said of a part of the task: the rest, a batch, a phase, one county
_PART_OPENING = re.compile(rf"^\s*(?:其余|其他|剩余|部分|个别|首批|第[一二三四]批|[一二三]期|{PART_PLACE})")
_COUNTY = re.compile(PART_PLACE)


def county_said(clause: str) -> bool:
    """A clause said of one county or district (金寨县完成人工造林2100亩): a part of a city's figure."""
    return bool(_COUNTY.match(clause))


def part_subject(part: Part, task: str) -> str | None:
    """The part a deciding ratio or figure is said of (其余县区完成率85%, 金安区完成…), when the task
    does not name it: the words, else None."""
    f = part.evidence
    if f is None or f.kind not in ("stated_ratio", "actual", "half") or f.label.endswith("合计"):
        return None  # a sum of the parts (county_sums, item_sums) is the whole
    m = _PART_OPENING.match(own_clause(f.text))
    if not m or m.group().strip() in task:
        return None
    if _COUNTY.fullmatch(m.group().strip()) and len(set(_COUNTY.findall(f.text))) > 1:
        return None  # several counties in one quote are the city's sum (county_sums)
    return m.group().strip()
