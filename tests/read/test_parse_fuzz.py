"""Mangled versions of the seed: the parser returns rows or raises the project's own error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.errors import InputError
from helpers.read.ingest import read_report
from helpers.read.parse import parse_document

from conftest import SEED

LINES = SEED.read_text(encoding="utf-8").split("\n")
N = len(LINES)

edits = st.lists(
    st.one_of(
        st.tuples(st.just("drop"), st.integers(0, N - 1), st.integers(1, 40)),
        st.tuples(st.just("dup"), st.integers(0, N - 1), st.integers(1, 40)),
        st.tuples(st.just("swap"), st.integers(0, N - 1), st.integers(0, N - 1)),
        st.tuples(st.just("cut"), st.integers(0, N - 1), st.just(0)),
        st.tuples(st.just("junk"), st.integers(0, N - 1), st.integers(0, 2**31)),
        st.tuples(st.just("chars"), st.integers(0, N - 1), st.integers(1, 30)),
    ),
    max_size=6,
)


def mangle(ops, junk: str) -> bytes:
    lines = list(LINES)
    for op, a, b in ops:
        a = min(a, len(lines) - 1) if lines else 0
        if not lines:
            break
        if op == "drop":
            del lines[a:a + b]
        elif op == "dup":
            lines[a:a] = lines[a:a + b]
        elif op == "swap":
            b = min(b, len(lines) - 1)
            lines[a], lines[b] = lines[b], lines[a]
        elif op == "cut":
            lines = lines[:a]
        elif op == "junk":
            lines.insert(a, junk)
        elif op == "chars":
            lines[a] = lines[a][b:]
    return "\n".join(lines).encode("utf-8")


@pytest.mark.integration  # 150 mangled copies of the seed read whole
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=edits, junk=st.text(max_size=40))
def test_mangled_seed_gives_rows_or_parse_error(tmp_path_factory, ops, junk):
    p = tmp_path_factory.mktemp("fuzz") / "r.txt"
    p.write_bytes(mangle(ops, junk))
    try:
        parsed = parse_document(read_report(p))
    except InputError as e:
        assert str(p) in str(e) and "\n" not in str(e)
        return
    rows = [r for t in parsed.tables for r in t.rows]
    assert rows
    for r in rows:
        assert r.seq >= 0 and r.line_start <= r.line_end
