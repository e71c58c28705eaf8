#!/usr/bin/env python
"""Benchmark the briefing batch against the naive chain, side by side in one run.

Everything happens in temporary copies of the project (HELPERS_ROOT), so the real output/,
data/processed/ and .cache/ are not touched:

1. the naive chain on two unit briefings, each as separate commands: `papermill`, then
   `jupyter nbconvert --to html --no-input`, then `weasyprint` with the system's full CJK font;
2. the whole period (city + every unit, HTML and PDF, plus the two research notebooks) with
   `helpers.run.run_batch`, from a clean output folder and an empty cache (the font subset is
   built inside this figure), `--repeat` times, in wall seconds and in CPU seconds (the run's
   process, its workers and their kernels; the naive chain's commands likewise): the machine is
   shared, and the CPU a run costs moves little with the others' load where its seconds do;
3. the review loop, each command as a researcher types it (its own process), 3 times each with
   a different task, each step for every code in turn, the pages each re-rendered listed: a rerun with nothing changed; one task's
   text corrected (an `evidence` row in overrides.csv), then `run`; that correction reworded,
   then `run`; one task's status corrected in the ledger, then `review import` and `run`
   (`--loop-only`: this step alone).

With `--before DIR` (a checkout of the code to compare with), steps 2 and 3 run for both codes,
alternating, each in its own process and project copy with that checkout's `src/` first on
PYTHONPATH: the figures share the machine's conditions. Prints figures only; the targets are
printed beside them, nothing fails. The machine has two cores shared with whatever else runs.

Usage: python scripts/bench_render.py [--period 2024H1] [--jobs 0] [--repeat 2] [--before DIR] [--keep]
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def _median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def cpu_seconds(who: int = resource.RUSAGE_CHILDREN) -> float:
    """CPU seconds (user + system) of this process, or of its finished children: the batch's
    workers, which wait for their kernels, and the naive chain's commands. The machine is shared,
    so wall seconds follow everyone's load; the CPU a run costs hardly does."""
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


# ------------------------------------------------------------------ inside one side's process

def _run(period: str, jobs: int, raw: Path, **kw: Any) -> tuple[float, Any]:
    from helpers import run as batch

    t = time.perf_counter()
    result = batch.run_batch(period, jobs=jobs, progress=False, raw=raw, **kw)
    return time.perf_counter() - t, result


def measure_whole(period: str, jobs: int) -> dict[str, Any]:
    """The whole period from a clean output folder and an empty cache."""
    from helpers import paths
    from helpers.period_tables import default_raw

    shutil.rmtree(paths.OUTPUT, ignore_errors=True)
    shutil.rmtree(paths.CACHE, ignore_errors=True)
    cpu = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds()
    seconds, r = _run(period, jobs, default_raw(period))
    for worker in multiprocessing.active_children():  # ending after the run returned: their CPU too
        worker.join()
    cpu = cpu_seconds(resource.RUSAGE_SELF) + cpu_seconds() - cpu
    steps: dict[str, list[float]] = {}
    for job, tm in r.timings.items():
        if job.startswith("bureau:"):
            for k, v in tm.items():
                steps.setdefault(k, []).append(v)
    return {"seconds": seconds, "cpu": cpu, "rendered": len(r.rendered), "failed": len(r.failed),
            "steps": {k: _median(v) for k, v in steps.items()}}


def _cli(*args: str) -> float:
    """One command as the researcher types it (`python -m helpers …`, its own process); seconds."""
    return _timed([sys.executable, "-m", "helpers", *args], dict(os.environ))


def _page_keys() -> dict[str, str]:
    """Each page's key in the batch state (helpers.run): a page whose key moved was re-rendered."""
    from helpers import paths

    keys: dict[str, str] = {}
    for state in (paths.CACHE / "batch").glob("state-*.json"):
        for page, entry in json.loads(state.read_text(encoding="utf-8")).items():
            if isinstance(entry, dict) and "key" in entry:
                keys[page] = entry["key"]
    return keys


def _rendered_by(step: Any) -> tuple[float, list[str]]:
    """Run `step` (which returns seconds); (seconds, the pages re-rendered meanwhile)."""
    before = _page_keys()
    seconds = step()
    after = _page_keys()
    return seconds, sorted(k for k, v in after.items() if before.get(k) != v)


