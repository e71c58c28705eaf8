"""What a deciding figure counts, read from its words: its noun against the target's (another
indicator's noun, 无害化处理率 for 回收利用率), a stock read for a target of additions, a stock's share read
as a year's pace (helpers.judge.confidence asks these of the clause that decided a status)."""

from __future__ import annotations

import re

from helpers.judge.figure_names import before_figure
from helpers.judge.figure_state import NEW, SPAN, STOCK
from helpers.judge.evidence import Part
from helpers.judge.findings import Finding
from helpers.judge.matching import named_otherwise
from helpers.judge.signals import own_clause
from helpers.judge.subjects import abbreviates
from helpers.judge.sums import ATTRIBUTE
from helpers.judge.targets import overlap

_CJK_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z]+")
#: the verbs between a label's frame and its noun, or after its noun (回收利用率达到, 完成一般公共预算收入)
_LABEL_VERB = re.compile(r"达到|达|为|是|保持|稳定|控制|提高|提升|实现|增长|增幅|增速|同比|下降|降低|减少|完成|的|认定|培育|引进|签约|获批"
                         r"|建成|完工|竣工|开工|新建|新增|改造|实施|开通|投用|已|共|累计")
#: a place, not what is counted: 舒城县完成23公里
_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,3}(?:县|区|市|镇|乡)$")
#: time and place frames around a noun: 1-3月份, 上半年, 全市, 较上年同期
FRAME = re.compile(r"\d{1,2}\s*[-—~至]?\s*\d*月(?:份|底|末)?|当月|单月|上半年|全年|前三季度|[一二三四]季度|今年|全市|我市|累计"
                    r"|较上年同期|上年同期|同期|[较比](?:上年|去年)|截至|截止|目前|合计|总计")
#: a run that is only a unit (万美元, 亿元): no noun
_UNIT_RUN = re.compile(r"^(?:万|亿|千)?(?:美元|元|人次|人|个|户|亩|吨|家|项|次|座|条|所|公里|米)$")
_HEAD_CHARS = 4


def _target_head(label: str) -> str:
    """A target's noun: the run just before its first verb (单位GDP能耗降低… → DP能耗)."""
    m = _LABEL_VERB.search(label, 2)
    runs = _CJK_RUN.findall(FRAME.sub("", label[:m.start()] if m else label))
    return runs[-1][-_HEAD_CHARS:] if runs else ""


#: an enumeration closed by 等 (金寨县茶叶数字工厂等5个): the examples' noun is before it
_ETC = re.compile(r"等$")
#: a completed act with no noun of its own (已完成整改410处, 上半年已建成开放13个): the thing counted is
#: named before, in its sentence
_ACT_ONLY = re.compile(r"(?:完成|建成|实现|完工)([\u4e00-\u9fff]{1,2})$")


def _figure_head(label: str) -> str:
    """A figure's noun: the last piece before the figure past the frames and verbs
    (上半年全市实现地区生产总值1077.8亿元 → 生产总值); none when the label ends in an act completed
    with no noun (已完成整改)."""
    text = FRAME.sub("", label)
    text = _ETC.sub("", before_figure(text))
    if _ACT_ONLY.search(text):
        return ""
    # 总长, 按年均汇率折合: a measure or a conversion of the thing named before it, no noun of its own
    pieces = [ATTRIBUTE.sub("", pc) for run in _CJK_RUN.findall(text) for pc in _LABEL_VERB.split(run)]
    nouns = [pc for pc in pieces if len(pc) >= 2 and not _UNIT_RUN.match(pc) and not _PLACE.match(pc)]
    return nouns[-1][-_HEAD_CHARS:] if nouns else ""


#: a count before its noun in one clause (12个乡镇综合文化站…完工, 已有7家企业通过…公示): the number, its
#: classifier and the words after them
_COUNT_BEFORE_NOUN = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s*[\u4e00-\u9fff]([\u4e00-\u9fff‘’“”]+)$")


def _noun_after(f: Finding) -> str:
    """The words after a figure's count in its own clause, when the count comes before its noun."""
    m = _COUNT_BEFORE_NOUN.search(own_clause(f.text))
    return m.group(1) if m else ""


def noun_differs(part: Part) -> bool:
    """A rate or level target read from a figure of another indicator (无害化处理率 for 回收利用率):
    the nouns just before the figure and in the target share no two characters."""
    t, f = part.target, part.evidence
    if t is None or f is None or t.kind not in ("rate", "level", "count", "amount") \
            or f.kind not in ("actual", "level", "growth"):
        return False
    tl, fl = t.label or t.part, f.label
    a, b = _target_head(tl), _figure_head(fl)
    if len(a) < 2 or len(b) < 2:
        return False
    if t.kind in ("count", "amount"):
        # counts are named in many ways (新建改扩建中小学校 for 新建学校; 保租房 for 保障性租赁住房, its
        # abbreviation): only nouns that share nothing at all either way (森林抚育 for 人工造林) differ
        # (a count before its noun, 12个乡镇综合文化站提升工程全部完工, names it after the count)
        return overlap(a, fl) == 0 and overlap(b, t.part) == 0 and not abbreviates(b[-3:], t.part) \
            and overlap(_noun_after(f), t.part) == 0
    return (overlap(a, fl) == 0 or overlap(b, tl) == 0) and not named_otherwise(tl, fl)


def stock_for_flow(part: Part) -> bool:
    """A target of additions (新增, 新建) read from a stock (高新技术企业达到620家, 累计拥有): the
    figure's own clause names a stock and no addition."""
    t, f = part.target, part.evidence
    if t is None or f is None or f.kind != "actual" or not NEW.search(t.part):
        return False
    clause = own_clause(f.text)  # (全年共有234家…纳入: a stock word over this year's span counts additions)
    return bool(STOCK.search(clause)) and not NEW.search(clause) and not SPAN.search(clause)


#: a target that is a stock to reach (累计建成5G基站8000个, 企业总数达到1200家), not additions
_STOCK_TARGET = re.compile(r"累计|总数|总量|保有量|(?<![增提])达到?\d|达到?[^,，;；。\d]{0,12}\d")


_FLOOR_TARGET = re.compile(r"不低于|不少于|稳定在|保持在|保有量|以上$")


def stock_for_stock(part: Part) -> bool:
    """A stock target measured by a stock figure before the year's end: the share of the stock is no
    share of the year's work (8000个 with 6200 built is 77.5 % of the stock, not of the year's
    additions), so a status at or above the pace from it is not confident."""
    t, f = part.target, part.evidence
    if t is None or f is None or f.kind != "actual" or t.kind not in ("count", "amount") or NEW.search(t.part) \
            or _FLOOR_TARGET.search(t.part):
        return False  # 耕地保有量不低于890万亩: a floor to keep, met or missed, not a pace
    return bool(_STOCK_TARGET.search(t.part)) and not NEW.search(own_clause(f.text))
