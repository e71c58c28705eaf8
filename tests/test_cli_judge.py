"""`python -m helpers judge`: one task judged on the command line, the same function as the table."""

from __future__ import annotations

import json

from helpers.cli import main
from helpers.judge.status import judge_text


KEYS = {"status", "status_zh", "completion_pct", "method", "evidence", "needs_review", "review_reason",
        "note_reason"}
# Q06 of the seed, as the Q3 report would say it
TASK = "新增技能人才2万人。"
PROGRESS = "截至9月30日,全市新增技能人才14826人,完成年度任务的74.13%。"


def judge(capsys, *args):
    rc = main(["judge", *args])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_json_is_one_object_with_the_judgement_keys(capsys):
    rc, out, _ = judge(capsys, "--period", "2024Q3", "--task", TASK, "--progress", PROGRESS, "--json")
    assert rc == 0
    got = json.loads(out)
    assert set(got) == KEYS
    assert got["status"] == "behind" and got["status_zh"] == "滞后"  # 74.13% < 75% at Q3
    assert got["completion_pct"] == 0.7413 and got["needs_review"] is False
    expected, _ = judge_text(TASK, PROGRESS, "2024Q3")
    assert got == {k: expected[k] for k in KEYS}


def test_official_status_and_its_header_reach_the_judgement(capsys):
    _, out, _ = judge(capsys, "--period", "2023M11", "--task", "优化提升50条背街后巷交通组织。",
                      "--progress", "已进场施工,完成60%。", "--official-status", "是",
                      "--official-status-field", "是否达序", "--json")
    got = json.loads(out)
    assert got["status"] == "behind" and got["needs_review"] is True
    assert "自评为达序时" in got["review_reason"]


def test_rate_and_target_cells(capsys):
    _, out, _ = judge(capsys, "--period", "2024M10", "--task", "新增养老床位", "--progress", "4385",
                      "--target", "4000张", "--rate", "110%", "--json")
    assert json.loads(out)["status"] == "completed"


def test_plain_output_says_every_field_in_chinese(capsys):
    rc, out, _ = judge(capsys, "--period", "2024H1", "--task", TASK, "--progress", "预计完成年度任务。")
    assert rc == 0 and "需人工复核：是" in out
    assert [line.split("：")[0] for line in out.splitlines()] == ["状态", "完成比例", "判断方法", "依据", "需人工复核", "复核原因",
                                                                    "判断附注（无需复核）"]
    rc, out, _ = judge(capsys, "--period", "2024Q3", "--task", TASK, "--progress", PROGRESS)
    assert out.splitlines()[:3] == ["状态：滞后（behind）", "完成比例：74.1%", "判断方法：原文完成比例"]
    assert "需人工复核：否\n复核原因：—\n" in out


def test_bad_period_is_one_line_exit_2(capsys):
    rc, out, err = judge(capsys, "--period", "2024X9", "--task", TASK, "--progress", PROGRESS)
    assert rc == 2 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert "2024X9" in err
