"""Issue #18, waits in more of their wordings (halts_and_waits.PENDING_GRAMMAR), and the city's own acts
that are none.

- the result as the outside act will fix it (结果以省级认定文件为准, 最终以…认定公布为准) — but a caveat on a
  figure's data (最终数据以统计部门反馈为准) leaves the figure to measure;
- an outside body's act set for a later date (省级评审会议安排在10月, 教育部实地核查计划于下半年开展,
  国家林草局的实地考核定于10月进行);
- the data being compiled by someone (数据正由市疾控中心汇总分析, 产量数据正由…调查队核算);
- the works allowed to start only after an outside act (需等待…下达投资计划后方可开工建设);
- the city's own notice to publish (招聘公告拟于4月发布, 培训方案将于5月发布) is no wait.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text

H1 = "2024H1"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period", [
    ("新增社会信用体系建设示范县（区）2个。", "舒城县、霍山县已向省发展改革委提交示范创建申报材料，结果以省级认定文件为准。", "2024M7"),
    ("创建全国义务教育优质均衡发展县1个。", "霍山县已通过省级督导评估，最终以国务院教育督导委员会认定公布为准。", H1),
    ("创建省级全域旅游示范区。", "验收材料已报省文旅厅，结果以省文旅厅公布名单为准。", H1),
    ("新增社会信用体系建设示范县（区）2个。", "两县已提交申报材料，省级评审会议安排在10月。", "2024M7"),
    ("创建全国义务教育优质均衡发展县1个。", "霍山县已上报教育部，教育部实地核查计划于下半年开展。", H1),
    ("创建国家森林城市。", "创建工作已通过省级初审，国家林草局的实地考核定于10月进行。", H1),
    ("义务教育阶段学生近视率较上年下降1个百分点。", "春季学期学生视力监测已完成，数据正由市疾控中心汇总分析，预计9月形成监测报告。", H1),
    ("全年粮食总产量稳定在70亿斤以上。", "夏粮已全部收获，全年产量数据正由国家统计局六安调查队核算。", H1),
    ("实施农村公路提质改造工程300公里。", "年度计划已编制上报，需等待省交通运输厅下达投资计划后方可开工建设。", H1),
])
def test_a_wait_in_these_wordings_is_pending(task, progress, period):
    assert judge(task, progress, period)["status"] == "pending"


@pytest.mark.parametrize("task,progress", [
    ("公开招聘中小学教师800名。", "一季度已完成岗位审核，招聘公告拟于4月发布。"),
    ("开展职业技能培训2万人次。", "培训方案将于5月发布，各县区正在组织报名。"),
])
def test_the_citys_own_notice_to_publish_is_no_wait(task, progress):
    assert judge(task, progress, "2024Q1")["status"] != "pending"


def test_a_caveat_on_the_figures_data_leaves_the_figure_to_measure():
    got = judge("完成水利投资45亿元。", "全年完成水利投资46.3亿元，最终数据以统计部门反馈为准。", "2024FY")
    assert got["status"] == "completed"


@pytest.mark.parametrize("progress", [
    "《办法》征求意见稿已公开征求意见，待社会意见汇总后提交市政府常务会议审议。",
    "已完成起草，待部门会签后报送市政府审定。",
])
def test_a_submission_still_to_come_awaits_nothing_yet(progress):
    assert judge("制定出台《六安市公共数据授权运营管理办法》。", progress, "2024M4")["status"] != "pending"


def test_a_draft_submitted_now_still_awaits_the_decision():
    assert judge("出台《六安市城市更新条例》。", "《条例》草案已提请市人大常委会审议。")["status"] == "pending"


@pytest.mark.parametrize("progress", [
    "年度任务清单共48项，已完成46项，剩余2项受企业投资意愿影响未能按期完成。",
    "清单事项大部分已完成，剩余事项结转明年实施。",
])
def test_work_left_at_the_years_end_is_no_confident_qualitative(progress):
    got = judge("推进‘无废城市’建设，完成年度建设任务清单。", progress, "2024FY")
    assert got["status"] != "qualitative" or got["needs_review"]


def test_work_left_mid_year_stays_plain_standing_work():
    got = judge("深化“放管服”改革，优化营商环境。", "已完成改革事项12项，剩余事项正在推进。", "2024H1")
    assert (got["status"], got["needs_review"]) == ("qualitative", False)


@pytest.mark.parametrize("task,progress", [
    ("创建国家森林城市。", "国家林草局正在审批。"),
    ("开工建设市档案馆新馆。", "项目用地报件已上报国务院，目前在审批中。"),
    ("创建国家森林城市。", "已通过国家级考核验收，静候命名。"),
    ("创建国家森林城市。", "已完成创建各项工作，等候国家林草局验收。"),
    ("创建国家森林城市。", "创建材料已上报，目前处于国家林草局审核中。"),
])
def test_an_outside_act_under_way_or_waited_for_in_other_verbs_is_pending(task, progress):
    assert judge(task, progress, "2024Q3")["status"] == "pending"


@pytest.mark.parametrize("task,progress", [
    ("开工建设市档案馆新馆。", "项目施工许可正在市住建局办理。"),
    ("创建国家森林城市。", "我市将于10月组织开展创建工作自评。"),
])
def test_the_citys_own_procedure_under_way_is_no_wait(task, progress):
    assert judge(task, progress, "2024Q3")["status"] != "pending"
