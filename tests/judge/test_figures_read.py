"""Figures that are there and must be read: kinds of the target's thing listed under one verb that
add up, a length or area said after the thing it measures, money spent on works only started, and
a rate's share behind an adverb (约为, 仅为, 已达) or in words (不足四成) — with the traps beside
them (another indicator listed after the target's own, a verb of its own, the target's own noun).

Sentences follow the corpus reports' wording with other places, things and figures, so that a
rule that is a phrase list in disguise fails.
"""

from __future__ import annotations

import pytest

from helpers.judge.clauses import fold_width
from helpers.judge.evidence import gather
from helpers.judge.status import judge_text
from helpers.judge.sums import kind_sum, listed_runs, longest_kind_sum

Q1, H1, Q3, FY = "2024Q1", "2024H1", "2024Q3", "2024FY"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


def assert_reads(task: str, progress: str, period: str, status: str, pct: float) -> None:
    """The task is judged `status` from a completion of `pct`: the figure was read, and read right."""
    f = judge(task, progress, period)
    assert (f["status"], f["completion_pct"]) == (status, pytest.approx(pct)), f


# ---------------------------------------------------------------------------------------------
# kinds listed under one verb add up (淠河绿道 and 东湖绿道 are both 绿道)

@pytest.mark.parametrize("task,progress,period,status,pct", [
    ("新增城市绿道30公里。", "上半年建成淠河绿道8公里、东湖绿道10公里。", H1, "ahead", 0.6),
    ("新增城市绿道30公里。", "上半年建成东湖绿道10公里，淠河绿道8公里。", H1, "ahead", 0.6),
    ("全年新建口袋公园40个。", "1-9月,全市建成金安区口袋公园12个、裕安区口袋公园9个、叶集区口袋公园6个。", Q3,
     "behind", 0.675),
    ("全年完成交通投资40亿元。", "一季度续建项目完成投资6亿元，新开工项目完成投资5亿元。", Q1, "on_pace", 0.275),
    # an item naming only its modifier stands for the first item's thing (市级 龙头企业)
    ("全年新增农业产业化龙头企业40家。", "一季度新增省级以上龙头企业8家、市级7家。", Q1, "ahead", 0.375),
])
def test_kinds_listed_under_one_verb_add_up(task, progress, period, status, pct):
    f = judge(task, progress, period)
    assert (f["status"], f["completion_pct"]) == (status, pytest.approx(pct, abs=0.001))


@pytest.mark.parametrize("task,progress,period,status,pct", [
    # the target's own noun first, another indicator after it: the first is the figure
    ("全年城镇新增就业3.5万人。", "1-6月,全市城镇新增就业19860人,失业人员再就业4215人。", H1, "on_pace", 0.567),
    ("全年新增城镇污水管网120公里。", "1-9月新建污水管网93.5公里、雨水管网41公里。", Q3, "on_pace", 0.779),
    # an item with a verb of its own reports another act
    ("新增恢复灌溉面积5万亩。", "全年新增恢复灌溉面积48000亩,改善灌溉面积12万亩。", FY, "behind", 0.96),
    ("新开通城市公交线路12条。", "上半年新开通定制公交线路6条,优化调整既有公交线路9条。", H1, "on_pace", 0.5),
])
def test_another_thing_listed_beside_is_not_added(task, progress, period, status, pct):
    f = judge(task, progress, period)
    assert (f["status"], f["completion_pct"]) == (status, pytest.approx(pct, abs=0.001))


def test_a_listed_run_followed_by_its_total_is_read_once():
    f = judge("全年新增农业产业化龙头企业40家。", "一季度新增省级以上龙头企业8家、市级7家，合计新增十五家。", Q1)
    assert (f["status"], f["completion_pct"]) == ("ahead", pytest.approx(0.375))


def _every_stretch(run, able, target, ev):
    """The longest stretch that adds up found by trying every stretch, longest first, then leftmost."""
    return next((x for n in range(len(run), 1, -1) for i in range(len(run) - n + 1)
                 if all(id(a) in able for a in run[i:i + n])
                 for x in [kind_sum(run[i:i + n], target, ev)] if x is not None), None)


