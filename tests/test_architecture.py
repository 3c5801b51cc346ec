"""How the packages may depend on one another."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIBRARIES = ("masking", "sandbox")  # each could be published on its own
APPLICATION = ("gateway", "resolvers")


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
