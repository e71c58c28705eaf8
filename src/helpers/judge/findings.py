"""What the progress text says, clause by clause: verdicts, ratios, growth, comparisons, events, figures.

Every finder scans the whole text once with a regex built from the lexicon
(data/reference/lexicon.csv) and places each hit in its clause through the Layout (a bisect), so
the cost is linear in the text. Each Finding keeps its span, its sentence and the modality of its
clause (done, forecast, intention, condition); helpers.judge.parts decides which part it measures.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from helpers.judge.clauses import Layout
from helpers.judge.halts_and_waits import (AUTHORITY_ACT, AWAITED, BLOCKED_GRAMMAR, HALT, NEXT_YEAR, NOT_A_NOUN,
                                           PENDING_GRAMMAR, SLIP_WORDS, halted_by_authority)
from helpers.judge.lexicon import Lexicon, load_lexicon
from helpers.judge.quantities import (ANY_PERCENT, CHANGE_BEFORE, MULTIPLE_WORD, OTHER_MEASURE, PLAIN_PCT, SHARE_WORD,
                                      of_a_named_whole)
from helpers.judge.quantities import parse_number, parse_share

_NUM = r"-?\d+(?:\.\d+)?"
_PCT = r"(?P<pct>\d+(?:\.\d+)?)\s*%"
#: a share as a percentage or in words (近七成, 三分之二): the word first (80%以上 keeps its range as 八成以上)
_SHARE = rf"(?:(?P<word>{SHARE_WORD})(?<!过半)(?<!大半)|{_PCT})"  # 完成全年任务过半 is a half (find_halves)
#: between a rate's noun and its share: an adverb of degree or time, then a verb (已达, 仅为, 约为, 目前为)
_RATE_TO = r"(?:(?:目前|已经?|仅|才|只有|约|刚)?(?:达到?|为|是)?(?:约|仅)?)"
_Q = "[“\"]?"
_QE = "[”\"]?"


@dataclass
class Finding:
    """Something in the progress text that measures a part (or a verdict about the task)."""

    kind: str  # verdict, stated_ratio, half, actual, growth, comparison, plan_ratio, projection, deliverable
    start: int
    end: int
    sentence: int
    text: str  # the evidence clause
    status: str | None = None  # verdicts and deliverables
    value: Decimal | None = None  # ratio (fraction), growth (%), actual (base unit)
    unit: str | None = None
    target: Decimal | None = None  # plan value for plan_ratio; comparison base value
    label: str = ""
    met: bool | None = None  # comparisons
    modality: str = "done"
    period_target: bool = False  # a ratio of a quarter's or half-year's own target (一季度目标完成率)
    meaning: str = ""  # deliverables: start / finish / issue; comparisons: their base
    # a share in words allows a range (近七成: 0.65–0.70); an approximate actual (近1.5万人) its values
    share_range: tuple[Decimal, Decimal] | None = None
    later: bool = False  # deliverables deferred: to a date after this year (延期至明年开通)
    halt_object: str = ""  # a halt's object after its verb (暂缓实施公交票价调整方案 → 公交票价调整方案)


@dataclass(frozen=True)
class Rules:
    """The regexes of one lexicon (built once per lexicon file version)."""

    verdicts: tuple[tuple[str, re.Pattern], ...]
    half: re.Pattern
    half_share: dict
    growth: re.Pattern
    growth_down: frozenset
    comparison: re.Pattern
    comparison_up: frozenset
    base_meaning: dict
    deliverable: re.Pattern
    deliverable_meaning: dict
    operation: re.Pattern


# grammar that is not a list of words: 完成全年(…)任务, 预计X月公布, 待(省…)审批
_COMPLETED_GRAMMAR = (r"(?:已|均已)?完成(?:了)?(?:全年|年度)[^,,。;;的|]{0,12}?(?:目标)?任务(?!过半|超半|的|\s*\d|"
                      # 完成年度任务近九成, …任务的2/3: a share of the task, not the task
                      + SHARE_WORD + ")"
                      # the task's work as the subject: 各项改革任务均已按期完成 (a 目标 reached may be a level met: on pace)
                      r"|(?<![的个项户条])任务(?:清单)?(?:\d+项)?(?:已经?|均已|均|都已)(?:于[^,,。;;|]{1,10}?)?(?:全部|全面|全数|按期|如期|提前|超额|顺利|圆满)?"
                      r"(?:完成|竣工|完工|销号)(?:入住|投用|交付|通车)?(?=$|[,,。;;|])"
                      r"|(?<![的个项户条])任务(?:全部|全面|圆满|提前|超额|按期|如期|顺利)+完成(?=$|[,,。;;|])")
#: more than half of the year's work, in any wording between (完成年度任务的过半, 完成全年目标任务过半)
_HALF_GRAMMAR = r"完成(?:了)?(?:全年|年度)(?:目标|计划)?(?:任务|目标|计划)?的?过半"
_HALF = Decimal("0.5")
_SUBMIT = re.compile(r"报送|上报|提交|报请|呈报|提请")
#: a verb of the city's own work before an outside act's word (将做好认定工作, 将组织开展评审)
_OWN_WORK = re.compile(r"做好|开展|组织|配合|筹备|准备|启动|推进")
#: a stage of a deliverable: done, it is not the deliverable (unless the task names that stage)
STAGE_OF_WORKS = re.compile(r"主体|外立面|部分|一期|二期|基础|土建|设备安装"
                            # a trade or component of the works (钢结构工程已全部完工, 路面工程已全部完成)
                            r"|钢结构|幕墙|桩基|基坑|装饰装修|内部装修|路基|路面|桥面|屋面|管网铺设|绿化工程|亮化工程")
#: events of putting a thing to use: a 建成投用 task is done by these, not by 建成 alone
USE_EVENTS = re.compile(r"投用|投入使用|投产|投运|运营|启用|开放|通车|通水|开诊|开业|开学|交付使用|开门迎客|运行|上线|封关运作"
                        r"|办公|开行|营业|接诊|通航|首航|迁入|运转|收治|开班|受理|供水|供气|供热|放行|开馆|开园|开航|发车|纳客|迎客|对外服务|迎来首批"
                        r"|并网发电")
#: 已完成年度任务45.6% is a ratio; 全部完成选址和立项 is a preliminary step, not the deliverable
PRELIMINARY = r"选址|立项|设计|招标|前期|规划|可研|评审|方案|备案|征收|征迁|图审|鉴定|摸排|勘察|测绘|踏勘|(?<!通过)评估"
#: the step words that abbreviate a longer name a task may use (可研 for 可行性研究报告编制)
_STEP_NAMES = {"可研": "可行性研究", "环评": "环境影响评价", "稳评": "社会稳定风险评估", "能评": "节能评估", "图审": "施工图审查"}


def names_step(step: str, task: str) -> bool:
    """Whether the task names the step (可研 in …可研…, or in full: 可行性研究报告编制): then it is the
    task's own deliverable, no step towards it."""
    return step in task or _STEP_NAMES.get(step, "\0") in task


