"""Issue #18, item 3: verdicts in words checked against the rest of the cell.

- a halt of a procedure (暂停受理, 暂停…审批, 停止受理…申请) beside a result figure of the task's own thing
  halts what is let in, not the task: the figures decide and the judgement is flagged;
  the task whose aim is the procedure, a halt of the rest of its count, or a procedure halted with no
  figure of the task beside it stay the task's halt.
Each in several offices' wordings; the trap beside it keeps the boundary.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text
from helpers.statuses import REVIEW_REASONS

H1, Q3, M8, FY = "2024H1", "2024Q3", "2024M8", "2024FY"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period,status", [
    ("全市企业职工养老保险新增参保3万人", "受政策调整影响，根据省人社厅通知，灵活就业人员跨省参保登记业务自4月起暂停受理，"
     "全市新增参保1.24万人。", H1, "behind"),
    ("城乡居民医保新增参保5万人", "受省级政策调整影响，城乡居民医保跨省转移接续业务自5月起暂停受理，全市新增参保人数2.1万人。",
     H1, "behind"),
    ("新增企业职工养老保险参保3万人", "全市新增企业职工养老保险参保1.5万人；因系统切换，个体工商户参保登记业务暂停受理。",
     H1, "on_pace"),
    ("发放创业担保贷款10亿元", "因上级政策调整，自7月起暂停受理新的创业担保贷款申请；1-9月累计发放创业担保贷款8.2亿元。",
     Q3, "on_pace"),
    ("开展城区户外电子屏专项整治", "市城管局暂停新增户外电子屏审批，截至9月底共拆除违规户外电子屏86块。", Q3, "qualitative"),
    ("实施中心城区户外广告设施整治", "为规范户外广告设施审批，市政府暂停新增大型户外广告设施审批，截至7月底，共拆除违规广告设施"
     "412处、破损店招1860块。", "2024M7", "qualitative"),
])
def test_a_procedure_halted_beside_the_tasks_figures_is_no_halt_of_the_task(task, progress, period, status):
    j = judge(task, progress, period)
    assert j["status"] == status
    assert j["needs_review"] and REVIEW_REASONS["halt_of_other"] in j["review_reason"]


@pytest.mark.parametrize("task,progress,period", [
    # no figure of the task beside the halted procedure: the task cannot go on
    ("新开通公交线路5条", "因市政府决定暂停新增公交线路审批，新线开通工作暂未启动。", H1),
    # the task's aim is the procedure itself
    ("申建综合保税区", "海关总署暂停受理新设综合保税区申请，已完成申报材料3份。", H1),
    ("年内完成高新区化工园区扩区认定。", "扩区申请已于5月上报。8月，省里通知全省化工园区扩区工作暂停受理，我区申请退回。", M8),
    # the rest of the count halted
    ("编制完成全部中心城区控制性详细规划单元", "全年完成编制25个，还有3个单元经市政府同意暂缓审批。", FY),
])
def test_a_procedure_halt_of_the_task_stays_blocked(task, progress, period):
    assert judge(task, progress, period)["status"] == "blocked"


def test_a_halted_procedure_of_another_part_leaves_the_measured_part_to_decide():
    j = judge("开通城市轨道交通示范线,新增优化公交线路10条。",
              "城市轨道交通示范线项目按国家有关要求暂停审批;上半年新增优化公交线路3条。", "2023H1")
    assert j["status"] == "behind" and REVIEW_REASONS["halt_of_other"] not in (j["review_reason"] or "")


@pytest.mark.parametrize("task,progress,period", [
    ("完成永久基本农田储备区划定。", "经省自然资源厅组织专家审查，我市永久基本农田储备区划定成果已通过审查并正式入库。", "2024M4"),
    ("完成城镇开发边界划定。", "经自然资源部组织审查，我市城镇开发边界划定成果已通过审查。", H1),
    ("完成2024年度森林资源年度监测。", "年度监测成果已通过省林业局核查。", FY),
])
def test_a_deliverable_through_the_outside_bodys_check_is_done(task, progress, period):
    """An outside body's check passed (通过…核查, 通过审查) is the deliverable of a survey or a zoning done."""
    assert judge(task, progress, period)["status"] == "completed"


