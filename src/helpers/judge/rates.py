"""A growth rate said as the level it reached (增速回落至7.6%, 增速较一季度提高1.2个百分点，达7.6%):
the rate is the figure after the change, never the change in points."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers.judge.clauses import Layout
from helpers.judge.findings import Finding, _finding, _label_before

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
