"""Atomic writes: all or nothing, with the normal file mode."""

from __future__ import annotations

import os
import stat

import pytest

from helpers.files import atomic_path, write_json, write_text


def test_write_replaces_in_one_step_with_normal_mode(tmp_path):
    p = tmp_path / "sub" / "a.json"
    write_json(p, {"任务": 1})
    assert p.read_text(encoding="utf-8") == '{\n  "任务": 1\n}\n'
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~umask


def test_crash_keeps_the_old_file_and_no_temp(tmp_path):
    p = tmp_path / "a.txt"
    write_text(p, "old")
    with pytest.raises(RuntimeError):
        with atomic_path(p) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError("crash")
    assert p.read_text(encoding="utf-8") == "old"
    assert [x.name for x in tmp_path.iterdir()] == ["a.txt"]
