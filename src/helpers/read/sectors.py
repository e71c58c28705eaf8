"""One primary sector per task, by editable rules (data/reference/sector_rules.csv).

Keyword rules on the task text are tried first, in file order; then the lead unit's default;
the rule that decided is recorded in `sector_rule` so a researcher can see why and change it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from helpers import paths
from helpers.messages import say
from helpers.reference_csv import read_reference, reference_error
from helpers.schema import SECTORS


@dataclass(frozen=True)
class Rule:
    rule_id: str
    match: str  # task | bureau
    pattern: re.Pattern | str
    sector: str


@dataclass(frozen=True)
class SectorRules:
    rules: tuple[Rule, ...]
    names: dict[str, str]  # code → Chinese name

    def assign(self, task: str, bureau: str) -> tuple[str, str, str]:
        """(sector, sector_name, sector_rule) for one task."""
        for r in self.rules:
            if r.match == "task":
                m = r.pattern.search(task)
                if m:
                    return r.sector, self.names[r.sector], f"{r.rule_id} keyword {m.group()}"
        for r in self.rules:
            if r.match == "bureau" and r.pattern == bureau:
                return r.sector, self.names[r.sector], f"{r.rule_id} lead unit {bureau}"
        return "governance", self.names["governance"], "fallback (no rule matched)"


@lru_cache(maxsize=4)
def _load(rules_path: str, names_path: str, stamp: tuple) -> SectorRules:
    names = {}
    for n, row in read_reference(names_path, ("sector", "sector_name")).rows:
        if row["sector"] not in SECTORS:
            raise reference_error(names_path, say("sectors.unknown", code=row["sector"], codes="、".join(SECTORS)), n)
        if row["sector"] in names:
            raise reference_error(names_path, say("sectors.twice", code=row["sector"]), n)
        names[row["sector"]] = row["sector_name"]
    if set(names) != set(SECTORS):
        missing = "、".join(s for s in SECTORS if s not in names)
        raise reference_error(names_path, say("sectors.missing", n=len(SECTORS), missing=missing))
    rules = []
    ids: dict[str, int] = {}
    unit_rule: dict[str, tuple[int, str]] = {}
    for n, row in read_reference(rules_path, ("rule_id", "match", "pattern", "sector")).rows:
        sector, match, pattern = row["sector"].strip(), row["match"].strip(), row["pattern"].strip()
        if sector not in SECTORS:
            raise reference_error(rules_path, say("sectors.unknown", code=sector, codes="、".join(SECTORS)), n)
        if match == "task":
            try:
                compiled: re.Pattern | str = re.compile(pattern)
            except re.error as e:
                raise reference_error(rules_path, say("sectors.bad_pattern", problem=e), n) from None
        elif match == "bureau":
            compiled = pattern
            if pattern in unit_rule and unit_rule[pattern][1] != sector:
                # only the first would ever apply: the second is a correction silently ignored
                raise reference_error(rules_path, say("sectors.unit_twice", unit=pattern,
                                                                         sector=unit_rule[pattern][1], line=unit_rule[pattern][0]), n)
            unit_rule.setdefault(pattern, (n, sector))
        else:
            raise reference_error(rules_path, say("sectors.match", match=match), n)
        rule_id = row["rule_id"].strip()
        if rule_id in ids:
            raise reference_error(rules_path, say("sectors.id_twice", rule_id=rule_id, line=ids[rule_id]), n)
        ids[rule_id] = n
        rules.append(Rule(rule_id, match, compiled, sector))
    if not rules:  # every task would fall back to one sector, with exit 0
        raise reference_error(rules_path, say("sectors.no_rules"), 1)
    return SectorRules(tuple(rules), names)


def load_rules(rules_path: Path = paths.SECTOR_RULES_CSV, names_path: Path = paths.SECTORS_CSV) -> SectorRules:
    """Load the sector rules (cached until either file changes)."""
    stamp = tuple(p.stat().st_mtime if p.exists() else 0 for p in (Path(rules_path), Path(names_path)))
    return _load(str(rules_path), str(names_path), stamp)


def sector_names(names_path: Path | None = None) -> dict[str, str]:
    """Sector code → Chinese name, in the schema's order, from data/reference/sectors.csv: the one
    place a sector is named (the table's sector_name column and the charts both come from it)."""
    names = load_rules(names_path=Path(names_path or paths.SECTORS_CSV)).names
    return {code: names[code] for code in SECTORS}
