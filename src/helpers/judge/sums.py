"""The parts' figures that add up to the whole's: places (counties, towns, 市本级 beside 各县区,
zones), quarters from the first on, the items of an enumeration (step 3 of helpers.judge.parts;
helpers.judge.actuals scores the sums like any figure)."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers.judge.clauses import is_result
from helpers.judge.evidence import Evidence
from helpers.judge.findings import Finding
from helpers.judge.subjects import PART_PLACE

#: the whole area's figure (全市, 各县区, 各级) against a part's or the government's own level's
WHOLE_LEVEL = re.compile(r"全市|全县|全区|各县|县区|各级|全省")
#: a stage of the works, not the works done (主体, 基础, 招标)
STAGE = re.compile(r"主体|基础|土建|封顶|设计|招标|选址|征迁|前期")
#: works started, not built (开工, 进场施工)
STARTED = re.compile(r"开工|动工|开建|启动建设|启动实施|开始建设|进场施工")
#: a figure's clause opened by a part's place (霍邱县…, 城关镇…)
COUNTY = re.compile(rf"^\s*{PART_PLACE}")


#: the label's end of a sum of the counties a sentence names: maybe not all of them
COUNTY_SUM = "县区合计"
#: a part of the whole a figure's clause opens with: a place (霍邱县, 金安区, 城关镇), the city's own
#: level or its urban area (市本级, 市直, 市区), the counties together beside them (各县, 各县区合计), a
#: zone (东片区); 其中 may come first
_PART = re.compile(rf"^\s*(?:其中\s*,?\s*)?(?P<part>{PART_PLACE}|市本级|市直|市区|各县区?|[东南西北中]片区|[A-Z甲乙丙丁]项目区)")
#: the whole said at a clause's opening (全市完工28万亩): the parts beside it are its breakdown
_WHOLE_OPENING = re.compile(r"全市|全县|全区|各级|全省|我市|我县")
#: works still going on, after a figure in its clause (另2处正在施工, 其余6个村正在按标准提升)
ONGOING = re.compile(r"正在|在建|尚未|未完成|推进中|(?<![接期款优招看亟留对])待(?!遇|办|业|岗)")


def _part_word(a: Finding, ev: Evidence) -> str | None:
    """The part a figure's clause opens with (金安区3个、裕安区2个 → 金安区, 裕安区), or None."""
    text = ev.layout.text
    m = _PART.match(text[ev.layout.around(a.start, a.end, fine=True)[0]:a.start]) \
        or _PART.match(text[ev.layout.around(a.start, a.end)[0]:a.start])
    return m["part"] if m else None


def _done_part(a: Finding, ev: Evidence) -> bool:
    """A part's figure of works done: a result, not works only started, a stage or works still going on
    (舒城县2个完成主体工程 beside 霍山县1个已完工)."""
    _, b0 = ev.layout.around(a.start, a.end)
    after = ev.layout.text[a.end:b0]
    return is_result(a.modality) and not STARTED.search(a.label) and not STAGE.search(after) \
        and not ONGOING.search(after) and not re.search(r"\d\s*%", after)


def county_sums(ev: Evidence) -> list[Finding]:
    """金寨县完成人工造林2100亩，霍山县1800亩，舒城县1700亩; 市本级举办18场,各县区合计举办34场;
    金安区3个、裕安区2个、霍山县1个已完工,舒城县2个完成主体工程: the parts' figures of one sentence in
    one unit add up to the whole's (those of works done), when the text gives no total of its own."""
    groups: dict[tuple[int, str], list[Finding]] = {}
    for a in ev.actuals:
        groups.setdefault((a.sentence, a.unit), []).append(a)
    lay = ev.layout
    whole = {a.unit for a in ev.actuals if _WHOLE_OPENING.match(lay.text, lay.around(a.start, a.end)[0])}
    out = []
    for (_, unit), acts in groups.items():
        parts = [a for a in acts if _part_word(a, ev)]
        if unit in whole or len(parts) < 2 or len(parts) != len(acts):
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
        if a.unit not in whole and is_result(a.modality) and not STARTED.search(a.label):
            by_unit.setdefault(a.unit, []).append(a)
    return [_sum_of(acts, unit, lay) for unit, acts in by_unit.items()
            if all(COUNTY.match(lay.text[lay.around(a.start, a.end)[0]:a.start]) for a in acts)]


#: a quarter named as a figure's span (一季度, 第二季度, 三季度): its own three months
_QUARTER = re.compile(r"(?<!前)(?:第)?(?P<q>[一二三四])季度(?!末|以来|累计)")


def quarter_sums(ev: Evidence) -> list[Finding]:
    """二季度新增城镇就业6200人，一季度新增5100人: figures of the quarters from the first on, one each
    in one unit, add up to the period's cumulative figure (a quarter alone is no pace of the year)."""
    lay, by_unit = ev.layout, {}
    for a in ev.actuals:
        s0 = lay.sents[a.sentence][0] if lay.sents else 0
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


def item_sums(ev: Evidence) -> list[Finding]:
    """一是城区学校完成18栋；二是县区学校完成22栋: the figures of an enumeration's items, one per
    item in one unit, add up to the whole when the items give no total of their own."""
    lay, groups = ev.layout, {}
    for a in ev.actuals:
        c0 = lay.around(a.start, a.end)[0]
        if is_result(a.modality):
            groups.setdefault(a.unit, []).append((a, bool(_ITEM.match(lay.text, c0, a.start)), c0))
    out = []
    for unit, acts in groups.items():
        items = [a for a, opened, _ in acts if opened]
        if len(items) < 2 or len(items) != len(acts) or len({c0 for _, _, c0 in acts}) != len(acts):
            continue
        first, last = items[0], items[-1]
        out.append(Finding("actual", first.start, last.end, first.sentence, lay.text[first.start:last.end],
                           value=sum((a.value for a in items), Decimal(0)), unit=unit, label=first.label + "合计"))
    return out


#: a named thing reported done in its clause (梅山路已完工), not in part (佛子岭路完成60%) or not yet
_ITEM_DONE = re.compile(r"已|完成|完工|建成|竣工|通车|投用|投入使用|验收")
_ITEM_NOT_DONE = re.compile(r"\d+(?:\.\d+)?\s*%|未|尚|正在|在建|待|主体|前期|招标|设计")


def named_items_done(items: tuple[str, ...], unit: str, label: str, ev: Evidence) -> Finding | None:
    """完成3条主干道大修:梅山路、佛子岭路、解放路 with 梅山路已完工;佛子岭路完成60%;解放路尚未开工: the
    things a count names one by one, counted done when their own clause says so (1 of 3); None when
    the text names none of them."""
    lay, text = ev.layout, ev.layout.text
    said, done = [], 0
    for name in items:
        pos = text.find(name)
        if pos < 0:
            continue
        a, b = lay.around(pos, pos + len(name))
        clause = text[pos + len(name):b]
        said.append((pos, b))
        if _ITEM_DONE.search(clause) and not _ITEM_NOT_DONE.search(clause) and is_result(lay.modality_at(pos)):
            done += 1
    if not said:
        return None
    start, end = min(p for p, _ in said), max(e for _, e in said)
    return Finding("actual", start, end, lay.sentence_of(start), text[start:end], value=Decimal(done), unit=unit,
                   label=label + "合计")
