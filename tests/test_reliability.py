"""Faults a careless or unlucky user makes (issue #13), each made and its outcome asserted.

Lookup tables checked on load (a name mapped twice, CSVs saved by Excel on Chinese Windows),
arguments checked by argparse, every failure a one-line error with exit 2 naming the path, a
size cap on inputs, HTML script/style never read as task text, and a reliable font check.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from helpers import cli, paths
from helpers.read import ingest
from helpers.read.bureaus import HOME_CITY, load_reference, normalize_units
from helpers.errors import HelpersError, ReferenceError_
from helpers.read.ingest import read_report
from helpers.read.sectors import load_rules

from conftest import ROOT, SEED
import variants

ROOT_USER = os.geteuid() == 0


def one_line_error(capsys, rc: int) -> str:
    """The command's stderr, checked to be one `error:` line (exit 2, no traceback)."""
    err = capsys.readouterr().err
    assert rc == 2, err
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("错误："), err
    return lines[0]


@pytest.fixture
def no_table_build(monkeypatch):
    """Fail the test if the expensive work (parsing and judging) starts."""
    import helpers.table

    def boom(*a, **k):
        raise AssertionError("build_table ran although a cheap check should have refused first")
    monkeypatch.setattr(helpers.table, "build_table", boom)


# ------------------------------------------------------------------ bureaus.csv

def _copy_bureaus(tmp_path: Path, extra: str = "", encoding: str = "utf-8", bom: bytes = b"") -> Path:
    p = tmp_path / "bureaus.csv"
    text = paths.BUREAUS_CSV.read_text(encoding="utf-8-sig") + extra
    p.write_bytes(bom + text.encode(encoding))
    return p


def test_a_name_mapped_twice_is_refused_with_file_and_line(tmp_path):
    p = _copy_bureaus(tmp_path, "市工信局,市财政局,\n")
    line = len(p.read_text(encoding="utf-8").splitlines())
    with pytest.raises(ReferenceError_) as e:
        load_reference(p)
    msg = str(e.value)
    assert msg.startswith(f"{p}:{line}: 市工信局 映射了两次")
    assert "市财政局" in msg and "\n" not in msg


def test_a_rename_chain_is_refused(tmp_path):
    # 市经信局 → 市工信局 is shipped; renaming 市工信局 on would leave 市经信局 pointing at a stale name
    p = _copy_bureaus(tmp_path, "市工信局新,市工信局新,\n")
    text = p.read_text(encoding="utf-8").replace("市工信局,市工信局,", "市工信局,市工信局新,", 1)
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceError_, match="市经信局 映射到 市工信局，而 市工信局 本身又映射到 市工信局新"):
        load_reference(p, city=HOME_CITY)


def test_the_shipped_bureaus_load(tmp_path):
    ref = load_reference(paths.BUREAUS_CSV, city=HOME_CITY)
    assert ref.canonical["市经信局"] == "市工信局"


@pytest.mark.parametrize("encoding,bom", [
    ("gbk", b""), ("gb18030", b""), ("gb18030", codecs.encode("\ufeff", "gb18030")), ("utf-8", codecs.BOM_UTF8),
])
def test_bureaus_saved_by_excel_on_chinese_windows_are_read(tmp_path, encoding, bom):
    p = _copy_bureaus(tmp_path, encoding=encoding, bom=bom)
    assert p.read_bytes() != paths.BUREAUS_CSV.read_bytes()
    ref, shipped = load_reference(p, city=HOME_CITY), load_reference(paths.BUREAUS_CSV, city=HOME_CITY)
    assert ref.canonical == shipped.canonical and ref.known == shipped.known
    assert normalize_units("市经信局、市财政局(市政府国资委)", ref).units == ["市工信局", "市财政局"]


def test_an_unquoted_comma_that_adds_a_cell_is_refused(tmp_path):
    p = _copy_bureaus(tmp_path, "市统计局,市统计局,六安,note, with a comma\n")
    with pytest.raises(ReferenceError_, match=r"bureaus.csv:\d+: 本行有 5 个以上的单元格，比表头的 4 列多"):
        load_reference(p)


