"""Confidence is earned: the one function every status passes through before it is shown.

A status is confident only when the text supports it in full (docs/judging.md, "Confidence"):
every measurable part is measured by a done clause of this period, or a verdict speaks of the
task itself with no remaining work reported; and no doubt is left:

1. the parts' and the reading's own notes (a forecast standing in for a result, a verdict against
   the figures, a share in words spanning two statuses, a target cut, an implausible ratio …);
2. doubts about the deciding clause (`_decider_doubts`): another period's batch, a plan's
   breakdown, a contrary word, another indicator's noun, a stock for additions, a part of the
   task, a quota, a halt of something else, a stray wait beside measured parts; and for a completion
   decided by a verdict in words (`_verdict_doubts`): a subject not the task's, another year, or work
   left, going on or promised later elsewhere in the cell;
3. residual signals (helpers.judge.signals): status-bearing words no rule read, each family
   undoing the statuses it bears on (`_BEARING`). 定性推进 is confident only when the text makes
   no measurable claim about the task; a plain wait before the year's end is a confident 待评估.

`decide` returns the reasons (empty: confident); `residual_signals` is computed once per reading
by helpers.judge.parts; `plausible` is the range check of every ratio the rules derive.
"""

from __future__ import annotations

import re

from helpers.judge import moot, nouns, precedence, signals
from helpers.judge.consistency import AIM as _AIM, left_for_task, second_readings
from helpers.judge.sums import COUNTY_SUM
from helpers.judge.clauses import is_result
from helpers.judge.evidence import Evidence, Part
from helpers.judge import flag_classes
from helpers.judge.flag_classes import signal_class, unmeasured_class
from helpers.judge.figure_spans import finished_of_implemented
from helpers.judge.figure_names import before_figure as _before_figure, named_apart, read_names_better
from helpers.judge.halts_and_waits import WORKS_WORDS
from helpers.judge.lexicon import Lexicon, load_lexicon
from helpers.judge.scope import PLACE
from helpers.judge.subjects import opens_with_the_task, refers_to_task, subject_of
from helpers.judge.whole import names_the_event, task_aim
from helpers.judge.signals import Signal
from helpers.judge.targets import QUALIFIER, bigrams, overlap
from helpers.period import is_year_end
from helpers.statuses import (DEFAULT_AHEAD_MARGIN, MEASURED, ON_PACE_OR_BETTER as GOOD, REVIEW_REASONS, STATUS_ZH,
                              STATUSES, official_words, review_reason)

#: a completion ratio above this is no reading of the target: 7413 % is 74.13 % misplaced, while
#: the seed's own 1554 of 413 tonnes (376 %) is a real over-fulfilment
RATIO_BOUND = 10.0
#: a growth rate beyond this many percent is a misread figure (10²³ %)
RATE_BOUND = 1000.0
#: an actual above this multiple of its target is kept but flagged: 已完成加装电梯1820台 of 200 is more
#: often a stock, another noun or a misplaced unit than a ninefold over-fulfilment
UNLIKELY_RATIO = 2.0
#: a computed actual below this share of the pace is flagged too: under a fifth of the pace (0.2 %
#: of the year's target by 1-8月: 停车场14处 for 8000个泊位, 奖补资金4200万元 for 900亿元) is more
#: often another thing counted, or a misplaced magnitude (29800万元 for 50亿元), than a task barely begun
UNLIKELY_SHORT = 0.2


def plausible(part: Part) -> bool:
    """Range check of the ratios and rates the rules derived for a part; an implausible one is dropped
    (never printed as a fact) and the part flagged."""
    r = part.stated_ratio if part.stated_ratio is not None else part.computed_ratio
    rate = part.actual_value if part.method == "rate_target" and part.actual_unit == "%" else None
    if (r is not None and not 0 <= r <= RATIO_BOUND) or (rate is not None and abs(rate) > RATE_BOUND):
        shown = f"{r:.0%}" if r is not None and r <= 1e6 else "超出范围的比例" if r is not None else f"{rate}%"
        part.review.append(review_reason("ratio_out_of_range", shown))
        part.stated_ratio = part.computed_ratio = part.half = None
        part.met = None
        return False
    return True


