"""The explain panel (``i``): why the current pair is a pair and what differs, in full.

The status line only has room for "1 number · 2 date"; this panel shows the score and relation,
every divergence with its kind and both outlets' values, and what the two passages share. All
it reads from the story goes through ``explain_pair``, the one place to extend when the engine
exposes per-passage facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from newscompare.app.render import DIVERGENCE_STYLES, plain, side_of
from newscompare.core.model.index import StoryIndex
from newscompare.core.model.story import Comparison, DivergenceKind

#: Shared words listed (the rest are counted).
SHARED_SHOWN = 24
_WORDLIKE = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class ExplainedDivergence:
    kind: DivergenceKind
    left: str
    right: str
    note: str


@dataclass(frozen=True, slots=True)
class Explanation:
    """What the panel shows for one pair, oriented left column first."""

    left_outlet: str
    right_outlet: str
    #: Passage numbers in their articles (as the columns' ¶ marks show them).
    left_passage: str
    right_passage: str
    score: float
    relation: str
    divergences: tuple[ExplainedDivergence, ...]
    #: Words both passages use (first occurrence order, case-folded, no repeats).
    shared_words: tuple[str, ...]
    left_only: int
    right_only: int


def explain_pair(index: StoryIndex, comparison: Comparison, left_passage: str) -> Explanation:
    """Everything the panel says about ``comparison``, with ``left_passage`` on the left."""
    pair = comparison.pair
    right_passage = pair.b if left_passage == pair.a else pair.a
    left, right = index.passages[left_passage], index.passages[right_passage]
    left_side = side_of(comparison, left_passage)
    mine = comparison.a_words if left_side == "a" else comparison.b_words
    theirs = comparison.b_words if left_side == "a" else comparison.a_words
    shared: dict[str, None] = {}
    for span in mine:
        word = left.text[span.start : span.end].casefold()
        if span.tag == "shared" and _WORDLIKE.search(word):
            shared.setdefault(word, None)
    return Explanation(
        left_outlet=index.articles[left.article].outlet,
        right_outlet=index.articles[right.article].outlet,
        left_passage=left.id.rsplit(":", 1)[-1],
        right_passage=right.id.rsplit(":", 1)[-1],
        score=pair.score,
        relation=comparison.relation,
        divergences=tuple(
            ExplainedDivergence(
                d.kind,
                d.a if left_side == "a" else d.b,
                d.b if left_side == "a" else d.a,
                d.note,
            )
            for d in comparison.divergences
        ),
        shared_words=tuple(shared),
        left_only=sum(1 for w in mine if w.tag == "only"),
        right_only=sum(1 for w in theirs if w.tag == "only"),
    )


def explanation_content(explanation: Explanation, current: int | None = None) -> Content:
    """The panel's text; ``current``: the divergence stepped to with ``]``/``[`` (marked ▶)."""
    e = explanation
    lines = [
        Content("Explain  ")
        .stylize("bold")
        .append(plain(f"score {e.score:.2f} · {e.relation} · "))
        .append(plain(f"{e.left_outlet} ¶{e.left_passage}", "bold"))
        .append(Content(" ↔ "))
        .append(plain(f"{e.right_outlet} ¶{e.right_passage}", "bold"))
    ]
    if not e.divergences:
        lines.append(Content("  no divergences: the two passages report this alike"))
    for n, d in enumerate(e.divergences):
        marker = "▶ " if n == current else "  "
        left = d.left or "(nothing)"
        right = d.right or "(nothing)"
        line = (
            Content(marker)
            .append(Content(f"{d.kind:<11}").stylize(DIVERGENCE_STYLES[d.kind]))
            .append(Content(" "))
            .append(plain(f"{e.left_outlet}: ", "$text-muted"))
            .append(plain(left, "bold"))
            .append(Content("  vs  "))
            .append(plain(f"{e.right_outlet}: ", "$text-muted"))
            .append(plain(right, "bold"))
        )
        if d.note:
            line = line.append(plain(f"  ({d.note})", "$text-muted"))
        lines.append(line)
    shown = ", ".join(e.shared_words[:SHARED_SHOWN])
    more = len(e.shared_words) - SHARED_SHOWN
    lines.append(
        Content("  shared words: ")
        .stylize("$text-muted")
        .append(plain((shown or "none") + (f" … (+{more})" if more > 0 else "")))
    )
    lines.append(
        plain(
            f"  words only in {e.left_outlet}: {e.left_only} · "
            f"only in {e.right_outlet}: {e.right_only}",
            "$text-muted",
        )
    )
    return Content("\n").join(lines)


class ExplainPanel(VerticalScroll, can_focus=False):
    """A scrolling box under the columns; hidden until toggled."""

    def compose(self) -> ComposeResult:
        yield Static(id="explain-text")

    def show(self, content: Content | None) -> None:
        text = self.query_one("#explain-text", Static)
        text.update(content if content is not None else Content("no current pair (n/p select one)"))

    @property
    def text(self) -> str:
        """The panel as plain text (tests read it)."""
        return str(self.query_one("#explain-text", Static).visual)
