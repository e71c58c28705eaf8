"""The progress text cut into sentences and clauses once, each clause with its modality.

One pass per separator set (a regex finditer) gives the spans; every later lookup (which clause,
which sentence holds a position) is a bisect on those spans, so a 20 MB cell costs a few linear
scans, never a rescan per finding. A clause's modality says whether its figures are results:

- done (已, 完成, 实现, or a plainly reported figure: the default);
- forecast (预计, 有望, 预期): never a result — a part resting on it alone is pending, for review;
- intention (力争, 计划, 将于, 拟, 确保): no evidence at all;
- condition (若, 如果, 一旦): no evidence at all;
- problem (a sentence under 存在问题：, 主要困难是 …): the report's own difficulties, no result.

A real report's cell has parts: this period's results, then its problems (存在问题, 困难) and its
next steps (下一步, 下步工作打算, 四季度将). A sentence opened by such a heading is read as that part
(`_set_sections`): a problem's clauses are `problem`, a next step's are `intention`, so a figure,
a completion verb or a wait in them (下一步将开工3个, 积极性有待提高) is no result of this period.

A clause without a marker of its own carries on the forecast, intention or condition of the clause
before it in the same sentence (预计全年增长7%,高于全省0.5个百分点: both are forecast), until a
done marker (已, 完成) or a new sentence starts.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from helpers.judge.lexicon import Lexicon, load_lexicon

SENT_SEPS = "。;;\n|"
CLAUSE_SEPS = ",,;;。\n::|"
FINE_SEPS = CLAUSE_SEPS + "、"
#: modalities whose figures are no results; `past` (another year's) and `part` (a part's completion)
#: are set by helpers.judge.scope
_NOT_RESULT = ("forecast", "intention", "condition", "past", "part", "problem")
_COMPOUND_HEAD = frozenset("接等对期款优招看亟留虐而")
_COMPOUND_WORDS = frozenset({"若干", "待遇", "待岗", "待业", "拟定", "拟订"})
_OPENING = 6  # a marker within this many characters of its clause's start opens the clause
#: a marker used as a noun (年度计划, 预期目标, 计划的) marks nothing
_NOUN_MARKERS = frozenset({"计划", "预期"})  # markers that are also nouns: 年度计划, 既定预期
_NOUN_BEFORE = re.compile(r"(?:年度|全年|投资|资金|原|按|年初|下达|既定|月度|季度|的)$")
_NOUN_AFTER = re.compile(r"(?:的|目标|任务|数|内|外|值|投资|总投资|单列|清单|要求)")


@dataclass
class Clause:
    """A stretch between commas (or 。;) with the sentence it is in and its modality."""

    start: int
    end: int
    sentence: int
    modality: str = "done"
    marker: str | None = None  # the word that set the modality (None: default or carried on)
    marker_pos: int = -1  # where that word starts (-1: none in this clause)
    kinds: set[str] = field(default_factory=set)  # what the finders found in it (verdict, growth …)


#: full-width ASCII forms (，；：（）％０-９) and the ideographic space → their ASCII twins, one
#: character for one, so every offset found in the folded text points into the text as printed
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


#: an ASCII point ending a Chinese sentence (…办理缓慢.存在问题): after a word, before no digit
#: (after a percent sign a point never starts a decimal: 增长40%.1-8月累计… ends the sentence)
_POINT_STOP = re.compile(r"(?<=[\u4e00-\u9fff)”])\.(?!\d)|(?<=%)\.")


def fold_width(text: str) -> str:
    """The text with full-width punctuation and digits as ASCII, and an ASCII point that ends a
    sentence as 。 (same length, same offsets)."""
    return _POINT_STOP.sub("。", text.translate(_WIDTH))


def as_printed(quote: str | None, folded: str, printed: str) -> str | None:
    """A message quoting the folded text, with each quoted stretch (two characters or more) as `printed`
    writes it: the rules read one form of every digit and comma (１０座, 1,790), the reader sees the report's."""
    if not quote or folded == printed:
        return quote
    out, i = [], 0
    while i < len(quote):
        pos, j = folded.find(quote[i:i + 2]), i + 2
        if pos < 0 or j > len(quote):
            out.append(quote[i])
            i += 1
            continue
        # the longest stretch found, extended in place first (a long cell is searched again only on a miss)
        while j < len(quote):
            if not folded.startswith(quote[i:j + 1], pos):
                p = folded.find(quote[i:j + 1], pos + 1)
                if p < 0:
                    break
                pos = p
            j += 1
        out.append(printed[pos:pos + j - i])
        i = j
    return "".join(out)


#: item labels of a list: 1. 2. (sequential, at a sentence start), ①, (3), (一)
_NUMBERED = re.compile(r"(?:^|(?<=[。;;\n\s:]))(?P<n>[1-9]\d?)[.、](?=\S)")
_ALWAYS_LABEL = re.compile(r"[①-⑳]|[(][1-9一二三四五六七八九十][)]")