def expand_steps(text: str) -> str:
    """The step abbreviations written out (可研报告 → 可行性研究报告), to compare a subject with a task."""
    for short, full in _STEP_NAMES.items():
        text = text.replace(short, full)
    return text


#: a preparation for the deliverable (大会筹备工作, 开业前准备, 倒计时100天): done, it is no deliverable
PREPARATION = r"筹备|准备|倒计时"
#: (完成年度改革任务清单编制, 年度任务分解: the task's work as a noun's modifier — its list, its split — is
#: that paper done, not the task)
_NOT_DONE_YET = rf"(?!\s*\d)(?!了?(?:{PRELIMINARY}))(?!清单|编制|分解|台账|书|表|交底|细化|下达)"
_CAUSE = re.compile(r"导致|造成|致使")
#: an approval obtained from an authority named between (《规划》已于8月获省政府批复)
_APPROVED_BY = r"(?:获得?|取得)了?[^,，;；。|\d]{1,10}?(?:正式)?(?:批复(?:同意|实施)?|批准(?:实施|同意)?)"
#: an acceptance passed, the body that accepted named between (12月通过工信部组织的验收): the thing finished
#: (初验, 预验收 are steps)
_ACCEPTED_BY = r"通过了?(?!初)[^,，;；。|\d]{1,12}?(?:组织|主持)的?(?:竣工|联合|专家)?(?<!初)(?<!预)验收"
#: the works done in full, in words (完成全部建设内容, 已完成所有工程量): the thing finished
_ALL_WORKS = r"完成(?:了)?(?:全部|所有)的?(?:建设|工程|施工)(?:内容|任务|量)"
#: the ceremony of a thing's own event held (举行开馆仪式, 举办开工典礼): the event happened
_CEREMONY = re.compile(r"(?:举行|举办)(?:了)?(?P<ev>开馆|开园|开业|开工|通车|揭牌|竣工|投产|启用|开通|首发|通航)(?:典礼|仪式)")
_CEREMONY_MEANING = {"开工": "start", "揭牌": "issue"}
_VERDICT_ORDER = ("behind", "blocked", "pending", "completed", "ahead", "on_pace")


