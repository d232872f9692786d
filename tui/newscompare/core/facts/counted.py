"""What happened to what a figure counts: the event word its clause attaches to it.

"24 people were killed", "killing at least five", "injuring dozens", "a death toll of 24" and
"50 reported injured" all count something an event happened to, and the event is what tells
two figures apart: 24 dead and 249 injured are two quantities, never one reported twice with
different values, even when both count "people". The counted noun alone cannot say so ("people"
counts anyone; "injuring dozens" has no noun at all), so each figure also carries the event of
its clause, read from the text layer's lemmas and the event lexicon (``events.yaml``):

* the nearest event word before the figure, up to a few words back ("killing at least five",
  "a death toll of 24"), or after its counted noun, up to a few words on ("24 people were
  killed", "249 people injured");
* never across a clause boundary (punctuation, or a word that starts another clause: "and",
  "but", "while", "after", ...), so "killing five and injuring dozens" gives each figure its
  own event;
* a counted noun that names the outcome itself ("24 deaths", "50 injured") is its own event.
"""

from __future__ import annotations

import re
from functools import cache

from newscompare.core.lexicons.aliases import BUILTIN_EVENTS
from newscompare.core.text.tokens import Word, words

#: How many words before a figure, and after its counted noun, an event word may be.
WORDS_BEFORE = 4
WORDS_AFTER = 4
#: Words that start another clause: an event beyond them happened to something else.
_CLAUSE_WORDS = frozenset(
    {
        "and", "but", "or", "while", "whereas", "after", "before", "when", "as", "which",
        "who", "that", "because", "since", "although",
    }
)  # fmt: skip
#: Punctuation between two words that ends the clause (a hyphen inside "76-year-old" does not).
_BOUNDARY = re.compile(r"[,;:.!?()\[\]\"]|\s[-\u2013\u2014]\s")


@cache
def event_index() -> dict[str, str]:
    """Lemma of each one-word event phrase -> its event (the key of ``events.yaml``)."""
    index: dict[str, str] = {}
    for event, phrases in BUILTIN_EVENTS.items():
        for phrase in (event, *phrases):
            found = words(phrase)
            if len(found) == 1:
                index.setdefault(found[0].lemma, event)
                index.setdefault(found[0].norm, event)
    return index


def event_of_word(word: str) -> str | None:
    """The event a single word names ("deaths" -> killed, "injured" -> injured), if any."""
    found = words(word)
    return _event(found[0]) if len(found) == 1 else None


def _breaks(text: str, left: Word, right: Word) -> bool:
    return _BOUNDARY.search(text, left.end, right.start) is not None


def _event(word: Word) -> str | None:
    index = event_index()
    return index.get(word.norm) or index.get(word.lemma)


def event_near(text: str, start: int, end: int) -> str | None:
    """The event of the clause around the figure at ``text[start:end]`` (its counted noun
    included): the nearest event word after it, else before it, within the clause."""
    ws = words(text)
    inside = [i for i, w in enumerate(ws) if w.start < end and start < w.end]
    if not inside:
        return None
    first, last = inside[0], inside[-1]
    for k in range(last + 1, min(len(ws), last + 1 + WORDS_AFTER)):
        if _breaks(text, ws[k - 1], ws[k]) or ws[k].norm in _CLAUSE_WORDS:
            break
        event = _event(ws[k])
        if event is not None:
            return event
    for k in range(first - 1, max(-1, first - 1 - WORDS_BEFORE), -1):
        if _breaks(text, ws[k], ws[k + 1]) or ws[k].norm in _CLAUSE_WORDS:
            break
        event = _event(ws[k])
        if event is not None:
            return event
    return None
