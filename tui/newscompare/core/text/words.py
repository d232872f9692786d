"""The words of a passage with their offsets: the tokens every detector and the highlighting share.

Every divergence detector and the highlighting in the reader work on the same tokens: the text
layer's words (``text.tokens``, the project's one tokenizer) with offsets into the passage text
and a folded form in which spelling noise disappears ("U.S." and "US", "2,500" and "2500",
curly and straight apostrophes), so that a pair differing only in such noise counts as the same
words.

"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from newscompare.core.model.caches import story_memo
from newscompare.core.text.tokens import words

#: Spellings of the same word that a reader does not count as a difference.
_FOLD = {
    "usa": "us",
    "u.s": "us",
    "us": "us",
    "uk": "uk",
    "u.k": "uk",
    "un": "un",
    "u.n": "un",
    "isil": "isis",
    "daesh": "isis",
}

#: Two different tokens still count as the same word (spelling variants) at this ratio.
SPELLING_MIN_RATIO = 85.0


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a passage: offsets into the passage text, the text, its normalised form."""

    start: int
    end: int
    text: str
    norm: str


@story_memo
def tokenize(text: str) -> tuple[Token, ...]:
    """The words of ``text`` with offsets: the text layer's words (``text.tokens``: folding,
    compounds, possessives), each with its folded form and a few spellings of one name made
    one (cached: every detector tokenises the same passage)."""
    return tuple(Token(w.start, w.end, w.text, _FOLD.get(w.norm, w.norm)) for w in words(text))


@story_memo
def word_norms(text: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(text))


def same_word(a: str, b: str) -> bool:
    """Normalised words equal, or spelling variants of one longer word (Kadhimi/Kadhemi)."""
    if a == b:
        return True
    if not (spellable(a) and spellable(b)):
        return False
    return fuzz.ratio(a, b) >= SPELLING_MIN_RATIO


def spellable(word: str) -> bool:
    """Long enough, and not a number, for a spelling variant to be told from another word."""
    return len(word) >= 5 and not word[:1].isdigit()
