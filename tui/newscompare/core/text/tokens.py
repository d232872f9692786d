"""The one tokenizer of the text layer: words with offsets, folded forms, lemmas and negation.

Every stage that reads words asks here, so "struck" and "strikes" meet as ``strike``, "fled" and
"flee" as ``flee``, and "no casualties" is never read as a report of casualties:

* **folding**: case, typographic quotes and apostrophes, dashes, compatibility forms (NFKC);
  ``U.S.`` and ``US`` are one word, ``2,500`` and ``2500`` one number;
* **compounds** are split ("hit-and-run" -> hit, and, run; "US-led" -> US, led), except that a
  name's article goes ("Al-Kadhimi" -> Kadhimi) and a possessive ``'s`` is dropped;
* **lemmas** come from simplemma (Barbaresi 2021; dictionaries built from Wiktionary and the
  Universal Dependencies treebanks, shipped inside the package, no download): ``died`` -> die,
  ``struck`` -> strike. Capitalised words inside a sentence are names: they keep their folded
  form (a lemmatiser would turn "Davies" into "davy");
* **negation**: a word governed by a negator ("no", "not", "n't", "never", "without", "nor",
  "neither", "none") up to the end of its clause is marked ``negated``.

Offsets are code-point indices into the text given, so ``text[w.start:w.end] == w.text``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from newscompare.core.model.caches import story_memo

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
    }
)
#: Acronyms with dots, numbers with separators, words with inner apostrophes or hyphens.
_WORD = re.compile(
    r"(?:[A-Za-z]\.){2,}"
    r"|\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s)?"
    r"|[^\W\d_]+(?:['\u2019\u02bc\-\u2010\u2011][^\W\d_]+)*",
    re.UNICODE,
)
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")
#: Hyphen prefixes that are articles of a name ("Al-Kadhimi"): dropped, not kept as a word.
NAME_ARTICLES: frozenset[str] = frozenset({"al", "el", "ad", "as", "ash", "an", "ar", "az"})
#: Words that negate what follows them in their clause.
NEGATORS: frozenset[str] = frozenset(
    {"no", "not", "never", "without", "nor", "neither", "none", "nobody", "nothing", "cannot"}
)
#: Where a negator's scope ends: clause punctuation and clause-joining words.
_SCOPE_END = re.compile(r"[,.;:!?](?=\s|$)|[()\[\]\"]|\s[-\u2013\u2014]\s")
_SCOPE_WORDS: frozenset[str] = frozenset({"but", "while", "whereas", "although", "though"})


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a text: where it is, as written, folded, its lemma, and whether a negator
    governs it."""

    start: int
    end: int
    text: str
    norm: str
    lemma: str
    negated: bool = False
    #: Written with a capital inside a sentence (a name, a place, an acronym), or a number.
    proper: bool = False


def fold(text: str) -> str:
    """Compatibility form, typographic quotes and hyphens straightened (same length)."""
    folded = unicodedata.normalize("NFKC", text)
    if len(folded) != len(text):  # ligatures and the like expand: keep offsets instead
        folded = text
    return folded.translate(_QUOTES)


@lru_cache(maxsize=65536)
def lemma_of(norm: str) -> str:
    """The dictionary form of a lower-case word (itself when the lexicon does not know it)."""
    if not norm or norm[0].isdigit():
        return norm
    return str(simplemma.lemmatize(norm, lang="en")).lower()


def _number_norm(word: str) -> str:
    if _THOUSANDS.match(word):
        return word.replace(",", "")
    return word.rstrip(".,:")


def _parts(match: re.Match[str]) -> list[tuple[int, int, str]]:
    """A matched word as its parts: compounds split at hyphens, possessive ``'s`` dropped."""
    word, start = match.group(), match.start()
    if word[0].isdigit() or "." in word:
        return [(start, match.end(), word)]
    if "-" not in word and "\u2010" not in word and "\u2011" not in word:  # most words: one part
        if word.lower().endswith(("'s", "\u2019s")):
            return [(start, match.end() - 2, word[:-2])] if len(word) > 2 else []
        return [(start, match.end(), word)]
    out: list[tuple[int, int, str]] = []
    pos = 0
    for piece in re.split(r"([\-\u2010\u2011])", word):
        if piece and piece not in "-\u2010\u2011":
            out.append((start + pos, start + pos + len(piece), piece))
        pos += len(piece)
    if len(out) == 2 and out[0][2].lower() in NAME_ARTICLES and out[1][2][:1].isupper():
        out = out[1:]
    elif len(out) > 1 and any(len(p) <= 2 and not p.isupper() for _, _, p in out):
        # A short prefix or particle is part of one word ("re-hired", "co-founder"): one word
        # (as written, hyphen kept; its folded form without it).
        out = [(out[0][0], out[-1][1], re.sub(r"[\-\u2010\u2011]", "", word))]
    cleaned: list[tuple[int, int, str]] = []
    for s, e, piece in out:
        if piece.lower().endswith(("'s", "\u2019s")):
            piece, e = piece[:-2], e - 2
        if piece:
            cleaned.append((s, e, piece))
    return cleaned


def _title_case(words: list[str]) -> bool:
    """Headlines capitalise every word, so capitals there say nothing about names."""
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    return len(long_words) >= 2 and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words)


@story_memo
def words(text: str) -> tuple[Word, ...]:
    """The words of ``text`` with offsets, folded forms, lemmas and negation (cached)."""
    folded = fold(text)
    raw = [p for m in _WORD.finditer(folded) for p in _parts(m)]
    title_case = _title_case([w for _, _, w in raw])
    ends = [m.start() for m in _SCOPE_END.finditer(folded)]
    out: list[Word] = []
    negating_until = -1
    sentence_start = True
    for start, end, word in raw:
        low = word.lower()
        lower = low.replace("'", "")
        if word[0].isdigit():
            norm, lemma, proper = _number_norm(word), _number_norm(word), True
        else:
            norm = lower.replace(".", "") if "." in lower else lower
            capital = word[0].isupper() and not sentence_start and not title_case
            proper = capital or (word.isupper() and len(word) > 1)
            lemma = norm if proper else lemma_of(norm)
        negated = start < negating_until
        if norm in _SCOPE_WORDS:
            negating_until = -1
            negated = False
        if norm in NEGATORS or low.endswith("n't"):
            negating_until = next((e for e in ends if e > end), len(folded))
        out.append(Word(start, end, text[start:end], norm, lemma, negated, proper))
        sentence_start = folded[end : end + 2].startswith((". ", "! ", "? "))
    return tuple(out)
