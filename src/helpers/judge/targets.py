"""The task text cut into measurable parts: counts, amounts, rates, levels, comparisons, ranks,
one-off deliverables (step 1 of helpers.judge.parts)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from helpers.judge.findings import USE_EVENTS, ordinal
from helpers.judge.halts_and_waits import HALT_WORDS
from helpers.judge.lexicon import Lexicon, load_lexicon
from helpers.judge.quantities import comparable, convert, find_quantities, parse_number

#: (以下, 以内 bound the target only at its end: 3岁以下婴幼儿, 5万元以下贷款 name a class of thing)
LOWER_BETTER = re.compile(r"浓度|能耗|下降|降低|减少|控制在|(?:以内|以下)(?![\u4e00-\u9fff])|不超过|不高于|不多于|发生率|死亡|失业率"
                          # a time limit, whatever follows it (1个工作日内办结, 2小时以内到达): the less the better
                          r"|\d\s*(?:个)?(?:工作日|小时|分钟|天|日|周|个月)(?:以)?内"
                          r"|(?<!不)低于"
                          # a thing reduced to a figure (压缩至3个工作日, 缩短至12分钟, 降至5天): the figure is a ceiling
                          r"|(?:压缩|压减|缩短|缩减|压降|(?<![下])降)(?:至|到)\s*\d")
#: a floor said at the figure (不低于, 不少于, 至少): higher is better whatever the noun (森林覆盖率不低于45%,
#: 完成投资总额不低于800亿元); a ceiling word there (不超过, 以内, 控制在) keeps it lower
FLOOR = re.compile(r"不低于|不少于|不小于|至少")


def direction(c: str) -> str:
    """Which way a target clause is met: `lower` (a ceiling, a lower-is-better noun) or `higher`."""
    return "lower" if LOWER_BETTER.search(c) and not FLOOR.search(c) else "higher"
QUALIFIER = re.compile(r"以上|左右|力争|突破|不低于|不少于|以内|确保|超过")
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
    ceiling: bool = False  # a rate to stay under (涨幅控制在3%左右): met at or below `high`
    held: bool = False  # a stock to hold at or above the figure (耕地保有量不低于…): met or missed, no pace
    items: tuple[str, ...] = ()  # the things a count names one by one (3条主干道:梅山路、佛子岭路、解放路)



# step 1: the target text
_COMPARISON_TARGET = re.compile(r"(?:高于|超过?|优于|快于|高出)(?P<base>全省|全国|全市)")
_RATE_TARGET = re.compile(r"(?P<word>增长|增幅|增速|下降|降低|提高)(?:达到?|为|不低于|不少于|保持在|高于)?\s*(?P<val>\d+(?:\.\d+)?)\s*%"
                          r"|(?P<val2>\d+(?:\.\d+)?)\s*%(?:以上|左右)?(?:的)?(?P<word2>增长|增幅|增速|下降|降幅)")
_LEVEL_TARGET = re.compile(r"(?P<val>\d+(?:\.\d+)?)\s*%")
#: a numeric table's target: 城镇新增就业(人) 26000, 城镇登记失业率低于(%) 4.3
_COLUMN_TARGET = re.compile(r"(?P<label>[^()()]*)[((](?P<unit>[^()()]{1,8})[))]\s*(?P<val>\d+(?:\.\d+)?)\s*$")
#: a rate compared with the economy's growth (快于经济增长, 与经济增长同步, 不低于GDP增速)
ECONOMY = r"经济增长|经济增速|GDP增速|GDP增长|地区生产总值增速|地区生产总值增长|生产总值增速"
_ECONOMY_TARGET = re.compile(rf"(?P<word>快于|高于|超过|跑赢|不低于|同步于|与)(?:{ECONOMY})(?:同步)?")
_BASES = {"全省": "province", "全国": "nation", "全市": "city"}
#: (全市第五次经济普查 is an ordinal of the census, no place to reach)
_RANK_TARGET = re.compile(r"(?:全省|全国|全市)(?:排名)?(?:前|第)(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})(?:位|名)?"
                          r"(?!次|批|届|轮|期|代|个|项|号|类|级)")


#: a due date this year (年底前, 年内, 6月底前, 上半年): when a deliverable is due, not part of it
_DUE = r"(?:今年|本年度|\d{4}年)?(?:年底前|年内|年前|年末前|\d{1,2}月(?:底|末)?前|[上下]半年|[一二三四]季度|全年)"


@lru_cache(maxsize=4)
def _deliverable_rx(lex: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    verbs = lex.alternation("deliverable")
    # a due date before the verb (年底前建成…, 9月底前完成…) says when, not what; a drafting verb
    # before an issuing one (制定出台…, 研究制定并印发…) is the same act's first step
    return (re.compile(rf"^(?:{_DUE})?(?:加快|力争|确保|年内|全面|推动|争取|正式|如期)?(?:{_DUE})?(?:(?:研究)?(?:制定|修订|起草)并?)?(?P<verb>{verbs})(?P<obj>.{{2,}})$"),
            re.compile(rf"^(?P<obj>.{{2,}}?)(?:年内|年底前|全面)?(?P<verb>{verbs})$"))


_EVENT_LEAD = re.compile(r"^(?:推动|推进|加快|力争|确保|实现|完成|年内|全面|正式)+")


def _event_anywhere(c: str, lex: Lexicon) -> tuple[str, str] | None:
    """推动六安综合保税区通过验收并封关运作: the event word that ends the clause, and what it is said of
    (the words before its first event word); an event word inside a noun (竣工财务决算) is none."""
    hits = list(re.finditer(lex.alternation("deliverable"), c))
    # the last event word ends the clause, or a use verb chained to it does (城东商业综合体开业运营)
    if not hits or (hits[-1].end() != len(c) and not (len(hits) == 1 and USE_EVENTS.fullmatch(c, hits[-1].end())
                                                    and lex.meaning_of("deliverable")[hits[-1].group()] == "finish")):
        return None
    obj = _EVENT_LEAD.sub("", c[:hits[0].start()])
    return (hits[-1].group(), obj) if len(obj) >= 2 else None


def _deliverable_target(c: str, lex: Lexicon) -> Target | None:
    """建成X / 开工建设X / X建成投用 / 印发X: a one-off deliverable and its event word."""
    before, after = _deliverable_rx(lex)
    m = before.match(c) or after.match(c)
    # the lead words are no part of the object (实现乡镇污水处理设施全覆盖: 乡镇污水处理设施)
    verb, obj = (m["verb"], _EVENT_LEAD.sub("", m["obj"])) if m else _event_anywhere(c, lex) or (None, "")
    works, opening = _WORKS_DONE.match(c), _OPENING_END.match(c)
    if not verb and works:  # 全面完成农村饮水安全巩固提升工程: the works done is the deliverable
        verb, obj = "完工", works["obj"]
    drafted = _DRAFTED.match(c)
    if not verb and drafted:  # 制定《公共数据管理办法》: a titled document to draft is one to issue
        verb, obj = "印发", drafted["obj"]
    covers = _COVERS_ALL.match(c)
    if not verb and covers:
        # 村庄清洁行动覆盖所有行政村: a coverage to reach, as 实现…全覆盖 is — the units are its end, so a
        # campaign (行动) brought to all of them is no standing work
        return Target(c, "deliverable", None, label=_EVENT_LEAD.sub("", covers["obj"]) + covers["units"],
                      verb="全覆盖", meaning=lex.meaning_of("deliverable")["全覆盖"])
    if not verb and opening:  # 市档案馆新馆开馆; 完成总体规划编制报批 (its event is the approval)
        verb, obj = ("获批" if opening["verb"] == "报批" else "建成"), _EVENT_LEAD.sub("", opening["obj"])
    # 建立…机制 is standing work; a document's title (《…三年行动方案》) is one thing issued
    # an unbounded batch (一批事项) has no end to reach: standing work too
    if not verb or re.search(r"体系|机制|制度|行动|一批", re.sub(_DOCUMENT, "", obj)):
        return None
    if HALT_WORDS.fullmatch(verb) and _OPEN_CLASS.search(obj):
        return None  # 取消涉企不合理收费项目: a class to find and act on, no end to reach
    # 三个子系统上线: a deliverable of several things is done when all of them are
    n = _SEVERAL.search(obj)
    count = Decimal(ordinal(n["n"]) if not n["n"].isdigit() else int(n["n"])) if n else None
    listed = len(_AND.split(obj)) if all(_FACILITY.search(x) for x in _AND.split(obj)) else 1
    if count is None and listed >= 2:
        count = Decimal(listed)  # 建成市图书馆新馆和市文化馆新馆: two things, done when both are
    return Target(c, "deliverable", count, label=obj, verb=verb, meaning=lex.meaning_of("deliverable")[verb])


#: an object that is a class of things still to be found (不合理收费, 违规事项, 各类站点): cancelling
#: some of them is standing work, not a deliverable done
_OPEN_CLASS = re.compile(r"不合理|违规|违法|不必要|各类|多余|过时|低效|无效|不规范")
#: things listed in one deliverable's object (X和Y, X、Y及Z)
_AND = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:和|及|与|、)(?=[\u4e00-\u9fff]{2})")
#: …each a thing of its own: a facility or a project (续建配套与现代化改造工程 is one project)
_FACILITY = re.compile(r"(?:馆|院|中心|厂|站|场|园|楼|校|路|桥|港|项目|工程|平台|系统|基地)$")
_WORKS_DONE = re.compile(r"^(?:全面|如期|年内|按期)?完成(?P<obj>[^\d]{2,}?(?:工程|项目|建设|改造|整治|搬迁))$")
#: a task clause ending in the opening of a thing (新馆开馆, 航线首航) or in its approval (编制报批):
#: a one-off deliverable though its verb is no event word of the lexicon
_OPENING_END = re.compile(r"^(?P<obj>.{2,}?)(?P<verb>开馆|开园|对外开放|首航|通航|开行|正式运行|投入运行|报批)$")
#: a task clause ending in a thing brought to every unit (村庄清洁行动覆盖所有行政村, 覆盖全部乡镇)
_COVERS_ALL = re.compile(r"^(?P<obj>.{2,}?)(?:实现)?覆盖(?:到)?(?:所有|全部|每个|每一个)(?P<units>[^\d]{1,12})$")
#: a document's name, in 《》 or by its kind (综合交通运输体系规划): its words are a title, no standing work
_DOCUMENT = re.compile(r"《[^》]*》|^.*(?:规划|方案|办法|条例|纲要)(?=(?:编制)?(?:报批)?$)")
#: a titled document to draft or revise (制定《…办法》, 修订《…条例》): done when it is issued
_DRAFTED = re.compile(r"^(?:研究|加快|年内|年底前|完成)?(?:制定|修订|制订|编制)(?P<obj>《[^》]{2,60}》.*)$")
_SEVERAL = re.compile(r"(?P<n>\d+|[两三四五六七八九十])(?:个|座|条|所|家|项|处)")


def _column_target(c: str) -> Target | None:
    m = _COLUMN_TARGET.search(c)
    if not m:
        return None
    value, unit, label = parse_number(m["val"]), m["unit"].strip(), m["label"].strip()
    return Target(c, "level" if unit == "%" else "count", value, unit, direction=direction(label), label=label)


#: a stock to hold, not an amount to add up over the year (耕地保有量不低于890万亩, 生猪存栏稳定在120万头,
#: 森林蓄积量, 湿地保护面积): at or above the figure it is met (on pace; completed at the year's end),
#: below it missed, whatever share of the figure that is
HELD_STOCK = re.compile(r"保有量|存栏(?!量?增)|蓄积量|保护面积|(?:耕地|林地|森林|湿地|草地)面积|保护(?:任务|目标)")
#: a figure per head or per area (每千人口, 每万人, 每平方公里): a level, whatever its unit
PER_HEAD = re.compile(r"每(?:十万|万|千|百)?(?:常住)?(?:人口|人|户|平方公里|名)")
_REDUCE_BY = re.compile(r"(?:减少|削减|压减|下降|降低|减排|淘汰|化解|压降)(?!至|到)[^\d,;。]{0,8}$")  # 压减至60个工作日: a level to reach
_SHARE_TARGET = re.compile(r"(?:占比|比例|比重|率)[^\d,;。]{0,6}\d+(?:\.\d+)?\s*%")


def _quantity_target(c: str) -> Target | None:
    qs = [q for q in find_quantities(c) if q.unit not in ("个百分点",)]
    # the last quantity is the target: in 10亿元以上项目50个 the 10亿元 only describes the projects
    counted = [q for q in qs if q.unit != "%"]
    share = _SHARE_TARGET.search(c)
    if counted and share and share.start() > counted[-1].end:
        counted = []  # 收入50万元以上的村占比达到30%: the share is the target, 50万元 describes the villages
    if counted:
        q = counted[-1]
        if q.start > 0 and re.search(r"(?:首批|前|第)$", c[:q.start]):
            return None  # 首批21个 names which villages, it is not a count to reach
        kind = "amount" if q.unit in ("元", "美元") else "count"
        if PER_HEAD.search(c[:q.start]):
            kind = "level"  # 每千人口拥有…托位数达到4.5个: a level to reach, not a count to add up
        # 减少化学需氧量排放3000吨: the amount to reduce by is reached from below (higher is better)
        way = "higher" if _REDUCE_BY.search(c[:q.start]) else direction(c)
        return Target(c, kind, q.value, q.unit, q.high, way, (c[:q.start] + c[q.end:]).strip(),
                      held=way == "higher" and bool(HELD_STOCK.search(c[:q.start])))
    m = _LEVEL_TARGET.search(c)
    if m:
        return Target(c, "level", parse_number(m["val"]), "%", direction=direction(c), label=c[:m.start()])
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


#: two counts that must both fall (生产安全事故起数和死亡人数实现“双下降”, 火灾起数和亡人数“双下降”)
_BOTH_DOWN = re.compile(r"(?P<a>[^,;。，；、和及与]+?)(?:和|、|及|与)(?P<b>[^,;。，；]+?)(?:同比)?(?:实现|保持)?(?:同比)?"
                        r"[“\"]?双(?:下降|降)[”\"]?")


def _both_down(task: str) -> str:
    """生产安全事故起数和死亡人数实现“双下降” → 生产安全事故起数下降0%;死亡人数下降0%: a fall of each, any fall meets it."""
    return _BOTH_DOWN.sub(lambda m: f"{m['a']}下降0%;{m['b']}下降0%", task)


def _pieces(task: str) -> list[str]:
    """The task's clauses; a short verb listed before the next (撤销、下放行政许可事项30项) joins it."""
    out: list[str] = []
    carry = ""
    text = _each_respectively(_both_down(task))
    for c, sep in zip(_TASK_SPLIT.split(text), _TASK_SPLIT.findall(text) + [""]):
        c = c.strip()
        if not c:
            continue
        if len(c) <= 4 and sep == "、" and not re.search(r"\d", c):
            carry += c + "、"
            continue
        out.append(carry + c if carry else c)
        carry = ""
    return out + ([carry.rstrip("、")] if carry else [])


