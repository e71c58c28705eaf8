"""`python -m helpers table`: one report → the judged task table, its indicators and a quality report."""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from pathlib import Path

import pandas as pd

from helpers import paths, provenance
from helpers.messages import say
from helpers.report.formatting import TABLE_NAMES_ZH
from helpers.read.align import is_unit
from helpers.read.bureaus import HOME_CITY, UNIT_SEP, detect_city, load_reference, normalize_units
from helpers.errors import PeriodError
from helpers.read.doors import read_report
from helpers.read.ingest import Document
from helpers.files import exclusive, staged, write_bytes
from helpers.read.parse import Parsed, norm, parse_document
from helpers.period import Period, check_against_data, detect, parse_code
from helpers.quality import Quality
from helpers.schema import (INDICATORS_SCHEMA, PARSED_SCHEMA, TASKS_SCHEMA, validate, write_table)
from helpers.statuses import DEFAULT_AHEAD_MARGIN, REASON_SEP, review_reason
from helpers.read.sectors import load_rules


@dataclass
class TableResult:
    tasks: pd.DataFrame
    indicators: pd.DataFrame
    quality: Quality
    out_dir: Path
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One Chinese line: what was read and where the table went."""
        q = self.quality
        counts = "、".join(f"{TABLE_NAMES_ZH.get(k, k)}{v}项" for k, v in q.parsed_counts.items())
        status = Counter(self.tasks["status"]) if "status" in self.tasks else {}
        return say("table.summary", period=q.period, tasks=len(self.tasks), counts=counts,
                   behind=status.get("behind", 0), unassigned=len(q.unassigned_lines), folder=self.out_dir)

    def review_summary(self) -> list[str]:
        """What the researcher should look at, in a few Chinese lines (the full list: the ledger)."""
        from helpers.judge.review import table_summary_zh

        return table_summary_zh(self.tasks, self.quality)


def title_period(doc: Document) -> Period | None:
    """The period the report's title (or its first lines) names, if any."""
    head = [doc.title] + [ln for ln in doc.lines[:30] if ln.strip()]
    return next((p for p in map(detect, head) if p), None)


def period_conflict(doc: Document, given: Period) -> str | None:
    """What is wrong when a given period contradicts the report's title (None when it does not).

    Only the title counts (body lines name other years and periods), and a title that names the
    given period too (开化县2023年度重点工作清单(一季度…)) is no contradiction.
    """
    found = detect(doc.title)
    if found is None or found.code == given.code:
        return None
    title = re.sub(r"\s+", "", doc.title)
    if str(given.year) in title and given.label_zh[5:] in title:
        return None
    if (found.year, found.end_month) == (given.year, given.end_month):  # 2024M6 for 上半年: same pace, other code
        return say("table.period_same_months", given=given.code, title=doc.title[:40], found=found.code,
                   year=given.year, month=given.end_month)
    return say("table.period_conflict", given=given.code, title=doc.title[:40], found=found.code,
               found_pace=f"{found.pace:.0%}", given_pace=f"{given.pace:.0%}")


def resolve_period(doc: Document, period: str | None, force: bool = False) -> Period:
    """The period given on the command line, else the one in the report's title.

    A given period that contradicts the title is refused (PeriodError) unless `force`: judged
    against the wrong pace, every status would be wrong with exit 0.
    """
    if not period:
        found = title_period(doc)
        if found:
            return found
        raise PeriodError(doc.path, say("table.no_period", title=doc.title[:40]))
    given = parse_code(period)
    conflict = period_conflict(doc, given)
    if conflict and not force:
        raise PeriodError(doc.path, say("table.force_period", conflict=conflict, path=doc.path, period=given.code))
    return given


def resolve_city(doc: Document, city: str | None) -> tuple[str | None, str]:
    """The report's city (scopes the units and renames of bureaus.csv) and where it was read."""
    head = [doc.title] + [ln for ln in doc.lines[:30] if ln.strip()]
    return detect_city(head, "\n".join(doc.lines), city)


def _cell(row, role: str) -> str | None:
    return (row.cells.get(role) or "").strip() or None


