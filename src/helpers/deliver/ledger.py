"""The supervision ledger (督查台账): one period's judgements as an Excel workbook researchers
keep, filter and correct in Excel or WPS (their import: helpers.deliver.corrections).

`python -m helpers ledger --period P` writes output/<P>/台账_<P>.xlsx (openpyxl) with the sheets
of SHEETS. The 待复核 sheet lists the doubtful tasks (helpers.judge.review) with two empty columns,
更正状态 (a drop-down of the Chinese status names) and 说明; `python -m helpers review import
FILE.xlsx` reads them back into data/reference/overrides.csv (helpers.judge.overrides.merge_overrides),
refusing the whole file, with the sheet and cell, at the first bad value. A ledger a person
added to (a note, a column, a sheet) is never written over: the next one goes beside it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from helpers import paths
# the sheets and the columns read back are the import's contract (helpers.deliver.corrections)
from helpers.report.formatting import METHOD_ZH
from helpers.deliver.corrections import (CORRECTION, KEY, NOTE, RECORDED, REVIEW_SHEET, SHEETS, TASK_ID,
                                         read_corrections, recorded_decisions)
from helpers.errors import InputError
from helpers.deliver.ledger_file import CONTENT_PROPERTY, KEY_PROPERTY, content_digest, recorded_key, target
from helpers.files import atomic_path, formula_like
from helpers.identity import task_keys
from helpers.provenance import file_sha256
from helpers.statuses import STATUS_COLORS, STATUS_ZH, STATUSES

# pandas, pandera (via helpers.schema) and openpyxl are imported where used: `run` checks whether
# the ledger is current on every rerun, and that check must not cost their ~3 s of imports.

SOURCE_ZH = {"rule": "规则", "override": "人工核定"}
#: Rows of 待复核 below the listed tasks that keep the drop-down, for tasks a researcher adds.
SPARE_ROWS = 200
#: Height of one wrapped line (points) and the most lines a row grows to (longer text scrolls in the cell).
LINE_PT, MAX_LINES = 14.5, 12
#: Bump when the layout changes in a way the inputs' hashes would not show.
LAYOUT = "1"


@dataclass(frozen=True)
class Column:
    """One column of a sheet: header, width (characters), how to get it from a row, its kind."""

    header: str
    width: float
    get: Callable[[Any], Any]
    kind: str = "text"  # text | wrap | pct | pts | int | status


def _isna(v: Any) -> bool:
    import pandas as pd

    return v is None or (not isinstance(v, str) and bool(pd.isna(v)))


def _yes(v: Any) -> str:
    return "" if _isna(v) or not bool(v) else "是"


def _s(v: Any) -> Any:
    return None if _isna(v) else v


def _ref(r: Any) -> str:
    from helpers.report.briefing import task_ref

    return task_ref(r.table, r.seq)


def _lines(r: Any) -> str:
    return "" if _isna(r.line_start) else f"{r.line_start}–{r.line_end}"


TASK_COLS = (
    Column("编号", 7, lambda r: r.task_id),
    Column("序号", 8, _ref),
    Column("重点工作", 40, lambda r: r.task, "wrap"),
    Column("牵头单位", 16, lambda r: r.bureaus, "wrap"),
    Column("协同单位", 14, lambda r: _s(r.co_bureaus), "wrap"),
    Column("领域", 18, lambda r: r.sector_name),
    Column("状态", 9, lambda r: r.status_zh, "status"),
    Column("原文完成状态", 10, lambda r: _s(r.official_status)),
    Column("与原文不一致", 8, lambda r: _yes(r.disagrees)),
    Column("完成度", 8, lambda r: _s(r.completion_pct), "pct"),
    Column("序时进度", 8, lambda r: r.pace, "pct"),
    Column("落后（百分点）", 9, lambda r: _s(r.lag_pts), "pts"),
    Column("预警", 6, lambda r: _s(getattr(r, "warning", None))),  # helpers.report.warning_levels
    Column("判断方法", 15, lambda r: METHOD_ZH.get(r.method, r.method)),
    Column("依据", 40, lambda r: _s(r.evidence), "wrap"),
    Column("部分指标滞后", 7, lambda r: _yes(r.is_mixed)),
    Column("目标已调整", 7, lambda r: _yes(r.is_target_adjusted)),
    Column("需复核", 7, lambda r: _yes(r.needs_review)),
    Column("复核原因", 24, lambda r: "；".join(r.reasons_zh) or None, "wrap"),
    Column("状态来源", 8, lambda r: SOURCE_ZH.get(r.status_source, r.status_source)),
    Column("落实情况", 70, lambda r: _s(r.progress), "wrap"),
    Column("原文行", 9, _lines),
    Column(KEY, 12, lambda r: r.task_key, "hidden"),  # the task by content: what an import checks its 编号 against
)
#: Columns of the task table shown in 全部任务 only when the table has them (later readers add
#: them for reports that print them): column → (header, width).
OPTIONAL_TASK_COLS = {
    "section": ("章节", 16), "task_source": ("任务来源", 12), "official_status_field": ("原文状态栏", 9),
    "target_text": ("目标（原文）", 20), "rate_text": ("完成率（原文）", 10), "plan_text": ("进度安排", 24),
    "progress_other": ("另一期落实情况", 40), "people": ("分管领导/责任人", 12),
}


def task_columns(tasks: pd.DataFrame) -> tuple[Column, ...]:
    """TASK_COLS, plus the optional columns the table has with at least one value, before 落实情况."""
    extra = tuple(Column(h, w, (lambda c: lambda r: _s(getattr(r, c)))(c), "wrap")
                  for c, (h, w) in OPTIONAL_TASK_COLS.items() if c in tasks and tasks[c].notna().any())
    i = [c.header for c in TASK_COLS].index("落实情况")
    return TASK_COLS[:i] + extra + TASK_COLS[i:]

BEHIND_COLS = (
    *TASK_COLS[:4],  # 编号, 序号, 重点工作, 牵头单位: the same cells as 全部任务
    Column("完成度", 8, lambda r: _s(r.completion_pct), "pct"),
    Column("序时进度", 8, lambda r: r.pace, "pct"),
    Column("落后（百分点）", 9, lambda r: _s(r.lag_pts), "pts"),
    Column("部分指标滞后", 7, lambda r: _yes(r.is_mixed)),
    Column("判断方法", 15, lambda r: METHOD_ZH.get(r.method, r.method)),
    Column("依据（原句）", 50, lambda r: r.evidence_sentence, "wrap"),
    Column("状态来源", 8, lambda r: SOURCE_ZH.get(r.status_source, r.status_source)),
    Column("落实情况", 70, lambda r: _s(r.progress), "wrap"),
)

REVIEW_COLS = (
    Column(TASK_ID, 7, lambda r: r.task_id),
    Column("序号", 8, _ref),
    Column("重点工作", 36, lambda r: r.task, "wrap"),
    Column("牵头单位", 14, lambda r: r.bureaus, "wrap"),
    Column("本表状态", 9, lambda r: r.status_zh, "status"),
    Column("原文完成状态", 10, lambda r: _s(r.official_status)),
    Column("与原文不一致", 8, lambda r: _yes(r.disagrees)),
    Column("复核原因", 26, lambda r: "；".join(r.reasons_zh), "wrap"),
    Column("依据", 36, lambda r: _s(r.evidence), "wrap"),
    Column("落实情况", 60, lambda r: _s(r.progress), "wrap"),
    Column("已核定", 7, lambda r: _yes(r.settled)),
    Column(CORRECTION, 10, lambda r: r.correction, "status"),
    Column(NOTE, 30, lambda r: r.correction_note, "wrap"),
    # what 更正状态 held when the ledger was written (hidden): tells a researcher's new entry from ours
    Column(RECORDED, 10, lambda r: r.correction, "hidden"),
    Column(KEY, 12, lambda r: r.task_key, "hidden"),
)

BOARD_COLS = (
    Column("排名", 6, lambda r: _s(r.rank), "int"),
    Column("并列", 6, lambda r: _yes(r.tied)),
    Column("牵头单位", 22, lambda r: r.bureau),
    Column("任务", 6, lambda r: r.tasks, "int"),
    Column("可量化", 7, lambda r: r.measured, "int"),
    Column("滞后", 6, lambda r: r.behind, "int"),
    Column("已完成", 7, lambda r: r.completed, "int"),
    Column("达序时及以上", 9, lambda r: r.on_pace_or_better, "int"),
    Column("达序时及以上比例", 10, lambda r: _s(r.share), "pct"),
    Column("完成度中位数", 10, lambda r: _s(r.median_completion), "pct"),
)


# --------------------------------------------------------------------------------------------
# frames behind the sheets


def _task_frame(data: Any) -> pd.DataFrame:
    """Every task with review flags, disagreement and settled state (report order)."""
    from helpers.judge import review

    rv = review.review_table(data.tasks)
    t = data.tasks.drop(columns=[c for c in ("needs_review", "review_reason") if c in data.tasks.columns])
    t = t.join(review.review_flags(data.tasks))
    t = t.assign(disagrees=review.disagrees(t), settled=review.settled(t))
    t["reasons_zh"] = [rv.at[i, "reasons_zh"] if i in rv.index else [] for i in t.index]
    t["task_key"] = task_keys(t["task"], t["bureau"])
    return t


def sha256(path: Path) -> str | None:
    """The file's checksum (helpers.provenance), None when there is no such file."""
    p = Path(path)
    return file_sha256(p) if p.is_file() else None


