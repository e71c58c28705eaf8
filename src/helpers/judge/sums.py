"""The parts' figures that add up to the whole's: places (counties, towns, 市本级 beside 各县区,
zones), quarters from the first on, the items of an enumeration, kinds of the target's thing
listed under one verb (step 3 of helpers.judge.parts; helpers.judge.actuals scores the sums like
any figure)."""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal
from itertools import groupby

from helpers.judge.clauses import is_result
from helpers.judge.evidence import PRELIMINARY_RX, Evidence
from helpers.judge.findings import Finding
from helpers.judge.quantities import SHARE_IN_CLAUSE, comparable, convert
from helpers.judge.places import ALL_TOGETHER, PLACE_OPENER, named_under_a_heading
from helpers.judge.subjects import PART_PLACE
from helpers.judge.targets import QUALIFIER, bigrams, overlap

#: the whole area's figure (全市, 各县区, 各级) against a part's or the government's own level's
WHOLE_LEVEL = re.compile(r"全市|全县|全区|各县|县区|各级|全省")
#: a stage of the works, not the works done (主体, 基础, 招标)
STAGE = re.compile(r"主体|基础|土建|封顶|设计|招标|选址|征迁|前期")
#: works started, not built (开工, 进场施工)
STARTED = re.compile(r"开工|动工|开建|启动建设|启动实施|开始建设|进场施工")
#: a figure's clause opened by a part's place (霍邱县…, 城关镇…; a time word may come first: helpers.judge.places)
COUNTY = re.compile(rf"^\s*{PLACE_OPENER}{PART_PLACE}")


#: the frame and verb of a figure's clause: what is left is the noun it names (今年新认定85家: none)
FRAME_VERB = re.compile(r"今年|本年|年内|上半年|前三季度|[一二三四]季度|\d{1,2}\s*[-—~至]?\s*\d*月(?:份|底|末)?|以来|截至|截止"
                        r"|累计|全市|我市|共|已|新|认定|增|建成|建|签约|引进|培育|完成|开工|竣工|完工|改造|整治|治理|提升|投用"
                        r"|投入使用|通车|办结|实施|发放|实现|达到?|其中|全部|均|约|入库|入统|[\s,、()（）]")
#: a measure of the thing named before (建成绿道4条，总长18公里; 改造管网32处，长度合计56公里): a noun of
#: its own that names no thing, so the figure takes the noun of the clause before it
#: (the figure before said again in another unit — 35.8亿元人民币，按年均汇率折合约5.0亿美元 — is one too)
ATTRIBUTE = re.compile(r"(?:总|全)?(?:长度?|里程|面积|规模)(?:合计|共计|总计|为)?"
                       r"|(?:按[^,，;；。\d]{0,8}?)?(?:折合|折算|约合|换算)(?:成|为)?(?:人民币|美元)?")

#: the label's end of a sum of the counties a sentence names: maybe not all of them
COUNTY_SUM = "县区合计"
#: a part of the whole a figure's clause opens with: a place (霍邱县, 金安区, 城关镇), the city's own
#: level or its urban area (市本级, 市直, 市区), the counties together beside them (各县, 各县区合计), a
#: zone (东片区, 经开区, 高新区: beside the districts, a part of the city's sum); 其中 may come first
#: the city or town proper (中心城区, 主城区, 市区, 各县城): a part of the whole area, as a county is
INNER = r"(?:中心|主)?城区|市区|各?县城"
_INNER_OPENING = re.compile(rf"^\s*{PLACE_OPENER}(?:{INNER})")
_PART = re.compile(rf"^\s*(?:其中\s*,?\s*)?{PLACE_OPENER}(?P<part>{PART_PLACE}|市本级|市直|{INNER}|各县区?|[东南西北中]片区"
                   rf"|[A-Z甲乙丙丁]项目区|经开区|高新区|开发区)")
