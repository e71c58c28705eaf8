"""Doubts that cannot change the status: evidence the gate would flag, read for what its words mean.

A review flag earns its place when the words it worries about could turn the status into another
one. Some cannot, whatever they turn out to say (docs/judging.md, "Doubts that cannot change the
status"):

- a percentage beside standing work (完善…机制, 推进…建设): a task with no figure, no deliverable
  and no completion aim has nothing a growth rate or a level of something (整改率92%, 增长12%)
  could be a share of; only a share of a plan or a task (完成年度计划的60%) could measure it.

helpers.judge.confidence asks these before it adds a flag; each is a grammar of meaning, never a
sentence.
"""

from __future__ import annotations

import re

from helpers.judge.lexicon import Lexicon
from helpers.judge.signals import nothing_to_complete
from helpers.judge.whole import task_aim

#: the words of a percentage that is a share of a plan or of the work (完成年度计划的60%, 完成率,
#: 进度, 过半): it could measure any task, standing work too
_PLAN_SHARE = re.compile(r"计划|任务|目标|进度|完成|序时|过半|总量的|工程量")
#: a figure in the task's own words (缩短至12分钟以内, 3个): not standing work, whatever the rules read
_TASK_FIGURE = re.compile(r"\d|[一二两三四五六七八九十百千万]+(?:个|项|家|条|座|所|处|万|亿)")


def standing_work(reading, lex: Lexicon) -> bool:
    """A task of standing work: no figure in its words, no deliverable, no completion verb, no
    one-off aim (创建…, 实施…工程)."""
    task = reading.task or ""
    return (nothing_to_complete(reading.parts, task, lex) and task_aim(task) is None
            and not _TASK_FIGURE.search(task))


def bearing_percents(reading, lex: Lexicon) -> list[str]:
    """The clauses of the text's percentages no rule read that could still measure the task: all of
    them, except beside standing work, where only a share of a plan or of the work could."""
    if not standing_work(reading, lex):
        return list(reading.unused_numbers)
    return [c for c in reading.unused_numbers if _PLAN_SHARE.search(c)]
