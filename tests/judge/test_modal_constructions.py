"""The status-bearing constructions of issue #18 that are not figures nor words of a result: a halt
of the task, a wait on an outside act, a stock level, a coverage reached, a target cut, the
report's own status column.

Each grammar is checked on sentences written for it in the reports' style (other subjects, verbs,
authorities and figures than any labelled set), so a test fails when a rule is a phrase list.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text

H1, Q1, Q3, M11, FY = "2024H1", "2024Q1", "2024Q3", "2024M11", "2024FY"


def judge(task: str, progress: str, period: str = H1, **kw) -> dict:
    return judge_text(task, progress, period, **kw)[0]


# ---------------------------------------------------------------------------------------------
# a halt of the task: its subject after a basis, a cause or an authority's act

@pytest.mark.parametrize("task,progress,period", [
    # the subject after an adverbial clause (根据…意见，项目选址…，已停止实施)
    ("建设城北垃圾转运站。", "根据省生态环境厅意见,项目选址不符合要求,已停止实施。", Q3),
    ("建设城东消防站。", "按照市政府债务化解要求,项目资金无法落实,已暂缓建设。", H1),
    # an authority's act of communication before what it acts on (国家发改委通知项目暂缓审批)
    ("开工建设淠河航道整治工程。", "国家发改委通知项目暂缓审批,开工计划推迟至2025年。", Q3),
    ("建设市级应急物资储备库。", "省应急管理厅函告该项目停止实施,相关资金收回。", Q3),
    # the family's other verbs: an event called off (停办), a service stopped (停运)
    ("举办2024年六安茶谷马拉松。", "按照上级统筹要求,今年马拉松赛事停办。", Q3),
    ("开通六安至合肥城际旅游专线。", "专线试运行一个月后因客流不足已停运。", Q3),
])
def test_a_halt_of_the_task_after_a_basis_or_an_authority(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] == "blocked", f


@pytest.mark.parametrize("task,progress,status", [
    # the halt is of a step inside the works, with an object of its own: the works go on
    ("建成城东污水处理厂二期。", "项目主体工程已完工,因汛期暂停管网顶管作业10天,目前设备安装正在推进。", "qualitative"),
    # some of the count halted beside a count done: a part, the count measures the pace
    ("推进老旧小区改造40个。", "已开工改造32个,另有2个小区因居民意见不统一暂缓改造。", "ahead"),
    # the task's own aim is the halting verb: it reports the work
    ("减少行政审批事项,取消市级审批事项20项。", "上半年已取消市级审批事项12项。", "ahead"),
])
def test_a_halt_that_is_not_the_tasks(task, progress, status):
    assert judge(task, progress)["status"] == status


# ---------------------------------------------------------------------------------------------
# a wait on an outside act: papers sent to whoever decides, a decision not fixed yet

@pytest.mark.parametrize("task,progress,period", [
    ("通过国家生态文明建设示范市复核。", "复核材料已于5月报送生态环境部,现场核查时间尚未确定。", H1),
    ("通过国家卫生城市复审。", "按标准逐项自查整改,复审材料已上报全国爱卫办。", Q1),
    ("争创国家级农业现代化示范区。", "申报材料已通过省农业农村厅审核并上报农业农村部,目前正在评审。", Q3),
    ("创建省级全民运动健身模范市。", "创建工作已全部完成,验收申请已于8月报请省体育局。", Q3),
    ("新增国家级专精特新“小巨人”企业10家。", "组织36家企业申报,已通过省级推荐,工信部公示名单预计11月公示。", Q3),
    ("新增省级示范家庭农场50家。", "各县区推荐申报72家,省级评定工作正在进行。", Q3),
    ("PM2.5平均浓度控制在35微克/立方米以内。", "全年数据需待省生态环境厅统一核算后公布,预计可完成目标。", M11),
])
def test_a_wait_on_an_outside_act_is_pending(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] == "pending", f


def test_no_wait_once_the_decision_came_after_the_papers():
    f = judge("争创国家级农业现代化示范区。", "申报材料已于3月上报农业农村部,6月正式获批国家级农业现代化示范区。", Q3)
    assert f["status"] != "pending"


@pytest.mark.parametrize("task,progress,status", [
    # a preliminary approval's papers await a step, not the task's outcome
    ("建成市职业技术学院新校区。", "新校区选址已确定,完成规划设计方案比选,土地报批材料已上报。", "qualitative"),
    # words that hold 待 or 等 and are no wait (待遇, 接待, 期待)
    ("提高退役军人待遇保障水平。", "上半年发放各类优抚待遇资金1.2亿元,提高部分优抚对象抚恤补助标准。", "qualitative"),
    ("提升游客接待能力,全年接待游客5000万人次。", "前三季度全市接待游客4300万人次,同比增长9%。", "ahead"),
    ("优化营商环境。", "企业对营商环境改善充满期待,市数据局组织开展政策宣讲12场。", "qualitative"),
])
def test_no_wait_when_decided_or_a_step_or_a_word_holding_dai(task, progress, status):
    assert judge(task, progress, Q3)["status"] == status


# ---------------------------------------------------------------------------------------------
# a stock to hold: met or missed, never a share of the year's additions

@pytest.mark.parametrize("task,progress,period,status", [
    ("耕地保有量不低于580万亩。", "根据国土变更调查成果,全市耕地保有量582.3万亩。", H1, "on_pace"),
    ("耕地保有量不低于580万亩。", "根据国土变更调查成果,全市耕地保有量582.3万亩。", FY, "completed"),
    # 99 % of the floor is no pace reached: the stock is below what it must hold
    ("耕地保有量不低于580万亩。", "根据国土变更调查成果,全市耕地保有量576.1万亩。", H1, "behind"),
    ("生猪存栏稳定在120万头以上。", "6月末全市生猪存栏123.5万头,能繁母猪存栏11.2万头。", H1, "on_pace"),
    ("湿地保护面积稳定在50万亩。", "经年度监测,全市湿地面积50.6万亩。", Q3, "on_pace"),
])
def test_a_stock_held_is_met_or_missed(task, progress, period, status):
    assert judge(task, progress, period)["status"] == status


def test_an_amount_with_a_floor_is_still_added_up():
    # 不低于 alone is no stock: the year's investment is added up against the pace
    f = judge("完成重点项目投资不低于800亿元。", "上半年全市重点项目完成投资436亿元。", H1)
    assert f["status"] == "on_pace" and round(f["completion_pct"], 3) == 0.545


# ---------------------------------------------------------------------------------------------
# a target cut during the year: measured against the new figure; a cut compared cleanly with it is a
# fact the ledger and the pages show (is_target_adjusted), no review flag — any other doubt keeps it

@pytest.mark.parametrize("task,progress,period,status", [
    ("全年新增养老床位2000张。", "根据省民政厅要求,我市年度任务调为1500张。上半年新增床位790张。", H1, "on_pace"),
    ("新建农村公路200公里。", "年度任务由200公里调减至150公里。前三季度已建成120公里。", Q3, "on_pace"),
    # a rate target cut: the new rate decides, met at the year's end is completed
    ("规上工业增加值增长9%。", "年中将目标调整为增长7%左右。全年规上工业增加值增长7.4%。", FY, "completed"),
    ("固定资产投资增长8%。", "根据中期评估,市政府将年度目标下调为增长5%。1-9月固定资产投资增长4.1%。", Q3, "behind"),
    ("全年植树造林5万亩。", "受用地指标影响，经省林业局同意，年度造林任务调减为4万亩。1-6月完成造林2.1万亩。", H1, "on_pace"),
    ("改造城镇老旧小区40个。", "经批准，2个小区不再改造，年度任务调减为38个；截至9月底已完工30个。", Q3, "on_pace"),
    ("全年新增城镇就业4.5万人。", "根据省人社厅统一调整，我市年度城镇新增就业目标由4.5万人调整为4.2万人。"
     "1-9月全市城镇新增就业3.3万人。", Q3, "on_pace"),
])
def test_a_target_cut_during_the_year(task, progress, period, status):
    f = judge(task, progress, period)
    assert (f["status"], f["is_target_adjusted"], f["needs_review"]) == (status, True, False)


@pytest.mark.parametrize("task,progress,period", [
    # the new figure could be either target's (both count 个): which was cut is not read
    ("新建5G基站1000个，新建充电桩500个。", "年度任务调整为800个，上半年建成基站420个、充电桩260个。", H1),
    # nothing compared with the new figure
    ("建设公共租赁住房800套。", "该任务年度目标已调减为500套，正在加快推进。", H1),
    ("全年新增城镇就业4.5万人。", "根据省人社厅统一调整，我市年度城镇新增就业目标由4.5万人调整为4.2万人。", Q3),
    # another doubt beside the cut: both are said
    ("新建城市道路30公里。", "年度任务调整为40公里，预计全年完成42公里。", Q3),
    # the figure read is inside the adjusting clause (由4.5万人调整为…): no comparison with the new target
    ("全年新增城镇就业4.5万人（年中调整为4.2万人）", "根据省人社厅统一调整，我市年度城镇新增就业目标由4.5万人调整为4.2万人。"
     "1-9月全市城镇新增就业3.3万人。", Q3),
])
def test_a_target_cut_with_a_doubt_stays_flagged(task, progress, period):
    f = judge(task, progress, period)
    assert f["is_target_adjusted"] and f["needs_review"]
    assert f["review_reason"].startswith("年度目标年中调整"), f["review_reason"]


# ---------------------------------------------------------------------------------------------
# a coverage to reach: every unit said to have it, or a coverage rate of 100 %

@pytest.mark.parametrize("task,progress,status", [
    ("年内实现全市乡镇5G网络全覆盖。", "全市136个乡镇已全部开通5G网络。", "completed"),
    ("实现全市义务教育学校智慧课堂全覆盖。", "全市义务教育学校智慧课堂覆盖率100%。", "completed"),
    ("年内完成全市不动产登记“带押过户”全覆盖。", "“带押过户”业务已于11月在全市8个县区全面铺开,全年办理1326件。", "completed"),
    # 92 % is not all, and what is left is promised for next year
    ("实现全市义务教育学校智慧课堂全覆盖。", "全市义务教育学校智慧课堂覆盖率92%,剩余学校明年完成。", "behind"),
    # some counties rolled out is no coverage: at the year's end, not done
    ("实现全市乡镇综合文化站免费开放全覆盖。", "金安区、裕安区所辖乡镇综合文化站已实现免费开放。", "behind"),
])
def test_a_coverage_reached_at_the_years_end(task, progress, status):
    assert judge(task, progress, FY)["status"] == status


# ---------------------------------------------------------------------------------------------
# deferral by an authority's arrangement, a partial halt beside a count on pace, a trial before
# a formal start promised for next year

def test_an_event_deferred_to_next_year_by_an_authoritys_arrangement_is_blocked():
    f = judge("举办第五届中国(六安)茶产业博览会。", "受省级统筹安排影响,本届博览会延期至明年举办。", Q3)
    assert f["status"] == "blocked"


def test_one_of_the_count_withdrawn_beside_the_rest_on_pace_is_flagged():
    f = judge("实施乡村振兴示范片区建设项目12个。", "已开工9个,1个项目因规划调整被撤销,2个项目正在办理前期手续。", H1)
    assert f["needs_review"] and f["status"] in ("blocked", "ahead")


@pytest.mark.parametrize("progress,status,flagged", [
    ("水厂已于12月28日建成并开始试通水,正式供水预计明年1月。", "behind", False),
    ("水厂已于10月建成并试通水,11月1日起正式供水。", "completed", False),
])
def test_a_trial_with_the_formal_start_next_year_is_not_done(progress, status, flagged):
    f = judge("建成投用市第三水厂。", progress, FY)
    assert (f["status"], f["needs_review"]) == (status, flagged)


@pytest.mark.parametrize("progress", [
    "组织跨境电商培训8场,培训人员520人次。下一步将做好年度认定工作。",
    "召开专题推进会3次。下一步将组织开展示范基地评审。",
])
def test_the_citys_own_act_to_come_is_no_wait(progress):
    assert judge("全年培育外贸新业态新模式主体50家。", progress, M11)["status"] == "qualitative"


@pytest.mark.parametrize("task,progress,status", [
    # cancelling some of a class still to be found is standing work
    ("清理规范涉企收费,取消不合理收费项目。", "上半年全市取消涉企收费项目9项,停止征收1项行政事业性收费,为企业减负6000万元。",
     "qualitative"),
    ("撤销各类违规设立的检查站点。", "上半年撤销违规检查站点6个,对3个站点开展整改。", "qualitative"),
    # one named fee abolished wholesale is the deliverable done
    ("取消公立医院门诊停车收费。", "自3月1日起,全市公立医院门诊停车一律取消收费。", "completed"),
])
def test_cancelling_a_class_is_standing_work_a_named_thing_is_done(task, progress, status):
    assert judge(task, progress)["status"] == status


# ---------------------------------------------------------------------------------------------
# which level measures a level target: the one whose rate noun is the target's

@pytest.mark.parametrize("task,progress,status", [
    ("政务服务事项“全程网办”比例达到90%。", "截至6月底,全市政务服务事项可网办率99.2%,“全程网办”比例为84.5%。", "behind"),
    ("农村生活污水治理率达到40%。", "全市农村生活污水设施覆盖率达到52%,农村生活污水治理率为41.3%。", "on_pace"),
])
def test_the_level_of_the_targets_own_rate_noun_measures_it(task, progress, status):
    assert judge(task, progress)["status"] == status


# ---------------------------------------------------------------------------------------------
# the year's end: a deliverable due this year (年底前建成…) not done, promised for next year

@pytest.mark.parametrize("task,progress,status", [
    ("年底前建成市妇幼保健院新院区。", "新院区主体工程已完工,正在进行室内装修和设备安装,计划明年6月投入使用。", "behind"),
    ("9月底前建成城南公交枢纽站。", "枢纽站已于8月建成并投入使用。", "completed"),
    ("上半年开工建设市体育公园。", "体育公园项目尚在办理用地手续,年内未能开工。", "behind"),
])
def test_a_deliverable_with_its_due_date_at_the_years_end(task, progress, status):
    assert judge(task, progress, FY)["status"] == status


@pytest.mark.parametrize("progress", [
    "两家五星级宾馆正在开展装修。市文旅局已协助两家宾馆对接星级评定机构,开展服务质量培训。",
    "市文旅局指导2家宾馆完善星级评定申报材料,下一步将跟踪服务。",
])
def test_a_figure_that_counts_those_helped_is_no_result(progress):
    f = judge("提升旅游接待能力,新增高星级宾馆2家。", progress, Q3)
    assert f["status"] != "completed"


# ---------------------------------------------------------------------------------------------
# the task named again as a halt's object; some of the count halted beside a shortfall; a stage
# of the outside procedure reached; a result that cannot be fixed yet

@pytest.mark.parametrize("task,progress,period", [
    ("建设城南物流园。", "经市政府常务会议研究,决定取消该项目,已退还企业保证金。", Q3),
    ("建设市民文化中心二期。", "受财政资金紧张影响,市政府已暂停该项目建设,待条件成熟后再启动。", H1),
])
def test_a_halt_whose_object_is_the_task_named_again(task, progress, period):
    assert judge(task, progress, period)["status"] == "blocked"


def test_some_of_the_count_halted_beside_a_shortfall_is_flagged():
    f = judge("新建城市书房20个。", "已建成城市书房8个。另有5个因选址调整,经市文旅局研究暂缓建设。", H1)
    assert f["status"] == "behind" and f["needs_review"]


@pytest.mark.parametrize("task,progress", [
    ("争创国家生态文明建设示范区。", "已通过生态环境部组织的技术评估,名单已进入公示阶段。"),
    ("争创国家生态文明建设示范区。", "已通过初审,目前进入国家级评审阶段。"),
    ("粮食总产量稳定在70亿斤以上。", "夏粮总产15.2亿斤,秋粮尚未收获,全年产量尚难确定。"),
])
def test_a_stage_of_the_outside_procedure_or_a_result_not_fixed_is_pending(task, progress):
    assert judge(task, progress, Q3)["status"] == "pending"


# ---------------------------------------------------------------------------------------------
# a second rate of the target's indicator with no indicator named in its clause

def test_a_second_rate_said_of_its_sentences_indicator_is_flagged():
    f = judge("税收收入增长8%。", "上半年全市税收收入完成62.3亿元,同比增长5.1%,扣除留抵退税因素后增长8.6%。", H1)
    assert f["status"] == "behind" and f["needs_review"]


def test_a_breakdown_of_rates_is_no_second_reading():
    f = judge("地区生产总值增长7%左右。", "上半年全市地区生产总值同比增长5.8%,其中第一产业增长3.2%、第二产业增长7.1%、第三产业增长5.4%。", H1)
    assert f["status"] == "behind" and not f["needs_review"]


@pytest.mark.parametrize("task,progress,period", [
    ("实施主城区智慧停车项目。", "项目因PPP合作方退出已终止合作,目前暂无替代方案。", Q3),
    ("建设城北客运站。", "项目已被列入省级停缓建项目清单。", H1),
    # an authority holding back the approval of a step the task needs
    ("建设淠史杭灌区现代化改造工程。", "国家水利部暂缓批复初步设计,项目无法开工。", H1),
])
def test_more_halts_of_the_task(task, progress, period):
    assert judge(task, progress, period)["status"] == "blocked"


def test_an_outside_act_expected_to_end_later_is_a_wait():
    f = judge("新增省级数字化车间20个。", "组织42家企业申报,已通过市级初审并推荐至省经信厅,省级认定工作预计11月完成。", Q3)
    assert f["status"] == "pending"
