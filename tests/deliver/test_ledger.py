"""The supervision ledger (台账) read back with openpyxl, and corrections fed back into overrides.csv.

The seed report is built into a temporary folder with an overrides file of the test's own, so the
round trip (ledger out → 更正状态 filled → import → table rebuilt) never touches data/reference/.
Expected counts are taken from the table (pandas on tasks.parquet) and from quality.json, never
from the ledger code under test.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from helpers.judge import review
from helpers.messages import NOTES_ZH
from helpers.quality import read_quality
from helpers.statuses import MEASURED, ON_PACE_OR_BETTER
from helpers.cli import main
from helpers.errors import InputError
from helpers.deliver.corrections import REVIEW_SHEET, import_corrections
from helpers.deliver.ledger_columns import sheet_names
from helpers.deliver.ledger import write_ledger
from helpers.judge.overrides import HEADER, read_overrides
from helpers.table import build_table

SHEETS = sheet_names(0.5)  # the seed is a mid-year report (2024H1)

PERIOD = "2024H1"


def _build(seed: Path, folder: Path, overrides: Path) -> Path:
    processed = folder / "processed"
    build_table(seed, period=PERIOD, out=processed, overrides=overrides)
    return processed


@pytest.fixture(scope="module")
def built(tmp_path_factory, seed_path):
    """The seed's table and ledger, with an empty overrides file (header only)."""
    folder = tmp_path_factory.mktemp("ledger")
    overrides = folder / "overrides.csv"
    overrides.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    processed = _build(seed_path, folder, overrides)
    path, written = write_ledger(PERIOD, processed_dir=processed, out=folder / "台账.xlsx", overrides=overrides)
    assert written
    return {"folder": folder, "processed": processed, "overrides": overrides, "ledger": path,
            "tasks": pd.read_parquet(processed / "tasks.parquet"),
            "quality": read_quality(processed)}


def _rows(ws) -> list[dict]:
    values = list(ws.iter_rows(values_only=True))
    header = values[0]
    return [dict(zip(header, r)) for r in values[1:] if any(v is not None for v in r)]


def _sheet(path: Path, name: str) -> list[dict]:
    """One sheet's rows, read as `import_corrections` reads (read-only: a fifth of the time)."""
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return _rows(wb[name])
    finally:
        wb.close()


def _fresh_copy(built, name: str) -> tuple[Path, Path]:
    """A copy of the ledger and of the (empty) overrides file, for a test that edits them."""
    d = built["folder"] / name
    d.mkdir()
    ledger, overrides = d / "台账.xlsx", d / "overrides.csv"
    shutil.copy(built["ledger"], ledger)
    shutil.copy(built["overrides"], overrides)
    return ledger, overrides


def _fill(ledger: Path, fills: dict[str, tuple[str, str]], extra: dict[str, tuple[str, str]] = {}) -> dict[str, str]:
    """Fill 更正状态/说明 for listed tasks and append rows for other tasks, as a researcher would;
    return the cell each correction went into."""
    wb = openpyxl.load_workbook(ledger)
    ws = wb[REVIEW_SHEET]
    header = [c.value for c in ws[1]]
    col_id, col_fix, col_note = (header.index(h) + 1 for h in ("编号", "更正状态", "说明"))
    cells = {}
    for row in range(2, ws.max_row + 1):
        tid = ws.cell(row, col_id).value
        if tid in fills:
            ws.cell(row, col_fix).value, ws.cell(row, col_note).value = fills[tid]
            cells[tid] = ws.cell(row, col_fix).coordinate
    row = ws.max_row + 1
    for tid, (status, note) in extra.items():
        ws.cell(row, col_id).value = tid
        ws.cell(row, col_fix).value, ws.cell(row, col_note).value = status, note
        cells[tid] = ws.cell(row, col_fix).coordinate
        row += 1
    wb.save(ledger)
    return cells


# ------------------------------------------------------------------------------ the workbook


def test_sheets_headers_and_row_counts(built):
    tasks, quality = built["tasks"], built["quality"]
    wb = openpyxl.load_workbook(built["ledger"], read_only=True)
    assert wb.sheetnames == list(SHEETS)
    all_rows = _rows(wb["全部任务"])
    assert len(all_rows) == len(tasks) == 191
    assert [r["编号"] for r in all_rows] == tasks["task_id"].tolist()
    by_id = {r["编号"]: r for r in all_rows}
    q07 = tasks.set_index("task_id").loc["Q07"]
    assert by_id["Q07"]["状态"] == q07["status_zh"] and by_id["Q07"]["牵头单位"] == q07["bureaus"]
    assert by_id["Q06"]["完成度"] == pytest.approx(tasks.set_index("task_id").loc["Q06", "completion_pct"])

    behind = _rows(wb["滞后清单"])
    assert sorted(r["编号"] for r in behind) == sorted(tasks.loc[tasks["status"].eq("behind"), "task_id"])
    lags = [r["落后（百分点）"] for r in behind if r["落后（百分点）"] is not None]
    assert lags == sorted(lags, reverse=True) and lags  # largest lag first

    # the seed has no 完成状态: the judge's review flags are the whole list
    doubtful = set(tasks.loc[tasks["needs_review"], "task_id"])
    listed = _rows(wb[REVIEW_SHEET])
    assert {r["编号"] for r in listed} == doubtful and len(listed) == len(doubtful) > 0
    assert all(r["更正状态"] is None and r["说明"] is None and r["复核原因"] for r in listed)

    board = _rows(wb["单位记分"])
    assert {r["牵头单位"] for r in board} == set(tasks["bureau"])
    sectors = _rows(wb["领域"])
    assert sectors[-1]["领域"] == "合计" and sectors[-1]["合计"] == len(tasks)


def test_layout_for_a_researcher(built):
    wb = openpyxl.load_workbook(built["ledger"])
    for name in SHEETS[:5]:
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), name
        assert ws.column_dimensions["C"].width >= 6, name
    ws = wb["全部任务"]
    header = [c.value for c in ws[1]]
    progress = ws.cell(2, header.index("落实情况") + 1)
    assert progress.alignment.wrap_text and ws.row_dimensions[2].height > 15
    assert ws.conditional_formatting, "status colours"
    rv = wb[REVIEW_SHEET]
    col = [c.value for c in rv[1]].index("更正状态") + 1
    letter = openpyxl.utils.get_column_letter(col)
    dvs = rv.data_validations.dataValidation
    assert len(dvs) == 1 and dvs[0].type == "list"
    assert all(s in dvs[0].formula1 for s in ("已完成", "滞后", "定性推进"))
    assert f"{letter}2" in str(dvs[0].sqref)


