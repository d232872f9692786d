"""Attribution as readers see it: does a passage state its fact flatly, or credit it to a source?

"Three killed in bank fire" states a fact; "Police said three people died" credits it to the
police; "allegedly produced a weapon" distances the outlet from it. Readers comparing outlets
want exactly these differences: a fact one outlet states flatly and another credits to a
source, or verbs of different stance ("said" vs "claimed", "confirmed" vs "said"). This
module finds a passage's *credits* (cues): a reporting verb with its source ("police said",
"said the spokesman", "a source tells The Associated Press"), "according to <source>", a
headline's "Cops: ...", and stance adverbs and impersonal frames ("allegedly", "reportedly",
"it was unclear"). The verbs, prepositions and hedges come from
``lexicons/data/reporting.yaml`` (its header names the typology); words are matched by lemma
from the text layer, so every inflection counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newscompare.core.facts.quotes import quoted_regions
from newscompare.core.lexicons.load import lexicon, reporting_verbs, stop_words, words_of
from newscompare.core.model.caches import story_memo
from newscompare.core.text.tokens import Word, words

Stance = str  # "neutral" | "factive" | "distancing" | "denying"

#: Pronouns say someone spoke without saying who: a source of unknown identity.
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "this"})
#: Words between a source and its verb that are not part of the source ("police have said").
_BETWEEN = frozenset(
    {
        "has",
        "have",
        "had",
        "also",
        "later",
        "then",
        "again",
        "earlier",
        "previously",
        "would",
        "will",
        "could",
        "may",
        "might",
        "did",
        "does",
        "do",
        "further",
        "repeatedly",
        "publicly",
        "privately",
        "separately",
        "quickly",
        "initially",
        "first",
        "last",
    }
)
#: Words that end a source phrase when reading back from the verb.
_SOURCE_STOP = frozenset(
    {"that", "and", "but", "or", "which", "who", "when", "while", "after", "before", "because",
     "as", "if", "than", "so", "what", "where", "whom", "whose", "said", "says"}
)  # fmt: skip
#: Determiners and possessives: a reporting word right after one is a noun ("the report").
_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our",
     "my", "your", "no", "every", "each", "any"}
)  # fmt: skip
#: Time words and days that may stand between a source and its verb ("police on Friday said").
_TIME = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
     "yesterday", "tonight", "morning", "afternoon", "evening", "night", "on", "late", "early"}
)  # fmt: skip
_PASSIVE = frozenset({"be", "is", "was", "were", "are", "been", "being", "get", "got"})
#: Verbs that report in almost every use; the others report only before a clause, a quote or
#: the end of one ("..., he added.", "noted that ..."), not before a noun ("added to the list").
_PLAIN_VERBS = frozenset(
    {"say", "tell", "claim", "allege", "confirm", "deny", "report", "insist", "stress", "warn"}
    | {"urge"}  # "urged parliament to pass": a directive report before its addressee
)
#: Most words a source phrase may hold.
_SOURCE_WORDS = 6
#: What may stand between a closing quotation mark and its speaker: a comma, space, a dash.
_BOUNDARY_AFTER_QUOTE = re.compile(r"[^\s,\u2014\u2013\-\"\u201d]")
#: Verbs whose object names who was told ("told the Daily News"); the object joins the cue.
_TELLING = frozenset({"tell", "inform", "brief"})


@dataclass(frozen=True, slots=True)
class Credit:
    """One cue crediting a passage's claim: where it is, who is credited, with what stance.

    ``source`` is the source's content words as lemmas (empty: nobody in particular, or a
    pronoun); ``cue`` the reporting verb's lemma or the hedge as written.
    """

    start: int
    end: int
    source: tuple[str, ...]
    stance: Stance
    cue: str


@lru_cache(maxsize=1)
def _tables() -> tuple[
    dict[str, Stance], tuple[tuple[str, ...], ...], dict[tuple[str, ...], Stance]
]:
    data = lexicon("reporting")
    verbs = reporting_verbs()
    prepositions = tuple(tuple(p.split()) for p in words_of(data["prepositions"]))
    hedges = {
        tuple(w.split()): stance for stance, ws in data["hedges"].items() for w in words_of(ws)
    }
    return verbs, prepositions, hedges


def _boundary(text: str, left: Word, right: Word) -> bool:
    """Punctuation (or a quote) between two adjacent words ends a phrase."""
    gap = text[left.end : right.start]
    return any(ch in gap for ch in ',.;:!?"()[]\u201c\u201d') or " - " in gap or "\u2014" in gap


def _source_before(text: str, ws: tuple[Word, ...], i: int) -> tuple[int, list[Word]]:
    """The source phrase read back from the verb at ``i``: (first index, its words)."""
    j = i - 1
    while j >= 0 and ws[j].norm in _BETWEEN | _TIME and not _boundary(text, ws[j], ws[j + 1]):
        j -= 1
    found: list[Word] = []
    first = i
    while j >= 0 and len(found) < _SOURCE_WORDS:
        if _boundary(text, ws[j], ws[j + 1]) or ws[j].norm in _SOURCE_STOP:
            break
        found.insert(0, ws[j])
        first = j
        j -= 1
    return first, found


def _source_after(text: str, ws: tuple[Word, ...], i: int) -> tuple[int, list[Word]]:
    """The source after an inverted verb ("..., said the spokesman"): (last index, words)."""
    found: list[Word] = []
    last = i
    j = i + 1
    while j < len(ws) and len(found) < _SOURCE_WORDS:
        if _boundary(text, ws[j - 1], ws[j]) or ws[j].norm in _SOURCE_STOP - {"said", "says"}:
            break
        found.append(ws[j])
        last = j
        j += 1
    return last, found


def _source_key(phrase: list[Word]) -> tuple[str, ...]:
    """A source's content lemmas; empty for a pronoun or nothing."""
    stop = stop_words()
    if len(phrase) == 1 and phrase[0].norm in _PRONOUNS:
        return ()
    return tuple(w.lemma for w in phrase if w.norm not in stop and w.norm not in _TIME)


