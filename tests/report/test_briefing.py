"""helpers.report.briefing and helpers.report.charts on the real seed table (built once into a temp folder)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from helpers.read.cells import PART_SEP
from helpers.read.ingest import read_report
from helpers.read.parse import parse_document
from helpers.read.sectors import sector_names

from helpers.report import briefing as b
from helpers.report.formatting import adjusted_marks
from helpers.errors import SchemaError
from helpers.statuses import STATUSES
from helpers.table import parsed_frame, resolve_period


@pytest.fixture(scope="module")
def data(seed_table) -> b.PeriodData:
    return b.load_period("2024H1", seed_table.out_dir)  # the session's seed table (conftest)


@pytest.fixture(scope="module")
def tasks(data: b.PeriodData) -> pd.DataFrame:
    return data.tasks


# ------------------------------------------------------------------------------ loading


def test_load_period_reads_all_three_files(data: b.PeriodData) -> None:
    assert len(data.tasks) == 191  # 35 quantified + 156 general, as the report declares
    assert data.label == "2024年上半年" and data.period.pace == 0.5
    assert set(data.indicators["task_id"]) <= set(data.tasks["task_id"])
    assert data.quality.declared_counts == {"quantified": 35, "general": 156}


def test_load_period_refuses_another_period(data: b.PeriodData) -> None:
    with pytest.raises(SchemaError, match="2024Q1"):
        b.load_period("2024Q1", data.folder)


def test_load_period_without_quality_json(data: b.PeriodData, tmp_path: Path) -> None:
    for name in ("tasks.parquet", "indicators.parquet"):
        (tmp_path / name).write_bytes((data.folder / name).read_bytes())
    loaded = b.load_period("2024H1", tmp_path)
    assert loaded.quality is None and len(loaded.tasks) == len(data.tasks)
    assert b.quality_notes(loaded.quality, loaded.tasks)  # still says something from the table


def test_missing_table_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match="tasks.parquet：文件不存在；请先运行 python -m helpers table 报告文件 生成任务表"):
        b.load_period("2024H1", tmp_path)


def test_a_table_that_cannot_tell_its_period_is_refused_in_chinese(tasks: pd.DataFrame) -> None:
    from helpers.report.loading import table_pace

    with pytest.raises(SchemaError, match="^任务表既没有序时进度（pace）也没有期间（period）：无法判断报告期"):
        table_pace(tasks.drop(columns=["pace", "period"]))
    headline = b.headline(tasks.iloc[:0])
    with pytest.raises(SchemaError, match="^市人社局：没有任务，无法确定标题句所说的报告期$"):
        b.show_headline(headline, "2024年上半年", who="市人社局")


# ------------------------------------------------------------------------------ figures


def test_headline_counts(tasks: pd.DataFrame) -> None:
    h = b.headline(tasks)
    assert h.tasks == 191
    assert h.behind == int((tasks["status"] == "behind").sum()) > 0
    assert h.completed == int((tasks["status"] == "completed").sum())
    assert h.measured == int(tasks["status"].isin(["behind", "on_pace", "ahead", "completed"]).sum())
    assert h.on_pace_or_better == h.measured - h.behind
    assert sum(h.by_status.values()) == h.tasks
    assert 0 < h.share_on_pace_or_better < 1
    assert b.headline(tasks.iloc[:0]).share_on_pace_or_better is None


def test_headline_sentence_names_the_numbers(tasks: pd.DataFrame) -> None:
    h = b.headline(tasks)
    s = b.headline_sentence(h, "2024年上半年")
    assert s.startswith("2024年上半年，全市共有重点工作191项")
    assert f"滞后于序时进度的{h.behind}项" in s and b.fmt_pct(h.share_on_pace_or_better) in s


def test_status_counts_by_sector(tasks: pd.DataFrame) -> None:
    c = b.status_counts(tasks)
    assert list(c.columns) == [*STATUSES, "total"]
    assert c["total"].sum() == len(tasks)
    assert (c[list(STATUSES)].sum(axis=1) == c["total"]).all()
    zh = b.status_counts_zh(tasks)
    assert zh.iloc[-1]["领域"] == "合计" and zh.iloc[-1]["合计"] == len(tasks)
    assert "滞后" in zh.columns and set(zh["领域"]) - {"合计"} <= set(sector_names().values())


def test_bureau_scoreboard(tasks: pd.DataFrame) -> None:
    board = b.bureau_scoreboard(tasks)
    assert board["tasks"].sum() == len(tasks)
    assert board["behind"].sum() == int((tasks["status"] == "behind").sum())
    # competition ranks: 1 + the units strictly better (higher share, or equal share and fewer behind)
    ranked = board[board["measured"] > 0]
    for r in ranked.itertuples():
        better = ((ranked["share"] > r.share) | ((ranked["share"] == r.share) & (ranked["behind"] < r.behind))).sum()
        assert r.rank == 1 + better, r.bureau
    assert board.loc[board["measured"] == 0, "rank"].isna().all()
    assert board["bureau"].is_unique and set(board["bureau"]) == set(tasks["bureau"])
    measured = board[board["measured"] > 0]
    # best first: share never rises down the table; bureaus with nothing measured come last
    assert measured["share"].is_monotonic_decreasing
    has_measure = (board["measured"] > 0).tolist()
    assert has_measure == sorted(has_measure, reverse=True)
    row = board.set_index("bureau").loc["市发改委"]
    mine = tasks[tasks["bureau"] == "市发改委"]
    assert row["tasks"] == len(mine)
    assert row["median_completion"] == pytest.approx(mine["completion_pct"].median(), nan_ok=True)


def test_behind_list(tasks: pd.DataFrame) -> None:
    behind = b.behind_tasks(tasks)
    assert set(behind["task_id"]) == set(tasks.loc[tasks["status"] == "behind", "task_id"])
    lags = behind["lag_pts"].dropna()
    assert lags.is_monotonic_decreasing
    # measured lags come before the ones with no number (verdict phrases, rate targets)
    has_lag = behind["lag_pts"].notna().tolist()
    assert has_lag == sorted(has_lag, reverse=True)
    zh = b.behind_zh(tasks)
    assert list(zh.columns) == ["序号", "重点工作", "牵头单位", "完成度", "落后（百分点）", "预警", "依据"]
    assert len(zh) == len(behind)
    assert (zh["依据"].str.len() <= 120).all() and (zh["依据"] != b.DASH).all()
    assert zh["序号"].str.match(r"^(量化|重点)\d+$").all()


def test_a_completion_of_a_target_changed_during_the_year_is_marked(tasks: pd.DataFrame) -> None:
    # seed Q26: the year's target was cut (调减), its completion is of the new one: the page says so
    # beside the task (whose cell wraps), and the completion column keeps a bare number that fits
    zh = b.behind_zh(tasks).set_index("序号")
    adjusted = b.behind_tasks(tasks).set_index(zh.index)["is_target_adjusted"]
    assert adjusted["量化26"] and zh.loc["量化26", "重点工作"].endswith("（目标年中调整）")
    assert zh.loc["量化26", "完成度"] == b.fmt_pct(b.behind_tasks(tasks).set_index(zh.index).loc["量化26", "completion_pct"])
    assert not zh.loc[~adjusted, "重点工作"].str.contains("目标年中调整").any()
    mine = b.bureau_tasks_zh(tasks, "市农业农村局").set_index("序号")
    assert mine.loc["量化26", "重点工作"].endswith("（目标年中调整）")
    rows = pd.DataFrame({"completion_pct": [0.5, None, 0.5], "is_target_adjusted": [True, True, False]})
    assert adjusted_marks(rows) == ["（目标年中调整）", "", ""]
    assert adjusted_marks(rows.drop(columns="is_target_adjusted")) == ["", "", ""]


def test_bureau_tasks_put_behind_first(tasks: pd.DataFrame) -> None:
    bureau = tasks.loc[tasks["status"] == "behind", "bureau"].value_counts().index[0]
    mine = b.bureau_tasks(tasks, bureau)
    order = [b.ATTENTION_ORDER.index(s) for s in mine["status"]]
    assert order == sorted(order) and mine["status"].iloc[0] == "behind"
    assert mine["is_primary"].sum() == int((tasks["bureau"] == bureau).sum())
    zh = b.bureau_tasks_zh(tasks, bureau)
    qual = b.bureau_qualitative_zh(tasks, bureau)
    assert len(zh) + len(qual) == len(mine) and zh["状态"].iloc[0].startswith("滞后")
    assert "定性推进" not in set(zh["状态"])
    refs = [b.task_ref(t, s) for t, s in mine.loc[mine["status"] == "qualitative", ["table", "seq"]].itertuples(index=False)]
    assert list(qual["序号"]) == refs


def test_bureau_tasks_include_joint_leads(tasks: pd.DataFrame) -> None:
    joint = tasks[tasks["bureaus"].str.contains("、", na=False)]
    if joint.empty:
        pytest.skip("no task with several lead units in this table")
    row = joint.iloc[0]
    second = row["bureaus"].split("、")[1]
    mine = b.bureau_tasks(tasks, second)
    assert row["task_id"] in set(mine["task_id"])
    assert not mine.set_index("task_id").loc[row["task_id"], "is_primary"] or row["bureau"] == second
    listed = pd.concat([b.bureau_tasks_zh(tasks, second), b.bureau_qualitative_zh(tasks, second)])
    assert "联合牵头" in " ".join(listed["重点工作"]) or row["bureau"] == second


def _joint_only(tasks: pd.DataFrame) -> list[str]:
    primaries = set(tasks["bureau"])
    return sorted({u for bs in tasks["bureaus"].dropna() for u in bs.split("、")[1:] if u not in primaries})


def test_bureau_sentence_counts_joint_leads_apart(tasks: pd.DataFrame) -> None:
    joint_only = _joint_only(tasks)
    if not joint_only:
        pytest.skip("every lead unit in this table is first lead of some task")
    s = b.bureau_sentence(tasks, joint_only[0], "2024年上半年")
    n = len(b.bureau_tasks(tasks, joint_only[0]))
    assert "没有作为第一牵头单位" in s and f"联合牵头重点工作{n}项" in s
    first = tasks["bureau"].value_counts().index[0]
    assert b.bureau_sentence(tasks, first, "2024年上半年").startswith(f"2024年上半年，{first}共有重点工作")


def test_unknown_bureau_names_similar_ones(tasks: pd.DataFrame) -> None:
    from helpers.errors import UnknownUnitError

    with pytest.raises(UnknownUnitError) as e:
        b.bureau_tasks(tasks, "市发改")
    assert str(e.value).startswith("没有以“市发改”为牵头单位的任务；相近的单位：") and "市发改委" in str(e.value)


def test_bureau_vs_city(tasks: pd.DataFrame) -> None:
    cmp = b.bureau_vs_city(tasks, "市发改委").set_index("范围")
    assert list(cmp.index) == ["市发改委", "全市"]
    assert cmp.loc["全市", "重点工作"] == 191
    assert cmp.loc["全市", "滞后"] == int((tasks["status"] == "behind").sum())
    mine = tasks[tasks["bureau"] == "市发改委"]
    assert cmp.loc["市发改委", "重点工作"] == len(mine)
    assert cmp.loc["市发改委", "完成度中位数"] == b.fmt_pct(mine["completion_pct"].median())
    assert cmp.loc["全市", "达序时及以上"] == b.fmt_pct(b.headline(tasks).share_on_pace_or_better)


def test_rank_sentence(tasks: pd.DataFrame) -> None:
    board = b.bureau_scoreboard(tasks)
    top = board.iloc[0]["bureau"]
    n_top = int((board["rank"] == 1).sum())
    expected = f"{top}与其他{n_top - 1}个单位并列第1位。" if n_top > 1 else f"{top}排第1位。"
    assert b.rank_sentence(board, top, 0.5).endswith(expected)
    assert "按达到或超过序时进度的比例" in b.rank_sentence(board, top, 0.5)
    assert "按已完成年度目标的比例" in b.rank_sentence(board, top, 1.0)  # a year-end board
    unmeasured = board.loc[board["measured"] == 0, "bureau"]
    if len(unmeasured):
        assert "未参加" in b.rank_sentence(board, unmeasured.iloc[0], 0.5)


def test_ahead_margin_is_read_from_the_table(data: b.PeriodData) -> None:
    """One source: the margin the table was judged with travels in the parquet's metadata."""
    assert data.ahead_margin == pytest.approx(0.10)
    assert data.tasks.attrs["ahead_margin"] == pytest.approx(0.10)


