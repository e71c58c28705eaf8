"""Every text a researcher reads on the command line or in a notebook's error, in Chinese, in one place.

Engineers' logs and code speak English; what reaches the researcher speaks Chinese, names the
file and says what to do. Each text is a template with named blanks, filled by `say(key, **facts)`;
a blank left without a fact is an engineer's mistake and raises KeyError naming it.
Other modules keep no Chinese message of their own: they add a key here and call `say`.
"""

from __future__ import annotations

import string
from typing import Any

#: Key → Chinese template. Grouped by where the text appears.
TEXTS: dict[str, str] = {
    # --- prefixes of the command line's lines
    "error": "错误：{text}",
    "warning": "提示：{text}",
    "interrupted": "已中断。",
    # --- table
    "table.summary": ("已生成{period}任务表：{tasks}项任务（量化{quantified}项、重点{general}项），"
                      "{indicators}个指标，{review}项待人工复核；文件在 {folder}"),
    "table.truncated": "原文在任务 {tasks} 的中途结束（报告不完整），这些任务的进展可能不全，已列入待复核。",
    "table.rebuild": "任务表 {folder} 与其记录不符（{problems}），正在重新生成。",
    # --- run
    "run.pages": "{period}：共{total}页简报，需生成{pending}页{why}。",
    "run.summary": "{period}：已生成{rendered}页、沿用{kept}页、失败{failed}页，用时{seconds:.0f}秒；输出在 {folder}",
    "run.failed": "生成失败：{who}：{error}（已执行的笔记本：{notebook}）。请打开该笔记本查看出错的单元格。",
    "run.stale": "清单中有{n}页是用较早的任务表生成的，请重新运行 make report 更新全部页面后再发送邮件。",
    "run.front_page": "首页：{path}（用浏览器打开即可查看本期全部简报）",
    "run.ledger": "督查台账：{path}{unchanged}",
    "run.ledger_failed": "督查台账未能写出：{text}",
    "compare.none": "{period}：未找到{year}年更早一期的任务表，本期不作较上期比较。",
    "compare.summary": "{period}与{prev}比较：{parts}",
    "compare.earlier_built": ("为比较较上期变化，先生成了更早一期的任务表：{periods}"
                              "（data/raw/ 中文件名含期别代码的报告，如 luan_2024Q1.txt）。"),
    # --- reference tables a researcher edits
    "reference.missing": "{path}：缺少参照表，请从项目仓库恢复该文件。",
    "reference.bad_number": "{path}:{line}：“{column}”应为数字，而不是“{value}”；请改正后重新运行。",
    "reference.empty": "{path}：没有任何一行，请至少保留一个预警等级。",
    "reference.bad_colour": "{path}:{line}：颜色应写成 #RRGGBB（如 #c0271b），而不是“{value}”。",
    "reference.duplicate": "{path}:{line}：预警等级“{value}”重复，请保留一行。",
    "reference.no_rule": "{path}:{line}：预警等级“{value}”没有任何条件（落后百分点、连续滞后期数或原文状态至少填一项）。",
    # --- briefing notebooks
    "facts.missing": ("句子模板中的“{{{name}}}”不是本页的数据项。请改正笔记本中的模板；"
                      "可用的数据项有：{available}"),
    "facts.bad_template": "句子模板“{template}”写法有误（{problem}）；花括号只用于数据项，如 {{n}}。",
}


def say(key: str, **facts: Any) -> str:
    """The Chinese text `key` with its blanks filled from `facts`."""
    return TEXTS[key].format(**facts)


def blanks(template: str) -> list[str]:
    """The named blanks of a template, in order (a format spec such as {share:.1f} counts by its name)."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]
