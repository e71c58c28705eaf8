"""The house by stage, checked from the code's own imports (parsed with `ast`, nothing imported).

Layers come from where a module sits: a module in a stage folder (read/, judge/, …) is of that
stage, the stages ranked by the flow of a report (FLOW); a module directly in helpers/ is a base
module when it imports no stage, else a command (cli, table, run). Arrows only go down:

- no module imports a module of a later stage, and no stage or base module imports a command;
- no import circle, counting imports inside functions too;
- no import of the package inside a function, except the few listed in DEFERRED with the reason
  (each defers a heavy import that a quick path must not pay for), and no standard-library import
  inside a function (they cost nothing at the top);
- functions ≤ 60 lines and modules ≤ 500 lines, except those listed in TOO_LONG (the list may only
  shrink: an entry that fits now fails the test until it is removed).
"""

from __future__ import annotations

import ast
import functools
import sys
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "helpers"
#: The stage folders in the order a report flows through them.
FLOW = ("read", "judge", "compare", "report", "deliver")
MAX_FUNCTION, MAX_MODULE = 60, 500

#: (module, imported module) → why the import waits inside a function.
DEFERRED = {
    # the command line starts each command with its own stage only (`judge` never loads the render stack)
    ("helpers.cli", "helpers.table"): "the table command's stack (pandas, pandera, cn2an)",
    ("helpers.cli", "helpers.read.ingest"): "read_capped, for the cheap checks before a command's stack",
    ("helpers.cli", "helpers.deliver.ledger"): "the ledger command (openpyxl when written)",
    ("helpers.cli", "helpers.deliver.corrections"): "the review import command",
    ("helpers.cli", "helpers.judge.status"): "the judge command (cn2an)",
    ("helpers.cli", "helpers.report.formatting"): "the judge command's method names (pandas)",
    ("helpers.cli", "helpers.run"): "the run command (papermill, the kernels)",
    ("helpers.cli", "helpers.deliver.mail"): "the mail command",
    ("helpers.cli", "helpers.report.server_client"): "the server command",
    ("helpers.warm", "helpers.cli"): "the command, in the process the zygote forked (imported there already)",
    ("helpers.warm", "helpers.report.server"): "the server's stack, in the server's process only",
    # the table command loads the judge (cn2an, the lexicon) only when it judges
    ("helpers.table", "helpers.judge.overrides"): "judged only when a table is built",
    ("helpers.table", "helpers.judge.status"): "judged only when a table is built",
    ("helpers.table", "helpers.judge.review"): "judged only when a table is built",
    # `run` answers "nothing to do" without pandas, the notebooks' stack or the renderer
    ("helpers.page_keys", "helpers.read.bureaus"): "the units of a table, when pages are planned",
    ("helpers.page_keys", "helpers.report.page_data"): "page digests, when pages are planned",
    ("helpers.page_keys", "helpers.report.fonts"): "matplotlib's font manager, when pages are rendered",
    ("helpers.page_keys", "helpers.report.render"): "the font recipe, when pages are planned",
    ("helpers.run", "helpers.report.render"): "weasyprint and nbconvert, when pages are rendered",
    ("helpers.run", "helpers.report.front_page"): "pandas, when the front page is rewritten",
    ("helpers.period_tables", "helpers.table"): "parsing and judging, only when a table is stale",
    ("helpers.period_tables", "helpers.compare.chain"): "pandas and rapidfuzz, for a comparison that changed",
    ("helpers.report.pool", "helpers.report.render"): "nbconvert and weasyprint, in a worker that renders",
    ("helpers.report.kernels", "helpers.report.ready_client"): "jupyter_client, when a kernel is started",
    ("helpers.report.render", "helpers.report.exporter"): "nbconvert, when a page is exported",
    # `run` asks on every rerun whether the ledger is current: pandas and openpyxl only to draw or read one
    ("helpers.deliver.ledger", "helpers.deliver.workbook"): "pandas and openpyxl, to draw a ledger",
    ("helpers.deliver.ledger", "helpers.report.loading"): "pandas, to draw a ledger",
    ("helpers.deliver.corrections", "helpers.judge.overrides"): "pandas, to read corrections back",
    ("helpers.deliver.corrections", "helpers.judge.review"): "pandas, to read corrections back",
    ("helpers.deliver.corrections", "helpers.report.loading"): "the period's tables (pandas), to check corrections",
    # a report in an office format needs its reader's library only for that format
    ("helpers.read.doors", "helpers.read.pdf"): "pdfplumber, for a PDF report",
    ("helpers.read.doors", "helpers.read.word"): "python-docx, for a Word report",
    ("helpers.read.doors", "helpers.read.excel"): "openpyxl, for an Excel report",
}
#: Standard-library imports that may wait inside a function: not available everywhere.
OPTIONAL_STDLIB = {"fcntl"}

#: Functions and modules longer than allowed, left to split (path under helpers/ → lines, or
#: "path:function" → lines). Only shrinks: an entry that fits now must be removed.
TOO_LONG: dict[str, int] = {}


@dataclass
class Module:
    name: str
    path: Path
    tree: ast.Module
    imports: list[tuple[str, int, bool]] = field(default_factory=list)  # (module, line, inside a function)


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Module]:
    mods = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        mods[_name(path)] = Module(_name(path), path, ast.parse(path.read_text(encoding="utf-8")))
    for m in mods.values():
        m.imports = list(_imports(m, mods))
    return mods


