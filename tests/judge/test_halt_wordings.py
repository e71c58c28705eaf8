"""Issue #18, halts and waits decided by words alone (no figure): who is halted, by whom, and what
an outside act holds back.

- the task named again by a determiner and its classifier (该项工作, 此项任务, 这一工作) is the task,
  as 该项目 and 上述工作 are: a halt said of it halts the task;
- a determiner before another noun (该项补贴暂停发放) names that thing, no halt of the task.
Each in several offices' wordings and tasks of several kinds; the trap beside it keeps the boundary.
"""

from __future__ import annotations

import pytest

from helpers.judge.status import judge_text

H1, FY = "2024H1", "2024FY"


def judge(task: str, progress: str, period: str = H1) -> dict:
    return judge_text(task, progress, period)[0]


@pytest.mark.parametrize("task,progress,period", [
    ("新建改建农村公路74公里", "3月，经市政府常务会议研究，该项工作调出年度计划。", H1),
    ("建成投用县人民医院新院区", "项目可研已编制完成，根据国家有关部门要求，该项工作已被叫停。", H1),
    ("建设口袋公园52个", "此项任务因上级审批权限调整，经省住建厅同意延期实施。", FY),
    ("建成城东综合能源站", "按照省能源局通知要求，这项工作暂缓实施。", "2024Q3"),
    ("印发《县域普通高中振兴行动实施方案》", "根据省教育厅统一部署，这一工作暂停推进，待国家文件出台后再行研究。", H1),
])
def test_a_halt_said_of_the_task_named_again_blocks_it(task, progress, period):
    got = judge(task, progress, period)
    assert got["status"] == "blocked", got


def test_a_determiner_before_another_noun_names_that_thing():
    got = judge("新增城镇就业2万人。", "上半年全市新增城镇就业1.3万人。该项补贴暂停发放，待省里新政策出台。")
    assert got["status"] == "ahead", got


@pytest.mark.parametrize("task,progress,period", [
    ("开工建设龙潭抽水蓄能电站进场道路", "项目可研已编制完成，该项工作因上级审批权限调整，经省发展改革委同意延期实施。", FY),
    ("建成城北污水处理厂三期工程", "前期手续已办结，该工程受全省污水处理规划调整影响，按省住建厅要求暂缓实施。", FY),
    ("新建公共充电桩1200个", "选址已全部完成，该项目因电网容量不足，根据市政府决定暂停建设。", "2024Q3"),
])
def test_a_halt_ordered_in_a_clause_of_its_own_is_said_of_the_clause_before(task, progress, period):
    """经…同意延期实施 has no subject of its own: it is said of the clause before it (该项工作), not of the
    sentence's first clause (项目可研已编制完成, a step)."""
    assert judge(task, progress, period)["status"] == "blocked"


def test_a_clause_opened_by_a_date_keeps_the_sentences_subject():
    got = judge("建成市青少年校外活动中心。", "主体工程已完工，内部布展与设备调试正在推进，6月28日举行开馆仪式，暑期起向全市中小学生免费开放。")
    assert got["status"] == "completed"


@pytest.mark.parametrize("task,progress,period", [
    ("年内完成高新区化工园区扩区认定。", "扩区申请已于5月上报省化工园区认定管理工作领导小组办公室。8月，省里通知全省化工园区扩区工作暂停受理，我区申请退回。", "2024M9"),
    ("完成经开区扩区调区。", "调区方案已报省商务厅。按照国务院部署，全省开发区扩区调区工作暂停受理。", "2024Q3"),
    ("建设城南垃圾焚烧发电二期项目。", "省发展改革委在全省生活垃圾处理设施布局调整中明确，城南焚烧二期不再列入“十四五”规划，项目已停止前期工作。", FY),
    ("建设北环快速路东延段。", "经省交通运输厅研究，东延段不再列入省综合交通规划。", H1),
    ("开工建设城西物流园。", "受用地指标调整影响，根据市政府要求，项目暂停相关工作。", H1),
    ("实施城区燃气管道“带气”改造工程。", "因一季度发生燃气泄漏事故，市安委会责令全市暂停带气作业类改造，已完成的12.6公里管道正在开展安全评估。", "2025H1"),
    ("完成老旧小区外墙保温改造。", "因保温材料抽检不合格，市住建局通知暂停外墙保温改造，待材料复检后再行实施。", "2024Q3"),
])
def test_an_authority_halting_the_tasks_procedure_or_works_blocks_it(task, progress, period):
    """An authority and a halting verb applied to the task's procedure (扩区工作暂停受理), its place on a plan
    (不再列入…规划), its own work (停止前期工作, 暂停相关工作) or its works (暂停…改造)."""
    assert judge(task, progress, period)["status"] == "blocked"


