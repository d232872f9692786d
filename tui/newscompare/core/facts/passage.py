"""What one passage states, whatever it is compared with: extracted once per passage text.

One passage takes part in many pairs, and both the alignment's fact rule (``align.factmatch``)
and the divergence stage read the same facts, so they are extracted here once per passage text
and article date (cached) and shared.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newscompare.core.facts import dates, quantities
from newscompare.core.lexicons import framing as lexicon
from newscompare.core.model.caches import story_memo
from newscompare.core.model.settings import DivergeSettings


@dataclass(frozen=True, slots=True)
class PassageFacts:
    """What one passage states, whatever it is compared with (extracted once per passage)."""

    dates: tuple[dates.DateMention, ...]
    quantities: tuple[quantities.Quantity, ...]
    wording: tuple[lexicon.TermMatch, ...]


@story_memo
def passage_facts(text: str, date: str | None, settings: DivergeSettings) -> PassageFacts:
    """Dates (resolved against the article ``date``), figures outside them and framing terms of
    one passage text (its credits are ``facts.attribution.credits``)."""
    found_dates = dates.extract_dates(text, date)
    mask = tuple((d.start, d.end) for d in found_dates)
    sets = wording_sets(settings.wording, settings.builtin_wording)
    return PassageFacts(
        dates=found_dates,
        quantities=quantities.extract_quantities(text, mask),
        wording=lexicon.find_terms(text, sets) if sets else (),
    )


@lru_cache(maxsize=16)
def wording_sets(
    user: tuple[tuple[str, ...], ...], builtin: bool
) -> tuple[tuple[tuple[str, ...], ...], ...]:
    return lexicon.parse_sets((lexicon.FRAMING_SETS if builtin else ()) + user)
