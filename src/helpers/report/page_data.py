"""The data a unit's page shows, as a checksum: what `run` keys that page on.

A unit's briefing shows its own tasks in full (texts, figures, judgements) and nothing of the
other units' or the city's: counts, shares and the ranking of the units are the city
briefing's. So its data is every column of the tasks the unit leads, alone or jointly, and of
their rows in the comparison with the earlier period, and what is the same for every task of
the period (the tables' attributes, the earlier period compared with). A correction of one
task, its text or its status, changes one unit's data (two or three for a task led jointly):
that unit's page re-renders, and the other units' pages stay as they are.

That holds while the notebook shows its unit's page through the package: the page object's
sentences, notes and the tables and charts named in `UNIT_TABLES` / `UNIT_CHARTS`
(`page.table("bureau_tasks")`), or tables handed to package functions together with the unit
(`b.bureau_tasks_zh(tasks, bureau)`). A notebook that reads a table itself (`tasks["progress"]`,
`page.data…`), shows a city-wide table or chart (`page.table("behind")`,
`page.chart("bureau_vs_city")`) or passes a table without the unit may show anything, and
`reads_through_package` then says no: such a page is keyed on the whole tables.

The city's page and the research pages show every task's judgement but, of a task's long texts
(`TEXTS`: its progress, problems, next steps, the evidence of its judgement), only the behind
tasks' on the city's list: `page_digests` keys them on every column but those, and the city's
page on the behind tasks' rows in full too. That holds while their notebooks show the tables
only through the city page's tables and charts (`CITY_TABLES` / `CITY_CHARTS`) or through
package functions that count and measure (`AGGREGATES`), as `reads_through_package` checks
with the page's `Policy`.
"""

from __future__ import annotations

import ast
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pandas as pd

from helpers.read.bureaus import UNIT_SEP

#: Columns naming the units of a row (lead, joint leads, aliases, earlier lead).
_UNIT_COLUMNS = ("bureau", "bureaus", "bureau_aliases", "prev_bureau")
#: The tables and charts of a unit's page (helpers.report.briefing.TABLES / CHARTS) that show its
#: own rows only. The others (the unit beside the city, the city's charts, the scoreboard) show
#: every task: a notebook showing one of them is keyed on the whole tables.
UNIT_TABLES = frozenset({"bureau_figures", "bureau_tasks", "qualitative", "changes"})
UNIT_CHARTS = frozenset({"bureau_status"})
#: A task's long texts: printed on its unit's page, and on the city's for the behind tasks it lists.
TEXTS = frozenset({"progress", "progress_other", "problems", "next_steps", "evidence"})
#: The city page's tables and charts: none prints a TEXTS cell but of the behind tasks.
CITY_TABLES = frozenset({"behind", "changes", "sector_shares", "indicators", "scoreboard"})
CITY_CHARTS = frozenset({"status_by_sector", "completion"})
#: Package functions that count and measure the tasks they are given, printing none of TEXTS
#: (tests/report/test_page_data.py runs each): a research notebook may hand them the tables.
AGGREGATES = frozenset({"headline", "status_counts", "status_counts_zh", "bureau_scoreboard", "method_counts",
                        "indicators_table", "counts_frame", "quality_notes", "status_by_sector",
                        "completion_vs_pace", "bureau_status_heatmap"})
#: What a notebook may do with its page object besides showing those: its sentences and facts.
_PAGE_USES = frozenset({"say", "title", "caption", "notes", "key_figures", "text", "facts"})
#: Attributes of a loaded period a notebook may read without reading a table itself.
_PLAIN_ATTRIBUTES = frozenset({"period", "label", "ahead_margin", "pace", "code", "label_zh", "folder"})


def row_hashes(df: pd.DataFrame | None) -> "pd.Series | None":
    """One 64-bit hash per row of every column's text (the columns' names included)."""
    if df is None:
        return None
    rows = pd.util.hash_pandas_object(df.astype("string"), index=False)
    names = int(hashlib.sha256(",".join(map(str, df.columns)).encode("utf-8")).hexdigest()[:15], 16)
    return rows ^ names


def _digest(rows: "pd.Series | None", mask: "pd.Series | None" = None) -> str:
    if rows is None:
        return "none"
    chosen = rows if mask is None else rows[mask.to_numpy()]
    return hashlib.sha256(chosen.to_numpy().tobytes()).hexdigest()


def _named_units(df: pd.DataFrame) -> list[set[str]]:
    """Per row, the units it names as lead (first or joint), alias or earlier lead."""
    named: list[set[str]] = [set() for _ in range(len(df))]
    for col in (c for c in _UNIT_COLUMNS if c in df):
        for i, cell in enumerate(df[col].fillna("").astype(str)):
            named[i].update(u for u in cell.split(UNIT_SEP) if u)
    return named


