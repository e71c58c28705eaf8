"""helpers.schema: a table is checked once per version of its file, never trusted otherwise.

write_table records the checksum of the bytes it checked and wrote; read_table skips the check
only for bytes with that checksum. Each test clears the in-process memo (`_CHECKED`) so the file
is read again, and points the cache at a fresh folder.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import paths, schema
from helpers.errors import SchemaError
from helpers.schema import INDICATORS_SCHEMA, PARSED_SCHEMA, TASK_COLUMNS, TASKS_SCHEMA, data_dictionary, read_table, write_table


@pytest.fixture
def checks(monkeypatch, tmp_path):
    """The schema checks run, by where; a fresh cache and an empty in-process memo."""
    monkeypatch.setattr(paths, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(schema, "_CHECKED", {})
    calls: list[str] = []
    real = schema.validate

    def counted(df, sch, where=""):
        calls.append(sch.name)
        return real(df, sch, where)

    monkeypatch.setattr(schema, "validate", counted)
    return calls


def _again(monkeypatch) -> None:
    monkeypatch.setattr(schema, "_CHECKED", {})  # as a new process would: the memo is per process


def test_a_table_written_and_read_back_is_checked_once_and_reads_as_checked(seed_table, tmp_path, checks, monkeypatch):
    path = tmp_path / "tasks.parquet"
    written = write_table(seed_table.tasks, path, TASKS_SCHEMA)
    assert checks == ["tasks"]
    trusted = read_table(path, TASKS_SCHEMA)
    assert checks == ["tasks"]  # the bytes were checked when written
    pd.testing.assert_frame_equal(trusted, written, check_dtype=True, check_exact=True)
    assert trusted.attrs == written.attrs == {"ahead_margin": seed_table.tasks.attrs["ahead_margin"]}
    # what a check of the same file gives, column types included
    pd.testing.assert_frame_equal(trusted, schema.validate(pd.read_parquet(path), TASKS_SCHEMA), check_exact=True)


def test_a_table_changed_after_its_check_is_checked_again_and_refused(seed_table, tmp_path, checks, monkeypatch):
    path = tmp_path / "tasks.parquet"
    write_table(seed_table.tasks, path, TASKS_SCHEMA)
    tampered = pd.read_parquet(path)
    tampered.loc[0, "status"] = "late"  # not a status
    tampered.to_parquet(path, index=False)
    _again(monkeypatch)
    with pytest.raises(SchemaError, match="：有1处不符合表格式，第一处：列 'status' 未通过 .*（值 'late'）$"):
        read_table(path, TASKS_SCHEMA)
    assert checks == ["tasks", "tasks"]


def test_a_table_the_check_coerces_is_never_trusted_as_read(seed_table, tmp_path, checks, monkeypatch):
    """Written by other code (seq as int64, not the schema's Int64): every read is checked and
    coerced, so a trusted read can never hand out the uncoerced frame."""
    path = tmp_path / "tasks.parquet"
    other = seed_table.tasks.copy()
    other["seq"] = other["seq"].astype("int64")
    other.to_parquet(path, index=False)
    for _ in range(2):
        _again(monkeypatch)
        assert str(read_table(path, TASKS_SCHEMA)["seq"].dtype) == "Int64"
    assert checks == ["tasks", "tasks"]


def test_a_table_read_clean_is_checked_on_its_first_read_only(seed_table, tmp_path, checks, monkeypatch):
    path = tmp_path / "indicators.parquet"
    checked = schema.validate(seed_table.indicators, INDICATORS_SCHEMA)
    checked.to_parquet(path, index=False)  # bytes nobody recorded: copied in from elsewhere
    checks.clear()
    first = read_table(path, INDICATORS_SCHEMA)
    _again(monkeypatch)
    second = read_table(path, INDICATORS_SCHEMA)
    assert checks == ["indicators"]
    pd.testing.assert_frame_equal(first, second, check_exact=True)


def test_a_check_counts_for_its_own_schema_only(seed_table, tmp_path, checks, monkeypatch):
    path = tmp_path / "tasks.parquet"
    write_table(seed_table.tasks, path, TASKS_SCHEMA)
    _again(monkeypatch)
    with pytest.raises(SchemaError):  # the judged columns are not the parser's: refused, not trusted
        read_table(path, PARSED_SCHEMA)
    assert checks == ["tasks", "parsed tasks"]


def test_the_data_quality_pages_dictionary_is_chinese():
    """The data-quality notebook shows (in JupyterLab) every task column's type, unit and meaning in Chinese (the
    column names stay as the tables spell them)."""
    zh = data_dictionary(chinese=True)
    assert list(zh.columns) == ["列名", "类型", "单位", "含义"] and list(zh["列名"]) == [c.name for c in TASK_COLUMNS]
    han = re.compile(r"[\u4e00-\u9fff]")
    for col in ("类型", "含义"):
        assert zh[col].map(lambda t: bool(han.search(t))).all(), zh.loc[~zh[col].map(lambda t: bool(han.search(t))), col]
    assert zh["单位"].map(lambda t: t == "" or bool(han.search(t))).all()
    # no English sentence left: once column names and file paths are taken out, no word of 4+ letters
    words = zh["含义"].str.replace(r"[a-z_]+(?:\.[a-z]+)?|data/\S+", "", regex=True)
    assert not words.str.contains(r"[A-Za-z]{4,}").any()
