"""The front doors: the seed as a Word document, an Excel workbook and a PDF gives the rows of its
text; old binary formats, scans, damaged files and a wrong sheet end in one line."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from helpers.errors import InputError
from helpers.read.doors import kind_of, read_report
from helpers.read.parse import norm, parse_document
from helpers.table import parsed_frame, resolve_period

import office_files


def frame(path: Path, **kw):
    doc = read_report(path, **kw)
    parsed = parse_document(doc)
    df, _ = parsed_frame(parsed, resolve_period(doc, None), path.name, "六安")
    return doc, parsed, df


@pytest.fixture(scope="module")
def seed_df(seed_path):
    return frame(seed_path)[2]


def _same_rows(df, seed_df, *, exact_progress: bool) -> None:
    assert len(df) == len(seed_df) == 191
    assert df.task_id.tolist() == seed_df.task_id.tolist()
    assert df.seq.tolist() == seed_df.seq.tolist()
    assert df.task.map(norm).tolist() == seed_df.task.map(norm).tolist()
    assert df.bureaus.tolist() == seed_df.bureaus.tolist()
    if exact_progress:
        assert df.progress.tolist() == seed_df.progress.tolist()
    else:  # a PDF keeps no paragraph marks of its own: the same text, line breaks aside
        assert df.progress.map(norm).tolist() == seed_df.progress.map(norm).tolist()
    assert df.read_flags.isna().all()


@pytest.mark.integration  # the whole seed through python-docx and back: seconds
def test_the_seed_as_a_word_document(tmp_path, seed_df):
    doc, parsed, df = frame(office_files.seed_docx(tmp_path / "seed.docx"))
    assert doc.door == "docx" and parsed.layout == "docx"
    assert [t.kind for t in parsed.tables] == ["quantified", "general"]
    assert [t.declared for t in parsed.tables] == [35, 156]
    _same_rows(df, seed_df, exact_progress=True)


def test_the_seed_as_an_excel_sheet_beside_a_notes_sheet(tmp_path, seed_df):
    doc, parsed, df = frame(office_files.seed_xlsx(tmp_path / "seed.xlsx"))
    assert doc.door == "xlsx" and "汇总" in doc.notes[0] and "--sheet" in doc.notes[0]
    assert [t.declared for t in parsed.tables] == [35, 156]
    _same_rows(df, seed_df, exact_progress=True)


def test_a_sheet_named_on_the_command_line(tmp_path):
    path = office_files.seed_xlsx(tmp_path / "seed.xlsx")
    assert read_report(path, sheet="2").html_rows[0][0].text.startswith("2024年上半年")
    with pytest.raises(InputError, match="没有工作表“预算”（有：说明、汇总）"):
        read_report(path, sheet="预算")


@pytest.mark.integration
def test_the_seed_as_a_pdf_across_pages(tmp_path, seed_df):
    doc, parsed, df = frame(office_files.seed_pdf(tmp_path / "seed.pdf"))
    assert doc.door == "pdf" and len(doc.page_starts) > 20  # many pages, one table each time
    assert len(parsed.tables) == 2  # the header printed on every page does not start a table
    _same_rows(df, seed_df, exact_progress=False)


@pytest.mark.integration
def test_a_pdf_without_a_text_layer_is_refused_as_a_scan(tmp_path):
    path = office_files.write_pdf(tmp_path / "scan.pdf", "<html><body><div style='height:300px;"
                                                           "background:#333'></div></body></html>")
    with pytest.raises(InputError, match="没有文字层（扫描件）") as e:
        read_report(path)
    assert "\n" not in str(e.value)


def test_content_decides_the_door_not_the_name(tmp_path, seed_path):
    title, rows = office_files.seed_tables()[0]
    docx = office_files.write_docx(tmp_path / "seed.docx", [title, ([office_files.SEED_HEADER] + rows[:3], [])])
    renamed = tmp_path / "seed.txt"
    shutil.copy(docx, renamed)
    assert read_report(renamed).door == "docx"
    assert kind_of(seed_path.read_bytes()) == "text"
    assert kind_of(b"%PDF-1.7\n") == "pdf"


def test_old_binary_formats_without_libreoffice_ask_to_save_as(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    for name, target in (("r.doc", ".docx"), ("r.wps", ".docx"), ("r.et", ".xlsx"), ("r.xls", ".xlsx")):
        path = tmp_path / name
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
        with pytest.raises(InputError) as e:
            read_report(path)
        msg = str(e.value)
        assert str(path) in msg and "LibreOffice" in msg and f"另存为 {target}" in msg and "\n" not in msg


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
def test_an_old_word_file_is_converted_by_libreoffice(tmp_path, seed_df):
    import subprocess

    docx = office_files.seed_docx(tmp_path / "seed.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=120)
    doc, _, df = frame(tmp_path / "seed.doc")
    assert "LibreOffice" in doc.notes[-1]
    assert df.bureaus.tolist() == seed_df.bureaus.tolist()


def test_damaged_and_foreign_packages_are_one_line_errors(tmp_path):
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("word/document.xml", "<not-xml")
    other = tmp_path / "photos.zip"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("a.jpg", "x")
    for path, words in ((bad, "无法读取的 Word 文件"), (other, "压缩包")):
        with pytest.raises(InputError, match=words) as e:
            read_report(path)
        assert "\n" not in str(e.value)


def test_the_table_command_reads_a_workbook_and_says_which_sheet(tmp_path, capsys):
    from helpers.cli import main

    path = office_files.seed_xlsx(tmp_path / "seed.xlsx")
    assert main(["table", str(path), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "读取全部 2 个工作表" in err and "主表“汇总”" in err
    legacy = tmp_path / "old.et"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    if shutil.which("soffice") is None:
        assert main(["table", str(legacy), "--out", str(tmp_path / "o2")]) == 2
        lines = capsys.readouterr().err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in lines[0] and "另存为 .xlsx" in lines[0]


@pytest.mark.integration
def test_a_pdf_with_merged_cells(tmp_path):
    """A lead cell spanning two rows and a section row spanning the table, as a PDF: the lead is
    each row's, the section heads the rows below it."""
    rows = [r for _, rs in office_files.seed_tables() for r in rs][35:38]
    body = (f"<tr><td colspan='4'>一、扩大有效投资</td></tr>"
            f"<tr><td>1</td><td>{rows[0][1]}</td><td rowspan='2'>市发改委</td><td>{rows[0][3]}</td></tr>"
            f"<tr><td>2</td><td>{rows[1][1]}</td><td>{rows[1][3]}</td></tr>"
            f"<tr><td>3</td><td>{rows[2][1]}</td><td>{rows[2][2]}</td><td>{rows[2][3]}</td></tr>")
    page = office_files.html_tables(office_files.SEED_TITLE, [("汇总表", office_files.SEED_HEADER, [])])
    page = page.replace("</tbody>", body + "</tbody>")
    doc, parsed, df = frame(office_files.write_pdf(tmp_path / "m.pdf", page))
    assert df.bureaus.tolist() == ["市发改委", "市发改委", rows[2][2]]
    assert df.section.tolist() == ["一、扩大有效投资"] * 3
    assert df.progress.map(norm).tolist() == [norm(r[3]) for r in rows]
