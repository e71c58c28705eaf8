"""A result said of the task itself in words: the task's own aim reached, with no number at all.

A task whose aim is one thing — works to build (建设…工程, 实施…改造), a title to win (创建…示范区,
争创…城市), an event to hold (办好…马拉松), a body to set up (组建…公司), works to start (启动…建设),
a survey or a review to get through (开展城市体检, 做好…复审) — is done when the text says that thing
reached in any wording: 工程已提前完成, 我市被评为省级文明城市, 赛事于4月14日鸣枪开跑, 公司已注册成立,
已顺利通过国家卫生城市复审. The grammar has three pieces:

- **the task's aim** (`task_aim`): the family of its verb and object; a task of standing work
  (加强, 深化, 完善…机制, 持续…, 提升…水平) has none — its completions are of its actions;
- **the result phrase** (`RESULT_WORDS` and the lexicon's events of the aim's meanings): a completion,
  an award, a hosting, a founding, a start, in a result clause, not negated, not a step (可研, 招标,
  初评), not a stage the task does not name (主体, 一期), not counting a part (完成…36个);
- **the subject**: the task's own thing (two shared bigrams), a generic reference (工程, 该项目,
  我市) or none at all.

It applies only when nothing else measured the task (helpers.judge.parts.read); the gate
(helpers.judge.confidence) still undoes it when work is reported remaining or ongoing.
"""

from __future__ import annotations

import re

from helpers.judge.clauses import is_result
from helpers.judge.evidence import Evidence, Part
from helpers.judge.findings import PREPARATION, PRELIMINARY, STAGE_OF_WORKS, USE_EVENTS, Finding, expand_steps, names_step
from helpers.judge.subjects import PART_MARK, another_instance, is_generic, subject_of
from helpers.judge.targets import QUALIFIER, bigrams, overlap
from helpers.statuses import review_reason

#: standing work: its completions are of actions, never of the task (DOMAIN: 定性推进 unless measured)
STANDING = re.compile(r"体系|机制|制度|能力|水平|环境|氛围|质效|效率|意识|作用|长效|常态|持续|不断|进一步|深化|深入|巩固|健全"
                      r"|完善|加强|强化|优化|提升|提高|规范|保障|防范|防止|遏制|严控|落实|弘扬|发挥|一批|各类|行动(?!计划)")
#: the task's aim, by its verb (the first match in the task's first clause decides)
_AIMS = (
    ("title", re.compile(r"创建|争创|创成|申创|创评|申报|争取(?:列入|入选|获批|命名)|复审|复评|复核"
                         r"|通过[^,，;；。]{0,24}?(?:验收|评估|认定|考核)")),
    ("hold", re.compile(r"办好|举办|承办|筹办|主办|召开|举行"
                        r"|(?:考试|中考|高考|赛事?|运动会|博览会|展会|文化节|艺术节)[^,，;；。]{0,4}?(?:组织|筹办|保障)")),
    ("entity", re.compile(r"组建|成立|设立|筹建(?:成立)?|注册")),
    ("start", re.compile(r"启动(?:[^,，;；。]{0,16}?)(?:建设|实施|改造|工程)|开工|动工")),
    # a state to reach (实现…“一码通乘”, 推行企业开办“一日办结”): reached when said reached of its thing
    ("state", re.compile(r"^(?:全面|加快|积极)?(?:实现|推行|推广)")),
    ("finish", re.compile(r"建设|新建|建成|迁建|改建|扩建|续建|实施|完成|改造|整治|治理|修缮|普查|调查|体检|搬迁|投产|发电|贯通"
                          r"|(?:大|专项|全面|集中)(?:检查|排查)")),
)
#: an object that is a title, whatever the verb (建成国家级农业现代化示范区, 创成国家森林城市)
_TITLE_OBJECT = re.compile(r"(?:示范区|示范市|示范县|示范城市|文明城市|森林城市|园林城市|卫生城市|节水型城市|称号)[”\"]?$")
#: the result phrases of each aim beyond the lexicon's events (`deliverable` rows of the same meaning)
_COMPLETE = (r"(?:全面|全部|均已|已经|已|顺利|提前|如期|按期|圆满)?(?:完成|完工|竣工|结束|建成|收官|办结)(?!率)"
             # problems cleared: 312个问题已于8月底前全数销号, 隐患全部清零, 黑臭水体已全部消除
             r"|(?:全部|全数|全面|均已|已)(?:销号|清零|整改到位|消除)")