def residual_signals(ev: Evidence, parts: list[Part], task: str, lex: Lexicon | None = None) -> list[Signal]:
    """The residual signals of one reading (helpers.judge.signals), computed once by helpers.judge.parts."""
    return signals.residual_signals(ev, parts, task, lex or load_lexicon())


#: which residual families undo which status: a status at or above the pace by another reading of
#: its own figures or a wait, a completion by work still reported, 定性推进 by any measurable claim;
#: behind only by a disagreeing rate (a part behind decides whatever else the text says)
_BEARING = {
    "qualitative": ("await", "event", "share", "done", "use", "figure", "halt", "verdict_done", "order"),
    "pending": ("event", "share", "figure", "halt"),
    "completed": ("remaining", "await", "share", "halt", "figure"),
    "blocked": ("share",),
    "ahead": ("rate", "await", "share", "verdict_done"), "on_pace": ("rate", "await", "share", "verdict_done"),
    "behind": ("rate", "verdict_done"),
}


#: a deliverable behind only because the year ended with no event read for it (DOMAIN: not reported
#: done at FY): any completion or use word the rules did not read may be that event in other words
_DUE = ("done", "use", "event", "share", "attained")


def _signal_reasons(status: str, found: list[Signal], due: bool = False, moot_figure=None,
                    year_end: bool = False) -> list[str]:
    """The residual signals that undo this status's confidence (the first quoted); a figure that
    or rate that cannot change the status (`moot_figure`, helpers.judge.moot.signal_moot) undoes nothing.
    At the year's end work reported left (剩余2项…未能按期完成) is a measurable claim: not done."""
    bearing = _BEARING.get(status, ()) + (_DUE if due else ()) \
        + (("remaining",) if year_end and status == "qualitative" else ())
    first = next((s for s in found if s.kind in bearing and signal_class(s) not in flag_classes.QUIET
                  and not (s.kind == "figure" and _AIM.search(_before_figure(s.clause)))
                  and not (moot_figure is not None and moot_figure(s))), None)
    return [review_reason("unread_signal", first.clause, signal_class(first))] if first else []


def _due_only(reading, statuses: list[str]) -> bool:
    """Whether the task is behind only by a deliverable the year's end found with nothing read for it."""
    behind = [p for p, s in zip(reading.parts, statuses) if s == "behind"]
    return bool(behind) and all(p.target is not None and p.target.kind == "deliverable" and not p.findings
                                for p in behind)


#: a halt of the works themselves (叫停内部装修施工) is of the task whatever else the clause names
_WORKS = re.compile(rf"{WORKS_WORDS}|开工|实施|举办|运营|上线|投用|开放")
#: a halt with no subject and no object (因故取消, 已暂停): said of the task, as a clause with no subject is
#: (or said of an event by its kind: 本年度赛事取消 for 举办…马拉松赛)
_BARE_HALT = re.compile(rf"^[\s,，;；。]*(?:因故|因[^,，;；。]{{0,8}}?原因|受[^,，;；。]{{0,10}}?影响)?[,，]?(?:已|被|均|暂)*"
                        rf"(?:{signals.HALT_WORDS.pattern})+[\s,，;；。]*$"
                        rf"|(?:^|[,，])(?:本年度|今年|本届|本次|该)?(?:赛事|比赛|活动|大会|会议|展会|论坛|节会)(?:已|被|均)?"
                        rf"(?:{signals.HALT_WORDS.pattern})")