@pytest.mark.parametrize("task,progress", [
    ("新增城镇就业2万人。", "上半年全市新增城镇就业1.3万人。市公积金中心暂停受理异地贷款申请。"),
    ("新建城市公园3个。", "已建成城市公园2个。周边部分楼宇因雨季暂停外立面改造。"),
])
def test_a_halt_of_something_the_task_does_not_name_leaves_it_measured(task, progress):
    assert judge(task, progress)["status"] != "blocked"


@pytest.mark.parametrize("task,progress,period", [
    ("完成全县地表水断面水质考核目标。", "因8月以来的持续干旱，三个省控断面监测数据需经省生态环境监测中心复核，9月考核结果尚未下发。", "2024M9"),
    ("全年空气质量优良天数比例达到85%。", "上半年监测数据需经省生态环境厅审核后发布。", H1),
    ("完成年度耕地保护目标责任考核。", "年度考核结果省里尚未下发。", FY),
])
def test_data_or_a_result_held_by_an_outside_check_is_awaited(task, progress, period):
    """需经…复核/审核 (an outside body's check the result needs) and 尚未下发 (a result not handed down) are
    waits, like 尚需…审定 and 尚未下达."""
    assert judge(task, progress, period)["status"] == "pending"


def test_a_check_after_works_still_going_on_is_no_wait_yet():
    got = judge("全年补充耕地2000亩。", "各县区已申报补充耕地项目41个，均在施工中，竣工后需经省级复核确认新增耕地数量。", "2024Q3")
    assert got["status"] != "pending"


@pytest.mark.parametrize("task,progress", [
    ("县级公立医院新院区上半年实现主体结顶。",
     "新院区主体工程已于5月28日结顶。受县财政资金调度影响，暂缓拨付部分设备采购奖补资金，不影响工程进度。"),
    ("市妇幼保健院新院年内主体封顶。", "项目主体结构已于6月全部封顶，目前正在进行砌体施工。"),
    ("实现体育中心主体结构封顶。", "体育中心主体结构6月20日顺利封顶。"),
])
def test_a_task_to_top_out_is_done_when_the_frame_is_topped(task, progress):
    """封顶/结顶 is the deliverable of a 主体封顶 task (a halt of an unrelated payment beside it is no halt)."""
    got = judge(task, progress)
    assert (got["status"], got["needs_review"]) == ("completed", False)


@pytest.mark.parametrize("task,progress,period", [
    ("建成市第二人民医院新院区。", "新院区主体结构已全部封顶，正在进行内部装修。", "2024Q3"),
    ("推进县医院新院区建设，年内主体封顶。",
     "门诊楼、医技楼已于8月封顶，住院楼施工至第14层（共16层），力争10月底全部封顶。医疗设备采购清单已报县卫健委审核。", "2024Q3"),
])
def test_topping_out_of_a_building_task_or_of_some_buildings_is_not_the_task_done(task, progress, period):
    """封顶 is a stage of a 建成 task; two of three buildings topped is a part; a procurement list before a
    county bureau is the city's own step, no outcome awaited."""
    assert judge(task, progress, period)["status"] not in ("completed", "pending")


def test_a_task_to_top_out_not_topped_at_the_years_end_is_behind():
    assert judge("县医院新院区年内主体封顶。", "住院楼主体施工至第12层（共16层），预计明年3月封顶。", FY)["status"] == "behind"


@pytest.mark.parametrize("task,progress", [
    ("组建六安市教育发展基金会。", "基金会章程、发起人协议已拟定，民政部门登记审查中，年内未能完成注册登记。"),
    ("实现县域首家上市企业“零”的突破。", "拟上市企业已于11月向深交所提交首发申请并获受理，目前处于问询阶段。"),
    ("成立市级文旅投资集团公司。", "组建方案已报市政府，公司章程正在起草，注册资本金尚未到位。"),
    ("筹备召开全市民营经济发展大会。", "大会筹备方案已经市委常委会审议通过，会议时间拟安排在明年一季度。"),
])
def test_a_task_of_one_act_not_reported_done_at_the_years_end_is_behind(task, progress):
    """Only steps towards the act (章程拟定, 提交申请, 方案审议) when the year is over: not done is behind."""
    assert judge(task, progress, FY)["status"] == "behind"


