"""A change in percentage points (docs/judging.md, "A change in percentage points"): a target to raise or lower a
rate by N points (较上年提高2个百分点) met or missed by the change the text says of the same rate
(达线率较上年提高2.6个百分点; 近视率为51.9%，较上年的52.7%下降0.8个百分点)."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers.judge.clauses import is_result
from helpers.judge.evidence import Evidence, Part
from helpers.judge.findings import Finding, _finding, _label_before
from helpers.judge.targets import POINTS_FALL, POINTS_UNIT, Target, overlap

#: a change of a rate in points; 上升 and 回升 say a rise as 提高 does, 回落 and 下滑 a fall
_CHANGE = re.compile(r"(?P<verb>提高|提升|增加|上升|回升|增长|下降|降低|减少|回落|下滑)了?\s*(?P<val>\d+(?:\.\d+)?)\s*个百分点")
#: a gap to another base (高于全省平均1.7个百分点, 快于序时进度5个百分点) is no change of the rate
_OTHER_BASE = re.compile(r"全省|全国|序时|进度|平均")


def point_changes(ev: Evidence) -> list[Finding]:
    """Each change in points of a result clause, signed (a fall is negative), labelled by its sentence up to it."""
    lay = ev.layout
    out = []
    for m in _CHANGE.finditer(lay.text):
        label = _label_before(lay, m.start(), 0)
        if not is_result(lay.modality_at(m.start())) or _OTHER_BASE.search(label[-12:]):
            continue
        value = Decimal(m["val"]) * (-1 if m["verb"] in POINTS_FALL else 1)
        out.append(_finding(lay, "growth", m.start(), m.end(), value=value, unit=POINTS_UNIT, label=label))
    return out


def match_points(part: Part, t: Target, ev: Evidence, tb: set[str]) -> None:
    """The change of the target's rate (two bigrams of its name) decides: at least the points asked, or, for a
    fall, at least that fall; a change of another rate (录取率 for 达线率) measures nothing."""
    scored = [(overlap(tb, f.label[-24:]), f) for f in point_changes(ev)]
    scored = [(s, f) for s, f in scored if s >= 2]
    if not scored:
        return
    best = max(scored, key=lambda sf: sf[0])[1]
    part.findings.append(best)
    part.actual_value, part.actual_unit, part.method = best.value, POINTS_UNIT, "rate_target"
    part.met = best.value <= -t.value if t.direction == "lower" else best.value >= t.value
