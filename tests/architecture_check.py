"""Cycles between the folders and top-level modules of bot/: run it to print them (none)."""

from __future__ import annotations

from collections import defaultdict

import grimp


def top_level_imports(package: str = "bot") -> dict[str, set[str]]:
    """For each folder or top-level module of the package, the others it imports directly."""
    graph = grimp.build_graph(package)
    edges: dict[str, set[str]] = defaultdict(set)
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            source, target = _top(module, package), _top(imported, package)
            if source and target and source != target:
                edges[source].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of two or more (Tarjan): every cycle lies inside one."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group: list[str] = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def _top(module: str, package: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == package and len(parts) > 1 else None


if __name__ == "__main__":
    edges = top_level_imports()
    groups = cycles(edges)
    print(
        f"{len(edges)} folders and top-level modules of bot/ import others; cycles: {len(groups)}"
    )
    for group in groups:
        print("  cycle among:", ", ".join(group))
    raise SystemExit(1 if groups else 0)
