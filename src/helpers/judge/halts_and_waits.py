"""The grammars of two statuses that no figure gives: a halt of the task (受阻) and a wait on an
outside act (待评估), as regexes helpers.judge.findings compiles beside the lexicon's verdict words
(docs/judging.md, "General constructions"). Words, not lists of sentences: a family of verbs with
what they may be said of, and the acts of an outside authority with the phrases that await them."""

from __future__ import annotations

import re

#: the year after this one, in words (a year by number is compared with the report's year)
NEXT_YEAR = r"明年|次年|下一?年度?"

#: an acceptance of the works by whoever checks them (竣工验收, 环保验收, 消防验收): its finish word names the check
ACCEPTANCE = r"(?:竣工|环保|消防|交工|专项|整体)*验收"

#: awaiting an outside act, however long the phrase between: 待文化和旅游部组织专家暗访和综合评估后确定命名
#: (需 and 须 are one word of necessity in two hands: 须经…审定后方可发布, 尚须, 仍须, 须等到)
_AWAIT = r"(?<![接期款优招看亟留虐对])(?:待(?!遇|办|业|岗|售|定)|等待|等候|静候|尚[需须]|[需须]等到?|有待|仍[需须]|(?<!后)[需须]经过?)"
#: (a review by several bodies or its last round, 部际联审, 终审, 初审, is one too)
_OUTSIDE_ACT = (r"批复|审批|批准|核准|确认|验收|命名|认定|核查|核定|公布|发布|评审|评估|审定|审核|审议|反馈|统计|复核|考核|授牌|公示|测评"
                r"|联审|终审|初审"
                r"|检定|检测|检验|鉴定|审查|备案|核算|评定|评选|审计|测算|发文")
#: an act's word as a noun's modifier or the city's own work (待审批事项, 待验收项目3个, 仍需加大考核力度): no wait
NOT_A_NOUN = (r"(?!事项|项目|企业|案件|件|材料|清单|资金|问题|力度|流程|机制|制度|能力|体系|工作机制|标准|指标|水平"
               r"|\d)")
#: an outside decision's result, after which a submission or a wait is over (获批, 通过, 已命名)
_DECIDED_AFTER = r"(?![^。;;|]*?(?:获批|通过|批复同意|已命名|认定为|入选|授牌))"
#: the papers of an outside act on the task's outcome (申报材料, 复审材料, 验收申请) sent to whoever
#: decides it (a preliminary approval's papers, 土地报批材料, await a step, not the outcome)
_SUBMITTED = (r"(?:申报|申请|创建|复审|复核|复查|评审|验收|评估|考核|认定|评定|命名)(?:材料|资料|文件|报告|申请书?)"
              r"[^,,。;;|]{0,20}?(?:上报|报送|提交|呈报|报请|推荐至|推荐到|已报(?=[^,,。;;|]{0,12}?(?:部|厅|局|委|政府|办|署)))"
              + _DECIDED_AFTER
              # the receiver named first (已向商务部等四部委报送申请材料, 向省经信厅提交认定申请)
              + r"|向[^,,。;;|]{1,16}?(?:上报|报送|提交|呈报|报请)了?[^,,。;;|]{0,8}?"
              r"(?:(?:申报|申请|创建|复审|复核|评审|验收|评估|考核|认定|评定|命名)(?:材料|资料|文件|报告|申请书?)"
              r"|(?:创建|复审|复核|评审|验收|评估|考核|认定|评定|命名)申请)" + _DECIDED_AFTER)