#: a rate to stay under: 居民消费价格涨幅控制在3%左右, 增幅不超过5%
_RATE_CEILING = re.compile(r"(?P<word>涨幅|增幅|增速|上涨|增长)(?:控制在|不超过|不高于|低于|保持在)\s*(?P<val>\d+(?:\.\d+)?)\s*%"
                           r"\s*(?P<bound>左右|以内|以下)?")
#: 左右 allows this share of the value above it (3%左右 is met by 3.2%)
ABOUT_TOLERANCE = Decimal("0.1")


def _rate_ceiling(c: str) -> Target | None:
    """A growth rate to keep under a ceiling (lower is better; 左右 allows a tenth above it)."""
    m = _RATE_CEILING.search(c)
    if not m:
        return None
    value = parse_number(m["val"])
    high = value * (1 + ABOUT_TOLERANCE) if m["bound"] == "左右" else value
    return Target(c, "rate", value, "%", high=high, direction="lower", label=c[:m.start()] or c, ceiling=True)


#: a rate to raise or lower by points (较上年提高2个百分点, 下降0.5个百分点以上); 高于全省…个百分点 is a comparison
POINTS_UNIT = "个百分点"
#: the verbs that say a change in points is a fall (of the target here, of the text's rate in helpers.judge.points)
POINTS_FALL = frozenset({"下降", "降低", "减少", "回落", "下滑"})
_POINTS_TARGET = re.compile(r"(?P<word>提高|提升|增加|上升|增长|下降|降低|减少)\s*(?P<val>\d+(?:\.\d+)?)\s*个?百分点")
#: the base of the change, said before it: not the rate's name
_CHANGE_BASE = re.compile(r"(?:较|比)(?:上年|去年|上一年|上年度|2\d{3}年)(?:同期|底|末)?$|同比$")


