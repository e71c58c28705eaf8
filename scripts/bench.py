"""`make bench`: speed figures for the pipeline (printed, never asserted).

Parse and judge timings are medians over repeated runs in this process; the rendering figures
come from scripts/bench_render.py, which measures the naive chain and the batch side by side.
"""

from __future__ import annotations

import argparse
import os
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


def _render_once(root: Path, bureaus: list[str], with_earlier: bool) -> float:
    """One run of the city's and `bureaus`' pages from an empty output folder and batch state, with
    the earlier period's tables in place or hidden; its seconds (in the process of `--render-once`)."""
    import shutil

    from helpers import run as batch
    from helpers.compare import chain  # noqa: F401  the imports a run pays once per process, paid
    import pandera.pandas  # noqa: F401  before the clock starts on both sides

    processed = root / "processed"
    if not with_earlier:
        (processed / "2024Q1").rename(root / "hidden")
    shutil.rmtree(root / "output", ignore_errors=True)
    shutil.rmtree(root / ".cache" / "batch", ignore_errors=True)
    try:
        t = time.perf_counter()
        r = batch.run_batch("2024H1", bureaus=bureaus, processed_dir=processed / "2024H1",
                            output_dir=root / "output", cache_dir=root / ".cache", root=root,
                            build=False, research=False, progress=False, city=True)
        seconds = time.perf_counter() - t
    finally:
        if not with_earlier:
            (root / "hidden").rename(processed / "2024Q1")
    assert (r.manifest["comparison"]["period"] is not None) == with_earlier and not r.failed
    return seconds


def _render_in_process(root: Path, bureaus: list[str], with_earlier: bool) -> tuple[float, float]:
    """`_render_once` in a process of its own: (its seconds, the CPU seconds of that process and
    everything it started). A process per run: the workers one run leaves ending, and the render
    server a run into an empty folder starts (HELPERS_NO_SERVER, as bench_render.py does), would
    otherwise take the cores of the next run measured."""
    import json
    import resource

    env = dict(os.environ, HELPERS_NO_SERVER="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([sys.executable, __file__, "--render-once", json.dumps(
        {"root": str(root), "bureaus": bureaus, "with_earlier": with_earlier}, ensure_ascii=False)],
        env=env, check=True, capture_output=True, text=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return float(out.strip().splitlines()[-1]), cpu


def bench_comparison(repeat: int, n_bureaus: int = 4) -> None:
    """A period rendered with its comparison to an earlier one against the same without it.

    The earlier period is the seed judged as 2024Q1 (191 tasks, all matched: the largest
    comparison the seed allows). City + `n_bureaus` bureau briefings, HTML and PDF, each run
    from an empty output folder and batch state (the font subset cache is kept), in a process of
    its own; the two set-ups alternate (drift cancels), medians of the wall and of the CPU printed.
    """
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
        runs: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
        for i in range(repeat):
            for with_earlier in ((False, True) if i % 2 == 0 else (True, False)):
                runs[with_earlier].append(_render_in_process(root, bureaus, with_earlier))
    without, with_ = (statistics.median(wall for wall, _ in runs[w]) for w in (False, True))
    cpu0, cpu1 = (statistics.median(cpu for _, cpu in runs[w]) for w in (False, True))
    print(f"comparison H1 vs Q1 (191 tasks matched) median {compare_s * 1000:8.1f} ms")
    print(f"render city + {len(bureaus)} bureaus (HTML+PDF), median of {repeat}: without comparison "
          f"{without:.1f} s, with {with_:.1f} s, ratio {with_ / without:.3f}   target ≤ 1.10")
    print(f"  the same runs' CPU (process, workers, kernels): without {cpu0:.1f} s, with {cpu1:.1f} s, "
          f"ratio {cpu1 / cpu0:.3f}   (the comparison's own work; at load ≥ 5 the wall ratio scatters ±0.2 run to run)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--skip-render", action="store_true", help="only the table figures")
    ap.add_argument("--skip-long", action="store_true", help="skip the 2 MB / 20 MB cell")
    ap.add_argument("--before", help="a checkout of the code to compare the rendering with, side by side "
                                     "(scripts/bench_render.py --before)")
    ap.add_argument("--loop-only", action="store_true",
                    help="only the review loop (scripts/bench_render.py --loop-only), side by side with --before")
    ap.add_argument("--render-once", help=argparse.SUPPRESS)  # bench_comparison's one run, in its own process
    args = ap.parse_args()
    if args.render_once:
        import json

        job = json.loads(args.render_once)
        print(_render_once(Path(job["root"]), job["bureaus"], job["with_earlier"]))
        return 0
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
        bench_comparison(max(5, args.repeat // 3))
        if render.exists():
            print("\n== render: naive chain vs batch ==", flush=True)
            return subprocess.call([sys.executable, str(render), *before])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