def _comparison_line(period: str, folder: Path) -> str:
    """What the briefings say was compared with the earlier period (比对了N项中的M项, or no comparison)."""
    from helpers.compare import chain

    changes = chain.load_changes(period, folder)
    return chain.no_comparison_sentence(period) if changes is None else chain.changes_sentence(changes)


def _about_rows(data: Any, overrides: Path, ahead_margin: float) -> list[tuple[str, Any]]:
    from helpers.judge import review
    from helpers.report.briefing import headline, method_notes, fmt_pct

    q, folder = data.quality, Path(data.folder)
    h = headline(data.tasks)
    c = review.counts(data.tasks)
    src = q.source_file if q else None
    src_path = Path(src) if src else None
    if src_path is not None and not src_path.is_absolute():
        src_path = paths.ROOT / src_path
    rows: list[tuple[str, Any]] = [
        ("期间", data.label), ("期间代码", data.period.code), ("期末", str(data.period.end)),
        ("序时进度", fmt_pct(data.period.pace, 1)), ("超序时幅度", f"{ahead_margin * 100:g}个百分点"),
        ("原文标题", q.title if q else None), ("任务数", h.tasks),
        ("可量化评估", f"{h.measured}项（{fmt_pct(h.measured / h.tasks if h.tasks else None)}）"),
        ("需人工复核（未核定）", c["review_open"]), ("与原文完成状态不一致（未核定）", c["disagree_open"]),
        ("经人工核定", c["overridden"]), ("较上期比较", _comparison_line(data.period.code, folder)),
    ]
    rows += [(f"判断方法{i}", n) for i, n in enumerate(method_notes(data.period.pace, ahead_margin, data.label), 1)]
    rows += [
        ("来源文件", src), ("来源文件 SHA-256", sha256(src_path) if src_path else None),
        ("tasks.parquet SHA-256", sha256(folder / "tasks.parquet")),
        ("indicators.parquet SHA-256", sha256(folder / "indicators.parquet")),
        ("quality.json SHA-256", sha256(folder / "quality.json")),
        ("overrides.csv SHA-256", sha256(overrides)),
        ("如何提交更正", f"在“{REVIEW_SHEET}”表的“{CORRECTION}”栏选择状态、在“{NOTE}”栏写明理由（可在表末按"
                   f"“{TASK_ID}”添加其他任务），保存后运行 python -m helpers review import 本文件，"
                   f"再运行 python -m helpers run --period {data.period.code} --all-bureaus。"),
    ]
    return rows


