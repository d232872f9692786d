"""The built-in alias tables: words outlets use interchangeably for one actor, thing or event.

News copy names one actor many ways ("the US", "U.S.", "American", "Washington") and one event
many ways ("killed", "died", "death toll", "martyred"), so a plain word match misses passages
that report the same fact. Two tables, both general news-domain knowledge (not any one story):

- ``BUILTIN_ALIASES``: actors and things (countries, institutions, armed groups, officials);
- ``BUILTIN_EVENTS``: what happens in news (violence, casualties, justice, politics, disasters,
  diplomacy). Event words also weigh more (``align.event_weight``): two outlets that name the
  same event instance with the same verb or a synonym report one event far more often than two
  that share a topic noun.

Both tables are data files (``lexicons/data/aliases.yaml``, ``events.yaml``) whose headers say
where they come from. Each key is the canonical form; its values are single words or phrases
(any case; phrases may hold stop words: "called for"). Entries users add under
``align.aliases`` and ``align.events`` in ``config.yaml`` are merged with them (extending, never
hiding, a built-in group) unless ``align.builtin_aliases`` is false. Inflections that only add
an ending (-s, -ed, -ing) are joined by the vocabulary clustering in ``prepare``.
"""

from __future__ import annotations

from collections.abc import Mapping

from newscompare.core.lexicons.load import lexicon, words_of


def _table(name: str) -> dict[str, tuple[str, ...]]:
    """A data file's ``key: [word, phrase, ...]`` groups as a mapping."""
    return {str(key): words_of(values) for key, values in lexicon(name).items()}


#: Actors and things (``lexicons/data/aliases.yaml``).
BUILTIN_ALIASES: Mapping[str, tuple[str, ...]] = _table("aliases")
#: Kinds of events (``lexicons/data/events.yaml``).
BUILTIN_EVENTS: Mapping[str, tuple[str, ...]] = _table("events")


def merge_aliases(
    builtin: Mapping[str, tuple[str, ...]], user: Mapping[str, tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    """User entries extend the built-in table; a user key adds to (never hides) a built-in one."""
    merged: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in builtin.items()}
    for key, words in user.items():
        merged[key] = tuple(dict.fromkeys((*merged.get(key, ()), *words)))
    return merged