@pytest.mark.parametrize("target,progress", [
    ("市级以上龙头企业", "1-9月,新认定省级农业产业化龙头企业8家、市级龙头企业19家,新培育家庭农场210家、农民专业合作社56家。"),
    ("农业产业化龙头企业", "一季度新增省级以上龙头企业8家、市级7家，合计新增十五家，完成年度任务的37.5%。"),
    ("城市绿道", "上半年建成淠河绿道8公里、东湖绿道10公里、城南绿道6公里，改造老城绿道3公里、滨河绿道4公里，"
                 "新建口袋公园5个、城北绿道2公里，全部向市民开放。"),
])
def test_the_longest_listed_stretch_is_the_one_every_stretch_tried_finds(target, progress):
    # longest_kind_sum tries only the stretches kind_sum may add up; whichever figures are able to
    # measure the target (all, or all but one), it must find the stretch trying every one finds
    ev = gather(fold_width(progress))
    runs = listed_runs(ev)
    assert runs
    for run in runs:
        ids = [id(a) for a in run]
        for able in [set(ids)] + [set(ids) - {i} for i in ids]:
            want, got = _every_stretch(run, able, target, ev), longest_kind_sum(run, able, target, ev)
            assert (got and (got.start, got.end, got.value)) == (want and (want.start, want.end, want.value))


# ---------------------------------------------------------------------------------------------
# a length or an area said after the thing it measures (建成绿道4条，总长18公里)

@pytest.mark.parametrize("task,progress,period,status", [
    ("新增城市绿道30公里。", "上半年建成绿道4条，总长18公里。", H1, "ahead"),
    ("新增城市绿道30公里。", "上半年建成绿道4条，长度合计18公里。", H1, "ahead"),
    ("改造城市燃气管网80公里。", "前三季度完成老旧燃气管网改造32处，长度56公里。", Q3, "behind"),
    ("新建高标准农田22万亩。", "截至9月底，已建成高标准农田项目14个，总面积17万亩。", Q3, "on_pace"),
])
def test_a_measure_takes_the_thing_named_before_it(task, progress, period, status):
    f = judge(task, progress, period)
    assert f["status"] == status and not f["needs_review"]


# ---------------------------------------------------------------------------------------------
# money spent on works only started is spent all the same; a count of works started is no build

def test_money_spent_on_works_started_measures_an_investment():
    f = judge("全年完成水利投资35亿元。", "上半年新开工项目完成投资9.8亿元。", H1)
    assert (f["status"], f["completion_pct"]) == ("behind", pytest.approx(0.28))


def test_works_started_still_build_nothing():
    f = judge("全年建成中心村40个。", "上半年新开工中心村建设项目32个。", H1)
    assert f["status"] != "ahead" and f["completion_pct"] is None


# ---------------------------------------------------------------------------------------------
# a rate's share behind an adverb or in words

@pytest.mark.parametrize("progress,status", [
    ("老旧小区改造完成率不足四成。", "behind"),
    ("改造进度约为30%。", "behind"),
    ("目前改造进度仅为42%。", "behind"),
    ("改造工程进度已达55%。", "on_pace"),
    ("年度目标完成度约为六成。", "ahead"),
    ("上半年老旧小区改造目标完成度62%。", "ahead"),
])
def test_a_rate_share_behind_an_adverb_is_read(progress, status):
    f = judge("改造老旧小区120个。", progress, H1)
    assert f["status"] == status and f["method"] == "stated_ratio"


def test_the_pace_itself_is_no_share():
    f = judge("改造老旧小区120个。", "序时进度为50%，各项工作正在推进。", H1)
    assert f["method"] != "stated_ratio"


# ---------------------------------------------------------------------------------------------
# a target's own floor (15亿元以上。) is no size class; the year's task restated is no result