def test_indicators_table(data: b.PeriodData) -> None:
    ind = b.indicators_table(data, table="quantified")
    assert len(ind) > 0 and (ind["table"] == "quantified").all()
    expected = ind["stated_ratio"].fillna(ind["computed_ratio"])
    pd.testing.assert_series_equal(ind["completion"], expected, check_names=False)
    zh = b.indicators_zh(ind)
    assert list(zh.columns) == ["序号", "指标", "牵头单位", "目标", "实际", "完成度", "状态"]
    assert len(zh) == len(ind)
    assert len(b.indicators_table(data, table=None)) == len(data.indicators)


def test_quality_notes_and_frames(data: b.PeriodData) -> None:
    notes = b.quality_notes(data.quality, data.tasks)
    assert notes[0].startswith("原文量化重点工作声明35项")
    counts = b.counts_frame(data.quality, data.tasks)
    assert counts.set_index("表格").loc["重点工作", "原文声明"] == 156
    assert b.quality_frame(None).empty and b.quality_frame({}).empty
    odd = b.quality_frame([{"unit": "市X局", "task_ids": ["G001", "G002"]}, "plain"])
    assert len(odd) == 2 and '"G001"' in odd.loc[0, "任务编号"] and odd.loc[0, "单位"] == "市X局"


