"""Chinese numbers, magnitudes and units → exact values in a base unit.

Report figures mix Arabic digits, Chinese numerals and magnitudes (1.64万人, 16.4亿元, 两家,
十二个). Values are kept as Decimal so 16.4亿 is exactly 1,640,000,000 (a float product would
give 1639999999.9999998), and every quantity is brought to a base unit (万人 → 人, 亿元 → 元)
before two of them are compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal, InvalidOperation

import cn2an

MAGNITUDES: dict[str, int] = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 10**3, "百": 10**2}

#: Units a target or an actual value can be counted in, longest first so 平方公里 beats 公里.
UNITS: tuple[str, ...] = tuple(sorted((
    "人次", "亩次", "家次", "户次", "台次", "架次", "车次", "人", "个", "家", "户", "元", "美元", "亩", "公顷", "平方公里", "平方千米", "平方米", "公里", "千米",
    "米", "斤", "吨", "所", "条", "项", "套", "场", "次", "座", "台", "件", "处", "宗", "批次", "批",
    "标箱", "辆", "名", "本", "株", "期", "位", "天", "间", "张", "份", "种", "起", "m3", "立方米", "块",
    "微克/立方米", "/10万", "/万", "%", "个百分点", "千瓦", "千瓦时", "兆瓦", "‰", "公斤", "千克", "万千瓦", "头", "只", "羽", "棵", "盏", "部", "栋", "艘",
    "类", "GB", "TB", "PB", "根", "口", "眼", "幢", "笔", "段", "支", "组", "床", "把",
), key=len, reverse=True))

#: The units of a share or of its change (42%, 提高3个百分点): no count or amount of a thing.
SHARE_UNITS = ("%", "个百分点")

#: Units that count the same thing under two names: enterprises are 家 in targets and 户 in progress,
#: people 人 or 名.
SAME_UNIT: dict[str, str] = {"户": "家", "千米": "公里", "平方千米": "平方公里", "名": "人"}

_CN_DIGITS = "零〇一二两三四五六七八九十百千"
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
#: a Chinese numeral may hold 万 and 亿 after its first digit (一百一十亿零四千万): cn2an reads it whole
_CHINESE = rf"[{_CN_DIGITS}](?:[{_CN_DIGITS}]|[万亿](?=[{_CN_DIGITS}]))*(?:点[{_CN_DIGITS}]+)?"
_MAG = "万亿|亿|万|千"
_UNIT_ALT = "|".join(re.escape(u) for u in UNITS)
#: digits with magnitudes inside (1万2千, 3亿5000万, 1亿2千万): cn2an reads them whole
_COMPOUND = r"\d+(?:\.\d+)?[亿万](?:\d+(?:\.\d+)?[千百万]+)+"
#: a magnitude with no digit before it, then 余 (万余人, 千余户): one of it, and more
_BARE = rf"(?<![\d.{_CN_DIGITS}数几上])(?=[万千]余)"

#: A number with optional magnitude and a unit; a range (1-2家) keeps both ends.
QUANTITY_RE = re.compile(
    rf"(?P<num>{_COMPOUND}|{_ARABIC}|{_CHINESE}|{_BARE})"
    rf"(?:\s*(?:-|—|~|至|到)\s*(?P<hi>{_ARABIC}|{_CHINESE}))?"
    # 1680余万人次, 3万余人: 余/多 before or after the magnitude
    rf"(?:(?P<more0>余|多)(?=\s*(?:{_MAG})))?\s*(?P<mag>{_MAG})?\s*(?P<more>余|多)?\s*(?P<unit>{_UNIT_ALT})"
)
_NUMBER_ONLY = re.compile(rf"^\s*(?P<sign>[-−+])?\s*(?P<num>{_ARABIC}|{_CHINESE})\s*(?P<mag>{_MAG})?\s*$")


#: a share written in words of a hundred or a thousand (百分之六十二, 千分之三点五, 百分之百)
_PER_WORD = re.compile(rf"(?P<per>百分之|千分之)(?P<num>[{_CN_DIGITS}]+(?:点[{_CN_DIGITS}]+)?)")


#: digits grouped by thousands (1,790个行政村; 4,385 | 110%): one number, however a finder reads digits
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")


def fold_numerals(text: str) -> str:
    """The text with 百分之X / 千分之X written as X% / X‰ (百分之六十二 → 00062%) and digits grouped by
    thousands written plain (1,790 → 01790), zero-padded to the same length so that every offset found
    in the folded text points into the text as printed; a word that is no numeral stays as it is."""
    def arabic(m: re.Match) -> str:
        num = m["num"]
        try:
            value = Decimal(100) if num == "百" else _plain(num)
        except ValueError:
            return m.group()
        digits = format(_normal(value), "f") + ("%" if m["per"] == "百分之" else "‰")
        return digits.rjust(len(m.group()), "0") if len(digits) <= len(m.group()) else m.group()
    text = _GROUPED.sub(lambda m: m.group().replace(",", "").rjust(len(m.group()), "0"), text)
    return fold_month_spans(_PER_WORD.sub(arabic, text))


#: a span of months however an office writes it (一至六月, 1至6月, 1—6月, 1月至6月): one form, 1-6月, for
#: every rule that reads a span (a cumulative figure, a flow, this year's)
_CN_MONTH_SPAN = re.compile(r"一至(十[一二]|[一二三四五六七八九])月")
_SPAN_SEP = re.compile(r"(?<=\d)[—–~至到](?=\d{1,2}月)")
_MONTH_TO_MONTH = re.compile(r"(?<!\d)(\d)月[-—–~至到](?=\d{1,2}月)")


def fold_month_spans(text: str) -> str:
    """一至六月 → 1-6月, 一至十一月 → 1-11月, 1至6月 / 1—6月 → 1-6月, 1月至6月 → 01-6月 (same length)."""
    text = _CN_MONTH_SPAN.sub(lambda m: f"1-{int(_plain(m[1]))}月", text)
    text = _MONTH_TO_MONTH.sub(lambda m: f"0{m[1]}-", text)
    return _SPAN_SEP.sub("-", text)


@dataclass(frozen=True)
class Quantity:
    """A number found in text, converted to its base unit (value is exact)."""

    value: Decimal
    unit: str
    start: int = 0
    end: int = 0
    high: Decimal | None = None  # upper end of a range such as 1-2家
    raw: str = ""

    @property
    def low(self) -> Decimal:
        return self.value


@lru_cache(maxsize=4096)
def _plain(num: str) -> Decimal:
    """One number without magnitude: Arabic digits (with thousands commas) or Chinese numerals."""
    num = num.strip()
    if not num:
        return Decimal(1)  # 万余人: the magnitude alone is one of it
    if re.fullmatch(_ARABIC, num):
        return Decimal(num.replace(",", ""))
    if re.fullmatch(_COMPOUND, num):
        return Decimal(str(cn2an.cn2an(num, "smart")))
    if not re.fullmatch(_CHINESE, num):
        raise ValueError(f"not a number: {num!r}")
    try:
        # cn2an knows the numeral grammar (十二, 两千, 一百二十, 一点五); str() keeps it exact.
        return Decimal(str(cn2an.cn2an(num, "smart")))
    except (ValueError, KeyError, InvalidOperation) as e:
        raise ValueError(f"not a number: {num!r}") from e


@lru_cache(maxsize=1024)
def _cn_whole(num: str) -> Decimal:
    """A Chinese numeral with its magnitudes inside (三亿五千万): cn2an reads it whole."""
    try:
        return Decimal(str(cn2an.cn2an(num, "smart")))
    except (ValueError, KeyError, InvalidOperation) as e:
        raise ValueError(f"not a number: {num!r}") from e


def parse_number(text: str) -> Decimal:
    """'16.4亿' → Decimal('1640000000'); '1.64万' → 16400; '两' → 2; '十二' → 12; '-30.6' → -30.6."""
    m = _NUMBER_ONLY.match(text.replace("约", ""))
    if not m:
        raise ValueError(f"not a number: {text!r}")
    value = _plain(m["num"]) * MAGNITUDES.get(m["mag"] or "", 1)
    if m["sign"] in ("-", "−"):
        value = -value
    return _normal(value)


def _normal(d: Decimal) -> Decimal:
    """Drop exponent noise so 1.64E+4 prints as 16400 and compares equal to it."""
    n = d.normalize()
    return n.quantize(Decimal(1)) if n == n.to_integral_value() else n


def base_unit(unit: str) -> str:
    """The unit two quantities must share to be compared (户 and 家 count the same enterprises)."""
    return SAME_UNIT.get(unit, unit)


def parse_quantity(text: str) -> Quantity:
    """Parse one quantity such as '1.64万人', '16.4亿元', '两家', '1-2家' into base units."""
    m = QUANTITY_RE.search(text)
    if not m:
        raise ValueError(f"no quantity in {text!r}")
    return _from_match(m)


def _from_match(m: re.Match, offset: int = 0) -> Quantity:
    mag = MAGNITUDES.get(m["mag"] or "", 1)
    if m["mag"] and re.search("[万亿]", m["num"]) and not m["num"][0].isdigit():
        # 一百一十亿零四千万: the last magnitude is the last group's, the numeral is read whole
        value = _normal(_cn_whole(m["num"] + m["mag"]))
        return Quantity(value, base_unit(m["unit"]), m.start() + offset, m.end() + offset, None, m.group())
    value = _normal(_plain(m["num"]) * mag)
    high = _normal(_plain(m["hi"]) * mag) if m["hi"] else None
    return Quantity(value, base_unit(m["unit"]), m.start() + offset, m.end() + offset, high, m.group())


def parse_range(text: str) -> tuple[Decimal, Decimal, str]:
    """'1-2家' → (1, 2, '家'); a single value gives the same low and high."""
    q = parse_quantity(text)
    return q.value, q.high if q.high is not None else q.value, q.unit


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, with character spans; Chinese numerals only before a unit."""
    out = []
    for m in QUANTITY_RE.finditer(text):
        try:
            q = _from_match(m)
        except ValueError:
            continue
        # '一项', '一批', '一张图', '三个方面' in running prose are articles, not counts; a numeral
        # of hundreds or thousands (两百一十个) is a count
        if m["num"] and not re.match(r"\d", m["num"]) and not re.search("[十百千]", m["num"]) and (m["num"] == "一" or m["unit"] in (
                "批", "项", "个", "次", "期", "种", "位", "件", "名", "头", "只", "部", "棵", "栋", "类", "根", "口", "眼",
                "幢", "笔", "段", "支", "组", "床", "把")):
            continue
        out.append(q)
    return out