def _finding_doubt(f, status: str, reading) -> str | None:
    """Why one deciding finding does not support the status, or None."""
    other = signals.other_period(f.text, reading.year)
    if other and (status in GOOD or not signals.later(other, reading.year)) and status in MEASURED:
        return review_reason("other_period", f"{f.text}（{other}）")
    if status in MEASURED and (not is_result(f.modality) or (f.kind == "actual" and signals.planned(f))
                               or (f.kind == "actual" and signals.QUOTA.search(signals.own_clause(f.text)))):
        return review_reason("not_a_result", f.text)
    cand = signals.CANDIDATES.search(signals.own_clause(f.text)) if f.kind == "actual" else None
    if status in MEASURED and cand and cand.group() not in reading.task:
        # 2家酒店…提交申报材料 for 新增星级饭店3家: candidates put forward measure nothing done, short or not
        return review_reason("step_counted", f.text)
    word = signals.CONTRARY.search(signals.own_clause(f.text))
    if status == "completed" and word and word.group() not in reading.task:
        return review_reason("contrary_word", f"{f.text}（{word.group()}）")
    return None


#: the year's own figure awaited before the year is over (省统计局年度数据待次年发布): it comes after
#: the year by nature, and says nothing against this period's measured status
_YEAR_DATA = re.compile(r"(?:年度|全年)(?:统计)?(?:数据|结果|数字)")


def _ratio_doubt(p: Part, status: str, pace: float) -> list[str]:
    """A computed ratio too far from the pace to be the target's own measure: above twice the target
    for a status at or above the pace (a verdict beside it, 已超额完成, or the text's own plan,
    任务为400吨, vouches for it), or under a fifth of the pace for a behind."""
    r = p.computed_ratio
    if p.stated_ratio is not None or r is None or p.evidence is None or p.evidence.kind != "actual":
        return []
    if p.target is not None and finished_of_implemented(p.target, p.evidence):
        return [review_reason("part_measured", f"{p.evidence.text}（完工的只是实施的一部分）")]
    if status in GOOD and r > UNLIKELY_RATIO and p.verdict is None:
        return [review_reason("ratio_unlikely", f"{r:.0%}")]
    if status == "behind" and r < UNLIKELY_SHORT * pace:
        return [review_reason("ratio_short", f"{r:.1%}")]
    return []


def _decider_doubts(reading, status: str, statuses: list[str], pace: float = 1.0) -> list[str]:
    """Doubts about the clauses that decided the status: not a result of this period, a contrary
    word in the same clause, a figure whose noun is not the target's, a halt said of something
    the task does not name, a wait beside measured parts."""
    out: list[str] = []
    deciding = [p for p, s in zip(reading.parts, statuses) if s == status]
    tb = bigrams(QUALIFIER.sub("", reading.task))
    for p in deciding:
        out += [d for d in (_finding_doubt(f, status, reading) for f in signals.evidence_findings(p)) if d]
        # a count read from another noun threatens a status at or above the pace (a shortfall
        # read from the wrong noun is still a shortfall to look at, and behind decides anyway)
        counted = p.target is not None and p.target.kind in ("count", "amount")
        if p.target is not None and (status in GOOD or not counted) and nouns.noun_differs(p) \
                and not moot.same_indicator(p):
            out.append(review_reason("noun_mismatch", p.evidence.text))
        elif counted and status in GOOD and nouns.stock_for_flow(p):
            out.append(review_reason("stock_for_flow", p.evidence.text))
        out += _ratio_doubt(p, status, pace)
        if status == "behind" and p.evidence is not None and p.evidence.label.endswith(COUNTY_SUM) \
                and not precedence.sum_accounts_for_the_rest(reading, p):
            # 金安区完成40个，裕安区35个: the counties named may not be all of them
            out.append(review_reason("part_measured", f"{p.evidence.text}（所列县区之和）"))
        elif status in ("ahead", "on_pace") and nouns.stock_for_stock(p):
            out.append(review_reason("stock_target", p.evidence.text))
        part_of = signals.part_subject(p, reading.task) if status in GOOD else None
        if part_of and not precedence.rest_accounted(reading, p):
            out.append(review_reason("part_measured", f"{p.evidence.text}（{part_of}）"))
        if status == "blocked" and not p.whole_task and p.evidence is not None and overlap(tb, p.evidence.text) == 0 \
                and not _WORKS.search(p.evidence.text) and not _BARE_HALT.search(p.evidence.text) \
                and not opens_with_the_task(subject_of(reading.evidence, max(p.evidence.start, p.evidence.end - 1))) \
                and not precedence.some_of_the_count(p.evidence.text, [q.target for q in reading.parts if q.target]):
            out.append(review_reason("halt_of_other", p.evidence.text))
    return out + _parts_disagree(reading, status, statuses, deciding, pace)


