"""`make bench`: speed figures for the pipeline (printed, never asserted).

Parse and judge timings are medians over repeated runs in this process; the rendering figures
come from scripts/bench_render.py, which measures the naive chain and the batch side by side.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "luan_2024H1.txt"


def median_seconds(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench_table(repeat: int) -> None:
    from helpers.read.ingest import read_report
    from helpers.judge.status import judge
    from helpers.read.parse import parse_document
    from helpers.table import build_table, parsed_frame, resolve_period

    from helpers.read.align import clear_caches

    def parse_only():
        clear_caches()
        doc = read_report(SEED)
        parsed = parse_document(doc)
        return parsed_frame(parsed, resolve_period(doc, None), SEED.name)[0]

    tasks = parse_only()
    parse_s = median_seconds(parse_only, repeat)
    judge_s = median_seconds(lambda: judge(parse_only()), repeat)
    judge_only_s = median_seconds(lambda: judge(tasks), repeat)
    with tempfile.TemporaryDirectory() as d:
        table_s = median_seconds(lambda: build_table(SEED, out=d), max(3, repeat // 3))
    print(f"parse seed ({len(tasks)} rows)            median {parse_s * 1000:8.1f} ms   target < 500 ms")
    print(f"parse + judge seed                 median {judge_s * 1000:8.1f} ms   target < 1000 ms")
    print(f"judge seed (parsed rows)           median {judge_only_s * 1000:8.1f} ms   target < 500 ms")
    print(f"`table` command in-process (+write) median {table_s * 1000:8.1f} ms")


def bench_long_cell() -> None:
    """One progress cell of 2 MB and of 20 MB (the seed's text repeated): judging must stay linear."""
    from helpers.judge.status import judge_text

    seed = SEED.read_text(encoding="utf-8")
    task = "新开工亿元以上项目170个以上、竣工120个以上。"
    for mb in (2, 20):
        text = seed * (mb * 2**20 // len(seed.encode()))
        t = time.perf_counter()
        judge_text(task, text, "2024H1")
        print(f"judge one {mb:>2} MB progress cell      {time.perf_counter() - t:8.1f} s    (linear: 20 MB ≈ 10 × 2 MB)")


def bench_comparison(repeat: int, n_bureaus: int = 4) -> None:
    """A period rendered with its comparison to an earlier one against the same without it.

    The earlier period is the seed judged as 2024Q1 (191 tasks, all matched: the largest
    comparison the seed allows). City + `n_bureaus` bureau briefings, HTML and PDF, each run
    from an empty output folder and batch state (the font subset cache is kept); the two set-ups
    alternate, medians printed.
    """
    import shutil

    from helpers import run as batch
    from helpers.compare import chain
    from helpers.read.bureaus import lead_units
    from helpers.table import build_table

    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        processed = root / "processed"
        build_table(SEED, period="2024H1", out=processed / "2024H1")
        build_table(SEED, period="2024Q1", out=processed / "2024Q1", force_period=True)  # the seed as a Q1 report
        import pandas as pd

        bureaus = lead_units(pd.read_parquet(processed / "2024H1" / "tasks.parquet"))[:n_bureaus]
        compare_s = median_seconds(lambda: chain.build_comparison("2024H1", processed / "2024H1", write=False), 5)
        times: dict[bool, list[float]] = {True: [], False: []}
        for _ in range(repeat):
            for with_earlier in (False, True):
                if not with_earlier:
                    (processed / "2024Q1").rename(root / "hidden")
                shutil.rmtree(root / "output", ignore_errors=True)
                shutil.rmtree(root / ".cache" / "batch", ignore_errors=True)
                t = time.perf_counter()
                r = batch.run_batch("2024H1", bureaus=bureaus, processed_dir=processed / "2024H1",
                                    output_dir=root / "output", cache_dir=root / ".cache", root=root,
                                    build=False, research=False, progress=False)
                times[with_earlier].append(time.perf_counter() - t)
                if not with_earlier:
                    (root / "hidden").rename(processed / "2024Q1")
                assert (r.manifest["comparison"]["period"] is not None) == with_earlier and not r.failed
    without, with_ = statistics.median(times[False]), statistics.median(times[True])
    print(f"comparison H1 vs Q1 (191 tasks matched) median {compare_s * 1000:8.1f} ms")
    print(f"render city + {len(bureaus)} bureaus (HTML+PDF), median of {repeat}: without comparison "
          f"{without:.1f} s, with {with_:.1f} s, ratio {with_ / without:.3f}   target ≤ 1.10")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--skip-render", action="store_true", help="only the table figures")
    ap.add_argument("--skip-long", action="store_true", help="skip the 2 MB / 20 MB cell")
    ap.add_argument("--before", help="a checkout of the code to compare the rendering with, side by side "
                                     "(scripts/bench_render.py --before)")
    ap.add_argument("--loop-only", action="store_true",
                    help="only the review loop (scripts/bench_render.py --loop-only), side by side with --before")
    args = ap.parse_args()
    render = ROOT / "scripts" / "bench_render.py"
    before = ["--before", args.before] if args.before else []
    if args.loop_only:
        return subprocess.call([sys.executable, str(render), "--loop-only", *before])
    print("== table: parse and judge (2024H1 seed) ==")
    bench_table(args.repeat)
    if not args.skip_long:
        bench_long_cell()
    if not args.skip_render:
        print("\n== comparison with an earlier period (helpers.compare.chain) ==", flush=True)
        bench_comparison(max(2, args.repeat // 5))
        if render.exists():
            print("\n== render: naive chain vs batch ==", flush=True)
            return subprocess.call([sys.executable, str(render), *before])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
