"""Attribution divergences: one fact stated flatly by one outlet and credited by the other (unless
the source confirms it), or credited with verbs of different stance (Bell's classes: the outlet
vouches for the claim, passes it on, or does not vouch for it).

The cues come from ``facts.attribution``. For a flat account the divergence marks the words of
the fact both passages report (from the first to the last content word the two share outside
the other side's cue), so the reader sees "Three killed" against "Police said".
"""

from __future__ import annotations

from newscompare.core.facts.attribution import Credit, credits, vouching
from newscompare.core.facts.counted import event_index
from newscompare.core.facts.quotes import mostly_quoted
from newscompare.core.lexicons.load import stop_words
from newscompare.core.text.tokens import words

Span = tuple[int, int]

#: Sources that name nobody in particular: two of them are not two different sources.
_ANYONE = frozenset({"source", "official", "report", "people", "witness", "medium", "other"})


def _outside(start: int, end: int, cues: tuple[Credit, ...]) -> bool:
    return all(end <= c.start or start >= c.end for c in cues)


def _content(text: str, cues: tuple[Credit, ...] = ()) -> dict[str, list[Span]]:
    """Content lemmas of ``text`` outside ``cues`` -> where they stand. An event word stands
    for its event (``events.yaml``: "die", "killed" and "dead" are one fact of deaths)."""
    stop = stop_words()
    events = event_index()
    out: dict[str, list[Span]] = {}
    for w in words(text):
        if w.norm in stop or (len(w.norm) < 2 and not w.norm.isdigit()):
            continue
        if _outside(w.start, w.end, cues):
            key = events.get(w.norm) or events.get(w.lemma) or w.lemma
            out.setdefault(key, []).append((w.start, w.end))
    return out


#: A flat passage this short (a headline, a lead fragment) states one claim: all of it is marked.
_WHOLE_WORDS = 16
_SHARED_WORDS = 2
_CLAUSE_BREAK = ",;:()\u2013\u2014"


def fact_span(flat: str, credited: str, cues: tuple[Credit, ...]) -> Span | None:
    """Where the flat passage states what the credited one reports: the clauses holding the
    content words both share (None: nothing shared, so not one fact)."""
    theirs, ours = _content(credited, cues), _content(flat)
    # One word in common ("Iraq") is a topic, not a fact: two are the least a shared fact has
    # (measured on the four dense dev stories: no divergence found is lost, fewer on wrong pairs).
    if len(ours.keys() & theirs.keys()) < _SHARED_WORDS:
        return None
    shared = [span for lemma, spans in ours.items() if lemma in theirs for span in spans]
    flat_words = words(flat)
    if len(flat_words) <= _WHOLE_WORDS:
        return flat_words[0].start, flat_words[-1].end
    start, end = min(s for s, _ in shared), max(e for _, e in shared)
    while start > 0 and flat[start - 1] not in _CLAUSE_BREAK:
        start -= 1
    while end < len(flat) and flat[end] not in _CLAUSE_BREAK and flat[end : end + 2] != ". ":
        end += 1
    inside = [w for w in flat_words if w.start >= start and w.end <= end]
    return (inside[0].start, inside[-1].end) if inside else None


#: Pronouns of the first person: news prose speaks in the third, so a passage in the first
#: person is a speaker's words (a quotation cut apart by sentence splitting).
_FIRST_PERSON = frozenset({"i", "we", "our", "ours", "my", "mine", "me"})


def _quoted(text: str, span: Span) -> bool:
    """The span lies inside quotation marks, or speaks in the first person: someone's words,
    not the outlet's own claim."""
    if any(w.norm in _FIRST_PERSON for w in words(text) if span[0] <= w.start < span[1]):
        return True
    return mostly_quoted(text, *span)


def _who(text: str, credit: Credit) -> str:
    return text[credit.start : credit.end]


def attribution_differences(text_a: str, text_b: str) -> list[tuple[Span, Span, str]]:
    """``(span in a, span in b, note)`` for each way the two passages credit their fact
    differently (at most one: the passages' main cue decides)."""
    cues_a, cues_b = credits(text_a), credits(text_b)
    if bool(cues_a) != bool(cues_b):
        flat, credited, cues = (text_b, text_a, cues_a) if cues_a else (text_a, text_b, cues_b)
        cue = cues[0]
        if cue.stance == "factive":
            # "her rep confirms" vouches for the claim as firmly as stating it does: the
            # reader sees the same claim of fact on both sides (measured on the four dense
            # dev stories: precision up, no gold divergence lost).
            return []
        span = fact_span(flat, credited, cues)
        if span is None or _quoted(flat, span):
            return []  # nothing shared, or the "flat" side quotes someone: credited too
        cue_span = (cue.start, cue.end)
        note = f"stated flatly vs credited: “{_who(credited, cue)}” ({cue.stance})"
        return [(cue_span, span, note)] if cues_a else [(span, cue_span, note)]
    if not cues_a:
        return []
    a, b = cues_a[0], cues_b[0]
    if vouching(a.stance) != vouching(b.stance):
        note = f"“{_who(text_a, a)}” ({a.stance}) vs “{_who(text_b, b)}” ({b.stance})"
        return [((a.start, a.end), (b.start, b.end), note)]
    # Two sources with one stance ("TMZ reported" vs "sources told the Daily News") are not a
    # difference of stance (the gold's guideline: a source in another role is a name; see
    # ``source_differences``).
    return []


def _named_in(source: tuple[str, ...], text: str) -> bool:
    """The source's head (its last word: "brigade" of "fire brigade") appears in ``text``."""
    return source[-1] in {w.lemma for w in words(text)}


def source_differences(text_a: str, text_b: str) -> list[tuple[Span, Span, str]]:
    """``(span in a, span in b, note)`` when both passages credit their fact with one verb
    but to different sources ("Police said" vs "The fire brigade said"): a different
    organisation in the same role, a name divergence in the guideline's terms. Only when
    both sources are someone in particular (not a pronoun or "sources"), share no word, and
    neither is named anywhere in the other passage (it may be the same body said twice)."""
    cues_a, cues_b = credits(text_a), credits(text_b)
    if not cues_a or not cues_b:
        return []
    a, b = cues_a[0], cues_b[0]
    # One verb on both sides is one role ("said" and "said"); "told a judge" against "said",
    # or "the AP writes" against "the ministry said", are sources in different roles.
    if a.cue != b.cue or not a.source or not b.source:
        return []
    if set(a.source) & set(b.source) or set(a.source) <= _ANYONE or set(b.source) <= _ANYONE:
        return []
    if _named_in(a.source, text_b) or _named_in(b.source, text_a):
        return []
    if fact_span(text_a, text_b, cues_b) is None:
        return []  # no fact in common: two claims, not one claim from two sources
    note = f"source: “{_who(text_a, a)}” vs “{_who(text_b, b)}”"
    return [((a.start, a.end), (b.start, b.end), note)]
