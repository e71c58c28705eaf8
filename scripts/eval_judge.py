"""`make eval`: how the judge agrees with the labelled sets (tests/data/) and the seed.

Prints, for each set apart (the labelled set by origin, the blind set's two halves, the seed),
agreement (the status or one of its also_ok readings), the share of confident errors (wrong and not
flagged for review), the share flagged, and per-status precision and recall. `--errors` lists
every disagreement with its reason — except the blind test half's: that half is printed only in
aggregate, so the rules are never fitted to its cases (tests/judge/test_evaluate.py checks it).
The seed has no independent labels: its rows are the statuses pinned by tests/judge/test_status_seed.py
(read one by one), so its figure says whether the rules still give them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "judge"))

from helpers.judge.evaluate import (  # noqa: E402
    Outcome, by_class, by_reason, disagreements, flag_totals, judge_case, notes_table, readers_agree, report,
    score, shown_lines, shown_measure)
from judge_set import (BLIND_ORIGINS, ambiguous, load_blind, load_judge_set, load_second_reader,  # noqa: E402
                       readable_by_writer)


def seed_cases() -> list[dict]:
    """The seed's pinned statuses as cases (task and progress from the parsed seed)."""
    from helpers.read.ingest import read_report
    from helpers.read.parse import parse_document
    from helpers.table import parsed_frame, resolve_period
    from test_status_seed import PINNED

    seed = ROOT / "data" / "raw" / "luan_2024H1.txt"
    doc = read_report(seed)
    tasks, _ = parsed_frame(parse_document(doc), resolve_period(doc, None), seed.name)
    by_id = tasks.set_index("task_id")
    return [{"case_id": tid, "task": by_id.loc[tid, "task"], "progress": by_id.loc[tid, "progress"] or "",
             "period": by_id.loc[tid, "period"], "status": st, "also_ok": []} for tid, st in PINNED.items()]


BLIND_10 = "blind set 10, development (kept back until round 8)"
BLIND_11 = "blind set 11, development (kept back until round 8)"
BLIND_12 = "blind set 12, development (kept back until round 9)"
BLIND_13 = "blind set 13, development (kept back until round 9)"
BLIND_14 = "blind set 14, development (kept back until round 10)"
BLIND_15 = "blind set 15, development (kept back until round 10)"
#: the groups another reader labelled a second time, blind (tests/judge_set.py, SECOND_READER)
SECOND_LABELLED = {BLIND_10: "dev10", BLIND_11: "dev11", BLIND_12: "dev12", BLIND_13: "dev13",
                   BLIND_14: "dev14", BLIND_15: "dev15"}
#: the freshest read sets: never read until this round, so a class of flags is measured on them apart
FRESH = (BLIND_12, BLIND_13)
#: the sets no rule was fitted to when they were first read (round 9's never-read measure): the shown-status
#: measure prints them apart
UNFITTED = ("dev14", "dev15")
#: the seed's statuses are pinned by the rules' authors, no independent labels: no class is measured on them
SEED = "seed (pinned statuses)"


def groups() -> list[tuple[str, list[dict], bool]]:
    """(name, cases, may list its cases) for every set `make eval` prints, in order."""
    cases = load_judge_set()
    return [("labelled set, all non-seed", cases, True),
            ("  of which corpus excerpts", [c for c in cases if c["origin"] == "corpus"], True),
            ("  of which written wordings", [c for c in cases if c["origin"] == "written"], True),
            ("blind set, development half", load_blind("dev"), True),
            ("blind set, test half (aggregate only)", load_blind("test"), False),
            ("blind set 2, development (long cells)", load_blind("dev2"), True),
            ("blind set 3, kept back (aggregate only)", load_blind("holdout"), False),
            ("blind set 4, development half", load_blind("dev4"), True),
            ("blind set 4, test half (aggregate only)", load_blind("test4"), False),
            ("blind set 7, development", load_blind("dev7"), True),
            ("blind set 9, development (seven offices)", load_blind("dev9"), True),
            ("blind set 5, development (kept back until round 7)", load_blind("dev5"), True),
            ("blind set 6, development (kept back until round 7)", load_blind("dev6"), True),
            ("blind set 8, development (kept back until round 7)", load_blind("dev8"), True),
            (BLIND_10, load_blind("dev10"), True),
            (BLIND_11, load_blind("dev11"), True),
            (BLIND_12, load_blind("dev12"), True),
            (BLIND_13, load_blind("dev13"), True),
            (BLIND_14, load_blind("dev14"), True),
            (BLIND_15, load_blind("dev15"), True),
            (SEED, seed_cases(), True)]