def parsed_frame(parsed: Parsed, period: Period, source_file: str,
                 city: str | None = HOME_CITY) -> tuple[pd.DataFrame, dict]:
    """Raw rows → the parsed task table (PARSED_SCHEMA), plus the units not in bureaus.csv for the
    report's city (lead and co-units alike), each with its task ids."""
    ref = load_reference(city=city)
    rules = load_rules()
    records = []
    unknown: dict[str, list[str]] = {}
    per_kind: Counter = Counter()
    for table in parsed.tables:
        width = 2 if table.kind == "quantified" else 3
        for row in table.rows:
            per_kind[table.kind] += 1
            task_id = ("Q" if table.kind == "quantified" else "G") + str(per_kind[table.kind]).zfill(width)
            lead = normalize_units(row.cells.get("bureau"), ref)
            co = normalize_units(row.cells.get("co_bureau"), ref)
            for u in dict.fromkeys(lead.unknown + co.unknown):
                unknown.setdefault(u, []).append(task_id)
            moves = [f"{a}→{b}" for a, b in dict.fromkeys(lead.renamed + co.renamed)]
            task = (row.cells.get("task") or "").strip() or (row.cells.get("target") or "").strip()
            bureau = lead.units[0] if lead.units else ""
            sector, sector_name, rule = rules.assign(norm(task), bureau)
            status = norm(row.cells.get("status", "")) or None
            records.append({
                "task_id": task_id, "table": table.kind, "seq": row.seq, "parent_seq": row.parent_seq,
                "section": row.section,
                "task": task, "bureau_raw": lead.raw, "bureaus": UNIT_SEP.join(lead.units), "bureau": bureau,
                "bureau_aliases": UNIT_SEP.join(lead.aliases) or None,
                "co_bureaus": UNIT_SEP.join(co.units) or None,
                "official_status": status,
                "official_status_field": norm(table.fields.get("status", "")) or None if status else None,
                "task_source": norm(row.cells.get("source", "")) or None,
                "target_text": _cell(row, "target") if _cell(row, "target") != task else None,
                "rate_text": _cell(row, "rate"), "plan_text": _cell(row, "plan"),
                "people": _cell(row, "people"),
                "units_renamed": UNIT_SEP.join(moves) or None,
                "sector": sector, "sector_name": sector_name, "sector_rule": rule,
                "progress": row.cells.get("progress") or None,
                "progress_other": _cell(row, "progress_other"),
                "problems": _cell(row, "problems"), "next_steps": _cell(row, "next_steps"),
                "read_flags": REASON_SEP.join(dict.fromkeys(row.flags)) or None,
                "period": period.code, "period_end": pd.Timestamp(period.end),
                "source_file": source_file, "line_start": row.line_start, "line_end": row.line_end,
                "is_truncated": row.is_truncated,
            })
    df = pd.DataFrame.from_records(records, columns=[c for c in PARSED_SCHEMA.columns])
    return validate(df, PARSED_SCHEMA, where=source_file), unknown


def _seq_findings(parsed: Parsed) -> tuple[list[dict], list[dict]]:
    gaps, repeats = [], []
    for t in parsed.tables:
        prev = None
        for row in t.rows:
            if row.parent_seq is not None:
                continue  # a sub-row shares its parent's 序号
            if prev is not None and row.seq != 1:  # numbering may restart under a section heading
                if row.seq == prev:
                    repeats.append({"table": t.kind, "seq": row.seq, "line": row.line_start})
                elif row.seq > prev + 1:
                    gaps.append({"table": t.kind, "after": prev, "missing": list(range(prev + 1, row.seq))})
            prev = row.seq
    return gaps, repeats


def line_accounting(doc: Document, parsed: Parsed) -> dict:
    """Where every non-blank line of the table region went (each in exactly one place).

    A row may hold a line in several of its columns (a row per line); only a line claimed by two
    different places counts as doubly placed, except the lines of a table printed on one line.
    """
    places: dict[int, set[str]] = {}
    for t in parsed.tables:
        for ln in t.header_lines:
            places.setdefault(ln, set()).add("header")
        for n, row in enumerate(t.rows):
            for lns in row.lines.values():
                for ln in lns:
                    places.setdefault(ln, set()).add(f"{t.no}:{n}")
    for ln in parsed.title_lines:
        places.setdefault(ln, set()).add("title")
    for s in parsed.sections:
        places.setdefault(s["line"], set()).add("section")
    for c in parsed.chrome_lines:
        places.setdefault(c["line"], set()).add("chrome")
    for u in parsed.unassigned_lines:
        places.setdefault(u["line"], set()).add("unassigned")
    a, b = parsed.region
    nonblank = [i for i in range(a, b + 1) if norm(doc.lines[i - 1])] if not doc.is_html else sorted(places)
    missing = [i for i in nonblank if i not in places]
    shared = set(parsed.shared_lines)
    doubled = sorted(i for i, p in places.items() if len(p) > 1 and not doc.is_html and i not in shared)
    return {"region": [a, b], "nonblank_lines": len(nonblank), "placed_lines": len(places),
            "missing_lines": missing, "doubly_placed_lines": doubled,
            "lines_holding_several_rows": sorted(shared)}


