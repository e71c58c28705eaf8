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
