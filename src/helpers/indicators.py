"""Measurable parts of a task and what measures each in the progress text.

A task's target text is cut into parts (counts, amounts, growth or level targets, comparisons with
the provincial average, one-off deliverables). The progress text is read for what measures them:
verdict phrases (未达到序时进度, 叫停 …), stated completion ratios (占年度计划的72%), actual values in
the target's unit, achieved growth rates and comparisons with the province. Each finding keeps its
character span in the progress text so a reader can find the words that decided it.

Statuses are not assigned here (helpers.pace does that from the pace of the period); this module
only reads the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from helpers.numbers import find_quantities, parse_number, ratio

# ---------------------------------------------------------------------------------------------
# verdict phrases (DOMAIN.md rule 1). Behind phrases are matched first and masked, so the
# 达到序时进度 inside 未达到序时进度 is never read as on pace.
_NOT_ATTRIBUTIVE = r"(?!的)"  # 超序时进度的县区 describes someone else, not this task
VERDICTS: tuple[tuple[str, re.Pattern], ...] = tuple((s, re.compile("(?:" + p + ")" + _NOT_ATTRIBUTIVE)) for s, p in (
    ("behind", r"(?:未|没有|尚未|未能)(?:达到?|到)序时进度|尚未达到“?时间过半[、,]?\s*(?:任务|进度)过半”?"
               r"|(?:滞后|落后|低于|慢于)(?:于)?序时进度"),
    ("blocked", r"叫停|暂停(?:开展|实施|办理)?|(?:被|已)取消"),
    ("pending", r"预计\d{1,2}月份?(?:底|前)?公布(?:结果)?|核定数将于\d{1,2}月(?:份)?公布|待(?:审批|批复)"
                r"|待[^,,。;;]{0,10}?(?:省|国家|部|厅|市)[^,,。;;]{0,6}?(?:审批|批复|审核|审议|验收)"
                r"|(?:结果|评审结果)尚未公示|尚未公示[^,,。;;]{0,6}结果|每年年底认定"),
    ("completed", r"(?:已|均已)?完成(?:了)?(?:全年|年度)[^,,。;;的]{0,12}?(?:目标)?任务|已完成全年目标|超额完成"
                  r"|全部完成|超(?:省定|市定|年度)(?:目标|任务)"),
    ("ahead", r"超过?序时进度"),
    ("on_pace", r"(?:已)?达到?序时进度|“?时间过半[、,]?\s*(?:任务|进度)(?:过半|超半)”?|序时推进"
                r"|达到(?:年度)?(?:考核)?目标|完成省下达目标|(?:实施|建设|总体)进度过半"),
))

# stated completion ratios against the annual target or plan (DOMAIN.md rule 2)
_PCT = r"(?P<pct>\d+(?:\.\d+)?)\s*%"
STATED_RATIOS: tuple[re.Pattern, ...] = (
    re.compile(r"(?:占|为|完成|达到|达)(?P<what>[^,,;;。的]{0,14}?(?:目标|计划|预算|任务)[^,,;;。的%]{0,12}?)的" + _PCT),
    re.compile(r"(?P<what>年度目标|年度计划投资|年度计划|投资|建设)?完成率(?:达到?|为)?" + _PCT),
    re.compile(r"(?P<what>总体建设|总体|建设)?(?<!序时)进度(?:已完成|达到?|为)?" + _PCT),
    re.compile(r"已完成" + _PCT),
    re.compile(r"已完成\d+(?:\.\d+)?[个条家户项所]\(" + _PCT + r"\)"),
)
# a ratio of something within a quarter or of a design quantity is not progress on the year's target
_RATIO_EXCLUDE = re.compile(r"季度|设计总量|开工率|覆盖率")

# achieved growth rates: 增长5.5%, 同比下降3.72%, 增幅为-30.6%
GROWTH = re.compile(
    r"(?:同比|较上年|比上年)?(?P<word>增长|增速为?|增幅为?|增幅达|下降|减少)\s*(?P<val>-?\d+(?:\.\d+)?)\s*%")
PROVINCE_PHRASE = re.compile(
    r"(?P<dir>高于|低于|优于|超过?|快于|慢于|落后于?)全省(?:平均)?(?:水平)?(?:增幅|增速)?")
PROVINCE_VALUE = re.compile(r"全省(?:平均)?(?:水平)?(?:增幅|增速)?(?:为)?\(?\s*(?P<val>-?\d+(?:\.\d+)?)\s*%")

ADJUSTED = re.compile(r"调减|调增|调整后|目标调整为|任务调整为")

# deliverables: 建成X / 开工建设X and the words that say it is done
DELIVERABLE_TARGET = re.compile(r"^(?:加快|力争|确保|年内)?(?P<verb>建成|开工建设|开工)(?P<obj>.{2,})$")
DELIVERABLE_DONE = {
    "建成": re.compile(r"已建成|建成(?:运营|投用|投运|通车)|竣工验收|具备运营条件|投入使用"),
    "开工建设": re.compile(r"已(?:全面)?开工(?:建设)?|已于[^,,。;;]{1,14}开工"),
}
DELIVERABLE_DONE["开工"] = DELIVERABLE_DONE["开工建设"]

SENT_SPLIT = re.compile(r"[。;;\n]")
CLAUSE_SPLIT = re.compile(r"[,,、;;。\n::]")
# what marks a figure in the progress text as a plan or a restated target rather than an actual
_PLAN_MARK = re.compile(r"计划|任务为|目标为|目标任务(?!的)|任务(?=\d)|预计|力争|确保|拟")
_PROJECTION = re.compile(r"预计|确保全年")
_NOT_ACTUAL = re.compile(r"推荐|不含|年初|历年|去年同期|较上年|比上年|同比|总投资")
_ACTUAL_MARK = re.compile(r"已|完成|完工|建成|累计|实现|达到?")
#: 37项颗粒化改革任务(完成19项): the count of the year's tasks, a plan the next figure is measured against
_COUNT_OF_TASKS = re.compile(r"[^,,;;。、\d()()]{0,10}任务(?!清单)")
_DONE_MARK = re.compile(r"已|完成|完工|建成")
_INTENT = re.compile(r"预计|确保|力争|计划|争取|将|拟|要求")
_MULTI_YEAR = re.compile(r"三年|五年|示范期|期内")
_LOWER_BETTER = re.compile(r"浓度|能耗|下降|降低|减少|控制在|以内|不超过|发生率|死亡")
_QUALIFIER = re.compile(r"以上|左右|力争|突破|不低于|不少于|以内|确保|超过")
_STOP_BIGRAMS = frozenset({"全市", "截至", "目前", "累计", "今年", "以来", "上半", "半年", "月底", "以上",
                           "我市", "已经", "完成", "20", "02", "24", "持续", "推进", "加快", "开展", "进一",
                           "一步", "年度", "全年", "目标", "任务"})


def bigrams(text: str) -> set[str]:
    """Character bigrams used to match a target clause with a progress clause (no tokenizer needed)."""
    t = re.sub(r"[\s,,、;;。:“”\"()()【】\[\]《》]", "", text)
    return {t[i:i + 2] for i in range(len(t) - 1)} - _STOP_BIGRAMS


def overlap(a: str | set[str], b: str | set[str]) -> int:
    """How many bigrams two clauses share."""
    sa = a if isinstance(a, set) else bigrams(a)
    sb = b if isinstance(b, set) else bigrams(b)
    return len(sa & sb)


@dataclass
class Target:
    """A measurable part of the task text."""

    part: str
    kind: str  # count, amount, rate, level, comparison, deliverable
    value: Decimal | None = None
    unit: str | None = None
    high: Decimal | None = None
    direction: str = "higher"
    label: str = ""
    verb: str = ""  # for deliverables: 建成 / 开工建设


@dataclass
class Finding:
    """Something in the progress text that measures a part (or a verdict about the task)."""

    kind: str  # verdict, stated_ratio, actual, growth, comparison, plan_ratio, projection, deliverable
    start: int
    end: int
    sentence: int
    text: str  # the evidence clause
    status: str | None = None  # verdicts and deliverables
    value: Decimal | None = None  # ratio (fraction), growth (%), actual (base unit)
    unit: str | None = None
    target: Decimal | None = None  # plan value for plan_ratio; province value for comparison
    label: str = ""
    met: bool | None = None  # comparisons


@dataclass
class Part:
    """A part with what measured it; helpers.pace turns this into a status."""

    target: Target | None
    findings: list[Finding] = field(default_factory=list)
    method: str = "none"
    stated_ratio: float | None = None
    computed_ratio: float | None = None
    actual_value: Decimal | None = None
    actual_unit: str | None = None
    verdict: str | None = None  # status given by a phrase (rule 1)
    met: bool | None = None  # rate, level, comparison targets (rule 3)

    @property
    def evidence(self) -> Finding | None:
        return self.findings[0] if self.findings else None


# ---------------------------------------------------------------------------------------------
# the target text
_COMPARISON_TARGET = re.compile(r"(?:高于|超过?|优于|快于)全(?:省|国)")
_RATE_TARGET = re.compile(r"(?P<word>增长|增幅|增速|下降|降低|提高)(?:达到?|为)?\s*(?P<val>\d+(?:\.\d+)?)\s*%")
_LEVEL_TARGET = re.compile(r"(?P<val>\d+(?:\.\d+)?)\s*%")


def _pieces(text: str, splitter: re.Pattern) -> list[tuple[int, int, str]]:
    """Split `text` where `splitter` matches; keep each piece's offsets."""
    out, pos = [], 0
    for m in splitter.finditer(text + "\n"):
        if m.start() > pos:
            out.append((pos, m.start(), text[pos:m.start()]))
        pos = m.end()
    return out


