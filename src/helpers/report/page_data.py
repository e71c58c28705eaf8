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
"""

from __future__ import annotations

import ast
import hashlib
import json
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
#: What a notebook may do with its page object besides showing those: its sentences and facts.
_PAGE_USES = frozenset({"say", "title", "caption", "notes", "key_figures", "text", "facts"})
#: Attributes of a loaded period a notebook may read without reading a table itself.
_PLAIN_ATTRIBUTES = frozenset({"period", "label", "ahead_margin", "pace", "code", "label_zh", "folder"})


def _row_hashes(df: pd.DataFrame | None) -> "pd.Series | None":
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
    task_rows, change_rows = _row_hashes(tasks), _row_hashes(changes)
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


def _called(call: ast.Call) -> str:
    """The name a call calls: `f` of `f(…)` and of `m.f(…)`."""
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


class _TableUse:
    """Finds a use of a loaded table other than through a package function given the unit."""

    def __init__(self, unit: str):
        self.unit = unit
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
        """Names assigned a table: `data = b.load_period(…)`, `tasks = data.tasks`, `t = tasks`."""
        for node in ast.walk(tree):
            if not isinstance(node, ast.Assign):
                continue
            v = node.value
            name, first = self._root(v)
            # a page object (`page = bureau_page(…)`) holds the tables too: its uses are checked
            table = (self._helper_call(v) and _called(v).startswith("load")  # type: ignore[arg-type]
                     or (isinstance(v, ast.Call) and _called(v).endswith("_page"))
                     or (name is not None and name.id in self.tables and first not in _PLAIN_ATTRIBUTES))
            if isinstance(v, ast.Call) and _called(v).endswith("_page") and not any(
                    isinstance(a, ast.Name) and a.id == self.unit for a in self._args(v)):
                self.foreign = True
            if table:
                self.tables |= {t.id for t in node.targets if isinstance(t, ast.Name)}
                if name is not None:
                    self._allowed.add(id(name))

    def _args(self, call: ast.Call) -> list[ast.expr]:
        return [*call.args, *(k.value for k in call.keywords)]

    def _page_use(self, node: ast.AST) -> None:
        """Allow `page.say(…)`, `page.facts`, and `page.table("x")` / `page.chart("x")` for the
        tables and charts of UNIT_TABLES / UNIT_CHARTS named as they are."""
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.attr in _PAGE_USES:
            self._allowed.add(id(node.value))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and node.func.attr in ("table", "chart"):
            names = UNIT_TABLES if node.func.attr == "table" else UNIT_CHARTS
            arg = node.args[0] if len(node.args) == 1 and not node.keywords else None
            if isinstance(arg, ast.Constant) and arg.value in names:
                self._allowed.add(id(node.func.value))

    def mark(self, node: ast.AST, outer: tuple[ast.Call, ...] = ()) -> None:
        """Allow a table handed to a package call that (or whose enclosing package call) is
        given the unit; a plain attribute of a table; a comparison of a table with None; the
        page object's own uses."""
        self._page_use(node)
        if self._helper_call(node):
            outer = (node, *outer)  # type: ignore[assignment]
            names_unit = any(isinstance(a, ast.Name) and a.id == self.unit for c in outer for a in self._args(c))
            for a in self._args(node):  # type: ignore[arg-type]
                root, _ = self._root(a)  # `tasks`, or `data.tasks`
                if root is not None and root.id in self.tables and names_unit:
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


def reads_through_package(sources: Iterable[str], unit: str = "bureau") -> bool:
    """Whether notebook code (its code cells, in order) uses the tables it loads only through
    package functions called with the page's `unit` parameter, so the page shows no more than
    `unit_digests` covers. Code that does not parse says no."""
    use = _TableUse(unit)
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


def notebook_reads_through_package(notebook: Path) -> bool:
    """`reads_through_package` for a unit notebook's code cells (its parameters cell left out);
    False when the file cannot be read."""
    try:
        cells = json.loads(Path(notebook).read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return False
    code = ["".join(c.get("source", "")) if isinstance(c.get("source"), list) else str(c.get("source", ""))
            for c in cells if isinstance(c, dict) and c.get("cell_type") == "code"
            and "parameters" not in (c.get("metadata") or {}).get("tags", [])]
    return reads_through_package(code)
