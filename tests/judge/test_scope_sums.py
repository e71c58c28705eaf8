"""What a figure counts and whose it is: the whole a report speaks of (全县, 本区), the parts that add
up to it (counties, towns, 市本级 beside 各县区, zones), the parts still going on, a batch done, a halt
said by a figure's things, firms entered in the statistics, and two figures equally likely.

Sentences follow the wordings of the county and city reports of the corpus and the blind sets, with
other subjects, places and figures."""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text
from helpers.statuses import REVIEW_REASONS

H1, M5, M10, Q3, FY = "2024H1", "2024M5", "2024M10", "2024Q3", "2024FY"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


# ---------------------------------------------------------------------------------------------
# the whole a county's report speaks of is no part of it

@pytest.mark.parametrize("task,progress,period,status,pct", [
    ("全年新增城镇就业8000人。", "上半年,全县新增城镇就业4千余人,其中帮助就业困难人员实现就业260人。", H1, "on_pace", 0.5),
    ("改造提升农村户厕1500户。", "截至9月底,全区已完成农村户厕改造一千零二十户。", Q3, "behind", 0.68),
    ("完成退役军人优待证发放8000张。", "截至6月底,本县已发放优待证5200张。", H1, "ahead", 0.65),
])
def test_the_whole_of_a_county_report_measures_its_task(task, progress, period, status, pct):
    f = judge(task, progress, period)
    assert (f["status"], f["completion_pct"]) == (status, pytest.approx(pct))
    assert not f["needs_review"]


def test_one_county_still_is_a_part_of_the_city():
    f = judge("全市新增城镇就业3万人。", "上半年,霍邱县新增城镇就业4200人。")
    assert f["needs_review"] and REVIEW_REASONS["part_measured"] in f["review_reason"]


# ---------------------------------------------------------------------------------------------
# parts add up to the whole when no total is given

@pytest.mark.parametrize("task,progress,period,status,pct", [
    # towns of a county's task
    ("全县新建村级综合服务中心24个。", "城关镇建成5个,河口镇建成4个,马店镇建成3个,其余乡镇项目正在主体施工。", Q3, "behind", 0.5),
    # the urban districts beside the counties together
    ("全市更新新能源公交车200辆。", "市区已更新120辆,各县合计更新52辆。", M10, "on_pace", 0.86),
    # the city's own level beside the counties and districts
    ("全年举办各类招聘活动150场。", "市本级举办22场,各县区合计举办45场。", M5, "on_pace", 67 / 150),
    # zones of a county
    ("全县完成农村公路生命安全防护工程150公里。", "南片区4个乡镇完成61公里,北片区5个乡镇完成57公里。", Q3, "on_pace", 118 / 150),
])
def test_parts_add_up_to_the_whole(task, progress, period, status, pct):
    f = judge(task, progress, period)
    assert f["status"] == status
    assert f["completion_pct"] == pytest.approx(pct, abs=0.001)


def test_only_the_parts_done_add_up():
    # 舒城县2个完成主体工程 is a stage: the three counties' 7 are done, not 9
    f = judge("全市新建改造农贸市场14个。", "金安区3个、裕安区3个、霍山县1个已完工,舒城县2个完成主体工程。", Q3)
    assert (f["status"], f["completion_pct"]) == ("behind", 0.5)


def test_a_total_beside_the_parts_wins():
    f = judge("全市更新新能源公交车200辆。", "全市已更新180辆,其中市区更新120辆,各县合计更新60辆。", M10)
    assert f["completion_pct"] == pytest.approx(0.9)


def test_a_target_of_one_part_takes_that_parts_figure():
    f = judge("建设市本级保障性租赁住房1500套。", "市本级已建成并筹集保租房1620套,各县区另筹集2300套。", Q3)
    assert (f["status"], f["completion_pct"]) == ("completed", pytest.approx(1.08))


# ---------------------------------------------------------------------------------------------
# works still going on are none done; a batch done is a part

