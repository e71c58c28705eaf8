"""Showing a briefing's pieces in a notebook: escaped HTML tables, paragraphs, lists, key figures.

Every piece of text taken from the report is escaped here, because the batch exports the
notebooks' outputs as HTML.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

import pandas as pd
from IPython.display import HTML, display

from helpers.report import warning_levels, wording
from helpers.report.figures import Headline
from helpers.report.formatting import OFFICIAL_ZH, esc
from helpers.plaintext import DASH, fmt_pct
from helpers.report.sentences import headline_sentence
from helpers.errors import SchemaError
from helpers.messages import say
from helpers.statuses import STATUS_ZH

#: Columns some reports add to a table, with their width share (%) when the notebook's widths omit them.
OPTIONAL_WIDTHS = {OFFICIAL_ZH: 13.0, warning_levels.HEADER: 7.0}


#: CSS class put on every table the notebooks display (the print template styles it).
TABLE_CLASS = "briefing-table"

class Sections:
    """Numbers the briefing's sections as they are shown (一、二、…), so a section left out for a
    table the report does not have leaves no gap."""

    NUMERALS = "一二三四五六七八九十"

    def __init__(self) -> None:
        self.n = 0

    def title(self, text: str) -> str:
        self.n += 1
        return f"{self.NUMERALS[self.n - 1]}、{text}"

    def show(self, text: str) -> None:
        show_text(self.title(text), tag="h2")


def table_html(df: pd.DataFrame, widths: Sequence[float] | None = None, classes: str = "",
               numeric: Iterable[str] = ()) -> str:
    """`df` as an escaped HTML table with the briefing class; `widths` are column shares in %.

    Body cells of the columns named in `numeric` get the class `num` (right-aligned in print);
    their headers do not, so a long header wraps instead of running into the next column.
    """
    out = df.to_html(escape=True, index=False, border=0, na_rep=DASH,
                     classes=" ".join(c for c in (TABLE_CLASS, classes) if c))
    if widths:
        widths = fit_widths(df, widths)
        cols = "".join(f'<col style="width:{w:g}%">' for w in widths)
        out = re.sub(r"(<table[^>]*>)", rf"\1<colgroup>{cols}</colgroup>", out, count=1)
    # pandas right-aligns the header row inline; leave alignment to the print template
    out = out.replace('<tr style="text-align: right;">', "<tr>")
    numeric = set(numeric)
    if numeric:
        # to_html has no per-column class; mark the cells of numeric columns by position
        idx = [i for i, c in enumerate(df.columns) if c in numeric]
        rows = out.split("<tr")
        for r, row in enumerate(rows):
            cells = re.split(r"(<td[ >])", row)
            k = -1
            for j in range(1, len(cells), 2):
                k += 1
                if k in idx:
                    cells[j] = cells[j][:3] + ' class="num"' + cells[j][3:]
            rows[r] = "".join(cells)
        out = "<tr".join(rows)
    return out


def fit_widths(df: pd.DataFrame, widths: Sequence[float]) -> list[float]:
    """`widths` for the columns of `df`, given for its columns without the optional ones
    (OPTIONAL_WIDTHS, e.g. 原文状态, present only for some reports): those get their share at
    their place and the others shrink in proportion, so the total stays the same."""
    widths = list(widths)
    extra = [c for c in df.columns if c in OPTIONAL_WIDTHS]
    if len(widths) != len(df.columns) - len(extra) or not extra:
        return widths
    total = sum(widths)
    scale = (total - sum(OPTIONAL_WIDTHS[c] for c in extra)) / total
    it = iter(w * scale for w in widths)
    return [round(OPTIONAL_WIDTHS[c] if c in OPTIONAL_WIDTHS else next(it), 2) for c in df.columns]


def show_table(df: pd.DataFrame, widths: Sequence[float] | None = None, classes: str = "",
               numeric: Iterable[str] = (), empty: str = "无。") -> None:
    """Display `df` as an escaped HTML table; `empty` (plain text) when it has no rows."""
    if df.empty:
        display(HTML(f"<p>{esc(empty)}</p>"))
    else:
        display(HTML(table_html(df, widths=widths, classes=classes, numeric=numeric)))


def show_text(*paragraphs: str, tag: str = "p") -> None:
    """Display plain-text paragraphs, escaped, each in its own <p> (or `tag`)."""
    display(HTML("".join(f"<{tag}>{esc(p)}</{tag}>" for p in paragraphs if p)))


def show_list(items: Iterable[str], empty: str = "无。") -> None:
    """Display plain-text items as an escaped bullet list."""
    items = [i for i in items if i]
    if not items:
        display(HTML(f"<p>{esc(empty)}</p>"))
    else:
        display(HTML("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"))


def figures_html(cells: Sequence[tuple[str, str]]) -> str:
    """A row of key figures (label, value), escaped, as one table the print template can style."""
    tds = "".join(
        f'<td><div class="figure-value">{esc(v)}</div><div class="figure-label">{esc(k)}</div></td>'
        for k, v in cells
    )
    return f'<table class="{TABLE_CLASS} key-figures"><tr>{tds}</tr></table>'


def show_headline(h: Headline, label: str, who: str = "全市", as_of: str | None = None) -> None:
    """Display the key figures and the headline sentence (with the as-of date when given)."""
    if h.pace is None:
        raise SchemaError(say("display.no_tasks", who=who))
    pace = h.pace
    cells = [
        ("重点工作", f"{h.tasks}项"),
        ("可量化评估", f"{h.measured}项"),
        (wording.behind_short(pace), f"{h.behind}项"),
        (STATUS_ZH["completed"], f"{h.completed}项"),
        (wording.good_short(pace), fmt_pct(h.share_on_pace_or_better)),
    ]
    lead = f"<p class=\"as-of\">数据截至：{esc(as_of)}</p>" if as_of else ""
    display(HTML(lead + figures_html(cells) + f"<p class=\"headline\">{esc(headline_sentence(h, label, who))}</p>"))