#: an outside act whose result or date is not fixed yet (暗访检查时间尚未确定, 评审结果仍未出来)
_UNDECIDED = (r"(?:检查|核查|验收|评审|考核|评估|复审|复核|暗访|评定|结果|名单|批复)[^,,。;;|]{0,4}?(?:时间|日期|结果)?"
              r"(?:尚未|暂未|还未|仍未)(?:确定|明确|出来|出炉)"
              r"|(?:评审|评定|审核|认定|审批|评选)(?:工作)?正在(?:进行|开展)"
              # a stage of the outside procedure reached (名单已进入公示阶段, 进入国家级评审阶段); a bare 正在公示
              # after an act passed (通过…验收，正在公示) is a formality, no wait
              r"|(?:进入|处于)[^,,。;;|]{0,6}?(?:公示|评审|审核|审批|评估|考核|验收|复核)(?:阶段|期|程序|环节)"
              # the act expected to end later (省级认定工作预计11月完成)
              r"|(?:认定|评审|评定|审核|审批|验收|评选|考核)(?:工作|结果)?(?:预计|将于|计划于)[^,,。;;|]{0,10}?"
              r"(?:完成|结束|公布|揭晓|出炉)"
              # a result fixed only after something else (全年情况需待秋粮收获后确定, 名单待复核后明确)
              r"|(?:情况|结果|产量|数据|数字|名单)[^,,。;;|]{0,6}?(?:需|尚需|仍需|还需)?待[^,,。;;|]{1,20}?后"
              r"(?:才能|方可|再|才可)?(?:确定|明确|知晓|掌握)"
              # a result that cannot be fixed yet (全年产量尚难确定, 暂无法统计)
              r"|(?:尚难|尚无法|暂无法|暂难|目前难以|还无法)(?:确定|统计|核算|判断|评估|反映)"
              # data that come later by their nature: compiled on a yearly date while not in yet (数据于每年8月底统计
              # 完成，目前正在开展跟踪调查; with no word of that the date may have passed), made only
              # when the year's books close (将于年终决算后形成数据), measured by the year alone (年度评估后发布,
              # 半年度不单独评估), none to give or counted yet (目前无法给出覆盖率数据, 尚未开展统计)
              r"|(?:数据|结果)[^,,。;;|]{0,4}?于每年[^,,。;;|]{1,10}?(?:统计|汇总|发布|公布|测算)"
              r"(?=[^。;;|]{0,20}?(?:目前|正在|尚未|暂未|还未|暂无))"
              r"|(?:将于|待|需待)(?:年终|年底|年末)[^,,。;;|]{0,8}?后(?:才能|方可)?(?:形成|产生|得出)"
              r"|(?:年度|全年)(?:评估|统计|测评)后(?:发布|公布)|(?:半年度?|季度|月度)不(?:单独)?(?:评估|统计|测评)"
              r"|(?:无法|不能|尚不能)(?:给出|提供|得出)[^,,。;;|]{0,8}?(?:数据|结果)|(?:尚未|暂未|还未)开展统计"
              # released by a body above the city, not yet (由省水利厅年底统一测算发布; 由…认定的企业 is a count)
              r"|(?<!已)(?<!已经)由(?:省|国家|国务院|中央)[^,,。;;|]{0,14}?(?:测算|核算|核定|发布|公布|认定|评定|反馈)"
              r"(?!的|后的|为|了)")
