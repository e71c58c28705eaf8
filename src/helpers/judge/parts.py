"""Measurable parts of a task and what measures each in the progress text.

Three steps, each its own function: `target_parts` cuts the task text into parts (counts, amounts,
growth or level targets, comparisons, one-off deliverables); `gather` reads the progress text once
into clauses and findings (helpers.judge.findings: verdicts, stated ratios, growth, comparisons, events,
figures, each with the modality of its clause); `match_part` pairs one part with the findings that
speak of it. `read` chains them and adds what no part claimed (a stated ratio of the task's own
plan, a plan and its actual both in the progress text, a verdict about the whole task).

A finding in a forecast clause (预计, 有望) is never a result: a part measured only by one is
pending and flagged. A finding in an intention or condition clause (力争, 计划, 若) is no evidence;
a figure there about the target is flagged. Statuses are assigned in helpers.judge.status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from helpers.judge.clauses import Layout, fold_width, is_result
from helpers.judge.findings import (PRELIMINARY, Finding, find_actuals, find_comparisons, find_deliverables, find_growths,
                              find_halves, find_levels, find_ranks, find_stated_ratios, find_verdicts, ordinal,
                              unused_numbers)
from helpers.judge.lexicon import Lexicon, load_lexicon
from helpers.judge.quantities import find_quantities, parse_number, ratio
from helpers.statuses import review_reason

__all__ = ["Target", "Finding", "Part", "Reading", "target_parts", "gather", "match_part", "read",
           "find_stated_ratios", "find_verdicts", "bigrams", "overlap"]

ADJUSTED = re.compile(r"调减|调增|调整后|目标调整为|任务调整为")
_DONE_MARK = re.compile(r"已|完成|完工|建成")
_ACTUAL_MARK = re.compile(r"已|完成|完工|建成|累计|实现|达到?")
_MULTI_YEAR = re.compile(r"三年|五年|示范期|期内")
_PRELIMINARY = re.compile(PRELIMINARY)
_LOWER_BETTER = re.compile(r"浓度|能耗|下降|降低|减少|控制在|以内|不超过|发生率|死亡|失业率|低于|以下")
_QUALIFIER = re.compile(r"以上|左右|力争|突破|不低于|不少于|以内|确保|超过")
_STOP_BIGRAMS = frozenset({"全市", "截至", "目前", "累计", "今年", "以来", "上半", "半年", "月底", "以上",
                           "我市", "已经", "完成", "20", "02", "24", "持续", "推进", "加快", "开展", "进一",
                           "一步", "年度", "全年", "目标", "任务"})
_TASK_SPLIT = re.compile(r"[,,、;;。\n::|]")


def bigrams(text: str) -> set[str]:
    """Character bigrams used to match a target clause with a progress clause (no tokenizer needed)."""
    t = re.sub(r"[\s,,、;;。:“”\"()()【】\[\]《》|]", "", text)
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
    verb: str = ""  # for deliverables: the event word (建成, 开工建设, 印发 …)
    meaning: str = ""  # deliverables: start / finish / issue; comparisons: their base (province …)


@dataclass
class Part:
    """A part with what measured it; helpers.judge.status turns this into a status."""

    target: Target | None
    findings: list[Finding] = field(default_factory=list)
    method: str = "none"
    stated_ratio: float | None = None
    computed_ratio: float | None = None
    half: float | None = None  # 完成全年任务过半: a lower bound of the ratio
    actual_value: Decimal | None = None
    actual_unit: str | None = None
    verdict: str | None = None  # status given by a phrase (rule 1)
    met: bool | None = None  # rate, level, comparison targets (rule 3)
    period_target: bool = False  # the ratio is of a quarter's own target, not the year's
    deliverable_missed: bool = False  # the event is stated not to have happened (尚未投入使用)
    review: list[str] = field(default_factory=list)

    @property
    def evidence(self) -> Finding | None:
        return self.findings[0] if self.findings else None


@dataclass
class Reading:
    """Everything read from one task: its parts, the findings no part used, and review notes."""

    parts: list[Part]
    unused_numbers: list[str]
    is_target_adjusted: bool
    review: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# step 1: the target text
_COMPARISON_TARGET = re.compile(r"(?:高于|超过?|优于|快于|高出)(?P<base>全省|全国|全市)")
_RATE_TARGET = re.compile(r"(?P<word>增长|增幅|增速|下降|降低|提高)(?:达到?|为)?\s*(?P<val>\d+(?:\.\d+)?)\s*%"
                          r"|(?P<val2>\d+(?:\.\d+)?)\s*%(?:以上|左右)?(?:的)?(?P<word2>增长|增幅|增速|下降|降幅)")
_LEVEL_TARGET = re.compile(r"(?P<val>\d+(?:\.\d+)?)\s*%")
#: a numeric table's target: 城镇新增就业(人) 26000, 城镇登记失业率低于(%) 4.3
_COLUMN_TARGET = re.compile(r"(?P<label>[^()()]*)[((](?P<unit>[^()()]{1,8})[))]\s*(?P<val>\d+(?:\.\d+)?)\s*$")
_BASES = {"全省": "province", "全国": "nation", "全市": "city"}
_RANK_TARGET = re.compile(r"(?:全省|全国|全市)(?:排名)?(?:前|第)(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})(?:位|名)?")


@lru_cache(maxsize=4)
def _deliverable_rx(lex: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    verbs = lex.alternation("deliverable")
    return (re.compile(rf"^(?:加快|力争|确保|年内|全面|推动|争取)?(?P<verb>{verbs})(?P<obj>.{{2,}})$"),
            re.compile(rf"^(?P<obj>.{{2,}}?)(?:年内|年底前|全面)?(?P<verb>{verbs})$"))


def _deliverable_target(c: str, lex: Lexicon) -> Target | None:
    """建成X / 开工建设X / X建成投用 / 印发X: a one-off deliverable and its event word."""
    before, after = _deliverable_rx(lex)
    m = before.match(c) or after.match(c)
    if not m or re.search(r"体系|机制|制度|行动", m["obj"]):
        return None
    meaning = lex.meaning_of("deliverable")[m["verb"]]
    return Target(c, "deliverable", label=m["obj"], verb=m["verb"], meaning=meaning)


def _column_target(c: str) -> Target | None:
    m = _COLUMN_TARGET.search(c)
    if not m:
        return None
    value, unit, label = parse_number(m["val"]), m["unit"].strip(), m["label"].strip()
    direction = "lower" if _LOWER_BETTER.search(label) else "higher"
    return Target(c, "level" if unit == "%" else "count", value, unit, direction=direction, label=label)


def _quantity_target(c: str) -> Target | None:
    qs = [q for q in find_quantities(c) if q.unit not in ("个百分点",)]
    # the last quantity is the target: in 10亿元以上项目50个 the 10亿元 only describes the projects
    counted = [q for q in qs if q.unit != "%"]
    if counted:
        q = counted[-1]
        if q.start > 0 and re.search(r"(?:首批|前|第)$", c[:q.start]):
            return None  # 首批21个 names which villages, it is not a count to reach
        kind = "amount" if q.unit in ("元", "美元") else "count"
        direction = "lower" if _LOWER_BETTER.search(c) else "higher"
        return Target(c, kind, q.value, q.unit, q.high, direction, (c[:q.start] + c[q.end:]).strip())
    m = _LEVEL_TARGET.search(c)
    if m:
        direction = "lower" if _LOWER_BETTER.search(c) else "higher"
        return Target(c, "level", parse_number(m["val"]), "%", direction=direction, label=c[:m.start()])
    return None


_RESPECTIVELY = re.compile(r"(?P<subjects>[^,;。]+?)分别(?P<verb>增长|下降|降低|提高|达到?|为)"
                           r"(?P<vals>\d+(?:\.\d+)?%?(?:、\d+(?:\.\d+)?%?)+)")


def _each_respectively(task: str) -> str:
    """城镇、农村常住居民人均可支配收入分别增长6.5%、8% → 城镇常住居民…增长6.5%;农村常住居民…增长8%."""
    def expand(m: re.Match) -> str:
        subjects, vals = m["subjects"].split("、"), m["vals"].split("、")
        if len(subjects) != len(vals):
            return m.group()
        last = subjects[-1]
        # a shared tail printed once: 城镇、农村常住居民… → 城镇 takes 常住居民… from 农村常住居民…
        subjects = [x + last[len(x):] if len(x) < len(last) and len(x) <= 3 else x for x in subjects[:-1]] + [last]
        unit = "%" if vals[-1].endswith("%") else ""
        return ";".join(f"{x}{m['verb']}{v if v.endswith('%') else v + unit}" for x, v in zip(subjects, vals))
    return _RESPECTIVELY.sub(expand, task)


def target_parts(task: str, lex: Lexicon | None = None) -> list[Target]:
    """Cut the task text into measurable parts (clauses with a number, a comparison or a deliverable)."""
    lex = lex or load_lexicon()
    parts: list[Target] = []
    for c in (x.strip() for x in _TASK_SPLIT.split(_each_respectively(task))):
        if not c:
            continue
        rank = _RANK_TARGET.search(c)
        if rank:  # 争创全省前三, 保持全省前五位: a place to reach, lower is better
            parts.append(Target(c, "rank", Decimal(ordinal(rank["n"])), "位", direction="lower",
                                label=c[:rank.start()] or c))
            continue
        cmp_ = _COMPARISON_TARGET.search(c)
        if cmp_:
            parts.append(Target(c, "comparison", label=c, meaning=_BASES[cmp_["base"]]))
            continue
        m = _RATE_TARGET.search(c)
        if m:
            lower = (m["word"] or m["word2"]) in ("下降", "降低", "降幅")
            # 实现旅游总收入500亿元,增长10%: a rate with no subject of its own is about the part before
            label = c[:m.start()] or (parts[-1].label if parts else c)
            parts.append(Target(c, "rate", parse_number(m["val"] or m["val2"]), "%",
                                direction="lower" if lower else "higher", label=label))
            continue
        t = _column_target(c) or _quantity_target(c) or _deliverable_target(c, lex)
        if t is not None:
            parts.append(t)
    return parts


# ---------------------------------------------------------------------------------------------
# step 2: the progress text, read once
@dataclass
class Evidence:
    """All findings of one progress text, with the layout they were placed in."""

    layout: Layout
    verdicts: list[Finding]
    ratios: list[Finding]
    halves: list[Finding]
    growths: list[Finding]
    comparisons: list[Finding]
    deliverables: list[Finding]
    actuals: list[Finding]
    plans: list[Finding]
    levels: list[Finding]
    ranks: list[Finding]
    used: set[int] = field(default_factory=set)  # ids of findings a part has taken

    def free(self, items: list[Finding]) -> list[Finding]:
        return [f for f in items if id(f) not in self.used]

    def has_verdicts(self, sentence: int) -> bool:
        return sentence in self._by_sentence

    def verdicts_in(self, sentence: int) -> list[Finding]:
        return [v for v in self._by_sentence.get(sentence, []) if id(v) not in self.used]

    def __post_init__(self) -> None:
        self._by_sentence: dict[int, list[Finding]] = {}
        for v in self.verdicts:
            self._by_sentence.setdefault(v.sentence, []).append(v)


def gather(progress: str, lex: Lexicon | None = None) -> Evidence:
    """Read the progress text once: its clauses (with modality) and every finding in them."""
    lex = lex or load_lexicon()
    layout = Layout(progress, lex)
    verdicts = find_verdicts(progress, layout, lex)
    actuals, plans = find_actuals(progress, layout)
    ev = Evidence(layout, verdicts, find_stated_ratios(progress, layout), find_halves(progress, layout, verdicts, lex),
                  find_growths(progress, layout, lex), find_comparisons(progress, layout, lex),
                  find_deliverables(progress, layout, lex), actuals, plans, find_levels(progress, layout),
                  find_ranks(progress, layout))
    for group, kind in ((ev.verdicts, "verdict"), (ev.ratios, "stated_ratio"), (ev.halves, "stated_ratio"),
                        (ev.growths, "growth"), (ev.comparisons, "comparison"), (ev.ranks, "rank"),
                        (ev.deliverables, "deliverable"), (ev.actuals, "actual"), (ev.plans, "plan")):
        for f in group:
            c = layout.clause_of(f.start)
            if c is not None:
                c.kinds.add(kind)
    return ev


# ---------------------------------------------------------------------------------------------
# step 3: part ↔ clause matching
_ORDER = ("behind", "blocked", "pending", "on_pace", "ahead", "completed")


def attach_verdict(part: Part, f: Finding, ev: Evidence, near: int | None = None) -> None:
    """Rule 1: a verdict about the same figure (same sentence, or right after a ratio) decides it."""
    cands = ev.verdicts_in(f.sentence)
    if near is not None:
        cands = [v for v in cands if 0 <= v.start - f.end <= near]
    cands = [v for v in cands if is_result(v.modality) or v.status == "pending"]
    if not cands:
        return
    # several verdicts in one sentence (11项已完成、8项序时推进、3项未到序时): the worst counts
    v = min(cands, key=lambda x: _ORDER.index(x.status))
    part.verdict = v.status
    part.findings.insert(0, v)
    for c in cands:
        if c.status == v.status:
            ev.used.add(id(c))


def _best(cands: list[Finding], tb: set[str], minimum: int) -> Finding | None:
    """The finding whose label shares most bigrams with the target (earliest on ties)."""
    best, score = None, minimum - 1
    for f in cands:
        s = overlap(tb, f.label)
        if s > score:
            best, score = f, s
    return best


def _split(cands: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Results (done clauses) and forecasts; intentions and conditions are dropped."""
    return ([f for f in cands if is_result(f.modality)], [f for f in cands if f.modality == "forecast"])