#: the unit of a figure whose unit word is left off after its magnitude (城镇新增就业1.2万。, 完成投资268亿,)
ELIDED = "*"
_ELIDED_RX = re.compile(rf"(?<![\d./])(?P<num>{_ARABIC})\s*(?P<mag>万|亿)(?=\s*(?:[,，。;；、)）]|$))")


def elided_quantities(text: str) -> list[Quantity]:
    """Numbers with a magnitude and no unit word after them (1.2万, 268亿), in the ELIDED unit: what they
    count is the target's unit when the words before them name its thing (helpers.judge.actuals)."""
    return [Quantity(_normal(_plain(m["num"]) * MAGNITUDES[m["mag"]]), ELIDED, m.start(), m.end(), None, m.group())
            for m in _ELIDED_RX.finditer(text)]


#: Units of one measure under different sizes: unit → (the measure's smallest unit, how many of it).
MEASURES: dict[str, tuple[str, int]] = {
    "米": ("米", 1), "公里": ("米", 1000),
    "平方米": ("平方米", 1), "公顷": ("平方米", 10**4), "平方公里": ("平方米", 10**6),
    "千瓦": ("千瓦", 1), "兆瓦": ("千瓦", 1000),
    "斤": ("斤", 1), "公斤": ("斤", 2), "千克": ("斤", 2), "吨": ("斤", 2000),
    "GB": ("GB", 1), "TB": ("GB", 1024), "PB": ("GB", 1024 ** 2),  # storage, in the binary steps offices quote
}
#: 1 亩 is 2000/3 平方米: area targets in 亩 and progress in 公顷 (or back) compare
_MU = Decimal(2000) / 3


