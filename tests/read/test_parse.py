"""The parser on the seed and on variants of it in every layout the office publishes."""

from __future__ import annotations

import pytest

from helpers.read.bureaus import load_reference, looks_like_unit, normalize_units
from helpers.errors import InputError, ParseError
from helpers.read.ingest import read_report
from helpers.read.parse import norm, parse_document
from helpers.period import parse_code
from helpers.table import line_accounting, parsed_frame, resolve_period

import variants


def frame(path):
    doc = read_report(path)
    parsed = parse_document(doc)
    df, unknown = parsed_frame(parsed, resolve_period(doc, None), path.name)
    return doc, parsed, df, unknown


@pytest.fixture(scope="module")
def seed(seed_path):
    return frame(seed_path)


def test_seed_has_191_rows_numbered_without_gap(seed):
    _, parsed, df, _ = seed
    assert len(df) == 191
    q, g = df[df.table == "quantified"], df[df.table == "general"]
    assert q.seq.tolist() == list(range(1, 36))
    assert g.seq.tolist() == list(range(1, 157))
    assert q.task_id.tolist()[:2] == ["Q01", "Q02"] and g.task_id.iloc[-1] == "G156"
    assert [(t.kind, t.declared) for t in parsed.tables] == [("quantified", 35), ("general", 156)]


def test_seed_bureaus_as_printed(seed):
    _, _, df, unknown = seed
    raw = df.set_index("task_id").bureau_raw
    assert raw["Q03"] == "市生态环境局"  # broken over two cells
    assert raw["Q10"] == "市生态环境局"  # odd spaces inside one cell
    assert raw["Q11"] == "市投创中心"
    assert raw["G018"] == "市发改委,各县区政府、市开发区管委"
    assert raw["G141"] == "市卫健委、市医保局"
    assert not unknown
    # every raw cell has no whitespace or NBSP left
    assert not df.bureau_raw.str.contains(r"[\s\u00a0]").any()


def test_seed_nbsp_bureau_cell(seed):
    doc, _, df, _ = seed
    nbsp_lines = [i for i, ln in enumerate(doc.lines, 1) if "\u00a0" in ln and "环境局" in ln]
    assert nbsp_lines, "the seed prints 市生态 + NBSP + 环境局 somewhere"
    hit = df[(df.line_start <= nbsp_lines[0]) & (df.line_end >= nbsp_lines[0])]
    assert hit.bureau_raw.tolist() == ["市生态环境局"]


def test_seed_progress_keeps_paragraphs_and_odd_numbering(seed):
    _, _, df, _ = seed
    by = df.set_index("task_id")
    q10 = by.loc["Q10", "progress"].split("\n")
    assert q10[0].startswith("1.大气") and q10[1].startswith("2.水")
    assert by.loc["Q35", "progress"].endswith("分别同比增长7.55%和4.21%。")
    assert by.loc["G156", "progress"].endswith("当前正在组织军地八一慰问活动。")
    # page chrome stays out of the last row
    assert "文件下载" not in by.loc["G156", "progress"]


def test_seed_every_line_placed_exactly_once(seed):
    doc, parsed, _, _ = seed
    acc = line_accounting(doc, parsed)
    assert acc["missing_lines"] == [] and acc["doubly_placed_lines"] == []
    assert parsed.unassigned_lines == []
    assert acc["nonblank_lines"] == acc["placed_lines"]
    # the stray page number 2 after table 1 is chrome, recorded with its line
    assert [c["text"] for c in parsed.chrome_lines] == ["2"]
    # region covers both tables and stops before the page footer
    a, b = parsed.region
    assert norm(doc.lines[b - 1]).endswith("慰问活动。")
    assert all(norm(doc.lines[i]) != "文件下载" for i in range(a - 1, b))


def test_seed_period(seed):
    doc, *_ = seed
    p = resolve_period(doc, None)
    assert (p.code, p.end.isoformat(), p.pace) == ("2024H1", "2024-06-30", 0.5)


@pytest.mark.parametrize("title,code", [
    ("2024年一季度市政府重点工作落实情况", "2024Q1"),
    ("2024年前三季度重点工作进展", "2024Q3"),
    ("2024年1-9月重点工作进展", "2024Q3"),
    ("2021年度市政府重点工作落实情况", "2021FY"),
    ("2021年全年重点工作", "2021FY"),
    ("2024年1-11月重点工作推进情况", "2024M11"),
])
def test_period_from_title(title, code, tmp_path):
    text = variants.line_layout(title=title)
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    assert resolve_period(read_report(p), None).code == code
    assert parse_code(code).end.month == {"Q1": 3, "Q3": 9, "FY": 12, "11": 11}[code[-2:]]


