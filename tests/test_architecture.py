"""How the packages may depend on one another, and the things done in exactly one place
(ARCHITECTURE.md)."""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIBRARIES = ("masking", "sandbox")  # each could be published on its own
APPLICATION = ("gateway", "resolvers")
PACKAGES = APPLICATION + LIBRARIES


def imported_modules(source: str) -> list[tuple[int, str]]:
    """(line, module) of every import in `source`: statements, and importlib.import_module or
    __import__ called with a literal name."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in ("import_module", "__import__"):
                found.append((node.lineno, node.args[0].value))
    return sorted(found)


def application_imports(root: Path) -> list[str]:
    """Every import of the gateway or the resolvers in the libraries' files under `root`."""
    offences = []
    for library in LIBRARIES:
        for path in sorted((root / library).rglob("*.py")):
            for line, module in imported_modules(path.read_text(encoding="utf-8")):
                if module.split(".")[0] in APPLICATION:
                    offences.append(f"{path.relative_to(root)}:{line} imports {module}")
    return offences


def test_masking_and_sandbox_import_nothing_of_the_gateway():
    assert application_imports(ROOT) == []


def test_the_check_sees_every_kind_of_import():
    source = ("import gateway\nfrom resolvers.rows import x\nimport importlib\n"
              "importlib.import_module('gateway.errors')\n__import__('resolvers')\n"
              "from sandbox.errors import SandboxError\nfrom . import sibling\n")
    assert [m for _, m in imported_modules(source)] == [
        "gateway", "resolvers.rows", "importlib", "gateway.errors", "resolvers", "sandbox.errors"]


def module_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def runtime_imports(source: str) -> list[tuple[int, str]]:
    """Like imported_modules, without imports under `if TYPE_CHECKING:` (never run), and with
    `from package import name` also as package.name (which may be a module)."""
    tree = ast.parse(source)
    typing_only = {id(n) for node in ast.walk(tree)
                   if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
                   for n in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return sorted(found)


def import_graph(root: Path) -> dict[str, set[str]]:
    """module -> the modules of our packages it imports when it runs."""
    files = {module_name(root, p): p for package in PACKAGES for p in (root / package).rglob("*.py")
             if "migrations" not in p.parts}
    graph = defaultdict(set)
    for name, path in files.items():
        for _, target in runtime_imports(path.read_text(encoding="utf-8")):
            if target in files and target != name:
                graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def test_no_module_imports_itself_through_others():
    assert cycles(import_graph(ROOT)) == []


def test_the_cycle_check_finds_cycles_and_skips_typing_imports():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    source = ("from typing import TYPE_CHECKING\nfrom gateway import errors\n"
              "if TYPE_CHECKING:\n    from gateway.services import Services\n")
    assert [m for _, m in runtime_imports(source)] == [
        "typing", "typing.TYPE_CHECKING", "gateway", "gateway.errors"]


def imports_of(package: str, forbidden: str) -> list[str]:
    offences = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for line, module in imported_modules(path.read_text(encoding="utf-8")):
            if module == forbidden or module.startswith(forbidden + "."):
                offences.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return offences


def test_graphql_resolvers_do_not_reach_into_the_http_door():
    """gateway/web serves resolvers/, not the other way round."""
    assert imports_of("resolvers", "gateway.web") == []


def test_use_cases_know_neither_graphql_nor_http():
    """gateway/ outside web/ (and the composition roots cli/ and asgi.py) is used by both
    the GraphQL and the REST doors, so it imports neither the schema nor the web framework."""
    offences = []
    for path in sorted((ROOT / "gateway").rglob("*.py")):
        relative = path.relative_to(ROOT / "gateway")
        if relative.parts[0] in ("web", "cli") or relative.name == "asgi.py":
            continue
        for line, module in imported_modules(path.read_text(encoding="utf-8")):
            if module.split(".")[0] in ("strawberry", "starlette", "graphql", "resolvers") \
                    or module.startswith("gateway.web"):
                offences.append(f"gateway/{relative}:{line} imports {module}")
    assert offences == []


def calls_of(name: str) -> dict[str, int]:
    """file -> how many calls of `name` (as a plain name or an attribute) it makes."""
    counts = defaultdict(int)
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call):
                    called = node.func.attr if isinstance(node.func, ast.Attribute) \
                        else getattr(node.func, "id", None)
                    if called == name:
                        counts[str(path.relative_to(ROOT))] += 1
    return dict(counts)


def test_audit_entries_are_built_in_one_module():
    """Every audit row, refusals included, is made by gateway/audit.py, so what an entry
    holds (and that a refusal names dataset, mode and purpose) is decided once."""
    assert set(calls_of("AuditEntry")) == {"gateway/audit.py"}
    definitions = [path for package in PACKAGES for path in (ROOT / package).rglob("*.py")
                   if "def audit_refusal(" in path.read_text(encoding="utf-8")]
    assert [str(p.relative_to(ROOT)) for p in definitions] == ["gateway/audit.py"]


def test_denials_are_recorded_only_by_audit_refusal():
    """No module writes a DENIED record by hand, so every refusal carries its code alike."""
    by_hand = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            relative = str(path.relative_to(ROOT))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and relative != "gateway/audit.py" and any(
                        isinstance(a, ast.Constant) and a.value == "DENIED"
                        for a in [*node.args, *(k.value for k in node.keywords)]):
                    by_hand.append(f"{relative}:{node.lineno}")
    assert by_hand == []


def test_fault_references_are_minted_in_one_place():
    """The reference an operator greps the log for comes from gateway.errors.fault_reference."""
    assert calls_of("uuid4") == {"gateway/errors.py": 1}
