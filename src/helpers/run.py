"""`python -m helpers run`: a period's briefings (city + one per lead unit) as HTML and PDF.

Each page has a key: everything that can change it, the data it shows included
(helpers.page_keys). A page whose key and files are unchanged is not executed and nothing is
rewritten: one corrected task re-renders its unit's page and, when the city's figures move, the
city's and the research pages. Keys live in the cache (`paths.CACHE/batch/`, safe to delete).

A run is all or nothing for mail: while it works, `output/<P>/.in-progress` exists (a kill
leaves it behind, and `mail` refuses the folder); `manifest.json` (helpers.report.manifest)
lists every page with the sha256 of its files and the tables it stands for, and the pages of
the previous manifest it no longer lists are removed. A run of some units (`--bureau X`) merges
its entries into the manifest. `table` and `run` share the lock of the period's tables, and
`run` checks the tables against their record before rendering from them
(helpers.period_tables). The pages render over warm-kernel workers (helpers.report.pool).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from helpers import paths, provenance
from helpers.messages import say
from helpers.errors import HelpersError, InputError
from helpers.files import exclusive, safe_slug, write_json, write_text
from helpers.period import Period, parse_code
from helpers.provenance import file_sha256
from helpers.read.bureaus import norm
from helpers.period_tables import comparison_key, default_raw, digest, ensure_comparison, ensure_table, will_rebuild
from helpers.report.pool import Job, Workers, font_chars, render_pages
from helpers.paths import relative
from helpers.report.manifest import MARKER, Failure, Manifest, Page, prune, stale_pages
from helpers.report.render import versions
from helpers.page_keys import NOTEBOOKS, RESEARCH, common_key, page_data, stat, unchanged, unit_keys
from helpers.report import wording
from helpers.report.server_client import Served



#: The render server a run starts: pages, and the review loop's commands served warm (helpers.warm).
SERVER_ENTRY = "helpers.warm"


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


# --------------------------------------------------------------------------------------------
# what a run works on


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
        # named by the output folder relative to the root: a project copied or moved with its
        # cache finds its state, and its pages current
        return self.cache / "batch" / f"state-{digest(relative(self.out, self.root))[:16]}.json"


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
    alongside: Any = None  # what run_batch's `alongside` returned

    def summary(self) -> str:
        """The run's last line, in Chinese: pages rendered, unchanged, failed; where the manifest is."""
        failed = say("run.summary_failed", n=len(self.failed), who="、".join(self.failed[:5])
                     + ("……" if len(self.failed) > 5 else "")) if self.failed else ""
        return say("run.summary", period=self.manifest["period"], rendered=len(self.rendered),
                   kept=len(self.unchanged), failed=failed, seconds=self.seconds,
                   rebuilt=say("run.summary_rebuilt") if self.table_built else "", manifest=self.manifest_path)


# --------------------------------------------------------------------------------------------
# the tables


# --------------------------------------------------------------------------------------------
# plan


def _read_state(path: Path) -> dict[str, Any]:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _jobs(per: Period, f: Folders, chosen: Sequence[str], city: bool, research: bool,
          formats: Sequence[str], common: str, table_key: str, data: dict[str, Any]) -> list[Job]:
    """The pages of this run, each with its key: on the data it shows (`data`, page_keys.page_data; a
    unit's None: on the whole tables)."""
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
                title=wording.page_titles(per.pace).get(kind) or f"{bureau}重点工作落实情况")
        j.tables = table_key
        shown = (data["bureau"] or {}).get(bureau, table_key) if bureau is not None else data[kind]
        # the tables' folder by its place in the project (their content is in `shown`)
        keyed = dict(params, processed_dir=relative(pdir, f.root)) if pdir else params
        j.key = digest(common, nb_sha[kind], kind, keyed, shown, j.title, relative(j.html, f.out), relative(j.pdf, f.out))
        return j

    jobs = [job("city")] if city else []
    jobs += [job(k) for k in RESEARCH] if research else []
    return jobs + [job("bureau", b) for b in chosen]