PENDING_GRAMMAR = (r"预计\d{1,2}月份?(?:底|前)?(?:公布|公示)(?:结果)?"
                    r"|(?:结果|名单|数据)[^,,。;;|]{0,6}预计[^,,。;;|]{0,16}?(?:公布|发布|揭晓|反馈|公示)"
                    rf"|{_SUBMITTED}|{_UNDECIDED}"
                    r"|预计[^,,。;;|]{0,8}?(?:公布|发布|揭晓)(?:结果|名单)"
                    r"|(?:核定数|结果|数据|考核结果)将于[^,,。;;|]{0,14}?(?:公布|发布|反馈)"
                    rf"|{_AWAIT}[^,,。;;|]{{0,30}}?(?:{_OUTSIDE_ACT}){NOT_A_NOUN}"
                    # under the outside act now (正在接受省科技厅评审, 国家林草局正在审批, 目前在审批中), or its
                    # result due later (结果年底揭晓)
                    rf"|正在接受[^,,。;;|]{{0,12}}?(?:{_OUTSIDE_ACT})"
                    rf"|(?:省|国家|国务院|部|厅)[^,,。;;|]{{0,10}}?(?:正在|正)(?:{_OUTSIDE_ACT})"
                    rf"|(?:在|处于)(?:{_OUTSIDE_ACT})(?:中|阶段|过程中)"
                    # (a month with no word of the future, 名单于7月公布, may be past: 我市新增5家 follows it)
                    r"|(?:结果|名单)[^,,。;;|]{0,4}?(?:年底|年末|(?<![于\d])\d{1,2}月(?:底|份)?|下半年|明年|近期)[^,,。;;|]{0,4}?(?:揭晓|公布|发布)"
                    rf"|(?:尚未|暂未|还未|还没有|没有|暂不|未)(?:经[^,,。;;|]{{1,10}}?)?(?:正式)?(?:对外|向社会)?(?:公布|发布|出炉|揭晓|反馈|下达|下发|核定|公示|批复|审批)"
                    r"|(?:尚未|暂未|还未)(?:组织|开展|进行)(?:验收|评审|评估|考核|认定|命名|审核)"
                    rf"|(?:已|正在)?(?:报送|上报|提交|报请|呈报|提请|(?<=[正已])报)[^,,。;;|]{{0,20}}?(?:审批|审核|批复|审定|审议|评审|验收|认定)(?!通过|合格|完成)"
                    r"|(?:结果|评审结果)尚未公示|尚未公示[^,,。;;]{0,6}结果"
                    # submitted, and the outside act under way: 已上报商务部，正在审核中; 正在履行核准程序
                    rf"|(?:报送|上报|提交|报请|呈报)[^。;;|]{{0,30}}?(?:正在|目前|尚在|仍在)(?:履行)?(?:{_OUTSIDE_ACT}|核准)"
                    # the city's own notice to publish (招聘公告拟于4月发布) is its own act, no wait
                    r"|(?<!公告)(?<!简章)(?<!通知)(?<!方案)(?:拟|将|预计)于?[^,,。;;|]{0,10}?(?:正式)?(?:命名|授牌|公布|发布|认定|批复)(?!会|稿|文件)"
                    # the result as the outside act will fix it (最终以国务院教育督导委员会认定公布为准)
                    # (最终数据以统计部门反馈为准 beside the figure is a caveat on data, no outcome awaited)
                    r"|(?:结果|最终|名单)以(?![^,,。;;|]{0,24}?(?:数据|数字|统计))[^,,。;;|]{1,24}?"
                    r"(?:认定|命名|批复|验收|评定|评审|审定|授牌|公布|文件|名单)[^,,。;;|]{0,6}?为准"
                    # an outside body's act set for a later date (省级评审会议安排在10月, 教育部实地核查计划于下半年开展)
                    r"|(?:省|国家|部|厅)[^,,。;;|]{0,8}?(?:评审|验收|核查|认定|评定|考核|督导|评估)(?:会议|工作)?"
                    r"(?:安排在|定于|计划于|将于|拟于)[^,,。;;|]{1,10}"
                    # an acceptance of the works set for a later date, no body named (环保竣工验收排在明年1月,
                    # 消防验收定于明年1月进行): its body is the regulator's, outside the city's works
                    rf"|{ACCEPTANCE}(?:工作)?(?:排在|安排在|定于|计划于|将于|拟于)[^,,。;;|]{{1,12}}"
                    # the body first, then its date and act (生态环境部将于下半年开展技术核查)
                    r"|(?:省|国家|国务院|(?<![全内局])部(?!门|署|分)|厅|总局)[^,,。;;|]{0,8}?(?:将于|拟于|计划于|定于)"
                    r"[^,,。;;|]{1,12}?(?:评审|验收|核查|认定|评定|考核|督导|评估|复核|审查|暗访)"
                    # the data being compiled by someone (数据正由市疾控中心汇总分析)
                    r"|(?:数据|结果)[^,,。;;|]{0,4}?(?:正由|正在|尚在|仍在)[^,,。;;|]{0,12}?(?:汇总|统计|核算|测算)"
                    # an outside act after a waiting period still to end (公示期满后正式命名, 复核结束后授牌;
                    # the body may be named between: 公示期满后由省政府命名)
                    r"|(?:期满|结束|届满)后(?:正式|再|即|方可)?(?:由[^,,。;;|]{1,10}?)?(?:正式)?(?:命名|授牌|公布|认定|批复|发文)"
                    # the works may start only after an outside act (需等待省交通运输厅下达投资计划后方可开工建设)
                    r"|(?:等待|待)[^,,。;;|]{1,24}?(?:下达|批准|同意)[^,,。;;|]{0,8}?后(?:方可|才能|才可)")
