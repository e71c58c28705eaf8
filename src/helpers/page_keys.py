"""What each page of a run is keyed on, and whether a page is current (helpers.run).

A page's key is everything that can change it: the notebook's source, the page's parameters,
the code of the whole helpers package and its templates, the package versions, the font
(`common_key`), and the data it shows (`page_data`): a unit's page its own rows, the city's and
the research pages every task's judgement (helpers.report.page_data) while their notebooks read
the tables as their page's policy allows, else the whole tables. The digests are remembered
against the tables' key, so a rerun with nothing to do reads no table (`unit_keys`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Sequence

from helpers import provenance
from helpers.paths import relative
from helpers.period_tables import comparison_key, digest
from helpers.provenance import file_sha256
from helpers.report.pool import Job
from helpers.report.render import versions

NOTEBOOKS = {
    "city": "briefing_city.ipynb",
    "bureau": "briefing_bureau.ipynb",
    "data_quality": "data_quality.ipynb",
    "pace_analysis": "pace_analysis.ipynb",
}
RESEARCH = ("data_quality", "pace_analysis")
#: Bump when the way pages are rendered changes in a way the code hash would not catch.
RENDER_RECIPE = "2"


def unit_keys(processed: Path, table_key: str, state: dict[str, Any]) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """Every lead unit of the task table, the checksum of the data each unit's page shows and of
    what the city's and the research pages show (helpers.report.page_data), remembered against
    the tables' key (no pandas on a rerun that finds nothing to do)."""
    memo = state.get("_units", {})
    if memo.get("tables") != table_key or "pages" not in memo:
        # pandas only when the tables changed: a no-op rerun stays free of it
        import pandas as pd

        from helpers.read.bureaus import lead_units
        from helpers.report.page_data import page_digests, unit_digests

        tasks = pd.read_parquet(processed / "tasks.parquet")
        changes = pd.read_parquet(processed / "changes.parquet") if (processed / "changes.parquet").exists() else None
        units = lead_units(tasks)
        memo = {"tables": table_key, "units": units, "data": unit_digests(tasks, changes, units),
                "pages": page_digests(tasks, changes)}
        state["_units"] = memo
    return list(memo["units"]), dict(memo["data"]), dict(memo["pages"])


def common_key(formats: Sequence[str]) -> str:
    """The part of every page's key that is not about the page: code, templates, versions, font."""
    from helpers.report.fonts import find_cjk_font_face
    from helpers.report.render import FONT_RECIPE

    # A missing CJK font is an error before any notebook runs, not boxes in 45 PDFs. The font
    # is known by its path, size and time (hashing its 20 MB would be most of a no-op rerun).
    font, index, _family = find_cjk_font_face()
    return digest(RENDER_RECIPE, provenance.package_digest(), versions(), list(formats), FONT_RECIPE,
                str(font), stat(font), index)


def page_data(notebooks: Path, processed: Path, record: dict[str, Any], table_key: str, levels_sha: str | None,
               digests: dict[str, str], pages: dict[str, str], state: dict[str, Any] | None = None) -> dict[str, Any]:
    """What each page is keyed on, by page kind ("bureau": by unit): the data it shows while its
    notebook reads the tables as its page's policy allows (helpers.report.page_data), else the
    whole tables. Every page reads the margin and the warning thresholds beside the tables, and
    the city's and research pages the other table files (indicators, quality.json, comparison).
    Whether a notebook reads as its policy allows is remembered in `state` against the notebook's
    checksum and the package's code (no pandas on a rerun that finds nothing to do)."""
    memo = state.setdefault("_reads", {}) if state is not None else {}

    def shown(kind: str) -> bool:
        nb = notebooks / NOTEBOOKS[kind]
        key = digest(file_sha256(nb) if nb.is_file() else None, provenance.package_digest(), kind)
        if not isinstance(memo.get(kind), dict) or memo[kind].get("key") != key:
            from helpers.report.page_data import POLICIES, notebook_reads_through_package  # deferred: pandas

            memo[kind] = {"key": key, "shown": notebook_reads_through_package(
                nb, POLICIES["research" if kind in RESEARCH else kind])}
        return bool(memo[kind]["shown"])

    margin = record.get("ahead_margin")
    others = digest({k: v for k, v in record["files"].items() if k != "tasks.parquet"},
                    comparison_key(processed), levels_sha, margin)
    data: dict[str, Any] = {k: digest(pages["research" if k in RESEARCH else k], others) if shown(k) else table_key
                            for k in ("city", *RESEARCH)}
    data["bureau"] = ({u: digest(d, margin, levels_sha) for u, d in digests.items()}
                      if shown("bureau") else None)
    return data


def stat(path: Path | str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def unchanged(job: Job, state: dict[str, Any], root: Path) -> bool:
    """The page's key is the recorded one and its files are the ones it wrote (re-hashed only
    when their size or time moved: 140 files hashed would be most of a no-op rerun). The state
    names the files relative to the project `root` (paths.relative)."""
    s = state.get(job.id)
    if not s or s.get("key") != job.key:
        return False
    recorded, stats = s.get("outputs", {}), s.get("stats", {})
    if set(recorded) != {relative(p, root) for p in job.outputs()}:
        return False
    for p, h in recorded.items():
        st = stat(root / p)
        if st is None or (st != stats.get(p) and file_sha256(root / p) != h):
            return False
    return True