def _parts_disagree(reading, status: str, statuses: list[str], deciding: list, pace: float) -> list[str]:
    """Parts whose statuses disagree in a way DOMAIN's order of precedence does not settle: a stray
    wait beside measured parts, a halt of the works that fall short, a halt beside a part done."""
    out: list[str] = []
    # a wait no target claimed, beside a status met by measured parts: one reading says the result
    # is out, the other that it is awaited (a wait matched to a part of its own is that part's)
    # (the rest of a count awaiting its act, 另有2项已提请市政府审定, beside that count measured at or above
    # the pace is no part of its own: helpers.judge.moot.of_the_rest)
    waits = [p for p, s in zip(reading.parts, statuses) if s == "pending" and p.target is None and p.evidence
             and not (not is_year_end(pace) and _YEAR_DATA.search(p.evidence.text))
             and not (status in GOOD and moot.of_the_rest(p.evidence.text))]
    # a part of the task still awaiting its outside act (5A级创建…正在等待公示) beside parts done or on
    # pace: the task's status speaks for the measured parts only (rule (a) of the gate)
    # (one with a number is an unmeasured part: _unmeasured says so)
    own_waits = [p for p, s in zip(reading.parts, statuses) if s == "pending" and p.target is not None
                 and p.target.value is None and p.evidence]
    if waits and status in GOOD + ("pending",) and any(s in MEASURED for s in statuses):
        out.append(review_reason("parts_disagree", waits[0].evidence.text))
    elif own_waits and status in GOOD:
        out.append(review_reason("parts_disagree", own_waits[0].evidence.text))
    elif status == "behind" and not {w.evidence.sentence for w in waits}.isdisjoint(
            f.sentence for p in deciding for f in signals.evidence_findings(p)):
        # the shortfall's own sentence says the rest awaits a decision (1家已过会，待证监会注册)
        out.append(review_reason("parts_disagree", waits[0].evidence.text))
    # a halt of some of the task's works beside a measured shortfall: the halt may be why, and
    # whether the task is behind or blocked is the researcher's call
    halts = [p for p, s in zip(reading.parts, statuses) if s == "blocked" and not p.whole_task and p.evidence
             and not precedence.delay_by_a_cause(reading.evidence.layout.sentence_text(p.evidence.sentence))]
    if halts and status == "behind" and not precedence.halt_of_another_part(reading, statuses, halts):
        out.append(review_reason("parts_disagree", halts[0].evidence.text))
    # a halt of some of the works beside a part at or above the pace: what is halted is beyond the
    # target, or the target was cut
    done = [p for p, s in zip(reading.parts, statuses) if s in GOOD and p.evidence]
    if done and status == "blocked" and not precedence.halt_beside_done_settled(reading, statuses):
        out.append(review_reason("parts_disagree", done[0].evidence.text))
    return out


def _clean_wait(reading, statuses: list[str], pace: float) -> bool:
    """A pending status is confident when it rests on a wait on an outside act alone (待…验收, 尚未
    公布, 已报送…审批, 结果预计9月公布): a figure beside it (夏粮…410万亩) leaves it to
    the researcher; the count of candidates awaiting the decision (3个社区申报材料已…推荐) is the
    wait's own subject. At the year's end too (复审结果尚未公布: the result is out of the city's hands,
    which is what 待评估 means), unless the act is dated next year (拟于明年初正式命名: promised for next
    year, behind or pending is the researcher's call) — the year's own data, released after it, excepted."""
    waits = [p for p, s in zip(reading.parts, statuses) if s == "pending"]
    said = [reading.evidence.layout.sentence_text(f.sentence) for p in waits for f in p.findings] \
        if reading.evidence is not None else []
    if is_year_end(pace) and any(signals.later(signals.other_period(t, reading.year) or "", reading.year)
                         and not _YEAR_DATA.search(t) for t in said):
        return False
    return all(f.kind == "verdict" or signals.CANDIDATES.search(f.text) for p in waits for f in p.findings)