def _forecast_only(part: Part, f: Finding) -> None:
    """A part whose only evidence is a forecast: pending, for review."""
    part.findings.append(f)
    part.verdict, part.method = "pending", "verdict_phrase"
    part.review.append(review_reason("forecast_only", f.text))


def _threshold(tb: set[str]) -> int:
    """Shared bigrams needed: a short label (竣工) can only share one."""
    return 1 if len(tb) <= 2 else 2


_TITLE = re.compile(r"《([^》]{2,60})》")


def _same_document(t: Target, f: Finding, text: str) -> bool:
    """An issued document (印发《X》) is the target's only if the titles match, when both are named."""
    want = _TITLE.search(t.part)
    got = _TITLE.search(text, f.end, f.end + 4 + 60)
    if not want or not got or got.start() - f.end > 4:
        return True
    a, b = bigrams(want[1]), bigrams(got[1])
    return len(a & b) >= 0.7 * min(len(a), len(b))


def _match_deliverable(part: Part, t: Target, ev: Evidence, tb: set[str], single: bool) -> None:
    """An event of the right meaning (建成 for 建成, 开工 or 建成 for 开工, 印发 for 印发) about the object.

    A negated event (尚未投入使用, 年内未能开工) says the deliverable is not done (behind at the
    year's end); a stage of it (主体工程已完工) measures nothing.
    """
    ok = {"start": ("start", "finish"), "finish": ("finish",), "issue": ("issue",)}[t.meaning]
    lay = ev.layout
    done = missed = None
    for f in ev.deliverables:
        if f.meaning not in ok or f.status == "partial" or not _same_document(t, f, lay.text):
            continue
        a, b = lay.around(f.start, f.end)
        clause, sentence = overlap(tb, lay.text[a:b]), overlap(tb, lay.sentence_text(f.sentence))
        if not (clause >= 2 or sentence >= 3 or (single and sentence >= 1)):
            continue
        if f.modality == "forecast" and done is None:
            _forecast_only(part, f)
            return
        if not is_result(f.modality):
            continue
        if f.status == "not_done":
            missed = missed or f
        else:
            done = done or f
    if missed is not None:
        part.findings.append(missed)
        part.met, part.method = False, "verdict_phrase"  # not done: behind at the year's end
        part.deliverable_missed = True
    elif done is not None:
        part.findings.append(done)
        part.verdict, part.method = "completed", "verdict_phrase"