@lru_cache(maxsize=4)
def rules(lex: Lexicon) -> Rules:
    """Compile the finders' regexes from the lexicon's word lists."""
    pace = lex.alternation("pace")
    grammar = {
        "behind": f"(?:{lex.alternation('pace_behind')}){_Q}(?:{pace}){_QE}|(?:未能?|没有|无法|不能)(?:{lex.alternation('verdict', 'on_pace')})",  # 尚未达到年度目标: a miss
        "ahead": f"(?:{lex.alternation('pace_ahead')})(?:{pace})",
        "on_pace": f"(?:{lex.alternation('pace_on')}){_Q}(?:{pace}){_QE}",
        "completed": _COMPLETED_GRAMMAR,
        "pending": PENDING_GRAMMAR,
        "blocked": BLOCKED_GRAMMAR,
    }
    verdicts = []
    for status in _VERDICT_ORDER:
        alts = [a for a in (grammar.get(status), lex.alternation("verdict", status)) if a and a != "(?!)"]
        tail = r"(?!(?:进度|要求)?的)" + (_NOT_DONE_YET if status == "completed" else "") \
            + (NOT_A_NOUN if status == "pending" else "")  # 待审批事项: a noun, no wait
        verdicts.append((status, re.compile("(?:" + "|".join(alts) + ")" + tail)))
    growth_words = lex.alternation("growth_up") + "|" + lex.alternation("growth_down")
    cmp_words = lex.alternation("comparison_up") + "|" + lex.alternation("comparison_down")
    base = lex.alternation("comparison_base")
    return Rules(
        verdicts=tuple(verdicts),
        half=re.compile(f"(?:{lex.alternation('half')}|{_HALF_GRAMMAR})"),
        half_share={p: Decimal(m) for p, m in lex.meaning_of("half").items()},
        growth=re.compile(rf"(?:同比|较上年|比上年)?(?P<word>{growth_words})\s*(?:为|达到?|了)?\s*(?P<val>{_NUM})\s*%"),
        growth_down=frozenset(lex.phrases("growth_down")),
        comparison=re.compile(
            rf"(?P<dir>{cmp_words})(?P<base>{base})(?:平均)?(?:水平)?(?:增幅|增速|平均水平)?"
            rf"|(?:比|较)(?P<base2>{base})(?:平均)?(?:水平)?(?:增幅|增速)?(?P<dir2>高|低|快|慢|多|少)"
            rf"|与(?P<base3>{base})(?:平均)?(?:水平)?(?:增幅|增速)?(?P<dir3>持平)"),
        comparison_up=frozenset(lex.phrases("comparison_up")) | {"高", "快", "多"},
        base_meaning=lex.meaning_of("comparison_base"),
        # an event word before 前/之前/以前 dates something else (开工前各项准备工作), one before a preparation's
        # noun names that preparation (开业筹备, 开业倒计时, 竣工验收资料): neither is the event
        deliverable=re.compile(f"(?:{lex.alternation('deliverable')}|{_APPROVED_BY}|{_ACCEPTED_BY}|{_ALL_WORKS})(?!(?:之|以)?前(?=的|各|准备|期|手续|相关|所需|必须|工作)|准备|手续|条件|方案|计划|后|率|调试|测试|试验"
                               # the event's papers (竣工验收备案资料, 竣工结算): a paperwork step, no event
                               "|[^,，;；。|]{0,4}?(?:资料|材料)|结算|决算"
                               "|仪式筹备|筹备|倒计时|资料|材料|预验收|初验)"),
        deliverable_meaning=lex.meaning_of("deliverable"),
        # the verbs of putting a thing to use (signal … use): an event when an attainment mark says so
        operation=re.compile(f"(?:{lex.alternation('signal', 'use')}){NOUN_TAIL}"),
    )


