"""Which figure of the progress text measures a count or amount target: scored by the words it shares
with the target, whether it is done, cumulative or a month's own, a breakdown (其中), the level of
government it counts, a stage of the works; county figures summed when the target is the city's."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from helpers.judge.apart import other_readings
from helpers.judge.classes import CARRY as _CARRY, classes_differ
from helpers.judge.clauses import BREAKDOWN, is_result
from helpers.judge.evidence import ACTUAL_MARK, DONE_MARK, PRELIMINARY_RX, Evidence
from helpers.judge.figure_state import (NEW as _NEW, SPAN as _SPAN, STOCK as _STOCK, additions_beside,
                                        left_or_other_work, rest_said_done)
from helpers.judge.figure_spans import (SEASON, SPENT as _SPENT, all_finished_after, finished_for_a_start, one_season,
                                        part_named, part_of_unread_whole, promised, under_way)
from helpers.judge.figures import enters_a_list
from helpers.judge.findings import Finding
from helpers.judge.handed_out import each_sums
from helpers.judge.left_out import counted_rest, left_out
from helpers.judge.quantities import (APPROX_AFTER, CLASSIFIERS, ELIDED, PLACES, comparable, convert, find_quantities,
                                      sizes_of_one_measure)
from helpers.judge.subjects import abbreviates, subject_of
from helpers.judge.sums import (ACT_VERB, ATTRIBUTE as _ATTRIBUTE, COUNTY, COUNTY_SUM, FRAME_VERB as _FRAME_VERB, ONGOING,
                               part_opening, STAGE, STARTED, WHOLE_LEVEL, county_sums, head_noun, item_sums, listed_runs, longest_kind_sum,
                               quarter_sums)
from helpers.judge.named import named_items_done, named_list_counts
from helpers.judge.targets import QUALIFIER, Target, bigrams, overlap
from helpers.statuses import review_reason


def threshold(tb: set[str]) -> int:
    """Shared bigrams needed: a short label (竣工) can only share one."""
    return 1 if len(tb) <= 2 else 2


def _done_after(a: Finding, ev: Evidence) -> bool:
    """3个保障性住房项目均已开工建设: the figure, then what was done with all of it (no other figure)."""
    _, b = ev.layout.around(a.start, a.end)
    rest = ev.layout.text[a.end:b]
    return bool(DONE_MARK.search(rest)) and not re.search(r"\d", rest) and not PRELIMINARY_RX.search(rest)


#: one month's figure (10月当月, 9月单月, 3月份): it does not measure the year's pace
SINGLE_MONTH = re.compile(r"当月|单月|(?<![-—~至到\d])(?:1[0-2]|[1-9])月份(?!以来)|(?<!前)[二三四]季度(?!末|以来|累计)")
CUMULATIVE = re.compile(r"累计|\d{1,2}\s*[-—~至]\s*\d{1,2}月|以来|截至|截止")
#: the level of government a figure counts (a 市级 target takes only the 市级 figure)
_LEVEL = re.compile(r"市本级|市级|县级|省级|国家级|中央")
#: the government's own level (市本级, 市直) against the whole area's figure (全市, 各县区, 各级)
_OWN_LEVEL = re.compile(r"市本级|市直|县本级|区本级")
#: the town or city proper inside the whole area (县城, 城区): a target of it is not met by the whole area's figure
_INNER_AREA = re.compile(r"县城|城区|市区")
_NOT_DONE = re.compile(r"不再|未能|无法|暂缓|取消|撤销")
#: a task to cut things down (压减审批事项, 清理涉企收费): cancelling some of them is its own act
_REDUCE = re.compile(r"压减|精简|削减|减少|清理|压缩|砍掉|取消|撤销")
_CANCEL = frozenset({"取消", "撤销"})


#: the time span a figure is said over: the last span word before it in its sentence decides
#: (a span shorter than any period counts as a month: 6月份, 五一假期, 国庆黄金周)
_SPAN_MARK = re.compile(r"(?P<month>当月|单月|(?<![-—~至到\d])(?:1[0-2]|[1-9])月份(?!以来)|假期|黄金周|小长假"
                        r"|(?<!前)[二三四]季度(?!末|以来|累计))"
                        r"|累计|\d{1,2}\s*[-—~至]\s*\d{1,2}月|以来|截至|截止|上半年|前三季度|全年")


def month_only(f: Finding, ev: Evidence) -> bool:
    """A figure of one month (8月当月实际利用外资…，同比增长31%; 增长12%(当月)): not the year's pace."""
    text, lay = ev.layout.text, ev.layout
    if re.match(r"\s*[((]?(?:当月|单月)", text[f.end:f.end + 4]):
        return True
    s0 = lay.sentence_start(f.sentence)
    marks = list(_SPAN_MARK.finditer(text, s0, f.start))
    return bool(marks and marks[-1]["month"])


