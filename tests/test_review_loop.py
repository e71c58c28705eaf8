"""The review loop (issue #20): a correction re-renders the pages whose data it changes, and only those.

A status corrected in the ledger changes its unit's page, the city's and the research pages; an
evidence text reworded changes its unit's page alone; a rerun with nothing changed renders
nothing. The pages re-rendered show the corrected data, and every page of the manifest is the
page a run from scratch would render (byte for byte).
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

from conftest import NOTEBOOKS, PERIOD, ROOT, SEED
from helpers import run as batch

RESEARCH = {"data_quality", "pace_analysis"}


def _kw(root: Path, out: str = "output") -> dict:
    return dict(notebooks_dir=NOTEBOOKS, output_dir=root / out / PERIOD,
                processed_dir=root / "tables" / PERIOD, cache_dir=root / ".cache", root=root,
                jobs=1, progress=False, raw=SEED, formats=["html"], city=True, research=True)


def _first_to_review(root: Path, overrides: Path, name: str) -> tuple[Path, str, str]:
    """Write the ledger as `name`; (its path, the first task of 待复核, that task's lead unit)."""
    import openpyxl
    import pandas as pd

    from helpers.deliver.corrections import REVIEW_SHEET, TASK_ID
    from helpers.deliver.ledger import write_ledger

    processed = root / "tables" / PERIOD
    path, _ = write_ledger(PERIOD, processed_dir=processed, out=root / name, overrides=overrides)
    ws = openpyxl.load_workbook(path, read_only=True)[REVIEW_SHEET]
    header = [c.value for c in next(ws.iter_rows(max_row=1))]
    task = next(ws.iter_rows(min_row=2, max_row=2, values_only=True))[header.index(TASK_ID)]
    tasks = pd.read_parquet(processed / "tasks.parquet")
    return path, str(task), str(tasks.loc[tasks["task_id"].eq(task), "bureau"].iloc[0])


def _correct_status(path: Path, root: Path, overrides: Path) -> str:
    """Correct the first task of 待复核 as a researcher would, and import the ledger; the status written."""
    import openpyxl

    from helpers.deliver.corrections import CORRECTION, NOTE, RECORDED, REVIEW_SHEET, import_corrections

    wb = openpyxl.load_workbook(path)
    ws = wb[REVIEW_SHEET]
    header = [c.value for c in ws[1]]
    col = {h: header.index(h) + 1 for h in (CORRECTION, NOTE, RECORDED)}
    fix = "滞后" if ws.cell(2, col[RECORDED]).value == "达序时" else "达序时"
    ws.cell(2, col[CORRECTION]).value, ws.cell(2, col[NOTE]).value = fix, "核对原文"
    wb.save(path)
    import_corrections(path, period=PERIOD, processed_dir=root / "tables" / PERIOD, overrides=overrides)
    return fix


def _evidence(overrides: Path, task: str, text: str) -> None:
    """An evidence row for `task` in overrides.csv (the row replaced when there is one)."""
    from helpers.judge.overrides import merge_overrides

    merge_overrides([{"period": PERIOD, "task_id": task, "field": "evidence", "value": text, "note": "test"}], overrides)


def _html(root: Path, page: str, out: str = "output") -> str:
    stem = page if not page.startswith("bureau:") else f"bureau_{batch.safe_slug(page.split(':', 1)[1])}"
    return html.unescape((root / out / PERIOD / f"{stem}.html").read_text(encoding="utf-8"))


@pytest.mark.integration
def test_a_correction_re_renders_the_pages_whose_data_it_changes_and_nothing_else(
        seed_table, tmp_path, project_root):
    root = project_root(tmp_path)
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
    overrides = root / "data" / "reference" / "overrides.csv"
    overrides.write_text("period,task_id,field,value,note\n", encoding="utf-8")
    # not the project's own folder: the kernels (other processes) are given it, not guessing it
    shutil.copytree(seed_table.out_dir, root / "tables" / PERIOD)
    ledger, task, unit = _first_to_review(root, overrides, "ledger.xlsx")
    tasks = seed_table.tasks
    others = [u for u in tasks["bureau"].value_counts().index if u != unit][:2]
    units = [unit, *others]
    first = batch.run_batch(PERIOD, bureaus=units, **_kw(root))
    assert first.failed == [], first.manifest["failures"]
    assert len(first.rendered) == 6

    again = batch.run_batch(PERIOD, bureaus=units, **_kw(root))
    assert again.rendered == [] and not again.table_built  # nothing changed: nothing rendered

    # a status corrected in the ledger: its unit's page, the city's and the research pages
    _correct_status(ledger, root, overrides)
    status = batch.run_batch(PERIOD, bureaus=units, **_kw(root))
    assert status.table_built and sorted(status.rendered) == sorted(["city", *RESEARCH, f"bureau:{unit}"])
    assert "核定" in _html(root, f"bureau:{unit}")  # the corrected task is marked on its unit's page

    # an evidence text of another unit's task: the first correction of a task settles it (the
    # city's page and the research pages count the settled tasks), so they change with its unit's
    # page; a correction reworded changes that unit's page alone
    other_task = str(tasks.loc[tasks["bureau"].eq(others[0]), "task_id"].iloc[0])
    _evidence(overrides, other_task, "经核实，以市统计局最新数据为准。")
    text = batch.run_batch(PERIOD, bureaus=units, **_kw(root))
    assert sorted(text.rendered) == sorted(["city", *RESEARCH, f"bureau:{others[0]}"])
    _evidence(overrides, other_task, "经再次核实，以市统计局8月发布的数据为准。")
    reworded = batch.run_batch(PERIOD, bureaus=units, **_kw(root))
    assert reworded.table_built and reworded.rendered == [f"bureau:{others[0]}"]
    assert "经再次核实，以市统计局8月发布的数据为准。" in _html(root, f"bureau:{others[0]}")

    # every page of the manifest is the page a run from scratch renders
    fresh = batch.run_batch(PERIOD, bureaus=units, **dict(_kw(root, "fresh"), cache_dir=root / "fresh-cache"))
    assert fresh.failed == [] and len(fresh.rendered) == 6
    pages = [p["bureau"] and f"bureau:{p['bureau']}" or p["kind"] for p in
             reworded.manifest["briefings"] + reworded.manifest["research"]]
    assert sorted(pages) == sorted(["city", *RESEARCH, *(f"bureau:{u}" for u in units)])
    for page in pages:
        assert _html(root, page) == _html(root, page, "fresh"), page
    # and the front page: the lines it kept of units whose data did not change are those computed anew
    front = [(root / out / PERIOD / "index.html").read_text(encoding="utf-8") for out in ("output", "fresh")]
    assert front[0] == front[1]
