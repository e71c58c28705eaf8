"""The clause reader: spans, modality markers and their reach, and the part ↔ clause matching step."""

from __future__ import annotations

from decimal import Decimal

from helpers.judge.clauses import Layout
from helpers.judge.parts import assign_actuals, gather, match_part, target_parts


def modalities(text):
    lay = Layout(text)
    return [(text[c.start:c.end], c.modality) for c in lay.clauses]


def test_markers_set_the_modality_of_their_clause():
    got = dict(modalities("上半年全市地区生产总值增长5.5%,预计全年增长7.6%;力争年底前完成改造50个;若资金到位,年内建成。"))
    assert got["上半年全市地区生产总值增长5.5%"] == "done"
    assert got["预计全年增长7.6%"] == "forecast"
    assert got["力争年底前完成改造50个"] == "intention"
    assert got["若资金到位"] == "condition"


def test_an_opening_marker_reaches_the_next_clauses_of_its_sentence_only():
    # G010 of the seed: both figures of the plan are planned; the done figures after 已 are results
    text = "计划新建改扩建幼儿园15所,新增学位4350个,目前已开工15所,完工11所。增加公办学位3090个。"
    assert [m for _, m in modalities(text)] == ["intention", "intention", "done", "done", "done"]


def test_a_marker_inside_a_noun_marks_nothing():
    # 年度计划, 预期目标, 55个拟竣工项目 (拟 as an adjective: the 55 projects exist)
    assert [m for _, m in modalities("占年度计划的63.2%,符合预期目标")] == ["done", "done"]
    lay = Layout("积极推进2023年度55个拟竣工项目竣工财务决算审计工作,符合条件的项目共计14个")
    assert lay.modality_at(lay.text.index("55")) == "done"
    assert lay.clauses[1].modality == "done"  # a mid-clause 拟 does not reach the next clause


def test_spans_and_lookups():
    text = "截至6月底,已开工项目145个,占全年目标任务的87.9%;已竣工项目62个。"
    lay = Layout(text)
    assert len(lay.sents) == 2 and lay.sentence_of(text.index("62")) == 1
    a, b = lay.around(text.index("145"), text.index("145") + 4)
    assert text[a:b] == "已开工项目145个"
    assert lay.clause_of(text.index("87.9")).kinds == set()  # filled by gather
    assert lay.sentence_span(1) == (text.index("已竣工"), len(text) - 1) and lay.sentence_start(0) == 0


def test_last_of_finds_what_rfind_finds():
    # the seed's own wording (a heading, a list, ；, a colon); ；and ： appear in the printed form only
    text = "②在建：2个，已完成物联网设备采购；谋划:3个。截至6月底,已开工项目145个;已竣工项目62个\n下一步:推进"
    lay = Layout(text)
    for chars in ("。;；\n", "。\n", "。:：\n", "；"):
        for pos in range(len(text) + 2):
            assert lay.last_of(chars, pos) == max(text.rfind(c, 0, pos) for c in chars), (chars, pos)
    assert Layout("。").sentence_span(0) == (0, 1) and Layout("").sentence_start(3) == 0  # no sentence at all


def test_gather_records_what_each_clause_holds():
    text = "截至6月底,已开工项目145个,占全年目标任务的87.9%,未达到序时进度。"
    ev = gather(text)
    kinds = {text[c.start:c.end]: c.kinds for c in ev.layout.clauses}
    assert "stated_ratio" in kinds["占全年目标任务的87.9%"]
    assert "verdict" in kinds["未达到序时进度"]
    assert kinds["已开工项目145个"] == {"actual", "deliverable"}
    ev = gather("计划新建幼儿园15所,已建成11所,居全省第3位,增长5.5%,高于全省0.2个百分点。")
    kinds = [sorted(c.kinds) for c in ev.layout.clauses]
    assert kinds == [["plan"], ["actual", "deliverable"], ["rank"], ["growth"], ["comparison"]]


def test_match_part_takes_the_ratio_that_names_it():
    # Q01: each part takes the ratio of its own clause, whatever the order
    task = "新开工亿元以上项目170个以上、竣工120个以上。"
    text = "已竣工项目62个,占全年目标任务的51.7%;截至6月底,已开工项目145个,占全年目标任务的87.9%。"
    targets = target_parts(task)
    ev = gather(text)
    assigned = assign_actuals(targets, ev)
    parts = [match_part(t, ev, assigned, False) for t in targets]
    assert [p.stated_ratio for p in parts] == [0.879, 0.517]


def test_match_part_a_number_about_something_else_measures_nothing():
    (t,) = target_parts("争创国家级绿色工厂1-2家。")
    ev = gather("已推荐7家企业申报国家级绿色工厂,预计12月份公布结果。")
    part = match_part(t, ev, assign_actuals([t], ev), True)
    assert part.actual_value is None and part.computed_ratio is None
    (t,) = target_parts("地区生产总值增长7.5%左右。")
    ev = gather("全市规上工业增加值同比增长7.8%,固定资产投资增长5.8%。")
    assert match_part(t, ev, {}, False).met is None


def test_match_part_a_forecast_alone_is_pending_for_review():
    (t,) = target_parts("固定资产投资增长10%。")
    part = match_part(t, gather("预计上半年固定资产投资增长10.5%。"), {}, True)
    assert part.verdict == "pending" and part.review and part.review[0].startswith("只有预计数，没有实绩：")
    (t,) = target_parts("新开工亿元以上项目170个以上。")
    part = match_part(t, gather("力争新开工亿元以上项目170个以上。"), {}, True)
    assert part.verdict is None and part.method == "none"


def test_a_long_cell_is_read_in_one_pass():
    # 4,000 sentences of the seed's wording: every finding is placed by bisect, not by rescanning
    sentence = "截至6月底,已开工项目145个,占全年目标任务的87.9%,增长5.5%,未达到序时进度。"
    text = sentence * 4000
    ev = gather(text)
    assert len(ev.ratios) == 4000 and len(ev.verdicts) == 4000 and len(ev.growths) == 4000
    assert ev.layout.sentence_of(len(text) - 3) == 3999
    assert ev.actuals[-1].value == Decimal(145)