@pytest.mark.parametrize("task,progress,period,want", [
    ("成立市级文旅投资集团公司。", "组建方案已报市政府，公司章程正在起草。", "2024Q3", "qualitative"),
    ("组建六安市教育发展基金会。", "基金会已于11月完成注册登记并正式成立。", FY, "completed"),
])
def test_steps_before_the_years_end_or_the_act_done_are_not_behind(task, progress, period, want):
    assert judge(task, progress, period)["status"] == want


@pytest.mark.parametrize("progress", [
    "1-6月，完成年度改革任务清单编制，明确改革事项12项。",
    "上半年已完成年度任务分解，逐项明确责任单位。",
])
def test_the_years_work_as_a_papers_modifier_is_that_paper_done(progress):
    """完成年度改革任务清单编制, 完成年度任务分解: the list or the split of the year's work, not the work done."""
    got = judge("深化要素市场化配置改革，提升要素保障水平。", progress)
    assert got["status"] != "completed"


@pytest.mark.parametrize("task,progress,period", [
    ("村庄清洁行动覆盖所有行政村。", "全年组织开展村庄清洁行动4轮次，覆盖全市1790个行政村，清理农村生活垃圾5.6万吨。", FY),
    ("农村电商服务站点覆盖所有乡镇。", "截至9月底，电商服务站点已覆盖全县21个乡镇。", "2024Q3"),
    ("年内实现义务教育阶段课后服务全覆盖。", "秋季学期开学后，全市1126所义务教育学校全部开展课后服务，学生参与率94.6%。", "2024Q3"),
])
def test_a_coverage_said_of_every_unit_is_reached(task, progress, period):
    """覆盖所有X is a coverage to reach, as 实现…全覆盖 is: reached when the whole area's units are said covered
    (覆盖全市1790个行政村) or all of them have it (全部开展)."""
    assert judge(task, progress, period)["status"] == "completed"


@pytest.mark.parametrize("progress", [
    "电商服务站点已覆盖全县21个乡镇中的15个。",
    "电商服务站点已覆盖全县80%的乡镇。",
    "金安区、裕安区电商服务站点已覆盖所有乡镇，其余县区正在推进。",
])
def test_a_coverage_of_some_units_is_not_reached(progress):
    assert judge("农村电商服务站点覆盖所有乡镇。", progress, "2024Q3")["status"] != "completed"


@pytest.mark.parametrize("task,progress", [
    ("印发《公共数据授权运营管理办法(试行)》", "5月11日，经市政府常务会议审议通过后正式印发。"),
    ("出台《城市公交运营服务管理办法》", "《办法》已于6月正式出台。"),
])
def test_a_use_word_inside_a_documents_title_asks_for_no_use(task, progress):
    """授权运营, 运营服务 in a title are its name: the document issued is the deliverable done."""
    assert judge(task, progress)["status"] == "completed"


@pytest.mark.parametrize("task,progress", [
    ("新建农产品冷链物流中心。", "受中央环保督察反馈问题整改影响，项目选址涉及饮用水源保护区，已按要求停止建设并撤场。"),
    ("建设城北渣土消纳场。", "因选址不符合国土空间规划，根据市自然资源局意见，项目暂停施工并整改。"),
])
def test_a_halt_chained_to_its_consequence_is_still_the_halt(task, progress):
    assert judge(task, progress)["status"] == "blocked"


@pytest.mark.parametrize("progress", [
    "根据省人社厅统一安排，上半年参保数据需待全省社保信息系统切换完成后重新比对，现有数据暂不对外发布。",
    "受统计口径调整影响，上半年参保数据暂不向社会公布。",
])
def test_data_not_yet_made_public_is_awaited(progress):
    assert judge("全市职工基本养老保险参保人数达到85万人。", progress, "2025H1")["status"] == "pending"


