"""What a briefing notebook imports: the period's data, its facts, its tables and how to show them.

The work is done in modules of one idea each: loading (helpers.report.loading), figures
(figures), formatting (formatting), the Chinese tables and their layout (tables), the facts a
page's sentences are filled from (facts), finished sentences for the research notebooks
(sentences) and display in a notebook (display). This module gathers their public names so a
notebook needs one import; code elsewhere imports from the module that owns a name.
"""

from __future__ import annotations

from helpers.report.display import (OPTIONAL_WIDTHS, TABLE_CLASS, Sections, figures_html, fit_widths,
                                    show_headline, show_list, show_table, show_text, table_html)
from helpers.report.figures import (ATTENTION_ORDER, MEASURED, ON_PACE_OR_BETTER, Headline, behind_tasks,
                                    bureau_scoreboard, bureau_tasks, has_completions, headline,
                                    indicators_table, method_counts, status_counts, tie_ranks)
from helpers.report.formatting import (CORRECTED, DASH, OFFICIAL_ZH, TABLE_ZH, corrected_zh, esc,
                                       evidence_sentence, fmt_pct, fmt_pts, fmt_quantity, has_official,
                                       official_zh, rank_label, task_ref, truncate)
from helpers.report.loading import PeriodData, load_period, table_pace
from helpers.report.sentences import (BUREAU_NOTE, behind_sentence, bureau_notes, bureau_sentence,
                                      coverage_sentence, headline_sentence, method_notes, pace_sentence,
                                      quality_notes, rank_sentence, renamed_notes, review_notes,
                                      unranked_sentence)
from helpers.report.tables import (behind_zh, bureau_qualitative_zh, bureau_tasks_zh, bureau_vs_city,
                                   counts_frame, indicators_zh, quality_frame, scoreboard_zh,
                                   status_counts_zh)

__all__ = [
    "ATTENTION_ORDER", "BUREAU_NOTE", "CORRECTED", "DASH", "Headline", "MEASURED", "OFFICIAL_ZH",
    "ON_PACE_OR_BETTER", "OPTIONAL_WIDTHS", "PeriodData", "Sections", "TABLE_CLASS", "TABLE_ZH",
    "behind_sentence", "behind_tasks", "behind_zh", "bureau_notes", "bureau_qualitative_zh",
    "bureau_scoreboard", "bureau_sentence", "bureau_tasks", "bureau_tasks_zh", "bureau_vs_city",
    "corrected_zh", "counts_frame", "coverage_sentence", "esc", "evidence_sentence", "figures_html",
    "fit_widths", "fmt_pct", "fmt_pts", "fmt_quantity", "has_completions", "has_official", "headline",
    "headline_sentence", "indicators_table", "indicators_zh", "load_period", "method_counts",
    "method_notes", "official_zh", "pace_sentence", "quality_frame", "quality_notes", "rank_label",
    "rank_sentence", "renamed_notes", "review_notes", "scoreboard_zh", "show_headline", "show_list",
    "show_table", "show_text", "status_counts", "status_counts_zh", "table_html", "table_pace",
    "task_ref", "tie_ranks", "truncate", "unranked_sentence",
]
