"""The status a FLAGGED task shows: the rules' best measured guess among the readings they already have.

A flagged task still shows a status on the pages and counts in agreement, and the reviewer starts from
it. When the rules doubt the reading that decided it, they hold other readings of the same text: the
status of the other parts with the doubted one set aside, the report's own status column, an unread
figure of the target's unit against the target, the status the unread words imply, the figures read
the other way. Which of them is right more often than the status the rules give is measured per
review reason (and its 【class】) over every labelled set, writer by writer (docs/judging.md, "The
status a flagged task shows"); a reading is adopted for a reason only where it wins in the sets of at
least MIN_WRITERS writers and overall by a clear margin (`adoptable`), and
tests/judge/test_shown_status.py recomputes it. Nothing the rules are sure of changes: a confident
judgement is never touched, and a task whose status is chosen so stays flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

from helpers.judge.clauses import is_result
from helpers.judge.parts import Reading
from helpers.judge.quantities import SHARE_UNITS, convert, find_quantities, ratio
from helpers.judge.targets import bigrams, overlap
from helpers.statuses import (BY_LABEL, REVIEW_REASONS, STATUS_ZH, aggregate, ratio_status, reason_class,
                              reason_label)

#: every candidate reading → how the reason text says it gave the shown status
CANDIDATES = {
    "set_aside": "未采用此依据，按其余内容判断",
    "official": "取自原文完成状态",
    "figure": "取自未被采用的目标单位数字",
    "words": "取自未被采用的状态字眼",
    "other_reading": "取自数字的另一种读法",
}
#: the method column of a candidate's status (set_aside takes the method of the part that decides then)
METHOD = {"official": "official_status", "figure": "computed_ratio", "words": "verdict_phrase",
          "other_reading": "computed_ratio"}
#: the families of residual words (helpers.judge.signals) → the status they say, read alone
WORD_STATUS = {"done": "completed", "verdict_done": "completed", "event": "completed", "use": "completed",
               "attained": "completed", "halt": "blocked", "order": "blocked", "await": "pending"}

#: (review reason code, its 【class】 or None) → the candidate that replaces the rules' status there.
#: Measured (docs/judging.md): an actual far above its target (ratio_unlikely) is right as 已完成 in 1
#: of 17 flagged cases over the read sets; the other parts' status, the figure set aside, in 13.
ADOPTED: dict[tuple[str, str | None], str] = {("ratio_unlikely", None): "set_aside"}

#: a candidate is adopted for a reason only where it beats the rules' status in this many writers' sets
MIN_WRITERS = 3
#: … and overall by a clear margin: of the cases where exactly one of the two is right, the candidate wins
#: at least MIN_NET more and a fair coin would give as many wins with probability at most MAX_P
MIN_NET = 3
MAX_P = 0.05

_CODE = {label: code for code, label in REVIEW_REASONS.items()}


@dataclass(frozen=True)
class Choice:
    """A candidate reading chosen as the shown status, and the review reason that chose it."""

    name: str
    status: str
    reason: int  # the index of the review reason (in the task's review list) whose class adopted it
    aside: tuple[int, ...] = ()  # set_aside: the parts set aside


def reason_key(reason: str) -> tuple[str, str | None] | None:
    """(code, 【class】) of one stored review reason; None for a label no REASONS entry has."""
    label = reason_label(reason)
    return (_CODE[label], reason_class(reason)) if label in BY_LABEL else None


def _deciders(statuses: list[str], status: str) -> tuple[int, ...]:
    """The parts that decided a measured status: those with the task's status (the doubts of
    helpers.judge.confidence._decider_doubts are about them)."""
    return () if status == "qualitative" else tuple(i for i, s in enumerate(statuses) if s == status)


def _set_aside(statuses: list[str], status: str) -> str | None:
    """The status of the other parts when the deciding parts are set aside (qualitative when none is left)."""
    out = _deciders(statuses, status)
    return aggregate([s for i, s in enumerate(statuses) if i not in out])[0] if out else None


def _named_figure(reading: Reading, pace: float) -> str | None:
    """An unread result figure in a count or amount target's unit, the one whose clause names the target
    best (two shared bigrams at least), against that target."""
    ev = reading.evidence
    targets = [p.target for p in reading.parts if p.target is not None and p.target.kind in ("count", "amount")
               and p.target.value and p.target.unit]
    if ev is None or not targets:
        return None
    lay, used = ev.layout, {p.evidence.start for p in reading.parts if p.evidence is not None}
    planned = {f.start for f in ev.plans}
    best = None
    for q in find_quantities(lay.text):
        if q.unit in SHARE_UNITS or q.start in planned or q.start in used or not is_result(lay.modality_at(q.start)):
            continue
        clause = lay.text[lay.around(q.start, q.end)[0]:q.end]
        for t in targets:
            n, value = overlap(bigrams(t.label or t.part), clause), convert(q.value, q.unit, t.unit)
            if value is not None and n >= 2 and (best is None or n > best[0]):
                best = (n, value, t)
    if best is None:
        return None
    r = ratio(best[1], best[2].value)
    return None if r is None else ratio_status(r, pace)


def _words(reading: Reading, fields: dict, statuses: list[str]) -> str | None:
    return next((WORD_STATUS[s.kind] for s in reading.signals if s.kind in WORD_STATUS), None)


def _other_reading(reading: Reading, fields: dict, statuses: list[str]) -> str | None:
    other = next((p.other_ratio for p in reading.parts if p.other_ratio is not None), None)
    return None if other is None else ratio_status(other, fields["pace"])


#: each candidate's reading: (reading, judgement fields, the parts' statuses) → the status it gives, or None
_READ = {
    "set_aside": lambda reading, fields, statuses: _set_aside(statuses, fields["status"]),
    "official": lambda reading, fields, statuses: fields.get("official_status_code") or None,
    "figure": lambda reading, fields, statuses: _named_figure(reading, fields["pace"]),
    "words": _words,
    "other_reading": _other_reading,
}


def adopted(reason: str) -> str | None:
    """The candidate ADOPTED for one stored review reason (by its code and 【class】), or None."""
    return ADOPTED.get(reason_key(reason) or ("", None))


def wanted(review: list[str]) -> tuple[str, ...]:
    """The candidates a flagged task's review reasons have adopted (only they need reading when judging)."""
    return tuple(dict.fromkeys(n for n in map(adopted, review) if n))


