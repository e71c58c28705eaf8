"""What a clause is said of: its subject (the opening noun after time and cause words), and whether
that subject is the task (its own words, a generic reference such as 该项目, or none at all)."""

from __future__ import annotations

import re

from helpers.judge.evidence import Evidence
from helpers.judge.findings import PREPARATION, PRELIMINARY, STAGE_OF_WORKS, names_step
from helpers.judge.halts_and_waits import HALT_WORDS
from helpers.judge.targets import bigrams, overlap


#: words that open a clause before its subject: time, cause, agent (截至6月底, 因…, 经…同意)
_LEAD = re.compile(r"^(?:截至|截止|目前|当前|今年|本年度|本年|年内|上半年|一季度|前三季度|全年|\d{1,2}\s*[-—~至]?\s*\d*月(?:份|底|末)?|"
                   r"\d+日|[上中下]旬|起(?!草)|以来|[,,:: ]|其中|同时|此外"
                   # the act of an agent named before, in an adverbial (经…研究，决定取消单独建设), or its order
                   # opening the next clause (省水利厅通知，因…，要求项目暂停开工: 项目 is what is halted)
                   r"|(?:研究)?决定(?!书)|要求(?![,,;;。])|责令"
                   # a time before an event (评估通过前暂停上线, 方案批复前暂缓施工): no subject
                   r"|[^,,;;。]{1,10}?(?:通过|完成|结束|出台|批复|到位|明确|确定)(?:之|以)?前)+")
#: where a subject ends: the first adverb, preposition or verb of its clause (every halting verb
#: of findings' grammar among them, and the slips 顺延, 延后)
_SUBJECT_END = re.compile(r"已|于|正式|被|将|在|待|因|经|正在|完成|通过|均|全面|顺利|成功|开始|目前|按|由|从|自"
                          r"|(?<=.)全线"  # 工程全线建成通车: an adverb after the subject
                          rf"|竣工|完工|建成|开工|{HALT_WORDS.pattern}|顺延|延后|定于"
                          r"|计划|拟|原定|原计划"  # (赛事原定11月举办: 赛事)
                          r"|发文|行文"  # (全国爱卫办发文确认…: 全国爱卫办)
                          # a time after the subject (项目6月起暂停施工, 工程今年3月开工) ends it as a verb does
                          r"|(?<![\d-])\d{1,2}\s*(?:月|日)|今年|年内|日前|近期|年初|年底|上半年|下半年")
#: a subject that can only mean the task itself (项目, 该工程, 上述工作, 创建工作)
#: (年度目标任务, 全年各项任务: the year's work of the task itself)
#: (该项工作, 此项任务, 这一工作: a determiner with its classifier 项 or 一 names the task as well)
_GENERIC = re.compile(r"^(?:(?:该|此|这|本)(?:项|一)?|上述|相关|各项|整体|全部|年度|全年|既定|目标)*"
                      r"(?:项目|工程|任务|工作|创建工作|建设|改造|平台|系统){0,2}$")
#: a subject opening with that reference and going on about it (项目选址不符合要求): the task's topic
_GENERIC_OPEN = re.compile(r"^(?:该|此|本|上述)?(?:主体|土建|基础)?(?:项目|工程)(?!库|储备|清单|[\d一二三四五六七八九十])")
#: adverbial clauses before the subject: a basis, a cause or an agent's procedure, each ending at a
#: comma (根据省发改委意见，…; 受资金影响，…; 经市政府研究，…)
_ADVERBIAL = re.compile(r"^(?:(?:根据|按照|依据|依照|经过?|受|因|由于|鉴于|结合|对照|针对|为)[^,,;;。]*[,,]\s*)+")
#: an authority and its act of communication before what it acts on (国家发改委通知项目暂缓审批,
#: 市交通运输局决定其余6条线路调出计划): the subject is what follows the act
_AGENT = re.compile(r"^[^,,;;。]{0,14}?(?:局|厅|部|委|办|政府|管委会|中心|集团|上级|省里|国家|中央|指挥部|防指|领导小组|委员会)(?:研究)?"
                    r"(?:通知|要求|决定|明确|同意|函告|责令|下令|批复)(?:将|对)?")


