"""Doubts that cannot change the status (helpers.judge.moot): each narrowing of a flag beside a
variant of the same words where the evidence could change the status, and the flag still fires.

Sentences follow the reports' manner (the seed, the corpus excerpts, the blind sets' voices),
reworded and renumbered so that each case exercises the meaning, not a phrase.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text
from helpers.statuses import REVIEW_REASONS

H1, Q3, FY = "2024H1", "2024Q3", "2024FY"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


def reasons(f: dict) -> str:
    return f["review_reason"] or ""


@pytest.mark.parametrize("task,progress", [
    ("加强安全生产监管，坚决遏制重特大事故发生。",
     "一季度开展安全生产大检查，检查企业3120家，排查隐患5680处，整改率92%，全市未发生较大以上生产安全事故。"),
    ("积极应对人口老龄化,加快健全养老服务体系。",
     "全市养老机构医疗机构签约率100%,84%的二级及以上综合医院规范化设置老年医学科,106所养老机构内设医务室。"),
    ("做大做强“皖西白鹅”特色品牌。", "举办产业发展推进会1次，组织企业参加农交会，线上销售额同比增长35%。"),
    ("深化医药卫生体制改革，推进紧密型县域医共体建设。", "推行医保基金打包付费，县域就诊率达到89.6%，较上年提高1.2个百分点。"),
])
def test_a_rate_or_level_of_something_beside_standing_work_measures_nothing(task, progress):
    f = judge(task, progress)
    assert f["status"] == "qualitative"
    assert REVIEW_REASONS["percent_unread"] not in reasons(f), f


@pytest.mark.parametrize("task,progress", [
    # a share of a plan could measure standing work too
    ("推进“数字六安”建设。", "数字政府项目完成年度计划投资的45%，建成城市运行管理服务平台。"),
    # the same level beside a task with a figure, or a completion aim, could measure it
    ("全年排查整改安全隐患5000处。", "开展安全生产大检查，整改率92%。"),
    ("全面完成安全隐患排查整改。", "开展安全生产大检查，排查隐患5680处，整改率92%。"),
])
def test_a_percentage_that_could_measure_the_task_is_still_flagged(task, progress):
    f = judge(task, progress)
    assert f["needs_review"] or f["status"] != "qualitative", f


@pytest.mark.parametrize("task,progress,period", [
    ("全年完成固定资产投资1800亿元。", "全年全市固定资产投资总量跨上1800亿元台阶,达到1812.6亿元,同比增长6.3%。", FY),
    ("全年完成工业投资600亿元。", "工业投资规模首次突破600亿元,全年完成612亿元,同比增长9.1%。", FY),
])
def test_a_figure_said_again_in_other_words_is_no_second_measure(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] == "completed" and not f["needs_review"], f


@pytest.mark.parametrize("task,progress,period", [
    # a figure of another size beside the one read: which one counts the target was not read
    ("全年新建改扩建公办幼儿园12所。", "全年新建改扩建公办幼儿园13所,完成年度计划的108.3%,新增公办学位3900个。", FY),
    # (a figure of another thing — 失业人员再就业 beside 城镇新增就业 read for it — is no second measure:
    # tests/judge/test_confidence.py, figure_names.named_apart)
])
def test_a_second_figure_of_another_size_still_flags_a_completion(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] != "completed" or f["needs_review"], f


@pytest.mark.parametrize("task,progress,period", [
    ("城镇居民人均可支配收入增长6.5%。", "一季度住户调查数据尚未公布，预计4月下旬由省统计局反馈。", "2024Q1"),
    ("社会消费品零售总额增长6%。", "因统计口径调整,1-5月数据尚需省统计局反馈。", "2024M5"),
    ("全市出生缺陷发生率控制在12‰以内。", "1-4月监测数据需等到省妇幼健康监测平台审核后发布。", "2024M4"),
    ("获批国家外贸转型升级基地1个。", "申报材料已上报商务部,尚需商务部认定。", "2024Q1"),
    ("新增省级非遗代表性项目10项。", "已向省文旅厅推荐申报14项,评审结果尚未公布。", "2024M4"),
    # leading indicators' rates beside the awaited statistic measure none of it
    ("全年地区生产总值增长6.5%左右。",
     "一季度GDP数据由省统计局统一核算,预计4月下旬反馈。1-2月规上工业增加值增长8.4%,固定资产投资增长7.9%。", "2024Q1"),
    # the granting act itself awaited for a count of titles or approvals
    ("建成省级森林城镇1个。", "晓天镇创建材料已通过省林业局技术评估和现场核查,正在省级公示,公示期满后由省政府命名。"
     "公示结束后,我局将配合做好命名工作。", "2024M8"),
    ("推动省级园区扩区调区,全年完成2个。", "叶集经开区扩区方案已报省政府,尚需国务院审批;金寨经开区调区事项正在会签。", Q3),
])
def test_a_plain_wait_for_exactly_what_would_measure_the_target_is_a_confident_pending(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] == "pending" and not f["needs_review"], f


@pytest.mark.parametrize("task,progress,period", [
    # the year is over: the figure should be there
    ("城镇居民人均可支配收入增长6.5%。", "全年住户调查数据尚未公布，预计次年2月由省统计局反馈。", FY),
    # a figure beside the wait
    ("社会消费品零售总额增长6%。", "1-5月数据尚需省统计局反馈,重点企业零售额增长5.1%。", "2024M5"),
    # a wait on money or a step, not on a grant of what the task counts
    ("全县新建高标准农田3.6万亩。", "汪家冲片0.8万亩已完工;双河片1.2万亩完成土方七成。其余资金待工程量审核后按进度拨付。", "2024M9"),
])
def test_a_wait_that_does_not_explain_the_missing_figure_still_flags(task, progress, period):
    f = judge(task, progress, period)
    assert f["needs_review"], f


def test_a_wait_on_a_step_of_works_to_build_is_no_confident_pending():
    # a count of works built does not wait on anyone's grant: the wait is for a step (选址方案)
    f = judge("新建城市书房30个。", "书房选址方案已上报，尚需市规委会审定。", H1)
    assert f["status"] != "pending" or f["needs_review"], f


@pytest.mark.parametrize("task,progress,period,status", [
    ("全社会用电量增长6%。", "全年全社会用电量同比增长5.2%，其中工业用电量增长7.1%，城乡居民生活用电增长3.9%。", FY, "behind"),
    ("限额以上单位商品零售额增长8%。",
     "1-9月，全市限额以上单位商品零售额增长9.1%，其中汽车类零售额增长14.3%，石油及制品类下降2.6%。", Q3, "on_pace"),
    ("新开工亿元以上项目80个。", "上半年新开工亿元以上项目46个，其中工业项目30个，服务业项目16个。", H1, "on_pace"),
    # the breakdown opens the sentence after the total's (a semicolon between them)
    ("全年实现社会消费品零售总额增长7%。",
     "1-6月,全市实现社会消费品零售总额486.3亿元,同比增长6.2%,居全省第7位;其中限额以上单位消费品零售额增长8.9%。", H1,
     "behind"),
    ("全年规上工业增加值增长9%。", "1-9月规上工业增加值同比增长7.4%。其中,战略性新兴产业增加值增长15.2%,高技术制造业增长12.6%。",
     Q3, "behind"),
])
def test_a_part_of_the_figure_read_is_no_second_reading(task, progress, period, status):
    f = judge(task, progress, period)
    assert f["status"] == status and not f["needs_review"], f


def test_a_rate_of_another_indicator_is_no_second_reading():
    f = judge("全年实现规上工业总产值增长15%。",
              "1-9月，开发区规上工业企业实现总产值412.7亿元，同比增长16.3%；实现工业增加值增长12.8%。", Q3)
    assert f["status"] == "on_pace" and not f["needs_review"], f


@pytest.mark.parametrize("task,progress,period", [
    # the same indicator measured again in another sentence, the other way
    ("全社会用电量增长6%。", "全年全社会用电量同比增长5.2%。按可比口径计算，全社会用电量增长6.4%。", FY),
    # the same head (收入) of the target's own indicator, not a part of the figure read
    ("一般公共预算收入增长6%。", "1-9月一般公共预算收入增长4.1%；扣除留抵退税因素后，一般公共预算收入增长7.3%。", Q3),
    # a sentence not opened by 其中 is no breakdown of the one before
    ("全年实现社会消费品零售总额增长7%。", "1-6月,全市社会消费品零售总额同比增长6.2%;按可比口径,社会消费品零售总额增长7.6%。", H1),
])
def test_a_second_rate_of_the_targets_own_indicator_still_flags(task, progress, period):
    f = judge(task, progress, period)
    assert f["needs_review"], f


def test_a_breakdown_the_target_names_is_read_for_the_target_or_flagged():
    f = judge("工业用电量增长6%。", "全年全社会用电量同比增长5.2%，其中工业用电量增长7.1%。", FY)
    assert f["status"] == "completed" or f["needs_review"], f


@pytest.mark.parametrize("task,progress,period,status", [
    ("新增城市公共停车泊位5000个。", "上半年新增停车泊位2860个,另有1200个已建成待竣工验收。", H1, "on_pace"),
    ("取消涉企经营服务性收费12项。", "上半年已取消涉企服务性收费6项,另有2项已提请市政府审定。", H1, "on_pace"),
    ("全年发放各类惠农补贴资金12亿元。",
     "1-9月已发放各类惠农补贴资金9.8亿元,占年度计划的81.7%;其余资金待省级资金下达后及时拨付。", Q3, "on_pace"),
])
def test_the_rest_awaiting_its_act_beside_the_count_measured_is_no_part_of_its_own(task, progress, period, status):
    f = judge(task, progress, period)
    assert f["status"] == status and not f["needs_review"], f


def test_a_part_of_its_own_awaiting_its_act_beside_a_part_measured_still_flags():
    f = judge("新增4A级景区3个，创建5A级景区1个。",
              "新增4A级景区2个；天堂寨5A级景区创建已通过国家文旅部景观质量评审，正在等待公示。")
    assert f["needs_review"], f


def test_a_halt_of_one_part_beside_another_part_behind_leaves_the_task_behind():
    f = judge("开通城市轨道交通示范线,新增优化公交线路10条。",
              "城市轨道交通示范线项目按国家有关要求暂停审批;上半年新增优化公交线路3条,更新新能源公交车45辆。")
    assert f["status"] == "behind" and REVIEW_REASONS["parts_disagree"] not in reasons(f), f


def test_a_halt_of_the_very_works_that_fall_short_is_still_the_researchers_call():
    f = judge("建设停车泊位2000个。", "停车泊位项目因规划调整,其中城区两处地块暂停建设,已建成泊位600个。")
    assert f["status"] in ("behind", "blocked") and f["needs_review"], f


@pytest.mark.parametrize("task,progress,period,status", [
    ("全年完成城市危旧房改造1000户。", "上半年签约征收危旧房屋512户，完成总任务的51.2%。", H1, "on_pace"),
    ("新开工亿元以上项目200个、竣工100个。",
     "截至6月底,已开工项目150个,占全年目标任务的75%;已竣工项目55个,占全年目标任务的55%。", H1, "on_pace"),
    ("完成全市中小学校舍抗震加固工程40栋。", "一是城区学校完成18栋；二是县区学校完成22栋；上述工程均已通过验收。", Q3, "completed"),
    # a target joining two things is measured by both figures together (helpers.judge.sums.kind_sum)
    ("完成春季造林和农田林网补植5万亩。", "一季度全市完成春季植树造林4.1万亩，农田林网补植1.5万亩。", "2024Q1", "completed"),
])
def test_a_ratios_numerator_and_a_sums_terms_are_read_with_them(task, progress, period, status):
    f = judge(task, progress, period)
    assert f["status"] == status and not f["needs_review"], f


@pytest.mark.parametrize("task,progress,period", [
    # a ratio with a subject of its own is not the share of the figure before it
    ("全年完成城市危旧房改造1000户。", "上半年签约征收危旧房屋612户，棚户区改造完成总任务的51.2%。", H1),
])
def test_a_figure_beside_a_quote_it_is_no_part_of_still_flags(task, progress, period):
    f = judge(task, progress, period)
    assert f["needs_review"], f


@pytest.mark.parametrize("task,progress,period", [
    ("完成建筑工地扬尘治理‘六个百分百’达标率95%以上。", "前三季度共检查在建工地418个次，扬尘治理达标率96.4%。", Q3),
    ("城市污水集中收集率达到70%。", "上半年全市城市生活污水集中收集率为71.2%。", H1),
    ("居民消费价格涨幅控制在3%左右。", "一季度CPI同比上涨0.4%。", "2024Q1"),
    ("全县新增城镇就业5000人。",
     "今年以来，全县新增城镇就业人员：城关镇1020人、杭埠镇986人、千人桥镇430人、其余乡镇合计712人。", H1),
    # an act completed with no noun of its own counts the thing named before it
    ("整治农村危旧房屋安全隐患900处。", "一季度排查发现隐患1120处,已完成整改260处。", "2024Q1"),
    ("治理城区黑臭水体10条。", "上半年已完成5条整治,其余正在施工。", H1),
    # a count before its noun names it after the count
    ("建成村级综合文化服务中心标准化提升工程15个。", "15个村级综合文化服务中心提升工程全部完工并投入使用。", H1),
    ("年内新增省级专精特新中小企业20家。", "1-6月，已有11家企业通过省经信厅公示。", H1),
    # an enumeration closed by 等 names its examples' noun before 等
    ("建设数字农业示范基地12个。", "①已认定：霍山县石斛数字工厂等7个。", H1),
])
def test_a_figure_of_the_targets_own_indicator_in_other_words_is_no_other_indicator(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] not in ("qualitative", "pending"), f
    assert REVIEW_REASONS["noun_mismatch"] not in reasons(f), f


@pytest.mark.parametrize("task,progress,period", [
    ("生活垃圾回收利用率达到35%。", "上半年生活垃圾无害化处理率达100%。", H1),
    ("全社会研发经费增长15%以上。", "1-9月，全市企业享受研发费用加计扣除金额同比增长18%。", Q3),
    # a count before another noun (学员, not 中心) is still another thing
    ("建成村级综合文化服务中心标准化提升工程15个。", "举办乡村文化骨干培训班,12个班次学员全部结业。", H1),
])
def test_a_figure_of_another_indicator_still_flags(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] in ("qualitative", "pending") or f["needs_review"], f


@pytest.mark.parametrize("task,progress,period", [
    ("全年完成茶园绿色防控面积20万亩。",
     "本季度病虫害绿色防控技术培训班举办12期，培训茶农1600人次；发放粘虫板、杀虫灯等物资。", "2024Q1"),
    ("全年城镇新增就业2万人。", "上半年,全市举办各类招聘会36场,提供就业岗位1.2万个,发放稳岗返还资金3260万元。", H1),
])
def test_a_target_figure_nothing_in_the_text_could_measure_is_plain_qualitative(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] == "qualitative" and not f["needs_review"], f


@pytest.mark.parametrize("task,progress", [
    ("全年完成茶园绿色防控面积20万亩。", "全年病虫害绿色防控技术培训班举办40期，培训茶农5600人次；发放粘虫板、杀虫灯等物资。"),
    ("全年城镇新增就业2万人。", "全年全市举办各类招聘会76场,提供就业岗位3.1万个,发放稳岗返还资金6260万元。"),
    ("全年完成投资12亿元。", "项目专班每周调度，协调解决用地、资金等问题，加快推进项目建设。"),
])
def test_at_the_years_end_a_target_figure_nobody_reported_still_flags(task, progress):
    f = judge(task, progress, "2024FY")
    assert f["status"] != "qualitative" or f["needs_review"], f


@pytest.mark.parametrize("task,progress,period", [
    ("全年完成茶园绿色防控面积20万亩。", "本季度举办培训班12期，绿色防控示范区面积达到3.2万亩。", "2024Q1"),
    ("全年城镇新增就业2万人。", "上半年举办招聘会36场，城镇调查失业率5.1%。", H1),
    ("全年城镇新增就业2万人。", "上半年举办招聘会36场，就业工作完成过半。", H1),
])
def test_a_figure_or_share_that_could_measure_the_target_still_flags(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] != "qualitative" or f["needs_review"], f


@pytest.mark.parametrize("task,progress,period", [
    ("地区生产总值增长6.5%左右。",
     "一季度主要经济指标运行平稳，规上工业增加值增长8.1%。地区生产总值季度核算数据预计4月下旬由省统计局统一反馈。", "2024Q1"),
    ("全市高新技术产业增加值增长12%。",
     "前三季度高新技术产业增加值数据由省统计局统一核算，核定数将于10月下旬公布；从开票数据看，高新技术企业营业收入增长约14%。", Q3),
])
def test_a_percentage_of_another_indicator_beside_a_wait_measures_nothing(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] == "pending" and REVIEW_REASONS["percent_unread"] not in reasons(f), f


def test_a_percentage_of_the_targets_own_indicator_beside_a_wait_still_flags():
    f = judge("地区生产总值增长6.5%左右。",
              "一季度地区生产总值初步测算增长6.1%，季度核算数据预计4月下旬由省统计局统一反馈。", "2024Q1")
    assert f["needs_review"], f


@pytest.mark.parametrize("task,progress,period", [
    ("全市完成老旧小区改造126个。",
     "上半年,金安区32个小区改造已全部完工,裕安区18个完工,其余小区正在实施管网改造和立面整治。", H1),
    ("全县新建村级综合服务中心20个。", "城关镇建成4个,新店镇建成3个,石店镇建成2个,其余乡镇项目正在主体施工。", H1),
    ("全市建成公交首末站50个。", "市区建成32个,各县城建成15个。", FY),
    # the whole's own words give its figures part by part
    ("新建改建农村公路120公里", "今年以来,新建改建农村公路分别为:城关镇8.5公里、新店镇6公里、石店镇12.3公里。", H1),
    ("全年招引亿元以上工业项目30个", "1-9月,新签约亿元以上工业项目分别是城关镇6个、高新区4个、南岗镇3个。", Q3),
])
def test_a_sum_of_the_counties_named_that_accounts_for_the_rest_is_the_whole(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] == "behind" and REVIEW_REASONS["part_measured"] not in reasons(f), f


def test_a_sum_of_some_counties_with_the_rest_unsaid_still_flags():
    f = judge("全市建设15个县域医疗服务次中心。", "舒城县3个、霍邱县4个已通过省级评估,金安区2个已挂牌运行。", Q3)
    assert f["status"] != "behind" or f["needs_review"], f


def test_the_rests_data_not_in_yet_says_nothing_of_its_works():
    f = judge("全市新建5G基站2000个。", "裕安区新建5G基站420个;金安区、叶集区合计新建310个。其他县区数据尚在汇总中。", H1)
    assert f["status"] == "behind" and REVIEW_REASONS["part_measured"] in reasons(f), f


@pytest.mark.parametrize("task,progress,period", [
    ("制定出台《六安市公共数据授权运营管理办法》。",
     "《办法》（征求意见稿）已完成两轮部门会签，4月下旬公开征求社会意见。办法出台后将成为全省较早出台此类制度的城市之一。",
     "2024M4"),
    ("建成市民服务中心新大厅。", "新大厅装修方案正在深化设计，大厅建成后将集中进驻42个部门。", H1),
])
def test_an_event_word_that_dates_a_time_to_come_is_no_residual_completion(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] == "qualitative" and REVIEW_REASONS["unread_signal"] not in reasons(f), f


def test_an_event_reported_after_a_step_still_counts():
    f = judge("制定出台《六安市公共数据授权运营管理办法》。", "《办法》经市政府常务会议审议通过后，已于4月正式出台。", "2024M4")
    assert f["status"] == "completed" or f["needs_review"], f


def test_a_verdict_said_of_every_part_measures_every_part():
    f = judge("全年新增城镇就业3万人,失业人员再就业6000人。",
              "一季度,全市就业形势总体稳定,城镇新增就业和失业人员再就业两项指标均达到序时要求,开展招聘会41场。", "2024Q1")
    assert f["status"] == "on_pace" and not f["needs_review"], f


def test_a_verdict_said_of_one_parts_things_leaves_the_other_part_unmeasured():
    f = judge("全年新增城镇就业3万人,失业人员再就业6000人。",
              "一季度,城镇新增就业各县区均达到序时要求,开展招聘会41场。", "2024Q1")
    assert f["needs_review"], f


def test_a_halt_of_some_of_the_count_is_the_tasks_whatever_the_things_are_called():
    f = judge("建设县域冷链物流集配中心4个。",
              "叶集区、霍邱县2个集配中心已完成选址。受上级资金渠道调整影响，金寨县、舒城县2个项目被调出中央预算内投资计划，"
              "县级暂无替代资金，已停止推进。", "2023M4")
    assert f["status"] == "blocked" and REVIEW_REASONS["halt_of_other"] not in reasons(f), f


def test_a_halt_of_things_the_task_does_not_count_still_flags():
    f = judge("持续改善空气质量，PM2.5平均浓度控制在35微克/立方米以内。", "上半年依法叫停3个“两高”项目，督促企业落实错峰生产。")
    assert f["status"] != "blocked" or f["needs_review"], f


@pytest.mark.parametrize("progress", ["2.1 | 2.1% | 受雨雪天气影响开工推迟", "3.4 | 3.4% | 因持续降雨，部分项目开工延期"])
def test_a_delay_by_a_natural_cause_explains_the_shortfall_and_is_no_halt(progress):
    f = judge("建设标准化厂房(万平方米);目标任务:100", progress, "2023Q1")
    assert f["status"] == "behind" and REVIEW_REASONS["parts_disagree"] not in reasons(f), f


def test_a_halt_an_authority_decides_beside_the_shortfall_still_flags():
    f = judge("建设标准化厂房(万平方米);目标任务:100", "2.1 | 2.1% | 按省厅要求部分项目暂停施工", "2023Q1")
    assert f["status"] in ("behind", "blocked") and f["needs_review"], f


@pytest.mark.parametrize("task,progress", [
    # the seed's G088: the share the task keeps is the percentage the text gives
    ("优化衔接资金使用管理,确保用于产业发展的比重保持总体稳定。",
     "已纳入年度实施计划项目945个,投入各级财政衔接资金21.32亿元,其中,产业项目503个,投入衔接资金13.51亿元,占比63.34%,保持了总体稳定。"),
    ("引导本地企业强化产业链、供应链对接,有效提升近地配套率。",
     "组织产业链供需对接活动12场，促成本地配套合作项目46个，重点企业本地配套率达到41.5%。"),
])
def test_a_percentage_beside_standing_work_that_keeps_a_share_of_its_own_still_flags(task, progress):
    f = judge(task, progress, H1)
    assert f["status"] != "qualitative" or f["needs_review"], f


@pytest.mark.parametrize("task,progress,period", [
    # a halt naming the task's other target: DOMAIN's order (blocked beats a part on pace) settles it
    ("完成老旧小区改造320个,新建城市停车泊位2000个",
     "截至6月底,完成老旧小区改造176个。按照省住建厅通知要求,停车泊位项目暂缓实施。", H1),
    ("新增城镇就业2.5万人,建设就业帮扶车间40个",
     "1-9月全市新增城镇就业2.1万人;因上级政策调整,就业帮扶车间项目已取消,资金统筹用于技能培训。", Q3),
    ("改造提升农贸市场8个、新建社区食堂12个。",
     "农贸市场:已完成改造提升5个。社区食堂:经市政府研究,因选址调整,社区食堂项目暂停实施。", H1),
    # the part done was read from the words that halt it
    ("开工建设城南物流园项目", "经市政府专题会议研究同意,开工建设城南物流园项目延期至2025年实施,年内不再推进。", FY),
])
def test_a_halt_of_another_target_or_of_the_words_read_done_leaves_the_task_blocked(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] == "blocked" and REVIEW_REASONS["parts_disagree"] not in reasons(f), f


@pytest.mark.parametrize("task,progress,period", [
    # some of the works of the very target measured: beyond the target, or the target cut
    ("全年新建农村公路桥梁改造40座。", "已完成桥梁改造18座。因省交通运输厅开展资金清查，剩余22座中有15座暂停施工。", "2024M5"),
    # a halt of something the task does not name
    ("新增上云企业670家", "2024年,新增上云企业725家。暂停审批新增燃煤锅炉项目。", FY),
    # a halt of a part of the task's thing beside the count measured
    ("开展城区户外广告设施整治,拆除违规广告牌600块。",
     "上半年已拆除违规户外广告牌338块。对涉及沿街商户的门头招牌整治暂缓执行。", H1),
])
def test_a_halt_of_some_of_the_works_done_or_of_another_thing_still_flags(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] not in ("blocked",) or f["needs_review"], f


@pytest.mark.parametrize("task,progress,period,status", [
    # what was found is the base of a work to fix, not a count of it done
    ("完成燃气安全专项整治，整改隐患1.2万处。",
     "1-9月累计排查燃气用户19.6万户，发现隐患13120处，已整改12405处，整改率94.5%。", Q3, "completed"),
    ("全年整改农村问题户厕1.5万户。", "截至6月底，全市排查发现问题户厕16800户，已整改到位9300户。", H1, "ahead"),
])
def test_what_was_found_is_no_second_measure_of_a_work_to_fix(task, progress, period, status):
    f = judge(task, progress, period)
    assert f["status"] == status and not f["needs_review"], f


def test_what_was_found_still_flags_beside_a_task_to_find():
    f = judge("全年排查整治燃气安全隐患1.2万处。", "1-9月入户检查燃气用户19.6万户，发现隐患13120处，已整改9400处。", Q3)
    assert f["needs_review"] or f["status"] in ("completed", "on_pace", "ahead"), f


@pytest.mark.parametrize("task,progress,period", [
    # the task asks for the part the total is broken into, and that part was read
    ("市本级实施农村学校薄弱环节改造项目60个",
     "截至9月底,全市完成薄弱环节改造项目318个,其中市本级47个。下一步,将强化经费保障。", Q3),
    ("市本级新增规上工业企业25家", "1-6月,全市新增规上工业企业71家,其中市本级(含开发区)14家。", H1),
])
def test_the_total_a_part_read_breaks_down_is_no_second_measure(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] in ("on_pace", "ahead") and not f["needs_review"], f


def test_places_named_before_respectively_list_only_themselves():
    f = judge("全市完成农村公路危桥改造150座。", "1-11月,金寨县、舒城县、霍山县分别完成危桥改造28座、31座、19座。", "2024M11")
    assert f["status"] != "behind" or f["needs_review"], f


@pytest.mark.parametrize("task,progress,period,status", [
    # a rate of a thing the task does not name, beside a task with no share of its own
    ("争创国家海绵城市建设示范城市", "受理群众投诉建议45件,办结率达到100%。已完成申报答辩,认定结果将于7月公布。", H1, "pending"),
    ("全年粮食总产量稳定在65亿斤以上。",
     "早稻已收获,单产同比增加1.8%;中稻正处于灌浆期,全年粮食产量需待秋粮收获后由国家统计局调查队核定,预计12月公布。", Q3,
     "pending"),
])
def test_a_rate_of_something_the_task_does_not_name_measures_nothing(task, progress, period, status):
    f = judge(task, progress, period)
    assert f["status"] == status and REVIEW_REASONS["percent_unread"] not in reasons(f), f


@pytest.mark.parametrize("task,progress,period", [
    # a share of the plan or of the work, or a rate naming the task's own thing, could measure it
    ("争创国家海绵城市建设示范城市", "海绵城市建设项目完成年度计划的58%。认定结果将于7月公布。", H1),
    ("全年新建5G基站1500个。", "5G基站建设完成62%,其余站址正在协调。", Q3),
])
def test_a_share_of_the_plan_or_of_the_tasks_thing_still_flags(task, progress, period):
    f = judge(task, progress, period)
    assert f["needs_review"] or f["status"] not in ("qualitative", "pending"), f


@pytest.mark.parametrize("task,progress", [
    # a halt whose subject opens with the task's generic reference (项目用地规划许可) is the task's
    ("新建城北片区污水提升泵站。", "因片区控规调整,经市自然资源和规划局通知,项目用地规划许可撤销。"),
    ("建设市中心医院医技综合楼。", "按照省卫健委要求,项目可研批复暂缓,医技楼建设暂不推进。"),
])
def test_a_halt_said_of_the_tasks_topic_is_the_tasks(task, progress):
    f = judge(task, progress, H1)
    assert f["status"] == "blocked" and REVIEW_REASONS["halt_of_other"] not in reasons(f), f


@pytest.mark.parametrize("task,progress,period", [
    # the other population's rate beside the one read: a rate of the task's other part
    ("城乡居民人均可支配收入分别增长6%、8%。",
     "全年城镇常住居民人均可支配收入45210元,增长5.4%;农村常住居民人均可支配收入21380元,增长8.2%。", FY),
    ("城乡居民人均可支配收入分别增长6%、7.5%。", "前三季度城镇居民人均可支配收入增长5.2%，农村居民增长7.9%。", Q3),
])
def test_a_rate_of_the_other_population_is_no_second_reading_of_the_part_behind(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] == "behind" and REVIEW_REASONS["unread_signal"] not in reasons(f), f


@pytest.mark.parametrize("task,progress,period", [
    # the same indicator said another way
    ("民间投资增长5%以上。", "一季度民间投资同比下降2.3%；剔除房地产开发后，民间投资增长6.8%。", "2024Q1"),
    # the population the target names is the residual's, not the one read
    ("农村居民人均可支配收入增长8%。", "全年城镇常住居民人均可支配收入增长5.4%;农村常住居民人均可支配收入增长8.2%。", FY),
])
def test_a_second_rate_that_may_be_the_targets_own_still_flags(task, progress, period):
    f = judge(task, progress, period)
    assert f["needs_review"] or f["status"] == "completed", f


@pytest.mark.parametrize("task,progress,period,status", [
    ("年内上线“高效办成一件事”重点事项15个。", "第一批9个已于5月底在省平台上线运行，第二批6个正在进行系统联调。", H1, "ahead"),
    ("新组建教育集团10个。", "首批组建市一中等6个教育集团,其余4个尚未完成成员校遴选。", H1, "ahead"),
])
def test_a_batch_beside_the_rest_still_under_way_measures_the_task(task, progress, period, status):
    f = judge(task, progress, period)
    assert f["status"] == status and REVIEW_REASONS["part_measured"] not in reasons(f), f


@pytest.mark.parametrize("task,progress,period", [
    # the rest said done too, or its count not making up the target: the batch is not all that is done
    ("年内上线“高效办成一件事”重点事项15个。", "第一批9个已于5月底在省平台上线运行，第二批4个正在进行系统联调。", H1),
    ("新组建教育集团10个。", "首批组建市一中等6个教育集团,其余4个已挂牌成立。", H1),
])
def test_a_batch_with_the_rest_unaccounted_still_flags(task, progress, period):
    f = judge(task, progress, period)
    assert f["needs_review"] or f["status"] == "completed", f