def _takes_report(text: str, ws: tuple[Word, ...], i: int) -> bool:
    """The verb at ``i`` ends its clause or introduces a clause or quote."""
    if i + 1 >= len(ws):
        return True
    gap = text[ws[i].end : ws[i + 1].start]
    return any(ch in gap for ch in ',.;:!?"\u201c\u201d') or ws[i + 1].norm == "that"


def _object_end(text: str, ws: tuple[Word, ...], i: int) -> int:
    """Index of the last word of a telling verb's recipient ("tells The Associated Press")."""
    j, last = i + 1, i
    if j < len(ws) and ws[j].norm == "to" and not _boundary(text, ws[i], ws[j]):
        j += 1  # "confirms to PEOPLE"
    determiner = j < len(ws) and ws[j].norm in _DETERMINERS
    while j < len(ws) and j - i <= 4 and not _boundary(text, ws[j - 1], ws[j]):
        capital = ws[j].text[:1].isupper()
        if ws[j].norm == "that" or not (capital or ws[j].norm in _DETERMINERS or determiner):
            break
        last = j
        j += 1
        if determiner and ws[last].norm not in _DETERMINERS and not capital:
            break  # "told a judge": the determiner and its noun
    return last


@story_memo
def credits(text: str) -> tuple[Credit, ...]:
    """Every cue that credits a claim of ``text`` to a source, in text order."""
    verbs, prepositions, hedges = _tables()
    ws = words(text)
    norms = [w.norm for w in ws]
    out: list[Credit] = []
    used: set[int] = set()
    longest = max((len(h) for h in hedges), default=1)
    i = 0
    while i < len(ws):
        for size in range(min(longest, len(ws) - i), 0, -1):
            stance = hedges.get(tuple(norms[i : i + size]))
            if stance is not None:
                out.append(
                    Credit(
                        ws[i].start, ws[i + size - 1].end, (), stance, " ".join(norms[i : i + size])
                    )
                )
                used.update(range(i, i + size))
                i += size - 1
                break
        i += 1
    for i in range(len(ws)):
        for phrase in prepositions:
            if tuple(norms[i : i + len(phrase)]) == phrase and i not in used:
                start = i + len(phrase)
                last, source = _source_after(text, ws, start - 1)
                if source:
                    out.append(
                        Credit(
                            ws[i].start,
                            ws[last].end,
                            _source_key(source),
                            "neutral",
                            " ".join(phrase),
                        )
                    )
                    used.update(range(i, last + 1))
    for i, w in enumerate(ws):
        stance = verbs.get(w.lemma)
        if stance is None or i in used or w.negated or w.proper:
            continue
        before = ws[i - 1].norm if i > 0 else ""
        if before in _DETERMINERS or before in _PASSIVE or before == "to":
            continue  # a noun ("the report"), a passive ("was told"), "declined to say"
        if w.lemma not in _PLAIN_VERBS and not _takes_report(text, ws, i):
            continue  # "added to their list", "described as": not reporting here
        first, source = _source_before(text, ws, i)
        last = i
        if not source:
            last, source = _source_after(text, ws, i)
            first = i
            if not source and (i == 0 or not _boundary(text, ws[i - 1], w)):
                continue  # a bare verb inside a clause ("to report the crime")
        if w.lemma in _TELLING or (i + 1 < len(ws) and ws[i + 1].norm == "to"):
            last = max(last, _object_end(text, ws, i))  # "told the AP", "confirms to PEOPLE"
        out.append(Credit(ws[first].start, ws[last].end, _source_key(source), stance, w.lemma))
    headline = _headline_source(text, ws)
    if headline is not None:
        out.append(headline)
    out.extend(c for c in _speakers_after_quotes(text, ws) if not _overlaps(c, out))
    out.sort(key=lambda c: c.start)
    return tuple(out)


