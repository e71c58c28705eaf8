"""A deliverable target's event (step 3 of helpers.judge.parts, for a one-off deliverable): the event
of the target's family said of its thing — done, not done, halted, deferred or forecast — read from the
progress text's deliverable findings (helpers.judge.findings.find_deliverables: the lexicon's
`deliverable` rows and the use verbs an attainment mark governs), with a chain of events in one clause
(竣工并投入运行, 揭牌运营: helpers.judge.whole.chained_use), a stage of the works, one part of the thing,
another thing of its kind, a trial run and a date promised after this year told apart."""

from __future__ import annotations

import re

from helpers.judge.clauses import is_result
from helpers.judge.coverage import ALL_UNITS, COVERAGE_TARGET, coverage, covered_share
from helpers.judge.evidence import Evidence, Part
from helpers.judge.findings import NEXT_YEAR, STAGE_OF_WORKS, USE_EVENTS, Finding
from helpers.judge.halts_and_waits import ACCEPTANCE
from helpers.judge.subjects import PART_MARK, acts_on_another, another_instance, another_thing, object_of, refers_to_task, side_meeting, subject_of
from helpers.judge.targets import Target, bigrams, overlap
from helpers.judge.whole import ACT_COUNTED, EVENT_SUBJECT, SOFT, chained_use
from helpers.statuses import review_reason


def forecast_only(part: Part, f: Finding) -> None:
    """A part whose only evidence is a forecast: pending, for review."""
    part.findings.append(f)
    part.verdict, part.method = "pending", "verdict_phrase"
    part.review.append(review_reason("forecast_only", f.text))




_TITLE = re.compile(r"《([^》]{2,60})》")
#: a document that takes effect when an authority approves it (规划, 方案, 纲要)
_PLAN_DOC = re.compile(r"(?:规划|方案|纲要)》?")


def _same_document(t: Target, f: Finding, text: str) -> bool:
    """An issued document (印发《X》) is the target's only if the titles match, when both are named."""
    want = _TITLE.search(t.part)
    got = _TITLE.search(text, f.end, f.end + 4 + 60)
    if not want or not got or got.start() - f.end > 4:
        return True
    a, b = bigrams(want[1]), bigrams(got[1])
    return len(a & b) >= 0.7 * min(len(a), len(b))



#: a subject naming a part of the task: one county or district, a segment, a batch, some of them
_PART_SUBJECT = re.compile(r"[\u4e00-\u9fff]{1,3}(?:县|(?<![院园校片社景厂矿营城该本])区)(?:段)?$|标段|一期|二期|首批|第[一二三四五]批|部分|(?<!全市|全部|所有|全县)(?<!\d)\d+[个所座条]"
                           r"|[东南西北]段|城区段")
_TRIAL = re.compile(r"试运行|试运营|试生产|试通车|试通水|试营业|试运转|试投产|试供水")
#: (正式上线时间待定: a date of the formal start, still open, is no formal start)
_FORMAL = re.compile(r"正式(?:上线|运行|投用|投入使用|投运|运营|开放|启用|通车|供水|通水|营业|投产|生产)(?!时间|日期|节点)")
_LATER = re.compile(rf"{NEXT_YEAR}|(?P<y>20\d\d)年")


#: stages of the works themselves (not a part of them): their start is the works' start
_WORKS_STAGES = ("主体", "基础", "土建")


