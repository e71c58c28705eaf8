"""The aligner: a row's cells into the header's columns, by what each cell looks like (seed cells)."""

from __future__ import annotations

from helpers.read.align import align, is_status, is_unit

TASK = "新增技能人才2万人。"
PROGRESS = "截至6月30日,全市新增技能人才14826人,完成年度任务的74.13%。"


def test_unit_broken_over_two_cells_is_joined():
    got = align([TASK, "市生态", "环境局", PROGRESS], ("task", "bureau", "progress"))
    assert got == [[0], [1, 2], [3]]


def test_empty_unit_cell_leaves_the_progress_whole():
    got = align([TASK, PROGRESS, "2.另有3000人在培训中。"], ("task", "bureau", "progress"))
    assert got == [[0], [], [1, 2]]


def test_unit_after_the_progress_and_status_before_it():
    got = align([TASK, "序时推进", PROGRESS, "市人社局"], ("task", "status", "progress", "bureau"))
    assert got == [[0], [1], [2], [3]]


def test_spanning_cells_missing_from_a_row():
    # 眉山: 项目内容 / 目标任务 / 单位 / 进度 / 完成目标(%) / 备注, the unit printed on an earlier row
    got = align(["城镇失业人员再就业(人)", "4000", "4934", "123.4", "超额完成"],
                ("task", "target", "bureau", "progress", "rate", "note"), carry=True)
    assert got == [[0], [1], [], [2], [3], [4]]


def test_row_cut_off_by_the_end_of_the_file():
    got = align(["为300户困境未成年人家庭进行“追光小屋”居室微改造", "347"], ("task", "progress", "rate"),
                last_at_eof=True)
    assert got == [[0], [1], []]


def test_cell_kinds():
    assert is_unit("市发改委、市税务局、六安供电公司等。") and is_unit("市政府各部门、各直属机构")
    assert not is_unit("加快建设安徽省特种设备安全公共技术服务平台。") and not is_unit(PROGRESS)
    assert is_status("达序推进") and is_status("是") and not is_status("已进场施工,完成60%。")
