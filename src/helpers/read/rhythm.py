"""Records from a text's own rhythm, when no header row names the columns.

Placeholder: refuses, naming what it saw (filled in by the headerless readers).
"""

from __future__ import annotations

from helpers.errors import ParseError
from helpers.read.ingest import Document
from helpers.read.records import Parsed
from helpers.read.roles import RoleTable


def read_rhythm(doc: Document, rt: RoleTable, columns: list[str] | None, strict: bool) -> Parsed:
    raise ParseError(doc.path, "no recognizable table header (a row with 序号, a task column such as "
                               "重点工作 and a progress, status or unit column; header words are listed in "
                               "data/reference/column_roles.csv)")
