"""A coverage to reach (实现行政村5G网络全覆盖): every unit said to have it, or a coverage rate of 100 %
(docs/judging.md, "A coverage to reach"); helpers.judge.matching asks it when the task's deliverable
is a coverage."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from helpers.judge.clauses import is_result
from helpers.judge.evidence import Evidence, Part
from helpers.judge.findings import Finding
from helpers.judge.quantities import parse_share
from helpers.judge.shares import RATE_TARGET
from helpers.judge.subjects import PART_PLACE, subject_of
from helpers.judge.targets import QUALIFIER, Target, bigrams, overlap

#: the status of a coverage measured short of every unit (覆盖率92%, 57家中已实行的50家): not reached, and before
#: the year's end no status by the pace either (helpers.judge.status flags it)
SHORT = "short"
#: a coverage to reach (实现行政村5G网络全覆盖) and the words that say every unit has it
COVERAGE_TARGET = re.compile(r"全覆盖|覆盖率(?:达到?)?100\s*%|覆盖(?:到)?(?:所有|全部|每个|每一个)")
ALL_UNITS = re.compile(r"全市|全县|全区|所有|各县区|各乡镇|全部|均已")
_ALL_REACHED = re.compile(r"(?:全部|均已?|全面)(?:实现|开通|覆盖|接入|推行|推开|铺开|实施|上线|建成)|(?:全部|均已?)开展"
                          # the whole area's units named as covered (覆盖全市1790个行政村)
                          # (…12个乡镇中的8个, 全市80%的行政村: some of them, not all)
                          r"|覆盖(?:了)?(?:全市|全县|全区|所有|全部)(?:\d+个)?[\u4e00-\u9fff]{1,8}(?=$|[,，;；。|])")
_COVERAGE_LEVEL = re.compile(r"覆盖率(?:达到?|为)?\s*(?P<val>\d+(?:\.\d+)?)\s*%")
#: the units counted, then those that have it (符合条件的医疗机构57家，已实行DRG付费的50家; 行政村1836个，已开展…的1790个)
_N_OF_M = re.compile(r"(?P<m>\d+)\s*(?P<u>[家个所户座项])\s*[,;]\s*(?:其中\s*)?(?:已|均已)[^,;。\d]{1,16}?的?\s*"
                     r"(?P<n>\d+)\s*(?P=u)")


def coverage(ev: Evidence, tb: set[str]) -> tuple[Finding | None, Finding | None]:
    """(reached, not reached) for a coverage target: a coverage rate of the task's thing (覆盖率100%;
    92% is not all), or every unit said to have it (全市1836个行政村已全部开通, 在全市8个县区全面铺开)."""
    lay, text = ev.layout, ev.layout.text
    for rx in (_COVERAGE_LEVEL, _N_OF_M, _ALL_REACHED):
        for m in rx.finditer(text):
            a, b = lay.around(m.start(), m.end())
            if not is_result(lay.modality_at(m.start())) or overlap(tb, lay.sentence_text(lay.sentence_of(a))) < 2 \
                    or re.match(PART_PLACE, subject_of(ev, m.start())):
                continue  # 金安区、裕安区…已覆盖所有乡镇: some counties' coverage, a part
            f = Finding("deliverable", a, b, lay.sentence_of(a), text[a:b], status="completed", meaning="finish")
            short = replace(f, status=SHORT)
            if rx is _COVERAGE_LEVEL:
                return (f, None) if Decimal(m["val"]) >= 100 else (None, short)
            if rx is _N_OF_M:
                return (f, None) if int(m["n"]) >= int(m["m"]) else (None, short)
            if ALL_UNITS.search(text, a, b):
                return f, None
    return None, None


#: every one due to be X'd was (应发尽发, 应保尽保, 应种尽种, 应助尽助): the act is the repeated character
ALL_DUE = re.compile(r"应(?P<act>[\u4e00-\u9fff])尽(?P=act)")


def all_due(label: str, ev: Evidence) -> Finding | None:
    """做到按时足额、应发尽发 for 按时足额发放率100%: a level of 100 % said in words, in a result clause, when
    the act repeated (发) is the target rate's (发放率); another act's (应统尽统) measures nothing. Else every
    thing counted said to have the rate's act (`all_acted`), or, for a coverage rate, every unit covered."""
    lay = ev.layout
    for m in ALL_DUE.finditer(lay.text):
        if m["act"] in label and is_result(lay.modality_at(m.start())):
            return _level_100(ev, m.start(), m.end(), label)
    act = RATE_TARGET.search(label)
    if act is None:
        return None
    tb = bigrams(QUALIFIER.sub("", label))
    if act["act"] == "覆盖":
        reached, _ = coverage(ev, tb)
        return _level_100(ev, reached.start, reached.end, label) if reached is not None else None
    return all_acted(label, act["act"], ev, tb)


def _level_100(ev: Evidence, start: int, end: int, label: str) -> Finding:
    lay = ev.layout
    a, b = lay.around(start, end)
    # (its act is the target rate's: the level is of that rate)
    return Finding("actual", start, end, lay.sentence_of(start), lay.text[a:b], value=Decimal(100), unit="%",
                   label=label, modality=lay.modality_at(start))