def _match_rate(part: Part, t: Target, ev: Evidence, tb: set[str], single: bool) -> None:
    done, forecast = _split(ev.growths)
    best = _best(done, tb, 1) or (done[0] if single and len(done) == 1 else None)
    if best is None:
        fc = _best(forecast, tb, 1) or (forecast[0] if single and len(forecast) == 1 and not done else None)
        if fc is not None:
            _forecast_only(part, fc)
        return
    # 4个结构性指标均实现10%以上增长: each rate of that sentence must meet it; the worst decides
    group = _each_of(t, done, best, ev) if "均" in t.part else [best]
    if t.direction == "lower":  # 下降1.6% as a target is a growth of -1.6: a fall of 2% meets it
        best = max(group, key=lambda g: g.value)
        part.met = best.value <= -t.value
    else:
        best = min(group, key=lambda g: g.value)
        part.met = best.value >= t.value
    part.findings.append(best)
    part.actual_value, part.actual_unit = best.value, "%"
    part.method = "rate_target"
    attach_verdict(part, best, ev)


def _each_of(t: Target, done: list[Finding], best: Finding, ev: Evidence) -> list[Finding]:
    """The rates a 均 (each of N) target covers: the best match and the ones after it in its paragraph,
    N of them when the target counts them (4个结构性指标均…)."""
    n = re.search(r"(\d+|[两三四五六七八九十])个", t.part)
    count = int(n[1]) if n and n[1].isdigit() else "两三四五六七八九十".find(n[1]) + 2 if n else None
    para_end = ev.layout.text.find("\n", best.start)
    after = [g for g in done if g.start >= best.start and (para_end < 0 or g.start < para_end)]
    return after[:count] if count else after