# ------------------------------------------------------------------------------ formatting


def test_formatting_helpers() -> None:
    assert b.fmt_pct(0.517) == "51.7%" and b.fmt_pct(None) == b.DASH and b.fmt_pct(float("nan")) == b.DASH
    assert b.fmt_quantity(1.7e10, "元") == "170亿元"
    assert b.fmt_quantity(4.84e9, "元") == "48.4亿元"
    assert b.fmt_quantity(20000, "人") == "2万人"
    assert b.fmt_quantity(14826, "人") == "14826人"
    assert b.fmt_quantity(7.2e9, "斤") == "72亿斤" and b.fmt_quantity(5.22e5, "亩") == "52.2万亩"
    assert b.fmt_quantity(7.5, "%") == "7.5%"
    assert b.fmt_quantity(None, "个") == b.DASH
    assert b.truncate("一二三四五", 4) == "一二三…" and len(b.truncate("字" * 300)) == 120
    assert b.truncate("a\n  b") == "a b" and b.truncate(pd.NA) == b.DASH
    assert b.task_ref("quantified", 7) == "量化7" and b.task_ref("general", 12) == "重点12"


def test_evidence_sentence_widens_the_clause() -> None:
    progress = "截至6月底,已开工项目145个,占全年目标任务的87.9%;已竣工项目62个,占全年目标任务的51.7%。下半年加快推进。"
    assert b.evidence_sentence("占全年目标任务的51.7%", progress) == "已竣工项目62个,占全年目标任务的51.7%。"
    long = "前" * 200 + "未达到序时进度" + "后" * 200 + "。"
    cut = b.evidence_sentence("未达到序时进度", long, 40)
    assert len(cut) == 40 and cut.startswith("…") and cut.endswith("…") and "未达到序时进度" in cut
    assert b.evidence_sentence("不在原文里", progress) == "不在原文里"
    assert b.evidence_sentence(None, progress) == b.DASH



