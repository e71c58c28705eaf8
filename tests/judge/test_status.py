"""The status rules on the seed's own sentences (2024 H1, 六安市), one test per rule and trap."""

from __future__ import annotations


import pandas as pd
import pytest

from helpers.judge.status import aggregate, judge, judge_text, official_code, ratio_status
from helpers.schema import INDICATOR_COLUMNS, TASK_COLUMNS
from helpers.statuses import REVIEW_REASONS, STATUS_ZH

H1 = "2024H1"

Q01 = ("新开工亿元以上项目170个以上、竣工120个以上。",
       "截至6月底,已开工项目145个,占全年目标任务的87.9%;已竣工项目62个,占全年目标任务的51.7%。")
Q06 = ("新增技能人才2万人。", "截至6月30日,全市新增技能人才14826人,完成年度任务的74.13%。")
Q07 = ("地区生产总值增长7.5%左右。",
       "上半年全市实现地区生产总值1077.8亿元,增长5.5%,高于全省0.2个百分点,居全省第4位。")
Q10 = ("生态环境质量完成省下达目标任务。",
       "1.大气:2024年,省下达六安市PM2.5年均浓度目标为34.5微克/立方米,优良天数比率年度目标为86%,"
       "重污染天数年度目标为0天。截至6月30日,六安市PM2.5平均浓度为40.5微克/立方米,优良天数比率为77.5%,"
       "重污染天数1天,未达到序时进度。\n"
       "2.水:(1)水断面水质任务完成情况:①国考断面:2024年1-6月,国考断面水质优良比例为90.9%,无劣V类断面,"
       "达到年度考核目标。②省考断面:2024年1-6月,省考断面水质优良比例为92%,无劣V类断面,达到年度考核目标。"
       "(2)减排任务完成情况:2024年上半年,化学需氧量重点工程累计减排11946吨(任务为8947吨),氨氮累计完成减排"
       "1554吨(任务为413吨),已超额完成年度减排任务。")
Q12 = ("社会消费品零售总额增幅高于全省平均。",
       "1-6月,全市社零增幅3.5%,低于全省平均0.6个百分点,居全省第11位,较一季度前进2位。")
Q15 = ("持续开展矿山生态修复治理,完成12个废弃矿山治理项目。",
       "2024年全市计划实施废弃矿山生态修复项目12个(均在霍邱县),修复面积80.35公顷;截至6月30日,已完成项目4个,"
       "完成修复面积14.76公顷,尚未达到时间过半、进度过半要求。")
Q16 = ("城镇常住居民人均可支配收入增幅高于全省平均水平、位次靠前。",
       "2024年上半年,我市城镇居民人均可支配收入增速3.6%,全省第13位,较一季度上升1位(全省平均增幅3.9%)。")
Q19 = ("争创国家级绿色工厂1-2家。", "已推荐7家企业申报国家级绿色工厂,预计12月份公布结果。")
Q24 = ("力争新增限上商贸主体150家以上。",
       "印发《关于开展优化商贸单位纳限和限下样本调整工作专项行动的通知》,开展商贸单位纳限和限下样本调整工作专项行动,"
       "建立拟纳限商贸单位培育库,对入库单位重点培育,力争新增限上商贸主体150家以上。")
Q25 = ("农村常住居民人均可支配收入增幅高于全省平均水平、位次靠前。",
       "上半年,全市农村居民人均可支配收入11186元,增速7%,高于全省0.3个百分点,位居全省第7位。")
Q26 = ("建设高标准农田52.2万亩。",
       "因省农业农村厅调减年度建设任务,全市2024年度高标准农田建设任务为46万亩,其中23万亩国债项目已全面开工,"
       "目前总体建设进度6.5%;22万亩中央财政补助资金项目已完成设计方案市级评审;1万亩中央预算内投资项目已下达市级批复,"
       "正在进行项目招标。")
