"""The layering of docs/architecture.md, read from the source: no module imports a layer
above its own (issue 15 item 3: the wiring once imported the API's rate limiter)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "backend" / "wayfarer"

#: Each part of the package and the parts it must never import, lazily or not.
FORBIDDEN: dict[str, set[str]] = {
    "domain": {"api", "cli", "config", "conversation", "language", "planner", "sessions",
               "wiring"},
    "errors": {"api", "cli", "conversation", "language", "planner", "sessions", "wiring"},
    "observability": {"api", "cli", "conversation", "language", "planner", "sessions",
                      "wiring"},
    "config": {"api", "cli", "conversation", "language", "planner", "sessions", "wiring"},
    "config_files": {"api", "cli", "conversation", "language", "planner", "sessions",
                     "wiring"},
    "language": {"api", "cli", "conversation", "planner", "sessions", "wiring"},
    "planner": {"api", "cli", "conversation", "language", "sessions", "wiring"},
    "sessions": {"api", "cli", "conversation", "language", "planner", "wiring"},
    "conversation": {"api", "cli", "wiring"},
    "wiring": {"api", "cli"},
    "api": {"cli"},
}


def _imported_parts(path: Path) -> set[str]:
    """The parts of ``wayfarer`` a module imports (``wayfarer.api.x`` -> ``api``)."""
    parts: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                 else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
        for name in names:
            dotted = name.split(".")
            if dotted[0] == "wayfarer" and len(dotted) > 1:
                parts.add(dotted[1])
    return parts


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_a_layer_above_its_own(path: Path) -> None:
    part = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    assert _imported_parts(path) & FORBIDDEN.get(part, set()) == set()


def test_every_part_of_the_package_has_a_rule() -> None:
    parts = {p.name.removesuffix(".py") for p in PACKAGE.iterdir()
             if p.suffix == ".py" or (p / "__init__.py").is_file()}
    assert parts - set(FORBIDDEN) == {"__init__", "cli"}