def _comparison(ev: Evidence, tb: set[str], base: str) -> Finding | None:
    """高于/低于全省… stated, or the own rate set beside the provincial one (增速3.6% … 全省平均增幅3.9%)."""
    for f in ev.comparisons:
        if f.meaning and base and f.meaning != base:
            continue
        if overlap(tb, ev.layout.sentence_text(f.sentence)) >= 1 and is_result(f.modality):
            return f
    text = ev.layout.text
    pv = _PROVINCE_VALUE.search(text) if base in ("", "province") else None
    if pv:
        s = ev.layout.sentence_of(pv.start())
        own = [g for g in ev.growths if g.sentence == s and g.start < pv.start() and is_result(g.modality)]
        if own:
            g = own[-1]
            return Finding("comparison", g.start, pv.end(), g.sentence, text[g.start:pv.end()], value=g.value,
                           target=Decimal(pv["val"]), met=g.value > Decimal(pv["val"]))
    return None


_PROVINCE_VALUE = re.compile(r"全省(?:平均)?(?:水平)?(?:增幅|增速)?(?:为)?\(?\s*(?P<val>-?\d+(?:\.\d+)?)\s*%")


def _match_level(part: Part, t: Target, ev: Evidence, tb: set[str]) -> None:
    best, score = None, 1
    for f in ev.levels:
        if not is_result(f.modality):
            continue
        s = overlap(tb, f.label)
        if s > score:
            best, score = f, s
    if best is not None:
        part.findings.append(best)
        part.actual_value, part.actual_unit = best.value, "%"
        part.met = best.value <= t.value if t.direction == "lower" else best.value >= t.value
        part.method = "rate_target"
        attach_verdict(part, best, ev)