#: the whole said at a clause's opening (全市完工28万亩): the parts beside it are its breakdown
_WHOLE_OPENING = re.compile(r"全市|全县|全区|各级|全省|我市|我县")
#: works still going on, after a figure in its clause (另2处正在施工, 其余6个村正在按标准提升)
ONGOING = re.compile(r"正在|在建|尚未|未完成|推进中|(?<![接期款优招看亟留对])待(?!遇|办|业|岗)")


def part_opening(a: Finding, ev: Evidence, clause: str, target: str) -> bool:
    """A figure's clause opens with a part of the area the target does not name: a county (霍邱县新增…), or the city
    proper beside the other parts of its sentence (中心城区新增泊位2100个，各县城新增1700个: the city proper alone —
    中心城区新增城市绿地112.6公顷 — is where an urban target's things are, the whole)."""
    if COUNTY.match(target):
        return False
    if ALL_TOGETHER.match(clause):  # 各县区已发放…7650户, 市县两级…47家: the whole area, unless a part is beside it
        return any(b is not a and comparable(b.unit, a.unit) and _part_word(b, ev) and not ALL_TOGETHER.match(
            ev.layout.clause_before(b.start, b.end)) for b in ev.actuals_in(a.sentence))
    if COUNTY.match(clause):
        return True
    return bool(_INNER_OPENING.match(clause)) and not re.search(INNER, target) and any(
        b is not a and comparable(b.unit, a.unit) and _part_word(b, ev) for b in ev.actuals_in(a.sentence))


def _part_word(a: Finding, ev: Evidence) -> str | None:
    """The part a figure's clause opens with (金安区3个、裕安区2个 → 金安区, 裕安区), or under a heading that names
    the places' kind, the name alone (据县区统计汇总：金寨2.6万亩 → 金寨), or None."""
    m = _PART.match(ev.layout.clause_before(a.start, a.end, fine=True)) \
        or _PART.match(ev.layout.clause_before(a.start, a.end))
    return m["part"] if m else named_under_a_heading(a, ev.layout, ACT_VERB)



#: the rest of the places opening a clause (其余9个乡镇合计, 其他县区共, 剩余4个县(市、区)累计): with the places named
#: before it, the whole
_REST_PLACES = re.compile(r"^\s*(?:其余|其他|剩余)\s*(?:各|\d+\s*个|[一二三四五六七八九十]+个)?\s*"
                          r"(?:乡镇|县区|县市区|县（市、区）|县\(市、区\)|街道|园区|镇|乡|县|区)")


def _rest_of_places(a: Finding, ev: Evidence) -> bool:
    """金寨县建成22个，霍山县建成18个，其余5个县区累计建成41个: the rest of the places, a part of the whole."""
    return bool(_REST_PLACES.match(ev.layout.clause_before(a.start, a.end, fine=True)))


def _counts_the_rest(a: Finding, ev: Evidence) -> bool:
    """其余5个县区累计建成41个: the 5 counts the places of the rest, nothing done."""
    text = ev.layout.text
    return bool(re.search(r"(?:其余|其他|剩余)\s*$", text[max(0, a.start - 3):a.start])
                and _REST_PLACES.match("其余" + text[a.end:a.end + 8]))


def _done_part(a: Finding, ev: Evidence) -> bool:
    """A part's figure of works done: a result, not works only started, a stage or works still going on
    (舒城县2个完成主体工程 beside 霍山县1个已完工)."""
    _, b0 = ev.layout.around(a.start, a.end)
    after = ev.layout.text[a.end:b0]
    return is_result(a.modality) and not STARTED.search(a.label) and not STAGE.search(after) \
        and not ONGOING.search(after) and not SHARE_IN_CLAUSE.search(after)


