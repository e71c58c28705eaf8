"""Which indicator a growth rate is of (docs/judging.md, "The indicator of a rate"): a short name of the target's
(社零额, 固投), a statistical abbreviation (GDP for 地区生产总值), and a rate whose own words name no indicator — said
right after the amount (地区生产总值1102.4亿元，同比增长7.3%) or after a method of computing (按不变价格计算同比增长6.2%)
— taken as the rate of the indicator its sentence names before it."""

from __future__ import annotations

import re

from helpers.judge.clauses import BREAKDOWN
from helpers.judge.evidence import Evidence
from helpers.judge.findings import Finding
from helpers.judge.subjects import abbreviates
from helpers.judge.targets import bigrams, overlap

#: the statistical abbreviations an office writes for an indicator's full name
ABBREVIATIONS = {"CPI": "消费价格", "PPI": "出厂价格", "GDP": "生产总值"}
#: words of time or place opening a target's name (全年固定资产投资): no part of the indicator's name
_OPENING = re.compile(r"^(?:全年|年度|今年|全市|全县|全区|本年)+")
#: a breakdown of the total opens before the rate (分领域看, 分行业看, 其中)
_PARTS = re.compile(rf"{BREAKDOWN.pattern}|分(?:领域|行业|产业|类型|地区|县区)看?")


def short_name(label: str, target: str) -> bool:
    """社零额 for 社会消费品零售总额, 固投 for (全年)固定资产投资: two or three characters of the label, none of them a
    word of the target, that begin with its first character and take its characters in order, from a
    name at least twice as long."""
    name = _OPENING.sub("", re.sub(r"[^\u4e00-\u9fff]", "", target))
    # (a window `abbreviates` takes from the name is of its Chinese characters only)
    for n in (3, 2):
        if len(name) < 2 * n:
            continue
        for i in range(len(label) - n + 1):
            w = label[i:i + n]
            if w[0] == name[0] and w not in name and abbreviates(w, name):
                return True
    return False


def _spelt_out(text: str) -> str:
    """The text with each abbreviation's full name added (GDP → 生产总值)."""
    return text + "".join(full for short, full in ABBREVIATIONS.items() if short in text.upper())


def sentence_rate(done: list[Finding], tb: set[str], name: str, ev: Evidence) -> Finding | None:
    """The first rate of a sentence whose words before it name the target's indicator (two bigrams, a short name, an
    abbreviation either way) — for a rate whose own label named nothing the rules could match. A later rate of the
    sentence, or one after a breakdown opens (其中, 分领域看), is a part's."""
    lay, want = ev.layout, tb | bigrams(_spelt_out(name))
    best, score = None, 1
    for g in done:
        if any(h.sentence == g.sentence and h.start < g.start for h in ev.growths):
            continue
        before = lay.text[lay.sentence_start(g.sentence):g.start]
        if of_a_part(g, ev) or _names_its_own(lay.text[lay.around(g.start, g.end)[0]:g.start], want, name):
            continue
        s = overlap(want, _spelt_out(before)) + (2 if short_name(before, name) else 0)
        if s > score:
            best, score = g, s
    return best


#: words of a rate's clause that name no indicator: its span, base, method of computing and the amount before it
_NO_NAME = re.compile(r"按(?:不变价格?|可比价格?|可比口径)计算|(?:剔除|扣除)[^,，;；。]{0,12}?后|同比|较上年|比上年|较去年|同期|"
                      r"可比|累计|实现|完成|上半年|一季度|前三季度|全年|今年以来|全市|全县|[\d.,，%亿万元\s\-月]")


def _names_its_own(clause: str, want: set[str], name: str) -> bool:
    """填报企业数较上年增长16.2% beside 研发经费: the rate's own clause names an indicator, none of the target's."""
    rest = _NO_NAME.sub("", clause)
    return len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 2 and overlap(want, _spelt_out(rest)) == 0 \
        and not short_name(rest, name)


def of_a_part(g: Finding, ev: Evidence) -> bool:
    """A rate said after a breakdown opens in its sentence (分领域看，工业投资增长12.1%; 其中…): a part's rate."""
    return bool(_PARTS.search(ev.layout.text, ev.layout.sentence_start(g.sentence), g.start))
