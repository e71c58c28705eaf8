"""helpers.report.facts: the facts of a page and the filling of a researcher's templates."""

from __future__ import annotations

import pytest

from helpers.report import briefing as b
from helpers.report.facts import FactError, Facts


@pytest.fixture(scope="module")
def data(seed_table) -> b.PeriodData:
    return b.load_period("2024H1", seed_table.out_dir)


def test_a_missing_fact_is_named_with_the_facts_there_are() -> None:
    facts = Facts({"n": 25, "behind": 3})
    with pytest.raises(FactError) as e:
        facts.fill("本单位牵头重点工作{n}项，其中{behnd}项滞后")
    msg = str(e.value)
    assert "“{behnd}”不是本页的数据项" in msg and "可用的数据项有：behind、n" in msg


def test_a_template_written_wrongly_says_how() -> None:
    with pytest.raises(FactError, match="写法有误"):
        Facts({"n": 1}).fill("共{n项")


def test_optional_parts_drop_with_a_zero_or_empty_fact() -> None:
    facts = Facts({"n": 25, "behind": 0, "others": "", "joint": 2, "word": "滞后于序时进度"})
    t = "共{n}项[，其中{behind}项{word}][；另有{others}][；联合牵头{joint}项]。"
    assert facts.fill(t) == "共25项；联合牵头2项。"
    assert Facts({**facts, "behind": 3}).fill(t) == "共25项，其中3项滞后于序时进度；联合牵头2项。"


def test_bureau_facts_count_what_the_page_counts(data: b.PeriodData) -> None:
    t = data.tasks
    unit = t.loc[t["status"].eq("behind"), "bureau"].value_counts().index[0]
    f = b.Page(data, unit).facts
    own = t[t["bureau"].eq(unit)]
    assert f["n"] == len(own) and f["behind"] == int(own["status"].eq("behind").sum())
    assert f["warned"] == int(own["warning"].notna().sum())
    assert f["behind_word"] == "滞后于序时进度" and f["no_earlier"] is True
    text = b.Page(data, unit).text("{label}，{bureau}共有重点工作{n}项[，其中{behind}项{behind_word}]。")
    assert text == f"2024年上半年，{unit}共有重点工作{len(own)}项，其中{f['behind']}项滞后于序时进度。"


def test_a_condition_naming_no_fact_fails_like_a_blank(data: b.PeriodData) -> None:
    with pytest.raises(FactError, match="“{nothing}”"):
        b.Page(data).text("全市{n}项", when="nothing")
