"""What a figure is over and of, beyond its own words: a season or the year's span, work promised by contract,
a breakdown of a whole that measures nothing (helpers.judge.actuals scores the figures with these)."""

from __future__ import annotations

import re
from typing import Callable

from helpers.judge.clauses import OPENS_BREAKDOWN
from helpers.judge.evidence import Evidence
from helpers.judge.figure_state import NEW
from helpers.judge.findings import Finding
from helpers.judge.quantities import comparable
from helpers.judge.sums import FRAME_VERB, STARTED
from helpers.judge.targets import QUALIFIER, Target, bigrams

#: one season's harvest or work (夏粮, 秋收, 小麦): a figure of it is no measure of the year's
SEASON = re.compile(r"夏粮|秋粮|早稻|中稻|晚稻|夏收|秋收|春播|夏播|秋播|小麦|冬小麦")
#: a span from the year's start (截至5月底, 1-6月, 今年以来, 上半年): after a season's word it is the figure's span
_YEAR_SPAN = re.compile(r"截至|截止|\d{1,2}\s*[-—~至]\s*\d{1,2}月|以来|上半年|前三季度|全年")
#: a figure of what contracts or agreements cover (合同面积, 签订协议…户): work promised, not done — unless the
#: target counts the contracts themselves or is a deal
_PLEDGE = re.compile(r"合同|协议")
#: a target whose act is a deal (采购, 出让, 招商): the contract signed is the act done (采购合同金额 for 政府采购规模)
_DEAL = re.compile(r"采购|出让|转让|交易|招商|引进|签约|签订|租赁|购买|销售|融资|贷款")
#: money arrived or used (到位资金, 实际利用外资): what a deal's pledge promises, never the pledge itself
_ARRIVED = re.compile(r"到位|到资|实际利用|实际使用|实际完成")
#: the works finished (完工, 建成): a part said so of a whole only started or under way is the done part
_FINISHED = re.compile(r"完工|竣工|建成|完成|投用|投入使用")
#: money spent (完成投资, 投入资金), whatever stage the works it was spent on are at
SPENT = re.compile(r"(?:完成|累计)投资|投入|支出|拨付")
#: works under way before a figure in its clause (在建公办幼儿园12所, 正在改造的老旧小区60个): not built yet
_UNDER_WAY = re.compile(r"在建|正在(?:建设|施工|实施|改造)|(?:建设|施工|改造)中")
#: all of the works just counted said finished in the next clause (…162户，已全部竣工; …6所，均已竣工交付使用)
_ALL_FINISHED = re.compile(r"\s*[,，]\s*(?:现|目前)?(?:已经?)?(?:全部|均)(?:已经?)?(?:竣工|完工|建成)")

Scorer = Callable[[Target, Finding, set, Evidence], "int | None"]


def one_season(a: Finding, ev: Evidence) -> bool:
    """夏粮收购7月底结束，全市共收购小麦12.6亿斤: a season named before a figure in its sentence is its span —
    unless a span from the year's start comes after it (…将在夏收和秋收期间实施，截至5月底实际完成…21.3万亩)."""
    text = ev.layout.text
    s0 = ev.layout.sentence_start(a.sentence)
    seasons = list(SEASON.finditer(text, s0, a.start))
    return bool(seasons) and not _YEAR_SPAN.search(text, seasons[-1].end(), a.start)


def promised(t: Target, a: Finding) -> bool:
    """新签订托管服务合同面积62.4万亩 for 开展土地托管100万亩: what a contract covers is work promised, not done —
    for a target that is no deal and counts no contracts, or a deal's money arrived (协议引资286亿元 for
    招商引资实际到位资金180亿元: the pledge is what the arrival is measured against, not an arrival)."""
    return bool(_PLEDGE.search(a.label)) and not _PLEDGE.search(t.part) \
        and (not _DEAL.search(t.part) or bool(_ARRIVED.search(t.part)))


def all_finished_after(a: Finding, ev: Evidence) -> bool:
    """全年开工改造农村危房162户，已全部竣工: works counted as started, then all said finished — all of them are done."""
    return bool(_ALL_FINISHED.match(ev.layout.text, a.end))


def under_way(t: Target, a: Finding, clause: str) -> bool:
    """全市在建公办幼儿园12所 for 新建公办幼儿园12所: the things under construction, none of them done — though the
    money spent on them is spent (在建项目完成投资168亿元)."""
    return bool(_UNDER_WAY.search(clause)) and not _UNDER_WAY.search(t.part) \
        and not (a.unit == "元" and SPENT.search(a.label))


def _whole_of(a: Finding, ev: Evidence, clause: str) -> Finding | None:
    """The figure a breakdown (a clause opened by 其中) is a part of: the last one before it in its sentence."""
    if not OPENS_BREAKDOWN.match(clause):
        return None
    s0, a0 = ev.layout.sentence_start(a.sentence), a.start - len(clause)
    wholes = [b for b in ev.actuals_by_start.starting(s0, a0) if b.end <= a0 and comparable(b.unit, a.unit)]
    return wholes[-1] if wholes else None


def part_named(a: Finding, target: str, ev: Evidence, clause: str) -> bool:
    """已完成改造112公里，其中供水管网68公里、燃气管网44公里 for 供水管网改造80公里: a part whose own words — those its
    total lacks — name the target's noun (two of its bigrams, more than the total's noun does: 其中高技能人才 beside
    技能人才 for 高技能人才) is the target's figure."""
    whole = _whole_of(a, ev, clause)
    if whole is None:
        return False
    want = bigrams(_noun(target))
    own, total = bigrams(_noun(a.label)) & want, bigrams(_noun(whole.label)) & want
    return len(own) >= 2 and len(own) > len(total)


def _noun(label: str) -> str:
    """A label's noun: its qualifiers, frame and verbs set aside (新增技能人才 → 技能人才)."""
    return FRAME_VERB.sub("", QUALIFIER.sub("", label))


#: a target to implement projects (实施城市更新项目60个): those started or under way count, not only the finished
_IMPLEMENT = re.compile(r"实施[^,;。]{0,20}?项目")
_FINISHED_ONLY = re.compile(r"完工|竣工|建成|投用|投入使用")


def finished_of_implemented(t: Target, a: Finding) -> bool:
    """完工项目9个 for 实施城市更新项目60个: the projects finished are some of those implemented — a lower bound,
    no measure of the target (a status from it goes to review)."""
    return bool(_IMPLEMENT.search(t.part)) and bool(_FINISHED_ONLY.search(a.label)) \
        and not _FINISHED_ONLY.search(t.part)


def finished_for_a_start(t: Target, a: Finding) -> bool:
    """40个项目已开工32个，完工11个 for 新开工…40个: the works finished are some of those started, not the count
    a target to start asks for."""
    return bool(STARTED.search(t.part)) and bool(_FINISHED.search(a.label)) and not STARTED.search(a.label)


def part_of_unread_whole(t: Target, a: Finding, tb: set[str], ev: Evidence, clause: str, score: Scorer) -> bool:
    """A breakdown (其中…) of a figure that does not measure the target (`score` gives None) does not measure it
    either — unless the part's own words, those its whole lacks, name the target (其中市级衔接资金 for 市级…),
    this year's additions (其中今年新增) or the works finished (已开工小区39个，其中完工14个)."""
    whole = _whole_of(a, ev, clause)
    if whole is None:
        return False
    own = bigrams(QUALIFIER.sub("", a.label)) - bigrams(whole.label)
    if own & tb or any(rx.search(a.label) and not rx.search(whole.label) for rx in (NEW, _FINISHED)):
        return False
    return score(t, whole, tb, ev) is None
