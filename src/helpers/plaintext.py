"""How a value is written for a reader, in every stage: a percentage, points, a task's reference,
a text cut to one line. A base module, so the judge's review page, the comparison and the
briefings write them alike (helpers.report.formatting adds what only the briefings need).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

#: The table a task is in, as its reference names it.
TABLE_ZH = {"quantified": "量化", "general": "重点"}
#: What a missing value prints as.
DASH = "—"


def _missing(x: Any) -> bool:
    return x is None or (not isinstance(x, str) and bool(pd.isna(x)))


def truncate(text: Any, limit: int = 120) -> str:
    """One line of at most `limit` characters, ending in … when cut; missing → em dash."""
    if _missing(text):
        return DASH
    s = re.sub(r"\s+", " ", str(text)).strip()
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def fmt_pct(x: Any, digits: int = 1) -> str:
    """0.517 → '51.7%'; missing → em dash."""
    if _missing(x):
        return DASH
    return f"{float(x) * 100:.{digits}f}%"


def fmt_pts(x: Any) -> str:
    """Lag in percentage points, one decimal; missing → em dash."""
    if _missing(x):
        return DASH
    return f"{float(x):.1f}"


def task_ref(table: str, seq: Any) -> str:
    """Short reference to a row of the report: 量化7 (附件1 row 7), 重点12 (second table row 12)."""
    n = "?" if _missing(seq) else str(int(seq))
    return f"{TABLE_ZH.get(table, table)}{n}"
