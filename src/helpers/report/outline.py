"""A briefing's outline as the reader gets it: headings worded for the period, empty sections left out.

A markdown cell may name the page's facts in braces, as the sentences do (``## {behind_word}的任务``
reads 滞后于序时进度的任务 mid-year and 未完成年度目标的任务 at the year's end): the page stores its
facts in the metadata of its title's output (helpers.report.briefing.Page.title), and they are
filled in here before export.

A notebook's sections are markdown headings a researcher writes, each followed by the code cells
that show its sentences, tables and charts. Some sections do not apply to every report (the
quantified indicators of a report without 附件1, the changes when nothing was compared): their
cells then show nothing, and the section, heading and fixed prose, is dropped before export so
the numbering (briefing.css) leaves no gap.
"""

from __future__ import annotations

import copy
import re
from typing import Any, Iterable

from helpers.report.fill import Facts

_HEADING = re.compile(r"^\s*#{1,6}\s")


def _is_heading(cell: Any) -> bool:
    return cell.get("cell_type") == "markdown" and bool(_HEADING.match("".join(cell.get("source", ""))))


def _shows(cell: Any) -> bool:
    """A code cell shows something: any output but the researcher's stderr (warnings)."""
    return any(not (o.get("output_type") == "stream" and o.get("name") == "stderr")
               for o in cell.get("outputs", []))


#: Where a page leaves its facts: the metadata key of its title's output.
FACTS_KEY = "helpers_facts"


def page_facts(nb: Any) -> dict[str, Any] | None:
    """The facts a page stored while it ran, or None (a notebook that is no briefing page)."""
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            facts = out.get("metadata", {}).get(FACTS_KEY)
            if facts is not None:
                return dict(facts)
    return None


def fill_markdown(nb: Any, skip_tags: Iterable[str] = ()) -> Any:
    """`nb` with the blanks of its markdown cells filled from the page's facts (cells with a tag in
    `skip_tags`, left out of the briefing anyway, are not filled)."""
    values = page_facts(nb)
    if values is None:
        return nb
    facts, skip = Facts(values), set(skip_tags)
    out = copy.copy(nb)
    out["cells"] = [_filled(c, facts) if c.get("cell_type") == "markdown" and not skip & set(
        c.get("metadata", {}).get("tags", [])) else c for c in nb["cells"]]
    return out


def _filled(cell: Any, facts: Facts) -> Any:
    source = "".join(cell.get("source", ""))
    if "{" not in source:
        return cell
    new = copy.copy(cell)
    new["source"] = facts.fill(source)
    return new


def drop_empty_sections(nb: Any) -> Any:
    """`nb` without the sections (heading up to the next heading) whose code cells all show nothing.

    A section with no code cell at all (fixed prose only) is kept: it says what the researcher wrote.
    """
    cells, keep = nb["cells"], []
    i = 0
    while i < len(cells):
        j = i + 1
        if _is_heading(cells[i]):
            while j < len(cells) and not _is_heading(cells[j]):
                j += 1
            code = [c for c in cells[i:j] if c.get("cell_type") == "code"]
            if code and not any(_shows(c) for c in code):
                keep += [c for c in cells[i:j] if c.get("cell_type") != "markdown"]
                i = j
                continue
        keep += cells[i:j]
        i = j
    out = copy.copy(nb)  # the executed notebook itself keeps every cell
    out["cells"] = keep
    return out