@pytest.mark.parametrize("task,progress", [
    ("建设城东污水处理厂。", "项目可研报告已通过省发改委审查。"),  # a step's paper passed
    ("完成全市10个乡镇国土空间规划编制。", "其中3个乡镇规划成果已通过市级审查。"),  # some of the count
    ("完成永久基本农田储备区划定。", "划定成果已报省自然资源厅，正在接受审查。"),  # the check under way
])
def test_a_check_passed_by_a_step_or_a_part_or_still_under_way_is_no_completion(task, progress):
    assert judge(task, progress)["status"] != "completed"


@pytest.mark.parametrize("task,progress,period", [
    ("申报创建国家生态文明建设示范区。", "创建规划已经市人大常委会审议通过，申报材料已报生态环境部，生态环境部将于下半年开展技术核查。"
     "全市已有3个县区获得省级生态文明建设示范区命名。", "2024M5"),
    ("创建省级园林城市。", "创建材料已报省住建厅，省住建厅拟于10月组织专家评审。", H1),
    ("创建国家全域旅游示范区。", "申报材料已报文化和旅游部，文化和旅游部计划于四季度开展暗访评估。", Q3),
    ("创建国家卫生城市。", "我市申报材料已报全国爱卫办。", H1),
])
def test_papers_sent_up_and_the_bodys_check_set_for_later_await_it(task, progress, period):
    """The papers sent to the body that decides (申报材料已报生态环境部), or its check set for a later date with
    the body named first (省住建厅拟于10月组织专家评审): the task's outcome awaits an outside act."""
    assert judge(task, progress, period)["status"] == "pending"


def test_the_citys_own_check_set_for_later_is_no_wait():
    assert judge("开展食品安全专项整治。", "市市场监管局将于下半年开展专项核查。")["status"] != "pending"


@pytest.mark.parametrize("task,progress", [
    ("建设高新区污水处理厂提标改造工程。", "工程于3月开工，目前已完成投资3,200万元，占总投资的64%，预计三季度末通水调试。"
     "该工程建成后出水将达到地表水准Ⅳ类标准。施工现场文明施工检查全部合格。"),
    ("建设市体育中心。", "体育中心建成后可承办省级综合性赛事。"),
    ("实施城区供水管网改造工程。", "工程已开工，改造完成后城区供水漏损率将降至9%以下。"),
])
def test_what_the_works_will_do_once_done_is_no_result(task, progress):
    """建成后…将, 完成后…可: the result word opens a condition on what follows, it reports nothing done."""
    assert judge(task, progress)["status"] != "completed"


def test_a_result_word_before_what_it_made_possible_still_reports_it():
    assert judge("建成城南水厂。", "水厂已于6月建成，建成后日供水能力达10万吨。")["status"] == "completed"


@pytest.mark.parametrize("task,progress,period", [
    ("建成算力中心一期项目。", "一期机房主体已完工，服务器机柜安装完成80%，预计11月底具备上线条件。", "2025Q3"),
    ("建成智慧城管平台。", "平台已建成，预计下半年正式上线运行。", Q3),
    ("建成市民服务中心。", "中心已完工，预计10月具备投用条件。", H1),
])
def test_a_completion_beside_a_forecast_finish_or_use_of_the_same_works_is_flagged(task, progress, period):
    """预计…具备上线条件, 预计…上线运行: the works' finish or use is still forecast, so a completion in words
    beside it is a part's (完成的只是任务的一部分)."""
    j = judge(task, progress, period)
    assert j["status"] != "completed" or j["needs_review"]


@pytest.mark.parametrize("task,progress", [
    ("建成城东公园。", "公园已于5月建成开放，预计全年接待游客100万人次。"),
    ("举办第三届茶文化节。", "茶文化节已于4月成功举办，预计带动旅游收入2亿元。"),
])
def test_a_forecast_of_what_the_deliverable_brings_leaves_its_completion_confident(task, progress):
    j = judge(task, progress, Q3)
    assert j["status"] == "completed" and not j["needs_review"]


@pytest.mark.parametrize("task,progress,period", [
    ("开工建设城北安置小区。", "城北安置小区已于7月完成施工许可办理，8月3日举行开工仪式，目前桩基施工进度约20%。", M8),
    ("开工建设市第二人民医院新院区。", "项目已于3月18日举行开工仪式，目前基础施工进度约35%。", H1),
    ("新院区项目开工建设。", "新院区于5月正式开工，主体工程形象进度达15%。", H1),
])
def test_a_share_of_the_works_after_a_start_is_no_share_of_the_start(task, progress, period):
    """For a task to start works, their progress share (施工进度约20%) follows the start: the start decides."""
    assert judge(task, progress, period)["status"] == "completed"


