"""helpers.report.warning_levels: the levels read from the CSV a researcher edits, on the seed's tasks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import paths
from helpers.errors import ReferenceError_
from helpers.report import briefing as b
from helpers.report import warning_levels as wl

CSV_HEADER = "level,colour,min_lag_pts,min_behind_reports,official_status,meaning\n"


@pytest.fixture(scope="module")
def data(seed_table) -> b.PeriodData:
    return b.load_period("2024H1", seed_table.out_dir)


def _csv(tmp_path: Path, body: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / "warning_levels.csv"
    p.write_text(CSV_HEADER + body, encoding=encoding)
    return p


def test_project_levels_read_red_first() -> None:
    levels = wl.load_levels()
    assert [lv.name for lv in levels] == ["红色", "黄色"]
    assert levels[0].min_lag_pts == 30 and levels[0].min_behind_reports == 2
    assert levels[1].min_lag_pts == 10 and levels[1].min_behind_reports is None


def test_seed_levels_follow_the_lag(data: b.PeriodData) -> None:
    t = data.tasks
    behind = t[t["status"].eq("behind")]
    # derived from the lag column alone: the seed is compared with nothing, so one report behind each
    lag = behind["lag_pts"]
    expected = pd.Series([("红色" if x >= 30 else "黄色" if x >= 10 else None) if pd.notna(x) else None
                          for x in lag], index=behind.index, dtype="object")
    assert behind["warning"].tolist() == expected.tolist()
    assert (lag >= 30).sum() > 0 and ((lag >= 10) & (lag < 30)).sum() > 0  # the seed exercises both
    assert t.loc[t["status"].ne("behind"), "warning"].isna().all()


def test_two_reports_running_is_red(data: b.PeriodData) -> None:
    t = data.tasks
    one = t[t["status"].eq("behind") & t["lag_pts"].lt(10)].iloc[:1]
    assert len(one), "the seed has a task a few points behind"
    changes = pd.DataFrame({"task_id": one["task_id"], "behind_reports": [2]})
    got = wl.assign(t, changes)
    assert got.loc[one.index, "warning"].tolist() == ["红色"]
    assert got.loc[one.index, "behind_reports"].tolist() == [2]


def test_changing_a_threshold_changes_levels(data: b.PeriodData, tmp_path: Path) -> None:
    before = wl.counts(data.tasks)
    looser = wl.load_levels(_csv(tmp_path, "红色,#c0271b,60,3,,远远落后\n黄色,#e0a100,5,,,落后\n",
                                 encoding="gbk"))  # saved by Excel on Chinese Windows
    after = wl.counts(wl.assign(data.tasks, None, looser), looser)
    lag = data.tasks.loc[data.tasks["status"].eq("behind"), "lag_pts"]
    assert after == {"红色": int((lag >= 60).sum()), "黄色": int(((lag >= 5) & (lag < 60)).sum())}
    assert after != before


def test_official_status_words(tmp_path: Path) -> None:
    levels = wl.load_levels(_csv(tmp_path, "橙色,#ff8800,,,未完成|滞后,原文称未完成\n"))
    tasks = pd.DataFrame({"task_id": ["a", "b"], "status": ["behind", "behind"], "lag_pts": [None, None],
                          "official_status": ["未完成", "已完成"]})
    assert wl.assign(tasks, None, levels)["warning"].tolist() == ["橙色", None]


@pytest.mark.parametrize("body, words", [
    ("红色,red,30,,,x\n", "#RRGGBB"),
    ("红色,#c0271b,三十,,,x\n", "“min_lag_pts”应为数字"),
    ("红色,#c0271b,,,,x\n", "没有任何条件"),
    ("红色,#c0271b,30,,,x\n红色,#c0271b,20,,,y\n", "重复"),
    ("", "没有任何一行"),
])
def test_bad_csv_is_one_chinese_line_with_file_and_line(tmp_path: Path, body: str, words: str) -> None:
    with pytest.raises(ReferenceError_) as e:
        wl.load_levels(_csv(tmp_path, body))
    msg = str(e.value)
    assert words in msg and "warning_levels.csv" in msg and "\n" not in msg


def test_briefing_tables_show_level_and_count(data: b.PeriodData) -> None:
    t = data.tasks
    behind = b.behind_zh(t)
    assert behind["预警"].tolist() == [w if isinstance(w, str) else b.DASH for w in b.behind_tasks(t)["warning"]]
    unit = b.behind_tasks(t)["bureau"].iloc[0]  # the unit with the largest lag
    vs = b.bureau_vs_city(t, unit)
    own = t[t["bureau"].eq(unit)]
    red = int(own["warning"].eq("红色").sum())
    assert vs.loc[0, "预警"].startswith(f"红色{red}")
    assert "预警" in b.bureau_tasks_zh(t, unit).columns
    board = b.bureau_scoreboard(t)
    assert int(board["warned"].sum()) == int(t["warning"].notna().sum())


def test_facts_for_the_mail(data: b.PeriodData) -> None:
    f = wl.facts(data.tasks)
    n = data.tasks["warning"].value_counts()
    assert f["levels"] == {"红色": int(n.get("红色", 0)), "黄色": int(n.get("黄色", 0))}
    assert f["summary"] == f"红色预警{f['levels']['红色']}项、黄色预警{f['levels']['黄色']}项"
    none = wl.facts(data.tasks[data.tasks["status"].eq("completed")])
    assert none["warned"] == 0 and none["summary"] == "无"


def test_page_key_follows_the_csv(rendered, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A threshold changed: every page is due on the next run (nothing rendered here)."""
    from helpers import run as batch

    per = batch.parse_code("2024H1")
    f = batch.Folders.of(per, rendered.root, rendered.kw["notebooks_dir"], rendered.out, rendered.processed,
                         rendered.root / ".cache")
    kw = dict(raw=None, bureaus=rendered.bureaus, formats=("html", "pdf"), city=True, research=True,
              ahead_margin=None, build=False)
    assert batch.plan_batch(per, f, **kw).pending == []
    csv = tmp_path / "warning_levels.csv"
    shutil.copy(paths.WARNING_LEVELS_CSV, csv)
    csv.write_text(csv.read_text(encoding="utf-8").replace("红色,#c0271b,30", "红色,#c0271b,25"), encoding="utf-8")
    monkeypatch.setattr(paths, "WARNING_LEVELS_CSV", csv)
    plan = batch.plan_batch(per, f, **kw)
    assert {j.kind for j in plan.pending} == {"city", "bureau", "data_quality", "pace_analysis"}
