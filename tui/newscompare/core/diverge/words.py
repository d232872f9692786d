"""Word-level comparison of two passages: which words both share, and how the pair relates.

The relation of a pair comes from an order-preserving alignment (``rapidfuzz`` Indel over token
lists): wire copy shared by two outlets is near-verbatim *in order*; a paraphrase shares words
but not their sequence; a ``partial`` pair is one short passage contained in a much longer one.
Words come from the text layer (``text.words``), so the highlighting and every detector agree.
"""

from __future__ import annotations

from operator import getitem
from typing import cast

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from newscompare.core.model.caches import story_memo
from newscompare.core.model.story import PairRelation, WordSpan
from newscompare.core.text.words import SPELLING_MIN_RATIO, spellable, tokenize, word_norms

#: Minimum normalised Indel similarity over tokens for a pair to count as copied text.
COPIED_MIN_SIMILARITY = 0.85
#: A ``partial`` pair: the shorter side is at most this fraction of the longer side ...
PARTIAL_MAX_LENGTH_RATIO = 0.65
#: ... and at least this fraction of the shorter side's words are found in the longer side.
PARTIAL_MIN_CONTAINED = 0.8


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
    # Spelling variants among what is left (``spellable`` words): each word of A takes
    # the first free word of B within the ratio. A plain loop: the lists are short, and
    # ``process.cdist`` costs ~0.1 ms a call in set-up alone (this runs once per unique pair).
    rest_a = [i for i in gaps_a if not shared_a[i] and spellable(a[i])]
    if not rest_a:
        return shared_a, shared_b, in_order
    rest_b = [j for j in gaps_b if not shared_b[j] and spellable(b[j])]
    ratio = fuzz.ratio
    for i in rest_a:
        word = a[i]
        for j in rest_b:
            if not shared_b[j] and ratio(word, b[j], score_cutoff=SPELLING_MIN_RATIO):
                shared_a[i] = shared_b[j] = True
                break
    return shared_a, shared_b, in_order


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


#: Memoised for the story like ``diverge.divergences``: every unique pair of texts once.
@story_memo
def compare_words(
    text_a: str, text_b: str
) -> tuple[tuple[WordSpan, ...], tuple[WordSpan, ...], PairRelation]:
    """Word spans tagged ``shared``/``only`` for both passages, and the pair's relation."""
    norms_a, norms_b = list(word_norms(text_a)), list(word_norms(text_b))
    shared_a, shared_b, in_order = _mark_shared(norms_a, norms_b)
    # (only, shared)[flag] per word, picked in C.
    words_a = tuple(map(getitem, _word_spans(text_a), shared_a))
    words_b = tuple(map(getitem, _word_spans(text_b), shared_b))
    return words_a, words_b, relation_of(norms_a, norms_b, in_order)


def pair_relation(text_a: str, text_b: str) -> PairRelation:
    """The pair's relation alone (what ``compare_words`` gives, without the word spans that
    only the reader shows): the words aligned in order are the longest common subsequence,
    which the Indel distance gives without building the alignment."""
    norms_a, norms_b = list(word_norms(text_a)), list(word_norms(text_b))
    in_order = (len(norms_a) + len(norms_b) - Indel.distance(norms_a, norms_b)) // 2
    return relation_of(norms_a, norms_b, in_order)


@story_memo
def _word_spans(text: str) -> tuple[tuple[WordSpan, WordSpan], ...]:
    """Every word of a passage as an ``only`` and a ``shared`` span (index by the shared flag).

    A passage takes part in many pairs; its spans are made once and shared (they are frozen).
    """
    return tuple(
        (WordSpan(t.start, t.end, "only"), WordSpan(t.start, t.end, "shared"))
        for t in tokenize(text)
    )