def _chosen(bureaus: Sequence[str], units: Sequence[str], processed: Path) -> list[str]:
    """The units asked for, each a lead unit of the table; an unknown one is refused before any
    notebook runs (its page would be empty, and mail would then refuse the whole period)."""
    chosen = list(dict.fromkeys(norm(b) for b in bureaus))
    unknown = [b for b in chosen if b not in units]
    if unknown:
        raise HelpersError(say("run.unknown_bureau", units="、".join(unknown), table=processed / "tasks.parquet",
                               n=len(units), some="、".join(units[:3])))
    return chosen


def plan_batch(per: Period, f: Folders, *, raw: Path | None, bureaus: Sequence[str] | None,
               formats: Sequence[str], city: bool, research: bool, ahead_margin: float | None,
               build: bool, compare_to: str | None = None) -> Plan:
    """Check (or rebuild) the tables and the comparison with an earlier period, list the pages of
    this run and find those to render."""
    built, record = ensure_table(raw, per.code, f.processed, ahead_margin, build)
    comparison = ensure_comparison(per.code, f.processed, record.get("ahead_margin"), f.cache, compare_to, f.root)
    state = _read_state(f.state)
    # the warning thresholds are read by every page as it renders (helpers.report.warning_levels)
    levels = paths.WARNING_LEVELS_CSV
    levels_sha = file_sha256(levels) if levels.exists() else None
    table_key = digest(record["files"], comparison_key(f.processed), levels_sha)
    units, digests, pages = unit_keys(f.processed, table_key, state)
    chosen = _chosen(bureaus, units, f.processed) if bureaus is not None else units
    data = page_data(f.notebooks, f.processed, record, table_key, levels_sha, digests, pages, state)
    jobs = _jobs(per, f, chosen, city, research, formats, common_key(formats), table_key, data)
    inputs = ([raw.resolve()] if raw else []) + provenance.reference_files()
    return Plan(per, f, jobs, [j for j in jobs if not unchanged(j, state, f.root)], record, table_key, units,
                tuple(formats), inputs, state, built, partial=bureaus is not None, comparison=comparison)


# --------------------------------------------------------------------------------------------
# execute


def execute(plan: Plan, jobs: int = 0, progress: bool | None = None,
            started: Workers | None = None, server: "Served | None" = None) -> dict[str, dict[str, Any]]:
    """Render the plan's pending pages (helpers.report.pool), by the render `server` when it
    takes them (helpers.report.server), else here; outcomes by page id.

    Each finished page is remembered at once, so a run that is killed midway leaves a state
    from which the next run renders only what is missing or stale.
    """
    outcomes: dict[str, dict[str, Any]] = {}
    if not plan.pending:
        return outcomes

    def done(j: Job, o: dict[str, Any]) -> None:
        outcomes[j.id] = o
        _remember(plan, j, o)

    def fonts() -> Any:
        # The font subset depends only on the font and the characters: one cache for every run of
        # the project (a test's or another output folder's run reuses it), not one per state folder.
        if not any(j.pdf for j in plan.pending):
            return None
        from helpers.report.render import prepare_fonts  # deferred: fontTools

        notebooks = [plan.folders.notebooks / n for n in NOTEBOOKS.values()]
        return prepare_fonts(font_chars(plan.folders.processed, notebooks), paths.CACHE)

    fonts = _once(fonts)
    pending = (plan.pending if server is None or started is not None
               else server.render(plan.pending, plan.period.label_zh, fonts, done))
    if pending:
        render_pages(pending, plan.folders.notebooks, plan.period.label_zh, fonts, jobs, progress, done,
                     say("progress.run", period=plan.period.code), started)
    return outcomes


def _once(make: Callable[[], Any]) -> Callable[[], Any]:
    """`make`, called once: its value kept for later calls."""
    memo: list[Any] = []

    def get() -> Any:
        if not memo:
            memo.append(make())
        return memo[0]
    return get


