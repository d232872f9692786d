"""Where pip put the ``newscompare`` console script, for tests that run it for real."""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path


def console_script(name: str = "newscompare") -> str | None:
    """The script beside this Python (a venv), in the user scheme (``pip install --user``, whose
    folder is often not on PATH), or on PATH; None when it is not installed."""
    candidates = [
        Path(sys.executable).parent / name,
        Path(sysconfig.get_path("scripts", f"{os.name}_user")) / name,
    ]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(name)