def repeats(name: str) -> bool:
    """Whether a group repeats cases of an earlier one (the labelled set's "of which" lines)."""
    return name.lstrip().startswith("of which")


def measures_classes(name: str, detailed: bool) -> bool:
    """Whether the flag classes are measured on a group: a labelled set read case by case, each case once
    (the seed's pinned statuses are no independent labels)."""
    return detailed and name != SEED and not repeats(name)


def holdout_group(path: Path) -> tuple[str, list[dict], bool]:
    """A labelled file kept outside the repository (the blind set's columns), printed in aggregate
    only like the test half, so it can measure the rules before anyone reads it."""
    return f"kept-back set {path.name} (aggregate only)", load_judge_set(path, BLIND_ORIGINS), False


def print_group(name: str, group: list[dict], detailed: bool, errors: bool,
                reasons: bool = False) -> list[Outcome]:
    """One set's scores; its disagreements (and, asked, its reasons' precision) only when the set
    may be read case by case. Returns the set's outcomes, for the sums."""
    outcomes = [judge_case(c) for c in group]
    print(report(name, score(outcomes)))
    if name in SECOND_LABELLED:
        print(readers_agree(group, load_second_reader(SECOND_LABELLED[name])))
    if not detailed:
        print()
        return outcomes
    if reasons:
        print(by_reason(outcomes))
    pairs = disagreements(outcomes)
    if pairs:
        print("  disagreements (label → judged): " + ", ".join(f"{e}→{g} ×{n}" for (e, g), n in pairs.items()))
    if errors:
        for c, o in zip(group, outcomes):
            if not o.agrees:
                flag = "flagged" if o.needs_review else "CONFIDENT"
                print(f"    {o.case_id} {o.expected} → {o.got} [{flag}] {c['task'][:30]} | "
                      f"{(c.get('progress') or '')[:60]} | {o.review_reason or ''}")
    print()
    return outcomes


def print_sums(read: list[Outcome], unread: list[Outcome], labelled: list[Outcome], fresh: list[Outcome]) -> None:
    """The flag budget summed over the sets: per review reason over every set that may be read, per
    class of the classed reasons (every labelled read set, the seed excepted, and the freshest apart), and
    for the aggregate-only sets their flags' total alone (no reason, no case)."""
    print(report("all read sets summed (each case once)", score(read)))
    print(by_reason(read))
    print(notes_table(read))
    print("  by class (all labelled read sets, the seed excepted; fresh = sets 12+13)")
    print(by_class(labelled, fresh))
    print()
    print(report("aggregate-only sets summed", score(unread)))
    print(flag_totals(unread))
    print()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--errors", action="store_true", help="list every disagreement (never the blind test half's)")
    ap.add_argument("--holdout", type=Path, help="also score this kept-back labelled CSV, in aggregate only")
    ap.add_argument("--by-reason", action="store_true",
                    help="per review reason and per method, how often the flag or confidence was right (read sets "
                         "only), and the flags summed over the read sets and, in aggregate, the others")
    ap.add_argument("--shown", action="store_true",
                    help="per review reason, how often each candidate reading of a flagged task is right against "
                         "the rules' own status, writer by writer (helpers.judge.shown; read sets only)")
    ap.add_argument("--only-holdout", action="store_true", help="score the kept-back CSV alone")
    args = ap.parse_args(argv)
    if args.only_holdout and not args.holdout:
        ap.error("--only-holdout needs --holdout FILE")
    # the repository's sets (and the seed's parse) only when they are printed
    sets = [] if args.only_holdout else groups()
    if args.holdout:
        sets.append(holdout_group(args.holdout))
    read: list[Outcome] = []
    unread: list[Outcome] = []
    labelled: list[Outcome] = []
    fresh: list[Outcome] = []
    for name, group, detailed in sets:
        outcomes = print_group(name, group, detailed, args.errors, args.by_reason)
        if not repeats(name):
            (read if detailed else unread).extend(outcomes)
        if measures_classes(name, detailed):
            labelled.extend(outcomes)
        if name in FRESH:
            fresh.extend(outcomes)
    if args.by_reason:
        print_sums(read, unread, labelled, fresh)
    if args.shown:
        print_shown()
    return 0


def print_shown() -> None:
    """The shown-status measure (docs/judging.md, "The status a flagged task shows"), by writer's set."""
    by_writer = {name: [judge_case(c) for c in cases] for name, cases in readable_by_writer().items()}
    print("shown status of flagged tasks: candidate vs the rules' status, where they differ "
          f"(ambiguous cases left out; fresh = {' + '.join(UNFITTED)}, never fitted)")
    print(shown_lines(shown_measure(by_writer, ambiguous()), UNFITTED))


if __name__ == "__main__":
    raise SystemExit(main())
