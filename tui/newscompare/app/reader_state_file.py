"""What the reader remembers between runs (today: the theme), in a small YAML state file.

The file is ``$XDG_STATE_HOME/newscompare/state.yaml`` (``~/.local/state/...`` when the variable
is unset), not ``config.yaml``: the config is the user's own file, with comments, and the reader
never rewrites it. Writes are atomic; an unreadable or malformed state file is ignored (it holds
nothing the user typed), and a state file that cannot be written only costs the remembered theme.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from textual.app import App

from newscompare.core.model.atomic import atomic_write_text


def state_path() -> Path:
    """Where the state file lives (read from the environment each time, so tests can move it)."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "newscompare" / "state.yaml"


def load_state() -> dict[str, str]:
    """The remembered values; empty when there is no readable state file."""
    try:
        raw = yaml.safe_load(state_path().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {str(k): str(v) for k, v in raw.items() if isinstance(v, str)}


def save_state(**values: str) -> str:
    """Remember ``values`` (merged with what is remembered); returns "" or why it failed."""
    state = load_state() | values
    path = state_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, yaml.safe_dump(state, sort_keys=True, allow_unicode=True))
    except OSError as exc:
        return f"{path}: {exc.strerror or exc}"
    return ""


def restore_theme(app: App[Any]) -> None:
    """Give ``app`` the theme chosen in an earlier run (palette: "Change theme"), then
    remember each change (a state file that cannot be written is told, once per change)."""
    remembered = load_state().get("theme", "")
    if remembered in app.available_themes and remembered != app.theme:
        app.theme = remembered

    def remember(theme: str) -> None:
        problem = save_state(theme=theme)
        if problem:
            app.notify(f"theme not remembered: {problem}", severity="warning", markup=False)

    app.watch(app, "theme", remember, init=False)
