"""`python -m helpers run`: a period's briefings (city + one per lead unit) as HTML and PDF.

One cache key: every page is keyed on everything that can change it: the judged tables (all
of them, by the hashes `python -m helpers table` recorded in tables.json), the notebook's
source, the page's parameters, the code of the whole helpers package and its templates, the
package versions and the font. A page whose key and output files are unchanged is not
executed and nothing is rewritten; any change to the data or to a notebook re-renders every
page it could touch, so no edit can leave a stale page. Keys live in the cache
(`paths.CACHE/batch/`, safe to delete).

A run is all or nothing for mail: while it works, `output/<P>/.in-progress` exists (a kill
leaves it behind, and `mail` refuses the folder); `manifest.json` lists every page with the
sha256 of its files and the hash of the tables it was rendered from. A run of some bureaus
(`--bureau X`) merges its entries into the manifest. `table` and `run` share the lock of the
period's tables, and `run` checks the tables against their record before rendering from them.

How a full run stays fast: a pool of worker processes (one per core by default), each with one
warm Jupyter kernel that executes its share of the notebooks through papermill, one
HTMLExporter, and WeasyPrint with the period's CJK font subset (see helpers.report.render). Workers and
kernels watch their parent and end when it dies.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import json
import multiprocessing
import multiprocessing.util
import os
import re
import sys
import threading
import time
from importlib import metadata
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from helpers import paths, provenance
from helpers.messages import say
from helpers.errors import HelpersError
from helpers.files import exclusive, safe_slug, write_json, write_text
from helpers.period import Period, parse_code
from helpers.provenance import file_sha256
from helpers.read.bureaus import norm
from helpers.report.manifest import MARKER, Failure, Manifest, Page, listed_files, relative, stale_pages
from helpers.statuses import DEFAULT_AHEAD_MARGIN

NOTEBOOKS = {
    "city": "briefing_city.ipynb",
    "bureau": "briefing_bureau.ipynb",
    "data_quality": "data_quality.ipynb",
    "pace_analysis": "pace_analysis.ipynb",
}
TITLES = {
    "city": "市政府重点工作落实情况简报",
    "data_quality": "数据质量报告",
    "pace_analysis": "序时进度分析",
}
RESEARCH = ("data_quality", "pace_analysis")
#: Packages whose version is recorded in the manifest and enters every page's key.
VERSIONED = ("helpers", "pandas", "numpy", "pyarrow", "matplotlib", "seaborn", "papermill",
             "nbconvert", "nbformat", "nbclient", "ipykernel", "weasyprint", "fonttools", "jinja2")
#: Bump when the way pages are rendered changes in a way the code hash would not catch.
RENDER_RECIPE = "2"
EXECUTION_TIMEOUT = 600  # seconds per cell
KERNEL_START_TIMEOUT = 300  # two cores shared with other work: be patient
#: How often a worker checks that the run that started it is still alive (seconds).
WATCH_INTERVAL = 0.5


# --------------------------------------------------------------------------------------------
# names and hashes


def bureau_slugs(bureaus: Iterable[str]) -> dict[str, str]:
    """Distinct safe slugs for distinct names (a short hash settles collisions)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for b in bureaus:
        slug = safe_slug(b)
        if slug.lower() in used:
            slug = f"{slug}-{hashlib.sha1(b.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
        used.add(slug.lower())
        out[b] = slug
    return out


