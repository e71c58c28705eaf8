"""Things a count names one by one (梅山路、佛子岭路、解放路; 城南九年一贯制学校、皋城中学新校区已于9月投用):
counted done when their own words say so (helpers.judge.actuals reads them as a figure of the target)."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers.judge.clauses import is_result
from helpers.judge.evidence import Evidence
from helpers.judge.findings import Finding
from helpers.judge.quantities import SHARE_IN_CLAUSE, find_quantities
from helpers.judge.sums import COUNTY


#: a named thing reported done in its clause (梅山路已完工), not in part (佛子岭路完成60%, 完成六成) or not yet
_ITEM_DONE = re.compile(r"已|完成|完工|建成|竣工|通车|投用|投入使用|验收")
_ITEM_NOT_DONE = re.compile(rf"{SHARE_IN_CLAUSE.pattern}|未|尚|正在|在建|待|主体|前期|招标|设计")


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


#: names listed before what was done with them (城南九年一贯制学校、皋城中学新校区已于9月投用): two or more
#: names of three characters or more, joined by 、 or 和, opening a clause that holds no figure
_NAMES = re.compile(r"(?:^|(?<=[,;。:\n]))\s*(?P<names>[\u4e00-\u9fff“”‘’]{3,16}(?:[、和][\u4e00-\u9fff“”‘’]{3,16})+)"
                    r"(?P<verb>(?:均|都|全部)?已(?:于[^,;。]{0,8}?)?[^,;。\d]{0,4}?(?:建成|竣工|完工|投用|投入使用|交付|"
                    r"开工|通过验收|获批|挂牌|开业|开放|完成)(?:并?(?:投入使用|投用|开业|运营|开放))?)(?=\s*(?:[,;。]|$))")


_GENERIC_TAIL = re.compile(r"(?:任务|工作|目标|项目)$")


def named_list_counts(ev: Evidence, unit: str) -> list[Finding]:
    """城南九年一贯制学校、皋城中学新校区已于9月投用 for 新建城区学校3所: the things named one by one before
    the verb that says them done count as that many (2), in the target's classifier; the clause holds no
    figure of its own (3所学校已建成 is read as its figure)."""
    text, out = ev.layout.text, []
    for m in _NAMES.finditer(text):
        a, b = ev.layout.around(m.start("names"), m.end("verb"))
        if find_quantities(text[a:b]) or not is_result(ev.layout.modality_at(m.start("verb"))):
            continue
        names = re.split(r"[、和]", m["names"])
        if any(COUNTY.match(n) or _GENERIC_TAIL.search(n) for n in names):
            continue  # 金安区、裕安区改造任务已全部完成: places and tasks are no things counted
        out.append(Finding("actual", m.start("names"), m.end("verb"), ev.layout.sentence_of(m.start()),
                           text[m.start("names"):m.end("verb")], value=Decimal(len(names)), unit=unit,
                           label=m["names"] + m["verb"]))
    return out