def test_about_sheet_names_period_sources_and_checksums(built, seed_path):
    about = {r["项目"]: r["内容"] for r in _sheet(built["ledger"], "说明")}
    assert about["期间代码"] == PERIOD and about["期间"] == "2024年上半年"
    assert about["序时进度"] == "50.0%"
    assert about["来源文件 SHA-256"] == hashlib.sha256(seed_path.read_bytes()).hexdigest()
    assert about["tasks.parquet SHA-256"] == hashlib.sha256((built["processed"] / "tasks.parquet").read_bytes()).hexdigest()
    assert about["需人工复核（未核定）"] == len({e.task_id for e in built["quality"].review})
    assert "review import" in about["如何提交更正"]
    # the seed alone has no earlier period: the ledger says no comparison was made
    assert about["较上期比较"] == "未找到2024年更早一期的数据表，本期不作较上期比较。"


def test_unchanged_inputs_do_not_rewrite_the_ledger(built):
    before = built["ledger"].stat().st_mtime_ns
    path, written = write_ledger(PERIOD, processed_dir=built["processed"], out=built["ledger"],
                                 overrides=built["overrides"])
    assert not written and path.stat().st_mtime_ns == before


# ------------------------------------------------------------------------------ corrections back in


def test_round_trip_two_corrections(built, seed_path):
    ledger, overrides = _fresh_copy(built, "round_trip")
    first = _sheet(ledger, REVIEW_SHEET)[0]["编号"]
    # one doubtful task settled, and Q07 (GDP +5.5% against ≈7.5%: behind by rule) added by hand
    _fill(ledger, {first: ("达序时", "核对原文：按年度计划已过半")}, extra={"Q07": ("达序时", "按可比口径")})
    result = import_corrections(ledger, processed_dir=built["processed"], overrides=overrides)
    assert result.counts == {"new": 2, "updated": 0, "unchanged": 0}
    rows = read_overrides(overrides)
    assert [(r["period"], r["task_id"], r["field"], r["value"]) for r in rows] == [
        (PERIOD, first, "status", "on_pace"), (PERIOD, "Q07", "status", "on_pace")]
    assert rows[1]["note"] == "按可比口径"

    again = import_corrections(ledger, processed_dir=built["processed"], overrides=overrides)
    assert again.counts == {"new": 0, "updated": 0, "unchanged": 2}
    assert len(read_overrides(overrides)) == 2  # merged, not duplicated

    # the table rebuilt with the corrections, then a new ledger from it
    processed = _build(seed_path, ledger.parent, overrides)
    tasks = pd.read_parquet(processed / "tasks.parquet").set_index("task_id")
    for tid in (first, "Q07"):
        assert (tasks.loc[tid, "status_zh"], tasks.loc[tid, "status_source"]) == ("达序时", "override")
    out, written = write_ledger(PERIOD, processed_dir=processed, out=ledger.parent / "台账2.xlsx", overrides=overrides)
    wb = openpyxl.load_workbook(out, read_only=True)
    by_id = {r["编号"]: r for r in _rows(wb["全部任务"])}
    assert by_id[first]["状态"] == by_id["Q07"]["状态"] == "达序时"
    assert by_id["Q07"]["状态来源"] == "人工核定"
    settled = {r["编号"]: r for r in _rows(wb[REVIEW_SHEET])}[first]
    assert (settled["已核定"], settled["更正状态"], settled["说明"]) == ("是", "达序时", "核对原文：按年度计划已过半")
    about = {r["项目"]: r["内容"] for r in _rows(wb["说明"])}
    n_review = len({e.task_id for e in built["quality"].review})
    assert about["需人工复核（未核定）"] == n_review - 1
    assert about["经人工核定"] == 2
    # the Q07 row is gone from the behind list
    assert "Q07" not in {r["编号"] for r in _rows(wb["滞后清单"])}


def test_a_changed_decision_updates_its_row(built):
    ledger, overrides = _fresh_copy(built, "update")
    _fill(ledger, {}, extra={"Q07": ("达序时", "初核")})
    import_corrections(ledger, processed_dir=built["processed"], overrides=overrides)
    _fill(ledger, {"Q07": ("滞后", "复核后维持规则判断")})
    result = import_corrections(ledger, processed_dir=built["processed"], overrides=overrides)
    assert result.counts["updated"] == 1
    rows = read_overrides(overrides)
    assert [(r["task_id"], r["value"], r["note"]) for r in rows] == [("Q07", "behind", "复核后维持规则判断")]


@pytest.mark.parametrize("bad,message", [
    (("Q07", "差不多"), r"工作表“待复核”的 L\d+ 格：“更正状态”栏的“差不多”不是状态；请填 已完成、超序时"),
    (("Q99", "滞后"), r"工作表“待复核”的 A\d+ 格：2024H1 的任务表中没有任务 Q99（报告改动后编号可能已变）"),
])
def test_bad_corrections_are_refused_and_nothing_is_written(built, bad, message):
    ledger, overrides = _fresh_copy(built, f"bad_{bad[0]}")
    # a good correction before the bad one must not be written either
    _fill(ledger, {}, extra={"Q06": ("已完成", "先填的一行"), bad[0]: (bad[1], "")})
    before = overrides.read_bytes()
    with pytest.raises(InputError, match=message) as e:
        import_corrections(ledger, processed_dir=built["processed"], overrides=overrides)
    assert "\n" not in str(e.value) and ledger.name in str(e.value)
    assert overrides.read_bytes() == before


