"""The import rule of the house, checked on the source: core ← services ← shells.

* ``scoring`` (the core) imports nothing of Huigui, and no UI or database library;
* services (words, charts, file writers, records, settings …) import the core and each other;
* the store and the reports are shells over the core and the services, and never import
  each other (a report is handed its data; the store never draws);
* the command line and the app may use the store and the reports, and nothing imports them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

LAYERS: dict[str, str] = {
    "scoring": "core",
    "huigui": "service",  # the package root holds only the version
    "huigui.i18n": "service",
    "huigui.charts": "service",
    "huigui.files": "service",
    "huigui.tables": "service",
    "huigui.settings": "service",
    "huigui.net": "service",
    "huigui.records": "service",
    "huigui.workshop": "service",
    "huigui.exports": "service",
    "huigui.store": "store",
    "huigui.reports": "reports",
    "huigui.cli": "cli",
    "huigui.__main__": "cli",
    "huigui.serve": "cli",
    "huigui.app": "app",
}
ALLOWED: dict[str, set[str]] = {
    "core": {"core"},
    "service": {"core", "service"},
    "store": {"core", "service", "store"},
    "reports": {"core", "service", "reports"},
    "cli": {"core", "service", "store", "reports", "cli"},
    "app": {"core", "service", "store", "reports", "app"},
}
#: Libraries only some layers may use.
FOREIGN = {
    "core": {
        "streamlit",
        "sqlalchemy",
        "alembic",
        "psycopg",
        "weasyprint",
        "jinja2",
        "plotly",
        "qrcode",
    },
    "service": {"streamlit", "alembic", "psycopg", "weasyprint"},
    "store": {"streamlit", "weasyprint", "plotly"},
    "reports": {"streamlit", "sqlalchemy", "alembic"},
}


def layer_of(module: str) -> str | None:
    """The layer of a dotted module name (its longest known prefix)."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        found = LAYERS.get(".".join(parts[:end]))
        if found is not None:
            return found
    return None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import in ``path``, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            found.append((node.lineno, target))
    return found


SOURCES = sorted(
    p
    for folder in ("scoring", "huigui")
    for p in (ROOT / folder).rglob("*.py")
    if "migrations" not in p.parts and not p.is_symlink()
)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_module_imports_only_what_its_layer_may(path: Path) -> None:
    """Every import of every module goes down or across its layer, never up."""
    own = layer_of(module_name(path))
    assert own is not None, f"{module_name(path)} belongs to no layer: add it to LAYERS"
    for line, target in imports(path):
        other = layer_of(target)
        where = f"{path.relative_to(ROOT)}:{line} imports {target}"
        if other is not None:
            assert other in ALLOWED[own], f"{where} ({own} may not use {other})"
        assert target.split(".")[0] not in FOREIGN.get(own, set()), f"{where} ({own} layer)"


def test_the_rule_catches_a_violation(tmp_path: Path) -> None:
    """The checker is not blind: a report that reads the store is caught."""
    assert "store" not in ALLOWED[layer_of("huigui.reports.render") or ""]
    assert layer_of("huigui.app.pages.results") == "app"
    assert "app" not in ALLOWED["cli"] and "cli" not in ALLOWED["app"]
