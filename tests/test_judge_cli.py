"""`python -m helpers judge`: one task judged on the command line, the same function as the table."""

from __future__ import annotations

import json
import subprocess
import sys

from helpers.pace import judge_text

from conftest import ROOT

KEYS = {"status", "status_zh", "completion_pct", "method", "evidence", "needs_review", "review_reason"}
# Q06 of the seed, as the Q3 report would say it
TASK = "新增技能人才2万人。"
PROGRESS = "截至9月30日,全市新增技能人才14826人,完成年度任务的74.13%。"


def judge(*args):
    return subprocess.run([sys.executable, "-m", "helpers", "judge", *args], capture_output=True, text=True, cwd=ROOT)


def test_json_is_one_object_with_the_judgement_keys():
    res = judge("--period", "2024Q3", "--task", TASK, "--progress", PROGRESS, "--json")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert set(out) == KEYS
    assert out["status"] == "behind" and out["status_zh"] == "滞后"  # 74.13% < 75% at Q3
    assert out["completion_pct"] == 0.7413 and out["needs_review"] is False
    expected, _ = judge_text(TASK, PROGRESS, "2024Q3")
    assert out == {k: expected[k] for k in KEYS}


def test_official_status_and_its_header_reach_the_judgement():
    res = judge("--period", "2023M11", "--task", "优化提升50条背街后巷交通组织。", "--progress", "已进场施工,完成60%。",
                "--official-status", "是", "--official-status-field", "是否达序", "--json")
    out = json.loads(res.stdout)
    assert out["status"] == "behind" and out["needs_review"] is True
    assert "达序时" in out["review_reason"]


def test_plain_output_and_bad_period():
    res = judge("--period", "2024H1", "--task", TASK, "--progress", "预计完成年度任务。")
    assert res.returncode == 0 and "needs_review: True" in res.stdout
    bad = judge("--period", "2024X9", "--task", TASK, "--progress", PROGRESS)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