def test_one_task_corrected_twice_differently_is_refused(built):
    ledger, overrides = _fresh_copy(built, "twice")
    cells = _fill(ledger, {}, extra={"Q07": ("达序时", "")})
    _fill(ledger, {}, extra={"Q08": ("滞后", "")})
    wb = openpyxl.load_workbook(ledger)
    ws = wb[REVIEW_SHEET]
    ws.cell(ws.max_row + 1, 1).value = "Q07"
    ws.cell(ws.max_row, 12).value = "已完成"
    wb.save(ledger)
    before = overrides.read_bytes()
    with pytest.raises(InputError, match=rf"任务 Q07 的更正填了两次，且不相同（第一次在工作表“待复核”的 {cells['Q07']} 格）"):
        import_corrections(ledger, processed_dir=built["processed"], overrides=overrides)
    assert overrides.read_bytes() == before


def test_cli_refuses_with_one_line_and_exit_2(built, capsys):
    ledger, overrides = _fresh_copy(built, "cli")
    _fill(ledger, {}, extra={"Q07": ("快完成了", "")})
    before = overrides.read_bytes()
    rc = main(["review", "import", str(ledger), "--processed", str(built["processed"]), "--overrides", str(overrides)])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1 and err.startswith("错误：") and "待复核" in err
    assert overrides.read_bytes() == before


def test_a_workbook_without_the_review_sheet_is_refused(built, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.save(tmp_path / "other.xlsx")
    with pytest.raises(InputError, match="other.xlsx: 没有名为“待复核”的工作表；请给出 python -m helpers ledger 生成的督查台账"):
        import_corrections(tmp_path / "other.xlsx", processed_dir=built["processed"], overrides=built["overrides"])


# ------------------------------------------------------------------------------ table-time summary


def test_review_reads_the_judges_columns(built):
    tasks = built["tasks"]
    flagged = set(tasks.loc[tasks["needs_review"], "task_id"])
    assert flagged == {e.task_id for e in built["quality"].review}  # the seed: no 完成状态
    assert set(review.review_table(tasks)["task_id"]) == flagged
    # every reason the judge writes on the seed has a Chinese reading (none shown in English)
    reasons = {z for r in tasks["review_reason"].dropna() for z in review.split_reasons(r)}
    assert reasons and all(not z.isascii() for z in reasons)


def test_table_summary_in_chinese(built):
    tasks, quality = built["tasks"], built["quality"]
    lines = review.table_summary_zh(tasks, quality)
    n_behind = int(tasks["status"].eq("behind").sum())
    assert lines[0].startswith(f"任务状态（共{len(tasks)}项）") and f"滞后{n_behind}" in lines[0]
    assert lines[1].startswith(f"需人工复核{len({e.task_id for e in quality.review})}项：")
    assert "原文没有完成状态栏" in lines[2] and lines[3] == "未识别单位0个"


def test_table_summary_counts_disagreements_of_a_report_with_official_status(tmp_path):
    import variants

    raw = tmp_path / "luan_2021FY.txt"
    raw.write_text(variants.extra_columns_layout(), encoding="utf-8")
    empty = tmp_path / "overrides.csv"
    empty.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    result = build_table(raw, out=tmp_path / "p", overrides=empty)
    t = result.tasks
    n = int((t["official_status_code"].notna() & t["official_status_code"].ne(t["status"])).sum())
    assert n > 0
    assert f"与原文完成状态不一致{n}项" in result.review_summary()


# ------------------------------------------------------------------------------ LibreOffice


@pytest.mark.integration
@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed; `make test` does not install it "
                           "(apt-get install libreoffice-calc-nogui)")
def test_libreoffice_opens_resaves_and_the_import_still_works(built, tmp_path):
    ledger, overrides = _fresh_copy(built, "libreoffice")
    _fill(ledger, {}, extra={"Q07": ("达序时", "经 LibreOffice 保存")})
    out = tmp_path / "lo"
    profile = tmp_path / "profile"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(ledger)],
                   check=True, capture_output=True, timeout=300)
    resaved = out / ledger.name
    wb = openpyxl.load_workbook(resaved)
    assert wb.sheetnames == list(SHEETS)
    assert len(_rows(wb["全部任务"])) == 191
    assert wb[REVIEW_SHEET].data_validations.dataValidation, "the drop-down survives LibreOffice"
    result = import_corrections(resaved, processed_dir=built["processed"], overrides=overrides)
    assert [(r["task_id"], r["value"]) for r in read_overrides(overrides)] == [("Q07", "on_pace")]
    assert result.counts["new"] == 1


# ------------------------------------------------------------------------------ the review notebook

REVIEW_NB = Path(__file__).resolve().parents[2] / "notebooks" / "review.ipynb"


