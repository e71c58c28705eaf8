"""Where a table starts: a header row found by its words (data/reference/column_roles.csv), in any
order, a cell per line, on one line, or between pipes; and the title lines above it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.read.bureaus import norm
from helpers.read.records import _INT, _SEQ, _pipe_cells, _short, _strip_pipe, _tokens
from helpers.read.roles import RoleTable, assign_roles, merge_fragments, settle_roles, sub_role

_GROUP = re.compile(r"^[^。，,；;]{2,30}(?:主抓|负责|分管|牵头)[^。，,；;]{0,12}(?:工作|事项|任务)(?:[(（]共\s*\d+\s*项[)）])?$")
_TITLE_COUNT = re.compile(r"(\d+)\s*项")
_TITLE = re.compile(r"^附件\s*\d*$|汇总表|清单|情况表|一览表|进度表|统计表|推进表|[(（][^()（）]*\d+\s*项[)）]|"
                    r"^\d{4}年[^。，,；;：:]{2,40}(?:情况|进展)$")  # a title naming the year: 2025年上半年…完成情况


@dataclass
class _Header:
    line_start: int  # index into doc.lines (0-based)
    line_end: int  # index of the last header line
    cells: list[str]
    roles: list[str]
    layout: str
    token_end: int = 0  # oneline: index of the first body token on the last header line


def _is_header(cells: list[str], roles: list[str]) -> bool:
    """序号, a task column and a progress, status, unit or rate column; without 序号 (items numbered
    in the task cell) the task, a progress and a unit or status column."""
    known = set(roles) - {"other"}
    if "seq" not in known:
        return "task" in known and "progress" in known and bool({"bureau", "status"} & known)
    return "task" in known and len(known) >= 3 and bool({"progress", "status", "bureau", "rate"} & known)


def _find_headers(lines: list[str], rt: RoleTable) -> list[_Header]:
    headers: list[_Header] = []
    i, n = 0, len(lines)
    while i < n:
        raw = lines[i]
        s = _short(_strip_pipe(raw), 30) or ("…" if raw.strip() else "")
        h: _Header | None = None
        if s and raw.count("|") >= 2 and len(_pipe_cells(raw)) >= 3:
            h = _pipe_header(lines, i, rt)
        elif s and (rt.role(s) or rt.is_prefix(s)):
            h = _cell_header(lines, i, rt)
        elif s:
            h = _token_header(lines, i, rt)
        if h and _is_header(h.cells, h.roles):
            headers.append(h)
            i = h.line_end + 1
        else:
            i += 1
    return headers


_DELIMITER = re.compile(r"^[\s|:：\-—=+]*$")


def _pipe_header(lines: list[str], i: int, rt: RoleTable) -> _Header:
    """A pipe header, or a two-level one: a second pipe row (after a |---| line or not) naming the
    columns under a parent cell that spans the empty cells to its right (责任单位 | | over 牵头 | 配合)."""
    top = _pipe_cells(lines[i])
    j = i + 1
    while j < len(lines) and lines[j].strip() and _DELIMITER.match(lines[j]):
        j += 1
    sub = _pipe_cells(lines[j]) if j < len(lines) and lines[j].count("|") >= 2 else []
    spans = any(not t.strip() for t in top[1:])
    if len(sub) == len(top) and spans and all(len(norm(t)) <= 12 and not _SEQ.match(norm(t)) for t in sub) \
            and any(norm(t) for t in sub):
        heads = [norm(t) for t in top]
        for k in range(1, len(heads)):
            heads[k] = heads[k] or heads[k - 1]  # a parent spans the empty cells to its right
        roles = [(rt.role(h) or "other") if h else "other" for h in heads]
        for k, t in enumerate(sub):
            if norm(t) and norm(t) != heads[k]:
                roles[k], heads[k] = sub_role(heads[k], norm(t), roles[k], rt)
        return _Header(i, j, heads, settle_roles(roles, heads), "pipe")
    cells = merge_fragments(top, rt)
    return _Header(i, i, cells, assign_roles(cells, rt), "pipe")


def _cell_header(lines: list[str], i: int, rt: RoleTable) -> _Header | None:
    """A header with a cell per line (序号 / 重点工作 / 牵头责任 / 单位 / …)."""
    frags: list[str] = []
    j, last = i, i
    while j < len(lines) and len(frags) < 24:
        s = norm(_strip_pipe(lines[j]))
        if not s:
            j += 1
            continue
        pending = bool(frags) and rt.is_prefix(frags[-1]) and bool(rt.role(frags[-1] + s))
        bracket = s.startswith(("(", "（")) and len(s) <= 8 and bool(frags)
        if not (rt.role(s) or rt.is_prefix(s) or pending or bracket or _inner_cell(lines, j, frags, rt)):
            break
        frags.append(s)
        last = j
        j += 1
    cells = merge_fragments(frags, rt)
    return _Header(i, last, cells, assign_roles(cells, rt), "cells")


#: A header cell no word names: short, no sentence, no figure (计划投资, 总投资).
_UNNAMED_CELL = re.compile(r"^[\u4e00-\u9fff]{2,8}$")


def _inner_cell(lines: list[str], j: int, frags: list[str], rt: RoleTable) -> bool:
    """Is line j a header cell no word names, between named ones (序号 … 计划投资 / （亿元） / 进展):
    short, after at least two header cells, and a header word among the next two cells?"""
    if len(frags) < 2 or not _UNNAMED_CELL.match(norm(lines[j])):
        return False
    ahead = [norm(_strip_pipe(x)) for x in lines[j + 1: j + 8] if norm(x)][:2]
    return any(rt.role(a) and not _SEQ.match(a) for a in ahead) or \
        (len(ahead) == 2 and ahead[0].startswith(("(", "（")) and bool(rt.role(ahead[1])))


def _token_header(lines: list[str], i: int, rt: RoleTable) -> _Header | None:
    """A header on one line, cells separated by spaces; the table may go on on the same line."""
    if not any(w in lines[i] for w in rt.seq_words):
        return None
    tokens = _tokens(lines[i])
    start = next((k for k, t in enumerate(tokens) if rt.role(t) == "seq"), None)
    if start is None:
        return None
    k = start
    while k < len(tokens) and (rt.role(tokens[k]) or rt.is_prefix(tokens[k])
                               or (tokens[k].startswith(("(", "（")) and len(tokens[k]) <= 8)
                               or (k - start >= 2 and _UNNAMED_CELL.match(tokens[k])
                                   and any(rt.role(t) for t in tokens[k + 1: k + 3]))):
        k += 1
    head = tokens[start:k]
    if k < len(tokens):  # the body follows on the same line
        cells = merge_fragments(head, rt)
        return _Header(i, i, cells, assign_roles(cells, rt), "oneline", token_end=k)
    last = i
    # Header cells broken over two lines: the second line holds only the tails (单位, (全年)).
    j = i + 1
    while j < len(lines) and not norm(lines[j]):
        j += 1
    if j < len(lines):
        nxt = _tokens(lines[j])
        if nxt and not _SEQ.match(nxt[0]) and all(len(t) <= 6 for t in nxt):
            pending = [p for p, t in enumerate(head) if not rt.role(t)]
            for t in nxt:
                if t.startswith(("(", "（")):
                    p = next((p for p, tk in enumerate(head) if rt.role(tk) == "progress"), None)
                    if p is not None:
                        head[p] += t
                        continue
                if pending:
                    head[pending.pop(0)] += t
            last = j
    cells = merge_fragments(head, rt)
    return _Header(i, last, cells, assign_roles(cells, rt), "lines")


def _table_meta(title: str | None) -> tuple[str, int | None]:
    if not title:
        return "general", None
    kind = "quantified" if "量化" in title else "general"
    counts = _TITLE_COUNT.findall(title)
    return kind, int(counts[-1]) if counts else None


def _is_title(s: str) -> bool:
    return bool(_TITLE.search(s)) and "。" not in s and len(s) <= 80


def _preamble(lines: list[str], h: _Header, floor: int) -> tuple[list[int], list[int], str | None, list[int]]:
    """Title lines, page numbers and group headings just above a header (at most 4 non-blank lines)."""
    titles: list[int] = []
    pages: list[int] = []
    groups: list[int] = []
    k, seen = h.line_start - 1, 0
    while k >= floor and seen < 4:
        s = norm(lines[k])
        if not s:
            k -= 1
            continue
        seen += 1
        if _is_title(s):
            titles.append(k)
        elif _GROUP.match(s) and not titles and not groups:
            groups.append(k)
        elif _INT.match(s) and len(s) <= 3 and (titles or seen <= 2):
            pages.append(k)
        else:
            break
        k -= 1
    titles.sort()
    title = "".join(norm(lines[t]) for t in titles if not re.match(r"^附件\s*\d*$", norm(lines[t])))
    return titles, pages, title or None, groups
