"""helpers.judge.figure_names: which of two figures names the target (the words before a figure, a
wider name of the target's own thing)."""

from __future__ import annotations

import pytest

from helpers.judge.figure_names import _shorter_name, before_figure


def test_the_words_before_a_figure_are_what_it_is_said_as():
    assert before_figure("已开工项目145个") == "已开工项目"
    assert before_figure("1-6月新增就业8000人") == ""


@pytest.mark.parametrize("clause,target,shorter", [
    ("已开工项目145个", "新开工亿元以上项目170个以上", True),       # the target's words, fewer: a wider count
    ("1-9月累计开工项目98个", "新开工亿元以上项目170个以上", True),   # a date and 累计 name nothing
    ("新开工亿元以上项目18个", "全年新签约亿元以上项目40个", False),  # another act
    ("优化调整既有公交线路9条", "新开通城市公交线路12条", False),
    ("截至9月底共12个", "新建学校20所", True),                       # nothing left to read: no name at all
    ("5月份完成12个", "新建学校20所", False),                         # 完成 is no word of the target
])
def test_a_shorter_name_is_made_only_of_the_targets_words_in_order(clause, target, shorter):
    assert _shorter_name(clause, target) is shorter
