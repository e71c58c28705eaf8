"""Whose result a finding is: this year's task, another year's batch, or a part of the task.

Two constructions, applied to the findings of one progress text before any part takes them:

- **another year**: a clause about a batch or a figure of another year (2023年度结转的156户,
  上年度, 去年) says nothing of this year's target; its findings become `past` (not results);
- **a part, not the task**: a completion said of one district, batch or project (城区…保交楼任务
  全部完成) while the text reports remaining work (剩余, 尚有, 计划…前交付), or said of an object
  the task does not name (完成年度6070户适老化改造任务 for 健全养老服务体系), is `part`: it
  completes nothing of the task; with remaining work reported the task is flagged.
"""

from __future__ import annotations

import re

from helpers.judge.clauses import OPENS_BREAKDOWN
from helpers.judge.evidence import Evidence, Part
from helpers.judge.quantities import find_quantities
from helpers.judge.findings import NEXT_YEAR
from helpers.judge.subjects import refers_to_task, subject_of
from helpers.judge.targets import bigrams, overlap
from helpers.statuses import review_reason

_YEAR = re.compile(r"(?<![较比与和])(?P<y>20\d\d)年(?!同期|底|末|以来)")
#: a batch or plan of another year: 2023年度…, 结转, 上年度 (上年排查发现的问题 only says when they were found)
#: (2023年第二批…任务, 2023年下达的…: a year's batch or quota in other words)
_BATCH_YEAR = re.compile(r"(?<![较比与和])(?P<y>20\d\d)年(?:度|(?=第[一二三四五六七八九十\d]+批|下达|[^\d月,;。]{0,8}?任务))")
#: (结转明年 carries the rest forward: remaining work, not a batch of the past)
#: (去年同期, 上年同期 opening a clause are last year's figure — 去年同期全市…就业率为95.6% —, after 较, 比 a base)
_OTHER_YEAR = re.compile(rf"结转(?!(?:至|到)?(?:{NEXT_YEAR}|20\d\d年))|(?<![比较与和同])上一?年度|往年"
                         r"|(?<![比较与和同])去年(?!同期|底|末|以来)|(?:^|(?<=[,，;；。\s]))(?:去年|上年)同期")
#: a year named as a whole (2023年全县…; 2023年上半年), not a date in it (2023年11月) nor a comparison (较2023年)
_WHOLE_YEAR = re.compile(r"(?<![较比与和同\d])(?P<y>20\d\d)年(?!\d|[一二三四五六七八九十]+月|同期|底|末|以来|起|初)")
_PAREN = re.compile(r"[(（][^()（）]*[)）]")
_INCLUDES = re.compile(r"\s*(?:含|包括|其中)")
#: a span of this year's own opening a figure's clause (今年, 1-9月, 上半年, 一季度)
_THIS_YEAR = re.compile(r"今年|本年|年内|\d{1,2}\s*[-—~至]\s*\d{1,2}月|上半年|前三季度|[一二三四]季度")
#: remaining work reported: the rest is still to do, or is planned for later
REMAINING = re.compile(r"剩余|尚有|尚余|还剩|(?:还有|另有|仍有)\d|(?:其余|其他)[^,;。]{0,16}(?:正在|未|尚|仍)"
                       rf"|结转(?:至|到)?(?:{NEXT_YEAR}|20\d\d年)"
                       r"|尚未(?:完成|交付|竣工|开工|建成)|尚需完成"
                       r"|计划(?:于)?(?:20\d\d年|\d{1,2}月)[^,;。]{0,8}(?:完成|交付|竣工|完工|建成|投用)")
#: what a completion verdict says was completed: 完成年度(6070户适老化改造)任务
_OBJECT = re.compile(r"完成(?:了)?(?:全年|年度)?(?P<obj>[^,;。]{2,14}?)(?:目标)?任务")


#: a ratio of a part's own quota (完成区级任务的105%, 完成市本级任务的103.5%, 本县年度目标)
_PART_QUOTA = re.compile(r"(?P<level>区级|县级|镇级|乡级|市本级|县本级|区本级|本县|本区|本镇|全县|全区)"
                         r"[^,;。]{0,6}?(?:任务|目标|计划)")