def _clauses(text: str) -> list[tuple[int, int, str]]:
    return _pieces(text, CLAUSE_SPLIT)


def _sentences(text: str) -> list[tuple[int, int, str]]:
    return _pieces(text, SENT_SPLIT)


def target_parts(task: str) -> list[Target]:
    """Cut the task text into measurable parts (clauses with a number, a comparison or a deliverable)."""
    parts: list[Target] = []
    for _, _, clause in _clauses(task):
        c = clause.strip()
        if not c:
            continue
        if _COMPARISON_TARGET.search(c):
            parts.append(Target(c, "comparison", label=c))
            continue
        m = _RATE_TARGET.search(c)
        if m:
            lower = m["word"] in ("下降", "降低")
            parts.append(Target(c, "rate", parse_number(m["val"]), "%", direction="lower" if lower else "higher",
                                label=c[:m.start()] or c))
            continue
        qs = [q for q in find_quantities(c) if q.unit not in ("个百分点",)]
        # the last quantity is the target: in 10亿元以上项目50个 the 10亿元 only describes the projects
        counted = [q for q in qs if q.unit != "%"]
        if counted:
            q = counted[-1]
            if q.start > 0 and re.search(r"(?:首批|前|第)$", c[:q.start]):
                continue  # 首批21个 names which villages, it is not a count to reach
            kind = "amount" if q.unit in ("元", "美元") else "count"
            direction = "lower" if _LOWER_BETTER.search(c) else "higher"
            label = (c[:q.start] + c[q.end:]).strip()
            parts.append(Target(c, kind, q.value, q.unit, q.high, direction, label))
            continue
        m = _LEVEL_TARGET.search(c)
        if m:
            direction = "lower" if _LOWER_BETTER.search(c) else "higher"
            parts.append(Target(c, "level", parse_number(m["val"]), "%", direction=direction,
                                label=c[:m.start()]))
            continue
        d = DELIVERABLE_TARGET.match(c)
        if d and not re.search(r"体系|机制|制度|行动", d["obj"]):
            parts.append(Target(c, "deliverable", label=d["obj"], verb=d["verb"]))
    return parts


