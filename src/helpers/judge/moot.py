"""Doubts that cannot change the status: evidence the gate would flag, read for what its words mean.

A review flag earns its place when the words it worries about could turn the status into another
one. Some cannot, whatever they turn out to say (docs/judging.md, "Doubts that cannot change the
status"):

- a percentage beside standing work (完善…机制, 推进…建设): a task with no figure, no deliverable
  and no completion aim has nothing a growth rate or a level of something (整改率92%, 增长12%)
  could be a share of; only a share of a plan or a task (完成年度计划的60%) could measure it — unless
  the task keeps a share or rate of its own (确保…比重保持总体稳定); beside any other task keeping none,
  a percentage naming nothing of it (办结率100% beside 争创…示范城市) measures nothing either.

- a second figure of the target's unit (figure signals) that restates the figure read (within 5 %:
  跨上1800亿元台阶 beside 达到1812.6亿元) and, read as the target's measure, gives the task the same
  status: the text measures the target twice alike. A figure of another size still flags, even one
  that would give the same status: which count is the task's was not read (unless the figure read
  names the target and the second another thing: helpers.judge.figure_names).

- target figures nothing measures, beside a plain wait (no act dated next year, no figure beside it)
  for exactly what would measure them: the statistic's data (一季度住户调查数据尚未公布 for 收入增长6.5%;
  1-5月数据尚需省统计局反馈) or the grant a count of honours waits on (尚需商务部认定 for 获批…基地1个):
  the figure is awaited, 待评估 says so, and no reading of the text could measure it now.

- a figure or a rate of a breakdown of the figure read (…同比增长5.2%，其中工业用电量增长7.1%，城乡居民
  生活用电增长3.9%: every clause after 其中 in the sentence of the figure read is a part of it): a part
  of the total the target was read from is no second reading of that target;
- a figure said as what was found (发现隐患13120处) beside a task to fix, not to find: the work's base;
  a total the figure read breaks down (…425个,其中市本级78个) when the task names the part's own words;
- a figure inside the quote of a ratio or a sum a part read (已开工项目145个,占全年目标任务的87.9%: the
  ratio's own numerator; 一是城区学校完成18栋；二是县区学校完成22栋: a term of the sum read) is read with it;
- a figure "of another indicator" (数字所指与目标指标不同) whose indicator is the target's after all: the
  same rate noun (扬尘治理达标率 for ‘六个百分百’达标率: the words before 率, 比例, 比重, 占比 agree), an
  indicator's statistical abbreviation (CPI for 居民消费价格), or a sum of the parts' figures (城关镇1020人、
  杭埠镇986人…合计), which names the parts, not what they count;
- a completion or event word that dates something else (办法出台后将成为…, 受益人口在工程通水后统计): the
  word before 后/以后/之后, or any word after a 后将 (大厅建成后将集中进驻…), in a clause with no 已
  names a time to come, not a report;
- a growth rate of another indicator (工业增加值增长12.8% beside a target of 工业总产值): the heads of
  the two indicators' names (增加值, 产值, 收入, 投资, 进出口 …) differ.

- the rest of a count awaiting its act (另有2项已提请市政府审定) beside that count measured at or above
  the pace is no part of its own — what is done is measured, the rest is not done yet. Other parts
  whose statuses collapse under DOMAIN's order of precedence are helpers.judge.precedence's.

- target figures nothing measures, when nothing in the text could: no figure in a unit comparable
  with a count's or amount's (培训茶农1600人次 for 防控面积20万亩), no percentage, share in words or
  percentage point, no verdict of a pace or a completion at all. 定性推进 is then what the text says; any word of a completion, a halt or a
  wait still flags as a residual signal. A single month's own figure and its shares (10月当月…118亿元,同比
  增长4.9%) are no share of the year and count for nothing here;
- a stock (全市5G基站总数达9320个, 现有孵化载体37家) beside targets that all count additions (新增, 新建):
  what there is, not what was added.

helpers.judge.confidence asks these before it adds a flag; each is a grammar of meaning, never a
sentence.
"""

from __future__ import annotations

import re
from decimal import Decimal
from difflib import SequenceMatcher