def test_unreadable_title_needs_period(tmp_path, seed_text):
    p = tmp_path / "r.txt"
    p.write_text(seed_text.replace("2024年上半年", "本期", 1).replace("2024年重点工作", "重点工作"), encoding="utf-8")
    with pytest.raises(InputError, match="--period"):
        resolve_period(read_report(p), None)
    assert resolve_period(read_report(p), "2024H1").code == "2024H1"


def _same_rows(df, seed_df):
    cols = ["task_id", "seq", "task", "bureau_raw", "bureaus", "progress"]
    a = df[cols].reset_index(drop=True)
    b = seed_df[cols].reset_index(drop=True)
    assert len(a) == len(b)
    for col in cols:
        diff = (a[col].astype(str) != b[col].astype(str))
        assert not diff.any(), f"{col} differs at {a.task_id[diff].tolist()[:5]}"


@pytest.mark.parametrize("encoding,newline", [("gb18030", "\n"), ("gbk", "\r\n"), ("utf-8-sig", "\r\n"), ("utf-8", "\r\n")])
def test_encodings_and_line_ends(tmp_path, seed_text, seed, encoding, newline):
    p = tmp_path / "r.txt"
    text = seed_text if encoding != "gbk" else seed_text.replace("\u00a0", " ")  # GBK has no NBSP
    p.write_bytes(text.replace("\n", newline).encode(encoding, errors="strict"))
    doc, _, df, _ = frame(p)
    assert doc.encoding.replace("-sig", "") in (encoding.replace("-sig", ""), "gb18030")
    assert not any("\r" in ln for ln in doc.lines)
    expected = seed[2].copy()
    if encoding == "gbk":
        expected["progress"] = expected["progress"].str.replace("\u00a0", " ")
    _same_rows(df, expected)


def test_line_layout_round_trips_the_seed(tmp_path, seed):
    p = tmp_path / "q.txt"
    p.write_text(variants.line_layout(), encoding="utf-8")
    doc, parsed, df, _ = frame(p)
    assert parsed.layout == "lines"
    _same_rows(df, seed[2])
    assert parsed.unassigned_lines == []


def test_line_layout_q1_row_and_number_led_continuations(tmp_path):
    text = "\n".join([
        "2024年一季度市政府重点工作落实情况",
        "序号 重点工作 牵头责任单位 一季度落实情况",
        "1 一般公共预算收入增长6%以上。 市财政局 1-3月份,全市一般公共预算收入完成48.9亿元,增长2.4%。",
        "2.税收收入完成31.2亿元,占一般公共预算收入的63.8%。",
        "2 月份以来,全市加强收入征管。",
        "2 地区生产总值增长7.5%左右。 市发改委 一季度全市地区生产总值增长5.6%。",
        "3 持续开展矿山生态修复治理,完成12个废弃矿山治理项目。 市自然 资源局 已完成项目1个。",
    ])
    p = tmp_path / "luan_2024Q1.txt"
    p.write_text(text, encoding="utf-8")
    doc, parsed, df, _ = frame(p)
    assert df.period.iloc[0] == "2024Q1"
    assert df.seq.tolist() == [1, 2, 3]
    first = df.iloc[0]
    assert first.task == "一般公共预算收入增长6%以上。" and first.bureau_raw == "市财政局"
    assert first.progress.split("\n") == [
        "1-3月份,全市一般公共预算收入完成48.9亿元,增长2.4%。",
        "2.税收收入完成31.2亿元,占一般公共预算收入的63.8%。",
        "2 月份以来,全市加强收入征管。",
    ]
    assert df.iloc[2].bureau_raw == "市自然资源局"


def test_html_layout_round_trips_the_seed(tmp_path, seed):
    p = tmp_path / "page.html"
    p.write_text(variants.html_layout(), encoding="utf-8")
    doc, parsed, df, _ = frame(p)
    assert parsed.layout == "html" and doc.is_html
    assert [(t.kind, t.declared) for t in parsed.tables] == [("quantified", 35), ("general", 156)]
    _same_rows(df, seed[2])