Q32 = ("创建2个森林城镇、15个森林村庄。",
       "已将任务分解至县区,目前县区正在组织实施。但7月份省林业局告知目前森林城镇、森林村庄创建工作被国家有关部门叫停。")
Q35 = ("推进景区景点能级提升、旅游风景道建设,打造精品旅游线路,力争接待游客6500万人次,实现旅游综合收入520亿元。",
       "打造精品旅游线路40余条。1-6月份,全市共接待游客约3427万人次,实现旅游总收入约226亿元,分别同比增长7.55%和4.21%。")
G004 = ("推动六钢物流园、金寨光伏新能源智能制造基地等重大项目建设提速增效。",
        "推动全市540个亿元以上重点项目加快建设,1-6月份,全市亿元以上重点项目完成投资418.8亿元,占年度计划的63.2%,"
        "超序时进度13.2%。金寨光伏新能源智能制造基地、迎驾贡酒数字化循环经济产业园等项目进展快速。")
G001 = ("建成金安通用机场。",
        "金安通用机场主体工程已通过竣工验收,且已明确运营主体为安徽应流航空科技有限公司,并完成“六安金安通用机场管理有限公司”"
        "注册,具备运营条件。")
G012 = ("优化空间布局,突出“亩均论英雄”,全面盘活批而未供、供而未用、闲置和低效利用土地,不断提高容积率、投入产出效益。",
        "3.深入开展批而未供、闲置和城镇低效用地处置。截至6月30日,全市共处置批而未供土地4812.47亩,完成率7.9%,"
        "尚未达到时间过半、进度过半要求【上半年应达到12.5%】,处置闲置土地6862.36亩,已完成年度任务,"
        "盘活城镇低效用地2338.47亩,完成率61.82%。")
G078 = ("高标准推进县区法治政府示范创建。",
        "鉴于省级法治政府建设示范创建活动已暂停开展,市司法局将持续保持对接,不断夯实基层法治政府建设基础。")
G094 = ("深入推进农村人居环境整治,稳步提升卫生厕所普及率。",
        "以精品示范村创建为引领,持续深入推进农村人居环境整治提升,截至6月底,全市改厕竣工17957户,完成建设任务的48.52%。")
G143 = ("优化医保基金运行管理。",
        "4.建立风险预警机制。常态化监测分析住院率、转外率、次均住院费用等重点指标,对数据异常或严重超序时进度的县区进行调度预警。")
G069_PROMISE = ("强化退役军人服务保障。",
                "接收军队转业军官15人,安排工作退役士兵156人,预计9月底前完成年度安置任务。")
G053 = ("完善招商引资工作机制,加强市级统筹,压实县区、园区主体责任,强化市直单位服务保障。",
        "市委办公室、市政府办公室印发实施《关于做好2024年招商引资工作的若干措施》(六办〔2024〕10号),优化工作机制,明晰工作方向。")


def status(task_progress, period=H1, **kw):
    fields, _ = judge_text(*task_progress, period=period, **kw)
    return fields


def test_q01_two_stated_ratios_on_pace():
    f = status(Q01)
    assert f["status"] == "on_pace"
    assert f["completion_pct"] == pytest.approx(0.517)  # the least advanced part decides
    assert f["lag_pts"] == pytest.approx(-1.7)
    assert f["method"] == "stated_ratio"
    assert not f["is_mixed"]


def test_q01_parts_have_their_own_ratios():
    _, rows = judge_text(*Q01, period=H1)
    measured = {r["target_value"]: r["stated_ratio"] for r in rows if r["stated_ratio"] is not None}
    assert measured == {170.0: pytest.approx(0.879), 120.0: pytest.approx(0.517)}
    for r in rows:
        start, end = r["evidence_start"], r["evidence_end"]
        assert Q01[1][start:end] in r["evidence"]


