"""helpers.messages: the texts a researcher reads are Chinese, in one place, and fill only named blanks."""

from __future__ import annotations

import re

import pytest

from helpers import cli
from helpers.messages import TEXTS, blanks, say

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_text_is_chinese(key: str) -> None:
    """Each template speaks Chinese beyond its blanks (a bare "{text}" prefix aside)."""
    words = re.sub(r"\{[^{}]*\}", "", TEXTS[key])
    assert HAN.search(words), key


def test_say_fills_named_blanks_and_names_a_missing_one() -> None:
    assert say("run.ledger", path="output/2024H1/台账_2024H1.xlsx", unchanged="") == "督查台账：output/2024H1/台账_2024H1.xlsx"
    assert blanks(TEXTS["table.truncated"]) == ["tasks"]
    with pytest.raises(KeyError, match="tasks"):
        say("table.truncated")


def test_the_command_line_answers_in_chinese(capsys, tmp_path) -> None:
    missing = tmp_path / "luan_2024H1.txt"
    assert cli.main(["table", str(missing)]) != 0
    err = capsys.readouterr().err
    assert err == f"错误：{missing}: 文件或文件夹不存在，请检查路径\n"
    assert cli.main(["run", "--period", "2024X9"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "用法见" in err and err.count("\n") == 1


def test_table_summary_and_warnings_are_chinese(seed_table) -> None:
    line = seed_table.summary()
    assert line.startswith("2024H1：任务191项（量化重点工作35项、重点工作156项）") and "任务表已写入" in line
    assert not re.search(r"\b(tasks|behind|unassigned)\b", line)
    for w in seed_table.warnings:  # the seed's: a task the report cuts short, at least
        assert HAN.search(w), w


def test_the_refusals_a_careless_user_meets_answer_in_chinese(tmp_path, capsys, seed_text) -> None:
    """The messages QA met in English at the shared boundaries: a report's title against
    --period, an empty or binary report, a review import's summary, an unfinished run."""
    from pathlib import Path

    from helpers.deliver.corrections import ImportResult
    from helpers.report.manifest import MARKER, in_progress

    english = re.compile(r"\b(if the title|correction\(s\)|empty file|binary file|in progress|re-render)\b")
    report = tmp_path / "luan_2024Q3.txt"
    report.write_text(seed_text, encoding="utf-8")
    for given in (report, tmp_path / "empty.txt", tmp_path / "bin.txt"):
        (tmp_path / "empty.txt").write_bytes(b"")
        (tmp_path / "bin.txt").write_bytes(b"\x00\x01binary")
        assert cli.main(["table", str(given), "--period", "2024Q3", "--out", str(tmp_path / "out")]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and HAN.search(err) and not english.search(err), err
    done = ImportResult("2024H1", [{}], {"new": 1, "updated": 0, "unchanged": 0}, Path("overrides.csv")).summary()
    assert HAN.search(done) and not english.search(done), done
    nothing = ImportResult("2024H1", [], {"new": 0, "updated": 0, "unchanged": 0}, Path("overrides.csv")).summary()
    assert "没有填写任何更正" in nothing and "已写入" not in nothing, nothing
    (tmp_path / MARKER).write_text("{}", encoding="utf-8")
    busy = in_progress(tmp_path)
    assert busy and HAN.search(busy) and not english.search(busy), busy


def test_a_web_page_lxml_cannot_parse_is_refused_in_chinese(tmp_path) -> None:
    """lxml refuses a page with nothing in it ("Document is empty"): said in Chinese, naming the file."""
    from helpers.errors import InputError
    from helpers.read import ingest

    page = tmp_path / "2024H1.html"
    doc = ingest.Document(path=page, encoding="utf-8", lines=[""])
    with pytest.raises(InputError) as e:
        ingest._read_html(doc, "<!-- 页面已删除 -->")
    assert str(e.value) == (f"{page}: 无法读取的网页文件（Document is empty）；"
                            "请在浏览器中打开后另存为“网页，仅 HTML”或文本")


def test_a_failed_file_operation_is_said_in_chinese(tmp_path) -> None:
    """Real failures of the system: a known errno in its own words, any other framed in Chinese."""
    import errno
    import os
    import socket

    from helpers.errors import os_error_line, os_problem

    full = tmp_path / "full"
    (full / "a").mkdir(parents=True)
    with pytest.raises(OSError) as e:
        os.rmdir(full)
    assert e.value.errno == errno.ENOTEMPTY and os_error_line(e.value) == f"{full}: 文件夹不是空的"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, never listening: a connection is refused
        with pytest.raises(OSError) as e, socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
    assert os_problem(e.value) == "系统报告错误（connection refused）"


def test_the_help_texts_are_read_through_say_and_name_no_key_twice() -> None:
    """helpers.messages_help is merged into TEXTS: a key in both would silently lose one text."""
    import ast
    from pathlib import Path

    import helpers.messages as messages
    from helpers.messages_help import HELP_TEXTS

    tree = ast.parse(Path(messages.__file__).read_text(encoding="utf-8"))
    own = next(n.value for n in tree.body if isinstance(n, ast.AnnAssign) and getattr(n.target, "id", "") == "TEXTS")
    keys = {k.value for k in own.keys}
    assert not keys & set(HELP_TEXTS) and set(HELP_TEXTS) <= set(TEXTS)
    assert say("help.usage") == "用法："
