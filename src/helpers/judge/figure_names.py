"""Which of two figures of the target's unit names the target: the one the rules read, or an unread one.

A second figure of the target's unit beside the one read is a doubt (helpers.judge.confidence: which
count is the task's was not read) only when it could be the target's as well as the one read. When
the figure read names the target's thing — its act and its kind — strictly better than the second
figure's clause does, the choice between the two was read, and the second counts another act on the
thing or another thing of its kind (docs/judging.md, "Confidence is earned").
"""

from __future__ import annotations

import re

from helpers.judge.signals import Signal
from helpers.judge.targets import QUALIFIER, bigrams, overlap

#: a date or a time span before a figure (1-6月, 9月底, 2024年): no word of what the figure counts
_DATE = re.compile(r"\d+(?:[-—至~]\d+)?(?:月份?|日|号|年|季度)(?:底|末|份)?")
#: words that open a count without naming its thing (已开工…, 共新增…, 累计…)
_OPENING = re.compile(r"^(?:[,，;；\s]|截至|今年以来|上半年|全年|目前|全市|全县|全区|已经?|共|累计|同时|另)+")
#: a figure said as a stock or a total to date (累计归集…, 总数, 现有), beside one said as the year's
#: additions (今年新增…): which of the two is the year's result was not read
_STOCK_WORDS = re.compile(r"累计|总数|总量|现有|共有|保有量")
_YEARS_ADDITIONS = re.compile(r"新增|新建|今年|本年|当年")


def before_figure(clause: str) -> str:
    """The words of a clause before its first figure (what the figure is said as)."""
    return re.split(r"\d", clause, maxsplit=1)[0]


def _target_bigrams(part) -> set[str]:
    return bigrams(QUALIFIER.sub("", part.target.label or part.target.part))


def _read_figure(part):
    """The figure a part was measured by (a computed ratio of an actual with its noun), else None."""
    f = part.evidence
    if part.method != "computed_ratio" or f is None or f.kind != "actual" or not f.label:
        return None
    return f


def read_names_better(reading, sig: Signal) -> bool:
    """Whether, for every target the second figure's clause names (two of its bigrams), a figure read for
    that target names it strictly better (more of its bigrams in the read figure's own noun than in the
    second figure's clause): 新开通定制公交线路6条 beside 优化调整既有公交线路9条 for 新开通城市公交线路12条,
    新签约亿元以上项目23个 beside 新开工亿元以上项目18个. Equal names still flag (接待国内游客 beside “五一”
    假期接待游客: which is the task's was not read), and so does a second figure whose noun is the target's
    own words, fewer of them (已开工项目145个 for 新开工亿元以上项目: a wider count of the same things, which
    may be the one meant)."""
    named = False
    for p in reading.parts:
        if p.target is None:
            continue
        b = _target_bigrams(p)
        if overlap(b, sig.clause) < 2:
            continue
        named = True
        f = _read_figure(p)
        if f is None or overlap(b, f.label) <= overlap(b, sig.clause) or _shorter_name(sig.clause, p.target.part):
            return False
    return named


def named_apart(reading, sig: Signal) -> bool:
    """Whether a second figure beside a completion counts another thing than every count or amount target
    the rules measured: each was measured by a figure whose noun holds at least half of the target's bigrams
    and more of them than the second figure's clause (新增公办学位3900个 beside 全年新建改扩建公办幼儿园13所
    for 新建改扩建公办幼儿园12所; 帮扶失业人员再就业1.1万人 beside 城镇新增就业4.32万人). Not when the figure
    read is a stock or a total to date and the second says the year's additions (累计归集各类数据25.8亿条
    beside 今年新增归集13.1亿条), nor when the second's noun is the target's words, fewer of them."""
    parts = [p for p in reading.parts if p.target is not None and p.target.kind in ("count", "amount")]
    for p in parts:
        b, f = _target_bigrams(p), _read_figure(p)
        if f is None:
            return False
        mine = overlap(b, f.label)
        if 2 * mine < len(b) or mine <= overlap(b, sig.clause) or _shorter_name(sig.clause, p.target.part) \
                or (_STOCK_WORDS.search(f.label) and _YEARS_ADDITIONS.search(sig.clause)):
            return False
    return bool(parts)


def _shorter_name(clause: str, target: str) -> bool:
    """Whether a figure's noun is made only of the target's words, in their order (开工项目 in
    新开工亿元以上项目): the target's thing named more widely. A noun with nothing left to read is too."""
    noun = _OPENING.sub("", before_figure(_DATE.sub("", clause)))
    it = iter(target)
    return all(ch in it for ch in noun)