def _stage_ok(t: Target, f: Finding, text: str) -> bool:
    """Whether an event can be the target's: not a stage the task does not name (主体工程已完工 for a
    building; 一期工程已竣工 is the target of 建成…一期工程), and a use event when the task is to put
    the thing to use (建成投用: 新场地已建成 is not yet 投用)."""
    if f.status == "partial":
        # every stage named before the event (一期机房主体已完工: 一期 is the task's, 主体 is not) must be the task's
        stages = list(STAGE_OF_WORKS.finditer(text, text.rfind(",", 0, f.start) + 1, f.start))
        # the works' first stage started is the works started (主体工程于4月进场施工 for 开工建设…)
        if not stages or any(st.group() not in t.part and not (t.meaning == f.meaning == "start"
                                                               and st.group() in _WORKS_STAGES) for st in stages):
            return False
    # (a title's words are a name: 《公共数据授权运营管理办法》 asks for no use)
    return not (asks_for_use(_TITLE.sub("", t.part)) and not USE_EVENTS.search(text, f.start, f.end + 4)
                and not chained_use(text, f.end))


#: what a use verb of the task follows: a finish verb, another use verb or a joining word (建成投用, 开通运营,
#: 建成并投入运行, 开馆运营)
_BEFORE_USE = re.compile(r"(?:建成|竣工|完工|建设|完成|开通|开馆|开业|揭牌|挂牌|并|且|和|及|正式|全面|投入)$")


def asks_for_use(task: str) -> bool:
    """建成投用…, …并投入运行, 上线运行…平台, …建成投运: the task asks for its thing put to use — a use verb after a
    finish verb, another use verb or 并, opening the task or closing it. Inside the thing's name (城市运行管理服务
    平台, 集中供热管网, 运营指挥中心) the word is a modifier and asks for nothing."""
    uses = list(USE_EVENTS.finditer(task))
    ends = {u.end() for u in uses}
    return any(u.start() == 0 or u.start() in ends or _BEFORE_USE.search(task, 0, u.start())
               or u.end() == len(task) or task[u.end()] in "。，,;；、" for u in uses)


def _deliverable_events(t: Target, ev: Evidence, tb: set[str], single: bool) -> tuple[Finding | None, ...]:
    """(done, not done, forecast) events of the target's meaning said of its object — not of a part of it."""
    ok = {"start": ("start", "finish"), "finish": ("finish",), "issue": ("issue",), "hold": ("hold",),
          "approve": ("approve",), "sign": ("sign",), "top": ("top", "finish")}[t.meaning]
    if t.meaning == "issue" and _PLAN_DOC.search(t.part):
        ok += ("approve",)  # 《规划》已获省政府批准实施: a plan takes effect when it is approved
    lay = ev.layout
    done = missed = forecast = None
    for f in ev.deliverables:
        # an event of another family put to use in one chain (揭牌运营, 挂牌并投入运行) finishes the thing
        finished = t.meaning == "finish" and f.status == "completed" and chained_use(lay.text, f.end)
        if (f.meaning not in ok and not finished) or not _same_document(t, f, lay.text) \
                or not _stage_ok(t, f, lay.text):
            continue
        a, b = lay.around(f.start, f.end)
        clause, sentence = overlap(tb, lay.text[a:b]), overlap(tb, lay.sentence_text(f.sentence))
        # an event named by its kind (赛事于4月7日举行 for 举办…马拉松) is the event the task holds
        by_kind = f.meaning == t.meaning == "hold" \
            and bool(EVENT_SUBJECT.match(subject_of(ev, f.start, clause_only=True)))
        if not (clause >= 2 or sentence >= 3 or by_kind
                or (single and (sentence >= 1 or refers_to_task(ev, f.start, tb)))):
            continue
        subject = subject_of(ev, f.start)
        part_of = _PART_SUBJECT.search(subject) or PART_MARK.search(subject)
        if part_of and part_of.group() not in t.part and not (t.meaning == "approve" and subject.startswith("我市")):
            continue  # 霍邱县段已建成通车: one segment of the task's road
        if another_instance(subject, t.label or t.part) or another_thing(subject, t.part):
            continue  # 城南污水处理厂已建成 for 建成城北污水处理厂; 调度系统已运行 for 建成…中心
        if t.value is None and f.meaning == "issue" and ACT_COUNTED.match(lay.text, f.end, b):
            continue  # 取消涉企收费项目14项 for 取消…不合理收费: a count of some done, not the task's one act
        if f.meaning == "hold" and (acts_on_another(ev, f.end, tb) or side_meeting(ev, f.start, f.end, t.part)):
            continue  # 茶文化节新闻发布会已召开, 已举办茶文化节启动仪式: a meeting about the event, not the event
        if f.meaning == "issue" and (_DRAFT.search(lay.text, a, b) or _issues_another(t, f, ev)
                                     or _another_kind(t, subject) or _another_kind(t, object_of(ev, f.end))):
            continue  # 印发《…(征求意见稿)》, 送审稿已印发; 印发工作方案 for 出台《…办法》: not the document  # 已举行赛事新闻发布会: what was held is named after the verb, and is not the task's
        if f.modality == "forecast":
            forecast = forecast or f
        elif is_result(f.modality):
            if f.status in ("not_done", "halted", "deferred"):
                # a halt or a slip says more than a plan undone (原定5月举办的…延期至9月举办)
                missed = f if missed is None or (missed.status == "not_done" and f.status != "not_done") else missed
            else:
                done = done or f
    return done, missed, forecast


