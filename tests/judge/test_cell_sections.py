"""A cell's parts: this period's results, its problems and its next steps (sentences composed from
the seed's wording, with the problem and next-step tails real reports add)."""

from __future__ import annotations

from helpers.judge.clauses import Layout, is_result
from helpers.judge.status import judge_text
from helpers.judge.subjects import another_instance

# the seed's G-row wording on grain, with a problem and a next step appended
GRAIN = ("2024年,全市小麦总产15.16亿斤,较上年增加0.18亿斤。存在问题：部分县区种粮积极性有待提高，"
         "已流转土地30万亩撂荒风险较大。下步工作打算：新建高标准农田5万亩，确保全年粮食总产稳定在72亿斤以上。")


def _modality_of(text: str, words: str) -> str:
    lay = Layout(text)
    return lay.modality_at(text.index(words))


def test_a_problem_sentence_is_no_result():
    assert _modality_of(GRAIN, "全市小麦总产") == "done"
    assert _modality_of(GRAIN, "撂荒风险") == "problem"
    assert not is_result(_modality_of(GRAIN, "30万亩"))


def test_a_next_step_sentence_is_an_intention_whatever_its_verbs():
    assert _modality_of(GRAIN, "新建高标准农田") == "intention"
    text = "已完成可研报告审批。下一步督促相关单位加快推进项目前期工作,开工建设3个。四季度将组织“回头看”。"
    assert _modality_of(text, "开工建设3个") == "intention"
    assert _modality_of(text, "回头看") == "intention"
    assert _modality_of(text, "可研报告") == "done"


def test_problem_headings_in_several_wordings():
    for head in ("存在问题：", "问题：", "目前存在的问题是", "主要困难是", "困难和问题：", "存在的困难："):
        text = f"上半年完成投资12亿元。{head}要素保障压力较大，完成投资3亿元的项目仅2个。"
        assert _modality_of(text, "完成投资3亿元") == "problem", head
        assert _modality_of(text, "上半年完成") == "done", head


def test_a_word_problem_inside_a_result_opens_nothing():
    # 问题 as an object of a result (整改问题326个) is no heading
    text = "排查整改问题326个,整改率100%。"
    assert _modality_of(text, "326") == "done"


def test_a_shortcoming_in_the_problems_sends_nothing_to_review():
    # a qualitative task whose cell ends with the customary problems: no residual wait
    fields, _ = judge_text("提高城乡低保待遇标准，规范救助管理。",
                           "开展低保对象动态核查，清退不符合条件对象326户。存在问题：基层经办能力有待加强。"
                           "下一步将推进救助“一网通办”。", "2024H1")
    assert fields["status"] == "qualitative" and not fields["needs_review"]


def test_a_real_wait_is_still_a_wait():
    fields, _ = judge_text("创建全国文明城市。", "已完成申报和省级测评，待中央文明办测评后确定。", "2024H1")
    assert fields["status"] == "pending" or fields["needs_review"]


def test_another_building_of_the_same_kind_is_another_instance():
    assert another_instance("市疾控中心实验楼", "建成市急救中心指挥调度大楼")
    assert another_instance("舒城县污水处理厂提标改造", "建成叶集区污水处理厂提标改造工程")
    assert not another_instance("该大楼", "建成市急救中心指挥调度大楼")
    assert not another_instance("调度大楼", "建成市急救中心指挥调度大楼")


def test_a_completion_of_a_neighbouring_project_does_not_complete_the_task():
    fields, _ = judge_text("建成叶集区污水处理厂提标改造工程。",
                           "舒城县污水处理厂提标改造已完工投运；叶集区项目正在进行设备招标。", "2024H1")
    assert fields["status"] != "completed"


def test_an_ascii_point_ends_a_chinese_sentence_but_not_a_decimal():
    from helpers.judge.clauses import fold_width
    text = "完成投资2.94亿元.存在问题：审批较慢."
    folded = fold_width(text)
    assert folded == "完成投资2.94亿元。存在问题:审批较慢。" and len(folded) == len(text)


def test_a_halt_of_the_one_thing_a_task_names_blocks_it_in_any_halting_verb():
    cases = [("新建城东农贸市场1个。", "因地块规划用途调整,市自然资源局已通知停止供地,项目终止."),
             ("完成市博物馆改扩建，投资1.5亿元。", "因考古勘探发现遗址，经省文物局同意，项目工程中止。"),
             ("举办2024年六安茶文化节。", "按照上级关于节庆活动精简要求,本年度茶文化节取消."),
             ("建设东淠河湿地保护修复项目。", "受督察意见影响,项目已终止实施.")]
    for task, progress in cases:
        for period in ("2024H1", "2024FY"):
            fields, _ = judge_text(task, progress, period)
            assert fields["status"] == "blocked", (task, period, fields)


