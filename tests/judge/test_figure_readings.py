"""Which number measures the task, and what happens when two readings of the figures disagree:
a growth target's rate beside the amount's share of its year, a task handed down read as no
result, the parts that add up against the items that do not.

Sentences follow the wording of the corpus reports and the read blind sets (bureau reports with
一是…二是 items, 省里已下达… quotas, 从总量看… shares), each rule tried on variants with other
nouns, figures, periods and word orders, so a rule that is a phrase list in disguise fails.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text

H1, Q3, M11, FY = "2024H1", "2024Q3", "2024M11", "2024FY"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


# ---------------------------------------------------------------------------------------------
# a growth target: the rate decides, the amount's share of its year's expected figure measures
# something else

@pytest.mark.parametrize("task,progress,period,status", [
    ("建筑业总产值增长9%", "全年,建筑业总产值同比增长9.1%,总量达到137.5亿元。从总量看,建筑业总产值完成年度预期目标的60%。",
     FY, "completed"),
    ("数字经济核心产业增加值增长10%", "前三季度,全市数字经济核心产业增加值完成300.6亿元,同比增长11.6%。"
     "从总量看,数字经济核心产业增加值完成年度预期目标的40%。", Q3, "on_pace"),
    ("规上工业增加值增长8%以上", "1-6月,全市规上工业增加值增长8.4%;规上工业增加值总量完成全年预期的31%。", H1, "on_pace"),
    ("社会消费品零售总额增长7%", "上半年,全市社会消费品零售总额同比增长6.1%,社会消费品零售总额完成年度目标的52%。",
     H1, "behind"),
])
def test_a_growth_target_is_measured_by_its_rate_not_by_the_amounts_share(task, progress, period, status):
    f = judge(task, progress, period)
    assert f["status"] == status and f["method"] == "rate_target"


def test_a_growth_target_with_no_rate_is_still_read_from_the_share():
    # no rate is given: the share of the year's amount is all there is, and it is still read
    f = judge("社会消费品零售总额增长7%", "上半年,全市社会消费品零售总额完成年度目标的38%。")
    assert f["status"] == "behind"


# ---------------------------------------------------------------------------------------------
# a task handed down, however long the words between 下达 and its figure, is the target restated

@pytest.mark.parametrize("task,progress,period", [
    ("谋划储备重大项目100个", "省里已下达我市2024年度重大项目建设任务100个,已全部分解到各县区。目前各县区正在组织实施。",
     "2024M7"),
    ("新增义务教育学位8000个", "一是成立工作专班;二是省里已下达我市2025年度义务教育学位建设任务8000个,已全部分解到各县区;"
     "三是目前各县区正在组织实施。", "2025FY"),
    ("培训中小学教师10300人次", "市教育局已将省厅分解下达的2023年度中小学教师培训计划10300人次落实到各县区,目前正在组织实施。",
     "2023FY"),
])
def test_a_task_handed_down_is_no_result(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] != "completed" and f["method"] != "computed_ratio"


@pytest.mark.parametrize("task,progress,status", [
    ("新增上云企业480家", "省下达我市年度新增上云企业任务480家。上半年,实际新增上云企业243家。", "on_pace"),
    ("争取中央预算内投资21亿元以上", "省下达我市年度争取到中央预算内投资任务21亿元。1-6月,实际争取到中央预算内投资6.08亿元。",
     "behind"),
    ("新建高标准农田21万亩", "省下达我市年度新建高标准农田任务21万亩。截至6月底,实际新建高标准农田10.52万亩。", "on_pace"),
])
def test_what_was_done_against_a_task_handed_down_measures_it(task, progress, status):
    # even for a task to obtain (争取), the task handed down is the target, what was obtained the result
    f = judge(task, progress)
    assert f["status"] == status and not f["needs_review"]


def test_a_quota_granted_is_still_the_result_of_a_task_to_obtain_it():
    f = judge("争取新增建设用地指标3000亩", "1-9月,省自然资源厅已下达我市新增建设用地指标3200亩。", Q3)
    assert f["status"] == "completed"


# ---------------------------------------------------------------------------------------------
# the parts that add up: kinds at or above a target's level floor, an enumeration's items that
# run over clauses, a list less the item the text leaves out of the count

@pytest.mark.parametrize("task,progress,period,status", [
    ("全年新增省级以上绿色工厂10家。", "经省经信厅、工信部认定，全年全市新增省级绿色工厂8家、国家级绿色工厂2家。", FY, "completed"),
    ("培育市级以上龙头企业30家。", "1-9月,新认定省级农业产业化龙头企业8家、市级龙头企业19家,新培育家庭农场210家、农民专业合作社56家。",
     Q3, "ahead"),
    ("新增省级及以上专精特新企业50家", "上半年,新认定国家级专精特新“小巨人”企业3家、省级专精特新企业24家。", H1, "on_pace"),
])
def test_kinds_at_or_above_the_targets_level_add_up(task, progress, period, status):
    f = judge(task, progress, period)
    assert f["status"] == status and f["method"] == "computed_ratio"


def test_a_kind_below_the_targets_level_is_not_counted():
    # 市级 is below the 省级 floor: only the 国家级 and 省级 ones count (3 + 12 of 30, not 35 of 30)
    f = judge("新增省级以上绿色工厂30家。", "上半年,新增国家级绿色工厂3家、省级绿色工厂12家、市级绿色工厂20家。")
    assert f["status"] == "on_pace" and f["completion_pct"] == pytest.approx(0.5)


@pytest.mark.parametrize("progress,status", [
    ("市教育局：①国培、省培项目已培训3210人次；②市级骨干教师研修班完成2组，培训860人次；③校本研修覆盖教师1.1万余人次。"
     "此外，组织乡村教师赴合肥、南京跟岗研修120人。", "completed"),
    ("(1)国培省培项目培训4100人次；(2)市级骨干教师研修班开班3期，参训1200人次；(3)校本研修覆盖教师6000人次。", "on_pace"),
    ("一是国培、省培项目培训2100人次；二是举办市级骨干教师研修班2期，培训900人次。", "behind"),
])
def test_an_enumerations_items_add_up_over_their_clauses(progress, status):
    f = judge("全年完成中小学教师培训1.5万人次。", progress, Q3)
    assert f["status"] == status and f["method"] == "computed_ratio"


def test_an_item_of_works_still_going_on_adds_nothing():
    f = judge("建设数字农业示范基地10个。", "①已认定：金寨县茶叶数字工厂等5个；②在建：2个，已完成物联网设备采购；③拟建：3个，正在选址。",
              "2024M5")
    assert f["status"] == "on_pace" and f["completion_pct"] == pytest.approx(0.5)


@pytest.mark.parametrize("progress,status,pct", [
    ("1-9月:人工造林1.21万亩;封山育林0.86万亩;退化林修复0.93万亩;森林抚育2.4万亩(不计入造林绿化任务);完成投资4120万元。",
     "ahead", 3.0 / 3.5),
    ("截至9月底，完成人工造林1.5万亩、退化林修复0.6万亩，另完成森林抚育3万亩，未纳入造林绿化任务统计。", "behind", 2.1 / 3.5),
])
def test_a_list_less_the_item_left_out_of_the_count_measures_it(progress, status, pct):
    f = judge("完成造林绿化3.5万亩。", progress, Q3)
    assert f["status"] == status and f["completion_pct"] == pytest.approx(pct, abs=0.001)


def test_a_figure_left_out_of_another_count_still_counts():
    # left out of 考核, not of the target's count: the figure is the task's own
    f = judge("新增城镇就业4万人。", "1-9月,全市新增城镇就业3.2万人(公益性岗位安置不纳入考核)。", Q3)
    assert f["status"] == "on_pace" and f["completion_pct"] == pytest.approx(0.8)


# ---------------------------------------------------------------------------------------------
# two readings of the same figures: a sum of items that are kinds of the target only by a shared
# word, beside the one item that names the target's own thing

@pytest.mark.parametrize("task,progress,period", [
    ("开展重点领域价格监测，全年发布价格监测报告48期。", "截至9月末，编发价格监测分析报告37期、农产品价格周报39期、节日市场价格专报5期。",
     Q3),
    ("开展重点领域价格监测，全年发布价格监测报告48期。", "1-9月，市价格监测中心共编发农产品价格周报39期、价格监测分析报告37期、"
     "节日市场价格专报5期。", Q3),
    ("全年发布价格监测报告40期。", "上半年，编发价格监测分析报告21期、农产品价格周报26期、节日市场价格专报3期。", H1),
])
def test_a_sum_of_kinds_by_a_shared_word_beside_the_targets_own_item_goes_to_review(task, progress, period):
    f = judge(task, progress, period)
    assert f["needs_review"] and "各项相加与单项所得结论不一" in f["review_reason"]


@pytest.mark.parametrize("task,progress,status", [
    # kinds all alike (none is the target's own 平台): they add up, no doubt
    ("新增省级以上研发平台25个", "上半年新获批省级工程研究中心5个、省级重点实验室3个、省级企业技术中心6个。", "on_pace"),
    # the sum and the item agree (37+1 and 37 of 48 at Q3 are both on pace): nothing to ask
    ("开展重点领域价格监测，全年发布价格监测报告48期。", "截至9月末，编发价格监测分析报告37期、价格监测专报1期。", "on_pace"),
])
def test_no_doubt_when_the_kinds_are_alike_or_the_readings_agree(task, progress, status):
    f = judge(task, progress, Q3 if "9月" in progress else H1)
    assert f["status"] == status and "各项相加与单项所得结论不一" not in (f["review_reason"] or "")


# ---------------------------------------------------------------------------------------------
# a figure of an earlier year named as a whole (2023年全县…), not a date in it, is no result of this year

@pytest.mark.parametrize("progress", [
    "2023年全县新增家庭农场326家,超额完成年度任务;今年以来加强家庭农场示范创建,组织培训3期。",
    "加强示范创建。2023年,全市共新增家庭农场326家。",
    "2022年、2023年分别新增家庭农场310家、326家。今年以来组织培训3期。",
])
def test_an_earlier_years_figure_measures_nothing_of_this_year(progress):
    f = judge("全年新增家庭农场300家。", progress)
    assert f["status"] != "completed" and f["method"] != "computed_ratio"


@pytest.mark.parametrize("progress,status", [
    ("2023年全县新增家庭农场326家。今年以来新增家庭农场120家。", "behind"),
    ("截至6月底，全县新增家庭农场160家，较2023年同期多30家。", "on_pace"),
    ("2024年上半年全县新增家庭农场160家。", "on_pace"),
    ("依托2023年出台的扶持政策，上半年全县新增家庭农场160家。", "on_pace"),
])
def test_this_years_figure_beside_an_earlier_year_still_counts(progress, status):
    f = judge("全年新增家庭农场300家。", progress)
    assert f["status"] == status and f["method"] == "computed_ratio"



# ---------------------------------------------------------------------------------------------
# a step's size is no result; a target counting quotas is measured by the quotas obtained

@pytest.mark.parametrize("progress,pct", [
    ("一季度县自然资源局完成补充耕地项目立项14个、规模2600亩,已验收入库指标620亩。", 0.31),
    ("1-3月,县自然资源局新立项补充耕地项目9个、建设规模1800亩,验收入库占补平衡指标540亩。", 0.27),
])
def test_a_target_of_quotas_is_measured_by_the_quotas_not_by_a_steps_size(progress, pct):
    f = judge("全年新增耕地占补平衡指标2000亩。", progress, "2024Q1")
    assert f["status"] == "on_pace" and f["completion_pct"] == pytest.approx(pct)


# ---------------------------------------------------------------------------------------------
# a time limit (N个工作日内办结) is a ceiling whatever verb follows it: met is on pace, never ahead

@pytest.mark.parametrize("task,progress,status", [
    ("企业开办全流程1个工作日内办结。", "目前企业开办平均用时0.6个工作日，全程网办率92%。", "on_pace"),
    ("企业开办全流程1个工作日内办结。", "上半年企业开办平均用时1.5个工作日。", "behind"),
    ("一般不动产登记5个工作日以内办结。", "上半年一般不动产登记平均办理时间3.5个工作日。", "on_pace"),
])
def test_a_time_limit_is_met_by_staying_under_it(task, progress, status):
    f = judge(task, progress)
    assert f["status"] == status and f["method"] == "rate_target"


# ---------------------------------------------------------------------------------------------
# a ratio taken only because it is the one there is, beside the target's own figure

@pytest.mark.parametrize("task,progress", [
    ("争取地方政府专项债券额度65亿元。", "今年以来共争取新增专项债券额度71.2亿元，已发行到位68.5亿元。债券资金支出进度为82.3%。"),
    ("争取中央预算内投资20亿元。", "1-9月，累计争取中央预算内投资21.6亿元。已下达资金支出进度为63%。"),
])
def test_a_ratio_naming_nothing_of_the_target_beside_its_own_figure_goes_to_review(task, progress):
    f = judge(task, progress, Q3)
    assert f["needs_review"] and "有几个数字同样可能衡量此目标" in f["review_reason"]


def test_a_ratio_of_the_targets_own_words_beside_its_figure_is_read_once():
    f = judge("新增城镇就业4万人。", "1-9月,全市新增城镇就业3.1万人,完成年度任务的77.5%。", Q3)
    assert f["status"] == "on_pace" and not f["needs_review"]


def test_a_rate_of_another_thing_beside_the_targets_figure_measures_nothing():
    f = judge("争取中央预算内投资20亿元。", "1-9月，累计争取中央预算内投资21.6亿元，资金支付率为63%。", Q3)
    assert f["status"] == "completed" and not f["needs_review"]


# ---------------------------------------------------------------------------------------------
# an indicator named in other words: a short name (社零额, 固投) or its rate said otherwise

@pytest.mark.parametrize("task,progress,period,status", [
    ("社会消费品零售总额增长7%。", "市商务局：一季度全市社零额完成182.4亿元，同比增长6.4%，较全省低0.3个百分点。", "2024Q1", "behind"),
    ("固定资产投资增长8%。", "1-6月，全市固投同比增长9.1%，其中工业投资增长12.3%。", H1, "on_pace"),
    ("学前教育普惠率达到90%。", "经年底统计，全市普惠性幼儿园在园幼儿占比为88.7%，较上年提高2.4个百分点。", FY, "behind"),
    ("学前教育普惠率达到85%。", "截至6月底，全市普惠性幼儿园在园幼儿占比达87.2%。", H1, "on_pace"),
])
def test_an_indicator_named_in_other_words_measures_the_target(task, progress, period, status):
    f = judge(task, progress, period)
    assert f["status"] == status and f["method"] == "rate_target"


def test_a_rate_of_another_thing_is_still_another_rate():
    # 无害化处理率 is no 回收利用率, however alike the sentence
    f = judge("生活垃圾回收利用率达到35%。", "上半年全市生活垃圾无害化处理率达100%。")
    assert f["status"] != "on_pace" or f["needs_review"]


# ---------------------------------------------------------------------------------------------
# a total said after its parts (今年累计开通8条), places heading their figures before a colon, and the
# year's task said done with its count

@pytest.mark.parametrize("progress,pct", [
    ("7月、8月、9月分别新开通公交线路2条、1条、1条,加上上半年开通的4条,今年累计开通8条。", 0.8),
    ("三季度新开通公交线路3条,上半年开通4条,今年以来共开通7条。", 0.7),
])
def test_a_total_of_this_year_after_its_parts_measures_the_target(progress, pct):
    f = judge("全年新增城市公交线路10条。", progress, Q3)
    assert f["completion_pct"] == pytest.approx(pct)


@pytest.mark.parametrize("progress,pct", [
    ("金安区:完成治理9条;裕安区:完成治理7条;叶集区:已全部完成年度6条治理任务;舒城县:完成5条;霍邱县:完成4条。", 31 / 60),
    ("霍邱县：完成治理12条；金寨县：完成治理8条；霍山县：完成治理10条。", 30 / 60),
])
def test_places_heading_their_figures_before_a_colon_add_up(progress, pct):
    f = judge("全市完成农村黑臭水体治理60条。", progress)
    assert f["status"] == "on_pace" and f["completion_pct"] == pytest.approx(pct)


# ---------------------------------------------------------------------------------------------
# the target's thing counted in another counter (座 for 户, 人 for 人次) is no silent 定性推进, and a total
# holding an earlier year's batch is read both ways

@pytest.mark.parametrize("task,progress", [
    ("完成农村户厕改造1.6万户。", "1-9月,全县完成农村户厕改造1.32万座。"),
    ("全年开展职业技能培训2万人次。", "1-9月,全市开展职业技能培训1.6万人。"),
    ("新增城镇就业2万人。", "1-9月,全市新增城镇就业1.6万人次。"),
])
def test_the_targets_thing_in_another_counter_goes_to_review(task, progress):
    f = judge(task, progress, Q3)
    assert f["needs_review"] and "计量单位与目标不同" in f["review_reason"]


def test_another_thing_in_another_counter_is_no_doubt():
    f = judge("全年新增个人养老金账户开户5万户。", "上半年,各商业银行累计开立个人养老金账户;同时,城乡居民养老保险新增参保2.1万人。")
    assert "计量单位与目标不同" not in (f["review_reason"] or "")


@pytest.mark.parametrize("progress,flagged", [
    ("上半年，全市已完成改造老旧小区42个，另有续建项目28个（2023年结转）已全部完工，合计完成70个。", True),
    # the new part alone and the total reach one status (62 and 70 of 120 at H1): nothing to ask
    ("上半年，全市已完成改造老旧小区62个，另有续建项目8个（2023年结转）已全部完工，合计完成70个。", False),
])
def test_a_total_holding_an_earlier_years_batch_is_read_both_ways(progress, flagged):
    f = judge("改造老旧小区120个。", progress)
    assert ("合计中含往年结转部分" in (f["review_reason"] or "")) == flagged


# ---------------------------------------------------------------------------------------------
# N of M items of a list the text sets, for a task with no number of its own; building to a standard

@pytest.mark.parametrize("progress,status,pct", [
    ("梳理改革任务清单，明确改革事项12项，目前已完成5项，其余正在推进。", "behind", 5 / 12),
    ("12项改革事项中已完成7项。", "on_pace", 7 / 12),
    ("制定年度工作要点，细化重点改革任务20项。截至6月底，已完成13项。", "ahead", 13 / 20),
])
def test_n_of_m_items_of_the_texts_own_list_measure_a_task_with_no_number(progress, status, pct):
    f = judge("深化要素市场化配置改革，提升要素保障水平。", progress)
    assert f["status"] == status and f["completion_pct"] == pytest.approx(pct)


@pytest.mark.parametrize("progress", [
    "围绕年度目标，明确改革事项12项。召开会议3次。",
    "明确改革事项12项，正在推进5项。",
])
def test_a_list_with_nothing_said_done_measures_nothing(progress):
    assert judge("深化要素市场化配置改革，提升要素保障水平。", progress)["method"] != "computed_ratio"


def test_a_list_does_not_replace_the_targets_own_number():
    f = judge("新增城镇就业4万人。", "1-6月，新增城镇就业2.1万人。明确帮扶措施12项，已落实8项。")
    assert f["completion_pct"] == pytest.approx(0.525)


def test_building_to_a_standard_is_measured_by_the_places_brought_to_it():
    f = judge("完成全县12个乡镇便民服务中心标准化建设。",
              "城关镇、响洪甸镇等5个乡镇已完成标准化改造并投入使用，其余乡镇正在施工。")
    assert f["status"] == "behind" and f["completion_pct"] == pytest.approx(5 / 12)


# ---------------------------------------------------------------------------------------------
# the province's rate of a noun named between 全省 and its rate, beside the own rate

@pytest.mark.parametrize("task,progress,period,status", [
    ("脱贫人口人均纯收入增速高于全省农村居民平均水平。", "全年脱贫人口人均纯收入16312元，增长12.1%；全省农村居民人均可支配收入增速为7.8%。",
     "2024FY", "completed"),
    ("城镇居民人均可支配收入增速高于全省平均水平。", "上半年全市城镇居民人均可支配收入增长4.6%，同期全省城镇居民人均可支配收入增长5.2%。",
     H1, "behind"),
])
def test_the_provinces_rate_of_a_named_noun_is_the_comparisons_base(task, progress, period, status):
    f = judge(task, progress, period)
    assert f["status"] == status and f["method"] == "rate_target"


# ---------------------------------------------------------------------------------------------
# a rate of the 规上 units only, for a target that is not industry's, is read for review

@pytest.mark.parametrize("task,progress", [
    ("年度节能降耗:单位GDP能耗下降3.2%。", "1-9月全市规上工业单位增加值能耗下降4.1%。"),
    ("研发经费投入增长15%以上。", "上半年全市规上工业企业研发费用同比增长21.3%。"),
])
def test_a_rate_of_the_larger_units_only_is_read_for_review(task, progress):
    f = judge(task, progress, Q3)
    assert f["method"] == "rate_target" and f["needs_review"] and "范围窄于目标" in f["review_reason"]


def test_an_industry_target_is_counted_by_its_larger_units():
    f = judge("规上工业增加值增长8%。", "1-9月，全市规上工业增加值同比增长8.6%。", Q3)
    assert f["status"] == "on_pace" and not f["needs_review"]


# ---------------------------------------------------------------------------------------------
# the only figure of the unit that shares only a place's kind (农村, 城市) with the target counts another thing

@pytest.mark.parametrize("task,progress", [
    ("完成农村危房改造480户", "1-9月,完成危房鉴定754户,新增农村自来水入户349户。农村危房改造相关工作正在按计划推进。"),
    ("完成城市老旧小区改造60个", "上半年新建城市口袋公园12个，老旧小区改造相关工作有序推进。"),
])
def test_a_figure_sharing_only_a_place_kind_measures_nothing(task, progress):
    f = judge(task, progress, Q3)
    assert f["method"] != "computed_ratio"


def test_the_only_figure_naming_the_targets_thing_still_measures_it():
    f = judge("完成农村危房改造480户", "1-9月,完成危房改造372户,其余正在施工。", Q3)
    assert f["completion_pct"] == pytest.approx(372 / 480)


# ---------------------------------------------------------------------------------------------
# kinds counted in persons: one person may be in several (two screenings of the same women)

@pytest.mark.parametrize("task,progress,period", [
    ("全年完成适龄妇女“两癌”免费筛查4.2万人。", "“两癌”筛查：宫颈癌筛查41280人，乳腺癌筛查40560人。", M11),
    ("开展免费两癌筛查，全年筛查农村适龄妇女4万人。", "上半年已完成宫颈癌筛查1.86万人、乳腺癌筛查1.95万人。", H1),
])
def test_kinds_counted_in_persons_are_read_as_a_sum_and_each_alone(task, progress, period):
    f = judge(task, progress, period)
    assert f["needs_review"] and "各项相加与单项所得结论不一" in f["review_reason"]


def test_kinds_counted_in_person_times_add_up():
    f = judge("全年完成中小学教师培训1.5万人次。", "1-9月，完成国培省培项目培训4100人次、市级骨干教师研修培训2600人次。", Q3)
    assert "各项相加与单项所得结论不一" not in (f["review_reason"] or "")


# ---------------------------------------------------------------------------------------------
# a target of the town or city proper (县城, 城区) is not met by the whole area's figure

@pytest.mark.parametrize("task,progress", [
    ("新增县城停车泊位2000个。", "全县新增停车泊位3100个,其中县城1150个。"),
    ("城区新建公办幼儿园5所。", "今年以来全市新建公办幼儿园9所，其中城区3所，其余在建。"),
    ("新增市区公共充电桩300个。", "截至9月底，全市累计新增公共充电桩460个，覆盖所有乡镇。"),
])
def test_the_whole_areas_figure_never_completes_a_target_of_its_town(task, progress):
    f = judge(task, progress, Q3)
    assert not (f["status"] == "completed" and not f["needs_review"])


def test_the_towns_own_figure_and_the_districts_sum_still_measure_it():
    assert judge("新增县城停车泊位2000个。", "县城新增停车泊位1150个。", Q3)["completion_pct"] == pytest.approx(0.575)
    f = judge("中心城区实施雨污分流改造管网80公里。",
              "上半年,金安区完成雨污分流改造26公里、裕安区完成19公里,市经开区完成11公里。", H1)
    assert f["completion_pct"] == pytest.approx(56 / 80)