def county_sums(ev: Evidence) -> list[Finding]:
    """金寨县完成人工造林2100亩，霍山县1800亩，舒城县1700亩; 市本级举办18场,各县区合计举办34场;
    金安区3个、裕安区2个、霍山县1个已完工,舒城县2个完成主体工程: the parts' figures of one sentence in
    one unit add up to the whole's (those of works done), when the text gives no total of its own."""
    groups: dict[tuple[int, str], list[Finding]] = {}
    for a in ev.actuals:
        if not _counts_the_rest(a, ev):
            groups.setdefault((a.sentence, a.unit), []).append(a)  # (其余5个县区: the 5 counts the places)
    lay = ev.layout
    whole = {a.unit for a in ev.actuals if _WHOLE_OPENING.match(lay.text, lay.around(a.start, a.end)[0])}
    out = []
    for (_, unit), acts in groups.items():
        parts = [a for a in acts if _part_word(a, ev) or _rest_of_places(a, ev)]
        if unit in whole or len(parts) < 2 or len(parts) != len(acts) or all(_rest_of_places(a, ev) for a in parts):
            continue  # 全市完工28万亩 is the city's figure: the counties' are its parts
        done = [a for a in parts if _done_part(a, ev)]
        if done:
            out.append(_sum_of(done, unit, lay))
    return out or _text_wide_county_sums(ev, whole | {a.unit for a in ev.actuals if WHOLE_LEVEL.match(
        lay.text, lay.around(a.start, a.end)[0])})


def _sum_of(county: list[Finding], unit: str, lay) -> Finding:
    first, last = county[0], county[-1]
    total = sum((a.value for a in county), Decimal(0))
    return Finding("actual", first.start, last.end, first.sentence, lay.text[first.start:last.end],
                   value=total, unit=unit, label=first.label + COUNTY_SUM)


def _text_wide_county_sums(ev: Evidence, whole: set[str]) -> list[Finding]:
    """裕安区新建5G基站420个;金安区、叶集区合计新建310个: when every figure of a unit in the whole text is a
    county's (works only started left aside: 金寨县开工建设5处), their sum is what the text says of the
    city — a lower bound, flagged when it falls short (helpers.judge.confidence)."""
    lay, by_unit = ev.layout, {}
    for a in ev.actuals:
        # (县自然资源局完成补充耕地项目立项14个、规模2600亩: the size of a step towards the works, none of them done)
        if a.unit not in whole and is_result(a.modality) and not STARTED.search(a.label) \
                and not PRELIMINARY_RX.search(lay.text, lay.around(a.start, a.end)[0], a.start):
            by_unit.setdefault(a.unit, []).append(a)
    return [_sum_of(acts, unit, lay) for unit, acts in by_unit.items() if all(_a_places(a, lay) for a in acts)]


#: a place heading its sentence before a colon (金安区:完成治理9条)
_PLACE_HEADING = re.compile(rf"\s*{PART_PLACE}\s*[:：]")


def _a_places(a: Finding, lay) -> bool:
    """A figure said of one county: its clause opens with the place, or its sentence with the place and a
    colon (金安区:完成治理9条;裕安区:完成治理7条)."""
    s0 = lay.sentence_start(a.sentence)
    return bool(COUNTY.match(lay.clause_before(a.start, a.end)) or _PLACE_HEADING.match(lay.text, s0))


#: a quarter named as a figure's span (一季度, 第二季度, 三季度): its own three months
_QUARTER = re.compile(r"(?<!前)(?:第)?(?P<q>[一二三四])季度(?!末|以来|累计)")


