"""The labelled evaluation set for judging (issue #9): task/progress pairs that are not from the seed.

`tests/data/judge_set.csv` holds the readers' labels of the nine corpus excerpts
(`tests/fixtures/corpus/labels.json`, origin `corpus`) and wordings a reporter would plausibly
write (origin `written`), each labelled by the rules of DOMAIN.md and the forecast/intention rule,
independently of the judging code. `load_judge_set()` reads and validates it; a malformed row is
a `ParseError` naming the file and line.

The blind set (issue #18: `blind_dev.csv`, `blind_test.csv`, origin `blind`) was written by a reader
who saw only DOMAIN.md, never the rules, the lexicon or these tests. Its development half may be
read case by case; its test half is scored only in aggregate (`scripts/eval_judge.py`), so its
figures say how the rules do on wording nobody tuned them to. `load_blind(half)` reads either with
the same checks.
"""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

from helpers.errors import ParseError, PeriodError
from helpers.period import parse_code

DATA = Path(__file__).resolve().parent / "data"
JUDGE_SET = DATA / "judge_set.csv"
#: the blind sets: `dev` and `dev2` may be read case by case, `test` only in aggregate. `dev2` (round 3)
#: was written later by another reader of DOMAIN.md alone, with long cells as real reports write them.
#: `holdout` (round 3, a third reader) was kept outside the repository while the rules were built and
#: scored in aggregate only, before and after; it stays aggregate-only here.
#: `dev4` (round 4) is the development half of a fourth reader's set (K…), read case by case; `test4`, its
#: other half, was kept outside the repository while the rules were built and is aggregate-only here.
#: `dev7` (round 5, D…) was written by a seventh reader of DOMAIN.md and the conventions alone, weighted to
#: number forms, scope, units, events, halts and waits; scored once in aggregate before anyone read it,
#: then read case by case.
#: `dev9` (round 6, F…) was written by a ninth reader in seven office voices, every cell by hand; scored once
#: in aggregate before anyone read it (0.779 / 5.5 % confident errors / 43.4 % flagged on 1701f50), then read.
#: `dev5` (P…), `dev6` (S…) and `dev8` (E…) were kept outside the repository through rounds 5–6 and scored only in
#: aggregate; in round 7 two new never-read sets took their place as the measure, and these three became
#: development sets. Their last unread figures (1bae96e): set 5 0.868 / 4.3 % / 29.5 %, set 6 0.893 / 3.6 % /
#: 28.0 %, set 8 0.865 / 5.0 % / 34.7 % (agreement / confident errors / flagged).
#: `dev10` (M…) and `dev11` (N…) were written in round 7 by two more readers, in offices no earlier set used, and
#: kept outside the repository as that round's never-read measure; in round 8 two newer sets took their place
#: and these became development sets. Their first figures (1bae96e, before round 7 changed anything): set 10
#: 0.885 / 3.3 % / 25.8 %, set 11 0.827 / 6.8 % / 36.1 %; their last unread ones (a9ac73e): set 10 0.881 / 3.7 % /
#: 24.6 %, set 11 0.835 / 6.8 % / 34.1 %.
#: `dev12` (R…) and `dev13` (T…) were round 8's never-read measure, and became development sets in round 9 the
#: same way. Their first figures (a9ac73e): set 12 0.861 / 10 (4.2 %) / 33.8 %, set 13 0.930 / 5 (2.2 %) / 26.6 %;
#: their last unread ones (0261bc9): set 12 0.865 / 10 (4.2 %) / 30.0 %, set 13 0.930 / 6 (2.6 %) / 23.1 %.
#: `dev14` (J…) and `dev15` (L…) were round 9's never-read measure, and became development sets in round 10.
#: Their first figures (0261bc9): set 14 0.809 / 10 (4.0 %) / 37.8 %, set 15 0.834 / 11 (4.3 %) / 34.8 %; their
#: last unread ones (38f5b35): set 14 0.809 / 12 (4.8 %) / 35.9 %, set 15 0.834 / 11 (4.3 %) / 32.0 %.
BLIND = {"dev": DATA / "blind_dev.csv", "test": DATA / "blind_test.csv", "dev2": DATA / "blind_dev2.csv",
         "holdout": DATA / "blind_holdout.csv", "dev4": DATA / "blind_dev4.csv",
         "test4": DATA / "blind_test4.csv", "dev7": DATA / "blind_dev7.csv",
         "dev9": DATA / "blind_dev9.csv", "dev5": DATA / "blind_dev5.csv", "dev6": DATA / "blind_dev6.csv",
         "dev8": DATA / "blind_dev8.csv", "dev10": DATA / "blind_dev10.csv", "dev11": DATA / "blind_dev11.csv",
         "dev12": DATA / "blind_dev12.csv", "dev13": DATA / "blind_dev13.csv",
         "dev14": DATA / "blind_dev14.csv", "dev15": DATA / "blind_dev15.csv"}
