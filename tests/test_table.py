"""`python -m helpers table`: files written, schema checked on load, clear errors on bad input."""

from __future__ import annotations

import json
import subprocess

import pandas as pd
import pytest

from helpers.schema import INDICATORS_SCHEMA, TASKS_SCHEMA, read_table

from conftest import ROOT


def run(*args, cwd=ROOT):
    """`python -m helpers table ARGS`, in this process (the CLI's own main; a traceback it lets
    out is captured as a subprocess's stderr would show it)."""
    import contextlib
    import io
    import traceback

    from helpers.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["table", *map(str, args)])
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 2
        except Exception:
            traceback.print_exc()
            code = 1
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def built(tmp_path_factory, seed_path):
    out = tmp_path_factory.mktemp("processed")
    res = run(seed_path, "--out", out)
    assert res.returncode == 0, res.stderr
    return out, res


def test_writes_tables_and_quality(built):
    out, res = built
    assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == {"tasks.parquet", "tasks.csv", "indicators.parquet",
                                                "indicators.csv", "quality.json", "tables.json"}
    tasks = read_table(out / "tasks.parquet", TASKS_SCHEMA)
    read_table(out / "indicators.parquet", INDICATORS_SCHEMA)
    assert len(tasks) == 191 and "任务191项" in res.stdout
    q = json.loads((out / "quality.json").read_text(encoding="utf-8"))
    assert q["declared_counts"] == {"quantified": 35, "general": 156} == q["parsed_counts"]
    assert q["counts_match"] is True
    assert q["unassigned_lines"] == [] and q["seq_gaps"] == [] and q["seq_repeats"] == []
    assert q["line_accounting"]["missing_lines"] == []
    assert q["period"] == "2024H1" and q["period_end"] == "2024-06-30"
    assert q["unknown_bureaus"] == []
    assert q["ahead_margin"] == 0.10  # reported; the notebooks read it from tasks.parquet's metadata
    # named from the project's root, so the data-quality page of a moved project shows no old place
    assert q["source_file"] == "data/raw/luan_2024H1.txt"