def _match_ratio(part: Part, t: Target, ev: Evidence, tb: set[str], single: bool) -> None:
    """A stated ratio (or 过半) about this part: the best label overlap, or the only one of a one-part task."""
    done, forecast = _split(ev.free(ev.ratios))
    best = _best(done, tb, _threshold(tb))
    if best is None and single and len(done) == 1 and t.kind != "level":
        best = done[0]
    if best is not None:
        ev.used.add(id(best))
        part.findings.append(best)
        part.stated_ratio, part.period_target = float(best.value), best.period_target
        part.method = "stated_ratio"
        attach_verdict(part, best, ev, near=24)
        return
    half = _best([h for h in ev.free(ev.halves) if is_result(h.modality)], tb, 1) \
        or (ev.free(ev.halves)[0] if single and ev.free(ev.halves) else None)
    if half is not None:
        ev.used.add(id(half))
        part.findings.append(half)
        part.half, part.method = float(half.value), "stated_ratio"
        return
    fc = _best(forecast, tb, _threshold(tb))
    if fc is not None:
        ev.used.add(id(fc))
        _forecast_only(part, fc)


def _match_actual(part: Part, t: Target, ev: Evidence, act: Finding | None, tb: set[str]) -> None:
    """An actual in the target's unit: a ratio to the target, or a ceiling kept (lower is better)."""
    # the target restated as a projection for the whole year (预计/确保全年 …以上): the result waits
    # (a part of the total, 小麦 of 粮食, says nothing yet)
    proj = [p for p in ev.plans if p.kind == "projection" and p.unit == t.unit and p.value == t.value]
    if proj and part.stated_ratio is None:
        _forecast_only(part, proj[0])
        return
    if act is None:
        fc = [p for p in ev.plans if p.kind == "projection" and p.unit == t.unit and overlap(tb, p.label) >= 1]
        if fc and part.stated_ratio is None and part.half is None and part.verdict is None:
            _forecast_only(part, fc[0])  # 预期上半年实现…330亿元左右: a forecast of this very figure
            return
        if part.stated_ratio is None and part.half is None:
            intents = [p for p in ev.plans if p.unit == t.unit and p.kind == "plan" and overlap(tb, p.label) >= 1
                       and not is_result(p.modality)]
            if intents:
                part.review.append(review_reason("intention_figure", intents[0].text))
            _verdict_about(part, ev, tb)
        return
    ev.used.add(id(act))
    part.actual_value, part.actual_unit = act.value, act.unit
    if t.direction == "lower":
        if part.stated_ratio is None:  # a ceiling (浓度 …以内) is a level to stay under
            part.findings.append(act)
            part.met, part.method = act.value <= t.value, "rate_target"
            attach_verdict(part, act, ev)
        return
    part.computed_ratio = ratio(act.value, t.value) if t.value else None
    if part.stated_ratio is None:
        part.findings.append(act)
        part.method = "computed_ratio"
        if part.verdict is None:
            attach_verdict(part, act, ev)
        if part.verdict is None:
            _year_figure_awaited(part, ev, tb)