def unit_rows(df: pd.DataFrame, unit: str, named: list[set[str]] | None = None) -> pd.Series:
    """Rows that name `unit` as a lead (first or joint), alias or earlier lead."""
    named = _named_units(df) if named is None else named
    return pd.Series([unit in n for n in named], index=df.index, dtype=bool)


def _period_constants(tasks: pd.DataFrame, changes: pd.DataFrame | None) -> str:
    """What every page of the period reads beside its rows: the tables' attributes (the margin)
    and the earlier period the comparison names (a unit with no row in it still names it)."""
    earlier = sorted(map(str, changes["prev_period"].dropna().unique())) if changes is not None and \
        "prev_period" in changes else None
    return repr((sorted(tasks.attrs.items()), earlier))


def unit_digests(tasks: pd.DataFrame, changes: pd.DataFrame | None, units: Iterable[str]) -> dict[str, str]:
    """Per unit, the checksum of the data its page shows (module docstring): each row hashed
    once, a unit's rows picked from those."""
    task_rows, change_rows = row_hashes(tasks), row_hashes(changes)
    constants = _period_constants(tasks, changes)
    out = {}
    in_tasks = _named_units(tasks)
    in_changes = _named_units(changes) if changes is not None else []
    for unit in units:
        mine = unit_rows(tasks, unit, in_tasks)
        own = _digest(task_rows, mine)
        if changes is not None:
            ids = set(tasks.loc[mine, "task_id"])
            own += _digest(change_rows, unit_rows(changes, unit, in_changes) | changes["task_id"].isin(ids))
        out[unit] = hashlib.sha256(f"{constants}|{own}".encode("utf-8")).hexdigest()
    return out


def page_digests(tasks: pd.DataFrame, changes: pd.DataFrame | None) -> dict[str, str]:
    """The checksums of what the city's page and the research pages show of the tasks and the
    comparison (module docstring): {"research": every column but TEXTS of every row, and the
    comparison; "city": that, and the behind tasks' rows in full}."""
    plain = row_hashes(tasks.drop(columns=[c for c in TEXTS if c in tasks]))
    research = hashlib.sha256("|".join((_period_constants(tasks, changes), _digest(plain),
                                        _digest(row_hashes(changes)))).encode("utf-8")).hexdigest()
    behind = _digest(row_hashes(tasks), tasks["status"].eq("behind"))
    return {"research": research, "city": hashlib.sha256(f"{research}|{behind}".encode("utf-8")).hexdigest()}


@dataclass(frozen=True)
class Policy:
    """What a page's notebook may do with the tables for its page to be keyed on its data: the
    page object it may make, the tables and charts it may show, the package functions it may
    hand a table to (None: any, given the page's unit)."""

    page: str | None  # the page object's maker (bureau_page, city_page); None: none
    tables: frozenset[str]
    charts: frozenset[str]
    functions: frozenset[str] | None
    unit: str | None = None  # the unit parameter a unit page's maker and functions are given


#: By page: a unit's, the city's, a research page.
POLICIES = {
    "bureau": Policy("bureau_page", UNIT_TABLES, UNIT_CHARTS, None, unit="bureau"),
    "city": Policy("city_page", CITY_TABLES, CITY_CHARTS, AGGREGATES),
    "research": Policy(None, frozenset(), frozenset(), AGGREGATES),
}


def _called(call: ast.Call) -> str:
    """The name a call calls: `f` of `f(…)` and of `m.f(…)`."""
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


