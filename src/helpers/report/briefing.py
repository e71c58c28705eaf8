"""What a briefing notebook imports: the period's data, its facts, its tables and how to show them.

The work is done in modules of one idea each: loading (helpers.report.loading), figures
(figures), formatting (formatting), the Chinese tables and their layout (tables), the facts a
page's sentences are filled from (facts), finished sentences for the research notebooks
(sentences) and display in a notebook (display). This module gathers their public names so a
notebook needs one import; code elsewhere imports from the module that owns a name.
"""

from __future__ import annotations

from pathlib import Path
from contextlib import contextmanager
from typing import Any, Callable, Iterator

import pandas as pd
from IPython.display import HTML, display

from helpers.compare import chain
from helpers.report import changes as changes_zh
from helpers.report import charts, wording
from helpers.report.facts import Facts, bureau_facts, city_facts
from helpers.report.outline import FACTS_KEY
from helpers.report.display import (OPTIONAL_WIDTHS, TABLE_CLASS, Sections, figures_html, fit_widths,
                                    show_headline, show_list, show_table, show_text, table_html)
from helpers.report.figures import (ATTENTION_ORDER, MEASURED, ON_PACE_OR_BETTER, Headline, behind_tasks,
                                    bureau_scoreboard, bureau_tasks, has_completions, headline,
                                    indicators_table, method_counts, status_counts, tie_ranks)
from helpers.plaintext import DASH, TABLE_ZH, fmt_pct, fmt_pts, task_ref, truncate
from helpers.report.formatting import (CORRECTED, MATCH_HEADERS_ZH, MATCH_ZH, OFFICIAL_ZH, corrected_zh, esc,
                                       evidence_sentence, fmt_quantity, has_official, official_zh, rank_label)
from helpers.report.loading import PeriodData, load_period, table_pace
from helpers.report.sentences import (BUREAU_NOTE, behind_sentence, bureau_notes, bureau_sentence,
                                      coverage_sentence, headline_sentence, method_notes, pace_sentence,
                                      quality_notes, rank_sentence, renamed_notes, review_notes,
                                      unranked_sentence)
from helpers.report.tables import (behind_zh, bureau_figures, bureau_qualitative_zh, bureau_tasks_zh, bureau_vs_city,
                                   counts_frame, indicators_zh, quality_frame, scoreboard_zh,
                                   status_counts_zh, LAYOUTS)

__all__ = [
    "ATTENTION_ORDER", "BUREAU_NOTE", "MATCH_HEADERS_ZH", "MATCH_ZH", "Page", "city_page", "bureau_page", "Facts", "CORRECTED", "DASH", "Headline", "MEASURED", "OFFICIAL_ZH",
    "ON_PACE_OR_BETTER", "OPTIONAL_WIDTHS", "PeriodData", "Sections", "TABLE_CLASS", "TABLE_ZH",
    "behind_sentence", "behind_tasks", "behind_zh", "bureau_notes", "bureau_qualitative_zh",
    "bureau_figures", "bureau_scoreboard", "bureau_sentence", "bureau_tasks", "bureau_tasks_zh", "bureau_vs_city",
    "corrected_zh", "counts_frame", "coverage_sentence", "esc", "evidence_sentence", "figures_html",
    "fit_widths", "fmt_pct", "fmt_pts", "fmt_quantity", "has_completions", "has_official", "headline",
    "headline_sentence", "indicators_table", "indicators_zh", "load_period", "method_counts",
    "method_notes", "official_zh", "pace_sentence", "quality_frame", "quality_notes", "rank_label",
    "rank_sentence", "renamed_notes", "review_notes", "scoreboard_zh", "show_headline", "show_list",
    "show_table", "show_text", "status_counts", "status_counts_zh", "table_html", "table_pace",
    "task_ref", "tie_ranks", "truncate", "unranked_sentence",
]


# --------------------------------------------------------------------------------------------
# a briefing page: the notebook writes the words, the package supplies facts and tables


def _changes_table(page: "Page") -> pd.DataFrame | None:
    changes = page.data.changes
    if changes is None or page.facts["no_match"]:
        return None  # nothing compared: an empty list would read as "nothing changed"
    if page.bureau is None:
        return changes_zh.change_list_zh(changes, (*changes_zh.ATTENTION, "recovered"))
    mine = changes_zh.change_list_zh(chain.bureau_changes(changes, page.bureau))
    return mine if len(mine) else None


def _shares_table(page: "Page") -> pd.DataFrame | None:
    if page.facts["no_match"]:
        return None
    shares = chain.load_shares(page.data.period.code, page.data.folder)
    return None if shares is None else changes_zh.sector_shares_zh(shares)


def _indicators(page: "Page") -> pd.DataFrame | None:
    if not page.tasks["table"].eq("quantified").any():  # only reports with a quantified table (附件1)
        return None
    return indicators_zh(indicators_table(page.data, table="quantified"))


def _qualitative(page: "Page") -> pd.DataFrame | None:
    rows = bureau_qualitative_zh(page.tasks, page.bureau)
    return rows if len(rows) else None


def _scoreboard(page: "Page") -> pd.DataFrame:
    board = bureau_scoreboard(page.tasks)
    return scoreboard_zh(board[board["measured"] > 0], page.pace)


