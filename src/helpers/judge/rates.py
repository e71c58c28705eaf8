"""Growth rates beyond the plain 增长5.5%: a rate said as the level it reached (增速回落至7.6%, 增速较一季度提高
1.2个百分点，达7.6%: the rate is the figure after the change, never the change in points), and the rates a 分别 hands
out to the subjects listed before it (事故17起、死亡15人，同比分别下降19%和11.8%: each rate is its own subject's)."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers.judge.clauses import Layout
from helpers.judge.findings import Finding, _finding, _label_before
from helpers.judge.quantities import find_quantities

#: the rate's noun, then in its clause a change to a level (回落至, 提高到), or after one comma the level
#: (，达7.6%); never another noun's level after a comma (…回落0.6个百分点,工资性收入占比提高到52.3%)
_RATE_LEVEL = re.compile(r"(?:增速|增幅|增长率|涨幅)[^。;;,,%|]{0,24}?"
                         r"(?:(?:回落|回升|提高|加快|放缓|下降|上升|提升|收窄|扩大|升|降)(?:至|到)|[,，]\s*(?:达到?|为))"
                         r"\s*(?P<val>-?\d+(?:\.\d+)?)\s*%")


def find_rate_levels(progress: str, layout: Layout, growths: list[Finding]) -> list[Finding]:
    """Growth rates said as a level reached, where no growth finding already holds the number."""
    held = {g.start for g in growths}
    out = []
    for m in _RATE_LEVEL.finditer(progress):
        start = m.start("val")
        if start in held or any(g.start <= start < g.end for g in growths):
            continue
        f = _finding(layout, "growth", start, m.end(), value=Decimal(m["val"]), unit="%",
                     label=_label_before(layout, m.start(), 0) + progress[m.start():start])
        out.append(f)
    return out


#: the values after the first a 分别 hands out: 和11.8%, 、8%, 和下降20% (a verb of its own is read as a growth already)
_MORE_VALUES = re.compile(r"\s*(?:和|、|及|与)\s*(?P<verb>[\u4e00-\u9fff]{1,4}?)?\s*(?P<val>\d+(?:\.\d+)?)\s*%")
#: the listed subjects end where a clause of their sentence holds no list: split at 、 and commas
_LIST_SPLIT = re.compile(r"[、,，]")
_SPAN_WORDS = re.compile(r"^(?:同比|较上年|比上年|较去年|比去年|同期)+$")


def _subjects(text: str, s0: int, pos: int) -> list[str]:
    """The subjects listed before a 分别 at pos in its sentence (from s0): the pieces holding a figure
    (事故17起、死亡15人，同比分别…). Kinds named with no figure (新材料、农产品加工两大产业产值分别增长…) are parts of
    a whole, their rates a breakdown's: none are handed out."""
    pieces = [x for x in _LIST_SPLIT.split(text[s0:pos]) if x and not _SPAN_WORDS.match(x)]
    return [x for x in pieces if find_quantities(x)]


def _noun_of(piece: str) -> str:
    """A listed subject's words before its figure (全市发生生产安全事故17起 → 全市发生生产安全事故)."""
    q = next(iter(find_quantities(piece)), None)
    return piece[:q.start] if q is not None else piece


def _with_head(first: str, subject: str) -> str:
    """结算金额9.8亿元 after 全市跨省异地就医直接结算67.3万人次: a later subject repeating a word of the first's noun
    names the same frame with a measure of its own, the frame printed once — it takes the first's head."""
    head, own = _noun_of(first), _noun_of(subject)
    shared = {head[i:i + 2] for i in range(len(head) - 1)} & {own[i:i + 2] for i in range(len(own) - 1)}
    return head + subject if shared and head else subject


def hand_out_rates(progress: str, layout: Layout, growths: list[Finding]) -> list[Finding]:
    """分别下降19%和11.8% after 事故17起、死亡15人: the rates a 分别 hands out, one per subject listed before it, in
    their order. Returns the growths with the later values added (same direction as the first, unless a verb of
    their own says otherwise) and each rate labelled with its subject — only when the subjects and the values
    are as many; else the growths as they were."""
    by_start = {g.start: g for g in growths}
    added: list[Finding] = []
    for g in growths:
        if not progress.endswith("分别", 0, g.start):
            continue
        group, pos = [g], g.end
        while (m := _MORE_VALUES.match(progress, pos)) is not None:
            own = by_start.get(m.start("verb") if m["verb"] else -1)
            if own is None and m["verb"]:
                break  # 和提高2个百分点: a value of another kind
            sign = 1 if g.value >= 0 else -1
            group.append(own or _finding(layout, "growth", m.start("val"), m.end(),
                                         value=sign * Decimal(m["val"]), unit="%", label=""))
            pos = m.end()
        subjects = _subjects(progress, layout.sentence_start(g.sentence), g.start - 2)
        if len(group) < 2 or len(subjects) != len(group):
            continue
        for f, subject in zip(group, subjects):
            f.label = _with_head(subjects[0], subject) if f is not g else subject
        added += [f for f in group if f.start not in by_start]
    return sorted(growths + added, key=lambda f: f.start)