@pytest.mark.parametrize("task,progress,period,status", [
    ("争取中央预算内投资15亿元以上。", "前三季度累计争取到中央预算内资金11.2亿元，其中9月当月到位3.1亿元。", Q3, "behind"),
    ("全年完成民间投资300亿元以上。", "上半年全市完成民间投资162亿元。", H1, "on_pace"),
])
def test_a_figures_own_floor_names_no_class(task, progress, period, status):
    assert judge(task, progress, period)["status"] == status


def test_a_size_class_still_narrows():
    f = judge("全年引进亿元以上工业项目80个。", "一季度,全市共签约项目41个,协议引资226亿元。", Q1)
    assert f["completion_pct"] is None


@pytest.mark.parametrize("progress,status,pct", [
    ("今年高标准农田建设任务8万亩，均于5月开工。截至9月底，已完成高标准农田建设5.2万亩。", "behind", 0.65),
    ("年度任务为8万亩，目前已建成6.9万亩。", "ahead", 0.8625),
    ("已完成年度建设任务7.1万亩。", "ahead", 0.8875),
])
def test_the_task_restated_with_its_figure_is_a_plan(progress, status, pct):
    f = judge("建设高标准农田8万亩。", progress, Q3)
    assert (f["status"], f["completion_pct"]) == (status, pytest.approx(pct))


# ---------------------------------------------------------------------------------------------
# another year's batch dates its own clause, not a figure of this year before it

@pytest.mark.parametrize("task,progress,period,status", [
    ("新建中医馆20个。", "1-9月新建成乡镇卫生院中医馆18个，另有上年度结转的3个中医馆完成验收。", Q3, "ahead"),
    ("棚户区改造新开工1500套。", "上半年新开工棚改安置房684套，基本建成1020套（系2023年度开工项目）。", H1, "behind"),
    ("全年完成水利投资35亿元。", "一季度上年结转项目完成投资4.6亿元,今年新开工项目完成投资3.1亿元。", Q1, "behind"),
])
def test_another_years_batch_dates_only_its_clause(task, progress, period, status):
    assert judge(task, progress, period)["status"] == status


def test_a_year_at_the_sentences_head_still_dates_its_clauses():
    f = judge("全年建设精品示范村20个。", "2023年度21个精品示范村，建设进度69.91%。", H1)
    assert f["status"] not in ("ahead", "on_pace", "completed") or f["needs_review"]


# ---------------------------------------------------------------------------------------------
# units and classifiers: storage (TB, PB), kinds (类); a figure said again in another currency

@pytest.mark.parametrize("task,progress,period,status,pct", [
    ("新建政务云存储容量2000TB。", "1-9月新增政务云存储资源1.2PB，另扩容计算资源vCPU 6000核。", "2024M9", "behind", 0.6144),
    ("新增数据存储能力500TB。", "上半年新增存储能力320TB。", H1, "ahead", 0.64),
    ("新增电子证照类型30类。", "上半年新增电子证照类型12类。", H1, "behind", 0.4),
    ("开发区实现外贸进出口总额5亿美元。", "上半年进出口总额18.5亿元人民币，折合约2.6亿美元。", H1, "on_pace", 0.52),
])
def test_units_of_storage_and_kinds_are_read(task, progress, period, status, pct):
    assert_reads(task, progress, period, status, pct)


def test_a_stock_beside_this_years_additions_is_no_addition():
    f = judge("推进电子证照应用，新增电子证照类型30类。",
              "截至6月底，已汇聚电子证照类型246类，其中今年新增20类；电子证照累计调用量1830万次。", "2024M6")
    assert (f["status"], f["completion_pct"]) == ("ahead", pytest.approx(2 / 3))


def test_a_breakdown_of_the_additions_is_no_stock():
    f = judge("新增有进出口实绩企业50家。", "上半年新增外贸备案登记企业86家,其中当期有进出口实绩的企业23家。", H1)
    assert (f["status"], f["completion_pct"]) == ("behind", pytest.approx(0.46))


# ---------------------------------------------------------------------------------------------
# supervision words compounded with the target's own act (排查整治) report that act

