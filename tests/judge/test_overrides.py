"""Researchers' overrides: applied after the rules, visible, and strict about what they name."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from helpers import paths
from helpers.errors import ReferenceError_
from helpers.judge.overrides import HEADER, apply_overrides, read_overrides
from helpers.judge.status import judge

Q06 = ("新增技能人才2万人。", "截至6月30日,全市新增技能人才14826人,完成年度任务的74.13%。")
Q07 = ("地区生产总值增长7.5%左右。", "上半年全市实现地区生产总值1077.8亿元,增长5.5%,高于全省0.2个百分点,居全省第4位。")


@pytest.fixture()
def judged() -> pd.DataFrame:
    tasks = pd.DataFrame({"task_id": ["Q06", "Q07"], "task": [Q06[0], Q07[0]], "progress": [Q06[1], Q07[1]],
                          "period": "2024H1", "official_status": None})
    return judge(tasks).tasks


def _write(tmp_path: Path, *rows: str) -> Path:
    p = tmp_path / "overrides.csv"
    p.write_text(",".join(HEADER) + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return p


def test_status_override_sets_source_and_chinese_label(judged, tmp_path):
    p = _write(tmp_path, "2024H1,Q07,status,on_pace,按可比口径达序时")
    out = apply_overrides(judged, "2024H1", p)
    row = out.set_index("task_id").loc["Q07"]
    assert (row["status"], row["status_zh"], row["status_source"]) == ("on_pace", "达序时", "override")
    other = out.set_index("task_id").loc["Q06"]
    assert other["status_source"] == "rule"
    assert judged.set_index("task_id").loc["Q07", "status"] == "behind"  # input left alone


def test_completion_override_recomputes_lag(judged, tmp_path):
    p = _write(tmp_path, "2024H1,Q06,completion_pct,0.45,", "2024H1,Q06,status,behind,")
    row = apply_overrides(judged, "2024H1", p).set_index("task_id").loc["Q06"]
    assert row["completion_pct"] == pytest.approx(0.45)
    assert row["lag_pts"] == pytest.approx(5.0)
    assert row["status"] == "behind"


def test_other_periods_are_not_applied(judged, tmp_path):
    p = _write(tmp_path, "2024Q1,Q07,status,on_pace,")
    out = apply_overrides(judged, "2024H1", p)
    assert (out["status_source"] == "rule").all()


def test_unknown_task_is_an_error_with_file_and_line(judged, tmp_path):
    p = _write(tmp_path, "2024H1,Q07,status,on_pace,", "2024H1,Q99,status,behind,")
    with pytest.raises(ReferenceError_, match=rf"{p.name}:3: 2024H1 的任务表中没有任务 Q99"):
        apply_overrides(judged, "2024H1", p)


@pytest.mark.parametrize("row,message", [
    ("2024H1,Q07,colour,red,", "“colour”不能更正"),
    ("2024H1,Q07,status,late,", "状态“late”不是可用的状态代码"),
    ("2024H1,Q07,is_mixed,perhaps,", "is_mixed 只能写 true 或 false，而不是“perhaps”"),
    ("2024H1,Q07,completion_pct,half,", "completion_pct 应为数字，而不是“half”"),
    ("2024H1,Q07,method,guess,", "方法“guess”不可用；请写 verdict_phrase、stated_ratio"),
    ("2024H1,,status,behind,", "“task_id”为空；每行须写明期间"),
    ("2024H1,Q07,,behind,", "“field”为空"),
    (",Q07,status,behind,", "“period”为空"),
])
def test_bad_rows_are_errors(judged, tmp_path, row, message):
    p = _write(tmp_path, row)
    with pytest.raises(ReferenceError_, match=rf"^{re.escape(str(p))}:2: {message}") as e:
        apply_overrides(judged, "2024H1", p)
    assert "\n" not in str(e.value)


def test_bad_header_is_an_error(judged, tmp_path):
    p = tmp_path / "overrides.csv"
    p.write_text("task,status\nQ07,behind\n", encoding="utf-8")
    with pytest.raises(ReferenceError_, match=rf"{p.name}:1: 表头须是 period,task_id,field,value,note"):
        apply_overrides(judged, "2024H1", p)


def test_missing_or_empty_file_changes_nothing(judged, tmp_path):
    assert apply_overrides(judged, "2024H1", tmp_path / "none.csv").equals(judged)
    assert apply_overrides(judged, "2024H1", _write(tmp_path)).equals(judged)


def test_shipped_file_has_the_header_and_valid_rows():
    text = paths.OVERRIDES_CSV.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == ",".join(HEADER)
    for row in read_overrides(paths.OVERRIDES_CSV):
        assert row["task_id"] and row["field"]


# ------------------------------------------------------------------ issue #13: checked on load

def test_lower_case_period_is_normalized_not_ignored(judged, tmp_path):
    p = _write(tmp_path, "2024h1,Q07,status,on_pace,按可比口径达序时")
    row = apply_overrides(judged, "2024H1", p).set_index("task_id").loc["Q07"]
    assert (row["status"], row["status_source"]) == ("on_pace", "override")
    assert read_overrides(p)[0]["period"] == "2024H1"


@pytest.mark.parametrize("period", ["2024X1", "24H1", "上半年"])
def test_unreadable_period_is_an_error_with_file_and_line(judged, tmp_path, period):
    p = _write(tmp_path, "2024H1,Q07,status,on_pace,", f"{period},Q06,status,behind,")
    with pytest.raises(ReferenceError_, match=rf"{p.name}:3: 不认识的期间代码 '{period}'（应写作 2024H1"):
        apply_overrides(judged, "2024H1", p)


def test_two_conflicting_rows_for_one_task_are_refused(judged, tmp_path):
    p = _write(tmp_path, "2024H1,Q07,status,on_pace,按可比口径", "2024H1,Q06,evidence,x,", "2024h1,Q07,status,behind,")
    with pytest.raises(ReferenceError_) as e:
        apply_overrides(judged, "2024H1", p)
    msg = str(e.value)
    assert msg.startswith(f"{p}:4: Q07 的 status（2024H1）在这一行是“behind”，在第2行是“on_pace”")
    assert "\n" not in msg


def test_the_same_row_twice_is_not_a_conflict(judged, tmp_path):
    p = _write(tmp_path, "2024H1,Q07,status,on_pace,a", "2024H1,Q07,status,on_pace,b")
    assert apply_overrides(judged, "2024H1", p).set_index("task_id").loc["Q07", "status"] == "on_pace"


@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "-500%", "-0.1", "51.7", "1e9", "1001%"])
def test_completion_out_of_range_is_refused(judged, tmp_path, value):
    p = _write(tmp_path, f"2024H1,Q06,completion_pct,{value},")
    with pytest.raises(ReferenceError_, match=rf"{p.name}:2: completion_pct“{re.escape(value)}”超出范围：应为 0 到 10 之间的小数"):
        apply_overrides(judged, "2024H1", p)


@pytest.mark.parametrize("value", ["inf", "nan", "150", "-5000"])
def test_lag_out_of_range_is_refused(judged, tmp_path, value):
    p = _write(tmp_path, f"2024H1,Q07,lag_pts,{value},")
    with pytest.raises(ReferenceError_, match=rf"{p.name}:2: lag_pts“{value}”超出范围：应为 -1000 到 100 之间的百分点数"):
        apply_overrides(judged, "2024H1", p)


@pytest.mark.parametrize("value,expected", [("51.7%", 0.517), ("0.517", 0.517), ("120%", 1.2)])
def test_completion_in_range_is_taken(judged, tmp_path, value, expected):
    p = _write(tmp_path, f"2024H1,Q06,completion_pct,{value},")
    row = apply_overrides(judged, "2024H1", p).set_index("task_id").loc["Q06"]
    assert row["completion_pct"] == pytest.approx(expected)
    assert row["lag_pts"] == pytest.approx(round((0.5 - expected) * 100, 2))


def test_a_completion_that_contradicts_the_status_is_refused(judged, tmp_path):
    # Q06 is ahead (74.13% at H1); 45% would put it below the pace with its status still ahead
    p = _write(tmp_path, "2024H1,Q06,completion_pct,45%,")
    with pytest.raises(ReferenceError_, match=rf"{p.name}:2: completion_pct 0.45 表示 Q06 落后序时进度5个百分点，"
                                              "但其状态是超序时；请同时更正状态"):
        apply_overrides(judged, "2024H1", p)


def test_a_hand_written_lag_that_contradicts_the_status_is_refused(judged, tmp_path):
    p = _write(tmp_path, "2024H1,Q06,status,behind,", "2024H1,Q06,lag_pts,-3,")
    with pytest.raises(ReferenceError_, match=rf"{p.name}:3: lag_pts -3 表示 Q06 不低于序时进度（高出3个百分点），但其状态是滞后"):
        apply_overrides(judged, "2024H1", p)


def test_status_override_to_behind_clears_a_negative_lag(judged, tmp_path):
    """Q06 measured 74.13% at H1 (lag -24.13): overridden to behind, it has no lag to print."""
    assert judged.set_index("task_id").loc["Q06", "lag_pts"] == pytest.approx(-24.13)
    p = _write(tmp_path, "2024H1,Q06,status,behind,新增人才质量未达要求")
    row = apply_overrides(judged, "2024H1", p).set_index("task_id").loc["Q06"]
    assert row["status"] == "behind" and pd.isna(row["lag_pts"])
    assert row["completion_pct"] == pytest.approx(0.7413)  # the measured figure is kept


def test_mail_never_prints_a_negative_lag_after_a_status_override(judged, tmp_path):
    from helpers.deliver.content import bodies, message_content
    from helpers.deliver.settings import load_settings

    def _bodies(content, label, attachments):
        return bodies(content, label, attachments, load_settings())

    p = _write(tmp_path, "2024H1,Q06,status,behind,")
    tasks = apply_overrides(judged, "2024H1", p).assign(
        bureau="市人社局", bureaus="市人社局", table="quantified", seq=[6, 7], is_mixed=False)
    content = message_content(tasks, "2024年上半年", "市人社局")
    text, doc = _bodies(content, "2024年上半年", ["a.pdf"])
    assert "新增技能人才2万人" in text and "完成74.1%" in text
    assert "落后序时-" not in text and "落后序时-" not in doc
    # and a stale negative lag that reaches mail anyway is not printed either
    stale = tasks.copy()
    stale.loc[stale["task_id"] == "Q06", "lag_pts"] = -24.13
    text, _ = _bodies(message_content(stale, "2024年上半年", "市人社局"), "2024年上半年", ["a.pdf"])
    assert "落后序时" not in text.split("新增技能人才2万人")[1].split("\n")[0]


@pytest.mark.parametrize("encoding,bom", [("gbk", b""), ("gb18030", "\ufeff".encode("gb18030")), ("utf-8", b"\xef\xbb\xbf")])
def test_overrides_saved_by_excel_on_chinese_windows_are_read(judged, tmp_path, encoding, bom):
    p = tmp_path / "overrides.csv"
    p.write_bytes(bom + (",".join(HEADER) + "\n2024H1,Q07,status,on_pace,按可比口径达序时\n").encode(encoding))
    row = apply_overrides(judged, "2024H1", p).set_index("task_id").loc["Q07"]
    assert row["status"] == "on_pace"
    assert read_overrides(p)[0]["note"] == "按可比口径达序时"


def test_an_override_settles_the_review_but_keeps_the_judges_flag(tmp_path):
    from helpers.judge import review

    # Q24 of the seed: an intention restating the target, flagged for review by the rules
    q24 = ("力争新增限上商贸主体150家以上。", "建立拟纳限商贸单位培育库,对入库单位重点培育,力争新增限上商贸主体150家以上。")
    tasks = pd.DataFrame({"task_id": ["Q24", "Q06"], "task": [q24[0], Q06[0]], "progress": [q24[1], Q06[1]],
                          "period": "2024H1", "official_status": None})
    judged = judge(tasks).tasks
    assert judged.set_index("task_id").loc["Q24", "needs_review"]
    out = apply_overrides(judged, "2024H1", _write(tmp_path, "2024H1,Q24,status,qualitative,读过原文"))
    by_id = out.set_index("task_id")
    # the judge's flag and reason stay (so notes can say it was doubtful); the override settles it
    assert by_id.loc["Q24", "needs_review"] and by_id.loc["Q24", "review_reason"]
    assert review.settled(out).tolist() == [True, False]


# ------------------------------------------------------------------ identity by content; the researcher's columns

def _keyed(tmp_path: Path, *rows: str, extra: str = "") -> Path:
    p = tmp_path / "overrides.csv"
    p.write_text(",".join(HEADER) + ",task_key,table_sha256" + extra + "\n" + "".join(r + "\n" for r in rows),
                 encoding="utf-8")
    return p


def test_a_keyed_correction_follows_its_task_when_the_rows_move(judged, tmp_path):
    """A correction made when Q07 (GDP) was the report's sixth row still lands on GDP once a row
    above it was removed, never on whatever task now sits at Q06."""
    from helpers.identity import task_key

    gdp = task_key(Q07[0], None)
    out = apply_overrides(judged, "2024H1", _keyed(tmp_path, f"2024H1,Q06,status,on_pace,按可比口径,{gdp},abc"))
    by_id = out.set_index("task_id")
    assert (by_id.loc["Q07", "status"], by_id.loc["Q07", "status_source"]) == ("on_pace", "override")
    assert by_id.loc["Q06", "status_source"] == "rule"


def test_a_keyed_correction_whose_task_is_gone_is_refused_with_file_and_line(judged, tmp_path):
    from helpers.identity import task_key

    gone = task_key("新增城镇就业4万人。", "市人社局")
    p = _keyed(tmp_path, f"2024H1,Q06,status,completed,,{gone},abc")
    with pytest.raises(ReferenceError_, match=rf"^{re.escape(str(p))}:2: .*Q06") as e:
        apply_overrides(judged, "2024H1", p)
    assert "\n" not in str(e.value)


def test_a_keyed_correction_on_its_own_task_applies(judged, tmp_path):
    from helpers.identity import task_key

    p = _keyed(tmp_path, f"2024H1,Q06,status,completed,,{task_key(Q06[0], None)},abc")
    assert apply_overrides(judged, "2024H1", p).set_index("task_id").loc["Q06", "status"] == "completed"


def test_merging_keeps_every_column_and_cell_the_researcher_added(tmp_path):
    from helpers.judge.overrides import merge_overrides

    p = _keyed(tmp_path, "2024H1,Q06,status,completed,原文已完成,,,张三,2024-08-20", extra=",审核人,日期")
    counts = merge_overrides([{"period": "2024H1", "task_id": "Q07", "field": "status", "value": "on_pace",
                               "note": "按可比口径", "task_key": "T0123456789", "table_sha256": "abc"}], p)
    assert counts == {"new": 1, "updated": 0, "unchanged": 0}
    lines = p.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "period,task_id,field,value,note,task_key,table_sha256,审核人,日期"
    assert lines[1] == "2024H1,Q06,status,completed,原文已完成,,,张三,2024-08-20"
    assert lines[2] == "2024H1,Q07,status,on_pace,按可比口径,T0123456789,abc,,"


def test_merging_adds_the_key_columns_to_an_old_file(tmp_path):
    from helpers.judge.overrides import merge_overrides

    p = _write(tmp_path, "2024H1,Q06,status,completed,原文已完成")
    merge_overrides([{"period": "2024H1", "task_id": "Q07", "field": "status", "value": "behind", "note": "",
                      "task_key": "T0123456789", "table_sha256": "abc"}], p)
    assert p.read_text(encoding="utf-8").splitlines() == [
        "period,task_id,field,value,note,task_key,table_sha256",
        "2024H1,Q06,status,completed,原文已完成", "2024H1,Q07,status,behind,,T0123456789,abc"]  # the old row as written


def test_a_note_a_spreadsheet_would_run_is_escaped_and_read_back_as_typed(tmp_path):
    from helpers.judge.overrides import merge_overrides

    p = _write(tmp_path)
    note = '=HYPERLINK("http://evil.example/x","核对")'
    merge_overrides([{"period": "2024H1", "task_id": "Q07", "field": "status", "value": "behind", "note": note}], p)
    assert "'" + note.replace('"', '""') in p.read_text(encoding="utf-8")
    assert read_overrides(p)[0]["note"] == note


def test_a_decision_recorded_with_a_lower_case_period_updates_the_one_row(tmp_path):
    """The review notebook's record_decision once kept 2024h1 as typed: a second row beside
    2024H1's, then every command refused the file."""
    from helpers.judge.review import record_decision

    p = _write(tmp_path, "2024H1,Q07,status,behind,规则判断")
    assert record_decision("2024h1", "Q07", "达序时", "按可比口径", path=p) == {"new": 0, "updated": 1, "unchanged": 0}
    assert [(r["period"], r["value"]) for r in read_overrides(p)] == [("2024H1", "on_pace")]