#: a halt lifted later in the cell (暂停施工，6月已恢复施工; 目前已复工): the halt is over
RESUMED = re.compile(r"(?:已|现已|目前已|均已|全面|陆续)(?:恢复(?:施工|建设|实施|运营|运行|营业|开放|生产|审批)?|复工|复产|重启|重新启动|解除)")
#: a wait just before an event word in its clause (待省政府批复同意): the event has not happened
AWAITED = re.compile(_AWAIT + r"[^,,。;;|]{0,12}$")
#: halted, deferred or cancelled, said of the task or its event (暂缓开工, 项目已撤销, 被调出…计划);
#: the same verb with an object of its own (暂停水下桩基作业, 取消收费) halts something else
HALT = r"暂缓|暂停|停止|终止|取消|撤销|叫停|缓建|停建|停工|停办|停运|撤项|搁置|中止|延期|推迟|撤回|停滞"
HALT_WORDS = re.compile(HALT)
#: a manner between a halting verb and the works (取消单独建设, 不再单列实施, 停止继续实施)
MANNER = r"单独|单列|另行|继续|原定|全部|全面"
#: a halting verb and the object it names before the works' word (停止扩建部分施工 → 扩建部分)
NAMED_WORKS = re.compile(rf"(?:{HALT})(?P<obj>[^,,。;;|\d]{{1,10}}?)(?:施工|建设|作业|改造)$")
#: a slip to a later date, said of the task's carrying out (项目延期至2026年以后实施, 推迟到10月举办)
SLIP = (r"(?:延期|推迟|顺延|延后|推延|延迟|(?<![蔓绵])延(?=至)|调整(?=(?:至|到)(?:20\d\d年|明年|次年|下一?年|“?十五五)))(?:至|到)[^,,。;;|]{1,14}?(?:以后|之后)?"
        r"(?:实施|建设|开工|施工|举办|召开|开通|投用|启动)?(?=$|[,,。;;|])")
SLIP_WORDS = re.compile(r"^(?:延期|推迟|顺延|延后|推延|延迟|延|调整)(?:至|到)")
#: a halt whose object follows the verb to the clause's end (市政府决定暂缓实施公交票价调整方案, 国家林草局暂停国家森林
#:乡村评价认定工作): the verb is the finding and its object, group `haltobj`, says what is halted — the task when
#: an authority halts it and the object restates the task's thing (helpers.judge.findings, helpers.judge.parts).
#: Not a time (暂停期间), a count (取消违规收费项目9项), a notice's title (关于暂停…审批的要求: a cause) nor an
#: order to a third party (责令停止违法行为)
OBJECT_HALT = (rf"(?<!责令)(?:{HALT})(?:{MANNER})?(?:实施|开展|推进|执行|举办|启动)?"
               r"(?=(?P<haltobj>(?!期间|后|以来|前|状态|的)[^,,。;;|、\d]{2,18}?)"
               r"(?<!通知)(?<!要求)(?<!意见)(?<!精神)(?<!部署)(?<!规定)(?<!影响)(?<!办法)(?:$|[,,。;;|]))")