_WHOLE_YEAR = re.compile(r"全年|年度|年底")


def _year_figure_awaited(part: Part, ev: Evidence, tb: set[str]) -> None:
    """全年产量待秋收后统计: the year's figure is still to come, so a partial actual (夏粮) is no ratio."""
    for v in ev.verdicts:
        if v.status != "pending" or id(v) in ev.used:
            continue
        a, b = ev.layout.around(v.start, v.end)
        clause = ev.layout.text[a:b]
        if _WHOLE_YEAR.search(clause) and overlap(tb, clause) >= 1:
            ev.used.add(id(v))
            part.findings.insert(0, v)
            part.verdict = "pending"
            part.review.append(review_reason("year_awaited", clause))
            return


def _verdict_about(part: Part, ev: Evidence, tb: set[str]) -> None:
    """A verdict in a sentence that talks about this part (Q19: 推荐7家…预计12月公布结果)."""
    for i, (a, b) in enumerate(ev.layout.sents):
        if ev.verdicts_in(i) and overlap(tb, ev.layout.text[a:b]) >= 3:
            attach_verdict(part, Finding("actual", a, b, i, ev.layout.text[a:b]), ev)
            if part.verdict:
                return


def match_part(t: Target, ev: Evidence, assigned: dict[int, Finding], single: bool) -> Part:
    """Pair one target part with the clauses that speak of it; a number about something else measures nothing."""
    part = Part(t)
    tb = bigrams(_QUALIFIER.sub("", t.label or t.part))
    if t.kind == "deliverable":
        _match_deliverable(part, t, ev, tb, single)
    elif t.kind == "rate":
        _match_rate(part, t, ev, tb, single)
    elif t.kind == "rank":
        done = [f for f in ev.ranks if is_result(f.modality)]
        best = _best(done, tb, 1) or (done[0] if single and len(done) == 1 else None)
        if best is not None:
            part.findings.append(best)
            part.actual_value, part.actual_unit = best.value, "位"
            part.met, part.method = best.value <= t.value, "rate_target"
    elif t.kind == "comparison":
        f = _comparison(ev, tb, t.meaning)
        if f is not None:
            part.findings.append(f)
            part.met, part.method = f.met, "rate_target"
            attach_verdict(part, f, ev)
    else:
        _match_ratio(part, t, ev, tb, single)
        if t.kind == "level":
            if part.stated_ratio is None and part.verdict is None:
                _match_level(part, t, ev, tb)
        elif part.verdict != "pending" or part.stated_ratio is not None:
            _match_actual(part, t, ev, assigned.get(id(t)), tb)
    return part


