"""helpers.report.chart_cache: a chart is drawn again exactly when what it shows or is drawn with
changed, and a kept chart is the chart a fresh drawing gives (the seed table, built once)."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import matplotlib
import pandas as pd
import pytest

from helpers import paths
from helpers.report import chart_cache, charts
from helpers.report.loading import load_period


@pytest.fixture(scope="module")
def tasks(seed_table) -> pd.DataFrame:
    return load_period("2024H1", seed_table.out_dir).tasks


@pytest.fixture
def kept(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty cache folder of its own (paths.CACHE moved under tmp_path)."""
    monkeypatch.setattr(paths, "CACHE", tmp_path / "cache")
    return tmp_path / "cache" / "charts"


def _fresh(chart: charts.Chart) -> bytes:
    """The chart drawn from its figure, bypassing the cache."""
    return charts.png_bytes(chart.figure)


def _moved_status(tasks: pd.DataFrame) -> pd.DataFrame:
    """The seed with one qualitative task corrected to behind, as a researcher's import would."""
    out = tasks.copy()
    first = out.index[out["status"].eq("qualitative")][0]
    out.loc[first, "status"] = "behind"
    return out


def test_a_kept_chart_is_the_chart_drawn_afresh_and_is_not_drawn_again(tasks, kept) -> None:
    first = charts.status_by_sector(tasks)
    png = charts.png_bytes(first)
    assert png == _fresh(charts.status_by_sector(tasks))
    assert len(list(kept.glob("*.json"))) == 1
    again = charts.status_by_sector(tasks)
    assert charts.png_bytes(again) == png
    assert "figure" not in again.__dict__  # taken from the cache: never built


def test_a_corrected_status_changes_every_chart_that_shows_it(tasks, kept) -> None:
    moved = _moved_status(tasks)
    unit = str(moved.loc[moved["status"].ne(tasks["status"]), "bureau"].iloc[0])
    for make in (charts.status_by_sector, charts.bureau_status_heatmap,
                 lambda t: charts.bureau_vs_city_shares(t, unit, city=False)):
        before = charts.png_bytes(make(tasks))
        after = make(moved)
        assert charts.png_bytes(after) != before
        assert charts.png_bytes(after) == _fresh(make(moved))


def test_the_key_follows_the_data_read_and_not_the_columns_unread(tasks) -> None:
    def key_of(t: pd.DataFrame, make=charts.status_by_sector, *args) -> str:
        c = make(t, *args)
        return chart_cache.chart_key(c._draw, c._frame, c._args, c._kwargs)

    base = key_of(tasks)
    assert key_of(tasks.copy()) == base  # by content, not by object or position
    texts = tasks.assign(progress=tasks["progress"].fillna("") + "（已核实）")
    assert key_of(texts) == base  # a column the chart does not read
    assert key_of(_moved_status(tasks)) != base
    assert key_of(tasks.iloc[::-1]) != base  # row order reaches the drawing (the jitter of the dots)
    assert key_of(tasks, charts.completion_vs_pace, 0.5) != key_of(tasks, charts.completion_vs_pace, 0.75)


def test_the_key_follows_the_code_the_style_and_the_lookup_tables(tasks, monkeypatch, project_root, tmp_path) -> None:
    import shutil

    shutil.copytree(paths.REFERENCE, tmp_path / "data" / "reference")
    project_root(tmp_path)
    c = charts.status_by_sector(tasks)
    charts.setup()

    def key() -> str:
        return chart_cache.chart_key(c._draw, c._frame, c._args, c._kwargs)

    base = key()
    overrides = paths.OVERRIDES_CSV
    overrides.write_text(overrides.read_text(encoding="utf-8") + "2024H1,Q01,status,behind,核对\n", encoding="utf-8")
    assert key() == base  # a correction reaches a chart through the table only
    sectors = paths.SECTORS_CSV
    sectors.write_text(sectors.read_text(encoding="utf-8").replace("经济运行与投资", "经济运行"), encoding="utf-8")
    renamed = key()
    assert renamed != base  # sector names are drawn from sectors.csv
    with matplotlib.rc_context({"font.size": 12}):
        assert key() != renamed
    monkeypatch.setattr(chart_cache, "_code", lambda: "other code")
    assert key() != renamed


def test_a_chart_changed_before_it_is_shown_is_drawn_as_changed_and_not_kept(tasks, kept) -> None:
    plain = charts.png_bytes(charts.status_by_sector(tasks))
    titled = charts.status_by_sector(tasks)
    titled.axes[0].set_title("研究人员加的标题")
    assert charts.png_bytes(titled) != plain
    assert charts.png_bytes(charts.status_by_sector(tasks)) == plain  # the kept one is the plain chart
    assert len(list(kept.glob("*.json"))) == 1


