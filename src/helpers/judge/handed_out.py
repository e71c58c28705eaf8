"""Values handed out by 分别 to the subjects listed before it (移动、电信、联通三家运营商分别建成5G基站96个、
54个、41个): each subject did one value, so together they did the sum. Added up only when the subjects are who
did the work — agents or places, naming none of the target's words — never kinds of the target's thing
(新建和改造城市公园分别为5个、8个: only one kind is the target's) nor spans of time (7月、8月、9月分别…: the
quarters' and months' own sums are helpers.judge.sums'). The subjects listed may not be all there are,
so the sum is a lower bound: labelled as a sum of parts (helpers.judge.sums.COUNTY_SUM), a shortfall is flagged."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers.judge.clauses import is_result
from helpers.judge.evidence import Evidence
from helpers.judge.findings import Finding
from helpers.judge.sums import COUNTY_SUM
from helpers.judge.targets import QUALIFIER, bigrams

_EACH = re.compile(r"分别")
#: subjects that are spans of time (7月、8月、9月; 一季度、二季度; 2023年、2024年): months' flows, not who did the work
_WHEN = re.compile(r"\d{1,4}\s*(?:月|年)|[一二三四]季度|上半年|下半年|[一二三四五六七八九十]+月")
#: what separates the subjects listed before 分别 (移动、电信、联通; 城区和县城)
_SUBJECTS_SPLIT = re.compile(r"、|和|及|以及|与")
#: what may stand between two values of one list (96个、54个和41个): the same words
_LINK = re.compile(rf"\s*(?:{_SUBJECTS_SPLIT.pattern})\s*")
#: a time or scope word opening the clause before the subjects (截至9月底, 上半年, 今年以来)
_OPENER = re.compile(r"^(?:截至[^,，;；。]{0,8}?(?:底|末|日)|\d{1,2}\s*[-—~至]\s*\d{1,2}月(?:份)?|上半年|前三季度|今年以来|目前)\s*")


def each_sums(ev: Evidence, target: str) -> list[Finding]:
    """The sums of the values a 分别 hands out, one per 分别 whose subjects are who did the work."""
    text, out, tb = ev.layout.text, [], bigrams(QUALIFIER.sub("", target))
    for m in _EACH.finditer(text):
        a0, _ = ev.layout.around(m.start(), m.end())
        subjects = [s for s in _SUBJECTS_SPLIT.split(_OPENER.sub("", text[a0:m.start()].strip(" ,，;；:：")))
                    if s.strip()]
        values = _listed_after(ev, m.end())
        if len(values) < 2 or len(subjects) != len(values) or not all(is_result(v.modality) for v in values):
            continue
        if any(bigrams(s) & tb or _WHEN.search(s) for s in subjects):
            continue  # 新建和改造城市公园分别为…: kinds, not who did it; 7月、8月、9月分别…: when, not who
        total = sum((v.value for v in values), Decimal(0))
        out.append(Finding("actual", values[0].start, values[-1].end, values[0].sentence,
                           text[values[0].start:values[-1].end], value=total, unit=values[0].unit,
                           label=values[0].label + COUNTY_SUM, modality=values[0].modality))
    return out


def _listed_after(ev: Evidence, pos: int) -> list[Finding]:
    """The figures of one unit right after a 分别, in its clause, joined only by 、 or 和 (96个、54个、41个)."""
    _, b0 = ev.layout.around(pos, pos + 1)
    figures = sorted(ev.actuals_by_start.starting(pos, b0 - 1), key=lambda a: a.start)
    run: list[Finding] = []
    for a in figures:
        if run and (a.unit != run[0].unit or not _LINK.fullmatch(ev.layout.text[run[-1].end:a.start])):
            break
        run.append(a)
    return run