def _finding(layout: Layout, kind: str, start: int, end: int, **kw) -> Finding:
    a, b = layout.around(start, end)
    return Finding(kind, start, end, layout.sentence_of(start), layout.text[a:b],
                   modality=layout.modality_at(start), **kw)


def find_verdicts(progress: str, layout: Layout | None = None, lex: Lexicon | None = None) -> list[Finding]:
    """Verdict phrases in order of appearance; a behind phrase masks the on-pace words inside it.

    A completed, ahead or on-pace verdict in a forecast clause (预计9月底前完成年度任务) is kept as a
    forecast; in an intention or condition clause (确保完成, 力争达到序时进度) it is no verdict at all.
    """
    layout = layout or Layout(progress, lex)
    r = rules(lex or load_lexicon())
    taken = bytearray(len(progress))
    out: list[Finding] = []
    seen: set[tuple[str, int]] = set()
    for status, rx in r.verdicts:
        for m in rx.finditer(progress):
            if any(taken[m.start():m.end()]):
                continue
            mod = layout.modality_at(m.start())
            if status in ("completed", "on_pace", "ahead", "behind") and mod in ("intention", "condition"):
                continue
            a, _ = layout.around(m.start(), m.end())
            if status == "pending" and mod == "intention" and (_SUBMIT.search(m.group())
                                                               or _OWN_WORK.search(progress, a, m.end())):
                # 拟于三季度提请…审议: nothing submitted yet; 下一步将做好年度认定工作: the city's own
                # work to come (拟于明年初正式命名 is awaited)
                continue
            if status == "blocked" and _CAUSE.search(progress, a, m.start()):
                continue  # 主要因雨雪天气导致部分项目复工推迟: a cause of a lag, not a halt of the task
            slip = status == "blocked" and SLIP_WORDS.match(m.group()) \
                and not AUTHORITY_ACT.search(layout.sentence_text(layout.sentence_of(m.start())))
            if slip and not LATER_YEAR.search(m.group()):
                continue  # 受用地影响，开工推迟至10月: a slip of the works, no halt (a deliverable's lateness)
            if m.group().startswith("任务") and _PERIOD_BASE.search(progress, a, m.start()):
                continue  # 一季度目标任务已完成: a period's own work done, not the year's
            obj = (m.groupdict().get("haltobj") or "") if status == "blocked" else ""
            if obj and not halted_by_authority(_label_before(layout, m.start(), -1), progress[a:m.start()]):
                continue  # 因连续降雨暂缓开展集中清理: a pause, no authority's halt
            if (status, a) in seen:
                continue  # two phrases of one clause (待省厅验收 … 每年年底认定) are one verdict
            seen.add((status, a))
            # 因铁塔公司投资计划调整，该项任务推迟至明年实施: not done this year (behind, when it is the task's:
            # helpers.judge.parts; a year by number is after the report's only if helpers.judge.parts says so)
            out.append(_finding(layout, "verdict", m.start(), m.end(), status="behind" if slip else status,
                                later=bool(slip), halt_object=obj))
            taken[m.start():m.end()] = b"\1" * (m.end() - m.start())
    return sorted(out, key=lambda f: f.start)


def _label_before(layout: Layout, pos: int, floor: int) -> str:
    """Text from the start of the sentence (or the previous finding, `floor` ≥ 0) up to pos."""
    return layout.text[max(layout.sentence_start(layout.sentence_of(pos)), floor):pos]


