"""Names in the same role that two outlets give differently.

Without a parser, a name's *role* is read from a few patterns that news writing uses for who
did or said what: a title before the name ("Foreign Minister Fouad Hussein"), the speaker of a
reporting verb ("Kirby said", "according to Reuters"), the one told ("told The Associated
Press"). Two passages diverge on a name only when both fill the same role with names that are
not spellings of each other and the other passage does not mention the name anywhere: this is
deliberately conservative, since a wrong "different person" is worse than a missed one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from newscompare.core.model.caches import story_memo
from newscompare.core.text.words import tokenize

#: Bounded on purpose: names are short, and unbounded nested repeats backtrack badly.
_NAME_WORD = r"(?:[A-Z][\w’'.]{0,30}(?:-[\w’']{1,30}){0,3})"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:al|bin|ibn|de|van|von|of|the)\s+)?{_NAME_WORD}){{0,4}}"
_TITLES = (
    r"spokes(?:man|woman|person)|minister|president|prime\s+minister|secretary|ambassador"
    r"|commander|general|gen\.|coordinator|envoy|chief|leader|governor|mayor|director"
    r"|senator|representative|chancellor|king|prince|sheikh|cleric|speaker"
)
_QUALIFIERS = frozenset(
    {
        "deputy", "foreign", "prime", "defence", "defense", "interior", "state", "senior",
        "chief", "vice", "pentagon", "finance", "justice", "health"
    }
)  # fmt: skip
_SPEAKING = (
    r"said|says|told|stated|added|noted|stressed|insisted|emphasi[sz]ed|claimed|alleged"
    r"|announced|declared|warned|denied|confirmed|explained|affirmed"
)
TITLE_RE = re.compile(
    rf"(?:\b(?P<qual>[A-Za-z]+)\s+)?\b(?P<title>(?i:{_TITLES}))\s+(?P<name>{_NAME})"
)
_TITLE_WORD = re.compile(rf"(?i:\b(?:{_TITLES})\s+)")
SPEAKER_RE = re.compile(
    rf"(?P<name>{_NAME})(?:,[^,]{{3,60}},)?\s+(?:also\s+|has\s+|had\s+|later\s+)?"
    rf"(?:{_SPEAKING})\b"
)
_SOURCE_VERBS = "reported|wrote|reports|writes"
SOURCE_RE = re.compile(
    rf"(?P<name>{_NAME})\s+(?:has\s+|had\s+)?(?:{_SOURCE_VERBS})\b"
    rf"|\baccording\s+to\s+(?:the\s+)?(?P<name2>{_NAME})"
)
#: Words each of these case-sensitive patterns cannot match without (the literal start of every
#: verb): a passage holding none of them skips the pattern, which tries a name at every capital.
_SPEAKER_HINTS = tuple(re.split(r"[\[(\\]", verb)[0] for verb in _SPEAKING.split("|"))
_SOURCE_HINTS = (*_SOURCE_VERBS.split("|"), "according")
#: A place or organisation after the same verb and preposition ("met in Baghdad").
PLACE_RE = re.compile(
    rf"\b(?P<verb>[a-z]{{3,}}(?:ed|en)|met|held|sent|took|left|fled|went|came)\s+"
    rf"(?P<prep>in|at|from|to|into|near|outside)\s+(?:the\s+)?(?P<name>{_NAME})"
)
TOLD_RE = re.compile(rf"\btold\s+(?:the\s+|a\s+)?(?P<name>{_NAME})")
#: Capitalised words that start sentences or titles but are not names.
_NOT_NAMES = frozenset(
    {
        "the", "a", "an", "in", "on", "at", "by", "for", "from", "to", "with", "and", "but",
        "he", "she", "it", "they", "we", "i", "this", "that", "these", "those", "his", "her",
        "its", "their", "our", "however", "also", "while", "when", "after", "before", "earlier",
        "later", "meanwhile", "according", "last", "next"
    }
)  # fmt: skip
#: Spellings of the same entity.
_ENTITY_ALIASES: dict[str, str] = {
    "us": "us", "united states": "us", "america": "us", "united states of america": "us",
    "washington": "us", "isis": "isis", "isil": "isis", "islamic state": "isis",
    "daesh": "isis", "uk": "uk", "united kingdom": "uk", "britain": "uk", "un": "un",
    "united nations": "un", "ap": "associated press", "associated press": "associated press",
}  # fmt: skip


_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$")
_ASCII_WORD = re.compile(r"[A-Za-z]+")


def _title_case(text: str) -> bool:
    words = [w for w in _ASCII_WORD.findall(text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


@dataclass(frozen=True, slots=True)
class NameMention:
    """A name in a role: offsets into the passage, the name, the role key."""

    start: int
    end: int
    text: str
    role: str


def _clean_name(text: str, start: int) -> tuple[str, int] | None:
    """Drop leading function words ("The", "In") and trailing possessives; None if empty."""
    titles = list(_TITLE_WORD.finditer(text))
    if titles:
        start += titles[-1].end()
        text = text[titles[-1].end() :]
    words = text.split()
    offset = 0
    while words and words[0].lower().strip(".,") in _NOT_NAMES:
        offset += len(words[0])
        words = words[1:]
        offset = text.find(words[0], offset) if words else offset
    if not words:
        return None
    name = text[offset:].rstrip(".,’'")
    if name.endswith(("’s", "'s")):
        name = name[:-2]
    if not name or not name[0].isupper():
        return None
    return name, start + offset


def name_key(name: str) -> tuple[str, ...]:
    """Comparable words of a name: folded, without "al-"/"el-" prefixes, aliases resolved."""
    words = [t.norm for t in tokenize(name)]
    words = [w for w in words if w not in ("the", "al", "el", "of", "ibn", "bin")]
    joined = " ".join(words)
    if joined in _ENTITY_ALIASES:
        return (_ENTITY_ALIASES[joined],)
    return tuple(words)


def same_name(a: str, b: str) -> bool:
    """One name is part of the other, or their last words are spelling variants."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    if set(ka) <= set(kb) or set(kb) <= set(ka):
        return True
    return fuzz.ratio(ka[-1], kb[-1]) >= 85


