"""Confidence is earned: the one function every status passes through before it is shown.

A status is confident only when the text supports it in full (docs/judging.md, "Confidence"):

1. every measurable part of the task is measured by a done clause of this period, or a verdict
   speaks of the task itself; a part left unmeasured, a forecast standing in for a result, a
   verdict against the figures, a share in words spanning two statuses, a target cut during the
   year, a ratio out of any plausible range — each is a reason to review;
2. no residual signal is left: words bearing on a status that no rule consumed — a wait on an
   outside act, the task's deliverable event said of it, a completion share, remaining work beside
   a completion — send the task to review. 定性推进 is confident only when
   the text makes no measurable claim about the task.

`decide` returns the reasons (empty: confident); `residual_signals` is computed once per reading
by helpers.judge.parts; `plausible` is the range check of every ratio the rules derive.
"""

from __future__ import annotations

from helpers.judge.clauses import is_result
from helpers.judge.evidence import Evidence, Part
from helpers.judge.subjects import refers_to_task
from helpers.judge.scope import REMAINING
from helpers.judge.targets import bigrams
from helpers.statuses import STATUS_ZH, review_reason

#: a completion ratio above this is no reading of the target: 7413 % is 74.13 % misplaced, while
#: the seed's own 1554 of 413 tonnes (376 %) is a real over-fulfilment
RATIO_BOUND = 10.0
#: a growth rate beyond this many percent is a misread figure (10²³ %)
RATE_BOUND = 1000.0


def plausible(part: Part) -> bool:
    """Range check of the ratios and rates the rules derived for a part; an implausible one is dropped
    (never printed as a fact) and the part flagged."""
    r = part.stated_ratio if part.stated_ratio is not None else part.computed_ratio
    rate = part.actual_value if part.method == "rate_target" and part.actual_unit == "%" else None
    if (r is not None and not 0 <= r <= RATIO_BOUND) or (rate is not None and abs(rate) > RATE_BOUND):
        shown = f"{r:.0%}" if r is not None and r <= 1e6 else "超出范围的比例" if r is not None else f"{rate}%"
        part.review.append(review_reason("ratio_out_of_range", shown))
        part.stated_ratio = part.computed_ratio = part.half = None
        part.met = None
        return False
    return True


def residual_signals(ev: Evidence, parts: list[Part], task: str) -> list[tuple[str, str]]:
    """(kind, clause) of the words bearing on a status that no part consumed: await (a wait on an
    outside act), event (the task's own deliverable event, in a done clause), share (a completion
    share of a plan), remaining (work still to do)."""
    used = set(ev.used) | {id(f) for p in parts for f in p.findings}
    lay, tb = ev.layout, bigrams(task)
    out: list[tuple[str, str]] = []
    for v in ev.verdicts:
        if v.status == "pending" and id(v) not in used:
            out.append(("await", v.text))
    wanted = {t.meaning for t in (p.target for p in parts) if t is not None and t.kind == "deliverable"}
    for f in ev.deliverables:
        if id(f) not in used and f.meaning in wanted and f.status == "completed" and is_result(f.modality) \
                and refers_to_task(ev, f.start, tb):
            out.append(("event", f.text))
    for f in ev.free(ev.ratios):
        if id(f) not in used and is_result(f.modality):
            out.append(("share", f.text))
    rest = REMAINING.search(lay.text)
    if rest:
        out.append(("remaining", lay.text[slice(*lay.around(rest.start(), rest.end()))]))
    return out


def _signal_reasons(status: str, signals: list[tuple[str, str]]) -> list[str]:
    """The residual signals that undo this status's confidence."""
    if status == "qualitative":
        bearing = [c for k, c in signals if k in ("await", "event", "share")]
    elif status == "completed":
        bearing = [c for k, c in signals if k == "remaining"]
    else:
        bearing = []
    return [review_reason("unread_signal", c) for c in bearing[:1]]


def _unmeasured(reading, fields: dict, rows: list[dict]) -> dict | None:
    """Numbers were found but no rule decided: which, and why the researcher should look."""
    unmeasured = [r["part"] for r in rows if r["status"] == "qualitative" and r["target_value"] is not None]
    if fields["status"] in ("qualitative", "pending") and (unmeasured or reading.unused_numbers):
        reason = review_reason("target_unmeasured" if unmeasured else "percent_unread")
        return {"status": fields["status"], "reason": reason, "numbers": unmeasured or reading.unused_numbers}
    if unmeasured and fields["status"] not in ("blocked",):
        return {"status": fields["status"], "reason": review_reason("partly_measured"), "numbers": unmeasured}
    return None


def decide(reading, fields: dict, rows: list[dict], truncated: bool = False) -> tuple[list[str], dict | None]:
    """Every reason this judgement is not confident (empty: it is), and the unmeasured numbers entry.

    The single gate of docs/judging.md: parts' own notes (verdict conflict, forecast only, range),
    the reading's (target cut, a part done while work remains), unmeasured targets or figures, a
    pending result, an official status that disagrees, residual signals, a row cut off.
    """
    reasons = [r for p in reading.parts for r in p.review] + list(reading.review)
    entry = _unmeasured(reading, fields, rows)
    if entry:
        reasons.append(entry["reason"])
    reasons += _signal_reasons(fields["status"], reading.signals)
    if fields["status"] == "pending" and not reasons:
        # the result is still to come: someone must look again when it is out
        reasons.append(review_reason("pending", fields["evidence"]))
    code = fields.get("official_status_code")
    if code and code != fields["status"]:
        reasons.append(review_reason("official_disagrees", f"原文为{STATUS_ZH[code]}，规则判为{fields['status_zh']}"))
    if truncated:
        # the report ends inside this row: whatever the rules read, they read part of the text
        reasons.append(review_reason("truncated"))
    return list(dict.fromkeys(reasons)), entry