#: The tables a page can show, by name: each builds its frame (None: the table does not apply to
#: this report, and nothing is shown); its layout is tables.LAYOUTS[name].
TABLES: dict[str, Callable[["Page"], pd.DataFrame | None]] = {
    "bureau_figures": lambda p: bureau_figures(p.tasks, p.bureau),
    "bureau_vs_city": lambda p: bureau_vs_city(p.tasks, p.bureau),
    "bureau_tasks": lambda p: bureau_tasks_zh(p.tasks, p.bureau),
    "qualitative": _qualitative,
    "behind": lambda p: behind_zh(p.tasks) if p.facts["behind_listed"] else None,
    "changes": _changes_table,
    "sector_shares": _shares_table,
    "indicators": _indicators,
    "scoreboard": _scoreboard,
}

#: The charts a page can show, by name, with their alt text; None: nothing to draw for this report.
CHARTS: dict[str, tuple[Callable[["Page"], Any], str]] = {
    "status_by_sector": (lambda p: charts.status_by_sector(p.tasks), "各领域重点工作进度状态"),
    "completion": (lambda p: charts.completion_vs_pace(p.tasks, p.pace, p.data.ahead_margin)
                   if has_completions(p.tasks) else None, "可量化任务的完成度"),
    "bureau_status": (lambda p: charts.bureau_vs_city_shares(p.tasks, p.bureau, city=False), "本单位的进度状态构成"),
    "bureau_vs_city": (lambda p: charts.bureau_vs_city_shares(p.tasks, p.bureau), "本单位与全市的进度状态构成"),
}


class Page:
    """One briefing page: its data, its facts, and showing the sentences, tables and charts the
    notebook asks for. Sentences are the notebook's templates (helpers.report.facts)."""

    def __init__(self, data: PeriodData, bureau: str | None = None):
        self.data, self.bureau = data, bureau
        self.tasks, self.pace = data.tasks, data.period.pace
        # a unit that leads nothing fails here, in bureau_facts, naming similar units
        self.facts: Facts = city_facts(data) if bureau is None else bureau_facts(data, bureau)

    def text(self, template: str, *, when: str | None = None, otherwise: str | None = None,
             year_end: str | None = None) -> str:
        """The template filled: `year_end` replaces it at the year's end; when the fact `when` is
        zero or empty, `otherwise` is used (or nothing)."""
        if year_end is not None and self.facts["year_end"]:
            template = year_end
        if when is not None:
            self.facts.fill("{" + when + "}")  # a condition naming no fact fails like a blank
            if self.facts[when] in (None, "", 0, False):
                template = otherwise or ""
        return self.facts.fill(template) if template else ""

    def say(self, template: str, **kw: Any) -> None:
        """Show the filled template as a paragraph (nothing when it comes out empty)."""
        show_text(self.text(template, **kw))

    def title(self, template: str) -> None:
        """Show the page's title, a template (e.g. {bureau} {label}重点工作落实情况)."""
        # the facts ride along, unseen, for the markdown headings that name them (helpers.report.outline)
        display(HTML(f"<h1>{esc(self.text(template))}</h1>"), metadata={FACTS_KEY: dict(self.facts)})

    def caption(self, template: str, **kw: Any) -> None:
        show_text(self.text(template, **kw), tag="figcaption")

    @contextmanager
    def notes(self) -> Iterator[Callable[..., None]]:
        """A bullet list: `with page.notes() as note:` then `note(template, when=…, year_end=…)` per
        item (the arguments of `say`); items that come out empty are left out."""
        items: list[str] = []
        yield lambda template, **kw: items.append(self.text(template, **kw))
        show_list([i for i in items if i])

    def key_figures(self, as_of: str | None = None) -> None:
        """The row of key figures (tasks, measured, behind, completed, share, warnings)."""
        f = self.facts
        cells = [("重点工作", f"{f['n']}项"), ("可量化评估", f"{f['measured']}项"),
                 (f["behind_short"], f"{f['behind']}项"), ("已完成", f"{f['completed']}项"),
                 (wording.good_short(self.pace), f["share"] or DASH), ("预警", f"{f['warned']}项")]
        lead = f'<p class="as-of">数据截至：{esc(as_of)}</p>' if as_of else ""
        display(HTML(lead + figures_html(cells)))

    def table(self, name: str) -> None:
        """Show the table `name` (TABLES) laid out as tables.LAYOUTS says; nothing when it does not apply."""
        frame = TABLES[name](self)
        if frame is not None:
            layout = LAYOUTS[name]
            show_table(frame, widths=layout.shares(list(frame.columns)), numeric=layout.numeric,
                       empty=layout.empty)

    def chart(self, name: str) -> None:
        """Show the chart `name` (CHARTS); nothing when there is nothing to draw."""
        build, alt = CHARTS[name]
        fig = build(self)
        if fig is not None:
            charts.show(fig, alt=alt)


def city_page(period: str, processed_dir: str | Path | None = None) -> Page:
    """The city briefing's page of `period`."""
    return Page(load_period(period, processed_dir))


def bureau_page(period: str, bureau: str, processed_dir: str | Path | None = None) -> Page:
    """A lead unit's briefing page of `period`."""
    return Page(load_period(period, processed_dir), bureau)
