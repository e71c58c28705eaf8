"""The figures of a progress text: each quantity read as a result (an actual) or as a plan, a
quota, a projection, a restated target, candidates or the past (step 2 of helpers.judge.parts);
which figure measures which part is helpers.judge.actuals'."""

from __future__ import annotations

import re
from decimal import Decimal

from helpers.judge.clauses import OPENS_BREAKDOWN, Layout, is_result
from helpers.judge.findings import PRELIMINARY, Finding, _finding
from helpers.judge.quantities import SHARE_UNITS, approx_range, elided_quantities, find_quantities, parse_number

_PRELIMINARY_RX = re.compile(PRELIMINARY)

# what marks a figure in the progress text as a plan or a restated target rather than an actual
_PLAN_MARK = re.compile(r"计划|任务为|目标为|目标任务(?!的)|预计|力争|确保|拟|^\s*(?:全年|年度|今年)?目标"
                        r"|(?:调减|调增|调整|下调|上调|核减|核增|压减)(?:后的?)?(?:年度|全年)?(?:建设)?(?:目标|任务|计划)?"
                        r"(?:数)?(?:为|至|到)$")
#: a quota or allocation handed down (下达…指标, 建设指标94个, 额度): a result only for a task to obtain it
_QUOTA = re.compile(r"(?:指标|额度|下达[^,,;;。]{0,10}|分配[^,,;;。]{0,6})$")
#: the year's task handed down, however long the words between (省里已下达我市2024年度重大项目建设任务100个;
#: 省下达我市年度争取到中央预算内投资任务21亿元): a target restated, no result even for a task to obtain
_TASK_HANDED_DOWN = re.compile(r"(?:下达|分解|分配)[^,,;;。]{0,24}?(?:任务|计划)(?:数|量)?(?:为|是)?\s*$")
#: funds allocated by a higher authority (下达我市中央预算内投资计划6.9亿元, 下达…专项资金计划): a quota granted —
#: the result of a task to obtain it, nothing done for any other
_FUNDS_ALLOCATED = re.compile(r"下达[^,;。]{0,24}?(?:投资|资金)计划\s*$")
_PROJECTION = re.compile(r"预计|确保全年|有望|预期")
#: a budget's amount (采购预算金额18.7亿元, 预算总额为41亿元): what was planned to be spent, no result
#: (一般公共预算收入 is revenue collected: a result)
_BUDGET = re.compile(r"预算(?:金额|总额|额|规模)(?:为|达到?|共计|合计)?\s*$")
#: a figure of candidates or of the past is no result: 推荐7家, 入库培育企业150家, 储备项目, 去年同期 (a reserve
#: that is a thing — 国家储备林, 储备粮, 储备土地 — is counted as any thing)
_NOT_ACTUAL = re.compile(r"不含|年初|历年|去年同期|较上年|比上年|同比|总投资")
#: …and candidates (推荐, 申报, 谋划, 储备项目, 意向, 在谈): the result of a target that is that very act only
#: (谋划储备重大项目120个, 防汛抗旱物资储备价值达到5000万元), nothing done for any other
_CANDIDATE_ACT = re.compile(r"推荐|入库培育|培育库|储备(?!林|粮|土地|用地)|申报|谋划|意向|在谈|洽谈")
#: the figure's own verb after it makes it a count of candidates (组织32家企业开展申报): no result
_CANDIDATES_AFTER = re.compile(r"[^,,;;。、\d]{0,10}?(?:申报|参评|入库|报名|辅导|候选)(?!成功|获批|通过|认定)")
#: 新增入库项目23个 enter a pool (a result only for a target of entries); firms (家) enter the statistics, and
#: money (元) the treasury (非税收入入库19.6亿元: revenue collected)
_ENTERED = re.compile(r"入库")
#: counts of supervision work (督查农贸市场25个, 召开会议3次) measure nothing (DOMAIN rule 4)
_ACTIVITY = re.compile(r"督查|检查|排查|巡查|调度|召开|走访|座谈|暗访|督导|调研|约谈|核实|核查|清查|摸底|协助|帮助|指导|辅导|对接")
#: 37项颗粒化改革任务(完成19项): the count of the year's tasks, a plan the next figure is measured against
#: (20个示范村已完成创建任务, 1800户改厕任务已全部完成 report them done: a done mark before or after 任务)
_COUNT_OF_TASKS = re.compile(r"(?:(?!已|完成)[^,,;;。、\d()()]){0,10}任务(?!清单)"
                             r"(?!(?:已经?|均已|都已)?(?:于[^,;。]{1,10}?)?(?:全部|全面|全数|按期|如期|提前|顺利)?(?:完成|竣工|完工|销号)(?![\d一二三四五六七八九十]))")


#: the year's task restated with its figure (今年高标准农田建设任务8万亩, 年度任务量为1200户): a plan,
#: unless a done verb says the task's figure was reached (已完成年度造林任务5.2万亩)
_TASK_BEFORE = re.compile(r"任务(?:量|数)?(?:为|是)?\s*$")
_DONE_BEFORE = re.compile(r"已|完成|实现|累计|达到?")
#: the year's task said done right before its count (叶集区:已全部完成年度6条治理任务): a result
_DONE_RIGHT_BEFORE = re.compile(r"(?:已|均已|全部|全面|提前|超额)+完成(?:了)?(?:全年|年度|今年)?\s*$")


