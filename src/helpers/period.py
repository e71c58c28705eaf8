"""Reporting periods: codes (2024H1, 2024Q1, 2024Q3, 2021FY, 2024M11), their end dates and pace."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

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
        return self.end_month == 12

    @property
    def label_zh(self) -> str:
        """Chinese label, e.g. 2024年上半年, 2024年1-11月."""
        suffix = self.code[4:]
        name = _LABEL.get(suffix) or f"1-{self.end_month}月"
        return f"{self.year}年{name}"


def parse_code(code: str) -> Period:
    """Parse a period code such as 2024H1; raise PeriodError for anything else."""
    m = _CODE.match(code.strip().upper())
    if not m:
        raise PeriodError("--period", f"unknown period code {code!r} (use e.g. 2024H1, 2024Q1, 2024Q3, 2021FY, 2024M11)")
    year = int(m["year"])
    if m["m"]:
        month = int(m["m"])
        if not 1 <= month <= 12:
            raise PeriodError("--period", f"month out of range in {code!r}")
        return Period(f"{year}M{month}", year, month)
    suffix = m["half"] or m["q"] or m["fy"]
    return Period(f"{year}{suffix}", year, _END_MONTH[suffix])


_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "十": 10, "十一": 11, "十二": 12}


def detect(title: str) -> Period | None:
    """Read the period from a report's title, e.g. 2024年上半年… → 2024H1; None when unreadable."""
    t = re.sub(r"\s+", "", title)
    y = re.search(r"(20\d{2})年", t)
    if not y:
        return None
    year, rest = int(y[1]), t[y.end():]
    rules = [
        (r"^(?:度)?上半年|^1[-—~至]6月", "H1"),
        (r"^(?:第)?一季度|^1[-—~至]3月", "Q1"),
        (r"^前三季度|^1[-—~至]9月|^(?:第)?三季度", "Q3"),
        (r"^全年|^年度|^度", "FY"),
    ]
    for pattern, suffix in rules:
        if re.search(pattern, rest):
            return Period(f"{year}{suffix}", year, _END_MONTH[suffix])
    m = re.search(r"^1[-—~至](\d{1,2})月", rest) or re.search(r"^([一二三四五六七八九十]{1,3})月", rest)
    if m:
        month = int(m[1]) if m[1].isdigit() else _CN_MONTH.get(m[1], 0)
        if 1 <= month <= 12:
            return Period(f"{year}M{month}", year, month) if month not in (3, 6, 9, 12) else \
                Period(f"{year}{ {3: 'Q1', 6: 'H1', 9: 'Q3', 12: 'FY'}[month] }", year, month)
    return None