#: a completion of one county's or district's own share (超额完成本县年度任务)
#: (全县 opening the sentence is the whole county a county's report speaks of, no part)
_OWN_PART = re.compile(r"本县|本区|该县|该区|本镇|^\s*(?!全县)[\u4e00-\u9fff]{1,3}县")
_GENERIC_OBJECT = re.compile(r"全年|年度|目标|各项|全部|既定|工作|的")


#: a county or district named as the subject (霍山县、金寨县任务已全部完成)
#: (opening the subject or a list of them: 老旧小区 is no place)
PLACE = re.compile(r"(?:^|(?<=[、和及与]))(?:[\u4e00-\u9fff]{2,3}县|[\u4e00-\u9fff]{2}(?<![院园校片社景厂矿营城该本新小街辖山湖库])区)"
                   r"(?![\u4e00-\u9fff]{0,2}(?:县区|各县))")


def _of_some_counties(ev: Evidence, pos: int, task: str) -> bool:
    """A completion said of a breakdown (其中…) or of named counties while the task is the city's."""
    a = ev.layout.around(pos, pos + 1)[0]
    if OPENS_BREAKDOWN.match(ev.layout.text, a, pos):
        return True
    return bool(PLACE.search(subject_of(ev, pos, clause_only=True))) and not PLACE.search(task)


def this_year(task: str, progress: str) -> int | None:
    """The report's year as its texts name it: the latest year the task or progress speaks of."""
    years = [int(m["y"]) for m in _YEAR.finditer(task + progress)]
    return max(years) if years else None


#: a batch the task names by its order, not its year (加快首批21个精品示范村建设)
_ORDERED_BATCH = re.compile(r"首批|第[一二三四五六七八九十\d]+批")


def _past(clause: str, year: int | None, task_years: set[int]) -> bool:
    """A clause about another year's batch: an earlier one (结转, 2023年度…) or a later one's quota
    (下达我市2025年度…任务) — unless the task itself names that year."""
    if _OTHER_YEAR.search(clause):
        return True
    if year is None:
        return False
    # 2023年全县新增家庭农场326家: a clause that names only earlier years (no month of one: 已于2023年11月开工 is
    # a date; 延期至2025年 a later one) is of the past, like a batch of it
    named = {int(m["y"]) for m in _WHOLE_YEAR.finditer(clause)}
    return any(int(m["y"]) != year and int(m["y"]) not in task_years for m in _BATCH_YEAR.finditer(clause)) \
        or bool(named) and max(named) < year and not named & task_years


#: a batch or phase opening a completion's clause (第一批1800户改厕任务已全部完成): a part of the task
_BATCH = re.compile(r"\s*(?:其中\s*,?\s*)?(?P<batch>首批|第[一二三四五六七八九十\d]批|[一二三四]期|第[一二三四]阶段)")
#: a count right after a completion (全部完成,约8000个; 均已完成,共计3200户)
_COUNT_AFTER = re.compile(r"[,，]?\s*(?:约|共|共计|计|合计|涉及)?\s*(?=\d)")


def _counts_a_part(ev: Evidence, v, targets: set) -> bool:
    """A completion that counts what it completed (城区道路泊位接入全部完成,约8000个) with a number
    that is not the task's target: it is that part's completion, not the task's."""
    text = ev.layout.text
    m = _COUNT_AFTER.match(text, v.end)
    if not m:
        return False
    q = next(iter(find_quantities(text[m.end():m.end() + 16])), None)
    return q is not None and q.start == 0 and q.value not in targets