def mask_item_labels(text: str) -> str:
    """The text with its list labels blanked (same length): in 1.持续开展…;2.45座公厕… the 2. is a
    label, so 45座 is the figure, not 2.45座. A number followed by a point is a label only where the
    labels run in sequence (1. then 2.), so a decimal at a sentence start stays a number."""
    out = list(text)
    seen: set[int] = set()
    hits = [(m, int(m["n"])) for m in _NUMBERED.finditer(text)]
    numbers = {n for _, n in hits}
    for m, n in hits:
        if (n == 1 and 2 in numbers) or (n - 1) in seen:
            seen.add(n)
            out[m.start():m.end()] = " " * (m.end() - m.start())
    for m in _ALWAYS_LABEL.finditer(text):
        out[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(out)


_SEP_RX: dict[str, re.Pattern] = {}


def _spans(text: str, seps: str) -> list[tuple[int, int]]:
    """Spans between separators, in one scan; empty pieces are skipped."""
    # a thousands separator (1,020人: a comma between a digit and three digits) cuts nothing
    rx = _SEP_RX.get(seps) or _SEP_RX.setdefault(seps, re.compile(
        "[" + re.escape(seps.replace(",", "")) + "]" + (r"|,(?!(?<=\d,)\d{3}(?![\d.]))" if "," in seps else "")))
    out, pos = [], 0
    for m in rx.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


class Layout:
    """Sentences, clauses and fine clauses (also cut at 、) of one text, with bisect lookups."""

    def __init__(self, text: str, lexicon: Lexicon | None = None):
        self.text = text
        self.sents = _spans(text, SENT_SEPS)
        self._sent_starts = [a for a, _ in self.sents]
        spans = _spans(text, CLAUSE_SEPS)
        self.clauses = [Clause(a, b, self.sentence_of(a)) for a, b in spans]
        self._clause_starts = [a for a, _ in spans]
        self._clause_ends = [b for _, b in spans]
        fine = _spans(text, FINE_SEPS)
        self._fine_starts = [a for a, _ in fine]
        self._fine_ends = [b for _, b in fine]
        self._marks: dict[str, list[int]] = {}  # last_of's positions, per set of characters
        _set_modality(self, lexicon or load_lexicon())
        _set_sections(self)

    def sentence_of(self, pos: int) -> int:
        """Index of the sentence holding pos (0 when the text has none)."""
        return max(0, bisect_right(self._sent_starts, pos) - 1)

    def sentence_span(self, i: int) -> tuple[int, int]:
        """Span of sentence i (the whole text when it has none)."""
        return self.sents[i] if self.sents else (0, len(self.text))

    def sentence_start(self, i: int) -> int:
        """Where sentence i starts (0 when the text has none)."""
        return self.sentence_span(i)[0]

    def sentence_text(self, i: int) -> str:
        if not self.sents:
            return ""
        a, b = self.sents[i]
        return self.text[a:b]

    def last_of(self, chars: str, pos: int) -> int:
        """Where the last of `chars` before pos is (-1: none), as max(text.rfind(c, 0, pos) for c in chars)
        says, by bisection: an rfind per figure of a character the cell lacks (；, folded to ;) scanned all
        the text before it, which made judging a long cell quadratic."""
        at = self._marks.get(chars)
        if at is None:
            at = self._marks[chars] = [m.start() for m in re.finditer(f"[{re.escape(chars)}]", self.text)]
        i = bisect_left(at, pos)
        return at[i - 1] if i else -1

    def clause_index(self, pos: int) -> int:
        return max(0, bisect_right(self._clause_starts, pos) - 1)

    def clause_of(self, pos: int) -> Clause | None:
        return self.clauses[self.clause_index(pos)] if self.clauses else None

    def around(self, start: int, end: int, fine: bool = False) -> tuple[int, int]:
        """Span of the clause holding text[start:end]: from the separator before start to the one after end."""
        starts, ends = (self._fine_starts, self._fine_ends) if fine else (self._clause_starts, self._clause_ends)
        if not starts:
            return start, end
        i = max(0, bisect_right(starts, start) - 1)
        a = starts[i] if starts[i] <= start else 0
        j = max(0, bisect_right(starts, max(start, end - 1)) - 1)
        b = max(ends[j], end)
        return min(a, start), b

    def clause_before(self, start: int, end: int, fine: bool = False) -> str:
        """The words of the clause holding text[start:end] before it (those of its fine clause, cut at 、 too)."""
        return self.text[self.around(start, end, fine)[0]:start]

    def modality_at(self, pos: int) -> str:
        """The modality governing a word at pos: its clause's, unless the marker comes after it
        (55个拟竣工项目: the 55 projects exist; 拟 only describes them)."""
        c = self.clause_of(pos)
        if c is None or (c.marker_pos > pos and c.modality != "done"):
            return "done"
        return c.modality


@lru_cache(maxsize=4)
def _marker_rx(lexicon: Lexicon) -> re.Pattern:
    return re.compile("|".join(f"(?P<{m}>{lexicon.alternation('modality', m)})"
                               for m in ("forecast", "intention", "condition", "done")))


#: 争取 after a word of what was obtained, or of a span of this period already past (上半年争取…资金9800万元,
#: 1-6月争取, 今年以来争取, 截至9月底争取): a result; 下半年争取, 全年争取 and 争取年内… remain an intention
_OBTAINED = re.compile(r"(?:已|共|累计|成功|共计|先后|上半年|前三季度|[一1]季度|\d{1,2}\s*[-—~至]\s*\d{1,2}月(?:份)?"
                       r"|以来|截至[^,，;；。]{0,6}?(?:底|末|日))$")
#: the word of a breakdown (其中…): what follows it in its sentence are parts of the figure before it
BREAKDOWN = re.compile(r"其中")
#: a breakdown opens here
OPENS_BREAKDOWN = re.compile(rf"\s*{BREAKDOWN.pattern}")
_FRESH = re.compile(r"\s*(?:目前|截至|截止|当前|现已|实际)")


def _set_modality(layout: Layout, lexicon: Lexicon) -> None:
    """Mark each clause's modality from the markers in it; unmarked clauses carry the one before on."""
    text = layout.text
    own: dict[int, tuple[str, str]] = {}
    for m in _marker_rx(lexicon).finditer(text):
        mod = m.lastgroup
        if mod != "done" and ((m.group() in _NOUN_MARKERS and _NOUN_BEFORE.search(text, max(0, m.start() - 2),
                                                                                  m.start()))
                              or _NOUN_AFTER.match(text, m.end())):
            continue
        if len(m.group()) == 1 and m.start() > 0 and text[m.start() - 1] in _COMPOUND_HEAD:
            continue  # 接待, 等待, 期待: a one-character marker inside a word
        if text[m.start():m.end() + 1] in _COMPOUND_WORDS:
            continue  # 若干措施, 待遇, 拟定: the marker starts another word
        if m.group() == "争取" and (_OBTAINED.search(text, max(0, m.start() - 12), m.start())
                                  or text.startswith("到", m.end())):
            continue  # 全年共争取…6.3亿元, 争取到位…6500万元: obtained, a result (争取完成 is an intention)
        i = layout.clause_index(m.start())
        # the first marker of a clause decides it (力争…完成 is an intention, 已…预计 rare)
        own.setdefault(i, (mod, m.group(), m.start()))
    prev: Clause | None = None
    carry = False
    for i, c in enumerate(layout.clauses):
        if prev is not None and prev.sentence == c.sentence and prev.modality in ("intention", "forecast") \
                and OPENS_BREAKDOWN.match(text, c.start):
            # 计划新建1200个，其中上半年完成600个: the breakdown of a plan is the plan's, whatever its verb
            c.modality, carry = prev.modality, True
        elif _FRESH.match(text, c.start):
            carry = False  # 目前完工3个 after 年内计划…: a report of the present ends the plan's carry
            if i in own:
                c.modality, c.marker, c.marker_pos = own[i]
        elif i in own:
            c.modality, c.marker, pos = own[i]
            c.marker_pos = pos
            # only a marker that opens its clause (计划新建…, 预计全年…) governs the clauses after it;
            # 55个拟竣工项目 uses 拟 as an adjective
            carry = c.modality in _NOT_RESULT and pos - c.start <= _OPENING
        elif carry and prev is not None and prev.sentence == c.sentence:
            c.modality = prev.modality
        else:
            carry = False
        prev = c


#: a heading opening a sentence of the report's problems: 存在问题：, 目前存在的问题是, 困难和问题：,
#: 主要困难是, 问题：
_PROBLEM_HEAD = re.compile(r"\s*(?:目前|当前|主要|工作中)?(?:存在|面临|遇到)?(?:的)?(?:主要)?(?:问题|困难|短板|不足)"
                           r"(?:[和与及、](?:问题|困难|不足|短板))?(?:是|有|主要是|主要有|[:\uff1a])")
#: a heading opening a sentence of next steps: 下一步将…, 下步工作打算：, 下阶段, 四季度将, 后期将
_NEXT_HEAD = re.compile(r"\s*(?:下一步|下步|下阶段|下一阶段|(?:下半年|[一二三四]季度|今后|后期|年底前)(?=将|要|[:\uff1a]))")


def _set_sections(layout: Layout) -> None:
    """Read each sentence opened by a problem or next-step heading as that part of the cell: its
    clauses are `problem` or `intention`, whatever marker they hold (有待提高 is no condition)."""
    text = layout.text
    for c in layout.clauses:
        a = layout.sentence_start(c.sentence)
        if _NEXT_HEAD.match(text, a):
            mod = "intention"
        elif _PROBLEM_HEAD.match(text, a):
            mod = "problem"
        else:
            continue
        c.modality, c.marker, c.marker_pos = mod, None, -1


def is_result(modality: str) -> bool:
    """Figures of a done clause are results; forecasts, intentions and conditions are not."""
    return modality not in _NOT_RESULT
