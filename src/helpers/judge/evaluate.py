"""How well the judge agrees with a labelled set: agreement, per-status precision/recall, confident errors.

A case agrees when the judged status is the label's status or one of its `also_ok` readings. A
confident error is a case that disagrees and was not flagged for review (needs_review False): the
worst kind, a wrong status that reaches a briefing with nothing to warn the reader.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from helpers.judge.flag_classes import meets_bound
from helpers.judge.shown import ADOPTED, adoptable, reason_key
from helpers.judge.status import judge_one
from helpers.statuses import REASON_SEP, REVIEW_REASONS, STATUSES, reason_class, reason_label


@dataclass
class Outcome:
    case_id: str
    expected: str
    also_ok: tuple[str, ...]
    got: str
    needs_review: bool
    review_reason: str | None
    evidence: str | None
    method: str = "none"
    note_reason: str | None = None
    ruled: str = ""  # the rules' own status before a flagged task's shown status was chosen (judge.shown)
    candidates: dict = field(default_factory=dict)  # a flagged task's candidate readings: name → status

    def right(self, status: str) -> bool:
        """Whether `status` is the label or one also accepted for the case."""
        return status == self.expected or status in self.also_ok

    @property
    def agrees(self) -> bool:
        return self.right(self.got)

    @property
    def confident_error(self) -> bool:
        return not self.agrees and not self.needs_review


@dataclass
class Scores:
    n: int
    agreement: float
    confident_errors: int
    confident_error_share: float
    flagged_share: float
    per_status: dict[str, dict[str, float | int]] = field(default_factory=dict)


def _also_ok(case: dict) -> tuple[str, ...]:
    raw = case.get("also_ok") or ()
    if isinstance(raw, str):
        raw = [x for x in raw.split(";")]
    return tuple(x.strip() for x in raw if x and x.strip())


def judge_case(case: dict) -> Outcome:
    """Judge one labelled case (keys of tests/judge_set.py) with the same function the table uses."""
    j = judge_one(case["task"], case.get("progress") or "", case["period"],
                  official_status=case.get("official_status") or None,
                  official_status_field=case.get("official_status_field") or None, every_candidate=True)
    fields = j.fields
    return Outcome(str(case.get("case_id", "")), case["status"], _also_ok(case), fields["status"],
                   bool(fields["needs_review"]), fields["review_reason"], fields["evidence"], fields["method"],
                   fields["note_reason"], j.ruled, j.candidates)


def score(outcomes: list[Outcome]) -> Scores:
    """Agreement, confident errors and per-status precision/recall (a hit counts also_ok readings)."""
    n = len(outcomes)
    agree = sum(o.agrees for o in outcomes)
    conf = sum(o.confident_error for o in outcomes)
    per: dict[str, dict[str, float | int]] = {}
    for s in STATUSES:
        predicted = [o for o in outcomes if o.got == s]
        actual = [o for o in outcomes if o.expected == s]
        if not predicted and not actual:
            continue
        tp_p = sum(o.agrees for o in predicted)
        tp_r = sum(o.agrees for o in actual)
        per[s] = {"labelled": len(actual), "judged": len(predicted),
                  "precision": tp_p / len(predicted) if predicted else float("nan"),
                  "recall": tp_r / len(actual) if actual else float("nan")}
    return Scores(n, agree / n if n else float("nan"), conf, conf / n if n else float("nan"),
                  sum(o.needs_review for o in outcomes) / n if n else float("nan"), per)


def report(name: str, s: Scores) -> str:
    """A plain-text block of the scores, for `make eval`."""
    lines = [f"{name}: {s.n} cases, agreement {s.agreement:.3f}, confident errors {s.confident_errors} "
             f"({s.confident_error_share:.1%}), flagged for review {s.flagged_share:.1%}",
             f"  {'status':<12}{'labelled':>9}{'judged':>8}{'precision':>11}{'recall':>8}"]
    for st, d in s.per_status.items():
        lines.append(f"  {st:<12}{d['labelled']:>9}{d['judged']:>8}{d['precision']:>11.2f}{d['recall']:>8.2f}")
    return "\n".join(lines)


def _labels(reason: str | None) -> list[str]:
    """The review reasons' labels (the text before "："), each once."""
    return list(dict.fromkeys(reason_label(r) for r in (reason or "").split(REASON_SEP) if r))


