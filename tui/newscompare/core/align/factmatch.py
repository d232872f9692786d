"""Evidence beyond shared words: two passages that give one fact differently, or report deaths.

Word overlap undersells the pairs a fact-checker most needs side by side. "The US has around
2,500 soldiers stationed in Iraq" and "put the total number of US troops on Iraqi soil at
3,000" share few words, yet both state the size of one force, and their disagreement is the
story. A candidate pair that scores below the threshold but above a lower floor is therefore
kept when its passages

* ``number``: give different figures for the same counted thing (``quantity_match.disagreeing``:
  same counted noun, never a set marked "other"/"more", never an age against a duration);
* ``quote``: give the same quotation trimmed or with words altered ("intelligence cooperation"
  vs "information cooperation"; ``quotes.differing_quotes``);
* ``death``: both report a death (``lexicon.DEATH_FRAMES``: killed, died, martyred, murder ...).
  Deaths are the rarest and weightiest events of a story; two accounts of deaths that already
  share some content report the same deaths far more often than not ("Three die in bank" vs
  "Police said two women and one man died at a branch of the Marfin bank"), and comparing their
  tolls and framing ("killed" vs "martyred") is what readers do first.

A difference in attribution alone is no evidence: most passages of a story credit someone
(measured on the dense dev gold: the rule added wrong pairs on the samples and nothing elsewhere).
Otherwise agreement is not evidence: "three people" or "said" in two passages is common to many
different sentences of a story, while one figure, quote or speaker given two ways is not. Other
framing sets ("withdrawal" vs "transition") name the story's topic too often to count.

What a passage states is read with the divergence stage's own extraction
(``facts.passage.passage_facts``, cached per text and article date), so the figures and reporting
verbs read here are the ones the reader later sees compared, and read once. Pure functions; no
Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newscompare.core.facts import dates, quantities, quantity_match, quotes
from newscompare.core.facts.passage import PassageFacts, passage_facts
from newscompare.core.lexicons import framing as lexicon
from newscompare.core.model.caches import seed, story_memo
from newscompare.core.model.settings import DivergeSettings

#: The built-in framing lexicon, whose first set is ``lexicon.DEATH_FRAMES``.
_BUILTIN = DivergeSettings()
_DEATHS = lexicon.FRAMING_SETS.index(lexicon.DEATH_FRAMES)


@dataclass(frozen=True, slots=True)
class _Facts:
    """What one passage states that another could give differently."""

    figures: tuple[quantities.Quantity, ...]
    has_quote: bool
    reports_death: bool


@story_memo
def _facts(text: str, date: str | None) -> _Facts:
    stated = passage_facts(text, date, _BUILTIN)
    return _Facts(
        figures=stated.quantities,
        has_quote=bool(quotes.extract_quotes(text)),
        reports_death=any(t.group == _DEATHS for t in stated.wording),
    )


def _distinct(
    texts: Sequence[str], article_dates: Sequence[str | None]
) -> list[tuple[str, str | None]]:
    """The distinct ``(text, date)`` keys of a story's passages, in order of first use."""
    return list(dict.fromkeys(zip(texts, article_dates, strict=True)))


def read_facts(
    texts: Sequence[str], article_dates: Sequence[str | None]
) -> list[tuple[PassageFacts, _Facts]]:
    """What every passage states, as the alignment's date and fact rules read it, one entry per
    distinct text and date (``_distinct``). Why: a process with a spare core reads them while
    its main one prepares and scores the story, then hands them over (``remember_facts``)."""
    return [
        (passage_facts(t, d, _BUILTIN), _facts(t, d)) for t, d in _distinct(texts, article_dates)
    ]


def remember_facts(
    texts: Sequence[str],
    article_dates: Sequence[str | None],
    found: Sequence[tuple[PassageFacts, _Facts]],
) -> None:
    """Put what ``read_facts`` gave for the same passages into this process's memo tables."""
    keys = _distinct(texts, article_dates)
    if len(keys) != len(found):
        return  # not the same passages: nothing is handed over, everything is read here
    seed(
        passage_facts, (((t, d, _BUILTIN), pf) for (t, d), (pf, _) in zip(keys, found, strict=True))
    )
    seed(_facts, (((t, d), f) for (t, d), (_, f) in zip(keys, found, strict=True)))


@story_memo
def differently_given(
    text_a: str, text_b: str, date_a: str | None = None, date_b: str | None = None
) -> str | None:
    """Why the two passages may be paired on weaker word evidence (see the module doc), or None.

    ``date_a``/``date_b``: the articles' dates, as the divergence stage reads the passages.
    """
    a, b = _facts(text_a, date_a), _facts(text_b, date_b)
    if a.figures and b.figures and quantity_match.disagreeing(a.figures, b.figures):
        return "number"
    if (a.has_quote or b.has_quote) and quotes.differing_quotes(text_a, text_b):
        return "quote"
    if a.reports_death and b.reports_death:
        return "death"
    return None


def dates_disagree(
    text_a: str, text_b: str, date_a: str | None = None, date_b: str | None = None
) -> bool:
    """The two passages state times that conflict and none that agree ("on Thursday" against
    "on Monday", "June 2020" against "July 2021"): another instance of the same kind of event,
    far more often than one event given two dates."""
    da = passage_facts(text_a, date_a, _BUILTIN).dates
    db = passage_facts(text_b, date_b, _BUILTIN).dates
    if not da or not db:
        return False
    verdicts = [dates.judge(x, y) for x in da for y in db]
    return "conflict" in verdicts and "same" not in verdicts


def date_conflicts(
    texts: Sequence[str],
    article_dates: Sequence[str | None],
    first: Sequence[int],
    second: Sequence[int],
) -> list[bool]:
    """``dates_disagree`` for each pair ``(first[k], second[k])``."""
    return [
        dates_disagree(texts[i], texts[j], article_dates[i], article_dates[j])
        for i, j in zip(first, second, strict=True)
    ]


def fact_pairs(
    texts: Sequence[str],
    dates: Sequence[str | None],
    first: Sequence[int],
    second: Sequence[int],
) -> list[bool]:
    """Whether each pair ``(first[k], second[k])`` of ``texts`` (with their articles' ``dates``)
    gives a fact differently or reports deaths."""
    return [
        differently_given(texts[i], texts[j], dates[i], dates[j]) is not None
        for i, j in zip(first, second, strict=True)
    ]
