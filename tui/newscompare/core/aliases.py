"""The built-in alias table: words outlets use interchangeably for the same actor or thing.

News copy names one actor many ways ("the US", "U.S.", "American", "Washington"), so a plain
word match misses passages that report the same fact. Each key is the canonical form; its values
are single words or multi-word phrases (lower case). ``config.yaml`` shows this table under
``align.aliases``; entries users add there are merged with it (extending, never hiding, a
built-in group) unless ``align.builtin_aliases`` is false.
"""

from __future__ import annotations

from collections.abc import Mapping

BUILTIN_ALIASES: Mapping[str, tuple[str, ...]] = {
    "us": (
        "u.s.",
        "u.s.a.",
        "usa",
        "united states",
        "america",
        "american",
        "americans",
        "washington",
    ),
    "uk": ("u.k.", "united kingdom", "britain", "british"),
    "un": ("u.n.", "united nations"),
    "eu": ("e.u.", "european union"),
    "withdraw": (
        "leave",
        "pull out",
        "pulled out",
        "exit",
        "depart",
        "expel",
        "drawdown",
        "pullout",
    ),
    "troops": ("troop", "forces", "force", "soldiers", "soldier", "military personnel"),
    "parliament": (
        "parliamentary",
        "lawmakers",
        "lawmaker",
        "legislators",
        "legislature",
        "mps",
        "congress",
    ),
    "isis": ("islamic state", "isil", "daesh"),
    "killed": (
        "kill",
        "kills",
        "killing",
        "dead",
        "died",
        "die",
        "dies",
        "death",
        "deaths",
        "martyred",
        "assassinated",
    ),
    "general": ("gen", "gen."),
    "lawyer": ("lawyers", "attorney", "attorneys"),
    "arrested": ("arrest", "arrests", "detained", "detain"),
    "hospital": ("hospitalized", "hospitalised"),
    "talks": ("negotiations", "negotiation", "discussions", "dialogue"),
}


def merge_aliases(
    builtin: Mapping[str, tuple[str, ...]], user: Mapping[str, tuple[str, ...]]
) -> dict[str, tuple[str, ...]]:
    """User entries extend the built-in table; a user key adds to (never hides) a built-in one."""
    merged: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in builtin.items()}
    for key, words in user.items():
        merged[key] = tuple(dict.fromkeys((*merged.get(key, ()), *words)))
    return merged