from helpers.judge.actuals import CUMULATIVE, SINGLE_MONTH
from helpers.judge.clauses import BREAKDOWN, OPENS_BREAKDOWN
from helpers.judge.figure_names import before_figure
from helpers.judge.figure_state import NEW, SPAN
from helpers.judge.lexicon import Lexicon
from helpers.judge.quantities import SHARE_WORD, comparable, convert, find_quantities
from helpers.judge.rate_names import ABBREVIATIONS
from helpers.judge.seasons import SEASONAL
from helpers.judge.nouns import FRAME
from helpers.judge.signals import _INDICATOR as INDICATOR, CANDIDATES, Signal, nothing_to_complete, own_clause
from helpers.judge.targets import bigrams, counts_for, overlap
from helpers.judge.whole import task_aim
from helpers.statuses import MEASURED, ON_PACE_OR_BETTER as GOOD, aggregate, ratio_status

#: the words of a percentage that is a share of a plan or of the work (完成年度计划的60%, 完成率,
#: 进度, 过半): it could measure any task, standing work too
_PLAN_SHARE = re.compile(r"计划|任务|目标|进度|完成|序时|过半|总量的|工程量")
#: a figure in the task's own words (缩短至12分钟以内, 3个): not standing work, whatever the rules read
_TASK_FIGURE = re.compile(r"\d|[一二两三四五六七八九十百千万]+(?:个|项|家|条|座|所|处|万|亿)")


def standing_work(reading, lex: Lexicon) -> bool:
    """A task of standing work: no figure in its words, no deliverable, no completion verb, no
    one-off aim (创建…, 实施…工程)."""
    task = reading.task or ""
    return (nothing_to_complete(reading.parts, task, lex) and task_aim(task) is None
            and not _TASK_FIGURE.search(task))


#: a task that keeps or raises a share or a rate of its own (确保…比重保持总体稳定, 提升近地配套率): a
#: percentage could be that level, standing work or not
_TASK_SHARE = re.compile(r"比重|占比|比例|[\u4e00-\u9fff]率")


def bearing_percents(reading, lex: Lexicon) -> list[str]:
    """The clauses of the text's percentages no rule read that could still measure the task: beside a
    task keeping a share or rate of its own, all of them but another indicator's; beside any other task,
    those naming the task's words or a share of a plan or of the work (beside standing work only the
    latter)."""
    if _TASK_SHARE.search(reading.task or ""):
        return [c for c in reading.unused_numbers if not _of_another_indicator(reading, c)]
    if not standing_work(reading, lex):
        tb = bigrams(reading.task or "")
        # a rate of a thing the task does not name (受理投诉60件,办结率100% beside 争创…示范城市), beside a task
        # that keeps no share or rate of its own, measures it only as a share of a plan or of the work
        return [c for c in reading.unused_numbers if not _of_another_indicator(reading, c)
                and (_PLAN_SHARE.search(c) or overlap(tb, c) >= 1)]
    return [c for c in reading.unused_numbers if _PLAN_SHARE.search(c)]


def _of_another_indicator(reading, clause: str) -> bool:
    """A percentage whose clause names an indicator's head (增加值, 收入 …) the task names none of, where
    the task names one (规上工业增加值增长8.1% beside 地区生产总值增长6.5%左右)."""
    heads, own = set(INDICATOR.findall(clause)), set(INDICATOR.findall(reading.task or ""))
    return bool(heads) and bool(own) and not heads & own and not _PLAN_SHARE.search(clause)


#: a figure within this share of the one read is the same measure said again (1800亿元台阶, 1812.6亿元)
_SAME = Decimal("0.05")


def _figure_status(t, value, pace: float, margin: float) -> str | None:
    """The status a figure gives a count or amount target read as its measure, or None when no share
    of the target says it (a lower-is-better amount, a stock to hold, a zero target)."""
    if not t.value or t.direction != "higher" or value is None:
        return None
    return ratio_status(float(value / t.value), pace, margin)


def figure_moot(reading, sig: Signal, status: str, statuses: list[str], pace: float, margin: float,
                index: Index | None = None) -> bool:
    """Whether a residual figure cannot change the status: for every part whose target it could
    count, it restates the figure read for that part, and the task's status with the part read from
    it is the same."""
    index = index or Index(reading)
    a = index.actual_at.get(sig.pos)
    if a is None or a.value is None:
        return False
    counted = [i for i, p in index.counts if counts_for(p.target, a)]
    for i in counted:
        t = reading.parts[i].target
        v = convert(a.value, a.unit, t.unit)
        read_value = reading.parts[i].actual_value
        if v is None or read_value is None or abs(v - read_value) > _SAME * read_value:
            return False
        own = _figure_status(t, v, pace, margin)
        if own is None or (own != statuses[i] and aggregate(statuses[:i] + [own] + statuses[i + 1:])[0] != status):
            return False
    return bool(counted)