# ------------------------------------------------------------------ sectors

def _copy_sectors(tmp_path: Path, rules_extra: str = "", encoding: str = "utf-8") -> tuple[Path, Path]:
    rules, names = tmp_path / "sector_rules.csv", tmp_path / "sectors.csv"
    rules.write_bytes((paths.SECTOR_RULES_CSV.read_text(encoding="utf-8-sig") + rules_extra).encode(encoding))
    names.write_bytes(paths.SECTORS_CSV.read_text(encoding="utf-8-sig").encode(encoding))
    return rules, names


def test_sector_rules_in_gbk_are_read(tmp_path):
    rules, names = _copy_sectors(tmp_path, encoding="gbk")
    got, shipped = load_rules(rules, names), load_rules()
    assert [(r.rule_id, r.sector) for r in got.rules] == [(r.rule_id, r.sector) for r in shipped.rules]
    assert got.names == shipped.names
    assert got.assign("新增技能人才2万人。", "市人社局") == shipped.assign("新增技能人才2万人。", "市人社局")


@pytest.mark.parametrize("extra,message", [
    ("K01,task,厕所,agriculture,again\n", "rule_id K01 重复"),
])
def test_sector_rule_conflicts_are_refused(tmp_path, extra, message):
    rules, names = _copy_sectors(tmp_path, extra)
    with pytest.raises(ReferenceError_, match=message):
        load_rules(rules, names)


def test_a_unit_given_two_default_sectors_is_refused(tmp_path):
    rules, names = _copy_sectors(tmp_path)
    shipped = [r for r in load_rules().rules if r.match == "bureau"]
    unit = shipped[0]
    other = next(s for s in ("economy", "social") if s != unit.sector)
    rules.write_text(rules.read_text(encoding="utf-8") + f"ZZ9,bureau,{unit.pattern},{other},\n", encoding="utf-8")
    with pytest.raises(ReferenceError_, match=f"牵头单位 {unit.pattern} 已在第"):
        load_rules(rules, names)


# ------------------------------------------------------------------ arguments

def _parse_error(capsys, argv: list[str]) -> str:
    with pytest.raises(SystemExit) as e:
        cli.build_parser().parse_args(argv)
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("错误：python -m helpers"), err  # one line, no usage dump
    return err


@pytest.mark.parametrize("value", ["-1", "1000", "two", str(cli.cores() + 1)])
def test_jobs_out_of_range_is_refused(capsys, value):
    err = _parse_error(capsys, ["run", "--period", "2024H1", "--jobs", value])
    assert "--jobs" in err and ("不在 1 到" in err or "不是整数" in err)


def test_jobs_zero_means_every_core():
    assert cli.build_parser().parse_args(["run", "--period", "2024H1", "--jobs", "0"]).jobs == cli.cores()
    assert cli.build_parser().parse_args(["run", "--period", "2024H1", "--jobs", "1"]).jobs == 1
    assert cli.build_parser().parse_args(["run", "--period", "2024H1"]).jobs == 0  # run_batch: cores


@pytest.mark.parametrize("command", [["table", "x.txt"], ["run", "--period", "2024H1"]])
@pytest.mark.parametrize("value", ["-5", "nan", "inf", "1", "1.5", "-0.01", "ten"])
def test_ahead_margin_outside_zero_one_is_refused(capsys, command, value):
    err = _parse_error(capsys, [*command, f"--ahead-margin={value}"])
    assert "--ahead-margin" in err


@pytest.mark.parametrize("value,expected", [("0", 0.0), ("0.3", 0.3), ("0.999", 0.999)])
def test_ahead_margin_in_range_is_taken(value, expected):
    assert cli.build_parser().parse_args(["table", "x.txt", "--ahead-margin", value]).ahead_margin == expected


