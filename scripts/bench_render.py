#!/usr/bin/env python
"""Benchmark the briefing batch against the naive chain, side by side in one run (issue 5).

Everything happens in a temporary copy of the project (HELPERS_ROOT), so the real output/,
data/processed/ and .cache/ are not touched:

1. naive baseline on two bureaus, each briefing as separate commands: `papermill`, then
   `jupyter nbconvert --to html --no-input`, then `weasyprint` with the system's full CJK font;
2. the whole period (city + every bureau, HTML and PDF, plus the two research notebooks) with
   `helpers.run.run_batch`, from a clean output folder and an empty cache (the font subset is
   built inside this figure);
3. a rerun with nothing changed, with the raw report's path spelled otherwise, and after
   `run --bureau X` (all three must rewrite nothing); a rerun after one override (the tables
   change, so every page re-renders: a page is keyed on the whole table);
4. peak memory of the batch (its process tree, sampled), and the medians of each step.

Prints figures only; the targets are printed beside them, nothing fails. The machine has two
cores shared with whatever else runs: figures taken beside other work are noisy.

Usage: python scripts/bench_render.py [--period 2024H1] [--jobs 0] [--keep]
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


class PeakMemory:
    """Peak resident memory of this process and all its descendants, sampled every 0.1 s."""

    def __init__(self) -> None:
        try:
            import psutil
        except ImportError:  # not a dependency: the figure is then reported as n/a
            psutil = None
        self.proc = psutil.Process() if psutil else None
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        procs = [self.proc]
        try:
            procs += self.proc.children(recursive=True)
        except Exception:
            pass
        for p in procs:
            try:
                total += p.memory_info().rss
            except Exception:
                pass
        return total

    def _run(self) -> None:
        while self.proc is not None and not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(0.1)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def naive_chain(bureaus: list[str], period: str, processed: Path, notebooks: Path, out: Path,
                env: dict[str, str]) -> list[dict[str, float]]:
    """papermill → nbconvert --no-input → weasyprint (system font), one briefing at a time."""
    bindir = Path(sys.executable).parent
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for i, bureau in enumerate(bureaus):
        nb, html, pdf = out / f"b{i}.ipynb", out / f"b{i}.html", out / f"b{i}.pdf"
        r = {
            "papermill": _timed([str(bindir / "papermill"), "--no-progress-bar", str(notebooks / "briefing_bureau.ipynb"),
                                 str(nb), "-p", "period", period, "-p", "bureau", bureau,
                                 "-p", "processed_dir", str(processed)], env),
            "nbconvert": _timed([str(bindir / "jupyter"), "nbconvert", "--to", "html", "--no-input",
                                 str(nb), "--output", html.stem, "--output-dir", str(out)], env),
            "weasyprint": _timed([str(bindir / "weasyprint"), str(html), str(pdf)], env),
        }
        r["total"] = sum(r.values())
        rows.append(r)
    return rows


def add_override(csv_path: Path, period: str, task_id: str, field: str, value: str) -> None:
    new = not csv_path.exists() or not csv_path.read_text(encoding="utf-8-sig").strip()
    with csv_path.open("a", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        if new:
            w.writerow(["period", "task_id", "field", "value", "note"])
        w.writerow([period, task_id, field, value, "bench"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--period", default="2024H1")
    ap.add_argument("--jobs", type=int, default=0, help="batch workers (default: cores)")
    ap.add_argument("--naive", type=int, default=2, help="bureaus rendered the naive way (default 2)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary project and print its path")
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="bench-render-"))
    for sub in ("data/raw", "data/reference", "notebooks"):
        shutil.copytree(REPO / sub, tmp / sub)
    os.environ["HELPERS_ROOT"] = str(tmp)  # before helpers is imported: every path in the copy
    os.environ.pop("HELPERS_CACHE", None)
    env = dict(os.environ)

    from helpers import run as batch, paths
    from helpers.read.bureaus import lead_units
    from helpers.table import build_table

    period = args.period
    raw = batch.default_raw(period)
    if raw is None:
        print(f"no raw report for {period} in {paths.RAW}", file=sys.stderr)
        return 2
    print(f"bench in {tmp} (cores: {os.cpu_count()}; load average now: "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())})")

    t = time.perf_counter()
    build_table(raw, period=period, out=paths.processed_dir(period))
    print(f"table build: {time.perf_counter() - t:.1f} s")
    import pandas as pd

    tasks = pd.read_parquet(paths.tasks_path(period))
    bureaus = lead_units(tasks)  # the set `run` renders by default
    n_briefings = 1 + len(bureaus)

    # 1. naive baseline
    naive = naive_chain(bureaus[: args.naive], period, paths.processed_dir(period), paths.NOTEBOOKS,
                        tmp / "naive", env)
    per_naive = _median([r["total"] for r in naive])
    print(f"\nnaive chain, {len(naive)} bureau briefings (papermill → nbconvert → weasyprint, full system font):")
    for step in ("papermill", "nbconvert", "weasyprint", "total"):
        print(f"  {step:<11} median {_median([r[step] for r in naive]):6.1f} s")

    # 2. whole set from a clean output folder and an empty cache
    shutil.rmtree(paths.OUTPUT, ignore_errors=True)
    shutil.rmtree(paths.CACHE, ignore_errors=True)
    kw = dict(jobs=args.jobs, progress=False, raw=raw)
    with PeakMemory() as mem:
        t = time.perf_counter()
        full = batch.run_batch(period, **kw)
        whole = time.perf_counter() - t
    naive_set = per_naive * n_briefings
    print(f"\nwhole set: city + {len(bureaus)} bureaus = {n_briefings} briefings (HTML+PDF), "
          f"+ 2 research notebooks (HTML)")
    print(f"  batch, clean output and cache: {whole:6.1f} s   ({len(full.rendered)} rendered, "
          f"{len(full.failed)} failed)")
    print(f"  naive estimate {per_naive:.1f} s × {n_briefings} = {naive_set:6.1f} s")
    print(f"  ratio batch / naive: {whole / naive_set:.2f}   (target ≤ 0.25; ≤ ~90 s here)")
    steps: dict[str, list[float]] = {}
    for job, tm in full.timings.items():
        if job.startswith("bureau:"):
            for k, v in tm.items():
                steps.setdefault(k, []).append(v)
    per_job = [b["seconds"] for b in full.manifest["briefings"] if b["kind"] == "bureau"]
    print(f"  per bureau briefing, inside the batch: median {_median(per_job):.2f} s "
          f"(execute {_median(steps.get('execute', [])):.2f}, html {_median(steps.get('html', [])):.2f}, "
          f"pdf {_median(steps.get('pdf', [])):.2f})")
    print(f"  warm PDF render median: {_median(steps.get('pdf', [])):.2f} s   (target < 1.5 s)")
    print(f"  peak memory of the batch's process tree: {mem.peak / 2**30:.2f} GB   (target < 2 GB)")

    # 3. reruns
    out = paths.output_dir(period)
    snap = {str(p): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    t = time.perf_counter()
    again = batch.run_batch(period, **kw)
    rerun = time.perf_counter() - t
    rewritten = sum(1 for p in out.rglob("*") if p.is_file() and snap.get(str(p)) != p.stat().st_mtime_ns)
    print(f"\nrerun, nothing changed: {rerun:.2f} s, {len(again.rendered)} rendered, "
          f"{rewritten} files rewritten   (target < 0.5 s, nothing rewritten)")
    cwd = os.getcwd()
    os.chdir(raw.parent)
    try:
        t = time.perf_counter()
        spelled = batch.run_batch(period, **dict(kw, raw=Path(".") / raw.name))
        t_spelled = time.perf_counter() - t
    finally:
        os.chdir(cwd)
    t = time.perf_counter()
    batch.run_batch(period, **dict(kw, bureaus=[bureaus[0]]))
    t_one = time.perf_counter() - t
    t = time.perf_counter()
    after_one = batch.run_batch(period, **kw)
    t_after = time.perf_counter() - t
    rewritten = sum(1 for p in out.rglob("*") if p.is_file() and snap.get(str(p)) != p.stat().st_mtime_ns)
    print(f"rerun with --raw ./{raw.name}: {t_spelled:.2f} s (table rebuilt: {spelled.table_built}); "
          f"`run --bureau {bureaus[0]}`: {t_one:.2f} s; then `run` again: {t_after:.2f} s; "
          f"{len(spelled.rendered) + len(after_one.rendered)} rendered, {rewritten} files rewritten in all")

    one = next(b for b in bureaus if (tasks["bureau"] == b).sum() >= 2)
    task_id = str(tasks.loc[tasks["bureau"].eq(one), "task_id"].iloc[0])
    add_override(paths.OVERRIDES_CSV, period, task_id, "evidence", "经核实，以市统计局最新数据为准。")
    t = time.perf_counter()
    ev = batch.run_batch(period, **kw)
    print(f"rerun after one evidence override ({task_id}, {one}): {time.perf_counter() - t:.1f} s, "
          f"{len(ev.rendered)} re-rendered (every page is keyed on the whole table)")


    if args.keep:
        print(f"\nkept: {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
