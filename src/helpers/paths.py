"""Every path the project uses, built in one place (cookiecutter-data-science's rule)."""

from __future__ import annotations

import os
from pathlib import Path

#: The project root: the folder holding pyproject.toml. HELPERS_ROOT overrides it (tests use it).
ROOT = Path(os.environ.get("HELPERS_ROOT", Path(__file__).resolve().parents[2]))

DATA = ROOT / "data"
RAW = DATA / "raw"
PROCESSED = DATA / "processed"
REFERENCE = DATA / "reference"
NOTEBOOKS = ROOT / "notebooks"
OUTPUT = ROOT / "output"
#: Everything cached lives here, keyed by what it depends on; safe to delete.
CACHE = Path(os.environ.get("HELPERS_CACHE", ROOT / ".cache"))

BUREAUS_CSV = REFERENCE / "bureaus.csv"
SECTOR_RULES_CSV = REFERENCE / "sector_rules.csv"
SECTORS_CSV = REFERENCE / "sectors.csv"
OVERRIDES_CSV = REFERENCE / "overrides.csv"
RECIPIENTS_CSV = REFERENCE / "recipients.csv"
MAIL_SETTINGS_TOML = REFERENCE / "mail_settings.toml"
LEXICON_CSV = REFERENCE / "lexicon.csv"
TASK_MATCHES_CSV = REFERENCE / "task_matches.csv"
COLUMN_ROLES_CSV = REFERENCE / "column_roles.csv"
#: The warning levels (预警) of lagging tasks: read by the briefings, not by the task table.
WARNING_LEVELS_CSV = REFERENCE / "warning_levels.csv"

DEFAULT_PERIOD = "2024H1"
DEFAULT_RAW = RAW / "luan_2024H1.txt"


def relative(path: Path | str | None, root: Path | None = None) -> str | None:
    """`path` relative to the project root (`root`, default ROOT) when inside it, else absolute:
    how the manifest and the caches name a project's files, so a project copied or moved
    elsewhere keeps them. A relative `path` is taken from the working folder."""
    if path is None:
        return None
    path = Path(path) if Path(path).is_absolute() else Path(path).resolve()
    try:
        return str(path.relative_to(ROOT if root is None else root))
    except ValueError:
        return str(path)


def resolve(p: str | None, root: Path | None = None) -> Path | None:
    """A path written by `relative`, resolved against the project root (`root`, default ROOT)."""
    if not p:
        return None
    path = Path(p)
    return path if path.is_absolute() else Path(ROOT if root is None else root) / path


def processed_dir(period: str) -> Path:
    """Folder of one period's cleaned tables."""
    return PROCESSED / period


def tasks_path(period: str, suffix: str = "parquet") -> Path:
    return processed_dir(period) / f"tasks.{suffix}"


def indicators_path(period: str, suffix: str = "parquet") -> Path:
    return processed_dir(period) / f"indicators.{suffix}"


def quality_path(period: str) -> Path:
    return processed_dir(period) / "quality.json"


#: The tables `run` writes beside a period's when it compares it with an earlier one (helpers.compare.chain).
COMPARISON_TABLES = ("matches", "changes", "change_shares")


def matches_path(period: str, suffix: str = "parquet") -> Path:
    """How the period's tasks were tied to the earlier period's (helpers.compare.chain)."""
    return processed_dir(period) / f"matches.{suffix}"


def changes_path(period: str, suffix: str = "parquet") -> Path:
    """What changed per task since the earlier period (helpers.compare.chain)."""
    return processed_dir(period) / f"changes.{suffix}"


def output_dir(period: str) -> Path:
    """Folder of one period's rendered briefings."""
    return OUTPUT / period


def ledger_path(period: str) -> Path:
    """The researchers' supervision ledger (督查台账) of one period, an Excel workbook."""
    return output_dir(period) / f"台账_{period}.xlsx"


def manifest_path(period: str) -> Path:
    return output_dir(period) / "manifest.json"


def mail_dir(period: str) -> Path:
    return output_dir(period) / "mail"
