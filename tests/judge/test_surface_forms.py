"""General causes the metamorphic relations found (tests/judge/metamorphic.py), each tested on variants:
a number grouped by thousands, a share in either number form (60% / 六成, 不足30% / 不足三成), a rate or a
change in either form that is no share, a share of the works for a task to start them, a named thing
done only in part, a subjectless result beside the office's own sentences, full-width digits."""

from __future__ import annotations

import re

import pytest

from helpers.judge.status import judge_text


def judge(task: str, progress: str, period: str = "2024H1") -> dict:
    return judge_text(task, progress, period)[0]


# --- digits grouped by thousands are one number, wherever a finder reads digits ------------------
@pytest.mark.parametrize("task, progress, period, status", [
    ("村庄清洁行动覆盖所有行政村。", "全年组织开展村庄清洁行动4轮次，覆盖全市1,790个行政村，清理农村生活垃圾5.6万吨。",
     "2024FY", "completed"),
    ("新增4000张养老床位", "4,385 | 110%", "2024M10", "completed"),
    ("全年完成固定资产投资1800亿元。", "全年全市固定资产投资总量跨上1,800亿元台阶,达到1,812.6亿元,同比增长6.3%。",
     "2024FY", "completed"),
    ("新增城镇就业2万人", "1-6月，全市新增城镇就业10,900人，占年度目标的54.5%。", "2024H1", "on_pace"),
    ("新建农村公路1200公里", "截至9月底，全市新建农村公路1,020公里。", "2024Q3", "ahead"),
])
def test_a_grouped_number_reads_as_the_plain_one(task, progress, period, status):
    grouped, plain = judge(task, progress, period), judge(task, re.sub(r"(?<=\d),(?=\d{3})", "", progress), period)
    assert (grouped["status"], grouped["needs_review"]) == (plain["status"], plain["needs_review"])
    assert grouped["status"] == status
    # the reader sees the report's own writing
    assert grouped["evidence"] is None or "," in grouped["evidence"] or "，" in grouped["evidence"]


# --- a share is one construction whatever its number form ------------------------------------------
@pytest.mark.parametrize("task, words, digits, period, status", [
    ("优化提升50条背街后巷交通组织。", "已进场施工,完成六成。", "已进场施工,完成60%。", "2023M11", "behind"),
    ("新建5G基站1700个", "1-5月,新建5G基站已完成年度目标任务的不足三成。", "1-5月,新建5G基站已完成年度目标任务的不足30%。",
     "2024M5", "behind"),
    ("建设农村供水管网1800公里。", "不足三成,主要受汛期影响施工;下步将倒排工期.", "不足30%,主要受汛期影响施工;下步将倒排工期.",
     "2024Q3", "behind"),
    ("完成高标准农田建设5万亩", "截至6月底，已完成高标准农田建设近七成。", "截至6月底，已完成高标准农田建设近70%。",
     "2024H1", "ahead"),
    ("改造老旧小区40个", "目前完成改造任务的八成以上。", "目前完成改造任务的80%以上。", "2024Q3", "on_pace"),
])
def test_a_share_reads_the_same_in_words_and_digits(task, words, digits, period, status):
    a, b = judge(task, words, period), judge(task, digits, period)
    assert a["status"] == b["status"] == status
    assert a["needs_review"] == b["needs_review"]


@pytest.mark.parametrize("progress", [
    "一期12万平方米已竣工；三期8万平方米6月开工。已建成厂房出租率为87%。",
    "一期12万平方米已竣工；三期8万平方米6月开工。已建成厂房出租率为八成七。",
    "一期12万平方米已竣工；三期8万平方米6月开工。已建成厂房利用率达90%。",
    "一期12万平方米已竣工；三期8万平方米6月开工。完成招商面积同比增长75%。",
    "一期12万平方米已竣工；三期8万平方米6月开工。完成投资同比增长两成。",
])
def test_a_rate_or_a_change_in_either_form_is_no_share(progress):
    # 出租率为87%, 增长两成: a level of another rate or a change, never 87 % of the 30万平方米 built
    f = judge("建成开发区标准化厂房30万平方米。", progress)
    assert f["status"] != "ahead" and f["completion_pct"] != 0.87


