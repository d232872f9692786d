"""Messages between the reader's screens and the app.

Screens never call into the app module and the app never calls into a screen's methods: a screen
posts a request (it bubbles up to the app), and the app posts notes to the screen shown. Each
message is a small frozen value, so what travels between them is visible in one place.
"""

from __future__ import annotations

from textual.message import Message


class StatusNote(Message):
    """App -> pair view: a note to show first on the status line (an error, 're-aligning')."""

    def __init__(self, note: str) -> None:
        super().__init__()
        self.note = note


class RevealPassages(Message):
    """App -> pair view: scroll both columns to these passages (a jump to a hidden pair)."""

    def __init__(self, *passage_ids: str) -> None:
        super().__init__()
        self.passage_ids = passage_ids


class OpenEvent(Message):
    """Screen -> app: open the event view on this group, above the screen asking."""

    def __init__(self, group_id: str) -> None:
        super().__init__()
        self.group_id = group_id


class SelectGroup(Message):
    """Screen -> app: make a pair of this event group current (the event view stepped)."""

    def __init__(self, group_id: str) -> None:
        super().__init__()
        self.group_id = group_id


class ShowArticle(Message):
    """Palette or picker -> app: show this article in a column of the pair view."""

    def __init__(self, side: str, article_id: str) -> None:
        super().__init__()
        self.side = side
        self.article_id = article_id


class RunInPairView(Message):
    """Palette -> app: run a pair view action from whichever screen is open."""

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action