# ---------------------------------------------------------------------------------------------
# the progress text
def _sentence_of(sents: list[tuple[int, int, str]], pos: int) -> int:
    """Index of the sentence holding pos (sentences are sorted, so bisect on their starts)."""
    if not sents:
        return 0
    return max(0, bisect_right([a for a, _, _ in sents], pos) - 1)


def _clause_around(text: str, start: int, end: int, seps: str = ",,;;。\n") -> tuple[int, int]:
    """Span of the clause (between , ; 。) holding text[start:end]."""
    a = max(text.rfind(ch, 0, start) for ch in seps) + 1
    ends = [i for i in (text.find(ch, end) for ch in seps) if i != -1]
    return a, min(ends) if ends else len(text)


def find_verdicts(progress: str, sents: list[tuple[int, int, str]] | None = None) -> list[Finding]:
    """Verdict phrases in order of appearance; a behind phrase masks the on-pace words inside it."""
    sents = sents if sents is not None else _sentences(progress)
    masked = progress
    out: list[Finding] = []
    seen: set[tuple[str, int]] = set()
    for status, rx in VERDICTS:
        for m in rx.finditer(masked):
            a, b = _clause_around(progress, m.start(), m.end())
            if status in ("completed", "on_pace", "ahead") and _INTENT.search(progress[a:m.start()]):
                continue  # 预计9月底前完成年度任务 / 确保完成 is a promise, not a result
            if (status, a) in seen:
                continue  # two phrases of one clause (待省厅验收 … 每年年底认定) are one verdict
            seen.add((status, a))
            out.append(Finding("verdict", m.start(), m.end(), _sentence_of(sents, m.start()),
                               progress[a:b], status=status))
            masked = masked[:m.start()] + "\0" * (m.end() - m.start()) + masked[m.end():]
    return sorted(out, key=lambda f: f.start)


