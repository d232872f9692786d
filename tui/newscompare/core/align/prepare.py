"""Text preparation for alignment: passages -> weighted canonical tokens.

All articles of a story share a topic, so what tells two passages report the same event is the
specific content they share: a name, a number, a place, a quoted word, an action. This module
turns each passage into the set of such tokens, folded so that outlets' spelling habits do not
hide a match:

* case, punctuation and curly quotes are folded; ``2,500`` and ``2500`` are one number,
  ``U.S.`` and ``US`` one acronym, ``Al-Kadhimi`` and ``Kadhimi`` one name;
* stop words go (but ``US`` in capitals is a country, not the pronoun), after alias phrases
  that hold them ("called for", "pull out") have been matched;
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
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from newscompare.core.facts import dates

STOP_WORDS: frozenset[str] = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours
    yourself yourselves us said says say saying told tells according may might must shall one
    ones however since per via he's she's they're we're there's that's mr mrs ms dr new news
    report reports reported reporting""".split()  # noqa: SIM905 (a word list reads best as text)
)

#: Hyphen prefixes that are articles of a name (``Al-Kadhimi``): dropped, not joined.
NAME_ARTICLES: frozenset[str] = frozenset({"al", "el", "ad", "as", "ash", "an", "ar", "az"})

MONTHS: frozenset[str] = frozenset(dates.MONTHS)

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2032": "'",
        "\u2033": '"',
    }
)
_TOKEN_RE = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # U.S., U.K.
    r"|\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?"  # 2,500  2.5  10:30  1990s  2nd
    r"|[^\W\d_]+(?:['-][^\W\d_]+)*",  # words, hyphenated words, o'clock
    re.UNICODE,
)
#: A sentence ends at . ! or ? (maybe closing a quote or bracket) before a capital or a quote.
_SENTENCE_END_RE = re.compile(r"[.!?][\"')\]]*\s+(?=[\"(]?[A-Z0-9])")
#: Title abbreviations whose period does not end a sentence ("Dr. Smith", "Lt. Gen. Soleimani").
ABBREVIATIONS: frozenset[str] = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt cpl adm gov sen rep rev st jr sr no vs".split()  # noqa: SIM905
)
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)$")
_THOUSANDS_RE = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_ORDINAL_RE = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_POSSESSIVE_RE = re.compile(r"'[sS]$")


@dataclass(frozen=True, slots=True)
class RawToken:
    """One word of a passage after folding, before aliases and vocabulary clustering."""

    norm: str  # folded form, lower case
    surface: str  # as written, for labels
    anchor: bool  # name, number, date or quoted word
    quoted: bool = False  # inside double quotes: the outlet reports someone's exact words
    stop: bool = False  # a stop word: kept only to match alias phrases, then dropped
    sentence: int = 0  # index of the sentence of the passage that holds the word


def fold(text: str) -> str:
    """Unicode compatibility form with curly quotes straightened (same length in practice)."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans between pairs of double quotes; an odd last quote runs to the end."""
    marks = [m.start() for m in re.finditer('"', text)]
    spans = [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
    if len(marks) % 2:
        spans.append((marks[-1], len(text)))
    return spans


def _is_title_case(words: Sequence[str]) -> bool:
    """Headlines capitalise every word, so capitals there say nothing about names."""
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    if len(long_words) < 2:
        return False
    return sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words)


def _number_form(word: str) -> str:
    """``2,500`` -> ``2500``; ``2nd`` -> ``2``; other numbers keep their punctuation."""
    if _THOUSANDS_RE.match(word):
        return word.replace(",", "")
    ordinal = _ORDINAL_RE.match(word)
    if ordinal:
        return ordinal.group(1)
    return word.rstrip(".,:")


def _word_parts(word: str) -> list[str]:
    """Split hyphenated words, keeping case: ``re-hired`` -> ``rehired``, ``US-led`` -> US, led.

    ``Al-Kadhimi`` -> ``Kadhimi`` (name article dropped); a possessive ``'s`` goes.
    """
    if "'" not in word and "-" not in word:
        return [word]
    cleaned = _POSSESSIVE_RE.sub("", word).replace("'", "")
    if "-" not in cleaned:
        return [cleaned]
    parts = [p for p in cleaned.split("-") if p]
    if len(parts) == 2 and parts[0].lower() in NAME_ARTICLES:
        return [parts[1]]
    if any(len(p) <= 2 and not p.isupper() for p in parts):
        return ["".join(parts)]
    return parts


@functools.lru_cache(maxsize=200_000)
def _word_info(word: str) -> tuple[tuple[str, str, bool, bool, bool], ...]:
    """Per distinct word (cached): its parts as (lower, original, capitalised, acronym, stop).

    Stop words are flagged, not dropped, so alias phrases may hold them ("called for", "pull
    out"); acronyms (``US`` is a country, ``us`` a pronoun) and capitalised month names
    (``May``) are never stop words.
    """
    if word[0].isdigit():
        return ((_number_form(word), word, False, True, False),)
    if "." in word:  # U.S.
        return ((word.lower(), word, False, False, False),)
    out = []
    for original in _word_parts(word):
        part = original.lower()
        if len(part) < 2:
            continue
        upper_first = original[0].isupper()
        acronym = upper_first and original.isupper()
        stop = part in STOP_WORDS and not acronym and not (upper_first and part in MONTHS)
        out.append((part, original, upper_first, acronym or part in MONTHS, stop))
    return tuple(out)


