"""Atomic file writes: a crash never leaves a half-written output."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import sys
import tempfile
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from helpers.errors import OutputError, os_problem
from helpers.messages import say

# mkstemp creates files readable by the owner only; outputs get the mode a plain open() would give.
_UMASK = os.umask(0)
os.umask(_UMASK)
_FILE_MODE = 0o666 & ~_UMASK


@contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path` in one rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    os.chmod(tmp_path, _FILE_MODE)
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)


def write_bytes(path: Path | str, data: bytes) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def write_text(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    write_bytes(path, text.encode(encoding))


def write_json(path: Path | str, obj: Any) -> None:
    write_text(path, json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def safe_slug(name: str, max_len: int = 60) -> str:
    """A file-name-safe form of a name such as a bureau's: letters (Chinese included), digits, _ and -.

    No path separators, no dots (so no `..`), no control characters; never empty.
    """
    s = unicodedata.normalize("NFKC", str(name))
    s = re.sub(r"[^\w-]+", "_", s, flags=re.UNICODE).strip("_-")
    s = s[:max_len].strip("_-")
    if not s:
        s = "x" + hashlib.sha1(str(name).encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return s


#: A cell Excel, WPS or LibreOffice would read as a formula (or a DDE command): =, +, - or @
#: first, after any spaces; or a tab or carriage return first (OWASP's CSV injection list).
_FORMULA_START = re.compile(r"^(?:\s*[=+\-@]|[\t\r])")
#: A plain number (-12.5, +3%) is no formula, and an apostrophe would turn it into text.
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?$")


def formula_like(value: Any) -> bool:
    """Would a spreadsheet run this cell as a formula? (plain numbers are not)"""
    return isinstance(value, str) and bool(_FORMULA_START.match(value)) and not _PLAIN_NUMBER.match(value.strip())


def spreadsheet_text(value: Any) -> Any:
    """A cell for a CSV a person opens in Excel or WPS: formula-like text gets a leading
    apostrophe so it shows as text and never runs; anything else is returned as it is.

    Escaping is for the spreadsheet copies only: the parquet tables keep the true text.
    """
    return "'" + value if formula_like(value) else value


def from_spreadsheet_text(value: Any) -> Any:
    """The text `spreadsheet_text` escaped, as typed: the apostrophe before formula-like text removed."""
    if isinstance(value, str) and value.startswith("'") and formula_like(value[1:]):
        return value[1:]
    return value


#: The lock file a command keeps inside the folder it writes (see `exclusive`).
LOCK_NAME = ".lock"
#: Locks this process holds, by lock file: `exclusive` is re-entrant (run → table nest).
_HELD: dict[str, int] = {}


def lock_file(folder: Path | str) -> Path:
    """The lock of a folder: a hidden file inside it, so a command never writes beside its output.

    Folders are no longer swapped whole (`staged` replaces file by file), so the lock survives.
    """
    return Path(folder).resolve() / LOCK_NAME


@contextmanager
def exclusive(folder: Path | str) -> Iterator[None]:
    """Hold `folder`'s lock (flock on its sibling lock file) for the block; a second holder waits.

    `table` and `run` take the lock of the period's tables, so neither rewrites them under the
    other. Re-entrant within a process; without fcntl (not POSIX) it does not lock.
    """
    path = lock_file(folder)
    key = str(path)
    if key in _HELD:
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    try:
        import fcntl
    except ImportError:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)  # the folder itself: the lock lives in it
    with open(path, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            print(say("lock.waiting", path=path), file=sys.stderr)
            fcntl.flock(fh, fcntl.LOCK_EX)
        _HELD[key] = 1
        try:
            yield
        finally:
            del _HELD[key]
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextmanager
def staged(dest: Path | str, last: tuple[str, ...] = ()) -> Iterator[Path]:
    """Yield a hidden staging folder inside `dest`; when the block succeeds, each file written
    there replaces its namesake in `dest` (one rename each, the names in `last` after the others).

    A writer owns only the files it writes: nothing else in `dest` is moved, copied or deleted
    (`--out .` in a checkout keeps .git and src/). A failure inside the block (disk full, a schema
    error) leaves every old file untouched and removes the staging folder. Staging inside `dest`
    keeps the renames on one file system and writes nothing beside the output.
    """
    dest = Path(dest).resolve()
    dest.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".staging.", dir=dest))
    try:
        try:
            yield tmp
        except OSError as e:  # name the file the user knows, not the staging folder's
            name = str(e.filename or "")
            if name.startswith(str(tmp)):
                raise OSError(e.errno, e.strerror, str(dest / Path(name).relative_to(tmp))) from None
            raise
        order = {name: i for i, name in enumerate(last, start=1)}
        for p in sorted((p for p in tmp.iterdir() if p.is_file()), key=lambda p: (order.get(p.name, 0), p.name)):
            os.replace(p, dest / p.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def check_writable_dir(path: Path | str) -> Path:
    """Refuse (OutputError) a folder that cannot be written, before any expensive work.

    The folder need not exist yet: its nearest existing ancestor must be a folder (not a regular
    file) in which a file can be created. A probe file is created and removed, since permission
    bits alone say nothing on a read-only mount or for root.
    """
    path = Path(path)
    probe = path
    while True:
        try:
            st = probe.stat()
            break
        except (FileNotFoundError, NotADirectoryError):  # walk up to the part that exists
            if probe.parent == probe:
                raise OutputError(path, say("folder.none")) from None
            probe = probe.parent
        except OSError as e:
            raise OutputError(path, os_problem(e)) from None
    if not stat.S_ISDIR(st.st_mode):
        raise OutputError(path, say("folder.is_file") if probe == path else say("folder.under_file", probe=probe))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".write-check.", dir=probe)
        os.close(fd)
        os.unlink(tmp)
    except OSError as e:
        raise OutputError(path if probe == path else probe, say("folder.cannot_write", problem=os_problem(e))) from None
    return path
