"""Which words name a place of the area a figure is said of, beyond one county by its suffix (helpers.judge.sums adds
the places' figures up): every county or every level together, and names alone under a heading of their kind."""

from __future__ import annotations

import re

from helpers.judge.clauses import Layout
from helpers.judge.findings import Finding

#: a time word that may open a clause before the place it is said of (目前霍山县…, 截至6月底,金寨县…, 1-9月金安区…)
PLACE_OPENER = r"(?:(?:目前|当前|现已|截至[^,;。]{0,8}?(?:底|末|日)|\d{1,2}\s*[-—~至]\s*\d{1,2}月(?:份)?|上半年|前三季度|今年以来)\s*)?"
#: every county or every level together opening a clause (各县区, 各县（市、区）, 各县市区, 市县两级, 市县乡三级): the whole
#: area — a part only beside another part of it (市本级举办18场，各县区合计举办34场)
ALL_TOGETHER = re.compile(rf"^\s*{PLACE_OPENER}(?:各县(?:区|市区|（市、区）|\(市、区\))?|(?:市县|县乡|市县乡|县镇)(?:两|三)级)")
#: a heading that names the kind of the places listed after it (各街道报表：, 据县区统计汇总：, 各乡镇上报：, 分街道看：)
_PLACES_HEADING = re.compile(r"(?:县区|县市区|县（市、区）|县\(市、区\)|街道|乡镇)[^,,;;。:：\d]{0,8}[:：]")
#: a place's name alone before its figure: a few characters, no number (鼓楼街道, 金寨, 天长市, 千人桥)
_BARE_NAME = re.compile(r"\s*(?P<name>[\u4e00-\u9fff]{2,5})\s*$")


def named_under_a_heading(a: Finding, lay: Layout, verb: re.Pattern) -> str | None:
    """区人社局汇总各街道报表：鼓楼街道412人，三里桥街道386人…: a figure right after a name alone (no `verb` in it), in
    a sentence whose heading names the places' kind, is that place's part of the whole; else None."""
    if _PLACES_HEADING.search(lay.text, lay.sentence_start(a.sentence), a.start) is None:
        return None
    name = _BARE_NAME.match(lay.clause_before(a.start, a.end, fine=True))
    return name["name"] if name and not verb.search(name["name"]) else None