def with_read_doubts(judged: pd.DataFrame) -> pd.DataFrame:
    """A row the reader doubts (read_flags) goes to review with the reader's reasons, whatever the judge said."""
    doubt = judged["read_flags"].notna()
    if not doubt.any():
        return judged
    judged = judged.copy()
    extra = judged.loc[doubt, "read_flags"].map(lambda f: review_reason("read_doubt", f))
    old = judged.loc[doubt, "review_reason"]
    judged.loc[doubt, "review_reason"] = [REASON_SEP.join(filter(None, [o if isinstance(o, str) else None, e]))
                                          for o, e in zip(old, extra)]
    judged.loc[doubt, "needs_review"] = True
    return judged


@dataclass
class _Reading:
    """One report as read: the document, its period and city, the rows, the units not listed."""

    raw: Path
    doc: Document
    per: Period
    period_warning: str | None
    parsed: Parsed
    city: str | None
    city_source: str | None
    tasks: pd.DataFrame
    unknown: dict[str, list[str]]


def _read(raw: Path, period: str | None, force_period: bool, city: str | None, sheet: str | None,
          columns: list[str] | None, strict: bool) -> _Reading:
    doc = read_report(raw, sheet=sheet)
    per = resolve_period(doc, period, force_period)
    conflict = period_conflict(doc, per) if period else None
    period_warning = say("table.forced_period", period=per.code, raw=raw, conflict=conflict) if conflict else None
    parsed = parse_document(doc, columns=columns, strict=strict)
    city_name, city_source = resolve_city(doc, city)
    tasks, unknown = parsed_frame(parsed, per, raw.name, city_name)
    return _Reading(raw, doc, per, period_warning, parsed, city_name, city_source, tasks, unknown)


def _findings(r: _Reading, period_given: bool) -> dict:
    """What the parse found beyond the rows: counts, gaps, empty cells, renamed and carried units."""
    doc, parsed, tasks = r.doc, r.parsed, r.tasks
    accounting = line_accounting(doc, parsed)
    # Lines the parser could not place are never dropped silently: they join the unassigned list.
    for ln in accounting["missing_lines"]:
        parsed.unassigned_lines.append({"line": ln, "text": doc.lines[ln - 1].strip()})
    declared = {t.kind: t.declared for t in parsed.tables if t.declared is not None}
    counts = dict(Counter(t.kind for t in parsed.tables for _ in t.rows))
    gaps, repeats = _seq_findings(parsed)
    has_units = any("bureau" in t.roles or any(row.cells.get("bureau") for row in t.rows) for t in parsed.tables)
    fields = ("task", "bureau_raw", "progress") if has_units else ("task", "progress")
    renamed: dict[str, list[str]] = {}
    for tid, moves in zip(tasks["task_id"], tasks["units_renamed"]):
        for mv in (moves or "").split(UNIT_SEP) if isinstance(moves, str) else []:
            renamed.setdefault(mv, []).append(tid)
    return {
        "accounting": accounting, "declared": declared, "counts": counts, "gaps": gaps, "repeats": repeats,
        "has_units": has_units, "renamed": renamed,
        "empty": [{"task_id": t.task_id, "field": f} for t in tasks.itertuples() for f in fields if not getattr(t, f)],
        "carried": [{"task_id": tid, "columns": row.carried} for tid, row in
                    zip(tasks["task_id"], (row for t in parsed.tables for row in t.rows)) if row.carried],
        "sections": [dict(s, parsed=int(((tasks["section"] == s["text"])).sum())) for s in parsed.sections],
        # A progress that opens with a list of units is a unit cell glued onto it (the 2021 layout's
        # trap): flagged, never silently judged.
        "glued": [tid for tid, p in zip(tasks["task_id"], tasks["progress"])
                  if isinstance(p, str) and is_unit(norm(p.split("\n")[0]))],
        "doubted": tasks.loc[tasks["read_flags"].notna(), "task_id"].tolist(),
        "pace_warning": None if period_given else check_against_data(r.per, tasks["progress"].fillna("").tolist()),
        "truncated": tasks.loc[tasks["is_truncated"], "task_id"].tolist(),
    }


