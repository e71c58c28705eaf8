"""helpers.report.front_page: a period's front page and the list of periods, in a real browser.

The browser tests drive the system's Chromium through Playwright (`make test` installs it on
Debian as root, scripts/ensure-chromium.sh); where there is none they are skipped, saying so.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest

from helpers.report import front_page as fp
from helpers.report.manifest import Manifest, Page

PERIOD = "2024H1"
CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="PATH 中没有 chromium：首页的浏览器测试需要它"
                                    "（Debian：apt-get install chromium，以 root 运行 make test 时会自动安装）")
EVIL = '市<script>alert("x")</script>局'


@pytest.fixture(scope="module")
def site(seed_table, tmp_path_factory) -> Path:
    """A period folder with a page (dummy HTML and PDF files) for every lead unit of the seed, one
    unit renamed to carry markup, and the front page and the period list written over it."""
    root = tmp_path_factory.mktemp("site")
    processed = root / "data" / "processed" / PERIOD
    shutil.copytree(seed_table.out_dir, processed)
    tasks = pd.read_parquet(processed / "tasks.parquet")
    first = tasks["bureau"].value_counts().index[-1]
    for col in ("bureau", "bureaus"):
        tasks[col] = tasks[col].str.replace(first, EVIL, regex=False)
    tasks.to_parquet(processed / "tasks.parquet")
    out = root / "output" / PERIOD
    out.mkdir(parents=True)
    pages = [Page("city", None, f"output/{PERIOD}/city.html", f"output/{PERIOD}/city.pdf")]
    for i, unit in enumerate(sorted(set(tasks["bureau"]))):
        pages.append(Page("bureau", unit, f"output/{PERIOD}/bureau_{i}.html", f"output/{PERIOD}/bureau_{i}.pdf"))
    for p in pages:
        for f in (p.html, p.pdf):
            (root / f).write_text(f"<p>{p.bureau or 'city'}</p>", encoding="utf-8")
    research = (Page("data_quality", None, f"output/{PERIOD}/data_quality.html"),)
    (root / research[0].html).write_text("<p>q</p>", encoding="utf-8")
    Manifest(PERIOD, briefings=tuple(pages), research=research).write(out / "manifest.json")
    fp.write_front_page(PERIOD, out, processed, root, {"data_quality": "数据质量报告"})
    fp.write_periods_index(out.parent)
    return out


def test_front_page_lists_every_unit_escaped(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    manifest = Manifest.read(site / "manifest.json")
    assert html.count('<tr data-unit="') == sum(p.kind == "bureau" for p in manifest.briefings)
    assert '<a href="city.html">网页版</a>' in html and '<a href="city.pdf">PDF</a>' in html
    assert "数据质量报告" in html


def test_periods_index_lists_periods_latest_first(site: Path, tmp_path: Path) -> None:
    for code in ("2024Q1", "2023FY", "2024Q3"):
        (tmp_path / code).mkdir()
        (tmp_path / code / "index.html").write_text("x", encoding="utf-8")
    (tmp_path / "notes").mkdir()  # not a period
    assert fp.periods(tmp_path) == ["2024Q3", "2024Q1", "2023FY"]
    html = fp.write_periods_index(tmp_path).read_text(encoding="utf-8")
    assert html.index("2024年前三季度") < html.index("2024年一季度") < html.index("2023年全年")
    assert f'href="{PERIOD}/index.html"' in (site.parent / "index.html").read_text(encoding="utf-8")


def _browser():
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    return pw, pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@pytest.mark.integration
@needs_chromium
def test_front_page_in_chromium(site: Path, tmp_path: Path) -> None:
    """Loads from file://, renders Chinese (a screenshot with ink), links resolve, sorting by lag works."""
    from PIL import Image, ImageStat

    pw, browser = _browser()
    try:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto((site / "index.html").as_uri())
        assert page.inner_text("h1") == "2024年上半年重点工作落实情况 · 简报目录"
        shot = tmp_path / "front.png"
        page.screenshot(path=str(shot))
        stat = ImageStat.Stat(Image.open(shot).convert("L"))
        assert stat.stddev[0] > 20  # text and tables drawn, not a blank page
        assert EVIL in page.inner_text("#units")  # the markup shows as text, never runs
        hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.href)")
        units = sum(p.kind == "bureau" for p in Manifest.read(site / "manifest.json").briefings)
        assert len(hrefs) == 2 * units + 2 + 1 + 1  # each unit's two, the city's two, the research page, the period list
        for href in hrefs:
            assert href.startswith("file://") and Path(unquote(href.removeprefix("file://"))).exists(), href
        _sorts_by_lag(page)
        page.fill("#filter-unit", "市发改委")
        assert page.eval_on_selector_all("#units tbody tr:not([hidden])", "rs => rs.length") == 1
        page.goto((site.parent / "index.html").as_uri())
        page.click("text=2024年上半年")
        assert page.url.endswith(f"{PERIOD}/index.html")
    finally:
        browser.close()
        pw.stop()


