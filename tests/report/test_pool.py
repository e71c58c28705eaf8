"""helpers.report.pool and run's early workers: as many workers as pages to render, never more.

Workers are replaced by a stand-in that runs each page at once in this process (the pages' own
rendering is tested in tests/test_run.py and tests/report/test_render.py); what is checked here
is how many workers start, which pool takes which page, and that every page is reported once.
"""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import pytest

from helpers.report import pool

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


class FakeWorkers:
    """A pool of `workers` that renders a page as soon as it is handed one; records its pages."""

    started: list["FakeWorkers"] = []

    def __init__(self, notebooks, warm_from, workers, broken: bool = False):
        self.n, self.pages, self.closed, self.broken = max(1, workers), [], None, broken
        self.pool = self
        FakeWorkers.started.append(self)

    def submit(self, fn, job, *args):
        if self.broken:
            raise RuntimeError("pool broken")
        self.pages.append(job.id)
        fut: Future = Future()
        fut.set_result(fn(job, *args))
        return fut

    def close(self, wait: bool = True):
        self.closed = wait


@pytest.fixture
def fake(monkeypatch):
    FakeWorkers.started = []
    monkeypatch.setattr(pool, "Workers", FakeWorkers)
    monkeypatch.setattr(pool, "run_job", lambda job, fonts, label: {"id": job.id, "ok": True, "seconds": 0.0})
    return FakeWorkers


def _jobs(*kinds: str) -> list[pool.Job]:
    return [pool.Job(kind=k if not k.startswith("市") else "bureau", bureau=k if k.startswith("市") else None,
                     notebook=NOTEBOOKS / "briefing_bureau.ipynb", parameters={}, ipynb=Path("x.ipynb"),
                     html=None, pdf=None, title="") for k in kinds]


def _render(jobs, workers, started=None) -> list[str]:
    done: list[str] = []
    pool.render_pages(jobs, NOTEBOOKS, "2024年上半年", lambda: None, workers, False,
                      lambda j, o: done.append(j.id), started=started)
    return done


def test_a_started_worker_takes_a_single_page_and_no_other_starts(fake):
    early = FakeWorkers(NOTEBOOKS, [], 1)
    assert _render(_jobs("市发改委"), workers=2, started=early) == ["bureau:市发改委"]
    assert fake.started == [early] and early.pages == ["bureau:市发改委"]


def test_more_pages_than_started_workers_start_the_missing_ones_only(fake):
    early = FakeWorkers(NOTEBOOKS, [], 1)
    done = _render(_jobs("市发改委", "city", "data_quality", "pace_analysis"), workers=2, started=early)
    assert sorted(done) == sorted(["city", "pace_analysis", "data_quality", "bureau:市发改委"])  # each once
    extra = fake.started[1:]
    assert len(extra) == 1 and extra[0].n == 1 and extra[0].closed is False  # not waited for
    assert early.pages[0] == "city"  # the longest page goes to the warm worker first
    assert sorted(early.pages + extra[0].pages) == sorted(done)


def test_without_started_workers_as_many_start_as_pages_up_to_the_jobs(fake):
    _render(_jobs("city", "data_quality"), workers=8)
    assert [w.n for w in fake.started] == [2]
    fake.started.clear()
    _render(_jobs("city", "data_quality", "pace_analysis", "市发改委"), workers=3)
    assert [w.n for w in fake.started] == [3]


def test_a_broken_pool_reports_its_pages_as_failed_and_the_run_goes_on(fake, monkeypatch):
    broken = FakeWorkers(NOTEBOOKS, [], 1, broken=True)
    outcomes: dict[str, tuple[bool, str]] = {}
    pool.render_pages(_jobs("city", "市发改委"), NOTEBOOKS, "", lambda: None, 1, False,
                      lambda j, o: outcomes.__setitem__(j.id, (o["ok"], o["error"])), started=broken)
    said = (False, "生成页面的进程意外退出（RuntimeError: pool broken）；请重新运行")  # as the run prints it
    assert outcomes == {"city": said, "bureau:市发改委": said}