def test_a_period_contradicting_the_title_is_refused(tmp_path, capsys):
    rc = cli.main(["table", str(SEED), "--period", "2023FY", "--out", str(tmp_path / "out")])
    line = one_line_error(capsys, rc)
    assert str(SEED) in line and "--period 2023FY 与报告标题" in line and "2024H1" in line and "--force-period" in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("code,problem", [("2024X", "不认识的期间代码 '2024X'"), ("2024M13", "月份不在 1 到 12 之间")])
def test_a_bad_period_code_is_a_chinese_one_line_error(tmp_path, capsys, code, problem):
    rc = cli.main(["table", str(SEED), "--period", code, "--out", str(tmp_path / "out")])
    line = one_line_error(capsys, rc)
    assert problem in line and "unknown" not in line and "out of range" not in line


def test_a_period_naming_the_same_months_in_another_code_says_which_code(tmp_path, capsys):
    # 2024M6 for the seed's 上半年: the pace is the same, so the message must not read 50%, not 50%
    rc = cli.main(["table", str(SEED), "--period", "2024M6", "--out", str(tmp_path / "out")])
    line = one_line_error(capsys, rc)
    assert "同为2024年1-6月" in line and "--period 2024H1" in line and "而不是50%" not in line


@pytest.mark.parametrize("title,given,conflict", [
    # titles of real reports (/work/shared/corpus: kaihua_2023Q1_1.txt, luan_2024Q1_1.txt, the seed)
    ("开化县2023年度重点工作清单(一季度政府工作报告重点任务执行落实情况)", "2023Q1", False),
    ("2024年一季度重点工作完成情况", "2024Q1", False),
    ("2024年一季度重点工作完成情况", "2024H1", True),
    ("2024年上半年市政府重点工作落实情况", "2023H1", True),
    ("全面延伸“双招双引”,继续坚持“顶格倾听、顶格协调、顶格推进”。", "2022H1", False),  # no period in it
])
def test_period_conflict_reads_the_title_only(tmp_path, title, given, conflict):
    from helpers.period import parse_code
    from helpers.table import period_conflict

    p = tmp_path / "r.txt"
    p.write_text(f"{title}\n序号 重点工作 牵头责任单位 落实情况\n1 2023年度目标 市发改委 已完成\n", encoding="utf-8")
    assert bool(period_conflict(read_report(p), parse_code(given))) is conflict