def _lags(page) -> list[float]:
    return [float(v) for v in page.eval_on_selector_all("#units tbody tr td.lag", "tds => tds.map(t => t.dataset.v)")]


def _sorts_by_lag(page) -> None:
    before = _lags(page)
    assert len(set(before)) > 3, "the seed's units lag by several amounts"
    page.click("#sort-lag")
    assert _lags(page) == sorted(before, reverse=True)
    top = page.inner_text("#units tbody tr:first-child td:first-child")
    page.click("#sort-lag")
    assert _lags(page) == sorted(before)
    assert page.inner_text("#units tbody tr:last-child td:first-child") == top


@pytest.mark.integration
def test_run_writes_the_front_page_and_the_period_list(rendered) -> None:
    html = (rendered.out / "index.html").read_text(encoding="utf-8")
    for unit in rendered.bureaus:
        assert f'<tr data-unit="{unit}"' in html
    assert '<a href="city.pdf">PDF</a>' in html
    assert f'href="{PERIOD}/index.html"' in (rendered.out.parent / "index.html").read_text(encoding="utf-8")


def test_a_units_line_is_kept_while_its_key_holds_and_computed_when_it_moves(seed_table, tmp_path, monkeypatch) -> None:
    """The lines `run` keeps between runs (unit_rows): the same as computed, and computed again
    for a unit whose key moved, from the data as it is now."""
    from helpers.report.loading import load_period

    data = load_period(PERIOD, seed_table.out_dir)
    units = sorted(set(data.tasks["bureau"]))[:4]
    severity = {"红色": 0, "黄色": 1}
    cache = tmp_path / "rows.json"
    computed: list[str] = []
    real = fp.unit_row
    monkeypatch.setattr(fp, "unit_row", lambda d, u, *a: computed.append(u) or real(d, u, *a))
    keys = {u: f"key-{u}" for u in units}
    first = fp.unit_rows(data, units, severity, keys, cache)
    assert computed == units
    assert fp.unit_rows(data, units, severity, keys, cache) == first and computed == units  # all kept
    # the first unit's tasks all behind now: its key moved with its data, its line follows
    tasks = data.tasks.copy()
    tasks.loc[tasks["bureau"].eq(units[0]), "status"] = "behind"
    changed = type(data)(data.period, tasks, data.indicators, data.quality, data.folder, data.changes)
    again = fp.unit_rows(changed, units, severity, dict(keys, **{units[0]: "moved"}), cache)
    assert computed == [*units, units[0]]
    assert again[1:] == first[1:] and again[0] != first[0]
    assert again[0]["behind"] == again[0]["tasks"] == int(tasks["bureau"].eq(units[0]).sum())
    # without keys (a page keyed on the whole tables): every line computed
    fp.unit_rows(changed, units, severity, None, cache)
    assert computed == [*units, units[0], *units]
