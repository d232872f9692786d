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

from rapidfuzz import fuzz, process
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


@lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[Token, ...]:
    """The words of ``text`` with offsets (cached: every detector tokenises the same passage)."""
    return tuple(
        Token(m.start(), m.end(), m.group(), normalise_word(m.group()))
        for m in TOKEN_RE.finditer(text)
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
    """
    shared_a = [False] * len(a)
    shared_b = [False] * len(b)
    in_order = 0
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            for k in range(op.src_end - op.src_start):
                shared_a[op.src_start + k] = True
                shared_b[op.dest_start + k] = True
            in_order += op.src_end - op.src_start
    # Words the other side has elsewhere (reordered sentences) are shared for highlighting.
    positions_b: dict[str, list[int]] = {}
    for j, w in enumerate(b):
        if not shared_b[j]:
            positions_b.setdefault(w, []).append(j)
    for i, w in enumerate(a):
        if not shared_a[i] and positions_b.get(w):
            shared_a[i] = True
            shared_b[positions_b[w].pop(0)] = True
    # Spelling variants among what is left, scored all at once in C (``process.cdist``).
    rest_a = [i for i, w in enumerate(a) if not shared_a[i] and len(w) >= 5 and _spellable(w)]
    rest_b = [j for j, w in enumerate(b) if not shared_b[j] and len(w) >= 5 and _spellable(w)]
    if rest_a and rest_b:
        scores = process.cdist(
            [a[i] for i in rest_a],
            [b[j] for j in rest_b],
            scorer=fuzz.ratio,
            score_cutoff=SPELLING_MIN_RATIO,
        )
        rows, cols = scores.nonzero()
        for row, col in zip(rows.tolist(), cols.tolist(), strict=True):
            i, j = rest_a[row], rest_b[col]
            if not shared_a[i] and not shared_b[j]:
                shared_a[i] = shared_b[j] = True
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


@lru_cache(maxsize=4096)
def compare_words(
    text_a: str, text_b: str
) -> tuple[tuple[WordSpan, ...], tuple[WordSpan, ...], PairRelation]:
    """Word spans tagged ``shared``/``only`` for both passages, and the pair's relation."""
    norms_a, norms_b = list(_norms(text_a)), list(_norms(text_b))
    shared_a, shared_b, in_order = _mark_shared(norms_a, norms_b)
    spans_a, spans_b = _word_spans(text_a), _word_spans(text_b)
    words_a = tuple(spans_a[s][i] for i, s in enumerate(shared_a))
    words_b = tuple(spans_b[s][i] for i, s in enumerate(shared_b))
    return words_a, words_b, relation_of(norms_a, norms_b, in_order)


@lru_cache(maxsize=8192)
def _word_spans(text: str) -> tuple[tuple[WordSpan, ...], tuple[WordSpan, ...]]:
    """Every word of a passage as an ``only`` span and as a ``shared`` span (index by flag).

    A passage takes part in many pairs; its spans are made once and shared (they are frozen).
    """
    tokens = tokenize(text)
    only = tuple(WordSpan(t.start, t.end, "only") for t in tokens)
    shared = tuple(WordSpan(t.start, t.end, "shared") for t in tokens)
    return only, shared
