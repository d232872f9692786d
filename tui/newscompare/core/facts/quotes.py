"""Quotes two outlets give differently: trimmed, or with words altered.

A quote in one passage is aligned word by word (``rapidfuzz`` Indel over normalised tokens)
with each quote of the other passage and with the other passage's whole text, since outlets
often drop the quote marks. Where the words around a gap agree and the gap holds different
words, the quote was altered ("intelligence cooperation" vs "information cooperation"); each
altered stretch is reported with the agreeing word beside it, which is how a reader names it.
A quote that is an exact part of the other outlet's quote was trimmed. Spelling, punctuation,
case and moved words are never reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from newscompare.core.lexicons.load import stop_words
from newscompare.core.model.caches import story_memo
from newscompare.core.text.words import Token, same_word, tokenize

QUOTE_RE = re.compile(r"“(?P<curly>[^“”]{3,}?)”|\"(?P<straight>[^\"]{3,}?)\"")
#: Words that never make an alteration on their own: function words (Snowball's list,
#: ``stopwords.yaml``), plus "rather" and the pronoun "us", which it leaves out.
STOPWORDS = stop_words() | {"rather", "us"}
#: An altered stretch is at most this many words on its shorter side.
MAX_ALTERED_WORDS = 3
#: A reworded quote shares at least this many content words with the other outlet's.
_REWORDED_SHARED = 3
_BREAK = re.compile(r"[,.;:!?“”\"()\[\]—]")


@dataclass(frozen=True, slots=True)
class Quote:
    """The words inside quote marks: offsets into the passage text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class QuoteDifference:
    """A span in each passage and what kind of difference it is."""

    a_span: tuple[int, int]
    b_span: tuple[int, int]
    note: str


_MARKS = re.compile(r"[“”\"]")


