"""Put a row's cells into the header's columns, whatever the layout delivered them as.

One mechanism for every layout: a row is a list of cells in reading order (a cell per line, cells
split at `|`, tokens of a one-line table, HTML cells) and the columns are the header's roles after
序号. Cells that span rows (a unit printed once for several rows) are missing from the rows below;
progress may come as several paragraphs; a unit name may be broken over two cells. The best
alignment is found by dynamic programming over how many cells each column takes, scored by how
well each cell's kind fits its column (a unit in the unit column, a status word in the status
column, a number in the rate column).
"""

from __future__ import annotations

import re
from functools import lru_cache

from helpers.read.bureaus import looks_like_unit, norm, unit_text
from helpers.statuses import official_words

NEG = float("-inf")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?\s*%?$|^[-—/]$")
#: A figure with its measure (1650个, 2.8万人): a period's value printed with its unit.
_QUANTITY = re.compile(r"^[-+]?\d+(?:\.\d+)?\s*[\u4e00-\u9fff%‰]{0,4}$")
_SENTENCE = re.compile(r"[。，,；;：:！？!?]")
#: Marks of prose before a cell's last two characters (a unit list may end 等。).
_PROSE_MARK = re.compile(r"[。；;：:！？!?“”《》%]|\d{2,}")
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:[、,，][\u4e00-\u9fff]{2,4})*$")
#: How many cells a column may take: progress any number (paragraphs), others few.
_MAX_CELLS = {"progress": 10**6, "task": 3, "bureau": 3, "co_bureau": 3, "people": 1}
#: Columns whose cell may be printed once for several rows, so a row may lack it.
CARRIED = ("bureau", "co_bureau", "people", "group")
_JOIN = {"progress": "\n", "task": " ", "target": " ", "plan": "\n", "progress_other": "\n"}


@lru_cache(maxsize=8192)
def is_unit(s: str) -> bool:
    """Does a cell read as one or more unit names (市发改委、市税务局、六安供电公司等。)?"""
    if len(s) > 90 or _PROSE_MARK.search(s, 0, max(0, len(s) - 2)):  # prose: never a unit list
        return False
    u = unit_text(s)
    return bool(u) and looks_like_unit(u)


@lru_cache(maxsize=8192)
def is_status(s: str) -> bool:
    """Is a cell one status word as offices print them (已完成, 是, 序时推进: the lexicon's `official` rows)?"""
    return len(s) <= 16 and official_words().exact(norm(s)) is not None


#: A person after a unit in one cell: 市住建局（李明）, 市城管局 王海, 市教体局 副局长 吴静.
_TITLE = r"(?:局长|主任|书记|部长|县长|区长|市长|科长|处长|经理|组长|董事长|负责人)"
_ONE = r"(?:[\u4e00-\u9fff]{0,2}" + _TITLE + r"\s*)?[\u4e00-\u9fff·]{2,4}(?:[(（][\u4e00-\u9fff]{0,2}" + _TITLE + r"[)）])?"
_NAMED = _ONE + r"(?:\s*[、，,]\s*" + _ONE + r")*"
_PERSON = re.compile(r"^(?P<unit>.+?)\s*(?:[(（](?P<p1>" + _NAMED + r")[)）]|[\s/／:：]+(?P<p2>" + _NAMED + r")|"
                     r"(?P<p3>(?:常务副|副)?" + _TITLE + r"[\u4e00-\u9fff·]{2,4}))\s*$", re.S)
_NOT_PERSON = re.compile(r"牵头|配合|协同|主办|协办|等|单位|部门|政府")


def split_person(cell: str) -> tuple[str, str | None]:
    """(units, person) of a unit cell that also names a person; the cell unchanged when it does not."""
    text = cell.strip()
    m = _PERSON.match(text)
    person = (m["p1"] or m["p2"] or m["p3"] or "").strip() if m else ""
    if person and is_unit(norm(m["unit"])) and not is_unit(norm(person)) and not _NOT_PERSON.search(person):
        return m["unit"].strip(), person
    return text, None


#: What may follow a status word in a verdict cell: what was reached (已完成年度投资计划, 达序时).
_VERDICT_TAIL = re.compile(r"^(?:时|(?:年度|全年|本年)?[\u4e00-\u9fff]{0,4}(?:计划|任务|目标)|进度)$")


@lru_cache(maxsize=8192)
def is_verdict(s: str) -> bool:
    """A status cell as a supervision office fills it: a status word, or one naming what it reached
    (已完成年度投资计划, 超额完成全年任务); never a sentence or a figure."""
    s = norm(s)
    if is_status(s):
        return True
    if len(s) > 14 or not re.fullmatch(r"[\u4e00-\u9fff]+", s):
        return False
    m = official_words().finder.match(s)
    return bool(m) and len(m[0]) >= 2 and bool(_VERDICT_TAIL.match(s[m.end():]))


