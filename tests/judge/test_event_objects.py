"""Issue #18, what a completion is said of: an event held, a step or a preparation done is the task's
deliverable only when its object (what was held, what was completed) is the task's own thing.

A meeting or a ceremony about an event (筹备工作会议, 新闻发布会, 启动仪式, 推介会), named as the
subject before the verb or as the object after it, held, is not the event held; a preparation
(筹备, 准备, 倒计时) or a step done is not the deliverable done. Each is checked in several offices'
wordings (subject first or object first, counted or not, another event kind) beside the
deliverable itself said done, so the rule is the family, not the sentence.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text

H1, Q3 = "2024H1", "2024Q3"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


FESTIVAL = "举办第五届六安茶文化节。"
CONGRESS = "召开全市民营经济高质量发展大会。"
GAMES = "举办全市第五届运动会。"


@pytest.mark.parametrize("task,progress", [
    (FESTIVAL, "已召开茶文化节筹备工作会议，成立组委会。"),
    (FESTIVAL, "已举行茶文化节新闻发布会。"),
    (FESTIVAL, "已举办茶文化节启动仪式。"),
    (FESTIVAL, "成功召开茶文化节招商推介会。"),
    (FESTIVAL, "4月10日，茶文化节新闻发布会在北京举行。"),
    (CONGRESS, "已召开大会筹备工作专题会议2次。"),
    (CONGRESS, "市政府召开大会筹备协调会三次，明确任务分工。"),
    (GAMES, "已举行运动会倒计时100天启动仪式。"),
    (GAMES, "运动会新闻发布会已顺利召开。"),
])
def test_a_meeting_about_the_event_held_is_not_the_event(task, progress):
    assert judge(task, progress)["status"] != "completed"


@pytest.mark.parametrize("task,progress", [
    (CONGRESS, "大会筹备工作已全部完成。"),
    (CONGRESS, "各项会务准备工作均已完成。"),
    (FESTIVAL, "茶文化节各项筹备工作已基本完成，定于10月开幕。"),
    ("建成城东商业综合体。", "开业前各项准备工作已全部完成。"),
])
def test_a_preparation_done_is_not_the_deliverable(task, progress):
    assert judge(task, progress)["status"] != "completed"


@pytest.mark.parametrize("task,progress", [
    (FESTIVAL, "第五届六安茶文化节于4月20日在六安成功举办，签约项目12个。"),
    (FESTIVAL, "4月20日，茶文化节在六安开幕，为期三天。"),
    (CONGRESS, "大会于5月16日顺利召开，市委市政府主要负责同志出席。"),
    (CONGRESS, "5月16日，全市民营经济高质量发展大会召开。"),
    (GAMES, "运动会已于5月胜利闭幕。"),
    ("举办全市运动会。", "市运会于5月顺利举行。"),  # 市运会 abbreviates 全市运动会: no side meeting
])
def test_the_event_itself_held_is_still_done(task, progress):
    got = judge(task, progress)
    assert (got["status"], got["needs_review"]) == ("completed", False)


def test_a_side_meeting_held_beside_the_event_leaves_the_event_decisive():
    got = judge(FESTIVAL, "3月召开茶文化节筹备工作会议，4月20日茶文化节在六安成功举办。")
    assert got["status"] == "completed"


@pytest.mark.parametrize("task,progress", [
    (FESTIVAL, "已召开茶文化节筹备工作会议。"),
    (CONGRESS, "大会筹备工作已全部完成。"),
])
def test_a_side_meeting_or_a_preparation_understood_is_no_residual_signal(task, progress):
    # understood as a step, it is no status word left unread: qualitative without a flag
    got = judge(task, progress)
    assert (got["status"], got["needs_review"]) == ("qualitative", False)


# ---------------------------------------------------------------------------------------------
# the families' done forms in more words: issued (制发, 正式发文, 签发), held (鸣枪, 落下帷幕, 揭幕),
# a plan approved (获…批准实施), a body set up (完成设立), the works done in full (完成全部建设内容),
# the ceremony of the thing's own event held (举行开馆仪式), a paper task passing its review

ORDINANCE = "出台《六安市物业管理办法》。"


@pytest.mark.parametrize("task,progress", [
    (ORDINANCE, "已制发《六安市物业管理办法》。"),
    (ORDINANCE, "经市政府常务会议研究，《办法》已于4月20日正式发文。"),
    (ORDINANCE, "市政府已签发《六安市物业管理办法》，6月1日起施行。"),
    ("举办2024六安马拉松。", "赛事于3月24日鸣枪，1.5万名选手参赛。"),
    ("举办2024六安马拉松。", "2024六安马拉松于3月24日鸣枪起跑，参赛选手1.5万人。"),
    ("举办全市第五届运动会。", "运动会已于5月落下帷幕，共决出金牌300枚。"),
    ("举办第五届六安茶文化节。", "茶文化节于4月20日揭幕，为期三天。"),
    ("编制《六安市国土空间总体规划》。", "《规划》已获省政府批准实施。"),
    ("设立市级产业引导基金。", "产业引导基金已完成设立，规模20亿元。"),
    ("建成市急救中心指挥调度大楼。", "该项目已完成全部建设内容，具备使用条件。"),
    ("建成市图书馆新馆。", "新馆于5月18日举行开馆仪式，正式接待读者。"),
    ("完成G346改建工程可行性研究报告编制。", "可研报告已通过省交通运输厅组织的专家评审，并取得省发改委批复。"),
])
def test_a_deliverable_done_in_these_words_is_completed(task, progress):
    assert judge(task, progress, Q3)["status"] == "completed"


@pytest.mark.parametrize("task,progress", [
    (ORDINANCE, "已制发《六安市物业服务质量提升行动方案》。"),  # another document
    ("建成市图书馆新馆。", "已举行新馆开工仪式，正在进行基础施工。"),  # a start's ceremony builds nothing
    ("建成G346改建工程。", "可研报告已通过专家评审，并取得省发改委批复。"),  # a step of the works
    ("完成G346改建工程可行性研究报告编制。", "可研报告编制已完成初稿，正在征求意见。"),
    ("举办第五届六安茶文化节。", "茶文化节定于10月揭幕，筹备工作有序推进。"),  # a date fixed for later
])
def test_the_same_words_of_something_else_are_no_completion(task, progress):
    assert judge(task, progress, Q3)["status"] != "completed"


# ---------------------------------------------------------------------------------------------
# a completion said of a part of the event, a trade of the works, another kind of document, or the
# steps a back-pointing subject (上述工作) sums up

@pytest.mark.parametrize("task,progress", [
    (FESTIVAL, "茶文化节系列活动之一“茶乡行”已于5月成功举办。"),
    (FESTIVAL, "茶文化节首场推介活动已在上海成功举办。"),
    (GAMES, "运动会首批比赛项目（足球、篮球）已于6月举行，其余项目9月开赛。"),
    (GAMES, "运动会青少年组比赛已顺利举行。"),
    ("举办2024六安马拉松。", "马拉松系列赛第二站已于5月举行。"),
    ("建成市体育中心游泳馆。", "游泳馆钢结构工程已全部完工，幕墙施工进入尾声。"),
    ("建成淠河二桥。", "大桥桩基工程已全部完成，正在进行墩柱施工。"),
    ("建成合六叶高速公路。", "路面工程已全部完成，正在开展交工验收前的各项准备工作。"),
    ("建成城南污水处理厂。", "项目主体工程已全部完成，设备正在调试。"),
    ("建成市体育中心游泳馆。", "游泳馆已完成竣工验收备案资料整理。"),
    (ORDINANCE, "《办法》配套的3项制度已印发实施。"),
    (ORDINANCE, "已出台配套的物业收费实施细则，《办法》正在修改。"),
    ("建成市急救中心指挥调度大楼。", "项目选址、立项、可研批复等前期工作均已办结，上述工作已全部完成。"),
    ("建成市急救中心指挥调度大楼。", "完成项目选址和用地预审。以上工作均已按期完成，计划四季度开工。"),
], ids=range(14))
def test_a_completion_of_a_part_a_trade_or_another_document_is_not_the_task(task, progress):
    assert judge(task, progress, Q3)["status"] != "completed"


@pytest.mark.parametrize("task,progress", [
    (ORDINANCE, "该《办法》已正式印发。"),
    (FESTIVAL, "本届茶文化节于5月18日开幕，为期5天。"),
    ("建成淠河二桥。", "大桥桩基、墩柱、桥面工程全部完成，6月28日建成通车。"),
    ("建成市急救中心指挥调度大楼。", "大楼主体、装修、设备安装全部完成。上述工程已于6月通过竣工验收并投入使用。"),
])
def test_the_whole_said_done_beside_its_parts_is_still_done(task, progress):
    assert judge(task, progress, Q3)["status"] == "completed"


@pytest.mark.parametrize("task,progress", [
    ("建成市急救中心指挥调度大楼。", "大楼已建设完毕，8月移交市急救中心。"),
    ("建成淠河二桥。", "大桥已实现主线贯通，9月28日正式通车。"),  # 大桥: the task's bridge named generically
    ("开工建设市档案馆新馆。", "项目已于3月正式破土。"),
    ("开工建设市档案馆新馆。", "项目已开始施工，完成桩基30根。"),
    (ORDINANCE, "《办法》已经市政府同意并对外公布。"),
    (ORDINANCE, "《办法》已正式生效。"),
    ("举办2024六安马拉松。", "赛事已于3月24日圆满完赛。"),
    (FESTIVAL, "茶文化节于5月举办完毕。"),
    ("组建市文旅投资集团公司。", "集团已组建到位，8月挂牌运营。"),
])
def test_more_done_forms_of_each_family(task, progress):
    assert judge(task, progress, Q3)["status"] == "completed"


@pytest.mark.parametrize("task,progress", [
    ("建成淠河二桥。", "淠河三桥已建成通车，二桥正在进行主塔施工。"),  # another bridge, named
    ("开工建设市档案馆新馆。", "项目计划9月开始施工，目前正在办理施工许可。"),
    (ORDINANCE, "《办法》拟于10月对外公布。"),
])
def test_the_same_done_forms_of_another_thing_or_later_are_not_done(task, progress):
    assert judge(task, progress, "2024H1")["status"] != "completed"


@pytest.mark.parametrize("task,progress", [
    (FESTIVAL, "局主要负责同志先后5次带队协调解决场地、安保等具体问题。上述工作已全部完成。"),
    ("建成市急救中心指挥调度大楼。", "完成用地预审和规划许可办理，以上工作均已按期完成。"),
])
def test_a_back_pointing_subject_after_other_work_is_that_works(task, progress):
    assert judge(task, progress)["status"] != "completed"


@pytest.mark.parametrize("task,progress", [
    (FESTIVAL, "第五届茶文化节各项活动均按计划举办。上述工作已全部完成。"),
    ("建成市急救中心指挥调度大楼。", "大楼主体、装修、设备安装全部完成。上述工程已于6月通过竣工验收并投入使用。"),
])
def test_a_back_pointing_subject_after_the_task_is_the_tasks(task, progress):
    assert judge(task, progress)["status"] == "completed"


@pytest.mark.parametrize("progress", [
    "施工总承包招标已于5月完成开标，中标候选人公示期结束后即可开工。",
    "施工图审查完成后方可开工建设。",
])
def test_an_event_that_may_follow_another_has_not_happened(progress):
    assert judge("开工建设城东污水处理厂二期。", progress)["status"] != "completed"


@pytest.mark.parametrize("progress", [
    "工程全线建成通车。",
    "G312快速化改造工程全线建成通车。",
    "该工程已全线建成通车。",
])
def test_a_subject_before_quanxian_is_the_tasks_works(progress):
    got = judge("建成G312快速化改造工程。", progress, Q3)
    assert (got["status"], got["needs_review"]) == ("completed", False)


@pytest.mark.parametrize("progress", [
    "一标段已建成通车，二标段正在进行路面施工。",
    "城区段已全线贯通，东段尚未开工。",
])
def test_a_segment_opened_is_a_part(progress):
    assert judge("建成G312快速化改造工程。", progress, Q3)["status"] != "completed"


# ---------------------------------------------------------------------------------------------
# a title of another level, or a candidacy, is not the title

AREA = "创建国家全域旅游示范区。"


@pytest.mark.parametrize("task,progress", [
    (AREA, "我市已被评为省级全域旅游示范区。"),
    (AREA, "我市已入选国家全域旅游示范区创建名单。"),
    (AREA, "我市已获批创建国家全域旅游示范区。"),
    ("创建国家森林城市。", "我市已被命名为省级森林城市。"),
    ("争创省级文明城市。", "我市已被确定为省级文明城市创建单位。"),
])
def test_a_title_of_another_level_or_a_candidacy_is_not_the_title(task, progress):
    assert judge(task, progress, Q3)["status"] != "completed"


@pytest.mark.parametrize("task,progress", [
    (AREA, "我市被文化和旅游部认定为国家全域旅游示范区。"),
    (AREA, "文化和旅游部公布第三批国家全域旅游示范区名单，我市成功入选。"),
    ("创建省级全域旅游示范区。", "我市已被评为省级全域旅游示范区。"),
])
def test_the_title_of_the_tasks_level_is_the_title(task, progress):
    assert judge(task, progress, Q3)["status"] == "completed"
