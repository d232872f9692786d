"""Word-level comparison of two passages: which words both share, and how the pair relates.

Every divergence detector and the highlighting in the reader work on the same tokens, so the
tokeniser lives here. Tokens keep their offsets into the passage text and a normalised form in
which spelling noise disappears ("U.S." and "US", "2,500" and "2500", curly and straight
apostrophes), so that a pair differing only in such noise counts as the same words.

The relation of a pair comes from an order-preserving alignment (``rapidfuzz`` Indel over token
lists): wire copy shared by two outlets is near-verbatim *in order*; a paraphrase shares words
but not their sequence; a ``partial`` pair is one short passage contained in a much longer one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from operator import getitem
from typing import cast

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from newscompare.core.models import PairRelation, WordSpan

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

#: Minimum normalised Indel similarity over tokens for a pair to count as copied text.
COPIED_MIN_SIMILARITY = 0.85
#: A ``partial`` pair: the shorter side is at most this fraction of the longer side ...
PARTIAL_MAX_LENGTH_RATIO = 0.65
#: ... and at least this fraction of the shorter side's words are found in the longer side.
PARTIAL_MIN_CONTAINED = 0.8
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
def _norms(text: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(text))


def same_word(a: str, b: str) -> bool:
    """Normalised words equal, or spelling variants of one longer word (Kadhimi/Kadhemi)."""
    if a == b:
        return True
    if not (_spellable(a) and _spellable(b)):
        return False
    return fuzz.ratio(a, b) >= SPELLING_MIN_RATIO


def _mark_shared(a: list[str], b: list[str]) -> tuple[list[bool], list[bool], int]:
    """Words in the in-order alignment, then words moved elsewhere, then spelling variants.

    Returns the shared flags of both sides and the number of words aligned *in order*.
    Runs once per unique pair of passages, so only the words outside the in-order alignment
    (the opcodes' other blocks, in order) are looked at again.
    """
    shared_a = [True] * len(a)
    shared_b = [True] * len(b)
    gaps_a: list[int] = []
    gaps_b: list[int] = []
    in_order = 0
    # ``as_list`` gives difflib-style tuples at run time (its stub says ``Opcode``, which unpacks
    # the same way); tuples are cheaper than ``Opcode`` objects.
    opcodes = cast("list[tuple[str, int, int, int, int]]", Indel.opcodes(a, b).as_list())
    for tag, a_start, a_end, b_start, b_end in opcodes:
        if tag == "equal":
            in_order += a_end - a_start
        else:
            gaps_a.extend(range(a_start, a_end))
            gaps_b.extend(range(b_start, b_end))
    for i in gaps_a:
        shared_a[i] = False
    for j in gaps_b:
        shared_b[j] = False
    if not (gaps_a and gaps_b):
        return shared_a, shared_b, in_order  # one side is wholly shared: nothing left to pair
    # Words the other side has elsewhere (reordered sentences) are shared for highlighting.
    positions_b: dict[str, list[int]] = {}
    for j in gaps_b:
        positions_b.setdefault(b[j], []).append(j)
    for i in gaps_a:
        free = positions_b.get(a[i])
        if free:
            shared_a[i] = True
            shared_b[free.pop(0)] = True
    # Spelling variants among what is left (``_spellable`` words): each word of A takes
    # the first free word of B within the ratio. A plain loop: the lists are short, and
    # ``process.cdist`` costs ~0.1 ms a call in set-up alone (this runs once per unique pair).
    rest_a = [i for i in gaps_a if not shared_a[i] and _spellable(a[i])]
    if not rest_a:
        return shared_a, shared_b, in_order
    rest_b = [j for j in gaps_b if not shared_b[j] and _spellable(b[j])]
    ratio = fuzz.ratio
    for i in rest_a:
        word = a[i]
        for j in rest_b:
            if not shared_b[j] and ratio(word, b[j], score_cutoff=SPELLING_MIN_RATIO):
                shared_a[i] = shared_b[j] = True
                break
    return shared_a, shared_b, in_order


def _spellable(word: str) -> bool:
    """Long enough, and not a number, for a spelling variant to be told from another word."""
    return len(word) >= 5 and not word[:1].isdigit()


def relation_of(a: list[str], b: list[str], in_order: int) -> PairRelation:
    """``copied`` / ``partial`` / ``paraphrase`` from the in-order word alignment."""
    if not a or not b:
        return "paraphrase"
    similarity = 2.0 * in_order / (len(a) + len(b))
    if similarity >= COPIED_MIN_SIMILARITY:
        return "copied"
    short, long_ = sorted((len(a), len(b)))
    if short / long_ <= PARTIAL_MAX_LENGTH_RATIO and in_order / short >= PARTIAL_MIN_CONTAINED:
        return "partial"
    return "paraphrase"


#: Sized like ``diverge.divergences``: every unique pair of texts of a large story.
@lru_cache(maxsize=16384)
def compare_words(
    text_a: str, text_b: str
) -> tuple[tuple[WordSpan, ...], tuple[WordSpan, ...], PairRelation]:
    """Word spans tagged ``shared``/``only`` for both passages, and the pair's relation."""
    norms_a, norms_b = list(_norms(text_a)), list(_norms(text_b))
    shared_a, shared_b, in_order = _mark_shared(norms_a, norms_b)
    # (only, shared)[flag] per word, picked in C.
    words_a = tuple(map(getitem, _word_spans(text_a), shared_a))
    words_b = tuple(map(getitem, _word_spans(text_b), shared_b))
    return words_a, words_b, relation_of(norms_a, norms_b, in_order)


@lru_cache(maxsize=8192)
def _word_spans(text: str) -> tuple[tuple[WordSpan, WordSpan], ...]:
    """Every word of a passage as an ``only`` and a ``shared`` span (index by the shared flag).

    A passage takes part in many pairs; its spans are made once and shared (they are frozen).
    """
    return tuple(
        (WordSpan(t.start, t.end, "only"), WordSpan(t.start, t.end, "shared"))
        for t in tokenize(text)
    )
