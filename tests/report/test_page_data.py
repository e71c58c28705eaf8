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


def _texts_rewritten(tasks, rows):
    """`tasks` with every TEXTS cell of `rows` (a boolean mask) replaced by other words."""
    out = tasks.copy()
    for col in sorted(page_data.TEXTS & set(out.columns)):
        out[col] = out[col].astype("object").where(~rows, "经核实，以市统计局最新数据为准。")
    return out


def test_the_aggregates_print_no_task_text(seed_table):
    """A research page is keyed on every column but the tasks' long texts while its notebook hands
    the tables only to AGGREGATES: each of them, run here, shows the same whatever the texts."""
    from dataclasses import replace

    from helpers.quality import read_quality
    from helpers.report import charts
    from helpers.report import briefing as b
    from helpers.report.loading import load_period

    data = load_period(seed_table.quality.period, seed_table.out_dir)
    q, pace = read_quality(data.folder), data.period.pace
    calls = {
        "headline": lambda d: b.headline(d.tasks), "status_counts": lambda d: b.status_counts(d.tasks),
        "status_counts_zh": lambda d: b.status_counts_zh(d.tasks),
        "bureau_scoreboard": lambda d: b.bureau_scoreboard(d.tasks), "method_counts": lambda d: b.method_counts(d.tasks),
        "indicators_table": lambda d: b.indicators_table(d, table=None), "counts_frame": lambda d: b.counts_frame(q, d.tasks),
        "quality_notes": lambda d: b.quality_notes(q, d.tasks),
        "status_by_sector": lambda d: charts.png_bytes(charts.status_by_sector(d.tasks)),
        "completion_vs_pace": lambda d: charts.png_bytes(charts.completion_vs_pace(d.tasks, pace, d.ahead_margin)),
        "bureau_status_heatmap": lambda d: charts.png_bytes(charts.bureau_status_heatmap(d.tasks)),
    }
    assert set(calls) == page_data.AGGREGATES  # a name added to AGGREGATES is run here too
    rewritten = replace(data, tasks=_texts_rewritten(data.tasks, data.tasks["task_id"].notna()))
    for name, call in calls.items():
        before, after = call(data), call(rewritten)
        same = before.equals(after) if hasattr(before, "equals") else before == after
        assert same, name


def test_the_city_page_shows_the_texts_of_the_behind_tasks_only(seed_table):
    """The city page is keyed on every column but TEXTS, and on the behind tasks' rows in full:
    what it shows (its facts, tables and charts) moves with a behind task's evidence only."""
    from dataclasses import replace

    from helpers.report import charts
    from helpers.report.loading import load_period

    data = load_period(seed_table.quality.period, seed_table.out_dir)
    behind = data.tasks["status"].eq("behind")

    def shown(tasks):
        page = briefing.Page(replace(data, tasks=tasks))
        frames = {n: briefing.TABLES[n](page) for n in sorted(page_data.CITY_TABLES)}
        figs = {n: briefing.CHARTS[n][0](page) for n in sorted(page_data.CITY_CHARTS)}
        return (dict(page.facts), {k: None if f is None else f.to_dict("list") for k, f in frames.items()},
                {k: None if f is None else charts.png_bytes(f) for k, f in figs.items()})

    shown_now = shown(data.tasks)
    assert shown(_texts_rewritten(data.tasks, ~behind)) == shown_now
    first_behind = behind & (behind.cumsum() == 1)
    assert shown(_texts_rewritten(data.tasks, first_behind))[1]["behind"] != shown_now[1]["behind"]
    # and the digests follow: the research pages' not at all, the city's for the behind task only
    base = page_data.page_digests(data.tasks, data.changes)
    other = page_data.page_digests(_texts_rewritten(data.tasks, ~behind), data.changes)
    listed = page_data.page_digests(_texts_rewritten(data.tasks, first_behind), data.changes)
    assert other == base and listed["research"] == base["research"] and listed["city"] != base["city"]
    row = data.tasks.index[~behind][0]
    status = page_data.page_digests(data.tasks.assign(status=data.tasks["status"].where(data.tasks.index != row, "behind")),
                                    data.changes)
    assert status["research"] != base["research"] and status["city"] != base["city"]