@story_memo
def quoted_regions(text: str) -> tuple[tuple[int, int], ...]:
    """Where ``text`` speaks in someone's quoted words: between paired quote marks, and from an
    opening mark that never closes to the end (a quotation the sentence splitter cut apart:
    '"And she showed up in the morning and hated it.' continues in the next sentence)."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for m in _MARKS.finditer(text):
        mark = m.group()
        if start is None:
            if mark != "”":
                start = m.end()
        elif mark != "“":
            out.append((start, m.start()))
            start = None
    if start is not None:
        out.append((start, len(text)))
    return tuple(out)


def mostly_quoted(text: str, start: int, end: int) -> bool:
    """At least half of the characters of ``text[start:end]`` lie inside quotation marks."""
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in quoted_regions(text))
    return end > start and 2 * inside >= end - start


@story_memo
def extract_quotes(text: str) -> tuple[Quote, ...]:
    """Quoted stretches of two or more words."""
    out = []
    for m in QUOTE_RE.finditer(text):
        group = "curly" if m.group("curly") is not None else "straight"
        start, end = m.start(group), m.end(group)
        inner = text[start:end]
        if len(inner.split()) >= 2:
            out.append(Quote(start, end, inner))
    return tuple(out)


@story_memo
def _quoted_tokens(text: str) -> tuple[tuple[Quote, tuple[Token, ...]], ...]:
    """Each quote of ``text`` with its words (once per passage: it meets many others)."""
    tokens = tokenize(text)
    return tuple(
        (quote, tuple(t for t in tokens if t.start >= quote.start and t.end <= quote.end))
        for quote in extract_quotes(text)
    )


def _content(tokens: Sequence[Token]) -> int:
    return sum(1 for t in tokens if t.norm not in STOPWORDS)


def _shared_content(a: Sequence[Token], b: Sequence[Token]) -> int:
    ops = Indel.opcodes([t.norm for t in a], [t.norm for t in b])
    return sum(
        1
        for op in ops
        if op.tag == "equal"
        for t in a[op.src_start : op.src_end]
        if t.norm not in STOPWORDS
    )


def _unbroken(text: str, start: int, end: int) -> bool:
    """No punctuation between two words: they belong to one phrase."""
    return _BREAK.search(text, start, end) is None


def _alterations(
    text_q: str, q: Sequence[Token], text_t: str, t: Sequence[Token]
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Stretches where ``q`` and ``t`` agree around a gap holding different words."""
    norms_q = [x.norm for x in q]
    norms_t = [x.norm for x in t]
    ops = [op for op in Indel.opcodes(norms_q, norms_t) if op.tag == "equal"]
    everywhere_q, everywhere_t = set(norms_q), set(norms_t)
    out: list[tuple[tuple[int, int], tuple[int, int]]] = []
    bounds = [(0, 0)] + [(op.src_start, op.dest_start) for op in ops] + [(len(q), len(t))]
    ends = [(0, 0)] + [(op.src_end, op.dest_end) for op in ops] + [(len(q), len(t))]
    for k in range(len(ops) + 1):
        gap_q = (ends[k][0], bounds[k + 1][0])
        gap_t = (ends[k][1], bounds[k + 1][1])
        len_q, len_t = gap_q[1] - gap_q[0], gap_t[1] - gap_t[0]
        if not len_q or not len_t:
            continue
        has_left, has_right = k > 0, k < len(ops)
        if not (has_left or has_right):
            continue
        if not (has_left and has_right) and (len_q != len_t or len_q > MAX_ALTERED_WORDS):
            continue  # at the edge of the match: only a small, balanced change is an edit
        n = min(len_q, len_t, MAX_ALTERED_WORDS)
        if has_right:  # the changed words usually modify the agreeing word after them
            sq, st = (gap_q[1] - n, gap_q[1]), (gap_t[1] - n, gap_t[1])
            nq, nt = q[gap_q[1]], t[gap_t[1]]
            anchor = q[ops[k].src_start : ops[k].src_end]
        else:
            sq, st = (gap_q[0], gap_q[0] + n), (gap_t[0], gap_t[0] + n)
            nq, nt = q[gap_q[0] - 1], t[gap_t[0] - 1]
            anchor = q[ops[k - 1].src_start : ops[k - 1].src_end]
        words_q, words_t = q[sq[0] : sq[1]], t[st[0] : st[1]]
        next_q, next_t = (words_q[-1], words_t[-1]) if has_right else (words_q[0], words_t[0])
        if (next_q.norm in STOPWORDS) != (next_t.norm in STOPWORDS):
            continue  # not parallel phrases ("military training" vs "help in training")
        if _content(anchor) == 0 or _content(words_q) == 0 or _content(words_t) == 0:
            continue
        if all(same_word(x.norm, y.norm) for x, y in zip(words_q, words_t, strict=True)):
            continue  # spelling variants
        if all(x.norm in everywhere_t or x.norm in STOPWORDS for x in words_q) or all(
            y.norm in everywhere_q or y.norm in STOPWORDS for y in words_t
        ):
            continue  # moved, not altered
        span_q = (min(words_q[0].start, nq.start), max(words_q[-1].end, nq.end))
        span_t = (min(words_t[0].start, nt.start), max(words_t[-1].end, nt.end))
        if _unbroken(text_q, *span_q) and _unbroken(text_t, *span_t):
            out.append((span_q, span_t))
    return out


def _best_target(q: Sequence[Token], text_t: str) -> tuple[Quote | None, Sequence[Token], int]:
    """The other passage's quote that shares most content words, else its whole text."""
    best: tuple[Quote | None, Sequence[Token], int] = (None, (), 0)
    for quote, tokens in _quoted_tokens(text_t):
        shared = _shared_content(q, tokens)
        if shared > best[2]:
            best = (quote, tokens, shared)
    whole = tokenize(text_t)
    shared_whole = _shared_content(q, whole)
    if shared_whole > best[2] + 1 or best[0] is None:
        best = (None, whole, shared_whole)
    return best


