"""Reading the target text and the progress text: parts, ratios, growth, comparisons, verdicts."""

from __future__ import annotations

from decimal import Decimal

from helpers.judge.parts import find_stated_ratios, find_verdicts, read, target_parts


def test_two_count_parts_and_a_descriptor_amount():
    # Q11: 10亿元 describes the projects; the targets are 50个 and 16个
    parts = target_parts("新签约10亿元以上项目50个、30亿元以上项目16个。")
    assert [(p.kind, p.value, p.unit) for p in parts] == [("count", Decimal(50), "个"), ("count", Decimal(16), "个")]


def test_rate_comparison_level_deliverable_parts():
    assert target_parts("地区生产总值增长7.5%左右。")[0].kind == "rate"
    assert target_parts("社会消费品零售总额增幅高于全省平均。")[0].kind == "comparison"
    lvl = target_parts("生活污水治理率达30%,黑臭水体治理率达75%。")
    assert [(p.kind, p.value) for p in lvl] == [("level", Decimal(30)), ("level", Decimal(75))]
    d = target_parts("开工建设安徽艺术学院迎驾艺术产业学院。")[0]
    assert (d.kind, d.verb) == ("deliverable", "开工建设")


def test_lower_is_better_direction():
    assert target_parts("单位GDP能耗下降3%。")[0].direction == "lower"
    assert target_parts("PM2.5年均浓度控制在34.5微克/立方米以内。")[0].direction == "lower"
    assert target_parts("直接利用外资增长12%。")[0].direction == "higher"


def test_lower_is_better_measured_the_right_way_round():
    down = read("单位GDP能耗下降1.6%。", "全市单位GDP能耗同比下降2%。").parts[0]
    # a fall of 2% against a target fall of 1.6%: the growth reads -2, the target is met
    assert down.actual_value == Decimal(-2) and down.met is True
    short = read("单位GDP能耗下降1.6%。", "全市单位GDP能耗同比下降1%。").parts[0]
    assert short.met is False
    ceiling = read("PM2.5年均浓度控制在34.5微克/立方米以内。", "截至6月30日,六安市PM2.5平均浓度为40.5微克/立方米。").parts[0]
    assert ceiling.target.direction == "lower"
    assert ceiling.actual_value == Decimal("40.5") and ceiling.met is False and ceiling.computed_ratio is None
    under = read("PM2.5年均浓度控制在34.5微克/立方米以内。", "六安市PM2.5平均浓度为30微克/立方米。").parts[0]
    assert under.met is True
    up = read("直接利用外资增长12%。", "1-6月,全市直接利用外资1371万美元,同比下降3.72%。").parts[0]
    assert up.actual_value == Decimal("-3.72") and up.met is False


def test_first_batch_is_not_a_target():
    parts = target_parts("加快首批21个精品示范村建设,新申创精品示范村20个左右、省级中心村80个以上。")
    assert [p.value for p in parts] == [Decimal(20), Decimal(80)]


def test_stated_ratio_wordings():
    text = ("已开工项目145个,占全年目标任务的87.9%;年度目标完成率达65%,已超序时进度;约占年度投资计划的72%;"
            "投资完成率13%,未达到序时进度;目前总体建设进度6.5%;较年初制定完成新增水土流失治理面积91平方公里已完成86.7%;"
            "全市有91个行政村污水治理任务,已完成50个(55%);完成目标任务28.77万人的101.7%。")
    got = [float(f.value) for f in find_stated_ratios(text)]
    assert got == [0.879, 0.65, 0.72, 0.13, 0.065, 0.867, 0.55, 1.017]


def test_ratios_that_are_not_progress_on_the_target():
    text = ("超序时进度13.2%。土石方工程完成设计总量的80%。第二季度督导完成率96.21%。乡镇覆盖率达88.1%。开工率99.73%。"
            "三年示范期内计划实施海绵城市项目119个,目前已完工46个。")
    assert find_stated_ratios(text) == []
    assert all(p.computed_ratio is None for p in read("推进海绵城市建设。", text).parts)