#: (合计新增十五家, 共计新建: the verb of the parts again)
_TOTAL = re.compile(r"\s*(?:累计|合计|共计|总计|全市)(?:达到?|完成|接入|建成|新增|新建|新认定|新培育|引进)?\s*$"
                    # (今年累计开通8条: this year's span before it, and the parts' own verb after it)
                    r"|\s*(?:今年|全年|本年|年内)(?:以来)?(?:累计|合计|共计|总计|共)[\u4e00-\u9fff]{0,4}?\s*$")


def sums_the_rest(a: Finding, ev: Evidence) -> bool:
    """…约8000个;配建停车场接入7500个,累计1.55万个: a total with no subject of its own that is the
    sum of the figures before it (back to the sentence's 。) in its unit is the task's figure."""
    if not _TOTAL.fullmatch(ev.layout.clause_before(a.start, a.end, fine=True)):
        return False
    start = ev.layout.last_of("。\n", a.start)  # the parts before it, cut at ;
    rest = [b.value for b in ev.actuals_by_start.starting(start + 1, a.start - 1) if b.unit == a.unit]
    return len(rest) >= 2 and sum(rest) == a.value


def _head_differs(t: Target, a: Finding) -> bool:
    """充电枪1200把 for 充电桩2000个: counted in another classifier, the thing must be the target's by its
    head (the last two characters of its noun), not by a shared word only (城市书房11家 for 20个 is)."""
    head = head_noun(a.label)
    return bool(head) and head not in (t.label or t.part)


def _abbreviated(noun: str, target: str) -> int:
    """全市固投268亿元 for 固定资产投资: a short name (two or three characters) that is no word of the target
    but takes its characters in order, from a target noun at least twice as long, names it (as two
    shared words); 0 otherwise."""
    for short in (noun[-2:], noun[-3:]):
        if len(short) >= 2 and short not in target and abbreviates(short, target) \
                and len(_FRAME_VERB.sub("", target)) >= 2 * len(short):
            return 2
    return 0


def _named(tb: set[str], a: Finding, ev: Evidence, target: str = "") -> int:
    """Bigrams the figure's words share with the target (以上, 左右 set aside on both sides); a
    figure whose clause names no noun (高新技术企业总数达到1650家,今年新认定85家) takes the noun of
    the clause before it in its sentence."""
    shared = overlap(tb, QUALIFIER.sub("", a.label))
    noun = _ATTRIBUTE.sub("", _FRAME_VERB.sub("", a.label))
    if len(noun) > 1:
        return shared or _abbreviated(noun, target)
    text, lay = ev.layout.text, ev.layout
    la = lay.around(a.start, a.end, fine=True)[0]
    s0 = lay.sentence_start(a.sentence)
    before = re.split(r"[,;、]", text[s0:la].rstrip(",;、 "))[-1]
    if not before.strip():
        return max(shared, 1)  # 一季度新认定10家: no noun at all in its sentence, said of the task (subjects.py)
    # 限上批零住餐企业:新增入库46家: the words of its own (新增) and the noun heading it both name it
    return max(shared, overlap(tb, QUALIFIER.sub("", before)))


