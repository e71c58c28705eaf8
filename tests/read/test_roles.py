"""The reader's editable tables and title rules: column roles, city-scoped units and renames, periods."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers.read.bureaus import detect_city, load_reference, normalize_units
from helpers.errors import ReferenceError_
from helpers.read.ingest import read_report
from helpers.read.parse import parse_document
from helpers.period import check_against_data, detect, parse_code
from helpers.read.roles import assign_roles, load_roles, merge_fragments, period_month
from helpers.table import build_table

from conftest import ROOT

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


def test_role_table_reads_header_words_in_any_form():
    rt = load_roles()
    assert rt.role("项 目 内 容") == "task" and rt.role("分管 领导") == "people"
    assert rt.role("落实情况(全年)") == "progress" and rt.role("1-11月推进情况") == "progress"
    assert rt.role("完成目标(%)") == "rate" and rt.role("一季度工作进展") == "progress"
    assert rt.role("新增技能人才2万人。") is None
    cells = merge_fragments(["工程", "名称", "序号", "市级牵头", "责任单位", "完成目标", "(%)"], rt)
    assert cells == ["工程名称", "序号", "市级牵头责任单位", "完成目标(%)"]
    assert [period_month(c) for c in ("1-10月推进情况", "上半年落实情况", "前三季度进展", "进展情况")] == [10, 6, 9, 0]
    # 目标任务 is the task only when no other column is
    assert assign_roles(["序号", "目标任务", "推进情况"], rt) == ["seq", "task", "progress"]
    assert assign_roles(["序号", "主要任务", "目标任务", "推进情况"], rt)[2] == "target"


@pytest.mark.parametrize("content,problem", [
    ("header,role\n序号,seq\n重点工作,tasks\n", ":3: 栏目角色“tasks”不可用"),
    ("header,role\n序号,seq\n,task\n", ":3: 表头词为空"),
    ("header,role\n序号,seq\n重点工作,task\n重 点工作,progress\n", ":4: 表头词“重点工作”出现两次"),
    ("header\n序号\n", ":1: 缺少列 role"),
    ("header,role\n重点工作,task\n", "没有任何表头词的角色是 seq"),
])
def test_role_table_errors_name_file_and_line(tmp_path, content, problem):
    p = tmp_path / "column_roles.csv"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ReferenceError_) as e:
        load_roles(p)
    assert str(p) in str(e.value) and problem in str(e.value) and "\n" not in str(e.value)


def test_a_new_header_word_is_data_not_code(tmp_path, monkeypatch, seed_text):
    """A report whose task column is headed 民生实事 (a word whose head noun names no role): without
    the word it is read from its rhythm
    with every row flagged (refused under strict); once the word is added, read as the seed."""
    text = seed_text.replace("\n重点工作\n", "\n民生实事\n")
    report = tmp_path / "r.txt"
    report.write_text(text, encoding="utf-8")
    from helpers.errors import ParseError
    with pytest.raises(ParseError, match="--strict：没有表头行.*--columns"):
        parse_document(read_report(report), strict=True)
    guessed = parse_document(read_report(report))
    rows = [r for t in guessed.tables for r in t.rows]
    assert rows and all(r.flags and r.flags[0].startswith("未找到表头") for r in rows)
    roles = tmp_path / "column_roles.csv"
    roles.write_text((ROOT / "data/reference/column_roles.csv").read_text(encoding="utf-8") + "民生实事,task,\n",
                     encoding="utf-8")
    from helpers import paths
    monkeypatch.setattr(paths, "COLUMN_ROLES_CSV", roles)
    parsed = parse_document(read_report(report))
    assert sum(len(t.rows) for t in parsed.tables) == 191
    assert not any(r.flags for t in parsed.tables for r in t.rows)


def test_bad_role_table_is_a_one_line_error_on_the_command_line(tmp_path, seed_path, project_root, capsys):
    from helpers.cli import main

    root = project_root(tmp_path / "proj")
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
    (root / "data/reference/column_roles.csv").write_text("header,role\n序号,seq\n重点工作,job\n", encoding="utf-8")
    assert main(["table", str(seed_path), "--out", str(tmp_path / "o")]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in lines[0]
    assert "column_roles.csv:3: 栏目角色“job”不可用" in lines[0]
    assert not (tmp_path / "o").exists()


def test_renames_apply_only_in_their_city():
    luan, other = load_reference(city="六安"), load_reference(city="湖州")
    u = normalize_units("市经信局、市发改委", luan)
    assert u.units == ["市工信局", "市发改委"] and u.renamed == [("市经信局", "市工信局")] and u.unknown == []
    v = normalize_units("市经信局、市 发改委", other)
    assert v.units == ["市经信局", "市发改委"] and v.renamed == [] and v.unknown == ["市经信局", "市发改委"]


def test_bureaus_table_needs_a_scope_column(tmp_path):
    p = tmp_path / "bureaus.csv"
    p.write_text("name,canonical\n市发改委,市发改委\n", encoding="utf-8")
    with pytest.raises(ReferenceError_, match=":1: 缺少列 scope"):
        load_reference(p, city="六安")


@pytest.mark.parametrize("head,city", [
    (["2023年市政府工作报告重点工作半年度完成情况汇总表", "发布机构:   湖州市人民政府"], "湖州"),
    (["开化县2023年度重点工作清单(一季度政府工作报告重点任务执行落实情况)"], "开化"),
    (["上海市践行人民城市重要理念"], "上海"),
    (["市政府2020年重点工作(预下达)一季度进展情况表"], None),
])
def test_city_from_the_page_head(head, city):
    assert detect_city(head, "")[0] == city


def test_city_from_the_text_and_option(seed_text):
    assert detect_city(["2024年上半年市政府重点工作落实情况"], seed_text)[0] == "六安"
    assert detect_city(["任何"], seed_text, "湖州") == ("湖州", "--city")


@pytest.mark.parametrize("title,code", [
    ("2017年1—11月十大民生工程项目实施进度表", "2017M11"),
    ("2024年1-8月重点工作推进情况", "2024M8"),
    ("2024年3月份重点工作推进情况", "2024Q1"),
    ("2024年5月份重点工作推进情况", "2024M5"),
    ("2023年市政府工作报告重点工作半年度完成情况汇总表", "2023H1"),
    ("2024年政府工作报告二季度执行情况", "2024H1"),
    ("开化县2023年度重点工作清单(一季度政府工作报告重点任务执行落实情况)", "2023Q1"),
    ("2021年度市政府重点工作落实情况", "2021FY"),
    ("2022上半年重点工作进展情况统计表(政府)", "2022H1"),
    ("市政府2020年重点工作(预下达)一季度进展情况表", "2020Q1"),
    ("2023年区政府重点民生实事项目推进情况(1-11月)", "2023M11"),
    ("2024年上海市为民办实事项目完成情况", None),
])
def test_period_from_more_titles(title, code):
    got = detect(title)
    assert (got.code if got else None) == code


def test_title_and_data_disagree_warns():
    texts = ["从1-2月主要经济指标完成情况看,…", "1-2月,全市固定资产投资同比下降12.7%", "启动…;1-2月,战略性新兴产业…"]
    w = check_against_data(parse_code("2020Q1"), texts)
    assert w and "数据多截至2月" in w and "2020Q1" in w
    assert check_against_data(parse_code("2024H1"), ["截至6月底,已开工项目145个", "1-6月,全市305家"]) is None


def _excerpt(tmp_path: Path, name: str) -> Path:
    p = tmp_path / name
    p.write_text((CORPUS / name).read_text(encoding="utf-8").split("\n", 3)[3], encoding="utf-8")
    return p


def test_quality_lists_other_places_units_and_the_period_warning(tmp_path):
    res = build_table(_excerpt(tmp_path, "shaoxing_2020Q1_1.txt"), out=tmp_path / "o")
    q = json.loads((tmp_path / "o" / "quality.json").read_text(encoding="utf-8"))
    assert q["city"] is None and q["period"] == "2020Q1"
    assert {u["unit"] for u in q["unknown_bureaus"]} == {"市发改委", "市发"}
    assert "数据多截至2月" in q["period_data_warning"]
    assert any("没有写明城市" in w for w in res.warnings)
    assert q["columns"][0]["roles"] == ["seq", "task", "progress", "bureau"]


def test_quality_and_column_record_a_unit_under_its_new_name(tmp_path, seed_text):
    text = seed_text.replace("\n市工信局\n", "\n市经信局\n", 1)
    p = tmp_path / "luan_2024H1.txt"
    p.write_text(text, encoding="utf-8")
    res = build_table(p, out=tmp_path / "o")
    q = res.quality
    assert q.city == "六安"
    assert [u.model_dump() for u in q.renamed_units] == [{"printed_as": "市经信局", "shown_as": "市工信局", "task_ids": ["Q02"]}]
    row = res.tasks.set_index("task_id").loc["Q02"]
    assert row.bureau == "市工信局" and row.units_renamed == "市经信局→市工信局" and row.bureau_raw == "市经信局"
    assert res.tasks.units_renamed.notna().sum() == 1


def test_prose_in_the_page_head_names_no_city():
    head = ["2023年区政府重点民生实事项目推进情况(1-11月)", "前期配合区相关部门对该项目招标质疑、投诉处置,项目于9月28才签订合同"]
    assert detect_city(head, "")[0] is None


@pytest.mark.parametrize("word,role", [
    ("工作事项", "task"), ("主要内容", "task"), ("指标名称", "task"), ("责任主体", "bureau"),
    ("牵头厅局", "bureau"), ("牵头领导", "people"), ("推进措施及成效", "progress"), ("截至目前进展", "progress"),
    ("形象进度", "progress"), ("序时要求", "plan"), ("时间节点", "plan"), ("完成时限", "plan"),
    ("全年目标", "target"), ("年度计划投资", "target"), ("1-6月完成", "actual"), ("1-11月完成投资", "actual"),
    ("完成值", "actual"), ("计量单位", "measure"), ("进度评价", "status"), ("总投资", None), ("计划投资", None),
    ("市发展改革委", None), ("区教育体育局", None),
])
def test_a_header_word_not_listed_has_the_role_of_its_head_noun(word, role):
    """推进措施及成效 is a progress by 成效, 责任主体 a unit column by 主体; a deadline (完成时限) or a
    rate (完成率) is not a completion; a whole project's 总投资 is no target of the year; unit names
    are never header words."""
    assert load_roles().role(word) == role


def test_header_fragments_join_into_a_listed_word_before_a_guessed_one():
    """完成 / 状态 broken over lines is 完成状态, though 完成 alone would name a period's value."""
    rt = load_roles()
    assert merge_fragments(["序号", "督查内容", "完成", "状态"], rt) == ["序号", "督查内容", "完成状态"]
    assert merge_fragments(["1-6月完成", "完成率"], rt) == ["1-6月完成", "完成率"]