#: a place that is a part of the whole a task covers: a county or district (霍邱县, 金安区, 市区, 各县), a
#: town (城关镇); never the whole itself (全县, 我县, 本区: a county's own report speaks of its whole
#: so) nor a noun ending in the same character (城镇就业, 乡镇, 景区, 园区, 县区)
#: (a zone named by its kind alone — 开发区, 经开区, 高新区 — is the reporting zone itself, its whole; a
#: named one — 杭埠经开区, 市经开区 — is a part)
#: (every county or every level together — 各县区, 全市各县, 市县两级 — is the whole area, no part of it:
#: `helpers.judge.sums` counts it a part only beside another part)
_NAME = r"(?:(?!各)[\u4e00-\u9fff])"
PART_PLACE = (r"(?!(?:全|我|本|该)(?:县|区)|(?:开发|经开|高新|示范|园)区|(?:市县|县乡|县镇)(?:乡)?(?:两|三)?级)"
              rf"(?:{_NAME}{{2,3}}(?:经开|高新|开发)区|{_NAME}{{1,3}}(?:县|(?<![院园校片社景厂矿营城该本新])区)"
              rf"|{_NAME}{{1,2}}(?<![城乡村集重小])镇)(?![\u4e00-\u9fff]{{0,2}}(?:县区|各县))")


def opens_with_the_task(subject: str) -> bool:
    """A subject opening with the task's generic reference and going on about it (项目用地规划许可, 项目选址):
    the task's topic."""
    return bool(_GENERIC_OPEN.match(subject))


def is_generic(subject: str) -> bool:
    """A subject that can only mean the task itself (项目, 该工程, 项目工程, 上述工作)."""
    return bool(_GENERIC.match(subject))


_AUTHORITY = re.compile(r"(?:局|厅|部|委|办|政府|管委会)$")
#: the builder of the works the cell reports (施工单位, 参建单位, 施工队伍)
_WORKS_AGENT = re.compile(r"^(?:项目)?(?:施工|参建|建设|总承包)(?:单位|队伍|企业|方)$")
AUTHORITY_SUBJECT = _AUTHORITY
_NAMED_AGAIN = re.compile(r"(?:(?:该|此|本|这)(?:项|一)?|上述)(?:项目|工程|工作|任务)")


#: an agent's approval or order opening a clause (经省发改委同意…, 按省能源局要求…, 省里通知…)
_AGENT_OPENS = re.compile(r"(?:经|按照?|根据|依据)?[^,,;;。]{0,14}?(?:局|厅|部|委|办|政府|管委会|上级|省里|国家|中央|会议|指挥部|防指|领导小组)"
                          r"(?:研究)?(?:通知|要求|决定|明确|同意|函告|责令|下令|批复|审核|批准)")


def subject_of(ev: Evidence, pos: int, clause_only: bool = False) -> str:
    """The subject a finding at pos is said of: its clause's opening noun, else its sentence's."""
    lay = ev.layout
    starts = [lay.around(pos, pos + 1)[0]]
    if not clause_only:
        s0 = lay.sentence_start(lay.sentence_of(pos))
        i = lay.clause_index(pos)
        if _AGENT_OPENS.match(lay.text, starts[0], pos):
            # a clause opened by an agent's act (该项工作因…调整，经省发改委同意延期实施) says what the
            # clauses before it in its sentence were about: the nearest subject, not the sentence's first
            starts += [c.start for c in reversed(lay.clauses[:i]) if c.start >= s0]
        starts.append(s0)
    for a in starts:
        head = _LEAD.sub("", _AGENT.sub("", _LEAD.sub("", _ADVERBIAL.sub("", _LEAD.sub("", lay.text[a:pos])))))
        head = re.split(r"[,,;;]", head, maxsplit=1)[0]  # the topic is the first clause's
        m = _SUBJECT_END.search(head)
        subject = head[:m.start()] if m else head
        if subject:
            return subject
    return ""


def abbreviates(short: str, full: str) -> bool:
    """保租房 in 保障性租赁住房: every character of the short name, in order, in the full one."""
    it = iter(full)
    return len(short) >= 2 and all(ch in it for ch in short)


def abbreviated_name(subject: str, tb: set[str]) -> bool:
    """棚改项目 for 棚户区改造: a short name before a generic tail (项目, 工程, 任务) whose characters all
    belong to the task's words (its bigrams keep no order: a name of two to four characters)."""
    head = re.sub(r"(?:项目|工程|任务|工作|建设|计划|方案)+$", "", subject)  # (公厕建设计划 for 公共厕所)
    chars = "".join(tb)
    return head != subject and 2 <= len(head) <= 4 and all(ch in chars for ch in head)


