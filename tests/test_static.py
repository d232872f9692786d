"""ruff and mypy stay clean: run as tests so `.ci/run` enforces them on every change."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_ruff_is_clean() -> None:
    if shutil.which("ruff") is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    result = _run("ruff", "check", "tui", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    if shutil.which("mypy") is None:
        pytest.skip("mypy is not installed (pip install -e '.[test]')")
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def _lint_imports(*args: str, cwd: Path = PROJECT, pythonpath: str | None = None) -> str:
    """Run import-linter (the contracts in pyproject.toml unless ``--config`` says otherwise)."""
    import os

    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(exe).exists():
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = pythonpath
    result = subprocess.run(
        [exe, "--no-cache", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )
    return f"exit {result.returncode}\n{result.stdout}{result.stderr}"


def test_layers_hold() -> None:
    """Lower layers never import higher ones; the engine never imports the UI or the CLI;
    inside the reader, screens and widgets never import the app module (no import cycle).
    ``PYTHONPATH`` points at this checkout, so the contracts are checked on its code even where
    the ``lint-imports`` script belongs to an interpreter that has another checkout installed."""
    out = _lint_imports(pythonpath=str(PROJECT / "tui"))
    assert out.startswith("exit 0"), out
    assert "3 kept, 0 broken" in out, out


def test_the_layer_check_catches_an_upward_import(tmp_path: Path) -> None:
    """The same kind of contract on a two-module package whose lower layer imports the higher
    one: import-linter must report it broken (so ``test_layers_hold`` can fail)."""
    package = tmp_path / "probe"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "high.py").write_text("", encoding="utf-8")
    (package / "low.py").write_text("import probe.high\n", encoding="utf-8")
    (tmp_path / "contracts.toml").write_text(
        '[tool.importlinter]\nroot_package = "probe"\n\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "probe layers"\ntype = "layers"\nlayers = ["probe.high", "probe.low"]\n',
        encoding="utf-8",
    )
    out = _lint_imports("--config", "contracts.toml", cwd=tmp_path, pythonpath=str(tmp_path))
    assert out.startswith("exit 1"), out
    assert "probe.low -> probe.high" in out, out