#: the data of a statistic awaited (数据尚未公布, 季度核算, 尚需省统计局反馈, 监测数据需等到…审核后发布)
DATA = re.compile(r"数据|数字|核算|统计|调查|核定数|监测|汇总|报送")
#: a target counting what someone else grants (获批, 创建, 争创, 认定, 命名, 入选 …): its count waits on the grant
_GRANTED = re.compile(r"获批|获评|获得|创建|创成|争创|认定|命名|入选|评为|评定|通过|申报成功|晋级|复审")
#: the kinds of target a statistic's data measures
_STATISTIC = ("rate", "level", "amount", "comparison", "rank")


def awaited_measure(reading, rows: list[dict], waits: list[str]) -> bool:
    """Whether every target figure left unmeasured is what the wait waits for: a statistic's data
    (the wait names data), or a count of what an outside body grants (the task names the grant)."""
    unmeasured = [r for r in rows if r["status"] == "qualitative" and r["target_value"] is not None]
    # (a leading indicator's rate, 规上工业增加值增长9.1% beside 地区生产总值增长6%, measures none of them)
    if not unmeasured or not waits or any(not _of_another_indicator(reading, c) for c in reading.unused_numbers):
        return False
    data = any(DATA.search(w) for w in waits)
    # candidates put forward for the decision (推荐申报14项, 135家企业申报…), or the granting act itself awaited
    # (正在省级公示，公示期满后由省政府命名; 尚需国务院审批), say the count is granted
    granted = any(CANDIDATES.search(w) or _GRANTING_ACT.search(w) for w in waits)
    # the season the work is gathered into (冬春季集中除治期为…) is what will measure its count or amount
    seasonal = any(SEASONAL.search(w) for w in waits)
    return all((_statistic(r) and data) or (r["kind"] == "count" and (_GRANTED.search(r["part"]) or granted))
               or (r["kind"] in ("count", "amount") and seasonal) for r in unmeasured)


#: an outside body's act of granting a title or an approval (命名, 认定, 审批, 批复, 核准)
_GRANTING_ACT = re.compile(r"命名|认定|审批|批复|核准|授牌")


def _statistic(row: dict) -> bool:
    """A target a statistic's data measures: a rate, level or amount, or a count said as a rate (发生率…12‰)."""
    return row["kind"] in _STATISTIC or row["target_unit"] in ("%", "‰") or "率" in row["part"]


def of_a_breakdown(reading, pos: int, index: Index | None = None) -> bool:
    """Whether a residual figure or rate at `pos` is a part of a figure a part read: a 其中 stands
    between them in one sentence (其中企业8900户、个体工商户1.94万户 after 新登记…二万八千三百户), or
    opens the sentence after the figure read's."""
    lay = reading.evidence.layout
    read_ends, i = (index or Index(reading)).read_ends, lay.sentence_of(pos)
    ends = list(read_ends.get(i, ()))
    if i > 0 and OPENS_BREAKDOWN.match(lay.text, lay.sents[i][0]):
        # a sentence opened by 其中 (…同比增长6.2%；其中限额以上单位…增长8.9%) breaks down the one before it
        ends += read_ends.get(i - 1, ())
    return any(end <= pos and BREAKDOWN.search(lay.text, end, pos) for end in ends)


def _last_within(text: str, start: int, end: int) -> int:
    """Where the last 其中 between two positions ends."""
    return [m.end() for m in BREAKDOWN.finditer(text, start, end)][-1]


#: bigrams the words of a part share with the task, and not with the total's, for the task to name
#: that part (市本级: 市本, 本级); one alone may be a verb any figure has (新增)
_PART_NAMED = 2


def _sets_apart(reading, whole_at: int, part_at: int, part_end: int) -> bool:
    """Whether the words naming a part of a total (from `part_at`, after its 其中, to its figure) hold words
    the total's (from `whole_at` to its first figure) do not and the task names: 其中市本级78个 for
    市本级实施…项目, the task asks for that part."""
    text = reading.evidence.layout.text
    whole = before_figure(text[whole_at:part_at])
    part = before_figure(text[part_at:part_end + 1])
    return overlap(bigrams(reading.task or ""), bigrams(part) - bigrams(whole)) >= _PART_NAMED