#: a draft of a document (征求意见稿, 送审稿, 初稿, 草案): issuing it for comment is no issue of the document
_DRAFT = re.compile(r"征求意见稿|送审稿|初稿|草案|讨论稿|修改稿")
#: what follows an issuing verb without naming a thing: its manner and recipients (下发各县区执行, 印发实施)
_ISSUE_TAIL = re.compile(r"^(?:并|了|至|给|到|于|实施|执行|施行|落实|各县区|各地|各部门|各单位|全市|市直|有关|相关)+")


#: the kind of a document, its head noun (办法, 细则, 方案, 制度 …)
_DOC_KIND = re.compile(r"办法|细则|方案|意见|规划|措施|条例|规定|通知|决定|计划|纲要|指南|标准|清单|政策|制度|通告|公告")


def _another_kind(t: Target, said: str) -> bool:
    """《办法》配套的3项制度已印发, 已出台配套的物业收费实施细则 for 出台《…办法》: the document issued is of
    another kind than the task's (the head noun after the last 的), or one made to go with it (配套)."""
    want = _DOC_KIND.findall(t.part)
    head = said.rsplit("的", 1)[-1]
    got = _DOC_KIND.findall(re.sub(r"《[^》]*》", "", head))
    return bool(want) and (bool(got) and got[-1] != want[-1] or ("配套" in said and "配套" not in t.part))


def _issues_another(t: Target, f: Finding, ev: Evidence) -> bool:
    """印发工作方案, 成立起草专班 for 出台《…实施办法》: the issuing verb's own object, untitled, names no
    word of the task's document (a title right after it is _same_document's to compare)."""
    want, obj = _TITLE.search(t.part), _ISSUE_TAIL.sub("", object_of(ev, f.end))
    return bool(want) and len(obj) >= 2 and not obj.startswith("《") and overlap(bigrams(want[1]), obj) == 0


#: an acceptance, not a passing of it (竣工验收排在…, 环保验收定于…; 通过竣工验收 is the works accepted)
_ACCEPTED_LATER = rf"(?<!通过){ACCEPTANCE}"


def promised_later(t: Target | None, ev: Evidence) -> Finding | None:
    """A date after this year promised for the deliverable (计划2025年3月通水运行, 预计明年投用); a year in a
    document's title (《…三年行动方案(2024-2026年)》) is the plan's own period, no date promised."""
    if ev.year is None:
        return None
    text = ev.layout.text
    titles = [m.span() for m in _TITLE.finditer(text)]
    for m in _LATER.finditer(text):
        if (m["y"] and int(m["y"]) <= ev.year) or any(a < m.start() < b for a, b in titles):
            continue
        a, b = ev.layout.around(m.start(), m.end())
        # (预计次年3月形成成果报告: the result produced next year; 竣工验收排在明年1月: a check awaited, the
        # works' finish word inside its name)
        said = re.sub(_ACCEPTED_LATER, "", text[a:b])
        if any(a <= f.start < b and not re.fullmatch(_ACCEPTED_LATER, text[f.start:f.end + 2]) for f in ev.deliverables) \
                or re.search(r"完成|建成|竣工|交付|供水|供气|形成[^,，;；。|]{0,4}成果", said) or USE_EVENTS.search(said):
            return Finding("deliverable", a, b, ev.layout.sentence_of(a), text[a:b], status="not_done")
    return None