#: 个 is the generic classifier: 20个 城市书房 and 11家 are one count (the nouns must still agree,
#: helpers.judge.actuals); measures (亩, 吨, 元, 人) and visits (人次) are never counted in 个
CLASSIFIERS = frozenset("家所座处间栋台套项件条辆名艘部盏棵株张份块批根口眼幢笔段支组床把")
#: classifiers of one family, of sites, works and cases, that offices use for each other (公厕60座 and
#: 32处, 积案100件 and 56宗, 黑臭水体20条 and 11处, 查办案件60件 and 查处案件35起): one count when the nouns agree
PLACES = frozenset("个处座所项宗条件起")


def convert(value: Decimal, unit: str | None, to: str | None) -> Decimal | None:
    """`value` in `unit` expressed in `to` (28600米 → 28.6 公里); None when they measure different things."""
    if unit is None or to is None:
        return None
    unit, to = base_unit(unit), base_unit(to)
    if unit == to or {unit, to} <= CLASSIFIERS | {"个"} and "个" in (unit, to) or {unit, to} <= PLACES:
        return value
    a, b = _measure(unit), _measure(to)
    if a is None or b is None or a[0] != b[0]:
        return None
    return _normal(value * a[1] / b[1])


def _measure(unit: str) -> tuple[str, Decimal] | None:
    if unit == "亩":
        return "平方米", _MU
    m = MEASURES.get(unit)
    return (m[0], Decimal(m[1])) if m else None


