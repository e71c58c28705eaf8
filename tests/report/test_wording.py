"""helpers.report.wording: at the year's end no phrase speaks of lagging the pace.

Every phrase function of the module is called at pace 1 (2024FY) and at a mid-year pace; the test
finds them by their signature, so a phrase added later is checked without being listed here.
"""

from __future__ import annotations

import inspect
import re

import pytest

from helpers.period import parse_code
from helpers.report import wording

#: Words of a pace still running; pace_note names them once to say they no longer apply.
MID_YEAR = re.compile(r"滞后|序时|落后")
EXPLAINS_THE_CHANGE = {"pace_note"}
ARGS = {"pace": None, "ahead_margin": 0.10, "label": "2024年全年", "pts": "5.0", "status": "behind"}


def _phrases() -> list[str]:
    out = []
    for name, fn in inspect.getmembers(wording, inspect.isfunction):
        params = list(inspect.signature(fn).parameters)
        if fn.__module__ == wording.__name__ and "pace" in params and set(params) <= set(ARGS):
            out.append(name)
    return out


def _call(name: str, pace: float):
    fn = getattr(wording, name)
    return fn(**{p: pace if p == "pace" else ARGS[p] for p in inspect.signature(fn).parameters})


def test_the_phrases_are_found():
    assert {"behind_phrase", "lag_words", "yardstick", "good_share", "margin_text", "analysis_title"} <= set(_phrases())


@pytest.mark.parametrize("name", _phrases())
def test_a_year_end_phrase_has_no_mid_year_word(name):
    fy = _call(name, parse_code("2024FY").pace)
    # status_names: only 滞后 becomes 未完成, the other names stay; any other dict is read whole
    texts = [fy["behind"]] if name == "status_names" else list(fy.values()) if isinstance(fy, dict) else [fy]
    if name not in EXPLAINS_THE_CHANGE:
        assert not [t for t in texts if isinstance(t, str) and MID_YEAR.search(t)], fy


@pytest.mark.parametrize("name", [n for n in _phrases() if n not in ("months", "pace_pct")])
def test_a_phrase_of_the_pace_reads_otherwise_at_the_year_end(name):
    assert _call(name, parse_code("2024H1").pace) != _call(name, parse_code("2024FY").pace), name


def test_the_lag_in_words():
    assert wording.lag_words(0.75, "12.5") == "落后序时12.5个百分点"
    assert wording.lag_words(1.0, "12.5") == "距年度目标12.5个百分点"
    assert wording.status_zh("behind", 1.0) == "未完成" and wording.status_zh("behind", 11 / 12) == "滞后"