def candidates(reading: Reading, fields: dict, statuses: list[str],
               names: tuple[str, ...] = tuple(CANDIDATES)) -> dict[str, str]:
    """The candidate readings `names` (CANDIDATES) of a task that the rules have → the status each gives."""
    return {n: s for n in names for s in [_READ[n](reading, fields, statuses)] if s is not None}


def choose(review: list[str], found: dict[str, str], status: str, statuses: list[str]) -> Choice | None:
    """The adopted candidate that replaces a flagged task's status, or None: the review reasons' adopted
    candidates (ADOPTED) that differ from the status must agree on one status, else the rules' stays."""
    picks = []
    for i, r in enumerate(review):
        name = adopted(r)
        if name is not None and name in found and found[name] != status:
            picks.append(Choice(name, found[name], i, _deciders(statuses, status) if name == "set_aside" else ()))
    return picks[0] if picks and len({c.status for c in picks}) == 1 else None


def annotate(reason: str, choice: Choice) -> str:
    """The review reason that chose the shown status, saying which reading gave it."""
    said = f"（显示为“{STATUS_ZH[choice.status]}”，{CANDIDATES[choice.name]}）"
    return f"{reason}{said}" if "：" in reason else f"{reason}：{said}"


def sign_p(wins: int, losses: int) -> float:
    """One-sided sign test: the chance of at least `wins` wins in wins + losses fair coin tosses."""
    n = wins + losses
    return sum(comb(n, k) for k in range(wins, n + 1)) / 2 ** n if n else 1.0


def adoptable(per_set: dict[str, tuple[int, int]]) -> bool:
    """Whether a candidate may replace the rules' status for a reason, from its measure per writer's set:
    set → (wins, losses) on the cases where exactly one of the candidate and the rules' status is right.
    It must win in at least MIN_WRITERS sets and overall by MIN_NET, beyond what chance gives (MAX_P)."""
    wins = sum(w for w, _ in per_set.values())
    losses = sum(lo for _, lo in per_set.values())
    return sum(w > lo for w, lo in per_set.values()) >= MIN_WRITERS and wins - losses >= MIN_NET \
        and sign_p(wins, losses) <= MAX_P