def mark_scope(ev: Evidence, task: str, year: int | None = None) -> list[str]:
    """Set `past` and `part` on the findings they apply to; return the review reasons (a part done
    while remaining work is reported). `year` is the report's (else the latest the texts name)."""
    lay, text = ev.layout, ev.layout.text
    year = year or this_year(task, text)
    task_years = {int(m["y"]) for m in _BATCH_YEAR.finditer(task)}
    # (首批 in the task may be the very batch the text dates by its year: which figure is the task's
    # is the researcher's call, so the figures dated out are reported, not silently dropped)
    dated_batches: list[str] = []
    # a deliverable done in an earlier year is still done (已于2023年11月开工): events are not dated out
    # a year named at a sentence's head (2023年度21个精品示范村…,建设进度69.91%) dates its clauses
    # (only the head: a later clause's batch — …，另有上年度结转的3个完成验收 — dates its own figures, and a
    # clause with a span of this year's own — 今年新开工18个 — is this year's)
    # (a level too: 上年度…占比为64.8% is last year's level, no reading of this year's)
    for group in (ev.verdicts, ev.ratios, ev.halves, ev.actuals, ev.levels):
        for f in group:
            a, b = lay.around(f.start, f.end)
            if group is ev.verdicts:
                a, b = lay.sents[f.sentence] if lay.sents else (a, b)
            elif not _YEAR.search(text, a, b) and not _THIS_YEAR.search(text, a, f.start):
                a = lay.sents[f.sentence][0] if lay.sents else a
            # (含上年结转项目投资32亿元): a note in brackets dates only what it holds or the figure right before it
            clause = text[a:b]
            # (a note of a part it includes — 含…, 包括…, 其中… — dates nothing of the figure)
            held = _PAREN.sub(lambda m: m.group() if m.start() <= f.start - a < m.end()
                              or (m.start() >= f.end - a and not clause[f.end - a:m.start()].strip()
                                  and not _INCLUDES.match(m.group(), 1))
                              else "", clause)
            if _past(held, year, task_years):
                f.modality = "past"
                # (dated by a batch year alone — 2023年度21个精品示范村… — not by 结转 or 上年度)
                if group is not ev.verdicts and _ORDERED_BATCH.search(task) and not _OTHER_YEAR.search(held):
                    dated_batches.append(held)
    for r in ev.ratios:  # 已完成区级任务的105%: the district's own quota, a part of a city-wide task
        level = _PART_QUOTA.search(text, lay.around(r.start, r.end)[0], r.end)
        if level and level["level"] not in task:
            r.modality = "part"
    tb, targets = bigrams(task), {q.value for q in find_quantities(task)}
    remaining = REMAINING.search(text)
    reasons = [review_reason("batch_by_order", dated_batches[0].strip("，,；; "))] if dated_batches else []
    for v in ev.verdicts:
        if v.status in ("behind", "on_pace", "ahead") and v.modality == "done" and _of_some_counties(ev, v.start, task):
            v.modality = "part"  # 叶集区、经开区尚未达到时间过半要求: those districts' pace, not the city's
            continue
        if v.status != "completed" or v.modality in ("past", "forecast", "intention", "condition"):
            continue
        obj = _OBJECT.search(text, lay.around(v.start, v.end)[0], v.end)
        named = _GENERIC_OBJECT.sub("", obj["obj"]) if obj else ""
        batch = _BATCH.match(text, lay.around(v.start, v.end)[0], v.start)
        own_part = (_OWN_PART.search(lay.sentence_text(v.sentence)) and not _OWN_PART.search(task)) \
            or _of_some_counties(ev, v.start, task) or (batch and batch["batch"] not in task)
        if remaining or own_part or (named and overlap(tb, named) == 0) or not refers_to_task(ev, v.start, tb) \
                or _counts_a_part(ev, v, targets):
            v.modality = "part"
            if remaining:
                # the remaining work quoted to its clause's end, not cut inside a word
                end = lay.around(remaining.start(), remaining.end())[1]
                reasons.append(review_reason("part_done", f"{v.text}，{text[remaining.start():end]}"))
    return reasons


#: a clause said of the rest of the work (其余工作, 其他项目均, 剩余站点建设, 余下任务)
_OF_THE_REST = re.compile(r"^(?:另外|此外|同时)?[,,]?(?:其余|其他|剩余|余下|尚余)")


def rests_beside_the_ratio(ev: Evidence, parts: list[Part], leftover: list[Part]) -> list[Part]:
    """其余工作正常推进 beside 上半年完成监测溯源927个 (of 1500): a pace verdict at or above the pace said of
    the rest speaks of what the figure has not reached yet; beside a ratio measuring the task it adds nothing
    (达序时 covers any pace at or above), so the ratio decides. The rest said behind keeps its say."""
    if not any(p.stated_ratio is not None or p.computed_ratio is not None for p in parts):
        return leftover
    lay = ev.layout

    def of_the_rest(p: Part) -> bool:
        v = p.findings[0]
        return p.verdict in ("on_pace", "ahead") and bool(_OF_THE_REST.match(lay.clause_before(v.start, v.end)))
    return [p for p in leftover if not of_the_rest(p)]