BLOCKED_GRAMMAR = (rf"(?:{HALT})(?:{MANNER})?(?:开工|建设|实施|推进|开展|施工|执行|招标|上线|运营|营业|经营|开放|使用|投用|立项|审批|举办|召开|合作"
                    r"|布展|装修|安装|作业|报批|受理"
                    # the task's own work named as such (项目已停止前期工作, 暂停相关工作)
                    r"|(?:前期|相关|各项|全部)?工作)?"
                    # (按下“暂停键”, 停工待审: the key pressed, a halt awaiting what follows)
                    # (停止建设并撤场: a halt chained to its consequence is still the halt)
                    r"(?:键[”\"]?)?(?:并(?:撤场|退场|撤离|封存|清场|整改))?(?=$|[,,。;;|]|了|至今|状态|待|中(?:[,,。;;|]|$))"
                    # no longer on the list of the year's works (不再列入年度重点项目计划)
                    r"|(?:不再|未再|不予)列入[^,,。;;|]{0,14}?(?:计划|规划|清单|名单|项目库)"
                    # the task named again as the object (决定取消该项目, 暂停该项目建设)
                    rf"|(?:{HALT})了?(?:该|此|本|这一?)(?:次|届|年度)?(?:项目|工程|活动|赛事|计划|工作|展会|大会|节会|论坛)的?"
                    r"(?:建设|实施|施工|举办|推进)?(?=$|[,,。;;|])"
                    # 暂缓至明年实施: put off to a date by a halting verb (a slip, 推迟至…, is no halt)
                    rf"|(?:暂缓|暂停|停止|搁置|中止|缓建)(?:至|到)(?:{NEXT_YEAR}|20\d\d年)[^,,。;;|]{{0,8}}?"
                    r"(?:开工|建设|实施|推进|开展|施工|执行|举办|召开)?(?=$|[,,。;;|])"
                    r"|(?:叫停|责令停止|责令暂停)[^,,。;;|\d]{0,8}?(?:施工|建设|工程)(?=$|[,,。;;|])"
                    # a halt of named works (停止扩建部分施工, 暂停主体结构施工, 全面叫停…采砂作业): whose works
                    # they are is the object's to say (helpers.judge.parts: 暂停水下作业 is another's)
                    rf"|(?:{HALT})[^,,。;;|\d]{{1,10}}?(?:施工|建设|作业|改造)(?=$|[,,。;;|])"
                    rf"|(?:不再|暂不)(?:{MANNER})?(?:实施|建设|推进|改造|开展|举办|召开|执行)"
                    r"|(?:被|已)?(?:调出|移出|退出|剔除出?)[^,,。;;|]{0,14}?(?:计划|清单|名单|项目库)"
                    # the list named first (从省重点项目库中移出, 从年度计划中剔除)
                    r"|从[^,,。;;|]{0,16}?(?:计划|清单|名单|项目库|库)中?(?:被|已)?(?:调出|移出|剔除|删除|撤出|退出)"
                    r"|列入[^,,。;;|]{0,6}?(?:暂缓|停建|缓建|停缓建)[^,,。;;|]{0,6}(?:名单|清单)"
                    # an authority holding back the approval the task needs (暂缓批复初步设计), or refusing it
                    # (省发改委不予批准项目可研, 方案被否决)
                    r"|(?:暂缓|暂停|停止)(?:审批|批复|核准)"
                    r"|不予(?:批准|批复|核准|立项|通过|受理)|被(?:否决|驳回)"
                    # an authority no longer approving a class of works the task belongs to (国家暂停新增试点审批)
                    # (…暂停新增公交线路审批、待…方案确定后统一调整: a list's comma ends it too)
                    r"|(?:暂缓|暂停|停止)(?:受理)?[^,,。;;|、]{1,10}?(?:审批|核准|申请)(?=$|[,,。;;|、])"
                    # the task's own plan or works halted in their carrying out (停止原方案实施)
                    rf"|(?:{HALT})(?:原|该|此|本|这一?)?(?:方案|计划|项目|工程|设计)的?(?:实施|建设|施工|推进)(?=$|[,,。;;|])"
                    # a slip to a later date: a halt when an authority ordered it (SLIP, AUTHORITY_ACT)
                    rf"|{SLIP}"
                    rf"|{OBJECT_HALT}")
#: who defers or halts by decision (民航主管部门通知…延期, 经国家发改委审核，项目延期至…): a halt by an
#: authority, not a slip of the works
AUTHORITY_ACT = re.compile(r"通知|要求|决定|函告|责令|下令|批示|上级|主管部门|指示|统筹安排|省级统筹|国家统筹"
                           r"|经[^,,。;;|]{0,14}?(?:审核|审查|研究|批准|批复|同意|决定|复核)")
#: a body that halts by its own act, named as the subject (国家林草局今年暂停…, 省医保局…): the act is its decision
_HALTER = re.compile(r"(?:国家|国务院|中央|省|市|县|区)[^,,。;;|]{0,10}?(?:局|厅|委|办|政府|管委会|部(?!门|署|分))|省里|省级")


