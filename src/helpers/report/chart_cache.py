"""Drawn charts kept by what they show: a chart whose data and code did not change is not drawn again.

A chart's key is everything its pixels come from: the drawing function, its arguments, the
columns of the table it reads (`Reads`: the function is handed those columns only, so it cannot
read one the key leaves out), the code of the whole package, the matplotlib style in force, the
font file, the library versions and the lookup tables under data/reference/ (sector names and
the like; not the researcher's corrections, which reach a chart only through the table). Never
a position on a page: the city's page and the pace analysis draw the same chart of the same
data once between them, even at the same time: a process drawing a chart claims its key, and
another that needs it meanwhile waits for it (`drawing`). Entries live in `paths.CACHE/charts/`
(safe to delete); the oldest go when there are more than `KEEP`.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import matplotlib
import numpy as np
import pandas as pd
import PIL

from helpers import paths, provenance
from helpers.files import write_text
from helpers.report.fonts import find_cjk_font_face
from helpers.report.page_data import row_hashes

#: Bump when the way an entry is stored or keyed changes.
RECIPE = "1"
#: Entries kept (a run draws about one chart a unit page and five on the city's and research pages).
KEEP = 400
#: Lookup tables that reach a chart only through the task table it is given (hashed as its data).
CORRECTIONS = (paths.OVERRIDES_CSV.name, paths.TASK_MATCHES_CSV.name)
#: Seconds a page waits for a chart another process claimed before drawing it itself (a chart
#: takes a fraction of a second; a holder that died is noticed at once), and between looks.
WAIT, POLL = 10.0, 0.02


@dataclass(frozen=True)
class Drawn:
    """A chart as the page shows it: PNG bytes at print resolution, width in inches, alt text."""

    png: bytes
    width_in: float
    alt: str


def folder() -> Path:
    """Where the drawn charts are kept (read at each call: tests and `HELPERS_ROOT` move it)."""
    return paths.CACHE / "charts"


def _style() -> str:
    # dict.items: rcParams' own items() would resolve the backend (importing pyplot, 0.6 s);
    # the backend draws nothing here (charts draw with Agg).
    return repr(sorted((k, repr(v)) for k, v in dict.items(matplotlib.rcParams) if "backend" not in k))


@functools.lru_cache(maxsize=1)
def _code() -> str:
    """The package's code, hashed once per process (the code a process runs is what it imported)."""
    return provenance.package_digest()


def _surroundings() -> list[Any]:
    """What every chart is drawn with besides its own data: code, style, font, versions, tables."""
    font, index, _family = find_cjk_font_face()
    st = os.stat(font)
    reference = sorted((p.name, provenance.file_sha256(p)) for p in Path(paths.REFERENCE).glob("*")
                       if p.is_file() and p.name not in CORRECTIONS)
    return [RECIPE, _code(), _style(), str(font), index, st.st_size, st.st_mtime_ns,
            matplotlib.__version__, PIL.__version__, np.__version__, pd.__version__, reference]


def frame_digest(frame: pd.DataFrame) -> str:
    """Checksum of a table's cells in order, its column names and types and its attributes."""
    head = repr(([(str(c), str(t)) for c, t in frame.dtypes.items()], sorted(frame.attrs.items())))
    rows = row_hashes(frame) if len(frame.columns) else pd.Series([], dtype="uint64")
    return hashlib.sha256(head.encode("utf-8") + rows.to_numpy().tobytes()).hexdigest()


def chart_key(draw: Callable[..., Any], frame: pd.DataFrame, args: Sequence[Any], kwargs: dict[str, Any]) -> str:
    """The key of the chart `draw(frame, *args, **kwargs)` (module docstring)."""
    what = [f"{draw.__module__}.{draw.__qualname__}", repr(tuple(args)), repr(sorted(kwargs.items())),
            frame_digest(frame), *_surroundings()]
    return hashlib.sha256(repr(what).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def load(key: str) -> Drawn | None:
    """The chart kept under `key`, or None (never drawn, removed, or unreadable)."""
    path = folder() / f"{key}.json"
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
        drawn = Drawn(base64.b64decode(entry["png"], validate=True), float(entry["width_in"]), str(entry["alt"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.utime(path)  # recently used: kept longest
    except OSError:
        pass
    return drawn


def store(key: str, drawn: Drawn) -> None:
    """Keep `drawn` under `key` (atomically); a cache that cannot be written is skipped, not an error."""
    entry = {"png": base64.b64encode(drawn.png).decode("ascii"), "width_in": drawn.width_in, "alt": drawn.alt}
    try:
        write_text(folder() / f"{key}.json", json.dumps(entry))
        _prune()
    except OSError:
        pass


@contextmanager
def drawing(key: str) -> Iterator[Drawn | None]:
    """The chart kept under `key` (waited for while another process draws it), or None: draw it
    in the block, under this process's claim, and `store` it."""
    kept = load(key)
    if kept is None:
        claim = folder() / f"{key}.claim"
        mine = _take(claim)
        if mine is False:  # someone else is drawing it
            kept = _wait(key, claim)
            mine = None if kept is None else False
        if kept is None:
            try:
                yield None
            finally:
                if mine:
                    claim.unlink(missing_ok=True)
            return
    yield kept


def _take(claim: Path) -> bool | None:
    """Claim a key: True, taken; False, another process holds it; None, no cache to claim in."""
    try:
        claim.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    except OSError:
        return None
    with os.fdopen(fd, "w") as fh:
        fh.write(str(os.getpid()))
    return True


def _holder_alive(claim: Path) -> bool:
    try:
        os.kill(int(claim.read_text(encoding="ascii").strip()), 0)
    except ProcessLookupError:
        return False
    except (OSError, ValueError):  # gone, being written, or someone else's live process
        return claim.exists()
    return True


def _wait(key: str, claim: Path) -> Drawn | None:
    """The chart another process is drawing under `claim`, once kept; None when it ends without
    keeping it, died (its claim removed) or takes longer than WAIT."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        kept = load(key)
        if kept is not None or not claim.exists():
            return kept
        if not _holder_alive(claim):
            claim.unlink(missing_ok=True)
            return None
        time.sleep(POLL)
    return None


def _prune() -> None:
    entries = sorted(os.scandir(folder()), key=lambda e: e.stat().st_mtime_ns, reverse=True)
    for old in [e for e in entries if e.name.endswith(".json")][KEEP:]:
        Path(old.path).unlink(missing_ok=True)