def level_beside(ev: Evidence, f: Finding) -> Finding | None:
    """全部开展课后服务，学生参与率93.6%: a level under 100 % in the sentence of a level of 100 % said in words may be
    the rate on another base (students, not schools)."""
    return next((g for g in ev.levels if g.sentence == f.sentence and g.value is not None and g.value < 100
                 and is_result(g.modality)), None)


#: a universal said of the things counted (全部, 均已, 一律); not after a negation (尚未全部, 未能全部)
_UNIVERSAL = r"(?<![未没不非人平])(?:全部|均已|均|全都|一律|悉数)"
#: the act right after the universal may take its object (已全部落实工作岗位); after other words it must close its
#: clause, alone or with a word of its completion (均已挂牌督办并整改到位): 均已制定整改方案 names a plan, no act
_AT_ONCE = r"(?:已|予以|得到|按期|及时)?{act}"
_CLOSING = r"[^,，;；。|]{{0,12}}?{act}(?:到位|完毕|完成|销号|清零)?(?=$|[,，;；。、|]|并|和|后)"


def all_acted(label: str, act: str, ev: Evidence, tb: set[str]) -> Finding | None:
    """重大事故隐患3处，均已挂牌督办并整改到位 for 重大事故隐患整改率100%: the things counted all said to have the
    rate's act (整改) — in a result clause, the act closing it (均已制定整改方案 names a plan, no act), said of the
    target's things (two bigrams of its sentence), not of some counties (金安区、裕安区…全部开放). `act` is the
    label's rate's act (shares.RATE_TARGET: 整改率, 开放率, 出让比例)."""
    lay, text = ev.layout, ev.layout.text
    verb = re.escape(act)
    rx = re.compile(_UNIVERSAL + "(?:" + _AT_ONCE.format(act=verb) + "|" + _CLOSING.format(act=verb) + ")")
    for m in rx.finditer(text):
        if not is_result(lay.modality_at(m.start())) \
                or overlap(tb, lay.sentence_text(lay.sentence_of(m.start()))) < 2 \
                or re.match(PART_PLACE, subject_of(ev, m.start())):
            continue
        return _level_100(ev, m.start(), m.end(), label)
    return None


#: an act carried to every unit within the year (检查, 督查, 培训 …): the share of the units it reached is its progress
_ACTIVITY = re.compile(r"检查|督查|督导|巡查|抽查|排查|培训|轮训|走访|体检|筛查|宣讲|执法")
#: a share of a whole (占全市…总数的71.8%, 占全市获证食品生产企业的29%, 占…的七成)
_UNIT_SHARE = re.compile(r"占(?P<whole>[^,，;；。|]{2,30}?)的\s*(?P<share>(?:近|超过|约)?(?:\d+(?:\.\d+)?%|[一二三四五六七八九两]成[半多]?))")
#: the whole is the entire set of units, not some of them (占检查企业的12.5%: the checked ones)
_WHOLE_SET = re.compile(r"全市|全县|全区|总数|所有|全部")


def unit_share(ev: Evidence, tb: set[str]) -> Finding | None:
    """占全市定点医药机构总数3,026家的71.8% for …定点医药机构…全覆盖: the share of the whole set of the target's units
    (two bigrams of the target's words in the whole) said in a result clause, as a fraction."""
    lay, text = ev.layout, ev.layout.text
    for m in _UNIT_SHARE.finditer(text):
        share = parse_share(m["share"])
        if share is None or not is_result(lay.modality_at(m.start())) or not _WHOLE_SET.search(m["whole"]) \
                or overlap(tb, m["whole"]) < 2:
            continue
        a, b = lay.around(m.start(), m.end())
        return Finding("stated_ratio", m.start(), m.end(), lay.sentence_of(a), text[a:b], value=share.value,
                       modality=lay.modality_at(m.start()),
                       share_range=(share.low, share.high) if share.low != share.high else None)
    return None


def covered_share(part: Part, t_label: str, ev: Evidence, tb: set[str], done: Finding | None
                  ) -> tuple[Finding | None, Finding | None, bool]:
    """A coverage target beside the share of its units reached: (done, missed, decided). Under 100 % the units are
    not all covered (an event said beside it is of some); for an act carried to every unit within the year
    (全年开展…检查全覆盖) the share is its progress against the pace, for a state to reach (5G全覆盖) a coverage short."""
    share = unit_share(ev, tb)
    if share is None:
        return done, None, False
    if share.value >= 1:
        return done or replace(share, kind="deliverable", status="completed", meaning="finish"), None, False
    if not _ACTIVITY.search(t_label):
        return None, replace(share, kind="deliverable", status=SHORT, meaning="finish"), False
    _take(part, share)
    return None, None, True


def covered_level(part: Part, t: Target, ev: Evidence, tb: set[str]) -> bool:
    """督查…覆盖全市校外培训机构100% beside 占全市校外培训机构总数的31%: an act carried to every unit within the year,
    said as a level of 100 %, is measured against the pace by the share of the units reached (True when taken)."""
    label = t.label or t.part
    if t.value != 100 or "覆盖" not in label or not _ACTIVITY.search(label):
        return False
    share = unit_share(ev, tb)
    if share is None or share.value >= 1:
        return False
    _take(part, share)
    return True


def _take(part: Part, share: Finding) -> None:
    part.findings.append(share)
    part.stated_ratio, part.share_range, part.method = float(share.value), share.share_range, "stated_ratio"