def by_reason(outcomes: list[Outcome]) -> str:
    """How well each review reason detects an error, and each method's confident judgements hold.

    Per reason: cases flagged with it, how many of them are wrong (its precision as an error
    detector), how many it alone flags (dropping it would make them confident) and, of those, how
    many are wrong and how many right (the flags it alone spends on nothing). Per method of the
    confident judgements: how many, and how many wrong (the gate's leaks).
    """
    flagged: dict[str, list[Outcome]] = {}
    for o in outcomes:
        for lab in _labels(o.review_reason) if o.needs_review else ():
            flagged.setdefault(lab, []).append(o)
    lines = [f"  {'review reason':<34}{'flagged':>8}{'wrong':>7}{'prec':>6}{'alone':>7}{'alone wrong':>12}"
             f"{'alone right':>12}"]
    for lab, os_ in sorted(flagged.items(), key=lambda kv: -len(kv[1])):
        alone = [o for o in os_ if len(_labels(o.review_reason)) == 1]
        wrong = sum(not o.agrees for o in os_)
        alone_wrong = sum(not o.agrees for o in alone)
        lines.append(f"  {lab[:32]:<34}{len(os_):>8}{wrong:>7}{wrong / len(os_):>6.2f}{len(alone):>7}"
                     f"{alone_wrong:>12}{len(alone) - alone_wrong:>12}")
    lines.append(f"  {'confident, by method':<34}{'n':>8}{'wrong':>7}")
    methods = Counter(o.method for o in outcomes if not o.needs_review)
    for m, n in methods.most_common():
        wrong = sum(o.confident_error for o in outcomes if o.method == m)
        lines.append(f"  {m:<34}{n:>8}{wrong:>7}")
    return "\n".join(lines)


def _classed(outcomes: list[Outcome]) -> dict[tuple[str, str], list[Outcome]]:
    """(reason label, class) → the flagged outcomes whose reason names that class (helpers.judge.flag_classes)."""
    out: dict[tuple[str, str], list[Outcome]] = {}
    for o in outcomes:
        if not o.needs_review:
            continue
        for r in dict.fromkeys((o.review_reason or "").split(REASON_SEP)):
            kind = reason_class(r)
            if kind:
                out.setdefault((reason_label(r), kind), []).append(o)
    return out


def class_counts(outcomes: list[Outcome]) -> dict[tuple[str, str], tuple[int, int]]:
    """(reason label, class) → (flags, right among them): how often a class flags a right status."""
    return {k: (len(v), sum(o.agrees for o in v)) for k, v in _classed(outcomes).items()}


def by_class(read: list[Outcome], fresh: list[Outcome]) -> str:
    """Per class of a classed review reason (helpers.judge.flag_classes): flags and right among them over
    every read set, and on the freshest sets (`fresh`) apart, and whether the class meets the bound
    under which it may stop flagging."""
    every, new = class_counts(read), class_counts(fresh)
    lines = [f"    {'class':<36}{'flagged':>8}{'right':>7}{'share':>7}{'fresh':>7}{'right':>7}  may stop flagging"]
    for label in dict.fromkeys(lab for lab, _ in every):
        lines.append(f"  {label}")
        for (lab, kind), (n, right) in sorted(every.items(), key=lambda kv: -kv[1][0]):
            if lab != label:
                continue
            fn, fr = new.get((lab, kind), (0, 0))
            # a class name is Chinese: pad by its printed width (two columns a character)
            lines.append(f"    {kind}{' ' * max(1, 36 - 2 * len(kind))}{n:>8}{right:>7}{right / n:>7.2f}{fn:>7}{fr:>7}"
                         f"  {'yes' if meets_bound(n, right, fn, fr) else 'no'}")
    return "\n".join(lines)