class _TableUse:
    """Finds a use of a loaded table other than its policy allows (`Policy`)."""

    def __init__(self, policy: Policy):
        self.policy, self.unit = policy, policy.unit
        self.modules: set[str] = set()  # names the helpers modules are imported as
        self.tables: set[str] = set()  # names holding a loaded table (or the loaded period)
        self._allowed: set[int] = set()  # ids of Name nodes whose use is fine
        self._trees: list[ast.AST] = []  # kept alive: the ids above must not be reused
        self.foreign = False  # a page object made for another unit, or for none

    def _helper_call(self, node: ast.AST) -> bool:
        """A call of a package function: `b.f(…)` on an imported helpers module, or `f(…)` imported."""
        if not isinstance(node, ast.Call):
            return False
        f = node.func
        return (isinstance(f, ast.Name) and f.id in self.modules) or (
            isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id in self.modules)

    def _root(self, node: ast.AST) -> tuple[ast.Name | None, str | None]:
        """The Name an attribute chain starts from, and the chain's first attribute."""
        first = None
        while isinstance(node, ast.Attribute):
            node, first = node.value, node.attr
        return (node, first) if isinstance(node, ast.Name) else (None, None)

    def collect(self, tree: ast.AST) -> None:
        """Names assigned a table: `data = b.load_period(…)`, `tasks = data.tasks`, `t = tasks`,
        `q, tasks = read_quality(…), data.tasks` (pairwise; other unpacking of a table: all)."""
        for node in ast.walk(tree):
            if not isinstance(node, ast.Assign):
                continue
            for target in node.targets:
                if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple) \
                        and len(target.elts) == len(node.value.elts):
                    for t, v in zip(target.elts, node.value.elts):
                        self._assigned([t], v)
                else:
                    self._assigned([target], node.value)

    def _assigned(self, targets: list[ast.expr], v: ast.expr) -> None:
        name, first = self._root(v)
        # a page object (`page = bureau_page(…)`) holds the tables too: its uses are checked
        maker = isinstance(v, ast.Call) and _called(v).endswith("_page")
        table = (self._helper_call(v) and _called(v).startswith("load")  # type: ignore[arg-type]
                 or maker or (name is not None and name.id in self.tables and first not in _PLAIN_ATTRIBUTES))
        if maker and (_called(v) != self.policy.page or (self.unit is not None and not any(  # type: ignore[arg-type]
                isinstance(a, ast.Name) and a.id == self.unit for a in self._args(v)))):  # type: ignore[arg-type]
            self.foreign = True
        if table:
            self.tables |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
            if name is not None:
                self._allowed.add(id(name))

    def _args(self, call: ast.Call) -> list[ast.expr]:
        return [*call.args, *(k.value for k in call.keywords)]

    def _page_use(self, node: ast.AST) -> None:
        """Allow `page.say(…)`, `page.facts`, and `page.table("x")` / `page.chart("x")` for the
        tables and charts of the policy named as they are."""
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.attr in _PAGE_USES:
            self._allowed.add(id(node.value))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and node.func.attr in ("table", "chart"):
            names = self.policy.tables if node.func.attr == "table" else self.policy.charts
            arg = node.args[0] if len(node.args) == 1 and not node.keywords else None
            if isinstance(arg, ast.Constant) and arg.value in names:
                self._allowed.add(id(node.func.value))

    def _fine_call(self, node: ast.Call, outer: tuple[ast.Call, ...]) -> bool:
        """Whether a package call may be handed the tables: one of the policy's functions, or
        (for a unit's page) any that it, or a package call enclosing it, gives the unit."""
        if self.policy.functions is not None:
            return _called(node) in self.policy.functions
        return any(isinstance(a, ast.Name) and a.id == self.unit for c in outer for a in self._args(c))

    def mark(self, node: ast.AST, outer: tuple[ast.Call, ...] = ()) -> None:
        """Allow a table handed to a package call the policy allows (`_fine_call`), or to `len`
        on a page keyed on every row; a plain attribute of a table; a comparison of a table with
        None; the page object's own uses."""
        self._page_use(node)
        counted = isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" \
            and self.unit is None
        if self._helper_call(node) or counted:
            outer = (node, *outer)  # type: ignore[assignment]
            fine = counted or self._fine_call(node, outer)  # type: ignore[arg-type]
            for a in self._args(node):  # type: ignore[arg-type]
                root, _ = self._root(a)  # `tasks`, or `data.tasks`
                if root is not None and root.id in self.tables and fine:
                    self._allowed.add(id(root))
        elif isinstance(node, ast.Attribute) and node.attr in _PLAIN_ATTRIBUTES:
            name, _ = self._root(node)
            if name is not None:
                self._allowed.add(id(name))
        elif isinstance(node, ast.Compare) and isinstance(node.left, ast.Name) and all(
                isinstance(c, ast.Constant) and c.value is None for c in node.comparators):
            self._allowed.add(id(node.left))
        for child in ast.iter_child_nodes(node):
            self.mark(child, outer if self._helper_call(node) or outer else ())

    def clean(self, tree: ast.AST) -> bool:
        return not self.foreign and all(id(n) in self._allowed for n in ast.walk(tree)
                   if isinstance(n, ast.Name) and n.id in self.tables and isinstance(n.ctx, ast.Load))


def reads_through_package(sources: Iterable[str], policy: Policy = POLICIES["bureau"]) -> bool:
    """Whether notebook code (its code cells, in order) uses the tables it loads only as its
    page's `policy` allows, so the page shows no more than its digest covers (`unit_digests`,
    `page_digests`). Code that does not parse says no."""
    use = _TableUse(policy)
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            return False
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers"):
                use.modules |= {a.asname or a.name for a in node.names}
            elif isinstance(node, ast.Import):
                use.modules |= {a.asname or a.name for a in node.names if a.name.startswith("helpers")}
        use._trees.append(tree)
        use.collect(tree)
        use.mark(tree)
        if not use.clean(tree):
            return False
    return True


def notebook_reads_through_package(notebook: Path, policy: Policy = POLICIES["bureau"]) -> bool:
    """`reads_through_package` for a notebook's code cells (its parameters cell left out);
    False when the file cannot be read."""
    try:
        cells = json.loads(Path(notebook).read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return False
    code = ["".join(c.get("source", "")) if isinstance(c.get("source"), list) else str(c.get("source", ""))
            for c in cells if isinstance(c, dict) and c.get("cell_type") == "code"
            and "parameters" not in (c.get("metadata") or {}).get("tags", [])]
    return reads_through_package(code, policy)
