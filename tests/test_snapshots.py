"""Snapshots of the four views at 120x36 and 80x24 (pytest-textual-snapshot).

Built from the hand-made troops story (no loading problems, so no toast covers the view), with
a fixed threshold and the default theme, so the pictures only change when the UI does.
Update after an intended UI change with ``python3 -m pytest tests/test_snapshots.py
--snapshot-update`` and look at the SVGs in ``tests/__snapshots__/``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from app_fixtures import dated_troops_story, troops_story
from conftest import reader_config
from newscompare.app.app import make_app

VIEWS: dict[str, tuple[str, ...]] = {
    "pair": ("n", "right_square_bracket", "right_square_bracket"),
    "event": ("n", "e"),
    "overview": ("o",),
    "help": ("question_mark",),
    "explain": ("n", "right_square_bracket", "i"),
    "picker": ("g",),
}


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_view(snap_compare: Callable[..., bool], view: str, size: tuple[int, int]) -> None:
    app = make_app(replace(troops_story(), problems=()), config=reader_config())
    assert snap_compare(app, press=VIEWS[view], terminal_size=size)


def test_timeline(snap_compare: Callable[..., bool]) -> None:
    """The timeline (t) of the dated troops story: events by date, each outlet's passages,
    the Gazette "not yet" on the attacks it was published before."""
    app = make_app(dated_troops_story(), config=reader_config())
    assert snap_compare(app, press=("t",), terminal_size=(120, 36))