def test_review_notebook_is_clean_and_parameterised():
    import ast

    import nbformat

    nb = nbformat.read(REVIEW_NB, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3" and nb.metadata["language_info"]["name"] == "python"
    assert all(c.outputs == [] and c.execution_count is None for c in nb.cells if c.cell_type == "code")
    params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    lines = [ln for ln in params[0].source.splitlines() if ln.strip()]
    assert all("#" in ln for ln in lines), "every parameter line has a comment"
    names = {t.id for node in ast.parse(params[0].source).body for t in node.targets}
    assert names == {"period", "processed_dir", "include_settled", "decisions", "overrides_path"}


def test_review_html_escapes_and_marks_the_deciding_clause(built):
    tasks = built["tasks"].copy()
    rv = review.review_table(tasks)
    row = rv[rv["evidence"].notna()].iloc[0]
    i = rv.index[rv["task_id"].eq(row["task_id"])][0]
    # report text that looks like markup must reach the page as text
    rv.loc[i, "progress"] = "<b>原文</b>" + row["progress"]
    html = review.review_html(rv)
    assert "&lt;b&gt;原文&lt;/b&gt;" in html and "<b>原文</b>" not in html
    assert f"<mark>{review.html.escape(row['evidence'])}</mark>" in html
    groups = review.reason_counts(rv)
    for reason, n in groups.items():
        assert f"<h2>{reason}（{n}项）</h2>" in html


def test_figures_in_question_are_marked_in_the_progress_text(built):
    tasks = built["tasks"].set_index("task_id")
    figures = review.review_figures(built["quality"])
    # Q22: percent figures no rule reads (清零率分别为97.1%, 填报经费较上年增长10.9% …) — the seed's text
    progress = tasks.loc["Q22", "progress"]
    html = review.highlight_html(progress, tasks.loc["Q22", "evidence"], figures["Q22"])
    marked = [f for f in figures["Q22"] if f"{review.FIGURE_MARK}{review.html.escape(f)}</mark>" in html]
    inside_evidence = [f for f in figures["Q22"] if f in str(tasks.loc["Q22", "evidence"])]
    assert marked and set(marked) | set(inside_evidence) >= {f for f in figures["Q22"] if f in progress}
    # marks never nest or break the text: strip them and the escaped text is back
    plain = re.sub(r"<mark[^>]*>|</mark>", "", html).replace("<br>", "\n")
    assert plain == review.html.escape(progress)
    assert review.highlight_html("a<b>1%", None, ["1%"]) == f"a&lt;b&gt;{review.FIGURE_MARK}1%</mark>"


@pytest.mark.integration
def test_review_notebook_runs_and_records_a_decision(built, tmp_path):
    import nbformat

    from helpers.report.pool import local_kernel

    ledger, overrides = _fresh_copy(built, "notebook")
    out = tmp_path / "review.ipynb"
    # papermill, in this process's warm kernel (the one the batch tests use)
    local_kernel(str(REVIEW_NB.parent), "").execute(
        REVIEW_NB, out, {"period": PERIOD, "processed_dir": str(built["processed"]),
                         "decisions": {"Q07": ["达序时", "按可比口径"]}, "overrides_path": str(overrides)})
    nb = nbformat.read(out, as_version=4)
    html = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.outputs)
    n_open = len({e.task_id for e in built["quality"].review})
    assert f"需人工复核{n_open}项" in html and html.count("<mark>") >= 1
    assert [(r["task_id"], r["value"], r["note"]) for r in read_overrides(overrides)] == [("Q07", "on_pace", "按可比口径")]


# ------------------------------------------------------------------------------ what the briefings show


def test_tied_units_share_a_rank(built):
    from helpers.report import briefing as b

    tasks = built["tasks"]
    board = b.bureau_scoreboard(tasks)
    # independent count: units whose measured tasks are all on pace or better
    g = tasks.assign(m=tasks["status"].isin(MEASURED), good=tasks["status"].isin(ON_PACE_OR_BETTER)).groupby("bureau")
    perfect = sorted(u for u, m, good in zip(g.size().index, g["m"].sum(), g["good"].sum()) if m and m == good)
    assert len(perfect) > 1
    top = board[board["rank"] == 1]
    assert sorted(top["bureau"]) == perfect
    zh = b.scoreboard_zh(board[board["measured"] > 0], 0.5)
    assert (zh.loc[zh["牵头单位"].isin(perfect), "排名"] == "并列1").all()
    nxt = zh.loc[~zh["牵头单位"].isin(perfect), "排名"].iloc[0]
    assert nxt.removeprefix("并列") == str(len(perfect) + 1)  # 1, 1, …, then n+1: no rank 2
    last = perfect[-1]
    assert b.rank_sentence(board, last, 0.5).endswith(f"{last}与其他{len(perfect) - 1}个单位并列第1位。")


@pytest.fixture(scope="module")
def official(tmp_path_factory):
    """The 2021 full-year layout (完成状态 column), derived from the seed's rows."""
    import variants

    folder = tmp_path_factory.mktemp("official")
    raw = folder / "luan_2021FY.txt"
    raw.write_text(variants.extra_columns_layout(), encoding="utf-8")
    empty = folder / "overrides.csv"
    empty.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    result = build_table(raw, out=folder / "p", overrides=empty)
    return {"tasks": result.tasks, "quality": result.quality, "processed": folder / "p", "raw": raw, "folder": folder}


def test_official_status_beside_ours_with_the_disagreement_marked(official, built):
    from helpers.report import briefing as b

    t = official["tasks"]
    bureau = t["bureau"].value_counts().index[0]
    mine = b.bureau_tasks(t, bureau)
    shown = pd.concat([b.bureau_tasks_zh(t, bureau), b.bureau_qualitative_zh(t, bureau)])
    assert b.OFFICIAL_ZH in shown.columns
    assert len(shown) == len(mine)
    expect = {f"{o}（不一致）" if c != s else o for o, c, s in zip(mine["official_status"], mine["official_status_code"], mine["status"])}
    assert set(shown[b.OFFICIAL_ZH]) == expect
    assert any(v.endswith("（不一致）") for v in expect)
    assert b.OFFICIAL_ZH not in b.bureau_tasks_zh(built["tasks"], "市发改委").columns  # the seed prints none
    html = b.table_html(b.bureau_tasks_zh(t, bureau), widths=[9, 29, 11, 9, 42])
    assert html.count("<col ") == 6 and 'style="width:13%"' in html


def test_fit_widths_keeps_the_total():
    from helpers.report import briefing as b

    df = pd.DataFrame(columns=["序号", "重点工作", "状态", b.OFFICIAL_ZH, "完成度", "依据"])
    w = b.fit_widths(df, [9, 29, 11, 9, 42])
    assert len(w) == 6 and w[3] == 13 and sum(w) == pytest.approx(100)
    assert b.fit_widths(df.drop(columns=[b.OFFICIAL_ZH]), [9, 29, 11, 9, 42]) == [9, 29, 11, 9, 42]


