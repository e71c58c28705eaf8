"""Reporting periods: codes (2024H1, 2024Q1, 2024Q3, 2021FY, 2024M11), their end dates and pace."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from helpers.messages import say
from helpers.errors import PeriodError

_CODE = re.compile(r"^(?P<year>\d{4})(?:(?P<half>H[12])|(?P<q>Q[1-4])|(?P<fy>FY)|M(?P<m>\d{1,2}))$")
_END_MONTH = {"H1": 6, "H2": 12, "Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12, "FY": 12}
_LABEL = {"H1": "上半年", "H2": "下半年", "Q1": "一季度", "Q2": "二季度", "Q3": "前三季度",
          "Q4": "全年", "FY": "全年"}


@dataclass(frozen=True)
class Period:
    """A reporting period, from 1 January of `year` to the end of `end_month`."""

    code: str
    year: int
    end_month: int

    @property
    def end(self) -> date:
        return date(self.year, self.end_month, calendar.monthrange(self.year, self.end_month)[1])

    @property
    def pace(self) -> float:
        """Share of the year elapsed at the period's end: the 序时进度 (H1 → 0.5)."""
        return self.end_month / 12

    @property
    def is_year_end(self) -> bool:
        return is_year_end(self.pace)

    @property
    def label_zh(self) -> str:
        """Chinese label, e.g. 2024年上半年, 2024年1-11月."""
        suffix = self.code[4:]
        name = _LABEL.get(suffix) or f"1-{self.end_month}月"
        return f"{self.year}年{name}"


def is_year_end(pace: float) -> bool:
    """The period ends with the year (全年, pace 1): no pace is left to be ahead of, a task has
    reached its annual target or not."""
    return pace >= 1 - 1e-9


def parse_code(code: str) -> Period:
    """Parse a period code such as 2024H1; raise PeriodError for anything else."""
    m = _CODE.match(code.strip().upper())
    if not m:
        raise PeriodError("--period", say("period.unknown", code=code))
    year = int(m["year"])
    if m["m"]:
        month = int(m["m"])
        if not 1 <= month <= 12:
            raise PeriodError("--period", say("period.month", code=code))
        return Period(f"{year}M{month}", year, month)
    suffix = m["half"] or m["q"] or m["fy"]
    return Period(f"{year}{suffix}", year, _END_MONTH[suffix])


_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "十": 10, "十一": 11, "十二": 12}


_MONTH_RANGE = r"1?\s*[-—~至–]\s*(\d{1,2})\s*月"


def detect(title: str) -> Period | None:
    """Read the period from a report's title, e.g. 2024年上半年… → 2024H1; None when unreadable.

    A part of the year named anywhere after the year wins over 年度 (开化县2023年度重点工作清单
    (一季度…) is 2023Q1): 上半年 / 半年度 / 二季度执行情况 / 1-6月 → H1, 一季度 → Q1, 前三季度 → Q3,
    1-8月 / 1—11月 / 3月份 → that month (3, 6, 9 → Q1, H1, Q3), 全年 / 年度 → FY.
    """
    t = re.sub(r"\s+", "", title)
    y = re.search(r"(20\d{2})(?:年|(?=上半年|下半年|全年|年度|一季度|前三季度))", t)
    if not y:
        return None
    year, rest = int(y[1]), t[y.end():]
    rules = [
        (r"上半年|半年度|半年|二季度执行|第二季度执行", "H1"),
        (r"前三季度|三季度", "Q3"),
        (r"一季度|第一季度", "Q1"),
    ]
    for pattern, suffix in rules:
        if re.search(pattern, rest):
            return Period(f"{year}{suffix}", year, _END_MONTH[suffix])
    m = re.search(_MONTH_RANGE, rest) or re.search(r"(?<![\d-])(\d{1,2})月份", rest) or \
        re.search(r"(?<![一二三四五六七八九十])([一二三四五六七八九十]{1,3})月份?", rest)
    if m:
        month = int(m[1]) if m[1].isdigit() else _CN_MONTH.get(m[1], 0)
        if 1 <= month <= 12:
            return month_period(year, month)
    if re.search(r"^(?:度)|全年|年度|年终|年底", rest):
        return Period(f"{year}FY", year, 12)
    return None


def month_period(year: int, month: int) -> Period:
    """The period ending with `month`: quarter ends keep their names (3 → Q1, 6 → H1, 9 → Q3, 12 → FY)."""
    named = {3: "Q1", 6: "H1", 9: "Q3", 12: "FY"}
    if month in named:
        return Period(f"{year}{named[month]}", year, month)
    return Period(f"{year}M{month}", year, month)


_DATA_MONTH = re.compile(r"(?:^|[^\d])1\s*[-—~至–]\s*(\d{1,2})\s*月|截至\s*(\d{1,2})\s*月底?|截止\s*(\d{1,2})\s*月底?")


def data_months(texts: list[str]) -> dict[int, int]:
    """How often the progress texts report figures up to each month (1-2月 → 2, 截至6月底 → 6)."""
    counts: dict[int, int] = {}
    for text in texts:
        for m in _DATA_MONTH.finditer(text or ""):
            month = int(next(g for g in m.groups() if g))
            if 1 <= month <= 12:
                counts[month] = counts.get(month, 0) + 1
    return counts


def check_against_data(period: Period, texts: list[str]) -> str | None:
    """A warning when the progress figures run to another month than the period (一季度 over 1-2月)."""
    counts = data_months(texts)
    if not counts:
        return None
    month, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    if month == period.end_month or n < 2 and len(counts) > 1:
        return None
    return say("table.data_months", period=period.code, end_month=period.end_month, month=month, n=n)
