"""Work whose season comes later in the year (DOMAIN: pending "or is seasonal").

搬迁工作计划于汛后10月份集中开展, 冬春季集中除治期为当年10月至次年4月, 疫木除治须在冬春季集中开展: the cell puts
the task's work in a season of its own, a flood season over, a winter and spring, a harvest. When nothing else
measures the task, that is a wait on the season, not standing work (定性推进). helpers.judge.parts reads it last,
after every other reading, so a figure or a verdict of the task always decides before it.
"""

from __future__ import annotations

import re

from helpers.judge.clauses import is_result
from helpers.judge.evidence import Evidence, Part
from helpers.judge.findings import Finding
from helpers.judge.targets import QUALIFIER, bigrams, overlap

#: the seasons work is tied to: after the flood season, winter and spring, the farming year's slack and harvest
SEASON = (r"汛后|汛期(?:结束)?后|冬春季?|秋冬季?|冬季|春季|秋季|夏季|农闲(?:季节|时节)?"
          r"|(?:采摘|收获|收购|除治|造林|栽植|植树)(?:期|季)")
#: the work gathered into its season (…于汛后10月份集中开展, 冬春季集中除治期为…, 须在冬春季(11月至次年3月)集中开展)
SEASONAL = re.compile(rf"(?:{SEASON})[^,,。;;|]{{0,16}}?集中(?:开展|实施|进行|推进|施工|除治|搬迁|造林|收购|发放|建设)")


def season_awaited(ev: Evidence, task: str, parts: list[Part]) -> list[Part]:
    """A pending part when nothing measured the task and a clause of this period's report (not a problem)
    puts the task's work (a word of the task in its sentence) in a season of its own."""
    if any(p.method != "none" or p.verdict for p in parts):
        return []
    lay = ev.layout
    tb = bigrams(QUALIFIER.sub("", task))
    for m in SEASONAL.finditer(lay.text):
        mod = lay.modality_at(m.start())
        if (is_result(mod) or mod in ("intention", "forecast")) \
                and overlap(tb, lay.sentence_text(lay.sentence_of(m.start()))) >= 1:
            a, b = lay.around(m.start(), m.end())
            f = Finding("verdict", a, b, lay.sentence_of(m.start()), lay.text[a:b], status="pending", modality=mod)
            return [Part(None, [f], method="verdict_phrase", verdict="pending")]
    return []
