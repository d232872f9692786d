"""Say what two aligned passages report differently.

Public API: ``compare(pair, a, b, article_a, article_b, settings) -> Comparison``.

Each kind of divergence has its own detector module, all working on the two passage texts
(``quantities``, ``dates``, ``entities``, ``quotes``, ``lexicon``) and ``wordalign`` for the
word-level spans and the pair's relation. This module only runs them and turns their spans
into ``Divergence`` values. One passage takes part in many pairs and ``compare`` runs for
every aligned pair, so what a passage states on its own (its dates, figures, reporting verbs and
framing terms: ``PassageFacts``) is extracted once per passage text and article date, and each
unique pair of texts is compared once (both cached).
"""

from __future__ import annotations

from newscompare.core.diverge.attribution import attribution_differences, source_differences
from newscompare.core.diverge.words import compare_words, pair_relation
from newscompare.core.facts import dates, entities, quantity_match, quotes
from newscompare.core.facts.passage import PassageFacts, passage_facts
from newscompare.core.lexicons import framing as lexicon
from newscompare.core.model.caches import story_memo
from newscompare.core.model.settings import DivergeSettings
from newscompare.core.model.story import (
    DIVERGENCE_KINDS,
    Article,
    Comparison,
    Divergence,
    DivergenceKind,
    Pair,
    Passage,
)

#: Divergences are listed by kind in the order the models declare (strongest conflicts first).
_KIND_ORDER: dict[DivergenceKind, int] = {kind: i for i, kind in enumerate(DIVERGENCE_KINDS)}


def _divergence(
    kind: DivergenceKind,
    text_a: str,
    span_a: tuple[int, int],
    text_b: str,
    span_b: tuple[int, int],
    note: str,
) -> Divergence:
    return Divergence(
        kind=kind,
        a=text_a[span_a[0] : span_a[1]],
        b=text_b[span_b[0] : span_b[1]],
        a_span=span_a,
        b_span=span_b,
        note=note,
    )


def _numbers_and_dates(
    text_a: str, facts_a: PassageFacts, text_b: str, facts_b: PassageFacts
) -> list[Divergence]:
    out: list[Divergence] = []
    for qa, qb in quantity_match.disagreeing(facts_a.quantities, facts_b.quantities):
        out.append(
            _divergence(
                "number",
                text_a,
                (qa.start, qa.end),
                text_b,
                (qb.start, qb.end),
                quantity_match.describe(qa, qb),
            )
        )
    for da, db, _ in dates.pair_dates(facts_a.dates, facts_b.dates):
        note = f"{dates.describe(da)} vs {dates.describe(db)}"
        out.append(
            _divergence("date", text_a, (da.start, da.end), text_b, (db.start, db.end), note)
        )
    return out


def _names(text_a: str, text_b: str) -> list[Divergence]:
    found = [
        _divergence(
            "name",
            text_a,
            (na.start, na.end),
            text_b,
            (nb.start, nb.end),
            f"{na.text} vs {nb.text} ({na.role.replace('title:', '')})",
        )
        for na, nb in entities.differing_names(text_a, text_b)
    ]
    for span_a, span_b, note in source_differences(text_a, text_b):
        # The same two speakers may already differ as named speakers ("Kirby said").
        if not any(span_a[0] < d.a_span[1] and d.a_span[0] < span_a[1] for d in found):
            found.append(_divergence("name", text_a, span_a, text_b, span_b, note))
    return found


def _quotes(text_a: str, text_b: str) -> list[Divergence]:
    return [
        _divergence("quote", text_a, d.a_span, text_b, d.b_span, d.note)
        for d in quotes.differing_quotes(text_a, text_b)
    ]


def _attribution(text_a: str, text_b: str) -> list[Divergence]:
    return [
        _divergence("attribution", text_a, span_a, text_b, span_b, note)
        for span_a, span_b, note in attribution_differences(text_a, text_b)
    ]


def _wording(
    text_a: str, facts_a: PassageFacts, text_b: str, facts_b: PassageFacts
) -> list[Divergence]:
    return [
        _divergence(
            "wording",
            text_a,
            (ta.start, ta.end),
            text_b,
            (tb.start, tb.end),
            f"“{ta.term}” vs “{tb.term}”: framing",
        )
        for ta, tb in lexicon.differing_frames(facts_a.wording, facts_b.wording)
        # A loaded word inside quotation marks is the speaker's, not the outlet's framing.
        if not quotes.mostly_quoted(text_a, ta.start, ta.end)
        and not quotes.mostly_quoted(text_b, tb.start, tb.end)
    ]


#: Memoised for the story (``model.caches``): no unique pair of texts is compared twice.
@story_memo
def divergences(
    text_a: str,
    text_b: str,
    date_a: str | None,
    date_b: str | None,
    settings: DivergeSettings,
) -> tuple[Divergence, ...]:
    """All typed divergences of two passage texts, by kind, then position in passage A."""
    facts_a = passage_facts(text_a, date_a, settings)
    facts_b = passage_facts(text_b, date_b, settings)
    found = (
        _numbers_and_dates(text_a, facts_a, text_b, facts_b)
        + _names(text_a, text_b)
        + _quotes(text_a, text_b)
        + _attribution(text_a, text_b)
        + _wording(text_a, facts_a, text_b, facts_b)
    )
    found.sort(key=lambda d: (_KIND_ORDER[d.kind], d.a_span, d.b_span))
    return tuple(found)


def compare(
    pair: Pair,
    a: Passage,
    b: Passage,
    article_a: Article,
    article_b: Article,
    settings: DivergeSettings,
    *,
    word_spans: bool = True,
) -> Comparison:
    """Typed divergences, word spans and the pair's relation. ``word_spans=False``: none
    (the reports never write them, and making them was a fifth of a big story's run)."""
    if word_spans:
        a_words, b_words, relation = compare_words(a.text, b.text)
    else:
        a_words, b_words, relation = (), (), pair_relation(a.text, b.text)
    return Comparison(
        pair=pair,
        relation=relation,
        divergences=divergences(a.text, b.text, article_a.date, article_b.date, settings),
        a_words=a_words,
        b_words=b_words,
    )
