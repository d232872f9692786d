"""Say what two aligned passages report differently.

Public API: ``compare(pair, a, b, article_a, article_b, settings) -> Comparison``.

Each kind of divergence has its own detector module, all working on the two passage texts
(``quantities``, ``dates``, ``entities``, ``quotes``, ``lexicon``) and ``wordalign`` for the
word-level spans and the pair's relation. This module only runs them and turns their spans
into ``Divergence`` values. Everything is cached by passage text (and article date), because
one passage takes part in many pairs and ``compare`` runs for every aligned pair.
"""

from __future__ import annotations

from functools import lru_cache

from newscompare.core import dates, entities, lexicon, quantities, quotes
from newscompare.core.models import Article, Comparison, Divergence, DivergenceKind, Pair, Passage
from newscompare.core.settings import DivergeSettings as DivergeSettings
from newscompare.core.wordalign import compare_words

_KIND_ORDER: dict[DivergenceKind, int] = {
    "number": 0, "date": 1, "name": 2, "quote": 3, "attribution": 4, "wording": 5,
}  # fmt: skip


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
    text_a: str, text_b: str, date_a: str | None, date_b: str | None
) -> list[Divergence]:
    out: list[Divergence] = []
    dates_a = dates.extract_dates(text_a, date_a)
    dates_b = dates.extract_dates(text_b, date_b)
    mask_a = tuple((d.start, d.end) for d in dates_a)
    mask_b = tuple((d.start, d.end) for d in dates_b)
    figures_a = quantities.extract_quantities(text_a, mask_a)
    figures_b = quantities.extract_quantities(text_b, mask_b)
    for qa, qb in quantities.disagreeing(figures_a, figures_b):
        out.append(
            _divergence(
                "number",
                text_a,
                (qa.start, qa.end),
                text_b,
                (qb.start, qb.end),
                quantities.describe(qa, qb),
            )
        )
    for da, db, verdict in dates.pair_dates(dates_a, dates_b):
        note = f"{dates.describe(da)} vs {dates.describe(db)}"
        if verdict == "unconfirmed":
            note += ": cannot confirm they are the same time"
        out.append(
            _divergence("date", text_a, (da.start, da.end), text_b, (db.start, db.end), note)
        )
    return out


def _names(text_a: str, text_b: str) -> list[Divergence]:
    return [
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


def _quotes(text_a: str, text_b: str) -> list[Divergence]:
    return [
        _divergence("quote", text_a, d.a_span, text_b, d.b_span, d.note)
        for d in quotes.differing_quotes(text_a, text_b)
    ]


def _attribution(text_a: str, text_b: str) -> list[Divergence]:
    found = lexicon.differing_attribution(
        lexicon.attribution_terms(text_a), lexicon.attribution_terms(text_b)
    )
    if found is None:
        return []
    ta, tb = found
    if not lexicon.same_speaker(
        lexicon.subject_words(text_a, ta.start), lexicon.subject_words(text_b, tb.start)
    ):
        return []  # different sources saying different things, not one claim framed twice
    names = lexicon.ATTRIBUTION_NAMES
    return [
        _divergence(
            "attribution",
            text_a,
            (ta.start, ta.end),
            text_b,
            (tb.start, tb.end),
            f"{ta.text} ({names[ta.frame]}) vs {tb.text} ({names[tb.frame]})",
        )
    ]


@lru_cache(maxsize=16)
def _wording_sets(
    user: tuple[tuple[str, ...], ...], builtin: bool
) -> tuple[tuple[tuple[str, ...], ...], ...]:
    return lexicon.parse_sets((lexicon.FRAMING_SETS if builtin else ()) + user)


def _wording(text_a: str, text_b: str, settings: DivergeSettings) -> list[Divergence]:
    sets = _wording_sets(settings.wording, settings.builtin_wording)
    if not sets:
        return []
    terms_a = lexicon.find_terms(text_a, sets)
    terms_b = lexicon.find_terms(text_b, sets)
    return [
        _divergence(
            "wording",
            text_a,
            (ta.start, ta.end),
            text_b,
            (tb.start, tb.end),
            f"“{ta.term}” vs “{tb.term}”: framing",
        )
        for ta, tb in lexicon.differing_frames(terms_a, terms_b)
    ]


@lru_cache(maxsize=4096)
def divergences(
    text_a: str,
    text_b: str,
    date_a: str | None,
    date_b: str | None,
    settings: DivergeSettings,
) -> tuple[Divergence, ...]:
    """All typed divergences of two passage texts, by kind, then position in passage A."""
    found = (
        _numbers_and_dates(text_a, text_b, date_a, date_b)
        + _names(text_a, text_b)
        + _quotes(text_a, text_b)
        + _attribution(text_a, text_b)
        + _wording(text_a, text_b, settings)
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
) -> Comparison:
    """Typed divergences, word spans and the pair's relation."""
    a_words, b_words, relation = compare_words(a.text, b.text)
    return Comparison(
        pair=pair,
        relation=relation,
        divergences=divergences(a.text, b.text, article_a.date, article_b.date, settings),
        a_words=a_words,
        b_words=b_words,
    )