def _text_correction(period: str, n: int, again: bool = False) -> str:
    """Correct the evidence text of the first task of the (5 + n)-th largest unit in overrides.csv,
    as a researcher's note would (a row added, the earlier ones kept), or with `again` reword that
    correction (its row rewritten); that unit."""
    import pandas as pd

    from helpers import paths

    tasks = pd.read_parquet(paths.tasks_path(period))
    unit = tasks["bureau"].value_counts().index[5 + n]
    task = str(tasks.loc[tasks["bureau"].eq(unit), "task_id"].iloc[0])
    path = paths.OVERRIDES_CSV
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0] if rows else ["period", "task_id", "field", "value", "note"]
    text = f"经{'再次' if again else ''}核实，以市统计局最新数据为准（{n + 1}）。"
    row = [{"period": period, "task_id": task, "field": "evidence", "value": text, "note": "bench"}.get(h, "")
           for h in header]
    mine = [r for r in rows[1:] if r[:3] == row[:3]]
    body = [row if r[:3] == row[:3] else r for r in rows[1:]] if again and mine else [*rows[1:], row]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *body])
    return unit


def _status_correction(period: str, done: set[str]) -> tuple[str, Path]:
    """In the ledger `run` wrote, correct the status of the first task to review not corrected
    yet (达序时, or 滞后 when it is recorded 达序时), as a researcher would; (the task, the ledger)."""
    import openpyxl

    from helpers import paths
    from helpers.deliver.corrections import CORRECTION, NOTE, RECORDED, REVIEW_SHEET, TASK_ID

    path = paths.ledger_path(period)
    wb = openpyxl.load_workbook(path)
    ws = wb[REVIEW_SHEET]
    header = [c.value for c in ws[1]]
    col = {h: header.index(h) + 1 for h in (TASK_ID, CORRECTION, NOTE, RECORDED)}
    for r in range(2, ws.max_row + 1):
        task = ws.cell(r, col[TASK_ID]).value
        if task and task not in done:
            fix = "滞后" if ws.cell(r, col[RECORDED]).value == "达序时" else "达序时"
            ws.cell(r, col[CORRECTION]).value, ws.cell(r, col[NOTE]).value = fix, "核对原文：按年度计划判断"
            wb.save(path)
            return str(task), path
    raise SystemExit(f"{path}: no task left to correct")


#: The review loop's steps, in order (measure_step): each runs for every code before the next,
#: so the codes' figures share the machine's conditions.
LOOP_STEPS = ("setup", *(f"noop:{n}" for n in range(3)), *(f"text:{n}" for n in range(3)),
              *(f"reword:{n}" for n in range(3)), *(f"status:{n}" for n in range(3)))


def measure_step(period: str, jobs: int, step: str) -> dict[str, Any]:
    """One step of the review loop as a researcher types it, each command in its own process:
    `setup` (everything current), `noop` (`run` with nothing changed), `text:N` (one task's
    text corrected, an evidence row in overrides.csv, then `run`), `reword:N` (that correction
    reworded, then `run`), `status:N` (one status corrected in the ledger, then `review import`
    and `run`); a different task every time."""
    from helpers import paths

    kind, _, n = step.partition(":")
    run = ("run", "--period", period, "--jobs", str(jobs))
    if kind == "setup":
        _cli(*run)
        return {}
    if kind == "noop":
        seconds, pages = _rendered_by(lambda: _cli(*run))
        return {"seconds": seconds, "pages": pages}
    if kind in ("text", "reword"):
        unit = _text_correction(period, int(n), again=kind == "reword")
        seconds, pages = _rendered_by(lambda: _cli(*run))
        return {"seconds": seconds, "pages": pages, "unit": unit}
    memo = paths.ROOT / "bench-corrected.json"  # the tasks corrected by earlier steps
    done = set(json.loads(memo.read_text(encoding="utf-8"))) if memo.exists() else set()
    task, ledger = _status_correction(period, done)
    memo.write_text(json.dumps(sorted(done | {task})), encoding="utf-8")
    imported = _cli("review", "import", str(ledger))
    seconds, pages = _rendered_by(lambda: _cli(*run))
    return {"seconds": imported + seconds, "import": imported, "run": seconds, "pages": pages, "task": task}


def measure_loop(side_of: Any, names: list[str]) -> dict[str, dict[str, Any]]:
    """Every step of the loop for every code, alternating (`side_of(name, step)` runs one)."""
    loops: dict[str, dict[str, Any]] = {n: {"noop": [], "text": [], "reword": [], "status": []} for n in names}
    for step in LOOP_STEPS:
        for name in names:
            out = side_of(name, step)
            if step != "setup":
                loops[name][step.partition(":")[0]].append(out)
    for loop in loops.values():
        loop["noop_rendered"] = max(len(r["pages"]) for r in loop["noop"])
        loop["noop"] = [r["seconds"] for r in loop["noop"]]
    return loops


