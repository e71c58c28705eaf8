"""Rendering: the CJK font, the briefing HTML (no code, escaped, small) and the PDF (fonts, text)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from helpers.report import kernels, render
from helpers.report.fonts import find_cjk_font, use_cjk_font

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def test_cjk_font_found_and_registered_with_matplotlib():
    import matplotlib

    path = find_cjk_font()
    assert path.is_file()
    family = use_cjk_font()
    assert matplotlib.rcParams["font.sans-serif"][0] == family
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    from matplotlib import font_manager

    # the family resolves to the CJK file, not to DejaVu's fallback
    found = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert Path(found).suffix.lower() in {".ttc", ".otf", ".ttf"}


def test_missing_cjk_font_is_a_one_line_error_with_the_install_hint(monkeypatch):
    from helpers.report import fonts
    from helpers.errors import RenderError

    monkeypatch.setattr(fonts, "_fc", lambda *args: "")
    fonts.find_cjk_font_face.cache_clear()
    try:
        with pytest.raises(RenderError) as err:
            fonts.find_cjk_font()
        assert str(err.value).startswith("没有找到中文（CJK）字体：请安装一种（Debian/Ubuntu：apt-get install fonts-noto-cjk；")
        assert "\n" not in str(err.value)
    finally:
        fonts.find_cjk_font_face.cache_clear()


def _notebook_with_outputs(text: str) -> nbformat.NotebookNode:
    from helpers.report.briefing import esc, table_html
    import pandas as pd

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    md = nbformat.v4.new_markdown_cell("## 一、总体情况")
    code = nbformat.v4.new_code_cell("SECRET_SOURCE_LINE = b.show_table(df)", execution_count=3)
    table = table_html(pd.DataFrame({"重点工作": [text], "状态": ["滞后"]}))
    code.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": f"<p>{esc(text)}</p>" + table}),
        nbformat.v4.new_output("stream", name="stderr", text="SomeWarning: noise for the researcher\n"),
        nbformat.v4.new_output("execute_result", data={"text/plain": "42"}, execution_count=3),
    ]
    nb.cells = [md, code]
    return nb


def test_html_has_no_code_no_prompts_and_escapes_report_text():
    evil = '市发改委<script>alert("x")</script> & 滞后'
    page = render.export_html(_notebook_with_outputs(evil), title="标题<b>", period_label="2024年上半年")
    assert '<html lang="zh-CN">' in page
    assert "SECRET_SOURCE_LINE" not in page  # no code
    assert "In&nbsp;[" not in page and "Out[" not in page and "[3]:" not in page  # no prompts
    assert "noise for the researcher" not in page  # stderr dropped
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page and "&amp; 滞后" in page
    assert "标题&lt;b&gt;" in page  # the title is escaped too
    assert len(page.encode()) < 30_000  # our stylesheet, not the lab's 300 KB


#: A white 1×1 PNG.
PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC"


def test_the_briefing_exporter_writes_the_page_nbconvert_does_without_its_soup_pass():
    """The exporter skips HTMLExporter's closing BeautifulSoup pass (parse and print again); the
    page it writes is the same document, element for element and text for text."""
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    nb = _notebook_with_outputs('市发改委 "引号" <b>粗</b> & 滞后')
    image = nbformat.v4.new_output("display_data", data={"image/png": PNG_1PX},
                                   metadata={"image/png": {"width": 624, "alt": "各领域重点工作进度状态"}})
    nb.cells.append(nbformat.v4.new_code_cell("charts.show(fig)", outputs=[image]))
    nb.cells.append(nbformat.v4.new_markdown_cell("| 列 | 值 |\n| --- | --- |\n| 甲 & 乙 | 1 |\n\n- 一\n- 二"))
    resources = {"briefing": {"title": "标题", "period_label": "2024年上半年", "css": render._css()}}
    ours, _ = render.html_exporter().from_notebook_node(nb, resources=dict(resources))
    theirs, _ = HTMLExporter(config=render.html_exporter().config).from_notebook_node(nb, resources=dict(resources))
    assert type(render.html_exporter()) is not HTMLExporter  # else this compares a thing with itself
    assert str(BeautifulSoup(ours, "html.parser")) == str(BeautifulSoup(theirs, "html.parser"))
    assert 'alt="各领域重点工作进度状态"' in ours and "甲 &amp; 乙" in ours


@pytest.mark.integration
@needs_poppler
def test_pdf_embeds_the_cached_subset_and_extracts_chinese(tmp_path):
    page = render.export_html(_notebook_with_outputs("市发改委重点工作滞后"), "标题", "2024年上半年")
    chars = render.text_chars([page, render.CSS_PATH.read_text(encoding="utf-8")])
    fonts = render.prepare_fonts(chars, cache_dir=tmp_path / "cache")
    assert fonts.regular.exists() and fonts.regular.stat().st_size < 1_500_000
    again = render.prepare_fonts(chars, cache_dir=tmp_path / "cache")
    assert again == fonts and again.regular.stat().st_mtime_ns == fonts.regular.stat().st_mtime_ns
    assert render.prepare_fonts(chars | {"鹅"}, cache_dir=tmp_path / "cache").key != fonts.key

    pdf = tmp_path / "b.pdf"
    render.write_pdf(page, pdf, fonts)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "市发改委重点工作滞后" in text.replace("\n", "")
    assert "第1页" in text.replace(" ", "")  # page numbers
    fonts_out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    embedded = [l for l in fonts_out.splitlines()[2:] if l.strip()]
    assert embedded and all(render.PDF_FAMILY in l and " yes yes " in l for l in embedded), fonts_out


@pytest.mark.integration
@needs_poppler
def test_the_template_stylesheet_parsed_once_prints_the_page_as_its_own_copy_does(tmp_path):
    """html_to_pdf swaps the page's <style> for the stylesheet parsed once per process: the pages
    come out the same pixel for pixel (section numbers of the template's @counter-style too)."""
    from weasyprint import CSS, HTML

    nb = _notebook_with_outputs("市发改委重点工作滞后")
    nb.cells += [nbformat.v4.new_markdown_cell("## 较上期变化"), nbformat.v4.new_markdown_cell("## 说明")]
    page = render.export_html(nb, "标题", "2024年上半年")
    assert render.style_block() in page
    fonts = render.prepare_fonts(render.text_chars([page]), cache_dir=tmp_path / "cache")
    ours = render.html_to_pdf(page, fonts)
    own_copy = HTML(string=page, base_url=str(tmp_path)).write_pdf(stylesheets=[CSS(string=fonts.css())])
    pngs = {}
    for name, pdf in (("ours", ours), ("own", own_copy)):
        (tmp_path / f"{name}.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)], check=True)
        pngs[name] = [p.read_bytes() for p in sorted(tmp_path.glob(f"{name}-*.png"))]
    assert pngs["ours"] and pngs["ours"] == pngs["own"]
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(tmp_path / "ours.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "二、较上期变化" in text and "三、说明" in text
    # a page carrying another stylesheet (an older template's) is printed with its own
    other = page.replace("h2 { font-size: 12.5pt;", "h2 { font-size: 30pt;")
    assert other != page and render.html_to_pdf(other, fonts) != ours


def test_notebook_imports_collects_top_level_imports(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import os\nfrom helpers import briefing as b\nx = 1"),
                nbformat.v4.new_code_cell("def f():\n    import json\nimport os")]
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, str(path))
    assert kernels.notebook_imports([path]) == ["import os", "from helpers import briefing as b"]


def test_sector_names_come_from_the_reference_csv(tmp_path, monkeypatch, seed_table):
    """One source for a sector's name: editing data/reference/sectors.csv changes the charts."""
    from helpers.report import charts
    from helpers import paths
    from helpers.read.sectors import sector_names

    text = paths.SECTORS_CSV.read_text(encoding="utf-8")
    assert "社会民生" in text
    edited = tmp_path / "sectors.csv"
    edited.write_text(text.replace("社会民生", "民生保障"), encoding="utf-8")
    monkeypatch.setattr(paths, "SECTORS_CSV", edited)
    assert sector_names()["social"] == "民生保障"
    fig = charts.status_by_sector(seed_table.tasks)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "民生保障" in labels and "社会民生" not in labels
    assert "民生保障" in fig.alt_text  # the chart's alt text, in Chinese, says the same


@pytest.mark.integration  # a notebook exported to HTML
def test_chart_alt_text_reaches_the_html(seed_table):
    """The notebook's alt text (or the chart's own, in Chinese) is the <img>'s, never nbconvert's
    English boilerplate."""
    from IPython.core.interactiveshell import InteractiveShell

    from helpers.report import charts

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("charts.show(fig)")
    outputs = []
    shell = InteractiveShell.instance()
    shell.display_pub.publish = lambda data, metadata=None, **kw: outputs.append((data, metadata or {}))
    try:
        charts.show(charts.completion_vs_pace(seed_table.tasks, 0.5))
        charts.show(charts.status_by_sector(seed_table.tasks), alt="各领域重点工作进度状态")
    finally:
        InteractiveShell.clear_instance()
    cell.outputs = [nbformat.v4.new_output("display_data", data=d, metadata=m) for d, m in outputs]
    nb.cells = [cell]
    page = render.export_html(nb, "标题", "2024年上半年")
    alts = re.findall(r'<img [^>]*alt="([^"]*)"', page)
    assert alts[1] == "各领域重点工作进度状态"
    assert alts[0].startswith("可量化任务的完成度与序时进度") and "序时进度50%" in alts[0]
    assert "No description" not in page


def test_the_collector_is_paused_for_a_pdf_and_resumed_after_it_even_when_it_fails() -> None:
    import gc

    assert gc.isenabled()
    with render.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with render.collector_paused():
            raise ValueError("a page that fails")
    assert gc.isenabled()
    gc.disable()  # a caller that paused it itself keeps it paused
    try:
        with render.collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