def quarter_sums(ev: Evidence) -> list[Finding]:
    """二季度新增城镇就业6200人，一季度新增5100人: figures of the quarters from the first on, one each
    in one unit, add up to the period's cumulative figure (a quarter alone is no pace of the year)."""
    lay, by_unit = ev.layout, {}
    for a in ev.actuals:
        s0 = lay.sentence_start(a.sentence)
        c0 = lay.around(a.start, a.end)[0]
        q = list(_QUARTER.finditer(lay.text, max(s0, c0 - 12), a.start))
        if q and is_result(a.modality):
            by_unit.setdefault(a.unit, []).append(("一二三四".index(q[-1]["q"]) + 1, q[-1].start(), a))
    out = []
    for unit, quarters in by_unit.items():
        numbers = sorted(n for n, _, _ in quarters)
        if len(numbers) >= 2 and numbers == list(range(1, len(numbers) + 1)):
            start, end = min(p for _, p, _ in quarters), max(a.end for _, _, a in quarters)
            first = min(quarters, key=lambda x: x[0])[2]
            out.append(Finding("actual", start, end, lay.sentence_of(start), lay.text[start:end],
                               value=sum((a.value for _, _, a in quarters), Decimal(0)), unit=unit,
                               label=first.label + "合计"))
    return out


#: an item of an enumeration opening a clause: 一是, 二是 …, or a list label blanked by the reader
#: (①, (2): helpers.judge.clauses.mask_item_labels leaves spaces)
_ITEM = re.compile(r"\s*(?:[一二三四五六七八九十]是|\s{2,}(?=\S))")


#: an item's label in words (一是, 二是) where a clause begins
_ITEM_WORD = re.compile(r"(?<![^\s,;:。，；：])[一二三四五六七八九十]是")


def _item_of(a: Finding, ev: Evidence, labels: list[int]) -> int | None:
    """Where the enumeration item holding a figure begins: the last label before it in its sentence (一是
    城区学校完成18栋，二是…; ②市级骨干教师研修班完成2组，培训860人次；③…), a blanked ① or (2) among them
    (helpers.judge.parts records where the reader blanked one, `labels`: ev.labels sorted); None when no
    label comes before it."""
    lay, text = ev.layout, ev.layout.text
    s0 = lay.sentence_start(a.sentence)
    after = lay.sents[a.sentence - 1][1] if lay.sents and a.sentence > 0 else 0  # the label before s0's words
    c0 = lay.around(a.start, a.end)[0]
    # only the last blanked label before the figure can be the latest start (a bisection: a long cell has thousands)
    i = bisect_left(labels, a.start)
    blanked = [labels[i - 1]] if i and labels[i - 1] >= after else []
    starts = [m.start() for m in _ITEM_WORD.finditer(text, s0, a.start)] + blanked
    if _ITEM.match(text, c0, a.start):  # a label blanked to two spaces or more, read without the reader's record
        starts.append(c0)
    return max(starts, default=None)


def _not_done_item(a: Finding, at: int, ev: Evidence, target: str) -> bool:
    """An item whose own words say its things are not done (②在建：2个; 二是县区学校2所完成主体施工), a stage
    or a start the target does not ask for."""
    text = ev.layout.text
    words = text[at:a.start] + text[a.end:ev.layout.around(a.start, a.end)[1]]
    return bool(ONGOING.search(words) or any(rx.search(words) and not rx.search(target) for rx in (STAGE, STARTED)))


def item_sums(ev: Evidence, target: str) -> list[Finding]:
    """一是城区学校完成18栋；二是县区学校完成22栋: the figures of an enumeration's items, one per
    item in one unit, add up to the whole when the items give no total of their own."""
    lay, groups, labels = ev.layout, {}, sorted(ev.labels)
    for a in ev.actuals:
        if is_result(a.modality):  # one measure in its sizes (86.5公里；9200米) is one group
            unit = next((u for u in groups if comparable(a.unit, u)), a.unit)
            groups.setdefault(unit, []).append((a, _item_of(a, ev, labels)))
    out = []
    for unit, acts in groups.items():
        items = [a for a, at in acts if at is not None]
        if len(items) < 2 or len(items) != len(acts) or len({at for _, at in acts}) != len(acts):
            continue
        nouns = [_noun_of(lay.text[at:a.start]) for a, at in acts]
        if any(_the_whole(n, target) for n in nouns) or any(_not_done_item(a, at, ev, target) for a, at in acts) \
                or other_objects(nouns, target, unit):
            continue  # 一是城镇新增就业4.32万人；二是…再就业1.1万人: the target's own figure, then another
        first, last = items[0], items[-1]
        out.append(Finding("actual", first.start, last.end, first.sentence, lay.text[first.start:last.end],
                           value=sum((convert(a.value, a.unit, unit) for a in items), Decimal(0)), unit=unit,
                           label=first.label + "合计"))
    return out