def _one_of_several(t: Target, done: Finding, ev: Evidence) -> bool:
    """三个子系统上线 with only 城市运行子系统已上线运行: one of several things is done, not all."""
    if t.value is None or t.value < 2:
        return False
    sentence = ev.layout.sentence_text(done.sentence)
    return not re.search(rf"均|全部|都已|{t.value}个|各", sentence)


def match_deliverable(part: Part, t: Target, ev: Evidence, tb: set[str], single: bool) -> None:
    """An event of the right meaning (建成 for 建成, 开工 or 建成 for 开工, 印发 for 印发) about the object.

    A negated event (尚未投入使用, 年内未能开工) or a date promised after this year says the
    deliverable is not done (behind: at the year's end, or now when it is promised for next year);
    a stage of it (主体工程已完工), or the event of one part (霍邱县段) measures nothing; a trial run
    (试运行) is done but flagged.
    """
    done, missed, forecast = _deliverable_events(t, ev, tb, single)
    if COVERAGE_TARGET.search(t.part) and missed is None:
        # a coverage is reached when every unit has it: an event said of some (金安区、裕安区…已实现
        # 免费开放) is a part of it
        if done is not None and not ALL_UNITS.search(ev.layout.sentence_text(done.sentence)) \
                and "全覆盖" not in ev.layout.sentence_text(done.sentence):
            done = None
        done, missed, decided = covered_share(part, t.label or t.part, ev, tb, done)
        if decided:
            return
        if done is None and missed is None:
            done, missed = coverage(ev, tb)
    later = promised_later(t, ev) if done is None else None
    if missed is not None and missed.status == "halted":
        part.findings.append(missed)  # 本年度赛事取消举办: the event itself was called off
        part.verdict, part.method = "blocked", "verdict_phrase"
    elif missed is not None or later is not None:
        part.findings.append(missed or later)
        part.met, part.method = False, "verdict_phrase"
        part.deliverable_missed = True
        if missed is not None and missed.status == "deferred":
            # 推迟至明年开通 (behind); 推迟到10月 is not done yet, and not behind before the year's end
            later = later or promised_later(t, ev)
            if not (missed.later or later):
                part.review.append(review_reason("deferred", missed.text))
        part.promised_later = later is not None or (missed is not None and missed.later)
    elif done is not None and not _one_of_several(t, done, ev):
        trial = _TRIAL.search(ev.layout.text, *ev.layout.around(done.start, done.end))
        later = promised_later(t, ev) if trial else None
        if later is not None:  # 试通水…正式供水预计明年1月: the formal start is after this year
            part.findings.append(later)
            part.met, part.method = False, "verdict_phrase"
            part.deliverable_missed = part.promised_later = True
            return
        part.findings.append(done)
        part.verdict, part.method = "completed", "verdict_phrase"
        if SOFT.search(ev.layout.text, max(0, done.start - 4), done.start):
            part.review.append(review_reason("soft_done", done.text))  # 主线已基本完工: done, or nearly
        # a trial run followed by the formal start (完成试运行，9月1日起正式上线) is over
        if trial and not _FORMAL.search(ev.layout.text, done.end):
            part.review.append(review_reason("trial_run", done.text))
    elif forecast is not None:
        forecast_only(part, forecast)
