"""Column roles: which header word means which column, from data/reference/column_roles.csv.

A header cell is matched with its whitespace removed (项 目 内 容, 分管 领导), a bracketed suffix
taken off (落实情况(全年), 完成目标(%)) and a period before it taken off (上半年落实情况,
1-11月推进情况: the period is kept, so of two progress columns the latest one is the progress).
Header cells broken over lines (牵头责任 / 单位, 工程 / 名称) are joined back by `merge_fragments`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from helpers import paths
from helpers.read.bureaus import norm
from helpers.errors import ReferenceError_
from helpers.messages import say
from helpers.reference_csv import read_reference, reference_error

#: Roles a column can have. `group` is a spanning column such as 工程名称, printed once per group.
ROLES = ("seq", "task", "target", "bureau", "co_bureau", "people", "progress", "status", "plan",
         "rate", "note", "source", "group", "problems", "next_steps", "actual", "measure")
#: A header word not in the list gets its role from its head noun, the end of the compound (推进措施及
#: 成效 → 成效, 责任主体 → 主体, 牵头领导 → 领导); the first pattern that matches decides, so a rate
#: (完成率) or a deadline (完成时限) is not taken for a completion. `actual` is a period's value
#: (1-6月完成, 完成值), `measure` the 计量单位 of a numeric table.
_HEAD_NOUNS = (
    ("rate", re.compile(r"(?:率|比例|占比|百分比)$")),
    ("measure", re.compile(r"计量单位$")),
    ("plan", re.compile(r"(?:时限|时间|节点|要求|期限|安排|计划)$")),
    ("status", re.compile(r"(?:评价|状态|是否[\u4e00-\u9fff]{0,4}|评定|等次)$")),
    ("people", re.compile(r"(?:领导|责任人|负责人|联系人|分管)$")),
    ("co_bureau", re.compile(r"(?:配合|协同|协办|参与|协助)(?:单位|部门|主体|厅局)$")),
    ("bureau", re.compile(r"(?:单位|主体|部门|厅局|处室|科室)$")),
    ("problems", re.compile(r"问题$")),
    ("next_steps", re.compile(r"(?:下一?步.{0,4}|打算)$")),
    ("progress", re.compile(r"(?:进展|情况|成效|进度|措施|成果)$")),
    ("target", re.compile(r"(?:目标(?:值|数)?|(?:年度|全年|本年)计划(?:投资|数)?)$")),
    ("actual", re.compile(r"^(?:完成|实际完成|累计完成|实际)(?:值|数|投资|额|量)?$")),
    ("task", re.compile(r"(?:事项|任务|内容|名称|工作|项目|指标)$")),
    ("note", re.compile(r"(?:备注|说明)$")),
)
#: A header cell the head nouns may name: short, Chinese, at most a period before it and a bracket after.
_GUESSABLE = re.compile(r"^[\u4e00-\u9fff]{2,10}$")
_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4}
PERIOD_PREFIX = re.compile(
    r"^(?:\d{4}年)?(?:(?P<h>上半年|半年度?)|(?P<h2>下半年|全年|年度)|(?P<q>前三季度|[一二三四]季度)|"
    r"(?:1[-—~至])?(?P<m>\d{1,2})月(?:份|底|末)?)?"
)
_BRACKET_SUFFIX = re.compile(r"[(（][^()（）]*[)）]$")
#: Sub-header words under 责任单位: which of the two unit columns a cell names.
_LEAD_SUB = re.compile(r"^(?:牵头|主办|主责|牵头单位|主办单位)$")
_CO_SUB = re.compile(r"^(?:配合|协同|协办|参与|配合单位|协同单位|协办单位)$")


@dataclass(frozen=True)
class RoleTable:
    words: dict[str, str]  # header word → role
    path: str
    prefixes: frozenset = frozenset()  # every proper prefix of a header word
    seq_words: tuple[str, ...] = ()  # header words of the seq role (序号, 编号)
    _seen: dict = field(default_factory=dict, compare=False, repr=False)  # cell → role, as looked up

    def role(self, cell: str) -> str | None:
        """The role of a header cell, or None when it is not a header word."""
        if cell not in self._seen:
            self._seen[cell] = self._role(cell)
        return self._seen[cell]

    def _role(self, cell: str) -> str | None:
        s = norm(cell).rstrip("|")
        if len(s) > 30:
            return None
        for cand in (s, _BRACKET_SUFFIX.sub("", s)):
            if cand in self.words:
                return self.words[cand]
            rest = PERIOD_PREFIX.sub("", cand, count=1)
            if rest != cand and self.words.get(rest) == "progress":
                return "progress"
        first, joined, _ = s.partition("及")
        if joined and first in self.words:  # 重点工作及落实情况: a cell of two, read as its first
            return self.words[first]
        return head_noun_role(s)

    def known(self, cell: str) -> bool:
        """Is the cell a header word of the list (not only guessed from its head noun)?"""
        s = _BRACKET_SUFFIX.sub("", norm(cell).rstrip("|"))
        return s in self.words or PERIOD_PREFIX.sub("", s, count=1) in self.words

    def is_prefix(self, s: str) -> bool:
        """Could `s` be the first part of a header cell broken over lines (牵头责任 / 单位)?"""
        key = ("prefix", s)
        if key not in self._seen:
            self._seen[key] = self._is_prefix(s)
        return self._seen[key]

    def _is_prefix(self, s: str) -> bool:
        s = norm(s).rstrip("|")
        if len(s) > 24:
            return False
        return s in self.prefixes or PERIOD_PREFIX.sub("", s, count=1) in self.prefixes


def head_noun_role(cell: str) -> str | None:
    """The role a header word not in the list has by its head noun (None when it names none)."""
    s = _BRACKET_SUFFIX.sub("", cell)
    if re.match(r"^\d{4}\s*年", s):  # a title (2024年1-9月重点工作推进情况), not a header cell
        return None
    s = re.sub(r"^截[至止]\S{0,3}?(?:目前|[\d月底末]+)", "", s) or s
    first, joined, second = s.partition("及")
    if joined and len(first) >= 2 and len(s) <= 14:  # 重点工作及落实情况: a cell of two, read as its first
        return head_noun_role(first) or head_noun_role(second)
    for cand in (s, PERIOD_PREFIX.sub("", s, count=1)):  # 年度计划投资 as printed, 1-6月完成 without 1-6月
        if _GUESSABLE.match(cand):
            return next((role for role, pat in _HEAD_NOUNS if pat.search(cand)), None)
    return None


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> RoleTable:
    words: dict[str, str] = {}
    for n, row in read_reference(path, ("header", "role")).rows:
        word, role = norm(row.get("header") or ""), (row.get("role") or "").strip()
        if not word:
            raise reference_error(path, say("roles.empty_word"), n)
        if role not in ROLES:
            raise reference_error(path, say("roles.unknown", role=role, roles="、".join(ROLES)), n)
        if word in words and words[word] != role:
            raise reference_error(path, say("roles.twice", word=word), n)
        words[word] = role
    if "seq" not in words.values():
        raise reference_error(path, say("roles.no_seq"))
    prefixes = frozenset(w[:k] for w in words for k in range(1, len(w)))
    return RoleTable(words, path, prefixes, tuple(w for w, r in words.items() if r == "seq"))


def load_roles(path: Path | None = None) -> RoleTable:
    """Load data/reference/column_roles.csv (cached until the file changes)."""
    path = path or paths.COLUMN_ROLES_CSV
    if not Path(path).exists():
        raise ReferenceError_(say("ref.missing_table", path=path, what=say("roles.holds")))
    return _load(str(path), Path(path).stat().st_mtime)


def period_month(cell: str) -> int:
    """End month of the period a progress header names (1-11月推进情况 → 11; none → 0)."""
    m = PERIOD_PREFIX.match(norm(cell))
    if not m or not m.group(0):
        return 0
    if m["m"]:
        return int(m["m"])
    if m["h"]:
        return 6
    if m["h2"]:
        return 12
    if m["q"]:
        return 9 if m["q"] == "前三季度" else 3 * _CN_NUM[m["q"][0]]
    return 0


def merge_fragments(frags: Iterable[str], roles: RoleTable) -> list[str]:
    """Join header fragments into cells: 牵头责任 + 单位, 工程 + 名称, 完成目标 + (%)."""
    cells: list[str] = []
    acc = ""
    for f in frags:
        f = norm(f).rstrip("|")
        if not f:
            continue
        cand = acc + f
        # a listed word first (完成 + 状态), then the start of one, then a word named by its head noun
        if roles.known(cand) or (not acc and roles.role(cand) and not roles.is_prefix(cand)):
            cells.append(cand)
            acc = ""
        elif f.startswith(("(", "（")) and not acc and cells:
            cells[-1] += f
        elif roles.is_prefix(cand):
            acc = cand
        elif acc and (roles.role(f) or roles.is_prefix(f)):
            cells.append(acc)  # the fragment before was a cell of its own (完成 | 完成率)
            acc = ""
            if roles.known(f) or not roles.is_prefix(f):
                cells.append(f)
            else:
                acc = f
        else:
            if acc:
                cells.append(acc)
            cells.append(f)  # an unknown header word; kept so the column count stays right
            acc = ""
    if acc:
        cells.append(acc)
    return cells


def assign_roles(cells: list[str], roles: RoleTable) -> list[str]:
    """Roles of a header's cells, resolved against each other.

    目标任务 is the task when no other column is; of two progress columns the one with the later
    period (1-11月 over 1-10月, else the first) is `progress` and the other `progress_other`.
    """
    return settle_roles([roles.role(c) or "other" for c in cells], cells)


def settle_roles(out: list[str], cells: list[str]) -> list[str]:
    """Resolve a header's roles against each other (see assign_roles)."""
    out = list(out)
    if "task" not in out and "target" in out:
        out[out.index("target")] = "task"
    prog = [i for i, r in enumerate(out) if r == "progress"]
    if len(prog) > 1:
        current = max(prog, key=lambda i: (period_month(cells[i]), -i))
        for i in prog:
            if i != current:
                out[i] = "progress_other"
    return out


def sub_role(parent: str, sub: str, role: str, rt: RoleTable) -> tuple[str, str]:
    """The role of a column under a merged header cell (责任单位 / 牵头, 完成情况 / 一季度)."""
    own = rt.role(sub) or rt.role(parent + sub)
    if own:
        return own, sub
    if role in ("bureau", "co_bureau", "other") and (_LEAD_SUB.match(sub) or _CO_SUB.match(sub)):
        return ("bureau" if _LEAD_SUB.match(sub) else "co_bureau"), parent + sub
    if period_month(sub) and role in ("progress", "status", "other"):
        return "progress", sub + parent
    return role, parent + sub
