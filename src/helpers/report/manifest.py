"""`output/<period>/manifest.json`: what one run rendered, defined once.

`run` writes it through `Manifest.write`; `mail` (and anything else that reads a run's pages)
reads it through `Manifest.read`. The rule for a page that no longer stands for the tables —
rendered from older tables, its file changed after the run, or the run still in progress — is
`problems` here, and nowhere else.

Paths in the file are relative to the project root when inside it (absolute otherwise), so a
checkout moved elsewhere keeps a valid manifest.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable

from helpers.errors import HelpersError
from helpers.files import write_text
from helpers.paths import resolve
from helpers.messages import say
from helpers.provenance import file_sha256, files_record

NAME = "manifest.json"
#: Exists in the output folder while a run works on it; a kill leaves it behind.
MARKER = ".in-progress"
#: Page kinds that are briefings (mailed, one PDF each); the others are research pages.
BRIEFING_KINDS = ("city", "bureau")
RESEARCH_KINDS = ("data_quality", "pace_analysis")
#: The roles of a page's files, in the order they are listed.
ROLES = ("html", "pdf", "notebook")


class ManifestError(HelpersError):
    """manifest.json is missing, unreadable or not a run's manifest."""


@dataclass(frozen=True)
class Page:
    """One rendered page: its files (paths as written in the manifest) and what it came from."""

    kind: str  # city | bureau | data_quality | pace_analysis
    bureau: str | None = None  # the unit, for kind "bureau"
    html: str | None = None
    pdf: str | None = None
    notebook: str | None = None  # the executed notebook
    seconds: float = 0.0  # how long it took to render
    sha256: dict[str, str] = field(default_factory=dict)  # role → checksum of the file as written
    tables: str | None = None  # key of the tables (and comparison) it was rendered from

    @property
    def id(self) -> str:
        """'city', 'data_quality', … or 'bureau:<unit>': one page per id."""
        return self.kind if not self.bureau else f"bureau:{self.bureau}"

    @property
    def is_briefing(self) -> bool:
        return self.kind in BRIEFING_KINDS

    def files(self, root: Path) -> dict[str, Path]:
        """The page's files by role, resolved against the project root."""
        return {role: resolve(getattr(self, role), root) for role in ROLES if getattr(self, role)}


@dataclass(frozen=True)
class Failure:
    """A page whose notebook failed: no file of it is listed, the error is."""

    kind: str
    bureau: str | None = None
    notebook: str | None = None
    error: str = "failed"

    @property
    def id(self) -> str:
        return self.kind if not self.bureau else f"bureau:{self.bureau}"