def test_evidence_sentence_stops_at_the_cells_the_reader_joined() -> None:
    # 崇川 1-11月: the reader joins the row's progress and problems cells; the sentence quoted as 依据 is the
    # problems cell's own, without the joint (it was shown as "| 前期配合区…")
    path = Path(__file__).parents[1] / "fixtures" / "corpus" / "chongchuan_2023M11_1.txt"
    doc = read_report(path)
    tasks, _ = parsed_frame(parse_document(doc), resolve_period(doc, None), path.name)
    row = tasks[tasks["task"].str.contains("三定一督")].iloc[0]
    assert PART_SEP in row["progress"]
    shown = b.evidence_sentence("项目于9月28才签订合同", row["progress"])
    assert shown.startswith("前期配合区") and shown.endswith("后期将加快推进。") and "|" not in shown
    first = b.evidence_sentence("建成38个厢房", row["progress"])
    assert first.startswith("在46个小区") and "|" not in first and "前期" not in first


def test_behind_evidence_holds_the_deciding_clause(tasks: pd.DataFrame) -> None:
    behind = b.behind_tasks(tasks)
    shown = b.behind_zh(tasks)["依据"].tolist()
    for ev, text in zip(behind["evidence"], shown):
        if isinstance(ev, str) and len(ev) <= 100:
            assert ev.strip() in text


