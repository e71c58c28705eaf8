"""Size classes that narrow what a figure counts (亿元以上项目, 规上企业, 限额以上单位): a figure or rate of a
narrower or wider set than the target's measures something else (helpers.judge.actuals and matching ask)."""

from __future__ import annotations

import re

from helpers.judge.findings import Finding
from helpers.judge.sums import FRAME_VERB as _FRAME_VERB
from helpers.judge.targets import Target, overlap


#: how far back a size class named before a figure carries over to it (亿元以上项目96个;竣工项目31个): a
#: window, so that a long cell is read in linear time
CARRY = 400
#: a size class that narrows what is counted (亿元以上项目, 规上企业, 限额以上单位)
#: (a figure's own floor — 争取…投资15亿元以上。 — names no class: a class is followed by what it classes)
_CLASS = re.compile(r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千两]+)?(?:亿元|千万元|万元)及?以上(?=[\u4e00-\u9fff])"
                    r"|规模以上|规上|限额以上|限上")
_CLASS_NORM = (("规模以上", "规上"), ("限额以上", "限上"), ("及以上", "以上"))


def size_classes(text: str) -> set[str]:
    """The size classes a text names, in one spelling (1亿元以上 and 亿元以上 are one)."""
    out = set()
    for m in _CLASS.finditer(text):
        c = m.group()
        for a, b in _CLASS_NORM:
            c = c.replace(a, b)
        out.add(re.sub(r"^(?:1|一)(?=亿元|千万元|万元)", "", c))
    return out


#: enterprises entering the statistics (入统, 纳统, “四上”): those of every size class the statistics count
_EVERY_CLASS = re.compile(r"入统|纳统|四上")


def classes_differ(target: str, label: str, before: str) -> bool:
    """A figure of a narrower set than the target's (限额以上单位商品零售额 for 社会消费品零售总额), or of a
    wider one (全市共签约项目41个 for 亿元以上工业项目): a class the target does not name, or the
    target's class missing where the figure names the target's thing and no words before it name
    the class (亿元以上项目96个;竣工项目31个 carries it over)."""
    if _EVERY_CLASS.search(target):
        return False  # 新增入统企业: 规上工业, 限上商贸, 资质以上建筑业 … all enter the statistics
    # 规上 is how industry is counted (规上工业增加值 for 工业增加值; 入规企业 are 规上): no class here
    want, got = size_classes(target) - {"规上"}, size_classes(label) - {"规上"}
    if got - want:
        return True
    missing = want - got
    return bool(missing) and overlap(_CLASS.sub("", target), _FRAME_VERB.sub("", label)) >= 1 \
        and not any(c in size_classes(before) for c in missing)


def narrower(t: Target, g: Finding) -> bool:
    """A rate of a narrower set than the target's: a size class the target does not name (规上 aside, as
    industry is counted so — unless the target is not industry's: 规上工业单位增加值能耗 for 单位GDP能耗)."""
    extra = size_classes(g.label) - size_classes(t.part)
    return bool(extra - {"规上"}) or ("规上" in extra and "工业" not in t.part and "企业" not in t.part)