#: what stands between two figures listed side by side: one list mark, then the next item's words
#: (8公里、东湖绿道10公里; 4.6亿元，新开工项目完成投资3.1亿元) — no figure, no sentence's end, no
#: breakdown (其中), rest (其余, 另有) or comparison (同比) between
_LISTED = re.compile(r"[、,，;；][^、,，;；。\d%]{0,20}")
_NOT_LISTED = re.compile(r"其中|其余|其他|剩余|另|还有|同比|比上年|增长|下降|占|合计|共计|总计|累计|正在|在建|尚|未")


def listed_runs(ev: Evidence) -> list[list[Finding]]:
    """Done figures of one sentence and unit listed side by side, each in its own clause (建成淠河绿道8公里、
    东湖绿道10公里): runs of two or more."""
    text, runs = ev.layout.text, []
    by: dict[tuple[int, str], list[Finding]] = {}
    for a in ev.actuals:
        if is_result(a.modality):
            by.setdefault((a.sentence, a.unit), []).append(a)
    for acts in by.values():
        run = acts[:1]
        for prev, a in zip(acts, acts[1:]):
            between = text[prev.end:a.start]
            if _LISTED.fullmatch(between) and not _NOT_LISTED.search(between):
                run.append(a)
                continue
            runs += [run] if len(run) > 1 else []
            run = [a]
        runs += [run] if len(run) > 1 else []
    return runs


def item_noun(a: Finding, ev: Evidence) -> str:
    """The noun a listed figure counts: the words of its own clause before it, frame and verbs aside
    (上半年建成淠河绿道 → 淠河绿道; 续建项目完成投资 → 续项目投资)."""
    return _noun_of(ev.layout.clause_before(a.start, a.end, fine=True))


def _noun_of(words: str) -> str:
    return _ITEM_FRAME.sub("", FRAME_VERB.sub("", QUALIFIER.sub("", words)))


#: more words of time and of obtaining that name no thing (全年获批新增一般债券 → 一般债券)
_ITEM_FRAME = re.compile(r"^[一二三四五六七八九十]是|全年|年度|获批|获得|争取到?|到位|落实|共有|有")


#: a verb of a listed item's own (改善灌溉面积12万亩, 覆盖住宅小区312个, 改建公厕12座): it reports another
#: act, not one more kind under the first item's verb (东湖绿道10公里, 封山育林2.1万亩)
ACT_VERB = re.compile(r"已|完成|实现|新增|新建|改建|扩建|建成|建设|改善|改造|覆盖|带动|惠及|涉及|查处|提供|吸纳|安置|培训"
                       r"|发放|签约|引进|培育|认定|入库|入统|发展|开工|竣工|完工|施工|治理|整治|整改|提升|优化|调整|整合|撤并|升级"
                       r"|更新|维修|养护|修复|达|累计|共|合计|减少|降低|提高|增加|解决|办理|开展")


def _under_one_verb(run: list[Finding], ev: Evidence) -> list[Finding]:
    """The items of a run after its first that carry no verb of their own (建成淠河绿道8公里、东湖绿道
    10公里: 东湖绿道 is one more thing built), or the first's verb again (续建项目完成投资6亿元，新开工
    项目完成投资5亿元)."""
    text, lay = ev.layout.text, ev.layout

    def verbs(a: Finding) -> list[str]:
        return ACT_VERB.findall(text, lay.around(a.start, a.end, fine=True)[0], a.start)
    first = verbs(run[0])[-1:]  # the verb right before the figure (新开工项目完成投资: 完成)
    return [a for a in run[1:] if item_noun(a, ev) and verbs(a)[-1:] in ([], first)]