def _at_year_end(fields: dict) -> bool:
    """Whether the judged period ends with the year (a judgement without a pace does not)."""
    return fields["pace"] is not None and is_year_end(fields["pace"])


def _unmeasured(reading, fields: dict, rows: list[dict]) -> dict | None:
    """Numbers were found but no rule decided: which, and why the researcher should look (not when a
    plain wait waits for exactly what would measure them: helpers.judge.moot.awaited_measure)."""
    statuses = [r["status"] for r in rows]
    if fields["status"] == "pending" and _clean_wait(reading, statuses, fields["pace"]) and moot.awaited_measure(
            reading, rows, [p.evidence.text for p, s in zip(reading.parts, statuses) if s == "pending" and p.evidence]):
        return None
    # at the year's end a target figure nobody reported is itself the finding (not done is behind)
    if fields["status"] == "qualitative" and not _at_year_end(fields) and moot.nothing_could_measure(reading, rows):
        return None
    # (rows are the parts' rows, in the parts' order: helpers.judge.status)
    open_parts = [(p.target, r["part"]) for p, r in zip(reading.parts, rows)
                  if r["status"] == "qualitative" and r["target_value"] is not None]
    unmeasured = [part for _, part in open_parts]
    percents = moot.bearing_percents(reading, load_lexicon()) if not unmeasured else []
    if fields["status"] in ("qualitative", "pending") and (unmeasured or percents):
        if not unmeasured:
            return {"status": fields["status"], "reason": review_reason("percent_unread"), "numbers": percents}
        kind, quote = unmeasured_class(reading, [t for t, _ in open_parts])
        if kind in flag_classes.QUIET:
            return None
        return {"status": fields["status"], "reason": review_reason("target_unmeasured", quote, kind),
                "numbers": unmeasured}
    # behind or blocked: a part behind (halted) decides, whatever the unmeasured parts would say; a
    # part awaiting a decision (5A级创建…等待公示) is not measured either, beside a part done
    if fields["status"] in MEASURED:
        unmeasured += [r["part"] for r in rows if r["status"] == "pending" and r["target_value"] is not None]
    if unmeasured and fields["status"] not in ("blocked", "behind") and not precedence.verdict_of_all(reading, statuses):
        return {"status": fields["status"], "reason": review_reason("partly_measured"), "numbers": unmeasured}
    return None


def _second_figure(reading, status: str, moot_figure=None) -> list[str]:
    """A status at or above the pace (short of done) beside an unread figure of the target's unit
    whose clause names the target's own thing (two of its bigrams): a second measure of the target,
    and which is this period's cumulative one was not read (a county's figure is a part of it, an
    aim restated no measure, a stock beside a target of additions another quantity)."""
    if status not in ("ahead", "on_pace"):
        return []
    tb = [bigrams(QUALIFIER.sub("", p.target.label or p.target.part)) for p in reading.parts if p.target is not None]
    adds = any(p.target is not None and signals.NEW.search(p.target.part) for p in reading.parts)
    first = next((s for s in reading.signals if s.kind == "figure"
                  and not _AIM.search(_before_figure(s.clause)) and not signals.county_said(s.clause)
                  and not (adds and _STOCK_SAID.search(_before_figure(s.clause)))
                  and any(overlap(b, s.clause) >= 2 for b in tb) and not read_names_better(reading, s)
                  and not (moot_figure and moot_figure(s))), None)
    return [review_reason("unread_signal", first.clause, signal_class(first))] \
        if first and signal_class(first) not in flag_classes.QUIET else []