def _sha(*parts: Any) -> str:
    h = hashlib.sha256()
    for p in parts:
        if isinstance(p, bytes):
            h.update(p)
        else:
            h.update(json.dumps(p, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def _installed() -> dict[str, str]:
    """Installed distributions by normalized name, read from the `name-version.dist-info` folder
    names on sys.path (importlib.metadata parses every METADATA file: 0.2 s of a no-op rerun)."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for n in names:
            if n.endswith(".dist-info") and n.count("-") >= 1:
                name, version = n[: -len(".dist-info")].rsplit("-", 1)
                found.setdefault(re.sub(r"[-_.]+", "_", name).lower(), version)
    return found


def versions() -> dict[str, str]:
    """Versions of python and of the packages that shape a page."""
    out = {"python": sys.version.split()[0]}
    installed = _installed()
    for name in VERSIONED:
        version = installed.get(re.sub(r"[-_.]+", "_", name).lower())
        if version is None:
            try:
                version = metadata.version(name)
            except metadata.PackageNotFoundError:
                continue
        out[name] = version
    return out


# --------------------------------------------------------------------------------------------
# what a run works on


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


@dataclass(frozen=True)
class Folders:
    """Every folder a run touches, resolved once (so a path spelled two ways is one key)."""

    root: Path
    notebooks: Path
    out: Path
    processed: Path
    cache: Path

    @classmethod
    def of(cls, per: Period, root: Path | None, notebooks: Path | None, out: Path | None,
           processed: Path | None, cache: Path | None) -> "Folders":
        return cls(root=Path(root or paths.ROOT).resolve(),
                   notebooks=Path(notebooks or paths.NOTEBOOKS).resolve(),
                   out=Path(out or paths.output_dir(per.code)).resolve(),
                   processed=Path(processed or paths.processed_dir(per.code)).resolve(),
                   cache=Path(cache or paths.CACHE).resolve())

    @property
    def state(self) -> Path:
        return self.cache / "batch" / f"state-{_sha(str(self.out))[:16]}.json"


@dataclass
class Plan:
    """What a run will do: every job it covers, those to render, and what they are rendered from."""

    period: Period
    folders: Folders
    jobs: list[Job]
    pending: list[Job]
    table: dict[str, Any]  # the tables' record (tables.json)
    table_key: str
    units: list[str]  # every lead unit of the table, in table order
    formats: tuple[str, ...]
    inputs: list[Path]
    state: dict[str, Any]
    table_built: bool = False
    partial: bool = False  # some units only (`--bureau`): merged into the manifest
    comparison: dict[str, Any] = field(default_factory=dict)  # the earlier period compared with


@dataclass
class BatchResult:
    """What a batch did: the manifest it wrote and counts for the summary."""

    manifest: dict[str, Any]
    manifest_path: Path
    rendered: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    seconds: float = 0.0
    table_built: bool = False
    timings: dict[str, dict[str, float]] = field(default_factory=dict)

    def summary(self) -> str:
        """The run's last line, in Chinese: pages rendered, unchanged, failed; where the manifest is."""
        failed = say("run.summary_failed", n=len(self.failed), who="、".join(self.failed[:5])
                     + ("……" if len(self.failed) > 5 else "")) if self.failed else ""
        return say("run.summary", period=self.manifest["period"], rendered=len(self.rendered),
                   kept=len(self.unchanged), failed=failed, seconds=self.seconds,
                   rebuilt="；任务表已重新生成" if self.table_built else "", manifest=self.manifest_path)


# --------------------------------------------------------------------------------------------
# the tables


def default_raw(period: str) -> Path | None:
    """The raw report of a period in data/raw/: a file whose name holds exactly that period code
    (2024M1 never picks luan_2024M11.txt; 2024h1 is read as 2024H1)."""
    code = parse_code(period).code
    if code == paths.DEFAULT_PERIOD and paths.DEFAULT_RAW.exists():
        return paths.DEFAULT_RAW
    return raws_by_period().get(code)


def ensure_table(raw: Path | None, period: str, processed: Path, ahead_margin: float | None,
                 build: bool = True) -> tuple[bool, dict[str, Any]]:
    """Check the period's tables against their record; rebuild them when they disagree.

    `ahead_margin` None keeps the margin the tables were judged with (DEFAULT_AHEAD_MARGIN for new tables).
    Returns (built, record). Without `build` or a raw report, a disagreement is refused.
    """
    record = provenance.read_record(processed)
    margin = ahead_margin if ahead_margin is not None else float(
        (record or {}).get("ahead_margin", DEFAULT_AHEAD_MARGIN))
    expected = provenance.build_inputs(raw, margin) if raw is not None else None
    problems = provenance.disagreements(record, processed, expected)
    if record is not None and record.get("period") != period:
        problems.append(f"tables are for {record.get('period')}, not {period}")
    if not problems:
        return False, record  # type: ignore[return-value]
    if not build or raw is None:
        raise HelpersError(f"{processed}: the tables do not match their record ({'; '.join(problems)}); "
                           f"rebuild them with `python -m helpers table RAW --period {period}`")
    if record is not None:
        print(say("table.rebuild", folder=processed, problems="；".join(problems)), file=sys.stderr)
    from helpers.table import build_table

    result = build_table(raw, period=period, out=processed, ahead_margin=margin)
    for w in result.warnings:
        print(say("warning", text=w), file=sys.stderr)
    for line in result.review_summary():  # what to review, as `python -m helpers table` prints it
        print(line, file=sys.stderr)
    return True, provenance.read_record(processed) or {}


def _units(processed: Path, table_key: str, state: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Every lead unit of the task table and the checksum of the data each unit's page shows
    (helpers.report.page_data), remembered against the tables' key (no pandas on a rerun that
    finds nothing to do)."""
    memo = state.get("_units", {})
    if memo.get("tables") != table_key or "data" not in memo:
        # pandas only when the tables changed: a no-op rerun stays free of it
        import pandas as pd

        from helpers.read.bureaus import lead_units
        from helpers.report.page_data import unit_digests

        tasks = pd.read_parquet(processed / "tasks.parquet")
        changes = pd.read_parquet(processed / "changes.parquet") if (processed / "changes.parquet").exists() else None
        units = lead_units(tasks)
        memo = {"tables": table_key, "units": units, "data": unit_digests(tasks, changes, units)}
        state["_units"] = memo
    return list(memo["units"]), dict(memo["data"])


def _unit_pages_keyed_on_their_data(notebook: Path) -> bool:
    """Whether the unit notebook hands the tables only to package functions given its unit, so
    each unit's page can be keyed on its own data (helpers.report.page_data)."""
    from helpers.report.page_data import reads_through_package

    try:
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return False
    code = ["".join(c.get("source", "")) if isinstance(c.get("source"), list) else str(c.get("source", ""))
            for c in cells if isinstance(c, dict) and c.get("cell_type") == "code"
            and "parameters" not in (c.get("metadata") or {}).get("tags", [])]
    return reads_through_package(code)


# --------------------------------------------------------------------------------------------
# the comparison with an earlier period of the year (helpers.compare.chain)

_CODE_IN_NAME = re.compile(r"(?<![0-9])(\d{4}(?:[Hh][12]|[Qq][1-4]|FY|fy|[Mm]\d{1,2}))(?![0-9])")


def raws_by_period() -> dict[str, Path]:
    """Reports in data/raw/ by the period code their name holds (the first file of each code),
    the code read whole from the name and normalized: luan_2024M11.txt is 2024M11, never 2024M1."""
    found: dict[str, Path] = {}
    for p in sorted(paths.RAW.glob("*")) if paths.RAW.is_dir() else []:
        m = _CODE_IN_NAME.search(p.name)
        if not m or not p.is_file() or p.suffix == ".md":
            continue
        try:
            found.setdefault(parse_code(m[1]).code, p.resolve())
        except HelpersError:
            continue
    return found


def earlier_raws(period: str) -> dict[str, Path]:
    """Reports in data/raw/ of the same year as `period` and ending before it, by period code."""
    per = parse_code(period)
    return {code: p for code, p in raws_by_period().items()
            if parse_code(code).year == per.year and parse_code(code).end_month < per.end_month}


def ensure_comparison(period: str, processed: Path, ahead_margin: float | None, cache: Path,
                      compare_to: str | None = None) -> dict[str, Any]:
    """Build the earlier periods' tables found in data/raw/, then compare `period` with the latest
    (or `compare_to`); what was compared, for the manifest. Skipped when nothing it reads changed."""
    # Earlier reports in data/raw/ are built only into the project's own data/processed/ (a run
    # on other folders, as in tests, compares with what is built there).
    if processed.parent == paths.PROCESSED.resolve():
        for code, raw in earlier_raws(period).items():
            if provenance.read_record(processed.parent / code) is None:  # say why another period is built
                print(say("compare.build_earlier", period=code, raw=raw.name), file=sys.stderr)
            with exclusive(processed.parent / code):
                ensure_table(raw, code, processed.parent / code, ahead_margin)
    fixes = paths.TASK_MATCHES_CSV
    # every sibling period's tables (a superset of the chain's): the check stays free of pandas
    reads = sorted(processed.parent.glob("*/tasks.parquet")) + sorted(processed.parent.glob("*/quality.json"))
    reads += [fixes]
    outs = [processed / f"{n}.{ext}" for n in paths.COMPARISON_TABLES for ext in ("parquet", "csv")]
    state = {"compare_to": compare_to, "code": provenance.package_digest(),
             "reads": {str(p): file_sha256(p) for p in reads if p.exists()}}
    stamp = cache / "batch" / f"compare-{_sha(str(processed))[:16]}.json"
    try:
        old = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = {}
    if old.get("state") == state and all(Path(p).exists() and file_sha256(p) == h
                                         for p, h in old.get("outputs", {}).items()):
        return old["record"]
    from helpers.compare import chain

    comp = chain.build_comparison(period, processed, compare_to, fixes_path=fixes)
    record = {"period": comp.prev_period, "chain": comp.chain,
              "compared": [{"path": str(p), "sha256": file_sha256(p)} for p in comp.compared],
              "tables": [str(p) for p in comp.written]}
    if comp.prev_period:
        print(comparison_summary(comp), file=sys.stderr)
    write_json(stamp, {"state": state, "record": record,
                       "outputs": {str(p): file_sha256(p) for p in outs if p.exists()}})
    return record


def comparison_summary(comp: Any) -> str:
    """What the comparison found, in Chinese: counts per change class (schema.CHANGE_ZH)."""
    from helpers.schema import CHANGE_ZH

    counts = comp.changes["change"].value_counts()
    parts = "、".join(f"{CHANGE_ZH.get(k, k)}{int(counts[k])}项" for k in CHANGE_ZH if counts.get(k, 0))
    return say("compare.summary", period=comp.period, prev=comp.prev_period, parts=parts)


def comparison_key(processed: Path) -> str:
    """The comparison tables' content: part of every page's key, like the period's own tables."""
    return _sha([file_sha256(p) if p.exists() else None
                 for p in (processed / f"{n}.parquet" for n in paths.COMPARISON_TABLES)])


# --------------------------------------------------------------------------------------------
# plan


def _read_state(path: Path) -> dict[str, Any]:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _common_key(formats: Sequence[str]) -> str:
    """The part of every page's key that is not about the page: code, templates, versions, font."""
    from helpers.report.fonts import find_cjk_font_face
    from helpers.report.render import FONT_RECIPE

    # A missing CJK font is an error before any notebook runs, not boxes in 45 PDFs. The font
    # is known by its path, size and time (hashing its 20 MB would be most of a no-op rerun).
    font, index, _family = find_cjk_font_face()
    return _sha(RENDER_RECIPE, provenance.package_digest(), versions(), list(formats), FONT_RECIPE,
                str(font), _stat(font), index)


def _jobs(per: Period, f: Folders, chosen: Sequence[str], city: bool, research: bool,
          formats: Sequence[str], common: str, table_key: str, unit_data: dict[str, str] | None) -> list[Job]:
    """The pages of this run, each with its key: the city's and the research pages' on the whole
    tables, a unit's on the data it shows (`unit_data`, None: on the whole tables too)."""
    slugs = bureau_slugs(chosen)
    nb_sha = {k: file_sha256(f.notebooks / n) if (f.notebooks / n).is_file() else "missing"
              for k, n in NOTEBOOKS.items()}
    # The default folder is left to the notebook (None), so the executed notebooks carry the
    # parameters a researcher would type; another folder is passed resolved.
    pdir = None if f.processed == paths.processed_dir(per.code).resolve() else str(f.processed)

    def job(kind: str, bureau: str | None = None) -> Job:
        stem = kind if bureau is None else f"bureau_{slugs[bureau]}"
        briefing = kind in ("city", "bureau")
        params = {"period": per.code, **({"bureau": bureau} if bureau is not None else {}), "processed_dir": pdir}
        j = Job(kind=kind, bureau=bureau, notebook=f.notebooks / NOTEBOOKS[kind], parameters=params,
                ipynb=f.out / "notebooks" / f"{stem}.ipynb",
                html=f.out / f"{stem}.html" if ("html" in formats or not briefing) else None,
                pdf=f.out / f"{stem}.pdf" if ("pdf" in formats and briefing) else None,
                title=TITLES.get(kind) or f"{bureau}重点工作落实情况")
        j.tables = table_key
        data = unit_data[bureau] if (unit_data is not None and bureau is not None) else table_key
        j.key = _sha(common, nb_sha[kind], kind, params, data, j.title, relative(j.html, f.out), relative(j.pdf, f.out))
        return j

    jobs = [job("city")] if city else []
    jobs += [job(k) for k in RESEARCH] if research else []
    return jobs + [job("bureau", b) for b in chosen]


def _stat(path: Path | str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _unchanged(job: Job, state: dict[str, Any]) -> bool:
    """The page's key is the recorded one and its files are the ones it wrote (re-hashed only
    when their size or time moved: 140 files hashed would be most of a no-op rerun)."""
    s = state.get(job.id)
    if not s or s.get("key") != job.key:
        return False
    recorded, stats = s.get("outputs", {}), s.get("stats", {})
    if set(recorded) != {str(p) for p in job.outputs()}:
        return False
    for p, h in recorded.items():
        st = _stat(p)
        if st is None or (st != stats.get(p) and file_sha256(p) != h):
            return False
    return True


def _chosen(bureaus: Sequence[str], units: Sequence[str], processed: Path) -> list[str]:
    """The units asked for, each a lead unit of the table; an unknown one is refused before any
    notebook runs (its page would be empty, and mail would then refuse the whole period)."""
    chosen = list(dict.fromkeys(norm(b) for b in bureaus))
    unknown = [b for b in chosen if b not in units]
    if unknown:
        raise HelpersError(f"--bureau {'、'.join(unknown)}：不是 {processed / 'tasks.parquet'} 中任何任务的"
                           f"牵头单位（共 {len(units)} 个牵头单位，如 {'、'.join(units[:3])}）；请检查单位名称")
    return chosen


def plan_batch(per: Period, f: Folders, *, raw: Path | None, bureaus: Sequence[str] | None,
               formats: Sequence[str], city: bool, research: bool, ahead_margin: float | None,
               build: bool, compare_to: str | None = None) -> Plan:
    """Check (or rebuild) the tables and the comparison with an earlier period, list the pages of
    this run and find those to render."""
    built, record = ensure_table(raw, per.code, f.processed, ahead_margin, build)
    comparison = ensure_comparison(per.code, f.processed, record.get("ahead_margin"), f.cache, compare_to)
    state = _read_state(f.state)
    # the warning thresholds are read by every page as it renders (helpers.report.warning_levels)
    levels = paths.WARNING_LEVELS_CSV
    levels_sha = file_sha256(levels) if levels.exists() else None
    table_key = _sha(record["files"], comparison_key(f.processed), levels_sha)
    units, digests = _units(f.processed, table_key, state)
    chosen = _chosen(bureaus, units, f.processed) if bureaus is not None else units
    # a unit's data, with what every page reads beside the tables: the margin and the thresholds
    unit_data = ({u: _sha(d, record.get("ahead_margin"), levels_sha) for u, d in digests.items()}
                 if _unit_pages_keyed_on_their_data(f.notebooks / NOTEBOOKS["bureau"]) else None)
    jobs = _jobs(per, f, chosen, city, research, formats, _common_key(formats), table_key, unit_data)
    inputs = ([raw.resolve()] if raw else []) + provenance.reference_files()
    return Plan(per, f, jobs, [j for j in jobs if not _unchanged(j, state)], record, table_key, units,
                tuple(formats), inputs, state, built, partial=bureaus is not None, comparison=comparison)


# --------------------------------------------------------------------------------------------
# execute


def _show_progress(progress: bool | None) -> bool:
    """A progress bar in a terminal; none in CI or when stderr is piped."""
    if progress is not None:
        return progress
    return sys.stderr.isatty() and not os.environ.get("CI")


def _font_chars(plan: Plan) -> set[str]:
    import pandas as pd

    from helpers.report.render import text_chars

    folder = plan.folders.processed
    texts: list[str] = [(folder / "quality.json").read_text(encoding="utf-8")]
    for name in ("tasks.parquet", "indicators.parquet", "changes.parquet"):  # changes: earlier task texts
        if not (folder / name).exists():
            continue
        df = pd.read_parquet(folder / name)
        for col in df.columns:
            if pd.api.types.is_string_dtype(df[col]) or df[col].dtype == object:
                texts.extend(df[col].dropna().astype(str).unique().tolist())
    here = provenance.PACKAGE_DIR
    sources = ([plan.folders.notebooks / n for n in NOTEBOOKS.values()] + sorted(here.rglob("*.py"))
               + sorted((here / "templates").rglob("*.*")))
    for p in sources:
        try:
            texts.append(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            pass
    return text_chars(texts)


def execute(plan: Plan, jobs: int = 0, progress: bool | None = None) -> dict[str, dict[str, Any]]:
    """Render the plan's pending jobs over a pool of warm-kernel workers; outcomes by job id.

    Each finished page is remembered at once, so a run that is killed midway leaves a state
    from which the next run renders only what is missing or stale.
    """
    from tqdm import tqdm

    from helpers.report.kernels import notebook_imports, sweep_kernel_dirs
    from helpers.report.render import prepare_fonts

    pending = plan.pending
    if not pending:
        return {}
    sweep_kernel_dirs()  # sockets a killed run's kernels left behind
    # The font subset depends only on the font and the characters: one cache for every run of
    # the project (a test's or another output folder's run reuses it), not one per state folder.
    fonts = prepare_fonts(_font_chars(plan), paths.CACHE) if any(j.pdf for j in pending) else None
    # Longest first: the city briefing and the research notebooks, then the bureaus.
    order = {"city": 0, "pace_analysis": 1, "data_quality": 2, "bureau": 3}
    pending = sorted(pending, key=lambda j: order.get(j.kind, 9))
    warm = "\n".join(notebook_imports(sorted({j.notebook for j in pending})))
    n = max(1, min(jobs or os.cpu_count() or 1, len(pending)))
    outcomes: dict[str, dict[str, Any]] = {}
    bar = tqdm(total=len(pending), desc=f"run {plan.period.code}", unit="page",
               disable=not _show_progress(progress), file=sys.stderr)

    def done(j: Job, o: dict[str, Any]) -> None:
        outcomes[j.id] = o
        _remember(plan, j, o)
        bar.set_postfix_str(j.id if o["ok"] else f"{j.id} FAILED", refresh=False)
        bar.update(1)

    if n == 1:  # one worker: this process, with a kernel kept warm for the next run
        kernel = local_kernel(str(plan.folders.notebooks), warm)
        for j in pending:
            done(j, run_job(j, fonts, plan.period.label_zh, kernel))
        bar.close()
        return outcomes
    # spawn, not fork: the parent holds pandas/pyarrow threads, which fork does not carry safely.
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_init_worker,
                             initargs=(str(plan.folders.notebooks), warm, KERNEL_START_TIMEOUT,
                                       os.getpid())) as pool:
        futures: dict[Future, Job] = {pool.submit(run_job, j, fonts, plan.period.label_zh): j for j in pending}
        for fut in as_completed(futures):
            j = futures[fut]
            try:
                o = fut.result()
            except Exception as e:  # a worker died (killed, out of memory): record, go on
                o = {"id": j.id, "ok": False, "seconds": 0.0, "error": f"worker failed: {type(e).__name__}: {e}"}
            done(j, o)
    bar.close()
    return outcomes


_LOCAL = None  # the warm kernel of `--jobs 1`, in this process, reused by later runs


def local_kernel(cwd: str, warm_code: str) -> Any:
    """This process's warm kernel (started on first use by the first job, shut down at exit)."""
    global _LOCAL

    from helpers.report import kernels

    if _LOCAL is None:
        _LOCAL = kernels.WarmKernel(cwd=cwd, warm_code=warm_code, startup_timeout=KERNEL_START_TIMEOUT)
        atexit.register(_LOCAL.shutdown)
    elif warm_code not in _LOCAL.warm_code:  # a notebook with other imports: warm them too
        _LOCAL.warm_code = warm_code
    return _LOCAL


def _remember(plan: Plan, job: Job, outcome: dict[str, Any]) -> None:
    """Record one finished page in the cache state (or forget it and its outputs on failure)."""
    if outcome["ok"]:
        plan.state[job.id] = {"key": job.key, "outputs": outcome["outputs"], "seconds": outcome["seconds"],
                              "stats": {p: _stat(p) for p in outcome["outputs"]}}
    else:
        plan.state.pop(job.id, None)
        for p in (job.html, job.pdf):  # stale outputs of an earlier run would mislead
            if p is not None:
                p.unlink(missing_ok=True)
    write_json(plan.folders.state, plan.state)


# --------------------------------------------------------------------------------------------
# record


def _page(plan: Plan, job: Job) -> Page:
    root, s = plan.folders.root, plan.state[job.id]
    files = (("html", job.html), ("pdf", job.pdf), ("notebook", job.ipynb))
    return Page(kind=job.kind, bureau=job.bureau, html=relative(job.html, root), pdf=relative(job.pdf, root),
                notebook=relative(job.ipynb, root), seconds=s["seconds"],
                sha256={role: s["outputs"][str(p)] for role, p in files if p is not None and str(p) in s["outputs"]},
                tables=job.tables)


def _merge(old: Manifest | None, plan: Plan, outcomes: dict[str, dict[str, Any]]
           ) -> tuple[list[Page], list[Page], list[Failure]]:
    """This run's pages over the previous manifest's: (briefings, research pages, failures).

    A run of every unit replaces the manifest (a unit gone from the table leaves it); a run of
    some units merges into it.
    """
    old = old if (plan.partial and old is not None) else Manifest(plan.period.code)
    pages = {p.id: p for p in old.pages}
    failures = {f.id: f for f in old.failures}
    for j in plan.jobs:
        o = outcomes.get(j.id)
        if o is not None and not o["ok"]:
            pages.pop(j.id, None)
            failures[j.id] = Failure(j.kind, j.bureau, relative(j.ipynb, plan.folders.root), o["error"])
        else:
            pages[j.id] = _page(plan, j)
            failures.pop(j.id, None)
    rank = {u: i for i, u in enumerate(plan.units)}
    kinds = ("city", *RESEARCH, "bureau")
    ordered = sorted(pages.values(), key=lambda p: (
        kinds.index(p.kind) if p.kind in kinds else 9, rank.get(p.bureau or "", len(rank)), p.bureau or ""))
    return ([p for p in ordered if p.is_briefing], [p for p in ordered if p.kind in RESEARCH],
            list(failures.values()))


def _read_manifest(path: Path, period: str) -> Manifest | None:
    """The previous run's manifest of this period, if there is a readable one."""
    try:
        old = Manifest.read(path)
    except HelpersError:
        return None
    return old if old.period == period else None


def prune(old: Manifest | None, new: Manifest, folders: Folders) -> list[Path]:
    """Remove the files the previous manifest listed in the output folder that the new one does
    not (an old PDF after `--formats html`, the page of a unit no longer in the report): a
    writer removes only what it wrote, and nothing stale stays beside the manifest."""
    if old is None:
        return []
    gone = sorted(listed_files(old, folders.root) - listed_files(new, folders.root))
    removed = []
    for path in gone:
        if path.parent in (folders.out, folders.out / "notebooks") and path.is_file():
            path.unlink()
            removed.append(path)
    return removed


def _comparison(plan: Plan) -> dict[str, Any]:
    c, root = plan.comparison, plan.folders.root
    return {"period": c.get("period"), "chain": c.get("chain", []),
            "compared": [{"path": relative(Path(x["path"]), root), "sha256": x["sha256"]} for x in c.get("compared", [])],
            "tables": [relative(Path(t), root) for t in c.get("tables", [])]}


def record(plan: Plan, outcomes: dict[str, dict[str, Any]], started: float) -> BatchResult:
    """Write the manifest (merged with the previous one), only when its content changed, and
    remove the pages of the previous one it no longer lists."""
    f = plan.folders
    mpath = f.out / "manifest.json"
    old = _read_manifest(mpath, plan.period.code)
    briefings, research, failures = _merge(old, plan, outcomes)
    manifest = Manifest(
        period=plan.period.code,
        inputs=tuple({"path": relative(p, f.root), "sha256": file_sha256(p)} for p in plan.inputs),
        tables={"folder": relative(f.processed, f.root), "files": plan.table["files"], "key": plan.table_key},
        parameters={"period": plan.period.code, "ahead_margin": plan.table.get("ahead_margin"),
                    "formats": list(plan.formats)},
        versions=versions(), comparison=_comparison(plan),
        briefings=tuple(briefings), research=tuple(research), failures=tuple(failures))
    manifest.write(mpath)
    prune(old, manifest, f)
    failed = [j.id for j in plan.jobs if j.id in outcomes and not outcomes[j.id]["ok"]]
    return BatchResult(
        manifest=manifest.to_json(), manifest_path=mpath, table_built=plan.table_built,
        rendered=[j.id for j in plan.pending if j.id in outcomes and outcomes[j.id]["ok"]],
        unchanged=[j.id for j in plan.jobs if j not in plan.pending], failed=failed,
        stale=[p.bureau or p.kind for p in stale_pages(manifest)],
        timings={k: o.get("timings", {}) for k, o in outcomes.items() if o["ok"]},
        seconds=time.perf_counter() - started)


# --------------------------------------------------------------------------------------------
# the run


def run_batch(period: str, *, raw: Path | str | None = None, bureaus: Sequence[str] | None = None,
              all_bureaus: bool = False, formats: Sequence[str] = ("html", "pdf"), jobs: int = 0,
              ahead_margin: float | None = None, notebooks_dir: Path | None = None,
              output_dir: Path | None = None, processed_dir: Path | None = None,
              cache_dir: Path | None = None, root: Path | None = None, city: bool | None = None,
              research: bool | None = None, progress: bool | None = None, build: bool = True,
              compare_to: str | None = None) -> BatchResult:
    """Render a period: every unit's page by default (the city briefing, every lead unit's and
    the data-quality and pace-analysis pages), or only the `bureaus` given (an empty list: no
    unit's page, e.g. the city's alone with `city=True`). `city` and `research` None follow that
    choice; True or False add or leave out those pages. A run of chosen pages keeps the others'
    entries in the manifest.

    `compare_to` picks the earlier period to compare with (default: the latest one built).
    `all_bureaus` is accepted for old callers and changes nothing (every unit is the default).
    `ahead_margin` None keeps the tables' margin; another value rebuilds them with it. Every
    folder defaults to the project's (helpers.paths); tests pass temporary ones. Worker processes
    are spawned, so a script calling this needs the `if __name__ == "__main__":` guard.
    """
    started = time.perf_counter()
    per = parse_code(period)
    formats = tuple(dict.fromkeys(x.strip().lower() for x in formats if x.strip()))
    if not formats or set(formats) - {"html", "pdf"}:
        raise HelpersError(f"--formats: use html, pdf or html,pdf (got {','.join(formats) or 'nothing'})")
    f = Folders.of(per, root, notebooks_dir, output_dir, processed_dir, cache_dir)
    # The report in data/raw/ is the default source of the project's own tables only: tables in
    # another folder (a test's, a copy) are checked against their record, not a guessed report.
    own = f.processed == paths.processed_dir(per.code).resolve()
    raw_path = Path(raw).resolve() if raw else (default_raw(per.code) if own else None)
    if raw_path is not None and not raw_path.is_file():
        raise HelpersError(f"{raw}: raw report not found")
    with ExitStack() as stack:
        stack.enter_context(exclusive(f.processed))  # shared with `table`
        stack.enter_context(exclusive(f.out))
        everything = bureaus is None
        plan = plan_batch(per, f, raw=raw_path, bureaus=bureaus, formats=formats,
                          city=everything if city is None else city,
                          research=everything if research is None else research,
                          ahead_margin=ahead_margin, build=build, compare_to=compare_to)
        marker = f.out / MARKER
        if plan.pending:
            print(say("run.pages", period=per.code, total=len(plan.jobs), pending=len(plan.pending),
                      why=say("run.pages_rebuilt") if plan.table_built else ""), file=sys.stderr)
            write_text(marker, json.dumps({"pid": os.getpid(), "started": time.time()}) + "\n")
        outcomes = execute(plan, jobs, progress)
        result = record(plan, outcomes, started)
        marker.unlink(missing_ok=True)
        write_front_pages(per, f, bool(result.rendered))
        return result


def write_front_pages(per: Period, f: Folders, changed: bool) -> None:
    """The period's front page (output/<P>/index.html) and the list of periods beside it, when a
    page changed or either is missing or older than the manifest."""
    index, manifest = f.out / "index.html", f.out / "manifest.json"
    if not manifest.exists():
        return
    if changed or not index.exists() or index.stat().st_mtime_ns < manifest.stat().st_mtime_ns \
            or not (f.out.parent / "index.html").exists():
        # deferred: the page loads the tables (pandas), which a run with nothing to do never needs
        from helpers.report.front_page import write_front_page, write_periods_index

        path = write_front_page(per.code, f.out, f.processed, f.root, TITLES)
        write_periods_index(f.out.parent)
        print(say("run.front_page", path=path), file=sys.stderr)


def run_command(period: str, *, raw: Path | str | None = None, bureaus: Sequence[str] | None = None,
                formats: Sequence[str] = ("html", "pdf"), jobs: int = 0, ahead_margin: float | None = None,
                compare_to: str | None = None) -> int:
    """The `run` command: run the batch, print the summary and any failures; 1 when a notebook failed."""
    result = run_batch(period, raw=raw, bureaus=bureaus, formats=formats, jobs=jobs, ahead_margin=ahead_margin,
                       compare_to=compare_to)
    for f in result.manifest["failures"]:
        who = f["bureau"] or f["kind"]
        print(say("run.failed", who=who, error=f["error"], notebook=f["notebook"]), file=sys.stderr)
    if result.stale:
        print(say("warning", text=say("run.stale", n=len(result.stale), who="、".join(result.stale[:5]),
                                      period=result.manifest["period"])), file=sys.stderr)
    print(result.summary())
    return 1 if result.failed else 0


# --------------------------------------------------------------------------------------------
# worker processes


_KERNEL = None  # the worker's WarmKernel


def _watch_parent(parent: int) -> None:
    """End this worker, and its kernel, as soon as the run that started it is gone (a kill -9 of
    `run` gives no chance to clean up): poll the parent pid from a daemon thread."""
    def loop() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_INTERVAL)
        if _KERNEL is not None:
            _KERNEL.kill()
        os._exit(1)

    threading.Thread(target=loop, name="helpers-watchdog", daemon=True).start()


def _init_worker(cwd: str, warm_code: str, startup_timeout: float, parent: int) -> None:
    """Pool initializer: watch the parent, launch this worker's kernel, import the renderers while
    it boots."""
    global _KERNEL

    from helpers.report import kernels, render

    _watch_parent(parent)
    _KERNEL = kernels.WarmKernel(cwd=cwd, warm_code=warm_code, startup_timeout=startup_timeout)
    # Finalize runs when the worker exits normally (atexit handlers do not, in pool workers).
    multiprocessing.util.Finalize(None, _shutdown_worker, exitpriority=10)
    try:
        _KERNEL.launch()
    except Exception:  # retried (and reported) by the first job
        _KERNEL.km = None
    render.html_exporter()
    import weasyprint  # noqa: F401  (its import costs ~1 s; pay it while the kernel boots)


def _shutdown_worker() -> None:
    if _KERNEL is not None:
        _KERNEL.shutdown()


def run_job(job: Job, fonts: Any, period_label: str, kernel: Any = None) -> dict[str, Any]:
    """Execute and render one job; never raises for a notebook's own failure."""
    from helpers.report import render

    kernel = kernel or _KERNEL
    t0 = time.perf_counter()
    try:
        if kernel is not None and kernel.km is not None and not kernel.used:
            kernel.warm()  # launched by the initializer; imports not yet run
        r = render.render_notebook(job.notebook, job.parameters, ipynb=job.ipynb, html=job.html,
                                   pdf=job.pdf, title=job.title, period_label=period_label,
                                   kernel=kernel, fonts=fonts, timeout=EXECUTION_TIMEOUT)
        outputs = {str(p): file_sha256(p) for p in job.outputs()}
        return {"id": job.id, "ok": True, "seconds": round(r.seconds, 2), "timings": r.timings,
                "outputs": outputs}
    except Exception as e:  # the notebook's error, recorded; the batch goes on
        return {"id": job.id, "ok": False, "seconds": round(time.perf_counter() - t0, 2),
                "error": render.error_summary(e, job.ipynb)}