def sizes_of_one_measure(unit: str | None, to: str | None) -> bool:
    """米 and 公里, 亩 and 公顷, 万元 and 亿元 (one base unit): one measure in two sizes, no other classifier."""
    if unit is None or to is None:
        return False
    a, b = _measure(base_unit(unit)), _measure(base_unit(to))
    return base_unit(unit) == base_unit(to) or bool(a and b and a[0] == b[0])


def comparable(unit: str | None, to: str | None) -> bool:
    """Whether a figure in `unit` can measure a target in `to` (the same unit, or one measure's sizes)."""
    return convert(Decimal(1), unit, to) is not None


# --------------------------------------------------------------------------------------------
# shares in words: 六成, 近七成, 九成以上, 八成半, 过半, 一半以上, 三分之二, 2/3, 1.2倍 (‰ and 百分之 are
# folded into figures by fold_numerals)

_CN = "一二三四五六七八九十"
_PRE = "近|约|接近|超过|超|逾|不足|不到"
_POST = "以上|多|左右"
#: a fraction in digits stands for a share only when no unit follows (12/20个 is a count done of a plan)
_FRACTION = r"\d{1,3}/\d{1,3}(?![\d.])(?!\s*(?!以上|左右|多)[\u4e00-\u9fff%])"
#: a share is one construction whatever its number form: 不足三成 and 不足30%, 六成以上 and 60%以上
SHARE_WORD = (rf"(?:{_PRE})?(?:[{_CN[:9]}两]成(?:半|[{_CN[:9]}](?!成))?|\d+(?:\.\d+)?%)(?:{_POST})?"
              rf"|[{_CN}]分之[{_CN}]|过半|近半|大半|(?:超过|不到|不足|近|接近|将近)?(?:一半|半数)(?:以上)?"
              rf"|{_FRACTION}(?:以上|左右)?")