def test_force_period_takes_it_and_warns_loudly(tmp_path, capsys):
    out = tmp_path / "out"
    rc = cli.main(["table", str(SEED), "--period", "2024Q3", "--force-period", "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 0, err
    assert "提示：已按 --period" in err and "--period 2024Q3 与报告标题" in err
    import json
    assert json.loads((out / "quality.json").read_text(encoding="utf-8"))["pace"] == 0.75


def test_the_period_matching_the_title_is_taken_quietly(tmp_path, capsys):
    rc = cli.main(["table", str(SEED), "--period", "2024h1", "--out", str(tmp_path / "out")])
    assert rc == 0
    assert "FORCED" not in capsys.readouterr().err


# ------------------------------------------------------------------ paths: one line, exit 2

def test_unreadable_raw_file(tmp_path, capsys, monkeypatch, no_table_build):
    raw = tmp_path / "report.txt"
    shutil.copy(SEED, raw)
    real_open = open

    def denied(path, *a, **k):
        if Path(path) == raw:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *a, **k)
    monkeypatch.setattr(ingest, "open", denied, raising=False)
    line = one_line_error(capsys, cli.main(["table", str(raw), "--out", str(tmp_path / "o")]))
    assert line == f"错误：{raw}: 没有访问权限，请检查文件权限或换一个文件夹"


@pytest.mark.skipif(ROOT_USER, reason="root reads a file whatever its mode; the monkeypatched case above covers it")
def test_unreadable_raw_file_by_mode(tmp_path, capsys, no_table_build):
    raw = tmp_path / "report.txt"
    shutil.copy(SEED, raw)
    raw.chmod(0)
    line = one_line_error(capsys, cli.main(["table", str(raw), "--out", str(tmp_path / "o")]))
    assert line == f"错误：{raw}: 没有访问权限，请检查文件权限或换一个文件夹"


def test_out_under_a_regular_file(tmp_path, capsys, no_table_build):
    f = tmp_path / "notes.txt"
    f.write_text("x", encoding="utf-8")
    line = one_line_error(capsys, cli.main(["table", str(SEED), "--out", str(f / "2024H1")]))
    assert f"{f / '2024H1'}: 位于文件 {f} 之下，不是文件夹" in line


def test_out_is_a_regular_file(tmp_path, capsys, no_table_build):
    f = tmp_path / "notes.txt"
    f.write_text("x", encoding="utf-8")
    line = one_line_error(capsys, cli.main(["table", str(SEED), "--out", str(f)]))
    assert f"{f}: 这是文件，不是文件夹" in line


def test_read_only_output_folder(tmp_path, capsys, monkeypatch, no_table_build):
    out = tmp_path / "ro"
    out.mkdir()

    def read_only(*a, dir=None, **k):
        raise OSError(errno.EROFS, "Read-only file system", str(dir))
    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    line = one_line_error(capsys, cli.main(["table", str(SEED), "--out", str(out)]))
    assert line == f"错误：{out}: 无法在此写入：文件系统只读，请换一个可写的文件夹"


@pytest.mark.skipif(ROOT_USER, reason="root writes into a folder whatever its mode; the monkeypatched case above covers it")
def test_read_only_output_folder_by_mode(tmp_path, capsys, no_table_build):
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    line = one_line_error(capsys, cli.main(["table", str(SEED), "--out", str(out)]))
    assert line == f"错误：{out}: 无法在此写入：没有访问权限，请检查文件权限或换一个文件夹"


def test_full_disk_while_writing_the_table(tmp_path, capsys, monkeypatch):
    import helpers.table

    out = tmp_path / "out"

    def full(df, path, schema):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))
    monkeypatch.setattr(helpers.table, "write_table", full)
    line = one_line_error(capsys, cli.main(["table", str(SEED), "--out", str(out)]))
    assert line == f"错误：{out / 'tasks.parquet'}: 磁盘已满，请清理空间后重试"


def test_symlink_loop_is_not_called_missing(tmp_path, capsys, no_table_build):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    line = one_line_error(capsys, cli.main(["table", str(a), "--out", str(tmp_path / "o")]))
    assert line == f"错误：{a}: 符号链接循环（链接层数过多）"


def test_dangling_symlink_names_its_target(tmp_path, capsys, no_table_build):
    a = tmp_path / "a.txt"
    a.symlink_to(tmp_path / "gone.txt")
    line = one_line_error(capsys, cli.main(["table", str(a), "--out", str(tmp_path / "o")]))
    assert line == f"错误：{a}: 符号链接指向的文件不存在（{tmp_path / 'gone.txt'}）"


def test_missing_file(tmp_path, capsys, no_table_build):
    line = one_line_error(capsys, cli.main(["table", str(tmp_path / "none.txt")]))
    assert line == f"错误：{tmp_path / 'none.txt'}: 文件或文件夹不存在，请检查路径"


def test_a_folder_given_as_the_report(tmp_path, capsys, no_table_build):
    line = one_line_error(capsys, cli.main(["table", str(tmp_path), "--out", str(tmp_path / "o")]))
    assert line == f"错误：{tmp_path}: 这是文件夹，不是文件"


def test_a_folder_given_as_a_lookup_table(tmp_path):
    (tmp_path / "bureaus.csv").mkdir()
    with pytest.raises(ReferenceError_, match="是文件夹，不是 CSV 文件"):
        load_reference(tmp_path / "bureaus.csv")