#: a second, independent labelling of a blind set: another reader of DOMAIN.md and the conventions alone
#: labelled the same cases without seeing the first reader's labels (round 8), to measure how far two
#: careful readers agree — the ceiling the judge's agreement is read against.
SECOND_READER = {half: DATA / f"blind_{half}_reader2.csv" for half in ("dev10", "dev11", "dev12", "dev13", "dev14", "dev15")}
SECOND_READER_COLUMNS = ("case_id", "status", "also_ok", "completion_pct", "needs_review_ok", "note")
#: the sets `make eval` never lists case by case
AGGREGATE_ONLY = ("test", "holdout", "test4")

COLUMNS = ("case_id", "origin", "source", "period", "task", "progress", "official_status",
           "official_status_field", "status", "also_ok", "completion_pct", "needs_review_ok",
           "kind", "modality", "note")
STATUSES = frozenset({"completed", "ahead", "on_pace", "behind", "blocked", "pending", "qualitative"})
ORIGINS = frozenset({"corpus", "written"})
BLIND_ORIGINS = frozenset({"blind"})
# clause kinds of issue #9, plus `official` (the official status column decides the case)
KINDS = frozenset({"verdict", "ratio", "amount", "rate", "comparison", "rank", "event", "plan", "official"})
#: the blind set is grouped by the constructions of issue #18 as well
BLIND_KINDS = KINDS | {"adjusted", "blocked", "level", "numberform", "pending", "qualitative", "quota", "scope", "subject",
                       "timespan", "unit", "yearend"}
MODALITIES = frozenset({"done", "forecast", "intention", "condition"})


def _check_row(row: dict, line: int, path: Path, origins: frozenset[str]) -> dict:
    """Validate one CSV row and return it with `also_ok` as a list and `completion_pct` as float|None."""
    def bad(problem: str) -> ParseError:
        return ParseError(path, f"case {row.get('case_id')!r}: {problem}", line)

    if not row["case_id"] or not row["task"].strip() or not row["progress"].strip():
        raise bad("case_id, task and progress must be non-empty")
    kinds = BLIND_KINDS if row["origin"] in BLIND_ORIGINS else KINDS
    for column, allowed in (("origin", origins), ("status", STATUSES), ("kind", kinds),
                            ("modality", MODALITIES), ("needs_review_ok", {"yes", "no"})):
        if row[column] not in allowed:
            raise bad(f"{column} {row[column]!r} is not one of {sorted(allowed)}")
    also = [s for s in row["also_ok"].split(";") if s]
    if any(s not in STATUSES for s in also) or row["status"] in also or len(set(also)) != len(also):
        raise bad(f"also_ok {row['also_ok']!r} must list other valid statuses, each once")
    try:
        parse_code(row["period"])
    except PeriodError as e:
        raise bad(f"period {row['period']!r}: {e.problem}") from None
    try:
        completion = float(row["completion_pct"]) if row["completion_pct"] else None
    except ValueError:
        raise bad(f"completion_pct {row['completion_pct']!r} is not a number") from None
    if completion is not None and not 0 <= completion <= 10:
        raise bad(f"completion_pct {completion} is not a fraction (0.57, not 57)")
    if row["official_status_field"] and not row["official_status"]:
        raise bad("official_status_field given without an official_status")
    if row["origin"] == "corpus" and not row["source"].endswith(".txt"):
        raise bad("a corpus case names its excerpt file in source")
    return {**row, "also_ok": also, "completion_pct": completion}


