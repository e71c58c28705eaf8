"""`python -m helpers run`: a period's briefings (city + one per lead unit) as HTML and PDF.

How a rerun stays cheap: every briefing has a content key (its notebook, the helpers code, the
package versions, its parameters and a digest of exactly the data it shows). Keys live in the
cache (`paths.CACHE/batch/`, safe to delete); a briefing whose key and output files are unchanged
is not executed, and nothing is rewritten. A bureau briefing's data digest is that bureau's rows
plus the city-wide figures it prints beside them, so correcting one bureau's task re-renders that
bureau, the city briefing and the research notebooks, and other bureaus only when a city-wide
figure they print moved.

How a full run stays fast: a pool of worker processes (one per core by default), each with one
warm Jupyter kernel that executes its share of the notebooks through papermill, one HTMLExporter,
and WeasyPrint with the period's CJK font subset (see helpers.render).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from helpers import paths
from helpers.bureaus import lead_units, leads
from helpers.errors import HelpersError
from helpers.io import safe_slug, write_json
from helpers.period import parse_code

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
#: Packages whose version is recorded in the manifest and enters every briefing's key.
VERSIONED = ("helpers", "pandas", "numpy", "pyarrow", "matplotlib", "seaborn", "papermill",
             "nbconvert", "nbformat", "nbclient", "ipykernel", "weasyprint", "fonttools", "jinja2")
#: Bump when the way briefings are rendered changes in a way the code hash would not catch.
RENDER_RECIPE = "1"
EXECUTION_TIMEOUT = 600  # seconds per cell
KERNEL_START_TIMEOUT = 300  # two cores shared with other work: be patient


# --------------------------------------------------------------------------------------------
# names


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


# --------------------------------------------------------------------------------------------
# hashing


def _sha(*parts: Any) -> str:
    h = hashlib.sha256()
    for p in parts:
        if isinstance(p, bytes):
            h.update(p)
        else:
            h.update(json.dumps(p, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def file_sha256(path: Path | str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def frame_digest(df: Any) -> str:
    """Content hash of a DataFrame (values, dtypes and column names; not its memory layout)."""
    import pandas as pd

    values = pd.util.hash_pandas_object(df, index=False).values.tobytes() if len(df) else b""
    return _sha(list(map(str, df.columns)), [str(t) for t in df.dtypes], values)


def helpers_closure(start: Iterable[str], package_dir: Path | None = None) -> list[Path]:
    """Source files of the helpers modules `start` names and everything they import, transitively.

    Only this code enters the briefings' keys: editing the parser or the mailer does not
    re-render briefings made from an already built table.
    """
    import ast

    package_dir = package_dir or Path(__file__).resolve().parent
    seen: set[str] = set()
    todo = [m for m in start if m == "helpers" or m.startswith("helpers.")]
    files: list[Path] = []
    while todo:
        mod = todo.pop()
        if mod in seen:
            continue
        seen.add(mod)
        rel = mod.split(".")[1:]
        path = package_dir.joinpath(*rel).with_suffix(".py") if rel else package_dir / "__init__.py"
        if not path.exists():
            path = package_dir.joinpath(*rel, "__init__.py")
            if not path.exists():
                continue
        files.append(path)
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                todo += [a.name for a in node.names if a.name.startswith("helpers")]
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "helpers":
                todo.append(node.module)
                if node.module == "helpers":
                    todo += [f"helpers.{a.name}" for a in node.names]
    return sorted(set(files))


def code_digest(notebook_modules: Iterable[str]) -> str:
    """Hash of the helpers code a briefing runs (the notebooks' imports and the renderer, with
    everything they import) and of the templates: a change there re-renders everything."""
    here = Path(__file__).resolve().parent
    files = helpers_closure(["helpers.render", "helpers.fonts", *notebook_modules])
    files += sorted(p for p in (here / "templates").rglob("*") if p.is_file())
    h = hashlib.sha256()
    for p in files:
        h.update(str(p.relative_to(here)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def _notebook_modules(notebooks: Iterable[Path]) -> list[str]:
    """helpers modules the notebooks import (`from helpers import briefing` → helpers.briefing)."""
    import ast

    from helpers.render import notebook_imports

    mods: list[str] = []
    for stmt in notebook_imports(notebooks):
        node = ast.parse(stmt).body[0]
        if isinstance(node, ast.Import):
            mods += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            mods.append(node.module)
            mods += [f"{node.module}.{a.name}" for a in node.names]
    return mods


def versions() -> dict[str, str]:
    from importlib import metadata

    out = {"python": sys.version.split()[0]}
    for name in VERSIONED:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return out


def bureau_rows(tasks: Any, bureau: str) -> Any:
    """Rows a bureau briefing lists: tasks it leads, first or jointly (as briefing.bureau_tasks)."""
    return tasks[leads(tasks, bureau)]


def city_context(tasks: Any, quality_text: str = "") -> tuple[str, Any]:
    """What every bureau briefing prints about the city: a digest, and the scoreboard for ranks.

    Mirrors notebooks/briefing_bureau.ipynb (the city row of bureau_vs_city, the status shares
    of the comparison chart, the rank sentence, the ahead margin from quality.json; the test
    of a one-bureau change renders an untouched bureau afresh to catch a page showing more). A bureau notebook that shows more city-wide data
    must be reflected here, or a change to another bureau's rows would not re-render it. When
    the helpers it calls are missing, the whole table is the digest (re-renders too often, never
    too rarely).
    """
    try:
        from helpers import briefing as b

        median = tasks["completion_pct"].median()
        try:
            margin = json.loads(quality_text).get("ahead_margin") if quality_text else None
        except (ValueError, AttributeError):
            margin = quality_text
        city = [repr(b.headline(tasks)), None if median != median else float(median),
                sorted(tasks["status"].value_counts().to_dict().items()), margin]
        return _sha(city), b.bureau_scoreboard(tasks)
    except Exception:
        return frame_digest(tasks), None


def bureau_digest(tasks: Any, indicators: Any, bureau: str, context: tuple[str, Any] | None = None) -> str:
    """Digest of what a bureau briefing shows: its rows, and the city figures printed beside them."""
    city, board = context or city_context(tasks)
    mine = bureau_rows(tasks, bureau)
    ind = indicators[indicators["task_id"].isin(mine["task_id"])]
    rank = None
    if board is not None:
        from helpers import briefing as b

        rank = b.rank_sentence(board, bureau)
    return _sha(frame_digest(mine), frame_digest(ind), city, rank)


# --------------------------------------------------------------------------------------------
# jobs


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
    key: str = ""

    @property
    def id(self) -> str:
        return self.kind if self.bureau is None else f"bureau:{self.bureau}"

    @property
    def is_briefing(self) -> bool:
        return self.kind in ("city", "bureau")

    def outputs(self) -> list[Path]:
        return [p for p in (self.ipynb, self.html, self.pdf) if p is not None]


@dataclass
class BatchResult:
    """What a batch did: the manifest it wrote and counts for the summary."""

    manifest: dict[str, Any]
    manifest_path: Path
    rendered: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    table_built: bool = False
    timings: dict[str, dict[str, float]] = field(default_factory=dict)

    def summary(self) -> str:
        m = self.manifest
        parts = [f"{m['period']}: {len(self.rendered)} rendered", f"{len(self.unchanged)} unchanged"]
        if self.failed:
            parts.append(f"{len(self.failed)} FAILED ({', '.join(self.failed[:5])}"
                         + (", …" if len(self.failed) > 5 else "") + ")")
        table = "table rebuilt; " if self.table_built else ""
        return f"{', '.join(parts)} in {self.seconds:.1f} s; {table}manifest: {self.manifest_path}"


# --------------------------------------------------------------------------------------------
# the table


def default_raw(period: str) -> Path | None:
    """The raw report of a period in data/raw/ (a file whose name contains the period code)."""
    if period == paths.DEFAULT_PERIOD and paths.DEFAULT_RAW.exists():
        return paths.DEFAULT_RAW
    hits = sorted(p for p in paths.RAW.glob(f"*{period}*") if p.is_file() and p.suffix != ".md")
    return hits[0] if hits else None


#: The lookup tables the task table is built from (recipients.csv is not one of them).
TABLE_REFERENCES = tuple(p.name for p in (paths.BUREAUS_CSV, paths.SECTORS_CSV, paths.SECTOR_RULES_CSV,
                                          paths.OVERRIDES_CSV, paths.LEXICON_CSV))


def reference_files(reference_dir: Path | None = None) -> list[Path]:
    """The reference tables that the task table depends on."""
    folder = Path(reference_dir or paths.REFERENCE)
    return [folder / n for n in TABLE_REFERENCES if (folder / n).is_file()]


def table_code_digest() -> str:
    """Hash of the code that builds the table (parser, rules): a change there rebuilds it."""
    h = hashlib.sha256()
    for p in helpers_closure(["helpers.table"]):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def ensure_table(raw: Path | None, period: str, processed: Path, ahead_margin: float,
                 cache_dir: Path, reference_dir: Path | None = None) -> bool:
    """Build the period's tables when missing, or when their inputs or ahead_margin changed.

    Returns whether it built. The inputs' hashes are remembered in the cache; without that
    record (tables built by `python -m helpers table`), tables older than an input are rebuilt.
    """
    tables = [processed / "tasks.parquet", processed / "indicators.parquet"]
    inputs = ([raw] if raw else []) + reference_files(reference_dir)
    stamp_path = cache_dir / "batch" / f"table-{_sha(str(processed.resolve()))[:16]}.json"
    state = {"ahead_margin": ahead_margin, "inputs": {str(p): file_sha256(p) for p in inputs},
             "code": table_code_digest()}
    have = all(t.exists() for t in tables)
    if have:
        try:
            old = json.loads(stamp_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            old = None
        if old is not None:
            fresh = old == state
        else:
            newest = max((p.stat().st_mtime for p in inputs), default=0)
            fresh = min(t.stat().st_mtime for t in tables) >= newest
        if fresh:
            if old is None:
                write_json(stamp_path, state)
            return False
    if raw is None:
        raise HelpersError(f"no tables in {processed} and no raw report for {period}: pass --raw")
    from helpers.table import build_table

    result = build_table(raw, period=period, out=processed, ahead_margin=ahead_margin)
    for w in getattr(result, "warnings", []):
        print(f"warning: {w}", file=sys.stderr)
    for line in result.review_summary():  # what to review, as `python -m helpers table` prints it
        print(line, file=sys.stderr)
    write_json(stamp_path, state)
    return True


_CODE_IN_NAME = __import__("re").compile(r"(?<![0-9])(\d{4}(?:H[12]|Q[1-4]|FY|M\d{1,2}))(?![0-9])")


def earlier_raws(period: str) -> dict[str, Path]:
    """Reports in data/raw/ of the same year as `period` and ending before it, by period code."""
    per = parse_code(period)
    found: dict[str, Path] = {}
    for p in sorted(paths.RAW.glob("*")) if paths.RAW.is_dir() else []:
        m = _CODE_IN_NAME.search(p.name)
        if not m or not p.is_file() or p.suffix == ".md":
            continue
        try:
            q = parse_code(m[1])
        except HelpersError:
            continue
        if q.year == per.year and q.end_month < per.end_month:
            found.setdefault(q.code, p)
    return found


def ensure_comparison(period: str, processed: Path, ahead_margin: float, cache_dir: Path,
                      reference_dir: Path | None = None, compare_to: str | None = None) -> dict[str, Any]:
    """Build the earlier periods' tables found in data/raw/, then compare `period` with the latest
    (or `compare_to`); what was compared, for the manifest. Skipped when nothing it reads changed."""
    # Earlier reports in data/raw/ are built only into the project's own data/processed/ (a run
    # on other folders, as in tests, compares with what is built there).
    if processed.parent.resolve() == paths.PROCESSED.resolve():
        for code, raw in earlier_raws(period).items():
            ensure_table(raw, code, processed.parent / code, ahead_margin, cache_dir, reference_dir)
    fixes = Path(reference_dir or paths.REFERENCE) / paths.TASK_MATCHES_CSV.name
    # every sibling period's tables (a superset of the chain's): the check stays free of pandas
    reads = sorted(processed.parent.glob("*/tasks.parquet")) + sorted(processed.parent.glob("*/quality.json"))
    reads += [fixes]
    outs = [processed / f"{n}.{ext}" for n in paths.COMPARISON_TABLES for ext in ("parquet", "csv")]
    state = {"compare_to": compare_to, "code": _sha([p.read_bytes() for p in helpers_closure(["helpers.chain"])]),
             "reads": {str(p): file_sha256(p) for p in reads if p.exists()}}
    stamp = cache_dir / "batch" / f"compare-{_sha(str(processed.resolve()))[:16]}.json"
    try:
        old = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = {}
    if old.get("state") == state and all(Path(p).exists() and file_sha256(p) == h
                                         for p, h in old.get("outputs", {}).items()):
        return old["record"]
    from helpers import chain

    comp = chain.build_comparison(period, processed, compare_to, fixes_path=fixes)
    record = {"period": comp.prev_period, "chain": comp.chain,
              "compared": [{"path": str(p), "sha256": file_sha256(p)} for p in comp.compared],
              "tables": [str(p) for p in comp.written]}
    if comp.prev_period:
        print(comp.summary(), file=sys.stderr)
    write_json(stamp, {"state": state, "record": record,
                       "outputs": {str(p): file_sha256(p) for p in outs if p.exists()}})
    return record


def change_digests(processed: Path, bureaus: Sequence[str], state: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """Digest of the period's comparison for the city briefing, and of each bureau's change rows
    (remembered in `state` against the files' bytes, so an unchanged rerun reads no parquet)."""
    files = [processed / f"{n}.parquet" for n in ("changes", "change_shares")]
    city = _sha([file_sha256(p) if p.exists() else None for p in files])
    if not files[0].exists():
        return city, {b: city for b in bureaus}
    memo = state.get("_changes", {})
    if memo.get("key") != city:
        memo = {"key": city, "bureaus": {}}
    missing = [b for b in bureaus if b not in memo["bureaus"]]
    if missing:
        import pandas as pd

        ch = pd.read_parquet(files[0])
        prev = ch["prev_period"].iloc[0] if len(ch) else None
        memo["bureaus"].update({b: _sha(prev, frame_digest(ch[ch["bureau"].eq(b)])) for b in missing})
        state["_changes"] = memo
    return city, {b: memo["bureaus"][b] for b in bureaus}


def _rel(path: Path | None, root: Path) -> str | None:
    if path is None:
        return None
    try:
        return str(Path(path).resolve().relative_to(root.resolve()))
    except ValueError:
        return str(Path(path).resolve())


# --------------------------------------------------------------------------------------------
# worker processes


_KERNEL = None  # the worker's WarmKernel


def _init_worker(cwd: str, warm_code: str, startup_timeout: float) -> None:
    """Pool initializer: launch this worker's kernel, and import the renderers while it boots."""
    global _KERNEL
    import multiprocessing.util

    from helpers import render

    _KERNEL = render.WarmKernel(cwd=cwd, warm_code=warm_code, startup_timeout=startup_timeout)
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
    from helpers import render

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
                "error": render.error_summary(e)}


