"""Issue #18, halts in more of their wordings: what a halting verb halts, and who ordered it.

- the list named before the verb (从省重点项目库中移出, 从年度计划中剔除) as after it (调出…计划);
- a manner between the verb and the works (取消单独建设, 不再单列实施);
- the works named between the verb and their word (停止扩建部分施工, 暂停主体结构施工): the task's
  when they name its thing or a stage of it, or an authority ordered the halt; another's when
  they name neither and nothing but a season or the weather stopped them (暂停水下作业);
- a phase of the works halted by an authority's order (上级部门通知暂停布展);
- an event named by its kind with a qualifier (今年线下展会取消, 该赛事今年停办);
- the agent's act opening the clause (经…研究，决定取消…): 决定 is no subject.
Each in several offices' wordings; the trap beside it keeps the boundary.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text

H1, Q3 = "2024H1", "2024Q3"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


ARCHIVE = "建成市档案馆新馆。"
EXPO = "举办第五届皖西农产品展销会。"


@pytest.mark.parametrize("task,progress", [
    (ARCHIVE, "项目已从省重点项目库中移出。"),
    (ARCHIVE, "根据省政府要求，项目已从年度计划中剔除。"),
    (ARCHIVE, "经市政府研究，该项目从年度重点项目清单中调出。"),
    ("建设开发区智慧园区综合服务平台。", "经管委会主任办公会研究，因该平台功能与市级平台重复，决定取消单独建设，相关功能并入市级平台。"),
    ("年内完成60岁以上农村老年人免费体检25万人。", "根据省卫健委通知，该项免费体检项目自今年起不再单列实施，纳入基本公共卫生服务统一开展。"),
    ("园区污水处理厂扩建工程完工。", "扩建工程于2月开工，受环评批复调整影响，管委会按要求停止扩建部分施工，待批复后复工。"),
    ("推进新院区二期建设，年内完成主体结构封顶。", "二期已完成桩基施工。省卫健委要求在复核意见下达前暂停主体结构施工。"),
    ("建成大别山革命历史纪念馆新馆。", "纪念馆主体工程已完成，因布展内容需重新审查，上级部门通知暂停布展。"),
    ("建成市科技馆新馆。", "按照省文旅厅要求，科技馆暂停展陈施工，待方案调整后再行实施。"),
    (EXPO, "按照省商务厅统一安排，今年线下展会取消，改为线上推介。"),
    (EXPO, "按上级要求，本届展会暂缓举办。"),
    ("举办2024六安马拉松。", "该赛事今年停办。"),
    ("完成县级水源地划定报批7个。", "划定方案已编制完成。省生态环境厅通知各地暂缓报批，待新规范发布后修改完善。"),
])
def test_a_halt_in_these_wordings_blocks_the_task(task, progress):
    assert judge(task, progress)["status"] == "blocked"


@pytest.mark.parametrize("task,progress", [
    ("完成全市小型水库除险加固18座。", "18座小型水库主体工程均已完工。下游堤防加固因鱼类洄游期暂停水下作业，不影响水库蓄水运行。"),
    ("建成淠河二桥。", "大桥主塔已封顶，因汛期水位上涨暂停水中墩施工，汛后恢复。"),
])
def test_a_pause_of_works_the_task_does_not_name_is_no_halt(task, progress):
    assert judge(task, progress, Q3)["status"] != "blocked"


def test_an_authority_halting_the_works_inside_the_thing_blocks_it():
    got = judge("建成投用市民健身中心游泳馆。", "游泳馆主体完工。因消防设计变更，市住建局叫停内部装修施工。")
    assert got["status"] == "blocked"


def test_some_of_the_count_deferred_by_order_is_a_part_not_the_task():
    got = judge("新建城市书房20个。", "已建成城市书房8个。另有5个因选址调整，经市文旅局研究暂缓建设。")
    assert got["status"] == "behind" and got["needs_review"]


def test_a_halt_of_the_event_named_by_its_kind_decides_confidently():
    got = judge(EXPO, "按照省商务厅统一安排，今年线下展会取消，改为线上推介。下一步，将用足用好各项支持政策。", "2025H1")
    assert (got["status"], got["needs_review"]) == ("blocked", False)


@pytest.mark.parametrize("task,progress,period", [
    ("淠河干流河道采砂规划内年度采砂量120万吨。",
     "鉴于部分河段河床下切，市政府常务会议决定，自4月1日起全面叫停淠河干流采砂作业，已开采的38万吨砂石统一收储。", "2024M8"),
    ("全年完成长江干流岸线采砂60万吨。", "按省水利厅通知，5月起停止长江干流采砂作业，此前已采砂21万吨。", "2024M8"),
])
def test_a_halt_of_the_tasks_own_works_named_in_full_decides_over_its_figures(task, progress, period):
    assert judge(task, progress, period)["status"] == "blocked"


def test_a_halt_of_some_named_before_in_a_cause_is_still_the_whole():
    # 部分 in the cause (部分河段河床下切) names no part of what is halted
    got = judge("全年完成长江干流岸线采砂60万吨。", "鉴于部分岸段崩岸风险突出，市政府决定全面叫停长江干流采砂作业。", "2024M8")
    assert got["status"] == "blocked"


@pytest.mark.parametrize("task,progress", [
    (ARCHIVE, "省发改委不予批准项目可研，项目无法推进。"),
    (ARCHIVE, "项目建设方案经市政府常务会议审议被否决。"),
    ("举办第五届六安茶文化节。", "根据省委巡视整改要求，今年节会活动一律暂停。"),
    ("举办2024六安马拉松。", "受高温天气影响，主办方决定取消本次赛事。"),
    ("举办第五届皖西农产品展销会。", "按省商务厅通知，停办本届展会。"),
    ("新建改建公共厕所60座。", "根据上级通知，公厕建设计划暂停执行，上半年已建成12座。"),
])
def test_refusals_and_halts_of_the_event_or_plan_by_other_names(task, progress):
    assert judge(task, progress)["status"] == "blocked"


@pytest.mark.parametrize("task,progress", [
    (ARCHIVE, "因雨季影响，项目施工进度放缓。"),
    (ARCHIVE, "项目施工一度暂停，目前已全面复工。"),
    (ARCHIVE, "取消原设计中的地下车库，调整为地面停车。"),
    ("举办第五届六安茶文化节。", "已举办茶文化节分会场活动3场，主会场活动因场地调整取消。"),
])
def test_a_slowdown_a_lifted_pause_or_a_part_cancelled_is_no_halt_of_the_task(task, progress):
    assert judge(task, progress)["status"] != "blocked" or judge(task, progress)["needs_review"]