def load_judge_set(path: Path = JUDGE_SET, origins: frozenset[str] = ORIGINS) -> list[dict]:
    """Read and validate the labelled set: valid statuses and periods, unique ids and task+progress."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ParseError(path, f"columns {reader.fieldnames} are not {list(COLUMNS)}", 1)
        rows, ids, pairs = [], set(), set()
        for raw in reader:
            line = reader.line_num
            if None in raw or any(v is None for v in raw.values()):
                raise ParseError(path, "wrong number of cells", line)
            row = _check_row(raw, line, path, origins)
            if row["case_id"] in ids:
                raise ParseError(path, f"duplicate case_id {row['case_id']!r}", line)
            if (row["task"], row["progress"]) in pairs:
                raise ParseError(path, f"case {row['case_id']!r} repeats another case's task and progress", line)
            ids.add(row["case_id"])
            pairs.add((row["task"], row["progress"]))
            rows.append(row)
    return rows



def load_blind(half: str) -> list[dict]:
    """One blind set (a key of BLIND), validated like the labelled set; every row is `blind`."""
    return load_judge_set(BLIND[half], BLIND_ORIGINS)


def load_readable_blind() -> list[dict]:
    """Every case of the blind sets that may be read case by case (all but AGGREGATE_ONLY), in BLIND's order."""
    return [c for half in BLIND if half not in AGGREGATE_ONLY for c in load_blind(half)]


def load_second_reader(half: str) -> dict[str, tuple[str, frozenset[str]]]:
    """The second reader's labels of a blind set (a key of SECOND_READER): case_id → (status, the statuses
    that reader accepts: status and also_ok). Every case of the set must be labelled, and nothing else."""
    path = SECOND_READER[half]
    ids = [c["case_id"] for c in load_blind(half)]
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != SECOND_READER_COLUMNS:
            raise ParseError(path, f"columns {reader.fieldnames} are not {list(SECOND_READER_COLUMNS)}", 1)
        out: dict[str, tuple[str, frozenset[str]]] = {}
        for row in reader:
            accepted = frozenset([row["status"].strip(), *(x.strip() for x in row["also_ok"].split(";") if x.strip())])
            if not accepted <= STATUSES or row["case_id"] in out:
                raise ParseError(path, f"case {row['case_id']!r}: a status outside {sorted(STATUSES)} or a repeated id",
                                 reader.line_num)
            out[row["case_id"]] = (row["status"].strip(), accepted)
    if sorted(out) != sorted(ids):
        raise ParseError(path, f"labels {len(out)} cases, the set has {len(ids)} (or other ids)", 1)
    return out


def ambiguous() -> frozenset[str]:
    """The cases two readers labelled with different statuses (the sets of SECOND_READER): what the text
    means is in doubt, so no measure that fits the rules counts them."""
    return frozenset(c["case_id"] for half in SECOND_READER for second in [load_second_reader(half)]
                     for c in load_blind(half) if second[c["case_id"]][0] != c["status"])


def readable_by_writer() -> dict[str, list[dict]]:
    """Every case that may be read case by case, by writer: the labelled set, and each readable blind set
    (one writer each: the development and test halves of a set share it)."""
    return {"labelled": load_judge_set(), **{half: load_blind(half) for half in BLIND if half not in AGGREGATE_ONLY}}


def eval_script():
    """scripts/eval_judge.py as a module (scripts/ is no package): its groups are `make eval`'s sets."""
    path = DATA.parents[1] / "scripts" / "eval_judge.py"
    spec = importlib.util.spec_from_file_location("eval_judge", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