def _label_before(progress: str, sents, pos: int, floor: int) -> str:
    """Text from the start of the sentence (or the previous finding) up to pos."""
    s = sents[_sentence_of(sents, pos)]
    return progress[max(s[0], floor):pos]


def find_stated_ratios(progress: str, sents) -> list[Finding]:
    """Completion ratios against the year's target or plan, as fractions."""
    hits: dict[int, Finding] = {}
    for rx in STATED_RATIOS:
        for m in rx.finditer(progress):
            a, b = _clause_around(progress, m.start(), m.end())
            clause = progress[a:m.end()]
            if _RATIO_EXCLUDE.search(clause) or _MULTI_YEAR.search(clause):
                continue
            start = m.start("pct")
            if start in hits:
                continue
            hits[start] = Finding("stated_ratio", m.start(), m.end(), _sentence_of(sents, m.start()),
                                  progress[a:b], value=Decimal(m["pct"]) / 100)
    out = sorted(hits.values(), key=lambda f: f.start)
    floor = 0
    for f in out:
        f.label = _label_before(progress, sents, f.start, floor) + progress[f.start:f.end]
        floor = f.end
    return out


def find_growths(progress: str, sents) -> list[Finding]:
    """Achieved growth rates (percent, negative for 下降) with the text before them as label."""
    out = []
    floor = 0
    for m in GROWTH.finditer(progress):
        val = Decimal(m["val"])
        if m["word"] in ("下降", "减少"):
            val = -val
        a, b = _clause_around(progress, m.start(), m.end())
        out.append(Finding("growth", m.start(), m.end(), _sentence_of(sents, m.start()), progress[a:b],
                           value=val, unit="%", label=_label_before(progress, sents, m.start(), floor)))
        floor = m.end()
    return out


def find_actuals(progress: str, sents) -> tuple[list[Finding], list[Finding]]:
    """Quantities in the progress text, split into actuals and plans (计划…/任务为…/预计…)."""
    actuals, plans = [], []
    for q in find_quantities(progress):
        if q.unit in ("%", "个百分点"):
            continue
        a, b = _clause_around(progress, q.start, q.end)
        # the label stops at 、 so 142户企业产值超亿元、10户企业产值超10亿元 are told apart
        la, lb = _clause_around(progress, q.start, q.end, ",,;;。\n、")
        before = progress[a:q.start]
        f = Finding("actual", q.start, q.end, _sentence_of(sents, q.start), progress[a:b], value=q.value,
                    unit=q.unit, label=(progress[la:q.start] + progress[q.end:lb]))
        if progress[max(0, q.start - 4):q.start].endswith(("(任务为", "(任务", "(目标")):
            # 累计减排11946吨(任务为8947吨): the plan of the figure just before it
            f.kind = "inline_plan"
            plans.append(f)
        elif _PLAN_MARK.search(before) or _COUNT_OF_TASKS.match(progress, q.end):
            f.kind = "projection" if _PROJECTION.search(before) and not re.search(r"预计年度", before) else "plan"
            plans.append(f)
        elif not _NOT_ACTUAL.search(before):
            actuals.append(f)
    return actuals, plans


