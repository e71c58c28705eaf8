"""quality.json, the parser's and the judge's account of one report, as a typed record.

Each field is defined once here (type and meaning); `table` writes the record through `Quality.write`
and every reader loads it through `read_quality`, so a field renamed or retyped on one side cannot
silently read as missing on the other. A file that does not fit the record is refused with one
line naming the file and the field.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from helpers.errors import SchemaError
from helpers.messages import say
from helpers.files import write_json

FILE_NAME = "quality.json"


class _Record(BaseModel):
    # frozen: a loaded account is evidence, not a scratch pad; forbid: an unknown key is a contract
    # broken (an old or foreign file), not something to carry along unread
    model_config = ConfigDict(frozen=True, extra="forbid")


class TableColumns(_Record):
    table: int = Field(description="number of the table in the report (1-based)")
    roles: list[str] = Field(description="the role of each header cell, in order (helpers.read.roles)")
    headers: dict[str, str] = Field(description="role → the header cell as printed")


class Section(_Record):
    line: int = Field(description="line of the section heading (1-based)")
    text: str = Field(description="the heading as printed")
    declared: int | None = Field(description="tasks the heading declares (共9项), if it does")
    table: int = Field(description="table the section is in")
    parsed: int = Field(description="tasks parsed under the heading")


class SeqGap(_Record):
    table: str = Field(description="table kind (quantified / general)")
    after: int = Field(description="the 序号 before the gap")
    missing: list[int] = Field(description="the 序号 skipped")


class SeqRepeat(_Record):
    table: str = Field(description="table kind (quantified / general)")
    seq: int = Field(description="the 序号 printed twice")
    line: int = Field(description="line of the second row")


class EmptyField(_Record):
    task_id: str
    field: str = Field(description="the column left empty (task, bureau_raw, progress)")


class SourceLine(_Record):
    line: int = Field(description="line in the decoded source (1-based)")
    text: str = Field(description="the line as printed")


class ChromeLine(SourceLine):
    why: str = Field(description="why it was taken for page chrome (page number …)")


class LineAccounting(_Record):
    region: list[int] = Field(description="first and last line of the table region")
    nonblank_lines: int
    placed_lines: int = Field(description="non-blank lines that went to a header, row, heading or chrome")
    missing_lines: list[int] = Field(description="lines placed nowhere (listed as unassigned too)")
    doubly_placed_lines: list[int] = Field(description="lines claimed by two different places")
    lines_holding_several_rows: list[int] = Field(description="lines of a table printed on one line")


class UnknownUnit(_Record):
    unit: str = Field(description="a unit not in bureaus.csv for the report's city, as printed")
    task_ids: list[str]


class RenamedUnit(_Record):
    printed_as: str = Field(description="the old name the report prints (市经信局)")
    shown_as: str = Field(description="the current name shown (市工信局)")
    task_ids: list[str]


class CarriedCell(_Record):
    task_id: str
    columns: list[str] = Field(description="roles whose cell was printed once above and carried down")


class ReadFlags(_Record):
    task_id: str
    flags: list[str] = Field(description="why the reader doubts this row's cells (helpers.read)")


class ReviewEntry(_Record):
    task_id: str
    status: str = Field(description="the status judged (a code of helpers.statuses.STATUSES)")
    reason: str = Field(description="the review_reason cell: reasons joined with helpers.statuses.REASON_SEP")
    numbers: list[str] = Field(description="figures the judge could not place, to mark in the text")


class OfficialDisagreement(_Record):
    task_id: str
    official_status: str | None = Field(description="the report's status cell as printed")
    official_status_code: str = Field(description="that cell mapped to a status code")
    status: str = Field(description="the status the rules judged")


class Quality(_Record):
    """What the parser found in one report and what the judge flagged (quality.json)."""

    source_file: str = Field(description="the raw report the table was built from")
    encoding: str = Field(description="the encoding the report was decoded with")
    layout: str = Field(description="how the cells were delimited (helpers.read.parse)")
    period: str = Field(description="period code, e.g. 2024H1")
    period_end: date = Field(description="last day of the period")
    pace: float = Field(description="the time pace: months elapsed / 12")
    ahead_margin: float = Field(description="points above the pace that counted as ahead")
    title: str | None = Field(description="the report's title")
    city: str | None = Field(description="the report's city (scopes bureaus.csv), None when unknown")
    city_source: str | None = Field(description="how the city was found (title, text, --city)")
    columns: list[TableColumns] = Field(description="each table's header roles")
    declared_counts: dict[str, int] = Field(description="table kind → tasks its heading declares (35项)")
    parsed_counts: dict[str, int] = Field(description="table kind → rows parsed")
    counts_match: bool = Field(description="every declared count equals the rows parsed")
    sections: list[Section]
    seq_gaps: list[SeqGap]
    seq_repeats: list[SeqRepeat]
    empty_fields: list[EmptyField]
    truncated_rows: list[str] = Field(description="tasks the report ends inside (is_truncated)")
    unassigned_lines: list[SourceLine] = Field(description="lines placed in no row: never dropped silently")
    chrome_lines: list[ChromeLine] = Field(description="page chrome removed (page numbers …)")
    line_accounting: LineAccounting
    unknown_bureaus: list[UnknownUnit]
    renamed_units: list[RenamedUnit]
    carried_cells: list[CarriedCell]
    period_data_warning: str | None = Field(description="the figures run to another month than the period")
    progress_opening_with_units: list[str] = Field(description="tasks whose progress opens with a unit list")
    door: str = Field(description="how the file came in: text, html, docx, xlsx, pdf")
    door_notes: list[str] = Field(description="what the door chose (the sheet read), for the user")
    read_flags: list[ReadFlags] = Field(description="rows whose cells the reader doubts")
    sector_fallbacks: list[str] = Field(description="tasks whose sector is the lead unit's default")
    review: list[ReviewEntry] = Field(description="exactly the tasks flagged needs_review, with reasons")
    official_disagreements: list[OfficialDisagreement]
    overrides: list[str] = Field(description="tasks whose status a researcher's override set")
    warnings: list[str] = Field(description="the warnings `table` printed")

    @property
    def is_incomplete(self) -> bool:
        """The report was cut off or its counts do not match: some tasks may be missing."""
        return bool(self.truncated_rows) or not self.counts_match

    def write(self, folder: Path | str) -> Path:
        """Write quality.json into `folder` atomically; return its path."""
        path = Path(folder) / FILE_NAME
        write_json(path, self.model_dump(mode="json"))
        return path


def read_quality(path: Path | str) -> Quality:
    """Load a quality.json (or the quality.json of a folder); SchemaError naming the file and the
    first field that does not fit when it is not this record."""
    path = Path(path)
    if path.is_dir():
        path = path / FILE_NAME
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SchemaError(say("tables.missing", path=path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise SchemaError(say("quality.unreadable", path=path, problem=e)) from None
    try:
        return Quality.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first["loc"]) or "(top)"
        raise SchemaError(say("quality.bad_fields", path=path, n=e.error_count(), where=where, problem=first["msg"])) from None


def find_quality(folder: Path | str) -> Quality | None:
    """The quality.json of a folder, None when the folder has none (a table built elsewhere)."""
    path = Path(folder) / FILE_NAME
    return read_quality(path) if path.exists() else None