@dataclass(frozen=True)
class Manifest:
    """A run's record: inputs, tables, parameters, versions and every page with its checksums."""

    period: str
    briefings: tuple[Page, ...] = ()
    research: tuple[Page, ...] = ()
    failures: tuple[Failure, ...] = ()
    #: the raw report and reference files, each {"path", "sha256"}
    inputs: tuple[dict[str, Any], ...] = ()
    #: {"folder", "files": name → sha256, "key"}: the tables every current page is rendered from
    tables: dict[str, Any] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    #: the earlier period compared with (helpers.compare.chain) and its tables, by checksum
    comparison: dict[str, Any] = field(default_factory=dict)

    @property
    def pages(self) -> tuple[Page, ...]:
        return self.briefings + self.research

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        order = ("period", "inputs", "tables", "parameters", "versions", "comparison",
                 "briefings", "research", "failures")
        return {k: (list(data[k]) if isinstance(data[k], tuple) else data[k]) for k in order}

    def text(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n"

    def write(self, path: Path) -> bool:
        """Write atomically, only when the content changed; True when written."""
        text = self.text()
        if path.exists() and path.read_text(encoding="utf-8") == text:
            return False
        write_text(path, text)
        return True

    @classmethod
    def from_json(cls, data: Any, where: str) -> "Manifest":
        """The record of parsed JSON; anything that is not a run's manifest is a ManifestError."""
        if not isinstance(data, dict) or not isinstance(data.get("briefings"), list):
            raise ManifestError(say("manifest.not_manifest", path=where))
        pages: dict[str, list[Page]] = {"briefings": [], "research": []}
        for key in pages:
            for i, e in enumerate(data.get(key) or []):
                pages[key].append(_page(e, where, key, i + 1))
        failures = tuple(Failure(**{k: f.get(k) for k in ("kind", "bureau", "notebook")},
                                 error=str(f.get("error") or "failed"))
                         for f in data.get("failures") or [] if isinstance(f, dict) and f)
        return cls(period=str(data.get("period") or ""), briefings=tuple(pages["briefings"]),
                   research=tuple(pages["research"]), failures=failures,
                   inputs=tuple(data.get("inputs") or ()), tables=dict(data.get("tables") or {}),
                   parameters=dict(data.get("parameters") or {}),
                   versions=dict(data.get("versions") or {}), comparison=dict(data.get("comparison") or {}))

    @classmethod
    def read(cls, path: Path) -> "Manifest":
        """Read `path`; ManifestError when it is missing, unreadable or not a manifest."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ManifestError(say("manifest.none", path=path)) from None
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise ManifestError(say("manifest.unreadable", path=path, problem=e)) from None
        return cls.from_json(data, str(path))

    @classmethod
    def read_or_none(cls, path: Path, period: str) -> "Manifest | None":
        """The manifest of `period` at `path`, or None when there is no readable one."""
        try:
            found = cls.read(path)
        except ManifestError:
            return None
        return found if found.period == period else None


def _page(e: Any, where: str, key: str, n: int) -> Page:
    """Entry `n` of the manifest's list `key`; a ManifestError naming it when it is not a page."""
    problem = None
    if not isinstance(e, dict):
        problem = say("manifest.not_object", value=repr(e)[:60])
    elif not isinstance(e.get("kind"), str) or not e.get("kind"):
        problem = say("manifest.no_kind")
    elif e["kind"] == "bureau" and not e.get("bureau"):
        problem = say("manifest.no_bureau")
    if problem:
        raise ManifestError(say("manifest.entry", path=where, listing=key, n=n, problem=problem))
    kind = e["kind"]
    sha = e.get("sha256") if isinstance(e.get("sha256"), dict) else {}
    return Page(kind=kind, bureau=e.get("bureau") or None, html=e.get("html"), pdf=e.get("pdf"),
                notebook=e.get("notebook"), seconds=float(e.get("seconds") or 0.0),
                sha256={str(k): str(v) for k, v in sha.items() if v}, tables=e.get("tables"))


def stale_pages(m: Manifest) -> list[Page]:
    """Pages rendered from other tables than the manifest's current ones (a partial run after the
    tables changed keeps the other units' older pages)."""
    key = m.tables.get("key")
    return [p for p in m.pages if key is not None and p.tables != key]


def in_progress(folder: Path) -> str | None:
    """Why the run folder is unfinished (its marker is there), or None."""
    if (folder / MARKER).exists():
        return say("manifest.in_progress", folder=folder, marker=MARKER)
    return None


def problems(m: Manifest, folder: Path, root: Path, pages: Iterable[Page] | None = None) -> list[str]:
    """Why the run in `folder` cannot be trusted as it stands, first reason first (empty: it can):
    a run in progress or killed (its marker is left), a page file whose checksum is not the one
    recorded, tables changed after the run, pages rendered from older tables."""
    if in_progress(folder):
        return [str(in_progress(folder))]
    out: list[str] = []
    for page in m.pages if pages is None else pages:
        for role, path in page.files(root).items():
            sha = page.sha256.get(role)
            if sha and (not path.is_file() or file_sha256(path) != sha):
                out.append(say("manifest.checksum", path=path))
    tables = resolve(m.tables.get("folder"), root)
    if tables is not None and files_record(tables) != m.tables.get("files"):
        out.append(say("manifest.tables_changed", manifest=folder / NAME, tables=tables))
    stale = [p.bureau or p.kind for p in stale_pages(m) if p.is_briefing]
    if stale:
        out.append(say("manifest.stale", manifest=folder / NAME, n=len(stale), who="、".join(stale[:5])))
    return out


def listed_files(m: Manifest, root: Path) -> set[Path]:
    """Every file the manifest lists (the pages a run owns in its folder)."""
    return {path.resolve() for page in m.pages for path in page.files(root).values()}


def prune(old: Manifest | None, new: Manifest, root: Path, folders: Iterable[Path]) -> list[Path]:
    """Remove the files in `folders` the previous manifest listed and the new one does not (an
    old PDF after `--formats html`, the page of a unit no longer in the report): a writer
    removes only what it wrote, and nothing stale stays beside the manifest."""
    if old is None:
        return []
    inside = {Path(f).resolve() for f in folders}
    removed = []
    for path in sorted(listed_files(old, root) - listed_files(new, root)):
        if path.parent in inside and path.is_file():
            path.unlink()
            removed.append(path)
    return removed
