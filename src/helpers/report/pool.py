"""Render pages over a pool of worker processes, each with one warm Jupyter kernel.

A worker executes its share of the notebooks through papermill in its kernel (helpers.report.
kernels), exports them with one HTMLExporter and prints the PDFs with WeasyPrint and the
period's CJK font subset (helpers.report.render). Workers are spawned first, so their kernels
boot while this process subsets the font; workers and kernels watch their parent and end when
it dies. With one job the pages render in this process, in a kernel kept warm for the next run.
"""

from __future__ import annotations

import atexit
import hashlib
import multiprocessing
import multiprocessing.util
import os
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from helpers import paths, provenance
from helpers.files import write_text
from helpers.provenance import file_sha256
from helpers.report import kernels, server_key
from helpers.report.kernel_supply import KernelSupply
from helpers.report.kernels import notebook_imports, sweep_kernel_dirs
from helpers.messages import say

EXECUTION_TIMEOUT = 600  # seconds per cell
KERNEL_START_TIMEOUT = 300  # two cores shared with other work: be patient
#: How often a worker checks that the run that started it is still alive (seconds).
WATCH_INTERVAL = 0.5
#: Longest first, so the last page to finish is a short one: the city briefing, the research
#: pages, then the units'.
ORDER = {"city": 0, "pace_analysis": 1, "data_quality": 2, "bureau": 3}


@dataclass
class Job:
    """One notebook to execute and render."""

    kind: str  # city | bureau | data_quality | pace_analysis
    bureau: str | None
    notebook: Path
    parameters: dict[str, Any]
    ipynb: Path
    html: Path | None
    pdf: Path | None
    title: str
    key: str = ""  # everything the page shows and is made with: unchanged key, page not rendered
    tables: str = ""  # the tables' key the page stands for once rendered (Page.tables)

    @property
    def id(self) -> str:
        return self.kind if self.bureau is None else f"bureau:{self.bureau}"

    @property
    def is_briefing(self) -> bool:
        return self.kind in ("city", "bureau")

    def outputs(self) -> list[Path]:
        return [p for p in (self.ipynb, self.html, self.pdf) if p is not None]


def _show_progress(progress: bool | None) -> bool:
    """A progress bar in a terminal; none in CI or when stderr is piped."""
    if progress is not None:
        return progress
    return sys.stderr.isatty() and not os.environ.get("CI")


def font_chars(folder: Path, notebooks: Iterable[Path], cache: Path | None = None) -> set[str]:
    """Every character the period's pages may print: the tables' texts, the notebooks' and the
    package's (for the font subset of the PDFs)."""
    import pyarrow as pa  # deferred: a run that renders nothing never needs them
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from helpers.report.render import text_chars

    texts: list[str] = [(folder / "quality.json").read_text(encoding="utf-8")]
    for name in ("tasks.parquet", "indicators.parquet", "changes.parquet"):  # changes: earlier task texts
        if not (folder / name).exists():
            continue
        table = pq.read_table(folder / name)  # the text columns' distinct values, without pandas
        for field, col in zip(table.schema, table.columns):
            if pa.types.is_string(field.type) or pa.types.is_large_string(field.type):
                texts.extend(pc.unique(col).drop_null().to_pylist())
    here = provenance.PACKAGE_DIR
    sources = (list(notebooks) + sorted(here.rglob("*.py"))
               + sorted((here / "templates").rglob("*.*")))
    return text_chars(texts) | _source_chars(sources, Path(cache or paths.CACHE) / "fonts")