def _fit(role: str, s: str, last_at_eof: bool) -> float:
    """How well one cell fits a column (higher is better, -inf impossible)."""
    if not s:
        return 0.0
    number = bool(_NUMBER.match(s))
    unit = is_unit(s)
    if role in ("bureau", "co_bureau"):
        if unit or (len(s) <= 40 and split_person(s)[1]):  # 市交通局 副局长 王海
            return 3.0
        # a unit cell cut off by the end of the file (市发…)
        return 1.5 if last_at_eof and len(s) <= 8 and not _SENTENCE.search(s) and not number else NEG
    if role == "people":
        return 2.0 if _NAME.match(s) and not unit and not is_status(s) else NEG
    if role == "status":
        return 3.0 if is_status(s) else (0.2 if len(s) <= 10 and not number else NEG)
    if role in ("rate", "actual"):
        return 2.0 if number else (1.0 if role == "actual" and _QUANTITY.match(s) else NEG)
    if role == "measure":
        return 1.5 if len(s) <= 6 and not unit and not _SENTENCE.search(s) and not s[:1].isdigit() else NEG
    if role == "target":
        return 2.0 if number else (0.8 if not unit else -1.0)
    if role == "progress_other":
        return 0.5 if is_status(s) else (-1.0 if unit else 1.0)
    if role == "progress":
        return -1.0 if unit or is_status(s) else 1.0
    if role == "task":
        return -2.0 if number or unit else 1.0
    if role == "plan":
        return 0.8 if not unit else -0.5
    if role in ("note", "source", "other"):
        return 0.5 if not unit else -0.5
    if role == "group":
        return 0.3 if len(s) <= 15 and not _SENTENCE.search(s) else NEG
    return 0.0


def _extra(role: str, s: str) -> float:
    """Score of one more cell joined into a column that already has one."""
    if not s:
        return 0.0
    if role == "progress":
        return 0.8 if not is_unit(s) and not is_status(s) else -1.0
    if role == "task":
        return -0.5 if not _NUMBER.match(s) and not is_unit(s) else NEG
    return NEG  # unit columns: scored on the joined text instead


def _skip_cost(role: str, carry: bool) -> float:
    if role in CARRIED and carry:
        return -0.4
    if role in ("task", "progress"):
        return -1.5
    if role == "bureau":  # of a lead and a co-unit column, an empty cell is likelier the co-unit's
        return -0.8
    return -0.6


def align(cells: list[str], roles: tuple[str, ...], *, carry: bool = False,
          last_at_eof: bool = False) -> list[list[int]] | None:
    """For each column, the indexes of the cells it takes (possibly none); None if nothing fits."""
    texts = tuple(norm(c) if len(c) <= 90 else c for c in cells)  # long prose needs no normalizing
    return _align(texts, roles, carry, last_at_eof)


def _align(texts: tuple[str, ...], roles: tuple[str, ...], carry: bool,
           last_at_eof: bool) -> list[list[int]] | None:
    m, n = len(texts), len(roles)
    # best[j][i]: best score with the first j columns holding the first i cells
    best = [[NEG] * (m + 1) for _ in range(n + 1)]
    back: list[list[int]] = [[-1] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for j, role in enumerate(roles):
        cap = _MAX_CELLS.get(role, 1)
        joined_units = role in ("bureau", "co_bureau", "people")
        first = [_fit(role, t, last_at_eof and k == m - 1) for k, t in enumerate(texts)]
        more = [_extra(role, t) for t in texts] if cap > 1 and not joined_units else []
        skip = _skip_cost(role, carry)
        row, nxt, bk = best[j], best[j + 1], back[j + 1]
        for i in range(m + 1):
            here = row[i]
            if here == NEG:
                continue
            if here + skip > nxt[i]:  # the column takes no cell
                nxt[i], bk[i] = here + skip, i
            score = 0.0
            for k in range(i, min(m, i + cap)):
                if joined_units and k > i:  # a unit name broken over cells: score the joined text
                    score = _fit(role, "".join(texts[i:k + 1]), last_at_eof and k == m - 1) - 0.3 * (k - i)
                else:
                    score = first[k] if k == i else score + more[k]
                if score == NEG:
                    if joined_units:
                        continue
                    break
                if here + score > nxt[k + 1]:
                    nxt[k + 1], bk[k + 1] = here + score, i
    # A row cut off by the end of the file may lack its last columns at no cost.
    end = n
    if last_at_eof:
        end = max(range(n + 1), key=lambda j: (best[j][m], j))
    if best[end][m] == NEG:
        return None
    out: list[list[int]] = [[] for _ in range(n)]
    i = m
    for j in range(end, 0, -1):
        start = back[j][i]
        out[j - 1] = list(range(start, i))
        i = start
    return out


def clear_caches() -> None:
    """Forget remembered cell kinds (the bench measures a first parse, not a remembered one)."""
    is_unit.cache_clear()
    is_status.cache_clear()


def join(role: str, parts: list[str], one_line: bool = False) -> str:
    """The text of a column from its cells: paragraphs newline-joined, unit fragments glued."""
    parts = [p.strip() for p in parts if p.strip()]
    if role in ("bureau", "co_bureau", "people"):
        return "".join(parts)
    sep = " " if one_line else _JOIN.get(role, " ")
    return sep.join(parts)