def _remember(plan: Plan, job: Job, outcome: dict[str, Any]) -> None:
    """Record one finished page in the cache state (or forget it and its outputs on failure)."""
    if outcome["ok"]:
        root = plan.folders.root
        outputs = {relative(p, root): h for p, h in outcome["outputs"].items()}
        plan.state[job.id] = {"key": job.key, "outputs": outputs, "seconds": outcome["seconds"],
                              "stats": {p: stat(root / p) for p in outputs}}
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
    rel = {role: relative(p, root) for role, p in (("html", job.html), ("pdf", job.pdf), ("notebook", job.ipynb))}
    return Page(kind=job.kind, bureau=job.bureau, html=rel["html"], pdf=rel["pdf"], notebook=rel["notebook"],
                seconds=s["seconds"], sha256={role: s["outputs"][r] for role, r in rel.items() if r in s["outputs"]},
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
    old = Manifest.read_or_none(mpath, plan.period.code)
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
    prune(old, manifest, f.root, (f.out, f.out / "notebooks"))
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
              compare_to: str | None = None, alongside: Callable[[], Any] | None = None) -> BatchResult:
    """Render a period: every unit's page by default (the city briefing, every lead unit's and
    the data-quality and pace-analysis pages), or only the `bureaus` given (an empty list: no
    unit's page, e.g. the city's alone with `city=True`). `city` and `research` None follow that
    choice; True or False add or leave out those pages. A run of chosen pages keeps the others'
    entries in the manifest.

    `compare_to` picks the earlier period to compare with (default: the latest one built).
    `alongside` (the ledger) runs in a thread once the tables are current, while pages render.
    `all_bureaus` is accepted for old callers and changes nothing (every unit is the default).
    `ahead_margin` None keeps the tables' margin; another value rebuilds them with it. Every
    folder defaults to the project's (helpers.paths); tests pass temporary ones. Worker processes
    are spawned, so a script calling this needs the `if __name__ == "__main__":` guard.
    """
    started = time.perf_counter()
    per = parse_code(period)
    formats = tuple(dict.fromkeys(x.strip().lower() for x in formats if x.strip()))
    if not formats or set(formats) - {"html", "pdf"}:
        raise HelpersError(say("run.formats", got=",".join(formats) or say("run.formats_empty")))
    f = Folders.of(per, root, notebooks_dir, output_dir, processed_dir, cache_dir)
    # The report in data/raw/ is the default source of the project's own tables only: tables in
    # another folder (a test's, a copy) are checked against their record, not a guessed report.
    own = f.processed == paths.processed_dir(per.code).resolve()
    raw_path = Path(raw).resolve() if raw else (default_raw(per.code) if own else None)
    if raw_path is not None and not raw_path.is_file():
        raise InputError(raw_path, say("run.raw_missing"))
    if raw_path is None and own and not (f.processed / "tasks.parquet").exists():
        # checked before any lock: nothing to build from, so no empty folders left behind
        raise HelpersError(say("run.no_report", raw=relative(paths.RAW, paths.ROOT), period=per.code))
    with ExitStack() as stack:
        stack.enter_context(exclusive(f.processed))  # shared with `table`
        stack.enter_context(exclusive(f.out))
        everything = bureaus is None
        fresh = not (f.out / "manifest.json").exists()
        server, early = _renderers(stack, per, f, raw_path, jobs, build, ahead_margin, fresh)
        plan = plan_batch(per, f, raw=raw_path, bureaus=bureaus, formats=formats,
                          city=everything if city is None else city,
                          research=everything if research is None else research,
                          ahead_margin=ahead_margin, build=build, compare_to=compare_to)
        side = stack.enter_context(ThreadPoolExecutor(1)).submit(alongside) if alongside else None
        marker = f.out / MARKER
        if plan.pending:
            print(say("run.pages", period=per.code, total=len(plan.jobs), pending=len(plan.pending),
                      why=say("run.pages_rebuilt") if plan.table_built else ""), file=sys.stderr)
            write_text(marker, json.dumps({"pid": os.getpid(), "started": time.time()}) + "\n")
        outcomes = execute(plan, jobs, progress, early, server)
        result = record(plan, outcomes, started)
        marker.unlink(missing_ok=True)
        if fresh:  # for the corrections that follow
            Served.start(f.notebooks, jobs, SERVER_ENTRY)
        write_front_pages(per, f, bool(result.rendered),
                          {j.bureau: j.key for j in plan.jobs if j.bureau is not None})
        result.alongside = side.result() if side is not None else None
        return result