def test_a_share_of_the_works_with_no_start_read_goes_to_review():
    j = judge("开工建设城北安置小区。", "城北安置小区目前桩基施工进度约20%。")
    assert j["status"] != "behind" and j["needs_review"]


@pytest.mark.parametrize("task,progress,period", [
    ("推动市级公立医院综合改革，建立现代医院管理制度。", "市级公立医院全部完成医院章程制定，党委领导下的院长负责制全面落实；"
     "推行总会计师制度，4家市属医院已配备总会计师。", "2024M9"),
    ("深化医药卫生体制改革，健全分级诊疗制度。", "全市二级以上医院全部完成预约诊疗平台建设，家庭医生签约率达45%。", H1),
    ("加强基层党组织建设。", "全市村级党组织已全部完成换届选举。", H1),
])
def test_one_action_done_is_no_completion_of_standing_work(task, progress, period):
    """A broad task (…制度, 深化, 加强): 全部完成 followed by an object of its own completes that action."""
    assert judge(task, progress, period)["status"] != "completed"


@pytest.mark.parametrize("task,progress", [
    ("完成全市农村集体产权制度改革。", "全市农村集体产权制度改革已全部完成。"),
    ("健全养老服务体系。", "年度任务已全部完成。"),
])
def test_the_task_itself_said_done_stays_done(task, progress):
    assert judge(task, progress, FY)["status"] == "completed"


@pytest.mark.parametrize("task,progress,period", [
    ("舒城县杭埠河防洪治理工程开工建设", "项目初步设计已经省水利厅批复，施工招标完成；8月初省水利厅通知，因下游行洪论证需重新复核，"
     "要求项目暂停开工，复核完成后再行开工。", M8),
    ("开工建设G318改线工程", "省交通运输厅通知，因环评需补充论证，要求工程暂缓开工。", H1),
    ("建设城南商业综合体", "市政府常务会议研究后，责令项目停止施工。", H1),
])
def test_an_order_opening_the_clause_names_what_it_halts_after_it(task, progress, period):
    """省水利厅通知，…，要求项目暂停开工: the order (要求, 责令) opens the clause; 项目 after it is what is halted."""
    assert judge(task, progress, period)["status"] == "blocked"


def test_an_order_to_press_on_halts_nothing():
    assert judge("建设口袋公园50个", "市政府要求各县区加快推进，全市已建成25个。")["status"] == "on_pace"


@pytest.mark.parametrize("task,progress,period", [
    ("城市公交分担率达到30%", "1-9月中心城区公交日均客运量18.6万人次；城市公交机动化出行分担率数据需待第四季度居民出行调查后测算。",
     "2024M9"),
    ("全市粮食总产量稳定在93亿斤以上。", "夏粮收获工作已结束。全年情况需待秋粮收获后确定。", H1),
    ("森林覆盖率达到46%", "年度森林覆盖率数据待省林业局年底测算后发布。", H1),
    ("创建省级文明城市", "测评工作已完成，待省文明委发文命名。", H1),
    ("创成国家5A级旅游景区1家", "景观质量评审已于9月通过，目前正等待文化和旅游部正式发文确定。", Q3),
])
def test_a_result_awaiting_a_computation_a_document_or_what_comes_first_is_pending(task, progress, period):
    """待…测算, 等待…发文, 全年情况需待秋粮收获后确定: the result is fixed by an act or an event still to come."""
    assert judge(task, progress, period)["status"] == "pending"


@pytest.mark.parametrize("task,progress,status", [
    ("建设城南污水处理厂二期工程", "该项目暂停实施，待片区规划方案确定后重新论证建设规模。", "blocked"),
    ("新建口袋公园20个", "已建成12个，其余8个选址待规划方案确定后明确。", "ahead"),
])
def test_a_plan_settled_later_is_no_result_awaited(task, progress, status):
    assert judge(task, progress)["status"] == status