# --------------------------------------------------------------------------------------------
# the batch


def _font_chars(tasks: Any, indicators: Any, quality_text: str, sources: Sequence[Path]) -> set[str]:
    import pandas as pd

    from helpers.render import text_chars

    texts: list[str] = [quality_text]
    for df in (tasks, indicators):
        for col in df.columns:
            if pd.api.types.is_string_dtype(df[col]) or df[col].dtype == object:
                texts.extend(df[col].dropna().astype(str).unique().tolist())
    for p in sources:
        try:
            texts.append(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            pass
    return text_chars(texts)


@contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    """One batch at a time per output folder: a second waits instead of racing on the files."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a") as fh:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock
            yield
            return
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            print(f"waiting for another run on the same output folder ({lock_path.name}) …", file=sys.stderr)
            fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def run_batch(period: str, *, raw: Path | str | None = None, bureaus: Sequence[str] | None = None,
              all_bureaus: bool = False, formats: Sequence[str] = ("html", "pdf"), jobs: int = 0,
              ahead_margin: float = 0.10, notebooks_dir: Path | None = None,
              output_dir: Path | None = None, processed_dir: Path | None = None,
              cache_dir: Path | None = None, reference_dir: Path | None = None,
              root: Path | None = None, research: bool = True, progress: bool | None = None,
              build: bool = True, compare_to: str | None = None) -> BatchResult:
    """Render a period: the city briefing, the chosen bureaus' briefings (HTML and/or PDF) and,
    with `research`, the data-quality and pace-analysis notebooks (HTML only).

    Every folder defaults to the project's (helpers.paths); tests pass temporary ones. Runs
    on the same output folder are serialised (a lock file in the cache). Worker processes are
    spawned, so a script calling this needs the `if __name__ == "__main__":` guard.
    """
    per = parse_code(period)
    out = Path(output_dir or paths.output_dir(per.code))
    cache = Path(cache_dir or paths.CACHE)
    with _exclusive(cache / "batch" / f"lock-{_sha(str(out.resolve()))[:16]}"):
        return _run_batch(period, raw=raw, bureaus=bureaus, all_bureaus=all_bureaus, formats=formats,
                          jobs=jobs, ahead_margin=ahead_margin, notebooks_dir=notebooks_dir,
                          output_dir=output_dir, processed_dir=processed_dir, cache_dir=cache_dir,
                          reference_dir=reference_dir, root=root, research=research,
                          progress=progress, build=build, compare_to=compare_to)


def _run_batch(period: str, *, raw: Path | str | None, bureaus: Sequence[str] | None, all_bureaus: bool,
               formats: Sequence[str], jobs: int, ahead_margin: float, notebooks_dir: Path | None,
               output_dir: Path | None, processed_dir: Path | None, cache_dir: Path | None,
               reference_dir: Path | None, root: Path | None, research: bool, progress: bool | None,
               build: bool, compare_to: str | None = None) -> BatchResult:
    t_start = time.perf_counter()
    from helpers.fonts import find_cjk_font_face

    per = parse_code(period)
    formats = tuple(f.strip().lower() for f in formats if f.strip())
    bad = set(formats) - {"html", "pdf"}
    if bad or not formats:
        raise HelpersError(f"--formats: use html, pdf or html,pdf (got {','.join(formats) or 'nothing'})")
    root = Path(root or paths.ROOT)
    nbdir = Path(notebooks_dir or paths.NOTEBOOKS)
    out = Path(output_dir or paths.output_dir(per.code))
    processed = Path(processed_dir or paths.processed_dir(per.code))
    cache = Path(cache_dir or paths.CACHE)
    raw_path = Path(raw) if raw else default_raw(per.code)
    if raw_path is not None and not raw_path.exists():
        raise HelpersError(f"{raw_path}: raw report not found")
    # A missing CJK font is an error before any notebook runs, not boxes in 45 PDFs.
    font_src = find_cjk_font_face()

    table_built = ensure_table(raw_path, per.code, processed, ahead_margin, cache, reference_dir) if build else False
    comparison = ensure_comparison(per.code, processed, ahead_margin, cache, reference_dir, compare_to)

    vers = versions()
    from helpers.render import FONT_RECIPE, file_sha256 as cached_sha

    nb_paths = [nbdir / n for n in NOTEBOOKS.values() if (nbdir / n).exists()]
    common = _sha(RENDER_RECIPE, code_digest(_notebook_modules(nb_paths)), vers, formats, FONT_RECIPE,
                  cached_sha(font_src[0]), font_src[1])
    nb_sha = {k: (file_sha256(nbdir / n) if (nbdir / n).exists() else "missing") for k, n in NOTEBOOKS.items()}

    state_path = cache / "batch" / f"state-{_sha(str(out.resolve()))[:16]}.json"
    try:
        state = json.loads(state_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}

    table_files = [processed / "tasks.parquet", processed / "indicators.parquet", processed / "quality.json"]
    frames: dict[str, Any] = {}

    def tables() -> tuple[Any, Any, str]:
        if not frames:
            import pandas as pd

            frames["tasks"] = pd.read_parquet(table_files[0])
            frames["indicators"] = pd.read_parquet(table_files[1])
            frames["quality"] = table_files[2].read_text(encoding="utf-8") if table_files[2].exists() else ""
        return frames["tasks"], frames["indicators"], frames["quality"]

    # What the tables hold (content hashes, bureau list, bureau digests) is remembered against the
    # files' bytes and the code: a rerun on unchanged tables imports neither pandas nor
    # helpers.briefing, which is most of the time a do-nothing rerun would otherwise take.
    files_key = _sha(common, [file_sha256(p) if p.exists() else None for p in table_files])
    memo = state.get("_tables", {})
    if memo.get("key") != files_key:
        tasks, indicators, quality_text = tables()
        memo = {"key": files_key,
                "table_key": _sha(frame_digest(tasks), frame_digest(indicators), quality_text),
                # every lead unit named in the table, co-leads included (霍邱县政府 in 市交通局,霍邱县政府)
                "known": lead_units(tasks),
                "bureaus": {}}
    table_key, known, digests = memo["table_key"], memo["known"], dict(memo["bureaus"])
    chosen = known if all_bureaus else list(dict.fromkeys(bureaus or []))
    slugs = bureau_slugs(chosen)
    missing = [b for b in chosen if b not in digests]
    if missing:
        tasks, indicators, quality_text = tables()
        context = city_context(tasks, quality_text)
        for b in missing:
            digests[b] = bureau_digest(tasks, indicators, b, context)
    if missing or state.get("_tables", {}).get("key") != files_key:
        state["_tables"] = dict(memo, bureaus=digests)
        write_json(state_path, state)

    before = json.dumps(state.get("_changes"), sort_keys=True)
    change_city, change_bureau = change_digests(processed, chosen, state)
    if json.dumps(state.get("_changes"), sort_keys=True) != before:
        write_json(state_path, state)
    nbout = out / "notebooks"
    want_html, want_pdf = "html" in formats, "pdf" in formats

    def job(kind: str, bureau: str | None, params: dict[str, Any], data_key: str) -> Job:
        stem = kind if bureau is None else f"bureau_{slugs[bureau]}"
        briefing = kind in ("city", "bureau")
        j = Job(kind=kind, bureau=bureau, notebook=nbdir / NOTEBOOKS[kind], parameters=params,
                ipynb=nbout / f"{stem}.ipynb",
                html=out / f"{stem}.html" if (want_html or not briefing) else None,
                pdf=out / f"{stem}.pdf" if (want_pdf and briefing) else None,
                title=TITLES.get(kind) or f"{bureau}重点工作落实情况")
        j.key = _sha(common, nb_sha[kind], kind, params, data_key, j.title, _rel(j.html, out), _rel(j.pdf, out))
        return j

    # The default folder is left to the notebook (None), so the executed notebooks carry the
    # same parameters a researcher would type; a folder given explicitly is passed as is.
    default_dir = paths.processed_dir(per.code).resolve()
    pdir = None if processed.resolve() == default_dir else str(processed.resolve())
    all_jobs = [job("city", None, {"period": per.code, "ahead_margin": ahead_margin, "processed_dir": pdir},
                    _sha(table_key, change_city))]
    if research:
        for kind in ("data_quality", "pace_analysis"):
            all_jobs.append(job(kind, None, {"period": per.code, "processed_dir": pdir}, table_key))
    for b in chosen:
        all_jobs.append(job("bureau", b, {"period": per.code, "bureau": b, "processed_dir": pdir},
                            _sha(digests[b], change_bureau[b])))

    def unchanged(j: Job) -> bool:
        s = state.get(j.id)
        if not s or s.get("key") != j.key:
            return False
        recorded = s.get("outputs", {})
        if set(recorded) != {str(p) for p in j.outputs()}:
            return False
        return all(Path(p).exists() and file_sha256(p) == h for p, h in recorded.items())

    pending = [j for j in all_jobs if not unchanged(j)]
    result = BatchResult(manifest={}, manifest_path=out / "manifest.json", table_built=table_built,
                         unchanged=[j.id for j in all_jobs if j not in pending])
    outcomes: dict[str, dict[str, Any]] = {}

    if pending:
        fonts = None
        if want_pdf and any(j.pdf for j in pending):
            from helpers.render import prepare_fonts

            here = Path(__file__).parent
            sources = ([nbdir / n for n in NOTEBOOKS.values()] + sorted(here.glob("*.py"))
                       + sorted((here / "templates").rglob("*.*"))
                       + [processed / "changes.csv"])  # earlier periods' task texts
            fonts = prepare_fonts(_font_chars(*tables(), sources), cache)
        outcomes = _execute(pending, fonts, per.label_zh, nbdir, jobs, progress)
        for j in pending:
            o = outcomes[j.id]
            if o["ok"]:
                state[j.id] = {"key": j.key, "outputs": o["outputs"], "seconds": o["seconds"]}
                result.rendered.append(j.id)
                result.timings[j.id] = o.get("timings", {})
            else:
                state.pop(j.id, None)
                result.failed.append(j.id)
                for p in (j.html, j.pdf):  # stale outputs of an earlier run would mislead
                    if p is not None:
                        p.unlink(missing_ok=True)
        write_json(state_path, state)

    failed = set(result.failed)
    briefings = [
        {"kind": j.kind, "bureau": j.bureau, "html": _rel(j.html, root), "pdf": _rel(j.pdf, root),
         "seconds": state[j.id]["seconds"]}
        for j in all_jobs if j.is_briefing and j.id not in failed
    ]
    failures = [
        {"kind": j.kind, "bureau": j.bureau, "notebook": _rel(j.ipynb, root), "error": outcomes[j.id]["error"]}
        for j in all_jobs if j.id in failed
    ]
    inputs = ([raw_path] if raw_path else []) + reference_files(reference_dir)
    manifest = {
        "period": per.code,
        "inputs": [{"path": _rel(p, root), "sha256": file_sha256(p)} for p in inputs],
        "parameters": {"period": per.code, "ahead_margin": ahead_margin, "formats": list(formats),
                       "bureaus": "all" if all_bureaus else chosen},
        "versions": vers,
        # the earlier period's tables this one was compared with (helpers.chain), by checksum
        "comparison": {"period": comparison["period"], "chain": comparison["chain"],
                       "compared": [{"path": _rel(Path(c["path"]), root), "sha256": c["sha256"]}
                                    for c in comparison["compared"]],
                       "tables": [_rel(Path(t), root) for t in comparison["tables"]]},
        "briefings": briefings,
        "failures": failures,
    }
    result.manifest = manifest
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    mpath = result.manifest_path
    if not (mpath.exists() and mpath.read_text(encoding="utf-8") == text):
        write_json(mpath, manifest)
    result.seconds = time.perf_counter() - t_start
    return result


def _execute(pending: list[Job], fonts: Any, period_label: str, nbdir: Path, jobs: int,
             progress: bool | None) -> dict[str, dict[str, Any]]:
    """Run the jobs over a pool of warm-kernel workers; outcomes by job id."""
    import multiprocessing

    from tqdm import tqdm

    from helpers.render import notebook_imports

    # Longest first: the city briefing and the research notebooks, then the bureaus.
    order = {"city": 0, "pace_analysis": 1, "data_quality": 2, "bureau": 3}
    pending = sorted(pending, key=lambda j: order.get(j.kind, 9))
    warm = "\n".join(notebook_imports(sorted({j.notebook for j in pending})))
    n = max(1, min(jobs or os.cpu_count() or 1, len(pending)))
    outcomes: dict[str, dict[str, Any]] = {}
    bar = tqdm(total=len(pending), desc="briefings", unit="nb", disable=(not progress) if progress is not None else None,
               file=sys.stderr)
    # spawn, not fork: the parent holds pandas/pyarrow threads, which fork does not carry safely.
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_init_worker,
                             initargs=(str(nbdir), warm, KERNEL_START_TIMEOUT)) as pool:
        futures: dict[Future, Job] = {pool.submit(run_job, j, fonts, period_label): j for j in pending}
        for fut in as_completed(futures):
            j = futures[fut]
            try:
                o = fut.result()
            except Exception as e:  # a worker died (killed, out of memory): record, go on
                o = {"id": j.id, "ok": False, "seconds": 0.0, "error": f"worker failed: {type(e).__name__}: {e}"}
            outcomes[j.id] = o
            bar.set_postfix_str(j.id if o["ok"] else f"{j.id} FAILED", refresh=False)
            bar.update(1)
    bar.close()
    return outcomes


def run_command(args: argparse.Namespace) -> int:
    """CLI entry: run the batch, print the summary and any failures; 1 when a notebook failed."""
    formats = [f for f in str(args.formats or "html,pdf").split(",")]
    result = run_batch(args.period, raw=args.raw, bureaus=args.bureau, all_bureaus=args.all_bureaus,
                       formats=formats, jobs=args.jobs or 0, ahead_margin=args.ahead_margin,
                       compare_to=getattr(args, "compare_to", None))
    for f in result.manifest["failures"]:
        who = f["bureau"] or f["kind"]
        print(f"failed: {who}: {f['error']} (executed notebook: {f['notebook']})", file=sys.stderr)
    print(result.summary())
    return 1 if result.failed else 0