def _warnings(r: _Reading, f: dict) -> list[str]:
    """What `table` warns about, in the order a researcher checks it."""
    out = ([r.period_warning] if r.period_warning else []) + list(r.doc.notes) + list(r.parsed.warnings)
    for kind, n in f["declared"].items():
        if f["counts"].get(kind, 0) != n:
            out.append(say("table.declared", table=TABLE_NAMES_ZH.get(kind, kind), declared=n,
                           parsed=f["counts"].get(kind, 0)))
    for s in f["sections"]:
        if s["declared"] is not None and s["declared"] != s["parsed"]:
            out.append(say("table.section_declared", section=s["text"], declared=s["declared"], parsed=s["parsed"]))
    checks = [(f["gaps"], lambda: say("table.seq_gaps", gaps=f["gaps"])),
              (f["repeats"], lambda: say("table.seq_repeats", repeats=f["repeats"])),
              (r.parsed.unassigned_lines, lambda: say("table.unassigned", n=len(r.parsed.unassigned_lines))),
              (r.city is None, lambda: say("table.no_city")),
              (r.unknown, lambda: say("table.unknown_units", city=r.city or "本报告", units="、".join(r.unknown))),
              (f["doubted"], lambda: say("table.read_doubts", n=len(f["doubted"]), tasks="、".join(f["doubted"][:10])
                                         + ("……" if len(f["doubted"]) > 10 else ""))),
              (f["glued"], lambda: say("table.glued_units", tasks="、".join(f["glued"]))),
              (not f["has_units"], lambda: say("table.no_unit_column")),
              (f["pace_warning"], lambda: f["pace_warning"]),
              (f["truncated"], lambda: say("table.truncated", tasks="、".join(f["truncated"])))]
    return out + [text() for holds, text in checks if holds]


def _quality(r: _Reading, f: dict, judgement: Any, judged: pd.DataFrame, ahead_margin: float,
             warnings: list[str]) -> Quality:
    doc, parsed, tasks, per = r.doc, r.parsed, r.tasks, r.per
    return Quality(
        source_file=paths.relative(r.raw), encoding=doc.encoding, layout=parsed.layout,
        period=per.code, period_end=per.end, pace=per.pace, ahead_margin=ahead_margin,
        title=doc.title, city=r.city, city_source=r.city_source,
        columns=[{"table": t.no, "roles": t.roles, "headers": t.fields} for t in parsed.tables],
        declared_counts=f["declared"], parsed_counts=f["counts"],
        counts_match=all(f["counts"].get(k, 0) == n for k, n in f["declared"].items()),
        sections=f["sections"], seq_gaps=f["gaps"], seq_repeats=f["repeats"], empty_fields=f["empty"],
        truncated_rows=f["truncated"],
        unassigned_lines=parsed.unassigned_lines, chrome_lines=parsed.chrome_lines,
        line_accounting=f["accounting"],
        unknown_bureaus=[{"unit": u, "task_ids": ids} for u, ids in r.unknown.items()],
        renamed_units=[{"printed_as": mv.split("→")[0], "shown_as": mv.split("→")[1], "task_ids": ids}
                       for mv, ids in f["renamed"].items()],
        carried_cells=f["carried"], period_data_warning=f["pace_warning"], progress_opening_with_units=f["glued"],
        door=doc.door, door_notes=doc.notes,
        read_flags=[{"task_id": t, "flags": fl.split(REASON_SEP)} for t, fl in zip(tasks["task_id"], tasks["read_flags"])
                    if isinstance(fl, str)],
        sector_fallbacks=tasks.loc[tasks["sector_rule"].str.startswith("fallback"), "task_id"].tolist(),
        review=judgement.review, official_disagreements=judgement.official_disagreements,
        overrides=judged.loc[judged["status_source"] == "override", "task_id"].tolist(),
        warnings=warnings,
    )


