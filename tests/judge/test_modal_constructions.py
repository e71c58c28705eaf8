"""The status-bearing constructions of issue #18 that are not figures nor words of a result: a halt
of the task, a wait on an outside act, a stock level, a coverage reached, a target cut, the
report's own status column.

Each grammar is checked on sentences written for it in the reports' style (other subjects, verbs,
authorities and figures than any labelled set), so a test fails when a rule is a phrase list.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text

H1, Q1, Q3, M11, FY = "2024H1", "2024Q1", "2024Q3", "2024M11", "2024FY"


def judge(task: str, progress: str, period: str = H1, **kw) -> dict:
    return judge_text(task, progress, period, **kw)[0]


# ---------------------------------------------------------------------------------------------
# a halt of the task: its subject after a basis, a cause or an authority's act

@pytest.mark.parametrize("task,progress,period", [
    # the subject after an adverbial clause (根据…意见，项目选址…，已停止实施)
    ("建设城北垃圾转运站。", "根据省生态环境厅意见,项目选址不符合要求,已停止实施。", Q3),
    ("建设城东消防站。", "按照市政府债务化解要求,项目资金无法落实,已暂缓建设。", H1),
    # an authority's act of communication before what it acts on (国家发改委通知项目暂缓审批)
    ("开工建设淠河航道整治工程。", "国家发改委通知项目暂缓审批,开工计划推迟至2025年。", Q3),
    ("建设市级应急物资储备库。", "省应急管理厅函告该项目停止实施,相关资金收回。", Q3),
    # the family's other verbs: an event called off (停办), a service stopped (停运)
    ("举办2024年六安茶谷马拉松。", "按照上级统筹要求,今年马拉松赛事停办。", Q3),
    ("开通六安至合肥城际旅游专线。", "专线试运行一个月后因客流不足已停运。", Q3),
])
def test_a_halt_of_the_task_after_a_basis_or_an_authority(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] == "blocked", f


@pytest.mark.parametrize("task,progress,status", [
    # the halt is of a step inside the works, with an object of its own: the works go on
    ("建成城东污水处理厂二期。", "项目主体工程已完工,因汛期暂停管网顶管作业10天,目前设备安装正在推进。", "qualitative"),
    # some of the count halted beside a count done: a part, the count measures the pace
    ("推进老旧小区改造40个。", "已开工改造32个,另有2个小区因居民意见不统一暂缓改造。", "ahead"),
    # the task's own aim is the halting verb: it reports the work
    ("减少行政审批事项,取消市级审批事项20项。", "上半年已取消市级审批事项12项。", "ahead"),
])
def test_a_halt_that_is_not_the_tasks(task, progress, status):
    assert judge(task, progress)["status"] == status


# ---------------------------------------------------------------------------------------------
# a wait on an outside act: papers sent to whoever decides, a decision not fixed yet

@pytest.mark.parametrize("task,progress,period", [
    ("通过国家生态文明建设示范市复核。", "复核材料已于5月报送生态环境部,现场核查时间尚未确定。", H1),
    ("通过国家卫生城市复审。", "按标准逐项自查整改,复审材料已上报全国爱卫办。", Q1),
    ("争创国家级农业现代化示范区。", "申报材料已通过省农业农村厅审核并上报农业农村部,目前正在评审。", Q3),
    ("创建省级全民运动健身模范市。", "创建工作已全部完成,验收申请已于8月报请省体育局。", Q3),
    ("新增国家级专精特新“小巨人”企业10家。", "组织36家企业申报,已通过省级推荐,工信部公示名单预计11月公示。", Q3),
    ("新增省级示范家庭农场50家。", "各县区推荐申报72家,省级评定工作正在进行。", Q3),
    ("PM2.5平均浓度控制在35微克/立方米以内。", "全年数据需待省生态环境厅统一核算后公布,预计可完成目标。", M11),
])
def test_a_wait_on_an_outside_act_is_pending(task, progress, period):
    f = judge(task, progress, period)
    assert f["status"] == "pending", f


def test_no_wait_once_the_decision_came_after_the_papers():
    f = judge("争创国家级农业现代化示范区。", "申报材料已于3月上报农业农村部,6月正式获批国家级农业现代化示范区。", Q3)
    assert f["status"] != "pending"


@pytest.mark.parametrize("task,progress,status", [
    # a preliminary approval's papers await a step, not the task's outcome
    ("建成市职业技术学院新校区。", "新校区选址已确定,完成规划设计方案比选,土地报批材料已上报。", "qualitative"),
    # words that hold 待 or 等 and are no wait (待遇, 接待, 期待)
    ("提高退役军人待遇保障水平。", "上半年发放各类优抚待遇资金1.2亿元,提高部分优抚对象抚恤补助标准。", "qualitative"),
    ("提升游客接待能力,全年接待游客5000万人次。", "前三季度全市接待游客4300万人次,同比增长9%。", "ahead"),
    ("优化营商环境。", "企业对营商环境改善充满期待,市数据局组织开展政策宣讲12场。", "qualitative"),
])
def test_no_wait_when_decided_or_a_step_or_a_word_holding_dai(task, progress, status):
    assert judge(task, progress, Q3)["status"] == status
