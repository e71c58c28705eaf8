"""The ledger's workbook drawn with openpyxl: the sheets of helpers.deliver.ledger_columns filled
from one period's tables, styled for Excel and WPS (status colours, a drop-down for corrections,
wrapped text with grown rows, landscape print).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from helpers import paths
from helpers.compare import chain
from helpers.deliver.corrections import CORRECTION, NOTE, REVIEW_SHEET, TASK_ID
from helpers.deliver.ledger_columns import (Column, behind_cols, board_cols, review_cols, sheet_names,
                                            task_columns)
from helpers.deliver.corrections import recorded_decisions
from helpers.files import formula_like
from helpers.identity import task_keys
from helpers.judge import review
from helpers.provenance import sha256_if_file as sha256
from helpers.report import wording
from helpers.report.changes import changes_sentence, no_comparison_sentence
from helpers.report.figures import behind_tasks, bureau_scoreboard, headline
from helpers.report.formatting import evidence_sentence
from helpers.plaintext import fmt_pct
from helpers.report.loading import PeriodData
from helpers.report.sentences import method_notes
from helpers.report.tables import status_counts_zh
from helpers.statuses import STATUS_COLORS, STATUSES

#: Rows of 待复核 below the listed tasks that keep the drop-down, for tasks a researcher adds.
SPARE_ROWS = 200
#: Height of one wrapped line (points) and the most lines a row grows to (longer text scrolls in the cell).
LINE_PT, MAX_LINES = 14.5, 12


# --------------------------------------------------------------------------------------------
# frames behind the sheets


def task_frame(data: PeriodData) -> pd.DataFrame:
    """Every task with review flags, disagreement and settled state (report order)."""
    rv = review.review_table(data.tasks)
    t = data.tasks.drop(columns=[c for c in ("needs_review", "review_reason") if c in data.tasks.columns])
    t = t.join(review.review_flags(data.tasks))
    t = t.assign(disagrees=review.disagrees(t), settled=review.settled(t))
    t["reasons_zh"] = [rv.at[i, "reasons_zh"] if i in rv.index else [] for i in t.index]
    t["task_key"] = task_keys(t["task"], t["bureau"])
    return t


def _comparison_line(period: str, folder: Path) -> str:
    """What the briefings say was compared with the earlier period (比对了N项中的M项, or no comparison)."""
    changes = chain.load_changes(period, folder)
    return no_comparison_sentence(period) if changes is None else changes_sentence(changes)


def _about_rows(data: PeriodData, overrides: Path, ahead_margin: float) -> list[tuple[str, Any]]:
    """The 说明 sheet: the period, its yardstick and margin, the counts, the method and the files."""
    q, folder, pace = data.quality, Path(data.folder), data.period.pace
    h = headline(data.tasks)
    c = review.counts(data.tasks)
    src = q.source_file if q else None
    src_path = paths.resolve(src)  # quality.json names it from the project root (data/raw/…)
    rows: list[tuple[str, Any]] = [
        ("期间", data.label), ("期间代码", data.period.code), ("期末", str(data.period.end)),
        (wording.yardstick(pace), fmt_pct(pace, 1)), ("超序时幅度", wording.margin_text(pace, ahead_margin)),
        ("原文标题", q.title if q else None), ("任务数", h.tasks),
        ("可量化评估", f"{h.measured}项（{fmt_pct(h.measured / h.tasks if h.tasks else None)}）"),
        ("需人工复核（未核定）", c["review_open"]), ("与原文完成状态不一致（未核定）", c["disagree_open"]),
        ("经人工核定", c["overridden"]), ("较上期比较", _comparison_line(data.period.code, folder)),
    ]
    rows += [(f"判断方法{i}", n) for i, n in enumerate(method_notes(pace, ahead_margin, data.label), 1)]
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


def _review_rows(data: PeriodData, tasks: pd.DataFrame, overrides: Path) -> list[Any]:
    """The doubtful tasks, and every task with a recorded decision (a researcher's own additions
    included, so importing the sheet again changes nothing): open ones first, in report order."""
    decided = {t: (r["value"], r["note"]) for t, r in
               recorded_decisions(data.period.code, overrides, data.tasks).items()}
    rv = tasks[tasks["needs_review"] | tasks["disagrees"] | tasks["settled"] | tasks["task_id"].isin(list(decided))]
    rv = rv.assign(_t=rv["table"].map({"quantified": 0, "general": 1}).fillna(2))
    rv = rv.sort_values(["settled", "_t", "seq"]).drop(columns="_t")
    rv = rv.assign(correction=[decided.get(t, (None, None))[0] for t in rv["task_id"]],
                   correction_note=[decided.get(t, (None, None))[1] or None for t in rv["task_id"]])
    return list(rv.itertuples(index=False))


# --------------------------------------------------------------------------------------------
# styling


def _fill(hex_color: str) -> PatternFill:
    c = hex_color.lstrip("#").upper()
    return PatternFill(start_color=c, end_color=c, fill_type="solid")


def _dark(hex_color: str) -> bool:
    r, g, b = (int(hex_color.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return 0.299 * r + 0.587 * g + 0.114 * b < 150


def _status_rules(ws: Any, ref: str, pace: float) -> None:
    """Colour status cells by their value (conditional, so a status typed in later is coloured too)."""
    for code, color in STATUS_COLORS.items():
        font = Font(color="FFFFFF" if _dark(color) else "000000")
        name = wording.status_zh(code, pace)
        ws.conditional_formatting.add(ref, CellIsRule(operator="equal", formula=[f'"{name}"'],
                                                      fill=_fill(color), font=font))


def _text_width(text: str) -> int:
    # a CJK character takes two columns of Excel's width unit, Latin letters and digits one
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _fit_rows(ws: Any, cols: tuple[Column, ...], last: int, max_lines: int = MAX_LINES) -> None:
    """Row heights for the wrapped text: Excel and WPS do not grow rows of a generated file."""
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


def _header_row(ws: Any, cols: tuple[Column, ...]) -> None:
    ws.append([c.header for c in cols])
    header_font, header_fill = Font(bold=True), _fill("#DDE4EE")
    for cell in ws[1]:
        cell.font, cell.fill = header_font, header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ws.row_dimensions[1].height = 2 * LINE_PT + 4  # two lines: 落后（百分点） wraps in its narrow column


def _write_sheet(ws: Any, rows: list[Any], cols: tuple[Column, ...], pace: float, spare_rows: int = 0) -> None:
    """Header, rows, widths, wrapping, number formats, frozen header, filter, status colours."""
    _header_row(ws, cols)
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
            _status_rules(ws, f"{letter}2:{letter}{last + spare_rows}", pace)
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


def _add_dropdown(ws: Any, col: int, first: int, last: int, pace: float) -> None:
    names = ",".join(wording.status_names(pace)[s] for s in STATUSES)
    dv = DataValidation(type="list", formula1=f'"{names}"', allow_blank=True, showDropDown=False,
                        showErrorMessage=True, errorTitle="状态", error=f"请选择：{names}",
                        promptTitle=CORRECTION, prompt="选择更正后的状态；留空表示不更正", showInputMessage=True)
    letter = get_column_letter(col)
    dv.add(f"{letter}{first}:{letter}{last}")
    ws.add_data_validation(dv)


# --------------------------------------------------------------------------------------------
# the sheets


def _review_sheet(wb: Workbook, data: PeriodData, tasks: pd.DataFrame, overrides: Path) -> None:
    pace = data.period.pace
    ws = wb.create_sheet(REVIEW_SHEET)
    rows = _review_rows(data, tasks, overrides)
    cols = review_cols(pace)
    _write_sheet(ws, rows, cols, pace, spare_rows=SPARE_ROWS)
    col = [c.header for c in cols].index(CORRECTION) + 1
    _add_dropdown(ws, col, 2, len(rows) + 1 + SPARE_ROWS, pace)
    for j in (col, col + 1):  # the columns to fill in stand out
        for (cell,) in ws.iter_rows(min_row=1, max_row=1, min_col=j, max_col=j):
            cell.fill = _fill("#FFE699")


def _about_sheet(wb: Workbook, name: str, rows: list[tuple[str, Any]]) -> None:
    ws = wb.create_sheet(name)
    ws.append(["项目", "内容"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for k, v in rows:
        append_text_safe(ws, [k, v])
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 26, 100
    for (a, b) in ws.iter_rows(min_row=2):
        a.alignment, b.alignment = Alignment(vertical="top"), Alignment(vertical="top", horizontal="left", wrap_text=True)
    ws.freeze_panes = "A2"
    _fit_rows(ws, (Column("项目", 26, str), Column("内容", 100, str, "wrap")), ws.max_row)
    _print_setup(ws)


def build_workbook(data: PeriodData, overrides: Path = paths.OVERRIDES_CSV,
                   ahead_margin: float | None = None) -> Workbook:
    """The ledger of one period as an openpyxl Workbook, worded for the period's pace."""
    margin = ahead_margin if ahead_margin is not None else data.ahead_margin  # the table's own
    pace, names = data.period.pace, sheet_names(data.period.pace)
    tasks = task_frame(data)
    wb = Workbook()
    ws = wb.active
    ws.title = names[0]
    _write_sheet(ws, list(tasks.itertuples(index=False)), task_columns(tasks, pace), pace)
    behind = behind_tasks(tasks)
    behind = behind.assign(evidence_sentence=[evidence_sentence(e, p, 300)
                                              for e, p in zip(behind["evidence"], behind["progress"])])
    _write_sheet(wb.create_sheet(names[1]), list(behind.itertuples(index=False)), behind_cols(pace), pace)
    _review_sheet(wb, data, tasks, overrides)
    board = bureau_scoreboard(data.tasks)
    board = board.assign(tied=board["rank"].duplicated(keep=False) & board["rank"].notna()) \
        if "rank" in board else board
    _write_sheet(wb.create_sheet(names[3]), list(board.itertuples(index=False)), board_cols(pace), pace)
    sectors = status_counts_zh(data.tasks)
    cols = tuple(Column(str(h), 18 if h == "领域" else 8, (lambda i: lambda r: r[i])(i), "text" if h == "领域" else "int")
                 for i, h in enumerate(sectors.columns))
    _write_sheet(wb.create_sheet(names[4]), list(sectors.itertuples(index=False)), cols, pace)
    _about_sheet(wb, names[5], _about_rows(data, overrides, margin))
    return wb