@pytest.mark.parametrize("task,progress,period,status,pct", [
    ("完成4处市级文物保护单位修缮。", "其中1处已完成修缮并通过验收,另3处正在施工。", FY, "behind", 0.25),
    ("全市打造12个乡村旅游重点村。", "首批5个村已通过省级认定,其余7个村正在按标准提升。", H1, "behind", 5 / 12),
    ("全县完成农村户厕改造2500户。", "第一批1500户改厕任务已全部完成,第二批1000户正在开展施工招标。", Q3, "behind", 0.6),
])
def test_the_rest_in_progress_counts_nothing(task, progress, period, status, pct):
    f = judge(task, progress, period)
    assert f["status"] == status
    assert f["completion_pct"] == pytest.approx(pct, abs=0.001)


def test_a_count_of_tasks_done_is_a_result_and_a_count_of_tasks_with_some_done_a_plan():
    assert judge("建成省级美丽河湖6条。", "6条河湖建设任务已全部完成。", FY)["status"] == "completed"
    f = judge("完成改革任务40项。", "40项改革任务已完成22项。", H1)
    assert f["completion_pct"] == pytest.approx(0.55)


# ---------------------------------------------------------------------------------------------
# a halting verb: what a figure's things did, or what was done to them

def test_a_halt_said_by_the_figures_things_with_an_object_of_its_own_is_their_act():
    f = judge("全市国有景区免费开放不少于12家。", "已有9家国有景区取消门票收费实行免费开放。")
    assert (f["status"], f["completion_pct"]) == ("ahead", 0.75)


@pytest.mark.parametrize("progress", ["已撤销3个项目。", "3个项目不再建设。"])
def test_a_halt_of_the_figures_things_counts_nothing_done(progress):
    f = judge("新建口袋公园20个。", progress)
    assert f["status"] != "on_pace" and f["completion_pct"] is None


# ---------------------------------------------------------------------------------------------
# entered in the statistics or in a pool

def test_firms_newly_entered_in_the_statistics_are_a_result():
    f = judge("新增入库限上商贸企业120家。", "全年新增入库限额以上商贸单位一百一十二家,较上年多入库十六家。", FY)
    assert (f["status"], f["completion_pct"]) == ("behind", pytest.approx(112 / 120))


@pytest.mark.parametrize("progress", ["目前已入库培育企业150家。", "上半年新增入库项目36个。"])
def test_a_pool_of_candidates_is_no_result(progress):
    f = judge("新建工业项目60个。", progress)
    assert f["completion_pct"] is None


# ---------------------------------------------------------------------------------------------
# two figures as likely: the researcher's call

def test_two_figures_equally_likely_are_flagged():
    f = judge("新建充电桩3000个。", "上半年全市新建充电桩1400个。截至6月底,全市新建充电桩2100个。")
    assert f["needs_review"] and REVIEW_REASONS["figures_compete"] in f["review_reason"]


def test_one_figure_said_twice_is_no_rival():
    f = judge("新建充电桩3000个。", "上半年全市新建充电桩1600个。截至6月底,全市新建充电桩1600个,完成年度任务的53%。")
    assert REVIEW_REASONS["figures_compete"] not in (f["review_reason"] or "")


# ---------------------------------------------------------------------------------------------
# a figure named by one shared word and far too small for the target counts another thing

@pytest.mark.parametrize("task,progress,period", [
    ("新增城市停车泊位6000个。", "1-8月新建停车场11处,新增停车面积9.8万平方米。", "2024M8"),
    ("全年完成招商引资到位资金800亿元。", "已拨付企业奖补资金3600万元,力争三季度到位资金实现较快增长。", H1),
])
def test_a_tiny_figure_of_another_thing_measures_nothing(task, progress, period):
    f = judge(task, progress, period)
    assert f["completion_pct"] is None and f["status"] == "qualitative" and f["needs_review"]