def _done_after(a: Finding, ev: Evidence) -> bool:
    """3个保障性住房项目均已开工建设: the figure, then what was done with all of it (no other figure)."""
    _, b = ev.layout.around(a.start, a.end)
    rest = ev.layout.text[a.end:b]
    return bool(_DONE_MARK.search(rest)) and not re.search(r"\d", rest) and not _PRELIMINARY.search(rest)


def assign_actuals(targets: list[Target], ev: Evidence) -> dict[int, Finding]:
    """Pair count/amount targets with actuals in the same unit, best label overlap first.

    Pairing globally (not target by target) keeps 10亿元企业达25家 from taking the 142户 that
    belongs to 亿元企业达330家 only because it was read first.
    """
    text, lay = ev.layout.text, ev.layout
    scored = []
    for t in targets:
        if t.kind not in ("count", "amount") or t.value is None:
            continue
        tb = bigrams(_QUALIFIER.sub("", t.label or t.part))
        # counts of supervision work (督查农贸市场25个) measure only a target that counts that work
        same = [a for a in ev.actuals if a.unit == t.unit and (not a.meaning or a.meaning in t.part)]
        # a clause naming the target again (50项民生实事的84项细分任务…) breaks it down; it is no result
        named = {lay.around(a.start, a.end)[0] for a in same if a.value == t.value and
                 not _ACTUAL_MARK.search(text[lay.around(a.start, a.end)[0]:a.start])
                 and not _done_after(a, ev)}
        for a in same:
            if lay.around(a.start, a.end)[0] in named:
                continue
            score = overlap(tb, a.label)
            if "开工" in a.label and "开工" not in t.part:
                score -= 1  # 已开工280公里, 完工150公里: for a build target the finished figure counts first
            if _DONE_MARK.search(a.label):
                score += 1  # 已完成改造提升4个 before a figure merely mentioned
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


# ---------------------------------------------------------------------------------------------
# what no part claimed
_BREAKDOWN = re.compile(r"其中|分县区|分地区|[县区镇乡]")