@pytest.mark.parametrize("task,progress", [
    ("完成县级国土空间总体规划编制。", "《县国土空间总体规划(2021-2035年)》已经省政府批复同意，于11月正式公布实施。"),
    ("完成中心城区综合交通专项规划编制。", "《中心城区综合交通专项规划》已于10月印发实施。"),
])
def test_a_plan_to_draw_up_is_done_when_issued(task, progress):
    """A plan's drafting (规划编制) is done when the plan is issued or approved, as when it is drawn up."""
    assert judge(task, progress, FY)["status"] == "completed"


def test_a_plan_awaiting_its_approval_is_no_plan_issued():
    assert judge("完成县级国土空间总体规划编制。", "规划成果已形成，待省政府批复。", FY)["status"] == "pending"


@pytest.mark.parametrize("task,progress,want", [
    ("县级以上文明村镇占比达到65%。", "全县现有县级以上文明村镇148个，占比达67.3%，年度任务已提前完成。", ("completed", "on_pace")),
    ("完成农村户厕改造1.6万户。", "霍山县已完成年度任务。", ("qualitative",)),
])
def test_the_whole_county_opening_a_sentence_is_no_part(task, progress, want):
    """全县 opening a sentence is the whole a county's report speaks of; a named county (霍山县) is a part."""
    assert judge(task, progress)["status"] in want


@pytest.mark.parametrize("progress,want", [
    ("截至6月底全市重点项目累计完成投资601.2亿元，完成年度计划的50.1%，达到序时进度。从县区看，叶集区、经开区尚未达到时间过半要求。", "on_pace"),
    ("上半年全市完成投资540亿元，完成年度计划的45%。金寨县、霍山县已达到序时进度。", "behind"),
    ("上半年全市完成投资780亿元，占年度计划的65%；其中霍邱县、寿县未达到序时进度。", "ahead"),
])
def test_a_pace_verdict_said_of_some_counties_is_theirs_not_the_citys(progress, want):
    """叶集区、经开区尚未达到时间过半要求 is those districts' pace; the city's figure decides."""
    assert judge("全年完成重点项目投资1200亿元。", progress)["status"] == want


def test_a_pace_verdict_of_the_county_the_task_names_is_the_tasks():
    got = judge("霍邱县全年完成重点项目投资200亿元。", "霍邱县未达到序时进度，主要受用地指标影响。")
    assert got["status"] == "behind"


@pytest.mark.parametrize("task,progress,period", [
    ("建成全市一体化政务服务平台“一网通办”2.0版。", "平台2.0版已于12月20日正式上线运行，接入市直部门38个。", FY),
    ("建成智慧停车“一张网”管理平台。", "管理平台已于9月正式上线运行。", "2024Q3"),
])
def test_a_quoted_brand_inside_the_name_leaves_the_short_name_the_tasks(task, progress, period):
    assert judge(task, progress, period)["status"] == "completed"


@pytest.mark.parametrize("task,progress", [
    ("建成城北“口袋公园”。", "城南口袋公园已建成开放。"),
    ("建成城北污水处理厂“智慧水务”平台。", "城南污水处理厂平台已上线运行。"),
])
def test_another_thing_of_the_kind_stays_another(task, progress):
    assert judge(task, progress, "2024Q3")["status"] != "completed"


def test_an_approval_halted_in_a_list_of_acts_blocks_the_task():
    got = judge("推进城区公交线路优化调整，新开通线路5条。",
                "我局原计划一季度试开通2条夜间公交线路，因市政府决定暂停新增公交线路审批、待公交集团改革方案确定后统一调整，新线开通工作暂未启动。",
                "2024Q1")
    assert got["status"] == "blocked"


@pytest.mark.parametrize("progress", [
    "该工程6月上旬进场施工，已完成上游段部分疏浚。7月下旬起因汛期水位持续偏高，市防指下令暂停河道作业，至今未恢复。",
    "工程4月开工。8月中旬，县防汛抗旱指挥部下令暂停河道作业，施工船舶已撤离。",
])
def test_a_halt_ordered_by_a_command_body_blocks_the_task(progress):
    """防指, 指挥部 are authorities and 下令 their act, as 通知 and 责令 are; 下旬 is a time, no subject."""
    assert judge("实施淠河航道疏浚工程，年内完成疏浚18公里。", progress, "2024Q3")["status"] == "blocked"


def test_a_pause_of_other_works_by_the_season_alone_is_no_halt():
    got = judge("实施淠河航道疏浚工程，年内完成疏浚18公里。", "已完成疏浚14公里。7月下旬起因汛期水位持续偏高，暂停河道作业。", "2024Q3")
    assert got["status"] != "blocked"


