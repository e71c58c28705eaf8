"""`make eval-meta`: how many surface rewritings of the read labelled cases keep their judgement.

For every case that may be read case by case (tests/data/judge_set.csv and the blind development
sets, never the aggregate-only ones) and every metamorphic relation of tests/judge/metamorphic.py:
the variants made, how many keep the judgement (the same status, no flag lost), and for the pace
shift how many follow the band. `--failures NAME` lists one relation's variants that break it.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "judge"))

from judge_set import load_judge_set, load_readable_blind  # noqa: E402
from metamorphic import INVARIANT, run, shifted  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--failures", metavar="NAME", help="list the variants that break this relation (or 'pace_shift')")
    ap.add_argument("--only", metavar="NAME", help="run this relation alone")
    args = ap.parse_args(argv)
    cases = load_judge_set() + load_readable_blind()  # every case that may be read case by case
    transforms = {k: v for k, v in INVARIANT.items() if not args.only or k == args.only}
    checks = run(cases, transforms) if transforms else []
    per: dict[str, list] = defaultdict(list)
    for c in checks:
        per[c.name].append(c)
    total = kept = 0
    print(f"{len(cases)} read cases; per relation: variants, kept (same status, no flag lost), status changed, flag lost")
    for name in transforms:
        cs = per.get(name)
        if not cs:
            continue
        k = sum(c.kept for c in cs)
        total, kept = total + len(cs), kept + k
        moved = sum(c.before.got != c.after.got for c in cs)
        lost = sum(c.before.needs_review and not c.after.needs_review for c in cs)
        print(f"  {name:<20}{len(cs):>6}{k:>7} ({k / len(cs):.3f}){moved:>6}{lost:>5}")
    if total:
        print(f"  {'all invariant':<20}{total:>6}{kept:>7} ({kept / total:.3f})")
    if not args.only or args.only == "pace_shift":
        sh = shifted(cases)
        ok = sum(o.got == v["status"] for v, o in sh)
        print(f"  {'pace_shift':<20}{len(sh):>6}{ok:>7} ({ok / max(len(sh), 1):.3f})  follow the band")
        if args.failures == "pace_shift":
            for v, o in sh:
                if o.got != v["status"]:
                    print(f"    {v['case_id']} {v['period']} want {v['status']} got {o.got} | {v['progress'][:90]}")
    if args.failures in per:
        for c in per[args.failures]:
            if not c.kept:
                print(f"    {c.case_id} {c.before.got}{'?' if c.before.needs_review else ''} → "
                      f"{c.after.got}{'?' if c.after.needs_review else ''} | {c.variant['progress'][:100]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
