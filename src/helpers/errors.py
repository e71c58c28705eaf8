"""The project's own exceptions: each carries what the user needs to act, in one line."""

from __future__ import annotations

from pathlib import Path


class HelpersError(Exception):
    """Base class: a problem with the user's input or set-up, reported without a traceback."""


class InputError(HelpersError):
    """A file the user gave cannot be read at all (missing, empty, binary, undecodable)."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None):
        self.path, self.problem, self.line = str(path), problem, line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}")


class ParseError(InputError):
    """The file was read but holds no table we recognise, or a row we cannot place."""


class PeriodError(InputError):
    """The reporting period cannot be read from the title and none was given."""


class SchemaError(HelpersError):
    """A table failed its schema check when written or loaded."""


class ReferenceError_(HelpersError):
    """An editable lookup table under data/reference/ is malformed or names an unknown task."""


class RenderError(HelpersError):
    """Rendering a briefing failed, or a prerequisite (CJK font) is missing."""


class MailError(HelpersError):
    """Mail cannot be prepared or sent (missing PDF, failures in the manifest, SMTP trouble)."""