def test_an_unwritable_cache_still_shows_the_chart(tasks, monkeypatch, tmp_path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setattr(paths, "CACHE", blocked)
    chart = charts.completion_vs_pace(tasks, 0.5)
    assert charts.png_bytes(chart) == _fresh(charts.completion_vs_pace(tasks, 0.5))


def test_an_unreadable_entry_is_drawn_again(tasks, kept) -> None:
    png = charts.png_bytes(charts.status_by_sector(tasks))
    (entry,) = kept.glob("*.json")
    entry.write_text("{\"png\": \"not base64!\"", encoding="utf-8")
    assert charts.png_bytes(charts.status_by_sector(tasks)) == png


def test_the_oldest_entries_go_past_keep(tasks, kept, monkeypatch) -> None:
    monkeypatch.setattr(chart_cache, "KEEP", 2)
    for pace in (0.25, 0.5, 0.75):
        charts.png_bytes(charts.completion_vs_pace(tasks, pace))
        entries = sorted(kept.glob("*.json"), key=os.path.getmtime)
    assert len(entries) == 2
    newest = charts.completion_vs_pace(tasks, 0.75)
    assert chart_cache.load(chart_cache.chart_key(newest._draw, newest._frame, newest._args, newest._kwargs))


def _key(chart: charts.Chart) -> str:
    charts.setup()
    return chart_cache.chart_key(chart._draw, chart._frame, chart._args, chart._kwargs)


def test_a_chart_another_process_is_drawing_is_waited_for_not_drawn_twice(tasks, kept, monkeypatch) -> None:
    import subprocess
    import sys
    import threading

    drawn = chart_cache.Drawn(charts.png_bytes(charts.status_by_sector(tasks).figure), charts.WIDTH_IN, "各领域")
    chart = charts.status_by_sector(tasks)
    key = _key(chart)
    # the waiter returns as soon as the chart is kept: a long WAIT only keeps a loaded machine from drawing it twice
    monkeypatch.setattr(chart_cache, "WAIT", 120.0)
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        kept.mkdir(parents=True, exist_ok=True)
        (kept / f"{key}.claim").write_text(str(holder.pid), encoding="ascii")
        threading.Timer(0.3, lambda: (chart_cache.store(key, drawn), (kept / f"{key}.claim").unlink())).start()
        assert charts.png_bytes(chart) == drawn.png
        assert "figure" not in chart.__dict__  # waited for, not drawn
    finally:
        holder.kill()
        holder.wait()


def test_a_claim_whose_holder_died_or_gave_up_is_drawn_at_once(tasks, kept, monkeypatch) -> None:
    import subprocess
    import sys
    import time

    chart = charts.completion_vs_pace(tasks, 0.5)
    key = _key(chart)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    kept.mkdir(parents=True, exist_ok=True)
    (kept / f"{key}.claim").write_text(str(dead.pid), encoding="ascii")
    # a dead holder is seen at once: the waiter never sleeps (no clock in the assertion: loaded machines are slow)
    slept = []
    monkeypatch.setattr(chart_cache, "time", SimpleNamespace(monotonic=time.monotonic, sleep=slept.append))
    assert charts.png_bytes(chart) == _fresh(charts.completion_vs_pace(tasks, 0.5))
    assert slept == []
    monkeypatch.setattr(chart_cache, "time", time)
    assert not (kept / f"{key}.claim").exists() and chart_cache.load(key) is not None
    # a live holder that never keeps the chart: drawn after WAIT, by the page itself
    monkeypatch.setattr(chart_cache, "WAIT", 0.2)
    other = charts.completion_vs_pace(tasks, 0.75)
    (kept / f"{_key(other)}.claim").write_text(str(os.getpid()), encoding="ascii")
    assert charts.png_bytes(other) == _fresh(charts.completion_vs_pace(tasks, 0.75))


def test_a_failed_drawing_leaves_no_claim(tasks, kept, monkeypatch) -> None:
    chart = charts.status_by_sector(tasks)
    key = _key(chart)
    monkeypatch.setattr(charts, "_drawn", lambda fig: (_ for _ in ()).throw(MemoryError("out of memory")))
    with pytest.raises(MemoryError):
        charts.png_bytes(chart)
    assert not (kept / f"{key}.claim").exists()