#: a percentage in either number form (70%以上, 七成以上), not a word that holds 成 (成本, 成效)
ANY_PERCENT = re.compile(r"\d+(?:\.\d+)?\s*%|[一二三四五六七八九两]成(?!本|效|果|立|员|为|熟|交|功|绩|都|型|套|品)")
#: a percentage said alone: exact, no range of words
PLAIN_PCT = re.compile(r"\d+(?:\.\d+)?%")
#: a share of another measure (出租率为87%, 利用率八成): a level of that rate, not of the target's work
OTHER_MEASURE = re.compile(r"(?<!完成)率")
#: a share said of a whole (新增基站中农村地区占比约四成, 已开工项目中公共建筑占三分之一): its base is the whole the
#: words name, not the year's target — unless that base is the plan itself (完成投资占年度计划42%)
_OF_A_WHOLE = re.compile(r"占比|比重|比例|占")
_PLAN_BASE = re.compile(r"目标|计划|任务|预算|进度")


def of_a_named_whole(what: str) -> bool:
    """Whether the words before a share make it a part's share of a whole they name (a composition), no
    share of the year's target or plan."""
    return bool(_OF_A_WHOLE.search(what)) and not _PLAN_BASE.search(what)


#: a share right after a verb of change (下降1.6%, 增长两成): a rate of change, not a share of the target
CHANGE_BEFORE = re.compile(r"(?:增长|下降|降低|提高|减少|增加|上升|回落|提升|增速|降幅|增幅)(?:了|为|达到?)?(?:约|近)?$")
#: a share anywhere in a clause (完成60%, 完成六成, 完成工程量的四成): the work said of it is partial
SHARE_IN_CLAUSE = re.compile(SHARE_WORD)
#: a multiple of the target (完成目标的1.2倍, 为年度任务的两倍多): only after the target is named, since
#: 增长1.2倍 is a growth
MULTIPLE_WORD = rf"(?:{_PRE})?(?:\d+(?:\.\d+)?|[{_CN[:9]}两](?:点[{_CN[:9]}])?)倍(?:{_POST})?"
_SHARE_RX = re.compile(rf"^(?P<pre>{_PRE})?(?:(?P<pct>\d+(?:\.\d+)?)%|(?P<tenths>[{_CN[:9]}两])成(?P<half>半)?(?P<hundredths>[{_CN[:9]}])?"
                       rf"|(?P<den>[{_CN}])分之(?P<num>[{_CN}])|(?P<a>\d{{1,3}})/(?P<b>\d{{1,3}})"
                       rf"|(?P<times>\d+(?:\.\d+)?|[{_CN[:9]}两](?:点[{_CN[:9]}])?)倍"
                       rf"|(?P<halfword>一半|半数))(?P<post>{_POST})?$")


@dataclass(frozen=True)
class Share:
    """A share said in words: the value read, and the range the words allow (近七成: 0.65–0.70)."""

    value: Decimal
    low: Decimal
    high: Decimal


def _share_base(m: re.Match) -> Share | None:
    """The share a matched word names before its 近 / 以上: exact for a percentage, a fraction or a multiple,
    ±0.02 for 成."""
    if m["den"] or m["a"]:
        num, den = (Decimal(_CN.index(m["num"]) + 1), Decimal(_CN.index(m["den"]) + 1)) if m["den"] \
            else (Decimal(m["a"]), Decimal(m["b"]))
        if den == 0 or num > den:
            return None  # 5/3 is no share of a whole
        v = (num / den).quantize(Decimal("0.001"))
        return Share(v, v, v)
    if m["times"]:
        v = parse_number(m["times"])
        return Share(v, v, v)
    if m["halfword"]:
        return Share(Decimal("0.5"), Decimal("0.5"), Decimal("0.55"))
    if m["pct"]:
        v = Decimal(m["pct"]) / 100
        return Share(v, v, v)
    v = Decimal(2 if m["tenths"] == "两" else _CN.index(m["tenths"]) + 1) / 10
    v += Decimal("0.05") if m["half"] else Decimal(_CN.index(m["hundredths"]) + 1) / 100 if m["hundredths"] else 0
    return Share(v, v - Decimal("0.02"), v + Decimal("0.02"))