def test_q06_stated_ratio_ahead():
    f = status(Q06)
    assert f["status"] == "ahead"
    assert f["completion_pct"] == pytest.approx(0.7413)


def test_ahead_margin_is_a_parameter():
    assert status(Q06, ahead_margin=0.30)["status"] == "on_pace"


def test_q07_growth_below_target_behind():
    f = status(Q07)
    assert f["status"] == "behind"
    assert f["method"] == "rate_target"
    assert "5.5%" in f["evidence"]


def test_q10_verdict_behind_and_mixed():
    f = status(Q10)
    assert f["status"] == "behind"
    assert f["is_mixed"]  # the water parts met their targets
    assert f["method"] == "verdict_phrase"
    assert "未达到序时进度" in f["evidence"]


def test_q12_below_provincial_average_behind():
    assert status(Q12)["status"] == "behind"


def test_q15_verdict_behind():
    f = status(Q15)
    assert f["status"] == "behind"
    assert f["completion_pct"] == pytest.approx(4 / 12)


def test_q16_own_rate_against_provincial_rate():
    assert status(Q16)["status"] == "behind"


def test_q25_above_provincial_average_on_pace():
    assert status(Q25)["status"] == "on_pace"


def test_q19_pending():
    # the 7 recommended firms are not 7 green factories: the result waits on the December list
    f = status(Q19)
    assert f["status"] == "pending"
    assert f["completion_pct"] is None


def test_q24_restated_target_measures_nothing_and_goes_to_review():
    tasks = _frame([("Q24", *Q24)])
    j = judge(tasks)
    assert j.tasks.loc[0, "status"] == "qualitative"
    assert [r["task_id"] for r in j.review] == ["Q24"]


def test_q26_behind_with_target_adjusted():
    f = status(Q26)
    assert f["status"] == "behind"
    assert f["is_target_adjusted"]
    assert f["completion_pct"] == pytest.approx(0.065)


def test_q32_halted_is_blocked():
    assert status(Q32)["status"] == "blocked"


def test_q35_one_part_behind_makes_task_behind_and_mixed():
    f = status(Q35)
    assert f["status"] == "behind"
    assert f["is_mixed"]
    assert f["completion_pct"] == pytest.approx(226 / 520)


def test_g001_deliverable_built_completed():
    assert status(G001)["status"] == "completed"


def test_g004_ahead_of_pace():
    f = status(G004)
    assert f["status"] == "ahead"
    assert f["completion_pct"] == pytest.approx(0.632)  # not the 13.2 points it is ahead by


def test_g012_behind_with_completed_part():
    f = status(G012)
    assert f["status"] == "behind"
    assert f["is_mixed"]
    assert f["completion_pct"] == pytest.approx(0.079)
    assert "尚未达到时间过半" in f["evidence"]


def test_g078_suspended_is_blocked():
    assert status(G078)["status"] == "blocked"


def test_g094_strictly_below_pace_is_behind():
    assert status(G094)["status"] == "behind"  # 48.52% at H1


def test_attributive_verdict_about_others_is_ignored():
    # 严重超序时进度的县区 describes the counties being warned, not this task
    assert status(G143)["status"] == "qualitative"


def test_a_promise_is_not_a_result():
    assert status(G069_PROMISE)["status"] != "completed"


def test_actions_only_qualitative():
    f = status(G053)
    assert f["status"] == "qualitative"
    assert f["method"] == "none"
    assert f["completion_pct"] is None and f["lag_pts"] is None


def test_q1_growth_below_target_behind():
    # 2024 Q1 report layout: one row per line; the growth rate alone decides
    f = status(("一般公共预算收入增长6%以上。", "一季度,全市一般公共预算收入52.6亿元,增长2.4%。"), period="2024Q1")
    assert f["pace"] == 0.25
    assert f["status"] == "behind"


