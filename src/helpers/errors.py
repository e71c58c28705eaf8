"""The project's own exceptions: each carries what the user needs to act, in one line."""

from __future__ import annotations

import errno
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


#: What a failed file operation means, for the researcher (Chinese, as every message they read).
_ERRNO_WORDS = {
    errno.ENOENT: "文件或文件夹不存在，请检查路径",
    errno.EACCES: "没有访问权限，请检查文件权限或换一个文件夹",
    errno.EPERM: "不允许此操作，请检查文件权限",
    errno.ELOOP: "符号链接循环（链接层数过多）",
    errno.EISDIR: "这是文件夹，不是文件",
    errno.ENOTDIR: "路径中有一级是文件而不是文件夹",
    errno.ENOSPC: "磁盘已满，请清理空间后重试",
    errno.EDQUOT: "超出磁盘配额，请清理空间后重试",
    errno.EROFS: "文件系统只读，请换一个可写的文件夹",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EFBIG: "文件过大",
    errno.EIO: "读写出错（输入/输出错误）",
}


def os_problem(e: OSError) -> str:
    """The problem an OSError reports, in words a user can act on (never a traceback)."""
    return _ERRNO_WORDS.get(e.errno or 0) or (e.strerror or type(e).__name__).lower()


def os_error_line(e: OSError) -> str:
    """One line naming the path and the problem of an OSError that reached the command line."""
    path = e.filename if e.filename is not None else None
    if e.filename2 is not None:
        path = f"{e.filename} → {e.filename2}"
    return f"{path}: {os_problem(e)}" if path is not None else os_problem(e)