# stated completion ratios against the annual target or plan (docs/judging.md, rule 2)
STATED_RATIOS: tuple[re.Pattern, ...] = (
    # …完成目标的1.2倍, 超过年度目标任务的一半, 相当于全年计划的2/3: a multiple only after the target
    re.compile(r"(?:占|为|是|完成|达到|达|超过|超出|接近|相当于)(?P<what>[^,,;;。的|]{0,14}?(?:目标|计划|预算|任务|序时进度|时序进度|时间进度))"
               r"(?:[^,,;;。的%|]{0,12}?的|\s*)" + rf"(?:{_SHARE}|(?P<multiple>{MULTIPLE_WORD}))"),
    # 就业任务完成近六成, 年度目标已完成52.3%: the target, then its completion and a share
    re.compile(r"(?P<what>目标|计划|任务)(?:已经?|均已)?(?:完成|达到?|实现)了?" + _SHARE),
    # 已建成村级综合服务社区近六成: a done verb, what it counts, then a share in words
    re.compile(r"(?:已|累计|共)(?:完成|建成|完工|竣工|开工|改造|新建)(?P<what>[^,,;;。的%|\d]{0,14}?)(?P<word>"
               + SHARE_WORD + ")"),
    # a share standing as a clause of its own, said of the task (不足三成,主要受汛期影响)
    re.compile(r"(?:^|(?<=[,,;;。\s|]))(?:目前|仅|约|已)?(?P<word>" + SHARE_WORD + r")(?=$|[,,;;。|])"),
    # or the verb opening its clause (截至9月底，完成村庄规划编制不足三成); 完成全年任务过半 is a half
    re.compile(r"(?:^|(?<=[,,;;。\s|]))(?:全市|全县|我市|目前|累计)?(?:完成|建成|完工|竣工|开工|改造|新建|新增)"
               r"(?P<what>[^,,;;。的%|\d]{1,14}?)(?P<word>" + SHARE_WORD + ")(?<!过半)(?<!大半)"),
    # 完成率达62%, 目标完成度约为六成, 改造进度仅为30%: the rate's noun, an adverb, a verb, then the share
    re.compile(r"(?P<what>年度目标|年度计划投资|年度计划|投资|建设|(?:[一二三四]|前三)季度目标|上半年目标|目标)?完成(?:率|度)"
               + _RATE_TO + _SHARE),
    re.compile(r"(?P<what>总体建设|总体|建设)?(?<!序时)(?<!时间)(?<!时序)进度(?:已完成|" + _RATE_TO + ")" + _SHARE),
    # 已进场施工,完成60% (or 完成六成); 实际完成65%; 项目整体完成60%
    re.compile(r"(?:已|实际|整体|总体|累计|共|目前|(?:^|(?<=[,,;;。\s|])))完成\s*" + _SHARE),
    re.compile(r"已完成\d+(?:\.\d+)?[个条家户项所]\(" + _PCT + r"\)"),
    # a share by the measure the target counts (按发证口径计完成六成多, 按竣工口径统计完成约四成): the task's own
    re.compile(r"(?:^|(?<=[,,;;。\s|]))按[^,,;;。|\d]{1,8}?口径(?:计算?|统计|测算)?[,,]?(?:已|累计|共)?完成"
               r"(?P<what>[^,,;;。的%|\d]{0,14}?)(?:约|近|仅)?" + _SHARE),
)
# a ratio of a design quantity or of a rate is not progress on the year's target
#: 总工程量, 总投资: a share of a project's works over however many years, not of the year's target
_RATIO_EXCLUDE = re.compile(r"设计总量|开工率|覆盖率|总工程量|工程总量|总投资")
#: a plan or ratio over several years (三年行动, 示范期内), not the year's
MULTI_YEAR = re.compile(r"三年|五年|示范期|期内")
#: a quarter's or half-year's own target (一季度目标): compared on its own when the annual is not given
_PERIOD_BASE = re.compile(r"(?:[一二三四]|第[一二三四]|前三)季度|上半年|\d{1,2}月(?:份)?(?:目标|任务|计划)|月度")
_ANNUAL_BASE = re.compile(r"全年|年度|年初")
_PACE_BASE = re.compile(r"(?:序时|时序|时间)(?:进度)?(?:任务)?(?:完成率|的)")


def find_stated_ratios(progress: str, layout: Layout | None = None) -> list[Finding]:
    """Completion ratios against the year's target or plan (or a period's own target), as fractions."""
    layout = layout or Layout(progress)
    hits: dict[int, Finding] = {}
    for rx in STATED_RATIOS:
        for m in rx.finditer(progress):
            a, _ = layout.around(m.start(), m.end())
            clause = progress[a:m.end()]
            if _RATIO_EXCLUDE.search(clause) or MULTI_YEAR.search(clause):
                continue
            start = next(m.start(g) for g in ("pct", "word", "multiple") if m.groupdict().get(g))
            if start in hits:
                continue
            what = m.groupdict().get("what") or ""
            if OTHER_MEASURE.search(what) or CHANGE_BEFORE.search(progress, a, start) or of_a_named_whole(what):
                continue  # 已建成厂房出租率为87%, 目标【下降1.6%】: a rate or a change, in any number form, no share
            # 序时进度完成率104%, 完成序时进度的104%: a share of the pace, met or missed like a period's target
            period_target = bool(_PERIOD_BASE.search(what) and not _ANNUAL_BASE.search(what)) \
                or bool(_PACE_BASE.search(progress, max(a, m.start() - 8), start))
            if not what and re.search(r"(?:[一二三四]|第[一二三四])季度[^,,;;。|]{0,6}$", progress[a:m.start()]) \
                    and "完成率" in m.group():
                continue  # 第二季度督导完成率96.21%: a quarter's own work, not the year's target
            f = _share_finding(layout, m, period_target)
            if f is not None:
                hits[start] = f
    out = sorted(hits.values(), key=lambda f: f.start)
    floor = 0
    for f in out:
        f.label = _label_before(layout, f.start, floor) + progress[f.start:f.end]
        floor = f.end
    return out


