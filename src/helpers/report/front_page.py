"""A period's front page (output/<period>/index.html) and the list of periods (output/index.html).

A period's output is a folder of many files; the front page says what is in it: the city
briefing first, then every unit with its tasks, statuses, largest lag, warning level and change
since the last period, each linking to its HTML and PDF. Plain HTML with a small inline script
that sorts and filters the table in the browser, so it opens from the file system without a
server. Every text from the report or the reference tables is HTML-escaped (Jinja's autoescape).

A unit's line is computed from the unit's rows only, so `run` hands each unit's page key (which
covers the data that page shows, helpers.page_keys) and a file to keep the lines in: a unit whose
key did not move keeps its line, the others are computed again.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import jinja2
import pandas as pd

from helpers.files import write_json, write_text
from helpers.period import parse_code
from helpers.report import warning_levels, wording
from helpers.report.facts import change_facts, headline_facts
from helpers.report.figures import bureau_tasks
from helpers.plaintext import DASH, fmt_pts
from helpers.report.loading import PeriodData, load_period
from helpers.report.manifest import Manifest, Page

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "front_page"
FRONT_PAGE = "index.html"
_PERIOD_DIR = re.compile(r"^\d{4}(?:H[12]|Q[1-4]|FY|M\d{1,2})$")


@dataclass(frozen=True)
class Link:
    """A page's files as links from the front page's folder (None: not rendered)."""

    html: str | None
    pdf: str | None


def _links(page: Page | None, root: Path, here: Path) -> Link:
    if page is None:
        return Link(None, None)
    files = page.files(root)
    rel = {k: Path(os.path.relpath(p, here)).as_posix() for k, p in files.items() if k in ("html", "pdf") and p.exists()}
    return Link(rel.get("html"), rel.get("pdf"))


def _statuses(tasks: pd.DataFrame, pace: float) -> str:
    names = wording.status_names(pace)
    counts = tasks["status"].value_counts()
    return " · ".join(f"{names[s]}{int(counts[s])}" for s in names if counts.get(s, 0))


def unit_row(data: PeriodData, unit: str, link: Link, severity: dict[str, int]) -> dict[str, Any]:
    """One unit's line: its own tasks (first lead, as its briefing counts), statuses, lag, warning, change."""
    pace = data.period.pace
    mine = bureau_tasks(data.tasks, unit)
    own = mine[mine["is_primary"]]
    h = headline_facts(own, pace)
    lag = own.loc[own["status"].eq("behind"), "lag_pts"].max() if len(own) else None
    levels = [w for w in own[warning_levels.COLUMN].dropna()] if len(own) else []
    worst = min(levels, key=lambda w: severity.get(w, 99)) if levels else None
    change = change_facts(data.changes, unit)
    compared = data.changes is not None and change["compared"] > 0
    return {
        "unit": unit, "tasks": h["n"], "joint": int((~mine["is_primary"]).sum()), "measured": h["measured"],
        "behind": h["behind"], "statuses": _statuses(own, pace) or DASH,
        "lag": None if lag is None or pd.isna(lag) else float(lag), "lag_text": fmt_pts(lag),
        "warning": worst, "warning_rank": severity.get(worst, len(severity)) if worst else len(severity),
        "warnings": h["warnings"] or DASH,
        "change": (change["attention"] or f"无{wording.change_names(pace)['newly_behind']}") if compared else "未比较",
        "change_n": change["newly_behind"] + change["still_behind"] if compared else -1,
        "link": link,
    }