@pytest.mark.parametrize("task,progress,period,status", [
    ("开展城乡环境整治行动，完成整治点位1000处。", "全县共排查整治点位1146处，圆满完成行动目标。", H1, "completed"),
    ("完成隐患整改800处。", "上半年检查整改安全隐患420处。", H1, "on_pace"),
])
def test_supervision_with_the_targets_act_is_that_act(task, progress, period, status):
    assert judge(task, progress, period)["status"] == status


def test_supervision_alone_measures_nothing():
    f = judge("改造农贸市场25个。", "上半年督查农贸市场25个，发现问题32处。", H1)
    assert f["status"] != "completed"


# ---------------------------------------------------------------------------------------------
# a zone named by its kind alone is the reporting zone's whole; a named zone is a part

def test_a_bare_zone_is_the_reporters_whole():
    f = judge("全年完成工业投资100亿元。", "一季度，开发区完成工业投资37.8亿元，同比增长11.6%，其中技改投资7.8亿元。", Q1)
    assert (f["status"], f["completion_pct"]) == ("ahead", pytest.approx(0.378))


def test_named_zones_and_towns_are_parts_that_add_up():
    f = judge("全县新增规上工业企业25家。",
              "截至9月底，新增规上工业企业：杭埠经开区11家、城关镇3家、千人桥镇2家、桃溪镇2家。", "2024M9")
    assert (f["status"], f["completion_pct"]) == ("behind", pytest.approx(0.72))


# ---------------------------------------------------------------------------------------------
# kinds named in other words that keep the target's qualifier add up; the target's own noun does not

def test_kinds_in_other_words_add_up():
    f = judge("年内新增省级以上研发平台5个。", "今年以来新增省级工程研究中心1个、省级企业技术中心3个。", H1)
    assert (f["status"], f["completion_pct"]) == ("ahead", pytest.approx(0.8))


def test_the_targets_own_noun_beside_another_kind_is_not_added():
    f = judge("争取新增一般债券额度5亿元。", "全年获批新增一般债券3.6亿元、专项债券12亿元。", FY)
    assert (f["status"], f["completion_pct"]) == ("behind", pytest.approx(0.72))


# ---------------------------------------------------------------------------------------------
# enumerated items: one measure in its sizes adds up; the target's own figure beside another does not;
# a state heading (在建：) says the figures under it are not done; X等5个 counts five

def test_enumerated_items_in_sizes_of_one_measure_add_up():
    f = judge("新建改造城市燃气管网120公里。",
              "（1）完成燃气老化管道更新改造86.5公里；（2）新敷设市政中压管网9200米；（3）入户安全检查4.2万户次。", Q3)
    assert (f["status"], f["completion_pct"]) == ("on_pace", pytest.approx(0.7975))


@pytest.mark.parametrize("progress,status,pct", [
    ("一是全年城镇新增就业2.32万人；二是帮扶失业人员再就业1.1万人。", "behind", 0.58),
    ("一是城镇新增就业3.1万人；二是开展职业技能培训6.8万人次；三是帮扶再就业0.9万人。", "on_pace", 0.775),
])
def test_the_targets_own_item_beside_another_is_not_added(progress, status, pct):
    f = judge("全年新增城镇就业4万人。", progress, Q3)
    assert (f["status"], f["completion_pct"]) == (status, pytest.approx(pct))


@pytest.mark.parametrize("progress,status,pct", [
    ("①已认定：金寨县茶叶数字工厂等5个；②在建：2个，已完成物联网设备采购；③拟建：3个，正在选址。", "on_pace", 0.5),
    ("已建成：霍山县数字茶园等4个；在建：3个；谋划：3个。", "behind", 0.4),
])
def test_a_state_heading_and_an_example_before_the_count(progress, status, pct):
    f = judge("建设数字农业示范基地10个。", progress, "2024M5")
    assert (f["status"], f["completion_pct"]) == (status, pytest.approx(pct))


# ---------------------------------------------------------------------------------------------
# a target joining things is measured by their figures together, one item each

