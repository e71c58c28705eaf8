"""Which clauses of the progress text speak of each part of the task (step 3 of helpers.judge.parts):
verdicts, ratios, rates, levels, comparisons, ranks and deliverable events (helpers.judge.events),
matched by the character bigrams the part's words share with the clause, in the target's unit."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers.judge.clauses import is_result
from helpers.judge.coverage import all_due, covered_level, level_beside
from helpers.judge.events import forecast_only, match_deliverable, promised_later
from helpers.judge.evidence import Evidence, Part
from helpers.judge.findings import Finding
from helpers.judge.points import match_points
from helpers.judge.quantities import convert, find_quantities, ratio
from helpers.judge.rate_names import of_a_part, sentence_rate, short_name
from helpers.judge.actuals import month_only, rival_review, threshold
from helpers.judge.classes import narrower, size_classes
from helpers.judge.shares import share_of_whole
from helpers.judge.subjects import abbreviates
from helpers.judge.targets import PER_HEAD, POINTS_UNIT, QUALIFIER, Target, bigrams, overlap
from helpers.statuses import review_reason

ORDER = ("behind", "blocked", "pending", "on_pace", "ahead", "completed")


def attach_verdict(part: Part, f: Finding, ev: Evidence, near: int | None = None) -> None:
    """Rule 1: a verdict about the same figure (same sentence, or right after a ratio) decides it."""
    cands = ev.verdicts_in(f.sentence)
    if near is not None:
        cands = [v for v in cands if 0 <= v.start - f.end <= near]
    # a halt beside a figure (已建成3所，另有2所暂缓建设) is of another part: it stays a part of its own
    # (另有2条推迟至明年实施: a slip of some of the count is of another part too)
    cands = [v for v in cands if (is_result(v.modality) or v.status == "pending") and v.status != "blocked" and not v.later]
    # 新增8家，另有6家…待认定: a wait said of other things than the figure (another count between)
    # a verdict before another figure is that figure's (泊位接入全部完成,约8000个;…累计1.55万个); a
    # closing one after the figures (…其余7个正在扫尾,整体进度已达序) sums them up
    text = ev.layout.text
    cands = [v for v in cands if (v.start >= f.end and (v.status != "pending" or not find_quantities(text[f.end:v.start])))
             or (v.start < f.end and not find_quantities(text[v.end:f.start]))]
    if not cands:
        return
    # several verdicts in one sentence (11项已完成、8项序时推进、3项未到序时): the worst counts
    v = min(cands, key=lambda x: ORDER.index(x.status))
    part.verdict = v.status
    part.findings.insert(0, v)
    for c in cands:
        if c.status == v.status:
            ev.used.add(id(c))


def _best(cands: list[Finding], tb: set[str], minimum: int, name: str = "") -> Finding | None:
    """The finding whose label shares most bigrams with the target (earliest on ties); a short name of the
    target's `name` in the label (社零额, 固投) counts as two."""
    best, score = None, minimum - 1
    for f in cands:
        s = overlap(tb, f.label) + (2 if name and short_name(f.label, name) else 0)
        if s > score:
            best, score = f, s
    return best