def _cached_rows(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return rows if isinstance(rows, dict) else {}


def unit_rows(data: PeriodData, units: Sequence[str], severity: dict[str, int],
              keys: dict[str, str] | None = None, cache: Path | None = None) -> list[dict[str, Any]]:
    """Every unit's line without its links (unit_row): kept from `cache` for a unit whose key in
    `keys` is the one its line was computed under, computed for any other; `cache` then holds
    the lines of these units."""
    keys, old = keys or {}, _cached_rows(cache)
    rows, kept = [], {}
    for unit in units:
        key = keys.get(unit)
        hit = old.get(unit) if key is not None else None
        row = hit["row"] if isinstance(hit, dict) and hit.get("key") == key else None
        if row is None:
            # through JSON either way, so a kept line and a computed one are the same values
            row = json.loads(json.dumps({k: v for k, v in unit_row(data, unit, Link(None, None), severity).items()
                                         if k != "link"}, default=_plain))
        rows.append(row)
        if key is not None:
            kept[unit] = {"key": key, "row": row}
    if cache is not None and kept != old:
        write_json(cache, kept)
    return rows


def _plain(value: Any) -> Any:
    """A numpy number as the Python number it is (json cannot write numpy's)."""
    return value.item() if hasattr(value, "item") else str(value)


def period_page(data: PeriodData, manifest: Manifest, root: Path, here: Path,
                titles: dict[str, str] | None = None, keys: dict[str, str] | None = None,
                cache: Path | None = None) -> dict[str, Any]:
    """Everything the front page shows, as plain values for the template (`keys` and `cache`:
    unit_rows)."""
    levels = warning_levels.load_levels()
    severity = {lv.name: i for i, lv in enumerate(levels)}
    city = next((p for p in manifest.briefings if p.kind == "city"), None)
    units = [p for p in manifest.briefings if p.kind == "bureau" and p.bureau]
    lines = unit_rows(data, [p.bureau for p in units], severity, keys, cache)
    rows = [dict(line, link=_links(p, root, here)) for p, line in zip(units, lines)]
    h = headline_facts(data.tasks, data.period.pace)
    return {
        "label": data.label, "period": data.period.code, "city": _links(city, root, here), "head": h,
        "behind_short": wording.behind_short(data.period.pace), "good_short": wording.good_short(data.period.pace),
        "lag_header": wording.lag_header(data.period.pace), "rows": rows,
        "levels": [{"name": lv.name, "colour": lv.colour, "meaning": lv.meaning} for lv in levels],
        "research": [((titles or {}).get(p.kind, p.kind), _links(p, root, here)) for p in manifest.research],
        "compared_with": parse_code(data.changes["prev_period"].iloc[0]).label_zh
        if data.changes is not None and len(data.changes) else None,
    }


def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def write_front_page(period: str, out_dir: Path, processed_dir: Path, root: Path,
                     titles: dict[str, str] | None = None, keys: dict[str, str] | None = None,
                     cache: Path | None = None) -> Path:
    """Write output/<period>/index.html from the period's manifest and tables; its path.

    `titles` names the research pages (their kind → Chinese title, as `run` titles them); `keys`
    (unit → its page's key) and `cache` keep the lines of units whose data did not change (unit_rows)."""
    out_dir = Path(out_dir)
    manifest = Manifest.read(out_dir / "manifest.json")
    data = load_period(period, processed_dir)
    page = period_page(data, manifest, Path(root), out_dir, titles, keys, cache)
    html = _env().get_template("period.html.j2").render(**page)
    path = out_dir / FRONT_PAGE
    if not (path.exists() and path.read_text(encoding="utf-8") == html):
        write_text(path, html)
    return path


def periods(output_root: Path) -> list[str]:
    """The period folders under `output_root` that have a front page, latest first."""
    found = [p.name for p in Path(output_root).iterdir()
             if p.is_dir() and _PERIOD_DIR.match(p.name) and (p / FRONT_PAGE).exists()]
    return sorted(found, key=lambda c: (parse_code(c).year, parse_code(c).end_month), reverse=True)


def write_periods_index(output_root: Path, codes: Sequence[str] | None = None) -> Path:
    """Write output/index.html: every period with a front page, latest first; its path."""
    codes = periods(output_root) if codes is None else list(codes)
    items = [{"code": c, "label": parse_code(c).label_zh, "href": f"{c}/{FRONT_PAGE}"} for c in codes]
    html = _env().get_template("periods.html.j2").render(periods=items)
    path = Path(output_root) / FRONT_PAGE
    if not (path.exists() and path.read_text(encoding="utf-8") == html):
        write_text(path, html)
    return path