def test_a_moved_correction_that_meets_another_on_its_task_is_refused(judged, tmp_path):
    """A keyed row that follows its task onto Q07 must not silently outvote Q07's own row."""
    from helpers.identity import task_key

    gdp = task_key(Q07[0], None)
    p = _keyed(tmp_path, "2024H1,Q07,status,behind,规则判断,,", f"2024H1,Q06,status,on_pace,按可比口径,{gdp},abc")
    with pytest.raises(ReferenceError_, match=rf"^{re.escape(str(p))}:3: 这一行与第2行都更正 Q07 的 status（“on_pace”与“behind”）；请只保留一行$"):
        apply_overrides(judged, "2024H1", p)


# ------------------------------------------------------------------ a file saved by Excel/WPS stays as saved

_SAVED = ("period,task_id,field,value,note,审核人\r\n"
          "2024H1,Q06,status,completed,原文已完成：新增技能人才14826人,张三\r\n"
          "\r\n"
          "2024H1,Q08,status,behind,\"引号内，有逗号\",李四\r\n")


@pytest.mark.parametrize("bom,codec", [(b"", "gbk"), (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le")])
def test_merging_keeps_the_bytes_encoding_and_line_ends_the_researcher_saved(tmp_path, bom, codec):
    """Excel on Chinese Windows saves GBK (ANSI), UTF-8 with BOM or UTF-16 ("Unicode text", tab
    separated), CRLF: an import appends its row in the same form and leaves every other byte alone."""
    from helpers.judge.overrides import merge_overrides

    text = _SAVED.replace(",", "\t") if codec.startswith("utf-16") else _SAVED
    p = tmp_path / "overrides.csv"
    p.write_bytes(bom + text.encode(codec))
    before = p.read_bytes()
    counts = merge_overrides([{"period": "2024h1", "task_id": "Q07", "field": "status", "value": "on_pace",
                               "note": "按可比口径达序时"}], p)
    assert counts == {"new": 1, "updated": 0, "unchanged": 0}
    after = p.read_bytes()
    assert after.startswith(before)
    sep = "\t" if codec.startswith("utf-16") else ","
    assert after[len(before):].decode(codec) == sep.join(["2024H1", "Q07", "status", "on_pace", "按可比口径达序时", ""]) + "\r\n"
    assert [r["note"] for r in read_overrides(p)] == ["原文已完成：新增技能人才14826人", "引号内，有逗号", "按可比口径达序时"]


def test_an_updated_row_is_rewritten_in_place_and_the_others_keep_their_bytes(tmp_path):
    from helpers.judge.overrides import merge_overrides

    p = tmp_path / "overrides.csv"
    p.write_bytes(_SAVED.encode("gbk"))
    merge_overrides([{"period": "2024H1", "task_id": "Q08", "field": "status", "value": "on_pace", "note": "复核"}], p)
    lines = p.read_bytes().split(b"\r\n")
    old = _SAVED.encode("gbk").split(b"\r\n")
    assert lines[:3] == old[:3] and len(lines) == len(old)
    assert lines[3].decode("gbk") == "2024H1,Q08,status,on_pace,复核,李四"  # the researcher's 李四 kept


def test_a_new_file_and_new_key_columns_are_written_plainly(tmp_path):
    """A file the import creates is UTF-8; key columns added to a GBK file change its header, not its rows."""
    from helpers.judge.overrides import merge_overrides

    p = tmp_path / "overrides.csv"
    p.write_bytes(_SAVED.encode("gbk"))
    merge_overrides([{"period": "2024H1", "task_id": "Q07", "field": "status", "value": "behind", "note": "",
                      "task_key": "T0123456789", "table_sha256": "abc"}], p)
    lines = p.read_bytes().decode("gbk").split("\r\n")
    assert lines[0] == "period,task_id,field,value,note,审核人,task_key,table_sha256"
    assert lines[1:4] == _SAVED.split("\r\n")[1:4]
    assert lines[4] == "2024H1,Q07,status,behind,,,T0123456789,abc"
    fresh = tmp_path / "new" / "overrides.csv"
    merge_overrides([{"period": "2024H1", "task_id": "Q07", "field": "status", "value": "behind", "note": ""}], fresh)
    assert fresh.read_bytes() == b"period,task_id,field,value,note\n2024H1,Q07,status,behind,\n"


def test_a_file_without_chinese_yet_gets_the_bom_excel_needs_with_its_first_chinese_note(tmp_path):
    """The shipped overrides.csv is its ASCII header alone: the first Chinese note must not make
    Excel on Chinese Windows (which reads a BOM-less file as GBK) show it garbled."""
    from helpers.judge.overrides import merge_overrides

    p = tmp_path / "overrides.csv"
    p.write_bytes(paths.OVERRIDES_CSV.read_bytes())
    assert p.read_bytes().isascii()
    row = {"period": "2024H1", "task_id": "Q07", "field": "status", "value": "on_pace", "note": "按可比口径达序时"}
    merge_overrides([row], p)
    after = p.read_bytes()
    assert after == b"\xef\xbb\xbf" + paths.OVERRIDES_CSV.read_bytes() + "2024H1,Q07,status,on_pace,按可比口径达序时\n".encode()
    merge_overrides([{**row, "task_id": "Q06", "note": "核对"}], p)  # now UTF-8 with BOM: stays so
    assert p.read_bytes().startswith(after) and p.read_bytes().count(b"\xef\xbb\xbf") == 1
    fresh = tmp_path / "new" / "overrides.csv"
    merge_overrides([row], fresh)
    assert fresh.read_bytes().startswith(b"\xef\xbb\xbfperiod,task_id,")


def test_a_decision_the_review_notebook_cannot_record_is_refused_in_chinese(tmp_path):
    from helpers.judge.review import record_decision

    p = _write(tmp_path)
    with pytest.raises(ReferenceError_, match="^任务 Q07：“差不多”不是状态；请填 已完成、超序时、达序时、滞后"):
        record_decision("2024H1", "Q07", "差不多", path=p)
    with pytest.raises(ReferenceError_, match="^任务 Q07：没有给出状态$"):
        record_decision("2024H1", "Q07", " ", path=p)
    with pytest.raises(ReferenceError_, match="^2024H1 的任务表中没有任务 Q99$"):
        record_decision("2024H1", "Q99", "滞后", known_ids=["Q06", "Q07"], path=p)
    assert read_overrides(p) == []