_PASSED = (r"通过(?:了)?(?!初)[^,，;；。|]{0,14}?(?<!初)(?:验收|复审|复评|复核|考核|认定|评估|核查|审查)(?!会|材料|工作)"
           r"|(?:等次|顺利|一次性)(?:通关|过关)")
RESULT_WORDS = {
    # (a paper to draw up is done when it passes its review: 可研报告已通过…专家评审)
    "finish": re.compile(rf"{_COMPLETE}|{_PASSED}|通过[^,，;；。|]{{0,14}}?(?<!初)评审(?!会|材料|工作)|(?<!未)达标|全面落地|并网发电|投产"),
    # (全国爱卫办发文确认我县为国家卫生县城: the authority's act in the active, the city its object)
    "title": re.compile(rf"被[^,，;；。|]{{0,12}}?(?:评为|认定为|命名为|授予|确定为|列为|批准为|纳入|公布为)|获评|获批|荣获|创成|成功创建"
                        rf"|(?<!待)(?:确认|认定|命名|公布)(?:我市|我县|我区|本市|本县)为"
                        rf"|创建成功|(?<!待)批复同意|同意(?:设立|命名)|批准设立|{_PASSED}"),
    "hold": re.compile(r"鸣枪开跑|开跑|开幕|闭幕|落幕|圆满结束|成功举办|顺利举办|顺利举行|顺利承办|成功承办|举行|举办|召开"),
    "entity": re.compile(r"(?:注册)?成立|揭牌|挂牌|组建完成|完成组建|完成(?:工商)?注册|注册登记|(?:完成|正式|已|获批)设立|(?:设立|组建|成立)(?:完成|到位)"),
    "start": re.compile(rf"开工|动工|开建|(?:正式)?启动(?:实施|建设)|进场施工|{_COMPLETE}"),
    # (…挂牌上市，实现县域上市企业零的突破: the state restated after 实现 in a result clause is reached)
    # (逐步实现, 推动实现: a way towards it, no state reached)
    "state": re.compile(r"(?:全面|全部|均已|已经|已)(?:实现|推行|推开|铺开|落地)"
                        r"|(?<!逐步)(?<!加快)(?<!推动)(?<!促进)(?<!努力)(?<!确保)(?<!力争)(?<!争取)实现"),
}
#: the lexicon's event meanings that also reach each aim (a finish reaches a start)
#: (a body set up has its own words: an issued 组建方案 is no body)
_MEANINGS = {"finish": ("finish",), "title": ("finish", "approve"), "hold": ("hold",), "entity": (),
             "start": ("start", "finish"), "state": ()}
_NEGATED = re.compile(r"(?:未|没有|不|无法|暂未|尚未|未能|还未|仍未|不能|难以|待)(?:能|够|全部|全面|正式|如期|按期|顺利)?$")
#: a step or a trial of the works, not the aim: 完成可研批复, 通过省级初评, 完成设计招标
_STEP = re.compile(rf"{PRELIMINARY}|{PREPARATION}|初评|初审|预审|基础评价|材料|报名|试运行|试运营|试点"
                   # a candidacy, no title: 入选…创建名单, 获批创建, 创建单位
                   r"|创建名单|创建单位|创建对象|培育名单|培育对象|候选|获批创建|批准创建|同意创建|列入创建")
#: what the thing will do once the result is reached (该工程建成后出水将达到…, 建成后可承办…): a condition, no result
_AFTER_IT = re.compile(r"后[^,，;；。|]{0,16}?(?:将|可|能|预计|有望)")
#: the level of a title (国家级 vs 省级): a title of another level than the task's is another title
_LEVEL = re.compile(r"国家级?|全国|省级?|市级|县级")


def _level_of(text: str) -> str | None:
    m = _LEVEL.search(text)
    return None if m is None else "national" if m.group().startswith(("国家", "全国")) else m.group()[0]