@dataclass
class Reading:
    """Everything read from one task: its parts and the findings no part used."""

    parts: list[Part]
    unused_numbers: list[str]
    is_target_adjusted: bool


def read(task: str, progress: str | None) -> Reading:
    """Read one task: target parts from `task`, findings from `progress`, matched part by part."""
    progress = progress or ""
    sents = _sentences(progress)
    targets = target_parts(task)
    verdicts = find_verdicts(progress, sents)
    ratios = find_stated_ratios(progress, sents)
    growths = find_growths(progress, sents)
    actuals, plans = find_actuals(progress, sents)
    verdict_by_sent: dict[int, list[Finding]] = {}
    for v in verdicts:
        verdict_by_sent.setdefault(v.sentence, []).append(v)
    used_ratio: set[int] = set()
    used_actual: set[int] = set()
    used_verdict: set[int] = set()
    parts: list[Part] = []

    def attach_verdict(part: Part, f: Finding, near: int | None = None) -> None:
        """Rule 1: a verdict about the same figure (same sentence, or right after a ratio) decides it."""
        cands = [v for v in verdict_by_sent.get(f.sentence, []) if id(v) not in used_verdict]
        if near is not None:
            cands = [v for v in cands if 0 <= v.start - f.end <= near]
        if not cands:
            return
        # several verdicts in one sentence (11项已完成、8项序时推进、3项未到序时): the worst counts
        order = ("behind", "blocked", "pending", "on_pace", "ahead", "completed")
        v = min(cands, key=lambda x: order.index(x.status))
        part.verdict = v.status
        part.method = "verdict_phrase"
        part.findings.insert(0, v)
        for c in cands:
            if c.status == v.status:
                used_verdict.add(id(c))

    assigned = _assign_actuals(targets, actuals, progress)
    for t in targets:
        part = Part(t)
        parts.append(part)
        tb = bigrams(_QUALIFIER.sub("", t.label or t.part))
        if t.kind == "deliverable":
            done = DELIVERABLE_DONE[t.verb]
            for i, (a, b, s) in enumerate(sents):
                m = done.search(s)
                if m and overlap(tb, s) >= 2:
                    f = Finding("deliverable", a + m.start(), a + m.end(), i, s, status="completed")
                    part.verdict, part.method = "completed", "verdict_phrase"
                    part.findings.append(f)
                    break
            continue
        if t.kind == "rate":
            best = _best(growths, tb, 1)
            if best is not None:
                part.findings.append(best)
                part.actual_value, part.actual_unit = best.value, "%"
                # 下降1.6% as a target is a growth of -1.6: a fall of 2% meets it, a fall of 1% does not
                part.met = best.value <= -t.value if t.direction == "lower" else best.value >= t.value
                part.method = "rate_target"
                attach_verdict(part, best)
            continue
        if t.kind == "comparison":
            f = _comparison(progress, sents, tb, growths)
            if f is not None:
                part.findings.append(f)
                part.met = f.met
                part.method = "rate_target"
                attach_verdict(part, f)
            continue
        # count, amount, level: a stated ratio about it first, then an actual in the same unit
        cand = [r for r in ratios if id(r) not in used_ratio]
        best = _best(cand, tb, _threshold(tb))
        if best is None and len(targets) == 1 and len(cand) == 1 and t.kind != "level":
            best = cand[0]
        if best is not None:
            used_ratio.add(id(best))
            part.findings.append(best)
            part.stated_ratio = float(best.value)
            part.method = "stated_ratio"
            attach_verdict(part, best, near=24)
        if t.kind == "level":
            pct = _level_actual(progress, sents, tb)
            if pct is not None and part.stated_ratio is None:
                part.findings.append(pct)
                part.actual_value, part.actual_unit = pct.value, "%"
                part.met = pct.value <= t.value if t.direction == "lower" else pct.value >= t.value
                part.method = "rate_target"
                attach_verdict(part, pct)
            continue
        # the target restated as a projection for the whole year (预计/确保全年 …以上): the result
        # waits on the year's data (harvests), and a part of the total (小麦 of 粮食) says nothing yet
        proj = [p for p in plans if p.kind == "projection" and p.unit == t.unit and p.value == t.value]
        if proj and part.stated_ratio is None:
            part.verdict, part.method = "pending", "verdict_phrase"
            part.findings.append(proj[0])
            continue
        act = assigned.get(id(t))
        if act is not None:
            used_actual.add(id(act))
            part.actual_value, part.actual_unit = act.value, act.unit
            if t.direction == "lower":
                # a ceiling (浓度, 能耗 …以内) is a level to stay under, not a quantity to accumulate
                if part.stated_ratio is None:
                    part.findings.append(act)
                    part.met, part.method = act.value <= t.value, "rate_target"
                    attach_verdict(part, act)
                continue
            part.computed_ratio = ratio(act.value, t.value) if t.value else None
            if part.stated_ratio is None:
                part.findings.append(act)
                part.method = "computed_ratio"
                attach_verdict(part, act)
            continue
        if part.stated_ratio is None:
            # a verdict in a sentence that talks about this part (Q19: 推荐7家…预计12月公布结果)
            for i, (a, b, s) in enumerate(sents):
                if i in verdict_by_sent and overlap(tb, s) >= 3:
                    attach_verdict(part, Finding("actual", a, b, i, s))
                    if part.verdict:
                        break

    # stated ratios no target claimed: each measures a plan of this task's work (G006: 占年度投资计划的72%)
    for r in ratios:
        if id(r) in used_ratio:
            continue
        part = Part(None, [r], method="stated_ratio", stated_ratio=float(r.value))
        attach_verdict(part, r, near=24)
        parts.append(part)
    # a plan and what was done against it, stated in the progress text (计划…15所, 已…完工11所)
    for p in plans:
        if p.kind == "inline_plan":
            pairs = [a for a in actuals if a.sentence == p.sentence and a.end <= p.start and a.unit == p.unit
                     and id(a) not in used_actual][-1:]
        elif p.kind == "plan" and not _MULTI_YEAR.search(p.text) and p.sentence not in verdict_by_sent \
                and not any(r.sentence == p.sentence for r in ratios):
            # a sentence with its own verdicts (12项已完成, 63项达序时, 9项未达) is a breakdown, not a result
            pairs = [a for a in actuals if a.sentence == p.sentence and a.start > p.end and a.unit == p.unit
                     and id(a) not in used_actual
                     and _DONE_MARK.search(progress[_clause_around(progress, a.start, a.end)[0]:a.start])]
        else:
            continue  # multi-year plans, projections, or a plan whose ratio the report states itself
        if not pairs or any(x.target is not None and x.target.unit == p.unit and x.target.value == p.value
                            and (x.actual_value is not None or x.stated_ratio is not None or x.verdict)
                            for x in parts):
            continue
        low = min(pairs, key=lambda a: a.value)
        for a in pairs:
            used_actual.add(id(a))
        start = _clause_around(progress, min(p.start, low.start), min(p.end, low.end))[0]
        end = max(p.end, low.end)
        span = Finding("plan_ratio", start, end, p.sentence, progress[start:end],
                       value=low.value, unit=low.unit, target=p.value)
        part = Part(Target(progress[start:end], "amount" if p.unit in ("元", "美元") else "count", p.value,
                           p.unit, label=p.label), [span], method="computed_ratio",
                    computed_ratio=ratio(low.value, p.value), actual_value=low.value, actual_unit=low.unit)
        attach_verdict(part, span)
        parts.append(part)
    # verdicts no part used are parts of their own (Q10: 未达到序时进度 for the air)
    for v in verdicts:
        if id(v) in used_verdict:
            continue
        parts.append(Part(None, [v], method="verdict_phrase", verdict=v.status))
    for part in parts:
        for f in part.findings:
            _widen(progress, sents, f)
    return Reading(parts, _unused_numbers(progress), bool(ADJUSTED.search(progress) or ADJUSTED.search(task)))