@pytest.mark.parametrize("task,progress,period,status,pct", [
    ("完成春季造林和农田林网补植5万亩。", "一季度全市完成春季植树造林4.1万亩，农田林网补植0.6万亩。", "2024M3", "ahead", 0.94),
    ("新建中小学和幼儿园20所。", "上半年建成幼儿园6所、中小学3所。", H1, "behind", 0.45),
])
def test_a_joined_target_adds_its_things(task, progress, period, status, pct):
    assert_reads(task, progress, period, status, pct)


def test_one_thing_of_a_joined_target_named_twice_is_not_added():
    f = judge("完成春季造林和农田林网补植5万亩。", "一季度完成春季植树造林4.1万亩，秋季造林0.6万亩。", "2024M3")
    assert f["completion_pct"] != pytest.approx(0.94)


# ---------------------------------------------------------------------------------------------
# a level said as a share of the whole, or reached, with its noun in the clause before

@pytest.mark.parametrize("task,progress,period,status", [
    ("城市生活垃圾分类小区覆盖率达到90%。", "全区已有生活垃圾分类设施的小区312个，占全部小区的91.5%。", FY, "completed"),
    ("城市生活垃圾分类小区覆盖率达到90%。", "全区已有生活垃圾分类设施的小区268个，占全区小区总数的78.6%。", FY, "behind"),
    ("新出让工业用地“标准地”比例达到100%。", "上半年新出让工业用地14宗，全部按照“标准地”模式出让，实现100%。", H1, "on_pace"),
])
def test_a_level_takes_the_noun_of_the_clause_before(task, progress, period, status):
    assert judge(task, progress, period)["status"] == status


def test_a_kind_replacing_the_targets_modifier_is_another_thing():
    f = judge("年内新增省级以上研发平台5个。", "今年以来新增省级工程研究中心1个、市级企业技术中心3个。", H1)
    assert f["completion_pct"] != pytest.approx(0.8)


# ---------------------------------------------------------------------------------------------
# a unit word left off after 万 or 亿; a short name of the target's noun; cancelling for a task to cut

@pytest.mark.parametrize("task,progress,status,pct", [
    ("城镇新增就业2万人。", "上半年全市城镇新增就业人数达到1.2万。", "ahead", 0.6),
    ("完成固定资产投资500亿元。", "上半年全市完成固定资产投资268亿，同比增长5%。", "on_pace", 0.536),
    ("新增停车泊位8000个。", "上半年新增停车泊位0.5万。", "ahead", 0.625),
])
def test_a_unit_word_left_off_is_the_targets(task, progress, status, pct):
    assert_reads(task, progress, H1, status, pct)


@pytest.mark.parametrize("progress", [
    "上半年发放稳岗资金1.2亿，城镇新增就业人数稳定。",  # money is no count of people
    "1-6月传染病报告发病率为231.5/10万。",  # a rate per 10万 is no figure left off
])
def test_a_magnitude_of_another_thing_is_not_read(progress):
    assert judge("城镇新增就业2万人。", progress, H1)["completion_pct"] is None


@pytest.mark.parametrize("task,progress,status", [
    ("完成固定资产投资500亿元。", "上半年全市固投268亿元。", "on_pace"),
    ("全年新增保障性租赁住房2000套。", "上半年新增保租房1200套。", "ahead"),
])
def test_a_short_name_of_the_target_names_it(task, progress, status):
    assert judge(task, progress, H1)["status"] == status


@pytest.mark.parametrize("task,progress,status", [
    ("压减医疗机构审批事项8项。", "撤销医疗机构设置审批等事项5项，审批时限平均压缩四成。", "ahead"),
    ("清理规范涉企收费项目20项。", "已取消涉企收费项目8项。", "behind"),
])
def test_cancelling_is_the_act_of_a_task_to_cut(task, progress, status):
    assert judge(task, progress, H1)["status"] == status


def test_cancelling_is_still_no_result_of_a_task_to_build():
    f = judge("新建城市口袋公园20个。", "上半年建成口袋公园6个，另有4个因规划调整取消建设。", H1)
    assert f["completion_pct"] == pytest.approx(0.3)