#: how far under the share said 近/不足 stay (近一半 is less than a half: behind at H1)
_SHORT = Decimal("0.001")


def parse_share(word: str) -> Share | None:
    """近七成 → 0.68 (0.65–0.70); 九成以上 → 0.90 (0.90–1); 八成半 → 0.85; 三分之二, 2/3 → 0.667;
    过半, 一半以上 → 0.5 (0.5–0.55); 1.2倍 → 1.2 (a multiple of the target)."""
    if word in ("过半", "大半"):  # 时间过半、任务过半: on pace at H1, as the offices use it
        return Share(Decimal("0.5"), Decimal("0.5"), Decimal("0.55"))
    if re.fullmatch(r"(?:近|接近|将近|不到|不足)(?:一半|半数)|近半", word):
        return Share(Decimal("0.48"), Decimal("0.45"), Decimal("0.5") - _SHORT)
    m = _SHARE_RX.match(word)
    base = _share_base(m) if m else None
    if base is None:
        return None
    pre, post = m["pre"] or "", m["post"] or ""
    if m["halfword"]:
        return base
    # 近七成, 不足三成: nearly, never quite the share said
    if pre in ("近", "接近"):
        return Share(base.value - Decimal("0.02"), base.value - Decimal("0.05"), base.value - _SHORT)
    if pre in ("不足", "不到"):
        return Share(base.value - Decimal("0.01"), base.value - Decimal("0.05"), base.value - _SHORT)
    if pre in ("超过", "超", "逾") or post in ("以上", "多"):
        # 四成多 stays under five tenths (it would say 五成); 四成以上 may reach them
        cap = Decimal(1) if base.value <= 1 else base.value * Decimal("1.1")
        step = Decimal("0.09") if post == "多" and m["tenths"] and not m["half"] else Decimal("0.1")
        return Share(base.value, base.value, min(cap, base.value + step))
    return base


#: how far an approximate figure may be from the number said: 近1.5万 is 1.425万–1.5万, 1.6万余 1.6万–1.68万
APPROX = Decimal("0.05")
_BELOW = re.compile(r"(?:近|接近|将近|不足|不到|不及)\s*$")
_ABOVE = re.compile(r"(?:超|超过|逾|多于)\s*$")
#: an approximation after a figure's unit is the number's, not a noun it counts (1.2万人左右, 260公里以上,
#: 3000人之多, 5万亩有余)
APPROX_AFTER = re.compile(r"左右|以上|之多|有余")


def approx_range(q: Quantity, before: str, after: str = "") -> tuple[Decimal, Decimal] | None:
    """The values an approximate figure allows (近1.5万人, 超1.6万人, 1.6万余人, 260公里以上), or None
    when exact or rounded either way (约1.2万人, 1.2万人左右: the figure is the reading)."""
    if _BELOW.search(before):
        return q.value * (1 - APPROX), q.value
    if _ABOVE.search(before) or re.search(r"[余多]", q.raw) or re.match(r"以上|之多|有余", after):
        return q.value, q.value * (1 + APPROX)
    return None


def to_float(d: Decimal | None) -> float | None:
    """Decimal → float for the table (None stays None)."""
    return None if d is None else float(d)


def ratio(actual: Decimal, target: Decimal) -> float | None:
    """actual / target as a float fraction; None when the target is zero."""
    if target == 0:
        return None
    return float(actual / target)
