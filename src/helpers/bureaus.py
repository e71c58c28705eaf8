"""Lead and co-responsible units: telling a unit name from prose, and normalizing printed cells.

data/reference/bureaus.csv lists canonical units and their aliases and old names (市经信局 →
市工信局), so a researcher records a rename without touching code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from helpers import paths
from helpers.errors import ReferenceError_
from helpers.ingest import read_reference_csv

_UNIT_SUFFIX = re.compile(
    r"(?:局|委|委员会|办|办公室|中心|政府|管委会|管委|分区|军分区|院|厅|部|处|公司|集团|银行|分行|"
    r"会|联|所|队|站|馆|社|署|团|校|台|县|区|市|园)$"
)
_SENTENCE = re.compile(r"[。；;：:！？!?“”《》%]|\d{2,}")
_SPLIT = re.compile(r"[,，、;；/]+")
_ALIAS = re.compile(r"^(?P<name>[^(（]+)[(（](?P<alias>[^)）]+)[)）]$")
#: Whitespace as report cells print it: also NBSP, ideographic and zero-width spaces, BOM.
WHITESPACE = re.compile(r"[\s\u00a0\u3000\u2002\u2003\u200b\ufeff]+")
#: How the task table joins several units in one cell (bureaus, co_bureaus, bureau_aliases).
UNIT_SEP = "、"


def norm(s: str) -> str:
    """Remove all whitespace, NBSP and zero-width characters (市生态 \u00a0环境局 → 市生态环境局)."""
    return WHITESPACE.sub("", s)


def looks_like_unit(s: str) -> bool:
    """True when s reads as one or more unit names (市生态环境局, 市发改委,各县区政府)."""
    s = norm(s)
    if not s or len(s) > 60 or _SENTENCE.search(s):
        return False
    parts = [p for p in _SPLIT.split(s) if p]
    return bool(parts) and all(_UNIT_SUFFIX.search(_ALIAS.sub(r"\g<name>", p)) for p in parts)


@dataclass
class BureauRef:
    """The reference list: name printed → canonical unit."""

    canonical: dict[str, str] = field(default_factory=dict)
    known: set[str] = field(default_factory=set)


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> BureauRef:
    ref = BureauRef()
    first: dict[str, int] = {}
    _, rows = read_reference_csv(path, ("name", "canonical"))
    for n, row in rows:
        name, canon = norm(row["name"]), norm(row["canonical"])
        if not name:
            raise ReferenceError_(f"{path}:{n}: empty name")
        if name in first:
            # a second mapping would silently move every task of that name to another unit
            raise ReferenceError_(f"{path}:{n}: {name} is mapped twice (first on line {first[name]} to "
                                  f"{ref.canonical[name]}, here to {canon or name}); keep one row")
        first[name] = n
        ref.canonical[name] = canon or name
        ref.known.add(canon or name)
    for name, canon in ref.canonical.items():
        # a chain (A → B, B → C) would map A to B, a unit that no longer exists under that name
        if ref.canonical.get(canon, canon) != canon:
            raise ReferenceError_(f"{path}:{first[name]}: {name} maps to {canon}, which line {first[canon]} "
                                  f"maps on to {ref.canonical[canon]}; map {name} to the current name directly")
    return ref


def load_reference(path: Path = paths.BUREAUS_CSV) -> BureauRef:
    """Load data/reference/bureaus.csv (cached until the file changes); a name mapped twice, or
    mapped to a name that is itself renamed, is an error naming file and line."""
    try:
        mtime = Path(path).stat().st_mtime
    except OSError:
        raise ReferenceError_(f"{path}: missing reference table of units") from None
    return _load(str(path), mtime)


@dataclass
class Units:
    """A printed unit cell, normalized."""

    raw: str  # as printed, whitespace removed
    units: list[str]  # canonical names, in printed order
    aliases: list[str]  # names printed in brackets after a unit
    unknown: list[str]  # units not in the reference list (kept in `units`)


def normalize_units(cell: str | None, ref: BureauRef | None = None) -> Units:
    """Split and normalize a 牵头责任单位 / 协同责任单位 cell.

    市财政局(市政府国资委) → 市财政局 with alias 市政府国资委; 霍邱县、金寨县、霍山县、舒城县政府 → four
    county governments; renamed units map to their current name.
    """
    ref = ref or load_reference()
    raw = norm(cell or "")
    parts = [p for p in _SPLIT.split(raw) if p]
    # A shared tail printed once: 霍邱县、金寨县、霍山县、舒城县政府 → each 县 gets 政府.
    if len(parts) > 1:
        tail = re.search(r"(?<=[县区市])(政府|人民政府)$", parts[-1])
        if tail:
            parts = [p + tail[1] if re.search(r"[县区]$", p) else p for p in parts]
    units: list[str] = []
    aliases: list[str] = []
    unknown: list[str] = []
    for p in parts:
        m = _ALIAS.match(p)
        name = m["name"] if m else p
        if m:
            aliases.append(m["alias"])
        canon = ref.canonical.get(name, name)
        if canon not in ref.known:
            unknown.append(canon)
        if canon not in units:
            units.append(canon)
    return Units(raw, units, aliases, unknown)


def leads(tasks: Any, bureau: str) -> Any:
    """Boolean mask of the tasks `bureau` leads, first or jointly (it is named in `bureaus`)."""
    named = tasks["bureaus"].fillna("").str.split(UNIT_SEP)
    return tasks["bureau"].eq(bureau) | named.apply(lambda units: bureau in units)


def lead_units(tasks: Any) -> list[str]:
    """Every lead unit the table names, first leads first, in order of appearance."""
    first = tasks["bureau"].dropna().astype(str).tolist()
    every = [u for cell in tasks["bureaus"].fillna("").astype(str) for u in cell.split(UNIT_SEP)]
    return [u for u in dict.fromkeys(first + every) if u]