def _renderers(stack: ExitStack, per: Period, f: Folders, raw: Path | None, jobs: int, build: bool,
               ahead_margin: float | None, fresh: bool) -> tuple[Served | None, Workers | None]:
    """Who renders the pages: a run into a folder with pages (a correction: a few pages) hands
    them to the render server, started now if none holds the run's key so it boots while the run
    plans; a run into a new folder (every page) renders them itself, with workers started early."""
    server = Served.find(f.notebooks, jobs, SERVER_ENTRY) if not fresh else None
    if server is not None:
        stack.callback(server.close)
    return server, _early_workers(stack, per, f, raw, jobs, build, ahead_margin, server is not None)


def _early_workers(stack: ExitStack, per: Period, f: Folders, raw: Path | None, jobs: int, build: bool,
                   ahead_margin: float | None, served: bool = False) -> Workers | None:
    """Workers started before the run plans, when pages will render: an output folder without
    pages (every page renders: as many workers as jobs), or tables to be built anew (a correction,
    which re-renders a few pages: one worker, and render_pages starts more only when the plan
    finds more pages; a second kernel booting meanwhile would take the core this process plans
    on). Their kernels boot while the run plans (and builds and compares the tables). None when
    the render server takes the pages (`served`)."""
    if jobs == 1:
        return None
    fresh = not (f.out / "manifest.json").exists()
    if not fresh and (served or not (build and will_rebuild(raw, per.code, f.processed, ahead_margin))):
        return None
    early = Workers(f.notebooks, [f.notebooks / n for n in NOTEBOOKS.values()], jobs if fresh else 1)
    # not waited for: the workers end their kernels (≈ 1.5 s) while this process writes the
    # manifest, the front page and the ledger; the interpreter joins them at exit
    stack.callback(early.close, wait=False)
    return early


def write_front_pages(per: Period, f: Folders, changed: bool, keys: dict[str, str] | None = None) -> None:
    """The period's front page (output/<P>/index.html) and the list of periods beside it, when a
    page changed, either is missing, or the front page was not made from this manifest or was
    changed since (their checksums, recorded beside the batch state: a front page left as it
    was because its text came out the same is current, whatever its time). `keys` (unit → its
    page's key, which covers the unit's data) keep the front page's line of a unit whose key did
    not move."""
    index, manifest = f.out / "index.html", f.out / "manifest.json"
    if not manifest.exists():
        return
    memo = f.state.with_name(f.state.name.replace("state-", "front-"))
    made = {"manifest": file_sha256(manifest), "index": file_sha256(index) if index.exists() else None}
    if changed or _read_state(memo) != made or not (f.out.parent / "index.html").exists():
        # deferred: the page loads the tables (pandas), which a run with nothing to do never needs
        from helpers.report.front_page import write_front_page, write_periods_index

        path = write_front_page(per.code, f.out, f.processed, f.root, wording.page_titles(per.pace), keys,
                                f.state.with_name(f.state.name.replace("state-", "front-rows-")))
        write_periods_index(f.out.parent)
        write_json(memo, dict(made, index=file_sha256(path)))
        print(say("run.front_page", path=path), file=sys.stderr)


def run_command(period: str, *, raw: Path | str | None = None, bureaus: Sequence[str] | None = None,
                formats: Sequence[str] = ("html", "pdf"), jobs: int = 0, ahead_margin: float | None = None,
                compare_to: str | None = None, alongside: Callable[[], Callable[[], None]] | None = None) -> int:
    """The `run` command: run the batch, print the summary and any failures; 1 when a notebook
    failed. `alongside` runs while the pages render (run_batch) and returns what to print after
    the summary."""
    result = run_batch(period, raw=raw, bureaus=bureaus, formats=formats, jobs=jobs, ahead_margin=ahead_margin,
                       compare_to=compare_to, alongside=alongside)
    for f in result.manifest["failures"]:
        who = f["bureau"] or f["kind"]
        print(say("run.failed", who=who, error=f["error"], notebook=f["notebook"]), file=sys.stderr)
    if result.stale:
        print(say("warning", text=say("run.stale", n=len(result.stale), who="、".join(result.stale[:5]),
                                      period=result.manifest["period"])), file=sys.stderr)
    print(result.summary())
    if result.alongside is not None:
        result.alongside()
    return 1 if result.failed else 0
