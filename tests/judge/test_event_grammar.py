"""Issue #18, events and halts: a deliverable event read as a grammar (the task's family of event
words, its done forms, a chain of events in one clause, a time reference that is no event), the
subject of a clause cut at a time word, and the halting and waiting constructions' objects.

Each construction is checked on sentences written for it in the wording of the seed and the corpus
(other subjects, verbs, dates and figures than any labelled set), with the trap beside it.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text

H1, Q3, FY = "2024H1", "2024Q3", "2024FY"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


# ---------------------------------------------------------------------------------------------
# a chain of events in one clause: the second event is done when nothing breaks the chain

@pytest.mark.parametrize("task,progress", [
    ("建成投用六安市第二水厂。", "第二水厂8月底竣工并投入运行。"),
    ("建成投用城南污水处理厂。", "该厂8月建成后即投入使用，日处理污水5万吨。"),
    ("建成投用城南污水处理厂。", "项目8月竣工并于9月正式投入运行。"),
])
def test_chained_use_event_completes_a_build_and_use_task(task, progress):
    got = judge(task, progress, Q3)
    assert (got["status"], got["needs_review"]) == ("completed", False)


@pytest.mark.parametrize("progress", [
    "水厂已于8月建成但尚未投入使用，正在办理供水许可。",  # the chain broken by a negation
    "第二水厂8月底竣工，计划10月投入运行。",  # the use planned in a clause of its own
])
def test_broken_chain_leaves_the_use_undone(progress):
    assert judge("建成投用六安市第二水厂。", progress, Q3)["status"] != "completed"


# ---------------------------------------------------------------------------------------------
# an event word before 前/之前 dates something else: 开工前的准备工作 is no start

@pytest.mark.parametrize("progress", [
    "已完成项目选址和用地预审，开工前各项准备工作基本就绪。",
    "项目开工前的征地拆迁、管线迁改等准备工作已全部完成。",
    "开工之前的各项手续均已办结，施工单位正在组织进场。",
])
def test_event_word_as_a_time_reference_is_no_event(progress):
    assert judge("开工建设城南污水处理厂。", progress)["status"] == "qualitative"


# ---------------------------------------------------------------------------------------------
# the done forms of each family (lexicon.csv `deliverable` rows): held, issued

@pytest.mark.parametrize("task,progress", [
    ("举办第三届大别山登山节。", "登山节于5月19日在天堂寨景区圆满落幕，参赛选手3000人。"),
    ("举办第二届大别山茶文化节。", "茶文化节已于5月在金寨县圆满落幕。"),
    ("举办2024六安半程马拉松赛。", "4月21日，赛事在六安城区鸣枪开跑，1.5万名选手参赛。"),
    ("举办全市第五届职工运动会。", "运动会于6月在市体育中心举行，9月全部赛程圆满结束。"),
    ("修订《六安市城市绿化管理条例》。", "《条例》修订稿经省人大常委会批准，已于6月1日公布施行。"),
    ("制定《六安市公共数据管理办法》。", "《办法》已制定完成并以市政府令形式公布。"),
    ("研究制定并印发《六安市促进服务业发展若干政策》。", "《若干政策》已于5月印发实施。"),
    ("制定出台全市人才政策“3.0版”。", "人才政策3.0版已于7月出台实施。"),
])
def test_event_done_in_its_familys_words(task, progress):
    got = judge(task, progress)
    assert (got["status"], got["needs_review"]) == ("completed", False)


def test_a_titled_document_to_draft_is_not_done_by_its_draft():
    assert judge("制定《六安市公共数据管理办法》。", "《办法》初稿已完成，正在征求意见。")["status"] == "qualitative"


# ---------------------------------------------------------------------------------------------
# a time word ends the subject: 项目6月起暂停施工 is said of 项目

@pytest.mark.parametrize("progress", [
    "受汛期影响，项目6月起暂停施工，预计8月复工。",
    "因规划调整，工程今年5月暂停建设。",
])
def test_subject_cut_at_a_time_word_is_the_task(progress):
    assert judge("建设城东综合客运枢纽。", progress)["status"] == "blocked"


# ---------------------------------------------------------------------------------------------
# a wait on a step paper the city's own bodies decide is a step, not an outcome awaited

@pytest.mark.parametrize("task,progress", [
    ("举办第二届大别山茶文化节。", "活动方案已报市政府审定，拟于10月中旬在金寨县举办。"),
    ("推进城市更新行动。", "城市更新专项规划已编制完成，待市政府常务会议审议后印发。"),
    ("推动市属国企整合重组。", "整合重组实施方案已报市委深改委审议，资产清查已完成。"),
])
def test_wait_on_a_step_paper_decided_by_the_city_is_no_wait(task, progress):
    assert judge(task, progress)["status"] != "pending"


@pytest.mark.parametrize("task,progress", [
    # the task names the paper: its own document awaits the decision (B050)
    ("完成《六安市国土空间生态修复规划》编制并印发。", "规划已通过专家评审，待市政府常务会议审定后印发。"),
    # a body above the city decides, even on a step paper (the seed's G124)
    ("加快建设六安市特种设备检验检测中心。", "可研报告已报省发改委，待批复。"),
    # the task's own result awaited
    ("创建国家生态文明建设示范市。", "技术评估和现场核查已完成，尚需生态环境部审定后公布。"),
])
def test_wait_on_the_tasks_result_or_from_above_stays_pending(task, progress):
    assert judge(task, progress)["status"] == "pending"


# ---------------------------------------------------------------------------------------------
# halts: the halting verb's object is the task, its plan or its works; a slip is a halt when an
# authority ordered it, a lateness when the works failed

@pytest.mark.parametrize("task,progress,period", [
    ("实施城区段河道橡胶坝改造。", "因上级防洪规划调整，省水利厅要求停止原方案实施，另行论证。", "2025Q1"),
    ("实施城西湖退垸还湖二期工程。", "经国家发改委审核，项目延期至2026年以后实施。", "2024M10"),
    ("建设城南保障性租赁住房项目。", "经市政府研究决定，保租房项目延期至明年实施。", Q3),
    ("举办第三届大别山登山节。", "根据省体育局通知，登山节推迟到明年举办。", Q3),
    # an abbreviation of the task's thing is the task (棚改 for 棚户区改造)
    ("实施县城老城区棚户区改造800户。", "受政策调整影响，棚改项目已被上级叫停，已完成征收的126户转为货币化安置。", Q3),
])
def test_halt_or_ordered_slip_of_the_task_is_blocked(task, progress, period):
    assert judge(task, progress, period)["status"] == "blocked"


@pytest.mark.parametrize("task,progress,period,status", [
    # a slip from a failure, not ordered: the deliverable is late (behind at the year's end)
    ("开工建设六安市第二水厂。", "因项目用地未落实，开工时间推迟至2025年。", FY, "behind"),
    ("开工建设六安市第二水厂。", "受征迁进度影响，项目开工延期至明年一季度。", FY, "behind"),
])
def test_slip_from_a_failure_is_no_halt(task, progress, period, status):
    assert judge(task, progress, period)["status"] == status


def test_slip_within_the_year_without_an_order_is_not_blocked():
    got = judge("实施城西湖退垸还湖二期工程。", "受汛期影响，项目施工推迟至10月。", Q3)
    assert got["status"] != "blocked"


# ---------------------------------------------------------------------------------------------
# waits: a release by a body above the city not made yet, in other words

@pytest.mark.parametrize("task,progress,period", [
    ("农田灌溉水有效利用系数达到0.56。", "该指标按年度测算，由省水利厅年底统一测算发布。", "2024M9"),
    ("实际使用外资增长8%。", "1-9月外资数据尚未经商务部核定，暂无法反映增幅。", Q3),
    ("居民人均可支配收入增长6.5%。", "前三季度数据由国家统计局安徽调查总队统一核算，目前尚未反馈。", Q3),
])
def test_release_awaited_from_above_is_pending(task, progress, period):
    assert judge(task, progress, period)["status"] == "pending"


def test_a_count_certified_by_the_province_is_a_result_not_a_wait():
    got = judge("新增省级专精特新企业30家。", "1-9月由省经信厅认定的专精特新企业新增25家。", Q3)
    assert got["status"] in ("on_pace", "ahead")


# ---------------------------------------------------------------------------------------------
# the works' first stage started is the works started; an event of another family put to use

@pytest.mark.parametrize("task,progress", [
    ("开工建设淠河总干渠防洪治理工程。", "主体工程于4月中旬进场施工，已完成投资1.6亿元。"),
    ("开工建设城南污水处理厂。", "项目基础工程已于3月开工。"),
])
def test_a_stage_started_starts_the_works(task, progress):
    assert judge(task, progress)["status"] == "completed"


def test_a_stage_started_builds_nothing():
    assert judge("建成城南污水处理厂。", "项目基础工程已于3月开工。")["status"] == "qualitative"


def test_another_phase_started_is_not_the_tasks_start():
    assert judge("开工建设六安港二期工程。", "一期工程已于3月开工，二期正在开展可研。", Q3)["status"] == "qualitative"


@pytest.mark.parametrize("task,progress,status", [
    ("建成运营六安跨境电商综合服务中心。", "中心于7月8日正式揭牌运营，已入驻企业17家。", "completed"),
    ("建成投用市民服务中心。", "中心已于8月挂牌并投入运行。", "completed"),
    ("建成投用市民服务中心。", "中心已于8月挂牌，内部装修正在进行。", "qualitative"),
])
def test_event_of_another_family_chained_to_use(task, progress, status):
    assert judge(task, progress, Q3)["status"] == status


# ---------------------------------------------------------------------------------------------
# more done forms: an approval from an authority named between, a service's first run, a supply
# started, a road handed over; an event named by its kind; a title of a plan is no standing work

@pytest.mark.parametrize("task,progress,period", [
    ("完成六安市综合交通运输体系规划编制报批。", "《规划》已于8月获省政府批复，市交通运输局正在组织规划宣贯。", Q3),
    ("完成六安市综合交通运输体系规划编制报批。", "规划成果经省发改委组织审查后，9月由省政府正式批复实施。", Q3),
    ("开通六安至合肥城际公交。", "8月18日，六安至合肥城际公交首班车从六安客运总站发车，每日对开24班。", Q3),
    ("城东商业综合体开业运营。", "综合体于5月1日开门纳客，首日客流超8万人次。", H1),
    ("市图书馆新馆建成开放。", "新馆于9月20日开馆迎客，馆藏图书80万册。", Q3),
    ("建成投用城东水厂。", "水厂8月完成通水调试，9月1日起正式供水，日供水能力5万吨。", Q3),
    ("建成六安至金寨快速通道。", "快速通道8月完成交工验收，9月26日起正式放行社会车辆。", Q3),
    ("举办第四届六安茶谷马拉松。", "赛事于4月7日在霍山县举行，吸引1.2万名选手参赛。", H1),
])
def test_more_done_forms(task, progress, period):
    got = judge(task, progress, period)
    assert (got["status"], got["needs_review"]) == ("completed", False)


def test_awaited_approval_is_not_obtained():
    got = judge("完成六安市综合交通运输体系规划编制报批。", "规划成果已报省政府，待省政府批复。", Q3)
    assert got["status"] == "pending"


def test_a_flight_put_off_to_next_year_is_late_at_the_years_end():
    got = judge("开通六安至杭州直飞航线。",
                "航线申请已报民航华东局审批，因航空公司运力调整，开航时间推迟至2025年。", FY)
    assert got["status"] == "behind"


@pytest.mark.parametrize("task,progress", [
    ("建设城北汽车商贸城。", "受市场环境变化影响，项目目前处于停工状态，复工时间未定。"),  # a state is no object
    ("建设城北汽车商贸城。", "经市政府研究，该项目不再列入年度重点项目计划。"),
    ("建成市区至机场快速通道。", "经省交通运输厅批复，项目建设工期调整至2026年。"),
    ("建设城北汽车商贸城。", "因投资方资金问题，该项目建设已全面停止。"),
])
def test_more_halts_of_the_task(task, progress):
    assert judge(task, progress, Q3)["status"] == "blocked"


@pytest.mark.parametrize("task,progress", [
    ("优化营商环境。", "暂停征收部分涉企行政事业性收费，累计减免1.2亿元；取消证明事项36项。"),
    ("推进城市管理精细化。", "对违规占道经营商户责令暂停营业整改，累计整治占道经营1200处。"),
    ("落实惠企政策。", "暂停收取中小企业城市基础设施配套费，延期缴纳税款企业210家。"),
])
def test_halt_of_a_fee_or_of_others_is_no_halt_of_the_task(task, progress):
    assert judge(task, progress, Q3)["status"] != "blocked"


def test_halt_whose_subject_was_not_understood_is_flagged():
    # a halt verdict set aside as said of another subject, with no object of its own, is a residual signal
    got = judge("建设城东综合客运枢纽。", "枢纽主体工程正在施工；周边市政管网改造暂停。", Q3)
    assert got["status"] != "blocked" and got["needs_review"]


# ---------------------------------------------------------------------------------------------
# an event word naming a preparation is no event; a hedged event is flagged; a step's share is none

@pytest.mark.parametrize("task,progress", [
    ("城东商业综合体开业运营。", "综合体开业筹备工作有序推进，品牌入驻签约率达85%。"),
    ("城东商业综合体开业运营。", "商户招商已完成85%，综合体进入开业倒计时，各项筹备工作有序推进。"),
    ("建成六安至金寨快速通道。", "主线路面已全部完成，交通安全设施正在施工，竣工验收资料正在整理。"),
])
def test_preparation_of_the_event_is_not_the_event(task, progress):
    assert judge(task, progress, Q3)["status"] == "qualitative"


def test_hedged_event_is_done_but_flagged():
    got = judge("建成六安至金寨快速通道。", "快速通道主线已基本完工，预计10月底前可实现通车。", Q3)
    assert got["needs_review"]


@pytest.mark.parametrize("task,progress,period", [
    ("建成城区健身步道。", "健身步道已于9月全线亮灯迎客，全长12公里。", Q3),
    ("新建城南小学并秋季开学。", "9月1日，城南小学迎来首批新生360人。", Q3),
    ("出台《六安市城市更新实施办法》。", "《办法》已以市政府规范性文件形式发文实施。", Q3),
    ("举办全市第二届职业技能大赛。", "大赛于6月在市职教中心拉开帷幕，设置15个比赛项目。", H1),
])
def test_done_forms_of_use_issue_and_hold(task, progress, period):
    got = judge(task, progress, period)
    assert (got["status"], got["needs_review"]) == ("completed", False)


# ---------------------------------------------------------------------------------------------
# waits in other words, and the words of a wait used as a noun or for the city's own work

@pytest.mark.parametrize("task,progress", [
    ("创建国家全域旅游示范区。", "专家组已完成现场评估，评估结果尚未揭晓。"),
    ("创建国家全域旅游示范区。", "各项创建指标均已达标，静待文化和旅游部命名。"),
    ("新增国家高新技术企业50家。", "今年申报的86家企业正在接受省科技厅评审，结果年底揭晓。"),
    ("新增国家高新技术企业50家。", "已组织86家企业申报，认定结果需等到11月底公布。"),
])
def test_more_waits_on_an_outside_act(task, progress):
    assert judge(task, progress, Q3)["status"] == "pending"


def test_work_done_and_the_outside_check_not_yet_organised_is_pending():
    got = judge("创建国家全域旅游示范区。", "创建工作已全部完成，省里尚未组织验收。", Q3)
    assert got["status"] == "pending" or got["needs_review"]


@pytest.mark.parametrize("task,progress", [
    ("深化“放管服”改革。", "审批流程尚需进一步优化，部门间数据共享仍需加强。"),
    ("加强生态环境保护。", "部分县区监测能力仍需提升，仍需加大考核力度。"),
    ("推进农村人居环境整治。", "已完成整治村庄56个，待验收项目3个正在整改。"),
    ("深化“放管服”改革。", "全市待审批事项由年初的120项压减至48项。"),
])
def test_wait_words_as_a_noun_or_own_work_are_no_wait(task, progress):
    assert judge(task, progress, Q3)["status"] != "pending"


def test_authority_no_longer_approving_the_tasks_class_halts_it():
    got = judge("开展农村集体经营性建设用地入市试点。", "国家暂停新增试点审批，我市试点申请等待国家统一部署。", Q3)
    assert got["status"] == "blocked"


# ---------------------------------------------------------------------------------------------
# a one-off campaign and a state to reach: their aims said reached

@pytest.mark.parametrize("task,progress", [
    ("开展全市燃气安全大检查。", "燃气安全大检查已于8月底结束，共检查经营场所2300家，整改隐患860处。"),
    ("推行企业开办“一日办结”。", "企业开办已全面实现“一日办结”，平均用时0.8天。"),
])
def test_campaign_or_state_reached_is_completed(task, progress):
    got = judge(task, progress, Q3)
    assert (got["status"], got["needs_review"]) == ("completed", False)


@pytest.mark.parametrize("task,progress", [
    ("推行企业开办“一日办结”。", "金安区已全面实现企业开办“一日办结”，其余县区正在推进。"),
    ("推行企业开办“一日办结”。", "已全面实现企业登记全程网办，“一日办结”方案正在制定。"),
    ("开展全市燃气安全大检查。", "燃气安全大检查正在进行，已检查经营场所1200家。"),
])
def test_state_of_a_part_or_of_another_thing_is_not_reached(task, progress):
    assert judge(task, progress, Q3)["status"] != "completed"


# ---------------------------------------------------------------------------------------------
# the opposite trap: a step, a draft, a signing or a side meeting taken for the event

@pytest.mark.parametrize("task,progress", [
    ("开工建设城北垃圾焚烧发电项目。", "项目投资协议已正式签约，正在办理用地手续。"),  # a signing is no start
    ("出台《六安市城市更新实施办法》。", "已印发《六安市城市更新实施办法(征求意见稿)》，面向社会公开征求意见。"),
    ("出台《六安市城市更新实施办法》。", "《办法》送审稿已印发各县区征求意见。"),
    ("出台《六安市城市更新实施办法》。", "市住建局印发工作方案，成立起草专班，《办法》初稿已形成。"),
    ("举办第六届大别山国际茶文化节。", "茶文化节新闻发布会已于9月召开，开幕式定于10月18日举行。"),
    ("召开全市民营经济发展大会。", "大会筹备会已召开，会议定于10月中旬举行。"),
])
def test_a_step_draft_signing_or_side_meeting_is_not_the_event(task, progress):
    assert judge(task, progress, Q3)["status"] == "qualitative"


@pytest.mark.parametrize("task,progress", [
    ("出台《促进县域商业高质量发展实施方案》。", "方案已于2月正式下发各县区执行。"),  # recipients, no other thing
    ("签约引进亿元以上工业项目。", "6月18日，总投资12亿元的新能源电池项目正式签约。"),
])
def test_issued_to_recipients_or_signed_for_a_signing_task_is_done(task, progress):
    assert judge(task, progress, Q3)["status"] == "completed"


def test_trial_with_the_formal_start_undecided_is_flagged():
    got = judge("上线运行市民卡APP。", "APP已完成开发并上线试运行，正式上线时间待定。", Q3)
    assert got["needs_review"]


@pytest.mark.parametrize("task,progress", [
    ("建设城区BRT一号线。", "项目处于停滞状态，等待国家发改委重新审核。"),
    ("建设城区BRT一号线。", "根据省发改委意见，项目建设按下“暂停键”，待重新论证。"),
    ("建设城区BRT一号线。", "项目停工待审，何时复工需等待省里批复。"),  # a halt awaiting its lifting is a halt
    ("举办第五届皖西农产品展销会。", "上级通知本年度展会暂缓，具体举办时间待通知。"),
])
def test_halt_with_a_wait_for_its_lifting_is_blocked(task, progress):
    assert judge(task, progress, Q3)["status"] == "blocked"


@pytest.mark.parametrize("task,progress", [
    ("争创全国文明城市。", "年度测评结果还没有公布。"),
    ("争创全国文明城市。", "测评成绩需等全国测评结束后才能确定。"),
    ("单位GDP能耗下降3%。", "能耗强度指标按年度考核，前三季度数据省里暂不反馈。"),
    ("城镇居民人均可支配收入增长6%。", "前三季度数据核定数将在10月底公布。"),
])
def test_waits_on_a_rating_or_a_release_in_plain_words(task, progress):
    assert judge(task, progress, Q3)["status"] == "pending"


def test_a_use_word_naming_a_preparation_is_no_use_chained():
    # 成立开诊筹备领导小组: 开诊筹备 is a preparation; the use promised for next year leaves it not done
    progress = ("综合楼主体及装饰装修全部完工，消防验收于12月27日通过，计划2025年3月正式开诊。"
                "县政府已成立开诊筹备领导小组，定期调度设备到货和人员到岗情况。")
    assert judge("建成县第二人民医院综合楼并投入使用。", progress, FY)["status"] == "behind"


# ---------------------------------------------------------------------------------------------
# preliminary steps done (a list drawn up, a stock-take, a legal review, bids opened, land procedures):
# a step towards the task, no residual completion of it — unless the task names that very step

@pytest.mark.parametrize("task,progress,period", [
    ("全年新建城市绿道30公里。", "一季度完成年度绿道建设项目清单编制，对12条拟建绿道开展现场踏勘。", "2024Q1"),
    ("完成农村集体产权制度改革试点。", "已完成全市农村集体资产清查摸底，试点方案正在制定。", H1),
    ("开工建设市第二污水处理厂。", "项目施工总承包招标已于5月挂网，6月20日完成开标，中标公示后进场。", H1),
    ("出台《促进民营经济发展若干措施》。", "政策文本已完成公平竞争审查，拟于8月印发。", H1),
    ("开工建设市体育中心游泳馆。", "项目用地已完成供地手续，施工图正在审查。", H1),
])
def test_a_preliminary_step_done_is_no_completion_of_the_task(task, progress, period):
    f = judge(task, progress, period)
    assert (f["status"], f["needs_review"]) == ("qualitative", False), f


def test_a_step_the_task_names_is_the_tasks_and_other_completions_still_flag():
    assert judge("完成全市经营性国有资产清查。", "已完成全市经营性国有资产清查，共涉及单位47家。")["status"] == "completed"
    f = judge("实现市区公交“一码通乘”。", "市区全部公交车辆车载终端于2月下旬完成升级，市民可扫码乘车。", "2024Q1")
    assert f["status"] == "qualitative" and f["needs_review"]