def test_behind_verdict_masks_the_on_pace_words_inside_it():
    text = "投资完成率13%,未达到序时进度。已完成项目4个,尚未达到时间过半、进度过半要求。"
    assert [v.status for v in find_verdicts(text)] == ["behind", "behind"]


def test_verdict_spans_point_at_the_phrase():
    text = "鉴于省级法治政府建设示范创建活动已暂停开展,市司法局将持续保持对接。"
    (v,) = find_verdicts(text)
    assert v.status == "blocked" and text[v.start:v.end].startswith("暂停")


def test_cancelling_policies_is_not_a_cancelled_task():
    # G044: 分类提出调整、取消、保留建议 … 取消执行14项
    assert find_verdicts("分类提出调整、取消、保留建议,拟继续执行54项、取消执行14项。") == []


def test_actuals_are_paired_with_the_right_target():
    # Q21: 142户 belongs to 亿元企业达330家, 10户 to 10亿元企业达25家, whatever the reading order
    r = read("培育优质企业梯队,新增入规工业企业160家以上,力争亿元企业达330家、10亿元企业达25家。",
             "1-6月,全市新入规企业159户(不含跨区域划转1户),已有142户企业产值超亿元、10户企业产值超10亿元。")
    got = {p.target.value: p.actual_value for p in r.parts if p.target}
    assert got == {Decimal(160): Decimal(159), Decimal(330): Decimal(142), Decimal(25): Decimal(10)}


def test_recommended_firms_are_not_achievements():
    r = read("争创国家级绿色工厂1-2家。", "已推荐7家企业申报国家级绿色工厂,预计12月份公布结果。")
    assert r.parts[0].actual_value is None
    assert r.parts[0].verdict == "pending"


def test_plan_and_actual_inside_the_progress_text():
    # G010: the plan (15所) is in the progress text; 完工11所 measures it, not 已开工15所
    r = read("推动学前教育普惠发展。",
             "实施安心托幼行动,计划新建改扩建幼儿园15所,新增学位4350个,目前已开工15所,完工11所,已增加公办学位3090个。")
    got = {p.target.value: p.computed_ratio for p in r.parts if p.computed_ratio is not None}
    assert got[Decimal(15)] == 11 / 15
    # the plan's second clause (新增学位4350个) is planned too; 已增加…学位3090个 measures it
    assert got[Decimal(4350)] == 3090 / 4350


def test_inline_plan_in_brackets():
    r = read("生态环境质量完成省下达目标任务。", "化学需氧量重点工程累计减排11946吨(任务为8947吨)。")
    assert r.parts[0].computed_ratio == float(Decimal(11946) / Decimal(8947))


def test_target_adjusted_flag():
    assert read("改造22个老旧小区。", "市本级计划改造23个小区(调整后)。").is_target_adjusted
    assert not read("改造22个老旧小区。", "市本级计划改造22个小区。").is_target_adjusted


def test_count_of_tasks_then_count_done():
    # G113: 37项颗粒化改革任务已完成19项 → 19 of the 37 planned
    r = read("积极推进土地节约集约利用综合改革试点,稳慎推进集体经营性建设用地入市。",
             "1.加快推进土地节约集约利用综合改革试点。连续3年实现全市单位GDP建设用地下降率超5%目标。"
             "37项颗粒化改革任务已完成19项;完成六安市土地节约集约利用综合改革试点中期评估。")
    (p,) = [p for p in r.parts if p.computed_ratio is not None]
    assert p.computed_ratio == 19 / 37


def test_breakdown_with_its_own_verdicts_is_not_a_plan():
    # G049: the 84 sub-tasks are split by verdict (12 done, 63 on pace, 9 behind); no ratio is made of them
    r = read("深入实施50项民生实事,着力解决群众急难愁盼问题,集中力量办成一批群众可感可及的实事。",
             "截止6月底,50项民生实事的84项细分任务已完成全年目标的12项,达序时进度63项,,未达序时进度9项。")
    assert all(p.computed_ratio is None for p in r.parts)
    assert {p.verdict for p in r.parts if p.verdict} == {"behind", "on_pace"}