def _widen(progress: str, sents, f: Finding) -> None:
    """Make the evidence a readable clause: a bare 增长5.5% or 未达到序时进度 gets the clause before it."""
    a, b = _clause_around(progress, f.start, f.end)
    a, b = min(a, f.start), max(b, f.end)
    s0 = sents[f.sentence][0] if sents else 0
    while b - a < 16 and a > s0:
        a = max(progress.rfind(ch, s0, a - 1) for ch in ",,、") + 1
        a = max(a, s0)
    f.start, f.end, f.text = a, b, progress[a:b]


def _threshold(tb: set[str]) -> int:
    """Shared bigrams needed: a short label (竣工) can only share one."""
    return 1 if len(tb) <= 2 else 2


def _assign_actuals(targets: list[Target], actuals: list[Finding], progress: str) -> dict[int, Finding]:
    """Pair count/amount targets with actuals in the same unit, best label overlap first.

    Pairing globally (not target by target) keeps 10亿元企业达25家 from taking the 142户 that
    belongs to 亿元企业达330家 only because it was read first.
    """
    scored = []
    for t in targets:
        if t.kind not in ("count", "amount") or t.value is None:
            continue
        tb = bigrams(_QUALIFIER.sub("", t.label or t.part))
        same = [a for a in actuals if a.unit == t.unit]
        # a clause naming the target again (50项民生实事的84项细分任务…) breaks it down; it is no result
        named = {_clause_around(progress, a.start, a.end)[0] for a in same if a.value == t.value and
                 not _ACTUAL_MARK.search(progress[_clause_around(progress, a.start, a.end)[0]:a.start])}
        for a in same:
            if _clause_around(progress, a.start, a.end)[0] in named:
                continue
            score = overlap(tb, a.label)
            if score >= _threshold(tb):
                scored.append((score, -a.start, id(t), a))
            elif score >= 1 and len(same) == 1 and sum(1 for x in targets if x.unit == t.unit) == 1:
                scored.append((0, -a.start, id(t), a))
    out: dict[int, Finding] = {}
    taken: set[int] = set()
    for score, _, tid, a in sorted(scored, key=lambda x: (x[0], x[1]), reverse=True):
        if tid in out or id(a) in taken:
            continue
        out[tid] = a
        taken.add(id(a))
    return out


