"""helpers.report.page_data: the unit-safe tables and charts are ones the page can show."""

from __future__ import annotations

from helpers.report import briefing, page_data


def test_the_unit_safe_names_are_tables_and_charts_of_the_page():
    # a renamed table left in UNIT_TABLES would silently key its pages on the whole table again
    assert page_data.UNIT_TABLES <= set(briefing.TABLES)
    assert page_data.UNIT_CHARTS <= set(briefing.CHARTS)