# ------------------------------------------------------------------ the driver

def project(code: Path, period: str) -> Path:
    """A temporary project: `code`'s data, reference tables and notebooks, its tables built."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-render-"))
    for sub in ("data/raw", "data/reference", "notebooks"):
        shutil.copytree(code / sub, tmp / sub)
    side(code, tmp, "table", period, 0)
    return tmp


def side(code: Path, root: Path, what: str, period: str, jobs: int, step: str = "") -> dict[str, Any]:
    """Run `what` (a loop's `step`) for the code in `code` on the project `root`, in its own process."""
    env = dict(os.environ, HELPERS_ROOT=str(root), PYTHONPATH=str(code / "src"))
    env.pop("HELPERS_CACHE", None)
    # the review loop runs as a researcher's commands do, with the render server (helpers.report.
    # server) the first of them starts; nothing else may leave a server booting beside the next figure
    env.pop("HELPERS_NO_SERVER", None)
    if what != "loop":
        env["HELPERS_NO_SERVER"] = "1"
    out = subprocess.run([sys.executable, __file__, "--measure", what, "--period", period, "--jobs", str(jobs),
                          "--step", step], env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def stop_server(code: Path, root: Path) -> None:
    """Stop the render server the loop's commands started in the project `root` (a code without
    the server command refuses it: nothing to stop)."""
    env = dict(os.environ, HELPERS_ROOT=str(root), PYTHONPATH=str(code / "src"))
    subprocess.run([sys.executable, "-m", "helpers", "server", "stop"], env=env, capture_output=True)


def naive_chain(bureaus: list[str], period: str, root: Path) -> tuple[float, float]:
    """papermill → nbconvert --no-input → weasyprint (system font), one briefing at a time; the
    median seconds and CPU seconds per briefing."""
    bindir, out = Path(sys.executable).parent, root / "naive"
    env = dict(os.environ, HELPERS_ROOT=str(root))
    out.mkdir(parents=True, exist_ok=True)
    totals, cpus = [], []
    for i, bureau in enumerate(bureaus):
        nb, html, pdf = out / f"b{i}.ipynb", out / f"b{i}.html", out / f"b{i}.pdf"
        cpu = cpu_seconds()
        totals.append(
            _timed([str(bindir / "papermill"), "--no-progress-bar", str(root / "notebooks" / "briefing_bureau.ipynb"),
                    str(nb), "-p", "period", period, "-p", "bureau", bureau,
                    "-p", "processed_dir", str(root / "data" / "processed" / period)], env)
            + _timed([str(bindir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(nb),
                      "--output", html.stem, "--output-dir", str(out)], env)
            + _timed([str(bindir / "weasyprint"), str(html), str(pdf)], env))
        cpus.append(cpu_seconds() - cpu)
    return _median(totals), _median(cpus)


def report(sides: dict[str, dict[str, Any]], naive: tuple[float, float], n_pages: int) -> None:
    naive, naive_cpu = naive
    naive_set = naive * n_pages
    if naive == naive:  # not NaN: measured (not --loop-only)
        print(f"\nnaive chain: median {naive:.1f} s a briefing; × {n_pages} briefings = {naive_set:.0f} s "
              f"(CPU {naive_cpu:.1f} s a briefing)")
    for name, s in sides.items():
        if not s["whole"]:  # --loop-only
            print(f"\n[{name}]")
            _loop_lines(s["loop"])
            continue
        whole = _median([w["seconds"] for w in s["whole"]])
        steps = s["whole"][-1]["steps"]
        loop = s["loop"]
        print(f"\n[{name}] whole period from clean, median of {len(s['whole'])}: {whole:.1f} s "
              f"({s['whole'][-1]['rendered']} pages, {s['whole'][-1]['failed']} failed); "
              f"ratio to the naive chain {whole / naive_set:.3f}   (targets ≤ 30 s, ≤ 0.05)")
        cpu = _median([w["cpu"] for w in s["whole"]])
        print(f"  CPU of the whole period (this process, workers, kernels): median {cpu:.1f} s; "
              f"ratio to the naive chain's CPU {cpu / (naive_cpu * n_pages):.3f}")
        print(f"  a unit's page inside the batch: execute {steps.get('execute', float('nan')):.2f} s, "
              f"html {steps.get('html', float('nan')):.2f} s, pdf {steps.get('pdf', float('nan')):.2f} s (medians)")
        _loop_lines(loop)


def _loop_lines(loop: dict[str, Any]) -> None:
    """The review loop's figures (measure_loop), side by side."""
    print(f"  rerun, nothing changed (`run`): median {_median(loop['noop']):.2f} s, "
          f"{loop['noop_rendered']} rendered")
    _loop_line("one task's text corrected (evidence), then `run`", loop["text"])
    _loop_line("that correction reworded, then `run`", loop["reword"])
    _loop_line("one status corrected in the ledger, `review import` + `run`", loop["status"])
    t, w, st = loop["text"], loop["reword"], loop["status"]
    print(f"  review loop, median of {len(t)}: text {_median([r['seconds'] for r in t]):.1f} s, "
          f"{_median([len(r['pages']) for r in t]):.0f} pages | reworded {_median([r['seconds'] for r in w]):.1f} s, "
          f"{_median([len(r['pages']) for r in w]):.0f} pages | status "
          f"{_median([r['seconds'] for r in st]):.1f} s (import {_median([r['import'] for r in st]):.1f} s), "
          f"{_median([len(r['pages']) for r in st]):.0f} pages")


def _loop_line(what: str, runs: list[dict[str, Any]]) -> None:
    """A loop's figures: the median of its runs, and the pages each re-rendered."""
    secs = _median([r["seconds"] for r in runs])
    pages = sorted({len(r["pages"]) for r in runs})
    each = ", ".join(f"{r['seconds']:.1f}" for r in runs)
    print(f"  {what}: median of {len(runs)} {secs:.1f} s ({each}), "
          f"{'/'.join(map(str, pages))} pages re-rendered   (target ≤ 5 s)")
    for r in runs:
        print(f"      {r.get('unit') or r.get('task')}: {', '.join(r['pages'])}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--period", default="2024H1")
    ap.add_argument("--jobs", type=int, default=0, help="batch workers (default: cores)")
    ap.add_argument("--naive", type=int, default=2, help="unit briefings rendered the naive way (default 2)")
    ap.add_argument("--repeat", type=int, default=2, help="whole-period runs per code (default 2)")
    ap.add_argument("--before", type=Path, help="a checkout of the code to compare with, side by side")
    ap.add_argument("--keep", action="store_true", help="keep the temporary projects and print their paths")
    ap.add_argument("--loop-only", action="store_true", help="only the review loop (step 3)")
    ap.add_argument("--measure", choices=("table", "whole", "loop"), help=argparse.SUPPRESS)
    ap.add_argument("--step", default="", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure:
        return measure(args.measure, args.period, args.jobs, args.step)
    codes = {"after": REPO, **({"before": args.before.resolve()} if args.before else {})}
    print(f"bench (cores: {os.cpu_count()}; load average now: {', '.join(f'{x:.1f}' for x in os.getloadavg())})",
          flush=True)
    roots = {name: project(code, args.period) for name, code in codes.items()}
    import pandas as pd

    from helpers.read.bureaus import lead_units

    tasks = pd.read_parquet(roots["after"] / "data" / "processed" / args.period / "tasks.parquet")
    units = lead_units(tasks)
    naive = (naive_chain(units[: args.naive], args.period, roots["after"]) if not args.loop_only
             else (float("nan"), float("nan")))
    sides: dict[str, dict[str, Any]] = {name: {"whole": []} for name in codes}
    for _ in range(0 if args.loop_only else args.repeat):
        for name, code in codes.items():
            sides[name]["whole"].append(side(code, roots[name], "whole", args.period, args.jobs))
    loops = measure_loop(lambda name, step: side(codes[name], roots[name], "loop", args.period, args.jobs, step),
                         list(codes))
    for name in codes:
        sides[name]["loop"] = loops[name]
    report(sides, naive, 1 + len(units))
    for name, root in roots.items():
        stop_server(codes[name], root)
        if args.keep:
            print(f"kept: {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


def measure(what: str, period: str, jobs: int, step: str = "") -> int:
    """The worker side: one measurement in this process, printed as one JSON line."""
    if what == "table":
        from helpers import paths
        from helpers.period_tables import default_raw
        from helpers.table import build_table

        build_table(default_raw(period), period=period, out=paths.processed_dir(period))
        out: dict[str, Any] = {}
    else:
        out = measure_whole(period, jobs) if what == "whole" else measure_step(period, jobs, step)
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