def leftover_ratios(ev: Evidence, parts: list[Part]) -> list[Part]:
    """Stated ratios no target claimed: each measures a plan of this task's work (G006: 占年度投资计划的72%).

    Once the task's own figure is measured, a county's share (其中金安区完成…40%) is a breakdown of it.
    """
    headline = any(p.target is not None and (p.stated_ratio is not None or p.computed_ratio is not None)
                   for p in parts)
    out = []
    for r in ev.free(ev.ratios) + ev.free(ev.halves):
        if not is_result(r.modality) or (headline and _BREAKDOWN.search(r.label)):
            continue
        ev.used.add(id(r))
        part = Part(None, [r], method="stated_ratio", period_target=r.period_target)
        if r.kind == "half":
            part.half = float(r.value)
        else:
            part.stated_ratio = float(r.value)
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
    if p.kind != "plan" or _MULTI_YEAR.search(p.text) or ev.has_verdicts(p.sentence) \
            or p.sentence in ratio_sentences:
        return []
    text = ev.layout.text
    return [a for a in same if a.start > p.end
            and _DONE_MARK.search(text[ev.layout.around(a.start, a.end)[0]:a.start])]


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


def leftover_verdicts(ev: Evidence) -> list[Part]:
    """Verdicts no part used are parts of their own (Q10: 未达到序时进度 for the air)."""
    parts = []
    for v in ev.verdicts:
        if id(v) in ev.used:
            continue
        if v.modality == "forecast" and v.status != "pending":
            part = Part(None, [v], method="verdict_phrase", verdict="pending")
            part.review.append(review_reason("forecast_only", v.text))
        else:
            part = Part(None, [v], method="verdict_phrase", verdict=v.status)
        parts.append(part)
    return parts


def _widen(layout: Layout, f: Finding, printed: str) -> None:
    """Make the evidence a readable clause: a bare 增长5.5% or 未达到序时进度 gets the clause before it."""
    text = layout.text
    a, b = layout.around(f.start, f.end)
    a, b = min(a, f.start), max(b, f.end)
    s0 = layout.sents[f.sentence][0] if layout.sents else 0
    while b - a < 16 and a > s0:
        a = max(max(text.rfind(ch, s0, a - 1) for ch in ",,、") + 1, s0)
    f.start, f.end, f.text = a, b, printed[a:b]  # the words as printed, full-width or not


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
    lower = m["bound"] in ("以内", "以下") or bool(_LOWER_BETTER.search(task))
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
         lex: Lexicon | None = None) -> Reading:
    """Read one task: target parts from `task` (and `target_text`), findings from `progress`, matched."""
    lex = lex or load_lexicon()
    printed = progress or ""
    progress, task = fold_width(printed), fold_width(task)
    rate_text = fold_width(rate_text) if rate_text else rate_text
    if target_text and target_text.strip() and fold_width(target_text.strip()) not in task:
        task = f"{task};目标任务:{fold_width(target_text.strip())}"
    targets = target_parts(task, lex)
    ev = gather(progress, lex)
    numeric = numeric_part(task, targets, progress, rate_text)
    if numeric is not None:
        return Reading([numeric] + leftover_verdicts(ev), [], bool(ADJUSTED.search(task)))
    assigned = assign_actuals(targets, ev)
    parts = [match_part(t, ev, assigned, len(targets) == 1) for t in targets]
    if len(parts) == 1:
        _whole_task_verdict(parts[0], ev)
    parts += leftover_ratios(ev, parts)
    parts += plan_parts(ev, parts)
    parts += _rate_column_part(targets, parts, rate_text)
    parts += leftover_verdicts(ev)
    for part in parts:
        for f in part.findings:
            if f.end > f.start:  # a rate cell's evidence is not in the progress text
                _widen(ev.layout, f, printed)
    return Reading(parts, unused_numbers(progress, ev.layout),
                   bool(ADJUSTED.search(progress) or ADJUSTED.search(task)), _task_review(ev, parts))


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
    tb = bigrams(_QUALIFIER.sub("", part.target.label or part.target.part))
    # about this task: the sentence names it, or says nothing else (已提前完成年度目标。)
    free = [v for v in ev.verdicts if id(v) not in ev.used and (is_result(v.modality) or v.status == "pending")
            and (overlap(tb, ev.layout.sentence_text(v.sentence)) >= 1
                 or len(ev.layout.sentence_text(v.sentence)) - (v.end - v.start) <= 4)]
    if free:
        v = min(free, key=lambda x: _ORDER.index(x.status))
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
