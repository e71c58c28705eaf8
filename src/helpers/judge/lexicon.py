"""The wordings the judge knows, read from data/reference/lexicon.csv (a researcher edits the file).

Each row is `kind,phrase,meaning,example,note`: a literal phrase (no pattern syntax), what it means
for its kind, and an example sentence that must contain the phrase (so every wording is shown in
use). The grammar around the words (a number after 增长, a pace word after 未达到) stays in code;
the words themselves live here, so a new report's wording is one line in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from helpers import paths
from helpers.errors import ReferenceError_
from helpers.messages import say
from helpers.reference_csv import file_version, read_reference, reference_error
from helpers.statuses import DECIDED, OFFICIAL_KIND, OFFICIAL_MEANINGS

HEADER = ("kind", "phrase", "meaning", "example", "note")
#: kind → the meanings it allows (None: a number is expected)
KINDS: dict[str, tuple[str, ...] | None] = {
    "pace": ("pace",),                      # words for the time pace: 序时进度, 时间过半、任务过半
    "pace_behind": ("behind",),             # before a pace word: 未达到, 慢于
    "pace_ahead": ("ahead",),               # before a pace word: 超, 快于
    "pace_on": ("on_pace",),                # before a pace word: 达到, 实现
    "verdict": DECIDED,                     # whole phrases: 已提前完成年度目标, 叫停, 数据待反馈
    "half": None,                           # 完成全年任务过半: at least this share of the target
    "growth_up": ("up",),                   # before a rate: 增长, 增速达, 同比增加
    "growth_down": ("down",),               # before a rate: 下降, 同比降低
    "comparison_up": ("higher",),           # 高于, 高出 (全省 …)
    "comparison_down": ("lower",),          # 低于 (全省 …)
    "comparison_base": ("province", "nation", "city", "last_year"),
    # 开工 / 竣工, 建成, 通车 / 印发, 出台 / 举办, 召开 / 获批 / 签约 (a signing: no start of works)
    # (封顶, 结顶: the frame topped out — a stage of a 建成 task, the deliverable of a 主体封顶 task)
    "deliverable": ("start", "finish", "issue", "hold", "approve", "sign", "top"),
    "signal": ("done", "use"),              # completion verbs, putting to use: what a rule must have read (judge.signals)
    "modality": ("done", "forecast", "intention", "condition"),
    # a status cell as an office prints it (完成状态: 已完成, 是否达序: 否): read by helpers.statuses
    OFFICIAL_KIND: OFFICIAL_MEANINGS,
}


@dataclass(frozen=True)
class Entry:
    kind: str
    phrase: str
    meaning: str
    example: str
    line: int


@dataclass(frozen=True, eq=False)  # identity hash: the regexes built from it are cached per loaded file
class Lexicon:
    entries: tuple[Entry, ...]
    path: str

    def phrases(self, kind: str, meaning: str | None = None) -> list[str]:
        """Phrases of a kind (and meaning), longest first so 增速达 wins over 增速."""
        got = {e.phrase for e in self.entries if e.kind == kind and (meaning is None or e.meaning == meaning)}
        return sorted(got, key=lambda p: (-len(p), p))

    @lru_cache(maxsize=256)
    def alternation(self, kind: str, meaning: str | None = None) -> str:
        """A regex alternation of the phrases (escaped), longest first; never empty."""
        ps = self.phrases(kind, meaning)
        return "|".join(re.escape(p) for p in ps) if ps else "(?!)"

    @lru_cache(maxsize=64)
    def meaning_of(self, kind: str) -> dict[str, str]:
        """phrase → meaning for one kind."""
        return {e.phrase: e.meaning for e in self.entries if e.kind == kind}


def _check(row: dict, where: str) -> Entry:
    kind, phrase = (row.get("kind") or "").strip(), (row.get("phrase") or "").strip()
    meaning, example = (row.get("meaning") or "").strip(), (row.get("example") or "").strip()
    if kind not in KINDS:
        raise ReferenceError_(f"{where}: " + say("lexicon.unknown_kind", kind=kind, kinds="、".join(KINDS)))
    if not phrase:
        raise ReferenceError_(f"{where}: " + say("lexicon.empty_phrase"))
    allowed = KINDS[kind]
    if allowed is None:
        try:
            if not 0 < float(meaning) <= 1:
                raise ValueError
        except ValueError:
            raise ReferenceError_(f"{where}: " + say("lexicon.not_share", kind=kind, meaning=meaning)) from None
    elif meaning not in allowed:
        raise ReferenceError_(f"{where}: " + say("lexicon.meaning", kind=kind, meaning=meaning, allowed="、".join(allowed)))
    if phrase not in example:
        raise ReferenceError_(f"{where}: " + say("lexicon.example", example=example, phrase=phrase))
    return Entry(kind, phrase, meaning, example, int(where.rsplit(":", 1)[1]))


def load_lexicon(path: Path | str = paths.LEXICON_CSV) -> Lexicon:
    """Read and check the lexicon; a bad row is a one-line error naming the file and line."""
    return _load(*file_version(path, say("lexicon.holds")))


@lru_cache(maxsize=8)
def _load(path: str, _mtime: int, _size: int) -> Lexicon:
    entries: list[Entry] = []
    seen: dict[tuple[str, str], int] = {}
    table = read_reference(path, HEADER[:4])
    if tuple(table.header)[:4] != HEADER[:4]:
        raise reference_error(path, say("ref.header", header=",".join(HEADER)), 1)
    for n, row in table.rows:
        e = _check(row, f"{path}:{n}")
        key = (e.kind, e.phrase)
        if key in seen:
            raise reference_error(path, say("lexicon.twice", kind=e.kind, phrase=e.phrase, line=seen[key]), n)
        seen[key] = n
        entries.append(e)
    _check_classes(path, entries)
    return Lexicon(tuple(entries), path)


#: Classes a lexicon may leave empty: `ahead` is said with a pace word (超序时进度: pace_ahead +
#: pace), never as a whole verdict phrase.
MAY_BE_EMPTY = {("verdict", "ahead")}


def _check_classes(path: str, entries: list[Entry]) -> None:
    """Refuse a lexicon missing a whole class of wordings (kind and meaning): without the
    `verdict … blocked` rows, say, 叫停 reads as nothing and the judge goes wrong with exit 0."""
    have = {(e.kind, e.meaning) for e in entries}
    lines = {e.kind: e.line for e in reversed(entries)}  # where the kind's rows start
    for kind, meanings in KINDS.items():
        for m in meanings or (None,):  # a kind whose meaning is a number needs one row of any share
            if (kind, m) in MAY_BE_EMPTY or any(k == kind and m in (None, mm) for k, mm in have):
                continue
            what = f"kind={kind}、meaning={m}" if m else f"kind={kind}"
            raise reference_error(path, say("lexicon.empty_class", what=what), lines.get(kind, 1))
