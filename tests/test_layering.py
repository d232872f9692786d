"""The engine never imports Textual, Rich or the CLI, so it runs headless and stays testable."""

from __future__ import annotations

import ast
from pathlib import Path

import newscompare.core

FORBIDDEN = ("textual", "rich", "newscompare.app", "newscompare.cli")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_engine_modules_do_not_import_ui() -> None:
    core = Path(newscompare.core.__file__).parent
    files = sorted(core.rglob("*.py"))
    assert len(files) > 5
    offenders = {
        f"{path.name}: {name}"
        for path in files
        for name in _imports(path)
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)
    }
    assert not offenders


def test_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from textual.app import App\nimport rich.text\n", encoding="utf-8")
    assert {"textual.app", "rich.text"} <= _imports(bad)
