"""The apps depend one way: content <- agreements <- guidance <- linkcheck (and config on all).

Read from the source files' import statements, so an import added anywhere,
even inside a function, fails here.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
# Each app and the apps it must never import.
FORBIDDEN = {
    "content": {"agreements", "guidance", "linkcheck", "config"},
    "agreements": {"guidance", "linkcheck", "config"},
    "guidance": {"linkcheck", "config"},
    # Link checks read the content apps; only config (admin's index) reads them.
    "linkcheck": {"about", "feedback", "config"},
}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name.split(".")[0] for name in names}


def import_graph() -> dict[str, set[str]]:
    """Each project module (by path) and the project apps it imports."""
    apps = set(FORBIDDEN) | {"config", "about", "feedback"}
    return {
        str(path.relative_to(BASE)): imported_apps(path) & apps
        for app in FORBIDDEN
        for path in sorted((BASE / app).rglob("*.py"))
    }


@pytest.mark.parametrize("app", FORBIDDEN)
def test_an_app_imports_none_of_the_apps_that_build_on_it(app):
    graph = import_graph()
    wrong = {
        module: imported & FORBIDDEN[app]
        for module, imported in graph.items()
        if module.startswith(f"{app}/") and imported & FORBIDDEN[app]
    }
    assert wrong == {}


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "late.py"
    module.write_text("def f():\n    from guidance.models import Guide\n")
    assert imported_apps(module) == {"guidance"}