def test_html_is_escaped() -> None:
    df = pd.DataFrame({"依据": ['<script>alert("x")</script> & 1<2'], "完成度": ["50.0%"]})
    html = b.table_html(df, widths=[80, 20], numeric=["完成度"])
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; 1&lt;2" in html
    assert '<col style="width:80%">' in html and '<td class="num">50.0%</td>' in html
    assert "<th>完成度</th>" in html and "<td>&lt;script" in html
    assert b.esc("<b>") == "&lt;b&gt;"
    figures = b.figures_html([("滞后<", "3项")])
    assert "滞后&lt;" in figures


# ------------------------------------------------------------------------------ charts


def _texts(fig) -> list:
    return [t for t in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_fontsize"))
            if t.get_text().strip() and t.get_visible()]


@pytest.fixture(scope="module")
def figures(tasks: pd.DataFrame) -> dict:
    from helpers.report import charts

    return {
        "sector": charts.status_by_sector(tasks),
        "pace": charts.completion_vs_pace(tasks, 0.5),
        "heatmap": charts.bureau_status_heatmap(tasks),
        "versus": charts.bureau_vs_city_shares(tasks, "市发改委"),
    }


@pytest.mark.parametrize("name", ["sector", "pace", "heatmap", "versus"])
def test_chart_fits_a4_and_is_legible(figures: dict, name: str) -> None:
    from helpers.report import charts

    fig = figures[name]
    assert fig.get_figwidth() <= 6.7  # printable width of A4 with 2 cm margins
    texts = _texts(fig)
    assert texts
    small = [(t.get_text(), t.get_fontsize()) for t in texts if t.get_fontsize() < 9]
    assert not small, small
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = charts.png_bytes(fig)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert not missing, missing[:3]


@pytest.mark.parametrize("name", ["sector", "heatmap"])
def test_a_chart_prints_the_pixels_of_savefig_on_white_without_an_alpha_channel(tasks: pd.DataFrame, name: str) -> None:
    """png_bytes draws the figure itself and drops the alpha channel (WeasyPrint would split it
    into a soft mask for every PDF): the same pixels as matplotlib's savefig on white, all opaque."""
    import io

    import numpy as np
    from PIL import Image

    from helpers.report import charts

    make = {"sector": lambda: charts.status_by_sector(tasks), "heatmap": lambda: charts.bureau_status_heatmap(tasks)}
    ours = Image.open(io.BytesIO(charts.png_bytes(make[name]())))
    fig = make[name]().figure  # the matplotlib Figure itself, as matplotlib's own calls want it
    fig.get_layout_engine().execute(fig)
    fig.set_layout_engine(None)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=charts.DPI, facecolor="white")
    theirs = np.asarray(Image.open(buf))
    assert ours.mode == "RGB" and theirs.shape[2] == 4 and (theirs[..., 3] == 255).all()
    assert np.array_equal(np.asarray(ours), theirs[..., :3])
    assert round(ours.info["dpi"][0]) == charts.DPI