def refers_to_task(ev: Evidence, pos: int, tb: set[str]) -> bool:
    """Whether a finding at pos is said of the task: its subject shares the task's words, is a
    generic reference (项目, 该工程, 上述工作) or absent; or its sentence shares two of them."""
    subject = subject_of(ev, pos)
    if not subject or _GENERIC.match(subject) or _GENERIC_OPEN.match(subject) or overlap(tb, subject) >= 1 \
            or abbreviated_name(subject, tb):
        return True
    if _AUTHORITY.search(subject) or _WORKS_AGENT.match(subject):
        # 市住建局叫停内部装修施工: an authority acting on the works this cell reports; 施工单位已进场: its builder
        return True
    if len(subject) <= 3 and any(ch in "".join(tb) for ch in subject):
        return True  # 赛事 for 马拉松赛, 院区 for 西院区: a short name of the task's own thing
    a = ev.layout.around(pos, pos + 1)[0]
    if _NAMED_AGAIN.search(ev.layout.text, max(a, pos - 8), pos) or _NAMED_AGAIN.match(ev.layout.text, pos + 2):
        # 省发改委已通知该项目暂缓开工: the agent is the subject, 该项目 what is halted; 决定取消该项目:
        # the task named again as the verb's object
        return True
    return overlap(tb, ev.layout.sentence_text(ev.layout.sentence_of(pos))) >= 2


#: what opens an object after a verb: a count, an article, a particle (叫停3个…项目, 暂停了一批…)
_OBJECT_LEAD = re.compile(r"^(?:了|一批|部分|\d+(?:\.\d+)?\s*[个家项座条所处批]|[,,:: “”\"])+")
#: what closes a halt's clause without being its object: a state (处于停工状态, 停工中)
_NO_OBJECT = re.compile(r"^(?:状态|中|阶段|待.*)$")  # (停工待审: a wait after the halt is no object either)


def object_of(ev: Evidence, end: int) -> str:
    """The object a verb ending at `end` takes: the rest of its clause, without a leading count."""
    b = ev.layout.around(end - 1, end)[1]
    return _OBJECT_LEAD.sub("", ev.layout.text[end:b]).strip()


def acts_on_another(ev: Evidence, end: int, tb: set[str]) -> bool:
    """A verb with an object of its own that the task does not name (叫停3个不符合要求的“两高”项目 for
    an air-quality task): it acts on something else, not on the task."""
    obj = object_of(ev, end)
    # (暂停审批新增燃煤锅炉项目 for 新增上云企业: an addition's verb shared names no thing of the task's)
    return len(obj) >= 2 and not _GENERIC.match(obj) and not _NO_OBJECT.match(obj) and overlap(tb - _ADDING, obj) == 0


#: the verbs of a target of additions, no thing of its own
_ADDING = frozenset({"新增", "新建", "新开", "新改"})


#: a generic tail of a name (…提标改造工程, …项目): the thing is named before it
_GENERIC_TAIL = re.compile(r"(?:工程|项目|一期|二期)+$")
#: one-character heads that name a building or a site
_FACILITY = frozenset("楼馆厂院站场园桥港库所")


_QUOTED_INSIDE = re.compile(r"(?:“[^”]*”|‘[^’]*’|\"[^\"]*\")(?=.)")
_QUOTE_MARKS = re.compile(r"[“”‘’\"]")


def another_instance(subject: str, name: str) -> bool:
    """A subject naming another thing of the task's kind (城南污水处理厂 for 城北污水处理厂, 西院区 for
    东院区): the two share a head noun, but the words right before it differ."""
    if _GENERIC.match(subject) or re.match(r"(?:该|此|本|这|上述)", subject) or re.fullmatch(r"[大新主][\u4e00-\u9fff]", subject):
        return False  # 该工程, 该院区, 本项目, 大桥, 新馆: the task's own thing named again
    # a relative clause before 的 describes the thing, it does not name another (原定5月举办的茶博会)
    # (a quoted brand inside a name is skippable: 政务服务平台“一网通办”2.0版 is named 平台2.0版 too; a
    # quoted name at the end is the name, its marks dropped: 城北“口袋公园”)
    subject, name = (_QUOTE_MARKS.sub("", _QUOTED_INSIDE.sub("", x)) for x in (subject, name))
    subject, name = _GENERIC_TAIL.sub("", subject.rsplit("的", 1)[-1]), _GENERIC_TAIL.sub("", name)
    k = 0
    while k < min(len(subject), len(name)) and subject[-1 - k] == name[-1 - k]:
        k += 1
    # a head noun of two characters (处理厂), or one that names a building or site (实验楼 for 调度大楼)
    if (k < 2 and not (k == 1 and subject[-1] in _FACILITY)) or k == len(subject) or k == len(name):
        return False
    if overlap(bigrams(name[:-k]), subject[:-k]) >= 2:
        return False  # 六安机场至上海虹桥航线 for 六安至上海直飞航线: one thing named more fully
    before = subject[-1 - k]  # 通知该专线: a determiner before the head noun points back at the task
    return before != name[-1 - k] and before not in "该此本这述" and "\u4e00" <= before <= "\u9fff"


#: the head noun of a named thing: what it is (a system, a centre, a hall …)
_HEAD = re.compile(r"(?:系统|平台|中心|大楼|馆|院区|医院|学校|站|厂|场|园|线|路|桥|港|楼)$")


