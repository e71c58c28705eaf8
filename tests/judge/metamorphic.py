"""Metamorphic relations of the judge: rewritings of a labelled case that must not change its judgement.

Each transformation is a small function from a case (the keys of tests/judge_set.py) to the rewritten
case, or None where it does not apply (no comma to swap, no 亿元 figure …). The *invariant* ones change
only the surface — punctuation habits, how a number is written, an office sentence that says nothing
about the task, the order of the cell's sentences, how the period's end is named — so the judged
status must stay, and a judgement flagged for review must not become confident. The *predictable* one
(`pace_shift`) moves a ratio case to another period, so the same completion share falls in another band
of the pace rule: the status must follow the band.

`scripts/metamorphic_judge.py` prints how many variants keep their judgement, per transformation;
tests/judge/test_metamorphic.py holds the relations on the labelled sets.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from helpers.judge.evaluate import Outcome, judge_case
from helpers.period import parse_code
from helpers.statuses import DEFAULT_AHEAD_MARGIN

Case = dict
Transform = Callable[[Case], "Case | None"]

#: office sentences that say nothing about any task's status: no figure, no status word, no period
NEUTRAL = (
    "市政府主要负责同志专题听取工作汇报，提出明确要求。",
    "分管市领导带队赴现场调研督导。",
    "通过报纸、电视、新媒体等渠道开展政策宣传，营造良好社会氛围。",
    "牵头单位建立周调度、月通报工作机制，压实各方责任。",
    "召开专题推进会，研究部署相关工作。",
)
#: words that make a sentence bear on a status: a sentence holding one is never moved as neutral
_BEARING = re.compile(r"[0-9０-９%％一二三四五六七八九十百千万亿两]|完成|建成|开工|竣工|实现|达到|达序|序时|滞后|"
                      r"过半|暂停|叫停|取消|延期|推迟|暂缓|待|预计|计划|将|拟|力争|争取|已|未|尚|正在|剩余|其余|"
                      r"存在问题|下一步|下步|困难|问题|投用|运行|上线|开业|印发|出台|举办|验收|批复|公布")
_PROBLEM_OR_NEXT = re.compile(r"^(?:存在问题|存在的问题|主要问题|问题|困难|主要困难|困难和问题|下一步|下步|下阶段|"
                              r"下一阶段)")
_TABLE = "|"  # a numeric table's `value | rate` cell: not a sentence to reorder or extend
_FULL_DIGITS = str.maketrans("0123456789%", "０１２３４５６７８９％")
_HALF_DIGITS = str.maketrans("０１２３４５６７８９％", "0123456789%")
_CN_TENS = "一二三四五六七八九"


def _progress(case: Case, text: str) -> Case | None:
    """The case with its progress replaced, or None when nothing changed (the relation does not apply)."""
    if text == (case.get("progress") or ""):
        return None
    return {**case, "progress": text}


def _sub(pattern: str, repl, case: Case) -> Case | None:
    return _progress(case, re.sub(pattern, repl, case.get("progress") or ""))


# --- punctuation habits -------------------------------------------------------------------------
def comma_half(case: Case) -> Case | None:
    """，→ , (a half-width comma as many offices type it)."""
    return _sub("，", ",", case)


def comma_full(case: Case) -> Case | None:
    """, → ， outside numbers (1,234 keeps its separator)."""
    return _sub(r"(?<![0-9]),|,(?![0-9])", "，", case)


def semicolon_half(case: Case) -> Case | None:
    """；→ ;"""
    return _sub("；", ";", case)


def semicolon_full(case: Case) -> Case | None:
    """; → ；"""
    return _sub(";", "；", case)


def stop_to_semicolon(case: Case) -> Case | None:
    """。 between two sentences → ； (the sentences become clauses of one)."""
    return _sub(r"。(?=\S)", "；", case)


def semicolon_to_stop(case: Case) -> Case | None:
    """；/; between clauses → 。 (the clauses become sentences)."""
    return _sub(r"[；;](?=\S)", "。", case)


def digits_full(case: Case) -> Case | None:
    """Half-width digits and % → full-width (０-９, ％)."""
    return _progress(case, (case.get("progress") or "").translate(_FULL_DIGITS))


def digits_half(case: Case) -> Case | None:
    """Full-width digits and ％ → half-width."""
    return _progress(case, (case.get("progress") or "").translate(_HALF_DIGITS))


# --- number writing -----------------------------------------------------------------------------
def _group(m: re.Match) -> str:
    return f"{int(m[1]):,}"


def thousands_add(case: Case) -> Case | None:
    """1234 → 1,234 (an integer of five or more digits, or four that is no year; never a date or a code)."""
    return _sub(r"(?<![0-9.,〔\[（(第-])((?!(?:19|20)\d\d(?![0-9]))[0-9]{4,})(?![0-9.,年号〕\]）)])", _group, case)


def thousands_drop(case: Case) -> Case | None:
    """1,234 → 1234."""
    return _sub(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))", "", case)


def _dec(s: str) -> str:
    return format(Decimal(s).normalize(), "f")


def yi_to_wan(case: Case) -> Case | None:
    """12.5亿元 → 125000万元 (the same amount; the judge converts units); a class of projects (10亿元以上) stays."""
    return _sub(r"(?<![0-9.])([0-9]+(?:\.[0-9]+)?)亿元(?!以上|以下)", lambda m: f"{_dec(str(Decimal(m[1]) * 10000))}万元", case)


def wan_to_yi(case: Case) -> Case | None:
    """125000万元 → 12.5亿元 (only amounts of at least 1亿元, as an office writes them)."""
    def repl(m: re.Match) -> str:
        v = Decimal(m[1])
        return f"{_dec(str(v / 10000))}亿元" if v >= 10000 else m[0]
    return _sub(r"(?<![0-9.])([0-9]+(?:\.[0-9]+)?)万元", repl, case)


def percent_to_cheng(case: Case) -> Case | None:
    """A whole tenth said as a percentage → 成 (50% → 五成), not a growth rate (增长50% stays)."""
    return _sub(r"(?<![0-9.增长降低升提高幅速为])([1-9])0(?:%|％)", lambda m: f"{_CN_TENS[int(m[1]) - 1]}成", case)


def cheng_to_percent(case: Case) -> Case | None:
    """五成 → 50% (a bare 成, not 近七成 / 六成多, which are no exact figure)."""
    return _sub(r"(?<![近约超逾])([一二三四五六七八九])成(?![多余左以上半一二三四五六七八九])", lambda m: f"{_CN_TENS.index(m[1]) + 1}0%", case)


# --- an irrelevant sentence ---------------------------------------------------------------------
def _neutral(case: Case, salt: str) -> str:
    return NEUTRAL[zlib.crc32((str(case.get("case_id")) + salt).encode()) % len(NEUTRAL)]


def neutral_start(case: Case) -> Case | None:
    """A status-neutral office sentence before the cell."""
    p = case.get("progress") or ""
    return None if _TABLE in p or not p else _progress(case, _neutral(case, "start") + p)


def neutral_end(case: Case) -> Case | None:
    """A status-neutral office sentence after the cell."""
    p = (case.get("progress") or "").rstrip()
    if _TABLE in p or not p:
        return None
    return _progress(case, p + ("" if p.endswith(("。", "；", "！")) else "。") + _neutral(case, "end"))


# --- sentence order -----------------------------------------------------------------------------
def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？])", text) if s.strip()]


def trailing_first(case: Case) -> Case | None:
    """The trailing 存在问题 / 下一步 sentences moved to the front of the cell."""
    p = case.get("progress") or ""
    ss = _sentences(p)
    if _TABLE in p or len(ss) < 2 or not ss[-1].endswith("。"):
        return None
    k = len(ss)
    while k > 1 and _PROBLEM_OR_NEXT.match(ss[k - 1].strip()):
        k -= 1
    if k == len(ss):
        return None
    return _progress(case, "".join(ss[k:] + ss[:k]))


def neutral_last(case: Case) -> Case | None:
    """A leading sentence that bears on nothing (no figure, no status word) moved after the others."""
    p = case.get("progress") or ""
    ss = _sentences(p)
    if _TABLE in p or len(ss) < 2 or not ss[-1].endswith("。") or _BEARING.search(ss[0]):
        return None
    return _progress(case, "".join(ss[1:] + ss[:1]))


# --- date stems ---------------------------------------------------------------------------------
def _stems(month: int) -> tuple[str, str, str]:
    return (f"截至{month}月底", f"截至{month}月末", f"1-{month}月")


def _stem_pattern(month: int) -> str:
    return rf"截[至止]{month}月(?:底|末)(?:份)?|(?<![0-9])1\s*[-—～~至–]\s*{month}月(?:份)?(?!\d)"


def _date_stem(case: Case, to: int) -> Case | None:
    period = parse_code(case["period"])
    target = _stems(period.end_month)[to]
    return _sub(_stem_pattern(period.end_month), lambda m: target if m[0] != target else m[0], case)


def stem_month_end(case: Case) -> Case | None:
    """截至6月末 / 1-6月 → 截至6月底 (the period's own month)."""
    return _date_stem(case, 0)


def stem_month_close(case: Case) -> Case | None:
    """截至6月底 / 1-6月 → 截至6月末."""
    return _date_stem(case, 1)


def stem_span(case: Case) -> Case | None:
    """截至6月底 / 截至6月末 → 1-6月."""
    return _date_stem(case, 2)


_CN_MONTH = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


def stem_chinese(case: Case) -> Case | None:
    """1-6月 → 一至六月 (the span in Chinese numerals)."""
    month = parse_code(case["period"]).end_month
    return _sub(rf"(?<![0-9])1\s*[-—～~至–]\s*{month}月(?!\d)", f"一至{_CN_MONTH[month - 1]}月", case)


def stem_separator(case: Case) -> Case | None:
    """1-6月 → 1至6月, 1—6月 → 1至6月 (another sign between the months)."""
    month = parse_code(case["period"]).end_month
    return _sub(rf"(?<![0-9])1\s*[-—～~–]\s*{month}月(?!\d)", f"1至{month}月", case)


INVARIANT: dict[str, Transform] = {
    "comma_half": comma_half, "comma_full": comma_full, "semicolon_half": semicolon_half,
    "semicolon_full": semicolon_full, "stop_to_semicolon": stop_to_semicolon,
    "semicolon_to_stop": semicolon_to_stop, "digits_full": digits_full, "digits_half": digits_half,
    "thousands_add": thousands_add, "thousands_drop": thousands_drop, "yi_to_wan": yi_to_wan,
    "wan_to_yi": wan_to_yi, "percent_to_cheng": percent_to_cheng, "cheng_to_percent": cheng_to_percent,
    "neutral_start": neutral_start, "neutral_end": neutral_end, "trailing_first": trailing_first,
    "neutral_last": neutral_last, "stem_month_end": stem_month_end, "stem_month_close": stem_month_close,
    "stem_span": stem_span, "stem_chinese": stem_chinese, "stem_separator": stem_separator,
}


# --- the predictable change: the same share in another band of the pace rule ----------------------
_PERIOD_WORDS = {3: ("一季度", "1-3月", "3月底", "3月末"), 6: ("上半年", "1-6月", "6月底", "6月末"),
                 9: ("前三季度", "1-9月", "9月底", "9月末")}
_CODES = {3: "Q1", 6: "H1", 9: "Q3"}


def band(pct: float, pace: float, margin: float = DEFAULT_AHEAD_MARGIN) -> str:
    """The pace rule's status of a completion share (DOMAIN.md)."""
    if pct >= 1:
        return "completed"
    if pct >= pace + margin - 1e-9:
        return "ahead"
    return "on_pace" if pct >= pace - 1e-9 else "behind"


def pace_shift(case: Case) -> Case | None:
    """A ratio case moved to the quarter whose pace puts its labelled share in another band: the
    period code and the period's words of the progress (上半年 → 前三季度, 1-6月 → 1-9月 …) change
    together; the expected status is the band's. None for a case the move would not carry cleanly."""
    pct = case.get("completion_pct")
    p = case.get("progress") or ""
    period = parse_code(case["period"])
    if (pct is None or case.get("kind") != "ratio" or period.end_month not in _PERIOD_WORDS or case.get("official_status")
            or case["status"] != band(pct, period.end_month / 12) or re.search(r"序时|过半|季度|[0-9]+月", case["task"])
            or re.search(r"序时|过半|时间|进度|下半年|[一二三四]季度(?!末)|年底|年末|全年", p.replace(_PERIOD_WORDS[period.end_month][0], ""))):
        return None
    for month in (9, 3, 6):
        if month != period.end_month and band(pct, month / 12) != case["status"]:
            break
    else:
        return None
    text = p
    for old, new in zip(_PERIOD_WORDS[period.end_month], _PERIOD_WORDS[month]):
        text = text.replace(old, new)
    if re.search(rf"(?<![0-9]){period.end_month}月", text):
        return None  # another mention of the old month: the move would not be clean
    return {**case, "progress": text, "period": f"{period.year}{_CODES[month]}",
            "status": band(pct, month / 12), "also_ok": []}


@dataclass
class Check:
    """One variant judged beside its original."""
    name: str
    case_id: str
    before: Outcome
    after: Outcome
    variant: Case

    @property
    def kept(self) -> bool:
        """Invariant relation: the same status, and no flag lost."""
        return self.before.got == self.after.got and not (self.before.needs_review and not self.after.needs_review)


def run(cases: list[Case], transforms: dict[str, Transform] = INVARIANT,
        originals: dict[str, Outcome] | None = None) -> list[Check]:
    """Every applicable variant of every case, judged beside the original."""
    originals = originals if originals is not None else {}
    out: list[Check] = []
    for case in cases:
        before = originals.get(case["case_id"]) or judge_case(case)
        originals[case["case_id"]] = before
        for name, fn in transforms.items():
            v = fn(case)
            if v is not None:
                out.append(Check(name, case["case_id"], before, judge_case(v), v))
    return out


def shifted(cases: list[Case]) -> list[tuple[Case, Outcome]]:
    """The pace-shifted variant of every ratio case that has one, judged."""
    return [(v, judge_case(v)) for v in map(pace_shift, cases) if v is not None]