def test_html_escaped_text_is_unescaped_once(tmp_path):
    page = ("<html><head><meta charset='gbk'><title>2024年上半年重点工作落实情况</title></head><body><table>"
            "<tr><td>序号</td><td>重点工作</td><td>牵头责任单位</td><td>上半年落实情况</td></tr>"
            "<tr><td>1</td><td>建成&lt;金安&gt;通用机场&amp;配套。</td><td>市交通局</td><td><p>已建成。</p><p>2.已运营。</p></td></tr>"
            "</table></body></html>")
    p = tmp_path / "page.htm"
    p.write_bytes(page.encode("gbk"))
    _, _, df, _ = frame(p)
    assert df.task.tolist() == ["建成<金安>通用机场&配套。"]
    assert df.progress.tolist() == ["已建成。\n2.已运营。"]


def test_extra_columns_and_broken_header_cells(tmp_path, seed):
    p = tmp_path / "luan_2021FY.txt"
    p.write_text(variants.extra_columns_layout(), encoding="utf-8")
    doc, parsed, df, _ = frame(p)
    assert parsed.tables[0].roles == ["seq", "task", "bureau", "co_bureau", "progress", "status"]
    assert df.period.iloc[0] == "2021FY" and len(df) == 24
    seed_g = seed[2][seed[2].table == "general"].head(24).reset_index(drop=True)
    assert df.task.tolist() == seed_g.task.tolist()
    assert df.progress.tolist() == seed_g.progress.tolist()
    assert set(df.co_bureaus) == {"市财政局、市统计局"}
    assert df.official_status.tolist() == [variants.FY_STATUS[s % 2] for s in seed_g.seq]
    assert parsed.unassigned_lines == []


def test_section_headings_and_task_source(tmp_path):
    p = tmp_path / "luan_2022list.txt"
    p.write_text(variants.extra_columns_layout(sections=True), encoding="utf-8")
    _, parsed, df, _ = frame(p)
    assert [s["declared"] for s in parsed.sections] == [9, 15]
    assert df.section.value_counts().to_dict() == {"二、常务副市长负责事项(共15项)": 15, "一、市长负责事项(共9项)": 9}
    assert set(df.task_source) == {"政府工作报告"}
    assert df.task_id.is_unique and len(df) == 24
    # numbering restarts under each heading
    assert df.seq.tolist() == list(range(1, 10)) + list(range(1, 16))


def test_truncated_report_keeps_last_row_flagged(tmp_path, seed_text):
    cut = seed_text.index("全市共计开发乡村公益性岗位37607个")  # inside G003's progress
    p = tmp_path / "cut.txt"
    p.write_text(seed_text[:cut + 10], encoding="utf-8")
    _, parsed, df, _ = frame(p)
    assert df.task_id.tolist()[-1] == "G003" and len(df) == 38
    assert df.is_truncated.tolist() == [False] * 37 + [True]
    assert df.progress.iloc[-1].endswith("全市共计开发乡村公益")


def test_cut_between_rows_flags_when_count_is_short(tmp_path, seed_text):
    cut = seed_text.index("\n4\n\n", seed_text.index("重点工作156项"))
    p = tmp_path / "cut.txt"
    p.write_text(seed_text[:cut], encoding="utf-8")
    _, _, df, _ = frame(p)
    assert df.task_id.tolist()[-1] == "G003" and df.is_truncated.sum() == 1


@pytest.mark.parametrize("content,problem", [
    (b"", "空文件"),
    (b"  \n\n \r\n", "空文件"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "二进制文件"),
    ("2024年上半年".encode() + b"\xff\xfe\xfa\n", "无法解码"),
    ("2024年上半年重点工作\n\n一些文字\n".encode(), "未找到可识别的表头"),
])
def test_bad_input_raises_one_line_error(tmp_path, content, problem):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError) as e:
        parse_document(read_report(p))
    msg = str(e.value)
    assert problem in msg and str(p) in msg and "\n" not in msg


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="文件或文件夹不存在"):
        read_report(tmp_path / "nope.txt")