def _in_function(tree: ast.Module) -> set[int]:
    """Ids of the import nodes that sit inside a function."""
    inner = set()
    for fn in ast.walk(tree):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inner |= {id(n) for n in ast.walk(fn) if isinstance(n, (ast.Import, ast.ImportFrom))}
    return inner


def _imports(m: Module, mods: dict[str, Module]):
    """Every import of `m`, resolved to a module of the package or to a top-level library name."""
    inner = _in_function(m.tree)
    is_pkg = m.path.name == "__init__.py"
    for node in ast.walk(m.tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = m.name.split(".") if is_pkg else m.name.split(".")[:-1]
                base = ".".join(here[:len(here) - node.level + 1] + ([node.module] if node.module else []))
            # `from helpers.report import wording` imports the module helpers.report.wording
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names]
        else:
            continue
        for n in dict.fromkeys(names):
            yield n, node.lineno, id(node) in inner


@functools.cache
def modules() -> dict[str, Module]:
    """The package's modules, parsed once per process and only where a test asks (not at collection)."""
    return _modules()


def rank(name: str) -> int:
    """0 base, 1… the stages in FLOW, len(FLOW) + 1 a command."""
    parts = name.split(".")
    if len(parts) > 2 or (len(parts) == 2 and parts[1] in FLOW):
        return 1 + FLOW.index(parts[1])
    if name == "helpers":
        return 0
    stages = [t for t, _, _ in modules()[name].imports if t.startswith("helpers.") and t.split(".")[1] in FLOW]
    return len(FLOW) + 1 if stages or name == "helpers.__main__" else 0


def _package_edges() -> list[tuple[str, str, int, bool]]:
    return [(m.name, t, line, inner) for m in modules().values() for t, line, inner in m.imports
            if t in modules() and t != m.name]


def test_every_folder_is_a_stage_of_the_flow():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))}
    folders -= {"templates"}  # data, not code
    assert folders == set(FLOW), f"place the folder in FLOW: {sorted(folders - set(FLOW))}"


def test_the_layers_are_as_the_readme_draws_them():
    assert {"helpers.cli", "helpers.table", "helpers.run", "helpers.__main__"} <= {
        n for n in modules() if rank(n) == len(FLOW) + 1}
    assert {"helpers.paths", "helpers.errors", "helpers.schema", "helpers.statuses", "helpers.period",
            "helpers.quality", "helpers.plaintext"} <= {n for n in modules() if rank(n) == 0}


def test_no_arrow_goes_up():
    up = [f"{a}:{line} imports {b}" for a, b, line, _ in _package_edges() if rank(b) > rank(a)]
    assert not up, "\n".join(up)


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_no_import_circle():
    edges: dict[str, set[str]] = {}
    for a, b, _, _ in _package_edges():
        # a package's __init__ is imported with any of its modules: not an arrow of the design
        if b != a.rsplit(".", 1)[0]:
            edges.setdefault(a, set()).add(b)
    assert not _cycles(edges)


def test_the_cycle_finder_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_package_import_inside_a_function_without_its_reason():
    found = {(a, b) for a, b, _, inner in _package_edges() if inner}
    unlisted = sorted(found - set(DEFERRED))
    assert not unlisted, "import at the top, or list it in DEFERRED with the reason: " + repr(unlisted)
    assert not set(DEFERRED) - found, f"no longer deferred, remove: {sorted(set(DEFERRED) - found)}"


def test_no_standard_library_import_inside_a_function():
    late = [f"{m.name}:{line} {t}" for m in modules().values() for t, line, inner in m.imports
            if inner and t.split(".")[0] in sys.stdlib_module_names and t.split(".")[0] not in OPTIONAL_STDLIB]
    assert not late, "\n".join(late)


# ------------------------------------------------------------------------------ sizes


def _sizes() -> dict[str, int]:
    """Lines of every module (path under helpers/) and of every function ("path:qualified name")."""
    out = {}
    for m in modules().values():
        rel = m.path.relative_to(PACKAGE).as_posix()
        out[rel] = len(m.path.read_text(encoding="utf-8").splitlines())
        for node in ast.walk(m.tree):
            if isinstance(node, ast.ClassDef):
                for fn in node.body:
                    if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        out[f"{rel}:{node.name}.{fn.name}"] = fn.end_lineno - fn.lineno + 1
        for fn in m.tree.body:
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                out[f"{rel}:{fn.name}"] = fn.end_lineno - fn.lineno + 1
    return out


def _limit(key: str) -> int:
    return MAX_FUNCTION if ":" in key else MAX_MODULE


def test_functions_and_modules_fit_a_screen_or_are_listed():
    sizes = _sizes()
    over = {k: n for k, n in sizes.items() if n > _limit(k)}
    unlisted = {k: n for k, n in over.items() if k not in TOO_LONG}
    assert not unlisted, "split by idea (or, for another engineer's folder, list in TOO_LONG): " + repr(unlisted)


def test_the_list_of_long_ones_only_shrinks():
    sizes = _sizes()
    fits = [f"{k} ({sizes.get(k)} lines)" for k in TOO_LONG if sizes.get(k, 0) <= _limit(k)]
    assert not fits, f"fit now, remove from TOO_LONG: {fits}"
    grew = [f"{k}: {TOO_LONG[k]} → {sizes[k]}" for k in TOO_LONG if sizes[k] > TOO_LONG[k]]
    assert not grew, f"grew: {grew}"


def test_the_size_check_sees_a_long_function():
    sizes = _sizes()
    assert sizes["table.py:build_table"] <= MAX_FUNCTION < sum(n for k, n in sizes.items() if k.startswith("table.py:"))