def _a_kind(noun: str, head: str, target: str) -> bool:
    """A kind of the target's thing: its head noun with words of its own the target does not use
    (淠河绿道 for 城市绿道); the target's own noun (城镇就业 for 城镇新增就业) is the whole, no kind."""
    return bool(head) and head in noun and any(ch not in target for ch in noun)


def _the_whole(noun: str, target: str) -> bool:
    """The target's own noun (城镇就业 for 全年新增城镇就业): every character of it is the target's."""
    noun = QUALIFIER.sub("", noun)
    return len(noun) >= 2 and all(ch in target for ch in noun)


def _a_named_kind(noun: str, target: str) -> bool:
    """A kind named in other words that keeps the target's qualifier (省级工程研究中心, 省级企业技术中心 for
    省级以上研发平台): it shares a word with the target and is not the target's own noun."""
    return overlap(target, noun) >= 1 and any(ch not in target for ch in noun) and not _replaces_a_word(noun, target)


def _replaces_a_word(noun: str, target: str) -> bool:
    """秋季造林 for 春季造林…, 市级企业技术中心 for 省级以上研发平台: a modifier of the item (a season, level,
    place, class or batch: 秋季, 市级) in the place of the target's own of that kind names another thing."""
    own = {noun[i:i + 2] for i in range(len(noun) - 1) if noun[i + 1] in _MODIFIER_KIND}
    theirs = {target[i:i + 2] for i in range(len(target) - 1) if target[i + 1] in _MODIFIER_KIND}
    return any(w[1] == v[1] and w != v for w in own - theirs for v in theirs)


#: the last character of a modifier that sorts things: season, level, place, class, batch, grade
_MODIFIER_KIND = "季级区县镇类期批型星"


def head_noun(target: str) -> str:
    """The target's thing, by its last two characters (新增城市绿道 → 绿道; 完成造林面积 → 造林)."""
    noun = ATTRIBUTE.sub("", FRAME_VERB.sub("", QUALIFIER.sub("", target)))
    return noun[-2:] if len(noun) >= 2 else ""


_TOTAL_AFTER = re.compile(r"合计|共计|总计|累计|总共")


def _under_a_heading(run: list[Finding], head: str, ev: Evidence) -> bool:
    """已建成幼儿园：公办8所、民办4所: items naming only their kind (four characters at most; a name of up to
    eight under a heading that lists things said done) under a heading that names the target's thing before
    a colon are kinds of it."""
    lay, text = ev.layout, ev.layout.text
    s0 = lay.sentence_start(run[0].sentence)
    heading = text[s0:lay.around(run[0].start, run[0].end, fine=True)[0]].rstrip()
    # (已建成通车的有：创新大道东延段2,800米、科学路…: names of things said done, up to eight characters)
    longest = 8 if _DONE_LIST.search(heading) and not ONGOING.search(heading) else 4
    return bool(head) and heading.endswith((":", "：")) and head in heading \
        and all(0 < len(item_noun(a, ev)) <= longest for a in run)


#: a heading that lists things said done (已建成通车的有：, 已完工的园区道路包括：)
_DONE_LIST = re.compile(r"(?:已|完成|建成|完工|竣工|通车|投用)[^,;。]{0,10}?(?:的有|包括|分别是|分别为)\s*[:：]$")


def _each_a_conjunct(run: list[Finding], target: str, ev: Evidence) -> bool:
    """完成春季造林和农田林网补植5万亩 with 春季植树造林4.1万亩，农田林网补植0.6万亩: a target joining things
    (和, 及, 与, 、) is measured by their figures together, each item naming one of them, none twice."""
    conjuncts = [c for c in re.split(r"[和及与、]", target) if len(c) >= 2]
    if len(conjuncts) < 2:
        return False
    named = []
    for a in run:
        hits = [i for i, c in enumerate(conjuncts) if overlap(c, item_noun(a, ev)) >= 1]
        if len(hits) != 1 or hits[0] in named:
            return False
        named.append(hits[0])
    return True


