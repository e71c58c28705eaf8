"""helpers.report.page_data: the unit-safe tables and charts are ones the page can show."""

from __future__ import annotations

from helpers.report import briefing, page_data


def test_the_unit_safe_names_are_tables_and_charts_of_the_page():
    # a renamed table left in UNIT_TABLES would silently key its pages on the whole table again
    assert page_data.UNIT_TABLES <= set(briefing.TABLES)
    assert page_data.UNIT_CHARTS <= set(briefing.CHARTS)


def test_a_units_page_shows_the_same_when_another_units_status_is_corrected(seed_table):
    """Each unit page once printed the city's counts and the unit's rank, so one corrected status
    made 45 pages stale. What the page shows (its facts, its unit-safe tables) now comes from
    its own rows: another unit's corrected status leaves it as it was, its own changes it."""
    from dataclasses import replace

    from helpers.report.loading import load_period

    data = load_period(seed_table.quality.period, seed_table.out_dir)
    tasks = data.tasks
    units = tasks["bureau"].value_counts()
    a, b = units.index[0], units.index[1]
    row = tasks.index[tasks["bureau"].eq(a) & tasks["status"].ne("behind")][0]
    corrected = replace(data, tasks=tasks.assign(status=tasks["status"].where(tasks.index != row, "behind")))

    def shown(d, unit):
        page = briefing.Page(d, unit)
        frames = {name: briefing.TABLES[name](page) for name in sorted(page_data.UNIT_TABLES)}
        return dict(page.facts), {k: None if f is None else f.to_dict("list") for k, f in frames.items()}

    assert shown(corrected, b) == shown(data, b)
    facts, frames = shown(corrected, a)
    assert facts["behind"] == shown(data, a)[0]["behind"] + 1
    assert frames["bureau_figures"] != shown(data, a)[1]["bureau_figures"]
    assert not {"rank", "ranked", "city_share"} & set(facts)  # no city figure on a unit's page