# --------------------------------------------------------------------------------------------
# writing


def _fill(hex_color: str) -> Any:
    from openpyxl.styles import PatternFill

    c = hex_color.lstrip("#").upper()
    return PatternFill(start_color=c, end_color=c, fill_type="solid")


def _dark(hex_color: str) -> bool:
    r, g, b = (int(hex_color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return 0.299 * r + 0.587 * g + 0.114 * b < 150


def _status_rules(ws: Any, ref: str) -> None:
    """Colour status cells by their value (conditional, so a status typed in later is coloured too)."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font

    for code, color in STATUS_COLORS.items():
        font = Font(color="FFFFFF" if _dark(color) else "000000")
        ws.conditional_formatting.add(ref, CellIsRule(operator="equal", formula=[f'"{STATUS_ZH[code]}"'],
                                                      fill=_fill(color), font=font))


def _write_sheet(ws: Any, rows: list[Any], cols: tuple[Column, ...], spare_rows: int = 0) -> None:
    """Header, rows, widths, wrapping, number formats, frozen header, filter, status colours."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    header_font, header_fill = Font(bold=True), _fill("#DDE4EE")
    ws.append([c.header for c in cols])
    for cell in ws[1]:
        cell.font, cell.fill = header_font, header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ws.row_dimensions[1].height = 2 * LINE_PT + 4  # two lines: 落后（百分点） wraps in its narrow column
    for r in rows:
        append_text_safe(ws, [c.get(r) for c in cols])
    last = len(rows) + 1
    top, wrap = Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
    for j, c in enumerate(cols, start=1):
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = c.width
        ws.column_dimensions[letter].hidden = c.kind == "hidden"
        fmt = {"pct": "0.0%", "pts": "0.0", "int": "0"}.get(c.kind)
        for (cell,) in ws.iter_rows(min_row=2, max_row=last, min_col=j, max_col=j):
            cell.alignment = wrap if c.kind == "wrap" else top
            if fmt:
                cell.number_format = fmt
        if c.kind == "status":
            _status_rules(ws, f"{letter}2:{letter}{last + spare_rows}")
    _fit_rows(ws, cols, last)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(last, 2)}"
    _print_setup(ws)


def append_text_safe(ws: Any, values: list[Any]) -> None:
    """Append a row; text a spreadsheet would run as a formula (a task printed as =HYPERLINK(…))
    is stored as text, marked so that editing the cell in Excel or WPS keeps it text."""
    ws.append(values)
    for j, v in enumerate(values, start=1):
        if formula_like(v):
            cell = ws.cell(ws.max_row, j)
            cell.data_type, cell.quotePrefix = "s", True


def _text_width(text: str) -> int:
    # a CJK character takes two columns of Excel's width unit, Latin letters and digits one
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _fit_rows(ws: Any, cols: tuple[Column, ...], last: int, max_lines: int = MAX_LINES) -> None:
    """Row heights for the wrapped text: Excel and WPS do not grow rows of a generated file."""
    import math

    wrapped = [(j, c.width) for j, c in enumerate(cols, start=1) if c.kind == "wrap"]
    if not wrapped:
        return
    for i, row in enumerate(ws.iter_rows(min_row=2, max_row=last), start=2):
        lines = 1
        for j, width in wrapped:
            v = row[j - 1].value
            if isinstance(v, str) and v:
                n = sum(max(1, math.ceil(_text_width(part) / max(width - 1, 1))) for part in v.split("\n"))
                lines = max(lines, n)
        ws.row_dimensions[i].height = LINE_PT * min(lines, max_lines) + 3


def _print_setup(ws: Any) -> None:
    """Printed: landscape A4, one page wide, the header row on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _review_rows(data: Any, tasks: pd.DataFrame, overrides: Path) -> list[Any]:
    """The doubtful tasks, and every task with a recorded decision (a researcher's own additions
    included, so importing the sheet again changes nothing): open ones first, in report order."""
    decided = {t: (STATUS_ZH[r["value"]], r["note"]) for t, r in
               recorded_decisions(data.period.code, overrides, data.tasks).items()}
    rv = tasks[tasks["needs_review"] | tasks["disagrees"] | tasks["settled"] | tasks["task_id"].isin(list(decided))]
    rv = rv.assign(_t=rv["table"].map({"quantified": 0, "general": 1}).fillna(2))
    rv = rv.sort_values(["settled", "_t", "seq"]).drop(columns="_t")
    rv = rv.assign(correction=[decided.get(t, (None, None))[0] for t in rv["task_id"]],
                   correction_note=[decided.get(t, (None, None))[1] or None for t in rv["task_id"]])
    return list(rv.itertuples(index=False))


def _add_dropdown(ws: Any, col: int, first: int, last: int) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation


    names = ",".join(STATUS_ZH[s] for s in STATUSES)
    dv = DataValidation(type="list", formula1=f'"{names}"', allow_blank=True, showDropDown=False,
                        showErrorMessage=True, errorTitle="状态", error=f"请选择：{names}",
                        promptTitle=CORRECTION, prompt="选择更正后的状态；留空表示不更正", showInputMessage=True)
    letter = get_column_letter(col)
    dv.add(f"{letter}{first}:{letter}{last}")
    ws.add_data_validation(dv)


def build_workbook(data: Any, overrides: Path = paths.OVERRIDES_CSV, ahead_margin: float | None = None) -> Any:
    """The ledger of one period (helpers.report.briefing.PeriodData) as an openpyxl Workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from helpers.report.briefing import behind_tasks, bureau_scoreboard, evidence_sentence, status_counts_zh

    margin = ahead_margin if ahead_margin is not None else data.ahead_margin  # the table's own
    tasks = _task_frame(data)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEETS[0]
    _write_sheet(ws, list(tasks.itertuples(index=False)), task_columns(tasks))

    behind = behind_tasks(tasks)
    behind = behind.assign(evidence_sentence=[evidence_sentence(e, p, 300) for e, p in zip(behind["evidence"], behind["progress"])])
    _write_sheet(wb.create_sheet(SHEETS[1]), list(behind.itertuples(index=False)), BEHIND_COLS)

    ws = wb.create_sheet(REVIEW_SHEET)
    rows = _review_rows(data, tasks, overrides)
    _write_sheet(ws, rows, REVIEW_COLS, spare_rows=SPARE_ROWS)
    col = [c.header for c in REVIEW_COLS].index(CORRECTION) + 1
    _add_dropdown(ws, col, 2, len(rows) + 1 + SPARE_ROWS)
    for j in (col, col + 1):  # the columns to fill in stand out
        for (cell,) in ws.iter_rows(min_row=1, max_row=1, min_col=j, max_col=j):
            cell.fill = _fill("#FFE699")

    board = bureau_scoreboard(data.tasks)
    board = board.assign(tied=board["rank"].duplicated(keep=False) & board["rank"].notna()) \
        if "rank" in board else board
    _write_sheet(wb.create_sheet(SHEETS[3]), list(board.itertuples(index=False)), BOARD_COLS)

    sectors = status_counts_zh(data.tasks)
    cols = tuple(Column(str(h), 18 if h == "领域" else 8, (lambda i: lambda r: r[i])(i), "text" if h == "领域" else "int")
                 for i, h in enumerate(sectors.columns))
    _write_sheet(wb.create_sheet(SHEETS[4]), list(sectors.itertuples(index=False)), cols)

    ws = wb.create_sheet(SHEETS[5])
    ws.append(["项目", "内容"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for k, v in _about_rows(data, overrides, margin):
        append_text_safe(ws, [k, v])
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 26, 100
    for (a, b) in ws.iter_rows(min_row=2):
        a.alignment, b.alignment = Alignment(vertical="top"), Alignment(vertical="top", horizontal="left", wrap_text=True)
    ws.freeze_panes = "A2"
    _fit_rows(ws, (Column("项目", 26, str), Column("内容", 100, str, "wrap")), ws.max_row)
    _print_setup(ws)
    return wb


def ledger_key(folder: Path, overrides: Path, ahead_margin: float | None) -> str:
    """Hash of what the ledger shows: the tables, quality.json, the overrides, the code drawing it."""
    here = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(LAYOUT.encode())
    for p in (folder / "tasks.parquet", folder / "indicators.parquet", folder / "quality.json", Path(overrides),
              folder / "changes.parquet", paths.WARNING_LEVELS_CSV, here / "deliver" / "ledger.py",
              here / "deliver" / "corrections.py", here / "judge" / "review.py", *sorted((here / "report").glob("*.py")), here / "compare" / "chain.py"):
        h.update((sha256(p) or "-").encode())
    h.update(json.dumps(ahead_margin).encode())
    return h.hexdigest()


def write_ledger(period: str, processed_dir: Path | str | None = None, out: Path | str | None = None,
                 overrides: Path = paths.OVERRIDES_CSV, ahead_margin: float | None = None,
                 force: bool = False) -> tuple[Path, bool]:
    """Write the period's ledger atomically; return (path, written). Unchanged inputs → not rewritten.

    A ledger a person added to (a note, a column, a sheet, an edited cell: anything but the
    corrections 待复核 asks for) is never written over: the new one goes beside it. A ledger holding
    corrections filled in but not imported is not overwritten (InputError saying so) unless
    `force`: their work would be lost.
    """
    from helpers.period import parse_code

    per = parse_code(period)
    folder = Path(processed_dir) if processed_dir else paths.processed_dir(per.code)
    path = Path(out) if out else paths.ledger_path(per.code)
    key = ledger_key(folder, overrides, ahead_margin)
    if path.exists() and recorded_key(path) == key:
        return path, False
    dest = target(path, key)
    if dest != path and dest.exists() and recorded_key(dest) == key:
        return dest, False
    if dest == path and path.exists() and not force:
        _refuse_unimported(path, per.code, overrides)
    from openpyxl.packaging.custom import StringProperty

    from helpers.report.briefing import load_period

    wb = build_workbook(load_period(per.code, folder), overrides, ahead_margin)
    wb.custom_doc_props.append(StringProperty(name=KEY_PROPERTY, value=key))
    wb.custom_doc_props.append(StringProperty(name=CONTENT_PROPERTY, value=content_digest(wb)))
    with atomic_path(dest) as tmp:
        wb.save(tmp)
    return dest, True


def _refuse_unimported(path: Path, period: str, overrides: Path) -> None:
    """Raise InputError when `path` holds 更正状态 entries a researcher made after it was written
    (they differ from the hidden 已记录状态 column) and overrides.csv does not have them yet."""

    try:
        _, rows = read_corrections(path, period)
    except InputError as e:
        raise InputError(path, f"not overwritten: it holds corrections that cannot be imported ({e.problem}); "
                               "fix them and import, or pass --force") from None
    decided = recorded_decisions(period, overrides)
    new = [r["task_id"] for r in rows if r["recorded"] != r["value"]
           and decided.get(r["task_id"], {}).get("value") != r["value"]]
    if new:
        raise InputError(path, f"not overwritten: {len(new)} correction(s) filled in here are not imported yet "
                               f"({', '.join(new[:5])}{', …' if len(new) > 5 else ''}); run "
                               f"`python -m helpers review import {path}` first, or pass --force")