def note_shares(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    """Per note (helpers.statuses.REASONS, role note): the cases it stands beside and how many of them are
    right — the measure a note must keep (NOTE_BOUND over at least NOTE_MIN_CASES cases, docs/judging.md)."""
    out: dict[str, tuple[int, int]] = {}
    for o in outcomes:
        for lab in _labels(o.note_reason):
            n, right = out.get(lab, (0, 0))
            out[lab] = (n + 1, right + o.agrees)
    return out


def notes_table(outcomes: list[Outcome]) -> str:
    """note_shares as lines under by_reason (read sets only)."""
    lines = [f"  {'note (no review)':<34}{'cases':>8}{'right':>7}{'share':>7}"]
    for lab, (n, right) in sorted(note_shares(outcomes).items(), key=lambda kv: -kv[1][0]):
        lines.append(f"  {lab[:32]:<34}{n:>8}{right:>7}{right / n:>7.3f}")
    return "\n".join(lines)


def flag_totals(outcomes: list[Outcome]) -> str:
    """The flags of a set in aggregate only (no reason, no case): how many cases are flagged, how
    many of them are wrong (flags that catch an error) and right (flags spent on a right status)."""
    flagged = [o for o in outcomes if o.needs_review]
    wrong = sum(not o.agrees for o in flagged)
    return (f"  flagged {len(flagged)} of {len(outcomes)}: {wrong} wrong, {len(flagged) - wrong} right; "
            f"confident errors {sum(o.confident_error for o in outcomes)}")


def readers_agree(cases: list[dict], second: dict[str, tuple[str, frozenset[str]]]) -> str:
    """How far two readers who labelled the same cases independently agree: the same status, and
    compatible (their acceptable statuses — status and also_ok — overlap)."""
    same = sum(c["status"] == second[c["case_id"]][0] for c in cases)
    compatible = sum(bool({c["status"], *_also_ok(c)} & second[c["case_id"]][1]) for c in cases)
    n = len(cases)
    return f"  a second reader, labelling blind: same status {same / n:.3f}, compatible {compatible / n:.3f}"


def disagreements(outcomes: list[Outcome]) -> Counter:
    """(expected, got) pairs of the cases that disagree, most common first."""
    return Counter((o.expected, o.got) for o in outcomes if not o.agrees)


#: one candidate's measure in one set: (cases where it differs from the rules' status, it right, the rules'
#: status right, it right where the rules' status is wrong, the rules' status right where it is wrong)
ShownCount = tuple[int, int, int, int, int]


def shown_measure(sets: dict[str, list[Outcome]], ambiguous: frozenset[str] = frozenset()
                  ) -> dict[tuple[tuple[str, str | None], str], dict[str, ShownCount]]:
    """How often each candidate reading of a flagged task (helpers.judge.shown) is right against the rules'
    own status, per review reason (code, 【class】) and candidate, set by set (a set is one writer's).
    Cases two readers labelled differently are ambiguous and left out (nothing is fitted to them)."""
    out: dict[tuple[tuple[str, str | None], str], dict[str, ShownCount]] = {}
    for name, outcomes in sets.items():
        for o in outcomes:
            if not o.needs_review or o.case_id in ambiguous:
                continue
            keys = dict.fromkeys(k for r in (o.review_reason or "").split(REASON_SEP) if (k := reason_key(r)))
            ruled = o.right(o.ruled)
            for key in keys:
                for cand, status in o.candidates.items():
                    if status == o.ruled:
                        continue
                    it = o.right(status)
                    n, c, r, w, lo = out.setdefault((key, cand), {}).get(name, (0, 0, 0, 0, 0))
                    out[(key, cand)][name] = (n + 1, c + it, r + ruled, w + (it and not ruled), lo + (ruled and not it))
    return out


def shown_adoptable(per_set: dict[str, ShownCount]) -> bool:
    """helpers.judge.shown.adoptable on one candidate's measure (wins and losses per set)."""
    return adoptable({s: (w, lo) for s, (_, _, _, w, lo) in per_set.items()})


def shown_lines(measure: dict[tuple[tuple[str, str | None], str], dict[str, ShownCount]],
                fresh: tuple[str, ...] = ()) -> str:
    """The measure as lines for `make eval --shown`: per reason and candidate, cases, candidate right,
    rules' status right, writers' sets won, the unfitted sets (`fresh`) apart, adopted or not."""
    lines = [f"  {'reason【class】 / candidate':<44}{'cases':>6}{'cand':>6}{'rules':>6}{'sets won':>9}"
             f"{'fresh c/r':>11}  adoptable adopted"]
    for (key, cand), per in sorted(measure.items(), key=lambda kv: -sum(v[0] for v in kv[1].values())):
        n, c, r = (sum(v[i] for v in per.values()) for i in range(3))
        won = sum(v[3] > v[4] for v in per.values())
        fc, fr = (sum(v[i] for s, v in per.items() if s in fresh) for i in (1, 2))
        name = REVIEW_REASONS[key[0]][:14] + (f"【{key[1]}】" if key[1] else "")
        lines.append(f"  {name + ' / ' + cand}{' ' * max(1, 44 - 2 * len(name) - len(cand) - 3)}{n:>6}{c:>6}{r:>6}"
                     f"{won:>9}{f'{fc}/{fr}':>11}  {'yes' if shown_adoptable(per) else 'no':<9} "
                     f"{'yes' if ADOPTED.get(key) == cand else ''}")
    return "\n".join(lines)