@dataclass
class _Judged:
    """What `table` keeps of a judgement (helpers.judge.status.Judgement), in a class of its own:
    a cached one then loads without importing the judge (cn2an and the lexicon, ≈ 0.3 s)."""

    tasks: pd.DataFrame
    indicators: pd.DataFrame
    review: list[dict]
    official_disagreements: list[dict]


def _read_and_judge(raw: Path, period: str | None, force_period: bool, city: str | None, sheet: str | None,
                    columns: list[str] | None, strict: bool, ahead_margin: float) -> tuple[_Reading, _Judged]:
    """The report read and judged, before the researchers' corrections: kept in the cache against
    everything it depends on (the report, the lookup tables but the corrections file, the code,
    the margin, the options; helpers.provenance), so a correction imported rebuilds the tables
    without parsing and judging the report again. A cache entry that does not load is redone."""
    inputs = provenance.build_inputs(raw, ahead_margin)
    inputs["reference"].pop(paths.OVERRIDES_CSV.name, None)  # applied after the judgement
    # every lookup table by the path it is read from now (a test may point one elsewhere)
    inputs["tables"] = {name: provenance.sha256_if_file(p) for name, p in sorted(vars(paths).items())
                        if name.endswith("_CSV") and p != paths.OVERRIDES_CSV}
    # the path too: the reading records where the report was read from
    key = hashlib.sha256(json.dumps([inputs, str(raw.resolve()), period, force_period, city, sheet, columns, strict, sys.version,
                                     pd.__version__], sort_keys=True, default=str).encode("utf-8")).hexdigest()
    path = paths.CACHE / "judged" / f"{key[:32]}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # missing, truncated, or written by other library versions: judged anew
        pass
    from helpers.judge.status import judge  # deferred: cn2an and the lexicon, only when judging

    r = _read(raw, period, force_period, city, sheet, columns, strict)
    j = judge(r.tasks, ahead_margin=ahead_margin)
    judgement = _Judged(j.tasks, j.indicators, j.review, j.official_disagreements)
    try:
        write_bytes(path, pickle.dumps((r, judgement), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:  # a cache that cannot be written costs time, never the table
        pass
    return r, judgement


def build_table(raw: Path | str, period: str | None = None, out: Path | str | None = None,
                ahead_margin: float = DEFAULT_AHEAD_MARGIN, city: str | None = None,
                overrides: Path | str = paths.OVERRIDES_CSV, force_period: bool = False,
                sheet: str | None = None, columns: list[str] | None = None, strict: bool = False) -> TableResult:
    """Parse, judge and write one report's tables; return them with the quality report.

    `overrides` is the researchers' corrections file (tests pass their own); `sheet`, `columns`
    and `strict` are the reader's (helpers.read.doors.read_report, helpers.read.parse.parse_document)."""
    from helpers.judge.overrides import apply_overrides
    from helpers.judge.review import drop_unmeasured_completion

    r, judgement = _read_and_judge(Path(raw), period, force_period, city, sheet, columns, strict, ahead_margin)
    judged = apply_overrides(judgement.tasks, r.per.code, Path(overrides))
    judged = drop_unmeasured_completion(judged, r.per.code, Path(overrides))
    judged = with_read_doubts(judged)
    out_dir = Path(out) if out else paths.processed_dir(r.per.code)
    f = _findings(r, bool(period))
    warnings = _warnings(r, f)
    quality = _quality(r, f, judgement, judged, ahead_margin, warnings)
    # The margin travels with the table (parquet metadata): the notebooks read it from there.
    judged.attrs["ahead_margin"] = float(ahead_margin)
    inputs = provenance.build_inputs(r.raw, ahead_margin, period=r.per.code)
    with exclusive(out_dir), staged(out_dir, last=(provenance.RECORD,)) as tmp:
        judged = write_table(judged, tmp / "tasks.parquet", TASKS_SCHEMA)
        indicators = write_table(judgement.indicators, tmp / "indicators.parquet", INDICATORS_SCHEMA)
        quality.write(tmp)
        provenance.write_record(tmp, r.per.code, inputs)
    return TableResult(judged, indicators, quality, out_dir, warnings)
