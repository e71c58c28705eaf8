"""The year as a chain of periods: task identity across reports and what changed (helpers.compare.chain).

The chain test builds four synthetic reports of one year from the seed (tests/chain_reports.py:
renumbered, reworded, split, merged, dropped and added tasks, statuses steered by the progress
text), runs them through the real table builder, and checks every match, change class and
连续滞后 count against the plan written into the fixtures.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import chain_reports as cr
from conftest import copy_year
from helpers.compare import chain, matching
from helpers.report import changes as changes_zh
from helpers.errors import HelpersError, ReferenceError_
from helpers.schema import CHANGES_SCHEMA, MATCHES_SCHEMA, SHARES_SCHEMA, TASKS_SCHEMA, read_table, validate

ROOT = Path(__file__).resolve().parents[2]
Q1_EXCERPT = ROOT / "data" / "raw" / "luan_2024Q1.txt"


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory, year_tables: Path) -> dict[str, Path]:
    return copy_year(year_tables, tmp_path_factory.mktemp("year"))


@pytest.fixture(scope="module")
def comparisons(year: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, chain.Comparison]:
    nofix = tmp_path_factory.mktemp("ref") / "task_matches.csv"
    return {p: chain.build_comparison(p, year[p], fixes_path=nofix) for p in cr.PERIODS}


def _by_text(df: pd.DataFrame) -> dict[str, pd.Series]:
    return {r["task"]: r for _, r in df.iterrows()}


def test_the_fixture_reports_judge_as_planned(year: dict[str, Path]) -> None:
    """Precondition: the progress texts give the statuses the plan is built on."""
    for p in cr.PERIODS:
        tasks = pd.read_parquet(year[p] / "tasks.parquet")
        got = dict(zip(tasks["task"], tasks["status"]))
        assert got == {t: v[0] for t, v in cr.PLAN[p].items()}, p


@pytest.mark.parametrize("period", cr.PERIODS[1:])
def test_change_classes_and_behind_streaks_follow_the_plan(comparisons, period: str) -> None:
    ch = comparisons[period].changes
    assert comparisons[period].prev_period == cr.PERIODS[cr.PERIODS.index(period) - 1]
    rows = _by_text(ch[ch["task_id"].notna()])
    assert set(rows) == set(cr.PLAN[period])
    for text, (status, change, streak) in cr.PLAN[period].items():
        r = rows[text]
        assert (r["status"], r["change"], int(r["behind_reports"])) == (status, change, streak), text
    dropped = ch[ch["change"].eq("dropped")]
    assert sorted(dropped["task"]) == sorted(cr.DROPPED.get(period, []))


def test_renumbered_tasks_keep_their_key_across_the_year(comparisons) -> None:
    keys = {p: dict(zip(c.changes["task"], c.changes["task_key"])) for p, c in comparisons.items() if c.changes is not None}
    for text in (cr.B16[0], cr.B25[0], cr.F[0], cr.G[0]):
        assert len({keys[p][text] for p in keys}) == 1, text
    # two tasks two characters apart, led by different units, are never crossed
    assert keys["2024FY"][cr.B16[0]] != keys["2024FY"][cr.B25[0]]
    # the H1 positions differ from Q1's (renumbered), the identity does not
    m = comparisons["2024H1"].matches.set_index("task")
    assert m.loc[cr.B16[0], "task_id"] != m.loc[cr.B16[0], "prev_task_id"]


def test_a_reworded_task_is_matched_and_says_so(comparisons) -> None:
    m = comparisons["2024H1"].matches
    row = m[m["task"].eq(cr.C2[0])].iloc[0]
    assert row["match"] == "reworded" and row["prev_task"] == cr.C[0]
    assert matching.THRESHOLD <= row["score"] < 100
    later = comparisons["2024Q3"].changes
    assert later.loc[later["task"].eq(cr.C2[0]), "task_key"].item() == row["task_key"]


def test_a_split_is_many_to_one_and_named(comparisons) -> None:
    m = comparisons["2024FY"].matches
    parts = m[m["task"].isin([cr.A1[0], cr.A2[0]])]
    assert set(parts["match"]) == {"split"} and parts["prev_task_id"].nunique() == 1
    assert set(parts["prev_task"]) == {cr.A[0]}
    assert parts["note"].str.contains("拆分为本期").all()
    parent = comparisons["2024Q3"].changes
    key = parent.loc[parent["task"].eq(cr.A[0]), "task_key"].item()
    assert sorted(parts["task_key"]) == [f"{key}.1", f"{key}.2"]


def test_a_merge_is_many_to_one_and_named(comparisons) -> None:
    m = comparisons["2024Q3"].matches
    merged = m[m["task"].eq(cr.M[0])]
    assert set(merged["match"]) == {"merge"} and set(merged["prev_task"]) == {cr.M1[0], cr.M2[0]}
    assert merged["task_key"].nunique() == 1 and merged["note"].str.contains("合并为本期").all()
    ch = comparisons["2024Q3"].changes
    # neither merged part is reported as dropped
    assert not ch.loc[ch["change"].eq("dropped"), "task"].isin([cr.M1[0], cr.M2[0]]).any()


def test_tables_are_written_beside_the_period_and_pass_their_schema(year, comparisons) -> None:
    folder = year["2024Q3"]
    for name in chain.MATCH_FILES:
        assert (folder / f"{name}.parquet").exists() and (folder / f"{name}.csv").exists()
    read_table(folder / "matches.parquet", MATCHES_SCHEMA)
    # checked as written, not only trusted by read_table (write_table records them as checked)
    for name, sch in (("matches", MATCHES_SCHEMA), ("changes", CHANGES_SCHEMA), ("change_shares", SHARES_SCHEMA)):
        raw = pd.read_parquet(folder / f"{name}.parquet")
        pd.testing.assert_frame_equal(validate(raw, sch), raw, check_exact=True)
    back = chain.load_changes("2024Q3", folder)
    assert len(back) == len(comparisons["2024Q3"].changes)
    with pytest.raises(HelpersError) as e:  # a folder of another period: refused in Chinese, naming both
        chain.load_changes("2024H1", folder)
    assert str(e.value) == (f"{folder / 'changes.parquet'}：这是 2024Q3 的较上期变化，不是 2024H1 的；"
                            "请重新运行 python -m helpers run --period 2024H1")
    assert read_table(folder / "changes.parquet", CHANGES_SCHEMA)["prev_period"].unique().tolist() == ["2024H1"]


def test_the_first_period_has_no_comparison_and_no_stale_tables(year, tmp_path: Path) -> None:
    q1 = year["2024Q1"]
    (q1 / "changes.parquet").write_bytes(b"stale")
    comp = chain.build_comparison("2024Q1", q1, fixes_path=tmp_path / "none.csv")
    assert comp.prev_period is None and comp.changes is None
    assert not (q1 / "changes.parquet").exists() and chain.load_changes("2024Q1", q1) is None


def test_compare_to_chooses_another_period_and_the_streak_counts_that_chain(year, tmp_path: Path) -> None:
    comp = chain.build_comparison("2024FY", year["2024FY"], compare_to="2024H1", fixes_path=tmp_path / "n.csv",
                                  write=False)
    assert comp.prev_period == "2024H1" and comp.chain == ["2024Q1", "2024H1", "2024FY"]
    rows = _by_text(comp.changes[comp.changes["task_id"].notna()])
    assert int(rows[cr.A2[0]]["behind_reports"]) == 3  # Q1, H1, FY: Q3 is not in this chain
    with pytest.raises(HelpersError, match="不是 2024 年中早于"):
        chain.build_comparison("2024H1", year["2024H1"], compare_to="2024Q3", write=False)


def test_compare_to_a_period_not_built_is_refused(year, tmp_path: Path) -> None:
    folder = tmp_path / "2024H1"
    shutil.copytree(year["2024H1"], folder)
    with pytest.raises(HelpersError, match="中没有任务表"):
        chain.build_comparison("2024H1", folder, compare_to="2024Q1", write=False)


def _frame(period: str, rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["task_id", "task", "bureau"]).assign(period=period)


def test_an_ambiguous_task_is_listed_not_guessed(tmp_path: Path) -> None:
    # the seed's two income targets, here under one unit: a text between them is not guessed
    prev = _frame("2024Q1", [("Q01", cr.B16[0], "市统计局"), ("Q02", cr.B25[0], "市统计局")])
    cur = _frame("2024H1", [("Q01", "常住居民人均可支配收入增幅高于全省平均水平、位次靠前。", "市统计局")])
    m = matching.match_tasks(prev, cur, fixes_path=tmp_path / "none.csv")
    row = m[m["task_id"].eq("Q01")].iloc[0]
    assert row["match"] == "ambiguous" and pd.isna(row["prev_task_id"])
    assert "Q01" in row["candidate"] and "Q02" in row["candidate"]
    assert sorted(m.loc[m["match"].eq("dropped"), "prev_task_id"]) == ["Q01", "Q02"]


def test_below_the_threshold_is_new_with_its_best_candidate(tmp_path: Path) -> None:
    prev = _frame("2024Q1", [("Q01", cr.C[0], "市工信局")])
    cur = _frame("2024H1", [("Q01", "全年完成工业技术改造投资增长10%以上。", "市工信局")])
    m = matching.match_tasks(prev, cur, fixes_path=tmp_path / "none.csv")
    row = m[m["task_id"].eq("Q01")].iloc[0]
    assert row["match"] == "new" and row["score"] < matching.THRESHOLD and row["candidate"].startswith("Q01(")


def test_a_lead_unit_change_costs_the_penalty_and_is_noted(tmp_path: Path) -> None:
    prev = _frame("2024Q1", [("G001", cr.G[0], "市住建局")])
    cur = _frame("2024H1", [("G001", cr.G[0], "市房管局")])
    row = matching.match_tasks(prev, cur, fixes_path=tmp_path / "none.csv").iloc[0]
    assert row["match"] == "same" and row["score"] == 100 - matching.BUREAU_PENALTY
    assert "牵头单位：市住建局 → 市房管局" in row["note"]


def test_a_researchers_fix_overrides_the_match(tmp_path: Path) -> None:
    prev = _frame("2024Q1", [("Q01", cr.C[0], "市工信局"), ("Q02", cr.A[0], "市发改委")])
    cur = _frame("2024H1", [("Q07", "全年完成工业技术改造投资增长10%以上。", "市工信局"), ("Q08", cr.A[0], "市发改委")])
    fixes = tmp_path / "task_matches.csv"
    fixes.write_text("period,task_id,prev_period,prev_task_id,note\n"
                     "2024H1,Q07,2024Q1,Q01,同一项技改任务，表述调整\n"
                     "2024H1,Q08,2024Q1,,另立新任务\n", encoding="utf-8")
    m = matching.match_tasks(prev, cur, matching.load_fixes(fixes), fixes)
    q07 = m[m["task_id"].eq("Q07")].iloc[0]
    assert (q07["match"], q07["prev_task_id"], q07["note"]) == ("manual", "Q01", "同一项技改任务，表述调整")
    q08 = m[m["task_id"].eq("Q08")].iloc[0]
    assert q08["match"] == "new" and pd.isna(q08["prev_task_id"])  # forced apart, though the text is equal


@pytest.mark.parametrize("row, message", [
    ("2024H1,Q99,2024Q1,Q01,x", r"task_matches.csv:2: 任务 Q99 不在 2024H1"),
    ("2024H1,Q07,2024Q1,Q77,x", r"task_matches.csv:2: 任务 Q77 不在 2024Q1"),
    ("2024H1,Q07,2024Q3,Q01,x", r"task_matches.csv:2: prev_period 2024Q3 不是"),
    ("24H1,Q07,2024Q1,Q01,x", r"task_matches.csv:2: 期间代码有误"),
])
def test_a_bad_fix_names_the_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    prev = _frame("2024Q1", [("Q01", cr.C[0], "市工信局")])
    cur = _frame("2024H1", [("Q07", cr.C[0], "市工信局")])
    fixes = tmp_path / "task_matches.csv"
    fixes.write_text("period,task_id,prev_period,prev_task_id,note\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ReferenceError_, match=message):
        matching.match_tasks(prev, cur, matching.load_fixes(fixes), fixes)


def test_the_shipped_fix_file_loads() -> None:
    assert isinstance(matching.load_fixes(ROOT / "data" / "reference" / "task_matches.csv"), list)


def test_shares_compare_the_same_tasks_then_and_now(comparisons) -> None:
    shares = comparisons["2024H1"].shares
    zj = shares[(shares["level"] == "bureau") & (shares["name"] == "市住建局")].iloc[0]
    # 市住建局 at H1: F (on pace → completed) and G (qualitative both times); E is new, not counted
    assert (zj["tasks"], zj["measured_then"], zj["on_pace_then"], zj["measured_now"], zj["on_pace_now"]) == (2, 1, 1, 1, 1)
    fg = shares[(shares["level"] == "bureau") & (shares["name"] == "市发改委")].iloc[0]
    assert (fg["share_then"], fg["share_now"]) == (0.0, 0.0)
    sl = shares[(shares["level"] == "bureau") & (shares["name"] == "市水利局")].iloc[0]
    # D on pace → behind, M1 behind → behind, M2 on pace → on pace: 2/3 then, 1/3 now
    assert sl["share_then"] == pytest.approx(2 / 3) and sl["change_pts"] == pytest.approx(-100 / 3)


@pytest.mark.integration  # two reports tabled and chained
@pytest.mark.skipif(not Q1_EXCERPT.exists(), reason="the Q1 excerpt is not in data/raw/")
def test_h1_against_the_real_q1_excerpt(tmp_path: Path, seed_path: Path) -> None:
    """The office's real Q1 report is an excerpt (two rows, the second cut off): the tasks it lacks
    are not 'new' at H1, they are unmatched; the two it holds are matched by text."""
    from helpers.table import build_table

    build_table(Q1_EXCERPT, period="2024Q1", out=tmp_path / "2024Q1")
    build_table(seed_path, period="2024H1", out=tmp_path / "2024H1")
    comp = chain.build_comparison("2024H1", tmp_path / "2024H1", fixes_path=tmp_path / "none.csv")
    ch = comp.changes
    matched = ch[ch["prev_task_ids"].notna()].set_index("task")
    assert len(matched) == 2
    assert matched.loc["一般公共预算收入增长6%以上。", "prev_status"] == "behind"  # 增长2.4% against 6%
    assert matched.loc["一般公共预算收入增长6%以上。", "change"] == "recovered"
    assert set(ch.loc[ch["prev_task_ids"].isna(), "change"]) == {"unmatched"}
    assert not ch["change"].isin(["new", "dropped"]).any()
    assert "上期报告不完整（节选或在任务中途结束），本期另有189项在上期数据中没有对应，不计为新增。" in \
        changes_zh.changes_sentence(ch)
    # the sentence says how much it compared; a bureau none of whose tasks matched is told so
    assert "与2024年一季度相比（比对了191项中的2项，" in changes_zh.changes_sentence(ch)
    now = ch[ch["task_id"].notna()]
    unmatched_only = next(b for b, g in now.groupby("bureau") if not g["change"].isin(chain.COMPARED).any())
    n = int(now["bureau"].eq(unmatched_only).sum())
    line = f"本单位本期{n}项任务均未能与2024年一季度的任务对应，无法作较上期比较。"
    assert changes_zh.bureau_change_sentence(ch, unmatched_only) == line
    assert changes_zh.mail_lines(ch, unmatched_only) == [line]
    # the seed's own mid-year target cuts (量化26) ride along, so the changes page marks them as the pages do
    tasks = read_table(tmp_path / "2024H1" / "tasks.parquet", TASKS_SCHEMA).set_index("task_id")
    assert tasks["is_target_adjusted"].any()
    assert (now.set_index("task_id")["is_target_adjusted"] == tasks["is_target_adjusted"]).all()


def _changes(rows: list[tuple[str, str | None, str]]) -> pd.DataFrame:
    """A change table of (bureau, task_id, change) rows: H1 compared with Q1."""
    return pd.DataFrame([{"period": "2024H1", "prev_period": "2024Q1", "bureau": b, "task_id": t, "change": c,
                          "match": "none" if c in ("new", "unmatched", "dropped") else "same",
                          "table": "key", "seq": i + 1, "task": f"任务{i}", "behind_reports": 1}
                         for i, (b, t, c) in enumerate(rows)])


def test_change_sentences_claim_only_what_was_compared() -> None:
    ch = _changes([("市甲局", "G001", "unmatched"), ("市甲局", "G002", "unmatched"),
                   ("市乙局", "G003", "unchanged"), ("市乙局", "G004", "unmatched"), ("市丙局", None, "unmatched")])
    # 市甲局: nothing of it was compared, so nothing is said about what changed
    none = "本单位本期2项任务均未能与2024年一季度的任务对应，无法作较上期比较。"
    assert changes_zh.bureau_change_sentence(ch, "市甲局") == none
    assert changes_zh.mail_lines(ch, "市甲局") == [none]
    assert changes_zh.nothing_listed_zh(ch, "市甲局") == "无可比对的任务。"
    # 市乙局: one of two compared, and the sentence says so
    assert changes_zh.bureau_change_sentence(ch, "市乙局") == \
        "与2024年一季度相比（比对了2项中的1项），本单位没有新滞后或连续滞后的任务。"
    assert changes_zh.mail_lines(ch, "市乙局") == ["较2024年一季度（比对了2项中的1项）：本单位没有新滞后或连续滞后的任务。"]
    assert chain.coverage(ch) == (4, 1) and changes_zh.nothing_listed_zh(ch) == "没有连续滞后、新滞后或恢复的任务。"
    assert changes_zh.changes_sentence(ch).startswith("与2024年一季度相比（比对了4项中的1项，")
    # the city with nothing matched at all
    alone = ch[ch["bureau"].eq("市甲局")]
    assert changes_zh.changes_sentence(alone).startswith("本期2项任务均未能与2024年一季度的任务对应，无法作较上期比较。")
    assert changes_zh.mail_lines(alone) == ["本期2项任务均未能与2024年一季度的任务对应，无法作较上期比较。"]
    assert changes_zh.bureau_change_sentence(ch, "市丁局") == "本单位本期没有牵头任务，不作较2024年一季度比较。"
