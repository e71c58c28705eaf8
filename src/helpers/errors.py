"""The project's own exceptions: each carries what the user needs to act, in one line."""

from __future__ import annotations

import errno
from pathlib import Path

from helpers.messages import say


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


class UnknownUnitError(HelpersError, KeyError):
    """A unit that leads no task of the table (a KeyError too: a lookup that found nothing)."""

    def __str__(self) -> str:  # the message as written, not KeyError's quoted repr
        return str(self.args[0]) if self.args else ""


class RenderError(HelpersError):
    """Rendering a briefing failed, or a prerequisite (CJK font) is missing."""


class MailError(HelpersError):
    """Mail cannot be prepared or sent (missing PDF, failures in the manifest, SMTP trouble)."""


class OutputError(HelpersError):
    """An output folder or file cannot be written (read-only, full disk, a file where a folder must be)."""

    def __init__(self, path: Path | str, problem: str):
        self.path, self.problem = str(path), problem
        super().__init__(f"{self.path}: {problem}")


#: A failed file operation's errno → the helpers.messages key saying what it means for the researcher.
_ERRNO_KEYS = {
    errno.ENOENT: "os.enoent", errno.EACCES: "os.eacces", errno.EPERM: "os.eperm", errno.ELOOP: "os.eloop",
    errno.EISDIR: "os.eisdir", errno.ENOTDIR: "os.enotdir", errno.ENOSPC: "os.enospc", errno.EDQUOT: "os.edquot",
    errno.EROFS: "os.erofs", errno.ENAMETOOLONG: "os.enametoolong", errno.EFBIG: "os.efbig", errno.EIO: "os.eio",
    errno.EBUSY: "os.ebusy", errno.EEXIST: "os.eexist", errno.ENOTEMPTY: "os.enotempty", errno.EMFILE: "os.emfile",
    errno.ENFILE: "os.emfile", errno.ETXTBSY: "os.ebusy", errno.EXDEV: "os.exdev",
}


def os_problem(e: OSError) -> str:
    """The problem an OSError reports, in words a user can act on (never a traceback)."""
    key = _ERRNO_KEYS.get(e.errno or 0)
    return say(key) if key else say("os.other", text=(e.strerror or type(e).__name__).lower())


def os_error_line(e: OSError) -> str:
    """One line naming the path and the problem of an OSError that reached the command line."""
    path = e.filename if e.filename is not None else None
    if e.filename2 is not None:
        path = f"{e.filename} → {e.filename2}"
    return f"{path}: {os_problem(e)}" if path is not None else os_problem(e)