def test_charts_label_in_chinese(figures: dict, tasks: pd.DataFrame) -> None:
    sector_labels = [t.get_text() for t in figures["sector"].axes[0].get_yticklabels()]
    assert "经济运行与投资" in sector_labels
    legend = [t.get_text() for t in figures["sector"].axes[0].get_legend().get_texts()]
    assert "滞后" in legend
    assert len(sector_labels) == tasks["sector"].nunique()
    heat_rows = [t.get_text() for t in figures["heatmap"].axes[0].get_yticklabels()]
    assert len(heat_rows) == tasks["bureau"].nunique()


def test_chart_uses_the_cjk_font(figures: dict) -> None:
    import matplotlib

    from helpers.report.fonts import find_cjk_font_face

    assert matplotlib.rcParams["font.sans-serif"][0] == find_cjk_font_face()[2]


def test_pace_line_is_drawn_at_the_pace(tasks: pd.DataFrame) -> None:
    from helpers.report import charts

    fig = charts.completion_vs_pace(tasks, 0.75, ahead_margin=0.1)
    xs = sorted(line.get_xdata()[0] for line in fig.axes[0].get_lines())
    assert xs == pytest.approx([75, 85])
    assert any("序时进度 75%" in t.get_text() for t in fig.axes[0].texts)


def test_bureau_notes_state_the_margin_the_table_was_judged_with(tasks: pd.DataFrame) -> None:
    notes = b.bureau_notes(tasks, "市发改委", 0.5, "2024年上半年", ahead_margin=0.2)
    assert "20个百分点" in notes[0] and "10个百分点" not in notes[0]


@pytest.mark.parametrize("bureau,label", [("中国人民银行六安市分行", "本单位"), ("霍邱县政府", "本单位（联合牵头）"),
                                          ("市发改委", "市发改委")])
def test_bureau_chart_keeps_every_label_on_the_page(tasks: pd.DataFrame, bureau: str, label: str) -> None:
    from helpers.report import charts

    fig = charts.bureau_vs_city_shares(tasks, bureau)
    fig.draw_without_rendering()
    rows = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert rows == [label, "全市"]
    box = fig.bbox
    outside = [t.get_text() for t in _texts(fig)
               if not (box.x0 - 1 <= t.get_window_extent().x0 and t.get_window_extent().x1 <= box.x1 + 1)]
    assert not outside, outside
    # a unit that only co-leads still shows its tasks' mix, not an empty bar
    assert len(fig.axes[0].patches) > 1 + (tasks["status"].nunique() - 1)


def test_a_unit_printed_under_its_old_name_is_named_in_the_notes(tmp_path):
    """The seed with 市工信局 printed under its old name 市经信局 (as the 2021 reports print it): the
    table files its tasks under 市工信局 and both briefings' notes say so."""
    from helpers.table import build_table

    seed = Path(__file__).resolve().parents[2] / "data" / "raw" / "luan_2024H1.txt"
    raw = tmp_path / "luan_2024H1.txt"
    raw.write_text(seed.read_text(encoding="utf-8").replace("市工信局", "市经信局"), encoding="utf-8")
    result = build_table(raw, period="2024H1", out=tmp_path / "processed", overrides=tmp_path / "none.csv")
    tasks = result.tasks
    assert not tasks["bureaus"].str.contains("市经信局").any()
    expected = "单位更名：原文“市经信局”按现名称“市工信局”列示。"
    assert expected in b.quality_notes(result.quality, tasks)
    assert expected in b.bureau_notes(b.load_period("2024H1", tmp_path / "processed").tasks, "市工信局", 0.5, "2024年上半年")
    assert expected not in b.bureau_notes(tasks.assign(units_renamed=None), "市工信局", 0.5, "2024年上半年")