def other_indicator(reading, pos: int, index: Index | None = None) -> bool:
    """Whether a residual growth rate at `pos` is of another indicator than every rate target's: both
    name an indicator's head (增加值, 产值, 收入 …) and no head is shared."""
    g = (index or Index(reading)).growth_at.get(pos)
    if g is None or not g.label:
        return False
    heads = set(INDICATOR.findall(g.label))
    targets = [set(INDICATOR.findall(p.target.label or p.target.part)) for p in reading.parts
               if p.target is not None and p.target.kind == "rate"]
    return bool(heads) and bool(targets) and all(t and not (t & heads) for t in targets)


def _qualifier_apart(a: str, b: str, target: str) -> bool:
    """Whether two names share their indicator but differ in who it is of, the first as the target
    says and the second not: the longest run they share (常住居民人均可支配收入, 居民) is preceded in each,
    past the frames, by words sharing no character (城镇, 农村), and only the first's share one with the
    target's name (城乡居民…)."""
    a, b = (FRAME.sub("", before_figure(x)) for x in (a, b))
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    pa, pb = a[max(0, m.a - 2):m.a], b[max(0, m.b - 2):m.b]
    return m.size >= 2 and len(pa) == len(pb) == 2 and not set(pa) & set(pb) \
        and bool(set(pa) & set(target)) and not set(pb) & set(target)


def of_a_sibling(reading, pos: int, index: Index | None = None) -> bool:
    """Whether a residual growth rate is of another population of the indicator every rate target was
    read from (农村常住居民人均可支配收入…增长7.3% beside 城镇常住居民…增长5.1% read for 城乡居民…分别增长5.5%、7%):
    a rate of another part, no second reading of the part read. (剔除房地产开发后,民间投资增长6.8% beside
    民间投资同比下降2.3% is the same indicator said another way, and still flags.)"""
    g = (index or Index(reading)).growth_at.get(pos)
    read = [p.evidence for p in reading.parts if p.target is not None and p.target.kind == "rate" and p.evidence]
    if g is None or not read:
        return False
    target = " ".join(p.target.label or p.target.part for p in reading.parts if p.target is not None)
    return all(_qualifier_apart(f.label or own_clause(f.text), g.label or g.text, target) for f in read)


class Index:
    """What the moot checks look up, built once per reading (a long cell has thousands of signals):
    the findings by position, the ends of the quotes read by sentence, the ratio and sum quotes by
    the clauses they cover."""

    def __init__(self, reading) -> None:
        ev = reading.evidence
        lay = ev.layout
        self.actual_at = {f.start: f for f in ev.actuals}
        self.counts = [(i, p) for i, p in enumerate(reading.parts)
                       if p.target is not None and p.target.kind in ("count", "amount")]
        self.growth_at = {f.start: f for f in ev.growths}
        self.read_ends: dict[int, list[int]] = {}
        self.quotes: dict[int, list] = {}
        for p in reading.parts:
            f = p.evidence
            if f is not None and f.end > f.start:
                self.read_ends.setdefault(lay.sentence_of(max(f.start, f.end - 1)), []).append(f.end)
            for q in p.findings:
                if q.kind in ("stated_ratio", "actual") and q.end > q.start:
                    for i in range(lay.clause_index(q.start), lay.clause_index(q.end - 1) + 1):
                        self.quotes.setdefault(i, []).append(q)


def signal_moot(reading, sig: Signal, status: str, statuses: list[str], pace: float, margin: float,
                index: Index | None = None) -> bool:
    """Whether a residual figure or rate cannot change the status (the module's docstring)."""
    index = index or Index(reading)
    if sig.kind == "figure":
        return of_a_breakdown(reading, sig.pos, index) or inside_read(reading, sig.pos, index) \
            or figure_moot(reading, sig, status, statuses, pace, margin, index) or found_not_done(reading, sig.pos, index) \
            or whole_of_the_part_read(reading, sig.pos, index) or stock_beside_additions(reading, sig.pos, index)
    if sig.kind == "rate":
        return of_a_breakdown(reading, sig.pos, index) or other_indicator(reading, sig.pos, index) \
            or of_a_sibling(reading, sig.pos, index)
    if sig.kind in ("done", "use", "event"):
        return dates_another(reading, sig.pos)
    # the rest awaiting (其余资金待省级资金下达后拨付) beside what is measured done
    return sig.kind == "await" and status in GOOD and of_the_rest(sig.clause)