def _share_finding(layout: Layout, m: re.Match, period_target: bool) -> Finding | None:
    """The stated ratio of a match: a percentage, or a share in words with the range it allows."""
    word = m.groupdict().get("word") or ""
    pct = m.groupdict().get("pct") or (word[:-1] if PLAIN_PCT.fullmatch(word) else None)
    if pct:  # a plain percentage is exact: no range of words
        return _finding(layout, "stated_ratio", m.start(), m.end(), value=Decimal(pct) / 100,
                        period_target=period_target)
    share = parse_share(m["word"] or m.groupdict().get("multiple"))
    if share is None:
        return None
    return _finding(layout, "stated_ratio", m.start(), m.end(), value=share.value, period_target=period_target,
                    share_range=(share.low, share.high))


def find_halves(progress: str, layout: Layout, verdicts: list[Finding], lex: Lexicon) -> list[Finding]:
    """完成全年任务过半: a share of at least one half, read as a ratio (never as completed)."""
    r = rules(lex)
    starts = [v.start for v in verdicts]  # sorted, and verdicts never overlap
    out = []
    for m in r.half.finditer(progress):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < verdicts[i].end:
            continue  # inside 时间过半、任务过半, a verdict already
        f = _finding(layout, "half", m.start(), m.end(), value=r.half_share.get(m.group(), _HALF))
        f.label = _label_before(layout, m.start(), 0) + m.group()
        out.append(f)
    return out


def find_growths(progress: str, layout: Layout, lex: Lexicon) -> list[Finding]:
    """Achieved growth rates (percent, negative for 下降/降低) with the text before them as label."""
    r = rules(lex)
    out = []
    floor = 0
    for m in r.growth.finditer(progress):
        if progress.endswith("环比", 0, m.start()):
            continue  # month on month: never the year's growth
        val = Decimal(m["val"])
        if m["word"] in r.growth_down:
            val = -val
        # its own clause names what grew (填报企业数较上年增长16.2%); a bare 增长5.5% takes the text before
        own = progress[layout.around(m.start(), m.end(), fine=True)[0]:m.start()]
        subject = re.sub(r"同比|较上年|比上年|同期|累计|\d+\s*[-—~至]?\s*\d*月|上半年|[一二三四]季度|全市|我市|[,,、 ]", "", own)
        label = own if len(subject) >= 3 else _label_before(layout, m.start(), floor)
        f = _finding(layout, "growth", m.start(), m.end(), value=val, unit="%", label=label)
        out.append(f)
        floor = m.end()
    return out


def find_comparisons(progress: str, layout: Layout, lex: Lexicon) -> list[Finding]:
    """高于/低于/高出全省…, 比全省平均高…: a comparison stated in words, met when higher/faster."""
    r = rules(lex)
    out = []
    for m in r.comparison.finditer(progress):
        word = m["dir"] or m["dir2"] or m["dir3"]  # 持平: level with the base, so not higher
        base = r.base_meaning.get(m["base"] or m["base2"] or m["base3"], "")
        f = _finding(layout, "comparison", m.start(), m.end(), met=word in r.comparison_up, meaning=base)
        out.append(f)
    return out


#: a date a deferral names (延期至明年, 推迟到10月底, 顺延至2025年一季度)
_WHEN = (rf"(?:20\d\d年度?|{NEXT_YEAR}|今年|年内)?(?:[一二三四]季度|上半年|下半年|年底|年末|年初|年中|[春夏秋冬]季|汛期|汛后"
         r"|\d{1,2}月(?:份|底|初|末|中旬|下旬|上旬)?)?(?:前|内|后)?")
