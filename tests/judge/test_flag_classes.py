"""The classes of the two broad review reasons (helpers.judge.flag_classes) and their calibration.

Each flag of `原文有关乎状态的表述未被规则采用` and `目标有数字，进展中没有可对照的数据` names what triggered it;
a class stops flagging (QUIET) only while its measured share over the labelled sets holds the bound of
docs/judging.md, which the last tests recompute from the sets themselves.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers.judge import flag_classes, signals
from helpers.judge.evaluate import class_counts, judge_case
from helpers.judge.evidence import gather
from helpers.judge.flag_classes import SIGNAL_CLASS, UNMEASURED_CLASS, meets_bound, unmeasured_class
from helpers.judge.status import judge_text
from helpers.judge.targets import target_parts
from helpers.statuses import REASON_SEP, REVIEW_REASONS, reason_class, review_reason

from judge_set import eval_script

U = UNMEASURED_CLASS


def _class_of(task: str, progress: str) -> str:
    targets = [t for t in target_parts(task) if t.value is not None]
    assert targets, task
    return unmeasured_class(SimpleNamespace(evidence=gather(progress)), targets)[0]


# What the progress holds beside a target's number, reworded from the labelled sets' cells (jobs, roads,
# talent, vocational schools, farmland, approval times, warnings, land) and other offices' habits.
@pytest.mark.parametrize("task,progress,kind", [
    ("全年新增城镇就业2.6万人。", "1-6月,举办招聘会21场,达成就业意向5400人。", "same_unit"),
    ("全年新增城镇就业2.6万人。", "上半年共组织专场招聘会21场，达成就业意向0.54万人，开展职业指导。", "same_unit"),
    ("实施农村公路提质改造工程300公里。", "年度计划已编制上报,计划改造路线186公里,力争汛后集中开工。", "plan_unit"),
    ("全年引进高层次人才500人。", "上半年共发放人才补贴2860万元,新建人才公寓620套。", "other_unit"),
    ("全年新增职业院校学历教育在校生5000人。", "上半年中职学校毕业生就业率达到96%,对口就业率72%。", "share_only"),
    ("完成耕地恢复补充任务5000亩。", "市自然资源局将任务分解到县区,签订目标责任书,开展政策培训。", "no_figure"),
    ("深化环评审批改革，审批时限压缩至法定时限的50%以内。", "1-9月平均审批用时为法定时限的42%。", "same_unit"),
    ("新供工业用地“标准地”出让比例100%。", "今年出让的工业用地中七成以上按标准地方式出让。", "same_unit"),
    ("气象灾害预警信息公众覆盖率达到98%。", "上半年新增应急广播终端接入点1200个。", "other_unit"),
])
def test_unmeasured_class_names_the_closest_thing_to_a_measure(task, progress, kind):
    assert _class_of(task, progress) == U[kind]


@pytest.mark.parametrize("task,progress,quoted", [
    ("全年新增城镇就业2.6万人。", "1-6月,举办招聘会21场,达成就业意向5400人。", "达成就业意向5400人"),
    ("实施农村公路提质改造工程300公里。", "年度计划已编制上报,计划改造路线186公里,力争汛后集中开工。", "186公里"),
    ("深化环评审批改革，审批时限压缩至法定时限的50%以内。", "1-9月平均审批用时为法定时限的42%。", "42%"),
    ("全年引进高层次人才500人。", "上半年共发放人才补贴2860万元,新建人才公寓620套。", None),
    ("完成耕地恢复补充任务5000亩。", "市自然资源局将任务分解到县区,签订目标责任书,开展政策培训。", None),
])
def test_the_unmeasured_class_quotes_the_clause_to_look_at(task, progress, quoted):
    """The clause holding the closest thing to a measure is quoted after the class; figures in another
    unit, or none, leave nothing to quote."""
    targets = [t for t in target_parts(task) if t.value is not None]
    _, quote = unmeasured_class(SimpleNamespace(evidence=gather(progress)), targets)
    assert (quote is None) if quoted is None else (quoted in quote), quote


def test_a_class_is_written_into_the_reason_and_read_back():
    r = review_reason("unread_signal", "线路已于6月开通", SIGNAL_CLASS["use"])
    assert r == f"{REVIEW_REASONS['unread_signal']}：【事件字眼】线路已于6月开通"
    assert reason_class(r) == "事件字眼"
    assert reason_class(review_reason("target_unmeasured", None, U["no_figure"])) == U["no_figure"]
    # a reason with no class has none, whatever brackets its quoted clause holds
    assert reason_class(review_reason("pending", "获评【省级】示范")) is None
    assert reason_class(review_reason("truncated")) is None
    assert reason_class("原文有关乎状态的表述未被规则采用") is None


@pytest.mark.parametrize("task,progress", [
    # a completion verb said of the task in a clause no rule read
    ("推进市档案馆新馆建设。", "新馆主体工程已完工,布展工作同步推进。"),
    # a figure of the target's unit beside a wait
    ("新增省级中心村30个。", "已申报省级中心村32个,待省农业农村厅审核后公布,其中已完成建设21个。"),
])
def test_every_flag_of_the_two_reasons_names_a_class(task, progress):
    fields, _ = judge_text(task, progress, "2024H1")
    labels = (REVIEW_REASONS["unread_signal"], REVIEW_REASONS["target_unmeasured"])
    ours = [r for r in (fields["review_reason"] or "").split(REASON_SEP) if r.startswith(labels)]
    known = set(SIGNAL_CLASS.values()) | set(UNMEASURED_CLASS.values())
    assert all(reason_class(r) in known for r in ours), fields["review_reason"]


def test_every_signal_family_has_a_class():
    """A family added to helpers.judge.signals without a class would fail when it first flags."""
    source = Path(signals.__file__).read_text(encoding="utf-8")
    kinds = set(re.findall(r'Signal\("([a-z_]+)"', source))
    assert kinds and kinds <= set(SIGNAL_CLASS), kinds - set(SIGNAL_CLASS)


@pytest.mark.parametrize("measured,may_stop", [
    ((15, 15, 0, 0), True), ((14, 14, 3, 3), False), ((100, 97, 10, 10), True),
    ((100, 96, 10, 10), False), ((100, 100, 5, 4), False), ((40, 39, 0, 0), True),
])
def test_the_bound(measured, may_stop):
    assert meets_bound(*measured) is may_stop


# --- the calibration, recomputed from the labelled sets -------------------------------------------

@pytest.fixture(scope="module")
def measured(read_outcomes):
    """(label, class) → counts over every labelled read set (the seed's pinned statuses are no independent
    labels) and over the freshest, every class flagging (QUIET emptied: a quiet class is measured as it
    would flag). While no class is quiet, the session's judgements (tests/conftest.py) are exactly these."""
    ev = eval_script()
    quiet, flag_classes.QUIET = flag_classes.QUIET, frozenset()
    shared = {} if quiet else read_outcomes
    try:
        read, fresh = [], []
        for name, group, detailed in ev.groups():
            if not ev.measures_classes(name, detailed):
                continue
            outcomes = [shared.get(c["case_id"]) or judge_case(c) for c in group]
            read += outcomes
            fresh += outcomes if name in ev.FRESH else []
    finally:
        flag_classes.QUIET = quiet
    return class_counts(read), class_counts(fresh)


def test_the_classes_are_measured(measured):
    every, _ = measured
    assert {k for _, k in every} <= set(SIGNAL_CLASS.values()) | set(UNMEASURED_CLASS.values())
    for label in (REVIEW_REASONS["unread_signal"], REVIEW_REASONS["target_unmeasured"]):
        assert sum(n for (lab, _), (n, _) in every.items() if lab == label) > 0, label


def test_each_quiet_class_holds_the_bound(measured):
    """A class that no longer flags was right often enough, on enough cases, and never wrong on the
    freshest sets: recomputed here, so a rule change that lowers its share fails this test."""
    every, fresh = measured
    for kind in flag_classes.QUIET:
        rows = [(k, v) for k, v in every.items() if k[1] == kind]
        n, right = (sum(v[0] for _, v in rows), sum(v[1] for _, v in rows))
        fn, fr = (sum(fresh.get(k, (0, 0))[0] for k, _ in rows), sum(fresh.get(k, (0, 0))[1] for k, _ in rows))
        assert meets_bound(n, right, fn, fr), (kind, n, right, fn, fr)