#: what a halting verb halts when it has no object of its own: the works (不再改造, 暂缓建设)
_WORKS_AFTER = re.compile(r"\s*了?(?:$|[,;。]|建设|改造|实施|施工|开工|开展|举办|推进|执行|发放|提升|整治)")
#: the rest, said to be in progress (其余6个村正在…, 另有2处在建)
_ALSO_ONGOING = re.compile(r"\s*(?:其余|其他|剩余|另有?|还有)[^,;。]{0,12}?(?:正在|在建|待|尚)")


def _rest_halted(a: Finding, ev: Evidence, clause: str) -> bool:
    """其余2个基地因土地性质问题，经市政府…决定取消选址: the rest of the target, named apart, and a halting verb
    after it in its sentence — they are what was halted, not done."""
    return bool(_REST.match(clause)) and bool(_NOT_DONE.search(ev.layout.text, a.end, ev.layout.sents[a.sentence][1]))


#: the rest of the target opening a clause (另1家正在创建, 其余6个村正在按标准提升)
_REST = re.compile(r"\s*(?:其余|其他|剩余|另有?|还有)")


def _done_besides_the_rest(t: Target, same: list[Finding], tb: set[str], ev: Evidence) -> Finding | None:
    """红岭公路景区已通过4A级评定,另1家正在创建 for 新增4A级景区2家: the rest still going on, beside a
    completion in the same sentence, leaves the target less the rest done (1 of 2)."""
    lay, text = ev.layout, ev.layout.text
    for a in same:
        a0, b0 = lay.around(a.start, a.end)
        if not (_REST.match(text[a0:a.start]) and (_ALSO_ONGOING.match(text[a0:a.start]) or ONGOING.search(text, a.end, b0))):
            continue
        s0, s1 = lay.sentence_span(a.sentence)
        before = text[s0:a0]
        if a.value < t.value and DONE_MARK.search(before) and not ONGOING.search(before) and overlap(tb, before) >= 1:
            return Finding("actual", s0, a0, a.sentence, before, value=t.value - a.value, unit=a.unit,
                           label=(t.label or t.part) + "合计")
    return None


def _halted(t: Target, a: Finding, ev: Evidence, a0: int, b0: int) -> bool:
    """A halting verb in the figure's clause says its things are not done — unless halting is the task's own
    act (撤销行政许可事项) or cancelling is, for a task to cut (压减审批事项: 撤销…事项5项)."""
    halt = _NOT_DONE.search(ev.layout.text, a0, b0)
    return bool(halt and halt.group() not in t.part and not (halt.group() in _CANCEL and _REDUCE.search(t.part))
                and _halts_the_figure(a, halt, ev.layout.text, b0))


def _halts_the_figure(a: Finding, halt: re.Match, text: str, end: int) -> bool:
    """Whether a halting verb in a figure's clause says the figure's things are not done: it comes
    before the figure (撤销3个项目: they are what was halted), or after it halting their works
    (1个小区不再改造); after the figure with an object of its own (7家景区取消门票收费实行免费开放)
    it is what those things did."""
    return halt.start() < a.start or bool(_WORKS_AFTER.match(text, halt.end(), end))


#: a share of the target below which a figure named by one shared word only is taken for another
#: thing (兑现奖补资金4200万元 for 到位资金900亿元): a fifth of the pace at the end of the first quarter
_TOO_SMALL = Decimal("0.05")


def _implausibly_small(t: Target, a: Finding) -> bool:
    value = convert(a.value, a.unit, t.unit)
    return value is not None and bool(t.value) and value < _TOO_SMALL * t.value


def _opened_by_a_span(a: Finding, ev: Evidence) -> bool:
    """1-6月，全市知识产权质押融资登记金额达12亿3千万元: a span opening the figure's sentence (its first clause
    a span alone) says what the figure after it is over — a flow of the span, no stock."""
    lay = ev.layout
    s0 = lay.sentence_start(a.sentence)
    first = lay.text[s0:lay.around(s0, s0 + 1)[1]]
    return bool(_SPAN_ALONE.fullmatch(first.strip(" ,;")))