#: a stock said before a figure (企业达1180家, 总数, 累计拥有): beside a target of additions, no second measure
_STOCK_SAID = re.compile(rf"{signals.STOCK.pattern}|达$")


def _verdict_doubts(reading, status: str, statuses: list[str]) -> list[str]:
    """A completion decided by a verdict in words (method verdict_phrase: 年度任务已全部完成, 工程已建成,
    赛事圆满结束) is confident only when the verdict is said of the task (its subject the task's, generic,
    or elided with nothing else named before it in its sentence), of this period, and no other clause
    about the task reports work left, ongoing, or promised for a later date."""
    ev = reading.evidence
    if status != "completed" or ev is None:
        return []
    lay, tb = ev.layout, bigrams(QUALIFIER.sub("", reading.task))
    for p, s in zip(reading.parts, statuses):
        f = p.evidence
        if s != status or p.method != "verdict_phrase" or f is None or f.end <= f.start:
            continue
        subject, pos = _verdict_subject(ev, f)
        # one county or district named for a task that names none is a part, whoever read the verdict
        # (a whole-task reading, helpers.judge.whole, has checked the rest of its subject already)
        if subject and ((PLACE.search(subject) and not PLACE.search(reading.task))
                        or (not p.whole_task and not refers_to_task(ev, pos, tb)
                            and not names_the_event(subject, reading.task))):
            return [review_reason("part_measured", f"{f.text}（{subject}）")]
        # a lexicon verdict in another year's sentence is read as past already (helpers.judge.scope);
        # a whole-task reading is not, and a start made last year is still made
        other = signals.other_period(lay.sentence_text(f.sentence), reading.year) if p.whole_task else None
        if other and task_aim(reading.task) != "start":
            return [review_reason("other_period", f"{f.text}（{other}）")]
        left = left_for_task(reading, lay.around(pos, pos + 1))
        if left:
            return [review_reason("part_done", f"{f.text}，{left}")]
    return []


def _verdict_subject(ev, f) -> tuple[str, int]:
    """What a verdict's clause is said of, and the position read: the words before its first adverb or
    verb (霍山县老旧小区改造 in 霍山县老旧小区改造已提前完成年度任务), else the sentence's; none
    when the clause is the verdict alone (超额完成) or opens with a time (春运期间正式开放)."""
    pos = max(f.start, f.end - 1)
    subject = subject_of(ev, pos)
    if ev.layout.text[:pos].endswith(subject):
        return "", pos  # nothing ended the subject: the words read are the verdict's own
    return _TIME_TAIL.sub("", subject), pos


#: a time phrase closing what subject_of read (春运期间, 投用以来): no subject
_TIME_TAIL = re.compile(r"^[^,，;；。]*(?:期间|以来|之际|之前|之后)$")
#: the methods that compare a figure with the target's own figure (the adjusted one, when it was changed)
_COMPARED = ("computed_ratio", "stated_ratio", "rate_target")


def _adjustment_shown(reading, status: str, reasons: list[str]) -> list[str]:
    """`reasons` with the target-cut flag made a note when it is the only doubt and the cut was compared cleanly:
    the new figure is the one target it could be (no rival of its unit), that target's part is measured
    by comparing a figure with it, and the figure is said outside the adjusting clause (由4.5万人调整为4.2万人
    read as the result is no comparison). The cut is then a fact the ledger (目标已调整, 说明) and the pages
    (the completion's mark) show, not a doubt; with any other doubt it stays a review reason, beside that one."""
    label = REVIEW_REASONS["target_adjusted"]
    if not reasons or not reading.adjustments or status not in MEASURED \
            or any(not r.startswith(label) for r in reasons):
        return reasons
    for a in reading.adjustments:
        part = next((p for p in reading.parts if p.target is a.target), None)
        if a.rivals or part is None or part.method not in _COMPARED or part.evidence is None \
                or not re.search(r"\d", part.evidence.text.replace(a.clause, "")):
            return reasons
    return [REVIEW_REASONS["target_cut"] + r[len(label):] for r in reasons]