def halted_by_authority(sentence_before: str, clause_before: str) -> bool:
    """市政府决定暂缓实施…, 按照省交通运输厅通知…暂停…, 国家林草局今年暂停…: an authority's act or decision in the
    sentence before the halting verb, or a body above the works as its clause's subject."""
    return bool(AUTHORITY_ACT.search(sentence_before) or _HALTER.search(clause_before))


#: the papers of a step towards the task (活动方案, 可研报告, 初步设计, 用地, 环评): an outside act on
#: one of them is a step the task needs, not the task's result awaited (B050's 规划 is the task's own
#: when the task names it)
STEP_PAPER = re.compile(r"方案|采购|招标|可研|可行性研究|项目建议书|初步设计|施工图|设计|概算|用地|土地|选址|立项|环评|能评|稳评"
                        r"|水土保持|规划|预审")


#: a body above the city (省发改委, 省水利厅, 国家林草局, 住建部): its decision is an outside act even
#: on a step paper (可研报告已报省发改委，待批复: the seed's G124 awaits it); so is the province acting
#: (获省下达, 省级审查); a province's company or partner (配合省铁投完成线路比选) is no authority
OUTSIDE_BODY = re.compile(r"省[^,,。;;|、]{0,6}?(?:委|厅|局|政府|办|院|部|署)|省(?:级|里)|省(?:下达|批复|审批|审核|审定|核定|认定|同意|批准|统一)"
                          r"|国家|国务院|中央|总局|[^门]部(?!门|署|分)|厅")


#: funds and their payment (财政奖补…兑付, 工程尾款…支付, 补助资金…拨付): a payment that waits on a check
#: (待绩效评估后兑付) is a matter of the money, not of the task's outcome
FUNDS = re.compile(r"资金|奖补|补贴|补助|奖励金?|款项?|经费")
PAID = re.compile(r"拨付|兑付|兑现|支付|发放|结算|拨款")


def awaits_a_payment(said_of: str, task: str) -> bool:
    """对参与企业的财政奖补暂缓拨付，待绩效评估后兑付 for 发放消费券: a wait said of paying funds the task
    does not name — the money's own procedure, no outcome of the task awaited (拨付…补贴资金 names it)."""
    return bool(FUNDS.search(said_of)) and bool(PAID.search(said_of)) and not FUNDS.search(task)


#: a submission still to come (待社会意见汇总后提交…审议): the decision it will ask for is not awaited yet
SUBMISSION_TO_COME = re.compile(r"(?:待|等)[^,,。;;|]{1,30}?后再?(?:提交|报送|上报|报请|提请|呈报)")


def awaits_a_step(said_of: str, sentence: str, task: str) -> bool:
    """A wait (or a submission) whose object — the words it is said of — is a step paper the task
    does not name, decided by the city's own bodies (活动方案已报市政府审定 for 举办…节; 整合重组方案
    已报市委深改委审议): the city's own procedure on a step, no outcome awaited from outside."""
    return any(m.group() not in task for m in STEP_PAPER.finditer(said_of)) and not OUTSIDE_BODY.search(sentence)



#: a phase of the works or of the event's making (施工, 布展, 装修): halted by an authority's order, the
#: task is halted (上级部门通知暂停布展 for 建成…纪念馆); halted by the weather or a season with no
#: order (因鱼类洄游期暂停水下作业), it is a pause of the works, no halt of the task
WORKS_WORDS = r"施工|建设|作业|装修|布展|安装|装饰|开挖|展陈|工程"
WORKS_PHASE = re.compile(rf"(?:^|(?<=暂停|暂缓|停止|中止))(?:了)?(?:全部|所有|整体|现场)?(?:{WORKS_WORDS})(?:工作)?$")


#: a halt of a procedure, an act on applications or registrations (暂停受理新的…申请, 暂停新增…审批,
#: …登记业务自4月起暂停受理): it stops what is let in, not the work the task reports
PROCEDURE_HALT = re.compile(rf"(?:{HALT})(?:受理)?[^,,。;;|]{{0,16}}?(?:受理|审批|核准|申请|报批|登记|备案)(?=$|[,,。;;|、])")
#: a task whose own aim is such a procedure (申建…, …扩区认定, 划定报批): halting it halts the task
PROCEDURE_TASK = re.compile(r"受理|审批|核准|申请|申报|申建|报批|登记|备案|认定|立项")