def test_oserror_reaching_main_is_one_line(capsys, monkeypatch):
    """The last line of defence: an OSError no specific check caught still names its path."""
    def fail(args):
        raise OSError(errno.EIO, "Input/output error", "/mnt/usb/report.txt")
    monkeypatch.setattr(cli, "_table", fail)
    line = one_line_error(capsys, cli.main(["table", "x.txt"]))
    assert line == "错误：/mnt/usb/report.txt: 读写出错（输入/输出错误）"


def test_a_multi_line_message_is_printed_on_one_line(capsys, monkeypatch):
    def fail(args):
        raise HelpersError("bad cell:\nline two")
    monkeypatch.setattr(cli, "_table", fail)
    assert one_line_error(capsys, cli.main(["table", "x.txt"])) == "错误：bad cell: line two"


# ------------------------------------------------------------------ size cap and long cells

def test_dev_zero_is_refused_at_the_cap(capsys, no_table_build):
    line = one_line_error(capsys, cli.main(["table", "/dev/zero"]))
    assert line.startswith("错误：/dev/zero: 超过输入文件20 MB的上限")


def test_a_file_over_the_cap_is_refused_before_reading(tmp_path, capsys, no_table_build):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse: no 21 MB written to disk
        fh.truncate(ingest.MAX_INPUT_BYTES + 1)
    line = one_line_error(capsys, cli.main(["table", str(big)]))
    assert line == f"错误：{big}: 文件大小20.0 MB，超过输入文件20 MB的上限"


def _long_cell_report(n_sentences: int) -> str:
    """The seed with its first progress cell repeated to a long cell (same sentences, real text)."""
    text = SEED.read_text(encoding="utf-8")
    cell = "截至6月底,已开工项目145个,占全年目标任务的87.9%;已竣工项目62个,占全年目标任务的51.7%。"
    assert cell in text
    return text.replace(cell, cell * n_sentences, 1)


def test_a_long_progress_cell_is_read_whole(tmp_path):
    """ingest keeps a 4 MB cell whole, in one line, in time linear in its size (make bench has the
    figures; here a hang would show as a test that never ends)."""
    n = 4 * 10**6 // len("截至6月底,已开工项目145个,占全年目标任务的87.9%;已竣工项目62个,占全年目标任务的51.7%。".encode())
    p = tmp_path / "long.txt"
    p.write_text(_long_cell_report(n), encoding="utf-8")
    doc = read_report(p)
    longest = max(doc.lines, key=len)
    assert longest.count("已竣工项目62个") == n
    assert len(doc.lines) == len(SEED.read_text(encoding="utf-8").split("\n"))


@pytest.mark.integration
def test_a_long_progress_cell_is_judged_whole():
    """judge_text on a 160 KB cell (the seed's 量化1 progress repeated), in a subprocess. The time it
    takes (linear in the cell's length, up to 400 KB) is printed by make bench; the timeout here only
    stops a hang."""
    code = ("from helpers.judge.status import judge_text\n"
            "cell = '截至6月底,已开工项目145个,占全年目标任务的87.9%;已竣工项目62个,占全年目标任务的51.7%。' * 3000\n"
            "fields, rows = judge_text('新开工亿元以上项目170个以上、竣工120个以上。', cell, '2024H1')\n"
            "print(fields['status'], len(rows))\n")
    try:
        res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        pytest.fail("judge_text hung on a 160 KB cell")
    assert res.returncode == 0, res.stderr[-2000:]
    # the same two sentences repeated: 87.9% and 51.7% against 170 and 120, so on pace (51.7% ≥ 50%)
    assert res.stdout.split()[0] == "on_pace"


# ------------------------------------------------------------------ HTML: only what a browser shows