def _split(cands: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Results (done clauses) and forecasts; intentions and conditions are dropped."""
    return ([f for f in cands if is_result(f.modality)], [f for f in cands if f.modality == "forecast"])


#: what a label says besides its subject: time, place and reporting words
_FRAME = re.compile(r"\d+\s*[-—~至]?\s*\d*月(?:份|底|末)?|[一二三四]季度|前三季度|上半年|全年|今年|截至|截止|以来|全市|我市|"
                    r"当月|单月|累计|同比|同期|其中|主要|经济|指标|运行|平稳|[,,、;;。:: ]")


def _names_another(label: str, tb: set[str]) -> bool:
    """A figure whose label names a subject of its own that the target does not (规上工业增加值 for
    a GDP target): it cannot be taken as the only figure there is."""
    rest = _FRAME.sub("", label)
    return len(rest) >= 4 and overlap(tb, rest) == 0


def _match_rate(part: Part, t: Target, ev: Evidence, tb: set[str], single: bool) -> None:
    done, forecast = _split(ev.growths)
    # 11月当月增长15.6%; 1-11月累计增长5.2%: the cumulative rate measures the year, a month alone never
    # 限额以上单位商品零售额 for 社会消费品零售总额: a narrower set's rate (规上工业单位增加值能耗 for 单位GDP能耗:
    # read only when no other rate is there, and for review)
    done = [g for g in done if not month_only(g, ev)]
    narrow = [g for g in done if narrower(t, g)]
    done = [g for g in done if g not in narrow] or [g for g in narrow if size_classes(g.label) - size_classes(t.part) == {"规上"}]
    lone = done[0] if single and len(done) == 1 and not _names_another(done[0].label, tb) \
        and not of_a_part(done[0], ev) else None
    # 企业享受研发费用加计扣除金额 is not 全社会研发经费: one shared word is too little for a long label
    name = QUALIFIER.sub("", t.label or t.part)
    best = _best(done, tb, 2 if len(tb) >= 5 else 1, name) or lone or sentence_rate(done, tb, name, ev)
    if best is None:
        fc = _best(forecast, tb, 1) or (forecast[0] if single and len(forecast) == 1 and not done else None)
        if fc is not None:
            forecast_only(part, fc)
        return
    # 4个结构性指标均实现10%以上增长: each rate of that sentence must meet it; the worst decides
    group = _each_of(t, done, best, ev) if "均" in t.part else [best]
    if t.ceiling:  # 涨幅控制在3%左右: the highest rate of the group must stay under the ceiling
        best = max(group, key=lambda g: g.value)
        part.met = best.value <= (t.high if t.high is not None else t.value)
    elif t.direction == "lower":  # 下降1.6% as a target is a growth of -1.6: a fall of 2% meets it
        best = max(group, key=lambda g: g.value)
        part.met = best.value <= -t.value
    else:
        best = min(group, key=lambda g: g.value)
        part.met = best.value >= t.value
    part.findings.append(best)
    part.actual_value, part.actual_unit = best.value, "%"
    part.method = "rate_target"
    if narrower(t, best):
        part.review.append(review_reason("narrower_set", best.text))
    attach_verdict(part, best, ev)


def _each_of(t: Target, done: list[Finding], best: Finding, ev: Evidence) -> list[Finding]:
    """The rates a 均 (each of N) target covers: the best match and the ones after it in its paragraph,
    N of them when the target counts them (4个结构性指标均…)."""
    n = re.search(r"(\d+|[两三四五六七八九十])个", t.part)
    count = int(n[1]) if n and n[1].isdigit() else "两三四五六七八九十".find(n[1]) + 2 if n else None
    para_end = ev.layout.text.find("\n", best.start)
    after = [g for g in done if g.start >= best.start and (para_end < 0 or g.start < para_end)]
    return after[:count] if count else after


_ECONOMY_LABEL = re.compile(r"地区生产总值|生产总值|GDP|经济增长|经济增速")


def _against_economy(ev: Evidence, t: Target, tb: set[str]) -> Finding | None:
    """The target's own rate beside the economy's (收入增长5.6%，同期地区生产总值增长6.1%): faster
    than it (快于, 高于), or not slower (不低于, 同步)."""
    done = [g for g in ev.growths if is_result(g.modality) and not month_only(g, ev)]
    text = ev.layout.text
    gdp = [g for g in done if _ECONOMY_LABEL.search(text, ev.layout.around(g.start, g.end)[0], g.start)]
    own = _best([g for g in done if g not in gdp], tb, 1)
    if not gdp or own is None:
        return None
    base = gdp[0]
    strict = t.verb in ("快于", "高于", "超过", "跑赢")
    met = own.value > base.value if strict else own.value >= base.value
    a, b = min(own.start, base.start), max(own.end, base.end)
    return Finding("comparison", a, b, own.sentence, text[a:b], value=own.value, target=base.value, met=met)


def _comparison(ev: Evidence, tb: set[str], base: str, t: Target | None = None) -> Finding | None:
    """高于/低于全省… stated, or the own rate set beside the provincial one (增速3.6% … 全省平均增幅3.9%)."""
    if base == "economy":
        return _against_economy(ev, t, tb)
    for f in ev.comparisons:
        if f.meaning and base and f.meaning != base:
            continue
        if overlap(tb, ev.layout.sentence_text(f.sentence)) >= 1 and is_result(f.modality):
            return f
    text = ev.layout.text
    pv = _PROVINCE_VALUE.search(text) if base in ("", "province") else None
    if pv:
        # the own rate or level set before the province's (增长6.8%;同期全省平均增幅为7.1%), the latest one
        own = [g for g in ev.growths + ev.levels if g.end <= pv.start() and is_result(g.modality)
               and "全省" not in g.label and not month_only(g, ev)]
        if own:
            g = max(own, key=lambda x: x.start)
            base = Decimal(pv["val"] or pv["val2"])
            return Finding("comparison", g.start, pv.end(), g.sentence, text[g.start:pv.end()], value=g.value,
                           target=base, met=g.value > base)
    return None


_PROVINCE_VALUE = re.compile(r"全省(?:平均)?(?:水平)?(?:增幅|增速|增长)?(?:为|达)?\(?\s*(?P<val>-?\d+(?:\.\d+)?)\s*%"
                             # (全省农村居民人均可支配收入增速为7.8%: the province's rate of a noun named between)
                             r"|全省[\u4e00-\u9fff]{2,16}?(?:增幅|增速|增长)(?:为|达)?\(?\s*(?P<val2>-?\d+(?:\.\d+)?)\s*%")


#: the noun a share or rate is of: the words right before 率/比重/占比 (回收利用率, 无害化处理率)
_RATE_NOUN = re.compile(r"[\u4e00-\u9fff]{1,4}(?:率|比重|占比|比例)")


#: a share of one thing in another (税收收入占一般公共预算收入比重): the share is of the first
_SHARE_OF = re.compile(r"(?P<noun>[\u4e00-\u9fff]{2,6}?)占[^,;。]{1,16}?(?:比重|比例)")


def _rate_noun(label: str) -> str | None:
    label = re.sub(r"[“”\"‘’'「」]", "", label)  # “全程网办”比例: the quoted name is the noun
    share = _SHARE_OF.search(label)
    if share:
        return share["noun"]
    nouns = _RATE_NOUN.findall(label)
    return nouns[-1][:-1] if nouns else None


def _same_rate_noun(t: Target, f: Finding) -> int:
    """How far the target's and the figure's rate nouns agree (税收收入…比重 and 税收占比): the bigrams
    they share, so that “全程网办”比例 prefers 全程网办比例84.5% to 可网办率99.2%; one for a rate said in
    other words (`_said_otherwise`); 0 without both."""
    want, got = _rate_noun(t.label or t.part), _rate_noun(f.label)
    return (overlap(want, got) or int(_said_otherwise(want, got, f.label))) if want and got else 0


def _said_otherwise(want: str, got: str, label: str) -> bool:
    """The target's rate said in other words: its word before 率 named in the figure's clause (普惠率 and
    普惠性幼儿园在园幼儿占比), or the figure's word before 率 a short name of the target's (网办 of 一网通办)."""
    # (want and got are `_rate_noun`'s, already without their quote marks)
    return len(want) >= 2 and (want[-2:] in re.sub(r"[“”‘’'\"]", "", label) or abbreviates(got[-2:], want))


def named_otherwise(target: str, label: str) -> bool:
    """A figure that names the target's indicator in other words: a short name of it (社零额) or its rate
    said otherwise (普惠性…占比 for 普惠率; 可网办率 for 一网通办率)."""
    want, got = _rate_noun(target), _rate_noun(label)
    return short_name(label, QUALIFIER.sub("", target)) or bool(want and got and _said_otherwise(want, got, label))


def _other_rate(t: Target, f: Finding) -> bool:
    """A level of another rate than the target's (无害化处理率100% for a 回收利用率 target)."""
    want, got = _rate_noun(t.label or t.part), _rate_noun(f.label)
    return bool(want and got and len(want) >= 2 and len(got) >= 2 and overlap(want, got) == 0
                and not _said_otherwise(want, got, f.label))


def _match_level(part: Part, t: Target, ev: Evidence, tb: set[str]) -> None:
    """A level target (a rate in %, or a figure per head: 每千人口…4.5个) met or missed by the level
    of the same noun (never by a count of additions: 新增托位2100个)."""
    best = _best_level(t, ev, tb)
    if best is not None:
        part.findings.append(best)
        part.actual_value, part.actual_unit = best.value, t.unit
        part.met = _level_met(t, best.value)
        part.method = "rate_target"
        attach_verdict(part, best, ev)


def _level_met(t: Target, value) -> bool:
    """Whether a level of `value` meets the target (at or under a ceiling, at or over a floor)."""
    return value <= t.value if t.direction == "lower" else value >= t.value


def _level_beside_completion(part: Part, t: Target, ev: Evidence, tb: set[str]) -> None:
    """完成省下达目标任务的96% decided the part; a level of the same noun beside it (任务完成率为90%) is a
    second reading of the same measure: when the two say met and missed, the part is flagged, the stated
    completion keeps its say."""
    other = _best_level(t, ev, tb)
    if other is not None and _level_met(t, other.value) != part.met:
        part.review.append(review_reason("figures_compete", other.text))


def _best_level(t: Target, ev: Evidence, tb: set[str]) -> Finding | None:
    """The level of the text whose noun shares most with the target's (see _match_level)."""
    best, score = None, 1
    levels = ev.levels if t.unit == "%" else [a for a in ev.actuals if a.unit == t.unit and PER_HEAD.search(a.label)]
    levels = [f for f in levels if is_result(f.modality) and not _other_rate(t, f)]
    spans = [f for f in levels if not month_only(f, ev)]
    if spans and any(overlap(tb, f.label) + _same_rate_noun(t, f) > score for f in spans):
        levels = spans  # 7月份…96.8%；1-7月累计…83.5%: a month's level beside the span's is not the pace (5月份失业率 alone is)
    for f in levels:
        s = overlap(tb, f.label) + _same_rate_noun(t, f)
        if s > score:
            best, score = f, s
    return best


def _share_of_whole(part: Part, t: Target, ev: Evidence) -> None:
    """保有量612辆，其中新能源车588辆 for 新能源车辆占比达到95%以上: the share the whole and its part give."""
    found = share_of_whole(t, ev)
    if found is not None:
        pair, share = found
        part.findings.append(pair)
        part.actual_value, part.actual_unit = share, "%"
        part.met = _level_met(t, share)
        part.method = "rate_target"


def _all_due(part: Part, t: Target, ev: Evidence) -> None:
    """应发尽发 for 发放率100%: every one due was, the level reached (coverage.all_due)."""
    f = all_due(t.label or t.part, ev)
    if f is not None:
        part.findings.append(f)
        part.actual_value, part.actual_unit, part.met, part.method = f.value, "%", True, "rate_target"
        other = level_beside(ev, f)
        if other is not None:  # (学生参与率93.6% beside 学校全部开展: which base the target counts is a reader's call)
            part.review.append(review_reason("figures_compete", other.text))


def _match_ratio(part: Part, t: Target, ev: Evidence, tb: set[str], single: bool) -> None:
    """A stated ratio (or 过半) about this part: the best label overlap, or the only one of a one-part task."""
    done, forecast = _split(ev.free(ev.ratios))
    best = _best(done, tb, threshold(tb))
    if best is None and single and len(done) == 1 and (t.kind != "level" or OWN_COMPLETION.search(t.label or "")):
        best = done[0]
    if best is not None:
        ev.used.add(id(best))
        part.findings.append(best)
        part.stated_ratio, part.period_target = float(best.value), best.period_target
        part.share_range = best.share_range
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
    fc = _best(forecast, tb, threshold(tb))
    if fc is not None:
        ev.used.add(id(fc))
        forecast_only(part, fc)


def _match_actual(part: Part, t: Target, ev: Evidence, act: Finding | None, tb: set[str]) -> None:
    """An actual in the target's unit: a ratio to the target, or a ceiling kept (lower is better)."""
    # the target restated as a projection for the whole year (预计/确保全年 …以上): the result waits
    # (a part of the total, 小麦 of 粮食, says nothing yet)
    proj = [p for p in ev.plans if p.kind == "projection" and p.unit == t.unit and p.value == t.value]
    if proj and part.stated_ratio is None:
        forecast_only(part, proj[0])
        return
    if act is None:
        fc = [p for p in ev.plans if p.kind == "projection" and p.unit == t.unit and overlap(tb, p.label) >= 1]
        if fc and part.stated_ratio is None and part.half is None and part.verdict is None:
            forecast_only(part, fc[0])  # 预期上半年实现…330亿元左右: a forecast of this very figure
            return
        if part.stated_ratio is None and part.half is None:
            intents = [p for p in ev.plans if p.unit == t.unit and p.kind == "plan" and overlap(tb, p.label) >= 1
                       and not is_result(p.modality)]
            if intents:
                part.review.append(review_reason("intention_figure", intents[0].text))
            _verdict_about(part, ev, tb)
            part.review += _in_another_counter(t, ev, tb)
        return
    ev.used.add(id(act))
    part.review += rival_review(t, act, ev)
    part.actual_value, part.actual_unit = act.value, act.unit
    if t.direction == "lower":
        if part.stated_ratio is None:  # a ceiling (浓度 …以内) is a level to stay under
            part.findings.append(act)
            part.met, part.method = convert(act.value, act.unit, t.unit) <= t.value, "rate_target"
            attach_verdict(part, act, ev)
        return
    value = convert(act.value, act.unit, t.unit)  # 28600米 of a target in 公里
    part.computed_ratio = ratio(value, t.value) if t.value and value is not None else None
    other = ev.apart.get(id(t))
    if other is not None and t.value and convert(other.value, other.unit, t.unit) is not None:
        part.other_ratio, part.other_text = ratio(convert(other.value, other.unit, t.unit), t.value), other.text
        part.other_reason = "carried_over" if any(a.modality == "past" for a in ev.actuals
                                                  if min(act.start, other.start) <= a.start < max(act.end, other.end)) \
            else "sum_or_item"
    if act.share_range is not None and part.computed_ratio is not None and part.stated_ratio is None:
        # 近1.5万人: the ratio spans what the words allow (a status either side is flagged)
        part.share_range = tuple(convert(x, act.unit, t.unit) / t.value for x in act.share_range)
    if part.share_range is not None and act.share_range is None and part.computed_ratio is not None \
            and float(part.share_range[0]) - 0.01 <= part.computed_ratio <= float(part.share_range[1]) + 0.01:
        # 1830个,完成全年任务的六成有余: the exact figure says what the words round
        part.stated_ratio = part.share_range = None
        part.findings = [f for f in part.findings if f.kind != "stated_ratio"]
    if part.stated_ratio is None:
        part.findings.append(act)
        part.method = "computed_ratio"
        if part.verdict is None:
            attach_verdict(part, act, ev)
        if part.verdict is None:
            _year_figure_awaited(part, ev, tb)


_WHOLE_YEAR = re.compile(r"全年|年度|年底")


#: counters of people, households and things that offices use for one noun (户厕3200座 for 户; 人 and 人次)
_COUNTERS = frozenset("个户人座处所家项件套间栋条") | {"人次", "户次"}


#: words of any act, that name no thing (新增参保 and 新增开户 share no thing)
_ACT_WORDS = frozenset({"新增", "新建", "完成", "实现", "建设", "改造", "开展", "全县", "全区"})


def _in_another_counter(t: Target, ev: Evidence, tb: set[str]) -> list[str]:
    """完成农村户厕改造1.32万座 for 1.6万户; 培训1.6万人 for 2万人次: a result naming the target's thing (two of its
    words) in another counter that does not convert measures it in a way no rule reads: for review."""
    if t.unit not in _COUNTERS:
        return []
    for a in ev.actuals:
        if a.unit in _COUNTERS and a.unit != t.unit and convert(a.value, a.unit, t.unit) is None \
                and is_result(a.modality) and overlap(tb - _ACT_WORDS, a.label) >= 2:
            return [review_reason("unit_differs", a.text)]
    return []


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


def _ratio_beside_figure(part: Part, t: Target, act: Finding | None, tb: set[str]) -> None:
    """债券资金支出进度为82.3% beside 今年以来共争取新增专项债券额度71.2亿元 for 争取…额度65亿元: a stated ratio taken
    only because it is the one there is (its words name nothing of the target) is read beside the target's
    own figure; when the two reach different statuses the part goes to review."""
    if act is None or part.stated_ratio is None or not part.findings or not t.value \
            or overlap(tb, part.findings[-1].label) >= threshold(tb):
        return
    value = convert(act.value, act.unit, t.unit)
    if value is not None and t.direction != "lower":
        part.other_ratio, part.other_text, part.other_reason = ratio(value, t.value), act.text, "figures_compete"


def match_part(t: Target, ev: Evidence, assigned: dict[int, Finding], single: bool) -> Part:
    """Pair one target part with the clauses that speak of it; a number about something else measures nothing."""
    part = Part(t)
    tb = bigrams(QUALIFIER.sub("", t.label or t.part))
    if t.kind == "deliverable":
        match_deliverable(part, t, ev, tb, single)
    elif t.kind == "rate" and t.unit == POINTS_UNIT:
        match_points(part, t, ev, tb)
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
        f = _comparison(ev, tb, t.meaning, t)
        if f is not None:
            part.findings.append(f)
            part.met, part.method = f.met, "rate_target"
            attach_verdict(part, f, ev)
    else:
        _match_ratio(part, t, ev, tb, single)
        _ratio_beside_figure(part, t, assigned.get(id(t)), tb)
        own = t.kind == "level" and part.stated_ratio is not None and not part.period_target \
            and bool(OWN_COMPLETION.search(t.label or ""))
        if own:
            # 完成…年度任务的70%以上: the completion ratio is the level, met or missed, whatever the pace
            part.met, part.method = part.stated_ratio * 100 >= float(t.value), "rate_target"
            part.stated_ratio = part.share_range = None
            _level_beside_completion(part, t, ev, tb)
        elif t.kind == "level":
            if part.stated_ratio is None and part.verdict is None and not covered_level(part, t, ev, tb):
                _match_level(part, t, ev, tb)
            if part.method == "none" and part.verdict is None and t.value == 100 and t.direction == "higher":
                _all_due(part, t, ev)  # (said of the target's things in words: before a pair of figures inferred)
            if part.method == "none" and part.verdict is None:
                _share_of_whole(part, t, ev)
        elif part.verdict != "pending" or part.stated_ratio is not None:
            _match_actual(part, t, ev, assigned.get(id(t)), tb)
        if single and part.method == "none" and _EVENT_COUNT.match(t.part):
            _rest_promised_later(part, t, ev)
    return part


#: a level of the task's own completion (完成…年度任务的70%以上, 完成省定目标任务的90%以上)
OWN_COMPLETION = re.compile(r"完成[^,;。]{0,30}?(?:任务|目标|计划)的?$")


#: a count of one-off deliverables (建成3个…项目, 开工10个…): each is an event
_EVENT_COUNT = re.compile(r"^(?:加快|力争|确保|年内|全面)?(?:建成|竣工|完工|投用|投运|开工|开通)")


def _rest_promised_later(part: Part, t: Target, ev: Evidence) -> None:
    """建成3个项目 with 两个项目…计划明年上半年投运: what is left is promised for after this year, so
    the count is not reached this year (behind)."""
    later = promised_later(t, ev)
    if later is not None:
        part.findings.append(later)
        part.met, part.method = False, "verdict_phrase"
        part.deliverable_missed = part.promised_later = True