#: the words of a stock before a figure (全市5G基站总数达9320个, 现有孵化载体37家, 保有量): what there is, not
#: what was added; a time span (今年, 1-9月) in the clause makes it the additions of that span
_STOCK_SAID = re.compile(r"总数|总量|保有量|现有|共有|累计拥有")


def stock_beside_additions(reading, pos: int, index: Index | None = None) -> bool:
    """Whether a residual figure is a stock said as one (总数, 现有, 共有, 保有量 in its clause before it, no
    span of this year) and every target it could count is of additions (新增, 新建 …): a stock is no count
    of what was added, whatever its size."""
    index = index or Index(reading)
    a = index.actual_at.get(pos)
    counted = [p for _, p in index.counts if a is not None and counts_for(p.target, a)]
    if not counted or not all(NEW.search(p.target.part) for p in counted):
        return False
    lay = reading.evidence.layout
    before = lay.text[lay.around(a.start, a.end)[0]:a.start]
    return bool(_STOCK_SAID.search(before)) and not SPAN.search(before)


#: a figure said as what is found (排查发现问题户厕14360户, 发现隐患13120处): the work's base, not its result
_FOUND = re.compile(r"发现|查出|检出|摸排出|排查出")
#: a task whose work is to find (排查隐患5000处, 开展入户摸排): what is found is its result
_TASK_FINDS = re.compile(r"排查|检查|摸排|巡查|核查|摸底|普查|发现|筛查")


def found_not_done(reading, pos: int, index: Index | None = None) -> bool:
    """Whether a residual figure is said as what was found (发现隐患13120处) beside a task that is not to
    find but to fix (整改隐患1.2万处): the base of the work, not a count of it done."""
    index = index or Index(reading)
    a = index.actual_at.get(pos)
    if a is None or not any(counts_for(p.target, a) for _, p in index.counts):
        return False
    lay = reading.evidence.layout
    return bool(_FOUND.search(lay.text, lay.around(a.start, a.end)[0], a.start)) \
        and not _TASK_FINDS.search(reading.task or "")


def whole_of_the_part_read(reading, pos: int, index: Index | None = None) -> bool:
    """Whether a residual figure is the total a figure read breaks down, and the words that set the part
    apart are the task's (全市完成…项目425个,其中市本级78个 for 市本级实施…82个): the task asks for the part,
    and the part was read. (其中新增高校毕业生就业3000人 read for 新增城镇就业: the part's own words are not
    the task's, and the total still flags.)"""
    lay = reading.evidence.layout
    i = lay.sentence_of(pos)
    for p in reading.parts:
        f = p.evidence
        if f is None or f.kind != "actual" or f.end <= f.start or lay.sentence_of(f.end - 1) != i:
            continue
        own = lay.around(f.end - 1, f.end)[0]  # the figure read's own clause (its quote is widened leftwards)
        if pos < own and BREAKDOWN.search(lay.text, pos, f.end) \
                and _sets_apart(reading, lay.around(pos, pos + 1)[0], _last_within(lay.text, pos, f.end), f.end - 1):
            return True
    return False


#: the rest of a count, said apart from what is done (另有2项, 其余资金, 剩余1200个)
_REST = re.compile(r"另有|其余|剩余|余下|尚余")


def of_the_rest(quote: str) -> bool:
    """Whether a wait's quoted sentence speaks of the rest of a count (另有1200个已建成待竣工验收)."""
    return bool(_REST.search(quote))


#: the label a sum of the parts' figures ends with (helpers.judge.sums: 县区合计, 分项合计 …)
_SUM = "合计"
#: a ratio's clause with no subject of its own (占全年目标任务的87.9%, 完成总任务的51.2%): the share of
#: the figure just before it
_OWN_SHARE = re.compile(r"[\s,，;；]*(?:占|完成|为|达|约为|相当于)")