def another_thing(subject: str, name: str) -> bool:
    """A subject whose head noun the task's name does not hold (急救指挥调度系统已正式运行 for
    建成市急救中心): a thing inside or beside the task's, not the task's thing."""
    head = _HEAD.search(subject)
    if not head or head.group() in name or re.match(r"(?:该|此|本|这|上述)", subject):
        return False
    # 城际公交线路 for 开通…城际公交: the task's thing with a head noun added is still the task's
    modifier = subject[:head.start()]
    return len(modifier) >= 2 and overlap(modifier, name) < 2


#: a meeting, a ceremony or a launch about an event (新闻发布会, 筹备工作会议, 启动仪式, 推介会)
_MEETING_TAIL = re.compile(r"(?:[\u4e00-\u9fff]{2}会|会议|仪式|典礼)$")
#: a count closing what was held (专题会议2次, 推介会3场): the meetings counted, named before it
_COUNT_TAIL = re.compile(r"\s*[\d一二两三四五六七八九十]+\s*(?:次|场|期|轮|个)$")


def _meeting_not_named(name: str, task: str) -> bool:
    m = _MEETING_TAIL.search(_COUNT_TAIL.sub("", name))
    return bool(m) and m.group() not in task and not abbreviates(m.group(), task)  # 市运会 for 全市…运动会


def side_meeting(ev: Evidence, start: int, end: int, task: str) -> bool:
    """An event held whose subject (茶文化节新闻发布会已召开) or object (已举办茶文化节启动仪式, 召开大会
    筹备工作专题会议2次) ends in a meeting or a ceremony the task does not name: a meeting about the
    event, held — not the event."""
    return _meeting_not_named(subject_of(ev, start), task) or _meeting_not_named(object_of(ev, end), task)


#: a part of the thing named in a subject: one of its activities or rounds (系列活动之一, 首场推介活动,
#: 首批比赛项目, 青少年组比赛, 第二站), some of them (其中, 个别)
PART_MARK = re.compile(r"之一|首场|首批|第[一二三四五六七八九十\d]+(?:场|批|站|期)|分会场|系列活动|推介活动"
                       r"|[\u4e00-\u9fff]{1,4}组(?:比赛|赛事)|其中|个别|其余|剩余")
#: a clause about a step, a stage or a trial of the works (完成可研批复, 一期…建成, 投入试运行,
#: 招标公告已发布; the papers and checks before them: 清单编制, 清查摸底, 合法性审查, 开标, 信息核对,
#: 供地手续): its completion verb is not the task's
STEP = re.compile(rf"{PRELIMINARY}|{PREPARATION}|试运行|试运营|试生产|调研|培训|申报|对接|座谈|谋划|部署|起草|征求意见|初稿"
                  r"|摸底|清查|审查|开标|核对|手续|清单")


def of_a_step(subject: str, task: str) -> bool:
    """A completion whose subject names a step or a preparation (大会筹备工作, 开业前准备工作, 项目前期工作),
    a stage of the works (项目主体工程, 钢结构工程) or a part (系列活动之一, 首批比赛项目) the task does not
    name: that is done, not the task."""
    return any(not names_step(m.group(), task) for m in STEP.finditer(subject)) \
        or any(m.group() not in task for rx in (STAGE_OF_WORKS, PART_MARK) for m in rx.finditer(subject))


#: a subject pointing back (上述工作, 以上工作, 这些工作): what it is said of is named before it
_ANAPHOR = re.compile(r"^(?:上述|以上|前述|这些|上列)")


def points_elsewhere(ev: Evidence, pos: int, task: str) -> bool:
    """上述工作已全部完成 after a sentence about other work (…协调解决用地、管线迁改等具体问题。): a subject
    pointing back at words that do not name the task's thing (two shared bigrams) is said of them."""
    if not _ANAPHOR.match(subject_of(ev, pos)):
        return False
    before = said_of(ev, pos)
    return not _ANAPHOR.match(before) and overlap(bigrams(task), before) < 2


def said_of(ev: Evidence, pos: int) -> str:
    """The words a finding at pos is said of: its subject, or — for one pointing back (上述工作已全部完成)
    — the words before it in its sentence, else the sentence before (项目选址、立项等前期工作均已办结,
    上述工作已全部完成: the steps named)."""
    subject = subject_of(ev, pos)
    if not _ANAPHOR.match(subject):
        return subject
    lay = ev.layout
    i = lay.sentence_of(pos)
    before = lay.text[lay.sents[i][0]:lay.around(pos, pos + 1)[0]] if lay.sents else ""
    return before or (lay.sentence_text(i - 1) if i > 0 else "") or subject