#: a clause that is a span alone (1-6月, 今年以来, 上半年, 前三季度)
_SPAN_ALONE = re.compile(rf"(?:{_SPAN.pattern})[^\d,;。]{{0,2}}")


def _actual_score(t: Target, a: Finding, tb: set[str], ev: Evidence) -> int | None:
    """How well an actual measures a count or amount target; None when it cannot (a month's own
    figure, a figure of what is not done: 1个小区不再改造)."""
    a0, b0 = ev.layout.around(a.start, a.end)
    clause = ev.layout.text[a0:a.start]
    if _NEW.search(t.part) and _STOCK.search(clause) and not _NEW.search(clause) and not _SPAN.search(clause) \
            and not _opened_by_a_span(a, ev):
        return None  # 全市累计建成5G基站6200个: the stock, not this year's additions
    if _NEW.search(t.part) and not _NEW.search(clause) and additions_beside(a, ev):
        return None  # 已汇聚电子证照类型246类，其中今年新增20类: the stock beside this year's additions
    if part_opening(a, ev, BREAKDOWN.sub("", clause, count=1), t.part) and not a.label.endswith("合计") \
            and not clause.rstrip().endswith("等"):  # 金寨县茶叶数字工厂等5个: one named, five counted
        return None  # 霍邱县新增城镇就业4200人: one county's figure, not the city's
    if part_of_unread_whole(t, a, tb, ev, clause, _actual_score) or promised(t, a) or under_way(t, a, clause):
        return None  # 累计建成充电桩176个，其中快充桩48个 (a part of a stock); 签订…合同面积 (promised); 在建12所
    if counts_another(t, a, ev):
        return None  # 建成38个厢房 for 达标小区210个; 完成10个示范社区点位布局 (a step) for 示范社区10个
    if classes_differ(t.part, a.label, ev.layout.text[max(0, a.start - _CARRY):a.start]):
        return None  # 全市共签约项目41个 for 引进亿元以上工业项目80个: all sizes, a wider set
    if _grades_differ(t.label or t.part, a.label):
        return None  # 新增4A级景区3个 for 创建5A级景区1个: another grade is another thing
    if one_season(a, ev) and not SEASON.search(t.part) or month_only(a, ev) or _halted(t, a, ev, a0, b0) \
            or left_out(a, ev, QUALIFIER.sub("", t.label or t.part)):
        return None  # 夏粮总产18.3亿斤 (one season); 1个小区不再改造; 森林抚育2.4万亩(不计入造林绿化任务)
    # (已建成8所、在建4所: 在建 is the 4's, so works going on are looked for in the figure's own item only)
    if ONGOING.search(ev.layout.text, a.end, ev.layout.around(a.start, a.end, fine=True)[1]) \
            or _ALSO_ONGOING.match(clause) or left_or_other_work(t, a, ev, clause) or _rest_halted(a, ev, clause):
        # 另2处正在施工, 尚有8所未完工, ②在建：2个, 茶园土壤改良 for 建设茶园: nothing of the target done
        return None
    if STAGE.search(ev.layout.text, a.end, b0) and not STAGE.search(t.part):
        return None  # 45座公厕已完成主体施工: a stage of the works, not the works done
    if STARTED.search(a.label) and not STARTED.search(t.part) and not _PRELIMINARY_TARGET.search(t.part) \
            and not (a.unit == "元" and _SPENT.search(a.label)) and not all_finished_after(a, ev):
        # 40个中心村已全部开工: started is not built (已开工280公里, 完工150公里: the 150 counts); the
        # money spent on the works started (新开工项目完成投资3.1亿元) is spent all the same
        return None
    named = _named(tb, a, ev, QUALIFIER.sub("", t.label or t.part))
    if named <= 1 < len(tb) - 1 and _implausibly_small(t, a):
        return None  # 新建停车场14处 for 停车泊位8000个: one shared word, and far too small to be the target's
    if not sizes_of_one_measure(a.unit, t.unit) and (named <= 0 or _head_differs(t, a)):
        return None  # 已梳理可用地块23处 for 停车泊位…个: another classifier counts the target's thing only by name
    return _weighed(t, a, named + (4 if sums_the_rest(a, ev) else 0), clause, ev)


