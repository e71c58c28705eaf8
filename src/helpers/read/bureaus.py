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
from helpers.messages import say
from helpers.reference_csv import read_reference, reference_error

_UNIT_SUFFIX = re.compile(
    r"(?:局|委|委员会|办|办公室|中心|政府|管委会|管委|分区|军分区|院|厅|部|处|公司|集团|银行|分行|"
    r"会|联|所|队|站|馆|社|署|团|校|台|县|区|市|园|街道|部门|机构|单位|乡镇|镇)$"
)
_SENTENCE = re.compile(r"[。；;：:！？!?“”《》%]|\d{2,}")
_SPLIT = re.compile(r"[,，、;；/]+")
_ALIAS = re.compile(r"^(?P<name>[^(（]+)[(（](?P<alias>[^)）]+)[)）]$")
#: Whitespace as report cells print it: also NBSP, ideographic and zero-width spaces, BOM.
WHITESPACE = re.compile(r"[\s\u00a0\u3000\u2002\u2003\u200b\ufeff]+")
#: The city whose office this project was built for: the scope used when none is given.
HOME_CITY = "六安"
#: How the task table joins several units in one cell (bureaus, co_bureaus, bureau_aliases).
UNIT_SEP = "、"


def norm(s: str) -> str:
    """Remove all whitespace, NBSP and zero-width characters (市生态 \u00a0环境局 → 市生态环境局)."""
    return WHITESPACE.sub("", s)


def unit_text(s: str) -> str:
    """A unit cell without what offices put after the names (等, 等。, 等单位, a trailing 、, the full
    stop after short names)."""
    s = re.sub(r"(?:(?:等单位|等部门|等)[。;；.]?|[;；,，、])$", "", norm(s))
    if s.endswith("。") and all(len(p) <= 12 for p in re.split(r"[、，,]", s)):
        s = s[:-1]  # 市统计局。: a list of short names closed by a full stop, not a sentence
    return s


def looks_like_unit(s: str) -> bool:
    """True when s reads as one or more unit names (市生态环境局, 市发改委,各县区政府)."""
    s = norm(s)
    if not s or len(s) > 60 or _SENTENCE.search(s):
        return False
    parts = [p for p in _SPLIT.split(s) if p]
    return bool(parts) and all(_UNIT_SUFFIX.search(_ALIAS.sub(r"\g<name>", p)) for p in parts)


@dataclass
class BureauRef:
    """The reference list for one city: name printed → canonical unit."""

    canonical: dict[str, str] = field(default_factory=dict)
    known: set[str] = field(default_factory=set)
    city: str | None = None
    scopes: tuple[str, ...] = ()  # every city the table has rows for


@lru_cache(maxsize=16)
def _load(path: str, mtime: float, city: str | None) -> BureauRef:
    ref = BureauRef(city=city)
    scopes: list[str] = []
    lines: dict[tuple[str, str], tuple[int, str]] = {}  # (name, scope) → (line, canonical)
    for n, row in read_reference(path, ("name", "canonical", "scope")).rows:
        name, canon, scope = norm(row.get("name") or ""), norm(row.get("canonical") or ""), norm(row.get("scope") or "")
        if not name:
            raise reference_error(path, say("bureaus.empty_name"), n)
        # A name mapped twice where both rows apply (same scope, or one row for every city) would
        # silently move every task of that name to another unit.
        clash = lines.get((name, scope)) or (lines.get((name, "")) if scope else
                                             next((v for (nm, _), v in lines.items() if nm == name), None))
        if clash:
            raise reference_error(path, say("bureaus.twice", name=name, first=clash[0], first_to=clash[1],
                                                             here=canon or name), n)
        lines[(name, scope)] = (n, canon or name)
        if scope and scope not in scopes:
            scopes.append(scope)
        if scope and scope != city:
            continue  # one city's units and renames never apply to another city's report
        ref.canonical[name] = canon or name
        ref.known.add(canon or name)
    for name, canon in ref.canonical.items():
        # a chain (A → B, B → C) would map A to B, a name that is itself renamed
        if ref.canonical.get(canon, canon) != canon:
            line = next(v[0] for (nm, sc), v in lines.items() if nm == name and sc in ("", city or ""))
            raise reference_error(path, say("bureaus.chain", name=name, canon=canon,
                                                                then=ref.canonical[canon]), line)
    ref.scopes = tuple(scopes)
    return ref


