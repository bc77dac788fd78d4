"""The package's layout is its pipeline: imports flow one way, from the face down to the stages, with no cycles.

An AST scan of every ``kg/**/*.py`` (imports inside functions and under ``TYPE_CHECKING`` count too).
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "kg"

# Layers from the bottom up: a module may import its own layer's modules and the layers below, never above.
LAYERS = {
    "kg._version": 0, "kg.errors": 0, "kg.resources": 0, "kg.lang": 0,
    "kg.ontology": 1, "kg.io": 1, "kg.nlp": 2, "kg.extract": 3, "kg.graph": 4,
    "kg.pipeline": 5, "kg.network": 5,
    "kg.api": 6, "kg": 6, "kg.server": 6, "kg.evaluation": 7, "kg.cli": 8,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The kg modules ``name`` imports (``from pkg import sub`` names the submodule ``pkg.sub``)."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {m for m in found if m in known and m != name}


def import_graph() -> nx.DiGraph:
    found = modules()
    graph = nx.DiGraph()
    for name, path in found.items():
        graph.add_node(name)
        graph.add_edges_from((name, target) for target in imports(name, path, set(found)))
    return graph


def layer(module: str) -> int:
    best = max((key for key in LAYERS if module == key or module.startswith(key + ".")), key=len)
    return LAYERS[best]


def test_the_scan_sees_the_imports() -> None:
    graph = import_graph()
    assert ("kg.pipeline.ingest", "kg.graph.store") in graph.edges
    assert ("kg.extract.relations", "kg.extract.index") in graph.edges  # `from kg.extract import index`
    assert ("kg.cli", "kg.pipeline.ingest") in graph.edges  # imported inside a command function


def test_no_import_cycle_between_kg_modules() -> None:
    cycles = [c for c in nx.simple_cycles(import_graph())]
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c + [c[0]]) for c in cycles[:10])


def test_imports_flow_down_the_layers() -> None:
    upward = [(a, b) for a, b in import_graph().edges if layer(b) > layer(a)]
    assert not upward, "imports that go up a layer: " + ", ".join(f"{a} -> {b}" for a, b in upward)


def test_nothing_imports_the_cli() -> None:
    assert not [a for a, b in import_graph().edges if b == "kg.cli"]


def test_every_module_has_a_layer_and_few_are_loose_at_the_top() -> None:
    names = modules()
    assert all(layer(m) >= 0 for m in names)
    loose = [p.name for p in PACKAGE.glob("*.py")]
    assert len(loose) <= 8, loose
    for package in ("io", "nlp", "extract", "graph", "ontology", "pipeline", "network", "server"):
        assert ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8"))), package