def test_notes_count_only_what_is_still_open_after_corrections(built, seed_path):
    from helpers.report import briefing as b

    n = len({e.task_id for e in built["quality"].review})
    notes = b.quality_notes(built["quality"], built["tasks"])
    assert f"有{n}项任务的判断需要人工复核。" in notes
    assert any(x.startswith("覆盖面：全市191项任务中可量化评估") for x in notes)

    ledger, overrides = _fresh_copy(built, "notes")
    first, second = [r["编号"] for r in _sheet(ledger, REVIEW_SHEET)[:2]]
    _fill(ledger, {first: ("定性推进", "复核：无可比数据"), second: ("待评估", "等待年报")})
    import_corrections(ledger, processed_dir=built["processed"], overrides=overrides)
    processed = _build(seed_path, ledger.parent, overrides)
    data = b.load_period(PERIOD, processed)
    after = b.quality_notes(data.quality, data.tasks)
    assert f"有{n - 2}项任务的判断需要人工复核。" in after
    assert f"有{n}项任务的判断需要人工复核。" not in after
    assert "有2项任务的状态经人工核定，其中2项原需复核或与原文完成状态不一致，已不再计入上述待复核数；任务表中注“核定”。" in after
    # the corrected tasks carry the mark wherever their bureau's page lists them
    for tid, zh in ((first, "定性推进"), (second, "待评估")):
        bureau = data.tasks.set_index("task_id").loc[tid, "bureau"]
        mine = b.bureau_tasks(data.tasks, bureau)
        if zh == "定性推进":
            q = b.bureau_qualitative_zh(data.tasks, bureau)
            assert q["重点工作"].iloc[list(mine[mine["status"].eq("qualitative")]["task_id"]).index(tid)].endswith("（核定）")
        else:
            shown = b.bureau_tasks_zh(data.tasks, bureau)
            assert shown["状态"].iloc[list(mine[mine["status"].ne("qualitative")]["task_id"]).index(tid)] == "待评估（核定）"
    ind = b.indicators_zh(b.indicators_table(data, table=None))
    refs = {b.task_ref(*data.tasks.set_index("task_id").loc[tid, ["table", "seq"]]) for tid in (first, second)}
    marked = ind[ind["序号"].isin(refs)]["状态"]
    assert len(marked) and marked.str.contains("核定").all()


def test_settled_disagreement_leaves_the_notes(official, tmp_path):
    from helpers.report import briefing as b

    t = official["tasks"]
    dis = t[t["official_status_code"].notna() & t["official_status_code"].ne(t["status"])]
    notes = b.quality_notes(official["quality"], t)
    assert any(x.startswith(f"有{len(dis)}项任务的判断与原文的完成状态不一致") for x in notes)
    # the researcher settles one disagreement by adopting the official status
    tid, code = dis.iloc[0]["task_id"], dis.iloc[0]["official_status_code"]
    overrides = tmp_path / "overrides.csv"
    review.record_decision("2021FY", tid, code, "采用原文完成状态", known_ids=t["task_id"], path=overrides)
    t2 = build_table(official["raw"], out=tmp_path / "p", overrides=overrides).tasks
    notes2 = b.quality_notes(official["quality"], t2)
    assert any(x.startswith(f"有{len(dis) - 1}项任务的判断与原文的完成状态不一致") for x in notes2)
    assert "有1项任务的状态经人工核定" in " ".join(notes2)


def test_columns_a_report_adds_appear_in_the_ledger(official, built):
    wb = openpyxl.load_workbook(write_ledger("2021FY", processed_dir=official["processed"],
                                             out=official["folder"] / "台账.xlsx", overrides=built["overrides"])[0])
    header = [c.value for c in wb["全部任务"][1]]
    assert "原文完成状态" in header and "协同单位" in header
    rows = _rows(wb["全部任务"])
    t = official["tasks"].set_index("task_id")
    assert all(r["原文完成状态"] == t.loc[r["编号"], "official_status"] for r in rows)
    disagree = {r["编号"] for r in rows if r["与原文不一致"] == "是"}
    assert disagree == set(t.index[t["official_status_code"].notna() & t["official_status_code"].ne(t["status"])])
    assert {r["编号"] for r in _rows(wb[REVIEW_SHEET])} >= disagree
    seed_header = list(_sheet(built["ledger"], "全部任务")[0])
    assert "任务来源" not in seed_header and "章节" not in seed_header  # the seed prints neither


def test_a_task_set_to_an_unmeasured_status_keeps_no_completion(built, seed_path, tmp_path):
    q17 = built["tasks"].set_index("task_id").loc["Q17"]
    assert q17["completion_pct"] == pytest.approx(0.5395)  # 为预算的53.95%, judged 达序时 by the rules
    overrides = tmp_path / "overrides.csv"
    review.record_decision(PERIOD, "Q17", "待评估", "增幅未披露", path=overrides)
    review.record_decision(PERIOD, "Q06", "达序时", "", path=overrides)  # measured: completion stays
    t = build_table(seed_path, period=PERIOD, out=tmp_path / "p", overrides=overrides).tasks.set_index("task_id")
    assert t.loc["Q17", "status"] == "pending" and pd.isna(t.loc["Q17", "completion_pct"]) and pd.isna(t.loc["Q17", "lag_pts"])
    assert t.loc["Q06", "completion_pct"] == pytest.approx(built["tasks"].set_index("task_id").loc["Q06", "completion_pct"])
    # a completion the researcher gives is kept
    with overrides.open("a", encoding="utf-8") as fh:
        fh.write(f"{PERIOD},Q17,completion_pct,0.5,按可比口径\n")
    t = build_table(seed_path, period=PERIOD, out=tmp_path / "p", overrides=overrides).tasks.set_index("task_id")
    assert t.loc["Q17", "completion_pct"] == pytest.approx(0.5)


def test_a_ledger_with_unimported_corrections_is_not_overwritten(built, seed_path):
    ledger, overrides = _fresh_copy(built, "unimported")
    _fill(ledger, {}, extra={"Q07": ("达序时", "还没导入")})
    before = ledger.read_bytes()
    # something else changed (another correction recorded directly): the ledger is due a rewrite
    review.record_decision(PERIOD, "Q06", "已完成", "", path=overrides)
    with pytest.raises(InputError, match=r"未覆盖：此台账中填写的1条更正尚未导入（Q07）"):
        write_ledger(PERIOD, processed_dir=built["processed"], out=ledger, overrides=overrides)
    assert ledger.read_bytes() == before
    import_corrections(ledger, processed_dir=built["processed"], overrides=overrides)
    path, written = write_ledger(PERIOD, processed_dir=built["processed"], out=ledger, overrides=overrides)
    assert written and {r["编号"]: r for r in _sheet(path, REVIEW_SHEET)}["Q07"]["更正状态"] == "达序时"