def _source_chars(sources: list[Path], memo_dir: Path) -> set[str]:
    """The characters of the notebooks' and the package's files, remembered under their names,
    sizes and times (reading a megabyte of sources at every run cost a tenth of a second)."""
    from helpers.report.render import text_chars

    stats = []
    for p in sources:
        try:
            st = p.stat()
        except OSError:
            continue
        stats.append(f"{p}|{st.st_size}|{st.st_mtime_ns}")
    digest = hashlib.sha256("\n".join(stats).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    memo = memo_dir / f"sources-{digest}.txt"
    try:
        return set(memo.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        pass
    texts = []
    for p in sources:
        try:
            texts.append(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            pass
    chars = text_chars(texts)
    try:
        write_text(memo, "".join(sorted(chars)))
    except OSError:  # a read-only cache: read again next time
        pass
    return chars


#: Run in every kernel after the notebooks' imports, while the run still plans: what the first
#: page of a process paid once (helpers.report.loading.warm_up, charts.warm_up).
PAGE_WARM_UP = "from helpers.report import charts as _c, loading as _l\n_l.warm_up()\n_c.warm_up()\ndel _c, _l"


def warm_code(notebooks: Iterable[Path]) -> str:
    """What a kernel runs before its first notebook: the notebooks' imports, then PAGE_WARM_UP."""
    return "\n".join([*notebook_imports(sorted(set(notebooks))), PAGE_WARM_UP])


def _ready() -> None:
    """Nothing: submitted once per worker to start it (and its kernel) before the real work."""


class Workers:
    """Worker processes started ahead of their work: each launches its kernel at once, so the
    kernels boot while the caller does other work (builds tables, subsets the font)."""

    def __init__(self, notebooks: Path, warm_from: Iterable[Path], workers: int, fresh: int = 0):
        """`fresh` > 0 (a render server's workers): each kernel runs one notebook only, and
        `fresh` warm kernels per worker are kept ready (helpers.report.kernel_supply)."""
        self.n = max(1, workers or os.cpu_count() or 1)
        warm = warm_code(warm_from)
        # spawn, not fork: the parent holds pandas/pyarrow threads, which fork does not carry safely.
        self.pool = ProcessPoolExecutor(max_workers=self.n, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_init_worker,
                                        initargs=(str(notebooks), warm, KERNEL_START_TIMEOUT, os.getpid(), fresh))
        for _ in range(self.n):
            self.pool.submit(_ready)

    def close(self, wait: bool = True) -> None:
        """End the workers (and their kernels); `wait=False` returns at once: they end by
        themselves (≈ 0.5 s to stop a kernel) while the caller goes on, and are joined at exit."""
        self.pool.shutdown(wait=wait, cancel_futures=not wait)


def render_pages(jobs: Sequence["Job"], notebooks: Path, period_label: str,
                 fonts: Callable[[], Any], workers: int, progress: bool | None,
                 done: Callable[["Job", dict[str, Any]], None], label: str = "run",
                 started: Workers | None = None) -> None:
    """Render `jobs`, longest first, over `workers` warm-kernel processes (this process when 1);
    `done(job, outcome)` as each finishes. `started` workers (the caller closes them) take the
    first pages; more are started only when there are more pages than they can take at once, never
    more than the pages. `fonts()` gives the PDF font subset; it is built while kernels boot."""
    from tqdm import tqdm

    pending = sorted(jobs, key=lambda j: ORDER.get(j.kind, 9))
    sweep_kernel_dirs()  # sockets a killed run's kernels left behind
    n = max(1, min(workers or os.cpu_count() or 1, len(pending)))
    bar = tqdm(total=len(pending), desc=label, unit=say("progress.page_unit"), disable=not _show_progress(progress),
               file=sys.stderr)

    def finish(j: "Job", o: dict[str, Any]) -> None:
        done(j, o)
        who = j.bureau or j.title
        bar.set_postfix_str(who if o["ok"] else say("progress.failed", who=who), refresh=False)
        bar.update(1)

    if started is None and n == 1:  # one worker: this process, with a kernel kept warm for the next run
        kernel = local_kernel(str(notebooks), warm_code(j.notebook for j in pending))
        font_set = fonts()
        for j in pending:
            finish(j, run_job(j, font_set, period_label, kernel))
        bar.close()
        return
    pools = [started] if started is not None else []
    more = n - sum(p.n for p in pools)
    own = [Workers(notebooks, [j.notebook for j in pending], more)] if more > 0 else []
    try:
        dispatch(pools + own, pending, fonts(), period_label, finish)
    finally:
        for p in own:  # every page is in: the caller need not wait for the kernels to end
            p.close(wait=False)
    bar.close()


def dispatch(pools: list[Workers], pending: list["Job"], font_set: Any, period_label: str,
              finish: Callable[["Job", dict[str, Any]], None]) -> None:
    """Hand the pages in order to whichever pool has a worker free (the first pools first: their
    kernels are the warmest), the next page as each finishes."""
    queue, free = list(pending), [p.n for p in pools]
    running: dict[Future, tuple["Job", int]] = {}

    def fill() -> None:
        for i, p in enumerate(pools):
            while free[i] and queue:
                j = queue.pop(0)
                try:
                    running[p.pool.submit(run_job, j, font_set, period_label)] = (j, i)
                    free[i] -= 1
                except Exception as e:  # the pool broke (a worker killed): recorded, go on
                    finish(j, _worker_failed(j, e))

    fill()
    while running:
        for fut in wait(running, return_when=FIRST_COMPLETED).done:
            j, i = running.pop(fut)
            free[i] += 1
            try:
                o = fut.result()
            except Exception as e:  # a worker died (killed, out of memory): record, go on
                o = _worker_failed(j, e)
            finish(j, o)
        fill()


def _worker_failed(job: "Job", e: BaseException) -> dict[str, Any]:
    # lost: the page itself did not fail (a render server's caller renders it again)
    return {"id": job.id, "ok": False, "seconds": 0.0, "error": say("render.worker", name=type(e).__name__, text=e),
            "lost": True}


_LOCAL = None  # the warm kernel of `--jobs 1`, in this process, reused by later runs
_LOCAL_KEY = ""  # the server key it was started under


def local_kernel(cwd: str, warm_code: str) -> Any:
    """This process's warm kernel (started on first use by the first job, shut down at exit).

    It is kept only while the render server's key holds (package, notebooks, reference tables,
    project root, environment): a process that runs another project, or runs again after the code
    changed, must not be served by a kernel that imported the old ones (it printed another
    project's correction on a page)."""
    global _LOCAL, _LOCAL_KEY
    key = server_key.server_key(cwd)
    if _LOCAL is not None and key != _LOCAL_KEY:
        _LOCAL.shutdown()
        _LOCAL = None
    if _LOCAL is None:
        _LOCAL, _LOCAL_KEY = kernels.WarmKernel(cwd=cwd, warm_code=warm_code,
                                                startup_timeout=KERNEL_START_TIMEOUT), key
        atexit.register(_LOCAL.shutdown)
    elif warm_code not in _LOCAL.warm_code:  # a notebook with other imports: warm them too
        _LOCAL.warm_code = warm_code
    return _LOCAL



_KERNEL = None  # the worker's WarmKernel
_SUPPLY: KernelSupply | None = None  # or its fresh kernels, one per notebook (a render server's worker)


def _watch_parent(parent: int) -> None:
    """End this worker, and its kernel, as soon as the run that started it is gone (a kill -9 of
    `run` gives no chance to clean up): poll the parent pid from a daemon thread."""
    def loop() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_INTERVAL)
        if _KERNEL is not None:
            _KERNEL.kill()
        if _SUPPLY is not None:
            _SUPPLY.kill_all()
        os._exit(1)

    threading.Thread(target=loop, name="helpers-watchdog", daemon=True).start()


def _init_worker(cwd: str, warm_code: str, startup_timeout: float, parent: int, fresh: int = 0) -> None:
    """Pool initializer: watch the parent, launch this worker's kernel, import the renderers while
    it boots, then warm it (its imports). With `fresh` kernels, they boot in their own thread."""
    global _KERNEL, _SUPPLY
    from helpers.report import render  # deferred: nbconvert and its exporter cost seconds

    _watch_parent(parent)
    if fresh:
        _SUPPLY = KernelSupply(cwd, warm_code, startup_timeout, fresh)
        multiprocessing.util.Finalize(None, _SUPPLY.kill_all, exitpriority=10)
        render.html_exporter()
        import weasyprint  # noqa: F401  (as below)
        return
    _KERNEL = kernels.WarmKernel(cwd=cwd, warm_code=warm_code, startup_timeout=startup_timeout)
    # Finalize runs when the worker exits normally (atexit handlers do not, in pool workers).
    multiprocessing.util.Finalize(None, _shutdown_worker, exitpriority=10)
    try:
        _KERNEL.launch()
    except Exception:  # retried (and reported) by the first job
        _KERNEL.km = None
    render.html_exporter()
    import weasyprint  # noqa: F401  (its import costs ~1 s; pay it while the kernel boots)
    if _KERNEL.km is not None:
        try:  # the kernel's imports too, while the run still plans its pages
            _KERNEL.warm()
        except Exception:  # retried (and reported) by the first job
            pass


def _shutdown_worker() -> None:
    if _KERNEL is not None:
        _KERNEL.shutdown()


def run_job(job: Job, fonts: Any, period_label: str, kernel: Any = None) -> dict[str, Any]:
    """Execute and render one job; never raises for a notebook's own failure."""
    from helpers.report import render  # deferred, as above

    if kernel is None and _SUPPLY is not None:  # a fresh kernel for this notebook alone
        fresh = _SUPPLY.take()
        try:
            return run_job(job, fonts, period_label, fresh)
        finally:
            _SUPPLY.discard(fresh)
    kernel = kernel or _KERNEL
    t0 = time.perf_counter()
    try:
        if kernel is not None and kernel.km is not None and not kernel.warmed:
            kernel.warm()  # launched by the initializer; its warm-up failed or did not run
        r = render.render_notebook(job.notebook, job.parameters, ipynb=job.ipynb, html=job.html,
                                   pdf=job.pdf, title=job.title, period_label=period_label,
                                   kernel=kernel, fonts=fonts, timeout=EXECUTION_TIMEOUT)
        outputs = {str(p): file_sha256(p) for p in job.outputs()}
        return {"id": job.id, "ok": True, "seconds": round(r.seconds, 2), "timings": r.timings,
                "outputs": outputs}
    except Exception as e:  # the notebook's error, recorded; the batch goes on
        return {"id": job.id, "ok": False, "seconds": round(time.perf_counter() - t0, 2),
                "error": render.error_summary(e, job.ipynb)}