def test_full_year_growth_beating_target_completed():
    task = ("地区生产总值增长8.5%左右。", "全年实现地区生产总值1923.5亿元,增长8.8%,高于全省0.5个百分点。")
    f = status(task, period="2021FY", official_status="已完成")
    assert f["pace"] == 1.0
    assert f["status"] == "completed"
    assert f["official_status_code"] == "completed"


def test_full_year_ratio_below_one_behind():
    f = status(Q06, period="2021FY")
    assert f["status"] == "behind"


@pytest.mark.parametrize("r,pace,expected", [
    (1.0, 0.5, "completed"), (0.6, 0.5, "ahead"), (0.5999, 0.5, "on_pace"), (0.5, 0.5, "on_pace"),
    (0.485, 0.5, "behind"), (0.25, 0.25, "on_pace"), (0.99, 1.0, "behind"), (0.536, 0.5, "on_pace"),
])
def test_ratio_status_boundaries(r, pace, expected):
    assert ratio_status(r, pace) == expected


def test_aggregate_order():
    assert aggregate(["ahead", "behind"]) == ("behind", True)
    assert aggregate(["behind", "pending"]) == ("behind", False)
    assert aggregate(["blocked", "on_pace"]) == ("blocked", False)
    assert aggregate(["completed", "on_pace", "ahead"]) == ("on_pace", False)
    assert aggregate(["pending", "qualitative"]) == ("pending", False)
    assert aggregate(["qualitative"]) == ("qualitative", False)
    assert aggregate([]) == ("qualitative", False)


def test_official_status_mapping():
    assert official_code("已完成") == "completed"
    assert official_code("未完成") == "behind"
    assert official_code("序时推进") == "on_pace"
    assert official_code(None) is None and official_code("  ") is None


def _frame(rows, period=H1, official=None):
    return pd.DataFrame({
        "task_id": [r[0] for r in rows], "task": [r[1] for r in rows], "progress": [r[2] for r in rows],
        "period": period, "official_status": official,
    })


def test_judge_frame_columns_and_disagreements():
    tasks = _frame([("Q07", *Q07), ("Q06", *Q06)], period="2021FY", official=["已完成", "已完成"])
    j = judge(tasks)
    for c in TASK_COLUMNS[-11:]:
        assert c.name in j.tasks.columns
    assert list(j.indicators.columns) == [c.name for c in INDICATOR_COLUMNS]
    assert set(j.indicators["task_id"]) == {"Q07", "Q06"}
    assert (j.tasks["status_zh"] == j.tasks["status"].map(STATUS_ZH)).all()
    assert (j.tasks["status_source"] == "rule").all()
    # both are behind at the year's end while the report says 已完成: listed, never overwritten
    assert {d["task_id"] for d in j.official_disagreements} == {"Q07", "Q06"}
    assert (j.tasks["official_status_code"] == "completed").all()
    assert (j.tasks["status"] == "behind").all()


def test_judge_keeps_input_columns_and_index():
    tasks = _frame([("Q01", *Q01), ("Q32", *Q32)])
    tasks["bureau"] = ["市发改委", "市林业局"]
    j = judge(tasks)
    assert list(j.tasks["bureau"]) == ["市发改委", "市林业局"]
    assert list(j.tasks["status"]) == ["on_pace", "blocked"]


# --- the whole seed through the parser ---------------------------------------------------------

@pytest.fixture(scope="module")
def seed_judgement(seed_path):
    from helpers.read.ingest import read_report
    from helpers.read.parse import parse_document
    from helpers.table import parsed_frame, resolve_period

    doc = read_report(seed_path)
    tasks, _ = parsed_frame(parse_document(doc), resolve_period(doc, None), seed_path.name)
    return judge(tasks)