def _elided_kind(noun: str, first: str) -> bool:
    """新增省级以上龙头企业8家、市级7家: an item that names only its modifier, of the same kind as the
    first item's (省级, 市级: a level; 一类, 二类: a class), stands for the first's thing."""
    noun = QUALIFIER.sub("", noun)
    return 2 <= len(noun) <= 4 and len(first) > len(noun) and first[len(noun) - 1] == noun[-1]


#: a level of government, lowest first (县级 … 国家级; 部级 is the nation's)
_LEVELS = ("县级", "市级", "省级", "国家级")
_LEVEL = re.compile(r"(?P<level>县|市|省|国家|部)级")
#: a target's level floor (省级以上, 市级及以上)
_FLOOR = re.compile(r"(?P<level>县|市|省|国家)级(?:及)?以上")


def _rank(level: str) -> int:
    return _LEVELS.index("国家级" if level == "部" else level + "级")  # (国家 + 级 is 国家级)


def _a_level_of(noun: str, target: str) -> bool:
    """新增省级绿色工厂8家、国家级绿色工厂2家 for 省级以上绿色工厂: a thing named with a level at or above the
    target's floor, and with the target's own noun (绿色工厂, 龙头企业), is one of the things it counts."""
    floor, level = _FLOOR.search(target), _LEVEL.search(noun)
    if not floor or not level or _rank(level["level"]) < _rank(floor["level"]):
        return False
    own = QUALIFIER.sub("", target[floor.end():])
    own, rest = re.split(r"[\d,，;；。、]", FRAME_VERB.sub("", own), maxsplit=1)[0], noun[level.end():]
    # 国家级专精特新“小巨人”企业 for 省级及以上专精特新企业: the target's head, and more of its noun
    return len(own) >= 2 and (own in rest or own[-2:] in rest and overlap(own, rest) >= 2)


def _below_floor(noun: str, target: str) -> bool:
    """市级绿色工厂 for 省级以上绿色工厂: a level under the target's floor is another set of things."""
    floor, level = _FLOOR.search(target), _LEVEL.search(noun)
    return bool(floor and level and _rank(level["level"]) < _rank(floor["level"]))


#: the meaning of a sum of items that are kinds of the target only by a word they share with it (价格监测分析
#: 报告37期、农产品价格周报39期 for 价格监测报告): whether they add up, the text does not say
BY_A_SHARED_WORD = "kinds_by_a_shared_word"
#: the meaning of a sum of kinds counted in persons (宫颈癌筛查41280人，乳腺癌筛查40560人): one person may be in
#: several kinds, so whether they add up the text does not say either
PEOPLE_BY_KIND = "people_by_kind"


def other_objects(nouns: list[str], target: str, unit: str) -> bool:
    """监督抽检药品867批次；化妆品抽检315批次 for 药品抽检: beside an item that names the target's thing, items
    that name the target's act (its head, an act: 抽检, 检验, 培训 …) done on another thing, named before it
    and sharing no word with the target's (化妆品抽检), count other things — no kinds of the target's thing,
    and no parts of its figure. (An item that leaves the act unsaid, 雨水管网 after 新建污水管网, is no such
    item; nor is a thing's kind named by a word of its own, 配建泊位 for 城市停车泊位. People counted are
    trained or screened under programmes named in their place, 国培项目培训3210人次: no other thing.)"""
    head = head_noun(target)
    rest = bigrams(_noun_of(target).replace(head, "")) if _ACT_HEAD.fullmatch(head) and unit not in _PEOPLE else set()
    if not rest:
        return False
    named = [n for n in nouns if head in n]
    return any(overlap(rest, n.replace(head, "")) > 0 for n in named) \
        and any(re.fullmatch(rf"[\u4e00-\u9fff]{{2,8}}{head}", n) and overlap(rest, n.replace(head, "")) == 0
                for n in named)


