"""What measured a part (`Part`) and everything one progress text says (`Evidence`, read once by
`gather`): step 2 of helpers.judge.parts."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from helpers.judge.clauses import Layout
from helpers.judge.figures import find_actuals
from helpers.judge.findings import (PRELIMINARY, Finding, find_comparisons, find_deliverables,
                                    find_growths, find_halves, find_levels, find_ranks, find_stated_ratios,
                                    find_verdicts)
from helpers.judge.lexicon import Lexicon, load_lexicon
from helpers.judge.rates import find_rate_levels, hand_out_rates
from helpers.judge.shows import find_shows_opened
from helpers.judge.targets import Target

#: 建成区 (the built-up area) is a noun, not a done mark
DONE_MARK = re.compile(r"已|完成|完工|建成(?!区)|竣工")
ACTUAL_MARK = re.compile(r"已|完成|完工|建成(?!区)|累计|实现|达到?")
PRELIMINARY_RX = re.compile(PRELIMINARY)


@dataclass
class Part:
    """A part with what measured it; helpers.judge.status turns this into a status."""

    target: Target | None
    findings: list[Finding] = field(default_factory=list)
    method: str = "none"
    stated_ratio: float | None = None
    computed_ratio: float | None = None
    half: float | None = None  # 完成全年任务过半: a lower bound of the ratio
    actual_value: Decimal | None = None
    actual_unit: str | None = None
    verdict: str | None = None  # status given by a phrase (rule 1)
    met: bool | None = None  # rate, level, comparison targets (rule 3)
    period_target: bool = False  # the ratio is of a quarter's own target, not the year's
    deliverable_missed: bool = False  # the event is stated not to have happened (尚未投入使用)
    promised_later: bool = False  # the event is promised for a date after this year
    whole_task: bool = False  # a verdict said of the task itself (项目已撤销), not of one of its parts
    share_range: tuple[Decimal, Decimal] | None = None  # a ratio said in words (近七成) allows a range
    # the same figures read the other way — their sum beside one item, or one item beside their sum
    other_ratio: float | None = None
    other_text: str = ""
    other_reason: str = ""  # the review reason's code when the two readings disagree
    review: list[str] = field(default_factory=list)

    @property
    def evidence(self) -> Finding | None:
        return self.findings[0] if self.findings else None



class ByStart:
    """Figures indexed by where they start, so that those of one stretch of text are found by bisection,
    not by a scan of all (a long cell has thousands: a scan per figure made judging it quadratic)."""

    def __init__(self, figures: list[Finding]) -> None:
        self.figures = figures
        self.order = sorted(range(len(figures)), key=lambda i: figures[i].start)
        self.starts = [figures[i].start for i in self.order]

    def starting(self, lo: int, hi: int) -> list[Finding]:
        """The figures starting at lo to hi (both included), in the list's own order."""
        return [self.figures[i] for i in sorted(self.order[bisect_left(self.starts, lo):bisect_right(self.starts, hi)])]


@dataclass
class Evidence:
    """All findings of one progress text, with the layout they were placed in."""

    layout: Layout
    verdicts: list[Finding]
    ratios: list[Finding]
    halves: list[Finding]
    growths: list[Finding]
    comparisons: list[Finding]
    deliverables: list[Finding]
    actuals: list[Finding]
    plans: list[Finding]
    levels: list[Finding]
    ranks: list[Finding]
    used: set[int] = field(default_factory=set)  # ids of findings a part has taken
    year: int | None = None  # the report's year
    rivals: dict[int, Finding] = field(default_factory=dict)  # target id → a figure as likely as the one it took
    labels: frozenset[int] = frozenset()  # where the reader blanked a list label (①, (2)) in layout.text
    apart: dict[int, Finding] = field(default_factory=dict)  # target id → the figures it took, read the other way

    def all_findings(self) -> list[Finding]:
        """Every finding of every finder, group by group (verdicts … ranks)."""
        return [f for group in (self.verdicts, self.ratios, self.halves, self.growths, self.comparisons,
                                self.deliverables, self.actuals, self.plans, self.levels, self.ranks) for f in group]

    def free(self, items: list[Finding]) -> list[Finding]:
        return [f for f in items if id(f) not in self.used]

    def has_verdicts(self, sentence: int) -> bool:
        return sentence in self._by_sentence

    def verdicts_in(self, sentence: int) -> list[Finding]:
        return [v for v in self._by_sentence.get(sentence, []) if id(v) not in self.used]

    def actuals_in(self, sentence: int) -> list[Finding]:
        """The figures of one sentence, in order (looked up per figure: a long cell has thousands)."""
        return self._actuals_by_sentence.get(sentence, [])

    def forget_verdicts(self, drop: set[int]) -> None:
        """Take verdicts (by id) out of the reading, as if never found: the task says they are of something else."""
        self.verdicts[:] = [v for v in self.verdicts if id(v) not in drop]
        self._index_verdicts()

    def _index_verdicts(self) -> None:
        self._by_sentence: dict[int, list[Finding]] = {}
        for v in self.verdicts:
            self._by_sentence.setdefault(v.sentence, []).append(v)

    def __post_init__(self) -> None:
        self._index_verdicts()
        self._actuals_by_sentence: dict[int, list[Finding]] = {}
        for a in self.actuals:
            self._actuals_by_sentence.setdefault(a.sentence, []).append(a)
        #: the figures by where they start, indexed once per cell for every target's lookups (sums, apart)
        self.actuals_by_start = ByStart(self.actuals)


def gather(progress: str, lex: Lexicon | None = None) -> Evidence:
    """Read the progress text once: its clauses (with modality) and every finding in them."""
    lex = lex or load_lexicon()
    layout = Layout(progress, lex)
    verdicts = find_verdicts(progress, layout, lex)
    actuals, plans = find_actuals(progress, layout)
    growths = find_growths(progress, layout, lex)
    growths = sorted(growths + find_rate_levels(progress, layout, growths), key=lambda f: f.start)
    growths = hand_out_rates(progress, layout, growths)
    ev = Evidence(layout, verdicts, find_stated_ratios(progress, layout), find_halves(progress, layout, verdicts, lex),
                  growths, find_comparisons(progress, layout, lex),
                  sorted(find_deliverables(progress, layout, lex) + find_shows_opened(progress, layout),
                         key=lambda f: f.start), actuals, plans, find_levels(progress, layout),
                  find_ranks(progress, layout))
    for group, kind in ((ev.verdicts, "verdict"), (ev.ratios, "stated_ratio"), (ev.halves, "stated_ratio"),
                        (ev.growths, "growth"), (ev.comparisons, "comparison"), (ev.ranks, "rank"),
                        (ev.deliverables, "deliverable"), (ev.actuals, "actual"), (ev.plans, "plan")):
        for f in group:
            c = layout.clause_of(f.start)
            if c is not None:
                c.kinds.add(kind)
    return ev