def test_seed_named_tasks(seed_judgement):
    j = seed_judgement
    got = j.tasks.set_index("task_id")
    expected = {"Q01": "on_pace", "Q06": "ahead", "Q07": "behind", "Q10": "behind", "Q15": "behind",
                "Q19": "pending", "Q26": "behind", "Q32": "blocked", "G004": "ahead", "G012": "behind",
                "G078": "blocked"}
    assert {k: got.loc[k, "status"] for k in expected} == expected
    assert got.loc["Q10", "is_mixed"] and got.loc["G012", "is_mixed"]
    assert got.loc["Q26", "is_target_adjusted"]


def test_seed_tables_pass_their_schemas(seed_judgement):
    from helpers.schema import INDICATORS_SCHEMA, TASKS_SCHEMA, validate

    j = seed_judgement
    validate(j.tasks, TASKS_SCHEMA)
    validate(j.indicators, INDICATORS_SCHEMA)
    assert len(j.tasks) == 191
    # every evidence span points at its words in that task's progress text
    progress = j.tasks.set_index("task_id")["progress"]
    spans = j.indicators.dropna(subset=["evidence_start"])
    for r in spans.itertuples():
        assert progress[r.task_id][int(r.evidence_start):int(r.evidence_end)] in r.evidence


def test_seed_review_lists_numbers_no_rule_settled(seed_judgement):
    j = seed_judgement
    status = j.tasks.set_index("task_id")["status"]
    assert j.review, "the seed has target figures nothing measures (Q24)"
    flagged = set(j.tasks.loc[j.tasks["needs_review"], "task_id"])
    assert [e["task_id"] for e in j.review] == [t for t in j.tasks["task_id"] if t in flagged]
    unplaced = (REVIEW_REASONS["target_unmeasured"], REVIEW_REASONS["percent_unread"])
    for entry in j.review:
        assert entry["reason"] and entry["status"] == status[entry["task_id"]]
        if any(r in entry["reason"] for r in unplaced):
            assert entry["numbers"], entry  # the figures no rule placed are listed for the reader


def test_every_judgement_carries_needs_review_and_reason():
    # Q24: a target of 150家 that nothing in the text measures → review, with the reason
    f = status(Q24)
    assert f["needs_review"] is True and REVIEW_REASONS["target_unmeasured"] in f["review_reason"]
    f = status(Q06)
    assert f["needs_review"] is False and f["review_reason"] is None


def test_official_disagreement_needs_review_in_the_table():
    tasks = _frame([("Q07", *Q07), ("Q06", *Q06)], period="2021FY", official=["已完成", "未完成"])
    got = judge(tasks).tasks.set_index("task_id")
    assert got.loc["Q07", "needs_review"] and "已完成" in got.loc["Q07", "review_reason"]
    assert not got.loc["Q06", "needs_review"]  # behind at the year's end, and the report says 未完成
    assert got["needs_review"].dtype == bool


def test_official_status_wordings_of_other_reports():
    assert official_code("达序推进") == "on_pace"  # 开化县 2023 Q1
    assert official_code("达到时间进度") == "on_pace"  # 眉山市 2017 1-11月
    assert official_code("超额完成") == "completed"
    assert official_code("是", "是否达序") == "on_pace" and official_code("否", "是否达序") == "behind"
    assert official_code("是") is None  # a bare 是 without its header means nothing


def test_a_row_the_report_cuts_off_is_flagged_whatever_the_rules_read():
    # Q06 of the seed, cut mid-sentence as the end of an excerpt cuts it: the ratio read (74.13%)
    # is still read, but from part of the text, so the judgement waits for a researcher
    cut = Q06[1][: Q06[1].index("%") + 1]
    tasks = _frame([("Q06", Q06[0], cut), ("Q07", *Q07)]).assign(is_truncated=[True, False])
    got = judge(tasks).tasks.set_index("task_id")
    assert got.loc["Q06", "needs_review"]
    assert REVIEW_REASONS["truncated"] in got.loc["Q06", "review_reason"]
    q07 = got.loc["Q07", "review_reason"]
    assert pd.isna(q07) or REVIEW_REASONS["truncated"] not in q07