# ---------------------------------------------------------------------------------------------
# one measure in another size (米 for 公里) needs no name; a thousands separator cuts no clause

@pytest.mark.parametrize("task,progress,period,status,pct", [
    ("新建农村“四好”公路300公里。", "坚持“一项目一专班”，已建成105000米。", H1, "behind", 0.35),
    ("全县完成农村公路安防工程120公里。", "东片区3个乡镇完成52000米,西片区4个乡镇完成41000米。", Q3, "on_pace", 0.775),
    ("实施农村道路提质改造1000公里。", "省厅下达后调整为1200000米，上半年完成540000米。", H1, "behind", 0.45),
])
def test_a_measure_in_another_size_is_read(task, progress, period, status, pct):
    assert_reads(task, progress, period, status, pct)


@pytest.mark.parametrize("task,progress,status,pct", [
    ("城镇新增就业2万人。", "上半年城镇新增就业12,000人。", "ahead", 0.6),
    ("全县新增城镇就业5000人。",
     "今年以来，全县新增城镇就业人员：城关镇1,020人、杭埠镇986人、千人桥镇430人、其余乡镇合计712人。", "ahead", 0.6296),
])
def test_a_thousands_separator_is_part_of_its_number(task, progress, status, pct):
    assert_reads(task, progress, H1, status, pct)


def test_a_comma_between_figures_still_cuts():
    from helpers.judge.clauses import Layout
    lay = Layout("完成率98%,100个村已完成")
    assert [lay.text[c.start:c.end] for c in lay.clauses] == ["完成率98%", "100个村已完成"]


# ---------------------------------------------------------------------------------------------
# classifiers of things (根, 口, 幢 …): one of them counts the target's thing only by its head noun

@pytest.mark.parametrize("task,progress,status", [
    ("建设充电桩2000个。", "上半年建成充电桩1200根。", "ahead"),
    ("新打抗旱机井500眼。", "上半年新打抗旱机井260眼。", "on_pace"),
    ("新建农村供水机井80口。", "上半年新建供水机井45个。", "on_pace"),
])
def test_classifiers_of_things_are_read(task, progress, status):
    assert judge(task, progress, H1)["status"] == status


def test_another_things_count_in_another_classifier_is_not_read():
    f = judge("建设充电桩2000个。", "上半年建成充电枪1200把。", H1)
    assert f["completion_pct"] is None


# ---------------------------------------------------------------------------------------------
# things named one by one before the verb that says them done count as that many

@pytest.mark.parametrize("task,progress,period,status,pct", [
    ("市本级新建城区学校3所。", "市本级3所学校中，城南九年一贯制学校、皋城中学新校区已于9月投用；市实验小学东校区因征迁未完成，"
     "尚未开工。", FY, "behind", 2 / 3),
    ("全年建成城市综合体4个。", "东城综合体、西城综合体和南湖综合体均已建成开业，北城综合体主体封顶。", Q3, "on_pace", 0.75),
])
def test_things_named_before_their_done_verb_are_counted(task, progress, period, status, pct):
    assert_reads(task, progress, period, status, pct)


def test_names_of_another_thing_count_nothing():
    f = judge("全年新建学校3所。", "金安区、裕安区已完成学位摸底，霍邱县正在选址。", H1)
    assert f["completion_pct"] is None


def test_places_named_are_no_things_counted():
    f = judge("完成老旧小区改造80个。", "金安区、裕安区改造任务已全部完成，全市完成改造52个。", Q3)
    assert f["completion_pct"] == pytest.approx(52 / 80)


# ---------------------------------------------------------------------------------------------
# improving what exists (改良, 维修, 提升) measures no target to build new things, and the reverse holds

@pytest.mark.parametrize("task,progress", [
    ("全年建设高标准茶园5万亩。", "一季度新栽植茶苗2300万株,完成茶园土壤改良面积1800公顷。"),
    ("新建高标准农田22万亩。", "上半年完成高标准农田改造提升9万亩。"),
    ("新建农村公路300公里。", "上半年完成农村公路养护维修210公里。"),
])
def test_improving_what_exists_builds_nothing(task, progress):
    assert judge(task, progress, Q1)["completion_pct"] is None


