"""A period's tables, built or checked before `run` renders from them: the report's own and the
comparison with the latest earlier period of the year (helpers.compare.chain).

`ensure_table` rebuilds a period's tables when they disagree with their record (tables.json);
`ensure_comparison` builds the earlier reports' tables found in data/raw/ and compares, skipped
when nothing it reads changed. Both are commands' work (they call `table`), so this module sits
beside the commands.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any, Callable

from helpers import paths, provenance
from helpers.errors import HelpersError
from helpers.files import exclusive, write_json
from helpers.messages import say
from helpers.period import parse_code
from helpers.provenance import file_sha256
from helpers.statuses import CHANGE_ZH, DEFAULT_AHEAD_MARGIN


def digest(*parts: Any) -> str:
    """sha256 of `parts` (bytes as they are, anything else as sorted JSON), each ended by a NUL."""
    h = hashlib.sha256()
    for p in parts:
        if isinstance(p, bytes):
            h.update(p)
        else:
            h.update(json.dumps(p, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()



def default_raw(period: str) -> Path | None:
    """The raw report of a period in data/raw/: a file whose name holds exactly that period code
    (2024M1 never picks luan_2024M11.txt; 2024h1 is read as 2024H1)."""
    code = parse_code(period).code
    if code == paths.DEFAULT_PERIOD and paths.DEFAULT_RAW.exists():
        return paths.DEFAULT_RAW
    return raws_by_period().get(code)


def _check(raw: Path | None, period: str, processed: Path, ahead_margin: float | None
           ) -> tuple[dict[str, Any] | None, float, list[str]]:
    """The tables' record, the margin to judge with, and how the tables disagree with the record."""
    record = provenance.read_record(processed)
    margin = ahead_margin if ahead_margin is not None else float(
        (record or {}).get("ahead_margin", DEFAULT_AHEAD_MARGIN))
    expected = provenance.build_inputs(raw, margin, period=period) if raw is not None else None
    problems = provenance.disagreements(record, processed, expected)
    if record is not None and record.get("period") != period:
        problems.append(say("record.period", found=record.get("period"), period=period))
    return record, margin, problems


def will_rebuild(raw: Path | None, period: str, processed: Path, ahead_margin: float | None) -> bool:
    """Whether `ensure_table` will build the tables anew (a corrected override, a new report)."""
    return raw is not None and bool(_check(raw, period, processed, ahead_margin)[2])


def ensure_table(raw: Path | None, period: str, processed: Path, ahead_margin: float | None,
                 build: bool = True) -> tuple[bool, dict[str, Any]]:
    """Check the period's tables against their record; rebuild them when they disagree.

    `ahead_margin` None keeps the margin the tables were judged with (DEFAULT_AHEAD_MARGIN for new tables).
    Returns (built, record). Without `build` or a raw report, a disagreement is refused.
    """
    record, margin, problems = _check(raw, period, processed, ahead_margin)
    if not problems:
        return False, record  # type: ignore[return-value]
    if not build or raw is None:
        raise HelpersError(say("table.stale", folder=processed, problems="；".join(problems), period=period))
    if record is not None:
        print(say("table.rebuild", folder=processed, problems="；".join(problems)), file=sys.stderr)
    from helpers.table import build_table  # deferred: parsing and judging import pandas and more

    # the corrections file named now (a default argument is fixed when the module is imported)
    result = build_table(raw, period=period, out=processed, ahead_margin=margin, overrides=paths.OVERRIDES_CSV)
    for w in result.warnings:
        print(say("warning", text=w), file=sys.stderr)
    for line in result.review_summary():  # what to review, as `python -m helpers table` prints it
        print(line, file=sys.stderr)
    return True, provenance.read_record(processed) or {}


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
                      compare_to: str | None = None, root: Path | None = None) -> dict[str, Any]:
    """Build the earlier periods' tables found in data/raw/, then compare `period` with the latest
    (or `compare_to`); what was compared, for the manifest. Skipped when nothing it reads changed.
    The stamp names files relative to the project `root` (default paths.ROOT), so a project
    copied or moved with its cache does not compare again."""
    root = Path(root or paths.ROOT)
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
             "reads": {paths.relative(p, root): file_sha256(p) for p in reads if p.exists()}}
    stamp = cache / "batch" / f"compare-{digest(paths.relative(processed, root))[:16]}.json"
    try:
        old = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old = {}
    if old.get("state") == state and all((root / p).exists() and file_sha256(root / p) == h
                                         for p, h in old.get("outputs", {}).items()):
        return _record_paths(old["record"], lambda p: str(paths.resolve(p, root)))
    from helpers.compare import chain  # deferred: pandas and rapidfuzz, for a comparison that changed

    comp = chain.build_comparison(period, processed, compare_to, fixes_path=fixes)
    record = {"period": comp.prev_period, "chain": comp.chain,
              "compared": [{"path": str(p), "sha256": file_sha256(p)} for p in comp.compared],
              "tables": [str(p) for p in comp.written]}
    if comp.prev_period:
        print(comparison_summary(comp), file=sys.stderr)
    write_json(stamp, {"state": state, "record": _record_paths(record, lambda p: paths.relative(p, root)),
                       "outputs": {paths.relative(p, root): file_sha256(p) for p in outs if p.exists()}})
    return record


def _record_paths(record: dict[str, Any], how: Callable[[str], str | None]) -> dict[str, Any]:
    """The comparison's record with its file paths passed through `how` (relative for the stamp,
    back to absolute for the run)."""
    return dict(record, compared=[dict(x, path=how(x["path"])) for x in record.get("compared", [])],
                tables=[how(t) for t in record.get("tables", [])])


def comparison_summary(comp: Any) -> str:
    """What the comparison found, in Chinese: counts per change class (statuses.CHANGE_ZH)."""
    counts = comp.changes["change"].value_counts()
    parts = "、".join(f"{CHANGE_ZH.get(k, k)}{int(counts[k])}项" for k in CHANGE_ZH if counts.get(k, 0))
    return say("compare.summary", period=comp.period, prev=comp.prev_period, parts=parts)


def comparison_key(processed: Path) -> str:
    """The comparison tables' content: part of every page's key, like the period's own tables."""
    return digest([file_sha256(p) if p.exists() else None
                 for p in (processed / f"{n}.parquet" for n in paths.COMPARISON_TABLES)])