def test_a_withdrawn_correction_does_not_block_the_next_ledger(built, seed_path):
    ledger, overrides = _fresh_copy(built, "withdrawn")
    review.record_decision(PERIOD, "Q07", "达序时", "先记下", path=overrides)
    path, written = write_ledger(PERIOD, processed_dir=built["processed"], out=ledger, overrides=overrides)
    assert written and {r["编号"]: r for r in _sheet(path, REVIEW_SHEET)}["Q07"]["更正状态"] == "达序时"
    hidden = openpyxl.load_workbook(path)[REVIEW_SHEET]
    col = [c.value for c in hidden[1]].index("已记录状态") + 1
    assert hidden.column_dimensions[openpyxl.utils.get_column_letter(col)].hidden
    # the researcher withdraws it by deleting the row in overrides.csv: the prefilled value is ours,
    # not a new entry, so the ledger is rewritten without it
    overrides.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    path, written = write_ledger(PERIOD, processed_dir=built["processed"], out=ledger, overrides=overrides)
    assert written and "Q07" not in {r["编号"] for r in _sheet(path, REVIEW_SHEET)}


# ------------------------------------------------------------------------------ nothing lost, identity by content


def _cell_of(wb, value):
    return next(c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value == value)


def test_a_task_text_that_is_a_formula_stays_text_in_the_ledger(tmp_path, seed_text):
    hyperlink = '=HYPERLINK("http://evil.example/x","加快建设和襄高速")'
    raw = tmp_path / "luan_2024H1.txt"
    raw.write_text(seed_text.replace("\n加快建设和襄高速。\n", f"\n{hyperlink}\n"), encoding="utf-8")
    overrides = tmp_path / "overrides.csv"
    overrides.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    processed = _build(raw, tmp_path, overrides)
    path, _ = write_ledger(PERIOD, processed_dir=processed, out=tmp_path / "台账.xlsx", overrides=overrides)
    wb = openpyxl.load_workbook(path)
    cell = _cell_of(wb, hyperlink)
    assert cell.data_type == "s" and cell.quotePrefix  # shown as text, stays text when edited
    assert not [c.coordinate for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_a_formula_without_a_cached_value_is_refused_not_read_as_blank(built):
    """A formula written by a script has no computed value: read as data it was an empty cell,
    and the correction vanished with exit 0."""
    ledger, overrides = _fresh_copy(built, "formula")
    cells = _fill(ledger, {}, extra={"Q07": ('=IF(1=1,"达序时","")', "公式算出的状态")})
    before = overrides.read_bytes()
    with pytest.raises(InputError, match=rf"工作表“待复核”的 {cells['Q07']} 格：单元格是公式"):
        import_corrections(ledger, processed_dir=built["processed"], overrides=overrides)
    assert overrides.read_bytes() == before


def test_researchers_notes_columns_and_sheets_survive_the_next_ledger(built):
    ledger, overrides = _fresh_copy(built, "researcher_notes")
    wb = openpyxl.load_workbook(ledger)
    ws = wb["全部任务"]
    col = ws.max_column + 1
    ws.cell(1, col).value, ws.cell(2, col).value = "我的备注", "约谈牵头单位"
    wb.create_sheet("走访记录").append(["6月走访", "市交通局"])
    wb.save(ledger)
    before = ledger.read_bytes()
    review.record_decision(PERIOD, "Q06", "已完成", "", path=overrides)  # the ledger is due a rewrite
    path, written = write_ledger(PERIOD, processed_dir=built["processed"], out=ledger, overrides=overrides)
    assert written and path != ledger and path.parent == ledger.parent
    assert ledger.read_bytes() == before  # the researcher's file, untouched
    assert {r["编号"]: r for r in _sheet(path, REVIEW_SHEET)}["Q06"]["更正状态"] == "已完成"
    again, written = write_ledger(PERIOD, processed_dir=built["processed"], out=ledger, overrides=overrides)
    assert (again, written) == (path, False)  # no pile of copies


def _first_review_row(ledger: Path) -> tuple[str, str]:
    """The 编号 of the first task 待复核 lists, and its 说明 cell."""
    wb = openpyxl.load_workbook(ledger, read_only=True)
    try:
        rows = list(wb[REVIEW_SHEET].iter_rows(min_row=1, max_row=2))
        header = [c.value for c in rows[0]]
        return rows[1][header.index("编号")].value, rows[1][header.index("说明")].coordinate
    finally:
        wb.close()


def _edit_and_rewrite(built, name: str, edit) -> tuple[Path, bytes, Path]:
    """A ledger a researcher edited with `edit(wb)`, then an override that makes it due a rewrite."""
    ledger, overrides = _fresh_copy(built, name)
    wb = openpyxl.load_workbook(ledger)
    edit(wb)
    wb.save(ledger)
    before = ledger.read_bytes()
    review.record_decision(PERIOD, "Q06", "已完成", "", path=overrides)
    path, written = write_ledger(PERIOD, processed_dir=built["processed"], out=ledger, overrides=overrides)
    assert written
    return ledger, before, path


def test_a_note_in_review_without_a_correction_survives_the_next_ledger(built):
    # a 说明 with no 更正状态 is not a correction: `review import` reads nothing from it, so a
    # ledger rewritten in place would drop the researcher's note
    _, cell = _first_review_row(built["ledger"])
    ledger, before, path = _edit_and_rewrite(
        built, "review_note", lambda wb: wb[REVIEW_SHEET].__setitem__(cell, "这条下周再看"))
    assert path != ledger and ledger.read_bytes() == before


def test_a_highlighted_cell_survives_the_next_ledger(built):
    from openpyxl.styles import Font, PatternFill

    def mark(wb):
        wb["全部任务"]["C4"].fill = PatternFill("solid", fgColor="FFFF00")
        wb["滞后清单"]["C2"].font = Font(color="FF0000", bold=True)

    ledger, before, path = _edit_and_rewrite(built, "highlight", mark)
    assert path != ledger and ledger.read_bytes() == before


def test_a_ledger_saved_with_excels_explicit_defaults_is_not_taken_for_an_edited_one(built):
    # Excel and WPS write an explicit "no fill" and the automatic font colour into every cell
    # they save: a ledger only corrected there is still replaced in place
    from copy import copy

    from openpyxl.styles import Color, PatternFill

    def resave(wb):
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if c.fill.patternType is None:
                        c.fill = PatternFill(patternType="none")
                    if c.font.color is None:
                        font = copy(c.font)
                        font.color = Color(indexed=64)
                        c.font = font

    ledger, _, path = _edit_and_rewrite(built, "excel_defaults", resave)
    assert path == ledger


def test_a_ledger_written_before_highlights_counted_is_replaced_in_place(built):
    # a ledger of the version before holds the bare hash of its values and comments: checked
    # that way, it is no researcher's work (else every ledger went beside itself after an upgrade)
    from openpyxl.packaging.custom import StringProperty

    from helpers.deliver.ledger_file import CONTENT_PROPERTY, content_digest

    def as_before(wb):
        props = [p for p in wb.custom_doc_props.props if p.name != CONTENT_PROPERTY]
        wb.custom_doc_props.props = [*props, StringProperty(name=CONTENT_PROPERTY, value=content_digest(wb, legacy=True))]

    ledger, _, path = _edit_and_rewrite(built, "legacy_digest", as_before)
    assert path == ledger


def test_a_ledger_nobody_edited_is_replaced_in_place(built):
    ledger, overrides = _fresh_copy(built, "in_place")
    _fill(ledger, {}, extra={"Q07": ("达序时", "按可比口径")})  # corrections are the ledger's own cells
    import_corrections(ledger, processed_dir=built["processed"], overrides=overrides)
    path, written = write_ledger(PERIOD, processed_dir=built["processed"], out=ledger, overrides=overrides)
    assert (path, written) == (ledger, True)


def test_review_import_keeps_every_column_of_overrides(built):
    ledger, overrides = _fresh_copy(built, "columns")
    overrides.write_text(",".join(HEADER) + ",审核人,日期\n2024H1,Q06,status,completed,原文已完成,张三,2024-08-20\n",
                         encoding="utf-8")
    _fill(ledger, {}, extra={"Q07": ("达序时", "按可比口径")})
    import_corrections(ledger, processed_dir=built["processed"], overrides=overrides)
    lines = overrides.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("period,task_id,field,value,note,审核人,日期")
    assert lines[1].startswith("2024H1,Q06,status,completed,原文已完成,张三,2024-08-20")


def test_corrections_carry_the_task_key_and_the_table_checksum(built):
    from helpers.identity import task_key

    ledger, overrides = _fresh_copy(built, "keyed")
    _fill(ledger, {}, extra={"Q07": ("达序时", "按可比口径")})
    import_corrections(ledger, processed_dir=built["processed"], overrides=overrides)
    row = read_overrides(overrides)[0]
    q07 = built["tasks"].set_index("task_id").loc["Q07"]
    assert row["task_key"] == task_key(q07["task"], q07["bureau"])
    assert row["table_sha256"] == hashlib.sha256((built["processed"] / "tasks.parquet").read_bytes()).hexdigest()


def test_a_ledger_of_another_period_is_refused(built):
    """A ledger of 2024Q1 imported with --period 2024H1 once overrode H1's G002, a different task."""
    ledger, overrides = _fresh_copy(built, "other_period")
    _fill(ledger, {}, extra={"G002": ("已完成", "")})
    wb = openpyxl.load_workbook(ledger)  # the ledger says it is 2024Q1's, as a Q1 ledger does
    next(r for r in wb["说明"].iter_rows() if r[0].value == "期间代码")[1].value = "2024Q1"
    wb.save(ledger)
    before = overrides.read_bytes()
    with pytest.raises(InputError, match="2024H1.*2024Q1|2024Q1.*2024H1") as e:
        import_corrections(ledger, period="2024H1", processed_dir=built["processed"], overrides=overrides)
    assert "\n" not in str(e.value) and overrides.read_bytes() == before


def test_a_lower_case_period_is_the_ledgers_period(built, capsys):
    """`--period 2024h1` once added a second row beside 2024H1's, and every later command exited 2."""
    ledger, overrides = _fresh_copy(built, "lower")
    _fill(ledger, {}, extra={"Q07": ("达序时", "初核")})
    import_corrections(ledger, period="2024H1", processed_dir=built["processed"], overrides=overrides)
    _fill(ledger, {"Q07": ("滞后", "复核后维持规则判断")})
    again = import_corrections(ledger, period="2024h1", processed_dir=built["processed"], overrides=overrides)
    assert again.counts == {"new": 0, "updated": 1, "unchanged": 0}
    assert [(r["period"], r["value"]) for r in read_overrides(overrides)] == [("2024H1", "behind")]
    assert main(["review", "import", str(ledger), "--period", "2024h1", "--processed", str(built["processed"]),
                 "--overrides", str(overrides)]) == 0


def test_a_correction_made_before_a_row_was_added_is_refused(built, seed_text, tmp_path):
    """Task ids are row positions: a ledger of a report one row shorter once put its G002's
    correction on today's G002, another task."""
    tasks = built["tasks"].set_index("task_id")
    lines = seed_text.split("\n")
    first, second = int(tasks.loc["G001", "line_start"]), int(tasks.loc["G002", "line_start"])
    raw = tmp_path / "luan_2024H1.txt"
    raw.write_text("\n".join(lines[:first - 1] + lines[second - 1:]), encoding="utf-8")  # G001 not yet there
    overrides = tmp_path / "overrides.csv"
    overrides.write_text(",".join(HEADER) + "\n", encoding="utf-8")
    old = _build(raw, tmp_path, overrides)
    assert pd.read_parquet(old / "tasks.parquet").set_index("task_id").loc["G002", "task"] == tasks.loc["G003", "task"]
    ledger, _ = write_ledger(PERIOD, processed_dir=old, out=tmp_path / "台账.xlsx", overrides=overrides)
    _fill(ledger, {}, extra={"G002": ("已完成", "任务3已完成")})
    with pytest.raises(InputError, match="G002") as e:
        import_corrections(ledger, processed_dir=built["processed"], overrides=overrides)
    assert tasks.loc["G003", "task"][:8] in str(e.value) and "\n" not in str(e.value)
    assert read_overrides(overrides) == []


def test_a_correction_recorded_after_the_ledger_was_written_is_not_overwritten(built):
    ledger, overrides = _fresh_copy(built, "conflict")
    _fill(ledger, {}, extra={"Q07": ("达序时", "台账里填的")})
    review.record_decision(PERIOD, "Q07", "滞后", "另一位研究员先记下的", path=overrides)
    before = overrides.read_bytes()
    with pytest.raises(InputError, match="Q07.*滞后") as e:
        import_corrections(ledger, processed_dir=built["processed"], overrides=overrides)
    assert "\n" not in str(e.value) and overrides.read_bytes() == before


def test_a_ledger_that_cannot_be_written_is_a_warning_said_after_the_run(monkeypatch, tmp_path, capsys):
    """`run` writes the ledger while pages render and says afterwards why it could not: the
    message is bound when the ledger fails, not looked up when it is printed."""
    from helpers import cli, paths
    from helpers.deliver import ledger
    from helpers.errors import HelpersError

    table = tmp_path / "tasks.parquet"
    table.write_bytes(b"")
    monkeypatch.setattr(paths, "tasks_path", lambda period: table)

    def refuse(period, ahead_margin=None):
        raise HelpersError("台账中有更正尚未导入")

    monkeypatch.setattr(ledger, "write_ledger", refuse)
    say_after = cli._ledger_of_the_run("2024H1", None)
    say_after()
    assert "督查台账未能写出：" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["notes.txt", "overrides.csv", "台账"])