def points_target(c: str, before: str) -> Target | None:
    """A change in points of a rate (本科达线率较上年提高2个百分点), lower is better for a fall; a clause with no
    name of its own (，提高0.5个百分点) is about the part before it."""
    m = _POINTS_TARGET.search(c)
    if not m:
        return None
    label = _CHANGE_BASE.sub("", c[:m.start()].strip()) or before
    lower = m["word"] in POINTS_FALL
    return Target(c, "rate", parse_number(m["val"]), POINTS_UNIT, direction="lower" if lower else "higher",
                  label=label)


def target_parts(task: str, lex: Lexicon | None = None) -> list[Target]:
    """Cut the task text into measurable parts (clauses with a number, a comparison or a deliverable)."""
    lex = lex or load_lexicon()
    parts: list[Target] = []
    for c in _pieces(task):
        rank = _RANK_TARGET.search(c)
        if rank:  # 争创全省前三, 保持全省前五位: a place to reach, lower is better
            parts.append(Target(c, "rank", Decimal(ordinal(rank["n"])), "位", direction="lower",
                                label=c[:rank.start()] or c))
            continue
        econ = _ECONOMY_TARGET.search(c)
        if econ:  # 城镇居民人均可支配收入增长快于经济增长: the own rate against the GDP's
            parts.append(Target(c, "comparison", label=c[:econ.start()] or c, meaning="economy",
                                verb=econ["word"]))
            continue
        cmp_ = _COMPARISON_TARGET.search(c)
        if cmp_:
            parts.append(Target(c, "comparison", label=c, meaning=_BASES[cmp_["base"]]))
            continue
        ceiling = _rate_ceiling(c)
        if ceiling is not None:
            parts.append(ceiling)
            continue
        points = points_target(c, parts[-1].label if parts else c)
        if points is not None:  # 达线率较上年提高2个百分点: a change of a rate, in points
            parts.append(points)
            continue
        m = _RATE_TARGET.search(c)
        if m:
            lower = (m["word"] or m["word2"]) in ("下降", "降低", "降幅")
            # 实现旅游总收入500亿元,增长10%: a rate with no subject of its own is about the part before
            label = c[:m.start()] or (parts[-1].label if parts else c)
            parts.append(Target(c, "rate", parse_number(m["val"] or m["val2"]), "%",
                                direction="lower" if lower else "higher", label=label))
            continue
        names = _NAMES.fullmatch(c)
        if names and not find_quantities(c) and parts and parts[-1].kind == "count" \
                and parts[-1].value == len(c.split("、")) and not parts[-1].items:
            parts[-1].items = tuple(c.split("、"))  # 完成3条主干道大修:梅山路、佛子岭路、解放路
            continue
        t = _column_target(c) or _quantity_target(c) or _deliverable_target(c, lex)
        if t is not None:
            parts.append(t)
    return parts