#: an object counted right after an issuing or abolishing act (取消涉企收费项目14项, 印发技术指导意见8份): the
#: act is some of an open-ended task, counted like actions (helpers.judge.matching and helpers.judge.signals read it)
ACT_COUNTED = re.compile(r"[^,，;；。|\d]{0,14}?(?<![\d.])\d+(?:\.\d+)?\s*(?:项|个|家|条|件|份|所|处|座|批)")
#: a count after the result (完成36个重点建设用地调查): it counts a part of the work
_COUNTED = re.compile(r"\s*(?:了)?[^,，;；。|]{0,12}?\d")
#: a subject that names the city or county as the one honoured (我市被评为…)
_PLACE_SUBJECT = re.compile(r"^(?:我市|全市|本市|我县|全县|我区|该市|该县)$")
#: what is not an object's word after a result word: dates, marks, punctuation (已于6月全部结束)
#: (印发实施, 下发执行, 挂牌运营: the manner a document takes effect or a body starts is no object)
_OBJECT_RUN = re.compile(r"[^\u4e00-\u9fff]|了|并|于|已|全部|全面|顺利|正式|工作|任务|目标|年度|全年|\d+月\d*日?|^(?:实施|执行|施行|运营|运行|营业)$")
#: a count in the subject (全市1782个行政村…): things counted, not the task itself (a year, 2024六安马拉松, is none)
_COUNT_IN = re.compile(r"\d+(?:\.\d+)?\s*(?:个|家|项|所|条|户|座|处|批|名|万|千|余|多)")
#: a new site of a task that moves or builds anew (新院区已正式开诊 for …医院迁建)
_NEW_SITE = re.compile(r"^新(?:院区|址|馆|校区|厂区|园区|大楼|楼|场馆|航站楼)$")
_MOVED = re.compile(r"迁建|搬迁|新建|异地")
#: the works words closing a task's object (城市公园建设 → 城市公园)
_WORKS_TAIL = re.compile(r"(?:建设|工程|项目|改造|迁建|扩建|新建|[。.])+$")
#: one county or district as a subject (金寨县, 霍山县, 金安区)
_COUNTY_SUBJECT = re.compile(r"[\u4e00-\u9fff]{2,3}(?:县|(?<![范发业园景校片社城新小街辖港])区)")
#: a manner phrase opening a clause, no subject (以优秀等次通关)
_MANNER = re.compile(r"^以")
#: a rectification task, and the problems it clears as the subject of their clearing
_REMEDIED = re.compile(r"整治|整改|清理|清零|销号|四乱|排查")
_PROBLEMS = re.compile(r"(?:问题|隐患|图斑|事项|点位)$")
#: all of the things counted (312个问题已于8月底前全数销号): the count is the whole
_ALL_OF = re.compile(r"全部|全数|均已|均|悉数|全面")
#: a second verb after the result word's object: the object ends there
_NEXT_VERB = re.compile(r"并|后|且|同时|[,，;；。|]")
#: a generic tail after the head noun (治理工程, 改造项目, 普查工作)
_TAIL = re.compile(r"(?:工程|项目|工作|任务)$")
#: an authority granting the task's aim (国务院已批复同意, 省政府批准设立)
_AUTHORITY = re.compile(r"(?:国务院|政府|部|委|厅|局|(?<![承协主])办|办公室|委员会)$")  # (全国爱卫办, 省文明办)
#: an event named by its kind (赛事于4月14日鸣枪开跑 for 办好…马拉松)
EVENT_SUBJECT = re.compile(r"^(?:该|本届|本次|此次)?(?:赛事|比赛|活动|大会|会议|展会|盛会|节会|论坛)(?:活动)?$")


#: a hedge on the result (基本完成, 初步建成): done or nearly, the researcher's call
SOFT = re.compile(r"基本|初步|大部分|大体|大致")
#: work still going on (正在编制体检报告, 二期正在建设): the task is not done, whatever a clause says
_ONGOING = re.compile(r"正在|仍在|尚在|还在|抓紧|加紧|有序推进|加快推进|尚未|剩余|尚有|其余")


def task_aim(task: str) -> str | None:
    """The family of a one-off task's aim (finish, title, hold, entity, start, state), else None (standing work)."""
    first = re.split(r"[,，;；。]", task.strip(), maxsplit=1)[0]
    hits = [(m.start(), aim) for aim, rx in _AIMS for m in [rx.search(first)] if m]
    aim = "title" if _TITLE_OBJECT.search(first) else min(hits)[1] if hits else None
    # a title's name may hold the words of standing work (公共文化服务体系示范区): the title is one thing; so is a
    # plan to draw up (综合交通体系规划编制)
    if aim != "title" and not _PLAN_TASK.search(first) and STANDING.search(re.sub(r"《[^》]*》", "", first)):
        return None
    return aim