def test_a_halt_of_something_else_blocks_nothing():
    fields, _ = judge_text("新建城东农贸市场1个。", "市场主体已封顶；周边其他项目暂停施工。", "2024H1")
    assert fields["status"] != "blocked"


def test_an_opening_or_an_approval_the_task_asks_for_completes_it():
    cases = [("市美术馆新馆开馆。", "于9月28日正式对外开放,首月接待观众1.2万人次。", "2024Q3"),
             ("实现六安至杭州直飞航线开通。", "六安机场至杭州萧山航线已于6月8日首航，每周执飞3班。", "2024H1"),
             ("申报国家级农业产业强镇并获批。", "3月农业农村部公布名单，我市金寨县成功获批国家农业产业强镇。", "2024H1"),
             ("完成全市综合交通规划编制报批。", "《六安市综合交通运输体系规划（2021—2035年）》已于8月经省政府批复实施。", "2024FY")]
    for task, progress, period in cases:
        fields, _ = judge_text(task, progress, period)
        assert fields["status"] == "completed" and not fields["needs_review"], (task, fields)


def test_a_submission_for_approval_is_no_approval():
    fields, _ = judge_text("完成全市综合交通规划编制报批。", "规划成果已报省政府审批。", "2024H1")
    assert fields["status"] != "completed"


def test_a_year_inside_a_title_is_no_other_period():
    from helpers.judge.signals import other_period
    assert other_period("《六安市国土空间总体规划（2021—2035年）》已于11月经省政府批复实施", 2024) is None
    assert other_period("计划2025年6月正式开诊", 2024) == "2025年"


def test_number_forms_in_words_measure_the_task():
    from helpers.judge.quantities import find_quantities
    assert [q.value for q in find_quantities("已建成两百一十个")] == [210]
    assert find_quantities("从三个方面推进") == []  # a numeral of prose stays no count
    cases = [("新建城市书房300个。", "已建成两百一十个。", "2024H1", "ahead"),
             ("改造农村公路1800公里。", "不足三成,主要受汛期影响施工;下步将倒排工期.", "2024Q3", "behind"),
             ("完成秸秆综合利用量180万吨。", "上半年已完成年度任务的过半。", "2024H1", "on_pace"),
             ("建成充电桩3000个。", "已建成六成以上。", "2024H1", "ahead")]
    for task, progress, period, status in cases:
        fields, _ = judge_text(task, progress, period)
        assert fields["status"] == status, (task, fields)


def test_the_items_of_an_enumeration_add_up_to_the_whole():
    cases = [("完成全市农村危房改造1200户。", "建立月调度制度,一是金安片区完成520户；二是裕安片区完成680户；上述改造均已通过验收。",
              "2024Q3", "completed"),
             ("新增城镇就业岗位3万个。", "(1)市区新增1.1万个；(2)各县新增0.9万个；(3)开发区新增0.1万个。", "2024H1", "ahead")]
    for task, progress, period, status in cases:
        fields, _ = judge_text(task, progress, period)
        assert fields["status"] == status and not fields["needs_review"], (task, fields)


def test_a_class_bound_inside_a_noun_is_no_ceiling():
    fields, _ = judge_text("每千人口拥有3岁以下婴幼儿托位数达到4.5个。", "每千人口托位数达到4.2个。", "2024FY")
    assert fields["status"] == "behind"
    fields, _ = judge_text("城镇登记失业率控制在4.5%以下。", "城镇登记失业率为4.2%。", "2024FY")
    assert fields["status"] in ("completed", "on_pace")


def test_a_completion_that_counts_its_own_number_is_a_part():
    fields, _ = judge_text("建设智慧停车系统，接入泊位2万个。",
                           "城区道路泊位接入全部完成,约8000个;配建停车场接入7500个,累计1.55万个。", "2024Q3")
    assert fields["status"] == "on_pace"
    # the count that is the target itself keeps the completion whole
    fields, _ = judge_text("完成农村改厕2万户。", "农村改厕任务已全部完成,共计2万户。", "2024Q3")
    assert fields["status"] == "completed"


def test_an_unbounded_batch_is_no_deliverable_and_a_trial_run_is_flagged():
    fields, _ = judge_text("深化“放管服”改革，下放审批事项一批。", "梳理审批事项清单，下放审批事项12项，实行告知承诺8项。", "2024Q3")
    assert fields["status"] != "completed"
    fields, _ = judge_text("城市运行管理服务平台正式运行。", "平台于10月上线试运行,接入视频资源1.2万路。", "2024FY")
    assert fields["needs_review"]