def test_a_ledger_out_that_is_no_workbook_name_is_refused(built, tmp_path, name):
    # `--out notes.txt` is a slip for the workbook's name: an .xlsx written as notes_<key>.txt, or
    # into data/reference/ as overrides_<key>.csv, is a file nobody can open for what it says it is
    mine = tmp_path / name
    mine.write_text("我的笔记", encoding="utf-8")
    with pytest.raises(InputError, match=r"\.xlsx"):
        write_ledger(PERIOD, processed_dir=built["processed"], out=mine, overrides=built["overrides"])
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    assert mine.read_text(encoding="utf-8") == "我的笔记"


def test_a_ledger_that_is_missing_or_not_a_workbook_is_refused_in_chinese(tmp_path, seed_path, capsys):
    """`review import` of a path mistyped, or of the report itself renamed .xlsx: one Chinese line, exit 2."""
    fake = tmp_path / "台账_2024H1.xlsx"
    shutil.copy(seed_path, fake)
    for given, problem in ((tmp_path / "无此台账.xlsx", "文件不存在；请给出填写了“更正状态”的台账（.xlsx）"),
                           (fake, "不是可读取的 .xlsx 工作簿（")):
        assert main(["review", "import", str(given), "--overrides", str(tmp_path / "overrides.csv")]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"错误：{given}: {problem}") and err.count("\n") == 1, err
    assert not (tmp_path / "overrides.csv").exists()