def _said_of_task(ev: Evidence, a: int, b: int, tb: set[str], task: str) -> bool:
    """Its subject is the task's thing (two shared bigrams, or its head noun: 公司 for 组建…公司), a
    generic reference (工程, 该项目, 赛事), the city, or none; what follows the result word in its
    clause, if anything, is the task's thing too (完成城市体检数据采集 completes a step of 城市体检);
    with neither subject nor object its sentence must be the only one that reports anything."""
    lay = ev.layout
    subject = expand_steps(subject_of(ev, a, clause_only=True).strip())  # 可研报告: 可行性研究报告
    obj = result_object(ev, a, b)
    if another_object(obj, tb, task):
        return False
    if not subject or _MANNER.match(subject):
        # no subject: the task's, when what follows names it or its sentence does (…对我市示范区创建
        # 进行验收,以优秀等次通关)
        return len(obj) >= 2 or _alone(ev, lay.sentence_of(a), task) or overlap(tb, lay.sentence_text(lay.sentence_of(a))) >= 2
    if any(m.group() not in task for m in PART_MARK.finditer(subject)):
        return False  # 茶文化节系列活动之一“茶乡行”已成功举办: a part of the event
    if _COUNT_IN.search(subject) and not _ALL_OF.search(lay.text, max(0, a - 6), b):
        return False  # 实现全市1782个行政村…全覆盖: a count of things, the task's or a part's
    if another_instance(subject, _task_object(task)):
        return False  # 城南污水处理厂已建成 for 建设城北污水处理厂
    if _REMEDIED.search(task) and _PROBLEMS.search(subject):
        return True  # 纳入年度清单的312个问题…全数销号: the problems are what a rectification task clears
    return is_generic(subject) or bool(_PLACE_SUBJECT.match(subject) or EVENT_SUBJECT.match(subject)) \
        or bool(_AUTHORITY.search(subject)) \
        or overlap(tb, subject) >= 2 or (0 < len(head := _TAIL.sub("", subject)) <= 3 and head in task) \
        or _same_kind(subject, task)


def _alone(ev: Evidence, sentence: int, task: str) -> bool:
    """The sentence is the only one that reports anything: the others hold no figure and nothing any finder
    read but a meeting held for a task that holds none (召开专题推进会，研究部署相关工作 before or after it is
    the office's work, no other thing's result)."""
    lay = ev.layout
    office = task_aim(task) != "hold"
    found = {f.sentence for f in ev.all_findings() if not (office and f.kind == "deliverable" and f.meaning == "hold")}
    return all(s == sentence or (s not in found and not re.search(r"\d", lay.sentence_text(s)))
               for s in range(len(lay.sents)))


def result_object(ev: Evidence, a: int, b: int) -> str:
    """What follows a result word in its clause, up to a second verb (完成评价并上报市卫健委: 评价)."""
    return _OBJECT_RUN.sub("", _NEXT_VERB.split(ev.layout.text[b:ev.layout.around(a, b)[1]], maxsplit=1)[0])


