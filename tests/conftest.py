"""Shared fixtures: the seed report, its table built once per session, one batch run shared by
the batch and notebook tests. Slower tests are marked `integration`."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

import helpers  # noqa: F401  (first: it keeps jsonschema from compiling rfc3987 grammars)

# No test starts a render server unless it asks for one (the `render_server` fixture, which
# stops it): a server outlives the run that starts it, and the commands tests spawn inherit this.
os.environ["HELPERS_NO_SERVER"] = "1"

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "luan_2024H1.txt"
NOTEBOOKS = ROOT / "notebooks"
PERIOD = "2024H1"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_table(tmp_path_factory: pytest.TempPathFactory):
    """The seed's tables, built once per test session (helpers.table.TableResult). Read only:
    a test that changes tables copies `seed_table.out_dir` first."""
    from helpers.table import build_table

    return build_table(SEED, period=PERIOD, out=tmp_path_factory.mktemp("seed") / PERIOD)


def copy_tables(seed_table, root: Path) -> Path:
    """A private copy of the seed's tables under `root`/data/processed/<period>/."""
    dest = root / "data" / "processed" / PERIOD
    shutil.copytree(seed_table.out_dir, dest)
    return dest


@pytest.fixture(scope="session")
def read_outcomes() -> dict:
    """Every case that may be read case by case (the labelled set and the readable blind sets) judged once
    per session, as the rules stand: case_id → helpers.judge.evaluate.Outcome. Shared by the tests that
    measure the notes and the flag classes over every labelled set (one worker builds it: SHARED)."""
    from helpers.judge.evaluate import judge_case  # deferred: only these tests load the whole judge here
    from judge_set import load_judge_set, load_readable_blind

    return {c["case_id"]: judge_case(c) for c in load_judge_set() + load_readable_blind()}


@pytest.fixture(scope="session")
def year_tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic year of tests/chain_reports.py (Q1, H1, Q3, FY) tabled once per session, under
    raw/ and processed/<period>/. Read only: a test that compares or renders takes `copy_year`."""
    import chain_reports as cr

    root = tmp_path_factory.mktemp("year-tables")
    cr.build_year(root)
    return root


def copy_year(year_tables: Path, dest: Path) -> dict[str, Path]:
    """A private copy of the synthetic year under `dest`; each period's table folder by code."""
    import chain_reports as cr

    shutil.copytree(year_tables, dest, dirs_exist_ok=True)
    return {p: dest / "processed" / p for p in cr.PERIODS}


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory, seed_table) -> SimpleNamespace:
    """One batch run shared by tests/test_run.py and tests/report/test_notebooks.py: the city briefing,
    the two research pages and two bureaus (the one with the most tasks behind pace, and a unit
    that only co-leads), HTML and PDF, in a temporary project. One worker: in this process, whose
    warm kernel the later runs of the session reuse."""
    from helpers import run as batch

    root = tmp_path_factory.mktemp("project")
    processed = copy_tables(seed_table, root)
    tasks = seed_table.tasks
    behind = tasks.loc[tasks["status"].eq("behind"), "bureau"].value_counts().index[0]
    firsts = set(tasks["bureau"])
    co_lead = sorted({u for bs in tasks["bureaus"] for u in bs.split("、")[1:] if u not in firsts})[0]
    kw = dict(notebooks_dir=NOTEBOOKS, output_dir=root / "output" / PERIOD, processed_dir=processed,
              cache_dir=root / ".cache", root=root, jobs=1, progress=False, raw=SEED)
    result = batch.run_batch(PERIOD, bureaus=[behind, co_lead], city=True, research=True, **kw)
    return SimpleNamespace(root=root, out=root / "output" / PERIOD, processed=processed, result=result,
                           bureaus=[behind, co_lead], behind=behind, co_lead=co_lead, kw=kw)


@pytest.fixture
def project_root(monkeypatch: pytest.MonkeyPatch):
    """`use(root)` points helpers.paths at another project, as HELPERS_ROOT does for a new process,
    so a command can be called in this process (one end-to-end test spawns it: test_run's kill)."""
    from helpers import paths

    def use(root: Path) -> Path:
        old = paths.ROOT
        for name, value in list(vars(paths).items()):
            if isinstance(value, Path) and value.is_relative_to(old):
                monkeypatch.setattr(paths, name, Path(root) / value.relative_to(old))
        return Path(root)

    return use


#: Costly session fixtures: one pytest-xdist worker builds each and runs every test using it
#: (`--dist loadgroup`); the other tests spread over the workers one by one.
SHARED = ("rendered", "year_tables", "read_outcomes")
#: Fixtures that run a stage end to end: batch runs, a year of reports tabled and chained, the
#: Excel ledger written from a built table, PDFs, an SMTP server. A test using one (directly or
#: through another fixture) is an integration test: `make test` runs it, `make test-fast` not.
PIPELINE_FIXTURES = {"rendered", "year_tables", "built", "official", "figures", "mail_pdfs", "mail_server"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        group = next((name for name in SHARED if name in used), None)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
        if used & PIPELINE_FIXTURES:
            item.add_marker(pytest.mark.integration)