def _ends_sentence(text: str, mark: int) -> bool:
    """A period after a title abbreviation or an initial (``J.``, ``U.S.``) ends no sentence."""
    if text[mark] != ".":
        return True
    before = _WORD_BEFORE_RE.search(text, 0, mark)
    if before is None:
        return True
    word = before.group(1)
    return len(word) > 1 and word.lower() not in ABBREVIATIONS


def tokens_with_stop_words(text: str) -> list[RawToken]:
    """Every word of one passage, folded, anchors marked, stop words flagged (``stop``).

    Anchors: numbers, acronyms, months, words in double quotes, and capitalised words that do
    not start the passage (unless the passage is a title-case headline).
    """
    folded = fold(text)
    matches = list(_TOKEN_RE.finditer(folded))
    words = [m.group() for m in matches]
    quoted = _quoted_spans(folded) if '"' in folded else []
    inside = [any(s < m.start() < e for s, e in quoted) for m in matches]
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(folded) if _ends_sentence(folded, m.start())]
    title_case = _is_title_case(words)
    out: list[RawToken] = []
    sentence = 0
    for index, word in enumerate(words):
        while sentence < len(ends) and matches[index].start() >= ends[sentence]:
            sentence += 1
        in_quote = inside[index]
        for part, original, upper_first, always, stop in _word_info(word):
            capital = upper_first and index > 0 and not title_case
            anchor = (always or in_quote or capital) and not stop
            out.append(RawToken(part, original, anchor, in_quote, stop, sentence))
    return out


def raw_tokens(text: str) -> list[RawToken]:
    """Content words of one passage: ``tokens_with_stop_words`` without the stop words."""
    return [t for t in tokens_with_stop_words(text) if not t.stop]


def _phrase_key(phrase: str) -> tuple[str, ...]:
    """An alias phrase as the token sequence ``tokens_with_stop_words`` yields for it."""
    return tuple(part for word in _TOKEN_RE.findall(fold(phrase)) for part, *_ in _word_info(word))


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
    for canonical, words in aliases.items():
        for phrase in (canonical, *words):
            key = _phrase_key(phrase.lower())
            if key:
                lookup.setdefault(key, canonical.lower())
    return lookup


def apply_aliases(
    tokens: Sequence[RawToken], lookup: Mapping[tuple[str, ...], str], longest: int
) -> list[RawToken]:
    """Replace alias words and phrases (longest first) by their canonical form.

    A phrase may span stop words ("called for"); a lone stop word never matches (the pronoun
    "us" is not the country), and stop words left over are dropped.
    """
    starts = {key[0] for key in lookup}
    out: list[RawToken] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.norm in starts:
            smallest = 2 if t.stop else 1
            for size in range(min(longest, len(tokens) - i), smallest - 1, -1):
                key = tuple(x.norm for x in tokens[i : i + size])
                canonical = lookup.get(key)
                if canonical is not None:
                    if canonical:  # an empty canonical form drops the phrase
                        surface = " ".join(x.surface for x in tokens[i : i + size])
                        quoted = any(x.quoted for x in tokens[i : i + size])
                        out.append(RawToken(canonical, surface, False, quoted, False, t.sentence))
                    i += size
                    break
            else:
                if not t.stop:
                    norm = t.norm.replace(".", "")
                    out.append(RawToken(norm, t.surface, t.anchor, t.quoted, False, t.sentence))
                i += 1
            continue
        if not t.stop:
            out.append(
                t
                if "." not in t.norm
                else RawToken(
                    t.norm.replace(".", ""), t.surface, t.anchor, t.quoted, False, t.sentence
                )
            )
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
        if len(w) >= 4 and not w[0].isdigit():
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
            scores = process.cdist(
                long_words, long_words, scorer=fuzz.ratio, score_cutoff=ratio, workers=-1
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
) -> PreparedStory:
    """Tokenise, alias, cluster and weight every passage of a story (alignable ones only).

    Tokens whose canonical form is in ``event_words`` (what happened: killed, escaped, voted)
    weigh ``event_weight`` times more: two outlets naming the same event with the same (or a
    synonymous) verb report one event instance far more often than two sharing a topic noun.
    """
    quote_weight = anchor_weight if quote_weight is None else quote_weight
    lookup = _alias_lookup(aliases, dropped)
    longest = max((len(k) for k in lookup), default=1)
    # Wire copy repeats sentences verbatim across outlets: prepare each distinct text once.
    done: dict[str, list[RawToken]] = {}
    per_passage = []
    for text in texts:
        if text not in done:
            done[text] = apply_aliases(tokens_with_stop_words(text), lookup, longest)
        per_passage.append(done[text])
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