@story_memo
def extract_names(text: str) -> tuple[NameMention, ...]:
    """Names in roles: after a title, as a speaker, as the one told, as a place."""
    out: list[NameMention] = []
    if _title_case(text):
        return ()  # a headline: every word is capitalised, names cannot be told apart
    # Every ``TITLE_RE`` match holds a ``_TITLE_WORD``; the cheap search spares most passages the
    # expensive one (its optional qualifier is tried at every letter).
    titled = TITLE_RE.finditer(text) if _TITLE_WORD.search(text) else ()
    for m in titled:
        title = " ".join(m.group("title").lower().split()).rstrip(".")
        qualifier = (m.group("qual") or "").lower()
        role = f"title:{qualifier + ' ' if qualifier in _QUALIFIERS else ''}{title}"
        cleaned = _clean_name(m.group("name"), m.start("name"))
        if cleaned and cleaned[0].split()[0].lower().rstrip(".") not in _TITLES:
            out.append(NameMention(cleaned[1], cleaned[1] + len(cleaned[0]), cleaned[0], role))
    for pattern, role, hints in (
        (SPEAKER_RE, "speaker", _SPEAKER_HINTS),
        (SOURCE_RE, "source", _SOURCE_HINTS),
    ):
        if not any(hint in text for hint in hints):
            continue
        for m in pattern.finditer(text):
            group = "name" if m.group("name") else "name2"
            if _OF_BEFORE.search(text, max(0, m.start(group) - 8), m.start(group)):
                continue  # "an official of the Ministry said": the ministry is not speaking
            cleaned = _clean_name(m.group(group), m.start(group))
            if cleaned:
                out.append(NameMention(cleaned[1], cleaned[1] + len(cleaned[0]), cleaned[0], role))
    for m in PLACE_RE.finditer(text):
        cleaned = _clean_name(m.group("name"), m.start("name"))
        if cleaned:
            role = f"place:{m.group('verb')} {m.group('prep')}"
            out.append(NameMention(cleaned[1], cleaned[1] + len(cleaned[0]), cleaned[0], role))
    for m in TOLD_RE.finditer(text) if "told" in text else ():
        cleaned = _clean_name(m.group("name"), m.start("name"))
        if cleaned:
            out.append(NameMention(cleaned[1], cleaned[1] + len(cleaned[0]), cleaned[0], "told"))
    return tuple(out)


def _mentions(name: str, text: str) -> bool:
    """Whether ``text`` names ``name`` anywhere (any distinctive word of it, fuzzily)."""
    key = name_key(name)
    if len(key) == 1 and key[0] in _ENTITY_ALIASES.values():
        folded = " " + " ".join(t.norm for t in tokenize(text)) + " "
        return any(
            f" {alias} " in folded for alias, canon in _ENTITY_ALIASES.items() if canon == key[0]
        )
    words = {t.norm for t in tokenize(text)}
    return any(
        len(k) >= 3 and any(w == k or (len(w) >= 5 and fuzz.ratio(w, k) >= 85) for w in words)
        for k in key
    )


def differing_names(text_a: str, text_b: str) -> list[tuple[NameMention, NameMention]]:
    """Same role, names that are not the same entity, and neither named in the other passage."""
    out: list[tuple[NameMention, NameMention]] = []
    names_b = extract_names(text_b)
    seen: set[str] = set()
    for a in extract_names(text_a):
        if a.role in seen or any(a.start < x.end and x.start < a.end for x, _ in out):
            continue
        for b in names_b:
            if b.role != a.role or same_name(a.text, b.text):
                continue
            if _mentions(a.text, text_b) or _mentions(b.text, text_a):
                continue
            out.append((a, b))
            seen.add(a.role)
            break
    return out