def test_a_tiny_figure_of_the_target_itself_is_behind():
    # 29800万元 is 2.98亿: the target's own figure (its whole name), a real shortfall
    f = judge("完成土地出让收入50亿元。", "1-9月完成土地出让收入29800万元。", Q3)
    assert (f["status"], f["completion_pct"]) == ("behind", pytest.approx(0.0596))


def test_the_first_figure_done_after_a_restated_whole_is_the_result():
    # 改扩建中小学6所中5所已投入使用: the 6 restates the target, the 5 is what was done of it
    f, rows = judge_text("新建幼儿园4所、改扩建中小学6所。",
                         "1.新建幼儿园4所全部建成投用;2.改扩建中小学6所中5所已投入使用,1所受征迁影响尚未完工。", FY)
    assert f["status"] == "behind"
    assert {r["part"]: r["computed_ratio"] for r in rows}["改扩建中小学6所"] == pytest.approx(5 / 6)


def test_an_item_headed_by_its_noun_counts_that_noun():
    # 限上批零住餐企业:新增入库52家 — the noun before the colon is what the figure counts
    f, rows = judge_text("新增限上批零住餐企业90家、规上服务业企业30家。",
                         "1.限上批零住餐企业:新增入库52家;2.规上服务业企业:新增入库12家。", H1)
    ratios = {r["part"]: r["computed_ratio"] for r in rows}
    assert ratios["新增限上批零住餐企业90家"] == pytest.approx(52 / 90)
    assert ratios["规上服务业企业30家"] == pytest.approx(0.4)
    assert f["status"] == "behind"


# ---------------------------------------------------------------------------------------------
# things a count names one by one: those said done count

@pytest.mark.parametrize("progress,status,pct", [
    ("梅山路已完工;佛子岭路完成60%;解放路尚未开工。", "behind", 1 / 3),
    ("梅山路、佛子岭路已完工通车,解放路正在施工。", "ahead", 2 / 3),
    ("三条道路大修工程均已完工。", "completed", 1.0),
])
def test_named_things_said_done_are_counted(progress, status, pct):
    f = judge("完成3条主干道大修:梅山路、佛子岭路、解放路。", progress)
    assert (f["status"], f["completion_pct"]) == (status, pytest.approx(pct))


def test_a_list_of_other_length_names_no_items():
    # two names for a count of three: the names are no list of the count's things
    f = judge("完成3条主干道大修:梅山路、佛子岭路。", "梅山路已完工。")
    assert f["completion_pct"] != pytest.approx(1 / 3) or f["needs_review"]


@pytest.mark.parametrize("task,progress,status,pct", [
    ("全年新增国家4A级旅游景区3家。", "霍山县大别山石窟景区已于5月通过国家4A级旅游景区评定,另2家正在创建。", "behind", 1 / 3),
    ("创建省级乡村旅游重点村4个。", "大化坪村、东石笋村已通过省级认定,其余2个村正在按标准提升。", "on_pace", 0.5),
])
def test_a_completion_beside_the_rest_still_going_on_leaves_the_target_less_the_rest(task, progress, status, pct):
    f = judge(task, progress)
    assert (f["status"], f["completion_pct"]) == (status, pytest.approx(pct))


def test_the_rest_going_on_with_nothing_done_is_no_result():
    f = judge("全年新增国家4A级旅游景区3家。", "3家景区正在按标准提升,另2家正在创建。")
    assert f["completion_pct"] is None


def test_project_areas_add_up_and_a_share_of_the_works_is_no_part_done():
    # B项目区 is 40 % through its works: not done; A项目区's 0.6万亩 are the done part of 1.5万亩
    f = judge("全县完成1.5万亩高标准农田建设。", "其中,A项目区0.6万亩已完工,B项目区0.9万亩完成工程量的40%。", Q3)
    assert (f["status"], f["completion_pct"]) == ("behind", pytest.approx(0.4))