_PEOPLE = frozenset({"人", "人次", "万人", "名"})
#: acts done on a thing named before them (药品抽检, 特种设备检验, 教师培训): the head of such a target is the
#: act, and the words before it name the thing it is done on
_ACT_HEAD = re.compile(r"抽检|抽查|抽样|检验|检测|检查|筛查|监测|培训|体检|鉴定|认证|登记|核查|巡查|排查")


def kind_sum(run: list[Finding], target: str, ev: Evidence) -> Finding | None:
    """Things listed under one verb, each a kind of the target's thing (its head noun with words of its
    own), add up to its figure: 建成淠河绿道8公里、东湖绿道10公里 for 新增城市绿道30公里 is 18公里. None when
    an item has a verb of its own, or is not of the target's thing (人工造林3.1万亩、封山育林2.1万亩 for
    造林面积: 育林 is no 造林)."""
    nouns = [item_noun(a, ev) for a in run]
    head, first = head_noun(target), QUALIFIER.sub("", nouns[0])
    s1 = ev.layout.sentence_span(run[0].sentence)[1]
    if _TOTAL_AFTER.search(ev.layout.text, run[-1].end, s1):
        return None  # …、市级7家，合计新增十五家: the text gives the total itself
    if len(_under_one_verb(run, ev)) != len(run) - 1 or any(_below_floor(n, target) for n in nouns):
        return None
    by_head = _a_kind(first, head, target) and all(
        _a_kind(n, head, target) or _elided_kind(n, first) for n in nouns[1:]) \
        or all(_a_level_of(n, target) or i > 0 and _elided_kind(n, first) for i, n in enumerate(nouns))
    if other_objects(nouns, target, run[0].unit):
        return None
    said = by_head or _each_a_conjunct(run, target, ev) or _under_a_heading(run, head, ev)
    if not said and not all(_a_named_kind(QUALIFIER.sub("", n), QUALIFIER.sub("", target)) for n in nouns):
        return None
    first, last = run[0], run[-1]
    la = ev.layout.around(first.start, first.end, fine=True)[0]
    return Finding("actual", first.start, last.end, first.sentence, ev.layout.text[first.start:last.end],
                   value=sum((a.value for a in run), Decimal(0)), unit=first.unit,
                   label=ev.layout.text[la:last.start] + "合计",
                   meaning=BY_A_SHARED_WORD if not said else PEOPLE_BY_KIND if first.unit == "人" else "")


def longest_kind_sum(run: list[Finding], able: set[int], target: str, ev: Evidence) -> Finding | None:
    """The sum (kind_sum) of the longest stretch of a run that adds up, leftmost first: two figures or more, each
    able to measure the target (`able`: their ids), so 省级龙头企业8家、市级龙头企业19家 before 新培育家庭农场210家
    (another thing listed after them). Only stretches within the run's pieces of able figures are tried, ending
    at or after its first figure no total follows (kind_sum refuses a stretch a total follows): trying every
    stretch of a long run, figure by figure, cost its length cubed."""
    s1 = ev.layout.sentence_span(run[0].sentence)[1]
    first_end = next((j for j, a in enumerate(run) if not _TOTAL_AFTER.search(ev.layout.text, a.end, s1)), len(run))
    pieces, at = [], 0  # (where a piece starts in the run, its figures)
    for fits, group in groupby(run, key=lambda a: id(a) in able):
        piece = list(group)
        pieces += [(at, piece)] if fits else []
        at += len(piece)
    for n in range(max((len(p) for _, p in pieces), default=0), 1, -1):
        for at, piece in pieces:
            for i in range(max(0, first_end - n + 1 - at), len(piece) - n + 1):
                total = kind_sum(piece[i:i + n], target, ev)
                if total is not None:
                    return total
    return None