#: an amount said as realized (实际到资, 实际使用外资, 实际完成): against a pledge or a plan beside it
_REALIZED = re.compile(r"实际")


def _weighed(t: Target, a: Finding, score: int, clause: str, ev: Evidence) -> int | None:
    """A figure's score weighed by how it is said: done, cumulative or a month's own, a breakdown, the level
    of government it counts, a sum of parts, no subject of its own; None for the whole city's figure
    against a target of the government's own level."""
    if DONE_MARK.search(a.label) or _REALIZED.search(clause):
        score += 1  # 已完成改造提升4个 (实际到资2960万美元) before a figure merely mentioned (合同外资1.2亿美元)
    if SINGLE_MONTH.search(clause):
        score -= 6  # 3月份发放2.1亿元 beside 一季度累计发放4.3亿元: the month is never the pace
    elif CUMULATIVE.search(clause):
        score += 1
    if BREAKDOWN.search(clause):  # 其中五一假期接待游客412万人次 is a part of the figure before it — unless the part's
        score += 3 if part_named(a, t.label or t.part, ev, clause) else -1  # (其中供水管网68公里)
    if finished_for_a_start(t, a):
        score -= 2  # 已开工32个，完工11个 for 新开工…: the finished are some of the started

    level = _LEVEL.search(t.part)
    if level:  # 市级财政投入…: 其中市级衔接资金1.9亿元 is the target's figure, 各级衔接资金12.8亿元 is not
        score += 3 if level.group() in a.label else 0
    inner = _INNER_AREA.search(t.part) and not _INNER_AREA.search(a.label) and not a.label.endswith(COUNTY_SUM)
    if (inner or _OWN_LEVEL.search(t.part) and not _OWN_LEVEL.search(a.label)) and WHOLE_LEVEL.search(a.label):
        # 市本级 target: 全市完成4900亩 (其中市本级800亩) is the whole city's, not its own; so is 全县新增泊位3100个
        # (其中县城1150个) for a 县城 target — though the districts' sum may make up a 中心城区
        return None
    if a.label.endswith("合计"):
        score += 2  # the city's figure as the sum of its counties
    if not subject_of(ev, a.start, clause_only=True) and DONE_MARK.search(clause):
        score += 1  # 截至9月底已完工23个: a done figure with no subject of its own is the task's
    return score