def _best(cands: list[Finding], tb: set[str], minimum: int) -> Finding | None:
    """The finding whose label shares most bigrams with the target (earliest on ties)."""
    best, score = None, minimum - 1
    for f in cands:
        s = overlap(tb, f.label)
        if s > score:
            best, score = f, s
    return best


def _comparison(progress: str, sents, tb: set[str], growths: list[Finding]) -> Finding | None:
    """高于/低于全省… stated, or the own rate set beside the provincial one (增速3.6% … 全省平均增幅3.9%)."""
    for m in PROVINCE_PHRASE.finditer(progress):
        a, b = _clause_around(progress, m.start(), m.end())
        i = _sentence_of(sents, m.start())
        if overlap(tb, sents[i][2]) < 1:
            continue
        met = m["dir"] in ("高于", "优于", "超", "超过", "快于")
        return Finding("comparison", m.start(), m.end(), i, progress[a:b], met=met)
    pv = PROVINCE_VALUE.search(progress)
    if pv:
        own = [g for g in growths if g.sentence == _sentence_of(sents, pv.start()) and g.start < pv.start()]
        if own:
            g = own[-1]
            met = g.value > Decimal(pv["val"])
            return Finding("comparison", g.start, pv.end(), g.sentence, progress[g.start:pv.end()],
                           value=g.value, target=Decimal(pv["val"]), met=met)
    return None


_LEVEL_ACTUAL = re.compile(r"(?:为|达到?|是)\s*(?P<val>\d+(?:\.\d+)?)\s*%")


def _level_actual(progress: str, sents, tb: set[str]) -> Finding | None:
    best, score = None, 1
    for m in _LEVEL_ACTUAL.finditer(progress):
        a, b = _clause_around(progress, m.start(), m.end())
        if "目标" in progress[a:m.start()]:
            continue
        s = overlap(tb, progress[a:m.start()])
        if s > score:
            best, score = Finding("actual", m.start(), m.end(), _sentence_of(sents, m.start()), progress[a:b],
                                  value=Decimal(m["val"]), unit="%"), s
    return best


_ANY_PCT = re.compile(r"\d+(?:\.\d+)?\s*%")


def _unused_numbers(progress: str) -> list[str]:
    """Clauses with percent figures in the progress text (for the review list when no rule settled a task)."""
    out: list[str] = []
    for m in _ANY_PCT.finditer(progress):
        a, b = _clause_around(progress, m.start(), m.end(), ",,;;。\n、")
        clause = progress[a:b].strip()
        if clause not in out:
            out.append(clause)
    return out[:6]
