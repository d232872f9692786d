"""Telling URLs from paths, without importing the loaders (the reader's start-up uses it)."""

from __future__ import annotations

import re

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(source: str) -> bool:
    """Whether a source names a URL (any scheme) rather than a path."""
    return _SCHEME.match(source) is not None
