"""The render server's key: everything a warm process may have loaded that a page depends on.

A render server (helpers.report.server) keeps worker processes and kernels alive between
commands; it may serve a run only while nothing they loaded has changed since it started: the
helpers package's files, the notebooks, the reference tables, the interpreter and the installed
distributions, the environment variables the code (or a library) reads, the system's fonts.
`server_key` hashes them all; `signature` is the cheap check (names, sizes and times only) the
server repeats while it idles, to end itself as soon as any of them moves.
"""

from __future__ import annotations

import hashlib
import os
import site
import sys
from pathlib import Path
from typing import Iterable, Iterator

from helpers import paths, provenance

#: Bumped when the client and the server start speaking differently.
PROTOCOL = 1
#: Environment variables read by the code or by a library it loads (by prefix, then by name).
KEYED_ENV_PREFIXES = ("HELPERS_", "PYTHON", "JUPYTER", "IPYTHON", "MPL", "LC_", "XDG_", "FONTCONFIG",
                      "PANDAS", "PANDERA", "ARROW", "OMP_", "OPENBLAS", "MKL_", "NUMEXPR", "PANGO", "CAIRO")
KEYED_ENV_NAMES = ("PATH", "LANG", "LANGUAGE", "TZ", "HOME", "TMPDIR", "CI", "LD_LIBRARY_PATH",
                   "LD_PRELOAD", "SOURCE_DATE_EPOCH", "GDK_PIXBUF_MODULE_FILE")
#: Variables that steer the server itself, not what a page is made with.
UNKEYED_ENV = ("HELPERS_NO_SERVER", "HELPERS_SERVER_IDLE", "HELPERS_SERVER_KERNELS")
#: Where fontconfig keeps its caches: a font installed or removed changes them.
FONT_CACHES = ("/var/cache/fontconfig", "~/.cache/fontconfig", "~/.fontconfig")
#: Reference tables no warm process reads: the corrections are applied when a command builds the
#: tables, in its own process, and a page reads them from the tables; keyed, every imported
#: correction would end the server the next command needs.
UNLOADED_REFERENCE = (paths.OVERRIDES_CSV.name,)
#: Files of an installed distribution that change whenever it is installed, upgraded or removed.
_DIST_SUFFIXES = (".dist-info", ".egg-info", ".egg-link", ".pth", ".egg")


def keyed_environment(environ: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """The environment variables in the key, sorted (the server's own switches left out)."""
    env = os.environ if environ is None else environ
    return sorted((k, v) for k, v in env.items() if k not in UNKEYED_ENV
                  and (k in KEYED_ENV_NAMES or k.startswith(KEYED_ENV_PREFIXES)))


def _files(folder: Path, pattern: str = "*") -> Iterator[Path]:
    """Files under `folder` (bytecode caches left out: they follow the sources), sorted."""
    if folder.is_dir():
        yield from sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)


def _site_dirs() -> list[Path]:
    """Every folder distributions are installed in, for this interpreter and environment."""
    dirs = [*site.getsitepackages(), site.getusersitepackages(),
            *os.environ.get("PYTHONPATH", "").split(os.pathsep)]
    return [Path(d) for d in dict.fromkeys(d for d in dirs if d and os.path.isdir(d))]


def _installed(dirs: Iterable[Path]) -> Iterator[Path]:
    """The records of installed distributions: a RECORD (or the entry itself) per distribution."""
    for d in dirs:
        yield d  # the folder's own time moves when an entry is added or removed
        try:
            names = sorted(os.listdir(d))
        except OSError:
            continue
        for n in names:
            if n.endswith(_DIST_SUFFIXES):
                record = d / n / "RECORD"
                yield record if record.is_file() else d / n


def _font_caches() -> list[Path]:
    return [Path(os.path.expanduser(p)) for p in FONT_CACHES]


def _stat(p: Path) -> str:
    try:
        st = p.stat()
    except OSError:
        return f"{p}|-"
    return f"{p}|{st.st_size}|{st.st_mtime_ns}|{st.st_ino}"


def _sources(notebooks: Path) -> list[Path]:
    """Files whose content is hashed: the package's, the notebooks', the reference tables'."""
    reference = [p for p in _files(paths.REFERENCE) if p.name not in UNLOADED_REFERENCE]
    return [*_files(provenance.PACKAGE_DIR), *_files(Path(notebooks), "*.ipynb"), *reference]


def signature(notebooks: Path | str) -> str:
    """Names, sizes and times of everything in the key (milliseconds; the server polls it)."""
    h = hashlib.sha256()
    for p in [*_sources(Path(notebooks)), *_installed(_site_dirs()), *_font_caches()]:
        h.update(_stat(p).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def server_key(notebooks: Path | str) -> str:
    """The key a render server must hold to serve pages rendered with `notebooks` by this
    interpreter, package and environment (sources by content, installed packages by record)."""
    notebooks = Path(notebooks).resolve()
    h = hashlib.sha256()

    def put(*parts: object) -> None:
        h.update("\x1f".join(map(str, parts)).encode("utf-8", "surrogatepass") + b"\x1e")

    # resolved: a relative HELPERS_ROOT names another project from another folder
    put("protocol", PROTOCOL, sys.executable, sys.version, sys.prefix, provenance.PACKAGE_DIR,
        Path(paths.ROOT).resolve(), Path(paths.CACHE).resolve(), notebooks)
    for p in _sources(notebooks):
        try:
            put(p, hashlib.sha256(p.read_bytes()).hexdigest())
        except OSError:  # removed meanwhile: the key moves, as it should
            put(p, "-")
    for p in [*_installed(_site_dirs()), *_font_caches()]:
        put(_stat(p))
    for k, v in keyed_environment():
        put("env", k, v)
    return h.hexdigest()