def _close(q: Sequence[Token], target: Sequence[Token], shared: int) -> bool:
    """Enough agreeing content words that the two stretches are the same quote."""
    if shared < 2:
        return False
    return shared >= 0.5 * min(_content(q), _content(target)) or shared >= 4


def _one_way(text_q: str, text_t: str, swap: bool) -> list[QuoteDifference]:
    out: list[QuoteDifference] = []
    for quote, q in _quoted_tokens(text_q):
        target_quote, target, shared = _best_target(q, text_t)
        if not _close(q, target, shared):
            continue
        found: list[tuple[tuple[int, int], tuple[int, int], str]] = []
        norms_q = [x.norm for x in q]
        norms_t = [x.norm for x in target]
        longer, shorter = (norms_q, norms_t) if len(norms_q) > len(norms_t) else (norms_t, norms_q)
        trimmed = _contiguous(shorter, longer) and any(
            w not in STOPWORDS and w not in shorter for w in longer
        )
        if target_quote is not None and trimmed:
            found.append(
                (
                    (quote.start, quote.end),
                    (target_quote.start, target_quote.end),
                    "quote trimmed: one outlet quotes only part",
                )
            )
        else:
            for span_q, span_t in _alterations(text_q, q, text_t, target):
                where = "quote" if target_quote is not None else "unquoted text"
                found.append((span_q, span_t, f"quoted words altered (vs {where})"))
            if not found and target_quote is not None and _reworded(q, target):
                found.append(
                    (
                        (quote.start, quote.end),
                        (target_quote.start, target_quote.end),
                        "quote reworded: the same statement in other words",
                    )
                )
        for span_q, span_t, note in found:
            if swap:
                out.append(QuoteDifference(span_t, span_q, note))
            else:
                out.append(QuoteDifference(span_q, span_t, note))
    return out


def _reworded(q: Sequence[Token], target: Sequence[Token]) -> bool:
    """Two quotes of one statement (``_close``) whose content words differ beyond spelling in
    more than a stretch ``_alterations`` can name: two translations or two transcriptions of
    one speech ("The future of Europe ... is at stake" vs "Nothing less than the future of
    Europe ... is at stake")."""

    def content(tokens: Sequence[Token]) -> list[str]:
        return [x.norm for x in tokens if x.norm not in STOPWORDS]

    mine, theirs = set(content(q)), set(content(target))
    only_mine = {w for w in mine if not any(same_word(w, v) for v in theirs)}
    only_theirs = {w for w in theirs if not any(same_word(w, v) for v in mine)}
    shared = len(mine) - len(only_mine)
    # Most of the longer quote's words must be shared, or it is another statement on the topic.
    if shared < _REWORDED_SHARED or shared < 0.5 * max(len(mine), len(theirs)):
        return False
    return bool(only_mine or only_theirs)


def _contiguous(part: list[str], whole: list[str]) -> bool:
    """``part`` occurs as one run inside ``whole``."""
    n = len(part)
    return 0 < n < len(whole) and any(whole[i : i + n] == part for i in range(len(whole) - n + 1))


def differing_quotes(text_a: str, text_b: str) -> list[QuoteDifference]:
    """Trimmed and altered quotes, spans in A then B, each difference once."""
    seen: set[tuple[tuple[int, int], tuple[int, int]]] = set()
    out: list[QuoteDifference] = []
    for diff in _one_way(text_a, text_b, swap=False) + _one_way(text_b, text_a, swap=True):
        key = (diff.a_span, diff.b_span)
        overlapping = any(
            d.a_span[0] < diff.a_span[1]
            and diff.a_span[0] < d.a_span[1]
            and d.b_span[0] < diff.b_span[1]
            and diff.b_span[0] < d.b_span[1]
            for d in out
        )
        if key not in seen and not overlapping:
            seen.add(key)
            out.append(diff)
    return out