def _as_printed(official: str | None, code: str) -> str:
    """The office's status as its cell prints it (序时推进) when the cell is one status word, else our name
    of it (a 是 under 是否达序 reads 达序时)."""
    printed = re.sub(r"\s+", "", official or "")
    return printed if official_words().exact(printed) in STATUSES else STATUS_ZH[code]


def _claims_more(code: str, fields: dict) -> bool:
    """Whether the office's status says the pace is met (达序时 or better) where the rules measure a lag,
    before the year's end: the rules' reading is the more doubtful one and is shown, the office's claim
    noted beside it. At the year's end an office's 已完成 against our 未完成 is about the result itself,
    and the rules more hopeful than the office is a doubt either way: both stay review reasons."""
    return fields["status"] == "behind" and code in GOOD and not _at_year_end(fields)


def decide(reading, fields: dict, rows: list[dict], truncated: bool = False,
           ahead_margin: float = DEFAULT_AHEAD_MARGIN, official: str | None = None) -> tuple[list[str], dict | None]:
    """Every reason this judgement carries, and the unmeasured numbers entry. Each reason has its role
    (helpers.statuses.REASONS): the review reasons say it is not confident (none: it is), the notes are
    facts shown beside it (`helpers.statuses.by_role` parts them).

    The single gate of docs/judging.md: parts' own notes (verdict conflict, forecast only, range),
    the reading's (target cut, a part done while work remains), unmeasured targets or figures, a
    pending result, an official status that disagrees, residual signals, a row cut off.
    """
    reasons = [r for p in reading.parts for r in p.review] + list(reading.review)
    if fields["status"] == "behind":
        # a part done while work remains only threatens a completion: behind already says not done
        reasons = [r for r in reasons if not r.startswith(REVIEW_REASONS["part_done"])]
    entry = _unmeasured(reading, fields, rows)
    if entry:
        reasons.append(entry["reason"])
    statuses = [r["status"] for r in rows]

    index = moot.Index(reading) if reading.evidence is not None else None

    def moot_figure(sig: Signal) -> bool:
        # beside a completion, a figure of another thing than every target measured is no second measure
        return index is not None and (moot.signal_moot(reading, sig, fields["status"], statuses, fields["pace"],
                                                       ahead_margin, index)
                                      or (fields["status"] == "completed" and sig.kind == "figure"
                                          and named_apart(reading, sig)))

    reasons += _signal_reasons(fields["status"], reading.signals, _due_only(reading, statuses), moot_figure,
                               year_end=_at_year_end(fields))
    reasons += _second_figure(reading, fields["status"], moot_figure)
    reasons += _decider_doubts(reading, fields["status"], statuses, fields["pace"])
    reasons += _verdict_doubts(reading, fields["status"], statuses)
    reasons += second_readings(reading, fields["status"], statuses, fields["pace"], ahead_margin)
    if fields["status"] == "pending" and not reasons and not _clean_wait(reading, statuses, fields["pace"]):
        # a figure beside the wait, a date forecast, or the year over: someone must look again
        reasons.append(review_reason("pending", fields["evidence"]))
    code = fields.get("official_status_code")
    # an office's 达序时 covers any pace at or above it: where 超序时 begins is our margin, no disagreement
    if code and code != fields["status"] and {code, fields["status"]} != {"on_pace", "ahead"}:
        reasons.append(review_reason("official_claims_more", f"自评为{_as_printed(official, code)}")
                       if _claims_more(code, fields)
                       else review_reason("official_disagrees", f"原文为{STATUS_ZH[code]}，规则判为{fields['status_zh']}"))
    if truncated:
        # the report ends inside this row: whatever the rules read, they read part of the text
        reasons.append(review_reason("truncated"))
    return _adjustment_shown(reading, fields["status"], list(dict.fromkeys(reasons))), entry
