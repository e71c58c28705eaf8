"""Chinese numbers, magnitudes and units: the known traps."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers.judge.quantities import (approx_range, base_unit, find_quantities, fold_numerals, parse_number, parse_quantity,
                                      parse_range, parse_share, ratio)


def test_16_4_yi_is_exact():
    # a float product gives 1639999999.9999998; the report's figure must stay exact
    assert parse_number("16.4亿") == Decimal("1640000000")
    assert parse_number("16.4亿") != Decimal(16.4 * 10**8)


@pytest.mark.parametrize("text,expected", [
    ("两", 2), ("十二", 12), ("两千", 2000), ("一百二十", 120), ("十", 10),
    ("1.64万", 16400), ("4069.88亿", Decimal("406988000000")), ("3,205", 3205), ("-30.6", Decimal("-30.6")),
    ("约3427万", 34270000),
])
def test_parse_number(text, expected):
    assert parse_number(text) == Decimal(expected)


def test_units_are_converted_before_comparing():
    # Q34: 城镇新增就业3.1万人 against 1.64万人; Q06: 新增技能人才2万人 against 14826人
    target = parse_quantity("城镇新增就业3.1万人")
    actual = parse_quantity("完成城镇新增就业1.64万人")
    assert (target.value, target.unit) == (Decimal(31000), "人")
    assert (actual.value, actual.unit) == (Decimal(16400), "人")
    assert ratio(parse_quantity("14826人").value, parse_quantity("2万人").value) == pytest.approx(0.7413)


def test_person_times_is_not_persons():
    # 6500万人次 (visits) must not be compared with people
    q = parse_quantity("力争接待游客6500万人次")
    assert (q.value, q.unit) == (Decimal(65000000), "人次")
    assert q.unit != parse_quantity("2万人").unit


def test_range_keeps_both_ends():
    assert parse_range("争创国家级绿色工厂1-2家") == (Decimal(1), Decimal(2), "家")
    assert parse_range("170个以上") == (Decimal(170), Decimal(170), "个")


def test_chinese_numeral_counts_with_units():
    assert parse_quantity("两家").value == 2
    assert parse_quantity("十二个").value == 12


def test_enterprises_counted_as_hu_or_jia_compare():
    # Q21: target 160家, progress 159户
    assert base_unit("户") == base_unit("家")


def test_find_quantities_spans_point_at_the_text():
    text = "截至6月30日,全市新增技能人才14826人,完成年度任务的74.13%。"
    qs = find_quantities(text)
    assert [(q.value, q.unit) for q in qs] == [(Decimal(14826), "人"), (Decimal("74.13"), "%")]
    for q in qs:
        assert text[q.start:q.end] == q.raw


def test_square_km_beats_km():
    q = parse_quantity("新增治理面积91平方公里")
    assert q.unit == "平方公里"


def test_article_yi_is_not_a_count():
    assert find_quantities("开展一批项目,形成一项制度") == []


def test_not_a_number():
    with pytest.raises(ValueError):
        parse_number("若干")


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["万", "亿"]))
def test_magnitude_is_exact_multiplication(d, mag):
    text = f"{d:f}{mag}"
    assert parse_number(text) == d * (10**4 if mag == "万" else 10**8)


# ---------------------------------------------------------------------------------------------
# number forms of a share: 百分之 and 千分之 folded in place, fractions, multiples, halves

@pytest.mark.parametrize("text,figure", [
    ("完成年度计划的百分之六十二。", "62%"),
    ("婴儿死亡率为千分之三点五", "3.5‰"),
    ("群众满意度达到百分之百", "100%"),
    ("同比增长百分之十", "10%"),
])
def test_shares_in_words_of_a_hundred_fold_in_place(text, figure):
    folded = fold_numerals(text)
    assert len(folded) == len(text)  # every offset found in the folded text points into the printed one
    number = re.search(r"0*(?P<n>[\d.]+[%‰])", folded)
    assert number["n"] == figure
    assert folded[:number.start()] == text[:number.start()]


def test_a_word_that_is_no_numeral_stays():
    assert fold_numerals("提高2个百分点，占比百分之") == "提高2个百分点，占比百分之"


@pytest.mark.parametrize("word,value,low,high", [
    ("2/3", "0.667", "0.667", "0.667"), ("三分之二", "0.667", "0.667", "0.667"),
    ("1.2倍", "1.2", "1.2", "1.2"), ("两倍多", "2", "2", "2.1"), ("二点五倍", "2.5", "2.5", "2.5"),
    ("一半以上", "0.5", "0.5", "0.55"), ("半数以上", "0.5", "0.5", "0.55"), ("超过一半", "0.5", "0.5", "0.55"),
    ("近七成", "0.68", "0.65", "0.699"), ("八成半", "0.85", "0.83", "0.87"), ("四成多", "0.4", "0.4", "0.49"),
    ("近一半", "0.48", "0.45", "0.499"),
])
def test_share_words(word, value, low, high):
    share = parse_share(word)
    assert (share.value, share.low, share.high) == (Decimal(value), Decimal(low), Decimal(high))


def test_a_fraction_above_one_is_no_share():
    assert parse_share("5/3") is None


@pytest.mark.parametrize("text,value,unit", [
    ("新增返乡就业创业人员5.3万余人", 53000, "人"),  # the seed's wording
    ("上半年全市接待游客1680余万人次", 16800000, "人次"),
    ("达成销售额200余万元", 2000000, "元"),
])
def test_more_than_before_or_after_the_magnitude(text, value, unit):
    q = parse_quantity(text)
    assert (q.value, q.unit) == (Decimal(value), unit)
    assert approx_range(q, "") == (Decimal(value), Decimal(value) * Decimal("1.05"))


def test_an_approximation_after_the_unit_bounds_the_figure():
    q = parse_quantity("新建改建农村公路260公里以上")
    assert approx_range(q, "", "以上。") == (Decimal(260), Decimal(273))
    assert approx_range(q, "", "左右") is None  # rounded either way: the figure is the reading