def test_csv_has_bom_and_joined_units(built):
    out, _ = built
    raw = (out / "tasks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    csv = pd.read_csv(out / "tasks.csv", encoding="utf-8-sig")
    row = csv.set_index("task_id").loc["G018"]
    assert row.bureaus == "市发改委、各县区政府、市开发区管委"
    assert row.period_end == "2024-06-30"


def test_load_rejects_a_drifted_table(built, tmp_path):
    out, _ = built
    df = pd.read_parquet(out / "tasks.parquet")
    df.loc[0, "status"] = "late"
    df.to_parquet(tmp_path / "tasks.parquet")
    from helpers.errors import SchemaError
    with pytest.raises(SchemaError, match="status"):
        read_table(tmp_path / "tasks.parquet", TASKS_SCHEMA)


def test_period_override_on_command_line(tmp_path, seed_path):
    # the seed's title says 上半年: another period is taken only with --force-period, and said loudly
    res = run(seed_path, "--period", "2024Q3", "--force-period", "--out", tmp_path)
    assert res.returncode == 0, res.stderr
    assert "提示：已按 --period" in res.stderr and "强制判断" in res.stderr
    tasks = pd.read_parquet(tmp_path / "tasks.parquet")
    assert set(tasks.period) == {"2024Q3"} and set(tasks.pace) == {0.75}


@pytest.mark.parametrize("content,problem", [
    (b"", "空文件"),
    (b"\x00\x01\x02binary", "二进制文件"),
    (b"\xff\xfe\xfa\xfb not text", "无法解码"),
    ("2024年上半年重点工作落实情况\n没有表格\n".encode(), "未找到可识别的表头"),
])
def test_bad_input_one_line_no_traceback(tmp_path, content, problem):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    out = tmp_path / "out"
    res = run(p, "--out", out)
    assert res.returncode != 0
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and problem in lines[0] and str(p) in lines[0]
    assert "Traceback" not in res.stderr
    assert not out.exists()  # never an empty table written as success


def test_unreadable_period_is_a_clear_error(tmp_path, seed_text):
    p = tmp_path / "r.txt"
    p.write_text(seed_text.replace("2024年", "本年"), encoding="utf-8")
    res = run(p, "--out", tmp_path / "o")
    assert res.returncode != 0 and "--period" in res.stderr and "Traceback" not in res.stderr


def test_outputs_replaced_atomically(tmp_path, seed_path, seed_table, monkeypatch):
    """A crash while writing leaves the previous complete file, never a half-written one."""
    import shutil

    from helpers import schema
    from helpers.table import build_table

    tmp_path = tmp_path / "2024H1"
    shutil.copytree(seed_table.out_dir, tmp_path)  # the previous set
    before = (tmp_path / "tasks.csv").read_bytes()

    def boom(self, *a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", boom)
    with pytest.raises(RuntimeError):
        build_table(seed_path, out=tmp_path)
    assert (tmp_path / "tasks.csv").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    del schema


# ------------------------------------------------------------------ writers own only what they write

def test_out_keeps_every_file_and_folder_it_did_not_write(tmp_path, seed_path):
    """`table … --out .` in a checkout once swapped the whole folder and deleted .git, src/, data/…"""
    out = tmp_path / "checkout"
    for rel in (".git/HEAD", "src/helpers/x.py", "data/raw/luan_2024H1.txt", "notes.txt", "tasks_old/keep.csv"):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(rel, encoding="utf-8")
    res = run(seed_path, "--out", out)
    assert res.returncode == 0, res.stderr
    for rel in (".git/HEAD", "src/helpers/x.py", "data/raw/luan_2024H1.txt", "notes.txt", "tasks_old/keep.csv"):
        assert (out / rel).read_text(encoding="utf-8") == rel
    assert len(read_table(out / "tasks.parquet", TASKS_SCHEMA)) == 191
    # nothing written beside the output folder: no lock, no temporary folder in its parent
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checkout"]
    assert not [p for p in out.iterdir() if p.name.endswith((".tmp", ".new", ".old"))]


def test_out_twice_replaces_only_the_tables(tmp_path, seed_path):
    out = tmp_path / "o"
    assert run(seed_path, "--out", out).returncode == 0
    (out / "my_notes.xlsx").write_bytes(b"researcher's own file")
    (out / "charts").mkdir()
    (out / "charts" / "a.png").write_bytes(b"png")
    assert run(seed_path, "--out", out).returncode == 0
    assert (out / "my_notes.xlsx").read_bytes() == b"researcher's own file"
    assert (out / "charts" / "a.png").read_bytes() == b"png"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o"]


# ------------------------------------------------------------------ the report's own period

Q1_RAW = ROOT / "data" / "raw" / "luan_2024Q1.txt"


def test_a_report_of_another_period_is_refused_whatever_sits_above_its_title(tmp_path):
    """The Q1 report opens with `# source:` lines; its title says 一季度, so --period 2024H1 (50 %
    pace) is refused instead of judging it at the wrong pace with exit 0."""
    res = run(Q1_RAW, "--period", "2024H1", "--out", tmp_path / "o")
    assert res.returncode == 2
    line = res.stderr.strip()
    assert len(line.splitlines()) == 1 and "--period 2024H1 与报告标题" in line and "2024Q1" in line
    assert not (tmp_path / "o" / "tasks.parquet").exists()


def test_the_run_refuses_a_raw_report_of_another_period(tmp_path, project_root, capsys):
    import shutil

    from helpers import cli

    shutil.copytree(ROOT / "data" / "reference", tmp_path / "data" / "reference")
    project_root(tmp_path)
    rc = cli.main(["run", "--period", "2024H1", "--raw", str(Q1_RAW), "--formats", "html", "--jobs", "1"])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and len(err.splitlines()) == 1 and "--period 2024H1 与报告标题" in err, err
    assert not (tmp_path / "data" / "processed" / "2024H1" / "tasks.parquet").exists()


def test_a_lower_case_period_is_the_same_period(tmp_path, seed_path):
    res = run(seed_path, "--period", "2024h1", "--out", tmp_path / "o")
    assert res.returncode == 0, res.stderr
    assert json.loads((tmp_path / "o" / "quality.json").read_text(encoding="utf-8"))["period"] == "2024H1"


# ------------------------------------------------------------------ formula injection

HYPERLINK = '=HYPERLINK("http://evil.example/x","加快建设和襄高速")'
DDE = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.fixture(scope="module")
def injected(tmp_path_factory, seed_text):
    """The seed with a task text and a progress text a spreadsheet would run as formulas."""
    folder = tmp_path_factory.mktemp("injected")
    raw = folder / "luan_2024H1.txt"
    assert seed_text.count("\n加快建设和襄高速。\n") == 1
    text = seed_text.replace("\n加快建设和襄高速。\n", f"\n{HYPERLINK}\n").replace(
        "\n1-6月,和襄高速六安段", f"\n {DDE} 1-6月,和襄高速六安段")
    raw.write_text(text, encoding="utf-8")
    res = run(raw, "--out", folder / "out")
    assert res.returncode == 0, res.stderr
    return folder / "out"


def test_csv_cells_a_spreadsheet_would_run_are_escaped_and_parquet_keeps_the_text(injected):
    import csv

    tasks = pd.read_parquet(injected / "tasks.parquet")
    row = tasks.index[tasks["task"] == HYPERLINK]
    assert len(row) == 1  # the true text, as printed
    assert tasks.loc[row[0], "progress"].startswith(f"{DDE} 1-6月") or tasks.loc[row[0], "progress"].startswith(f" {DDE}")
    with open(injected / "tasks.csv", encoding="utf-8-sig", newline="") as fh:
        cells = [c for r in csv.reader(fh) for c in r]
    assert HYPERLINK not in cells and "'" + HYPERLINK in cells
    risky = [c for c in cells if c.lstrip(" \t\r\n").startswith(("=", "+", "-", "@"))]
    assert not [c for c in risky if not (c.startswith("'") or c.lstrip("-+").replace(".", "", 1).isdigit())]


@pytest.mark.parametrize("text,escaped", [
    ("=1+1", True), ("+86 564 123", True), ("-2+3+cmd|' /C calc'!A0", True), ("@SUM(A1)", True),
    ("  =HYPERLINK(\"x\")", True), ("\t=1", True), ("\r=1", True), ("\t滞后", True),
    ("-12.5", False), ("+3%", False), ("加快建设和襄高速。", False), ("市交通局", False), ("", False),
])
def test_spreadsheet_text(text, escaped):
    from helpers.files import spreadsheet_text

    assert spreadsheet_text(text) == ("'" + text if escaped else text)
    assert spreadsheet_text(3.5) == 3.5 and spreadsheet_text(None) is None


def test_a_correction_rebuilds_the_tables_without_judging_the_report_again(tmp_path, monkeypatch):
    """The review loop parsed and judged the whole report again for every correction imported.
    The judgement before the corrections is kept in the cache against what it depends on: a
    changed corrections file reuses it, and the tables come out as a build from scratch makes
    them; a changed lookup table judges anew."""
    import shutil

    import helpers.judge.status
    from helpers import paths
    from helpers.table import build_table

    seed = ROOT / "data" / "raw" / "luan_2024H1.txt"
    monkeypatch.setattr(paths, "CACHE", tmp_path / "cache")
    overrides = tmp_path / "overrides.csv"
    overrides.write_text("period,task_id,field,value,note\n", encoding="utf-8")
    build_table(seed, period="2024H1", out=tmp_path / "a", overrides=overrides)
    overrides.write_text("period,task_id,field,value,note\n2024H1,G010,status,behind,核对\n", encoding="utf-8")
    judged = helpers.judge.status.judge

    def refuse(*a, **k):
        raise AssertionError("judged again")

    monkeypatch.setattr(helpers.judge.status, "judge", refuse)
    cached = build_table(seed, period="2024H1", out=tmp_path / "b", overrides=overrides)
    assert cached.tasks.loc[cached.tasks["task_id"].eq("G010"), "status"].tolist() == ["behind"]
    monkeypatch.setattr(helpers.judge.status, "judge", judged)
    shutil.rmtree(tmp_path / "cache")
    build_table(seed, period="2024H1", out=tmp_path / "c", overrides=overrides)
    for name in ("tasks.parquet", "indicators.parquet", "quality.json"):
        assert (tmp_path / "b" / name).read_bytes() == (tmp_path / "c" / name).read_bytes(), name
    # another lookup table (here the lexicon, pointed elsewhere): judged anew
    lexicon = tmp_path / "lexicon.csv"
    lexicon.write_text(paths.LEXICON_CSV.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    monkeypatch.setattr(paths, "LEXICON_CSV", lexicon)
    monkeypatch.setattr(helpers.judge.status, "judge", refuse)
    with pytest.raises(AssertionError, match="judged again"):
        build_table(seed, period="2024H1", out=tmp_path / "d", overrides=overrides)


def test_a_cached_judgement_gives_the_tables_a_new_one_gives_and_a_changed_report_is_judged_anew(
        tmp_path, seed_path, seed_text, monkeypatch):
    """The report as read and judged is kept in the cache (table._read_and_judge): a second build
    judges nothing and writes the same tables; a report changed by one word is judged again."""
    from helpers import paths
    from helpers.judge import status
    from helpers.table import build_table

    monkeypatch.setattr(paths, "CACHE", tmp_path / "cache")
    first = build_table(seed_path, period="2024H1", out=tmp_path / "a")
    real = status.judge
    judged: list[int] = []
    monkeypatch.setattr(status, "judge", lambda tasks, **kw: judged.append(len(tasks)) or real(tasks, **kw))
    again = build_table(seed_path, period="2024H1", out=tmp_path / "b")
    assert judged == []
    pd.testing.assert_frame_equal(again.tasks, first.tasks, check_exact=True)
    assert (tmp_path / "a" / "tasks.parquet").read_bytes() == (tmp_path / "b" / "tasks.parquet").read_bytes()
    assert again.quality.review == first.quality.review
    changed = tmp_path / "luan_2024H1.txt"
    changed.write_text(seed_text.replace("时间过半、任务过半", "时间过半、任务未过半", 1), encoding="utf-8")
    build_table(changed, period="2024H1", out=tmp_path / "c")
    assert judged == [len(first.tasks)]
