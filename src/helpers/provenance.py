"""What a period's tables were built from, recorded beside them and checked before they are used.

`python -m helpers table` writes `tables.json` into the period's folder with the tables: the raw
report's and the lookup tables' hashes, the hash of the package's code, the ahead margin the
tasks were judged with, and each table file's own hash. `python -m helpers run` compares that
record with what it finds, and rebuilds (or refuses) when they disagree, so no briefing is
rendered from tables that a hand edit, another margin or an older parser produced.

No pandas here: a rerun that finds nothing to do must stay well under a second.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from helpers import paths
from helpers.errors import HelpersError
from helpers.files import write_json
from helpers.messages import say
from helpers.period import parse_code
from helpers.reference_csv import read_reference

RECORD = "tables.json"
#: The files of a period's table set whose hashes the record holds (the CSV twins follow them).
TABLE_FILES = ("tasks.parquet", "indicators.parquet", "quality.json")
#: Lookup tables under data/reference/ that the task table is NOT built from: every other CSV
#: there is an input of the table (a table added later counts without a code change).
NOT_TABLE_INPUTS = ("recipients.csv", "warning_levels.csv")
PACKAGE_DIR = Path(__file__).resolve().parent


def file_sha256(path: Path | str) -> str:
    """sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sha256_if_file(path: Path | str) -> str | None:
    """sha256 of a file's bytes, None when there is no such file (a ledger lists what is missing)."""
    p = Path(path)
    return file_sha256(p) if p.is_file() else None


def package_digest(package_dir: Path = PACKAGE_DIR) -> str:
    """Hash of every file of the helpers package (code and templates), by relative path.

    Deliberately all of it, not the modules a notebook happens to import: a notebook a
    researcher edits may import anything, and hashing ~30 files costs milliseconds.
    """
    h = hashlib.sha256()
    files = sorted(p for p in package_dir.rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")
    for p in files:
        h.update(str(p.relative_to(package_dir)).encode("utf-8"))
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def reference_files(reference_dir: Path | str | None = None) -> list[Path]:
    """The lookup tables under data/reference/ that the task table depends on."""
    folder = Path(reference_dir or paths.REFERENCE)
    return sorted(p for p in folder.glob("*.csv") if p.is_file() and p.name not in NOT_TABLE_INPUTS)


def _period_rows(path: Path, period: str) -> str:
    """The rows of `period` in the corrections file (with their lines, their filled cells and the
    order of the columns they fill), as a checksum: a correction imported for one period leaves
    the other periods' tables standing, the columns `review import` adds for its rows included
    (a cell no row of the period fills reads as empty). A file that does not read, or a row whose
    period is no period code, counts whole (the build then names the problem)."""
    try:
        ref = read_reference(path)
        rows = [(line, {k: v for k, v in cells.items() if v}) for line, cells in ref.rows
                if any(cells.values()) and parse_code(cells.get("period") or "").code == period]
    except HelpersError:
        return file_sha256(path)
    filled = [c for c in ref.header if any(c in cells for _, cells in rows)]
    text = json.dumps([filled, rows], ensure_ascii=False, sort_keys=True)
    return "rows:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_inputs(raw: Path | str, ahead_margin: float, reference_dir: Path | str | None = None,
                 period: str | None = None) -> dict[str, Any]:
    """What a table set depends on: the raw report (by name and content, not by the path as
    typed), the lookup tables, the package's code and the ahead margin. With the `period`, the
    corrections file counts by that period's rows only (`_period_rows`)."""
    raw = Path(raw).resolve()
    corrections = paths.OVERRIDES_CSV.name
    return {
        "raw": {"name": raw.name, "sha256": file_sha256(raw)},
        "reference": {p.name: _period_rows(p, period) if (period and p.name == corrections) else file_sha256(p)
                      for p in reference_files(reference_dir)},
        "code": package_digest(),
        "ahead_margin": float(ahead_margin),
    }


def files_record(folder: Path | str) -> dict[str, str | None]:
    """Each table file's sha256 (None when missing)."""
    folder = Path(folder)
    return {n: file_sha256(folder / n) if (folder / n).is_file() else None for n in TABLE_FILES}


def write_record(folder: Path | str, period: str, inputs: dict[str, Any]) -> dict[str, Any]:
    """Write tables.json for the table files now in `folder` (called by the table build)."""
    record = {"period": period, **inputs, "files": files_record(folder)}
    write_json(Path(folder) / RECORD, record)
    return record


def read_record(folder: Path | str) -> dict[str, Any] | None:
    """The folder's tables.json, or None when missing or unreadable."""
    try:
        data = json.loads((Path(folder) / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def disagreements(record: dict[str, Any] | None, folder: Path | str,
                  expected: dict[str, Any] | None) -> list[str]:
    """Why the tables in `folder` are not what `expected` (build_inputs) would build; [] if they are.

    `expected` None checks only that the files are the ones the record lists (no raw to compare).
    """
    if record is None:
        return [say("record.none", record=RECORD)]
    problems = [say("record.file", name=n)
                for n, h in files_record(folder).items() if record.get("files", {}).get(n) != h]
    if expected is None:
        return problems
    if record.get("raw") != expected["raw"]:
        problems.append(say("record.raw", built=record.get("raw", {}).get("name"), given=expected["raw"]["name"]))
    changed = sorted(set(record.get("reference", {}).items()) ^ set(expected["reference"].items()))
    if changed:
        problems.append(say("record.reference", names="、".join(sorted({n for n, _ in changed}))))
    if record.get("code") != expected["code"]:
        problems.append(say("record.code"))
    if record.get("ahead_margin") != expected["ahead_margin"]:
        problems.append(say("record.margin", was=record.get("ahead_margin"), asked=expected["ahead_margin"]))
    return problems
