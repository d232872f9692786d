"""The words of a passage with their offsets: the tokens every detector and the highlighting share.

Every divergence detector and the highlighting in the reader work on the same tokens, so the
tokeniser lives here. Tokens keep their offsets into the passage text and a normalised form in
which spelling noise disappears ("U.S." and "US", "2,500" and "2500", curly and straight
apostrophes), so that a pair differing only in such noise counts as the same words.

"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

#: Numbers with thousands separators/decimals stay one token; words may hold inner apostrophes,
#: dots (U.S) and nothing else, so "US-led" gives "US" and "led" in both spellings.
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’.][^\W\d_]+)*", re.UNICODE)

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


def normalise_word(word: str) -> str:
    """Fold case, dots, apostrophes, thousands separators and a few spelling variants."""
    w = word.lower().replace("’", "'")
    if w[:1].isdigit():
        return w.replace(",", "")
    if w.endswith("'s"):
        w = w[:-2]
    w = _FOLD.get(w, w)
    return w.replace(".", "").replace("'", "")


#: ``normalise_word`` memoised: a story repeats a few thousand distinct words many times over.
_normalised = lru_cache(maxsize=65536)(normalise_word)


@lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[Token, ...]:
    """The words of ``text`` with offsets (cached: every detector tokenises the same passage)."""
    normalised = _normalised
    return tuple(
        Token(m.start(), m.end(), word, normalised(word))
        for m in TOKEN_RE.finditer(text)
        for word in (m.group(),)
    )


@lru_cache(maxsize=8192)
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