def inside_read(reading, pos: int, index: Index | None = None) -> bool:
    """Whether a residual figure is read with a finding a part took: the numerator in the clause just
    before a ratio with no subject of its own (…512户，完成总任务的51.2%), or a term of a sum read (its
    quote spans the terms: 一是城区学校完成18栋；二是县区学校完成22栋). (A quote widened for reading,
    一季度完成造林4.1万亩，农田林网补植0.6万亩, reads only its last clause.)"""
    lay = reading.evidence.layout
    for f in (index or Index(reading)).quotes.get(lay.clause_index(pos), ()):
        if not f.start <= pos < f.end:
            continue
        if f.kind == "actual" and f.label.endswith(_SUM):
            return True
        own = lay.around(max(f.start, f.end - 1), f.end)
        if f.kind == "stated_ratio" and _OWN_SHARE.match(lay.text, own[0]) \
                and lay.clause_index(pos) == lay.clause_index(own[0]) - 1:
            return True
    return False


#: a rate's own noun: the two characters before 率, 比例, 比重 or 占比 (达标率, 处理率, 利用率)
_RATE_NOUN = re.compile(r"([\u4e00-\u9fff]{2})(?:率|比例|比重|占比)")


def same_indicator(part) -> bool:
    """Whether a figure read from "another indicator's" noun (nouns.noun_differs) is of the target's
    indicator after all: the same rate noun, a statistical abbreviation of the target's name, or a
    sum of the parts' figures (its label names the parts)."""
    t, f = part.target, part.evidence
    if f.label.endswith(_SUM):
        return True
    label = t.label or t.part
    rt, rf = _RATE_NOUN.findall(label), _RATE_NOUN.findall(f.label)
    if rt and rf and rt[-1] == rf[-1]:
        return True
    return any(short in f.label.upper() and full in label for short, full in ABBREVIATIONS.items())


#: a percentage, a percentage point or a share in words: any of them could measure a target
_ANY_SHARE = re.compile(rf"%|‰|百分点|{SHARE_WORD}")


def nothing_could_measure(reading, rows: list[dict]) -> bool:
    """Whether no figure of the text could measure any target figure left unmeasured: no quantity in
    a unit comparable with a count's or amount's, and no percentage or share in words, outside a single
    month's figures (`_month_only`: no share of the year's result)."""
    unmeasured = [r for r in rows if r["status"] == "qualitative" and r["target_value"] is not None]
    text = reading.evidence.layout.text if reading.evidence is not None else ""
    if not unmeasured or any(v.status in MEASURED for v in reading.evidence.verdicts):
        return False  # a verdict (…已完成年度任务), whoever it is said of, could be the target's measure
    if any(not _month_only(reading, m.start()) for m in _ANY_SHARE.finditer(text)):
        return False
    units = [q.unit for q in find_quantities(text) if not _month_only(reading, q.start)]
    return all(r["kind"] in ("count", "amount") and r["target_unit"]
               and not any(comparable(u, r["target_unit"]) for u in units) for r in unmeasured)


def _month_only(reading, pos: int) -> bool:
    """Whether a figure or share at `pos` is a single month's (or quarter's): the last span of time its
    sentence names before it is one month (10月当月, 9月份单月), no cumulative span after it (1-10月, 累计,
    以来): it is no share of the year, whatever it counts."""
    lay = reading.evidence.layout
    months = list(SINGLE_MONTH.finditer(lay.text, lay.sentence_start(lay.sentence_of(pos)), pos))
    return bool(months) and not CUMULATIVE.search(lay.text, months[-1].end(), pos)


_ALREADY = re.compile(r"已|业已|均已")


def dates_another(reading, pos: int) -> bool:
    """Whether the completion or event word at `pos` is closed by 后 (…出台后将成为, 在工程通水后统计) in a
    clause saying nothing is done already (no 已): a time to come that dates another thing."""
    lay = reading.evidence.layout
    a, b = lay.around(pos, pos + 1)
    if _ALREADY.search(lay.text, a, b):
        return False
    # the word itself closed by 后 (在工程通水后统计), or said after a 后 that opens a time to come (大厅建成后将
    # 集中进驻…: every word after it is of that time)
    return bool(_CLOSED_BY_AFTER.match(lay.text, pos, b) or any(m.end() <= pos for m in _AFTER_WILL.finditer(lay.text, a, b)))


_CLOSED_BY_AFTER = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:以后|之后|后)(?!续|期|台|方|勤)")
_AFTER_WILL = re.compile(r"(?:以后|之后|后)(?:将|会|可|即可|方可|再)")