def _unmatched_page(monkeypatch, bureau: str | None, compared: bool):
    """A page of H1 compared with Q1 whose tasks were (all, or one of them) tied to Q1's."""
    from types import SimpleNamespace

    from helpers.compare import chain
    from helpers.report.facts import change_facts
    from helpers.schema import CHANGES_SCHEMA, SHARES_SCHEMA

    rows = [("市甲局", "G001", "unchanged" if compared else "unmatched"), ("市甲局", "G002", "unmatched")]
    changes = pd.DataFrame([{"period": "2024H1", "prev_period": "2024Q1", "bureau": u, "task_id": t, "change": c,
                             "match": "same" if c == "unchanged" else "none", "table": "key", "seq": i + 1,
                             "task": f"任务{i}", "status": "qualitative", "prev_status": "qualitative",
                             "behind_reports": 0} for i, (u, t, c) in enumerate(rows)]
                           ).reindex(columns=list(CHANGES_SCHEMA.columns))
    monkeypatch.setattr(chain, "load_shares", lambda *a, **k: pd.DataFrame(columns=list(SHARES_SCHEMA.columns)))
    data = SimpleNamespace(changes=changes, period=SimpleNamespace(code="2024H1"), folder=Path("."))
    return SimpleNamespace(data=data, bureau=bureau, facts=change_facts(changes, bureau))


@pytest.mark.parametrize("bureau", [None, "市甲局"])
def test_nothing_compared_shows_no_empty_change_tables(monkeypatch, bureau):
    # "本期…均未能…对应，无法作较上期比较。" followed by an empty list's "无。" reads as "nothing
    # changed": with no task compared, the change list and the sector shares are not shown at all
    page = _unmatched_page(monkeypatch, bureau, compared=False)
    assert b.TABLES["changes"](page) is None and b.TABLES["sector_shares"](page) is None
    page = _unmatched_page(monkeypatch, bureau, compared=True)
    if bureau is None:  # something compared: the city's lists are shown, empty or not
        assert b.TABLES["changes"](page) is not None and b.TABLES["sector_shares"](page) is not None


def test_the_judges_notes_are_shown_after_the_task_escaped(tasks: pd.DataFrame) -> None:
    # a note is a fact beside a sure judgement (docs/judging.md, "Notes"): the pages show it, never hide it
    from helpers.report import changes as changes_zh
    from helpers.report.display import table_html
    from helpers.statuses import review_reason

    t = tasks.copy()
    behind = b.behind_tasks(t)["task_id"].iloc[0]
    claim = review_reason("pending", "结果<b>明年2月</b>公布")  # report text that looks like markup
    t.loc[t["task_id"].eq(behind), "note_reason"] = claim
    zh = b.behind_zh(t).set_index("序号")
    ref = zh.index[b.behind_tasks(t)["task_id"].eq(behind).to_numpy()][0]
    assert zh.loc[ref, "重点工作"].endswith("（结果待外部决定）")
    page = table_html(zh.reset_index())
    assert "（结果待外部决定）" in page and "<b>明年2月</b>" not in page
    bureau = t.loc[t["task_id"].eq(behind), "bureau"].iloc[0]
    assert b.bureau_tasks_zh(t, bureau)["重点工作"].str.contains("（结果待外部决定）", regex=False).any()
    # the changes list and the mail name the same note beside the task
    row = t[t["task_id"].eq(behind)].iloc[0]
    changes = pd.DataFrame([{"period": "2024H1", "prev_period": "2024Q1", "task_id": behind, "table": row["table"], "seq": row["seq"],
                             "task": row["task"], "bureau": bureau, "status": "behind", "prev_status": "on_pace",
                             "completion_pct": row["completion_pct"], "prev_completion_pct": None,
                             "lag_pts": row["lag_pts"], "change": "newly_behind", "behind_reports": 1,
                             "match": "same", "note_reason": claim}])
    assert changes_zh.change_list_zh(changes)["重点工作"].iloc[0].endswith("（结果待外部决定）")
    assert any("（结果待外部决定）" in line for line in changes_zh.mail_lines(changes))
    assert "外部决定" not in "".join(changes_zh.change_list_zh(changes.drop(columns="note_reason"))["重点工作"])
    # a target cut during the year is marked there as on the pages, once, beside the judge's note
    cut = changes.assign(is_target_adjusted=True)
    assert changes_zh.change_list_zh(cut)["重点工作"].iloc[0].endswith("（目标年中调整）（结果待外部决定）")
    assert any("（目标年中调整）（结果待外部决定）" in line for line in changes_zh.mail_lines(cut))