def another_object(obj: str, tb: set[str], task: str) -> bool:
    """An object after a result word that is not the task's thing (under half its bigrams the task's, and not
    a short word of the task): the result completes that object (完成医院章程制定 for 建立现代医院管理制度)."""
    return len(obj) >= 2 and overlap(tb, obj) < max(2, (len(obj) + 1) // 2) and not (len(obj) <= 3 and obj in task)


def _task_object(task: str) -> str:
    """The task's thing: its first clause without the works words closing it (城市公园建设 → 城市公园)."""
    return _WORKS_TAIL.sub("", re.split(r"[,，;；。]", task.strip(), maxsplit=1)[0])


def _same_kind(subject: str, task: str) -> bool:
    """新建口袋公园 for 推进城市公园建设, 新院区 for …医院迁建: the subject ends in the head noun of the
    task's object, and names no other thing of its kind (城南污水处理厂 for 建设城北污水处理厂)."""
    if _NEW_SITE.match(subject):
        return bool(_MOVED.search(task))
    obj = _task_object(task)
    return len(obj) >= 2 and len(subject) >= 2 and subject[-2:] == obj[-2:]


#: a plan to draw up (完成县级国土空间总体规划编制): done when drawn up, and when issued or approved too
_PLAN_TASK = re.compile(r"(?:规划|方案|纲要)(?:的)?(?:编制|修编)")


def _candidates(ev: Evidence, aim: str, task: str = "") -> list[tuple[int, int]]:
    """The spans of result phrases of the aim, in text order: the lexicon's events and the words above."""
    meanings = _MEANINGS[aim] + (("issue", "approve") if aim == "finish" and _PLAN_TASK.search(task) else ())
    spans = [(f.start, f.end) for f in ev.deliverables if f.status == "completed" and f.meaning in meanings]
    spans += [(m.start(), m.end()) for m in RESULT_WORDS[aim].finditer(ev.layout.text)]
    return sorted(set(spans))


def _plain(ev: Evidence, a: int, b: int, task: str) -> bool:
    """A result clause, not negated, not a step, a stage or a count of a part."""
    lay, text = ev.layout, ev.layout.text
    c0, c1 = lay.around(a, b)
    clause = text[c0:c1]
    return is_result(lay.modality_at(a)) and lay.modality_at(a) != "problem" \
        and not _NEGATED.search(text[max(c0, a - 6):a]) \
        and not any(not names_step(m.group(), task) and not (a - c0 <= m.start() and m.end() <= b - c0)
                    for m in _STEP.finditer(clause)) \
        and not any(m.group() not in task for m in STAGE_OF_WORKS.finditer(clause)) \
        and not _COUNTED.match(text, b, c1) and not _AFTER_IT.match(text, b, c1) \
        and not (_level_of(task) and _level_of(clause) not in (None, _level_of(task)))  # 省级 title for a 国家 task


def result_phrases(ev: Evidence, task: str) -> list[tuple[int, int]]:
    """The spans of the result phrases of the task's aim said of its thing (see the module's
    docstring), in text order; none for a task of standing work."""
    aim = task_aim(task)
    if aim is None:
        return []
    tb = bigrams(QUALIFIER.sub("", task))
    return [(a, b) for a, b in _candidates(ev, aim, task) if _plain(ev, a, b, task) and _said_of_task(ev, a, b, tb, task)]


def county_results(ev: Evidence, task: str) -> list[tuple[int, int]]:
    """The aim's result phrases said of one county or district while the task names none
    (金寨县已被…公布为国家全域旅游示范区 for 创建国家级全域旅游示范区): the task's, or a part? a residual
    signal, never a result."""
    aim = task_aim(task)
    if aim is None or _COUNTY_SUBJECT.search(task):
        return []
    return [(a, b) for a, b in _candidates(ev, aim, task) if _plain(ev, a, b, task)
            and _COUNTY_SUBJECT.fullmatch(subject_of(ev, a, clause_only=True).strip())]


def whole_task_result(ev: Evidence, task: str) -> Part | None:
    """The task's own aim said reached, as a completed part, or None; work still going on in this
    period's report (a problem or a next step is no report of the works) declines it."""
    lay = ev.layout
    if any(lay.modality_at(m.start()) not in ("problem", "intention") for m in _ONGOING.finditer(lay.text)):
        return None
    for a, b in result_phrases(ev, task)[:1]:
        c0, c1 = lay.around(a, b)
        f = Finding("verdict", c0, c1, lay.sentence_of(a), lay.text[c0:c1], status="completed",
                    modality=lay.modality_at(a))
        part = Part(None, [f], method="verdict_phrase", verdict="completed", whole_task=True)
        if SOFT.search(lay.text, max(c0, a - 4), b):
            part.review.append(review_reason("soft_done", f.text))  # 基本完成: done, or nearly
        return part
    return None


#: a chain of events in one clause (竣工并投入运行, 建成后即投入使用): what joins them, and what breaks
#: the chain — a negation, a plan or a wait makes the second event not done (建成但尚未投入使用)
_CHAIN = re.compile(r"(?:(?:并|后即?|且|随即|同步|即)(?:于[^,，;；。|]{1,10}?)?)?(?:正式|全面|顺利|投入|开始)*$")
_CLAUSE_REST = re.compile(r"[^,，;；。|]{0,24}")
_CHAIN_BREAK = re.compile(r"未|尚|将|拟|计划|预计|待|需|争取|力争|但")
_PREPARED = re.compile(rf"(?:{PREPARATION})")


def chained_use(text: str, end: int) -> bool:
    """A use event chained to the event ending at `end` in its clause (竣工并投入运行,
    8月建成并于9月正式开放): the deliverable put to use too."""
    m = _CLAUSE_REST.match(text, end)  # a chain is short: a bounded window keeps long cells linear
    m = USE_EVENTS.search(text, end, m.end())
    # a use word naming a preparation (成立开诊筹备领导小组: 开诊筹备) is no use event
    return bool(m) and bool(_CHAIN.search(text, end, m.start())) and not _CHAIN_BREAK.search(text, end, m.start()) \
        and not _PREPARED.match(text, m.end())


def names_the_event(subject: str, task: str) -> bool:
    """赛事, 本届大会, 活动 for a task to hold an event: the event named by its kind is the task's."""
    return bool(EVENT_SUBJECT.match(subject)) and task_aim(task) == "hold"

