"""The command line's help and its refusals of a bad argument speak Chinese (helpers.arguments)."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from helpers import cli
from helpers.arguments import refusal, width, wrap

HAN = re.compile(r"[\u4e00-\u9fff]")
#: argparse's own English, which must not reach a researcher.
ARGPARSE_ENGLISH = re.compile(r"usage:|options:|positional arguments|show this help|required|invalid choice|"
                              r"unrecognized|expected one|not allowed with|error:")
#: Chinese text followed by an ASCII colon (argparse's own "%s:" after a section heading).
ASCII_COLON_AFTER_CHINESE = re.compile(r"[\u4e00-\u9fff）》][ \t]*:")
COMMANDS = ([], ["table"], ["judge"], ["run"], ["ledger"], ["review"], ["review", "import"], ["mail"],
            ["server"], ["server", "stop"], ["server", "status"])


def _help(capsys, argv: list[str]) -> str:
    assert cli.main([*argv, "--help"]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a) or "helpers")
def test_every_help_reads_chinese(capsys, argv):
    text = _help(capsys, argv)
    assert text.startswith("用法：python -m helpers") and not ARGPARSE_ENGLISH.search(text), text
    assert "显示本帮助并退出" in text
    # a heading (选项, 命令, 位置参数) or any Chinese text is followed by a full-width colon
    assert not ASCII_COLON_AFTER_CHINESE.search(text), ASCII_COLON_AFTER_CHINESE.findall(text)
    assert re.search(r"^选项：$", text, re.M)
    # every option and command is explained in Chinese (on its line, or the next when it is long)
    lines = text.split("示例：")[0].splitlines()  # the examples are commands, as typed
    for n, line in enumerate(lines):
        if re.match(r"  +(-|[a-z]+ )", line):
            assert HAN.search(line) or HAN.search(lines[n + 1]), line


def test_the_command_lines_help_has_full_width_colons_after_chinese():
    """`python -m helpers --help` as a researcher types it: its headings end in a full-width colon."""
    out = subprocess.run([sys.executable, "-m", "helpers", "--help"], capture_output=True, text=True, check=True).stdout
    assert "选项：" in out and "命令：" in out and not ASCII_COLON_AFTER_CHINESE.search(out), out


def test_the_help_columns_line_up_as_a_terminal_shows_them(capsys, monkeypatch):
    """Chinese characters take two columns: the help of every option starts in one column, and
    no line is wider than the terminal argparse wrapped for (COLUMNS, 80 here)."""
    monkeypatch.setenv("COLUMNS", "80")
    text = _help(capsys, ["table"])
    starts = set()
    for line in text.splitlines():
        m = re.match(r"(  -\S+(?: \S+)?\s{2,})\S", line)
        if m:
            starts.add(width(m.group(1)))
    assert len(starts) == 1, starts
    options = text.split("选项：")[1].split("示例：")[0]
    assert max(width(line) for line in options.splitlines()) <= 80


def test_wrap_breaks_chinese_anywhere_but_never_an_option_or_a_path():
    text = "要读取的 Excel 工作表，名称或序号（默认：文字最多的一张）；路径如 data/processed/2024H1/tasks.parquet"
    lines = wrap(text, 24)
    assert all(width(line) <= 24 for line in lines[:-1])
    assert "data/processed/2024H1/tasks.parquet" in lines[-1]
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line.startswith(("）", "，", "；")) for line in lines)


@pytest.mark.parametrize("argv,problem", [
    (["table"], "python -m helpers table：缺少必需的参数：报告文件"),
    (["run"], "python -m helpers run：缺少必需的参数：--period"),
    (["tabel", "x.txt"], "python -m helpers：不认识的命令：'tabel'（可选：'table', 'judge', 'run'"),
    (["mail", "--period", "2024H1", "--preview", "--send"], "python -m helpers mail：--send 不能与 --preview 同时使用"),
    (["run", "--period", "2024H1", "--bogus"], "python -m helpers：不认识的参数：--bogus"),
    (["mail", "--period", "2024H1", "--only"], "python -m helpers mail：--only 后面须至少跟一个值"),
    (["mail", "--period", "2024H1", "--smtp-port", "abc"], "python -m helpers mail：--smtp-port 的值 'abc' 无效"),
    (["run", "--period"], "python -m helpers run：--period 后面须跟一个值"),
    (["run", "--period", "2024X9"], "python -m helpers run：参数 --period：不认识的期间代码 '2024X9'"),
    (["review"], "python -m helpers review：缺少必需的参数：命令"),
])
def test_a_bad_argument_is_refused_in_one_chinese_line(capsys, argv, problem):
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"错误：{problem}") and err.count("\n") == 1, err
    assert err.rstrip().endswith("--help）") and not ARGPARSE_ENGLISH.search(err), err


def test_a_refusal_no_template_knows_keeps_argparses_words_in_a_chinese_line():
    assert refusal("some future refusal") == "参数有误（some future refusal）"
