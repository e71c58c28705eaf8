"""helpers.reference_csv: the one reader of the lookup tables a researcher edits (data/reference/*.csv),
and the loaders' checks for degenerate settings. Every case is a shipped table saved another way."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from helpers import paths
from helpers.compare.matching import load_fixes
from helpers.deliver.mail import load_recipients
from helpers.errors import ReferenceError_
from helpers.judge.lexicon import load_lexicon
from helpers.judge.overrides import read_overrides
from helpers.read.bureaus import HOME_CITY, load_reference
from helpers.read.roles import load_roles
from helpers.read.sectors import load_rules
from helpers.report.warning_levels import load_levels
from helpers.reference_csv import read_reference
from helpers.statuses import official_words

#: A researcher's match fix and correction, as the README gives them.
FIXES = "period,task_id,prev_period,prev_task_id,note\n2024H1,G018,2024Q1,G002,同一任务\n2024H1,G019,2024Q1,,新任务\n"
OVERRIDES = "period,task_id,field,value,note\n2024H1,Q07,status,behind,原文未达序时\n"

#: Each shipped table → what its loader makes of a file (comparable values).
LOADERS = {
    "lexicon.csv": lambda p: [(e.kind, e.phrase, e.meaning) for e in load_lexicon(p).entries],
    "task_matches.csv": lambda p: [(f.period, f.task_id, f.prev_period, f.prev_task_id, f.note) for f in load_fixes(p)],
    "bureaus.csv": lambda p: sorted(load_reference(p, city=HOME_CITY).canonical.items()),
    "column_roles.csv": lambda p: sorted(load_roles(p).words.items()),
    "overrides.csv": lambda p: [(r["period"], r["task_id"], r["value"]) for r in read_overrides(p)],
    "recipients.csv": lambda p: sorted((k, [a.addr_spec for a in r.to]) for k, r in load_recipients(p).items()),
    "official": lambda p: sorted(official_words(p).meaning.items()),
    "sector_rules.csv": lambda p: [(r.rule_id, r.sector) for r in load_rules(p, paths.SECTORS_CSV).rules],
    "sectors.csv": lambda p: sorted(load_rules(paths.SECTOR_RULES_CSV, p).names.items()),
    "warning_levels.csv": lambda p: [(lv.name, lv.min_lag_pts, lv.official_status) for lv in load_levels(p)],
}


def test_every_shipped_table_is_read_through_the_one_reader():
    """A lookup table added later is listed here, so its loader is tried in every encoding below."""
    assert {p.name for p in paths.REFERENCE.glob("*.csv")} <= set(LOADERS)


def _text(name: str) -> str:
    if name == "task_matches.csv":
        return FIXES
    if name == "overrides.csv":
        return OVERRIDES
    return (paths.REFERENCE / ("lexicon.csv" if name == "official" else name)).read_text(encoding="utf-8-sig")


def _save(tmp_path: Path, name: str, text: str, encoding: str, bom: bytes = b"", crlf: bool = False) -> Path:
    p = tmp_path / ("lexicon.csv" if name == "official" else name)
    p.parent.mkdir(parents=True, exist_ok=True)
    if crlf:
        text = text.replace("\n", "\r\n")
    p.write_bytes(bom + text.encode(encoding))
    return p


@pytest.mark.parametrize("name", list(LOADERS))
@pytest.mark.parametrize("encoding,bom", [
    ("gbk", b""), ("gb18030", b""), ("gb18030", codecs.encode("\ufeff", "gb18030")), ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-le", b""),
])
def test_every_table_reads_the_same_in_every_encoding_excel_saves(tmp_path, name, encoding, bom):
    """lexicon.csv or task_matches.csv saved as GBK or UTF-16 once ended in a traceback."""
    text = _text(name)
    if encoding == "gbk":
        text = "".join(ch if ch.encode("gbk", errors="ignore") else "?" for ch in text)
    shipped = LOADERS[name](_save(tmp_path / "a", name, text, "utf-8"))
    saved = LOADERS[name](_save(tmp_path / "b", name, text, encoding, bom, crlf=True))
    assert saved == shipped and saved


@pytest.mark.parametrize("name", ["lexicon.csv", "task_matches.csv", "bureaus.csv", "recipients.csv"])
def test_blank_rows_and_trailing_empty_cells_are_ignored(tmp_path, name):
    text = _text(name)
    lines = text.rstrip("\n").split("\n")
    # Excel keeps an empty cell for a column someone typed in and cleared: `a,b,c,,`
    messy = "\n".join([lines[0]] + [ln + ",," for ln in lines[1:3]] + ["", ",,,", "  "] + lines[3:]) + "\n\n"
    assert LOADERS[name](_save(tmp_path / "m", name, messy, "utf-8")) == LOADERS[name](_save(tmp_path / "s", name, text, "utf-8"))


def test_an_extra_cell_names_file_and_line_in_chinese(tmp_path):
    p = _save(tmp_path, "task_matches.csv", FIXES.replace("同一任务", "同一任务,另一格"), "utf-8")
    with pytest.raises(ReferenceError_) as e:
        load_fixes(p)
    msg = str(e.value)
    assert msg.startswith(f"{p}:2: ") and "多" in msg and "\n" not in msg


def test_a_missing_column_names_the_header_line(tmp_path):
    p = _save(tmp_path, "task_matches.csv", FIXES.replace("prev_task_id,", ""), "utf-8")
    with pytest.raises(ReferenceError_, match=rf"^{p}:1: .*prev_task_id"):
        load_fixes(p)


def test_a_repeated_header_name_is_refused(tmp_path):
    p = _save(tmp_path, "bureaus.csv", _text("bureaus.csv").replace("name,canonical,scope,note", "name,canonical,scope,name", 1), "utf-8")
    with pytest.raises(ReferenceError_, match=rf"^{p}:1: .*name"):
        load_reference(p)


@pytest.mark.parametrize("name", ["lexicon.csv", "task_matches.csv", "bureaus.csv", "recipients.csv"])
@pytest.mark.parametrize("tail,problem", [
    (b"\xff\xfe\xfa\n", "字节无法解码"),  # neither UTF-8 nor GB18030
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"\x00" * 64, "二进制文件"),  # a workbook saved as .csv
])
def test_bytes_no_encoding_explains_are_refused_with_how_to_save(tmp_path, name, tail, problem):
    p = tmp_path / name
    text = _text(name).encode("utf-8")
    head = text[:text.index(b"\n", 40) + 1]
    p.write_bytes(head + tail if problem != "二进制文件" else tail)
    with pytest.raises(ReferenceError_) as e:
        LOADERS[name](p)
    msg = str(e.value)
    assert msg.startswith(f"{p}:") and problem in msg and "CSV UTF-8" in msg and "\n" not in msg
    line = head.count(b"\n") + 1
    if problem != "二进制文件":
        assert msg.startswith(f"{p}:{line}: ")


def test_the_reader_gives_lines_of_the_file(tmp_path):
    p = tmp_path / "x.csv"
    p.write_bytes('a,b\r\n\r\n1,"two\r\nlines"\r\n\r\n3,4\r\n'.encode("utf-16"))
    table = read_reference(p, ("a", "b"))
    assert table.header == ["a", "b"] and table.encoding.startswith("utf-16")
    assert [(n, r["a"]) for n, r in table.rows] == [(3, "1"), (6, "3")]


# ------------------------------------------------------------------ degenerate settings

def _lexicon_without(tmp_path: Path, kind: str, meaning: str) -> Path:
    lines = _text("lexicon.csv").splitlines()
    kept = [ln for ln in lines if not ln.startswith(f"{kind},") or ln.split(",")[2] != meaning]
    assert len(kept) < len(lines)
    return _save(tmp_path, "lexicon.csv", "\n".join(kept) + "\n", "utf-8")


@pytest.mark.parametrize("kind,meaning", [("verdict", "blocked"), ("verdict", "behind"), ("pace", "pace"),
                                          ("modality", "forecast")])
def test_a_class_of_wordings_with_no_phrase_is_refused(tmp_path, kind, meaning):
    """lexicon.csv without its `verdict … blocked` rows once made 178 of 191 seed tasks 受阻."""
    p = _lexicon_without(tmp_path, kind, meaning)
    with pytest.raises(ReferenceError_) as e:
        load_lexicon(p)
    msg = str(e.value)
    assert msg.startswith(f"{p}:") and kind in msg and meaning in msg and "\n" not in msg


def test_sector_rules_with_only_a_header_are_refused(tmp_path):
    """An empty rules table once put every seed task in one sector, exit 0."""
    rules, names = tmp_path / "sector_rules.csv", tmp_path / "sectors.csv"
    rules.write_text(paths.SECTOR_RULES_CSV.read_text(encoding="utf-8-sig").splitlines()[0] + "\n", encoding="utf-8")
    names.write_text(paths.SECTORS_CSV.read_text(encoding="utf-8-sig"), encoding="utf-8")
    with pytest.raises(ReferenceError_, match=rf"^{rules}:1: "):
        load_rules(rules, names)


def test_the_shipped_tables_pass_their_checks():
    assert len(load_lexicon().entries) > 200 and load_rules().rules and load_fixes() == []