@pytest.mark.parametrize("task,progress,halted_share", [
    ("建设大别山红色文化研学基地3个", "金寨县研学基地已于7月投入运营；其余2个基地因土地性质问题，经市政府协调会议决定取消选址、另行规划。",
     2 / 3),
    ("新建充电站10座", "建成6座，剩余4座因电网容量不足取消建设。", 0.4),
])
def test_the_rest_named_apart_and_halted_is_not_done(task, progress, halted_share):
    """其余2个…决定取消选址: the rest of the target, with a halting verb after it in its sentence, is what was
    halted — never a count done."""
    j = judge(task, progress, Q3)
    assert j["completion_pct"] is None or abs(j["completion_pct"] - halted_share) > 1e-6
    assert j["status"] != "behind" or j["needs_review"]


@pytest.mark.parametrize("task,progress,period", [
    ("建成市城市运行管理服务平台", "平台一期已通过住建部联网验收，二期综合评价系统正在开发；省住建厅9月印发通知，对二期增加数据安全评估要求，"
     "评估通过前暂停上线。", Q3),
    ("建成市政务服务平台", "省数据局通知，安全测评完成前暂停上线。", H1),
    ("开工建设城东中学", "经市政府研究同意，方案批复前暂缓施工。", H1),
])
def test_a_halt_after_a_time_before_an_event_is_said_of_the_task(task, progress, period):
    """评估通过前暂停上线: 'before the review passes' opens the clause, no subject; the halt of going live or of
    the works is the task's."""
    j = judge(task, progress, period)
    assert j["status"] == "blocked" and not j["needs_review"]


def test_a_time_before_an_event_reports_nothing_done():
    assert judge("建成城北公园", "汛期结束前完成全部绿化，目前已完成工程量的70%。")["status"] != "completed"


@pytest.mark.parametrize("task,progress,period", [
    ("建成工业互联网标识解析二级节点。", "节点已完成建设和部署，接入国家顶级节点，12月通过工信部组织的验收，标识注册量突破4000万条。"
     "二级节点运营由市属国企负责。", FY),
    ("建成市级应急物资储备库。", "储备库8月通过市住建局组织的竣工验收。", Q3),
])
def test_an_acceptance_passed_with_its_body_named_between_is_the_deliverable_done(task, progress, period):
    """通过工信部组织的验收: the acceptance, whoever held it, finishes the deliverable as 通过验收 does."""
    j = judge(task, progress, period)
    assert j["status"] == "completed" and not j["needs_review"]


@pytest.mark.parametrize("progress", [
    "公园5月通过区住建局组织的初验，正在整改。",  # an initial acceptance is a step
    "公园主体工程通过区住建局组织的验收。",  # a stage of the works
])
def test_an_initial_or_a_stages_acceptance_is_no_completion(progress):
    assert judge("建成城南体育公园", progress)["status"] != "completed"


@pytest.mark.parametrize("task,progress,status", [
    ("新增国家级专精特新“小巨人”企业8家", "工信部第六批专精特新“小巨人”企业名单于7月公布，我市新增5家；第七批申报推荐工作将于明年开展。",
     "behind"),
    ("新增高新技术企业20家", "认定名单于10月公布，我市12家企业入选。", "behind"),
])
def test_a_list_published_in_a_month_with_no_word_of_the_future_is_no_wait(task, progress, status):
    """名单于7月公布，我市新增5家 in a year's report: published, and the count follows it."""
    assert judge(task, progress, FY)["status"] == status


@pytest.mark.parametrize("progress", [
    "已组织申报，评审结果将于9月公布。",
    "申报材料已报送，评审名单将于9月公布。",
    "申报材料已报送，名单9月公布。",
])
def test_a_list_to_be_published_later_is_awaited(progress):
    assert judge("新增高新技术企业20家", progress)["status"] == "pending"


@pytest.mark.parametrize("task,progress,status", [
    ("建成城南污水处理厂一期", "一期主体工程已完工。", "qualitative"),  # 一期 is the task's, 主体 a stage it does not name
    ("建成城南污水处理厂一期", "一期工程已竣工。", "completed"),
    ("开工建设市医院二期", "二期主体工程于4月进场施工。", "completed"),  # the works' first stage started starts them
])
def test_every_stage_named_before_an_event_must_be_the_tasks(task, progress, status):
    assert judge(task, progress)["status"] == status