@pytest.mark.parametrize("progress", ["因故延期至明年春季举办。", "受场馆改造影响，推迟到秋季举办。"])
def test_an_event_put_off_to_a_season_is_not_held(progress):
    assert judge("举办第二届大别山茶文化节。", progress, "2024Q3")["status"] != "completed"


@pytest.mark.parametrize("progress", ["公司已于3月完成工商注册并挂牌运营。", "公司已于3月完成工商注册。"])
def test_a_body_registered_or_opened_is_set_up(progress):
    assert judge("组建市城市更新投资公司。", progress)["status"] == "completed"


@pytest.mark.parametrize("task,progress,period", [
    ("新建5G基站1500个。", "因铁塔公司投资计划调整，该项任务推迟至明年实施。", FY),
    ("新建5G基站1500个。", "因铁塔公司投资计划调整，该项任务推迟至明年实施。", "2024Q3"),
    ("上线“皖西通办”移动政务服务平台", "因项目用地征收未完成，上线“皖西通办”移动政务服务平台延期至2025年实施。", FY),
])
def test_the_task_slipped_to_a_later_year_is_not_done_this_year(task, progress, period):
    """A slip of the task itself to a later year, by no authority's order, leaves the year's work undone:
    behind (ordered by an authority it is a halt, 受阻)."""
    assert judge(task, progress, period)["status"] == "behind"


@pytest.mark.parametrize("progress,period", [
    ("因铁塔公司投资计划调整，该项任务推迟至10月实施。", H1),
    ("因铁塔公司投资计划调整，该项任务推迟至2024年10月实施。", H1),
])
def test_a_slip_within_the_year_is_no_shortfall_yet(progress, period):
    assert judge("新建5G基站1500个。", progress, period)["status"] != "behind"


def test_a_slip_ordered_by_an_authority_is_a_halt():
    got = judge("新建5G基站1500个。", "经省通信管理局同意，该项任务推迟至明年实施。", "2024Q3")
    assert got["status"] == "blocked"


def test_a_task_of_one_act_reported_done_in_unread_words_is_not_due():
    """…已于11月18日在深交所创业板挂牌上市: a result in words no rule read is no shortfall at the year's end
    (it goes to review, never a confident 滞后)."""
    got = judge("实现县域首家上市企业“零”的突破。", "皖科新材已于11月18日在深交所创业板挂牌上市。", FY)
    assert got["status"] != "behind" and got["needs_review"]


@pytest.mark.parametrize("task,progress,period,want", [
    ("实现县域首家上市企业“零”的突破。", "皖科新材已于11月18日在深交所创业板挂牌上市，实现县域上市企业零的突破。", FY, "completed"),
    ("实现城区公交“一码通乘”。", "6月起城区公交实现“一码通乘”。", H1, "completed"),
    ("实现城区公交“一码通乘”。", "逐步实现城区公交“一码通乘”，目前已完成系统招标。", H1, "qualitative"),
    ("推行企业开办“一日办结”。", "推行企业开办“一日办结”改革，优化审批流程，压缩办理环节。", H1, "qualitative"),
])
def test_a_state_said_reached_by_shi_xian_in_a_result_clause(task, progress, period, want):
    """实现 + the task's state in a result clause is the state reached; 逐步实现, 推动实现 are ways towards it,
    and 推行 without 已/全面 is the work, not the state."""
    assert judge(task, progress, period)["status"] == want


@pytest.mark.parametrize("progress", [
    "赛事原定11月举办，因与省运会赛程冲突，经省体育局同意取消。",
    "赛事原计划10月举行，根据省体育局通知，暂缓举办。",
])
def test_the_events_kind_before_a_plan_undone_is_the_subject_of_its_halt(progress):
    """赛事原定11月举办: 原定 ends the subject (赛事), which the halt in the later clauses is said of."""
    assert judge("举办第三届六安茶谷马拉松。", progress, FY)["status"] == "blocked"


@pytest.mark.parametrize("progress", [
    "项目可研报告已报省发改委，待批准后开工建设。",
    "项目核准申请已报省能源局，尚需核准。",
])
def test_an_approval_awaited_in_other_words_is_a_wait(progress):
    assert judge("建设城西综合客运枢纽。", progress, "2024Q3")["status"] == "pending"