@pytest.mark.parametrize("bom,codec", [(b"", "gbk"), (b"\xef\xbb\xbf", "utf-8")])
def test_review_import_keeps_the_encoding_and_rows_of_an_overrides_file_saved_by_excel(built, bom, codec):
    """An overrides.csv saved by Excel/WPS on Chinese Windows (GBK, or UTF-8 with BOM; CRLF) once
    came back from an import as UTF-8 without BOM: WPS then showed the GBK file's notes garbled."""
    ledger, overrides = _fresh_copy(built, f"saved_{codec}")
    rows = "2024H1,Q06,status,completed,原文已完成：新增技能人才14826人,张三\r\n2024H1,Q08,status,behind,核对原文,李四\r\n"
    overrides.write_bytes(bom + (",".join(HEADER) + ",审核人\r\n" + rows).encode(codec))
    _fill(ledger, {}, extra={"Q07": ("达序时", "按可比口径")})
    import_corrections(ledger, processed_dir=built["processed"], overrides=overrides)
    after = overrides.read_bytes()
    assert after.startswith(bom) and (bom or not after.startswith(b"\xef\xbb\xbf"))
    header, rest = after[len(bom):].split(b"\r\n", 1)
    assert header.decode(codec).startswith(",".join(HEADER) + ",审核人,")  # the key columns added after the researcher's
    assert rest.startswith(rows.encode(codec))  # the researcher's rows, byte for byte
    added = rest[len(rows.encode(codec)):].decode(codec)
    assert added.startswith("2024H1,Q07,status,on_pace,按可比口径,,") and added.endswith("\r\n") and added.count("\r\n") == 1
    assert [r["task_id"] for r in read_overrides(overrides)] == ["Q06", "Q08", "Q07"]


def test_the_judges_notes_have_their_column_and_reach_the_review_context_escaped(built):
    from types import SimpleNamespace

    from helpers.deliver import ledger_columns as lc
    from helpers.statuses import review_reason

    note = review_reason("pending", "结果<i>明年2月</i>公布")
    for cols in (lc.task_cols(0.5), lc.behind_cols(0.5), lc.review_cols(0.5)):
        col = next(c for c in cols if c.header == lc.NOTES)
        assert col.header != lc.NOTE and col.header == NOTES_ZH  # not the researcher's own 说明; one name everywhere
        assert col.get(SimpleNamespace(note_reason=note)) == note
        assert col.get(SimpleNamespace(note_reason=None)) is None
    rv = review.review_table(built["tasks"].copy())
    rv.loc[rv.index[0], "note_reason"] = note
    html = review.review_html(rv)
    assert f"{NOTES_ZH}：结果有待外部决定或数据公布：结果&lt;i&gt;明年2月&lt;/i&gt;公布" in html and "<i>明年2月</i>" not in html


def test_an_office_claim_over_a_lag_is_one_task_to_review_and_one_disagreement(built):
    from helpers.statuses import review_reason

    tasks = built["tasks"].copy()
    tasks["needs_review"] = False
    tasks["review_reason"] = pd.Series(pd.NA, index=tasks.index, dtype="string")
    i = tasks.index[tasks["status"].eq("behind")][0]
    tasks.loc[i, ["official_status", "official_status_code"]] = ["序时推进", "on_pace"]
    tasks.loc[i, ["needs_review", "review_reason"]] = [True, review_reason("official_claims_more", "自评为序时推进")]
    lines = review.table_summary_zh(tasks, built["quality"])
    assert lines[1] == "需人工复核1项：原文自评高于数据所示1项" and lines[2] == "与原文完成状态不一致1项"
