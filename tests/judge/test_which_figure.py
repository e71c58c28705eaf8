"""Which figure measures the target (issue #18, item 3): what a figure counts and when it is a result.

Each rule is tried on variants written before the rule was run (other sectors, nouns, figures,
periods and word orders), and on the negatives that must keep their old reading, so a rule that is
a phrase fitted to one sentence fails.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text

Q1, H1, Q3, FY = "2024Q1", "2024H1", "2024Q3", "2024FY"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


def reads(task: str, progress: str, period: str) -> tuple[str, str]:
    """The status and the method that decided it."""
    f = judge(task, progress, period)
    return f["status"], f["method"]


# ---------------------------------------------------------------------------------------------
# 争取 after a span of this period already past is what was obtained, a result; before a span to
# come, or on its own, it stays an intention

@pytest.mark.parametrize("task,progress,period,status", [
    ("争取省级以上科技项目资金1.5亿元", "上半年争取国家和省级科技项目资金9800万元。", H1, "ahead"),
    ("争取中央预算内投资12亿元", "1-9月争取中央预算内投资资金8.1亿元，下达项目26个。", Q3, "behind"),
    ("争取上级转移支付资金50亿元", "今年以来争取上级转移支付资金27.4亿元。", H1, "on_pace"),
    ("争取地方政府专项债券额度60亿元", "截至9月底争取专项债券额度48亿元。", Q3, "on_pace"),
    ("争取超长期特别国债资金10亿元", "一季度争取超长期特别国债资金1.2亿元。", Q1, "behind"),
])
def test_obtained_in_a_span_already_past_is_a_result(task, progress, period, status):
    assert reads(task, progress, period) == (status, "computed_ratio")


@pytest.mark.parametrize("progress", [
    "下半年争取中央预算内投资资金8亿元。",
    "全年争取中央预算内投资资金13亿元以上。",
    "争取年内中央预算内投资资金达到12亿元。",
])
def test_obtaining_still_to_come_is_no_result(progress):
    f = judge("争取中央预算内投资12亿元", progress)
    assert f["method"] != "computed_ratio"


# ---------------------------------------------------------------------------------------------
# 届时 (at that time): what a thing will give once it is done is a forecast, never a result

@pytest.mark.parametrize("task,progress,period", [
    ("区属学校新增学位2000个", "新建的城东小学将于秋季学期开学时投用，届时可新增学位1620个。", Q1),
    ("新增公共停车泊位3000个", "城南停车楼主体已封顶，年底交付，届时可提供停车泊位1200个。", H1),
    ("新增养老床位800张", "市社会福利院新院9月开院，届时新增养老床位600张。", H1),
    ("新建公共充电桩2000个", "高铁站充电站项目主体已完工，届时可提供公共充电桩500个。", Q3),
    ("新增日供水能力10万吨", "二水厂扩建工程正在进行设备调试，届时日供水能力将新增8万吨。", Q3),
])
def test_what_a_thing_will_give_then_is_no_result(task, progress, period):
    f = judge(task, progress, period)
    assert f["method"] != "computed_ratio" and f["status"] not in ("ahead", "on_pace", "completed")


def test_the_same_figure_reported_done_is_a_result():
    f = judge("区属学校新增学位2000个", "城东小学已投用，新增学位1620个。", Q3)
    assert (f["status"], f["method"]) == ("on_pace", "computed_ratio")


# ---------------------------------------------------------------------------------------------
# 起 and 件 count the same cases (案件, 事故, 纠纷): one count when the nouns agree

@pytest.mark.parametrize("task,progress,period,status", [
    ("开展知识产权保护专项行动，查办侵权案件60件", "共查处商标侵权等案件35起，其中移交司法机关3起。", "2025H1", "on_pace"),
    ("查处食品安全违法案件200件", "1-9月查处食品安全违法案件162起。", Q3, "on_pace"),
    ("化解信访积案100件", "上半年化解信访积案43起。", H1, "behind"),
    ("查办环境违法案件120件", "一季度查办环境违法案件41起。", Q1, "on_pace"),
    ("侦破电信网络诈骗案件500起", "上半年侦破电信网络诈骗案件230件。", H1, "behind"),
])
def test_cases_counted_in_qi_or_jian_are_one_count(task, progress, period, status):
    assert reads(task, progress, period) == (status, "computed_ratio")


# ---------------------------------------------------------------------------------------------
# items of one act done on other objects (药品抽检 beside 化妆品抽检, 医疗器械抽检) are no kinds of the target's
# thing: they do not add up to it, whatever labels (①②③) the list carries

@pytest.mark.parametrize("task,progress,period,summed", [
    ("全市药品抽检完成1200批次", "①监督抽检药品867批次；②化妆品抽检315批次；③医疗器械抽检146批次。", "2024M8", "completed"),
    ("完成农产品质量安全抽检3000批次", "1-9月完成农产品抽检2350批次、兽药抽检410批次、饲料抽检260批次。", Q3, "completed"),
    ("检测成品油样品600批次", "上半年检测成品油样品318批次、车用尿素样品95批次。", H1, "ahead"),
    ("完成药品抽检1000批次", "(1)药品抽检620批次；(2)化妆品抽检180批次。", Q3, "on_pace"),
    ("完成特种设备定期检验5000台", "1-6月完成特种设备定期检验2600台、气瓶定期检验1800台。", H1, "ahead"),
])
def test_the_same_act_on_other_objects_does_not_add_up(task, progress, period, summed):
    f = judge(task, progress, period)
    assert f["needs_review"] or f["status"] != summed


def test_kinds_of_the_targets_thing_still_add_up():
    f = judge("新增城市绿道30公里", "上半年建成淠河绿道8公里、东湖绿道10公里。", H1)
    assert (f["status"], f["method"]) == ("ahead", "computed_ratio")


# ---------------------------------------------------------------------------------------------
# a cumulative figure whose breakdown names an earlier year's part (累计完成投资13.1亿元，其中2023年度完成
# 7.6亿元) spans years: without that part it may say another status, and which one the target means is
# the researcher's call

@pytest.mark.parametrize("task,progress,period,whole", [
    ("霍山至岳西高速六安段完成年度投资12亿元", "截至6月底，项目累计完成投资13.1亿元，其中2023年度完成7.6亿元。", H1, "completed"),
    ("完成城市更新项目投资20亿元", "1-9月城市更新项目累计完成投资18.2亿元，其中2023年结转完成6.5亿元。", Q3, "on_pace"),
    ("新建农村公路100公里", "截至9月底累计建成农村公路96公里，其中去年完工42公里。", Q3, "ahead"),
    ("新增城市绿地面积200公顷", "上半年累计新增城市绿地185公顷，其中上年度实施部分110公顷。", H1, "ahead"),
    ("完成水利投资30亿元", "今年以来累计完成水利投资21亿元，其中2023年度项目完成投资9亿元。", H1, "ahead"),
])
def test_a_cumulative_figure_holding_an_earlier_years_part_is_not_confident(task, progress, period, whole):
    f = judge(task, progress, period)
    assert f["needs_review"] or f["status"] != whole


def test_a_cumulative_figure_whose_breakdown_is_of_this_year_still_measures():
    f = judge("完成水利投资30亿元", "今年以来累计完成水利投资21亿元，其中中央资金项目完成投资9亿元。", H1)
    assert (f["status"], f["method"], f["needs_review"]) == ("ahead", "computed_ratio", False)


# ---------------------------------------------------------------------------------------------
# a budget amount (预算金额, 预算总额) is what was planned to be spent, never what was done; budget revenue
# (一般公共预算收入) is a result

@pytest.mark.parametrize("task,progress,period,status", [
    ("完成政府采购规模60亿元", "一季度全市政府采购预算金额18.7亿元，实际签订采购合同金额11.2亿元，节约资金0.9亿元。", "2023Q1",
     "behind"),
    ("完成政府采购规模80亿元", "上半年全市政府采购预算金额52亿元，实际采购金额38.5亿元，节约资金2.1亿元。", H1, "behind"),
    ("全年完成政府采购额50亿元", "1-9月采购预算总额为41亿元，已签订合同金额36.8亿元。", Q3, "behind"),
    ("一般公共预算收入完成120亿元", "上半年一般公共预算收入完成63.2亿元。", H1, "on_pace"),
])
def test_a_budget_amount_is_a_plan(task, progress, period, status):
    assert reads(task, progress, period) == (status, "computed_ratio")


def test_a_budget_beside_a_result_named_in_other_words_is_never_the_measure():
    # 成交金额 names 交易额 in other words: unread it leaves the task to review; the budget (32 + 28.6 would be
    # 超序时) is never read
    f = judge("完成公共资源交易额100亿元", "一季度进场交易项目预算金额32亿元，成交金额28.6亿元。", Q1)
    assert f["status"] != "ahead" and (f["needs_review"] or f["status"] == "on_pace")


# ---------------------------------------------------------------------------------------------
# a share said by the measure the target counts (按发证口径计完成六成多) is the task's own completion: it
# decides over a step's figure (地籍调查7.6万宗 for 确权登记发证)

@pytest.mark.parametrize("task,progress,period,status", [
    ("完成地籍调查和宅基地确权登记发证8万宗", "截至9月底，宅基地地籍调查完成7.6万宗，颁发不动产权证书5.1万本，"
     "按发证口径计完成六成多。", Q3, "behind"),
    ("完成农村房地一体确权登记发证10万宗", "截至9月底，权籍调查完成9.2万宗，按发证口径计完成五成左右。", Q3, "behind"),
    ("发放不动产权证书5万本", "上半年完成首次登记3.1万宗，按颁证口径计算完成四成。", H1, "behind"),
    ("完成城镇老旧小区改造120个", "截至6月底，开工112个，按竣工口径统计完成约四成。", H1, "behind"),
    ("完成高标准农田建设8万亩", "1-9月高标准农田开工7.6万亩，按验收口径计完成80%。", Q3, "on_pace"),
])
def test_a_share_by_the_targets_own_measure_decides(task, progress, period, status):
    assert reads(task, progress, period) == (status, "stated_ratio")


# ---------------------------------------------------------------------------------------------
# county figures after a time word (目前霍山县完成…1260亩，金寨县930亩): still parts of the city's figure,
# added up, and no one county's figure the city's

@pytest.mark.parametrize("task,progress,period,status", [
    ("完成历史遗留矿山生态修复面积3000亩", "目前霍山县完成修复面积1260亩，金寨县930亩，舒城县715亩，其余地块正进行复绿养护。",
     "2024M10", "ahead"),
    ("完成人工造林5000亩", "截至6月底，金寨县完成人工造林1200亩，霍山县900亩，舒城县800亩，其余县区正在整地。", H1, "on_pace"),
    ("新建农村公路200公里", "1-9月金安区新建农村公路92公里，裕安区48公里，叶集区35公里。", Q3, "ahead"),
    ("完成历史遗留矿山修复2000亩", "目前霍山县完成修复900亩，金寨县650亩，舒城县420亩。", "2024M10", "ahead"),
    ("新增城市停车泊位3000个", "当前金安区新增泊位1100个，裕安区900个，叶集区400个。", H1, "ahead"),
])
def test_county_figures_after_a_time_word_add_up(task, progress, period, status):
    assert reads(task, progress, period) == (status, "computed_ratio")


# ---------------------------------------------------------------------------------------------
# enterprises entering the statistics (入统, 纳统, “四上”) are those of every size class the statistics
# count (规上工业, 限上商贸, 规上服务业, 资质以上建筑业): each class's count is a part of the target's

@pytest.mark.parametrize("task,progress,period,status", [
    ("新增市场主体入规入统企业50家", "截至9月30日，新增规上工业企业18家、限上商贸企业14家、规上服务业企业9家，资质以上建筑业企业5家。",
     "2024M9", "ahead"),
    ("新增“四上”企业120家", "上半年新增规上工业企业38家、限上批零住餐企业22家、规上服务业企业11家、资质以上建筑业企业6家。",
     H1, "ahead"),
    ("全年新增纳统企业80家", "1-9月新增限上商贸企业21家、规上工业企业30家。", Q3, "behind"),
    ("新增入统企业100家", "一季度新增规上工业企业12家、限上商贸企业9家、规上服务业企业6家。", Q1, "on_pace"),
])
def test_every_size_class_counted_by_the_statistics_is_the_targets(task, progress, period, status):
    assert reads(task, progress, period) == (status, "computed_ratio")


def test_a_target_of_one_class_is_not_met_by_another():
    f = judge("新增规上工业企业50家", "1-9月新增规上工业企业38家、限上商贸企业14家。", Q3)
    assert f["status"] == "on_pace"


# ---------------------------------------------------------------------------------------------
# a level of the task's own completion (完成…年度任务的70%以上) is met by a completion ratio at or above
# it, whatever the time pace says

@pytest.mark.parametrize("task,progress,period,status", [
    ("2024年完成国有企业改革深化提升行动年度任务的70%以上", "截至9月底，改革台账58项任务已完成43项，完成率74.1%，其余正加快推进。",
     "2024M9", "on_pace"),
    ("完成年度改革任务的80%以上", "截至11月底，年度改革任务完成率为83%。", "2024M11", "on_pace"),
    ("全年完成省定年度目标任务的90%以上", "1-9月，省定目标任务完成率92.5%。", Q3, "on_pace"),
    ("完成年度整改任务的70%以上", "上半年整改任务完成率65%。", H1, "behind"),
    ("完成三年行动任务的70%以上", "截至年底，三年行动任务完成率达72%。", FY, "completed"),
])
def test_a_level_of_the_tasks_own_completion(task, progress, period, status):
    assert reads(task, progress, period) == (status, "rate_target")


# ---------------------------------------------------------------------------------------------
# a coverage counted as N of M units (符合条件的医疗机构57家，已实行DRG付费的50家): all of them is the coverage
# reached, fewer is not

@pytest.mark.parametrize("task,progress,period,status", [
    ("DRG/DIP支付方式改革覆盖所有符合条件的医疗机构", "全市符合条件的医疗机构57家，已实行DRG付费的57家。", FY, "completed"),
    ("村庄清洁行动覆盖所有行政村", "全市行政村1836个，已开展村庄清洁行动的1790个。", FY, "behind"),
    ("实现城区中小学课后服务全覆盖", "城区中小学校128所，已开展课后服务的128所。", FY, "completed"),
])
def test_a_coverage_counted_as_n_of_m_at_the_years_end(task, progress, period, status):
    assert judge(task, progress, period)["status"] == status


@pytest.mark.parametrize("task,progress,period", [
    ("DRG/DIP支付方式改革覆盖所有符合条件的医疗机构。", "按照国家医保局三年行动计划，我市持续深化医保支付方式改革。全市符合条件的开展"
     "住院服务的二级及以上医疗机构57家，已实行DRG付费的50家，基层医疗机构按病种分值付费正在测试中。", H1),
    ("医保电子凭证应用覆盖全部定点医药机构", "全市定点医药机构2173家，已接入医保电子凭证的1986家。", Q3),
])
def test_a_coverage_short_of_all_units_is_never_a_confident_nothing_read(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] == "behind" or f["needs_review"]


# ---------------------------------------------------------------------------------------------
# a span opening the sentence (1-6月，全市…达12亿3千万元) makes the figure after it a flow of the span, not a
# stock, for a target of additions; a total said as a stock (总数达) stays one

@pytest.mark.parametrize("task,progress,period,status", [
    ("新增知识产权质押融资额20亿元", "1-6月，全市知识产权质押融资登记金额达12亿3千万元，惠及企业97家。", H1, "ahead"),
    ("新增普惠小微贷款50亿元", "1-6月，全市普惠小微贷款新增额达28亿元。", H1, "on_pace"),
    ("新增知识产权质押融资额20亿元", "今年以来，全市知识产权质押融资登记金额达9亿元。", H1, "behind"),
    ("新增技术合同成交额30亿元", "前三季度，全市技术合同成交额达24.6亿元。", Q3, "on_pace"),
])
def test_a_span_opening_the_sentence_makes_a_flow(task, progress, period, status):
    assert reads(task, progress, period) == (status, "computed_ratio")


def test_a_total_said_as_a_stock_is_still_no_addition():
    f = judge("新增5G基站1000个", "截至6月底，全市5G基站总数达6200个。", H1)
    assert f["method"] != "computed_ratio" or f["needs_review"]


# ---------------------------------------------------------------------------------------------
# units of one measure in other names (平方千米 is 平方公里); money entering the treasury (入库) is revenue
# collected, not an entry into a pool

@pytest.mark.parametrize("task,progress,period,status", [
    ("治理水土流失面积150平方公里", "截至9月底，完成水土流失综合治理面积118平方千米，实施坡耕地改造1.2万亩。", Q3, "on_pace"),
    ("新增城市建成区绿地面积2平方公里", "上半年新增城市建成区绿地面积0.9平方千米。", H1, "behind"),
    ("非税收入完成32亿元", "上半年非税收入入库19.6亿元，同比增长8.6%。", "2025H1", "ahead"),
    ("税收收入完成80亿元", "1-9月全市税收入库58.3亿元。", Q3, "behind"),
    ("契税收入完成6亿元", "一季度契税入库1.7亿元。", Q1, "on_pace"),
])
def test_units_and_revenue_said_otherwise(task, progress, period, status):
    assert reads(task, progress, period) == (status, "computed_ratio")


def test_projects_entering_a_pool_still_count_no_works():
    f = judge("新开工项目100个", "上半年新增入库项目62个。", H1)
    assert f["method"] != "computed_ratio" or f["needs_review"]


# ---------------------------------------------------------------------------------------------
# zones (经开区, 高新区) are parts of the city beside its districts; a reserve that is a thing (国家储备林,
# 储备粮) is no pool of candidates; an amount said 实际 (实际到资) is the realized one beside a pledge (合同外资)

@pytest.mark.parametrize("task,progress,period,status", [
    ("新增公共停车泊位3000个", "一季度利用边角地、闲置地挖潜增泊：金安区460个，裕安区430个，经开区215个。", Q1, "ahead"),
    ("新建城市书房30个", "上半年建成城市书房：金安区6个，裕安区5个，高新区3个。", H1, "behind"),
    ("新建国家储备林5000公顷", "1-8月，已实施国家储备林集约人工林栽培和现有林改培6.8万亩。", "2024M8", "ahead"),
    ("新增地方储备粮2万吨", "上半年新增地方储备粮1.1万吨。", H1, "on_pace"),
    ("外资企业到资5000万美元", "今年以来，我市新设外商投资企业11家，合同外资1.2亿美元。上半年实际到资2960万美元。", H1, "on_pace"),
    ("实际使用外资3亿美元", "1-9月新签约外资项目12个，合同外资4.6亿美元，实际使用外资2.1亿美元。", Q3, "behind"),
])
def test_parts_reserves_and_realized_amounts(task, progress, period, status):
    assert reads(task, progress, period) == (status, "computed_ratio")


def test_a_reserve_of_projects_is_still_candidates():
    f = judge("新开工项目100个", "上半年新增储备项目62个。", H1)
    assert f["method"] != "computed_ratio" or f["needs_review"]


# ---------------------------------------------------------------------------------------------
# a share target measured by a whole and its part the text gives (保有量612辆，其中新能源车588辆: 96 %)

@pytest.mark.parametrize("task,progress,period,status", [
    ("城市公交新能源车辆占比达到95%以上", "全年更新新能源公交车54辆。年末全市城市公交车保有量612辆，其中新能源车588辆。", FY, "completed"),
    ("城市公交新能源车辆占比达到95%以上", "年末全市城市公交车保有量612辆，其中新能源车560辆。", FY, "behind"),
    ("新建住宅全装修比例达到60%", "上半年全市新开工商品住宅项目48个，其中全装修项目31个。", H1, "on_pace"),
    ("二级以上医院预约诊疗比例达到80%", "全市二级以上医院门诊量162万人次，其中预约诊疗121万人次。", H1, "behind"),
    ("绿色建筑占新建建筑比例达到100%", "1-9月新建建筑面积286万平方米，其中绿色建筑286万平方米。", Q3, "on_pace"),
])
def test_a_share_from_a_whole_and_its_part(task, progress, period, status):
    assert reads(task, progress, period) == (status, "rate_target")


def test_a_part_of_another_thing_is_no_share_of_the_target():
    f = judge("城市公交新能源车辆占比达到95%以上", "年末全市公交车612辆，其中空调车300辆。", FY)
    assert f["method"] != "rate_target"


# 全年 is this year's span: 全年共有234家…纳入 is the year's additions, no stock
def test_the_whole_year_is_a_span_of_additions():
    f = judge("新增定点零售药店纳入门诊统筹管理200家", "全年共有234家定点零售药店通过评估纳入门诊统筹管理。", "2023FY")
    assert (f["status"], f["method"]) == ("completed", "computed_ratio")


# ---------------------------------------------------------------------------------------------
# funds allocated by a higher authority (国家发改委下达我市中央预算内投资计划6.9亿元) are what a task to obtain
# them obtained; a task handed down (…任务21亿元), or a plan handed down for a task to spend, stays no result

@pytest.mark.parametrize("task,progress,period,status", [
    ("争取中央预算内投资12亿元", "今年以来，国家发改委下达我市中央预算内投资计划6.9亿元，涉及项目42个；另有15个项目已纳入国家项目储备库。",
     H1, "on_pace"),
    ("争取中央预算内投资10亿元", "1-9月，国家发改委累计下达我市中央预算内投资计划8.2亿元。", Q3, "on_pace"),
    ("争取省级专项资金5亿元", "上半年省财政厅下达我市专项资金计划2.1亿元。", H1, "behind"),
])
def test_funds_allocated_are_what_a_task_to_obtain_obtained(task, progress, period, status):
    assert reads(task, progress, period) == (status, "computed_ratio")


@pytest.mark.parametrize("task,progress", [
    ("争取中央预算内投资21亿元", "省下达我市年度争取到中央预算内投资任务21亿元。"),
    ("完成固定资产投资500亿元", "市发改委下达各县区年度投资计划500亿元。"),
])
def test_a_task_or_a_plan_handed_down_stays_no_result(task, progress):
    assert judge(task, progress)["method"] != "computed_ratio"


# ---------------------------------------------------------------------------------------------
# things named one by one under a heading that says them done (已建成通车的有：创新大道东延段2,800米、科学路…):
# each is one of the target's things, and they add up

@pytest.mark.parametrize("task,progress,period,status", [
    ("新建园区道路12公里", "今年实施的园区道路项目共9条，截至10月底，已建成通车的有：创新大道东延段2,800米、科学路1,650米、"
     "文昌路2,320米、明珠路1,100米；其余5条路正在进行路面工程施工。", "2024M10", "behind"),
    ("新建城市绿道20公里", "截至6月底，城市绿道已建成的有：淠河东岸绿道4.2公里、东湖公园绿道3.5公里、月亮岛环岛绿道2.8公里。", H1,
     "on_pace"),
    ("新建园区道路10公里", "今年已完工的园区道路包括：纬三路1.8公里、经五路北延段2.6公里、科创大道1200米。", Q3, "behind"),
    ("新建污水管网50公里", "上半年已建成投用的污水管网有：城东污水主干管12.5公里、高新区支管网8.3公里、老城区雨污分流管网6.1公里。",
     H1, "on_pace"),
])
def test_named_things_under_a_heading_that_says_them_done_add_up(task, progress, period, status):
    assert reads(task, progress, period) == (status, "computed_ratio")


def test_named_things_under_a_heading_of_works_going_on_do_not():
    f = judge("新建园区道路12公里", "正在建设的园区道路有：创新大道东延段2,800米、科学路1,650米。", H1)
    assert f["method"] != "computed_ratio" or f["needs_review"]