def test_an_approval_obtained_is_no_wait():
    got = judge("建设城西综合客运枢纽。", "项目可研报告已经省发改委批准，正在开展初步设计。", "2024Q3")
    assert got["status"] != "pending"


@pytest.mark.parametrize("progress", ["电站已于6月实现全容量并网发电。", "电站已于6月并网发电。"])
def test_a_power_station_feeding_the_grid_is_put_to_use(progress):
    assert judge("建成投用城南光伏电站。", progress)["status"] == "completed"


def test_a_title_awaiting_the_end_of_its_publicity_period_is_not_confidently_granted():
    got = judge("命名省级美丽乡村示范村20个。", "20个村已通过省级验收，正在公示，公示期满后正式命名。", "2024Q3")
    assert got["status"] == "pending" or got["needs_review"]


@pytest.mark.parametrize("task,progress", [
    ("建成省级农村电商示范县1个。", "正在省级公示，公示期满后由省政府命名。"),
    ("创建省级森林城镇2个。", "我县申报的2个镇已通过省林业局实地考核，目前正在公示，公示结束后由省绿化委员会正式授牌。"),
])
def test_the_granting_body_may_be_named_after_the_publicity_period(task, progress):
    """公示期满后由省政府命名: the body between the period's end and its act; still a wait, never 定性推进."""
    assert judge(task, progress, "2024Q3")["status"] == "pending"


@pytest.mark.parametrize("progress,want", [
    ("国家卫健委复审组已完成暗访，复审结果待国家爱卫办发文确认。", "pending"),
    ("12月，全国爱卫办发文确认我县为国家卫生县城。", "completed"),
])
def test_a_title_confirmed_by_an_authoritys_document(progress, want):
    """待…发文确认 awaits the title; …办发文确认我县为… grants it (the authority the subject, the city the object)."""
    assert judge("创建国家卫生县城。", progress, FY)["status"] == want


@pytest.mark.parametrize("task,progress,period,want", [
    ("新增上云企业670家", "2024年，新增上云企业725家。暂停审批新增燃煤锅炉项目。", FY, "completed"),
    ("新建城市停车泊位5000个。", "上半年新建停车泊位3100个。暂停审批新建高耗能项目。", H1, "ahead"),
])
def test_a_halt_of_other_additions_is_not_the_tasks(task, progress, period, want):
    """暂停审批新增燃煤锅炉项目 shares only the verb of additions (新增) with the task: another thing halted."""
    assert judge(task, progress, period)["status"] == want


@pytest.mark.parametrize("official,want", [("受阻", "blocked"), ("已完成", "completed")])
def test_the_reports_own_status_beats_a_deliverable_due_with_nothing_read(official, want):
    """At FY a deliverable with nothing read of it is due (滞后) — the weakest reading: the report's own status
    column, when it says otherwise, decides as it does for 定性推进 (flagged when it disagrees)."""
    got = judge_text("建成县级数字化城市管理平台", "前期已完成项目选址论证。目前项目未继续推进。", FY,
                     official_status=official, official_status_field="完成状态")[0]
    assert got["status"] == want


@pytest.mark.parametrize("progress,period,want", [
    ("大会方案已报市委审定，因议程调整改在2025年一季度召开。", FY, "behind"),
    ("受场馆检修影响，大会改期至明年3月召开。", FY, "behind"),
    ("受场馆检修影响，大会改期至11月召开。", "2024Q3", "qualitative"),
])
def test_an_event_moved_to_a_later_date_is_not_held(progress, period, want):
    assert judge("召开全市民营经济高质量发展大会。", progress, period)["status"] == want


@pytest.mark.parametrize("task,progress", [
    ("完成全县地下管网普查。", "普查外业测量已全部完成，内业数据处理正在推进，预计次年3月形成成果报告。"),
    ("完成第三次全国土壤普查县级任务。", "外业调查采样已全部完成，内业检测正在进行，计划明年2月形成最终成果。"),
])
def test_a_completion_in_words_with_the_result_promised_next_year_is_behind_at_the_years_end(task, progress):
    assert judge(task, progress, FY)["status"] == "behind"


def test_a_plans_own_period_in_its_title_is_no_promise():
    got = judge("完成全市国土空间总体规划编制报批。", "《六安市国土空间总体规划（2021—2035年）》已于11月经省政府批复实施。", FY)
    assert got["status"] == "completed"