def _overlaps(credit: Credit, others: list[Credit]) -> bool:
    return any(c.start < credit.end and credit.start < c.end for c in others)


def _speakers_after_quotes(text: str, ws: tuple[Word, ...]) -> list[Credit]:
    """'"...," Papandreou thundered': a quotation followed by its speaker (a name or a
    pronoun) and a verb in the past credits the quotation to that speaker, whatever the verb
    of speaking (thundered, quipped, fumed). The grammar of reported speech, not a word list;
    the stance is neutral (the outlet passes the words on)."""
    out: list[Credit] = []
    for _, end in quoted_regions(text):
        after = [w for w in ws if w.start >= end][: _SOURCE_WORDS + 1]
        if not after or _BOUNDARY_AFTER_QUOTE.search(text, end, after[0].start):
            continue
        for k, w in enumerate(after[1:], 1):
            if _boundary(text, after[k - 1], w):
                break
            speaker = after[:k]
            named = all(x.text[:1].isupper() for x in speaker) or (
                k == 1 and speaker[0].norm in _PRONOUNS
            )
            if named and w.norm.endswith("ed") and not w.text[:1].isupper():
                out.append(
                    Credit(speaker[0].start, w.end, _source_key(speaker), "neutral", w.lemma)
                )
                break
            if not named:
                break
    return out


def _headline_source(text: str, ws: tuple[Word, ...]) -> Credit | None:
    """A headline's "Cops: three dead" credits its claim to the words before the colon."""
    colon = text.find(":")
    if colon <= 0 or colon > 30 or not text[colon + 1 : colon + 2].isspace():
        return None
    before = [w for w in ws if w.end <= colon]
    if not 1 <= len(before) <= 3 or any(w.lemma in _tables()[0] for w in before):
        return None
    after = [w for w in ws if w.start > colon]
    if len(after) < 2:
        return None
    return Credit(before[0].start, colon, _source_key(before), "neutral", ":")


def vouching(stance: Stance) -> str:
    """How far the outlet stands behind the claim, in Bell's terms: it accepts it as true
    (confirmed, revealed: as firm as stating it flatly), passes it on (said, stressed) or
    does not vouch for it (claimed, alleged, denied). Readers and the dense gold's judges
    see a difference between these, not between "said" and "stressed"."""
    if stance == "factive":
        return "vouches"
    return "passes on" if stance in {"neutral", "emphatic"} else stance
