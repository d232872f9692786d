"""Text preparation for alignment: passages -> weighted canonical tokens.

All articles of a story share a topic, so what tells two passages report the same event is the
specific content they share: a name, a number, a place, a quoted word, an action. This module
turns each passage into the set of such tokens. Words come from the text layer (``text.tokens``,
the project's one tokenizer, and ``text.sentences``), so outlets' spelling habits do not hide a
match:

* case, punctuation and curly quotes are folded; ``2,500`` and ``2500`` are one number,
  ``U.S.`` and ``US`` one acronym, ``Al-Kadhimi`` and ``Kadhimi`` one name;
* words are lemmas (simplemma): "struck" and "strikes" meet as ``strike``, "fled" and "flee"
  as ``flee``; names and acronyms keep their folded form;
* stop words (``lexicons/data/stopwords.yaml``) go (but ``US`` in capitals is a country, not
  the pronoun), after alias phrases that hold them ("called for", "pull out") have been matched;
* alias tables map ``American``/``Washington`` to ``us``, ``soldiers`` to ``troops``, and
  event synonyms (died/death toll/killed, petrol bomb/Molotov cocktail) to one event word;
* morphology and spelling variants (Iraq/Iraqi, withdraw/withdrawal, Kadhimi/Kadhemi) are
  merged by clustering the story's vocabulary once (prefix rules plus ``rapidfuzz`` ratio),
  never per pair;
* tokens that are names, numbers, dates or quoted words are *anchors* and weigh more, and so
  do event words;
* each token remembers its sentence, so scoring can ask whether two passages share their
  content within one sentence.

Token weights are IDF over the story (each alignable passage a document): ``ln(1 + P / df)``, so
topic words that most passages share weigh little and rare specifics weigh a lot. Tokens held by
more passages than a ceiling (which grows with the square root of the story) weigh zero, so the
candidate index never walks their huge posting lists in big stories.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from newscompare.core.facts import dates
from newscompare.core.lexicons.load import lexicon, stop_words, words_of
from newscompare.core.text.sentences import TITLES, split_sentences
from newscompare.core.text.tokens import Word, fold, lemma_of, words

MONTHS: frozenset[str] = frozenset(dates.MONTHS)
_ORDINAL_RE = re.compile(r"^(\d+)(?:st|nd|rd|th)$")


@functools.cache
def alignment_stop_words() -> frozenset[str]:
    """Words that never make two passages report one fact: function words (Snowball's list),
    the attribution words that name nothing ("say", "tell", "according": ``stopwords.yaml``)
    and title words ("Mr", from the sentence splitter's abbreviations)."""
    return stop_words() | frozenset(words_of(lexicon("stopwords")["attribution"])) | TITLES


@dataclass(frozen=True, slots=True)
class RawToken:
    """One word of a passage after folding and lemmas, before aliases and vocabulary clustering."""

    norm: str  # the lemma (names and numbers: their folded form), lower case
    surface: str  # as written, for labels
    anchor: bool  # name, number, date or quoted word
    quoted: bool = False  # inside double quotes: the outlet reports someone's exact words
    stop: bool = False  # a stop word: kept only to match alias phrases, then dropped
    sentence: int = 0  # index of the sentence of the passage that holds the word
    key: str = ""  # the lemma even of a name ("Americans" -> american): what aliases match


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans between pairs of double quotes; an odd last quote runs to the end."""
    marks = [m.start() for m in re.finditer('"', text)]
    spans = [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
    if len(marks) % 2:
        spans.append((marks[-1], len(text)))
    return spans


def _number_form(norm: str) -> str:
    """An ordinal counts as its number (``2nd`` -> ``2``); other numbers as the text layer
    folds them (``2,500`` -> ``2500``)."""
    ordinal = _ORDINAL_RE.match(norm)
    return ordinal.group(1) if ordinal else norm


def _token(word: Word, in_quote: bool, sentence: int, stop_list: frozenset[str]) -> RawToken:
    if word.text[0].isdigit():
        norm = _number_form(word.norm)
        return RawToken(norm, word.text, True, in_quote, False, sentence, norm)
    acronym = word.text.isupper() and len(word.text) > 1
    month = word.norm in MONTHS and word.text[0].isupper()
    # An acronym is its own key ("US" is the country, the lemma of "us" is "we").
    key = word.norm if acronym or "." in word.text else lemma_of(word.norm)
    stop = (word.norm in stop_list or key in stop_list) and not acronym and not month
    anchor = (acronym or month or in_quote or word.proper) and not stop
    norm = word.norm if word.proper else word.lemma
    return RawToken(norm, word.text, anchor, in_quote, stop, sentence, key)


def date_keys(text: str, article_date: str | None) -> list[tuple[int, int, str, str]]:
    """Dates of ``text`` resolved against the article's date, as one token each
    (``(start, end, key, surface)``): "Thursday" in an article of Tuesday 2021-07-27 is
    ``@2021-07-22``, "July 22" the same day, "last July" ``@2020-07``. Two "Thursday"s a year
    apart are then different words, and a weekday meets the date it names. Without an article
    date, or for periods ("earlier this year"), the words stay as written."""
    if dates.parse_article_date(article_date) is None:
        return []
    out: list[tuple[int, int, str, str]] = []
    for m in dates.extract_dates(text, article_date):
        named = dates.days_named(m, article_date)
        if named is not None:
            low, high = named
            key = f"@{low.isoformat()}" if low == high else f"@{low:%Y-%m}"
            out.append((m.start, m.end, key, m.text))
    return out


def tokens_with_stop_words(text: str, article_date: str | None = None) -> list[RawToken]:
    """Every word of one passage from the text layer (``text.tokens``: folding, compounds,
    lemmas), anchors marked, stop words flagged (``stop``), each with its sentence
    (``text.sentences``).

    Anchors: numbers, acronyms, months, words in double quotes, and names (capitalised inside a
    sentence, unless the passage is a title-case headline).
    """
    stop_list = alignment_stop_words()
    folded = fold(text)
    quoted = _quoted_spans(folded) if '"' in folded else []
    ends = [end for _, end in split_sentences(folded)]
    resolved = date_keys(folded, article_date)
    out: list[RawToken] = []
    sentence = 0
    emitted: set[int] = set()
    for word in words(text):
        if len(word.norm) < 2 and not word.text[0].isdigit():
            continue
        while sentence < len(ends) - 1 and word.start >= ends[sentence]:
            sentence += 1
        # (Guarded: most passages have no quote and no date, and the generators cost more
        # than the rest of the loop.)
        in_quote = bool(quoted) and any(s < word.start < e for s, e in quoted)
        span = (
            next((k for k, d in enumerate(resolved) if d[0] <= word.start < d[1]), None)
            if resolved
            else None
        )
        if span is not None:
            if span not in emitted:  # the whole date expression is one token
                emitted.add(span)
                _, _, key, surface = resolved[span]
                out.append(RawToken(key, surface, True, in_quote, False, sentence, key))
            continue
        out.append(_token(word, in_quote, sentence, stop_list))
    return out


def raw_tokens(text: str) -> list[RawToken]:
    """Content words of one passage: ``tokens_with_stop_words`` without the stop words."""
    return [t for t in tokens_with_stop_words(text) if not t.stop]


@functools.lru_cache(maxsize=16384)
def _phrase_key(phrase: str) -> tuple[str, ...]:
    """An alias phrase as the keys ``tokens_with_stop_words`` gives its words (lemmas).

    Cached for the process (a pure function of the phrase): every part of a split story
    builds its alias table again, and the phrases are the same each time."""
    return tuple(t.key for t in tokens_with_stop_words(phrase))


def _alias_lookup(
    aliases: Mapping[str, tuple[str, ...]], dropped: Sequence[str] = ()
) -> dict[tuple[str, ...], str]:
    """Token sequence -> canonical form; phrases in ``dropped`` map to "" (removed).

    Keys are built by the passage tokenizer itself, so "U.S.-led" or "called for" match the
    way they are written in passages.
    """
    lookup: dict[tuple[str, ...], str] = {}
    for phrase in dropped:
        key = _phrase_key(phrase.lower())
        if key:
            lookup[key] = ""
    for canonical, phrases in aliases.items():
        for phrase in (canonical, *phrases):
            key = _phrase_key(phrase.lower())
            if key:
                lookup.setdefault(key, canonical.lower())
    return lookup


def apply_aliases(
    tokens: Sequence[RawToken],
    lookup: Mapping[tuple[str, ...], str],
    longest: int,
    starts: frozenset[str] | None = None,
) -> list[RawToken]:
    """Replace alias words and phrases (longest first) by their canonical form.

    A phrase may span stop words ("called for"); a lone stop word never matches (the pronoun
    "us" is not the country), and stop words left over are dropped. ``starts``: the first
    words of the phrases of ``lookup``, when the caller made them once for many passages.
    """
    if starts is None:
        starts = frozenset(key[0] for key in lookup)
    out: list[RawToken] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.key in starts:
            smallest = 2 if t.stop else 1
            for size in range(min(longest, len(tokens) - i), smallest - 1, -1):
                key = tuple(x.key for x in tokens[i : i + size])
                canonical = lookup.get(key)
                if canonical is not None:
                    if canonical:  # an empty canonical form drops the phrase
                        surface = " ".join(x.surface for x in tokens[i : i + size])
                        quoted = any(x.quoted for x in tokens[i : i + size])
                        out.append(
                            RawToken(canonical, surface, False, quoted, False, t.sentence, t.key)
                        )
                    i += size
                    break
            else:
                if not t.stop:
                    out.append(t)
                i += 1
            continue
        if not t.stop:
            out.append(t)
        i += 1
    return out


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


#: Inflections only: a four-letter stem is enough when both forms end in one (pull/pulls/pulled).
INFLECTIONS: frozenset[str] = frozenset({"", "s", "es", "ed", "d", "ing"})

#: What may follow the shared stem of two forms of one word (inflection, common derivation).
WORD_ENDINGS: frozenset[str] = frozenset(
    "s es ed d ing er ers al als i is ian ians ion ions ly y ies ied e n en".split()  # noqa: SIM905
) | {""}


def same_word(a: str, b: str) -> bool:
    """Morphology rule: Iraq/Iraqi, withdraw/withdrawal, rehires/rehired, checked/checking.

    The two words must share a stem of at least four letters (five when both are longer, unless
    both endings are plain inflections) and differ only by a known ending, so ``part``/
    ``partner`` and ``press``/``pressure`` stay apart.
    """
    if a.isdigit() or b.isdigit():
        return False
    prefix = _common_prefix(a, b)
    short = min(len(a), len(b))
    if short < 4 or prefix < 4:
        return False
    if prefix < min(5, short):
        return a[prefix:] in INFLECTIONS and b[prefix:] in INFLECTIONS
    return a[prefix:] in WORD_ENDINGS and b[prefix:] in WORD_ENDINGS


#: Word pairs of a block from which ``cdist`` runs on all cores.
THREADED_CELLS = 40_000


def cluster_vocabulary(vocabulary: Sequence[str], ratio: float) -> dict[str, str]:
    """Map each word to a canonical spelling shared by its morphological and spelling variants.

    Words are compared only within blocks sharing their first three letters (variants almost
    always do), so the cost stays near linear in the vocabulary; inside a block ``rapidfuzz``
    ``cdist`` scores spelling variants and a prefix rule catches inflections.
    """
    parent: dict[str, str] = {w: w for w in vocabulary}

    def find(w: str) -> str:
        while parent[w] != w:
            parent[w] = parent[parent[w]]
            w = parent[w]
        return w

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            keep, drop = sorted((ra, rb), key=lambda w: (len(w), w))
            parent[drop] = keep

    blocks: dict[str, list[str]] = {}
    for w in sorted(vocabulary):
        if len(w) >= 4 and not w[0].isdigit() and not w.startswith("@"):  # not numbers, dates
            blocks.setdefault(w[:3], []).append(w)
    for block in blocks.values():
        if len(block) < 2:
            continue
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if b[:4] != a[:4]:
                    break
                if same_word(a, b):
                    union(a, b)
        long_words = [w for w in block if len(w) >= 7]
        if len(long_words) >= 2:
            # Threads only for big blocks: starting them costs ten times a small block's work.
            big = len(long_words) ** 2 >= THREADED_CELLS
            scores = process.cdist(
                long_words,
                long_words,
                scorer=fuzz.ratio,
                score_cutoff=ratio,
                workers=-1 if big else 1,
            )
            rows, cols = scores.nonzero()
            for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
                if i < j:
                    union(long_words[i], long_words[j])
    return {w: find(w) for w in vocabulary}


@dataclass(frozen=True, slots=True)
class PreparedStory:
    """Per-passage canonical token ids and weights, ready for the candidate index."""

    vocabulary: tuple[str, ...]  # token id -> canonical token
    tokens: tuple[tuple[int, ...], ...]  # per passage: distinct token ids, in text order
    weights: tuple[tuple[float, ...], ...]  # per passage: weight of each of its tokens
    surfaces: tuple[tuple[str, ...], ...]  # per passage: surface form of each of its tokens
    document_frequency: tuple[int, ...]  # token id -> passages holding it
    #: per passage of several sentences: the token ids of each sentence (empty: one sentence)
    sentences: tuple[tuple[frozenset[int], ...], ...] = ()


def df_ceiling(passages: int, minimum: float, scale: float) -> float:
    """The document frequency above which a token is treated as a stop word (weight 0).

    Small stories keep every token (the minimum is above their passage count); in big stories
    the ceiling grows with the square root of the passage count, so the candidate index never
    walks a posting list longer than that and its cost stays well below quadratic.
    """
    return max(minimum, scale * math.sqrt(max(passages, 1)))


def prepare_story(
    texts: Sequence[str],
    aliases: Mapping[str, tuple[str, ...]],
    *,
    anchor_weight: float,
    fuzzy_ratio: float,
    quote_weight: float | None = None,
    ceiling_minimum: float,
    ceiling_scale: float,
    dropped: Sequence[str] = (),
    event_words: frozenset[str] = frozenset(),
    event_weight: float = 1.0,
    article_dates: Sequence[str | None] = (),
) -> PreparedStory:
    """Tokenise, alias, cluster and weight every passage of a story (alignable ones only).

    Tokens whose canonical form is in ``event_words`` (what happened: killed, escaped, voted)
    weigh ``event_weight`` times more: two outlets naming the same event with the same (or a
    synonymous) verb report one event instance far more often than two sharing a topic noun.
    ``article_dates`` (one per text, ISO dates or None) resolve each passage's dates
    (``date_keys``), so dates match by the day they name, not by how they are written.
    """
    quote_weight = anchor_weight if quote_weight is None else quote_weight
    lookup = _alias_lookup(aliases, dropped)
    longest = max((len(k) for k in lookup), default=1)
    starts = frozenset(key[0] for key in lookup)
    # Wire copy repeats sentences verbatim across outlets: prepare each distinct text once.
    done: dict[tuple[str, str | None], list[RawToken]] = {}
    per_passage = []
    for k, text in enumerate(texts):
        key = (text, article_dates[k] if article_dates else None)
        if key not in done:
            done[key] = apply_aliases(tokens_with_stop_words(*key), lookup, longest, starts)
        per_passage.append(done[key])
    vocabulary_raw = sorted({t.norm for tokens in per_passage for t in tokens})
    canonical = cluster_vocabulary(vocabulary_raw, fuzzy_ratio)
    ids: dict[str, int] = {}
    token_ids: list[tuple[int, ...]] = []
    boosts: list[tuple[float, ...]] = []
    surfaces: list[tuple[str, ...]] = []
    sentences: list[tuple[frozenset[int], ...]] = []
    for tokens in per_passage:
        by_sentence: dict[int, set[int]] = {}
        seen: dict[int, int] = {}
        row_boost: list[float] = []
        row_surface: list[str] = []
        for t in tokens:
            tid = ids.setdefault(canonical[t.norm], len(ids))
            by_sentence.setdefault(t.sentence, set()).add(tid)
            boost = quote_weight if t.quoted else anchor_weight if t.anchor else 1.0
            if t.norm in event_words or canonical[t.norm] in event_words:
                boost *= event_weight
            if tid in seen:
                k = seen[tid]
                row_boost[k] = max(row_boost[k], boost)
                continue
            seen[tid] = len(row_surface)
            row_boost.append(boost)
            row_surface.append(t.surface)
        token_ids.append(tuple(seen))
        boosts.append(tuple(row_boost))
        surfaces.append(tuple(row_surface))
        several = len(by_sentence) > 1
        sentences.append(tuple(frozenset(v) for v in by_sentence.values()) if several else ())
    df: Counter[int] = Counter(tid for row in token_ids for tid in row)
    ceiling = df_ceiling(len(texts), ceiling_minimum, ceiling_scale)
    total = len(texts)
    base = {tid: (math.log1p(total / n) if n <= ceiling else 0.0) for tid, n in df.items()}
    vocabulary = [""] * len(ids)
    for word, tid in ids.items():
        vocabulary[tid] = word
    weights = tuple(
        tuple(base[tid] * boost for tid, boost in zip(row, row_boost, strict=True))
        for row, row_boost in zip(token_ids, boosts, strict=True)
    )
    return PreparedStory(
        vocabulary=tuple(vocabulary),
        tokens=tuple(token_ids),
        weights=weights,
        surfaces=tuple(surfaces),
        document_frequency=tuple(df.get(i, 0) for i in range(len(ids))),
        sentences=tuple(sentences),
    )