def test_script_style_noscript_and_comments_are_not_task_text(tmp_path):
    page = variants.html_layout()
    hidden = ("<script>var row='<tr><td>99</td><td>脚本里的假任务</td></tr>';</script>"
              "<style>td:after{content:'样式里的假文字'}</style>"
              "<noscript><p>请启用脚本查看全文</p></noscript>")
    page = page.replace("<body>", "<body>" + hidden, 1)
    page = page.replace("</table>", "<script>document.write('表格后的脚本')</script></table>", 1)
    page = page.replace("<td>", "<td><!-- 注释里的假文字 -->", 3)
    p = tmp_path / "page.html"
    p.write_text(page, encoding="utf-8")
    doc = read_report(p)
    clean = read_report(_write(tmp_path / "clean.html", variants.html_layout()))
    shown = [c.text for row in doc.html_rows for c in row] + [t for _, t in doc.html_texts]
    for fake in ("脚本里的假任务", "样式里的假文字", "请启用脚本查看全文", "表格后的脚本", "注释里的假文字"):
        assert not any(fake in s for s in shown), fake
    assert [[c.text for c in r] for r in doc.html_rows] == [[c.text for c in r] for r in clean.html_rows]


def _write(p: Path, text: str) -> Path:
    p.write_text(text, encoding="utf-8")
    return p


# ------------------------------------------------------------------ scripts/ensure-font.sh

def _fake_bin(tmp_path: Path) -> Path:
    """Commands that print long output (so `| grep -q` would close the pipe early) and an apt-get
    that records being called."""
    b = tmp_path / "bin"
    b.mkdir()
    tools = {
        "fc-list": "echo 'Noto Sans CJK SC'; seq 1 20000 | sed 's/^/Font /'",
        "ldconfig": "echo '\tlibharfbuzz-subset.so.0 (libc6,x86-64) => /usr/lib/libharfbuzz-subset.so.0'; "
                    "seq 1 20000 | sed 's/^/\tlibx.so => \\/usr\\/lib\\/libx.so/'",
        "pdftotext": "exit 0",
        "apt-get": f"echo called >> {tmp_path}/apt-calls; exit 100",
        "id": "echo 0",
    }
    for name, body in tools.items():
        f = b / name
        f.write_text(f"#!/bin/bash\n{body}\n", encoding="utf-8")
        f.chmod(0o755)
    return b


def test_font_check_has_no_pipe_into_grep_q():
    script = (ROOT / "scripts" / "ensure-font.sh").read_text(encoding="utf-8")
    assert "set -euo pipefail" in script
    script = re.sub(r"(?m)^\s*#.*$", "", script)  # the comment explaining why may name it
    assert not re.search(r"\|\s*grep\s+-q", script)


def test_font_check_finds_installed_libraries_every_time(tmp_path):
    b = _fake_bin(tmp_path)
    env = {**os.environ, "PATH": f"{b}:/usr/bin:/bin"}
    for _ in range(15):
        res = subprocess.run(["bash", str(ROOT / "scripts" / "ensure-font.sh")], env=env,
                             capture_output=True, text=True)
        assert res.returncode == 0, res.stderr
    assert not (tmp_path / "apt-calls").exists()


def test_font_check_still_installs_what_is_missing(tmp_path):
    b = _fake_bin(tmp_path)
    (b / "ldconfig").write_text("#!/bin/bash\necho '\tlibc.so.6 => /lib/libc.so.6'\n", encoding="utf-8")
    env = {**os.environ, "PATH": f"{b}:/usr/bin:/bin"}
    res = subprocess.run(["bash", str(ROOT / "scripts" / "ensure-font.sh")], env=env, capture_output=True, text=True)
    assert res.returncode != 0 and (tmp_path / "apt-calls").exists()


def test_font_check_says_what_to_install_in_chinese(tmp_path):
    """Not root, no Chinese font: the script installs nothing and says what to install, in Chinese."""
    b = _fake_bin(tmp_path)
    (b / "fc-list").write_text("#!/bin/bash\nexit 0\n", encoding="utf-8")
    (b / "id").write_text("#!/bin/bash\necho 1000\n", encoding="utf-8")
    env = {**os.environ, "PATH": f"{b}:/usr/bin:/bin"}
    res = subprocess.run(["bash", str(ROOT / "scripts" / "ensure-font.sh")], env=env, capture_output=True, text=True)
    assert res.returncode == 1 and not (tmp_path / "apt-calls").exists()
    assert res.stderr.startswith("错误：缺少 fonts-noto-cjk。请安装中文字体（Debian/Ubuntu：apt-get install fonts-noto-cjk；")
    assert res.stderr.count("\n") == 1


