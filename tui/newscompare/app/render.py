"""Turn engine text and spans into Textual ``Content``, keeping article text literal.

Article text is untrusted: it may contain Rich/Textual markup (``[bold]``, ``[@click=...]``) or
terminal escapes. ``Content`` built from a plain string is never parsed as markup, and control
characters are swapped one-for-one for visible placeholders (``\\x1b`` -> ``␛``) so the engine's
character offsets still line up with what is displayed. Styles use theme variables so every
Textual theme carries through; each divergence style also has a non-colour attribute (bold,
underline, italic) so highlights survive ``NO_COLOR``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from textual.content import Content

from newscompare.core.model.sanitize import sanitize
from newscompare.core.model.story import Comparison, Divergence, DivergenceKind, WordSpan


def display_text(text: str) -> str:
    """``text`` with every unsafe character replaced by one visible character (same length):
    ``sanitize``'s display mode, so the engine's offsets still line up."""
    return sanitize(text, "display")


#: Characters of passage and note text shown where a whole passage does not fit (a table cell).
SHORT = 28


def short(text: str, width: int = SHORT) -> str:
    """One line of at most ``width`` characters, unsafe characters shown as symbols."""
    flat = " ".join(sanitize(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def plain(text: str, style: str = "") -> Content:
    """Literal ``text`` as ``Content``; never parsed as markup."""
    content = Content(display_text(text))
    return content.stylize(style) if style else content


#: Divergence styles, strongest first: number/date conflicts, then names/quotes/attribution,
#: then wording. The non-colour attributes keep them apart without colour (NO_COLOR).
DIVERGENCE_STYLES: dict[DivergenceKind, str] = {
    "number": "bold underline $text-error on $error-muted",
    "date": "bold underline $text-error on $error-muted",
    "name": "bold $text-warning on $warning-muted",
    "quote": "bold $text-warning on $warning-muted",
    "attribution": "bold $text-warning on $warning-muted",
    "wording": "italic underline $text-accent",
}
#: The divergence the reader stepped to with ``]``/``[``.
CURRENT_DIVERGENCE_STYLE = "reverse"
#: Words this passage has and its counterpart lacks; shared words stay plain.
ONLY_WORD_STYLE = "$text-muted"

#: Event group colours, cycled by group number (fixed hues readable on dark and light themes).
GROUP_COLOURS: tuple[str, ...] = (
    "#3b82f6",
    "#e4a11b",
    "#10b981",
    "#d946ef",
    "#06b6d4",
    "#f97316",
    "#84cc16",
    "#f43f5e",
)


def group_colour(number: int) -> str:
    """The colour of event group ``number`` (1-based)."""
    return GROUP_COLOURS[(number - 1) % len(GROUP_COLOURS)]


@dataclass(frozen=True, slots=True)
class Highlight:
    """A styled character range of one passage's text."""

    start: int
    end: int
    style: str


def highlighted(text: str, highlights: Iterable[Highlight]) -> Content:
    """Passage text with highlights applied in order (later ones win where they overlap)."""
    content = Content(display_text(text))
    length = len(text)
    for h in highlights:
        start, end = max(0, h.start), min(length, h.end)
        if start < end:
            content = content.stylize(h.style, start, end)
    return content


def side_of(comparison: Comparison, passage_id: str) -> str:
    """``"a"`` or ``"b"``: which side of ``comparison`` the passage is on."""
    return "a" if comparison.pair.a == passage_id else "b"


def divergence_span(divergence: Divergence, side: str) -> tuple[int, int]:
    return divergence.a_span if side == "a" else divergence.b_span


def comparison_highlights(
    comparison: Comparison, passage_id: str, current: int | None = None
) -> list[Highlight]:
    """Highlights for one passage of a pair: only-words softly, divergences by kind on top."""
    side = side_of(comparison, passage_id)
    word_spans: Sequence[WordSpan] = comparison.a_words if side == "a" else comparison.b_words
    out = [Highlight(w.start, w.end, ONLY_WORD_STYLE) for w in word_spans if w.tag == "only"]
    for i, divergence in enumerate(comparison.divergences):
        start, end = divergence_span(divergence, side)
        style = DIVERGENCE_STYLES[divergence.kind]
        if i == current:
            style = f"{style} {CURRENT_DIVERGENCE_STYLE}"
        out.append(Highlight(start, end, style))
    return out


def group_highlights(passage_id: str, comparisons: Iterable[Comparison]) -> list[Highlight]:
    """N-way highlights for one passage of an event: words no other outlet has, and every
    divergence any other outlet's passage has with it."""
    comparisons = list(comparisons)
    only: set[tuple[int, int]] | None = None
    divergences: list[Highlight] = []
    for comparison in comparisons:
        side = side_of(comparison, passage_id)
        words = comparison.a_words if side == "a" else comparison.b_words
        mine = {(w.start, w.end) for w in words if w.tag == "only"}
        only = mine if only is None else only & mine
        for divergence in comparison.divergences:
            start, end = divergence_span(divergence, side)
            divergences.append(Highlight(start, end, DIVERGENCE_STYLES[divergence.kind]))
    words_out = [Highlight(s, e, ONLY_WORD_STYLE) for s, e in sorted(only or ())]
    return words_out + divergences


def divergence_summary(divergences: Sequence[Divergence]) -> str:
    """``"2 number · 1 wording"``, kinds in severity order; empty when there are none."""
    counts: dict[str, int] = {}
    for divergence in divergences:
        counts[divergence.kind] = counts.get(divergence.kind, 0) + 1
    return " · ".join(f"{counts[kind]} {kind}" for kind in DIVERGENCE_STYLES if kind in counts)
