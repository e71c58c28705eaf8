"""Which task a row is, by its content: its normalized text and its first lead unit.

Task ids (Q01, G017) are row positions: a row added to or removed from a report moves every id
after it. A correction (overrides.csv, the ledger) and the chain of periods (helpers.compare.chain)
therefore name a task by its key, a hash of what the task says and who leads it, and check the
id against it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any, Iterable


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # None or NaN


def norm_task(text: Any) -> str:
    """Task text for matching: NFKC (full-width → half-width), no spaces, no punctuation."""
    s = unicodedata.normalize("NFKC", "" if _blank(text) else str(text))
    return re.sub(r"[\W_]+", "", s)


def task_key(text: Any, bureau: Any) -> str:
    """The key of a task: a hash of its normalized text and its first lead unit (T + 10 hex digits)."""
    raw = f"{norm_task(text)}|{'' if _blank(bureau) else bureau}"
    return "T" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:10]


def task_keys(texts: Iterable[Any], bureaus: Iterable[Any]) -> list[str]:
    """task_key of each (text, lead unit) pair, in order."""
    return [task_key(t, b) for t, b in zip(texts, bureaus)]