@pytest.mark.parametrize("share", ["完成土方开挖80%", "完成土方开挖八成", "主体完成60%", "基础浇筑完成七成",
                                   "桩基施工完成约20%"])
def test_a_share_of_the_works_is_no_share_of_their_start(share):
    f = judge("开工建设城东污水处理厂三期扩建工程。", f"项目已于4月开工，目前{share}，累计完成投资0.6亿元。")
    assert f["status"] == "completed"


@pytest.mark.parametrize("part", ["完成60%", "完成六成", "完成工程量的四成", "完成过半", "完成三分之二"])
def test_a_named_thing_done_in_part_is_not_done(part):
    f = judge("完成3条主干道大修：梅山路、佛子岭路、解放路。", f"梅山路已完工；佛子岭路{part}；解放路尚未开工。")
    assert f["status"] == "behind" and f["completion_pct"] == pytest.approx(1 / 3, abs=1e-3)


# --- a subjectless result beside the office's own sentences ---------------------------------------
@pytest.mark.parametrize("before, after", [
    ("召开专题推进会，研究部署相关工作。", ""),
    ("", "分管市领导带队赴现场调研督导。"),
    ("通过报纸、电视、新媒体等渠道开展政策宣传。", "牵头单位建立周调度工作机制。"),
    ("市政府主要负责同志专题听取工作汇报。", ""),
    ("", "举办业务培训班，提升编制人员能力。"),
])
def test_an_office_sentence_leaves_a_result_the_tasks(before, after):
    f = judge("完成高新区控制性详细规划修编。", f"{before}控规修编成果经市规委会审议通过，已于11月由市政府正式批复实施。{after}",
              "2024FY")
    assert f["status"] == "completed" and not f["needs_review"]


def test_another_result_beside_it_still_counts():
    # 印发…方案 is another thing issued: the subjectless 批复实施 may be its, so the task is not confidently done
    f = judge("完成高新区控制性详细规划修编。", "印发城市更新专项规划。控规修编成果经市规委会审议通过，已于11月由市政府正式批复实施。",
              "2024FY")
    assert f["status"] != "completed" or f["needs_review"]


# --- full-width digits are read as digits, and shown as printed ------------------------------------
@pytest.mark.parametrize("progress", [
    "年度任务调减为１０座(５座并入２０２５年中央项目),上半年完成７座。",
    "年度任务调减为10座(5座并入2025年中央项目),上半年完成7座。",
])
def test_full_width_digits_keep_the_flags(progress):
    f = judge("完成病险水库除险加固15座。", progress)
    assert f["status"] == "ahead" and f["needs_review"] and "调减为" in f["review_reason"]
    assert progress.split("，")[0][:12] in f["evidence"] or progress[:12] in f["evidence"]


# --- a span of months is one span however it is written --------------------------------------------
@pytest.mark.parametrize("span", ["1-9月", "一至九月", "1至9月", "1—9月", "1月至9月"])
@pytest.mark.parametrize("task, progress, status", [
    ("新建污水管网120公里", "{span}新建污水管网93.5公里、雨水管网41公里。", "on_pace"),
    ("入境游客5万人次", "今年以来，在长三角开展宣传推广。{span}接待入境游客3.1万人次。", "behind"),
    ("新增知识产权质押融资额20亿元。", "{span}，全市知识产权质押融资登记金额达16亿元，惠及企业97家。", "on_pace"),
])
def test_a_span_of_months_reads_the_same_in_any_writing(span, task, progress, status):
    f = judge(task, progress.format(span=span), "2024Q3")
    assert f["status"] == status and not f["needs_review"]
    assert span in f["evidence"] or "，" in progress  # shown as printed (a span clause of its own is left out)


def test_a_span_fold_keeps_every_offset():
    from helpers.judge.quantities import fold_month_spans
    for text in ("一至六月完成3.2万亩", "一至十一月建成7座", "1至6月", "1—9月,", "1月至6月累计", "12至15日"):
        assert len(fold_month_spans(text)) == len(text)
    assert fold_month_spans("一至十一月") == "1-11月" and fold_month_spans("1月至6月") == "01-6月"