#: (改在2025年一季度召开, 改期至10月举办: the date moved, as 推迟至 moves it)
_DEFER = re.compile(rf"(?P<verb>{HALT}|不再|延后|顺延|推延|改期|改在|改于|改到|改至)(?:至|到)?(?P<when>{_WHEN})(?:正式|全面|如期|再|才能)?$")
_DEFER_VERBS = re.compile(r"延期|推迟|延后|顺延|推延|调整|延|改")
_NEXT_YEAR = re.compile(NEXT_YEAR)
#: a date in a later year than this (明年, 次年, 2025年): a slip to it leaves the year's work undone
LATER_YEAR = re.compile(rf"{NEXT_YEAR}|(?P<y>20\d\d)年")
#: who defers by decision (民航主管部门通知…延期): a halt by an authority, not a slip of the works
_NEGATED = re.compile(r"(?:未|没有|不|未能|无法|不能)(?:正式|全面|如期)?$")
#: what may happen once something else has (公示期结束后即可进场, 验收后方可投用): not happened yet
_CAN = re.compile(r"(?:即可|方可|才能|才可|可以|将可|可望)(?:正式|全面)?$")
#: an operation verb used as a noun's first half (办公楼, 运行机制, 营业收入) is no event
NOUN_TAIL = (r"(?!楼|室|用房|场所|区|设备|机制|管理|维护|情况|监测|费|成本|模式|体系|效率|收入|额|时间|经费|保障"
              r"|影响|评价|评估|论证|条件|能力|测试|调试|试验|方案|手续|许可|证|安全|标准)")
#: an attainment mark for an operation verb: in its clause (正式, 已, 顺利) or a start date in its
#: sentence (3月18日起, 5月10日起，…每日开行)
_ATTAINED = re.compile(r"正式|已经?|顺利|全面|均|开始|首发|首班|首航|于\d{1,2}月")
_STARTED_ON = re.compile(r"\d{1,2}(?:月|日)(?:份)?起")
_OTHER_VERB = re.compile(r"完成|开展|进行|编制|制定|启动|推进|筹备|做好|研究|谋划|部署|建立|组织|调试|测试")


#: the event's date moved after it: 投用时间顺延至明年5月, 开通日期推迟到10月
_DEFERRED_AFTER = re.compile(rf"(?:时间|日期|节点|工期)?(?:将|已|被|需)?(?P<verb>延期|推迟|延后|顺延|推延|调整|延)(?:至|到|为)"
                             rf"(?P<when>{_WHEN})")


def _event_status(before: str, sentence: str, after: str = "") -> tuple[str, bool]:
    """(status, deferred to next year) of an event from the words before it in its clause (and a
    deferral of its date right after it)."""
    d = _DEFER.search(before) or _DEFERRED_AFTER.match(after)
    if d:
        if _DEFER_VERBS.search(d["verb"]) and d["when"]:
            # deferred to a date: not done; by an authority's decision it is a halt
            later = bool(_NEXT_YEAR.search(d["when"]))  # a year by number: helpers.judge.matching, which knows it
            return ("halted" if AUTHORITY_ACT.search(sentence) else "deferred"), later
        return "halted", False  # 暂缓开工, 取消举办: the event was called off
    if _NEGATED.search(before) or AWAITED.search(before) or _CAN.search(before) or "原定" in before or "原计划" in before:
        return "not_done", False  # 尚未投入使用, 年内未能开工, 待…批复同意, 原定5月举办的: not happened
    if STAGE_OF_WORKS.search(before):
        return "partial", False  # 主体工程已完工: a stage of the deliverable, not all of it
    return "completed", False


