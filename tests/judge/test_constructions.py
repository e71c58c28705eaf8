"""The general constructions of issue #18, each a small grammar checked on varied sentences.

Each case is a sentence a reporter plausibly writes (other subjects, verbs and figures than the
blind set's), so a test fails when the grammar is a phrase list in disguise.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from helpers.judge.clauses import mask_item_labels
from helpers.judge.quantities import convert, parse_share
from helpers.judge.status import judge_text

H1, Q1, Q3, M10, FY = "2024H1", "2024Q1", "2024Q3", "2024M10", "2024FY"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


# ---------------------------------------------------------------------------------------------
# halted or cancelled: any verb of the family, said of the task or its event

@pytest.mark.parametrize("task,progress", [
    ("开工建设城西污水处理厂二期。", "受上级规划调整影响，省发改委已通知该项目暂缓开工。"),
    ("建设市民文化广场。", "经市政府常务会议研究，该工程停止建设，已完成的场地平整移交属地。"),
    ("实施老城区雨污分流改造，年内改造管网30公里。", "根据省里最新要求，老城区雨污分流改造项目已撤销。"),
    ("建设物流园区冷库3座。", "3座冷库因资金渠道调整被调出省级重点项目计划，暂无替代资金。"),
    ("举办第三届茶文化节。", "根据上级通知精神，今年茶文化节不再举办。"),
    ("建成智慧停车平台。", "平台因数据安全审查要求暂停上线。"),
])
def test_a_halt_of_the_task_or_its_event_is_blocked(task, progress):
    assert judge(task, progress)["status"] == "blocked"


@pytest.mark.parametrize("task,progress,expected", [
    # the verb has an object of its own: something else is paused, or the verb is the task's aim
    ("开工建设城南大桥。", "项目于3月8日正式开工。因汛期暂停水中墩施工20天，目前完成桩基36根。", "completed"),
    # a cause of a lag, not a halt
    ("全年重点项目完成投资300亿元。", "上半年完成投资160亿元，主要因雨雪天气导致部分项目复工推迟。", "on_pace"),
])
def test_the_same_verbs_said_of_something_else_do_not_block(task, progress, expected):
    assert judge(task, progress)["status"] == expected


# ---------------------------------------------------------------------------------------------
# awaiting an outside act, however long the phrase between

@pytest.mark.parametrize("progress,flagged", [
    ("申报材料已全部报送，待国家林草局组织专家现场核查后公布名单。", False),
    ("已通过省级初审，等待住房城乡建设部综合评审后确定命名。", False),
    ("全年粮食总产量待国家统计局调查总队核定后发布。", False),
    # at the year's end an act dated next year: promised for next year, behind or pending
    ("测评结果预计明年2月由中央文明办统一公布。", True),
])
def test_awaiting_an_outside_act_is_pending(progress, flagged):
    f = judge("创成国家森林城市。", progress, FY)
    # the act dated next year is noted beside the 待评估 (a note since round 9), never review
    assert f["status"] == "pending" and not f["needs_review"] and bool(f["note_reason"]) == flagged


def test_waiting_words_inside_other_words_are_no_wait():
    # 待遇, 接待: no outside act is awaited
    f = judge("全年接待游客5000万人次。", "上半年接待游客2600万人次，落实导游薪酬待遇，待遇核定工作有序开展。")
    assert f["status"] == "on_pace"


# ---------------------------------------------------------------------------------------------
# deliverable events in any wording; a step towards them is not the event

@pytest.mark.parametrize("task,progress", [
    ("建成投用城北体育公园。", "体育公园已于9月20日起免费向市民开放。"),
    ("开业运营大别山农产品交易中心。", "交易中心已于6月18日正式开门迎客，首批入驻商户96家。"),
    ("推动六安港综合码头通过验收并投入运营。", "码头于5月通过交通运输厅验收，6月1日正式投入运营。"),
    ("正式运营市级急救指挥中心。", "中心于4月通过验收后开始运营。"),
    ("建成市妇幼保健院新院区。", "该院区已于8月正式开诊，开放床位600张。"),
    ("开工建设城东大道快速化改造工程。", "项目于4月18日正式开工。"),
])
def test_a_deliverable_done_in_other_words_is_completed(task, progress):
    assert judge(task, progress)["status"] == "completed"


@pytest.mark.parametrize("progress", [
    "已完成方案设计和现场踏勘，正在征求相关部门意见。",
    "已完成施工招标，计划下月进场。",
])
def test_a_step_towards_the_deliverable_is_not_done(progress):
    assert judge("建成投用城北体育公园。", progress)["status"] != "completed"


# ---------------------------------------------------------------------------------------------
# the scope of a verdict: a part done while work remains is not the task

def test_a_district_done_while_another_remains_is_no_completion():
    f = judge("全力做好保交楼工作。", "城区保交楼任务全部完成；霍邱县剩余保交楼任务860套，计划9月底前交付。")
    assert f["status"] != "completed" and f["needs_review"]


def test_a_completed_part_of_a_broad_task_is_not_the_task():
    f = judge("加快健全社会救助体系。", "开展困难群众走访，完成年度1200户低保家庭入户核查任务。")
    assert f["status"] != "completed"


def test_another_years_batch_is_not_this_years():
    f = judge("完成2024年度农村改厕3000户。", "2023年度结转的420户已全部完工；2024年度已完工900户。", Q3)
    assert f["status"] == "behind" and f["completion_pct"] == pytest.approx(0.3)


# ---------------------------------------------------------------------------------------------
# the time span of a figure

@pytest.mark.parametrize("progress,ratio", [
    ("9月当月新增市场主体3100户；1-9月累计新增市场主体2.6万户。", 2.6 / 3.2),
    ("8月份新增市场主体2900户，截至9月底累计新增2.6万户。", 2.6 / 3.2),
])
def test_the_cumulative_figure_measures_the_pace(progress, ratio):
    f = judge("全年新增市场主体3.2万户。", progress, Q3)
    assert f["completion_pct"] == pytest.approx(ratio) and f["status"] == "on_pace"


def test_a_months_growth_is_not_the_years():
    f = judge("社会消费品零售总额增长8%以上。", "10月当月社零总额同比增长11.2%；1-10月累计同比增长6.1%。", M10)
    assert f["status"] == "behind"


def test_a_breakdown_after_qizhong_is_a_part():
    f = judge("全年接待游客5000万人次。", "上半年共接待游客2610万人次；其中端午假期接待游客230万人次。")
    assert f["completion_pct"] == pytest.approx(0.522)


# ---------------------------------------------------------------------------------------------
# quotas and plans are not results

def test_a_quota_handed_down_measures_nothing():
    f = judge("新建省级美丽乡村中心村60个。", "省里下达我市美丽乡村中心村建设指标72个，目前正在编制村庄规划。")
    assert f["status"] != "completed" and f["needs_review"]


# ---------------------------------------------------------------------------------------------
# number forms

@pytest.mark.parametrize("word,value,low,high", [
    ("六成", "0.6", "0.58", "0.62"), ("近七成", "0.68", "0.65", "0.699"), ("九成以上", "0.9", "0.9", "1"),
    ("八成半", "0.85", "0.83", "0.87"), ("三分之二", "0.667", "0.667", "0.667"), ("不足三成", "0.29", "0.25", "0.299"),
])
def test_shares_in_words(word, value, low, high):
    s = parse_share(word)
    assert (s.value, s.low, s.high) == (Decimal(value), Decimal(low), Decimal(high))


@pytest.mark.parametrize("progress,period,status", [
    ("截至6月底，已完成植树造林任务的近七成。", H1, "ahead"),
    ("1-9月，完成治理面积约为年度任务的三分之二。", Q3, "behind"),
    ("截至9月底，全市已建成农村寄递物流站点近六成。", Q3, "behind"),
])
def test_a_share_in_words_is_a_ratio(progress, period, status):
    assert judge("完成年度建设任务。" if "站点" not in progress else "建成农村寄递物流站点300个。",
                 progress, period)["status"] == status


def test_a_share_whose_range_spans_two_statuses_is_flagged():
    f = judge("完成老旧小区改造90个。", "1-11月，已完工小区占年度任务的九成以上，剩余项目正在收尾。", "2024M11")
    assert f["needs_review"]


# ---------------------------------------------------------------------------------------------
# what a figure counts

def test_units_of_one_measure_are_converted():
    assert convert(Decimal(28600), "米", "公里") == Decimal("28.6")
    assert convert(Decimal(1380000), "平方米", "公顷") == Decimal(138)
    assert convert(Decimal(3), "个", "公里") is None
    f = judge("新建雨水管网40公里。", "1-9月新建雨水管网32400米。", Q3)
    assert f["completion_pct"] == pytest.approx(0.81) and f["status"] == "on_pace"


def test_item_labels_never_join_the_figure():
    text = "1.开展环境整治，清运垃圾2.1万吨;2.38座公厕已投入使用。"
    assert mask_item_labels(text) == "  开展环境整治，清运垃圾2.1万吨;  38座公厕已投入使用。"
    assert mask_item_labels("3.5万亩已完成") == "3.5万亩已完成"  # a decimal, no list
    f = judge("新建改建公共厕所50座。", text, Q3)
    assert f["completion_pct"] == pytest.approx(38 / 50)


def test_county_figures_add_up_to_the_citys():
    f = judge("全市完成油茶新造2万亩。", "一季度，霍山县完成油茶新造3200亩，金寨县2800亩，舒城县1500亩。", Q1)
    assert f["completion_pct"] == pytest.approx(0.375) and f["status"] == "ahead"


def test_a_target_cut_during_the_year_is_measured_against_the_new_one():
    f = judge("改造城镇老旧小区40个。", "经批准，2个小区不再改造，年度任务调减为38个；截至9月底已完工30个。", Q3)
    # compared cleanly with the new figure: the cut is shown (is_target_adjusted), not flagged
    assert f["completion_pct"] == pytest.approx(30 / 38) and f["is_target_adjusted"] and not f["needs_review"]


def test_the_province_average_in_another_sentence_is_compared():
    f = judge("城镇居民人均可支配收入增幅高于全省平均水平。", "上半年城镇居民人均可支配收入增长5.1%；同期全省平均增幅为5.6%。")
    assert f["status"] == "behind"


# ---------------------------------------------------------------------------------------------
# the year's end and dates after it

@pytest.mark.parametrize("progress,period", [
    ("新院区主体工程已完工，正在进行内部装修，预计2025年5月投入使用。", FY),
    ("主体结构已封顶，计划明年6月建成投用。", H1),
])
def test_a_deliverable_promised_for_after_the_year_is_behind(progress, period):
    assert judge("建成投用市第二人民医院新院区。", progress, period)["status"] == "behind"


def test_a_deliverable_not_reported_done_at_the_years_end_is_behind_unless_awaited():
    assert judge("建成投用城西污水处理厂。", "完成设备安装和管网铺设，正在单机调试。", FY)["status"] == "behind"
    f = judge("创成国家森林城市。", "已通过省级初审，等待国家林草局综合评审后确定命名。", FY)
    assert f["status"] == "pending"


def test_an_event_called_off_is_blocked_and_a_date_fixed_for_later_is_not_done():
    assert judge("举办第五届茶谷马拉松赛。", "受赛事审批政策调整影响，本年度赛事取消举办。", FY)["status"] == "blocked"
    assert judge("举办第五届茶谷马拉松赛。", "赛事定于10月举办，已完成赛道踏勘。")["status"] != "completed"
    assert judge("举办第五届茶谷马拉松赛。", "赛事已于4月21日成功举办，参赛选手1.2万人。")["status"] == "completed"


def test_a_marker_starting_another_word_marks_nothing():
    # 若干措施 holds 若 (if), 拟定 holds 拟 (plan): neither makes the clause a condition or an intention
    f = judge("印发《促进民营经济发展若干措施》。", "《若干措施》已于4月经市政府常务会议审议通过并正式印发实施。")
    assert f["status"] == "completed"


def test_one_of_several_deliverables_is_not_all_of_them():
    f = judge("完成城市运行、应急指挥、生态环境三个子系统上线。",
              "城市运行子系统已于7月上线运行；应急指挥子系统正在测试；生态环境子系统正在招标。", Q3)
    assert f["status"] != "completed"


def test_a_halt_of_the_task_decides_one_of_a_part_does_not():
    f = judge("实施东河片区棚户区改造，年内征迁900户。", "根据政策调整，东河片区棚户区改造项目已撤销。此前已签约的120户全部安置完毕。")
    assert f["status"] == "blocked"
    f = judge("开通城市快速公交示范线，新增优化公交线路12条。",
              "快速公交示范线项目按上级要求暂停审批；上半年新增优化公交线路3条。")
    assert f["status"] == "behind"


def test_a_trial_run_is_done_but_flagged():
    f = judge("建成智慧城管平台。", "平台已于8月上线试运行。", Q3)
    assert f["status"] == "completed" and f["needs_review"]


# ---------------------------------------------------------------------------------------------
# range checks and the lower-is-better per mille

@pytest.mark.parametrize("progress", ["已完成年度任务的7413%。", "已完成年度任务的100000000000000000000000%。"])
def test_a_ratio_out_of_any_range_is_flagged_never_a_fact(progress):
    f = judge("完成植树造林5万亩。", progress)
    assert f["needs_review"] and f["completion_pct"] is None and f["status"] != "completed"
    assert "比例超出合理范围" in f["review_reason"]


def test_a_real_over_fulfilment_is_kept():
    f = judge("氨氮减排400吨。", "氨氮累计完成减排1500吨(任务为400吨),已超额完成年度减排任务。")
    assert f["status"] == "completed" and not f["needs_review"]


def test_per_mille_levels_to_stay_under():
    assert judge("人口自然增长率控制在5‰以内。", "全年人口自然增长率为-1.2‰。", FY)["status"] == "completed"
    assert judge("人口自然增长率控制在5‰以内。", "上半年人口自然增长率为5.8‰。")["status"] == "behind"


def test_a_stage_the_task_names_is_its_deliverable_and_use_needs_a_use_event():
    assert judge("建成区域医疗中心一期工程。", "一期工程已于10月竣工验收并投入使用。", FY)["status"] == "completed"
    assert judge("建成区域医疗中心。", "主体工程已于10月完工。")["status"] != "completed"
    f = judge("建成投用市公共资源交易中心新场地。", "新场地已建成，待市场监管部门完成计量器具检定后投入使用。")
    assert f["status"] == "pending"
    assert judge("全面完成农村饮水安全巩固提升工程。", "工程已全部完工，惠及农村人口12万人。")["status"] == "completed"


# ---------------------------------------------------------------------------------------------
# traps for a wrong 已完成: a stock for additions, a step's count, one county's figure

@pytest.mark.parametrize("task,progress", [
    ("新建5G基站2000个。", "全市累计建成5G基站6200个，实现乡镇全覆盖。"),
    ("新增城市停车泊位5000个。", "全市公共停车泊位总数达到3.2万个。"),
    ("实施农村危房改造600户。", "已完成危房鉴定600户，开工改造320户，竣工180户。"),
])
def test_a_stock_or_a_steps_count_is_no_completion(task, progress):
    assert judge(task, progress, Q3)["status"] != "completed"


def test_additions_beside_a_stock_measure_the_target():
    f = judge("新增城市停车泊位5000个。", "上半年新增公共停车泊位2600个，全市总数达到3.2万个。")
    assert f["completion_pct"] == pytest.approx(0.52)


def test_one_countys_figure_is_not_the_citys():
    f = judge("全市新增城镇就业4万人。", "霍邱县新增城镇就业4200人，超额完成本县年度任务。")
    assert f["status"] != "completed" or f["needs_review"]
    assert judge("新增城市绿地100公顷。", "1-9月,中心城区新增城市绿地82.6公顷。", Q3)["completion_pct"] == pytest.approx(0.826)


def test_a_draft_submitted_for_deliberation_is_pending():
    assert judge("出台《六安市城市更新条例》。", "《条例》草案已提请市人大常委会审议。")["status"] == "pending"


def test_a_halt_of_some_beside_the_count_of_the_rest_leaves_the_count_to_decide():
    # DOMAIN: a task is behind when any part is, else blocked
    assert judge("新建幼儿园10所。", "已建成3所，另有2所因用地问题暂缓建设。")["status"] == "behind"
    assert judge("新建冷链集配中心4个。", "2个中心已完成选址，另2个项目被调出省级投资计划。")["status"] == "blocked"


def test_an_outside_act_scheduled_is_awaited():
    f = judge("创建国家级全域旅游示范区。", "已通过文旅部评审，拟于明年初正式命名。", FY)
    assert f["status"] == "pending" and "拟于明年初正式命名" in f["note_reason"]


def test_target_forms_a_share_of_things_a_rate_not_below_and_full_coverage():
    # 50万元 describes the villages; the share is the target
    assert judge("集体经济收入50万元以上的村占比达到30%。", "上半年集体经济收入50万元以上的村占比为24%。")["status"] == "behind"
    assert judge("一般公共预算收入增速不低于6%。", "1-6月一般公共预算收入增长6.4%。")["status"] == "on_pace"
    assert judge("实现全市行政村5G网络全覆盖。", "已实现全市行政村5G网络全覆盖。")["status"] == "completed"
    f = judge("实现县域医共体全覆盖。", "全市7个县区紧密型县域医共体建设实现全覆盖。", FY)
    assert f["status"] == "completed"


def test_a_seasons_figure_is_not_the_years_and_a_wait_of_others_is_not_the_figures():
    f = judge("粮食总产量稳定在70亿斤以上。", "夏粮总产18.3亿斤，同比增长2.1%，秋粮长势良好。")
    assert f["status"] != "behind" and f["needs_review"]
    f = judge("新增省级以上研发平台20家。", "新增省级以上研发平台8家，另有6家已通过专家评审待省科技厅认定。")
    assert f["status"] == "behind"
    assert judge("全年出栏生猪400万头。", "上半年生猪出栏213万头。")["status"] == "on_pace"


# ---------------------------------------------------------------------------------------------
# a negated attainment: 尚未达到年度目标 says the level is missed, never that it is met (set 12's R144
# read 达到年度目标 inside it as 达序时); variants written before they were run

@pytest.mark.parametrize("task,progress,period,status", [
    ("规上工业企业研发投入强度达到3.2%。", "1-11月园区规上工业企业研发投入强度为3.05%，尚未达到年度目标。", "2024M11", "behind"),
    ("森林覆盖率达到45%。", "截至9月底，全市森林覆盖率为44.1%，未达到年度目标。", Q3, "behind"),
    ("城镇调查失业率控制在5.5%以内。", "上半年城镇调查失业率5.6%，没有达到考核目标。", H1, "behind"),
    ("空气质量优良天数比率达到83%。", "前三季度空气优良天数比率为80.2%，尚未能达到年度考核目标。", Q3, "behind"),
    ("规上工业企业研发投入强度达到3.2%。", "1-11月研发投入强度为3.25%，已达到年度目标。", "2024M11", "on_pace"),
    ("农村生活污水治理率达到40%。", "上半年全县农村生活污水治理率为41.2%，已经达到年度目标。", H1, "on_pace"),
])
def test_a_negated_attainment_is_a_miss_and_agrees_with_its_figure(task, progress, period, status):
    f = judge(task, progress, period)
    assert f["status"] == status
    assert not (f["note_reason"] or "").startswith("原文结论与数据不一致")  # verdict and figure agree
