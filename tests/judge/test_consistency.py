"""Second readings of the same cell (helpers.judge.consistency): a completion read from a figure earns its
confidence only when the rest of the cell reads the same way.

The variants are derived from the read sets' cases (sets 6, 12, 14 and 15: a completion by a figure beside
work reported left or forecast; a completion by a figure of another noun beside a figure of the target's
own), reworded, reordered, in other sectors and with other numbers; each negative control keeps the
judgement confident.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text
from helpers.statuses import REVIEW_REASONS

H1, Q3, M9, M10, M11, FY = "2024H1", "2024Q3", "2024M9", "2024M10", "2024M11", "2024FY"
LEFT = REVIEW_REASONS["done_yet_left"]
NAMED = REVIEW_REASONS["figure_named_better"]


def judge(task: str, progress: str, period: str) -> dict:
    return judge_text(task, progress, period)[0]


def reasons(fields: dict) -> str:
    return fields["review_reason"] or ""


# ---------------------------------------------------------------------------------------------
# a completion read from a figure, beside work the same cell reports left, going on or forecast

@pytest.mark.parametrize("task,progress,period", [
    ("新建改造农贸市场20个。", "截至9月底，全市已完成农贸市场改造20个，剩余3个市场的附属设施正在施工。", Q3),
    ("完成老旧供水管网改造120公里。", "1-10月累计完成老旧供水管网改造125公里；城东片区管网改造预计11月底完工。", M10),
    ("新增城市公共停车泊位3000个。", "上半年全市新增城市公共停车泊位3120个，另有2处立体停车场尚在建设。", H1),
    ("全年培训高素质农民5000人。", "截至11月底，累计培训高素质农民5200人，仍有部分县区培训班正在开展。", M11),
    ("改造提升薄弱学校30所。", "剩余2所学校的改造工程正在扫尾。全市已完成薄弱学校改造提升30所。", Q3),
    ("全年发放城乡低保资金4.5亿元。", "据测算，全年低保资金需求约4.6亿元，预计能够完成年度目标，一季度资金已下达县区。", "2024Q1"),
])
def test_a_completion_by_a_figure_beside_work_left_is_flagged(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] != "completed" or (f["needs_review"] and LEFT in reasons(f)), f


@pytest.mark.parametrize("task,progress,period", [
    # nothing left in the cell: the figure's completion stands
    ("新建改造农贸市场20个。", "截至9月底，全市已完成农贸市场改造20个，均已投入使用。", Q3),
    ("全年培训高素质农民5000人。", "截至11月底，累计培训高素质农民5200人，培训合格率98%。", M11),
    # a start reached: the works going on after it follow the start, no work left of it
    ("开工建设保障性租赁住房1000套。", "截至6月底，全市已开工建设保障性租赁住房1000套，项目正在进行主体施工。", H1),
    # a forecast of what things already finished will yield is no finish forecast (set 14, J021)
    ("全年竣工投产亿元以上项目80个。", "全年竣工投产亿元以上项目86个，竣工项目新增产值预计可达120亿元。", FY),
    ("建成高标准农田20万亩。", "全年建成高标准农田21.3万亩，建成的农田预计亩均增产50公斤。", FY),
])
def test_a_completion_by_a_figure_with_nothing_left_keeps_its_confidence(task, progress, period):
    f = judge(task, progress, period)
    assert LEFT not in reasons(f), f


# ---------------------------------------------------------------------------------------------
# a completion read from a figure that names the target's thing worse than another figure of its unit

@pytest.mark.parametrize("task,progress,period", [
    ("全年招商引资实际到位资金200亿元。",
     "今年以来，全县新签约亿元以上项目58个，协议引资312亿元；其中9月单月实际到位资金21.3亿元。", M9),
    ("全年引进项目到位资金150亿元。", "1-6月，新签约项目45个，签约金额168亿元。6月份当月项目到位资金16.8亿元。", H1),
    ("全年发放创业担保贷款10亿元。",
     "截至9月底，累计授信额度12亿元；其中实际发放创业担保贷款7.1亿元，扶持创业3200人。", Q3),
    ("全年完成农村公路新改建300公里。",
     "1-9月，全市农村公路项目涉及路段320公里；新改建农村公路完成168公里。", Q3),
    ("全年实际利用外资到位资金5亿美元。",
     "1-9月，全市新签约外资项目12个，合同外资8.2亿美元；实际利用外资到位资金2.1亿美元。", Q3),
    # (three more, written after the first run, where the judge does read the worse-named figure)
    ("全年招商引资实际到位资金300亿元。", "1-9月，全市新签约亿元以上项目88个，协议引资420亿元。9月份当月实际到位资金31亿元。", M9),
    ("全年引进省外资金到位额250亿元。", "上半年，全市新签约项目76个，签约引资280亿元；其中6月单月省外资金到位额24.5亿元。", H1),
    ("全年完成文旅项目投资到位资金60亿元。", "1-10月，全市文旅项目签约总额72亿元；其中10月当月文旅项目投资到位资金5.1亿元。", M10),
])
def test_a_completion_by_a_figure_named_worse_than_another_is_flagged(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] != "completed" or (f["needs_review"] and NAMED in reasons(f)), f


@pytest.mark.parametrize("task,progress,period", [
    # the single month of the figure read, in its own sentence: read with it
    ("全年完成税收收入60亿元。", "11月当月完成税收收入5.2亿元，1-11月累计完成61.3亿元。", M11),
    ("全年完成税收收入60亿元。", "11月当月完成税收收入5.2亿元；1-11月累计完成61.3亿元，提前完成全年目标。", M11),
    # the figure read names the target as well as the other one: no second measure
    ("全年新增城镇就业4万人。", "1-10月，全市城镇新增就业4.1万人，其中高校毕业生就业1.2万人。", M10),
])
def test_a_completion_by_the_figure_that_names_the_target_keeps_its_confidence(task, progress, period):
    f = judge(task, progress, period)
    assert NAMED not in reasons(f), f


# ---------------------------------------------------------------------------------------------
# a finish or a start put off to a later date is work left (sets 12 and 15: 推迟至10月开工, 延至2024年实施)

@pytest.mark.parametrize("task,progress,period", [
    ("完成农村危房改造200户。", "全年完成农村危房改造200户；其中霍邱县12户因宅基地纠纷延至明年实施。", FY),
    ("建成口袋公园20个。", "截至11月底，全市已建成口袋公园20个，另2个因管线迁改顺延至明年春季施工。", M11),
    ("新建村级综合服务站50个。", "1-9月新建村级综合服务站52个，城北片区3个站点推迟至10月开工。", Q3),
    ("完成中小学校舍维修改造30所。", "已完成中小学校舍维修改造30所。受汛期影响，室外运动场地改造延期至寒假实施。", M10),
    ("完成老旧小区改造40个。", "截至12月底共完成老旧小区改造40个，剩余配套路面恢复推迟到明年。", FY),
])
def test_a_completion_beside_a_deferral_is_flagged(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] != "completed" or (f["needs_review"] and LEFT in reasons(f)), f


def test_a_delay_already_past_is_no_deferral():
    # 开工推迟 with no later date: the cause of a lag overcome, nothing put off
    f = judge("完成老旧小区改造40个。", "受雨雪天气影响部分项目开工推迟，截至12月底已完成老旧小区改造40个。", FY)
    assert LEFT not in reasons(f), f


# ---------------------------------------------------------------------------------------------
# a task to cover all its units (全覆盖, 清零, 100%, 应X尽X) judged 定性推进 beside a share the cell states
# (sets 11, 14, 15: 占…总数的71.8%, 整改率89.1%, 办结率94.4%, 投保率达到100%): the share is a measurable claim

COVER = REVIEW_REASONS["coverage_share"]


@pytest.mark.parametrize("task,progress,period", [
    ("实现城乡居民医保参保全覆盖。", "截至6月底，全市城乡居民医保参保412万人，参保率98.6%。", H1),
    ("农村危房动态清零。", "1-9月排查发现农村危房216户，已完成改造198户，改造完成率91.7%。", Q3),
    ("开展规上工业企业安全生产检查全覆盖。", "一季度检查规上工业企业312家，占全市规上工业企业总数的27%。", "2024Q1"),
    ("适龄儿童免疫规划疫苗应种尽种。", "1-10月全市免疫规划疫苗接种率达到98.9%，累计接种56万剂次。", M10),
    ("完成存量违建拆除100%。", "截至11月底累计拆除存量违建1.2万平方米，拆除率达92%。", M11),
])
def test_a_coverage_task_beside_a_share_is_no_confident_qualitative(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] != "qualitative" or (f["needs_review"] and COVER in reasons(f)), f


@pytest.mark.parametrize("task,progress,period", [
    # a rate of change is no share of the units covered
    ("实现行政村5G网络全覆盖。", "今年新建5G基站320个，5G用户同比增长18%。", H1),
    # a task that covers nothing: its percentages are no share of it
    ("完善养老服务体系。", "全市养老机构入住率65%，新增护理型床位300张。", H1),
])
def test_no_coverage_share_without_a_coverage_task_and_a_share(task, progress, period):
    f = judge(task, progress, period)
    assert COVER not in reasons(f), f