def load_reference(path: Path = paths.BUREAUS_CSV, city: str | None = None) -> BureauRef:
    """Load data/reference/bureaus.csv for one city (rows with that scope or none; cached until the
    file changes). A name mapped twice, or mapped to a name itself renamed, is an error naming
    file and line."""
    try:
        mtime = Path(path).stat().st_mtime
    except OSError:
        raise ReferenceError_(say("ref.missing_table", path=path, what=say("bureaus.holds"))) from None
    return _load(str(path), mtime, city)


_CITY_HEAD = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:市|县|区)(?:人民政府|政府办公室)|^(?:20\d{2}年)?([\u4e00-\u9fff]{2,4}?)(?:市|县|区)(?!政府)")


def detect_city(head: list[str], text: str, city: str | None = None) -> tuple[str | None, str]:
    """The report's city and where it was read: the --city option, the title and page head
    (湖州市人民政府, 开化县2023年…), else a city of bureaus.csv named in the text."""
    if city:
        return city, "--city"
    scopes = load_reference().scopes
    for line in head:
        s = norm(line)
        for sc in scopes:
            if sc in s:
                return sc, f"page head: {s[:40]}"
        m = _CITY_HEAD.search(s) if not re.search(r"[，,。；;]", s) else None  # titles, not prose
        if m and (m[1] or m[2]) not in ("市", "区", "县"):
            return (m[1] or m[2]), f"page head: {s[:40]}"
    counts = {sc: text.count(sc) for sc in scopes}
    best = max(counts, key=counts.get, default=None)
    if best and counts[best]:
        return best, f"named {counts[best]} times in the text"
    return None, "not found"


@dataclass
class Units:
    """A printed unit cell, normalized."""

    raw: str  # as printed, whitespace removed
    units: list[str]  # canonical names, in printed order
    aliases: list[str]  # names printed in brackets after a unit
    unknown: list[str]  # units not in the reference list (kept in `units`)
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (name printed, current name)


def normalize_units(cell: str | None, ref: BureauRef | None = None) -> Units:
    """Split and normalize a 牵头责任单位 / 协同责任单位 cell.

    市财政局(市政府国资委) → 市财政局 with alias 市政府国资委; 霍邱县、金寨县、霍山县、舒城县政府 → four
    county governments; 各区县政府<南太湖新区、长合区管委会> → three units; a trailing 等 / 。 is
    dropped; renamed units of the report's city map to their current name (recorded in `renamed`).
    """
    ref = ref or load_reference()
    raw = norm(cell or "")
    text = unit_text(raw.replace("<", "、").replace(">", "").replace("＜", "、").replace("＞", "")).rstrip("。.")
    parts = [p for p in _SPLIT.split(text) if p]
    # A shared tail printed once: 霍邱县、金寨县、霍山县、舒城县政府 → each 县 gets 政府.
    if len(parts) > 1:
        tail = re.search(r"(?<=[县区市])(政府|人民政府)$", parts[-1])
        if tail:
            parts = [p + tail[1] if re.search(r"[县区]$", p) else p for p in parts]
    out = Units(raw, [], [], [])
    for p in parts:
        m = _ALIAS.match(p)
        name = m["name"] if m else p
        if m:
            out.aliases.append(m["alias"])
        canon = ref.canonical.get(name, name)
        if canon != name:
            out.renamed.append((name, canon))
        if canon not in ref.known and canon not in out.unknown:
            out.unknown.append(canon)
        if canon not in out.units:
            out.units.append(canon)
    return out


def leads(tasks: Any, bureau: str) -> Any:
    """Boolean mask of the tasks `bureau` leads, first or jointly (it is named in `bureaus`)."""
    named = tasks["bureaus"].fillna("").str.split(UNIT_SEP)
    return tasks["bureau"].eq(bureau) | named.apply(lambda units: bureau in units)


def lead_units(tasks: Any) -> list[str]:
    """Every lead unit the table names, first leads first, in order of appearance."""
    first = tasks["bureau"].dropna().astype(str).tolist()
    every = [u for cell in tasks["bureaus"].fillna("").astype(str) for u in cell.split(UNIT_SEP)]
    return [u for u in dict.fromkeys(first + every) if u]
