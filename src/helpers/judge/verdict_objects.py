"""Whose a halt is when the cell also reports the task's own results: a procedure's (what is let in:
暂停受理, 暂停…审批, …申请), not the task's work (docs/judging.md, "Doubts about the deciding clause"); and
whose a halt with its object after the verb is (暂缓实施公交票价调整方案: "General constructions").
helpers.judge.parts reads it before the verdicts become parts."""

from __future__ import annotations

import re

from helpers.judge.clauses import is_result
from helpers.judge.evidence import Evidence
from helpers.judge.halts_and_waits import PROCEDURE_HALT, PROCEDURE_TASK
from helpers.judge.subjects import subject_of
from helpers.judge.targets import QUALIFIER, Target, bigrams, overlap
from helpers.statuses import review_reason

#: some of the things named before a halt (另有5个…暂缓建设, 部分标段停工): a part halted
SOME_OF = re.compile(r"\d+\s*[个家项座条所处批]|部分|其中|另有|个别")
#: the rest of the things named before a halt (还有3个单元…暂缓审批, 其余…): a part halted
REST = re.compile(r"还有|其余|剩余|余下")


def procedure_halts(ev: Evidence, task: str, targets: list[Target]) -> list[str]:
    """灵活就业人员…登记业务自4月起暂停受理，全市新增参保1.24万人: a halt of a procedure (what is let in:
    受理, 审批, 申请) beside a result figure of the task's own thing (a done clause sharing two of its
    words) is no halt of the task — its work goes on, as the figure says. The halt is read (no status) and
    the judgement flagged (`halt_of_other`): the figures decide. Not when the task's aim is that procedure
    (申建…, 扩区认定), nor when the halt names the task's thing or some of its count (示范线项目暂停审批,
    3个单元…暂缓审批): those stay halts of the task or a part."""
    if PROCEDURE_TASK.search(task):
        return []
    tb, lay, notes = bigrams(QUALIFIER.sub("", task)), ev.layout, []
    for v in ev.verdicts:
        c0, c1 = lay.around(v.start, v.end)
        if v.status != "blocked" or id(v) in ev.used or not PROCEDURE_HALT.search(lay.text, v.start, c1):
            continue
        before = lay.text[lay.sentence_start(v.sentence):v.start]
        if SOME_OF.search(before) or REST.search(before):
            continue
        said = [lay.text[slice(*lay.around(a.start, a.end))] for a in ev.actuals
                if is_result(a.modality) and not c0 <= a.start < c1]
        subject = subject_of(ev, v.start, clause_only=True)
        # a part the halt names that no figure measures (示范线项目暂停审批 beside 新增公交线路3条) is halted
        parts = [bigrams(QUALIFIER.sub("", t.label or t.part)) for t in targets] or [tb]
        if any(overlap(b, subject) >= 2 and not any(overlap(b, c) >= 2 for c in said) for b in parts):
            continue
        if any(overlap(tb, c) >= 2 for c in said):
            ev.used.add(id(v))
            notes.append(review_reason("halt_of_other", lay.text[c0:c1].strip(" ,，;；")))
    return notes


#: bigrams a halt's object (after its verb) shares with the task to be the task's thing; one more to be sure it
#: is no neighbour of it (暂停新批城区户外广告设施 for 设置城区公益广告牌 shares 城区, 广告)
OBJECT_NAMES_TASK = 2
OBJECT_SURELY_TASK = 3


def halts_of_other_things(ev: Evidence, task: str) -> None:
    """市政府决定暂停收取城区摊点管理费 for 开展城区占道经营专项整治: a halt whose object, after its verb, does not
    name the task's thing halts something else — it was never a verdict about the task."""
    tb = bigrams(QUALIFIER.sub("", task))
    ev.forget_verdicts({id(v) for v in ev.verdicts if v.halt_object and overlap(tb, v.halt_object) < OBJECT_NAMES_TASK})