def test_header_without_rows_is_an_error(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("2024年上半年\n序号\n重点工作\n牵头责任单位\n上半年落实情况\n", encoding="utf-8")
    with pytest.raises(ParseError, match="表头下没有读到任何任务行"):
        parse_document(read_report(p))


@pytest.mark.parametrize("cell,units,aliases", [
    ("市财政局(市政府国资委)", ["市财政局"], ["市政府国资委"]),
    ("市财政局（市政府国资委）", ["市财政局"], ["市政府国资委"]),
    ("市发改委,霍邱县、金寨县、霍山县、舒城县政府", ["市发改委", "霍邱县政府", "金寨县政府", "霍山县政府", "舒城县政府"], []),
    ("市生态\u00a0 环境局", ["市生态环境局"], []),
    ("市经信局", ["市工信局"], []),
])
def test_normalize_units(cell, units, aliases):
    u = normalize_units(cell, load_reference(city="六安"))
    assert u.units == units and u.aliases == aliases and u.unknown == []


def test_unknown_unit_is_kept_and_reported():
    u = normalize_units("市发改委、市新设局", load_reference(city="六安"))
    assert u.units == ["市发改委", "市新设局"] and u.unknown == ["市新设局"]


def test_looks_like_unit():
    assert looks_like_unit("市生态环境局") and looks_like_unit("市发改委,各县区政府、市开发区管委")
    assert not looks_like_unit("市生态") and not looks_like_unit("截至6月底,已开工项目145个。")


def test_sector_from_editable_rules(seed):
    df = seed[2].set_index("task_id")
    assert df.loc["Q07", "sector"] == "economy" and df.loc["Q07", "sector_rule"].startswith("K00")
    assert df.loc["Q03", "sector"] == "environment"
    assert df.loc["G001", "sector"] == "infrastructure"
    assert df.loc["Q35", "sector"] == "culture"
    # a task with no keyword falls back to its lead unit's default
    assert df.loc["G007", "sector_rule"].startswith("B") and df.loc["G007", "sector"] == "agriculture"
    assert set(df.sector) <= {"economy", "industry", "trade", "agriculture", "environment",
                              "infrastructure", "social", "culture", "governance"}


def test_gap_in_numbering_is_reported_not_merged(tmp_path, seed_text):
    start = seed_text.index("\n5\n\n推进水土流失")
    end = seed_text.index("\n6\n\n新增技能人才")
    p = tmp_path / "gap.txt"
    p.write_text(seed_text[:start] + seed_text[end:], encoding="utf-8")
    _, parsed, df, _ = frame(p)
    q = df[df.table == "quantified"]
    assert q.seq.tolist() == [1, 2, 3, 4] + list(range(6, 36))
    assert "推进水土流失" not in q.set_index("seq").loc[4, "progress"]
    from helpers.table import _seq_findings
    gaps, repeats = _seq_findings(parsed)
    assert gaps == [{"table": "quantified", "after": 4, "missing": [5]}] and repeats == []


@pytest.mark.parametrize("typo", ["l3", "I3", "1 3", "13、"])
def test_a_misprinted_seq_that_merges_two_rows_flags_the_row_it_merged_into(tmp_path, seed_text, typo):
    # 序号 13 misprinted so that it is no 序号: its task, unit and progress run on in row 12's
    # progress; the row above a gap is where a missing row went, so it goes to review
    at = seed_text.index("\n13\n\n更大力度吸引和利用外资")
    p = tmp_path / "typo.txt"
    p.write_text(seed_text[:at] + f"\n{typo}\n" + seed_text[at + 4:], encoding="utf-8")
    _, _, df, _ = frame(p)
    q = df[df.table == "quantified"].set_index("seq")
    if 13 in q.index:  # the reader saw through the typo: nothing merged
        assert "更大力度吸引" not in q.loc[12, "progress"]
        return
    assert "更大力度吸引" in q.loc[12, "progress"]
    assert "序号12之后缺13" in q.loc[12, "read_flags"]


def test_empty_bureau_cell_leaves_progress_intact(tmp_path, seed_text):
    text = seed_text.replace("\n市人社局\n\n截至6月30日,全市新增技能人才14826人", "\n截至6月30日,全市新增技能人才14826人", 1)
    p = tmp_path / "nobureau.txt"
    p.write_text(text, encoding="utf-8")
    _, _, df, _ = frame(p)
    row = df.set_index("task_id").loc["Q06"]
    assert row.bureau_raw == "" and row.progress.startswith("截至6月30日,全市新增技能人才14826人")