def test_early_workers_one_for_a_correction_as_many_as_jobs_from_clean(fake, tmp_path, monkeypatch):
    from contextlib import ExitStack

    from helpers import run as batch
    from helpers.period import parse_code

    per = parse_code("2024H1")
    f = batch.Folders.of(per, tmp_path, NOTEBOOKS, tmp_path / "out", tmp_path / "tables", tmp_path / ".cache")
    rebuild = {"yes": True}
    monkeypatch.setattr(batch, "will_rebuild", lambda *a: rebuild["yes"])
    monkeypatch.setattr(batch, "Workers", FakeWorkers)
    with ExitStack() as stack:
        assert batch._early_workers(stack, per, f, None, 2, True, None).n == 2  # no pages yet: every page renders
        assert batch._early_workers(stack, per, f, None, 1, True, None) is None  # one job: this process
        (tmp_path / "out").mkdir()
        (tmp_path / "out" / "manifest.json").write_text("{}", encoding="utf-8")
        assert batch._early_workers(stack, per, f, None, 2, True, None).n == 1  # a correction: one
        rebuild["yes"] = False
        assert batch._early_workers(stack, per, f, None, 2, True, None) is None  # nothing to rebuild
    assert [w.n for w in fake.started] == [2, 1] and all(w.closed is False for w in fake.started)


def test_the_font_subset_covers_every_text_of_the_tables_notebooks_and_package(seed_table, tmp_path):
    """font_chars reads the tables' text columns with pyarrow and remembers the sources'
    characters: the same set as reading every text with pandas, and a source that changes is
    read again."""
    import pandas as pd

    from helpers import provenance
    from helpers.report.render import text_chars

    notebook = tmp_path / "briefing_bureau.ipynb"
    notebook.write_text((NOTEBOOKS / "briefing_bureau.ipynb").read_text(encoding="utf-8"), encoding="utf-8")
    folder = seed_table.out_dir
    texts = [(folder / "quality.json").read_text(encoding="utf-8")]
    for name in ("tasks.parquet", "indicators.parquet"):
        df = pd.read_parquet(folder / name)
        texts += [str(v) for c in df.columns if pd.api.types.is_string_dtype(df[c]) or df[c].dtype == object
                  for v in df[c].dropna().unique()]
    package = provenance.PACKAGE_DIR
    for p in [notebook, *sorted(package.rglob("*.py")), *sorted((package / "templates").rglob("*.*"))]:
        texts.append(p.read_text(encoding="utf-8"))
    assert pool.font_chars(folder, [notebook], cache=tmp_path) == text_chars(texts)
    assert pool.font_chars(folder, [notebook], cache=tmp_path) == text_chars(texts)  # from the memo
    assert "龘" not in text_chars(texts)
    notebook.write_text(notebook.read_text(encoding="utf-8").replace("单位", "单位龘", 1), encoding="utf-8")
    assert "龘" in pool.font_chars(folder, [notebook], cache=tmp_path)


def test_the_local_kernel_is_not_kept_across_projects_or_code(monkeypatch, tmp_path):
    """`--jobs 1` keeps its kernel warm for the next run in this process, but only under the same
    server key: another project (or changed code) gets a fresh kernel, the old one is shut down."""
    from helpers.report import pool, server_key

    made: list = []

    class Kernel:
        def __init__(self, **kw):
            self.warm_code, self.down = kw["warm_code"], False
            made.append(self)

        def shutdown(self):
            self.down = True

    keys = iter(["project-a", "project-a", "project-b"])
    monkeypatch.setattr(pool.kernels, "WarmKernel", Kernel)
    monkeypatch.setattr(server_key, "server_key", lambda cwd: next(keys))
    monkeypatch.setattr(pool, "_LOCAL", None)
    monkeypatch.setattr(pool, "_LOCAL_KEY", "")  # restored with _LOCAL: a later test's kernel keeps its key
    first = pool.local_kernel(str(tmp_path), "import pandas")
    assert pool.local_kernel(str(tmp_path), "import pandas") is first  # same key: kept warm
    other = pool.local_kernel(str(tmp_path), "import pandas")
    assert other is not first and first.down and not other.down and len(made) == 2