#: a list of names, one thing each (梅山路、佛子岭路、解放路): no figure, no verb between
_NAMES = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,12}(?:、[\u4e00-\u9fffA-Za-z0-9]{2,12})+")



_ADJUST_TO = re.compile(r"(?:调减|调增|调整|下调|上调|核减|核增|压减|(?<![协强空基])调)(?:后的?)?(?:年度|全年)?(?:建设)?"
                        r"(?:目标|任务|计划)?(?:数)?(?:为|至|到)")
#: a rate target's new figure after the adjusting words (将目标调整为增长7%左右)
_NEW_RATE = re.compile(r"(?:增长|增速|增幅|提高)?\s*(?P<val>\d+(?:\.\d+)?)\s*%")


@dataclass
class Adjustment:
    """A target changed during the year: where the text says so, the clause, the target given the new
    figure, and whether another target of the task could as well have been the one meant."""

    pos: int
    clause: str
    target: Target
    rivals: bool = False


def adjust_targets(targets: list[Target], progress: str) -> list[Adjustment]:
    """A target cut or raised during the year (年度任务调减为29个): the part is measured against the new
    figure; returns each adjustment (for the review flag and the gate's check that it was compared
    cleanly, helpers.judge.confidence)."""
    said = []
    for m in _ADJUST_TO.finditer(progress):
        rate = _NEW_RATE.match(progress, m.end())
        rates = [t for t in targets if t.kind == "rate" and not t.ceiling and t.direction == "higher"]
        if rate and len(rates) == 1 and re.search(r"目标|任务|增长|增速", progress[max(0, m.start() - 12):rate.end()]):
            rates[0].value = parse_number(rate["val"])  # 年中将目标调整为增长7%左右: the new rate to reach
            start = max(progress.rfind(ch, 0, m.start()) for ch in ",;。") + 1
            said.append(Adjustment(m.start(), progress[start:rate.end()], rates[0]))
            continue
        q = next(iter(find_quantities(progress[m.end():m.end() + 20])), None)
        if q is None or q.start != 0:
            continue
        cands = [t for t in targets if t.kind in ("count", "amount") and t.value and comparable(q.unit, t.unit)]
        if not cands:
            continue
        before = progress[max(0, m.start() - 30):m.start()]
        t = max(cands, key=lambda x: overlap(bigrams(x.label or x.part), before))
        t.value = convert(q.value, q.unit, t.unit)
        start = max(progress.rfind(ch, 0, m.start()) for ch in ",;。") + 1
        said.append(Adjustment(m.start(), progress[start:m.end() + q.end], t, len(cands) > 1))
    return said


def counts_for(t: Target, a) -> bool:
    """Whether a figure could count what a count or amount target counts: a comparable unit, and its
    noun (where it names one) sharing the target's words."""
    return comparable(a.unit, t.unit) and (not a.label or overlap(bigrams(t.label or t.part), a.label) >= 1)
