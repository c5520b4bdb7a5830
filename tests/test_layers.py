"""The package's layers only look down, and no module needs itself back through others.

Every import counts, the ones inside functions too (they run when the function does); only
those under ``if TYPE_CHECKING:`` are left out, since they never run.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import onrecord

PACKAGE = Path(onrecord.__file__).parent

# From the bottom up: a unit may import its own rank and those below, never one above.
RANKS = {
    "errors": 0, "version": 0, "datafiles": 0, "acts": 0, "model": 0, "labels": 0, "keys": 0,
    "ingest": 1, "progress": 1,
    "nlp": 2,
    "store": 3,
    "scale": 4, "learn": 4, "eval": 4, "claims": 4, "digest": 4, "digest_format": 4, "export": 4,
    "render": 4,
    "api": 5, "": 5,                          # "": the package's own __init__, the façade
    "cli": 6, "serve": 6, "__main__": 6,
}


def module_names() -> dict[str, Path]:
    names = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def _runtime_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name if name in modules else None


def import_graph() -> dict[str, set[str]]:
    """Module (dotted, without "onrecord.") -> the package's modules it imports."""
    modules = module_names()
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                if node.level:
                    base = package.split(".") if package else []
                    stem = ".".join(base[:len(base) - node.level + 1] + ([node.module] if node.module else []))
                elif (node.module or "").startswith("onrecord"):
                    stem = node.module[len("onrecord"):].lstrip(".")
                else:
                    continue
                # "from . import lexicon" is the module lexicon; "from ..ingest import read_path"
                # is what the package ingest defines
                targets = [f"{stem}.{a.name}".lstrip(".") if f"{stem}.{a.name}".lstrip(".") in modules else stem
                           for a in node.names]
            for target in targets:
                if isinstance(node, ast.Import):
                    if not target.startswith("onrecord"):
                        continue
                    target = target[len("onrecord"):].lstrip(".")
                found = _resolve(target, modules)
                if found is not None and found != name:
                    graph[name].add(found)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected sets of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def unit(module: str) -> str:
    return module.split(".")[0]


def test_the_graph_sees_imports_inside_functions():
    graph = import_graph()
    assert "store" in graph["api"]           # api imports the store inside its functions only
    assert "cli" in graph["__main__"]


def test_no_module_imports_itself_back_through_others():
    assert cycles(import_graph()) == []


def test_every_unit_has_a_layer():
    assert sorted({unit(m) for m in module_names()} - set(RANKS)) == []


def test_layers_only_look_down():
    upward = sorted((a, b) for a, targets in import_graph().items() for b in targets
                    if RANKS[unit(b)] > RANKS[unit(a)])
    assert upward == []


def test_cycles_are_found_when_there_are_some():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_importing_onrecord_loads_no_analysis_until_it_is_used():
    code = ("import sys, onrecord\n"
            "heavy = ('spacy', 'trafilatura', 'lxml', 'dateparser')\n"
            "before = [m for m in heavy if m in sys.modules]\n"
            "onrecord.Analyzer\n"
            "print(before, 'spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[]", "True"]


def test_the_command_line_loads_no_model_until_a_command_analyses():
    # `onrecord --help`, `onrecord statements` and the other store readers need no parser, no
    # HTML extractor, nor scipy (which the near-duplicate sketches bring when an article is saved)
    code = ("import sys, onrecord.cli\n"
            "print([m for m in ('spacy', 'trafilatura', 'lxml', 'datasketch', 'scipy') if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["[]"]


def test_each_key_is_defined_once_in_the_keys_module():
    import ast
    keys = ("lexicon_key", "name_key", "topic_key", "topic_name", "bare_name")
    defined: dict[str, list[str]] = {k: [] for k in keys}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name in defined:
                defined[node.name].append(str(path.relative_to(PACKAGE)))
    assert defined == {k: ["keys.py"] for k in keys}
