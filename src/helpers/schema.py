"""Each column of the cleaned tables defined once: type, unit and meaning (PUDL's rule).

The pandera schemas built from these definitions are checked when a table is written and when
it is loaded, so a notebook never works on a table that drifted from this file. A check is done
once per version of a file: write_table records the checksum of the bytes it wrote after the
check (in the cache, `paths.CACHE/validated/`), and read_table trusts a file only when its
checksum is one recorded for the same schema; anything else (a table edited, copied in, written
by other code) is checked.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from functools import cached_property
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pandas as pd

from helpers import paths
from helpers.errors import SchemaError
from helpers.files import atomic_path, spreadsheet_text, write_bytes
from helpers.provenance import file_sha256
from helpers.messages import say
from helpers.statuses import CHANGE_CLASSES, REASON_SEP, ROLES, STATUS_ZH, STATUSES, role_of

TABLES = ("quantified", "general")
METHODS = ("verdict_phrase", "stated_ratio", "computed_ratio", "rate_target", "official_status", "none")
KINDS = ("count", "amount", "rate", "level", "comparison", "rank", "deliverable")
SECTORS = (
    "economy", "industry", "trade", "agriculture", "environment",
    "infrastructure", "social", "culture", "governance",
)


@dataclass(frozen=True)
class Col:
    name: str
    dtype: str  # pandas dtype: "string", "Int64", "float64", "bool", "datetime64[ns]"
    meaning: str
    unit: str = ""
    nullable: bool = False
    isin: tuple | None = None
    unique: bool = False
    zh: str = ""  # the meaning in Chinese, as the data-quality notebook shows it in JupyterLab (data_dictionary)
    role: str = ""  # a reasons column: the role (helpers.statuses.ROLES) every reason's label in it must have


TASK_COLUMNS: tuple[Col, ...] = (
    Col("task_id", "string", "stable id: Q01… for the quantified table, G001… for the general one", unique=True,
        zh="任务编号（固定）：量化表为 Q01…，一般表为 G001…"),
    Col("table", "string", "which table of the report the task is in", isin=TABLES,
        zh="任务所在的报告表格"),
    Col("seq", "Int64", "序号 as printed (9* → 9); a sub-row without its own 序号 repeats its parent's (see parent_seq)",
        zh="原文序号（9* 记为 9）；没有自身序号的子行沿用上级的序号（见 parent_seq）"),
    Col("parent_seq", "string", "for a sub-row printed without 序号: the 序号 of the row it stands under", nullable=True,
        zh="没有序号的子行所在的上级行的序号"),
    Col("section", "string", "section heading the row stands under (一、…负责事项), if any", nullable=True,
        zh="该行所在的章节标题（如 一、…负责事项），没有则为空"),
    Col("task", "string", "重点工作 / 督查内容: the target text",
        zh="重点工作 / 督查内容：目标原文"),
    Col("bureau_raw", "string", "牵头责任单位 as printed, whitespace removed",
        zh="原文的牵头责任单位（去掉空白）"),
    Col("bureaus", "string", "normalized lead units, joined with 、",
        zh="规范化后的牵头单位，以“、”连接"),
    Col("bureau", "string", "the first normalized lead unit: the one a bureau briefing files the task under",
        zh="规范化后的第一牵头单位：单位简报按它归属任务"),
    Col("bureau_aliases", "string", "aliases printed in brackets, e.g. 市政府国资委, joined with 、", nullable=True,
        zh="括号中的别名（如 市政府国资委），以“、”连接"),
    Col("co_bureaus", "string", "协同责任单位, normalized, joined with 、", nullable=True,
        zh="协同责任单位（规范化），以“、”连接"),
    Col("official_status", "string", "the status cell as printed (完成状态, 是否达序, or a 备注 / 完成情况 column holding status words)", nullable=True,
        zh="原文的状态栏（完成状态、是否达序，或写有状态词的备注 / 完成情况栏）"),
    Col("official_status_field", "string", "header of the column official_status came from (完成状态, 是否达序, 备注 …), so 是/否 can be mapped", nullable=True,
        zh="official_status 所在栏的表头（完成状态、是否达序、备注 …），据此解读“是 / 否”"),
    Col("task_source", "string", "任务来源, where the report has that column", nullable=True,
        zh="任务来源（报告有此栏时）"),
    Col("target_text", "string", "target column cell as printed (全年目标任务, 目标任务 beside a task column)", nullable=True,
        zh="原文的目标栏（全年目标任务；任务栏旁的目标任务）"),
    Col("rate_text", "string", "completion-rate cell as printed (完成目标(%), 占全年计划, 完成率)", nullable=True,
        zh="原文的完成率栏（完成目标(%)、占全年计划、完成率）"),
    Col("plan_text", "string", "schedule cell as printed (进度安排: the milestones of the year)", nullable=True,
        zh="原文的进度安排栏（全年的各个节点）"),
    Col("people", "string", "leaders or persons named (分管领导, 责任领导, 责任人); never units", nullable=True,
        zh="列出的领导或责任人（分管领导、责任领导、责任人），不含单位"),
    Col("units_renamed", "string", "units printed under an old name, as old→current (市经信局→市工信局), joined with 、", nullable=True,
        zh="以旧名称列出的单位，写作 旧→新（市经信局→市工信局），以“、”连接"),
    Col("sector", "string", "primary sector code", isin=SECTORS,
        zh="主要领域代码"),
    Col("sector_name", "string", "primary sector, Chinese name",
        zh="主要领域的中文名称"),
    Col("sector_rule", "string", "which rule of data/reference/sector_rules.csv assigned the sector",
        zh="判定领域所依据的 data/reference/sector_rules.csv 规则"),
    Col("progress", "string", "落实情况 paragraphs of the current period as printed, newline-joined; a 备注/说明 that is not a status word is its last paragraph", nullable=True,
        zh="本期落实情况原文，各段以换行连接；不是状态词的备注 / 说明作为最后一段"),
    Col("progress_other", "string", "the other period's progress column when the report prints two (1-10月 beside 1-11月)", nullable=True,
        zh="报告并列两期进展时的另一期（如 1-11月旁的 1-10月）"),
    Col("problems", "string", "存在问题: the problems part of a progress cell that labels its parts", nullable=True,
        zh="进展栏中标明的“存在问题”部分"),
    Col("next_steps", "string", "下一步打算 / 下步工作: the plans part of a progress cell that labels its parts", nullable=True,
        zh="进展栏中标明的“下一步打算 / 下步工作”部分"),
    Col("read_flags", "string", "why the reader doubts how this row was read (a cell that does not fit its column, a layout read without a header), joined with ；", nullable=True,
        zh="该行读取存疑的原因（某格与所在栏不符、无表头读取的版式等），以“；”连接"),
    Col("period", "string", "reporting period code, e.g. 2024H1",
        zh="报告期代码，如 2024H1"),
    Col("period_end", "datetime64[ns]", "last day of the reporting period",
        zh="报告期的最后一天"),
    Col("source_file", "string", "raw file the row was parsed from",
        zh="该行所出自的原文文件"),
    Col("line_start", "Int64", "first line of the row in the decoded source (1-based)",
        zh="该行在原文中的起始行号（从 1 起）"),
    Col("line_end", "Int64", "last line of the row in the decoded source (1-based)",
        zh="该行在原文中的结束行号（从 1 起）"),
    Col("is_truncated", "bool", "the source ends inside this row",
        zh="原文在该行中间截断"),
    # judgement (helpers.judge.status)
    Col("status", "string", "pace status code", isin=STATUSES,
        zh="进度状态代码"),
    Col("status_zh", "string", "pace status as shown to readers", isin=tuple(STATUS_ZH.values()),
        zh="向读者显示的进度状态"),
    Col("completion_pct", "float64", "completion of the least advanced measured part", unit="fraction of annual target", nullable=True,
        zh="可量化各部分中最慢一部分的完成度"),
    Col("pace", "float64", "time pace: months elapsed / 12", unit="fraction of year",
        zh="序时进度：已过月数 / 12"),
    Col("lag_pts", "float64", "pace minus completion", unit="percentage points", nullable=True,
        zh="序时进度减完成度"),
    Col("method", "string", "how the deciding part was measured", isin=METHODS,
        zh="决定状态的那一部分如何度量"),
    Col("evidence", "string", "the sentence or clause that decided the status", nullable=True,
        zh="决定状态的句子或分句"),
    Col("is_mixed", "bool", "behind on one part while another is on pace or better",
        zh="一部分滞后，而另一部分达序时或更好"),
    Col("is_target_adjusted", "bool", "the annual target was changed (调减, 调整后)",
        zh="年度目标有调整（调减、调整后）"),
    Col("status_source", "string", "rule or override", isin=("rule", "override"),
        zh="规则判定（rule）或人工核定（override）"),
    Col("official_status_code", "string", "official_status mapped to our codes", nullable=True, isin=STATUSES,
        zh="official_status 对应的本项目状态代码"),
    Col("needs_review", "bool", "a researcher should check this judgement (conflict, forecast only, unread figures)",
        zh="该判断需要研究人员复核（有冲突、只有预计数、数字未能读出）"),
    Col("review_reason", "string", "why it needs review; several reasons joined with ；", nullable=True,
        zh="需要复核的原因，多个以“；”连接", role="review"),
    Col("note_reason", "string", "notes: facts shown beside the judgement that need no review (a target cut "
        "compared cleanly, the office's own verdict or status against the figures); several joined with ；",
        nullable=True, zh="说明：判断旁列出的事实，无需复核（目标年中调整且已按新目标比较、原文自评与数据不一等），"
                          "多个以“；”连接", role="note"),
)

INDICATOR_COLUMNS: tuple[Col, ...] = (
    Col("task_id", "string", "task the part belongs to"),
    Col("part_no", "Int64", "1-based number of the part within the task"),
    Col("part", "string", "the target clause"),
    Col("kind", "string", "what sort of target", isin=KINDS),
    Col("target_value", "float64", "annual target value", unit="target_unit", nullable=True),
    Col("target_unit", "string", "unit of target_value (base unit: 个, 元, 人, %, …)", nullable=True),
    Col("direction", "string", "higher or lower is better", isin=("higher", "lower")),
    Col("actual_value", "float64", "value reached by the period end", unit="actual_unit", nullable=True),
    Col("actual_unit", "string", "unit of actual_value", nullable=True),
    Col("stated_ratio", "float64", "completion ratio stated in the progress text", unit="fraction", nullable=True),
    Col("computed_ratio", "float64", "actual / target in the same unit", unit="fraction", nullable=True),
    Col("method", "string", "how this part was measured", isin=METHODS),
    Col("status", "string", "pace status of this part", isin=STATUSES),
    Col("evidence", "string", "the clause that measured this part", nullable=True),
    Col("evidence_start", "Int64", "character offset of evidence in the task's progress text", nullable=True),
    Col("evidence_end", "Int64", "end offset (exclusive) of evidence in the progress text", nullable=True),
)


#: How a task of one period was tied to the earlier period's (helpers.compare.chain).
MATCH_KINDS = ("same", "reworded", "split", "merge", "manual", "new", "ambiguous", "dropped")
MATCH_COLUMNS: tuple[Col, ...] = (
    Col("period", "string", "the later period"),
    Col("task_id", "string", "task of the later period (empty for an earlier task matched to nothing)", nullable=True),
    Col("prev_period", "string", "the earlier period compared with"),
    Col("prev_task_id", "string", "task of the earlier period (empty when nothing matched)", nullable=True),
    Col("task_key", "string", "identity of the task across the year's reports"),
    Col("match", "string", "how the two were tied", isin=MATCH_KINDS),
    Col("score", "float64", "text similarity of the pair (rapidfuzz ratio, lead-unit penalty applied; "
        "partial ratio for split and merge); for an unmatched task, its best candidate's", unit="0-100", nullable=True),
    Col("candidate", "string", "for an unmatched task: the closest task(s) of the other period, for review", nullable=True),
    Col("task", "string", "task text of the later period", nullable=True),
    Col("prev_task", "string", "task text of the earlier period", nullable=True),
    Col("bureau", "string", "first lead unit in the later period", nullable=True),
    Col("prev_bureau", "string", "first lead unit in the earlier period", nullable=True),
    Col("note", "string", "why: split / merge partners, lead unit changed, manual fix note, ambiguity", nullable=True),
)

CHANGE_COLUMNS: tuple[Col, ...] = (
    Col("period", "string", "the later period"),
    Col("prev_period", "string", "the earlier period compared with"),
    Col("task_key", "string", "identity of the task across the year's reports"),
    Col("task_id", "string", "task of the later period (empty for a dropped task)", nullable=True),
    Col("prev_task_ids", "string", "matched task(s) of the earlier period, joined with 、", nullable=True),
    Col("match", "string", "how the task was tied to the earlier period", isin=MATCH_KINDS),
    Col("table", "string", "table of the report the task is in (the earlier one's for a dropped task)", isin=TABLES),
    Col("seq", "Int64", "序号 as printed (the earlier report's for a dropped task)"),
    Col("task", "string", "task text (the earlier report's for a dropped task)"),
    Col("bureau", "string", "first lead unit (the earlier report's for a dropped task)"),
    Col("sector", "string", "primary sector code", isin=SECTORS),
    Col("status", "string", "pace status now", nullable=True, isin=STATUSES),
    Col("prev_status", "string", "pace status in the earlier period (the least advanced of merged tasks)",
        nullable=True, isin=STATUSES),
    Col("completion_pct", "float64", "completion now", unit="fraction of annual target", nullable=True),
    Col("prev_completion_pct", "float64", "completion in the earlier period", unit="fraction of annual target", nullable=True),
    Col("lag_pts", "float64", "pace minus completion now", unit="percentage points", nullable=True),
    Col("prev_lag_pts", "float64", "pace minus completion in the earlier period", unit="percentage points", nullable=True),
    Col("note_reason", "string", "the judge's notes on the task now (the tasks table's note_reason), shown beside it",
        nullable=True, role="note"),
    Col("is_target_adjusted", "bool", "the task's annual target was changed during the year (the tasks table's; "
        "False for a dropped task), marked beside it as on the pages"),
    Col("change", "string", "change class", isin=CHANGE_CLASSES),
    Col("behind_reports", "Int64", "consecutive reports, this one included, in which the task was behind (0: not behind now)"),
)

SHARE_COLUMNS: tuple[Col, ...] = (
    Col("period", "string", "the later period"),
    Col("prev_period", "string", "the earlier period compared with"),
    Col("level", "string", "what a row groups by", isin=("bureau", "sector")),
    Col("name", "string", "the first lead unit, or the sector code"),
    Col("tasks", "Int64", "tasks of this group present in both periods (same basis then and now)"),
    Col("measured_then", "Int64", "of those, measured in the earlier period"),
    Col("on_pace_then", "Int64", "of those, on pace or better in the earlier period"),
    Col("share_then", "float64", "on_pace_then / measured_then", unit="fraction", nullable=True),
    Col("measured_now", "Int64", "of those, measured now"),
    Col("on_pace_now", "Int64", "of those, on pace or better now"),
    Col("share_now", "float64", "on_pace_now / measured_now", unit="fraction", nullable=True),
    Col("change_pts", "float64", "share_now minus share_then", unit="percentage points", nullable=True),
)


@dataclass(frozen=True, eq=False)
class TableSchema:
    """A table's columns (`columns`: name → Col, in order) and its pandera schema, built on first
    use: pandera costs ≈ 0.6 s to import, which a process that only reads checked tables (a
    kernel, `run`'s front page, `review import`) never pays."""

    name: str
    cols: tuple[Col, ...]

    @property
    def columns(self) -> dict[str, Col]:
        return {c.name: c for c in self.cols}

    @cached_property
    def fingerprint(self) -> str:
        """What a check of this schema depends on: its columns and the libraries that read and check."""
        return hashlib.sha256(json.dumps([self.name, [repr(c) for c in self.cols], pd.__version__,
                                          version("pyarrow"), version("pandera")]).encode()).hexdigest()

    @cached_property
    def pandera(self) -> Any:
        import pandera.pandas as pa  # deferred: only a check imports pandera (see the class)

        return pa.DataFrameSchema(
            {
                c.name: pa.Column(
                    c.dtype,
                    checks=([pa.Check.isin(list(c.isin))] if c.isin else [])
                    + ([pa.Check(_of_role(c.role), element_wise=True, name=f"reasons of role {c.role}")]
                       if c.role else []) or None,
                    nullable=c.nullable,
                    unique=c.unique,
                    description=f"{c.meaning}" + (f" [{c.unit}]" if c.unit else ""),
                )
                for c in self.cols
            },
            strict=True,
            ordered=True,
            coerce=True,
            name=self.name,
        )


def _of_role(role: str):
    """The check of a reasons cell: it opens with a reason of `role`, and no reason in it is of another
    role (a review reason stored as a note, or a note as a review reason, is refused on write and load)."""
    if role not in ROLES:
        raise ValueError(f"unknown reason role {role!r}")

    def ok(cell: Any) -> bool:
        if pd.isna(cell):
            return True
        roles = [role_of(r) for r in str(cell).split(REASON_SEP) if r.strip()]
        return bool(roles) and roles[0] == role and all(r in (role, None) for r in roles)
    return ok


def _schema(cols: tuple[Col, ...], name: str) -> TableSchema:
    return TableSchema(name, cols)


TASKS_SCHEMA = _schema(TASK_COLUMNS, "tasks")
INDICATORS_SCHEMA = _schema(INDICATOR_COLUMNS, "indicators")
#: The parser's output: the task columns before any judgement is added.
PARSED_COLUMNS = tuple(c for c in TASK_COLUMNS if c.name not in {
    "status", "status_zh", "completion_pct", "pace", "lag_pts", "method", "evidence",
    "is_mixed", "is_target_adjusted", "status_source", "official_status_code", "needs_review",
    "review_reason", "note_reason"})
PARSED_SCHEMA = _schema(PARSED_COLUMNS, "parsed tasks")
MATCHES_SCHEMA = _schema(MATCH_COLUMNS, "matches")
CHANGES_SCHEMA = _schema(CHANGE_COLUMNS, "changes")
SHARES_SCHEMA = _schema(SHARE_COLUMNS, "change shares")


def validate(df: pd.DataFrame, schema: TableSchema, where: str = "") -> pd.DataFrame:
    """Check (and coerce) `df` against `schema`; raise SchemaError with a one-line summary."""
    import pandera.errors  # deferred with the schema itself (TableSchema)

    try:
        return schema.pandera.validate(df, lazy=True)
    except pandera.errors.SchemaErrors as e:
        fc = e.failure_cases
        first = fc.iloc[0]
        raise SchemaError(say("schema.failures", where=where or schema.name, n=len(fc), column=first["column"],
                              check=first["check"], value=first["failure_case"])) from None


def _checked_mark(schema: TableSchema, sha256: str) -> Path:
    """Where the check of a file's bytes (by checksum) against `schema` is recorded."""
    return paths.CACHE / "validated" / f"{schema.fingerprint[:16]}-{sha256}"


def _mark_checked(schema: TableSchema, sha256: str) -> None:
    try:
        write_bytes(_checked_mark(schema, sha256), b"")
    except OSError:  # a cache that cannot be written costs a check next time, never the table
        pass


def _csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The CSV twin of a table: dates as text, and text a spreadsheet would run as a formula
    escaped (helpers.files.spreadsheet_text); the parquet keeps the true text."""
    out = df.copy()
    for col in out.columns:
        if str(out[col].dtype).startswith("datetime64"):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_string_dtype(out[col].dtype) or pd.api.types.is_object_dtype(out[col].dtype):
            out[col] = out[col].map(spreadsheet_text, na_action="ignore")
    return out


def write_table(df: pd.DataFrame, parquet: Path, schema: TableSchema, checked: bool = False) -> pd.DataFrame:
    """Validate, then write `parquet` and its CSV twin (UTF-8 with BOM, for Excel) atomically;
    the parquet's checksum is recorded as checked (read_table). `checked`: `df` is the frame
    validate just returned for this schema, unchanged since, so it is not checked twice."""
    df = df if checked else validate(df, schema, where=str(parquet))
    with atomic_path(parquet) as tmp:
        df.to_parquet(tmp, index=False)
        _mark_checked(schema, file_sha256(tmp))
    with atomic_path(parquet.with_suffix(".csv")) as tmp:
        _csv_frame(df).to_csv(tmp, index=False, encoding="utf-8-sig")
    return df


#: Tables read and checked in this process, by file identity (path, inode, size, time) and
#: schema: a warm kernel renders many pages from one period's tables, and reading and checking
#: them again for every page was half of a page's execution.
_CHECKED: dict[tuple[Any, ...], pd.DataFrame] = {}
_CHECKED_MAX = 16


def read_table(parquet: Path, schema: TableSchema) -> pd.DataFrame:
    """Load a table written by write_table and check it against its schema (once per version of
    the file in a process; each call gets its own copy, so a page that changes its table in place
    changes nothing for the next). A file whose checksum write_table recorded is not checked again
    (`_load`)."""
    path = Path(parquet)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise SchemaError(say("tables.missing", path=parquet)) from None
    key = (str(path.resolve()), st.st_ino, st.st_size, st.st_mtime_ns, id(schema))
    checked = _CHECKED.get(key)
    if checked is None:
        checked = _load(path, schema)
        if len(_CHECKED) >= _CHECKED_MAX:
            _CHECKED.clear()
        _CHECKED[key] = checked
    return checked.copy()


def _load(path: Path, schema: TableSchema) -> pd.DataFrame:
    """A table from its file: trusted as it reads when its bytes were checked before (their
    checksum recorded), else checked; a file the check leaves as it read is recorded too."""
    data = path.read_bytes()  # hashed and parsed from the same bytes: a file swapped meanwhile cannot slip in
    sha = hashlib.sha256(data).hexdigest()
    raw = pd.read_parquet(io.BytesIO(data))
    if _checked_mark(schema, sha).exists():
        return raw
    checked = validate(raw.copy(), schema, where=str(path))
    # recorded only when the check coerced nothing: a trusted read must give what a check would
    if checked.dtypes.equals(raw.dtypes) and checked.equals(raw) and checked.attrs == raw.attrs:
        _mark_checked(schema, sha)
    return checked


#: A column's type and unit as the data-quality notebook says them (data_dictionary(chinese=True)).
_DTYPE_ZH = {"string": "文本", "Int64": "整数", "float64": "数值", "bool": "是 / 否", "datetime64[ns]": "日期"}
_UNIT_ZH = {"fraction of annual target": "占年度目标的比例", "fraction of year": "占全年的比例",
            "percentage points": "百分点"}


def data_dictionary(cols: tuple[Col, ...] = TASK_COLUMNS, chinese: bool = False) -> pd.DataFrame:
    """The column definitions as a table (for the README); `chinese`: headed and worded in
    Chinese, as the data-quality notebook shows them to a researcher (in JupyterLab: its page leaves the section out)."""
    if chinese:
        return pd.DataFrame([{"列名": c.name, "类型": _DTYPE_ZH.get(c.dtype, c.dtype), "单位": _UNIT_ZH.get(c.unit, c.unit),
                              "含义": c.zh or c.meaning} for c in cols])
    return pd.DataFrame(
        [{"column": c.name, "type": c.dtype, "unit": c.unit, "meaning": c.meaning} for c in cols]
    )