def find_deliverables(progress: str, layout: Layout, lex: Lexicon) -> list[Finding]:
    """Deliverable events (开工, 竣工, 建成, 通车, 印发 …) with their meaning and modality; operation
    verbs (对外办公, 开行, 运行) count as a finish when an attainment mark says they began."""
    r = rules(lex)
    out = []
    for m in r.deliverable.finditer(progress):
        a, b = layout.around(m.start(), m.end())
        sentence = progress[layout.sentence_start(layout.sentence_of(m.start())):m.start()]
        status, later = _event_status(progress[a:m.start()], sentence, progress[m.end():b])
        # else 获省政府批复: an approval obtained, or 完成全部建设内容: the works finished
        meaning = r.deliverable_meaning.get(m.group(), "finish" if re.fullmatch(f"{_ALL_WORKS}|{_ACCEPTED_BY}", m.group())
                                            else "approve")
        out.append(_finding(layout, "deliverable", m.start(), m.end(), meaning=meaning,
                            status=status, later=later))
    for m in _CEREMONY.finditer(progress):
        a, _ = layout.around(m.start(), m.end())
        if not _NEGATED.search(progress[a:m.start()]):
            out.append(_finding(layout, "deliverable", m.start(), m.end("ev"), status="completed",
                                meaning=_CEREMONY_MEANING.get(m["ev"], "finish")))
    taken = sorted(f.start for f in out)
    for m in r.operation.finditer(progress):
        a, _ = layout.around(m.start(), m.end(), fine=True)  # 已完成备案、通航影响评价: 已 is not its mark
        s0 = layout.sentence_start(layout.sentence_of(m.start()))
        before = progress[a:m.start()]
        i = bisect_left(taken, a)
        marks = list(_ATTAINED.finditer(before))
        # the mark governs the verb: no other verb between (已完成运行环境部署: 已 marks 完成)
        attained = bool(marks) and not _OTHER_VERB.search(before, marks[-1].end())
        if (i < len(taken) and taken[i] < m.end()) or _NEGATED.search(before) \
                or not (attained or (_STARTED_ON.search(progress, s0, m.start()) and not _OTHER_VERB.search(before))):
            continue  # an event word of the clause already speaks, or nothing says it began
        out.append(_finding(layout, "deliverable", m.start(), m.end(), meaning="finish", status="completed"))
    return sorted(out, key=lambda f: f.start)


#: a level reached, also by a verb of change to it (提升至76.2%, 降至3.1%: the level, not a growth)
#: (a share of a whole — 小区312个，占全部小区的91.5% — and a level reached — …全部按标准地出让，实现100% — too)
_LEVEL_ACTUAL = re.compile(r"(?:为|达到?|是|占|(?:稳定|保持|控制)在|(?:提高|提升|上升|增加|下降|降低|减少)(?:至|到)|[升增降]至"
                           r"|占(?:全部|全市|全区|全县|所有|总)[^,，;；。\d%]{0,10}的|(?<![增下])实现"
                           r"|(?<=[率重例比]))\s*(?P<val>\d+(?:\.\d+)?)\s*%")


def find_levels(progress: str, layout: Layout) -> list[Finding]:
    """Level figures (…率为77.5%, 比重为46.3%) with the clause before them as label."""
    out = []
    for m in _LEVEL_ACTUAL.finditer(progress):
        a, _ = layout.around(m.start(), m.end())
        if "目标" in progress[a:m.start()]:
            continue
        if not progress[a:m.start()].strip() and layout.sents:
            a = layout.sents[layout.sentence_of(a)][0]  # 占全部小区的91.5%: of what the sentence names before
        f = _finding(layout, "actual", m.start(), m.end(), value=Decimal(m["val"]), unit="%",
                     label=progress[a:m.start()])
        out.append(f)
    return out


_RANK = re.compile(r"(?:居|位列|位居|排名|排|列|居于|名列)(?:全省|全国|全市)?(?:第)(?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})(?:位|名)")


def ordinal(n: str) -> int:
    """'3', '三', '两' or '二十三' → the whole number (cn2an's numeral grammar, via parse_number)."""
    return int(parse_number(n))


def find_ranks(progress: str, layout: Layout) -> list[Finding]:
    """Ranks reached (居全省第3位, 位列第4位), value = the place, with the text before as label."""
    out = []
    for m in _RANK.finditer(progress):
        f = _finding(layout, "rank", m.start(), m.end(), value=Decimal(ordinal(m["n"])),
                     label=_label_before(layout, m.start(), 0))
        out.append(f)
    return out


def unused_numbers(progress: str, layout: Layout, limit: int = 6) -> list[str]:
    """Clauses with percent figures (for the review list when no rule settled a task); at most `limit`."""
    out: list[str] = []
    for m in ANY_PERCENT.finditer(progress):
        a, b = layout.around(m.start(), m.end(), fine=True)
        clause = progress[a:b].strip()
        if clause not in out:
            out.append(clause)
            if len(out) >= limit:
                break
    return out
