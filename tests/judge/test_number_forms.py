"""Number forms a Chinese report writes for a result: a share in words of a hundred (百分之六十二), a
fraction (2/3), a multiple of the target (1.2倍), a half (一半以上), an approximation after the unit
(1.2万人左右, 260公里以上), 余 before a magnitude (1680余万人次). Each is read as the figure it is;
sentences are the seed's and the corpus's wordings with other subjects and figures."""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text

H1, Q3, FY = "2024H1", "2024Q3", "2024FY"
JOBS = "新增城镇就业2万人。"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("progress,period,status,pct", [
    ("上半年，新增城镇就业完成年度计划的百分之六十二。", H1, "ahead", 0.62),
    ("1-9月，全市新增城镇就业占全年目标任务的百分之七十二点五。", Q3, "behind", 0.725),
    ("上半年全市新增城镇就业人数超过年度目标任务的一半。", H1, "on_pace", 0.5),
    ("上半年，全市新增城镇就业达到全年任务的半数以上。", H1, "on_pace", 0.5),
    ("上半年全市新增城镇就业人数相当于全年计划的2/3。", H1, "ahead", 0.667),
    ("全年新增城镇就业人数为年度目标的1.15倍。", FY, "completed", 1.15),
    ("全年全市新增城镇就业完成目标任务的两倍多。", FY, "completed", 2.0),
])
def test_a_share_in_any_form_is_the_ratio(progress, period, status, pct):
    f = judge(JOBS, progress, period)
    assert f["status"] == status
    assert f["completion_pct"] == pytest.approx(pct, abs=0.001)


def test_a_multiple_of_last_year_is_no_ratio():
    # 同比增长1.2倍 is a growth: the figure measures the target (1.1万 of 2万)
    f = judge(JOBS, "上半年全市新增城镇就业1.1万人，同比增长1.2倍。")
    assert (f["status"], f["completion_pct"]) == ("on_pace", 0.55)


def test_a_fraction_before_a_unit_stays_a_count_done_of_a_plan():
    f = judge("完成老旧小区改造20个。", "上半年已完成12/20个。")
    assert (f["status"], f["completion_pct"]) == ("ahead", 0.6)


@pytest.mark.parametrize("task,progress,status,pct", [
    (JOBS, "上半年全市新增城镇就业1.2万人左右。", "ahead", 0.6),
    ("新建改建农村公路500公里。", "上半年新建改建农村公路260公里以上。", "on_pace", 0.52),
    ("新增返乡就业创业人员8万人。", "上半年，全市新增返乡就业创业人员5.3万余人。", "ahead", 0.6625),
    ("接待游客3000万人次。", "上半年全市接待游客1680余万人次，实现旅游收入152亿元。", "on_pace", 0.56),
])
def test_an_approximate_figure_is_read_with_its_words(task, progress, status, pct):
    f = judge(task, progress)
    assert f["status"] == status
    assert f["completion_pct"] == pytest.approx(pct)


def test_a_size_class_after_a_figure_is_no_approximation():
    # 5000万元以上项目: 以上 names the projects' class, and the 32 projects are the count
    f = judge("新开工5000万元以上项目60个。", "上半年新开工5000万元以上项目32个。")
    assert (f["status"], f["completion_pct"]) == ("on_pace", pytest.approx(32 / 60))


@pytest.mark.parametrize("task,progress,period,status", [
    ("孕产妇死亡率控制在12/10万以下。", "1-9月全市孕产妇死亡率为9.8/10万。", Q3, "on_pace"),
    ("孕产妇死亡率控制在12/10万以下。", "1-9月全市孕产妇死亡率为13.6/10万。", Q3, "behind"),
    ("甲乙类传染病报告发病率控制在200/10万以下。", "1-11月甲乙类传染病报告发病率为187.5/10万。", "2024M11", "on_pace"),
])
def test_a_rate_per_hundred_thousand_is_a_level(task, progress, period, status):
    assert judge(task, progress, period)["status"] == status


def test_the_years_task_done_to_a_share_is_that_share():
    # 完成年度任务近九成: a share of the task, not the task completed
    f = judge("新增治理水土流失面积80平方公里。", "1-9月新增治理水土流失面积七十点二平方公里,完成年度任务近九成。", Q3)
    assert (f["status"], f["completion_pct"]) == ("ahead", pytest.approx(70.2 / 80, abs=0.001))
    assert not f["needs_review"]


@pytest.mark.parametrize("task,progress,status,pct", [
    (JOBS, "上半年新增城镇就业1万2千人。", "ahead", 0.6),  # digits with magnitudes inside, never 2千 alone
    (JOBS, "上半年新增城镇就业万余人。", "on_pace", 0.5),  # a magnitude with no digit: one of it
    ("发放创业担保贷款2亿元。", "上半年发放创业担保贷款1亿2千万元。", "ahead", 0.6),
    ("新增技能人才2万人。", "上半年新增技能人才12000名。", "ahead", 0.6),  # people: 人 or 名
])
def test_compound_and_bare_magnitudes(task, progress, status, pct):
    f = judge(task, progress)
    assert (f["status"], f["completion_pct"]) == (status, pytest.approx(pct))


def test_several_tens_of_thousands_is_no_figure():
    assert judge(JOBS, "上半年新增城镇就业数万余人。")["completion_pct"] is None


@pytest.mark.parametrize("task,progress,pct", [
    ("新建改建公共厕所60座。", "上半年新建改建公共厕所33处。", 0.55),
    ("化解信访积案100件。", "上半年化解信访积案56宗。", 0.56),
    ("治理黑臭水体20条。", "上半年完成治理黑臭水体11处。", 0.55),
    ("新建幼儿园10所。", "上半年新建幼儿园6个。", 0.6),
])
def test_classifiers_of_one_family_count_one_thing(task, progress, pct):
    assert judge(task, progress)["completion_pct"] == pytest.approx(pct)


def test_the_targets_own_classifier_says_what_it_counts():
    # 学校厕所136座 counts toilets; the target's 所 counts schools: 58 of 120
    f = judge("完成义务教育学校厕所改造120所。", "上半年已完成改造学校厕所136座，涉及学校58所。")
    assert (f["status"], f["completion_pct"]) == ("behind", pytest.approx(58 / 120))


def test_households_are_not_facilities():
    f = judge("完成3000户困难家庭适老化改造。", "前三季度,全市共为困难老年人安装扶手、紧急呼叫器等适老化设施1.26万件(套)。", Q3)
    assert f["completion_pct"] is None


@pytest.mark.parametrize("progress,status,pct", [
    ("上半年新增城镇就业完成年度任务的近一半。", "behind", 0.48),  # nearly a half is less than a half
    ("上半年新增城镇就业任务完成近六成。", "on_pace", 0.58),  # the target, then its completion
    ("上半年全市新增城镇就业年度目标已完成52.3%。", "on_pace", 0.523),
])
def test_a_share_after_the_targets_completion(progress, status, pct):
    f = judge(JOBS, progress)
    assert (f["status"], f["completion_pct"]) == (status, pytest.approx(pct))


def test_some_tenths_and_more_stay_under_the_next_tenth():
    # 四成多 would say 五成 if it were half: behind at H1, no doubt about it
    f = judge(JOBS, "上半年新增城镇就业完成年度任务的四成多。")
    assert f["status"] == "behind" and not f["needs_review"]