def test_a_target_to_build_and_improve_takes_both():
    f = judge("新建改造城市燃气管网120公里。", "前三季度完成燃气管网改造96公里。", Q3)
    assert (f["status"], f["completion_pct"]) == ("on_pace", pytest.approx(0.8))


# ---------------------------------------------------------------------------------------------
# a count of what is left to do is no count done; with the rest said done, the target less it is

@pytest.mark.parametrize("progress,status,pct", [
    ("目前尚有8所未完工，其余均已建成投用。", "ahead", 0.6),
    ("除8所正在施工外，其余均已建成。", "ahead", 0.6),
    ("还剩14所未建成，其他全部完工。", "behind", 0.3),
])
def test_the_rest_said_done_beside_what_is_left(progress, status, pct):
    f = judge("新建幼儿园20所。", progress, H1)
    assert (f["status"], f["completion_pct"]) == (status, pytest.approx(pct))


@pytest.mark.parametrize("progress", ["还剩8所未建成。", "目前尚有8所幼儿园未开工。"])
def test_what_is_left_alone_is_no_count_done(progress):
    f = judge("新建幼儿园20所。", progress, H1)
    assert f["completion_pct"] is None and f["needs_review"]


# ---------------------------------------------------------------------------------------------
# a note in brackets dates what it holds or the figure right before it; a note of a part it includes none

def test_a_bracketed_note_of_an_included_part_dates_nothing():
    f = judge("完成固定资产投资500亿元。", "上半年累计完成投资268亿元（含上年结转项目投资32亿元）。", H1)
    assert (f["status"], f["completion_pct"]) == ("on_pace", pytest.approx(0.536))


def test_a_bracketed_note_dates_the_figure_before_it_only():
    f = judge("棚户区改造新开工1500套。", "上半年新开工棚改安置房684套，基本建成1020套（系2023年度开工项目）。", H1)
    assert (f["status"], f["completion_pct"], f["needs_review"]) == ("behind", pytest.approx(0.456), False)


# ---------------------------------------------------------------------------------------------
# items under a heading that names the thing (幼儿园：公办8所、民办4所) add up; an item under way is its own

@pytest.mark.parametrize("task,progress,status,pct", [
    ("新建幼儿园20所。", "已建成幼儿园：公办8所、民办4所。", "ahead", 0.6),
    ("城镇新增就业2万人。", "城镇新增就业：城镇户籍8000人、农村转移4000人。", "ahead", 0.6),
    ("新建幼儿园20所。", "新建幼儿园：已建成8所、在建4所。", "behind", 0.4),
    ("新建幼儿园20所。", "已建成8所、其余12所正在施工。", "behind", 0.4),
])
def test_items_under_a_heading_and_items_under_way(task, progress, status, pct):
    assert_reads(task, progress, H1, status, pct)


# ---------------------------------------------------------------------------------------------
# a season's figure (夏粮已收获,产量22.6亿斤) is no year's, whichever clause names the season

def test_a_forecast_of_the_target_alone_is_awaited():
    f = judge("粮食总产量稳定在60亿斤以上。", "夏粮已收获,产量22.6亿斤;预计全年产量60亿斤以上。", H1)
    assert f["status"] == "pending" and f["needs_review"]


@pytest.mark.parametrize("task,progress,period,status", [
    ("新建改造雨污管网150公里", "1-9月全市新建改造雨污管网98.6公里(年度目标150公里)。", "2024Q3", "behind"),
    ("推出“高效办成一件事”重点事项30个", "截至6月底全市上线重点事项22个(年度目标30个)。", H1, "ahead"),
    ("完成农村危房改造400户", "今年以来完成农村危房改造260户（全年任务400户）。", H1, "ahead"),
])
def test_the_target_restated_beside_the_figure_is_no_rival_reading(task, progress, period, status):
    f = judge(task, progress, period)
    assert f["status"] == status and not f["needs_review"], f
