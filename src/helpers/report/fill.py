"""The filling of a researcher's template with a page's facts (helpers.report.facts computes them).

A template names facts in braces, ``本单位牵头重点工作{n}项[，其中{behind}项{behind_word}]``; a part
in square brackets is shown only when every fact in it is non-zero and non-empty, so a sentence
drops a clause about nothing; a blank naming no fact of the page fails with that name and the
facts there are (a Chinese message). Plain Python, no pandas: the render workers fill the
markdown headings with it (helpers.report.outline) without importing the data stack.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Any, Iterator

from helpers.errors import HelpersError
from helpers.messages import blanks, say

#: An optional part of a template: shown only when all its facts are there (non-zero, non-empty).
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")


class FactError(HelpersError):
    """A template names a fact the page does not have, or is written wrongly."""


class Facts(Mapping):
    """The facts of one page (name → value) and the filling of templates with them."""

    def __init__(self, values: dict[str, Any]):
        self._values = dict(values)

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def _check(self, template: str) -> list[str]:
        try:
            names = blanks(template)
        except ValueError as e:
            raise FactError(say("facts.bad_template", template=template, problem=e)) from None
        for name in names:
            if name not in self._values:
                raise FactError(say("facts.missing", name=name, available="、".join(sorted(self._values))))
        return names

    def _present(self, part: str) -> bool:
        return all(self._values[n] not in (None, "", 0, False) for n in self._check(part))

    def fill(self, template: str) -> str:
        """`template` with its blanks filled; a [part] whose facts are all there kept, else left out."""
        self._check(template.replace("[", "").replace("]", ""))
        text = _OPTIONAL.sub(lambda m: m.group(1) if self._present(m.group(1)) else "", template)
        return string.Formatter().vformat(text, (), {k: "—" if v is None else v for k, v in self._values.items()})