# ------------------------------------------------------------------ run and mail: checked before the work

@pytest.fixture
def no_batch(monkeypatch):
    import helpers.run

    def boom(*a, **k):
        raise AssertionError("the batch started although a cheap check should have refused first")
    monkeypatch.setattr(helpers.run, "run_command", boom)


def test_run_with_output_under_a_regular_file(tmp_path, capsys, monkeypatch, no_batch):
    f = tmp_path / "output"
    f.write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(paths, "OUTPUT", f)
    line = one_line_error(capsys, cli.main(["run", "--period", "2024H1", "--all-bureaus"]))
    assert line == f"错误：{f}: 这是文件，不是文件夹"


def test_run_with_a_raw_symlink_loop(tmp_path, capsys, no_batch):
    a = tmp_path / "a.txt"
    a.symlink_to(a)
    line = one_line_error(capsys, cli.main(["run", "--period", "2024H1", "--raw", str(a)]))
    assert line == f"错误：{a}: 符号链接循环（链接层数过多）"


def test_mail_into_a_read_only_folder(tmp_path, capsys, monkeypatch):
    import helpers.deliver.mail

    out = tmp_path / "drafts"
    out.mkdir()

    def read_only(*a, dir=None, **k):
        raise OSError(errno.EROFS, "Read-only file system", str(dir))
    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    monkeypatch.setattr(helpers.deliver.mail, "plan_messages", lambda *a, **k: pytest.fail("planned before the check"))
    line = one_line_error(capsys, cli.main(["mail", "--period", "2024H1", "--out", str(out)]))
    assert line == f"错误：{out}: 无法在此写入：文件系统只读，请换一个可写的文件夹"


def test_disk_full_while_writing_drafts(tmp_path, capsys, monkeypatch):
    """Writing a draft fails midway: one line naming the file, exit 2 (the specific checks above
    cannot foresee a disk filling up; cli.main's OSError catch is the last line of defence)."""
    import helpers.deliver.mail
    from helpers.deliver.mail import Plan

    out = tmp_path / "drafts"

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))
    from email.message import EmailMessage

    draft = type("D", (), {"target": "city", "message": EmailMessage()})()
    monkeypatch.setattr(helpers.deliver.mail, "plan_messages", lambda *a, **k: Plan("2024H1", [draft], []))
    monkeypatch.setattr(helpers.deliver.mail, "write_bytes", full)
    line = one_line_error(capsys, cli.main(["mail", "--period", "2024H1", "--out", str(out)]))
    assert line == f"错误：{out / '2024H1-city.eml'}: 磁盘已满，请清理空间后重试"


def test_reference_lines_are_those_of_the_file(tmp_path):
    """Blank lines and a quoted cell over two lines do not shift the line an error names."""
    p = tmp_path / "bureaus.csv"
    p.write_text('name,canonical,scope,note\n\n市发改委,市发改委,六安,"two\nlines"\n\n市发改委,市财政局,六安,\n',
                 encoding="utf-8")
    with pytest.raises(ReferenceError_, match=rf"{p.name}:6: 市发改委 映射了两次（第3行"):
        load_reference(p)


def test_the_same_name_in_another_citys_scope_is_not_a_duplicate(tmp_path):
    p = _copy_bureaus(tmp_path, "市工信局,市经济和信息化局,湖州,\n")
    assert load_reference(p, city=HOME_CITY).canonical["市工信局"] == "市工信局"
    assert load_reference(p, city="湖州").canonical["市工信局"] == "市经济和信息化局"