#: the noun a figure counts when it follows the unit (38个厢房, 3个项目已竣工): up to a verb or mark
_TAIL = re.compile(r"[\u4e00-\u9fffA-Za-z“”\"]{1,16}")
_TAIL_STOP = re.compile(r"已|均|全部|全面|正在|陆续|基本|顺利|完成|建成|开工|竣工|完工|实现|达到|通过|纳入|获|被|将|为|并|和|及|共|累计")
#: words of the action done to a thing, not the thing (幼儿园建设, 小区改造任务)
_ACTION_TAIL = re.compile(r"(?:建设|新建|改扩建|改造|提升|治理|整治|创建|任务|工作|工程|的|等)+$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
#: a step's noun: the figure counts a step towards the things, not the things (点位布局, 方案设计)
_STEP_HEAD = re.compile(r"布局|选址|设计|方案|规划|招标|可研|立项|摸排|签约")


def trailing_noun(a: Finding, text: str) -> str:
    """The noun after a figure's unit in its clause (建成38个厢房 → 厢房), without the action words."""
    approx = APPROX_AFTER.match(text, a.end)  # 260公里以上: the number's words, no noun
    m = _TAIL.match(text, approx.end() if approx else a.end)
    if not m:
        return ""
    return _ACTION_TAIL.sub("", _TAIL_STOP.split(m.group(), maxsplit=1)[0])  # 4条整治: no noun


def counts_another(t: Target, a: Finding, ev: Evidence) -> bool:
    """A figure whose noun after it is not the target's thing: a noun the target does not name at
    all (厢房 for 达标小区), or a step towards it (点位布局) the target does not name."""
    noun = trailing_noun(a, ev.layout.text)
    if len(noun) < 2 or noun[-2:] in t.part:
        return False
    # a thing named in other words shares a character at least (道路 for 主干道)
    return bool(_STEP_HEAD.search(noun[-2:])) or not set(noun) & set(_HAN.findall(t.label or t.part))


#: a grade that is part of a thing's name (5A级景区, 三甲医院, 五星级, 二级公路): another grade is
#: another thing, however many other words the names share
_GRADE = re.compile(r"[1-5]A|[一二三四五]星|[一二三]甲|(?<![进高低上下同超初中])(?:[一二三四五]|[1-5])级(?!以上|及以上)")


def _grades_differ(target: str, label: str) -> bool:
    """Whether the target and a figure each name a grade, and no grade is the same."""
    want, got = set(_GRADE.findall(target)), set(_GRADE.findall(label))
    return bool(want and got and not want & got)


#: a target whose works are only to begin or proceed (推进, 实施): a started figure may measure it
_PRELIMINARY_TARGET = re.compile(r"^(?:推进|实施|启动|谋划)")
_OBTAIN = re.compile(r"争取|获得|获批|申请|下达|落实")
#: a target that counts quotas themselves (新增耕地占补平衡指标2000亩): a figure of 指标 is its own thing
_QUOTA_NOUN = re.compile(r"(?:指标|额度)$")


def _restates(a: Finding, ev: Evidence) -> bool:
    """A figure equal to the target names the whole when its clause goes on about it (8条黑臭水体中…,
    20个示范村建设项目全面铺开, 50项民生实事的84项…); a figure that ends its clause after the verb
    (新增4A级景区3个。) reports a result."""
    text, lay = ev.layout.text, ev.layout
    a0, b0 = lay.around(a.start, a.end)
    if ACTUAL_MARK.search(text[a0:a.start]) or _done_after(a, ev) or enters_a_list(text, a.end, b0):
        return False
    return bool(text[a.end:b0].strip(" \t。，,;；、“”\"）)"))


def _restated(t: Target, same: list[Finding], ev: Evidence) -> dict[int, int]:
    """Clauses naming the target again (50项民生实事的84项细分任务…, 8条黑臭水体中…): clause start → the
    end of the restated figure."""
    lay = ev.layout
    return {lay.around(a.start, a.end)[0]: a.end for a in same if a.value == t.value and _restates(a, ev)}


def _in_restatement(a: Finding, named: dict[int, int], text: str, lay) -> bool:
    """A figure of a clause that restates the target breaks it down — unless it is what was done of
    that whole, right after it (8条黑臭水体中已完成治理5条: the 5 is the result; in 50项…的84项细分任务
    已完成12项 the 12 counts the 84)."""
    end = named.get(lay.around(a.start, a.end)[0])
    if end is None:
        return False
    if a.start < end:
        return True
    # what was done comes first after the whole (已开工40个、完成30个 are both results of it)
    between = text[end:a.start]
    first = next(iter(find_quantities(between)), None)
    if first is None and DONE_MARK.match(text, a.end):
        return False  # 改扩建中小学5所中4所已投入使用: the first figure after the whole, done
    return not ACTUAL_MARK.search(between, 0, first.start if first else len(between))


#: units a figure may leave off after 万 or 亿 (1.2万 people, 268亿 yuan, 5.2万 mu)
_ELIDABLE = frozenset({"人", "元", "亩", "吨", "户", "家", "个", "美元"})


def _work_fits(a: Finding, t: Target) -> bool:
    """A figure of supervision or preliminary work (督查, 排查, 核实: `figures.find_actuals`) measures only a
    target of that work — or one whose own act follows it (排查整治点位1146处 for 完成整治点位1000处)."""
    if not a.meaning or a.meaning in t.part:
        return True
    i = a.label.find(a.meaning) + len(a.meaning)
    act = ACT_VERB.match(a.label, i)
    return bool(act and act.group() in t.part and len(act.group()) >= 2)


#: words of a place's kind that any count there may share with a target (农村, 城市): no thing of its own
_PLACE_WORDS = frozenset({"农村", "城市", "城镇", "城区", "乡村", "全县", "全区"})


def _shares_only_a_place(tb: set[str], a: Finding) -> bool:
    """新增农村自来水入户349户 for 完成农村危房改造480户: a figure whose noun shares only a place's kind with the
    target counts another thing there — not even as the only figure of the unit."""
    shared = tb & bigrams(QUALIFIER.sub("", a.label))
    return bool(shared) and shared <= _PLACE_WORDS


def assign_actuals(targets: list[Target], ev: Evidence) -> dict[int, Finding]:
    """Pair count/amount targets with actuals in a comparable unit, best label overlap first.

    Pairing globally (not target by target) keeps 10亿元企业达25家 from taking the 142户 that
    belongs to 亿元企业达330家 only because it was read first.
    """
    text, lay = ev.layout.text, ev.layout
    scored, by_target, labels, runs = [], {}, {}, listed_runs(ev)
    for t in targets:
        if t.kind not in ("count", "amount") or t.value is None:
            continue
        listed = named_items_done(t.items, t.unit, t.label, ev) if t.items else None
        if listed is not None:  # the things named one by one, each said done or not: their count decides
            scored.append((99, -listed.start, id(t), listed))
            continue
        tb = bigrams(QUALIFIER.sub("", t.label or t.part))
        same = _candidates(t, ev, tb)
        named = _restated(t, same, ev)
        scores = [(None if _in_restatement(a, named, text, lay) else _actual_score(t, a, tb, ev), a) for a in same]
        scores += _kind_sums(t, scores, ev, tb, runs)
        by_target[id(t)], labels[id(t)] = scores, t.label or t.part
        # the only figure left in the unit (全市累计建成8600个 is a stock, 今年新建980个 what was done)
        alone = sum(1 for sc, _ in scores if sc is not None) == 1 and sum(1 for x in targets if x.unit == t.unit) == 1
        for score, a in scores:
            if score is None:
                continue
            if score >= threshold(tb):
                scored.append((score, -a.start, id(t), a))
            elif score >= 1 and alone and not _shares_only_a_place(tb, a):
                scored.append((0, -a.start, id(t), a))
        done = None if any(sc is not None for sc, _ in scores) else (_done_besides_the_rest(t, same, tb, ev)
                                                                    or rest_said_done(t, same, ev))
        if done is not None and sum(1 for x in targets if x.unit == t.unit) == 1:
            scored.append((0, -done.start, id(t), done))
    out: dict[int, Finding] = {}
    taken: set[int] = set()
    ranked = sorted(scored, key=lambda x: (x[0], x[1]), reverse=True)
    for score, _, tid, a in ranked:
        if tid in out or id(a) in taken:
            continue
        out[tid] = a
        taken.add(id(a))
    ev.rivals = _rivals(ranked, out, taken)
    ev.apart = other_readings(out, by_target, labels, ev)
    return out


def _candidates(t: Target, ev: Evidence, tb: set[str]) -> list[Finding]:
    """The figures that may measure a count or amount target: the text's own, and the sums of its parts
    (quarters, counties, an enumeration's items, a list less an item left out)."""
    # a target of one part (霍邱县…, 市本级…) is measured by that part's figure, never by a sum of parts
    own = COUNTY.match(t.part) or _OWN_LEVEL.search(t.part)
    actuals = ev.actuals + quarter_sums(ev) + counted_rest(ev, t.label or t.part, t.unit) \
        + ([] if own else county_sums(ev) + item_sums(ev, t.label or t.part) + each_sums(ev, t.label or t.part))
    if t.unit in PLACES | CLASSIFIERS:  # A、B已于9月投用: the things named, counted
        actuals = actuals + [a for a in named_list_counts(ev, t.unit) if overlap(tb, a.text[:a.label.find("已")]) >= 1]
    if t.unit in _ELIDABLE:  # 城镇新增就业1.2万。: the unit word left off is the target's
        actuals = [replace(a, unit=t.unit) if a.unit == ELIDED else a for a in actuals]
    # 新谋划储备重大项目84个: candidates, the result of a target that is that very act (谋划储备重大项目120个)
    actuals = actuals + [p for p in ev.plans if p.kind == "candidates" and p.meaning in t.part and is_result(p.modality)]
    if _OBTAIN.search(t.part) or _QUOTA_NOUN.search(t.label or t.part):
        # 争取专项债券额度…: the quota granted is the result; so is a quota the task counts (新增…占补平衡指标)
        actuals = actuals + [p for p in ev.plans if p.kind == "quota" and is_result(p.modality)]
    # counts of supervision work (督查农贸市场25个) measure only a target that counts that work;
    # another year's batch or a part's completion (scope.mark_scope) is no result of this task
    same = [a for a in actuals if comparable(a.unit, t.unit) and _work_fits(a, t) and is_result(a.modality)]
    if any(a.unit == t.unit for a in same):
        # 学校厕所136座，涉及学校58所 for …改造120所: the target's own classifier says what it counts
        same = [a for a in same if a.unit == t.unit or a.unit not in PLACES]
    return same


def _kind_sums(t: Target, scores: list[tuple[int | None, Finding]], ev: Evidence, tb: set[str],
               runs: list[list[Finding]]) -> list[tuple[int | None, Finding]]:
    """建成淠河绿道8公里、东湖绿道10公里 for 新增城市绿道30公里: things listed under one verb (`runs`, the cell's
    listed_runs), each a kind of the target's thing and each able to measure it, add up (18公里), scored like any
    figure."""
    able = {id(a) for sc, a in scores if sc is not None}
    out = []
    for run in runs:
        total = longest_kind_sum(run, able, t.label or t.part, ev)
        if total is not None:
            out.append((_actual_score(t, total, tb, ev), total))
    return out


def rival_review(t: Target, act: Finding, ev: Evidence) -> list[str]:
    """The review reason when another figure measures the target as likely as the one taken (上半年
    新建1400个 … 截至6月底新建2100个): which one does is the researcher's call."""
    rival = ev.rivals.get(id(t))
    return [review_reason("figures_compete", f"{act.text}；{rival.text}")] if rival is not None else []


#: a figure whose own words just before it name it an aim (…(年度目标142公里), 全年任务30个): the target said again
_SAID_AS_AIM = re.compile(r"(?:目标|任务|计划)[)）]?$")
#: how far apart two figures must be to be read as different measures (not one figure said twice)
_APART = Decimal("0.05")


def _rivals(ranked: list[tuple], out: dict[int, Finding], taken: set[int]) -> dict[int, Finding]:
    """For each target, a figure scored as high as the one it took, of a clearly different value,
    that no other target took and that neither contains nor is contained in it (a sum of parts beside
    one part): two readings of the target no rule tells apart, for review."""
    best = {tid: sc for sc, _, tid, a in ranked if out.get(tid) is a}
    rivals: dict[int, Finding] = {}
    for sc, _, tid, a in ranked:
        won = out.get(tid)
        if won is None or a is won or id(a) in taken or sc < best[tid] or tid in rivals:
            continue
        if a.start <= won.start and won.end <= a.end or won.start <= a.start and a.end <= won.end \
                or _SAID_AS_AIM.search(a.label):
            continue  # (…37.9公里(年度目标142公里): the target restated beside the figure, no second reading)
        if abs(a.value - won.value) > _APART * max(abs(won.value), abs(a.value)):
            rivals[tid] = a
    return rivals
