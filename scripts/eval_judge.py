"""`make eval`: how the judge agrees with the labelled set (tests/data/judge_set.csv) and the seed.

Prints, for each origin apart (corpus excerpts, written wordings, and the seed), agreement (the
status or one of its also_ok readings), the share of confident errors (wrong and not flagged for
review) and per-status precision and recall. `--errors` lists every disagreement with its reason.
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

from helpers.judge.evaluate import disagreements, judge_case, report, score  # noqa: E402
from judge_set import load_judge_set  # noqa: E402


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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--errors", action="store_true", help="list every disagreement")
    args = ap.parse_args()
    cases = load_judge_set()
    groups = {"labelled set, all non-seed": cases,
              "  of which corpus excerpts": [c for c in cases if c["origin"] == "corpus"],
              "  of which written wordings": [c for c in cases if c["origin"] == "written"],
              "seed (pinned statuses)": seed_cases()}
    for name, group in groups.items():
        outcomes = [judge_case(c) for c in group]
        print(report(name, score(outcomes)))
        pairs = disagreements(outcomes)
        if pairs:
            print("  disagreements (label → judged): " + ", ".join(f"{e}→{g} ×{n}" for (e, g), n in pairs.items()))
        if args.errors:
            for c, o in zip(group, outcomes):
                if not o.agrees:
                    flag = "flagged" if o.needs_review else "CONFIDENT"
                    print(f"    {o.case_id} {o.expected} → {o.got} [{flag}] {c['task'][:30]} | "
                          f"{(c.get('progress') or '')[:60]} | {o.review_reason or ''}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