#: a fraction before a quantity: 12/20个 (the 20 carries the unit and magnitude of both)
_FRACTION = re.compile(r"(?P<a>\d+(?:\.\d+)?)\s*/\s*$")


#: the city's entrants on a list (我市4家企业入选, 我县1个镇上榜): they count what the list names
_ENTERED_A_LIST = re.compile(r"[^,,;;。\d]{0,6}?(?:入选|上榜|入围|获评)")
#: the list named before them in the sentence (第六批国家级“小巨人”企业名单已公示; …认定名单中): its words, up to 名单
_LIST_NAMED = re.compile(r"(?P<what>[^,,;;。]{2,30}?)(?:拟?(?:认定|命名|建设|创建|公示|公布))?名单")


def enters_a_list(text: str, end: int, stop: int) -> bool:
    """我市4个平台入选: the things a figure counts entered a list (a result, not the target restated)."""
    return bool(_ENTERED_A_LIST.match(text, end, stop))


def _on_a_list(progress: str, layout: Layout, start: int, end: int, lb: int) -> str:
    """第六批国家级“小巨人”企业名单已公示，我市4家企业入选: the words of the list the figure's things entered (the
    label's noun is 企业 alone), or nothing when the figure enters no list named in its sentence."""
    if not enters_a_list(progress, end, lb):
        return ""
    named = list(_LIST_NAMED.finditer(progress, layout.sentence_start(layout.sentence_of(start)), start))
    return named[-1]["what"] + "," if named else ""


def find_actuals(progress: str, layout: Layout) -> tuple[list[Finding], list[Finding]]:
    """Quantities in the progress text, split into actuals and plans (计划…/任务为…/预计…)."""
    actuals, plans = [], []
    for q in sorted(find_quantities(progress) + elided_quantities(progress), key=lambda q: q.start):
        if q.unit in SHARE_UNITS or progress[max(0, q.start - 1):q.start] == "第":
            continue  # 居全省第3位 is a place, not a count
        done = _FRACTION.search(progress, max(0, q.start - 12), q.start)
        if done and re.match(r"\d", q.raw):  # 已完成12/20个: 12 done of the 20 planned (1.2/2万亩: one magnitude)
            scale = q.value / parse_number(re.match(r"[\d,]+(?:\.\d+)?", q.raw).group().replace(",", ""))
            f = _finding(layout, "actual", done.start(), q.start, value=Decimal(done["a"]) * scale,
                         unit=q.unit, label=progress[layout.around(q.start, q.end, fine=True)[0]:done.start()])
            actuals.append(f)
            plans.append(_finding(layout, "inline_plan", q.start, q.end, value=q.value, unit=q.unit, label=f.label))
            continue
        a, _ = layout.around(q.start, q.end)
        la, lb = layout.around(q.start, q.end, fine=True)  # 142户…、10户… are told apart
        before = progress[a:q.start]
        f = _finding(layout, "actual", q.start, q.end, value=q.value, unit=q.unit,
                     label=_on_a_list(progress, layout, q.start, q.end, lb) + progress[la:q.start] + progress[q.end:lb],
                     share_range=approx_range(q, progress[max(0, q.start - 4):q.start], progress[q.end:q.end + 2]))
        if progress[max(0, q.start - 4):q.start].endswith(("(任务为", "(任务", "(目标")):
            f.kind = "inline_plan"  # 累计减排11946吨(任务为8947吨): the plan of the figure before it
            plans.append(f)
        elif re.search(r"预计年度", before):
            f.kind = "plan"  # 预计年度体检16万人次: the year's planned volume, measured by what is done
            plans.append(f)
        elif f.modality == "forecast" or _PROJECTION.search(before):
            f.kind = "projection"
            plans.append(f)
        elif (_QUOTA.search(before) and not _TASK_HANDED_DOWN.search(before)) or _FUNDS_ALLOCATED.search(before):
            f.kind = "quota"  # 新增省级中心村建设指标94个: handed down, nothing done yet
            plans.append(f)
        elif _PLAN_MARK.search(before) or _TASK_HANDED_DOWN.search(before) or _BUDGET.search(before) \
                or (_COUNT_OF_TASKS.match(progress, q.end) and not _DONE_RIGHT_BEFORE.search(before)) \
                or not is_result(f.modality) \
                or (_TASK_BEFORE.search(before) and not _DONE_BEFORE.search(before)) \
                or (OPENS_BREAKDOWN.match(before) and plans and plans[-1].sentence == f.sentence
                    and plans[-1].kind == "plan"):
            # 年度计划造林5.5万亩，其中春季完成3万亩: the breakdown of a plan is the plan's
            f.kind = "plan"
            plans.append(f)
        elif (act := _CANDIDATE_ACT.search(before)) and not _NOT_ACTUAL.search(before):
            f.kind, f.meaning = "candidates", act.group()
            plans.append(f)  # 新谋划储备重大项目84个: a result only of a target naming that act (actuals._candidates)
        elif not _NOT_ACTUAL.search(before) and not _CANDIDATES_AFTER.match(progress, q.end, lb):
            # counts of supervision or of a preliminary step (督查25个, 完成设计招标78个) are kept
            # for a target that counts that very work, and measure nothing else
            work = _ACTIVITY.search(progress[la:q.start]) or _PRELIMINARY_RX.search(progress[la:q.start]) \
                or (q.unit not in ("家", "元") and _ENTERED.search(progress[la:q.start]))
            f.meaning = work.group() if work else ""
            actuals.append(f)
    return actuals, plans
