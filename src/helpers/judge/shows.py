"""A show said to open, an event held in other words (docs/judging.md, "Deliverable events"): 博览会10月18日至
20日在市会展中心开展 — 开展 ending its clause, said of an exhibition named first with its date or place next —
is the show held, as 开幕 is. 开展 with an object (开展宣传), said of the preparations (筹备工作有序开展) or
of another activity during the show (活动在博览会期间开展) is none."""

from __future__ import annotations

import re

from helpers.judge.clauses import Layout
from helpers.judge.findings import Finding

#: an exhibition named first in its clause, its date, place or manner right after it
_SHOW_FIRST = re.compile(r"^[^,，。;；|]{0,16}?(?:博览会|博会|展会|展销会|交易会|展览会?|车展|书展|花展|灯展|画展|年货节)"
                         r"(?=\d|于|在|如期|顺利|正式|$)")
_OPENS = re.compile(r"开展(?=$|[,，。;；|])")
_NOT = re.compile(r"未|没有|不再")


def find_shows_opened(progress: str, layout: Layout) -> list[Finding]:
    """Each show said to open, as a deliverable finding of the `hold` meaning (its modality the clause's)."""
    out = []
    for m in _OPENS.finditer(progress):
        a, b = layout.around(m.start(), m.end())
        before = progress[a:m.start()]
        if _SHOW_FIRST.match(before) and not _NOT.search(before):
            out.append(Finding("deliverable", m.start(), m.end(), layout.sentence_of(m.start()), progress[a:b],
                               modality=layout.modality_at(m.start()), meaning="hold", status="completed"))
    return out
