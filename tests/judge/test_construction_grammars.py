"""More constructions of issue #18: what a figure counts, whose result it is, when it happened.

Each grammar is checked on several sentences written for it from the seed's and the corpus's
wording (other subjects, verbs and figures than any labelled set), so a test fails when the rule
is a phrase list in disguise.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text

H1, Q1, Q3, M10, FY = "2024H1", "2024Q1", "2024Q3", "2024M10", "2024FY"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


# ---------------------------------------------------------------------------------------------
# whose figure: another year's batch, the whole restated, candidates

@pytest.mark.parametrize("task,progress,period,status", [
    # last year's batch done says nothing of this year's
    ("完成2024年度农村户厕改造3000户。", "2023年度结转的3000户已全部完成改造；2024年度改造任务已分解到各县区，正在摸排。",
     H1, "qualitative"),
    ("新增省级美丽乡村示范村15个。", "上年度创建的12个示范村已通过省级验收；本年度15个示范村已完成创建任务。", FY,
     "completed"),
    # next year's quota handed down is no result either
    ("完成造林绿化8万亩。", "省林业局已下达我市2025年度造林任务9万亩；今年已完成造林绿化7万亩。", Q3, "ahead"),
])
def test_another_years_figure_is_not_this_years(task, progress, period, status):
    assert judge(task, progress, period)["status"] == status


@pytest.mark.parametrize("task,progress,period,status,ratio", [
    ("完成城市建成区雨污分流改造12处。", "城市建成区12处雨污混接点中已完成改造7处，其余5处正在施工。", Q3, "behind", 7 / 12),
    ("改造老旧小区52个。", "全市52个老旧小区中已完成改造30个，其余小区正在施工。", H1, "on_pace", 30 / 52),
])
def test_the_whole_restated_then_what_was_done_of_it(task, progress, period, status, ratio):
    f = judge(task, progress, period)
    assert (f["status"], round(f["completion_pct"], 4)) == (status, round(ratio, 4))


@pytest.mark.parametrize("progress", [
    "组织86家企业开展申报，经市经信局初审推荐45家，目前等待省经信厅认定。",
    "全市共有40家企业参评，已报省科技厅，等待专家评审后确定名单。",
])
def test_candidates_are_not_results(progress):
    f = judge("新增省级专精特新中小企业30家。", progress)
    assert f["status"] == "pending" and f["completion_pct"] is None


# ---------------------------------------------------------------------------------------------
# a deliverable put to use, said with an operation verb and an attainment mark

@pytest.mark.parametrize("task,progress,period", [
    ("建成市政务服务中心新大楼并投入使用。", "大楼装修全部完成，5月6日起正式对外办公，入驻部门38个。", H1),
    ("建成城东客运站并投入运营。", "客运站已竣工，7月1日起，城东客运站每日开行班线120个。", Q3),
    ("建成市档案馆新馆并投入使用。", "新馆已完成设备调试，馆藏档案已全部迁入新馆运行。", Q3),
    ("开通六安至合肥城际公交。", "自3月28日起，六安至合肥城际公交每日开行40班次。", Q1),
    ("建成市第二人民医院新院区。", "新院区已于4月正式接诊，开放床位600张。", H1),
])
def test_a_deliverable_put_to_use_in_other_words_is_completed(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] == "completed" and not f["needs_review"]


@pytest.mark.parametrize("task,progress", [
    # the verb used as a noun, or with nothing saying it began
    ("开工建设港区综合码头。", "已完成项目备案、通航影响评价等工作，计划10月底开工。"),
    ("建成市政务服务中心新大楼并投入使用。", "正在进行办公楼内部装修，办公家具采购已完成招标。"),
    ("建成城东客运站并投入运营。", "客运站主体工程已完工，正在研究班线运行方案。"),
])
def test_an_operation_word_without_attainment_is_no_event(task, progress):
    assert judge(task, progress)["status"] != "completed"


# ---------------------------------------------------------------------------------------------
# deferral: a completion moved to a later date is never done

@pytest.mark.parametrize("task,progress,period,status", [
    # an authority defers it: a halt
    ("开通六安至黄山旅游专线。", "因沿线道路改造，交通运输部门通知该专线延期至明年开通。", M10, "blocked"),
    # the works slip to next year: behind
    ("建成市体育公园。", "受征迁影响，项目整体推迟至明年一季度建成。", Q3, "behind"),
    ("建成投用城南水厂。", "因设备供货延迟，水厂投用时间顺延至明年5月。", FY, "behind"),
])
def test_a_deferred_deliverable_is_not_done(task, progress, period, status):
    assert judge(task, progress, period)["status"] == status


def test_a_deferral_within_the_year_is_flagged_not_done():
    f = judge("建成市民健身中心。", "受雨季影响，项目推迟至10月底建成。", H1)
    assert f["status"] != "completed" and f["needs_review"]


# ---------------------------------------------------------------------------------------------
# the scope of a halt: a halt verb with an object of its own acts on that object

@pytest.mark.parametrize("task,progress,status", [
    ("单位地区生产总值能耗下降3%。", "1-6月单位地区生产总值能耗同比下降3.4%，依法叫停5个高耗能项目。", "on_pace"),
    ("新增城镇就业2万人。", "上半年新增城镇就业1.1万人，叫停2家违规职业培训机构的补贴申领资格。", "on_pace"),
    ("PM2.5平均浓度控制在35微克/立方米以内。", "上半年PM2.5平均浓度31.2微克/立方米，叫停3个不符合环评要求的建设项目。", "on_pace"),
])
def test_a_halt_of_something_else_does_not_block_the_task(task, progress, status):
    assert judge(task, progress)["status"] == status


@pytest.mark.parametrize("progress", ["因规划调整，市政府已叫停该项目。", "停车场建设被市自然资源局叫停。"])
def test_a_halt_of_the_task_itself_still_blocks(progress):
    assert judge("建设城区智慧停车场5处。", progress)["status"] == "blocked"


# ---------------------------------------------------------------------------------------------
# the time span of a figure: the last span word before it in its sentence (当月 … vs 1-N月累计)

@pytest.mark.parametrize("task,progress,period,status", [
    ("规模以上工业增加值增长8%。", "9月当月规上工业增加值同比增长12.5%；1-9月累计增长6.1%。", Q3, "behind"),
    ("社会消费品零售总额增长7%。", "1-6月社会消费品零售总额同比增长7.8%，6月当月增长4.2%。", H1, "on_pace"),
    ("实际利用外资增长10%。", "6月单月实际利用外资1.1亿美元，同比增长25%；上半年累计实际利用外资4.2亿美元，增长6%。", H1,
     "behind"),
    ("新增城镇就业3万人。", "10月当月新增城镇就业3200人，1-10月累计新增城镇就业2.6万人。", M10, "on_pace"),
])
def test_the_cumulative_figure_measures_the_pace_wherever_the_month_word_stands(task, progress, period, status):
    assert judge(task, progress, period)["status"] == status


# ---------------------------------------------------------------------------------------------
# a plan's own split is the plan; a report of the present ends the plan's clauses

@pytest.mark.parametrize("progress", [
    "已制定年度建设方案，计划新建5G基站900个，其中一季度完成200个、二季度完成300个。",
    "预计全年新建5G基站850个，其中上半年建成400个。",
])
def test_the_split_of_a_plan_is_no_result(progress):
    f = judge("新建5G基站800个。", progress, Q1)
    assert f["status"] not in ("completed", "ahead", "on_pace", "behind") and f["completion_pct"] is None


@pytest.mark.parametrize("progress,status", [
    ("年内计划改造320公里，目前完工165公里，正在加快推进。", "on_pace"),
    ("年内计划改造320公里，截至6月底完工120公里，进度未达序时要求。", "behind"),
])
def test_a_report_of_the_present_after_a_plan_is_a_result(progress, status):
    assert judge("完成农村公路提质改造300公里。", progress)["status"] == status


# ---------------------------------------------------------------------------------------------
# number forms: a share opening its clause, a rate ceiling with 左右, a rate against the economy's

@pytest.mark.parametrize("progress,period,status", [
    ("截至9月底，完成村庄规划编制不足三成，主要受测绘数据交付影响。", Q3, "behind"),
    ("上半年，完成村庄规划编制近六成。", H1, "on_pace"),
])
def test_a_share_in_words_after_a_bare_verb_is_a_ratio(progress, period, status):
    assert judge("完成村庄规划编制320个。", progress, period)["status"] == status


@pytest.mark.parametrize("progress,status", [
    ("1-6月，全市居民消费价格同比上涨0.8%。", "on_pace"),
    ("1-6月，全市居民消费价格同比上涨3.2%，涨幅高于全省0.3个百分点。", "on_pace"),  # 左右: about 3%
    ("1-6月，全市居民消费价格同比上涨3.8%。", "behind"),
])
def test_a_rate_ceiling_with_about(progress, status):
    assert judge("居民消费价格涨幅控制在3%左右。", progress)["status"] == status


def test_a_rate_ceiling_without_about_is_strict():
    assert judge("居民消费价格涨幅控制在3%以内。", "上半年居民消费价格同比上涨3.2%。")["status"] == "behind"


@pytest.mark.parametrize("task,progress,period,status", [
    ("城镇居民人均可支配收入增长快于经济增长。", "上半年城镇居民人均可支配收入增长5.6%，同期全市地区生产总值增长6.1%。", H1, "behind"),
    ("农村居民人均可支配收入增长快于经济增长。", "前三季度农村居民人均可支配收入增长7.9%；全市GDP增长5.8%。", Q3, "on_pace"),
    ("居民收入增长与经济增长同步。", "全年城乡居民人均可支配收入增长6.0%，地区生产总值增长6.0%。", FY, "completed"),
])
def test_a_rate_against_the_economys_growth(task, progress, period, status):
    assert judge(task, progress, period)["status"] == status


# ---------------------------------------------------------------------------------------------
# what a level counts: the noun before 率/比重 agrees with the target's

@pytest.mark.parametrize("task,progress,status", [
    ("城市生活垃圾回收利用率达到35%以上。", "上半年，城市生活垃圾无害化处理率100%，回收利用率33.2%。", "behind"),
    ("农作物秸秆综合利用率达到92%以上。", "全市秸秆收储率98%，综合利用率93.5%。", "on_pace"),
    ("城镇污水集中收集率达到70%。", "城市污水处理率97.6%，城镇污水集中收集率为66%。", "behind"),
])
def test_a_level_of_another_rate_does_not_measure_the_target(task, progress, status):
    assert judge(task, progress)["status"] == status


# ---------------------------------------------------------------------------------------------
# a completion said of some counties (or after 其中) is a part of a city-wide task

@pytest.mark.parametrize("task,progress,period,ratio", [
    ("完成农村改厕8000户。", "全年完成农村改厕7600户，其中舒城县、霍山县任务已全部完成；其余400户结转明年实施。", FY, 0.95),
    ("完成人工造林1.5万亩。", "上半年完成人工造林0.9万亩，其中金安区已完成全年任务。", H1, 0.6),
    ("改造农村公路危桥60座。", "截至9月底，改造危桥42座，金寨县、岳西段任务全部完成。", Q3, 0.7),
])
def test_some_counties_done_is_not_the_city_done(task, progress, period, ratio):
    f = judge(task, progress, period)
    assert f["status"] != "completed" and f["completion_pct"] == pytest.approx(ratio)


def test_a_county_task_done_by_its_county_is_done():
    f = judge("霍山县完成农村改厕1200户。", "霍山县已全部完成年度任务，共改厕1260户。", FY)
    assert f["status"] == "completed"


# ---------------------------------------------------------------------------------------------
# a count of deliverables whose rest is promised for next year is not reached this year

@pytest.mark.parametrize("task,progress,period", [
    ("建成霍山、舒城2个污水处理厂。", "霍山县污水处理厂已通水运行；舒城县项目主体完工，计划明年3月投运。", M10),
    ("建成5个乡镇综合文化站。", "已建成3个，其余2个受用地影响计划2025年建成。", Q3),
])
def test_the_rest_of_a_count_promised_for_next_year_is_behind(task, progress, period):
    assert judge(task, progress, period)["status"] == "behind"


# ---------------------------------------------------------------------------------------------
# events held, things listed, first runs; a plan's breakdown figure; places opening a subject

@pytest.mark.parametrize("task,progress,status", [
    ("举办第十届六安茶谷马拉松赛。", "4月14日，马拉松赛在金寨县顺利举行，参赛选手1.5万人。", "completed"),
    ("召开全市民营经济发展大会。", "全市民营经济发展大会于2月26日召开。", "completed"),
    ("举办第十届六安茶谷马拉松赛。", "已举行赛事新闻发布会，赛道勘测完成。", "qualitative"),
    # a finish task is not done by a meeting held about it
    ("建成市体育中心。", "已召开市体育中心建设推进会，主体工程完成七成。", "qualitative"),
])
def test_an_event_held(task, progress, status):
    assert judge(task, progress)["status"] == status


@pytest.mark.parametrize("progress,status", [
    ("市图书馆新馆已于2月1日正式开馆；市文化馆新馆正在进行展陈布置，计划年内开放。", "qualitative"),
    ("市图书馆新馆和市文化馆新馆均已正式开馆。", "completed"),
])
def test_a_deliverable_of_two_things_is_done_when_both_are(progress, status):
    assert judge("建成市图书馆新馆和市文化馆新馆。", progress, Q1)["status"] == status


def test_a_project_name_with_and_is_one_thing():
    f = judge("开工建设淠河灌区续建配套与节水改造工程。", "该工程已于3月开工，累计完成投资2.1亿元。", Q3)
    assert f["status"] == "completed"


def test_a_first_run_is_the_line_opened():
    assert judge("开通六安至金寨城际公交。", "城际公交线路于2月1日首发开行。", Q1)["status"] == "completed"


def test_the_breakdown_of_a_plan_figure_is_the_plan():
    f = judge("完成造林绿化5万亩。", "年度计划造林5.5万亩，其中春季完成3万亩。", Q1)
    assert f["completion_pct"] is None


def test_a_city_task_named_with_a_district_word_is_still_the_citys():
    f = judge("完成老旧小区改造80个。", "金安区、裕安区改造任务已全部完成，全市完成改造52个。", Q3)
    assert f["status"] == "behind" and f["completion_pct"] == pytest.approx(52 / 80)


# ---------------------------------------------------------------------------------------------
# more of the same grammars in other words

@pytest.mark.parametrize("task,progress,period,status", [
    # a date moved (调整至) after the event word; a halting verb to next year
    ("建成投用市殡仪馆新馆。", "新馆主体已封顶，受设备采购流标影响，投用时间调整至明年上半年。", Q3, "behind"),
    ("建成投用市殡仪馆新馆。", "受资金影响，市政府决定新馆建设暂缓至明年实施。", Q3, "blocked"),
    # submitted and awaiting deliberation
    ("印发《六安市城市更新实施方案》。", "方案已完成征求意见，正报市政府常务会议审议。", H1, "pending"),
    # firms in coaching are candidates, not listings
    ("新增上市公司2家。", "已有3家企业进入辅导期，1家企业已向深交所提交申报材料，待审核。", H1, "pending"),
    # for a build target the finished figure counts, not the started one
    ("新增高标准农田30万亩。", "截至6月底已开工建设28万亩，完工12万亩。", H1, "behind"),
    # the stock is left out: the one figure left measures the target
    ("新建5G基站1500个。", "全市累计建成5G基站8600个，今年新建980个。", Q3, "behind"),
])
def test_the_grammars_in_other_words(task, progress, period, status):
    assert judge(task, progress, period)["status"] == status


@pytest.mark.parametrize("task,progress,status", [
    # another thing of the task's kind is not the task
    ("建成城北污水处理厂。", "城南污水处理厂已建成通水；城北污水处理厂完成主体工程的70%。", "qualitative"),
    ("建成市人民医院东院区。", "西院区已于3月正式开诊，东院区正在进行内部装修。", "qualitative"),
    # the task's own thing named again is the task
    ("建成市人民医院东院区。", "该院区已于5月建成并正式开诊。", "completed"),
])
def test_another_thing_of_the_tasks_kind(task, progress, status):
    assert judge(task, progress)["status"] == status


def test_started_is_not_built_and_a_completion_share_in_words_is_read():
    f = judge("建设美丽乡村中心村40个。", "40个中心村建设已全部开工，完工率过半。")
    assert f["status"] == "on_pace" and f["completion_pct"] is None or f["completion_pct"] == 0.5


def test_the_rest_carried_forward_to_next_year_leaves_this_years_figure():
    f = judge("新建公办幼儿园8所。", "全年建成公办幼儿园6所，2所受用地影响结转明年。", FY)
    assert f["status"] == "behind" and f["completion_pct"] == pytest.approx(0.75)


@pytest.mark.parametrize("task,progress,status", [
    ("出台《六安市数字经济发展三年行动方案》。", "市政府办公室已正式印发该方案。", "completed"),
    ("出台《六安市数字经济发展三年行动方案》。", "方案已起草完成，正在征求相关部门意见。", "qualitative"),
    ("建立健全河湖长制工作机制。", "已印发河湖长制工作规则。", "qualitative"),
])
def test_a_titled_document_is_one_thing_issued_a_mechanism_is_not(task, progress, status):
    assert judge(task, progress)["status"] == status


def test_opened_to_the_public_from_a_date_is_put_to_use():
    assert judge("建成六安市规划展示馆。", "展示馆于7月1日起免费向公众开放。", Q3)["status"] == "completed"


@pytest.mark.parametrize("task,progress,status", [
    ("化学需氧量排放量减少3000吨。", "上半年减排化学需氧量1800吨。", "ahead"),
    ("压减粗钢产能50万吨。", "上半年已压减粗钢产能20万吨。", "behind"),
    ("能源消费总量控制在1200万吨标准煤以内。", "上半年能源消费总量560万吨标准煤。", "on_pace"),
])
def test_an_amount_to_reduce_by_is_reached_from_below(task, progress, status):
    assert judge(task, progress)["status"] == status


@pytest.mark.parametrize("task,progress,status", [
    # the attainment mark governs another verb: no use event
    ("建成智慧停车平台。", "平台已完成运行环境部署和数据对接。", "qualitative"),
    # a thing inside the task's (a system of the centre) put to use is not the centre put to use
    ("建成投用市急救中心。", "急救指挥调度系统已正式运行，中心大楼正在装修。", "qualitative"),
    # the task's own thing with a head noun added is the task's
    ("开通六安至金寨城际公交。", "城际公交线路于2月1日首发开行。", "completed"),
    ("建成投用市急救中心。", "急救中心已投入运行两个月，运行平稳。", "completed"),
])
def test_whose_use_event_it_is(task, progress, status):
    assert judge(task, progress, Q3)["status"] == status


@pytest.mark.parametrize("task,progress,status", [
    ("外贸进出口总额增长8%。", "6月份外贸进出口增长15.3%，为年内单月最高；上半年累计增长5.1%。", "behind"),
    ("旅游总收入增长15%。", "五一假期旅游收入同比增长28%；上半年全市旅游总收入增长9.6%。", "behind"),
    # month on month is never the year's growth
    ("全社会用电量增长6%。", "上半年全社会用电量同比增长5.2%，6月环比增长12.4%。", "behind"),
])
def test_a_span_shorter_than_the_period_and_month_on_month_growth(task, progress, status):
    assert judge(task, progress)["status"] == status


def test_a_months_or_a_holidays_growth_alone_does_not_measure_the_year():
    f = judge("旅游总收入增长15%。", "五一假期全市接待游客同比增长35%，旅游收入增长28%。")
    assert f["status"] not in ("on_pace", "ahead", "completed")


def test_a_halt_of_some_of_the_count_halts_a_part_of_the_task():
    f = judge("建设乡镇综合服务中心6个。", "已建成4个；受上级资金调整影响，金寨县、霍山县2个项目被调出年度建设计划，已停止推进。")
    assert f["status"] == "blocked"


@pytest.mark.parametrize("task,progress,period,status", [
    # a verdict before other figures is theirs; the total that sums them measures the task
    ("建设智慧停车系统，接入泊位2万个。", "城区道路泊位接入全部完成，约8000个；配建停车场接入7500个，累计1.55万个。", Q3,
     "on_pace"),
    ("完成农村公路安防工程500公里。", "国道沿线安防工程全部完工，共120公里；县乡道完成180公里，累计300公里。", H1, "ahead"),
    # a level per head is met by the level, not by the count added
    ("每千人口拥有3岁以下婴幼儿托位数达到4.5个。", "全年新增托位2100个，每千人口托位数达到4.2个。", FY, "behind"),
    ("每万人口拥有公共文化设施面积达到1500平方米。", "新增文化设施面积3.2万平方米，每万人口拥有面积达到1560平方米。", FY,
     "completed"),
])
def test_totals_of_parts_and_levels_per_head(task, progress, period, status):
    assert judge(task, progress, period)["status"] == status


@pytest.mark.parametrize("task,progress,period,status", [
    # a point after a percent sign ends the sentence: the cumulative figure after it is read
    ("完成水利建设投资60亿元。", "8月单月完成投资6亿元,同比增长25%.1-8月累计完成投资35亿元.", "2024M8", "behind"),
    # 共争取 is obtained (a result), 争取完成 an intention
    ("争取中央预算内投资8亿元。", "全年共争取中央预算内投资9.2亿元，支持项目31个。", FY, "completed"),
    ("争取中央预算内投资8亿元。", "已申报项目45个，争取年内到位资金8亿元以上。", H1, "qualitative"),
    # 块 counts plots
    ("完成污染地块修复治理6块。", "已完成修复治理4块，其余2块正在施工。", Q3, "behind"),
])
def test_points_obtained_and_plots(task, progress, period, status):
    assert judge(task, progress, period)["status"] == status
