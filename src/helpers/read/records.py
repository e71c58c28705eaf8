"""What the reader produces (raw rows, tables, the accounting of every line) and the small
helpers every layout shares: cell tokens, 序号 cells, section headings, orphan lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from helpers.read.bureaus import WHITESPACE, norm

_INT = re.compile(r"^\d{1,4}$")
_SEQ = re.compile(r"^(\d{1,6})\*?$")
_WS = WHITESPACE
#: A section heading at its first two levels: 一、… and （一）…
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）])[^。]{1,60}$")
#: A heading at the third level, 1.财政收支管理: a heading only where a row's bare 序号 follows it.
_THIRD_LEVEL = re.compile(r"^\d{1,2}[.．、][^。，,；;：:\d]{2,20}$")
#: A group heading above a repeated header: a leader's (洪湖鹏市长主抓重点工作) or a 负责事项 list.
_SECTION_COUNT = re.compile(r"[(（]共\s*(\d+)\s*项[)）]")
_PIPES_ONLY = re.compile(r"^\|+$")
#: A pager's leftovers in a copied page (第 1 页 共 2 页, 上一页 下一页): skipped, the table goes on.
PAGER_LINE = re.compile(r"^(?:第\s*\d+\s*页\s*[,，/]?\s*)?共\s*\d+\s*页|^第\s*\d+\s*页$|"
                        r"^(?:首页|上一页|下一页|尾页|末页|跳转|\d{1,3}|[|｜/\s])*(?:上一页|下一页|尾页|末页)")
#: A line below a table that is never a record: a note (注：), who filled it in and how to reach
#: them (填报人 / 审核人 / 联系电话), where it was sent (抄送 / 印发), a dated signature, a pager line.
FOOTER_LINE = re.compile(
    r"^(?:注|说明|附注|备注)\s*\d?\s*[:：]|^(?:填报|填表|制表|审核|审批|签发|联系|报送|抄送|印发|主送)"
    r"(?:人|单位|日期|时间|电话|方式|机关)?\s*(?:[(（][^)）]{0,6}[)）])?\s*[:：]|^联系电话|"
    r"^(?:[\u4e00-\u9fff（）()]{2,30}(?:室|办|局|委|府|组|中心|会)\s*)?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:印发|签发|制)?$")
_PROSE = re.compile(r"[。，,；;：:]")


@dataclass
class RawRow:
    table_no: int
    seq: int
    cells: dict[str, str]  # role → text (progress: paragraphs newline-joined)
    lines: dict[str, list[int]]  # role → source line numbers
    section: str | None = None
    line_start: int = 0
    line_end: int = 0
    is_truncated: bool = False
    parent_seq: str | None = None  # a sub-row without 序号: the 序号 of the row it stands under
    carried: list[str] = field(default_factory=list)  # roles whose cell was carried down from above
    flags: list[str] = field(default_factory=list)  # why the reader doubts this row (Chinese, one line each)


@dataclass
class Table:
    no: int
    kind: str  # quantified | general
    title: str | None
    declared: int | None
    roles: list[str]
    header_lines: list[int]
    rows: list[RawRow] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # role → header cell as printed
    headers: list[str] = field(default_factory=list)  # the header cell of each column, in order


@dataclass
class Parsed:
    """What the parser found: tables of raw rows, and the accounting of every other line."""

    layout: str
    tables: list[Table]
    region: tuple[int, int]  # first and last line of the table region
    chrome_lines: list[dict] = field(default_factory=list)  # {line, text, why}
    unassigned_lines: list[dict] = field(default_factory=list)  # {line, text}
    sections: list[dict] = field(default_factory=list)  # {line, text, declared}
    title_lines: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    shared_lines: list[int] = field(default_factory=list)  # lines holding several rows (one-line tables)


def _tokens(line: str) -> list[str]:
    return [t for t in _WS.split(line.strip()) if t]


def _strip_pipe(s: str) -> str:
    s = s.strip()
    return s[:-1].rstrip() if s.endswith("|") else s


def _short(s: str, limit: int = 24) -> str:
    """norm(s) for a short cell; "" for a long one (prose is never a 序号, header or heading word)."""
    return norm(s) if len(s) <= limit * 2 else ""


def _pipe_cells(line: str) -> list[str]:
    """Cells of a pipe row (`| a | b |` or `a | b |`), the empty edge cells dropped."""
    parts = [p.strip() for p in line.strip().split("|")]
    if parts and not parts[0] and line.strip().startswith("|"):
        parts = parts[1:]
    if parts and not parts[-1]:
        parts = parts[:-1]
    return parts


def _orphan(parsed: Parsed, item: tuple[int, str]) -> None:
    s = norm(item[1])
    if _INT.match(s) and len(s) <= 3:
        parsed.chrome_lines.append({"line": item[0], "text": item[1].strip(), "why": "page number"})
    else:
        parsed.unassigned_lines.append({"line": item[0], "text": item[1].strip()})


def _add_section(parsed: Parsed, table: Table, line: int, text: str) -> None:
    m = _SECTION_COUNT.search(text)
    parsed.sections.append({"line": line, "text": text, "declared": int(m[1]) if m else None,
                            "table": table.no})


def _is_section(items: list[tuple[int, str]], k: int, expected: int, shorts: list[str] | None = None) -> bool:
    s = shorts[k] if shorts else _short(items[k][1], 64)
    if not _heading_text(s) or k + 1 >= len(items):
        return False
    nxt_text = shorts[k + 1] if shorts else _short(items[k + 1][1])
    nxt = _SEQ.match(nxt_text)
    if nxt is None and _heading_text(nxt_text) and k + 2 < len(items):  # a heading over a heading
        return _is_section(items, k + 1, expected, shorts)
    return bool(nxt) and int(nxt[1]) in (1, expected)


def _heading_text(s: str) -> bool:
    """一、… / （一）… / a third level 1.财政收支管理 (short, no sentence), as a heading could be."""
    return bool(_SECTION.match(s) or _THIRD_LEVEL.match(s))


def _row_start_ok(seq: int, expected: int, after_section: bool) -> bool:
    if seq == expected or (after_section and seq == 1):
        return True
    return expected - 1 <= seq <= expected + 5 and seq > 0


def _cell_text(item: tuple[int, str]) -> str:
    return _strip_pipe(item[1])
